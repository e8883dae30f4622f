"""The run, stage by stage: load, validate, model, render, write, build. Everything is gathered
and checked before anything is written, so a bad film never leaves half a site."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.errors import ContentError, Diagnostic, Position, SelectionError, Severity
from generator.history import last_changed
from generator.load import YamlFile, find_film_files, load_film, load_yaml
from generator.model import Catalog, Edition, Film, ThemeDefinition, build_film, build_vocabulary
from generator.render import Page, render_pages
from generator.validate import validate_catalog, validate_film, validate_vocabulary
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


@dataclass(frozen=True)
class Options:
    """What a build holds and how its pages look: a teacher's class guide differs from the
    public site only here."""

    edition: Edition = Edition.STUDENT
    """Student (no teacher-only material anywhere) or teacher."""
    films: tuple[str, ...] | None = None
    """The ids of the films to include; None for every film."""
    templates: Path | None = None
    """A folder of templates that replace the project's own of the same name."""


Progress = Callable[[int, int], None]
"""Told how many films of how many have been read and checked so far."""


Signature = tuple[int, int]
"""A file's modification time and size: when both are unchanged, so is the file."""


@dataclass(frozen=True)
class _Known:
    """One film as an earlier run of the same process loaded and checked it."""

    signature: Signature
    vocabulary: Signature
    document: YamlFile | None
    problems: tuple[Diagnostic, ...]


@dataclass
class Cache:
    """Films already loaded and checked in this process (by `serve`), reused while neither the
    film's file nor the theme vocabulary has changed."""

    films: dict[Path, _Known] = field(default_factory=dict)
    """By film file."""


def _signature(path: Path) -> Signature:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


def check_content(
    content: Path,
    *,
    strict: bool = False,
    progress: Progress | None = None,
    cache: Cache | None = None,
    films: tuple[str, ...] | None = None,
) -> Checked:
    """Load and validate every film, or the films with the given ids; raise ContentError with
    all problems if any is an error. With a cache, films whose file and vocabulary are unchanged
    since the last call are reused."""
    paths = find_film_files(content)
    if not paths:
        where = content / GENERATED_FOLDER
        raise ContentError([Diagnostic(where, Position(1, 1), "no film files (*.yml) found")])
    if films is not None:
        paths = select_films(paths, films)
    vocabulary, found = _load_vocabulary(content / VOCABULARY)
    known_themes: list[str] | None = None
    if vocabulary is not None:
        known_themes, vocabulary_problems = validate_vocabulary(vocabulary)
        found.extend(vocabulary_problems)
    vocabulary_signature = _signature(vocabulary.path) if vocabulary is not None else (0, 0)
    cache = cache if cache is not None else Cache()
    loaded: list[YamlFile] = []
    for done, path in enumerate(paths, start=1):
        known = _check_film(path, known_themes, vocabulary_signature, cache)
        found.extend(known.problems)
        if known.document is not None:
            loaded.append(known.document)
        if progress is not None:
            progress(done, len(paths))
    found.extend(validate_catalog(loaded))
    if strict:
        found = [replace(d, severity=Severity.ERROR) for d in found]
    if any(d.severity is Severity.ERROR for d in found) or vocabulary is None:
        raise ContentError(found)
    themes = build_vocabulary(vocabulary.data)
    return Checked(_models(loaded, themes), themes, tuple(found))


def select_films(paths: list[Path], ids: tuple[str, ...]) -> list[Path]:
    """The film files with these ids, in the order given; an unknown id is an error."""
    by_id = {path.stem: path for path in paths}
    unknown = [film_id for film_id in ids if film_id not in by_id]
    if not ids or unknown:
        raise SelectionError(_selection_problem(unknown, sorted(by_id), paths[0].parent))
    return [by_id[film_id] for film_id in dict.fromkeys(ids)]


def _selection_problem(unknown: list[str], known: list[str], folder: Path) -> str:
    if not unknown:
        return "no films selected: give one or more film ids, separated by commas"
    close = [difflib.get_close_matches(film_id, known, n=1) for film_id in unknown]
    hints = "".join(f" (did you mean '{c[0]}'?)" for c in close if c)
    listed = ", ".join(known[:20]) + (", ..." if len(known) > 20 else "")
    missing = ", ".join(f"'{film_id}'" for film_id in unknown)
    return f"no film {missing} in {folder}{hints}; films: {listed}"


def _models(loaded: list[YamlFile], themes: tuple[ThemeDefinition, ...]) -> tuple[Film, ...]:
    """The model of every checked film, by title."""
    changed = last_changed(f.path for f in loaded)
    films = (
        build_film(
            f.film_id,
            f.data,
            source=_relative(f.path),
            vocabulary=themes,
            updated=changed[f.path.resolve()],
        )
        for f in loaded
    )
    return tuple(sorted(films, key=lambda film: (film.title.casefold(), film.year, film.id)))


def _check_film(
    path: Path, known_themes: list[str] | None, vocabulary: Signature, cache: Cache
) -> _Known:
    """Load and check one film, or reuse what the cache holds for it."""
    signature = _signature(path)
    earlier = cache.films.get(path)
    if earlier is not None and (earlier.signature, earlier.vocabulary) == (signature, vocabulary):
        return earlier
    document, problems = load_film(path)
    if document is not None:
        problems.extend(validate_film(document, known_themes))
    known = _Known(signature, vocabulary, document, tuple(problems))
    cache.films[path] = known
    return known


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
    content: Path,
    *,
    strict: bool = False,
    progress: Progress | None = None,
    cache: Cache | None = None,
    options: Options = Options(),
) -> tuple[Checked, list[Page]]:
    """Check the content and render every page of the build in memory."""
    checked = check_content(
        content, strict=strict, progress=progress, cache=cache, films=options.films
    )
    catalog = checked.catalog.for_edition(options.edition)
    return checked, render_pages(catalog, options.templates)


def generate(
    content: Path,
    docs: Path,
    *,
    strict: bool = False,
    progress: Progress | None = None,
    cache: Cache | None = None,
    options: Options = Options(),
) -> tuple[Checked, WriteReport]:
    """Check, render, then write the generated folder of `docs` in one step.

    The staging folder sits beside `docs`, so an interrupted run leaves nothing inside it.
    """
    checked, pages = render_content(
        content, strict=strict, progress=progress, cache=cache, options=options
    )
    return checked, write_pages(docs / GENERATED_FOLDER, pages, workspace=docs.parent)
