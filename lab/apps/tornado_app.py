"""The lab's Tornado app, written the way Tornado's guide writes one.

- `RequestHandler` subclasses routed by a `tornado.web.Application`: https://www.tornadoweb.org/en/stable/guide/structure.html;
  `self.write(dict)` answers JSON, errors go through `write_error`, which this app makes write JSON (the guide's
  "Error Handling" section).
- Validation: Tornado has none of its own, so the checks are written by hand; a bad body is `HTTPError(400)`.
- Data access: Tornado's docs show no ORM, so SQLAlchemy; its calls block, so they run in the IOLoop's thread
  pool with `run_in_executor`, as the guide's "Calling blocking functions" says
  (https://www.tornadoweb.org/en/stable/guide/coroutines.html#calling-blocking-functions).
- Run with Tornado's own HTTPServer, one process per CPU forked from one parent with `bind_sockets` and
  `fork_processes`, as "Running and deploying" shows (https://www.tornadoweb.org/en/stable/guide/running.html):
  `python tornado_app.py --port P --workers N`.
"""

import argparse
import asyncio
import json
import os

import tornado.netutil
import tornado.process
import tornado.web
from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop

engine = create_engine(f"sqlite:///{os.environ.get('LAB_DB', 'lab.sqlite3')}")


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    price: Mapped[float]


class JSONErrors(tornado.web.RequestHandler):
    """Errors as JSON: {"error": reason} plus what the handler found wrong (Tornado's default is an HTML page)."""

    def write_error(self, status_code: int, **kwargs) -> None:
        body = {"error": self._reason}
        if "exc_info" in kwargs and isinstance(kwargs["exc_info"][1], InvalidItem):
            body["errors"] = kwargs["exc_info"][1].errors
        self.finish(body)


class InvalidItem(tornado.web.HTTPError):
    def __init__(self, errors: dict):
        super().__init__(400, reason="Invalid item")
        self.errors = errors


class PlaintextHandler(JSONErrors):
    def get(self):
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.write("Hello, World!")


class JSONHandler(JSONErrors):
    def get(self):
        self.write({"message": "Hello, World!"})


def check_item(data) -> dict:
    """The checks a Tornado app writes by hand: the normalised item, or InvalidItem saying what is wrong."""
    if not isinstance(data, dict):
        raise InvalidItem({"body": "expected a JSON object"})
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
    if errors:
        raise InvalidItem(errors)
    return clean


class ValidateHandler(JSONErrors):
    def post(self):
        try:
            data = json.loads(self.request.body)
        except ValueError:
            raise InvalidItem({"body": "not valid JSON"}) from None
        self.write(check_item(data))


def read_item(item_id: int) -> dict | None:
    with Session(engine) as session:
        item = session.get(Item, item_id)
        return item and {"id": item.id, "name": item.name, "price": item.price}


class ItemHandler(JSONErrors):
    async def get(self, item_id: str):
        item = await IOLoop.current().run_in_executor(None, read_item, int(item_id))
        if item is None:
            raise tornado.web.HTTPError(404)
        self.write(item)


app = tornado.web.Application(
    [
        (r"/plaintext", PlaintextHandler),
        (r"/json", JSONHandler),
        (r"/validate", ValidateHandler),
        (r"/db/([0-9]+)", ItemHandler),
    ]
)


def main() -> None:
    parser = argparse.ArgumentParser(description="The lab's Tornado app on Tornado's own server.")
    parser.add_argument("--port", type=int, default=8888)
    parser.add_argument("--workers", type=int, default=1, help="processes forked by fork_processes")
    args = parser.parse_args()
    sockets = tornado.netutil.bind_sockets(args.port, "127.0.0.1")
    tornado.process.fork_processes(args.workers)

    async def post_fork_main():
        server = HTTPServer(app)
        server.add_sockets(sockets)
        await asyncio.Event().wait()

    asyncio.run(post_fork_main())


if __name__ == "__main__":
    main()
