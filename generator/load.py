"""Stage 1: read film files into plain data, keeping where every key and value came from.

YAML is composed into nodes (never constructed into arbitrary objects), so tags such as
`!!python/object/apply` are refused before anything could run, aliases are refused, duplicate
keys are an error, and every value keeps the line and column it was written at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Diagnostic, Position, Severity

DataPath = tuple[str | int, ...]
"""Where a value sits in a film's data: keys and list indexes from the top."""

MAX_FILE_BYTES = 1_000_000
"""A film file larger than this is refused (the largest real guide is a few dozen KB)."""
MAX_STRING_CHARS = 20_000
"""A single text value longer than this is refused."""
MAX_DEPTH = 32
"""Nesting deeper than this is refused (a study guide needs about five levels)."""

FILM_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""A film id: the file name without `.yml`, a lowercase slug."""

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = SafeConstructor()
_TAG = "tag:yaml.org,2002:"


class Mark(Protocol):
    """Where the YAML parser saw something, 0-based (PyYAML's C and Python parsers each have
    their own Mark class)."""

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


@dataclass(frozen=True)
class SourceMap:
    """Positions of the values and keys of one file, and its lines for quoting."""

    values: dict[DataPath, Mark]
    """Where each value starts, as the parser marked it (0-based): most are never asked for,
    so they become Positions only when they are."""
    keys: dict[DataPath, Mark]
    """Where each mapping key starts, by the path of its value."""
    lines: tuple[str, ...]
    """The file's text, one entry a line, for showing the offending line."""

    def position(self, path: DataPath, *, key: bool = False) -> Position:
        """Where `path` was written, falling back to its nearest ancestor."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or self.values.get(path[:end])
            if found is not None:
                return _mark_position(found)
        return Position(1, 1)

    def line(self, number: int) -> str | None:
        """The text of a 1-based line, if the file has it."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else None


@dataclass(frozen=True)
class YamlFile:
    """One loaded content file (a film, or the theme vocabulary): its data, and where each part
    of it was written."""

    path: Path
    """The file as the user named it (relative to where the tool runs, when possible)."""
    film_id: str
    """The file name without `.yml`: for a film, its id."""
    data: Any
    """The file's content as plain dicts, lists, strings, numbers, booleans and None."""
    source: SourceMap
    """Positions for diagnostics."""

    def diagnostic(
        self,
        path: DataPath,
        message: str,
        *,
        key: bool = False,
        severity: Severity = Severity.ERROR,
    ) -> Diagnostic:
        """A diagnostic pointing at the value (or key) at `path`, prefixed with that path."""
        where = self.source.position(path, key=key)
        label = format_path(path)
        text = f"{label}: {message}" if label else message
        return Diagnostic(self.path, where, text, severity, self.source.line(where.line))


class LoadProblem(Exception):
    """Raised inside this module when a file cannot become data; turned into a Diagnostic."""

    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


def format_path(path: DataPath) -> str:
    """`('themes', 2, 'evidence')` -> `themes[2].evidence`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def find_film_files(content_dir: Path) -> list[Path]:
    """Every `*.yml` and `*.yaml` file under `content_dir/films`, in a stable order."""
    films = content_dir / "films"
    return sorted(p for p in films.glob("*") if p.suffix in {".yml", ".yaml"} and p.is_file())


def load_film(path: Path) -> tuple[YamlFile | None, list[Diagnostic]]:
    """Load one film file; on failure return no film and the reasons."""
    film, problems = load_yaml(path)
    if film is not None and not FILM_ID.match(film.film_id):
        problems.append(_bad_id(path, film.film_id))
    return film, problems


def load_yaml(path: Path) -> tuple[YamlFile | None, list[Diagnostic]]:
    """Load one content file safely, keeping positions; on failure return None and the reasons."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        message = f"file is {size:,} bytes; the limit for one film is {MAX_FILE_BYTES:,} bytes"
        return None, [Diagnostic(path, Position(1, 1), message)]
    raw = path.read_bytes()
    try:
        text = _decode(raw)
        node = _compose(text)
        source = _SourceBuilder(text)
        data = source.convert(node, (), 0)
    except LoadProblem as problem:
        lines = tuple(raw.decode("utf-8", "replace").splitlines())
        line = lines[problem.position.line - 1] if problem.position.line <= len(lines) else None
        return None, [Diagnostic(path, problem.position, problem.message, source_line=line)]
    return YamlFile(path, path.stem, data, source.build()), []


