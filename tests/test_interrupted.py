"""A build killed at any moment leaves docs/ and site/ exactly as a complete build left them.

The test measures one full build, then kills builds (SIGKILL, no chance to clean up) at points
spread over that time. After each kill, docs/ and site/ must each be byte-identical to either the
last good build or the complete new build, never a mix, and the next build must succeed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import her_yaml, make_project

Snapshot = dict[str, bytes]


def _snapshot(folder: Path) -> Snapshot:
    # The gzipped sitemap embeds the time it was written, so it differs between any two builds.
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name != "sitemap.xml.gz"
    }


def _her(title: str) -> str:
    return her_yaml().replace("\ntitle: Her\n", f"\ntitle: {title}\n")


def _project(where: Path, title: str) -> Path:
    return make_project(where, {"her.yml": _her(title)})


def _set_title(project: Path, title: str) -> None:
    (project / "content" / "films" / "her.yml").write_text(_her(title), "utf-8")


def _build_command() -> list[str]:
    return [sys.executable, "-m", "generator", "build"]


def _build(project: Path) -> float:
    start = time.perf_counter()
    subprocess.run(_build_command(), cwd=project, check=True, capture_output=True)
    return time.perf_counter() - start


def _state(project: Path) -> tuple[Snapshot, Snapshot]:
    return _snapshot(project / "docs"), _snapshot(project / "site")


def test_killed_builds_leave_a_complete_state(tmp_path: Path) -> None:
    good = _project(tmp_path / "good", "Her")
    _build(good)
    newer = _project(tmp_path / "newer", "Her, edited")
    duration = _build(newer)
    old_docs, old_site = _state(good)
    new_docs, new_site = _state(newer)
    assert old_docs != new_docs and old_site != new_site

    outcomes = []
    for fraction in (0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.95):
        project = tmp_path / f"killed-{fraction}"
        shutil.copytree(good, project, symlinks=True)
        _set_title(project, "Her, edited")
        process = subprocess.Popen(
            _build_command(),
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(duration * fraction)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        docs, site = _state(project)
        assert docs in (old_docs, new_docs), f"docs/ is a mix after a kill at {fraction:.0%}"
        assert site in (old_site, new_site), f"site/ is a mix after a kill at {fraction:.0%}"
        outcomes.append((docs == new_docs, site == new_site))
        _build(project)
        assert _state(project) == (new_docs, new_site), "the next build did not recover"
    assert (False, False) in outcomes or (True, False) in outcomes, (
        f"no kill landed before the site was swapped in: {outcomes}"
    )


@pytest.mark.parametrize("stage", ["content", "site"])
def test_failed_build_leaves_docs_and_site_untouched(tmp_path: Path, stage: str) -> None:
    project = _project(tmp_path / "project", "Her")
    _build(project)
    before = _state(project)
    if stage == "content":
        _set_title(project, "[unclosed")
    else:
        (project / "docs" / "index.md").write_text("[a broken link](nowhere.md)\n")
        before = (_snapshot(project / "docs"), before[1])
    result = subprocess.run(_build_command(), cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert _state(project) == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []
