"""The run, stage by stage: load, validate, model, render, write, build. Everything is gathered
and checked before anything is written, so a bad film never leaves half a site."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from generator.errors import ContentError, Diagnostic, Position, Severity
from generator.history import last_changed
from generator.load import YamlFile, find_film_files, load_film, load_yaml
from generator.model import Catalog, Film, ThemeDefinition, build_film, build_vocabulary
from generator.render import Page, render_pages
from generator.validate import validate_content
from generator.write import WriteReport, write_pages

GENERATED_FOLDER = "films"
"""The folder of `docs/` that the generator owns; everything else in `docs/` is hand-written."""


VOCABULARY = "themes.yml"
"""The shared theme vocabulary, in the content folder beside films/."""


@dataclass(frozen=True)
class Checked:
    """Content that passed validation, with the warnings found on the way."""

    films: tuple[Film, ...]
    """The models of every film, by title."""
    themes: tuple[ThemeDefinition, ...]
    """The shared theme vocabulary."""
    warnings: tuple[Diagnostic, ...]
    """Legal but probably wrong things."""

    @property
    def catalog(self) -> Catalog:
        """The films and themes, for the pages that look across films."""
        return Catalog(self.films, self.themes)


Progress = Callable[[int, int], None]
"""Told how many films of how many have been read and checked so far."""


def check_content(
    content: Path, *, strict: bool = False, progress: Progress | None = None
) -> Checked:
    """Load and validate every film; raise ContentError with all problems if any is an error."""
    paths = find_film_files(content)
    if not paths:
        where = content / GENERATED_FOLDER
        raise ContentError([Diagnostic(where, Position(1, 1), "no film files (*.yml) found")])
    vocabulary, found = _load_vocabulary(content / VOCABULARY)
    loaded: list[YamlFile] = []
    for done, path in enumerate(paths, start=1):
        film, problems = load_film(path)
        found.extend(problems)
        if film is not None:
            loaded.append(film)
        if progress is not None:
            progress(done, len(paths))
    if vocabulary is not None:
        found.extend(validate_content(loaded, vocabulary))
    if strict:
        found = [replace(d, severity=Severity.ERROR) for d in found]
    if any(d.severity is Severity.ERROR for d in found):
        raise ContentError(found)
    assert vocabulary is not None
    themes = build_vocabulary(vocabulary.data)
    changed = last_changed(f.path for f in loaded)
    films = sorted(
        (
            build_film(
                f.film_id,
                f.data,
                source=_relative(f.path),
                vocabulary=themes,
                updated=changed[f.path.resolve()],
            )
            for f in loaded
        ),
        key=lambda film: (film.title.casefold(), film.year, film.id),
    )
    return Checked(tuple(films), themes, tuple(found))


def _load_vocabulary(path: Path) -> tuple[YamlFile | None, list[Diagnostic]]:
    if not path.is_file():
        message = (
            f"the theme vocabulary {path.name} is missing: every film's theme ids are checked "
            "against it; create it with a 'themes' list of id, name and description"
        )
        return None, [Diagnostic(path, Position(1, 1), message)]
    return load_yaml(path)


def _relative(path: Path) -> str:
    """A path as the project names it: relative to the working folder when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def render_content(
    content: Path, *, strict: bool = False, progress: Progress | None = None
) -> tuple[Checked, list[Page]]:
    """Check the content and render every page in memory."""
    checked = check_content(content, strict=strict, progress=progress)
    return checked, render_pages(checked.catalog)


def generate(
    content: Path, docs: Path, *, strict: bool = False, progress: Progress | None = None
) -> tuple[Checked, WriteReport]:
    """Check, render, then write the generated folder of `docs` in one step.

    The staging folder sits beside `docs`, so an interrupted run leaves nothing inside it.
    """
    checked, pages = render_content(content, strict=strict, progress=progress)
    return checked, write_pages(docs / GENERATED_FOLDER, pages, workspace=docs.parent)
