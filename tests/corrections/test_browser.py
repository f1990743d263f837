"""Corrections in a browser: a reader sends one in two clicks without JavaScript and in place with htmx, a
curator accepts it and edits the rating, the public cell changes; axe-core on the form and the queue."""

import re

import pytest
from django.core.cache import caches
from playwright.sync_api import expect

from advisor.models import Rating
from corrections.models import Correction, Status
from tests.support.axe import violations_at

pytestmark = pytest.mark.browser


def suggest(about: str):
    """The link's accessible name (its hidden part reads as a separate run of text)."""
    return re.compile(rf"^Suggest a correction\s*: {about}$")


WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
CURATOR_PASSWORD = "curator-pass-123"  # tests/conftest.py's curator


@pytest.fixture
def site(transactional_db, fixture_content, live_server):
    return live_server.url


def fill_and_send(scope, text: str, source: str = "https://one.example.org/async"):
    scope.get_by_label("What is wrong").fill(text)
    scope.get_by_label("A source that supports the correction").fill(source)
    scope.get_by_role("button", name="Send the correction").click()


def test_two_clicks_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/criteria/async/")
    page.get_by_role("link", name=suggest("One on Async support")).click()  # click one
    page.wait_for_url(site + "/correct/rating/one/async/")
    expect(page.get_by_text("It is async from the ground up.")).to_be_visible()  # the claim's source
    fill_and_send(page, "Not native: it needs an add-on since 2.0.")  # click two
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    assert Correction.objects.get().text == "Not native: it needs an add-on since 2.0."
    context.close()


def test_in_place_from_the_matrix_with_htmx(page, site):
    page.goto(site + "/compare/")
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name=re.compile(r"^Why\s*: One on Async support$")).click()
    page.get_by_role("link", name=suggest("One on Async support")).click()
    form = page.locator("#correct-rating-one-async")
    expect(form.get_by_label("What is wrong")).to_be_visible()
    form.get_by_role("button", name="Send the correction").click()  # empty: the browser refuses it
    assert not Correction.objects.exists()
    fill_and_send(form, "Async needs an add-on.", source="not an address")  # the browser refuses that too
    form.get_by_label("A source that supports the correction").fill("https://one.example.org/")
    form.get_by_role("button", name="Send the correction").click()
    expect(page.get_by_text("your correction of “One on Async support” is with the curators")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True  # swapped in place, no page load
    assert Correction.objects.get().text == "Async needs an add-on."


def test_reader_suggests_curator_accepts_and_edits_the_cell_changes(browser, site, curator):
    reader = browser.new_context(java_script_enabled=False)
    page = reader.new_page()
    page.goto(site + "/correct/rating/one/async/")
    fill_and_send(page, "One 3.0 dropped native async; it is an add-on now.")
    for alias in ("pages", "process"):  # the note shows once the cached page expires (ADVISOR_PAGE_CACHE_SECONDS)
        caches[alias].clear()
    page.goto(site + "/criteria/async/")
    cell = page.locator("#fw-one")
    expect(cell.get_by_text("A correction is under review")).to_be_visible()
    expect(cell).not_to_contain_text("dropped native async")

    admin = browser.new_context().new_page()
    admin.goto(site + "/admin/")
    admin.get_by_label("Username").fill("curator")
    admin.get_by_label("Password").fill(CURATOR_PASSWORD)
    admin.get_by_role("button", name="Log in").click()
    admin.get_by_role("link", name="1 new").click()
    admin.get_by_role("link", name=re.compile("Rating: one × async")).click()
    expect(admin.get_by_text("One 3.0 dropped native async; it is an add-on now.")).to_be_visible()
    correction_url = admin.url
    admin.get_by_role("link", name="Edit this rating").click()
    admin.locator("#id_score").fill("2")
    admin.locator("#id_label").fill("Add-on: one-async")
    admin.get_by_role("button", name="Save", exact=True).first.click()
    expect(admin.get_by_text("was changed successfully")).to_be_visible()
    assert Rating.objects.get(framework__slug="one", criterion__slug="async").score == 2
    admin.goto(correction_url)
    admin.locator("#id_status").select_option("accepted")
    admin.locator("#id_curator_note").fill("Rating lowered to 2.")
    admin.get_by_role("button", name="Save", exact=True).first.click()
    correction = Correction.objects.get()
    assert correction.status == Status.ACCEPTED and correction.decided_by == curator

    reader.close()
    admin.context.close()
    page = browser.new_context().new_page()  # the reader's browser may keep its copy for max-age (30 s)
    page.goto(site + "/criteria/async/")  # the rating's save cleared the page cache
    cell = page.locator("#fw-one")
    expect(cell).to_contain_text("Add-on: one-async")
    expect(cell).to_contain_text("2 of 5")
    expect(cell.get_by_text("A correction is under review")).to_have_count(0)
    page.context.close()


def test_axe_on_the_form_and_the_queue(browser, site, curator):
    """Each state is checked at both widths on its load (``violations_at``); the first is reached on the desktop,
    the others on the phone, where the checks before them end."""
    Correction.objects.create(
        kind="rating", framework_slug="one", entry_slug="async", claim="c", content_version="v",
        text="Not native.", source_url="https://example.org/", sender="s",
    )  # fmt: skip
    context = browser.new_context(viewport=WIDTHS["desktop"])
    page = context.new_page()
    failures = []
    page.goto(site + "/correct/rating/one/async/")
    failures += violations_at(page, "form", WIDTHS)
    page.get_by_role("button", name="Send the correction").evaluate("b => b.form.noValidate = true")
    page.get_by_role("button", name="Send the correction").click()  # the 400 with its errors
    expect(page.get_by_text("The correction was not sent")).to_be_visible()
    failures += violations_at(page, "form with errors", WIDTHS)
    page.goto(site + "/criteria/async/")
    page.get_by_role("link", name=suggest("Two on Async support")).click()
    expect(page.locator("#correct-rating-two-async").get_by_label("What is wrong")).to_be_visible()
    failures += violations_at(page, "criterion page with the form open", WIDTHS)
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("curator")
    page.get_by_label("Password").fill(CURATOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    for path in [
        "/admin/",
        "/admin/corrections/correction/",
        f"/admin/corrections/correction/{Correction.objects.get().pk}/change/",
    ]:
        page.goto(site + path)
        failures += violations_at(page, path, WIDTHS)
    assert not failures, "\n\n".join(failures)
    context.close()
