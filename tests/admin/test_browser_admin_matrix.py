"""The admin's ratings matrix in a browser at 1280 px (issue #27: it was 1,610 px wide): the page fits the
window, the table scrolls inside its box with the header row and criterion column in view, cells tinted."""

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def signed_in(transactional_db, shipped_content, live_server, admin_user, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(admin_user.username)
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")
    yield live_server.url, page
    context.close()


def test_the_ratings_matrix_fits_the_window_and_scrolls_inside(signed_in):
    site, page = signed_in
    page.goto(site + "/admin/advisor/rating/matrix/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    region = page.locator(".rating-matrix-scroll")
    assert region.evaluate("e => e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight")
    header = page.locator(".rating-matrix thead th").nth(3)
    criterion = page.locator(".rating-matrix tbody th[scope=row]").nth(2)
    top, left = header.bounding_box()["y"], criterion.bounding_box()["x"]
    region.evaluate("e => { e.scrollTop = 300; e.scrollLeft = 300; }")
    assert header.bounding_box()["y"] == pytest.approx(top, abs=1)  # sticky header row
    assert criterion.bounding_box()["x"] == pytest.approx(left, abs=1)  # sticky criterion column
    five = page.locator(".rating-matrix td.s5").first.evaluate("e => getComputedStyle(e).backgroundColor")
    low = page.locator(".rating-matrix td.s1").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert five != low
