"""When each film file last changed: the date of the last commit that touched it, from one
`git log` over the content folder; a file git does not track, or one changed since its last
commit, gets its modification date instead."""

from __future__ import annotations

import datetime
import subprocess
from collections.abc import Iterable
from pathlib import Path


def last_changed(paths: Iterable[Path]) -> dict[Path, datetime.date]:
    """The day each file last changed."""
    files = [p.resolve() for p in paths]
    if not files:
        return {}
    folder = files[0].parent
    committed = _commit_dates(folder)
    dirty = _uncommitted(folder)
    return {
        path: committed[path] if path in committed and path not in dirty else _modified(path)
        for path in files
    }


def _git(folder: Path, *arguments: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *arguments], cwd=folder, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout


def _commit_dates(folder: Path) -> dict[Path, datetime.date]:
    top = _git(folder, "rev-parse", "--show-toplevel")
    log = _git(folder, "log", "--format=%x1e%cs", "--name-only", "--", ".")
    if top is None or log is None:
        return {}
    root = Path(top.strip())
    dates: dict[Path, datetime.date] = {}
    for commit in log.split("\x1e")[1:]:
        day, *names = commit.strip().splitlines()
        for name in filter(None, names):
            dates.setdefault((root / name).resolve(), datetime.date.fromisoformat(day))
    return dates


def _uncommitted(folder: Path) -> set[Path]:
    top = _git(folder, "rev-parse", "--show-toplevel")
    status = _git(folder, "status", "--porcelain", "--untracked-files=all", "--", ".")
    if top is None or status is None:
        return set()
    root = Path(top.strip())
    return {(root / line[3:].strip().strip('"')).resolve() for line in status.splitlines() if line}


def _modified(path: Path) -> datetime.date:
    return datetime.date.fromtimestamp(path.stat().st_mtime)
