"""The accessibility tests run the axe-core release the Makefile pins, not the older copy inside
axe-playwright-python."""

import re

import pytest

from tests.conftest import ROOT

from .axe import AXE_CORE, axe_script, run_axe_in, violations_at

pytestmark = pytest.mark.browser  # make browsers fetches it, as it installs the browser (make test-fast does neither)


def test_the_accessibility_tests_run_the_pinned_axe_core():
    pinned = re.search(r"^AXE_CORE_VERSION := (\S+)$", (ROOT / "Makefile").read_text(), re.M)[1]
    assert axe_script().startswith(f"/*! axe v{pinned}\n"), AXE_CORE


PAGE = """<!doctype html><html lang="en"><head><title>Axe control</title><style>
  body { background: #fff; color: #111; }
  .faint { color: #bbb; }
  .fades { color: #111; transition: color 0.4s; }
  @media (prefers-color-scheme: dark) {
    body { background: #111; color: #eee; } .dim { color: #333; } .fades { color: #eee; }
  }
</style></head><body><main><h1>Control</h1><p class="faint">Grey on white</p><p class="dim">Dark on black</p>
<p class="fades">Dark on white, then light on black after a fade</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>"""


#: What axe-core must find on PAGE in each scheme: (rule, element).
FAULTS = {
    "light": {("color-contrast", ".faint"), ("image-alt", "img")},
    "dark": {("color-contrast", ".dim")},
}


def faults(results) -> set[tuple[str, str]]:
    return {(v["id"], t) for v in results.response["violations"] for node in v["nodes"] for t in node["target"]}


@pytest.mark.parametrize(
    "schemes", [("light",), ("dark",), ("light", "dark")], ids=["light", "dark", "light-then-dark-same-load"]
)
def test_the_helper_finds_what_it_should_in_each_scheme(browser, schemes):
    """A control page with known faults: in the light scheme every rule runs (faint text, an image without alt); in
    the dark one only the colour rules (the dark-on-black text), so the missing alt is not reported twice. The
    sweeps check a page in the light scheme, then in the dark on the same load with axe-core injected once: the
    second run must see the new colours, once a colour's transition has ended (half-way, the fading text would be
    dark on black)."""
    context = browser.new_context(color_scheme=schemes[0])
    try:
        page = context.new_page()
        page.set_content(PAGE)
        for scheme in schemes:
            assert faults(run_axe_in(page, scheme)) == FAULTS[scheme], scheme
    finally:
        context.close()


NARROW_FAULT = """<!doctype html><html lang="en"><head><title>Axe control</title><style>
  body { background: #fff; color: #111; }
  @media (max-width: 600px) { .narrow { color: #ccc; } }
</style></head><body><main><h1>Control</h1><p class="narrow">Faint on a phone only</p></main></body></html>"""


def test_resizing_a_loaded_page_checks_it_at_each_width(browser):
    """``violations_at`` checks one load at several widths: a fault that only a phone's width shows (a media query)
    is found at that width, named by it, and not at the other; it is gone again once the page is wide."""
    wide, narrow = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
    context = browser.new_context(viewport=wide)
    try:
        page = context.new_page()
        page.set_content(NARROW_FAULT)
        failures = violations_at(page, "control", {"wide": wide, "narrow": narrow})
        # the control page has no dark colours of its own: the faint text fails in both schemes
        assert [f.split(":")[0] for f in failures] == ["control at narrow, light", "control at narrow, dark"]
        assert all('class="narrow"' in f and "color-contrast" in f for f in failures), failures
        assert violations_at(page, "control", {"wide": wide}) == []
    finally:
        context.close()
