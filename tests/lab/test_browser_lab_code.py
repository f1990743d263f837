"""The lab's code pages in a real browser (issue #24): the pair's two columns sit side by side on a wide screen and
one under the other on a phone, and no page is wider than a phone's screen (axe-core on them:
tests/public/test_browser_accessibility.py)."""

import pytest

pytestmark = pytest.mark.browser

PATHS = ["/lab/code/", "/lab/code/flask/", "/lab/code/flask-vs-fastapi/"]


@pytest.fixture
def site(transactional_db, shipped_content, live_server):
    return live_server.url


@pytest.mark.parametrize(("width", "beside"), [(1280, True), (390, False)])
def test_the_pair_is_two_columns_on_a_wide_screen_and_stacked_on_a_phone(browser, site, width, beside):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        for path in PATHS:
            page.goto(site + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        page.goto(site + "/lab/code/flask-vs-fastapi/")
        cells = page.locator("#code-json ~ .code-side .code-cell")
        assert cells.count() == 2
        first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
        if beside:
            assert second["x"] >= first["x"] + first["width"] and abs(second["y"] - first["y"]) < 1
        else:
            assert second["y"] >= first["y"] + first["height"] and abs(second["x"] - first["x"]) < 1
    finally:
        context.close()
