"""Fixtures for the readers' corrections: a correction of the fixture content's One × Async rating."""

import pytest

from corrections.models import Correction, Kind

GOOD = {"text": "Async views need an extra package since 2.0.", "source_url": "https://one.example.org/async"}
RATING_URL = "/correct/rating/one/async/"


@pytest.fixture
def correction(fixture_content):
    return Correction.objects.create(
        kind=Kind.RATING,
        framework_slug="one",
        entry_slug="async",
        claim="One on Async support\n5 of 5: Native",
        content_version="abc",
        text="It is not native.",
        source_url="https://example.org/one",
        sender="s1",
    )
