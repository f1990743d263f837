"""Which slice of a run the lab's charts show, read from the query string and written back into every filter
link, so that each view of a chart has its own address: ``?endpoint=`` (plaintext, json, validate, db),
``?server=`` (documented, common, or a server's name) and ``?measure=`` (the footprint chart's measure).
A value the run does not have falls back to the default, as the matrices' filters do."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

ENDPOINTS = ("plaintext", "json", "validate", "db")
DEFAULT_ENDPOINT = "json"
DOCUMENTED = "documented"  # each app on the first server it lists: its documentation's production set-up
COMMON = "common"  # every WSGI or ASGI app on the one server that runs both
COMMON_SERVER = "granian"
MEASURES = ("install", "memory", "cold", "import")
DEFAULT_MEASURE = "install"


@dataclass(frozen=True)
class Filters:
    endpoint: str = DEFAULT_ENDPOINT
    server: str = DOCUMENTED
    measure: str = DEFAULT_MEASURE

    @classmethod
    def parse(cls, query, servers: list[str]) -> Filters:
        """The filters ``query`` asks for; each unknown value is replaced by its default."""
        endpoint = query.get("endpoint", DEFAULT_ENDPOINT)
        server = query.get("server", DOCUMENTED)
        measure = query.get("measure", DEFAULT_MEASURE)
        return cls(
            endpoint if endpoint in ENDPOINTS else DEFAULT_ENDPOINT,
            server if server in (DOCUMENTED, COMMON, *servers) else DOCUMENTED,
            measure if measure in MEASURES else DEFAULT_MEASURE,
        )

    def query_string(self) -> str:
        """The canonical query string: defaults left out, in a fixed order."""
        params = [
            ("endpoint", self.endpoint, DEFAULT_ENDPOINT),
            ("server", self.server, DOCUMENTED),
            ("measure", self.measure, DEFAULT_MEASURE),
        ]
        return urlencode([(name, value) for name, value, default in params if value != default])

    def link(self, **change) -> dict:
        """A filter link: the query string of these filters with ``change`` applied, and whether it is this one."""
        other = replace(self, **change)
        query = other.query_string()
        return {"query": f"?{query}" if query else "", "current": other == self}
