"""The questionnaire in a real browser (system Chromium through Playwright), with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from advisor import snapshot
from tests.support.axe import BOTH_SCHEMES, assert_no_violations_here

pytestmark = pytest.mark.browser


@pytest.fixture
def site(transactional_db, fixture_content, live_server):
    snapshot.clear_cache()
    yield live_server.url
    snapshot.clear_cache()


def ranking_text(page) -> list[str]:
    return [t.strip() for t in page.locator(".ranking .standing").all_inner_texts()]


def test_click_through_to_a_result_and_share_it(site, page, browser):
    page.goto(f"{site}/guide/")
    page.evaluate("window.sameDocument = true")
    page.get_by_label("An API").check()
    page.get_by_role("button", name="Next question").click()
    page.wait_for_url(re.compile(r"step=admin"))
    assert page.locator("#wizard").get_by_text("Question 2 of 2").is_visible()
    assert page.evaluate("window.sameDocument === true")  # htmx swapped the step; no page load
    assert page.title().startswith("Question 2 of 2")  # and the step's <title> updated the document title
    assert page.locator("body title").count() == 0  # htmx moved it into <head>
    page.get_by_label("Essential").check()
    page.get_by_role("button", name="Review answers").click()
    page.wait_for_url(re.compile(r"step=review"))
    page.get_by_role("button", name="See my result", exact=True).click()
    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{8,12}/$"))
    assert page.locator("h1").inner_text() == "One"
    ranking = ranking_text(page)
    assert len(ranking) == 2
    assert page.get_by_role("button", name="Copy link").is_visible()  # shown by guide.js
    # A colleague opens the permalink in a fresh browser context: the same ranking.
    context = browser.new_context()
    other = context.new_page()
    other.goto(page.url)
    assert ranking_text(other) == ranking
    context.close()


def test_go_back_mid_way_and_change_an_answer(site, page):
    page.goto(f"{site}/guide/")
    page.get_by_label("A website").check()
    page.get_by_role("button", name="Next question").click()
    page.wait_for_url(re.compile(r"project=site.*step=admin"))
    page.go_back()  # hx-push-url: back goes back one question
    # with its answer kept (issue #27: it came back cleared), in the address and on the page
    page.wait_for_url(re.compile(r"/guide/\?project=site&step=project$"))
    page.get_by_role("heading", name="What are you building?").wait_for()
    assert page.get_by_label("A website").is_checked()
    page.reload()  # the address alone restores it too
    assert page.get_by_label("A website").is_checked()
    page.get_by_label("An API").check()
    page.get_by_role("button", name="Next question").click()
    page.wait_for_url(re.compile(r"project=api.*step=admin"))
    page.get_by_role("link", name="Back").click()
    page.wait_for_url(re.compile(r"project=api.*step=project"))
    assert page.get_by_label("An API").is_checked()
    page.get_by_role("button", name="See my result now").click()
    page.wait_for_url(re.compile(r"/r/"))
    assert "An API" in page.locator(".answers").text_content()
    # "change this answer" reopens the questionnaire at that question with the others kept.
    page.get_by_text("Your answers (").click()
    page.get_by_role("link", name=re.compile("change this answer")).first.click()
    page.wait_for_url(re.compile(r"project=api.*step=project"))
    assert page.get_by_label("An API").is_checked()


def test_complete_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/guide/")
    page.get_by_label("An API").check()
    page.get_by_role("button", name="Next question").click()
    page.wait_for_url(re.compile(r"project=api.*step=admin"))
    page.get_by_role("link", name="Skip this question").click()
    page.wait_for_url(re.compile(r"step=review"))
    page.get_by_role("button", name="See my result", exact=True).click()
    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{8,12}/$"))
    assert page.locator("h1").inner_text() == "One"
    assert not page.get_by_role("button", name="Copy link").is_visible()  # no JS: the permalink field instead
    assert page.locator("#permalink").input_value() == page.url
    context.close()


def test_no_axe_violations_on_a_step_and_a_result(site, page):
    page.goto(f"{site}/guide/?project=api&step=admin")
    assert_no_violations_here(page, "the second step", schemes=BOTH_SCHEMES)
    page.get_by_role("button", name="See my result now").click()
    page.wait_for_url(re.compile(r"/r/"))
    assert_no_violations_here(page, "the result", schemes=BOTH_SCHEMES)
    # Open every disclosure (the reasons, the table of weights and ratings) and check again.
    page.get_by_text("The full breakdown, answer by answer").click()
    expect(page.locator(".score-table")).to_be_visible()
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    assert_no_violations_here(page, "the result, every disclosure open", schemes=BOTH_SCHEMES)


def test_the_leader_box_updates_when_a_choice_is_clicked(site, page):
    page.goto(f"{site}/guide/?step=project")
    before = page.locator("#leader").inner_text()
    page.get_by_label("A website").check()  # no "Next question": the click alone refreshes the box
    expect(page.locator("#leader")).not_to_have_text(before)
    assert "ranks first" in page.locator("#leader .lead-sentence").inner_text()
    assert page.get_by_label("A website").is_checked()  # the step itself was not swapped
    # and the answer is in the address, so that Back and reload keep it (issue #27)
    assert page.url.endswith("/guide/?project=site&step=project")


@pytest.mark.parametrize("javascript", [True, False])
def test_see_my_result_now_includes_the_choice_on_this_step(site, browser, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{site}/guide/?project=api&step=admin")
    page.get_by_label("Essential").check()
    page.get_by_role("button", name="See my result now").click()
    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{8,12}/$"))
    answers = page.locator(".answers").text_content()
    assert "An API" in answers and "Essential" in answers
    context.close()
