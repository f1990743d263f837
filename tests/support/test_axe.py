"""The accessibility tests run the axe-core release the Makefile pins, not the older copy inside
axe-playwright-python."""

import re

import pytest

from tests.conftest import ROOT

from .axe import AXE_CORE, axe

pytestmark = pytest.mark.browser  # make browsers fetches it, as it installs the browser (make test-fast does neither)


def test_the_accessibility_tests_run_the_pinned_axe_core():
    pinned = re.search(r"^AXE_CORE_VERSION := (\S+)$", (ROOT / "Makefile").read_text(), re.M)[1]
    assert axe().axe_script.startswith(f"/*! axe v{pinned}\n"), AXE_CORE
