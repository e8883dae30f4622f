"""Golden output: the Markdown generated for Her must match tests/golden/ byte for byte.

The catalog rendered holds Her alone (with the real theme vocabulary), so adding another film to
content/ never changes the golden files; changing Her or a template does.

After an intended change to templates or content, regenerate with `make golden` and review the
diff like any other change.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from pathlib import Path

import pytest

from generator.model import Catalog
from generator.pipeline import check_content
from generator.render import Page, render_pages
from tests.conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"
FIXED_DAY = datetime.date(2026, 1, 15)


def _pages(monkeypatch: pytest.MonkeyPatch) -> list[Page]:
    """The pages of a catalog of Her alone, with the last-changed date fixed so the output does
    not follow git history."""
    monkeypatch.chdir(ROOT)
    checked = check_content(Path("content"))
    her = next(f for f in checked.films if f.id == "her")
    return render_pages(Catalog((dataclasses.replace(her, updated=FIXED_DAY),), checked.themes))


def test_generated_markdown_matches_golden(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _pages(monkeypatch)
    generated = {page.path.as_posix(): page.content for page in pages}
    if os.environ.get("UPDATE_GOLDEN"):
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for name, content in generated.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(content, "utf-8")
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_text("utf-8") for p in GOLDEN.rglob("*.md")
    }
    assert sorted(generated) == sorted(expected)
    for name, content in generated.items():
        assert content == expected[name], f"{name} differs from tests/golden/{name}"


def test_generation_is_deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _pages(monkeypatch) == _pages(monkeypatch)
