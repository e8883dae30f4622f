"""What the benchmarks read about the process they run in."""

from __future__ import annotations

import resource
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
