"""The lab's Robyn app, written the way Robyn's documentation writes one.

- Routes with `@app.get` / `@app.post`, path parameters as `:name`, dicts answered as JSON:
  https://robyn.tech/documentation/en/api_reference/getting_started.
- Validation: a Pydantic model as the handler's parameter (`robyn[pydantic]`), which Robyn validates itself and
  answers with its own 422 error on a bad body: https://robyn.tech/documentation/en/api_reference/pydantic.
- Data access: Robyn's docs show no ORM, so SQLAlchemy with a session per request, in plain `def` handlers,
  which Robyn runs in a thread pool so as not to block its async runtime
  (https://robyn.tech/documentation/en/api_reference/architecture_deep_dive).
- No `const=True` routes: Robyn would answer them from Rust without calling Python again, where every other app
  runs its handler for each request.
- Run with Robyn's own server, `python robyn_app.py --processes N --workers 1`, as its Scaling page shows
  (https://robyn.tech/documentation/en/api_reference/scaling); `--port` is this file's own option.
"""

import argparse
import os

from pydantic import BaseModel, ConfigDict, Field
from robyn import Response, Robyn
from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

app = Robyn(__file__)
engine = create_engine(f"sqlite:///{os.environ.get('LAB_DB', 'lab.sqlite3')}")


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


@app.get("/plaintext")
def plaintext():
    return Response(status_code=200, headers={"Content-Type": "text/plain; charset=utf-8"}, description="Hello, World!")


@app.get("/json")
def json_message():
    return {"message": "Hello, World!"}


@app.post("/validate")
def validate(item: ItemIn) -> ItemIn:
    return item


@app.get("/db/:item_id")
def db_item(item_id: int):
    with Session(engine) as session:
        item = session.get(Item, item_id)
        if item is None:
            return Response(
                status_code=404, headers={"Content-Type": "application/json"}, description='{"error": "not found"}'
            )
        return {"id": item.id, "name": item.name, "price": item.price}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="The lab's Robyn app; Robyn reads --processes and --workers.")
    parser.add_argument("--port", type=int, default=8080)
    args, _ = parser.parse_known_args()
    app.start(host="127.0.0.1", port=args.port)
