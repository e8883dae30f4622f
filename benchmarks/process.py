"""What the benchmarks read about the process they run in."""

from __future__ import annotations

import resource
import time
from pathlib import Path


def peak_memory_mb() -> float:
    """This process's peak resident memory. VmHWM, unlike ru_maxrss, is not inherited across
    exec from the parent that started the process."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _proportional_mb(pid: int) -> float:
    """A process's proportional set size: its own pages, plus its share of pages it shares
    (as forked workers share the parent's), so the sum over processes counts each page once."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _running(pid: int) -> bool:
    """True until the process has ended (a process that ended but was not yet waited for is a
    zombie, state Z)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def children(pid: int) -> list[int]:
    """The processes `pid` started that still run (Linux)."""
    listing = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in listing.read_text().split()] if listing.exists() else []


def watch_workers(pid: int, interval: float = 0.1) -> float:
    """Until process `pid` ends: the highest memory of it and its worker processes together,
    sampled while it has workers (MB). Its own peak when alone is exact in VmHWM; this covers
    the moments when several processes hold memory at once."""
    peak = 0.0
    while _running(pid):
        try:
            workers = children(pid)
            if workers:
                peak = max(peak, sum(_proportional_mb(p) for p in (pid, *workers)))
        except (OSError, ValueError):
            pass  # a worker ended between listing and reading it
        time.sleep(interval)
    return peak
