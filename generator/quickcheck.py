"""A yes/no check compiled from a JSON Schema: the validator's fast path.

Most films are valid, and asking jsonschema whether a film is valid costs as much as listing
its problems. The check below answers "valid?" for the keywords the project's schemas use, as
plain Python closures, several times faster. Only a film it refuses is handed to jsonschema,
which then finds every problem and its place; a film it accepts is one jsonschema accepts too
(tests/test_quickcheck.py compares the two on thousands of altered films). A keyword it does
not know stops compilation: a schema can never gain a rule that the fast path ignores.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

_ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "$comment", "examples"})


class UnsupportedSchema(ValueError):
    """The schema uses a keyword the quick check does not implement."""


def _integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "integer": _integer,
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}


def compile_check(schema: dict[str, Any]) -> Check:
    """A function that tells whether a value satisfies `schema` (with its `$ref`s inlined)."""
    unknown = set(schema) - _ANNOTATIONS - set(_KEYWORDS) - {"$defs"}
    if unknown:
        raise UnsupportedSchema(f"the quick check does not implement {sorted(unknown)}")
    made = (_KEYWORDS[key](schema[key], schema) for key in _KEYWORDS if key in schema)
    return _all_of(tuple(check for check in made if check is not None))


def _all_of(checks: tuple[Check, ...]) -> Check:
    """True when every check is: the common short cases without a loop (it runs for every
    value of every film)."""
    if not checks:
        return lambda value: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda value: first(value) and second(value)
    return lambda value: all(check(value) for check in checks)


def _type(kind: Any, _schema: dict[str, Any]) -> Check:
    kinds = [kind] if isinstance(kind, str) else list(kind)
    tests = [_TYPES[k] for k in kinds]
    if len(tests) == 1:
        return tests[0]
    return lambda value: any(test(value) for test in tests)


def _enum(values: Any, _schema: dict[str, Any]) -> Check:
    if not all(isinstance(v, str) for v in values):
        raise UnsupportedSchema("the quick check compares enums of text only")
    allowed = frozenset(values)
    return lambda value: isinstance(value, str) and value in allowed


def _for_strings(test: Callable[[str], bool]) -> Check:
    return lambda value: not isinstance(value, str) or test(value)


def _for_arrays(test: Callable[[list[Any]], bool]) -> Check:
    return lambda value: not isinstance(value, list) or test(value)


def _for_objects(test: Callable[[dict[str, Any]], bool]) -> Check:
    return lambda value: not isinstance(value, dict) or test(value)


def _for_numbers(test: Callable[[float], bool]) -> Check:
    return lambda value: (
        isinstance(value, bool) or not isinstance(value, int | float) or test(value)
    )


def _min_length(limit: int, _schema: dict[str, Any]) -> Check:
    return _for_strings(lambda text: len(text) >= limit)


def _max_length(limit: int, _schema: dict[str, Any]) -> Check:
    return _for_strings(lambda text: len(text) <= limit)


def _pattern(pattern: str, _schema: dict[str, Any]) -> Check:
    compiled = re.compile(pattern)
    return _for_strings(lambda text: compiled.search(text) is not None)


def _minimum(limit: float, _schema: dict[str, Any]) -> Check:
    return _for_numbers(lambda number: number >= limit)


def _maximum(limit: float, _schema: dict[str, Any]) -> Check:
    return _for_numbers(lambda number: number <= limit)


def _min_items(limit: int, _schema: dict[str, Any]) -> Check:
    return _for_arrays(lambda items: len(items) >= limit)


def _unique_items(unique: bool, _schema: dict[str, Any]) -> Check | None:
    if not unique:
        return None

    def distinct(items: list[Any]) -> bool:
        # Only text compares simply; anything else goes to jsonschema (a refusal is safe).
        return all(isinstance(i, str) for i in items) and len(set(items)) == len(items)

    return _for_arrays(distinct)


def _items(schema: dict[str, Any], _parent: dict[str, Any]) -> Check:
    check = compile_check(schema)
    return _for_arrays(lambda items: all(map(check, items)))


def _required(keys: list[str], _schema: dict[str, Any]) -> Check:
    needed = frozenset(keys)
    return _for_objects(lambda mapping: needed <= mapping.keys())


def _properties(properties: dict[str, Any], _schema: dict[str, Any]) -> Check:
    checks = {key: compile_check(sub) for key, sub in properties.items()}

    def each(mapping: dict[str, Any]) -> bool:
        for key, value in mapping.items():
            check = checks.get(key)
            if check is not None and not check(value):
                return False
        return True

    return _for_objects(each)


def _additional(allowed: Any, schema: dict[str, Any]) -> Check | None:
    if allowed is True:
        return None
    if allowed is not False:
        raise UnsupportedSchema("the quick check knows additionalProperties: false only")
    known = frozenset(schema.get("properties", {}))
    return _for_objects(lambda mapping: known.issuperset(mapping))


_KEYWORDS: dict[str, Callable[[Any, dict[str, Any]], Check | None]] = {
    "type": _type,
    "enum": _enum,
    "required": _required,
    "additionalProperties": _additional,
    "properties": _properties,
    "items": _items,
    "minItems": _min_items,
    "uniqueItems": _unique_items,
    "minLength": _min_length,
    "maxLength": _max_length,
    "pattern": _pattern,
    "minimum": _minimum,
    "maximum": _maximum,
}
"""Each keyword the quick check implements, cheapest first: a wrong type fails before any walk."""
