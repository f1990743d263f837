"""Baseline: a bare WSGI callable on the standard library only (json, sqlite3), answering the lab's contract.

Whatever a framework adds on top of this (routing, request objects, validation, an ORM) is what the lab's
ratios measure.
"""

import json
import os
import sqlite3
import threading

DB_PATH = os.environ.get("LAB_DB", "lab.sqlite3")
_local = threading.local()

TEXT = [("Content-Type", "text/plain; charset=utf-8")]
JSON = [("Content-Type", "application/json")]


def _db() -> sqlite3.Connection:
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = _local.conn = sqlite3.connect(f"file:{DB_PATH}?mode=ro", uri=True)
    return conn


def validate(data) -> tuple[dict, dict]:
    """The contract's rules by hand: name 1-50 characters (stripped), price >= 0, quantity an integer >= 1."""
    if not isinstance(data, dict):
        return {}, {"body": "expected a JSON object"}
    errors, clean = {}, {}
    name = data.get("name")
    if not isinstance(name, str) or not 1 <= len(name.strip()) <= 50:
        errors["name"] = "a string of 1 to 50 characters is required"
    else:
        clean["name"] = name.strip()
    price = data.get("price")
    if isinstance(price, bool) or not isinstance(price, int | float) or price < 0:
        errors["price"] = "a number of at least 0 is required"
    else:
        clean["price"] = float(price)
    quantity = data.get("quantity")
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        errors["quantity"] = "an integer of at least 1 is required"
    else:
        clean["quantity"] = quantity
    return clean, errors


def _respond(start_response, status: str, headers: list, body: bytes):
    start_response(status, [*headers, ("Content-Length", str(len(body)))])
    return [body]


def app(environ, start_response):
    path, method = environ.get("PATH_INFO", ""), environ["REQUEST_METHOD"]
    if path == "/plaintext" and method == "GET":
        return _respond(start_response, "200 OK", TEXT, b"Hello, World!")
    if path == "/json" and method == "GET":
        return _respond(start_response, "200 OK", JSON, json.dumps({"message": "Hello, World!"}).encode())
    if path == "/validate" and method == "POST":
        size = int(environ.get("CONTENT_LENGTH") or 0)
        try:
            data = json.loads(environ["wsgi.input"].read(size))
        except ValueError:
            data = None
        clean, errors = validate(data) if data is not None else ({}, {"body": "invalid JSON"})
        if errors:
            return _respond(start_response, "422 Unprocessable Entity", JSON, json.dumps({"errors": errors}).encode())
        return _respond(start_response, "200 OK", JSON, json.dumps(clean).encode())
    if path.startswith("/db/") and method == "GET" and path[4:].isdigit():
        row = _db().execute("SELECT id, name, price FROM item WHERE id = ?", (int(path[4:]),)).fetchone()
        if row is not None:
            body = json.dumps({"id": row[0], "name": row[1], "price": row[2]}).encode()
            return _respond(start_response, "200 OK", JSON, body)
    return _respond(start_response, "404 Not Found", TEXT, b"Not Found")
