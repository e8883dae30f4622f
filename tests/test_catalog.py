"""The pages across films follow the content: a film added appears everywhere it should, a theme
removed disappears from everywhere, and the catalog stays sorted and grouped."""

from __future__ import annotations

import dataclasses
import re

import pytest

from generator.model import Catalog, Film
from generator.pipeline import check_content
from generator.render import render_pages
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def real() -> Catalog:
    return check_content(ROOT / "content").catalog


def _pages(catalog: Catalog) -> dict[str, str]:
    return {page.path.as_posix(): page.content for page in render_pages(catalog)}


def _copy(film: Film, film_id: str, title: str, year: int) -> Film:
    return dataclasses.replace(film, id=film_id, title=title, year=year)


def test_every_film_of_the_content_is_in_every_index(real: Catalog) -> None:
    pages = _pages(real)
    assert {f.id for f in real.films} == {
        "arrival",
        "eternal-sunshine-of-the-spotless-mind",
        "her",
        "lost-in-translation",
    }
    for film in real.films:
        assert f"]({film.id}/index.md)" in pages["index.md"]
        for theme in film.themes:
            assert (
                f"## {film.title} ({film.year}) {{ #film-{film.id} }}"
                in pages[f"themes/{theme.id}.md"]
            )
        for award in film.awards:
            assert f"[{film.title} ({film.year})]({film.id}/awards.md)" in pages["awards.md"]
            assert f"### {award.ceremony_name} ({award.date.year})" in pages["awards.md"]
        tags = pages[f"{film.id}/index.md"].split("---")[1]
        for genre in film.genres:
            assert f'  - "{genre}"' in tags


def test_a_film_added_appears_everywhere_it_should(real: Catalog) -> None:
    her = next(f for f in real.films if f.id == "her")
    before = _pages(real)
    added = Catalog((*real.films, _copy(her, "her-again", "Her Again", 1999)), real.themes)
    after = _pages(added)
    assert "her-again/index.md" in after and "her-again/themes.md" in after
    assert "## 1990s" in after["index.md"] and "## 1990s" not in before["index.md"]
    assert "[Her Again](her-again/index.md) | 1999 | Spike Jonze |" in after["index.md"]
    for theme in her.themes:
        assert "#film-her-again" in after[f"themes/{theme.id}.md"]
        count = re.compile(rf"\]\({theme.id}\.md\) \| (\d+) \|")
        assert int(count.search(after["themes/index.md"])[1]) == (  # type: ignore[index]
            int(count.search(before["themes/index.md"])[1]) + 1  # type: ignore[index]
        )
    assert after["awards.md"].count("](her-again/awards.md)") == len(her.awards)
    assert "1990s" in after["index.md"].split("## 2000s")[1]


def test_a_theme_removed_disappears_from_everywhere(real: Catalog) -> None:
    def drop_voice(film: Film) -> Film:
        questions = tuple(
            dataclasses.replace(q, themes=tuple(t for t in q.themes if t != "voice"))
            for q in film.questions
        )
        themes = tuple(t for t in film.themes if t.id != "voice")
        teaching = film.teaching and dataclasses.replace(
            film.teaching,
            activities=tuple(
                dataclasses.replace(a, themes=tuple(t for t in a.themes if t != "voice"))
                for a in film.teaching.activities
            ),
        )
        return dataclasses.replace(film, themes=themes, questions=questions, teaching=teaching)

    without = Catalog(
        tuple(drop_voice(f) for f in real.films),
        tuple(t for t in real.themes if t.id != "voice"),
    )
    pages = _pages(without)
    assert "themes/voice.md" not in pages
    everything = "\n".join(pages.values())
    assert "themes/voice.md" not in everything
    assert "Finding one's own voice" not in everything
    assert "#theme-voice" not in everything


def test_catalog_is_grouped_by_decade_and_sorted(real: Catalog) -> None:
    her = next(f for f in real.films if f.id == "her")
    films = tuple(
        _copy(her, f"film-{year}-{letter.lower()}", f"{letter} film", year)
        for year in (1950, 1999, 1963, 2021, 1999, 1958)
        for letter in ("B", "A")
    )
    text = _pages(Catalog(films, real.themes))["index.md"]
    assert re.findall(r"^## (\d{4}s)$", text, re.M) == ["2020s", "1990s", "1960s", "1950s"]
    rows = re.findall(r"^\| \[(\w) film\]\(film-(\d{4})", text, re.M)
    years = [int(year) for _, year in rows]
    decades = [year // 10 for year in years]
    assert decades == sorted(decades, reverse=True)
    for decade in set(decades):
        inside = [(y, t) for (t, _), y in zip(rows, years, strict=True) if y // 10 == decade]
        assert inside == sorted(inside)


def test_theme_tracker_marks_exactly_the_evidence(real: Catalog) -> None:
    pages = _pages(real)
    for film in real.films:
        tracker = pages[f"{film.id}/themes.md"].split("## Theme tracker")[1]
        rows = [line for line in tracker.splitlines() if line.startswith("| [")]
        assert len(rows) == len(film.plot)
        for beat, row in zip(film.plot, rows, strict=True):
            cells = [cell.strip() for cell in row.strip("|").split(" | ")][1:]
            assert len(cells) == len(film.themes)
            for theme, cell in zip(film.themes, cells, strict=True):
                marked = f"(plot.md#beat-{beat.id}){{ .tracker-mark }}" in cell
                assert marked == theme.shows(beat.id), (film.id, beat.id, theme.id)
