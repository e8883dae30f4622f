"""The validator's fast path agrees with jsonschema: on the real films and on thousands of
altered ones (wrong types, missing and unknown keys, empty text, bad ids, repeated items)."""

from __future__ import annotations

import copy
import functools
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from generator.load import load_yaml
from generator.quickcheck import UnsupportedSchema, compile_check
from generator.validate import _inlined
from tests.conftest import ROOT

FILMS = sorted((ROOT / "content" / "films").glob("*.yml"))
SCHEMA = _inlined("film")
QUICK = compile_check(SCHEMA)
FULL = Draft202012Validator(SCHEMA)

REPLACEMENTS: list[Any] = [
    None,
    True,
    0,
    2013,
    2013.0,
    2013.5,
    -1,
    10_000,
    "",
    "x",
    "Bad Id",
    "ok-id",
    "2013-10-12",
    "javascript:alert(1)",
    "https://example.org/",
    [],
    [""],
    ["a", "a"],
    ["a", "b"],
    {},
    {"x": 1},
]


@functools.cache
def _data(path: Path) -> Any:
    document, problems = load_yaml(path)
    assert document is not None and not problems
    return document.data


def _places(value: Any, found: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key-or-index) in a document."""
    if isinstance(value, dict):
        for key in value:
            found.append((value, key))
            _places(value[key], found)
    elif isinstance(value, list):
        for index in range(len(value)):
            found.append((value, index))
            _places(value[index], found)
    return found


def _mutate(data: Any, chance: random.Random) -> None:
    container, key = chance.choice(_places(data, []))
    action = chance.randrange(4)
    if action == 0:
        container[key] = copy.deepcopy(chance.choice(REPLACEMENTS))
    elif action == 1 and isinstance(container, dict):
        del container[key]
    elif action == 1:
        container.pop(key)
    elif action == 2 and isinstance(container, dict):
        container[chance.choice(["themse", "notes", "x", "title", "id"])] = "added"
    elif action == 2:
        container.append(copy.deepcopy(container[key]))
    else:
        value = container[key]
        if isinstance(value, list):
            value.clear()
        elif isinstance(value, str):
            container[key] = value.upper() + " !"


@pytest.mark.parametrize("path", FILMS, ids=[p.stem for p in FILMS])
def test_the_real_films_pass_both(path: Path) -> None:
    data = _data(path)
    assert QUICK(data) and FULL.is_valid(data)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(film=st.sampled_from(FILMS), seed=st.integers(0, 2**32), changes=st.integers(1, 3))
def test_an_altered_film_gets_the_same_answer_from_both(
    film: Path, seed: int, changes: int
) -> None:
    data = copy.deepcopy(_data(film))
    chance = random.Random(seed)
    for _ in range(changes):
        _mutate(data, chance)
    assert QUICK(data) == FULL.is_valid(data)


def test_a_keyword_the_quick_check_lacks_stops_compilation() -> None:
    with pytest.raises(UnsupportedSchema, match="does not implement \\['oneOf'\\]"):
        compile_check({"type": "object", "properties": {"a": {"oneOf": [{"type": "string"}]}}})
