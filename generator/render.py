"""Stage 4: turn the model into Markdown pages, in memory, from Jinja2 templates."""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from itertools import groupby
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import jinja2.runtime

from generator import escape
from generator.diagrams import relationship_diagram, timeline_diagram
from generator.errors import TemplateProblem
from generator.model import Award, Beat, Catalog, Character, Film, Source, Theme
from generator.reference import reference_sections
from generator.schema import film_schema
from generator.workers import results_in_order, worker_count


@dataclass(frozen=True)
class Page:
    """One generated Markdown page, not yet written."""

    path: PurePosixPath
    """Where it goes, relative to the generated folder."""
    content: str
    """The Markdown."""


@dataclass(frozen=True)
class FilmPage:
    """One kind of page every film guide has."""

    slug: str
    """File name without `.md`; `index` is the film's overview."""
    title: str
    """The page's name in the film's own navigation."""
    cites: Callable[[Film], Iterable[str]]
    """The source ids cited by the facts this page shows."""
    spoilers: bool = True
    """True when the page may discuss the whole story; it then points to Before viewing."""
    shown: Callable[[Film], bool] = lambda film: True
    """Whether a film has this page at all."""


def _before_viewing_sources(film: Film) -> Iterable[str]:
    facts = (film.credits, film.rating, film.premiere, *film.releases)
    return (s for fact in facts if fact is not None for s in fact.sources)


FILM_PAGES: tuple[FilmPage, ...] = (
    FilmPage("index", "Overview", lambda film: (s.id for s in film.sources)),
    FilmPage("before", "Before viewing", _before_viewing_sources, spoilers=False),
    FilmPage("plot", "Plot", lambda film: (s for b in film.plot for s in b.sources)),
    FilmPage("characters", "Characters", lambda film: film.credits.sources),
    FilmPage("themes", "Themes", lambda film: ()),
    FilmPage("awards", "Awards", lambda film: (s for a in film.awards for s in a.sources)),
    FilmPage("questions", "Questions", lambda film: ()),
    FilmPage("handout", "Handout", lambda film: (), spoilers=False),
    FilmPage(
        "teaching",
        "Teaching",
        lambda film: (),
        spoilers=False,
        shown=lambda film: film.teaching is not None,
    ),
)
"""The pages a film guide can have, in the order of the film's own navigation. The Teaching page
exists only where the film has teaching material, which the student edition strips out."""


def _refuse_unescaped(value: Any) -> Any:
    """Let through only escaped text and numbers: every string from content needs a context
    filter. (A block's `super()` is already Markdown: see _Context.)"""
    if isinstance(value, escape.Markdown | int) or value is None:
        return value
    raise TemplateProblem(
        f"template printed unescaped text {str(value)[:40]!r}: pass it through a context "
        "filter (inline, block, cell, url, attribute, front_matter, slug, people, long_date)"
    )


BUILTIN_PREFIX = "builtin"
"""Templates of the project stay reachable as 'builtin/<name>', so a teacher's template of the
same name can extend the one it replaces."""


def builtin_templates() -> list[str]:
    """The names of the project's own templates."""
    return jinja2.PackageLoader("generator", "templates").list_templates()


def check_overrides(folder: Path) -> None:
    """Refuse a template folder holding a file that replaces no template: a misspelt name would
    otherwise be ignored in silence. Names starting with '_' are the teacher's own partials."""
    known = builtin_templates()
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and not path.name.startswith("_") and name not in known:
            hint = difflib.get_close_matches(name, known, n=1)
            close = f" (did you mean {hint[0]}?)" if hint else ""
            raise TemplateProblem(
                f"{path}: replaces no template{close}; templates: {', '.join(known)}"
            )


class _Context(jinja2.runtime.Context):
    """A template context in which `{{ super() }}` gives the parent block's output as Markdown:
    text a template rendered (its content went through the filters), so a teacher's template
    that extends one of the project's can print it."""

    def super(self, name: str, current: Callable[..., Any]) -> Any:
        parent = super().super(name, current)
        if isinstance(parent, jinja2.runtime.BlockReference):
            return lambda: escape.Markdown(parent())
        return parent


