"""axe-core over several pages in one browser test.

Each browser test restores the content into a fresh database and starts a browser context (about a second);
checking a list of pages in one test pays that once. Every page is checked, and a failure names each page
with violations and its report, so nothing is lost against one test per page.

The dark scheme changes colours only (the ``prefers-color-scheme: dark`` blocks in static/advisor/ set
colours and nothing else), so in it only the rules about colour run; every page checked in the dark is also
checked in the light, with every rule. Colour contrast is most of axe's time.
"""

from __future__ import annotations

from functools import cache

from axe_playwright_python.sync_playwright import AxeResults

from tests.conftest import ROOT

#: The colour schemes every sweep checks a page in, on one load (``violations_here``).
BOTH_SCHEMES = ("light", "dark")
#: axe-core's rules whose outcome depends on colours.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
#: Waits for the colour transitions a change of scheme starts (the admin's links fade in 0.15 s), so that axe-core
#: measures the colours they end at, not colours half-way.
SETTLED = """Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition)
  .map((a) => a.finished.catch(() => null)))"""
#: The release the Makefile pins (AXE_CORE_VERSION), which ``make browsers`` fetches from the npm registry.
AXE_CORE = ROOT / ".venv" / "axe-core.min.js"


@cache
def axe_script() -> str:
    """axe-core as ``make browsers`` fetched it, not the older copy inside axe-playwright-python."""
    if not AXE_CORE.exists():
        raise FileNotFoundError(f"{AXE_CORE} is missing: `make browsers` fetches axe-core for the accessibility tests")
    return AXE_CORE.read_text(encoding="utf-8")


def run_axe(page, rules: list[str] | None = None):
    """axe-core on the page as it is now: ``rules``, or every rule in the light scheme and the colour rules in
    the dark."""
    options = {"resultTypes": ["violations"]}
    if rules is None and page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches"):
        rules = COLOUR_RULES
    if rules is not None:
        options["runOnly"] = {"type": "rule", "values": rules}
    # Injected once per page load, not before every run (axe-playwright-python's Axe.run): a page checked in both
    # schemes then compiles the 650 KB script once.
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_script())
    return AxeResults(page.evaluate("(options) => axe.run(document, options)", options))


def run_axe_in(page, scheme: str | None, rules: list[str] | None = None):
    """``run_axe`` after switching the page, as loaded, to ``scheme`` (None: as it is) and letting its colours
    settle."""
    if scheme is not None:
        page.emulate_media(color_scheme=scheme)
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
        page.evaluate(SETTLED)
    return run_axe(page, rules)


def violations_here(page, where: str, rules: list[str] | None = None, schemes=None) -> list[str]:
    """axe-core's report on the page as it is now, one per colour scheme with violations; ``where`` names the
    page. With ``schemes`` (say ``BOTH_SCHEMES``), axe-core runs in each on this one load (``run_axe_in``):
    the schemes change colours only, so a page need not be loaded once per scheme."""
    failures = []
    for scheme in schemes or [None]:
        results = run_axe_in(page, scheme, rules)
        if results.violations_count:
            failures.append(f"{where}{f', {scheme}' if scheme else ''}:\n{results.generate_report()}")
    return failures


def violations_at(page, where: str, viewports: dict[str, dict], schemes=BOTH_SCHEMES) -> list[str]:
    """``violations_here`` at each of ``viewports`` (name: size) in turn, on the page as loaded: the site's layout
    answers the width in CSS alone (no script of it reads the width), so resizing the window of a loaded page shows
    what loading the page at that width would, for a load and a render less."""
    failures = []
    for name, size in viewports.items():
        page.set_viewport_size(size)
        assert page.evaluate("innerWidth") == size["width"], name
        failures += violations_here(page, f"{where} at {name}", schemes=schemes)
    return failures


def assert_no_violations_here(page, where: str, rules: list[str] | None = None, schemes=None) -> None:
    """axe-core finds nothing on the page as it is now (in each of ``schemes``, as ``violations_here``)."""
    failures = violations_here(page, where, rules, schemes)
    assert not failures, "\n\n".join(failures)


def assert_no_violations(page, site: str, paths: list[str], check_page=None, schemes=None) -> None:
    """Open each of ``paths`` on ``site`` in ``page`` (its viewport and colour scheme as set) and run axe-core in
    each of ``schemes`` on that load (``violations_here``); ``check_page(page, path)`` may assert something about
    each page first. A failure names every page with violations, not only the first."""
    failures = []
    for path in paths:
        page.goto(site + path)
        if check_page is not None:
            check_page(page, path)
        failures += violations_here(page, path, schemes=schemes)
    assert not failures, "\n\n".join(failures)
