"""`filmguide new`: a film file to fill in, made from the JSON Schema so that it lists every key
the validator knows, each with its description, and never drifts from it."""

from __future__ import annotations

import json
import os
import re
import textwrap
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.errors import FilmGuideError
from generator.load import FILM_ID
from generator.reference import resolve
from generator.schema import film_schema
from generator.validate import RESERVED_IDS

SCHEMA_FILE = Path(__file__).parent / "schema" / "film.schema.json"
WIDTH = 96
"""Where comments wrap."""


class ScaffoldError(FilmGuideError):
    """A new film file cannot be made (it exists, or the title gives no usable id)."""


def film_id(title: str, year: int | None = None) -> str:
    """The id (and file name) for a title: lowercase ASCII words joined by hyphens, accents
    dropped, like 'amelie' for 'Amélie'; with the year when given."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain.lower().replace("'", ""))
    if not words:
        raise ScaffoldError(f"no id can be made from the title {title!r}: give one with --id")
    return "-".join(words + ([str(year)] if year is not None else []))


def new_film(content: Path, title: str, year: int, film: str) -> Path:
    """Write content/films/<film>.yml, ready to fill; refuse to overwrite anything."""
    if not FILM_ID.match(film) or film in RESERVED_IDS:
        raise ScaffoldError(
            f"'{film}' cannot be a film id: use lowercase letters, digits and single hyphens, "
            f"and none of {', '.join(sorted(RESERVED_IDS))}"
        )
    folder = content / "films"
    target = folder / f"{film}.yml"
    if target.exists():
        raise ScaffoldError(f"{target} already exists; nothing was written")
    folder.mkdir(parents=True, exist_ok=True)
    text = scaffold(title, year, _schema_line(folder))
    with target.open("x", encoding="utf-8") as written:
        written.write(text)
    return target


def _schema_line(folder: Path) -> str:
    relative = Path(os.path.relpath(SCHEMA_FILE.resolve(), folder.resolve())).as_posix()
    return f"# yaml-language-server: $schema={relative}"


def scaffold(title: str, year: int, schema_line: str) -> str:
    """The text of a new film file: required keys with empty values to fill, optional keys
    commented out, every key under a comment saying what it takes."""
    schema = film_schema()
    given = {"title": json.dumps(title, ensure_ascii=False), "year": str(year)}
    header = [
        schema_line,
        f"# {title} ({year}): a new film guide, made by `filmguide new`.",
        *_wrap(
            'Fill in every "" and [""] below. Optional keys are commented out: remove the "# " '
            "in front of a key (and of the keys under it) to use it. Then run `filmguide "
            "validate` (or `make validate`): it points at each value still missing. Add only "
            "facts you are sure of, cite a source for each, and write every sentence in your "
            "own words. The site's Film file reference page describes every key.",
            "",
        ),
    ]
    body: list[str] = []
    required = set(schema["required"])
    for key, node in schema["properties"].items():
        lines = list(_key(schema, key, node, "", given.get(key)))
        body += ["", *(lines if key in required else _commented(lines, ""))]
    return "\n".join(header + body) + "\n"


def _key(
    root: dict[str, Any], key: str, node: dict[str, Any], indent: str, value: str | None = None
) -> Iterator[str]:
    resolved = resolve(root, node)
    description = node.get("description") or resolved.get("description", "")
    yield from _wrap(description, indent)
    kind = resolved.get("type")
    if value is not None:
        yield f"{indent}{key}: {value}"
    elif kind == "object":
        yield f"{indent}{key}:"
        yield from _members(root, resolved, indent + "  ")
    elif kind == "array":
        item = resolve(root, resolved.get("items", {}))
        if item.get("type") == "object":
            yield f"{indent}{key}:"
            yield from _item(root, item, indent + "  ")
        else:
            yield f"{indent}{key}: [{_blank(item).strip()}]"
    else:
        yield f"{indent}{key}:{_blank(resolved)}"


def _members(root: dict[str, Any], node: dict[str, Any], indent: str) -> Iterator[str]:
    required = set(node.get("required", ()))
    for key, sub in node["properties"].items():
        lines = list(_key(root, key, sub, indent))
        yield from lines if key in required else _commented(lines, indent)


def _item(root: dict[str, Any], node: dict[str, Any], indent: str) -> Iterator[str]:
    """One item of a list of mappings: its first key carries the '- '."""
    first = True
    for line in _members(root, node, indent + "  "):
        if first and line.startswith(f"{indent}  #"):
            line = line[2:]
        elif first:
            line = f"{indent}- {line[len(indent) + 2 :]}"
            first = False
        yield line


def _blank(node: dict[str, Any]) -> str:
    """An empty value: '""' for text, nothing (null) for a number."""
    return "" if node.get("type") == "integer" else ' ""'


def _commented(lines: list[str], indent: str) -> list[str]:
    """Lines with their keys commented out; comments stay as they are."""
    return [
        line if line.lstrip().startswith("#") else f"{indent}# {line[len(indent) :]}"
        for line in lines
    ]


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text, WIDTH - len(indent), initial_indent=f"{indent}# ", subsequent_indent=f"{indent}# "
    )
