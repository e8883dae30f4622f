"""Diagnostics and the one exception family the command line turns into clean messages."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    """How bad a diagnostic is."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Position:
    """A place in a source file, 1-based like editors count."""

    line: int
    """Line number, starting at 1."""
    column: int
    """Column number, starting at 1."""


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in one file, with where it is and what to do about it."""

    path: Path
    """The file the problem is in, as the user named it."""
    position: Position
    """Where in the file; line 1, column 1 for problems of the whole file."""
    message: str
    """What is wrong: what was expected and what was found."""
    severity: Severity = Severity.ERROR
    """Errors stop the run; warnings do not, unless the run is strict."""
    source_line: str | None = None
    """The text of the offending line, shown with a caret under the column."""

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order diagnostics by file, then place, then text."""
        return (str(self.path), self.position.line, self.position.column, self.message)

    def headline(self) -> str:
        """The clickable `path:line:col: severity: message` line."""
        where = f"{self.path.as_posix()}:{self.position.line}:{self.position.column}"
        return f"{where}: {self.severity.value}: {self.message}"

    def format(self) -> str:
        """The headline, then the source line with a caret under the column."""
        if self.source_line is None:
            return self.headline()
        number = str(self.position.line)
        gutter = " " * len(number)
        text, column = _excerpt(self.source_line.replace("\t", " "), self.position.column)
        caret = " " * (column - 1) + "^"
        return f"{self.headline()}\n {number} | {text}\n {gutter} | {caret}"

    def as_dict(self) -> dict[str, str | int]:
        """A JSON-ready form, for CI annotations."""
        return {
            "path": self.path.as_posix(),
            "line": self.position.line,
            "column": self.position.column,
            "severity": self.severity.value,
            "message": self.message,
        }


_SHOWN = 100
"""How many characters of a long source line are shown around the column."""


def _excerpt(line: str, column: int) -> tuple[str, int]:
    """A long line cut to about _SHOWN characters around `column`, and the column within it."""
    if len(line) <= _SHOWN:
        return line, column
    start = max(0, column - 1 - _SHOWN // 2)
    text = line[start : start + _SHOWN]
    prefix = "..." if start else ""
    suffix = "..." if start + _SHOWN < len(line) else ""
    return prefix + text + suffix, column - start + len(prefix)


class FilmGuideError(Exception):
    """Base of every error the tool reports to its user without a traceback."""


class ContentError(FilmGuideError):
    """Raised when the content has errors; carries every diagnostic of the run."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
        errors = sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)
        super().__init__(f"{errors} error(s) in the content")


class TemplateProblem(FilmGuideError):
    """Raised when a page template fails to render (a bug in a template, not in content)."""


class OutputError(FilmGuideError):
    """Raised when generated pages cannot be written safely (for example a hand-written file
    stands where a generated page must go)."""


class SiteBuildError(FilmGuideError):
    """Raised when MkDocs fails to build the site, or warns in strict mode."""


class SelectionError(FilmGuideError):
    """A build was asked for films the content does not hold."""


class WorkerLost(FilmGuideError):
    """A worker process ended before returning its films' results (killed, or out of memory)."""
