"""The lab's Bottle app: a `Bottle()` instance with decorator routes, written the way Bottle's tutorial writes
its ToDo app (https://bottlepy.org/docs/stable/tutorial_app.html).

Validation: Bottle has none of its own; the checks are written by hand. A dict returned from a route becomes
JSON (Bottle's JSON plugin), and setting `response.status` sends it as a 400 without going through the HTML
error page. Malformed JSON is refused by `request.json` itself (an `HTTPError(400)`); the app's `@app.error`
handlers render errors as JSON instead of Bottle's default HTML page (the tutorial's "Error Pages" hook).

Database: the standard library's sqlite3 with a connection opened for each request, as the tutorial does it
(its `/as_json/<number>` route); Bottle ships no ORM and the tutorial uses none. Unlike the tutorial, the
connection is also closed (`with sqlite3.connect()` only ends the transaction).
"""

import json
import os
import sqlite3
from contextlib import closing

from bottle import Bottle, HTTPError, abort, request, response

DB_PATH = os.environ.get("LAB_DB", "lab.sqlite3")

app = Bottle()


@app.error(400)
@app.error(404)
def json_error(error: HTTPError) -> str:
    response.content_type = "application/json"
    return json.dumps({"error": error.body})


@app.get("/plaintext")
def plaintext():
    response.content_type = "text/plain; charset=utf-8"
    return "Hello, World!"


@app.get("/json")
def json_message():
    return {"message": "Hello, World!"}


def check_item(data) -> tuple[dict, dict]:
    """Bottle has no validation layer of its own; these are the checks an app writes by hand."""
    if not isinstance(data, dict):
        return {}, {"body": "expected a JSON object"}
    errors, clean = {}, {}
    name = data.get("name")
    if isinstance(name, str) and 1 <= len(name.strip()) <= 50:
        clean["name"] = name.strip()
    else:
        errors["name"] = "a string of 1 to 50 characters is required"
    price = data.get("price")
    if isinstance(price, int | float) and not isinstance(price, bool) and price >= 0:
        clean["price"] = float(price)
    else:
        errors["price"] = "a number of at least 0 is required"
    quantity = data.get("quantity")
    if isinstance(quantity, int) and not isinstance(quantity, bool) and quantity >= 1:
        clean["quantity"] = quantity
    else:
        errors["quantity"] = "an integer of at least 1 is required"
    return clean, errors


@app.post("/validate")
def validate():
    clean, errors = check_item(request.json)
    if errors:
        response.status = 400
        return {"errors": errors}
    return clean


@app.get("/db/<item_id:int>")
def db_item(item_id: int):
    with closing(sqlite3.connect(DB_PATH)) as connection:
        cursor = connection.cursor()
        cursor.execute("SELECT id, name, price FROM item WHERE id = ?", (item_id,))
        result = cursor.fetchone()
    if not result:
        abort(404, "Item not found")
    return {"id": result[0], "name": result[1], "price": result[2]}
