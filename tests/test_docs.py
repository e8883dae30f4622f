"""README.md and CONTRIBUTING.md say what the tool really does."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.schema import film_schema
from tests.conftest import FIXTURES, ROOT

README = (ROOT / "README.md").read_text("utf-8")
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text("utf-8")


def test_readme_error_example_is_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = re.search(r"```text\n\$ filmguide validate\n(.*?)```", README, re.S)
    assert shown is not None
    monkeypatch.chdir(FIXTURES / "readme-example")
    result = CliRunner().invoke(cli, ["validate"])
    assert result.stderr == shown.group(1)


def test_contributing_lists_the_schema_keys() -> None:
    schema = film_schema()
    required = set(schema["required"])
    optional = set(schema["properties"]) - required

    def listed(label: str) -> set[str]:
        match = re.search(rf"- {label}: (.*?)\.\n", CONTRIBUTING, re.S)
        assert match is not None, label
        return set(re.findall(r"`(\w+)`", match.group(1)))

    assert listed("Required") == required
    assert listed("Optional") == optional


def test_make_targets_named_in_the_docs_exist() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    targets = set(re.findall(r"^([a-z]+):", makefile, re.M))
    named = set(re.findall(r"`make (\w+)`", README + CONTRIBUTING))
    assert named, "the docs name no make target"
    assert named <= targets


@pytest.mark.parametrize("command", ["validate", "generate", "build", "serve"])
def test_cli_options_in_the_readme_exist(command: str) -> None:
    row = re.search(rf"\| `filmguide {command} (.*?)` \|", README)
    assert row is not None
    help_text = CliRunner().invoke(cli, [command, "--help"]).output
    for option in re.findall(r"--[a-z-]+", row.group(1)):
        assert option in help_text, f"{command} has no {option}"
