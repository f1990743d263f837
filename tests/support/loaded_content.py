"""Content loaded once per test run and restored into each test's database from memory.

``loadcontent`` runs once per content folder (in a transaction that is rolled back); the rows it wrote, in
every content table, its many-to-many tables and the content-version row, are kept as tuples, and shared with the
run's other pytest-xdist workers (``save``, ``read``; ``loaded_once`` in tests/conftest.py). Restoring
them is one insert statement per table inside the test's own transaction, so each test still starts from an
empty database and its changes vanish with its transaction. The inserts send no signals, so the restored
content-version row (counter and digest) is exactly what the load left. They are plain ``executemany``
statements of the values as each field prepares them for the database (``get_db_prep_save``), prepared once:
building thousands of model instances for ``bulk_create`` took most of a restore's time.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.test import override_settings

from advisor.models import CONTENT_MODELS, ContentVersion

TABLES: list[type[models.Model]] = [
    ContentVersion,
    *CONTENT_MODELS,
    *(field.remote_field.through for model in CONTENT_MODELS for field in model._meta.local_many_to_many),
]


def content_rows(leave_out: frozenset[str] = frozenset()) -> dict[type[models.Model], list[tuple]]:
    """Every row of every table in ``TABLES`` as the database holds it now, in id order: each concrete field's value
    but those named in ``leave_out``."""
    rows = {}
    for model in TABLES:
        columns = [field.attname for field in model._meta.concrete_fields if field.name not in leave_out]
        rows[model] = list(model.objects.order_by("pk").values_list(*columns))
    return rows


class LoadedContent:
    """The rows that loading one content folder writes."""

    def __init__(self, rows: dict[type[models.Model], list[tuple]]):
        self.rows = rows
        self.statements: list[tuple[str, list[tuple]]] | None = None

    @classmethod
    def load(cls, folder) -> LoadedContent:
        """``loadcontent`` of ``folder`` into this database, rolled back once its rows are read."""
        # A throwaway cache: the load's content-version bump must not reach this machine's real cache.
        caches = {alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"} for alias in settings.CACHES}
        with override_settings(CACHES=caches), transaction.atomic():
            call_command("loadcontent", str(folder), verbosity=0)
            rows = content_rows()
            transaction.set_rollback(True)
        return cls(rows)

    def save(self, path: Path) -> None:
        """The rows, table by table in ``TABLES``' order, for ``read`` in another process of the same run."""
        path.write_bytes(pickle.dumps([self.rows[model] for model in TABLES]))

    @classmethod
    def read(cls, path: Path) -> LoadedContent:
        return cls(dict(zip(TABLES, pickle.loads(path.read_bytes()), strict=True)))

    def _prepare(self) -> list[tuple[str, list[tuple]]]:
        quote = connection.ops.quote_name
        statements = []
        for model, rows in self.rows.items():
            fields = model._meta.concrete_fields
            columns = ", ".join(quote(f.column) for f in fields)
            values = ", ".join(["%s"] * len(fields))
            sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({values})"
            params = [
                tuple(field.get_db_prep_save(value, connection) for field, value in zip(fields, row, strict=True))
                for row in rows
            ]
            statements.append((sql, params))
        return statements

    def restore(self) -> None:
        if self.statements is None:
            self.statements = self._prepare()
        # One transaction: a test's own (a savepoint) or, for the live server's tests, which run outside one, a
        # transaction of its own rather than one per statement (80 ms a restore of the shipped content, not 20).
        with transaction.atomic(), connection.cursor() as cursor:
            ContentVersion.objects.all().delete()  # a request before this may have created the row
            for sql, params in self.statements:
                if params:
                    cursor.executemany(sql, params)
            # PostgreSQL: move the id sequences past the restored ids, as loaddata does (nothing on SQLite), in
            # one round trip rather than one per table.
            if resets := connection.ops.sequence_reset_sql(no_style(), list(self.rows)):
                cursor.execute("\n".join(resets))
