"""Stage 5: put rendered pages on disk, all at once, touching only what the generator owns.

The new tree is assembled in a hidden folder of a workspace outside the docs folder (so an
interrupted run leaves nothing inside docs/), with unchanged files hard-linked so they keep their
modification time, and then swapped in with one rename. A run that fails or is killed before
the swap leaves the old tree exactly as it was. A manifest inside the tree records what the
generator wrote; any other file found in the generated folder, or a generated file edited by
hand, stops the run before anything changes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.errors import OutputError
from generator.render import Page

MANIFEST = ".manifest.json"
"""The list of files the generator wrote, kept inside the generated folder."""
_STAGING = ".staging-"
_RETIRED = ".retired-"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@dataclass(frozen=True)
class WriteReport:
    """What a run changed on disk."""

    written: tuple[str, ...]
    """Pages that are new or whose content changed."""
    unchanged: tuple[str, ...]
    """Pages whose content was already on disk, left as they were."""
    removed: tuple[str, ...]
    """Generated pages that no longer exist in the content."""

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"{len(self.written)} page(s) written, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed"
        )


def digest(content: bytes) -> str:
    """The hash the manifest keeps for a file."""
    return hashlib.sha256(content).hexdigest()


def write_pages(target: Path, pages: Iterable[Page], workspace: Path | None = None) -> WriteReport:
    """Replace the generated folder `target` with exactly `pages`, atomically.

    Pages are placed as they come, so writing overlaps rendering; nothing in `target` changes
    until every page is in. `workspace` holds the staging folder; it must be on the same file
    system as `target` (default: the folder holding `target`).
    """
    workspace = workspace or target.parent
    clean_leftovers(target, workspace)
    old = read_owned(target)
    stage = _Stage(target, staging_folder(target, workspace), old)
    with stage:
        for page in pages:
            stage.add(page.path.as_posix(), page.content.encode("utf-8"))
        changed = stage.finish()
    new = stage.digests
    if changed:
        swap_in(stage.folder, target, workspace)
    unchanged = tuple(sorted(p for p in new if old.get(p) == new[p]))
    written = tuple(sorted(p for p in new if old.get(p) != new[p]))
    return WriteReport(written, unchanged, tuple(sorted(set(old) - set(new))))


def read_owned(target: Path) -> dict[str, str]:
    """The generator's files in `target` and their hashes; stop if anything else is there."""
    if not target.exists():
        return {}
    manifest = target / MANIFEST
    if not manifest.is_file():
        raise OutputError(
            f"{target} exists but was not made by this tool (no {MANIFEST} in it): move it "
            "away or choose another output folder; nothing was changed"
        )
    owned: dict[str, str] = json.loads(manifest.read_text("utf-8"))["files"]
    _check_ownership(target, owned)
    return owned


def _check_ownership(target: Path, owned: dict[str, str]) -> None:
    for path in sorted(_files_under(target)):
        name = path.relative_to(target).as_posix()
        if name == MANIFEST:
            continue
        if name not in owned:
            raise OutputError(
                f"{path}: this file was not written by the generator, but {target}/ belongs "
                "to it; move the file elsewhere in the docs folder; nothing was changed"
            )
        if digest(path.read_bytes()) != owned[name]:
            raise OutputError(
                f"{path}: this generated page was edited by hand; put the change in the film's "
                "YAML file instead, then delete this page; nothing was changed"
            )


def _files_under(root: Path) -> Iterator[Path]:
    for folder, _dirs, files in os.walk(root):
        for name in files:
            yield Path(folder, name)


def _aside(target: Path, workspace: Path, kind: str) -> Path:
    """Where the staged or retired copy of `target` lives while a run swaps it."""
    return workspace / f"{kind}{target.name}"


class _Stage:
    """The new tree, assembled beside the target page by page. It is started at the first page
    that differs from the one on disk, so a run that changes nothing writes nothing; unchanged
    pages are hard-links to the old files, so they keep their modification time."""

    def __init__(self, target: Path, folder: Path, old: dict[str, str]) -> None:
        self.target = target
        self.folder = folder
        self.old = old
        self.digests: dict[str, str] = {}
        """Every page so far, by name: the manifest of the new tree."""
        self.started = False
        self.made: set[Path] = set()
        # Creating thousands of small files is bound by the file system, not the CPU: a few
        # threads overlap the waits (open() releases the GIL).
        self.pool = ThreadPoolExecutor(max_workers=4)
        self.placing: list[Future[object]] = []

    def __enter__(self) -> _Stage:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.pool.shutdown(wait=True, cancel_futures=kind is not None)
        if kind is not None and self.started:
            shutil.rmtree(self.folder, ignore_errors=True)

    def add(self, name: str, content: bytes) -> None:
        """Place one page (or only note it, while nothing has changed yet)."""
        self.digests[name] = digest(content)
        if not self.started and self.old.get(name) == self.digests[name]:
            return
        self._start()
        self._place(name, content)

    def finish(self) -> bool:
        """Wait for every page to be in place and write the manifest; False when the pages are
        exactly those on disk (nothing was staged)."""
        if not self.started and self.digests == self.old:
            return False
        self._start()  # pages were only removed
        for placing in self.placing:
            placing.result()
        files = dict(sorted(self.digests.items()))
        (self.folder / MANIFEST).write_text(json.dumps({"files": files}, indent=1) + "\n", "utf-8")
        return True

    def _start(self) -> None:
        """Create the staging folder and place the unchanged pages noted so far."""
        if self.started:
            return
        self.folder.mkdir(parents=True)
        self.started = True
        for name in self.digests:
            if self.old.get(name) == self.digests[name]:
                self._place(name, None)

    def _place(self, name: str, content: bytes | None) -> None:
        destination = self.folder / name
        if destination.parent not in self.made:
            destination.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(destination.parent)
        if content is None or self.old.get(name) == self.digests[name]:
            self.placing.append(self.pool.submit(os.link, self.target / name, destination))
        else:
            self.placing.append(self.pool.submit(destination.write_bytes, content))


def clean_leftovers(target: Path, workspace: Path) -> None:
    """Finish or undo what a killed run left in `workspace`."""
    retired = _aside(target, workspace, _RETIRED)
    staging = _aside(target, workspace, _STAGING)
    if retired.exists() and not target.exists():
        retired.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)


def staging_folder(target: Path, workspace: Path) -> Path:
    """The folder a run fills before swapping it in as `target`."""
    return _aside(target, workspace, _STAGING)


def swap_in(staging: Path, target: Path, workspace: Path) -> None:
    """Make `staging` become `target` in one step, then delete the old `target`."""
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        staging.rename(target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging)
        return
    retired = _aside(target, workspace, _RETIRED)
    target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2; False where that is not available."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    try:
        renameat2 = ctypes.CDLL(libc_name, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return bool(result == 0)
