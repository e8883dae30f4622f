"""Stage 2: check loaded films against the JSON Schema and against each other's ids."""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache
from itertools import islice
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from generator.errors import Diagnostic, Severity
from generator.load import DataPath, YamlFile
from generator.quickcheck import Check, compile_check
from generator.schema import load_schema

RESERVED_IDS = frozenset({"reference", "themes", "awards", "tags"})
"""Names of generated pages that sit beside the film folders; no film may take them as its id."""

_KINDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping of keys to values",
    "boolean": "true or false",
    "null": "nothing (null)",
}


@cache
def _inlined(name: str) -> dict[str, Any]:
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    inlined: dict[str, Any] = _inline_refs(schema, schema.get("$defs", {}))
    return inlined


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(_inlined(name))


@cache
def _quick_check(name: str) -> Check:
    return compile_check(_inlined(name))


def _inline_refs(node: Any, definitions: dict[str, Any]) -> Any:
    """The schema with each `$ref` to `$defs` replaced by the definition itself: the same rules,
    checked a third faster (no reference lookups). The definition's own keys win, so messages
    quote the definition's description, as they would through the reference."""
    if isinstance(node, list):
        return [_inline_refs(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        target = definitions[node["$ref"].rsplit("/", 1)[-1]]
        return _inline_refs({**siblings, **target}, definitions)
    return {k: _inline_refs(v, definitions) for k, v in node.items() if k != "$defs"}


def validate_vocabulary(vocabulary: YamlFile) -> tuple[list[str] | None, list[Diagnostic]]:
    """The vocabulary's theme ids (None when its shape is wrong) and its problems."""
    found = _shape(vocabulary, "themes")
    if found:
        return None, found
    known, duplicates = _ids(vocabulary, "themes", "theme")
    return known, duplicates


def validate_catalog(films: list[tuple[str, Diagnostic]]) -> list[Diagnostic]:
    """Problems between films: ids taken twice, ids reserved for the site's own pages. Each
    film comes as its id and a diagnostic pointing at the start of its file."""
    return list(_same_page(films))


MAX_DIAGNOSTICS_PER_FILE = 50
"""More problems than this in one file are summed up in one line: the first ones are the fix."""


def validate_film(film: YamlFile, known_themes: list[str] | None = None) -> list[Diagnostic]:
    """Schema problems first; cross-references only once the shape is right. Theme ids are
    checked against `known_themes` (the vocabulary's ids) when it is given."""
    shape = _shape(film, "film")
    if shape:
        return shape
    vocabulary = [] if known_themes is None else list(_vocabulary(film, known_themes))
    return vocabulary + list(_references(film)) + list(_dates(film)) + list(_warnings(film))


def _shape(document: YamlFile, schema: str) -> list[Diagnostic]:
    """Schema problems, at most MAX_DIAGNOSTICS_PER_FILE and a line saying there are more.
    A document the quick check passes has none: jsonschema looks only at the others."""
    if _quick_check(schema)(document.data):
        return []
    errors = _validator(schema).iter_errors(document.data)
    # One `required` error per missing key each lists all of them: keep each diagnostic once.
    found = _unique(d for e in errors for d in _schema_diagnostics(document, e))
    shape = list(islice(found, MAX_DIAGNOSTICS_PER_FILE + 1))
    if len(shape) > MAX_DIAGNOSTICS_PER_FILE:
        more = document.diagnostic(
            (), f"more than {MAX_DIAGNOSTICS_PER_FILE} problems; fix these first"
        )
        return [*shape[:MAX_DIAGNOSTICS_PER_FILE], more]
    return shape


def _unique(diagnostics: Iterable[Diagnostic]) -> Iterator[Diagnostic]:
    seen: set[Diagnostic] = set()
    for diagnostic in diagnostics:
        if diagnostic not in seen:
            seen.add(diagnostic)
            yield diagnostic


def _vocabulary(film: YamlFile, known: list[str]) -> Iterator[Diagnostic]:
    for index, theme in enumerate(film.data["themes"]):
        if theme["id"] not in known:
            message = _unknown("theme", theme["id"], known).replace(
                "known themes:", "themes in content/themes.yml:"
            )
            yield film.diagnostic(("themes", index, "id"), message)


def _same_page(films: list[tuple[str, Diagnostic]]) -> Iterator[Diagnostic]:
    first: dict[str, Diagnostic] = {}
    for film_id, start in films:
        if film_id in RESERVED_IDS:
            message = f"film id '{film_id}' is reserved for a page of the site; rename the file"
            yield replace(start, message=message)
        elif film_id in first:
            message = (
                f"film id '{film_id}' is already used by {first[film_id].path.as_posix()}: both "
                "would land on one page; rename one of the files"
            )
            yield replace(start, message=message)
        else:
            first[film_id] = start


# --- schema errors -------------------------------------------------------------------------


def _schema_diagnostics(film: YamlFile, error: ValidationError) -> Iterator[Diagnostic]:
    path: DataPath = tuple(error.absolute_path)
    schema, instance, rule_value = _parts(error)
    if error.validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for key in (k for k in instance if k not in allowed):
            hint = _did_you_mean(key, allowed)
            message = f"unknown key '{key}'{hint}; allowed keys: " + ", ".join(allowed)
            yield film.diagnostic((*path, key), message, key=True)
    elif error.validator == "required":
        for missing in (k for k in rule_value if k not in instance):
            described = schema["properties"][missing].get("description", "").rstrip(".")
            what = f": {described[:1].lower()}{described[1:]}" if described else ""
            yield film.diagnostic(path, f"missing required key '{missing}'{what}")
    else:
        yield film.diagnostic(path, _shape_message(error))


def _parts(error: ValidationError) -> tuple[dict[str, Any], Any, Any]:
    """The failing subschema, the offending value and the rule's argument, typed plainly."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    return schema, error.instance, error.validator_value


def _shape_message(error: ValidationError) -> str:
    schema, instance, value = _parts(error)
    found = _describe(instance)
    rule = error.validator
    if rule == "type":
        return f"expected {_KINDS.get(str(value), str(value))}, found {found}"
    if rule == "enum":
        return f"expected one of {', '.join(map(repr, value))}, found {found}"
    if rule == "pattern":
        return f"expected {_lower_first(schema.get('description', value))} found {found}"
    if rule == "minItems":
        return f"expected at least {value} item(s), found an empty list"
    if rule == "minLength":
        return "expected text, found an empty string"
    if rule == "maxLength":
        return f"expected at most {value} characters, found {len(instance)}"
    if rule == "uniqueItems":
        return f"expected each item once, found a repeated item in {found}"
    if rule in {"minimum", "maximum"}:
        bound = "at least" if rule == "minimum" else "at most"
        return f"expected a number {bound} {value}, found {found}"
    return error.message


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:].rstrip(".") + ","


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean; quote it to make it text)"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text {shown!r}"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    return "a mapping"


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


# --- cross-references ----------------------------------------------------------------------


def _ids(film: YamlFile, section: str, kind: str) -> tuple[list[str], list[Diagnostic]]:
    ids: list[str] = []
    problems: list[Diagnostic] = []
    for index, item in enumerate(film.data.get(section, [])):
        if item["id"] in ids:
            first = film.source.position((section, ids.index(item["id"]), "id")).line
            message = f"duplicate {kind} id '{item['id']}' (first used at line {first})"
            problems.append(film.diagnostic((section, index, "id"), message))
        ids.append(item["id"])
    return ids, problems


def _references(film: YamlFile) -> Iterator[Diagnostic]:
    beats, beat_dups = _ids(film, "plot", "plot beat")
    characters, character_dups = _ids(film, "characters", "character")
    themes, theme_dups = _ids(film, "themes", "theme")
    sources, source_dups = _ids(film, "sources", "source")
    yield from beat_dups + character_dups + theme_dups + source_dups
    checks = {
        "plot beat": (beats, _beat_refs(film.data)),
        "character": (characters, _character_refs(film.data)),
        "theme": (themes, _theme_refs(film.data)),
        "source": (sources, _source_refs(film.data, ())),
    }
    for kind, (known, refs) in checks.items():
        for path, ref in refs:
            if ref not in known:
                yield film.diagnostic(path, _unknown(kind, ref, known))


def _unknown(kind: str, ref: str, known: list[str]) -> str:
    hint = _did_you_mean(ref, known)
    unique = list(dict.fromkeys(known))
    listed = ", ".join(unique[:12]) + (", ..." if len(unique) > 12 else "")
    return f"no {kind} '{ref}'{hint}; known {kind}s: {listed or 'none'}"


Reference = tuple[DataPath, str]


def _beat_refs(data: dict[str, Any]) -> Iterator[Reference]:
    for t, theme in enumerate(data["themes"]):
        for e, evidence in enumerate(theme["evidence"]):
            yield ("themes", t, "evidence", e, "beat"), evidence["beat"]
    for q, question in enumerate(data["questions"]):
        for b, beat in enumerate(question.get("beats", [])):
            yield ("questions", q, "beats", b), beat


def _character_refs(data: dict[str, Any]) -> Iterator[Reference]:
    for i, member in enumerate(data["credits"]["cast"]):
        yield ("credits", "cast", i, "character"), member["character"]
    for b, beat in enumerate(data["plot"]):
        for c, character in enumerate(beat.get("characters", [])):
            yield ("plot", b, "characters", c), character
    for c, character in enumerate(data["characters"]):
        for r, relation in enumerate(character.get("relationships", [])):
            yield ("characters", c, "relationships", r, "character"), relation["character"]


def _theme_refs(data: dict[str, Any]) -> Iterator[Reference]:
    for q, question in enumerate(data["questions"]):
        for t, theme in enumerate(question.get("themes", [])):
            yield ("questions", q, "themes", t), theme
    for a, activity in enumerate(data.get("teaching", {}).get("activities", [])):
        for t, theme in enumerate(activity.get("themes", [])):
            yield ("teaching", "activities", a, "themes", t), theme


def _source_refs(value: Any, path: DataPath) -> Iterator[Reference]:
    """Every `sources: [id, ...]` list below the top level, wherever it sits."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "sources" and path:
                yield from (((*path, key, i), ref) for i, ref in enumerate(item))
            elif key != "sources":
                yield from _source_refs(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _source_refs(item, (*path, index))


def _dates(film: YamlFile) -> Iterator[Diagnostic]:
    for path, text in _date_values(film.data, ()):
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            yield film.diagnostic(path, f"expected a real calendar date, found {text!r}")


def _date_values(value: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in {"date", "died"} and isinstance(item, str):
                yield (*path, key), item
            else:
                yield from _date_values(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _date_values(item, (*path, index))


# --- legal but probably wrong --------------------------------------------------------------


def _warnings(film: YamlFile) -> Iterator[Diagnostic]:
    data = film.data
    warn = Severity.WARNING
    for t, theme in enumerate(data["themes"]):
        if not theme["evidence"]:
            message = "theme has no evidence: name the plot beats that show it"
            yield film.diagnostic(("themes", t, "evidence"), message, severity=warn)
    in_beats = {c for beat in data["plot"] for c in beat.get("characters", [])}
    for c, character in enumerate(data["characters"]):
        if character["id"] not in in_beats:
            message = f"character '{character['id']}' appears in no plot beat's characters"
            yield film.diagnostic(("characters", c, "id"), message, severity=warn)
    for q, question in enumerate(data["questions"]):
        if not question.get("themes"):
            message = "question is tied to no theme: add the theme ids it explores"
            yield film.diagnostic(("questions", q, "question"), message, severity=warn)
