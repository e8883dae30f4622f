"""The run, stage by stage: load, validate, model, render, write, build. Everything is gathered
and checked before anything is written, so a bad film never leaves half a site."""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.errors import ContentError, Diagnostic, Position, SelectionError, Severity
from generator.history import last_changed
from generator.load import YamlFile, find_film_files, load_film, load_yaml
from generator.model import Catalog, Edition, Film, ThemeDefinition, build_film, build_vocabulary
from generator.render import iter_pages
from generator.validate import validate_catalog, validate_film, validate_vocabulary
from generator.workers import map_in_order, worker_count
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
    """One film as checked: by this run, or by an earlier run of the same process."""

    signature: Signature
    """The film file's, when it was checked."""
    vocabulary: Signature
    """The theme vocabulary's, when the film was checked against it."""
    problems: tuple[Diagnostic, ...]
    """What the checks found."""
    start: Diagnostic | None
    """Where the file's content starts, for problems between films; None if it did not load."""
    film: Film | None
    """The model, when the film and the vocabulary have no errors."""


@dataclass
class Cache:
    """Films already loaded and checked in this process (by `serve`), reused while neither the
    film's file nor the theme vocabulary has changed."""

    films: dict[Path, _Known] = field(default_factory=dict)
    """By film file."""


def _signature(path: Path) -> Signature:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


@dataclass(frozen=True)
class _FilmCheck:
    """Checks one film file and builds its model: the same for every film of a run, so worker
    processes can each take a share of the films."""

    known_themes: list[str] | None
    """The vocabulary's theme ids; None when the vocabulary could not be read."""
    themes: tuple[ThemeDefinition, ...] | None
    """The vocabulary, for the models; None when it could not be read."""
    vocabulary: Signature
    """The vocabulary file's signature."""
    changed: dict[Path, datetime.date]
    """When each film file last changed, by resolved path."""

    def __call__(self, path: Path) -> _Known:
        signature = _signature(path)
        document, problems = load_film(path)
        if document is None:
            return _Known(signature, self.vocabulary, tuple(problems), None, None)
        problems.extend(validate_film(document, self.known_themes))
        start = document.diagnostic((), "")
        if self.themes is None or any(p.severity is Severity.ERROR for p in problems):
            return _Known(signature, self.vocabulary, tuple(problems), start, None)
        film = build_film(
            document.film_id,
            document.data,
            source=_relative(path),
            vocabulary=self.themes,
            updated=self.changed[path.resolve()],
        )
        return _Known(signature, self.vocabulary, tuple(problems), start, film)


def check_content(
    content: Path,
    *,
    strict: bool = False,
    progress: Progress | None = None,
    cache: Cache | None = None,
    films: tuple[str, ...] | None = None,
    jobs: int | None = None,
) -> Checked:
    """Load and validate every film, or the films with the given ids; raise ContentError with
    all problems if any is an error. With a cache, films whose file and vocabulary are unchanged
    since the last call are reused. Large catalogs are checked by `jobs` worker processes
    (default: one per core)."""
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
    themes = build_vocabulary(vocabulary.data) if vocabulary and known_themes is not None else None
    check = _FilmCheck(
        known_themes,
        themes,
        _signature(vocabulary.path) if vocabulary is not None else (0, 0),
        last_changed(paths),
    )
    known = _check_films(paths, check, cache if cache is not None else Cache(), progress, jobs)
    for result in known:
        found.extend(result.problems)
    starts = [(p.stem, k.start) for p, k in zip(paths, known, strict=True) if k.start]
    found.extend(validate_catalog(starts))
    if strict:
        found = [replace(d, severity=Severity.ERROR) for d in found]
    if any(d.severity is Severity.ERROR for d in found) or themes is None:
        raise ContentError(found)
    models = (k.film for k in known if k.film is not None)
    ordered = sorted(models, key=lambda film: (film.title.casefold(), film.year, film.id))
    return Checked(tuple(ordered), themes, tuple(found))


def _check_films(
    paths: list[Path], check: _FilmCheck, cache: Cache, progress: Progress | None, jobs: int | None
) -> list[_Known]:
    """Every film checked, in the order of `paths`: from the cache where the film and the
    vocabulary are unchanged, the others in this process or in workers."""
    reused = {path: _reuse(path, check, cache) for path in paths}
    todo = [path for path in paths if reused[path] is None]
    done = len(paths) - len(todo)

    def tell(count: int) -> None:
        if progress is not None:
            progress(done + count, len(paths))

    fresh = map_in_order(check, todo, worker_count(len(todo), jobs), tell)
    cache.films.update(zip(todo, fresh, strict=True))
    return [cache.films[path] for path in paths]


def _reuse(path: Path, check: _FilmCheck, cache: Cache) -> _Known | None:
    """The cached check of a film whose file and vocabulary are unchanged, with the film's
    last-changed date brought up to date (a commit changes it without touching the file)."""
    earlier = cache.films.get(path)
    if earlier is None or (earlier.signature, earlier.vocabulary) != (
        _signature(path),
        check.vocabulary,
    ):
        return None
    updated = check.changed[path.resolve()]
    if earlier.film is not None and earlier.film.updated != updated:
        earlier = replace(earlier, film=replace(earlier.film, updated=updated))
        cache.films[path] = earlier
    return earlier


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


def generate(
    content: Path,
    docs: Path,
    *,
    strict: bool = False,
    progress: Progress | None = None,
    cache: Cache | None = None,
    options: Options = Options(),
    jobs: int | None = None,
) -> tuple[Checked, WriteReport]:
    """Check, then render and write the generated folder of `docs` in one step: every film is
    checked before any page is rendered, and pages are written as they are rendered, into a
    staging folder that replaces the generated folder only once every page is in. The staging
    folder sits beside `docs`, so an interrupted run leaves nothing inside it. Large catalogs
    are checked and rendered by `jobs` worker processes (default: one per core)."""
    checked = check_content(
        content, strict=strict, progress=progress, cache=cache, films=options.films, jobs=jobs
    )
    catalog = checked.catalog.for_edition(options.edition)
    pages = iter_pages(catalog, options.templates, jobs)
    return checked, write_pages(docs / GENERATED_FOLDER, pages, workspace=docs.parent)
