"""Help for contributors: the field reference, the editor schema, the pre-commit hook."""

from __future__ import annotations

import copy
import fnmatch
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from generator.model import Catalog
from generator.reference import reference_sections
from generator.render import REFERENCE_PAGE, render_pages
from generator.schema import film_schema
from generator.validate import RESERVED_IDS
from tests.conftest import ROOT


def _schema_paths(schema: dict[str, Any], node: dict[str, Any], path: str) -> Iterator[str]:
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    if node.get("type") == "array" and "items" in node:
        items = node["items"]
        if "$ref" in items:
            items = schema["$defs"][items["$ref"].rsplit("/", 1)[-1]]
        if items.get("type") == "object":
            node, path = items, path + "[]"
    for key, sub in node.get("properties", {}).items():
        yield f"{path}.{key}" if path else key
        yield from _schema_paths(schema, sub, f"{path}.{key}" if path else key)


def test_reference_lists_every_key_of_the_schema() -> None:
    schema = film_schema()
    listed = [f.path for s in reference_sections(schema) for f in s.fields]
    assert sorted(listed) == sorted(_schema_paths(schema, schema, ""))
    assert "themes[].evidence[].beat" in listed


def test_reference_follows_the_schema_when_it_changes() -> None:
    schema = copy.deepcopy(film_schema())
    schema["properties"]["budget"] = {"type": "integer", "description": "Budget in dollars."}
    schema["required"].append("budget")
    sections = reference_sections(schema)
    budget = next(s for s in sections if s.key == "budget").fields[0]
    assert (budget.kind, budget.required, budget.description) == (
        "whole number",
        True,
        "Budget in dollars.",
    )


def test_reference_page_is_generated_and_its_name_is_reserved() -> None:
    page = next(p for p in render_pages(Catalog((), ())) if p.path.stem == REFERENCE_PAGE)
    row = "| themes&#91;&#93;.evidence&#91;&#93;.beat | id | yes | The id of a beat in plot. |"
    assert row in page.content
    assert REFERENCE_PAGE in RESERVED_IDS


def test_editors_associate_the_schema_with_film_files() -> None:
    settings = json.loads((ROOT / ".vscode/settings.json").read_text("utf-8"))
    [(schema_path, globs)] = settings["yaml.schemas"].items()
    assert (ROOT / schema_path).resolve() == (ROOT / "generator/schema/film.schema.json")
    assert any(fnmatch.fnmatch("content/films/her.yml", glob) for glob in globs)
    first_line = (ROOT / "content/films/her.yml").read_text("utf-8").splitlines()[0]
    schema_line = first_line.removeprefix("# yaml-language-server: $schema=")
    assert (ROOT / "content/films" / schema_line).resolve() == (ROOT / schema_path).resolve()


def test_pre_commit_hook_runs_the_real_validate_command(tmp_path: Path) -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "filmguide-validate" and hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "content/films/her.yml")
    program, *arguments = hook["entry"].split()
    executable = Path(sys.executable).parent / program
    ok = subprocess.run(
        [str(executable), *arguments], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert ok.returncode == 0, ok.stderr
    (tmp_path / "content/films").mkdir(parents=True)
    (tmp_path / "content/films/bad.yml").write_text("title: [\n")
    bad = subprocess.run(
        [str(executable), *arguments], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert bad.returncode == 1
    assert bad.stderr.startswith("content/films/bad.yml:2:1: error: YAML syntax error")