@cache
def environment(overrides: Path | None = None) -> jinja2.Environment:
    """The template environment: strict about undefined names and unescaped text. Templates in
    the `overrides` folder replace the project's templates of the same name."""
    builtin = jinja2.PackageLoader("generator", "templates")
    loaders: list[jinja2.BaseLoader] = [builtin, jinja2.PrefixLoader({BUILTIN_PREFIX: builtin})]
    if overrides is not None:
        check_overrides(overrides)
        loaders.insert(0, jinja2.FileSystemLoader(overrides))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        # Compiled once per run, not checked against the file on every page: serve, which runs
        # for long, calls forget_templates() when a teacher's templates change.
        auto_reload=False,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_refuse_unescaped,
    )
    env.context_class = _Context
    env.filters.update(
        inline=escape.inline,
        block=escape.block,
        cell=escape.inline,
        url=escape.url,
        attribute=escape.attribute,
        front_matter=escape.front_matter,
        slug=escape.slug,
        people=escape.people,
        long_date=escape.long_date,
        beat_link=beat_link,
        character_link=character_link,
        theme_link=theme_link,
        source_entry=source_entry,
        relationship_diagram=relationship_diagram,
        timeline_diagram=timeline_diagram,
    )
    return env


def forget_templates() -> None:
    """Drop the compiled templates, so the next render reads the template files again."""
    environment.cache_clear()


def beat_link(beat: Beat, film_id: str | None = None) -> escape.Markdown:
    """A link to a beat on its film's plot page: '[3. Title](plot.md#beat-id)', from another
    folder of the generated pages when the film's id is given."""
    text = f"{beat.number}. {escape.inline(beat.title)}"
    folder = f"../{escape.slug(film_id)}/" if film_id else ""
    return escape.Markdown(f"[{text}]({folder}plot.md#beat-{escape.slug(beat.id)})")


def character_link(character: Character) -> escape.Markdown:
    """A link to a character on its film's characters page."""
    target = f"characters.md#character-{escape.slug(character.id)}"
    return escape.Markdown(f"[{escape.inline(character.name)}]({target})")


def theme_link(theme: Theme) -> escape.Markdown:
    """A link to a theme on its film's themes page."""
    target = f"themes.md#theme-{escape.slug(theme.id)}"
    return escape.Markdown(f"[{escape.inline(theme.name)}]({target})")


def source_entry(source: Source) -> escape.Markdown:
    """A source as one line: linked title, publisher, and what it is used for."""
    title = escape.inline(source.title)
    text = f"[{title}]({escape.url(source.url)})" if source.url else title
    if source.publisher:
        text += f", {escape.inline(source.publisher)}"
    if source.note:
        text += f": {escape.inline(source.note)}"
    return escape.Markdown(text)


REFERENCE_PAGE = "reference"
"""The name of the field reference page in the generated folder; no film may use it as its id."""


def render_pages(
    catalog: Catalog, templates: Path | None = None, jobs: int | None = None
) -> list[Page]:
    """Every generated page: the indexes across films, then each film's guide; templates in the
    `templates` folder replace the project's own of the same name."""
    return list(iter_pages(catalog, templates, jobs))


def iter_pages(
    catalog: Catalog, templates: Path | None = None, jobs: int | None = None
) -> Iterator[Page]:
    """The pages of `render_pages`, as they are made: the guides of a large catalog are
    rendered by `jobs` worker processes (default: one per core) while this process renders the
    indexes and hands on the pages, so they can be written meanwhile."""
    env = environment(templates)
    for page in FILM_PAGES:  # compiled once, here, rather than by every worker
        _template(env, f"film_{page.slug}.md.j2")
    workers = worker_count(len(catalog.films), jobs)
    render = partial(render_film, catalog=catalog, env=env)
    with results_in_order(render, catalog.films, workers) as guides:
        yield from index_pages(catalog, env)
        for guide in guides:
            yield from guide


def index_pages(catalog: Catalog, env: jinja2.Environment) -> list[Page]:
    """The pages across films: the catalog, the field reference, awards, tags and themes."""
    pages = [
        Page(
            PurePosixPath("index.md"),
            _render(
                env,
                "catalog.md.j2",
                decades=decades(catalog.films),
                catalog=catalog,
                vocabulary={t.id: t for t in catalog.themes},
            ),
        ),
        Page(
            PurePosixPath(f"{REFERENCE_PAGE}.md"),
            _render(env, "reference.md.j2", sections=reference_sections(film_schema())),
        ),
        Page(
            PurePosixPath("awards.md"),
            _render(env, "awards_index.md.j2", ceremonies=awards_by_ceremony(catalog)),
        ),
        Page(PurePosixPath("tags.md"), _render(env, "tags.md.j2")),
        Page(
            PurePosixPath("themes", "index.md"),
            _render(env, "themes_index.md.j2", catalog=catalog),
        ),
    ]
    for theme in catalog.themes:
        treatments = catalog.treatments(theme.id)
        path = PurePosixPath("themes", f"{theme.id}.md")
        pages.append(Page(path, _render(env, "theme.md.j2", theme=theme, treatments=treatments)))
    return pages


