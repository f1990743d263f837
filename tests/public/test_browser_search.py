"""Browser journeys through site search (header box, live results with htmx, no JavaScript) and axe-core."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def site(transactional_db, shipped_content, live_server):
    return live_server.url


def test_search_from_the_header_then_live_results(page, site):
    page.goto(site + "/frameworks/")
    page.get_by_role("searchbox", name="Search the guide").fill("async")
    page.get_by_role("searchbox", name="Search the guide").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=async$"))
    expect(page.locator("#kind-pitfalls")).to_contain_text("Blocking calls inside async handlers")
    expect(page.locator(".search-summary")).to_contain_text("results for async")

    page.evaluate("window.__sameDocument = true")  # survives only if the page is never reloaded
    box = page.get_by_label("Frameworks, criteria, use cases, pitfalls and questions")
    box.fill("")
    box.press_sequentially("flask", delay=30)
    page.wait_for_url(re.compile(r"/search/\?q=flask$"))
    expect(page.locator("#kind-frameworks li").first).to_contain_text("Flask")
    assert page.evaluate("window.__sameDocument") is True  # swapped in place by htmx
    page.locator("#kind-frameworks li a", has_text="Flask").first.click()
    page.wait_for_url(re.compile(r"/frameworks/flask/$"))
    page.go_back()
    page.wait_for_url(re.compile(r"/search/\?q=flask$"))
    expect(page.locator("#kind-frameworks li").first).to_contain_text("Flask")


def test_search_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site + "/")
        page.get_by_role("searchbox", name="Search the guide").fill("admin")
        page.get_by_role("button", name="Search").click()
        page.wait_for_url(re.compile(r"/search/\?q=admin$"))
        expect(page.locator("#kind-frameworks li").first).to_contain_text("Django")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "/search/?q=async", "/search/?q=" + "y" * 150])
def test_header_box_and_results_fit_a_phone(browser, site, path):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(site + path)
        expect(page.get_by_role("searchbox", name="Search the guide")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
