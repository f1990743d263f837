"""axe-core over several pages in one browser test.

Each browser test restores the content into a fresh database and starts a browser context (about a second);
checking a list of pages in one test pays that once. Every page is checked, and a failure names each page
with violations and its report, so nothing is lost against one test per page.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe


def assert_no_violations(page, site: str, paths: list[str], check_page=None) -> None:
    """Open each of ``paths`` on ``site`` in ``page`` (its viewport and colour scheme as set) and run axe-core;
    ``check_page(page, path)`` may assert something about each page first."""
    axe = Axe()
    failures = []
    for path in paths:
        page.goto(site + path)
        if check_page is not None:
            check_page(page, path)
        results = axe.run(page)
        if results.violations_count:
            failures.append(f"{path}:\n{results.generate_report()}")
    assert not failures, "\n\n".join(failures)
