"""What a reader does on the built site, in a real browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import AXE, Reader

HER_PAGES = [
    "films/her/",
    *(f"films/her/{p}/" for p in ("plot", "characters", "themes", "awards", "questions")),
]


def _all_pages(site: Path) -> list[str]:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return [p.removesuffix("index.html") for p in pages] + ["404.html"]


def test_search_for_a_character_finds_the_film_and_opens_it(reader: Reader) -> None:
    reader.open("")
    page = reader.page
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Isabella", delay=40)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    targets = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert any("films/her/" in t for t in targets), targets
    results.filter(has_text="Isabella").first.click()
    page.wait_for_load_state("networkidle")
    assert "/films/her/" in page.url
    assert "Her (2013)" in page.locator("h1").inner_text()
    assert reader.problems() == []


def test_every_page_loads_with_no_error_and_no_outside_request(
    reader: Reader, built_site: Path
) -> None:
    pages = _all_pages(built_site)
    assert len(pages) >= 16
    for path in pages:
        reader.open(path)
        assert reader.problems() == [], path


def test_a_reader_moves_between_a_films_pages(reader: Reader) -> None:
    page = reader.page
    reader.open("films/")
    page.get_by_role("link", name="Her", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/films/her/")
    for name, slug in [
        ("Plot", "plot"),
        ("Characters", "characters"),
        ("Themes", "themes"),
        ("Awards", "awards"),
        ("Questions", "questions"),
        ("Overview", ""),
    ]:
        page.locator(".film-nav").get_by_role("link", name=name, exact=True).click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(f"/films/her/{slug + '/' if slug else ''}"), page.url
        current = page.locator(".film-nav strong").inner_text()
        assert current == name
    page.locator(".film-nav").get_by_role("link", name="Themes", exact=True).click()
    page.get_by_role("link", name="16. A letter in his own voice").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/films/her/plot/#beat-letter-to-catherine")
    assert page.locator("#beat-letter-to-catherine").is_visible()
    assert reader.problems() == []


def test_a_phone_shows_each_guide_page_without_horizontal_scrolling(phone_reader: Reader) -> None:
    for path in ["", "films/", *HER_PAGES]:
        phone_reader.open(path)
        width = phone_reader.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide on a 390px screen"
    assert phone_reader.problems() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation(audit_reader: Reader, scheme: str) -> None:
    page = audit_reader.page
    page.emulate_media(color_scheme=scheme)
    found: dict[str, list[str]] = {}
    for path in ["", "films/", *HER_PAGES]:
        audit_reader.open(path)
        page.add_script_tag(path=str(AXE))
        result: dict[str, Any] = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
        if serious:
            found[path] = serious
    assert found == {}


def test_hostile_text_runs_nothing_in_the_browser(reader: Reader) -> None:
    page = reader.page
    for path in [
        "films/hostile/",
        "films/hostile/plot/",
        "films/hostile/characters/",
        "films/hostile/themes/",
        "films/hostile/awards/",
        "films/hostile/questions/",
    ]:
        reader.open(path)
        injected = page.evaluate(
            """() => ({
                handlers: [...document.querySelectorAll('.md-content *')]
                    .filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
                scripts: document.querySelectorAll('.md-content script, .md-content iframe').length,
                javascriptLinks: [...document.querySelectorAll('a[href]')]
                    .filter(a => a.href.startsWith('javascript:')).length,
                styles: document.querySelectorAll('.md-content style').length,
                hidden: getComputedStyle(document.body).display === "none",
            })"""
        )
        assert injected == {
            "handlers": 0,
            "scripts": 0,
            "javascriptLinks": 0,
            "styles": 0,
            "hidden": False,
        }, path
    assert reader.dialogs == []
    assert reader.problems() == []


def test_content_security_policy_blocks_an_injected_script(reader: Reader) -> None:
    reader.open("films/her/")
    ran = reader.page.evaluate(
        """() => new Promise(done => {
            document.addEventListener('securitypolicyviolation', () => done('blocked'));
            const script = document.createElement('script');
            script.textContent = 'window.__injected = true';
            document.head.appendChild(script);
            setTimeout(() => done(window.__injected ? 'ran' : 'silent'), 500);
        })"""
    )
    assert ran == "blocked"
    reader.console_errors.clear()
    reader.page.locator("input.md-search__input").click()
    reader.page.locator("input.md-search__input").press_sequentially("Samantha", delay=40)
    reader.page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert reader.problems() == [], "search must work under the policy"
