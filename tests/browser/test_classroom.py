"""The classroom as a teacher meets it: the offline site opened from a folder with no network,
and the handout printed to PDF on A4 and Letter."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import check_content
from tests.browser.conftest import Reader
from tests.conftest import ROOT, make_project, real_films

MM = 96 / 25.4
"""CSS pixels per millimetre."""


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    films = real_films()
    project = make_project(tmp_path_factory.mktemp("offline") / "project", films)
    subprocess.run(
        [sys.executable, "-m", "generator", "build", "--offline"],
        cwd=project,
        check=True,
        capture_output=True,
    )
    return project / "site-offline"


class OfflineTab:
    """A tab with no network at all: any request that is not for a local file is refused."""

    def __init__(self, context: Any) -> None:
        self.page = context.new_page()
        self.refused: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort()


@pytest.fixture
def offline_tab(browser: Any) -> Iterator[OfflineTab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    yield OfflineTab(context)
    context.close()


def test_the_offline_site_works_from_a_folder_with_no_network(
    offline_tab: OfflineTab, offline_site: Path
) -> None:
    page = offline_tab.page
    page.goto((offline_site / "index.html").as_uri(), wait_until="networkidle")
    page.get_by_role("link", name="Films", exact=True).first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/films/index.html")
    page.locator("article").get_by_role("link", name="Her", exact=True).first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/films/her/index.html")
    page.get_by_role("link", name="Characters").first.click()
    page.wait_for_load_state("networkidle")
    diagram = page.locator("#relationships-her svg").bounding_box()
    assert diagram is not None and diagram["width"] > 300

    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("Isabella", delay=40)
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=10_000)
    assert "Her" in page.locator(".md-search-result").inner_text()
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(offline_site.as_uri() + "/films/her/")

    icon = page.locator(".md-header__button.md-logo svg, .md-header__button svg").first
    assert icon.bounding_box() is not None, "icons are inline SVG, shipped with the site"
    fonts = page.evaluate("() => [...document.fonts].filter(f => f.status === 'loaded').length")
    assert fonts == 0, "no web font is loaded: the system's fonts are used"
    assert offline_tab.refused == []
    assert offline_tab.errors == []


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.mark.parametrize(("paper", "width_mm"), [("A4", 210), ("Letter", 215.9)])
def test_the_handout_prints_cleanly(reader: Reader, paper: str, width_mm: float) -> None:
    her = next(f for f in check_content(ROOT / "content").films if f.id == "her")
    page = reader.page
    printable = round((width_mm - 28) * MM)  # the page less its side margins (guide.css @page)
    page.set_viewport_size({"width": printable, "height": 1000})
    page.emulate_media(media="print")
    reader.open("films/her/handout/")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.film-nav',
                  '.md-search', '.handout-hint']
            .map(s => document.querySelector(s))
            .filter(e => e && e.offsetParent !== null && getComputedStyle(e).display !== 'none')
            .map(e => e.className)"""
    )
    assert hidden == [], "on paper only the handout shows"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= printable
    answers = page.locator(".handout-answer")
    assert answers.count() == len(her.questions)
    for index in range(answers.count()):
        box = answers.nth(index)
        assert box.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
        assert (box.bounding_box() or {}).get("height", 0) > 25 * MM, "room to write"
    text = page.locator("article").inner_text()
    for question in her.questions:
        assert " ".join(question.question.split()) in " ".join(text.split())
    for term in her.vocabulary:
        assert term.term in text
    assert "Rated" in text or "Rating" in text

    pdf = page.pdf(format=paper, prefer_css_page_size=True, print_background=True)
    assert pdf.startswith(b"%PDF")
    assert 2 <= _pdf_pages(pdf) <= 4, "key facts, vocabulary and eight questions with space"
    assert reader.problems() == []