def _bad_id(path: Path, film_id: str) -> Diagnostic:
    suggestion = re.sub(r"[^a-z0-9]+", "-", film_id.lower()).strip("-") or "film-title"
    message = (
        f"file name '{path.name}' is not a valid film id: expected lowercase letters, digits "
        f"and single hyphens (like 'her' or 'lost-in-translation'); rename it to "
        f"'{suggestion}{path.suffix}'"
    )
    return Diagnostic(path, Position(1, 1), message)


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        before = raw[: bad.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        byte = raw[bad.start : bad.start + 1].hex()
        message = f"file is not valid UTF-8: byte 0x{byte} cannot be decoded; save it as UTF-8"
        raise LoadProblem(message, Position(line, column)) from None
    if not text.strip():
        raise LoadProblem(
            "file is empty: expected a mapping with at least title, year, plot, themes, "
            "awards and dedications",
            Position(1, 1),
        )
    return text


def _compose(text: str) -> Node:
    try:
        _refuse_aliases(text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as bad:
        where = _mark_position(bad.problem_mark or bad.context_mark)
        raise LoadProblem(_syntax_message(bad, text, where), where) from None
    except yaml.YAMLError as bad:
        raise LoadProblem(f"YAML syntax error: {bad}", Position(1, 1)) from None
    except RecursionError:
        raise LoadProblem("YAML nesting is too deep to read", Position(1, 1)) from None
    if node is None:
        raise LoadProblem("file holds no YAML document: expected a mapping", Position(1, 1))
    return node


def _syntax_message(bad: yaml.MarkedYAMLError, text: str, where: Position) -> str:
    lines = text.splitlines()
    line = lines[where.line - 1] if where.line <= len(lines) else ""
    if "\t" in line[: where.column]:
        return "YAML syntax error: a tab is used for indentation; YAML needs spaces"
    problem = bad.problem or "invalid YAML"
    context = ""
    if bad.context and bad.context_mark is not None:
        start = _mark_position(bad.context_mark)
        context = f" ({bad.context} that started at line {start.line}, column {start.column})"
    return f"YAML syntax error: {problem}{context}"


def _refuse_aliases(text: str) -> None:
    if "*" not in text:
        return
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise LoadProblem(
                f"YAML alias '*{event.anchor}' is not allowed: write the value out in full",
                _mark_position(event.start_mark),
            )


def _mark_position(mark: Mark | None) -> Position:
    """A PyYAML mark (0-based) as a Position (1-based); the file's start when there is none."""
    return Position(mark.line + 1, mark.column + 1) if mark is not None else Position(1, 1)


def _position(node: Node) -> Position:
    return _mark_position(node.start_mark)


class _SourceBuilder:
    """Turns composed nodes into plain data while recording positions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.values: dict[DataPath, Mark] = {}
        self.keys: dict[DataPath, Mark] = {}

    def build(self) -> SourceMap:
        return SourceMap(self.values, self.keys, tuple(self.text.splitlines()))

    def convert(self, node: Node, path: DataPath, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise LoadProblem(f"nesting is deeper than {MAX_DEPTH} levels", _position(node))
        self.values[path] = node.start_mark
        if isinstance(node, MappingNode):
            return dict(self._mapping(node, path, depth))
        if isinstance(node, SequenceNode):
            _check_tag(node, "seq")
            return [self.convert(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return _scalar(node)

    def _mapping(self, node: MappingNode, path: DataPath, depth: int) -> Iterator[tuple[str, Any]]:
        _check_tag(node, "map")
        seen: dict[str, Mark] = {}
        for key_node, value_node in node.value:
            key = _key(key_node)
            if key in seen:
                first = seen[key].line + 1
                raise LoadProblem(
                    f"duplicate key '{key}' (first written at line {first}): YAML would "
                    "silently keep only the last one; merge them or rename one",
                    _position(key_node),
                )
            seen[key] = self.keys[(*path, key)] = key_node.start_mark
            yield key, self.convert(value_node, (*path, key), depth + 1)


def _check_tag(node: Node, kind: str) -> None:
    if node.tag != _TAG + kind:
        raise LoadProblem(_tag_message(node.tag), _position(node))


def _tag_message(tag: str) -> str:
    shown = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
    return (
        f"YAML tag '{shown}' is not allowed: only plain text, numbers, true/false, lists and "
        "mappings are accepted, and nothing in a film file is ever run"
    )


def _key(node: Node) -> str:
    if isinstance(node, ScalarNode) and node.tag == _TAG + "merge":
        raise LoadProblem("YAML merge keys ('<<') are not allowed", _position(node))
    if not isinstance(node, ScalarNode) or node.tag != _TAG + "str":
        shown = node.value if isinstance(node, ScalarNode) else "a collection"
        raise LoadProblem(f"mapping keys must be text, found {shown!r}", _position(node))
    return str(node.value)


def _scalar(node: ScalarNode) -> Any:
    kind = node.tag.removeprefix(_TAG)
    if kind in {"str", "timestamp"}:
        if len(node.value) > MAX_STRING_CHARS:
            raise LoadProblem(
                f"text is {len(node.value):,} characters; the limit for one value is "
                f"{MAX_STRING_CHARS:,}",
                _position(node),
            )
        return str(node.value)
    constructors = {
        "int": _SCALARS.construct_yaml_int,
        "float": _SCALARS.construct_yaml_float,
        "bool": _SCALARS.construct_yaml_bool,
        "null": _SCALARS.construct_yaml_null,
    }
    if kind not in constructors:
        raise LoadProblem(_tag_message(node.tag), _position(node))
    return constructors[kind](node)
