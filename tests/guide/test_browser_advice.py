"""Issue 26 in a real browser, on the shipped content: the leader box and the result name an add-on with its host,
the code a team keeps changes the answer, and a close race says what separates the two (with and without JS)."""

import re

import pytest
from playwright.sync_api import expect

from advisor import snapshot

pytestmark = pytest.mark.browser


@pytest.fixture
def shipped_site(transactional_db, shipped_content, live_server):
    snapshot.clear_cache()
    yield live_server.url
    snapshot.clear_cache()


def _names(page) -> list[str]:
    return [t.strip() for t in page.locator(".ranking .standing .name").all_inner_texts()]


def test_a_saas_that_asks_for_an_api_gets_one_stack_in_the_box_and_the_result(shipped_site, page):
    page.goto(f"{shipped_site}/guide/?project=saas&admin=essential&load=high&step=api-docs")
    leader = page.locator("#leader")
    expect(leader).to_contain_text("Django ranks first")  # no API asked for yet: the host leads
    page.get_by_label("Yes, it is essential").check()  # htmx refreshes the box on change
    expect(leader).to_contain_text("Django with Django Ninja for the API ranks first")
    page.get_by_role("button", name="See my result now").click()
    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{8,12}/$"))
    lede = page.locator(".lede").inner_text()
    assert "Django with Django Ninja for the API ranks first" in lede and "one stack, not rivals" in lede
    assert _names(page)[:2] == ["Django Ninja", "Django"]
    expect(page.locator(".ranking .standing").nth(1)).to_contain_text("hosts Django Ninja: one stack")


def test_a_flask_team_keeping_its_code_gets_quart_without_javascript(shipped_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{shipped_site}/guide/?project=realtime&async=some&workload=io&step=codebase")
    page.get_by_label("A Flask application").check()
    page.get_by_role("button", name="Next question").click()
    page.wait_for_url(re.compile(r"step=rewrite"))
    page.get_by_label("No, keep the code and move it step by step").check()
    page.get_by_role("button", name="Review answers").click()
    page.wait_for_url(re.compile(r"step=review"))
    page.get_by_role("button", name="See my result", exact=True).click()
    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{8,12}/$"))
    kept = page.url
    assert "Quart" in _names(page)[:2]
    expect(page.locator(".top-reasons, .breakdown").first).to_be_attached()
    assert "it follows Flask’s API, so the code is ported rather than rewritten" in page.content()
    # The same team, open to a rewrite: the kept code no longer counts, and the answer moves.
    page.goto(f"{shipped_site}/guide/?project=realtime&async=some&workload=io&codebase=flask&step=rewrite")
    page.get_by_label("Yes, a rewrite is acceptable").check()
    page.get_by_role("button", name="Review answers").click()
    page.wait_for_url(re.compile(r"step=review"))
    page.get_by_role("button", name="See my result", exact=True).click()
    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{8,12}/$"))
    assert page.url != kept
    assert "Quart" not in _names(page)[:3]
    assert "code is ported rather than rewritten" not in page.content()
    context.close()


def test_a_close_race_names_what_separates_the_two(shipped_site, page):
    # FastAPI and Django Ninja for an API-first product (the engine's side: tests/engine/test_scenarios.py)
    page.goto(f"{shipped_site}/guide/?project=api-backend&step=admin")
    page.get_by_role("button", name="See my result now").click()
    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{8,12}/$"))
    lede = page.locator(".lede").inner_text()
    first, second = _names(page)[:2]
    assert f"{first} and {second} are within" in lede
    assert "either is a sound choice" in lede and f"{first} is ahead on" in lede
