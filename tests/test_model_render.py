"""The model built from Her, and rendering rules that hold for every page."""

from __future__ import annotations

import datetime
from pathlib import PurePosixPath

import jinja2
import pytest

from generator.errors import TemplateProblem
from generator.model import Catalog, Film
from generator.pipeline import check_content
from generator.render import FILM_PAGES, environment, render_film, render_pages
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return check_content(ROOT / "content").catalog


@pytest.fixture(scope="module")
def her(catalog: Catalog) -> Film:
    return next(f for f in catalog.films if f.id == "her")


def test_her_model_is_typed_and_complete(her: Film) -> None:
    assert her.title == "Her" and her.year == 2013
    assert her.premiere is not None
    assert her.premiere.date == datetime.date(2013, 10, 12)
    assert her.premiere.event == "New York Film Festival"
    assert len(her.themes) >= 5
    assert {c.name for c in her.characters} >= {
        "Theodore Twombly",
        "Samantha",
        "Catherine",
        "Amy",
        "Charles",
        "Isabella",
        "The blind date",
        "Alan Watts (the OS)",
    }
    oscars = [a for a in her.awards if a.ceremony_name == "86th Academy Awards"]
    assert len(oscars) == 5
    assert [a.category for a in oscars if a.won] == ["Best Original Screenplay"]
    assert "Best Picture" in {a.category for a in oscars}
    assert [d.name for d in her.dedications] == [
        "James Gandolfini",
        "Harris Savides",
        "Maurice Sendak",
        "Adam Yauch",
    ]
    assert her.dedicated_in_memory


def test_model_is_frozen(her: Film) -> None:
    with pytest.raises(AttributeError):
        her.title = "Him"  # type: ignore[misc]


def test_derived_views(her: Film) -> None:
    assert [t.id for t in her.themes_of("letter-to-catherine")] == ["letting-go", "voice"]
    assert [m.actor for m in her.actors_of("samantha")] == ["Scarlett Johansson"]
    assert her.first_release == datetime.date(2013, 12, 18)


def test_every_film_page_is_rendered(her: Film, catalog: Catalog) -> None:
    paths = [p.path for p in render_film(her, catalog)]
    assert paths == [PurePosixPath("her", f"{p.slug}.md") for p in FILM_PAGES]


def test_catalog_comes_first_and_groups_films_by_decade(catalog: Catalog) -> None:
    pages = render_pages(catalog)
    assert pages[0].path == PurePosixPath("index.md")
    text = pages[0].content
    decades = [line for line in text.splitlines() if line.startswith("## ")]
    assert decades == ["## 2010s", "## 2000s"]
    her_row = "| [Her](her/index.md) | 2013 | Spike Jonze | [Loneliness and connection]"
    assert her_row in text
    assert text.index("[Her](her/index.md)") < text.index("[Arrival](arrival/index.md)")


def test_templates_refuse_unescaped_text() -> None:
    template = environment().from_string("{{ text }}")
    with pytest.raises(TemplateProblem, match="unescaped text"):
        template.render(text="<b>")
    assert environment().from_string("{{ text|inline }}").render(text="<b>") == "&lt;b&gt;"


def test_templates_fail_loudly_on_undefined_names() -> None:
    with pytest.raises(jinja2.UndefinedError):
        environment().from_string("{{ missing|inline }}").render()
