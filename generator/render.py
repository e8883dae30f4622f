"""Stage 4: turn the model into Markdown pages, in memory, from Jinja2 templates."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from pathlib import PurePosixPath
from typing import Any

import jinja2

from generator import escape
from generator.errors import TemplateProblem
from generator.model import Award, Beat, Character, Film, Source, Theme
from generator.reference import reference_sections
from generator.schema import film_schema


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


FILM_PAGES: tuple[FilmPage, ...] = (
    FilmPage("index", "Overview", lambda film: (s.id for s in film.sources)),
    FilmPage("plot", "Plot", lambda film: (s for b in film.plot for s in b.sources)),
    FilmPage("characters", "Characters", lambda film: film.credits.sources),
    FilmPage("themes", "Themes", lambda film: ()),
    FilmPage("awards", "Awards", lambda film: (s for a in film.awards for s in a.sources)),
    FilmPage("questions", "Questions", lambda film: ()),
)
"""The pages of a film guide, in the order of the film's own navigation."""


def _refuse_unescaped(value: Any) -> Any:
    """Let through only escaped text and numbers: every string needs a context filter."""
    if isinstance(value, escape.Markdown | int) or value is None:
        return value
    raise TemplateProblem(
        f"template printed unescaped text {str(value)[:40]!r}: pass it through a context "
        "filter (inline, block, cell, url, attribute, front_matter, slug, people, long_date)"
    )


@cache
def environment() -> jinja2.Environment:
    """The template environment: strict about undefined names and unescaped text."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_refuse_unescaped,
    )
    env.tests["contains"] = lambda sequence, item: item in sequence
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
    )
    return env


def beat_link(beat: Beat) -> escape.Markdown:
    """A link to a beat on its film's plot page: '[3. Title](plot.md#beat-id)'."""
    text = f"{beat.number}. {escape.inline(beat.title)}"
    return escape.Markdown(f"[{text}](plot.md#beat-{escape.slug(beat.id)})")


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


def render_pages(films: Sequence[Film]) -> list[Page]:
    """Every generated page: the catalog, the field reference, then each film's guide."""
    ordered = sorted(films, key=lambda f: (f.title.casefold(), f.year, f.id))
    sections = reference_sections(film_schema())
    pages = [
        Page(PurePosixPath("index.md"), _render("catalog.md.j2", films=ordered)),
        Page(PurePosixPath(f"{REFERENCE_PAGE}.md"), _render("reference.md.j2", sections=sections)),
    ]
    for film in ordered:
        pages.extend(render_film(film))
    return pages


def render_film(film: Film) -> list[Page]:
    """The pages of one film's guide."""
    return [
        Page(
            PurePosixPath(film.id, f"{page.slug}.md"),
            _render(
                f"film_{page.slug}.md.j2",
                film=film,
                page=page,
                pages=FILM_PAGES,
                sources=film.sources_for(tuple(page.cites(film))),
                ceremonies=ceremonies(film.awards),
            ),
        )
        for page in FILM_PAGES
    ]


def ceremonies(awards: Iterable[Award]) -> list[tuple[str, list[Award]]]:
    """Awards grouped by ceremony, ceremonies in date order, wins first within each."""
    ordered = sorted(awards, key=lambda a: (a.date, a.ceremony_name))
    return [
        (name, sorted(group, key=lambda a: not a.won))
        for name, group in groupby(ordered, key=lambda a: a.ceremony_name)
    ]


def _render(template: str, **context: Any) -> str:
    try:
        return environment().get_template(template).render(**context)
    except (jinja2.TemplateError, TemplateProblem, ValueError) as problem:
        raise TemplateProblem(f"template {template}: {problem}") from problem
