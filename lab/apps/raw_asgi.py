"""Baseline: a bare ASGI callable on the standard library only, answering the lab's contract.

It shares the validation rules and the SQLite read with the WSGI baseline; the read is a plain blocking
call, as the fastest possible answer rather than a pattern to copy.
"""

import json

from raw_wsgi import _db, validate

TEXT = [(b"content-type", b"text/plain; charset=utf-8")]
JSON = [(b"content-type", b"application/json")]


async def _send(send, status: int, headers: list, body: bytes) -> None:
    headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _read_body(receive) -> bytes:
    body, more = b"", True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)
    return body


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    path, method = scope["path"], scope["method"]
    if path == "/plaintext" and method == "GET":
        return await _send(send, 200, TEXT, b"Hello, World!")
    if path == "/json" and method == "GET":
        return await _send(send, 200, JSON, json.dumps({"message": "Hello, World!"}).encode())
    if path == "/validate" and method == "POST":
        try:
            data = json.loads(await _read_body(receive))
        except ValueError:
            data = None
        clean, errors = validate(data) if data is not None else ({}, {"body": "invalid JSON"})
        if errors:
            return await _send(send, 422, JSON, json.dumps({"errors": errors}).encode())
        return await _send(send, 200, JSON, json.dumps(clean).encode())
    if path.startswith("/db/") and method == "GET" and path[4:].isdigit():
        row = _db().execute("SELECT id, name, price FROM item WHERE id = ?", (int(path[4:]),)).fetchone()
        if row is not None:
            return await _send(send, 200, JSON, json.dumps({"id": row[0], "name": row[1], "price": row[2]}).encode())
    return await _send(send, 404, TEXT, b"Not Found")
