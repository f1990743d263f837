"""The lab's Falcon app: the WSGI `falcon.App` (the flavour Falcon's docs lead with: its install page says
"Falcon speaks WSGI" and its first tutorial is the WSGI one, served by gunicorn), with resource classes and
`on_get`/`on_post` responders as in that tutorial (https://falcon.readthedocs.io/en/stable/user/tutorial.html).

Validation: Falcon's own media validator, `falcon.media.validators.jsonschema.validate` (the one validator its
media page documents, https://falcon.readthedocs.io/en/stable/api/media.html#validating-media); a failure is
Falcon's `MediaValidationError`, a 400 JSON error with `title` and `description`. JSON Schema checks types
and bounds; the responder then normalises (strips the name), since a schema does not transform data.

Database: SQLAlchemy Core with the engine handed to the resource and one `engine.connect()` per request, as
Falcon's FAQ answers "How do I manage my database connections?"
(https://falcon.readthedocs.io/en/stable/user/faq.html#how-do-i-manage-my-database-connections).
"""

import os

import falcon
from falcon.media.validators import jsonschema
from sqlalchemy import Column, Float, Integer, MetaData, String, Table, create_engine, select

metadata = MetaData()
item_table = Table(
    "item",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(50)),
    Column("price", Float),
)

ITEM_SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 50, "pattern": r"\S"},
        "price": {"type": "number", "minimum": 0},
        "quantity": {"type": "integer", "minimum": 1},
    },
    "required": ["name", "price", "quantity"],
}


class PlaintextResource:
    def on_get(self, req, resp):
        resp.content_type = falcon.MEDIA_TEXT
        resp.text = "Hello, World!"


class JsonResource:
    def on_get(self, req, resp):
        resp.media = {"message": "Hello, World!"}


class ValidateResource:
    @jsonschema.validate(ITEM_SCHEMA)
    def on_post(self, req, resp):
        item = req.get_media()
        resp.media = {"name": item["name"].strip(), "price": float(item["price"]), "quantity": item["quantity"]}


class ItemResource:
    def __init__(self, engine):
        self._engine = engine

    def on_get(self, req, resp, item_id):
        with self._engine.connect() as connection:
            row = connection.execute(select(item_table).where(item_table.c.id == item_id)).first()
        if row is None:
            raise falcon.HTTPNotFound(title="Item not found")
        resp.media = {"id": row.id, "name": row.name, "price": row.price}


def create_app() -> falcon.App:
    engine = create_engine(f"sqlite:///{os.environ.get('LAB_DB', 'lab.sqlite3')}")
    app = falcon.App()
    app.add_route("/plaintext", PlaintextResource())
    app.add_route("/json", JsonResource())
    app.add_route("/validate", ValidateResource())
    app.add_route("/db/{item_id:int}", ItemResource(engine))
    return app


app = create_app()
