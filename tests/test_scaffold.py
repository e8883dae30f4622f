"""`filmguide new`: a film file made from the schema, every key described, ready to fill."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import cli
from generator.reference import resolve
from generator.scaffold import film_id, scaffold
from generator.schema import film_schema
from tests.conftest import ROOT, THEMES

COMMENTED_KEY = re.compile(r"^(?P<indent>\s*)# (?P<rest>\s*(?:- )?[a-z_]+:.*)$")


def uncommented(text: str) -> str:
    """The scaffold with every commented-out key put back, as a contributor would."""
    return "\n".join(
        f"{m['indent']}{m['rest']}" if (m := COMMENTED_KEY.match(line)) else line
        for line in text.splitlines()
    )


def schema_keys(root: dict[str, Any], node: dict[str, Any]) -> Any:
    """The nesting of keys the schema describes: mappings of key to what is under it."""
    node = resolve(root, node)
    if node.get("type") == "array":
        item = resolve(root, node.get("items", {}))
        return [schema_keys(root, item)] if item.get("type") == "object" else None
    if node.get("type") == "object":
        return {k: schema_keys(root, v) for k, v in node["properties"].items()}
    return None


def data_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: data_keys(v) for k, v in value.items()}
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [data_keys(value[0])]
    return None


def test_ids_are_made_from_titles() -> None:
    assert film_id("Lost in Translation") == "lost-in-translation"
    assert film_id("Amélie") == "amelie"
    assert film_id("Don't Look Now") == "dont-look-now"
    assert film_id("2001: A Space Odyssey") == "2001-a-space-odyssey"
    assert film_id("Solaris", 1972) == "solaris-1972"


def test_the_scaffold_holds_every_key_of_the_schema_in_place() -> None:
    schema = film_schema()
    text = scaffold("Lost in Translation", 2003, "# yaml-language-server: $schema=x")
    required = yaml.safe_load(text)
    assert set(required) == set(schema["required"]) | {"title", "year"}
    assert required["title"] == "Lost in Translation" and required["year"] == 2003
    assert data_keys(yaml.safe_load(uncommented(text))) == schema_keys(schema, schema)


def test_every_key_is_described() -> None:
    lines = scaffold("X", 2000, "# x").splitlines()
    keys = 0
    for number, line in enumerate(lines):
        if COMMENTED_KEY.match(line) or re.match(r"^\s*(- )?[a-z_]+:", line):
            above = lines[number - 1]
            assert above.lstrip().startswith("#") and not COMMENTED_KEY.match(above), line
            keys += 1
    assert keys == len(list(_all_keys(film_schema(), film_schema())))


def _all_keys(root: dict[str, Any], node: Any) -> Any:
    shape = schema_keys(root, node)
    stack = [shape]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for value in item.values():
                yield value
                stack.append(value)


def test_new_writes_a_film_that_validate_points_through(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "films").mkdir(parents=True)
    (content / "themes.yml").write_text(THEMES, "utf-8")
    runner = CliRunner()
    made = runner.invoke(
        cli, ["new", "Lost in Translation", "--year", "2003", "--content", str(content)]
    )
    assert made.exit_code == 0, made.output
    path = content / "films/lost-in-translation.yml"
    text = path.read_text("utf-8")
    assert text.splitlines()[0].startswith("# yaml-language-server: $schema=")
    schema_path = (path.parent / text.splitlines()[0].split("$schema=")[1]).resolve()
    assert schema_path == (ROOT / "generator/schema/film.schema.json").resolve()
    checked = runner.invoke(cli, ["validate", "--content", str(content)])
    assert checked.exit_code == 1
    located = re.findall(r"lost-in-translation\.yml:(\d+):(\d+): error: ", checked.stderr)
    assert len(located) >= 10
    lines = text.splitlines()
    for line, _column in located:
        assert '""' in lines[int(line) - 1], lines[int(line) - 1]
    assert "Traceback" not in checked.stderr


def test_new_refuses_to_overwrite_a_film(tmp_path: Path) -> None:
    films = tmp_path / "content" / "films"
    films.mkdir(parents=True)
    (films / "her.yml").write_text("title: Her\n", "utf-8")
    result = CliRunner().invoke(
        cli, ["new", "Her", "--year", "2013", "--content", str(tmp_path / "content")]
    )
    assert result.exit_code == 1
    assert "her.yml already exists; nothing was written" in result.stderr
    assert (films / "her.yml").read_text("utf-8") == "title: Her\n"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["Awards", "--year", "2000"], "'awards' cannot be a film id"),
        (["Her", "--year", "2013", "--id", "Her_2013"], "'Her_2013' cannot be a film id"),
        (["???", "--year", "2013"], "no id can be made from the title '???': give one with --id"),
    ],
)
def test_new_refuses_an_unusable_id(tmp_path: Path, arguments: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["new", *arguments, "--content", str(tmp_path)])
    assert result.exit_code == 1
    assert message in result.stderr
    assert not (tmp_path / "films").exists()
