"""The field reference: every key a film file may hold, read from the JSON Schema so the
documentation can never drift from what the validator accepts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_NAMED_DEFS = {
    "id": "id",
    "date": "date (YYYY-MM-DD)",
    "url": "web address",
    "names": "list of names",
    "sources": "list of source ids",
}


_PLURALS = {
    "text": "texts",
    "mapping": "mappings",
    "id": "ids",
    "whole number": "whole numbers",
    "date (YYYY-MM-DD)": "dates (YYYY-MM-DD)",
    "web address": "web addresses",
}


@dataclass(frozen=True)
class Field:
    """One key of a film file, as the reference page shows it."""

    path: str
    """Where the key sits, like `plot[].id` (`[]` marks each item of a list)."""
    kind: str
    """What value it takes, in words: text, a whole number, a list of ..."""
    required: bool
    """Whether the key must be present in its mapping."""
    description: str
    """What the key is for, from the schema."""


@dataclass(frozen=True)
class Section:
    """A top-level key and every key below it."""

    key: str
    """The top-level key."""
    fields: tuple[Field, ...]
    """The key itself first, then the keys below it."""


def reference_sections(schema: dict[str, Any]) -> tuple[Section, ...]:
    """One section per top-level key, in the schema's order."""
    required = set(schema.get("required", ()))
    return tuple(
        Section(key, tuple(_fields(schema, key, sub, key in required)))
        for key, sub in schema["properties"].items()
    )


def _fields(
    root: dict[str, Any], path: str, node: dict[str, Any], required: bool
) -> Iterator[Field]:
    resolved = resolve(root, node)
    description = node.get("description") or resolved.get("description", "")
    yield Field(path, _kind(root, node), required, description)
    item = resolved.get("items")
    if resolved.get("type") == "array" and item is not None:
        resolved, path = resolve(root, item), f"{path}[]"
    if resolved.get("type") == "object":
        needed = set(resolved.get("required", ()))
        for key, sub in resolved.get("properties", {}).items():
            yield from _fields(root, f"{path}.{key}", sub, key in needed)


def resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """A schema node, or the definition its `$ref` points to."""
    ref = node.get("$ref")
    if not ref:
        return node
    target: dict[str, Any] = root["$defs"][ref.rsplit("/", 1)[-1]]
    return target


def _kind(root: dict[str, Any], node: dict[str, Any]) -> str:
    ref = node.get("$ref")
    if ref:
        return _NAMED_DEFS.get(ref.rsplit("/", 1)[-1], "value")
    if "enum" in node:
        return "one of " + ", ".join(f"'{value}'" for value in node["enum"])
    kind = node.get("type")
    if kind == "array":
        return "list of " + _plural(_kind(root, node.get("items", {})))
    limits = []
    if "maxLength" in node:
        limits.append(f"at most {node['maxLength']} characters")
    if "minimum" in node and "maximum" in node:
        limits.append(f"{node['minimum']} to {node['maximum']}")
    words = {"string": "text", "integer": "whole number", "object": "mapping"}
    base = words.get(str(kind), str(kind))
    return base + (f" ({', '.join(limits)})" if limits else "")


def _plural(kind: str) -> str:
    return _PLURALS.get(kind, kind)
