"""Shared fixtures: paths of the repository and a way to write films into a temp content dir."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = (FIXTURES / "minimal.yml").read_text("utf-8")

WriteFilm = Callable[..., Path]


@pytest.fixture
def write_film(tmp_path: Path) -> WriteFilm:
    """Write a film file into tmp_path/content/films and return its path."""

    def write(text: str = MINIMAL, name: str = "minimal.yml") -> Path:
        films = tmp_path / "content" / "films"
        films.mkdir(parents=True, exist_ok=True)
        path = films / name
        path.write_text(text, "utf-8")
        return path

    return write
