"""The accessibility tests run the axe-core release the Makefile pins, not the older copy inside
axe-playwright-python."""

import re

import pytest

from tests.conftest import ROOT

from .axe import AXE_CORE, axe, run_axe

pytestmark = pytest.mark.browser  # make browsers fetches it, as it installs the browser (make test-fast does neither)


def test_the_accessibility_tests_run_the_pinned_axe_core():
    pinned = re.search(r"^AXE_CORE_VERSION := (\S+)$", (ROOT / "Makefile").read_text(), re.M)[1]
    assert axe().axe_script.startswith(f"/*! axe v{pinned}\n"), AXE_CORE


PAGE = """<!doctype html><html lang="en"><head><title>Axe control</title><style>
  body { background: #fff; color: #111; }
  .faint { color: #bbb; }
  @media (prefers-color-scheme: dark) { body { background: #111; color: #eee; } .dim { color: #333; } }
</style></head><body><main><h1>Control</h1><p class="faint">Grey on white</p><p class="dim">Dark on black</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>"""


@pytest.mark.parametrize(
    ("scheme", "found"),
    [("light", {"color-contrast", "image-alt"}), ("dark", {"color-contrast"})],
)
def test_the_helper_finds_what_it_should_in_each_scheme(browser, scheme, found):
    """A control page with known faults: in the light scheme every rule runs (faint text, an image without alt); in
    the dark one only the colour rules (the dark-on-black text), so the missing alt is not reported twice."""
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.set_content(PAGE)
        results = run_axe(page)
        assert {violation["id"] for violation in results.response["violations"]} == found
        targets = {t for v in results.response["violations"] for node in v["nodes"] for t in node["target"]}
        assert (".faint" in targets) == (scheme == "light") and (".dim" in targets) == (scheme == "dark")
    finally:
        context.close()
