"""Limits on what one address may send, through Django's cache ("default") and two counts in the database.

- ``attempts``: every POST from an address (good or bad) counts; past ``ATTEMPTS_PER_HOUR`` it gets 429.
- ``sent``: every stored correction counts; past ``SENT_PER_HOUR`` it gets 429.
- Open corrections (status "new") are capped per address and per claim, so that a flood spread over hours or
  addresses still cannot grow the table without bound: past the cap the sender gets 429 until curators triage.

The address is the one the site's other limits use (``advisor.ratelimit.client_address``: REMOTE_ADDR, or
behind ``DJANGO_PROXY_COUNT`` proxies what the outermost one saw); only a keyed hash of it is stored. If the
cache does not answer, the hourly limits are not enforced (the caps still are).
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import caches

from advisor.ratelimit import client_address, hit

ATTEMPTS_PER_HOUR = 20
SENT_PER_HOUR = 5
OPEN_PER_ADDRESS = 10
OPEN_PER_CLAIM = 20
WINDOW_SECONDS = 3600


def sender_key(request) -> str:
    address = client_address(request) or "unknown"
    digest = hmac.new(settings.SECRET_KEY.encode(), f"corrections:{address}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def _key(bucket: str, sender: str) -> str:
    return f"corrections:{bucket}:{sender}"


def count(bucket: str, sender: str) -> int:
    """Add one to this address's count in ``bucket`` and return it (0 if the cache does not answer)."""
    return hit(_key(bucket, sender), WINDOW_SECONDS) or 0


def seen(bucket: str, sender: str) -> int:
    return caches["default"].get(_key(bucket, sender)) or 0


def too_many_attempts(sender: str) -> bool:
    return count("attempts", sender) > ATTEMPTS_PER_HOUR


def sent_too_many(sender: str) -> bool:
    return seen("sent", sender) >= SENT_PER_HOUR


def record_sent(sender: str) -> None:
    count("sent", sender)
