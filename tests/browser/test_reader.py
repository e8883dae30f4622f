"""What a reader does on the built site, in a real browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import check_content
from tests.browser.conftest import AXE, Reader
from tests.conftest import ROOT

HER_PAGES = [
    "films/her/",
    *(f"films/her/{p}/" for p in ("plot", "characters", "themes", "awards", "questions")),
]


INDEX_PAGES = ["films/themes/", "films/themes/loneliness/", "films/awards/", "films/tags/"]


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
    for path in ["", "films/", *HER_PAGES, *INDEX_PAGES]:
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
                    .filter(a => (a.getAttribute('href') || '').trim().toLowerCase()
                        .startsWith('javascript:')).length,
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


def test_diagrams_render_with_text_and_working_links(reader: Reader) -> None:
    page = reader.page
    reader.open("films/her/characters/")
    diagram = page.locator("#relationships-her svg")
    box = diagram.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 200
    labels = page.locator("#relationships-her text")
    assert labels.count() == 9
    for index in range(labels.count()):
        label = labels.nth(index).bounding_box()
        assert label is not None and label["width"] > 10, labels.nth(index).text_content()
    assert "How the characters of Her are related" in (
        page.locator("#relationships-her title").text_content() or ""
    )
    page.locator("#relationships-her a", has_text="Samantha").click()
    assert page.url.endswith("#character-samantha")
    reader.open("films/her/plot/")
    assert page.locator("#timeline-her circle").count() == 17
    timeline = page.locator("#timeline-her svg").bounding_box()
    assert timeline is not None and timeline["height"] > 300
    assert reader.problems() == []


def test_theme_tracker_has_the_right_cells(reader: Reader) -> None:
    her = next(f for f in check_content(ROOT / "content").films if f.id == "her")
    reader.open("films/her/themes/")
    table = reader.page.locator("#theme-tracker ~ .md-typeset__scrollwrap table").first
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    assert headers == ["Beat"] + [t.name for t in her.themes]
    rows = table.locator("tbody tr")
    assert rows.count() == len(her.plot)
    for beat, index in zip(her.plot, range(rows.count()), strict=True):
        cells = rows.nth(index).locator("td")
        assert cells.nth(0).inner_text().strip() == f"{beat.number}. {beat.title}"
        for column, theme in enumerate(her.themes, start=1):
            mark = cells.nth(column).locator("a.tracker-mark")
            assert mark.count() == (1 if theme.shows(beat.id) else 0), (beat.id, theme.id)
            if theme.shows(beat.id):
                assert mark.get_attribute("href") == f"../plot/#beat-{beat.id}"
                assert mark.inner_text().strip() == "shows it"
    assert reader.problems() == []


def test_catalog_filter_narrows_the_films(reader: Reader) -> None:
    page = reader.page
    reader.open("films/")
    box = page.locator("#catalog-filter-input")
    assert box.is_visible()
    rows = page.locator("article table tbody tr:visible")
    total = rows.count()
    assert total == 5
    box.click()
    box.press_sequentially("arrival", delay=30)
    assert rows.count() == 1 and "Arrival" in rows.first.inner_text()
    decades = [h.strip().rstrip("¶") for h in page.locator("article h2:visible").all_inner_texts()]
    assert decades == ["2010s"]
    box.fill("")
    box.press_sequentially("coppola", delay=30)
    assert rows.count() == 1 and "Lost in Translation" in rows.first.inner_text()
    assert "1 of 5 films match." in page.locator("#catalog-filter-count").inner_text()
    box.fill("")
    box.press_sequentially("loneliness", delay=30)
    lonely = [
        f.title
        for f in check_content(ROOT / "content").films
        if any(t.id == "loneliness" for t in f.themes)
    ]
    assert rows.count() == len(lonely) + 1, "the real films on the theme, and the hostile one"
    for title in lonely:
        assert page.locator("article table tbody tr:visible", has_text=title).count() == 1
    assert reader.problems() == []


def test_theme_pages_lead_to_each_films_take(reader: Reader) -> None:
    page = reader.page
    reader.open("films/themes/")
    page.get_by_role("link", name="Language and communication").click()
    page.wait_for_load_state("networkidle")
    films = page.locator("article h2").all_inner_texts()
    assert [f.strip().rstrip("¶") for f in films] == [
        "Arrival (2016)",
        "Lost in Translation (2003)",
    ]
    page.get_by_role("link", name="Read the themes of Arrival").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/films/arrival/themes/#theme-communication")
    assert reader.problems() == []


def test_diagrams_and_tracker_print_in_black_and_in_full(reader: Reader) -> None:
    page = reader.page
    page.emulate_media(media="print")
    reader.open("films/her/characters/")
    label = page.locator("#relationships-her text").first
    assert label.evaluate("e => getComputedStyle(e).fill") == "rgb(0, 0, 0)"
    assert (page.locator("#relationships-her svg").bounding_box() or {}).get("width", 0) > 300
    reader.open("films/her/themes/")
    mark = page.locator("a.tracker-mark").first
    assert mark.evaluate("e => getComputedStyle(e, '::before').color") == "rgb(0, 0, 0)"
    assert mark.evaluate("e => getComputedStyle(e, '::before').content") == '"●"'
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    assert reader.problems() == []
