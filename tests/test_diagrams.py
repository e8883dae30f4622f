"""Diagrams are well-formed SVG with a text alternative, drawn from the content."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.diagrams import relationship_diagram, timeline_diagram
from generator.model import Catalog, Film
from generator.pipeline import check_content
from tests.conftest import FIXTURES, ROOT, make_project

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return check_content(ROOT / "content").catalog


def _svg(markup: str) -> ET.Element:
    figure = ET.fromstring(markup)
    assert figure.tag == "figure"
    svg = figure.find(f"{SVG}svg")
    assert svg is not None
    assert svg.get("aria-labelledby") == " ".join(
        el.get("id") or ""
        for el in (svg.find(f"{SVG}title"), svg.find(f"{SVG}desc"))
        if el is not None
    )
    return svg


def test_relationship_diagram_draws_every_character_and_relationship(catalog: Catalog) -> None:
    for film in catalog.films:
        svg = _svg(relationship_diagram(film))
        assert len(svg.findall(f".//{SVG}circle")) == len(film.characters)
        labels = [t.text for t in svg.findall(f".//{SVG}text")]
        assert labels == [c.name for c in film.characters]
        pairs = {frozenset((c.id, r.character)) for c in film.characters for r in c.relationships}
        assert len(svg.findall(f".//{SVG}line")) == len(pairs)
        links = [a.get("href") for a in svg.findall(f"{SVG}a")]
        assert links == [f"#character-{c.id}" for c in film.characters]
        description = svg.find(f"{SVG}desc")
        assert description is not None and description.text
        for character in film.characters:
            for relation in character.relationships:
                assert relation.kind in description.text


def test_timeline_draws_every_beat_in_order(catalog: Catalog) -> None:
    for film in catalog.films:
        svg = _svg(timeline_diagram(film))
        labels = [t.text for t in svg.findall(f".//{SVG}text")]
        assert labels == [f"{b.number}. {b.title}" for b in film.plot]
        assert [a.get("href") for a in svg.findall(f"{SVG}a")] == [
            f"#beat-{b.id}" for b in film.plot
        ]


def test_hostile_names_stay_text_in_diagrams(tmp_path: Path) -> None:
    project = make_project(
        tmp_path / "p", {"hostile.yml": (FIXTURES / "hostile.yml").read_text("utf-8")}
    )
    film: Film = check_content(project / "content").films[0]
    svg = _svg(relationship_diagram(film))
    assert [t.text for t in svg.findall(f".//{SVG}text")] == [
        "<a href='javascript:alert(1)'>Villain</a>"
    ]
    assert all(not (a.get("href") or "").startswith("javascript") for a in svg.iter(f"{SVG}a"))
    timeline = _svg(timeline_diagram(film))
    assert [t.text for t in timeline.findall(f".//{SVG}text")] == [
        "1. 1. Opening `code` <svg onload=alert('beat')>"
    ]
