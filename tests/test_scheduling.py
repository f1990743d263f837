"""The suite's own scheduling: under ``make test`` (pytest-xdist, ``--dist loadgroup``) the tests that start
servers run on one worker, one after another, while the other workers keep the cores busy. If the grouping
silently stops working (as it does with pytest 9.2 and pytest-xdist 3.8), waiting tests end up on every
worker at once and the suite gets slower without failing: this test fails instead."""

import pytest

from .conftest import SERVERS

pytestmark = SERVERS


def test_the_tests_that_start_servers_share_one_worker(request):
    if not request.config.getoption("loadgroup", False):  # set in pytest-xdist's workers
        pytest.skip("not run by pytest-xdist with --dist loadgroup")
    assert request.node.nodeid.endswith("@servers"), request.node.nodeid
