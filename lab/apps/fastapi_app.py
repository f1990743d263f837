"""The lab's FastAPI app: a Pydantic model validates the body; the database read is a plain `def` path
operation with a SQLAlchemy session from a dependency, as FastAPI's SQL tutorial does it."""

import os
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field, StringConstraints
from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

engine = create_engine(
    f"sqlite:///{os.environ.get('LAB_DB', 'lab.sqlite3')}", connect_args={"check_same_thread": False}
)


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


class ItemOut(BaseModel):
    id: int
    name: str
    price: float


def get_session():
    with Session(engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]

app = FastAPI()


@app.get("/plaintext", response_class=PlainTextResponse)
async def plaintext():
    return "Hello, World!"


@app.get("/json")
async def json_message():
    return {"message": "Hello, World!"}


@app.post("/validate")
async def validate(item: ItemIn) -> ItemIn:
    return item


@app.get("/db/{item_id}")
def db_item(item_id: int, session: SessionDep) -> ItemOut:
    item = session.get(Item, item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Item not found")
    return ItemOut(id=item.id, name=item.name, price=item.price)
