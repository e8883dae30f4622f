"""Spreading per-film work over the machine's cores.

Checking a film, and rendering its guide, needs nothing from the other films, so a large catalog
is cut into runs of consecutive films that forked worker processes handle; the results come back
in order, as if one process had done it all. Forked workers start with the parent's memory (the
vocabulary, the catalog, the compiled templates) without it being copied or pickled: only the
results travel back.

The work stays in this process when there is little of it, one core, no `fork` (Windows,
macOS's default), or other threads running: forking a process with threads can copy a lock that
another thread holds, and `filmguide serve` runs its watcher and server in threads.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.pool import IMapIterator
from typing import Any, TypeVar

from generator.errors import WorkerLost

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS_PER_WORKER = 25
"""Fewer films than this per worker are not worth a process: starting one costs about as much
as checking and rendering 25 films."""
MAX_WORKERS = 8
"""More workers than this gain little: the parent's share (the results coming back, the
indexes, the writing) stays the same."""
CHUNKS_PER_WORKER = 16
"""Each worker takes several runs of films in turn, so one slow run does not hold up the end
and progress moves in steps smaller than a worker's whole share."""

_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
"""The function and items of the map in progress, set before the workers fork."""


def available_cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worker_count(items: int, jobs: int | None = None) -> int:
    """How many processes to use for `items` films: `jobs` when given, else one per core, never
    more than keeps each worker MIN_ITEMS_PER_WORKER films; 1 means this process alone."""
    if not _can_fork():
        return 1
    wanted = jobs if jobs is not None else min(available_cores(), MAX_WORKERS)
    return max(1, min(wanted, items // MIN_ITEMS_PER_WORKER))


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def map_in_order(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int,
    done: Callable[[int], None] | None = None,
) -> list[Result]:
    """`[function(item) for item in items]`, in `workers` forked processes when more than one;
    `done` is told how many items are finished as they finish."""
    with results_in_order(function, items, workers, done) as results:
        return list(results)


@contextlib.contextmanager
def results_in_order(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int,
    done: Callable[[int], None] | None = None,
) -> Iterator[Iterator[Result]]:
    """The results of `function` for each item, in order, to be read as they come: the workers
    start on entering, so this process can do other work before reading. Leaving, whether all
    results were read or not (an error, Ctrl-C), stops the workers."""
    if workers <= 1 or not _can_fork():
        yield _in_this_process(function, items, done)
        return
    global _job
    _job = (function, items)
    others = {child.pid for child in multiprocessing.active_children()}
    try:
        pool = multiprocessing.get_context("fork").Pool(workers, initializer=_quiet_worker)
    finally:
        _job = None  # the workers have their copy
    started = {child.pid for child in multiprocessing.active_children()} - others
    try:
        chunks = _chunks(len(items), workers * CHUNKS_PER_WORKER)
        yield _flatten(pool.imap(_run_chunk, chunks), started, done)
    finally:
        # The workers only compute: once the results are read, or not wanted any more (an
        # error, Ctrl-C), they can simply be stopped.
        pool.terminate()
        pool.join()


PATIENCE = 1.0
"""Seconds to wait for the next results before checking that every worker still lives."""


def _flatten(
    parts: IMapIterator[list[Any]], workers: set[int | None], done: Callable[[int], None] | None
) -> Iterator[Any]:
    """The results of each run of items, in order. A worker that dies (killed, out of memory)
    loses the run it had, which would otherwise be waited for forever."""
    count = 0
    while True:
        try:
            part = parts.next(timeout=PATIENCE)
        except StopIteration:
            return
        except multiprocessing.TimeoutError:
            if not workers <= {child.pid for child in multiprocessing.active_children()}:
                raise WorkerLost(
                    "a worker process stopped before it finished (was the machine out of "
                    "memory?); nothing was written; run again, or with --jobs 1"
                ) from None
            continue
        yield from part
        count += len(part)
        if done is not None:
            done(count)


def _in_this_process(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    done: Callable[[int], None] | None,
) -> Iterator[Result]:
    for count, item in enumerate(items, start=1):
        yield function(item)
        if done is not None:
            done(count)


def _chunks(count: int, parts: int) -> list[range]:
    """`range(count)` cut into at most `parts` consecutive runs of nearly equal length."""
    parts = max(1, min(parts, count))
    bounds = [count * i // parts for i in range(parts + 1)]
    return [range(start, stop) for start, stop in itertools.pairwise(bounds) if stop > start]


def _run_chunk(indexes: range) -> list[Any]:
    """In a worker: the results for one run of items."""
    assert _job is not None, "workers are forked after the job is set"
    function, items = _job
    return [function(items[i]) for i in indexes]


def _quiet_worker() -> None:
    """Ctrl-C reaches every process of the terminal: the parent alone handles it (it stops the
    run and reports that nothing was half-written), so the workers ignore it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
