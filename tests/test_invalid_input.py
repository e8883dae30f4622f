"""One case per kind of bad input: each directory under tests/invalid/ holds the content a user
might write and `expected.txt`, the exact output of `filmguide validate` run in that directory.

Regenerate after an intended change to a message: UPDATE_GOLDEN=1 pytest tests/test_invalid_input.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

CASES = sorted(p for p in (Path(__file__).parent / "invalid").iterdir() if p.is_dir())


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_input(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case)
    before = _snapshot(case / "content")
    result = CliRunner().invoke(cli, ["validate"])
    expected = case / "expected.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(result.stderr, "utf-8")
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stderr == expected.read_text("utf-8")
    assert _snapshot(case / "content") == before, "validation must never change content"
    assert not (case / "pwned.txt").exists(), "a YAML tag must never run anything"
