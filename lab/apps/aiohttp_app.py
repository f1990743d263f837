"""The lab's aiohttp app, written the way aiohttp's server docs write one.

- Routes with a `RouteTableDef`, `web.Response(text=...)` and `web.json_response`:
  https://docs.aiohttp.org/en/stable/web_quickstart.html.
- Validation: aiohttp has none of its own, so the checks are written by hand; a bad body is answered with
  aiohttp's HTTP exceptions (`web.HTTPBadRequest`) carrying a JSON body
  (https://docs.aiohttp.org/en/stable/web_exceptions.html).
- Data access: aiohttp's docs name no ORM, so SQLAlchemy's asyncio engine (through aiosqlite, so the event loop
  never blocks on the database), created and disposed of in a cleanup context, where the docs set up a database
  engine (https://docs.aiohttp.org/en/stable/web_advanced.html#cleanup-context), and kept under an `AppKey`.
- Run as aiohttp's deployment page shows for several processes without a proxy: gunicorn with
  `aiohttp.GunicornWebWorker` (https://docs.aiohttp.org/en/stable/deployment.html#nginx-gunicorn), the
  target being this module's `app`. `python aiohttp_app.py --port P` runs one standalone process (`run_app`).
"""

import argparse
import json
import os

from aiohttp import web
from sqlalchemy import String
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

routes = web.RouteTableDef()
sessions_key = web.AppKey("sessions", async_sessionmaker)


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    price: Mapped[float]


async def database(app: web.Application):
    engine: AsyncEngine = create_async_engine(f"sqlite+aiosqlite:///{os.environ.get('LAB_DB', 'lab.sqlite3')}")
    app[sessions_key] = async_sessionmaker(engine, expire_on_commit=False)
    yield
    await engine.dispose()


def bad_request(errors: dict) -> web.HTTPBadRequest:
    return web.HTTPBadRequest(text=json.dumps({"errors": errors}), content_type="application/json")


def check_item(data) -> dict:
    """The checks an aiohttp app writes by hand: the normalised item, or HTTPBadRequest saying what is wrong."""
    if not isinstance(data, dict):
        raise bad_request({"body": "expected a JSON object"})
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
        raise bad_request(errors)
    return clean


@routes.get("/plaintext")
async def plaintext(request: web.Request) -> web.Response:
    return web.Response(text="Hello, World!")


@routes.get("/json")
async def json_message(request: web.Request) -> web.Response:
    return web.json_response({"message": "Hello, World!"})


@routes.post("/validate")
async def validate(request: web.Request) -> web.Response:
    try:
        data = await request.json()
    except ValueError:
        raise bad_request({"body": "not valid JSON"}) from None
    return web.json_response(check_item(data))


@routes.get(r"/db/{item_id:\d+}")
async def db_item(request: web.Request) -> web.Response:
    async with request.app[sessions_key]() as session:
        item = await session.get(Item, int(request.match_info["item_id"]))
    if item is None:
        raise web.HTTPNotFound(text=json.dumps({"error": "not found"}), content_type="application/json")
    return web.json_response({"id": item.id, "name": item.name, "price": item.price})


app = web.Application()
app.add_routes(routes)
app.cleanup_ctx.append(database)

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="One standalone aiohttp process (the lab runs gunicorn).")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--workers", type=int, default=1, help="only 1: use gunicorn for more")
    args = parser.parse_args()
    if args.workers != 1:
        parser.error("run_app serves one process; for more, run gunicorn with aiohttp.GunicornWebWorker")
    web.run_app(app, host="127.0.0.1", port=args.port, access_log=None)