@dataclass(frozen=True)
class Decade:
    """The films of one decade, for the catalog."""

    label: str
    """Like '2010s'."""
    films: tuple[Film, ...]
    """The decade's films, by year then title."""


def decades(films: Iterable[Film]) -> list[Decade]:
    """Films grouped by decade, newest decade first, by year then title within each."""
    ordered = sorted(films, key=lambda f: (-(f.year // 10), f.year, f.title.casefold(), f.id))
    return [
        Decade(f"{start * 10}s", tuple(group))
        for start, group in groupby(ordered, key=lambda f: f.year // 10)
    ]


@dataclass(frozen=True)
class AwardEntry:
    """One nomination or win of one film, for the awards index."""

    film: Film
    """The film."""
    award: Award
    """The nomination or win."""


@dataclass(frozen=True)
class CeremonyEdition:
    """One edition of a ceremony, like the 86th Academy Awards."""

    name: str
    """Like '86th Academy Awards'."""
    date: datetime.date
    """When it was held."""
    entries: tuple[AwardEntry, ...]
    """Its nominations and wins for the films of the catalog: by category, wins first."""


def awards_by_ceremony(catalog: Catalog) -> list[tuple[str, list[CeremonyEdition]]]:
    """Every award of every film: by ceremony (A to Z), then edition (newest first)."""
    entries = [AwardEntry(film, award) for film in catalog.films for award in film.awards]
    result = []
    by_ceremony = sorted(entries, key=lambda e: e.award.ceremony.casefold())
    for ceremony, group in groupby(by_ceremony, key=lambda e: e.award.ceremony):
        by_edition = sorted(
            group, key=lambda e: (e.award.date, e.award.ceremony_name), reverse=True
        )
        editions = [
            CeremonyEdition(
                name,
                items[0].award.date,
                tuple(
                    sorted(items, key=lambda e: (e.award.category, not e.award.won, e.film.title))
                ),
            )
            for name, items in (
                (n, list(g)) for n, g in groupby(by_edition, key=lambda e: e.award.ceremony_name)
            )
        ]
        result.append((ceremony, editions))
    return result


def render_film(film: Film, catalog: Catalog, env: jinja2.Environment | None = None) -> list[Page]:
    """The pages of one film's guide."""
    env = env if env is not None else environment()
    pages = tuple(page for page in FILM_PAGES if page.shown(film))
    shared = {
        "film": film,
        "pages": pages,
        "ceremonies": ceremonies(film.awards),
        "vocabulary": {t.id: t for t in catalog.themes},
    }
    return [
        Page(
            PurePosixPath(film.id, f"{page.slug}.md"),
            _render(
                env,
                f"film_{page.slug}.md.j2",
                page=page,
                sources=film.sources_for(tuple(page.cites(film))),
                **shared,
            ),
        )
        for page in pages
    ]


def ceremonies(awards: Iterable[Award]) -> list[tuple[str, list[Award]]]:
    """Awards grouped by ceremony, ceremonies in date order, wins first within each."""
    ordered = sorted(awards, key=lambda a: (a.date, a.ceremony_name))
    return [
        (name, sorted(group, key=lambda a: not a.won))
        for name, group in groupby(ordered, key=lambda a: a.ceremony_name)
    ]


def _template(env: jinja2.Environment, name: str) -> jinja2.Template:
    try:
        return env.get_template(name)
    except jinja2.TemplateError as problem:
        raise _template_problem(name, problem) from problem


def _render(env: jinja2.Environment, template: str, **context: Any) -> str:
    try:
        return env.get_template(template).render(**context)
    except (jinja2.TemplateError, TemplateProblem, ValueError) as problem:
        raise _template_problem(template, problem) from problem


def _template_problem(template: str, problem: Exception) -> TemplateProblem:
    if isinstance(problem, jinja2.TemplateSyntaxError):
        where = problem.filename or template
        return TemplateProblem(f"{where}:{problem.lineno}: {problem.message}")
    return TemplateProblem(f"template {template}: {problem}")
