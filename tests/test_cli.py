"""The command line: exit codes, messages, and no traceback for a user's mistake."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator import pipeline
from generator.cli import cli, terminal_progress
from generator.errors import ContentError
from generator.load import load_film
from tests.conftest import MINIMAL, WriteFilm


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_validate_valid_content(in_tmp: Path, write_film: WriteFilm) -> None:
    write_film()
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 0
    assert result.stderr == "1 film(s) valid.\n"


def test_validate_reports_every_problem_at_once(in_tmp: Path, write_film: WriteFilm) -> None:
    write_film(MINIMAL.replace("year: 2001", "year: x"), "one.yml")
    write_film(MINIMAL.replace("title: Minimal", "title: []"), "two.yml")
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 1
    assert "content/films/one.yml:3:7: error: year: expected a whole number" in result.stderr
    assert "content/films/two.yml:2:8: error: title: expected text" in result.stderr
    assert result.stderr.endswith("Found 2 error(s) in 2 file(s); nothing was written.\n")


def test_validate_json_for_ci(in_tmp: Path, write_film: WriteFilm) -> None:
    write_film(MINIMAL.replace("year: 2001", "year: x"))
    result = CliRunner().invoke(cli, ["validate", "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "path": "content/films/minimal.yml",
            "line": 3,
            "column": 7,
            "severity": "error",
            "message": "year: expected a whole number, found text 'x'",
        }
    ]


def test_strict_turns_warnings_into_errors(in_tmp: Path, write_film: WriteFilm) -> None:
    write_film(MINIMAL.replace("    themes: [home]\n", ""))
    assert CliRunner().invoke(cli, ["validate"]).exit_code == 0
    strict = CliRunner().invoke(cli, ["validate", "--strict"])
    assert strict.exit_code == 1
    assert "error: questions[0].question: question is tied to no theme" in strict.stderr


def test_generate_writes_nothing_when_content_is_invalid(
    in_tmp: Path, write_film: WriteFilm
) -> None:
    write_film()
    assert CliRunner().invoke(cli, ["generate"]).exit_code == 0
    before = sorted((in_tmp / "docs").rglob("*"))
    write_film(MINIMAL.replace("year: 2001", "year: x"))
    result = CliRunner().invoke(cli, ["generate"])
    assert result.exit_code == 1
    assert sorted((in_tmp / "docs").rglob("*")) == before


def test_generate_reports_what_changed(in_tmp: Path, write_film: WriteFilm) -> None:
    write_film()
    first = CliRunner().invoke(cli, ["generate"])
    assert first.stderr == "1 film(s): 15 page(s) written, 0 unchanged, 0 removed.\n"
    second = CliRunner().invoke(cli, ["generate"])
    assert second.stderr == "1 film(s): 0 page(s) written, 15 unchanged, 0 removed.\n"


def test_hand_written_file_blocks_generation_with_a_message(
    in_tmp: Path, write_film: WriteFilm
) -> None:
    write_film()
    CliRunner().invoke(cli, ["generate"])
    (in_tmp / "docs" / "films" / "mine.md").write_text("mine")
    result = CliRunner().invoke(cli, ["generate"])
    assert result.exit_code == 1
    assert "mine.md: this file was not written by the generator" in result.stderr
    assert (in_tmp / "docs" / "films" / "mine.md").read_text() == "mine"


def test_installed_module_runs_and_exits_cleanly(in_tmp: Path, write_film: WriteFilm) -> None:
    write_film(MINIMAL.replace("year: 2001", "year: [unclosed"))
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("content/films/minimal.yml:")


def test_file_system_errors_are_messages_not_tracebacks(
    in_tmp: Path, write_film: WriteFilm, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_film()

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", "docs/films")

    monkeypatch.setattr("generator.pipeline.write_pages", denied)
    result = CliRunner().invoke(cli, ["generate"])
    assert result.exit_code == 1
    assert result.stderr == "error: Permission denied: docs/films\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_and_stays_quiet_in_ci_or_pipes() -> None:
    terminal = _Terminal()
    show = terminal_progress(terminal, {})
    assert show is not None
    for done in range(1, 61):
        show(done, 60)
    assert terminal.getvalue() == (
        "\rChecked 25 of 60 films\rChecked 50 of 60 films\rChecked 60 of 60 films\n"
    )
    assert terminal_progress(_Terminal(), {"CI": "true"}) is None
    assert terminal_progress(io.StringIO(), {}) is None


def test_progress_keeps_up_with_workers_that_report_runs_of_films() -> None:
    terminal = _Terminal()
    show = terminal_progress(terminal, {})
    assert show is not None
    for done in (13, 26, 39, 52, 53):
        show(done, 53)
    assert terminal.getvalue() == (
        "\rChecked 26 of 53 films\rChecked 52 of 53 films\rChecked 53 of 53 films\n"
    )


def test_jobs_can_be_chosen(in_tmp: Path, write_film: WriteFilm) -> None:
    write_film(MINIMAL, "one.yml")
    for arguments in (["validate", "--jobs", "1"], ["validate", "-j", "4"]):
        result = CliRunner().invoke(cli, arguments)
        assert result.exit_code == 0, result.output
    refused = CliRunner().invoke(cli, ["validate", "--jobs", "0"])
    assert refused.exit_code == 2 and "0 is not in the range x>=1" in refused.output


def test_a_cache_reuses_unchanged_films_and_rechecks_changed_ones(
    in_tmp: Path, write_film: WriteFilm, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_film(MINIMAL, "one.yml")
    write_film(MINIMAL, "two.yml")
    loaded: list[str] = []
    real_load = load_film

    def counting(path: Path) -> Any:
        loaded.append(path.name)
        return real_load(path)

    monkeypatch.setattr(pipeline, "load_film", counting)
    cache = pipeline.Cache()
    pipeline.check_content(Path("content"), cache=cache)
    assert sorted(loaded) == ["one.yml", "two.yml"]
    loaded.clear()
    pipeline.check_content(Path("content"), cache=cache)
    assert loaded == []
    write_film(MINIMAL.replace("year: 2001", "year: 2002"), "two.yml")
    checked = pipeline.check_content(Path("content"), cache=cache)
    assert loaded == ["two.yml"]
    assert sorted(f.year for f in checked.films) == [2001, 2002]
    write_film(MINIMAL.replace("year: 2001", "year: x"), "one.yml")
    with pytest.raises(ContentError):
        pipeline.check_content(Path("content"), cache=cache)
    vocabulary = in_tmp / "content" / "themes.yml"
    vocabulary.write_text(
        vocabulary.read_text() + "  - id: more\n    name: More\n    description: x\n"
    )
    write_film(MINIMAL, "one.yml")
    loaded.clear()
    pipeline.check_content(Path("content"), cache=cache)
    assert sorted(loaded) == ["one.yml", "two.yml"], "a new vocabulary rechecks every film"


def test_films_are_still_checked_when_the_vocabulary_is_broken(
    in_tmp: Path, write_film: WriteFilm
) -> None:
    write_film(MINIMAL.replace("year: 2001", "year: x"))
    (in_tmp / "content" / "themes.yml").write_text("themes: []\n")
    result = CliRunner().invoke(cli, ["validate"])
    assert "content/themes.yml:1:9: error: themes: expected at least 1 item(s)" in result.stderr
    assert "content/films/minimal.yml:3:7: error: year: expected a whole number" in result.stderr
