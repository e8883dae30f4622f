"""A Content-Security-Policy for every built page, as a `<meta>` tag.

Material for MkDocs puts a few small inline scripts in each page, and their text changes with the
page's depth, so the policy is written per page: it allows Material's own inline scripts, by
SHA-256 hash, and otherwise only the site's own files. A script is Material's only if it matches
one of the theme's script templates exactly, its template slots holding nothing but a path; any
other inline script in a page (one that escaping let through, say) is left out of the policy, so
the browser refuses to run it, as it refuses inline event handlers and `javascript:` URLs.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from importlib import resources
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""")
_TEMPLATE_SLOT = re.compile(r"\{\{.*?\}\}", re.S)
_URL_CHARACTERS = r"[A-Za-z0-9./_~:-]*"
"""What a template slot of a theme script may hold: a relative or absolute path, nothing that
could end a string or start code."""


@cache
def theme_scripts() -> tuple[re.Pattern[str], ...]:
    """Material's own inline scripts, read from its installed templates, as exact patterns."""
    folder = resources.files("material").joinpath("templates", "partials", "javascripts")
    patterns = []
    templates = sorted((t for t in folder.iterdir() if t.name.endswith(".html")), key=str)
    for template in templates:
        for script in _INLINE_SCRIPT.finditer(template.read_text("utf-8")):
            body = script["body"]
            if "{%" in body or not body.strip():
                continue
            parts = _TEMPLATE_SLOT.split(body)
            patterns.append(re.compile(_URL_CHARACTERS.join(re.escape(p) for p in parts)))
    return tuple(patterns)


def is_theme_script(body: str) -> bool:
    """True when an inline script is, character for character, one of the theme's own."""
    return any(pattern.fullmatch(body) for pattern in theme_scripts())


_POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


OFFLINE_SCRIPTS = "'unsafe-inline'"
"""Scripts allowed inline in the offline site. Its search runs in a hidden iframe (browsers start
no Web Worker from file://) whose inline script names the worker's file:// address, which is
known only where the site is opened, so no hash can be made in advance. The rest of the policy
holds: nothing from any other host. The escaping of content text is what keeps it inert, here as
on the hosted site, where the policy adds hashes on top."""


def policy_for(html: str, *, offline: bool = False) -> str:
    """The policy for one page: its own inline scripts by hash, the site's files, nothing else.
    Offline, inline scripts are allowed (see OFFLINE_SCRIPTS)."""
    if offline:
        return _POLICY.format(hashes=OFFLINE_SCRIPTS)
    hashes = sorted(
        {
            "'sha256-"
            + base64.b64encode(hashlib.sha256(m["body"].encode()).digest()).decode()
            + "'"
            for m in _INLINE_SCRIPT.finditer(html)
            if "src=" not in m["attrs"]
            and not _DATA_TYPE.search(m["attrs"])
            and is_theme_script(m["body"])
        }
    )
    return _POLICY.format(hashes=" ".join(hashes)).replace("  ", " ")


def protect(site: Path, *, offline: bool = False) -> int:
    """Add the policy to the head of every HTML page under `site`; returns how many pages."""
    pages = 0
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        if 'http-equiv="Content-Security-Policy"' in html or "<head>" not in html:
            continue
        policy = policy_for(html, offline=offline)
        meta = f'<head>\n  <meta http-equiv="Content-Security-Policy" content="{policy}">'
        page.write_text(html.replace("<head>", meta, 1), "utf-8")
        pages += 1
    return pages
