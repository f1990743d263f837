"""The lab's charts and tables in a real browser, on the small test content: no axe-core violations in light and
dark at 390 px, and the chart fits the narrow screen (the shipped run: tests/public/test_browser_accessibility.py)."""

import pytest

from advisor.models import Category, Criterion
from tests.support.axe import BOTH_SCHEMES, assert_no_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def lab_site(transactional_db, fixture_content, live_server):
    for slug in ("throughput", "footprint"):
        Criterion.objects.create(slug=slug, name=slug.title(), category=Category.objects.first(), question="How?")
    return live_server.url


def has_a_chart(page, path):
    assert page.locator(".lab-chart svg").count() >= 1, path


def test_no_axe_violations_on_lab_sections_at_a_phones_width(page, lab_site):
    page.set_viewport_size(PHONE)
    paths = ["/lab/", "/criteria/throughput/", "/criteria/footprint/", "/frameworks/two/"]
    assert_no_violations(page, lab_site, paths, check_page=has_a_chart, schemes=BOTH_SCHEMES)


def test_charts_fit_a_phone_screen(page, lab_site):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(lab_site + "/lab/")
    widths = page.locator(".lab-chart svg").evaluate_all("els => els.map(e => e.getBoundingClientRect().right)")
    assert widths and max(widths) <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
