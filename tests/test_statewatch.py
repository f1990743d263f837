"""With Redis, each process keeps a copy of the content state that Redis invalidates: no round trip per
request, and still every change (from any process, by any route) is seen on the next read."""

import os
import time

import pytest
from django.core.cache import caches

from advisor import statewatch, versioning

from .conftest import redis_url

pytestmark = pytest.mark.django_db


def redis_location() -> str:
    return redis_url(14)


@pytest.fixture
def redis_cache(settings, fixture_content):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_location(),
            "KEY_PREFIX": f"statewatch-test-{os.getpid()}",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    statewatch.reset()
    cache = caches["default"]
    cache.delete(versioning.COUNTER_KEY)
    yield cache
    cache.delete(versioning.COUNTER_KEY)
    statewatch.reset()


@pytest.fixture
def redis_reads(redis_cache, monkeypatch):
    """Count the reads of the state key that reach Redis."""
    reads = []
    real_get = redis_cache.get

    def counting_get(key, *args, **kwargs):
        if key == versioning.COUNTER_KEY:
            reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(redis_cache, "get", counting_get)
    return reads


def eventually(check, timeout=2.0):
    """Other processes' writes reach this one's watch connection within microseconds; allow for a slow box."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the change was never seen"
        time.sleep(0.005)


def other_client_sets(cache, value):
    """Write the key through a separate Redis connection, as another process would."""
    import redis

    raw = redis.Redis.from_url(redis_location())
    try:
        raw.set(cache.make_key(versioning.COUNTER_KEY), cache.client.encode(value))
    finally:
        raw.close()


def test_reads_after_the_first_need_no_round_trip(redis_reads):
    first = versioning.cached_state()  # the key is empty: read from the database and added to Redis
    assert versioning.cached_state() == first  # the add invalidated the copy: one more read
    reads = len(redis_reads)
    for _ in range(20):
        assert versioning.cached_state() == first
    assert len(redis_reads) == reads


def test_a_write_from_another_connection_is_seen_on_the_next_read(redis_cache, redis_reads):
    first = versioning.cached_state()
    newer = versioning.Version(first.counter + 41, "f" * 16, first.changed)
    other_client_sets(redis_cache, newer)
    eventually(lambda: versioning.cached_state() == newer)


def test_a_curated_change_in_this_process_is_seen_at_once(redis_cache, django_capture_on_commit_callbacks):
    from advisor.models import Framework

    before = versioning.cached_state()
    with django_capture_on_commit_callbacks(execute=True):
        framework = Framework.objects.first()
        framework.tagline = "Changed for the watch test."
        framework.save()
    after = versioning.cached_state()  # no waiting: this process's own write drops its copy
    assert after.counter > before.counter and after.digest != before.digest


def test_a_flush_is_seen_and_the_state_comes_back_from_the_database(redis_cache):
    first = versioning.cached_state()
    redis_cache.clear()
    eventually(lambda: redis_cache.get(versioning.COUNTER_KEY) is not None or versioning.cached_state() == first)
    assert versioning.cached_state() == first


def test_a_broken_watch_falls_back_to_reading_every_time_then_watches_again(redis_cache, redis_reads, monkeypatch):
    import redis

    first = versioning.cached_state()
    watch = next(iter(statewatch._watches.values()))
    raw = redis.Redis.from_url(redis_location())
    try:
        raw.client_kill_filter(_id=watch.client_id)  # as a Redis restart or a network fault would
    finally:
        raw.close()
    monkeypatch.setattr(statewatch, "RETRY_SECONDS", 60.0)
    eventually(lambda: versioning.cached_state() == first and watch.connection is None)
    reads = len(redis_reads)
    assert versioning.cached_state() == first
    assert versioning.cached_state() == first
    assert len(redis_reads) == reads + 2  # every read goes to Redis while the watch is down
    monkeypatch.setattr(statewatch, "RETRY_SECONDS", 0.0)
    assert versioning.cached_state() == first
    assert watch.connection is not None  # watching again
    newer = versioning.Version(first.counter + 7, "e" * 16, first.changed)
    other_client_sets(redis_cache, newer)
    eventually(lambda: versioning.cached_state() == newer)


def test_without_redis_nothing_is_watched(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert not statewatch.uses_redis()
    versioning.cached_state()
    assert statewatch._watches == {}


def test_a_server_that_refuses_tracking_is_not_asked_again(redis_cache, redis_reads, monkeypatch):
    import redis

    calls = []

    def refuse(self):
        calls.append(1)
        raise redis.ResponseError("unknown command 'CLIENT TRACKING'")

    monkeypatch.setattr(statewatch.StateWatch, "_subscribe", refuse)
    monkeypatch.setattr(statewatch, "RETRY_SECONDS", 0.0)
    first = versioning.cached_state()
    for _ in range(5):
        assert versioning.cached_state() == first
    assert len(calls) == 1
    assert len(redis_reads) >= 6  # read on every request, as without the watch
