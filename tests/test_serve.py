"""`filmguide serve`: saving a film's YAML updates the served page; a mistake keeps the last good
pages up and says what is wrong."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.serve import ContentWatcher
from tests.conftest import her_yaml, make_project


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return str(answer.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError):
        return ""


def _wait_for(url: str, text: str, seconds: float = 30) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if text in _page(url):
            return time.perf_counter() - start
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds} s")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    project = make_project(tmp_path / "project", {"her.yml": her_yaml()})
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/film-study-guides/films/her/"
    try:
        _wait_for(url, "Los Angeles of the near future", seconds=60)
        yield project, url, server
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_saving_a_film_updates_the_served_page(
    served: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    project, url, server = served
    film = project / "content/films/her.yml"
    text = film.read_text()
    film.write_text(text.replace("Los Angeles of the near future", "Los Angeles, soon"))
    _wait_for(url, "Los Angeles, soon")

    film.write_text(text.replace("year: 2013", "year: [2013"))
    time.sleep(2)
    assert "Los Angeles, soon" in _page(url), "the last good page stays up"
    film.write_text(text.replace("Los Angeles of the near future", "Los Angeles, fixed"))
    _wait_for(url, "Los Angeles, fixed")

    server.terminate()
    output = server.communicate(timeout=10)[0]
    assert "1 film(s): 2 page(s) written" in output, "the synopsis: overview and Before viewing"
    assert "content/films/her.yml:" in output and "error: YAML syntax error" in output
    assert "The last good pages stay up until this is fixed." in output
    assert "Traceback" not in output


def test_watcher_notices_saves_additions_and_removals(tmp_path: Path) -> None:
    films = tmp_path / "content" / "films"
    films.mkdir(parents=True)
    (films / "a.yml").write_text("one")
    changes: list[float] = []
    seen = threading.Event()

    def changed() -> None:
        changes.append(time.perf_counter())
        seen.set()

    templates = tmp_path / "class-templates"
    templates.mkdir()
    watcher = ContentWatcher(tmp_path / "content", changed, interval=0.05, templates=templates)
    watcher.start()
    try:
        for action in (
            lambda: (films / "a.yml").write_text("two, longer"),
            lambda: (films / "b.yml").write_text("new"),
            lambda: (films / "a.yml").unlink(),
            lambda: (tmp_path / "content" / "themes.yml").write_text("themes"),
            lambda: (templates / "film_handout.md.j2").write_text("a teacher's own"),
        ):
            seen.clear()
            action()
            assert seen.wait(5), "the watcher missed a change"
    finally:
        watcher.stop()
    assert len(changes) == 5
