"""`filmguide serve`: preview the site, regenerating pages whenever the YAML changes.

MkDocs' own development server serves the site, rebuilds it when docs/ changes (dirty builds:
only pages whose Markdown changed are rendered again) and reloads the browser. Beside it, a small
watcher polls the content folder; when a film or the theme vocabulary changes it regenerates the
Markdown, which writes only the pages whose content changed, and MkDocs picks those up. A mistake
in the YAML is reported and the last good pages stay up until it is fixed.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from generator.errors import FilmGuideError

Snapshot = dict[Path, tuple[int, int]]


def content_snapshot(content: Path, templates: Path | None = None) -> Snapshot:
    """Modification time and size of every content file, and of a teacher's templates: enough
    to notice any save."""
    files = [*content.glob("films/*.y*ml"), content / "themes.yml"]
    if templates is not None:
        files += templates.rglob("*")
    return {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file()}


class ContentWatcher(threading.Thread):
    """Calls `on_change` whenever a file of the content folder (or of the templates folder) is
    added, saved or removed."""

    def __init__(
        self,
        content: Path,
        on_change: Callable[[], None],
        interval: float = 0.2,
        templates: Path | None = None,
    ):
        super().__init__(name="content-watcher", daemon=True)
        self.content = content
        self.templates = templates
        self.on_change = on_change
        self.interval = interval
        self.stopped = threading.Event()
        self.seen = content_snapshot(content, templates)

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            now = content_snapshot(self.content, self.templates)
            if now != self.seen:
                self.seen = now
                self.on_change()

    def stop(self) -> None:
        self.stopped.set()


def _expected_dirty_warning(record: logging.LogRecord) -> bool:
    """Hide MkDocs' warning that a build is dirty: the preview chooses dirty builds on purpose."""
    return "'dirty' build is being performed" not in record.getMessage()


def serve(
    config_file: Path,
    regenerate: Callable[[], None],
    report: Callable[[FilmGuideError], None],
    content: Path,
    dev_addr: str | None = None,
    templates: Path | None = None,
) -> None:
    """Regenerate, then serve with live reload until interrupted."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    regenerate()

    def on_change() -> None:
        try:
            regenerate()
        except FilmGuideError as failure:
            report(failure)
            print("The last good pages stay up until this is fixed.", file=sys.stderr)

    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.addFilter(_expected_dirty_warning)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    watcher = ContentWatcher(content, on_change, templates=templates)
    watcher.start()
    try:
        # Not strict: a preview must keep running through a warning (and MkDocs warns about
        # every dirty build, which is how a preview stays fast).
        mkdocs_serve(
            config_file=str(config_file),
            livereload=True,
            build_type="dirty",
            strict=False,
            dev_addr=dev_addr,
        )
    finally:
        watcher.stop()
        logger.removeHandler(handler)
