"""The JSON Schema of a film file (film.schema.json), shared by the validator, the field
reference page and editors (through the `# yaml-language-server: $schema=` line)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def film_schema() -> dict[str, Any]:
    """The film JSON Schema shipped with the package."""
    text = resources.files(__name__).joinpath("film.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
