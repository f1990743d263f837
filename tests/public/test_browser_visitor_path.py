"""Issue #27 in a real browser, on the shipped content: what a visitor sees at 1280 and 390 px, light and
dark. Charts keep their text readable and off the bars, the result's first screen is not all bold, the matrix
tints cells by score without hiding the text, and "Why" opens without squeezing the table (axe-core on these
pages: test_browser_accessibility.py)."""

import re

import pytest

from advisor import snapshot

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ANSWERS = "project=api-backend&admin=no&load=high&workload=io&async=strong&api-docs=essential&html=api"


@pytest.fixture
def site(transactional_db, shipped_content, live_server):
    snapshot.clear_cache()
    yield live_server.url
    snapshot.clear_cache()


def boxes_overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_chart_values_are_readable_text_beside_their_bars(browser, site, viewport):
    context = browser.new_context(viewport=viewport, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(site + "/frameworks/fastapi/")
        items = page.locator(".category-chart li")
        assert items.count() >= 5
        for i in range(items.count()):
            item = items.nth(i)
            value = item.locator(".bar-value").bounding_box()
            bar = item.locator("svg.bar").bounding_box()
            assert not boxes_overlap(value, bar), item.inner_text()
            assert not boxes_overlap(item.locator(".bar-name").bounding_box(), bar)
        size = page.locator(".category-chart .bar-value").first.evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)"
        )
        assert size >= 14
    finally:
        context.close()


def test_the_result_first_screen_is_not_all_bold_and_names_clear_their_bars(browser, site):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(f"{site}/guide/?{ANSWERS}&finish=now")
        page.wait_for_url(re.compile(r"/r/"))
        for selector in (".top-reasons li", ".flips li"):
            weight = page.locator(selector).first.evaluate("e => getComputedStyle(e).fontWeight")
            assert weight == "400", selector
        for standing in page.locator(".ranking-box > .ranking .standing").all():
            name = standing.locator(".name").evaluate("e => e.firstElementChild.getBoundingClientRect().right")
            bar = standing.locator("svg.bar").bounding_box()["x"]
            assert bar - name >= 6, standing.inner_text()
    finally:
        context.close()


def test_matrix_cells_are_tinted_and_why_does_not_squeeze_the_table(browser, site):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(site + "/compare/?fw=flask&fw=fastapi&fw=django")
        top = page.locator("#matrix td.s5").first.evaluate("e => getComputedStyle(e).backgroundColor")
        low = page.locator("#matrix td.s1, #matrix td.s0").first.evaluate("e => getComputedStyle(e).backgroundColor")
        plain = page.locator("body").evaluate("e => getComputedStyle(e).backgroundColor")
        assert len({top, low, plain}) == 3
        assert "5 of 5" in page.locator("#matrix td.s5").first.inner_text()  # the text stays
        # A matrix that fits the window scrolls with the page, not in a box of its own.
        region = page.locator("#matrix .table-scroll")
        assert region.evaluate("e => e.scrollHeight <= e.clientHeight + 1")
        widths = page.locator("#matrix thead th").evaluate_all("els => els.map(e => e.offsetWidth)")
        page.locator("#matrix .cell-why").nth(1).click()
        page.locator("#matrix .cell-detail").nth(1).locator("p").first.wait_for()
        after = page.locator("#matrix thead th").evaluate_all("els => els.map(e => e.offsetWidth)")
        assert after == pytest.approx(widths, abs=2)
    finally:
        context.close()


def test_on_a_phone_the_matrix_says_it_scrolls_sideways(browser, site):
    for viewport, shown in ((PHONE, True), (DESKTOP, False)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        try:
            page.goto(site + "/compare/")
            assert page.locator(".scroll-hint").is_visible() is shown
        finally:
            context.close()
