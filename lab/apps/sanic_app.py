"""The lab's Sanic app, written the way Sanic's guide writes one.

- Routes and responses: https://sanic.dev/en/guide/basics/routing.html and
  https://sanic.dev/en/guide/basics/response.html (`text`, `json`).
- Validation: Sanic Extensions' `@validate(json=Model)` with a Pydantic model
  (https://sanic.dev/en/plugins/sanic-ext/validation.html); a bad body is Sanic's own 400 error, rendered as JSON
  (`FALLBACK_ERROR_FORMAT`, https://sanic.dev/en/guide/best-practices/exceptions.html).
- Data access: SQLAlchemy's asyncio extension with an `AsyncSession` opened per request in middleware, the pattern
  of Sanic's ORM how-to (https://sanic.dev/en/guide/how-to/orm.html); on SQLite through aiosqlite, so the
  event loop never blocks on the database. The middleware is registered on a blueprint that holds the database
  route (blueprint middleware runs only for that blueprint's routes:
  https://sanic.dev/en/guide/best-practices/blueprints.html#middleware), so /plaintext, /json and /validate do
  not open and close a session they never use, as no other app of the lab does.
- Sanic Extensions turns on CORS handling by default, a response hook on every request; the lab's contract has
  no cross-origin callers and no other app sends CORS headers, so it is turned off (`CORS = False`,
  https://sanic.dev/en/plugins/sanic-ext/http/cors.html).
- Run with Sanic's own server, as its Running page prescribes: `sanic sanic_app:app --workers N`
  (https://sanic.dev/en/guide/running/running.html).
"""

import os
from contextvars import ContextVar

from pydantic import BaseModel, ConfigDict, Field
from sanic import Blueprint, Sanic, json, text
from sanic.exceptions import NotFound
from sanic_ext import validate
from sqlalchemy import String
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

app = Sanic("lab")
app.config.FALLBACK_ERROR_FORMAT = "json"
app.config.CORS = False
database = Blueprint("database")

bind = create_async_engine(f"sqlite+aiosqlite:///{os.environ.get('LAB_DB', 'lab.sqlite3')}")
_sessionmaker = async_sessionmaker(bind, expire_on_commit=False)  # SQLAlchemy 2's spelling of the how-to's
_session_ctx: ContextVar = ContextVar("session")


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    price: Mapped[float]


class ItemIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=50)
    price: float = Field(ge=0)
    quantity: int = Field(ge=1)


@database.middleware("request")
async def inject_session(request):
    request.ctx.session = _sessionmaker()
    request.ctx.session_ctx_token = _session_ctx.set(request.ctx.session)


@database.middleware("response")
async def close_session(request, response):
    if hasattr(request.ctx, "session_ctx_token"):
        _session_ctx.reset(request.ctx.session_ctx_token)
        await request.ctx.session.close()


@app.get("/plaintext")
async def plaintext(request):
    return text("Hello, World!")


@app.get("/json")
async def json_message(request):
    return json({"message": "Hello, World!"})


@app.post("/validate")
@validate(json=ItemIn)
async def validate_item(request, body: ItemIn):
    return json(body.model_dump())


@database.get("/db/<item_id:int>")
async def db_item(request, item_id: int):
    item = await request.ctx.session.get(Item, item_id)
    if item is None:
        raise NotFound(f"no item {item_id}")
    return json({"id": item.id, "name": item.name, "price": item.price})


app.blueprint(database)
