"""The run, stage by stage: load, validate, model, render, write, build. Everything is gathered
and checked before anything is written, so a bad film never leaves half a site."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from generator.errors import ContentError, Diagnostic, Position, Severity
from generator.history import last_changed
from generator.load import FilmFile, find_film_files, load_film
from generator.model import Film, build_film
from generator.render import Page, render_pages
from generator.validate import validate_films
from generator.write import WriteReport, write_pages

GENERATED_FOLDER = "films"
"""The folder of `docs/` that the generator owns; everything else in `docs/` is hand-written."""


@dataclass(frozen=True)
class Checked:
    """Films that passed validation, with the warnings found on the way."""

    films: tuple[Film, ...]
    """The models of every film."""
    warnings: tuple[Diagnostic, ...]
    """Legal but probably wrong things."""


def check_content(content: Path, *, strict: bool = False) -> Checked:
    """Load and validate every film; raise ContentError with all problems if any is an error."""
    paths = find_film_files(content)
    if not paths:
        where = content / GENERATED_FOLDER
        raise ContentError([Diagnostic(where, Position(1, 1), "no film files (*.yml) found")])
    loaded: list[FilmFile] = []
    found: list[Diagnostic] = []
    for path in paths:
        film, problems = load_film(path)
        found.extend(problems)
        if film is not None:
            loaded.append(film)
    found.extend(validate_films(loaded))
    if strict:
        found = [replace(d, severity=Severity.ERROR) for d in found]
    if any(d.severity is Severity.ERROR for d in found):
        raise ContentError(found)
    changed = last_changed(f.path for f in loaded)
    films = tuple(
        build_film(f.film_id, f.data, source=_relative(f.path), updated=changed[f.path.resolve()])
        for f in loaded
    )
    return Checked(films, tuple(found))


def _relative(path: Path) -> str:
    """A path as the project names it: relative to the working folder when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def render_content(content: Path, *, strict: bool = False) -> tuple[Checked, list[Page]]:
    """Check the content and render every page in memory."""
    checked = check_content(content, strict=strict)
    return checked, render_pages(checked.films)


def generate(content: Path, docs: Path, *, strict: bool = False) -> tuple[Checked, WriteReport]:
    """Check, render, then write the generated folder of `docs` in one step.

    The staging folder sits beside `docs`, so an interrupted run leaves nothing inside it.
    """
    checked, pages = render_content(content, strict=strict)
    return checked, write_pages(docs / GENERATED_FOLDER, pages, workspace=docs.parent)
