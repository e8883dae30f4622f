"""Writing: all at once, only when content changed, and never over a file we did not write."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest

from generator import write
from generator.errors import OutputError, TemplateProblem
from generator.render import Page


def _pages(**files: str) -> list[Page]:
    return [
        Page(PurePosixPath(name.replace("__", "/") + ".md"), text) for name, text in files.items()
    ]


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*") if p.is_file()}


def test_first_write_creates_the_folder_and_a_manifest(tmp_path: Path) -> None:
    target = tmp_path / "docs" / "films"
    report = write.write_pages(target, _pages(index="catalog", her__plot="plot"))
    assert report.written == ("her/plot.md", "index.md")
    tree = _tree(target)
    assert tree["index.md"] == "catalog" and tree["her/plot.md"] == "plot"
    assert write.MANIFEST in tree


def test_unchanged_pages_are_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "films"
    write.write_pages(target, _pages(a="one", b="two"))
    before = {name: (target / name).stat() for name in ("a.md", "b.md")}
    report = write.write_pages(target, _pages(a="one", b="changed"))
    assert report.written == ("b.md",) and report.unchanged == ("a.md",)
    after_a = (target / "a.md").stat()
    assert (after_a.st_ino, after_a.st_mtime_ns) == (
        before["a.md"].st_ino,
        before["a.md"].st_mtime_ns,
    )
    assert (target / "b.md").stat().st_ino != before["b.md"].st_ino


def test_nothing_changed_touches_nothing(tmp_path: Path) -> None:
    target = tmp_path / "films"
    write.write_pages(target, _pages(a="one"))
    stamp = target.stat().st_ino
    report = write.write_pages(target, _pages(a="one"))
    assert report.written == () and report.unchanged == ("a.md",)
    assert target.stat().st_ino == stamp


def test_pages_no_longer_generated_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "films"
    write.write_pages(target, _pages(a="one", old__page="gone"))
    report = write.write_pages(target, _pages(a="one"))
    assert report.removed == ("old/page.md",)
    assert not (target / "old").exists()


def test_hand_written_file_in_generated_folder_stops_the_run(tmp_path: Path) -> None:
    target = tmp_path / "films"
    write.write_pages(target, _pages(a="one"))
    (target / "notes.md").write_text("my notes")
    with pytest.raises(OutputError, match=r"notes\.md: this file was not written by the generator"):
        write.write_pages(target, _pages(a="two"))
    assert (target / "notes.md").read_text() == "my notes"
    assert (target / "a.md").read_text() == "one"


def test_generated_page_edited_by_hand_stops_the_run(tmp_path: Path) -> None:
    target = tmp_path / "films"
    write.write_pages(target, _pages(a="one"))
    (target / "a.md").write_text("edited")
    with pytest.raises(OutputError, match="edited by hand"):
        write.write_pages(target, _pages(a="two"))
    assert (target / "a.md").read_text() == "edited"


def test_folder_not_made_by_the_tool_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "films"
    target.mkdir()
    (target / "mine.md").write_text("mine")
    with pytest.raises(OutputError, match="was not made by this tool"):
        write.write_pages(target, _pages(a="one"))
    assert _tree(target) == {"mine.md": "mine"}


def test_failure_while_staging_leaves_the_old_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "films"
    write.write_pages(target, _pages(a="one", b="two"))
    before = _tree(target)

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.link", fail)
    with pytest.raises(OSError):
        write.write_pages(target, _pages(a="one", b="three"))
    assert _tree(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["films"]


def test_leftovers_of_a_killed_swap_are_recovered(tmp_path: Path) -> None:
    target = tmp_path / "films"
    write.write_pages(target, _pages(a="one"))
    target.rename(tmp_path / ".retired-films")
    (tmp_path / ".staging-films").mkdir()
    write.clean_leftovers(target, tmp_path)
    assert _tree(target)["a.md"] == "one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["films"]


def test_pages_that_fail_to_arrive_leave_the_old_tree(tmp_path: Path) -> None:
    """Pages are written as they are rendered: a template failing half-way through must leave
    the generated folder as it was and no staging folder behind."""
    target = tmp_path / "films"
    write.write_pages(target, _pages(a="one", b="two", c="three"))
    before = _tree(target)

    def rendering() -> Iterator[Page]:
        yield from _pages(a="one", b="changed")
        raise TemplateProblem("template film_plot.md.j2: broken")

    with pytest.raises(TemplateProblem):
        write.write_pages(target, rendering())
    assert _tree(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["films"]


def test_unchanged_pages_before_the_first_change_are_kept_too(tmp_path: Path) -> None:
    target = tmp_path / "films"
    write.write_pages(target, _pages(a="one", b="two", c="three", d="four"))
    kept = {name: (target / f"{name}.md").stat().st_ino for name in "abd"}
    report = write.write_pages(target, _pages(a="one", b="two", c="new", d="four"))
    assert report.written == ("c.md",)
    assert report.unchanged == ("a.md", "b.md", "d.md")
    assert {name: (target / f"{name}.md").stat().st_ino for name in "abd"} == kept
    assert _tree(target)["c.md"] == "new"


def test_a_run_that_changes_nothing_stages_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "films"
    write.write_pages(target, _pages(a="one", b="two"))

    def refuse(*args: object) -> None:
        raise AssertionError("nothing should be staged")

    monkeypatch.setattr(write, "swap_in", refuse)
    monkeypatch.setattr("os.link", refuse)
    report = write.write_pages(target, _pages(a="one", b="two"))
    assert report.written == () and report.unchanged == ("a.md", "b.md")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["films"]
