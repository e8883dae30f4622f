"""Worker processes: a large catalog checked and rendered by several processes gives exactly what
one process gives, problems included, in the same order.

The tests that need workers run in a fresh process: the test session itself may run threads
(the browser tests serve the site from one), and no worker is forked then.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from generator import workers
from generator.errors import ContentError, Diagnostic, TemplateProblem, WorkerLost
from generator.pipeline import Checked, check_content
from generator.render import Page, render_pages
from generator.workers import MIN_ITEMS_PER_WORKER, map_in_order, results_in_order, worker_count
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork"), reason="worker processes are forked, which this system cannot do"
)

FILMS = 2 * MIN_ITEMS_PER_WORKER + 3
"""Enough films for two workers, and not a multiple of the runs they are cut into."""


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from catalog import write_catalog

    return write_catalog(FILMS, tmp_path_factory.mktemp("catalog"))


def _pid(_: int) -> int:
    return os.getpid()


def _in_fresh_process(function: Callable[..., Any], *args: Any) -> Any:
    """`function(*args)` in a new interpreter, where no other thread runs."""
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn) as pool:
        return pool.submit(function, *args).result(timeout=300)


def _two_workers() -> None:
    assert worker_count(2 * MIN_ITEMS_PER_WORKER, jobs=2) == 2, "workers can be forked here"


def _squares() -> tuple[list[tuple[int, int]], list[int], int]:
    _two_workers()
    told: list[int] = []

    def square(n: int) -> tuple[int, int]:
        time.sleep(0.005)  # long enough that both workers get a share
        return n * n, os.getpid()

    return map_in_order(square, range(103), 2, told.append), told, os.getpid()


def _leave_early() -> tuple[list[int], float]:
    _two_workers()

    def slow(n: int) -> int:
        time.sleep(0.05)
        return os.getpid()

    start = time.perf_counter()
    with results_in_order(slow, range(400), 2) as results:
        first = next(results)
        pids = {first} | {child.pid for child in multiprocessing.active_children() if child.pid}
    return sorted(pids), time.perf_counter() - start


def test_leaving_early_stops_the_workers() -> None:
    """400 items of 50 ms are 10 s of work for two workers: leaving after the first must not
    wait for the rest."""
    pids, seconds = _in_fresh_process(_leave_early)
    assert seconds < 5
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(Path(f"/proc/{pid}").exists() for pid in pids)


def _lose_a_worker() -> tuple[str, float]:
    _two_workers()

    def slow(n: int) -> int:
        time.sleep(0.05)
        return n

    start = time.perf_counter()
    try:
        with results_in_order(slow, range(200), 2) as results:
            next(results)
            victim = multiprocessing.active_children()[0].pid
            assert victim is not None
            os.kill(victim, signal.SIGKILL)  # as the kernel does to a process out of memory
            list(results)
    except WorkerLost as lost:
        return str(lost), time.perf_counter() - start
    raise AssertionError("the lost worker went unnoticed")


def test_a_worker_that_dies_is_reported_instead_of_waited_for() -> None:
    message, seconds = _in_fresh_process(_lose_a_worker)
    assert "a worker process stopped before it finished" in message
    assert seconds < 5 * workers.PATIENCE + 5, "noticed within a few seconds, not hanging"


def test_results_come_back_in_order_with_progress() -> None:
    results, told, parent = _in_fresh_process(_squares)
    assert [square for square, _ in results] == [n * n for n in range(103)]
    assert len({pid for _, pid in results}) == 2, "two workers, neither of them the parent"
    assert parent not in {pid for _, pid in results}
    assert told == sorted(told) and told[-1] == 103


def test_one_worker_means_this_process() -> None:
    assert set(map_in_order(_pid, range(60), 1)) == {os.getpid()}


@pytest.mark.parametrize("count", [0, 1, 7, 8, 9, 1000])
def test_chunks_cover_every_item_once_in_order(count: int) -> None:
    chunks = workers._chunks(count, 8)
    assert [i for chunk in chunks for i in chunk] == list(range(count))
    assert all(len(chunk) > 0 for chunk in chunks)
    lengths = [len(chunk) for chunk in chunks]
    assert not lengths or max(lengths) - min(lengths) <= 1


def test_worker_count_keeps_each_worker_busy_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "available_cores", lambda: 4)
    monkeypatch.setattr(workers, "_can_fork", lambda: True)
    assert worker_count(10) == 1, "a small catalog stays in this process"
    assert worker_count(2 * MIN_ITEMS_PER_WORKER) == 2
    assert worker_count(1000) == 4, "one per core"
    assert worker_count(1000, jobs=1) == 1
    assert worker_count(1000, jobs=3) == 3


@pytest.fixture
def another_thread() -> Iterator[None]:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    yield
    stop.set()
    thread.join()


@pytest.mark.usefixtures("another_thread")
def test_no_fork_while_other_threads_run() -> None:
    """`serve` regenerates from its watcher thread: forking then could copy a held lock."""
    assert worker_count(1000, jobs=2) == 1
    assert set(map_in_order(_pid, range(200), 2)) == {os.getpid()}


def _check_and_render(content: Path, jobs: int) -> tuple[Checked, list[Page]]:
    if jobs > 1:
        _two_workers()
    checked = check_content(content, jobs=jobs)
    return checked, render_pages(checked.catalog, jobs=jobs)


def test_workers_check_and_render_exactly_what_one_process_does(catalog: Path) -> None:
    alone = _check_and_render(catalog, 1)
    shared = _in_fresh_process(_check_and_render, catalog, 2)
    assert shared == alone
    assert len(shared[0].films) == FILMS


def test_workers_report_the_same_problems_in_the_same_order(catalog: Path, tmp_path: Path) -> None:
    broken = tmp_path / "content"
    (broken / "films").mkdir(parents=True)
    (broken / "themes.yml").write_text((catalog / "themes.yml").read_text())
    for index, path in enumerate(sorted((catalog / "films").glob("*.yml"))):
        text = path.read_text()
        if index % 10 == 3:
            text = text.replace("year:", "yeer:", 1)
        if index % 25 == 7:
            text = "title: [\n"
        (broken / "films" / path.name).write_text(text)
    (broken / "films" / "reference.yml").write_text((catalog / "films/film-00000.yml").read_text())
    with pytest.raises(ContentError) as alone:
        check_content(broken, jobs=1)
    shared = _in_fresh_process(_problems, broken)
    assert shared == alone.value.diagnostics
    messages = [d.message for d in shared]
    assert sum("unknown key 'yeer'" in m for m in messages) == 5
    assert sum("YAML syntax error" in m for m in messages) == 2
    assert any("film id 'reference' is reserved" in m for m in messages)


def _problems(content: Path) -> list[Diagnostic]:
    _two_workers()
    try:
        check_content(content, jobs=2)
    except ContentError as failure:
        return failure.diagnostics
    raise AssertionError("the broken catalog passed")


def _template_problem(content: Path, templates: Path) -> str:
    _two_workers()
    checked = check_content(content, jobs=2)
    try:
        render_pages(checked.catalog, templates, jobs=2)
    except TemplateProblem as problem:
        return str(problem)
    raise AssertionError("the broken template rendered")


def test_a_template_failing_in_a_worker_is_reported(catalog: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "film_plot.md.j2").write_text("{{ film.title }}", "utf-8")
    message = _in_fresh_process(_template_problem, catalog, mine)
    assert message.startswith("template film_plot.md.j2: template printed unescaped text")


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux's /proc")
def test_ctrl_c_while_workers_run_stops_them_and_writes_nothing(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from catalog import write_catalog
    from process import children

    content = write_catalog(400, tmp_path)
    run = subprocess.Popen(
        [sys.executable, "-m", "generator", "generate", "--jobs", "2"],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives a command
    )
    deadline = time.monotonic() + 60
    while len(children(run.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    workers_seen = children(run.pid)
    assert len(workers_seen) >= 2, "the workers started"
    os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C does: every process of the group
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 130
    assert "Interrupted; nothing was half-written." in stderr
    assert "Traceback" not in stderr
    assert not (tmp_path / "docs").exists()
    assert content.exists()
    deadline = time.monotonic() + 10
    living = workers_seen
    while living and time.monotonic() < deadline:
        time.sleep(0.05)
        living = [pid for pid in living if Path(f"/proc/{pid}").exists()]
    assert not living, "no worker lives on"
