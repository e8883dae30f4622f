"""The benchmark scripts keep working: run each at a tiny size."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_hostile_input_benchmark_runs_and_every_case_is_located() -> None:
    result = subprocess.run(
        [sys.executable, "benchmarks/hostile_input.py", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ") and " B |" in line]
    assert len(rows) == 10
    assert not any("NOT LOCATED" in row for row in rows)
