"""Golden output: the Markdown generated for Her must match tests/golden/ byte for byte.

After an intended change to templates or content, regenerate with `make golden` and review the
diff like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.pipeline import render_content
from tests.conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"


def test_generated_markdown_matches_golden() -> None:
    _checked, pages = render_content(ROOT / "content")
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


def test_generation_is_deterministic() -> None:
    first = render_content(ROOT / "content")[1]
    second = render_content(ROOT / "content")[1]
    assert first == second
