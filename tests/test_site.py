"""A strict MkDocs build of the whole site in a temp dir, checked as HTML and as search index.

The site is built by the real command line from the repository's content plus one hostile film.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, her_yaml, make_project
from tests.seed_facts import SEED_FACTS


class _Page(HTMLParser):
    """The parts of a built page the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        # The document's own title: the first <title>, not those of SVG diagrams.
        self._in_title = tag == "title" and not self.title

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_title:
            self.title += data

    @property
    def plain(self) -> str:
        return " ".join("".join(self.text).split())


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    hostile = (FIXTURES / "hostile.yml").read_text("utf-8")
    work = make_project(
        tmp_path_factory.mktemp("build") / "project",
        {"her.yml": her_yaml(), "hostile.yml": hostile},
    )
    hand_written = {p: p.read_bytes() for p in (work / "docs").rglob("*") if p.is_file()}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site-dir", "site"],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert {p: p.read_bytes() for p in hand_written} == hand_written, "hand-written pages changed"
    return work / "site"


HER_PAGES = [
    "",
    "before/",
    "plot/",
    "characters/",
    "themes/",
    "awards/",
    "questions/",
    "handout/",
]


def test_every_her_page_is_built_with_a_proper_title(site: Path) -> None:
    titles = {slug: _parse(site / "films/her" / slug / "index.html").title for slug in HER_PAGES}
    assert titles == {
        "": "Her (2013): Overview - Film Study Guides",
        "before/": "Her (2013): Before viewing - Film Study Guides",
        "plot/": "Her (2013): Plot - Film Study Guides",
        "characters/": "Her (2013): Characters - Film Study Guides",
        "themes/": "Her (2013): Themes - Film Study Guides",
        "awards/": "Her (2013): Awards - Film Study Guides",
        "questions/": "Her (2013): Questions - Film Study Guides",
        "handout/": "Her (2013): Handout - Film Study Guides",
    }


def test_home_and_catalog_link_to_the_guides(site: Path) -> None:
    home = _parse(site / "index.html")
    assert any(a.get("href") == "films/" for tag, a in home.tags if tag == "a")
    catalog = _parse(site / "films/index.html")
    assert any(a.get("href") == "her/" for tag, a in catalog.tags if tag == "a")


def test_nav_does_not_grow_with_the_catalog(site: Path) -> None:
    page = (site / "films/her/plot/index.html").read_text("utf-8")
    nav_links = re.findall(r'class="md-nav__link[^"]*"[^>]*href="([^"]+)"', page)
    nav_links += re.findall(r'href="([^"]+)"[^>]*class="md-nav__link', page)
    assert not any("her/" in link and "#" not in link for link in nav_links), nav_links


def test_cross_references_become_working_anchors(site: Path) -> None:
    plot = _parse(site / "films/her/plot/index.html")
    ids = {a.get("id") for _tag, a in plot.tags}
    assert {"beat-letters", "beat-sunrise"} <= ids
    themes = _parse(site / "films/her/themes/index.html")
    hrefs = {a.get("href") for tag, a in themes.tags if tag == "a"}
    assert "../plot/#beat-letter-to-catherine" in hrefs


def test_no_request_to_another_host(site: Path) -> None:
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        for tag, attrs in _parse(page).tags:
            loads = tag == "link" and attrs.get("rel") in _LOADING_RELS
            source = attrs.get("src") or (attrs.get("href") if loads else None)
            assert not (source or "").startswith(("http:", "https:", "//")), (page, source)


_LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}


def test_edit_link_opens_the_films_yaml_and_page_says_when_it_changed(site: Path) -> None:
    page = _parse(site / "films/her/plot/index.html")
    edit = [a.get("href") for tag, a in page.tags if tag == "a" and a.get("rel") == "edit"]
    assert edit == [
        "https://github.com/film-study-guides/film-study-guides/edit/main/content/films/her.yml"
    ]
    assert re.search(r"This guide was last updated on \w+ \d{1,2}, \d{4}\.", page.plain)
    home = _parse(site / "index.html")
    home_edit = [a.get("href") for tag, a in home.tags if tag == "a" and a.get("rel") == "edit"]
    assert home_edit == [
        "https://github.com/film-study-guides/film-study-guides/edit/main/docs/index.md"
    ]


def test_every_page_has_a_description_and_is_in_the_sitemap(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    base = "https://film-study-guides.github.io/film-study-guides/"
    for page in site.rglob("index.html"):
        if page.parent.name == "404":
            continue
        metas = {a.get("name"): a.get("content") for tag, a in _parse(page).tags if tag == "meta"}
        assert metas.get("description"), page
        address = base + page.parent.relative_to(site).as_posix() + "/"
        assert f"<loc>{address.replace(base + './', base)}</loc>" in sitemap, address


def _search_entries(site: Path) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = json.loads((site / "search/search_index.json").read_text())["docs"]
    return docs


def _entry_text(entry: dict[str, Any]) -> str:
    text = re.sub(r"<[^>]+>", " ", entry["title"] + " " + entry["text"])
    return " ".join(text.replace("&quot;", '"').replace("&#39;", "'").split())


@pytest.mark.parametrize("fact", SEED_FACTS, ids=[f.claim[:50] for f in SEED_FACTS])
def test_every_seed_fact_is_on_the_site_and_in_the_search_index(site: Path, fact: Any) -> None:
    in_index = [
        e["location"]
        for e in _search_entries(site)
        if e["location"].startswith("films/her/")
        and all(word in _entry_text(e) for word in fact.words)
    ]
    assert in_index, f"no search entry holds all of {fact.words}"
    location = in_index[0]
    page, _, _anchor = location.partition("#")
    html_text = _parse(site / page / "index.html").plain
    assert all(word in html_text for word in fact.words)


def test_hostile_text_is_shown_as_written_and_never_runs(site: Path) -> None:
    pages = list((site / "films/hostile").rglob("*.html"))
    assert len(pages) == len(HER_PAGES)
    for page in pages:
        parsed = _parse(page)
        scripts = [a for tag, a in parsed.tags if tag == "script" and not a.get("src")]
        assert "iframe" not in {tag for tag, _ in parsed.tags}, page
        for tag, attrs in parsed.tags:
            assert not any(k.startswith("on") for k in attrs), (page, tag, attrs)
            assert not (attrs.get("href") or "").startswith("javascript:"), (page, attrs)
        assert all("alert" not in json.dumps(a) for a in scripts)
    overview = _parse(site / "films/hostile/index.html").plain
    assert "<script>alert('title')</script> {{ 7*7 }}" in overview
    assert "<img src=x onerror=\"alert('synopsis')\"> [click](javascript:alert('link'))" in overview
    assert "# not a heading" in overview and '!!! danger "not an admonition"' in overview
    assert "49" not in overview
    characters = _parse(site / "films/hostile/characters/index.html").plain
    assert "{{ config }} {% raw %} ${7*7} <style>body{display:none}</style>" in characters
    plot = _parse(site / "films/hostile/plot/index.html")
    assert "[x]: javascript:alert('refdef') and <!-- a comment -->" in plot.plain
    hrefs = [a.get("href") for tag, a in plot.tags if tag == "a"]
    assert "https://example.org/a%29%28b?q='x'&r=*_*" in hrefs
