"""The lab's Quart app, written the way Quart's documentation writes one.

- Validation with Quart-Schema, as Quart's API tutorial does (https://quart.palletsprojects.com/en/latest/
  tutorials/api_tutorial.html): Pydantic models with ``@validate_request`` and ``@validate_response``. A bad
  body raises RequestSchemaValidationError, turned into a 400 JSON answer by the error handler that Quart-Schema's
  error-handling page shows (https://quart-schema.readthedocs.io/en/latest/how_to_guides/error_handling.html).
- The database read follows Quart's blog tutorial (https://quart.palletsprojects.com/en/latest/tutorials/
  blog_tutorial.html): the standard library's sqlite3, one connection per request kept on ``g``, no ORM. The
  tutorial calls sqlite3 from an ``async def`` route, which blocks the event loop; Quart's "Run synchronous code"
  page (https://quart.palletsprojects.com/en/latest/how_to_guides/sync_code.html) says to write such a route as
  a plain ``def``, which Quart runs in a thread pool executor, and that is what this app does. The connection is
  closed on app-context teardown, which Quart may run on another executor thread, hence
  ``check_same_thread=False``.
"""

import os
import sqlite3
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints
from quart import Quart, abort, g
from quart_schema import QuartSchema, RequestSchemaValidationError, validate_request, validate_response

app = Quart(__name__)
app.config["DATABASE"] = os.environ.get("LAB_DB", "lab.sqlite3")
QuartSchema(app)


class ItemIn(BaseModel):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
    price: float = Field(ge=0)
    quantity: int = Field(ge=1)


class ItemOut(BaseModel):
    id: int
    name: str
    price: float


def _connect_db() -> sqlite3.Connection:
    connection = sqlite3.connect(app.config["DATABASE"], check_same_thread=False)
    connection.row_factory = sqlite3.Row
    return connection


def _get_db() -> sqlite3.Connection:
    if not hasattr(g, "sqlite_db"):
        g.sqlite_db = _connect_db()
    return g.sqlite_db


@app.teardown_appcontext
def close_db(exception=None):
    db = g.pop("sqlite_db", None)
    if db is not None:
        db.close()


@app.errorhandler(RequestSchemaValidationError)
async def handle_request_validation_error(error):
    return {"errors": str(error.validation_error)}, 400


@app.get("/plaintext")
async def plaintext():
    return "Hello, World!", 200, {"Content-Type": "text/plain; charset=utf-8"}


@app.get("/json")
async def json_message():
    return {"message": "Hello, World!"}


@app.post("/validate")
@validate_request(ItemIn)
@validate_response(ItemIn)
async def validate(data: ItemIn) -> ItemIn:
    return data


@app.get("/db/<int:item_id>")
@validate_response(ItemOut)
def db_item(item_id: int):
    row = _get_db().execute("SELECT id, name, price FROM item WHERE id = ?", (item_id,)).fetchone()
    if row is None:
        abort(404)
    return ItemOut(id=row["id"], name=row["name"], price=row["price"])
