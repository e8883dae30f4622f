"""Shared fixtures: paths of the repository and a way to write films into a temp content dir."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = (FIXTURES / "minimal.yml").read_text("utf-8")
THEMES = (FIXTURES / "themes.yml").read_text("utf-8")

WriteFilm = Callable[..., Path]


@pytest.fixture
def write_film(tmp_path: Path) -> WriteFilm:
    """Write a film file into tmp_path/content/films (beside the test theme vocabulary) and
    return its path."""

    def write(text: str = MINIMAL, name: str = "minimal.yml") -> Path:
        films = tmp_path / "content" / "films"
        films.mkdir(parents=True, exist_ok=True)
        vocabulary = tmp_path / "content" / "themes.yml"
        if not vocabulary.exists():
            vocabulary.write_text(THEMES, "utf-8")
        path = films / name
        path.write_text(text, "utf-8")
        return path

    return write


def make_project(where: Path, films: Mapping[str, str]) -> Path:
    """A copy of the project's site setup (mkdocs.yml, hand-written docs, theme overrides) with
    the given films (file name -> YAML text) as its content."""
    where.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", where / "docs", ignore=shutil.ignore_patterns("films", ".*"))
    shutil.copytree(ROOT / "overrides", where / "overrides")
    content = where / "content" / "films"
    content.mkdir(parents=True)
    shutil.copy(ROOT / "content" / "themes.yml", where / "content" / "themes.yml")
    for name, text in films.items():
        (content / name).write_text(text, "utf-8")
    return where


def her_yaml() -> str:
    """The text of the real Her guide."""
    return (ROOT / "content" / "films" / "her.yml").read_text("utf-8")


def real_films() -> dict[str, str]:
    """Every film of the repository's content: file name -> YAML text."""
    return {p.name: p.read_text("utf-8") for p in (ROOT / "content" / "films").glob("*.yml")}
