"""The benchmark scripts keep working: run each at a tiny size."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.pipeline import check_content
from tests.conftest import ROOT


def _quick(script: str) -> str:
    """Run a benchmark script at its tiny size; its output, once it has succeeded."""
    result = subprocess.run(
        [sys.executable, f"benchmarks/{script}", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_hostile_input_benchmark_runs_and_every_case_is_located() -> None:
    output = _quick("hostile_input.py")
    rows = [line for line in output.splitlines() if line.startswith("| ") and " B |" in line]
    assert len(rows) == 10
    assert not any("NOT LOCATED" in row for row in rows)


def test_scale_benchmark_runs_at_a_tiny_size() -> None:
    output = _quick("scale.py")
    rows = [line for line in output.splitlines() if line.startswith("| ") and " s |" in line]
    assert len(rows) == 3
    assert "times faster" in output
    assert "2 page(s) rewritten for a new synopsis" in output, "the overview and Before viewing"
    assert "a saved edit to one film shows in the served page after" in output


def test_synthetic_catalog_is_valid_and_deterministic(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from catalog import write_catalog

    first = write_catalog(5, tmp_path / "a")
    second = write_catalog(5, tmp_path / "b")
    texts = sorted(p.read_text() for p in (first / "films").glob("*.yml"))
    assert texts == sorted(p.read_text() for p in (second / "films").glob("*.yml"))
    checked = check_content(first, strict=False)
    assert len(checked.films) == 5
