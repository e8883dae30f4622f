"""The JSON Schemas of the content files: film.schema.json for content/films/<id>.yml and
themes.schema.json for content/themes.yml. The validator, the field reference page and editors
(through the `# yaml-language-server: $schema=` line) all read these same files."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A schema shipped with the package, by name ('film' or 'themes')."""
    text = resources.files(__name__).joinpath(f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def film_schema() -> dict[str, Any]:
    """The schema of a film file."""
    return load_schema("film")
