"""The lab's BlackSheep app: an `Application` with the default router's `@get`/`@post` decorators, as BlackSheep's
getting-started page writes it (https://www.neoteroi.dev/blacksheep/getting-started/).

Validation: a Pydantic model bound from the body with `FromJSON[...]` (https://www.neoteroi.dev/blacksheep/binders/;
BlackSheep's class converter recommends Pydantic models for validation). A body that fails the model is
BlackSheep's own 400 answer, the Pydantic errors as JSON; a body that is not JSON is its plain-text 400.

Database: SQLAlchemy's asyncio extension through BlackSheep-SQLAlchemy, the SQLAlchemy extension listed on
BlackSheep's extensions page (https://www.neoteroi.dev/blacksheep/extensions/): `use_sqlalchemy()` registers an
`AsyncSession` scoped to the request, injected into the handler, on aiosqlite (the SQLite driver its README
names). The handlers are `async` because BlackSheep's request-handler page says handlers that reach a database
should be, and that a sync handler runs on the event loop itself (no thread pool).
"""

import os
from typing import Annotated

from blacksheep import Application, FromJSON, get, json, not_found, post, text
from blacksheepsqlalchemy import use_sqlalchemy
from pydantic import BaseModel, Field, StringConstraints
from sqlalchemy import String
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    price: Mapped[float]


class ItemIn(BaseModel):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
    price: float = Field(ge=0)
    quantity: int = Field(ge=1)


app = Application()
use_sqlalchemy(app, connection_string=f"sqlite+aiosqlite:///{os.environ.get('LAB_DB', 'lab.sqlite3')}")


@get("/plaintext")
async def plaintext():
    return text("Hello, World!")


@get("/json")
async def json_message():
    return json({"message": "Hello, World!"})


@post("/validate")
async def validate(item: FromJSON[ItemIn]):
    return json(item.value)


@get("/db/{item_id}")
async def db_item(item_id: int, db_session: AsyncSession):
    async with db_session:
        item = await db_session.get(Item, item_id)
    if item is None:
        return not_found({"error": "Item not found"})
    return json({"id": item.id, "name": item.name, "price": item.price})
