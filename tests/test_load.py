"""Loading: plain data with the position of every key and value, and nothing dangerous."""

from __future__ import annotations

from pathlib import Path

from generator.errors import Position
from generator.load import MAX_DEPTH, YamlFile, format_path, load_film
from tests.conftest import MINIMAL, WriteFilm


def _load(path: Path) -> YamlFile:
    film, problems = load_film(path)
    assert problems == []
    assert film is not None
    return film


def test_loads_plain_data_with_positions(write_film: WriteFilm) -> None:
    film = _load(write_film())
    assert film.film_id == "minimal"
    assert film.data["year"] == 2001
    assert film.data["plot"][1]["id"] == "end"
    assert film.source.position(("plot", 1, "id")) == Position(18, 9)
    assert film.source.position(("plot", 1, "id"), key=True) == Position(18, 5)
    assert film.source.line(18) == "  - id: end"


def test_position_falls_back_to_nearest_ancestor(write_film: WriteFilm) -> None:
    film = _load(write_film())
    assert film.source.position(("plot", 1, "no-such-key")) == Position(18, 5)


def test_dates_stay_text_for_the_schema_to_check(write_film: WriteFilm) -> None:
    film = _load(write_film(MINIMAL + "premiere:\n  date: 2013-10-12\n"))
    assert film.data["premiere"]["date"] == "2013-10-12"


def test_byte_order_mark_and_crlf_line_endings_are_accepted(write_film: WriteFilm) -> None:
    path = write_film()
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode("utf-8"))
    film = _load(path)
    assert film.data["title"] == "Minimal"
    assert film.source.position(("plot", 1, "id")) == Position(18, 9)


def test_aliases_are_refused_where_they_are_used(write_film: WriteFilm) -> None:
    film, problems = load_film(write_film(MINIMAL + "x: &a [1]\ny: *a\n"))
    assert film is None
    assert problems[0].position == Position(49, 4)
    assert "alias '*a' is not allowed" in problems[0].message


def test_anchors_without_aliases_are_harmless(write_film: WriteFilm) -> None:
    _load(write_film(MINIMAL.replace("title: Minimal", "title: &t Minimal")))


def test_deep_nesting_is_refused(write_film: WriteFilm) -> None:
    deep = "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)
    film, problems = load_film(write_film(MINIMAL + f"deep: {deep}\n"))
    assert film is None
    assert "nesting is deeper than" in problems[0].message


def test_keys_must_be_text(write_film: WriteFilm) -> None:
    film, problems = load_film(write_film(MINIMAL + "2001: year\n"))
    assert film is None
    assert problems[0].message == "mapping keys must be text, found '2001'"


def test_merge_keys_are_refused(write_film: WriteFilm) -> None:
    film, problems = load_film(write_film(MINIMAL + "a: {x: 1}\nb:\n  <<: {x: 2}\n"))
    assert film is None
    assert "merge keys" in problems[0].message


def test_bad_file_name_still_loads_but_is_reported(write_film: WriteFilm) -> None:
    film, problems = load_film(write_film(name="Her_2013.yml"))
    assert film is not None
    assert "rename it to 'her-2013.yml'" in problems[0].message


def test_format_path() -> None:
    assert format_path(("themes", 2, "evidence", 0, "beat")) == "themes[2].evidence[0].beat"
    assert format_path(()) == ""


def test_oversized_file_is_refused_before_it_is_read(write_film: WriteFilm) -> None:
    path = write_film()
    path.write_bytes(b"title: x\n" + b"#" * 1_000_000)
    film, problems = load_film(path)
    assert film is None
    assert problems[0].position == Position(1, 1)
    assert (
        problems[0].message == "file is 1,000,009 bytes; the limit for one film is 1,000,000 bytes"
    )
