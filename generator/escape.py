"""Escaping of untrusted YAML text for each Markdown context it can land in.

Every filter returns `Markdown`, a `str` that is safe to place in its context. The template
environment refuses to print any plain `str`, so no text reaches a page unescaped.

Python-Markdown passes raw HTML through and honours backslash escapes only for its own list of
characters (`ESCAPED_CHARS`); other characters that start syntax at the beginning of a line are
written as numeric character references, which Markdown never parses as syntax.
"""

from __future__ import annotations

import datetime
import html
import json
import re
import urllib.parse
from collections.abc import Iterable


class Markdown(str):
    """Text that is already safe for the Markdown context it was made for."""

    __slots__ = ()


class UnsafeUrl(ValueError):
    """Raised when a link target is not an http(s) address (the schema should have refused it)."""


_INLINE = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "{": "\\{",
    "}": "\\}",
    # Character references, not backslashes: block-level rules such as reference definitions
    # ("[label]: url") match before backslash escapes are applied.
    "[": "&#91;",
    "]": "&#93;",
    "#": "\\#",
    "|": "\\|",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
}
_INLINE_TABLE = str.maketrans(_INLINE)
_NEEDS_INLINE = re.compile("[" + re.escape("".join(_INLINE)) + "]")
"""Finds whether a text has anything to escape: most do not, and searching is much cheaper
than translating."""
# Characters that start a block construct when they open a line (lists, setext headings,
# definition lists, fenced code, admonitions). Backslash where Markdown honours it, else a
# character reference.
_LINE_START = {
    "-": "\\-",
    "+": "\\+",
    "!": "\\!",
    "=": "&#61;",
    ":": "&#58;",
    "~": "&#126;",
    "?": "&#63;",
    "%": "&#37;",
}
_ORDERED_LIST = re.compile(r"^(\d+)([.)])")
_SPACE = re.compile(r"\s+")


def inline(text: str) -> Markdown:
    """Text on one line: a list item, a heading, a table cell, link text."""
    flat = " ".join(str(text).split())
    if _NEEDS_INLINE.search(flat):
        flat = flat.translate(_INLINE_TABLE)
    return Markdown(_line_start(flat))


def block(text: str) -> Markdown:
    """Text of one or more paragraphs; blank lines separate paragraphs."""
    paragraphs = re.split(r"\n\s*\n", str(text).strip())
    return Markdown("\n\n".join(inline(p) for p in paragraphs if p.strip()))


def _line_start(line: str) -> str:
    first = line[:1]
    if first in _LINE_START:
        return _LINE_START[first] + line[1:]
    if first.isdigit():
        return _ORDERED_LIST.sub(r"\1\\\2", line, count=1)
    return line


def url(address: str) -> Markdown:
    """A link target: http(s) only, with characters that would end the link percent-encoded."""
    parts = urllib.parse.urlsplit(str(address).strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise UnsafeUrl(f"refusing link target {address!r}: only http and https are allowed")
    safe = "/:?#[]@!$&'*+,;=%-._~"
    return Markdown(urllib.parse.quote(parts.geturl(), safe=safe))


def attribute(text: str) -> Markdown:
    """A value inside a quoted HTML attribute."""
    return Markdown(html.escape(_SPACE.sub(" ", str(text)).strip(), quote=True))


def front_matter(text: str) -> Markdown:
    """A value in the page's YAML front matter (title, description).

    MkDocs themes print these values into the page's HTML unescaped (in `<title>`, in
    `<meta content="...">`, in the header), so the value is HTML-escaped first; then it is
    written as a JSON string, which is a valid YAML scalar whatever it holds.
    """
    return Markdown(json.dumps(attribute(text)))


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slug(text: str) -> Markdown:
    """An id used in a path or anchor: must already be a slug (the schema checks ids)."""
    if not _SLUG.match(str(text)):
        raise ValueError(f"not a slug: {text!r}")
    return Markdown(text)


def people(names: Iterable[str]) -> Markdown:
    """Names joined as prose: 'A', 'A and B', 'A, B and C'."""
    escaped = [inline(name) for name in names]
    if len(escaped) <= 1:
        return Markdown("".join(escaped))
    return Markdown(", ".join(escaped[:-1]) + " and " + escaped[-1])


def long_date(value: datetime.date) -> Markdown:
    """'October 12, 2013'."""
    return Markdown(f"{value:%B} {value.day}, {value.year}")
