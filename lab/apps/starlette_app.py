"""The lab's Starlette app, written the way Starlette's documentation writes one.

- Routes are a list of ``Route`` objects and endpoints are plain ``async def`` functions
  (https://www.starlette.io/routing/).
- Starlette has no validation layer and its docs point to none: the body is checked by hand, the same rules
  as the other apps, and a bad body answers 400 with the errors as JSON. HTTP errors (the 404) go through the
  JSON ``HTTPException`` handler that Starlette's exceptions page shows (https://www.starlette.io/exceptions/).
- The database page (https://www.starlette.io/database/) sends you to an async library such as SQLAlchemy 2's
  asyncio support: an async engine (aiosqlite) and session factory made in the lifespan and handed to requests
  as lifespan state (https://www.starlette.io/lifespan/). The endpoint awaits the query, so nothing blocks the
  event loop.
"""

import contextlib
import os

from sqlalchemy import String
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    price: Mapped[float]


@contextlib.asynccontextmanager
async def lifespan(app):
    engine = create_async_engine(f"sqlite+aiosqlite:///{os.environ.get('LAB_DB', 'lab.sqlite3')}")
    yield {"sessionmaker": async_sessionmaker(engine)}
    await engine.dispose()


def check_item(data) -> tuple[dict, dict]:
    """The contract's rules by hand, since Starlette brings no validation of its own."""
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


async def plaintext(request: Request) -> PlainTextResponse:
    return PlainTextResponse("Hello, World!")


async def json_message(request: Request) -> JSONResponse:
    return JSONResponse({"message": "Hello, World!"})


async def validate(request: Request) -> JSONResponse:
    try:
        data = await request.json()
    except ValueError:
        return JSONResponse({"errors": {"body": "invalid JSON"}}, status_code=400)
    clean, errors = check_item(data)
    if errors:
        return JSONResponse({"errors": errors}, status_code=400)
    return JSONResponse(clean)


async def db_item(request: Request) -> JSONResponse:
    async with request.state.sessionmaker() as session:
        item = await session.get(Item, request.path_params["item_id"])
    if item is None:
        raise HTTPException(status_code=404)
    return JSONResponse({"id": item.id, "name": item.name, "price": item.price})


async def http_exception(request: Request, exc: HTTPException) -> JSONResponse:
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


app = Starlette(
    routes=[
        Route("/plaintext", plaintext),
        Route("/json", json_message),
        Route("/validate", validate, methods=["POST"]),
        Route("/db/{item_id:int}", db_item),
    ],
    exception_handlers={HTTPException: http_exception},
    lifespan=lifespan,
)
