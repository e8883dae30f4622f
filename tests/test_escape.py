"""Escaping: any text, in any context, renders as exactly the text that was written."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.yaml import yaml_load

from generator import escape
from tests.conftest import ROOT


def _site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions the site really uses, from mkdocs.yml."""
    config = yaml_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    names: list[str] = []
    configs: dict[str, Any] = {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


class _Text(HTMLParser):
    """Collects text and tag names, skipping the toc extension's permalink anchors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if ("class", "headerlink") in attrs:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def _render(source: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(_site_markdown().convert(source))
    return " ".join("".join(parser.text).split()), parser.tags


# Printable text with every ASCII punctuation mark over-represented, plus some non-ASCII.
hostile = st.text(
    alphabet=st.sampled_from(
        list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") + list("ab 1\n\t") + list("éß漢")
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())

CONTEXTS = {
    "paragraph": ("{}", ["p"]),
    "list item": ("- {}", ["ul", "li"]),
    "heading": ("## {}", ["h2", "a"]),
    "link text": ("[{}](https://example.org/)", ["p", "a"]),
    "emphasis": ("**{}**", ["p", "strong"]),
}


@pytest.mark.parametrize("context", sorted(CONTEXTS))
@settings(max_examples=300, deadline=None)
@given(text=hostile)
def test_inline_text_renders_as_written(context: str, text: str) -> None:
    wrapper, allowed = CONTEXTS[context]
    shown, tags = _render(wrapper.format(escape.inline(text)))
    assert shown == " ".join(text.split())
    assert set(tags) <= set(allowed), f"{text!r} made tags {tags}"


@settings(max_examples=300, deadline=None)
@given(text=hostile)
def test_table_cell_renders_as_written(text: str) -> None:
    table = f"| Head | Other |\n| --- | --- |\n| {escape.inline(text)} | x |\n"
    shown, tags = _render(table)
    assert shown == "Head Other " + " ".join(text.split()) + " x"
    assert tags.count("td") == 2


@settings(max_examples=300, deadline=None)
@given(paragraphs=st.lists(hostile, min_size=1, max_size=3))
def test_block_text_keeps_paragraphs_and_renders_as_written(paragraphs: list[str]) -> None:
    text = "\n\n".join(paragraphs)
    shown, tags = _render(escape.block(text))
    assert shown == " ".join(text.split())
    assert set(tags) <= {"p"}


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "{{ 7*7 }} {% if x %}",
        "a | b | c",
        "*bold* _it_ `code`",
        "1. not a list",
        "!!! note",
        "=====",
        "    indented code",
        "{: .attr }",
    ],
)
def test_known_hostile_text_is_shown_verbatim(text: str) -> None:
    shown, tags = _render(escape.inline(text))
    assert shown == " ".join(text.split())
    assert tags == ["p"]


def test_url_accepts_http_and_encodes_what_would_end_the_link() -> None:
    assert escape.url("https://example.org/a b)c") == "https://example.org/a%20b%29c"
    assert escape.url("http://example.org/?q=1&r=2#x") == "http://example.org/?q=1&r=2#x"


@pytest.mark.parametrize(
    "bad", ["javascript:alert(1)", "data:text/html,x", "//example.org", "example.org"]
)
def test_url_refuses_anything_but_http(bad: str) -> None:
    with pytest.raises(escape.UnsafeUrl):
        escape.url(bad)


def test_attribute_and_front_matter_quote_safely() -> None:
    assert escape.attribute('a "b" <c> & d') == "a &quot;b&quot; &lt;c&gt; &amp; d"
    value = escape.front_matter('He said: "<no>" # not a comment')
    assert yaml.safe_load("t: " + value) == {"t": "He said: &quot;&lt;no&gt;&quot; # not a comment"}


def test_slug_refuses_what_is_not_a_slug() -> None:
    assert escape.slug("blind-date") == "blind-date"
    with pytest.raises(ValueError):
        escape.slug("x) <script>")


def test_people_and_dates_read_as_prose() -> None:
    assert escape.people([]) == ""
    assert escape.people(["A"]) == "A"
    assert escape.people(["A", "B"]) == "A and B"
    assert escape.people(["A", "B", "C*"]) == "A, B and C\\*"
    assert escape.long_date(datetime.date(2013, 10, 12)) == "October 12, 2013"
