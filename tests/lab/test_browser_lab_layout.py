"""The lab page as a visitor reads it (issues #27 and #24), on the shipped lab run: at 390 px the charts' text is
at least 12 px, captions stay within the window and verdicts keep their words on one line; at 1280 px each chart
sits beside its table instead of using a third of the width; a filter link swaps the charts in place."""

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def site(transactional_db, shipped_content, live_server):
    return live_server.url


def test_on_a_phone_the_lab_reads_without_zooming(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(site + "/lab/")
        sizes = page.locator(".lab-chart .chart-label").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect().height)"
        )
        assert sizes and min(sizes) >= 12
        rights = page.locator(".lab-table caption > span").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect().right)"
        )
        assert rights and max(rights) <= 390
        heights = page.locator(".lab-table td .verdict").evaluate_all("els => els.map(e => e.getClientRects().length)")
        assert heights and max(heights) == 1  # "lower than claimed" on one line
    finally:
        context.close()


def test_on_a_wide_screen_each_chart_sits_beside_its_table(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(site + "/lab/")
        pairs = page.locator(".lab-pair")
        assert pairs.count() >= 2
        for i in range(pairs.count()):
            chart = pairs.nth(i).locator(".lab-chart").bounding_box()
            table = pairs.nth(i).locator(".table-scroll").bounding_box()
            assert table["x"] >= chart["x"] + chart["width"]  # beside, not below
            assert abs(table["y"] - chart["y"]) < 40
    finally:
        context.close()


def test_a_filter_link_swaps_the_charts_and_keeps_the_address(browser, site):
    """With JavaScript, a filter link swaps the charts in place (htmx) and puts its filters in the address;
    the chosen link is marked, and the other filter is kept."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(site + "/lab/?server=common")
        page.evaluate("window.notReloaded = true")
        page.locator("#lab-endpoint-db").click()
        page.wait_for_url("**/lab/?endpoint=db&server=common")
        assert page.locator("#lab-throughput").inner_text() == "Requests per second on /db, as measured"
        assert page.locator("#lab-endpoint-db").get_attribute("aria-current") == "true"
        assert page.locator("#lab-server-common").get_attribute("aria-current") == "true"
        assert page.evaluate("window.notReloaded") is True  # swapped, not loaded again
        widths = page.locator(".lab-ranking svg").evaluate_all("els => els.map(e => e.getBoundingClientRect().right)")
        assert widths and max(widths) <= 390
    finally:
        context.close()
