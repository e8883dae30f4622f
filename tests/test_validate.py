"""Validation: schema shape, cross-references, dates, and warnings, each at its line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator.errors import Diagnostic, Severity
from generator.load import YamlFile, load_film, load_yaml
from generator.schema import film_schema
from generator.validate import validate_catalog, validate_film, validate_vocabulary
from tests.conftest import FIXTURES, MINIMAL, WriteFilm


def _vocabulary(path: Path = FIXTURES / "themes.yml") -> YamlFile:
    vocabulary, problems = load_yaml(path)
    assert vocabulary is not None and problems == []
    return vocabulary


def validate_content(films: Sequence[YamlFile], vocabulary: YamlFile) -> list[Diagnostic]:
    """Every problem of the vocabulary, of each film and between films, as a run finds them."""
    known, found = validate_vocabulary(vocabulary)
    for film in films:
        found.extend(validate_film(film, known))
    return found + validate_catalog([(f.film_id, f.diagnostic((), "")) for f in films])


def validate_films(films: Sequence[YamlFile]) -> list[Diagnostic]:
    """Validate films against the test theme vocabulary (home, away)."""
    return validate_content(films, _vocabulary())


def _problems(write_film: WriteFilm, text: str, name: str = "minimal.yml") -> list[str]:
    film, loading = load_film(write_film(text, name))
    assert film is not None and loading == []
    return [
        f"{d.position.line}:{d.position.column}: {d.severity.value}: {d.message}"
        for d in validate_films([film])
    ]


def test_minimal_film_is_valid(write_film: WriteFilm) -> None:
    assert _problems(write_film, MINIMAL) == []


def test_schema_is_valid_draft_2020_12() -> None:
    schema = film_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    for key in ("title", "year", "plot", "themes", "awards", "dedications"):
        assert key in schema["required"]


def test_unknown_key_nested_suggests_the_right_one(write_film: WriteFilm) -> None:
    text = MINIMAL.replace("    summary: The hero sets out.", "    sumary: The hero sets out.")
    problems = _problems(write_film, text)
    assert problems[0] == (
        "15:5: error: plot[0].sumary: unknown key 'sumary' (did you mean 'summary'?); "
        "allowed keys: characters, id, sources, summary, title"
    )
    assert (
        problems[1]
        == "13:5: error: plot[0]: missing required key 'summary': what happens, in our own words"
    )


def test_wrong_type_names_expected_and_found(write_film: WriteFilm) -> None:
    problems = _problems(write_film, MINIMAL.replace("directors: [A. Director]", "directors: 7"))
    assert problems == ["6:14: error: credits.directors: expected a list, found a number (7)"]


def test_boolean_that_should_be_text_says_to_quote_it(write_film: WriteFilm) -> None:
    problems = _problems(write_film, MINIMAL.replace("title: Minimal", "title: yes"))
    assert problems == [
        "2:8: error: title: expected text, found true (a boolean; quote it to make it text)"
    ]


def test_broken_references_of_every_kind(write_film: WriteFilm) -> None:
    text = (
        MINIMAL.replace("      character: hero\n  sources", "      character: villain\n  sources")
        .replace("    themes: [home]", "    themes: [away]\n    beats: [middle]")
        .replace("  sources: [notes]\nplot", "  sources: [nots]\nplot")
    )
    problems = "\n".join(_problems(write_film, text))
    assert "credits.cast[0].character: no character 'villain'" in problems
    assert "questions[0].themes[0]: no theme 'away'" in problems
    assert "questions[0].beats[0]: no plot beat 'middle'" in problems
    assert "credits.sources[0]: no source 'nots' (did you mean 'notes'?)" in problems


def test_impossible_date_is_an_error(write_film: WriteFilm) -> None:
    text = MINIMAL + "premiere:\n  date: 2013-02-29\n  event: A festival\n  sources: [notes]\n"
    assert _problems(write_film, text)[0].endswith(
        "premiere.date: expected a real calendar date, found '2013-02-29'"
    )


def test_two_files_for_one_film_id_are_an_error(write_film: WriteFilm) -> None:
    first, _ = load_film(write_film(MINIMAL, "minimal.yml"))
    second, _ = load_film(write_film(MINIMAL, "minimal.yaml"))
    assert first is not None and second is not None
    problems = validate_films([first, second])
    assert len(problems) == 1
    assert "film id 'minimal' is already used by" in problems[0].message
    assert "both would land on one page" in problems[0].message


def test_warnings_for_legal_but_probably_wrong_content(write_film: WriteFilm) -> None:
    text = (
        MINIMAL.replace(
            "    evidence:\n      - beat: end\n        note: The hero comes home.\n",
            "    evidence: []\n",
        )
        .replace("    themes: [home]\n", "")
        .replace("characters: [hero, friend]", "characters: [hero]")
    )
    film, _ = load_film(write_film(text))
    assert film is not None
    problems = validate_films([film])
    assert {d.severity for d in problems} == {Severity.WARNING}
    messages = sorted(d.message for d in problems)
    assert messages == [
        "characters[1].id: character 'friend' appears in no plot beat's characters",
        "questions[0].question: question is tied to no theme: add the theme ids it explores",
        "themes[0].evidence: theme has no evidence: name the plot beats that show it",
    ]


def test_a_flood_of_problems_is_cut_to_the_first_ones(write_film: WriteFilm) -> None:
    flood = "".join(f"junk{i}: {i}\n" for i in range(500))
    problems = _problems(write_film, MINIMAL + flood)
    assert len(problems) == 51
    assert problems[-1] == "2:1: error: more than 50 problems; fix these first"


def test_theme_ids_must_be_in_the_vocabulary(write_film: WriteFilm) -> None:
    text = MINIMAL.replace("  - id: home\n    name: Home", "  - id: hoem\n    name: Home")
    text = text.replace("themes: [home]", "themes: [hoem]")
    problems = _problems(write_film, text)
    assert problems == [
        "34:9: error: themes[0].id: no theme 'hoem' (did you mean 'home'?); "
        "themes in content/themes.yml: home, away"
    ]


def test_vocabulary_is_checked_too(write_film: WriteFilm, tmp_path: Path) -> None:
    film, _ = load_film(write_film())
    broken = tmp_path / "themes.yml"
    broken.write_text("themes:\n  - id: home\n    name: Home\n  - id: home\n    nam: x\n")
    found = [
        f"{d.position.line}:{d.position.column}: {d.message}"
        for d in validate_content([film] if film else [], _vocabulary(broken))
    ]
    assert sorted(found) == [
        "2:5: themes[0]: missing required key 'description': what the theme is about, across films",
        "4:5: themes[1]: missing required key 'description': what the theme is about, across films",
        "4:5: themes[1]: missing required key 'name': the theme's name on the site",
        "5:5: themes[1].nam: unknown key 'nam' (did you mean 'name'?); "
        "allowed keys: description, id, name",
    ]


def test_duplicate_theme_in_the_vocabulary(write_film: WriteFilm, tmp_path: Path) -> None:
    film, _ = load_film(write_film())
    doubled = tmp_path / "themes.yml"
    doubled.write_text(
        (FIXTURES / "themes.yml").read_text()
        + "  - id: home\n    name: Again\n    description: x\n"
    )
    found = [d.message for d in validate_content([film] if film else [], _vocabulary(doubled))]
    assert found == ["themes[2].id: duplicate theme id 'home' (first used at line 2)"]
