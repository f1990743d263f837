"""The lab's Litestar app, written the way Litestar's documentation writes one.

- The body is a msgspec Struct (https://docs.litestar.dev/2/usage/requests.html): its Meta constraints are
  checked while the JSON is decoded; a bad body is Litestar's ValidationException, a 400 in its own JSON shape
  ({"status_code", "detail", "extra"}; https://docs.litestar.dev/2/usage/exceptions.html).
- The database read follows Litestar's SQLAlchemy tutorial and plugin page
  (https://docs.litestar.dev/2/tutorials/sqlalchemy/4-final-touches-and-recap.html,
  https://docs.litestar.dev/2/usage/databases/sqlalchemy/plugins/sqlalchemy_plugin.html): SQLAlchemyPlugin with
  an async engine (aiosqlite), an AsyncSession injected as ``db_session``, the ORM object returned as it is and
  serialised by the plugin's DTO. The handler is async and awaits the query: nothing blocks the event loop.
"""

import os
from typing import Annotated

from litestar import Litestar, MediaType, get, post
from litestar.exceptions import NotFoundException
from litestar.plugins.sqlalchemy import SQLAlchemyAsyncConfig, SQLAlchemyPlugin
from msgspec import Meta, Struct
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


class ItemIn(Struct):
    name: Annotated[str, Meta(min_length=1, max_length=50)]
    price: Annotated[float, Meta(ge=0)]
    quantity: Annotated[int, Meta(ge=1)]

    def __post_init__(self):
        # msgspec has no strip option; a ValueError here becomes a validation error (a 400 like the others).
        self.name = self.name.strip()
        if not self.name:
            raise ValueError("name must not be blank")


@get("/plaintext", media_type=MediaType.TEXT)
async def plaintext() -> str:
    return "Hello, World!"


@get("/json")
async def json_message() -> dict[str, str]:
    return {"message": "Hello, World!"}


@post("/validate", status_code=200)  # Litestar's POST default is 201 Created; nothing is created here
async def validate(data: ItemIn) -> ItemIn:
    return data


@get("/db/{item_id:int}")
async def db_item(item_id: int, db_session: AsyncSession) -> Item:
    item = await db_session.get(Item, item_id)
    if item is None:
        raise NotFoundException(detail=f"Item {item_id} not found")
    return item


db_config = SQLAlchemyAsyncConfig(connection_string=f"sqlite+aiosqlite:///{os.environ.get('LAB_DB', 'lab.sqlite3')}")

app = Litestar(
    route_handlers=[plaintext, json_message, validate, db_item],
    plugins=[SQLAlchemyPlugin(config=db_config)],
)
