"""Cold renders of a page for ``make bench``: each one with both layers of the page cache emptied first.

Emptying only the shared layer (``caches["pages"]``) is not enough: the process keeps what it has just served
for ``PROCESS_CACHE_SECONDS`` (:mod:`advisor.pagecache`), so every render after the first would be the process's
copy, not a render.
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advisor import pagecache


def cold_renders(client, path: str, runs: int) -> tuple[list[float], list[int], object]:
    """GET ``path`` ``runs`` times through ``client``, both page-cache layers emptied before each request.
    Returns the milliseconds and the database queries of each request, and the last response."""
    times, queries = [], []
    for _ in range(runs):
        caches[settings.CACHE_MIDDLEWARE_ALIAS].clear()
        pagecache.clear_process_copies()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        queries.append(len(captured))
    return times, queries, response
