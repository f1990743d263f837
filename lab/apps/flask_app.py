"""The lab's Flask app: routes with decorators, hand-written validation, SQLAlchemy with a scoped session
removed at the end of each request (the pattern of Flask's "SQLAlchemy in Flask" page)."""

import os

from flask import Flask, abort, request
from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker

engine = create_engine(f"sqlite:///{os.environ.get('LAB_DB', 'lab.sqlite3')}")
db_session = scoped_session(sessionmaker(bind=engine))


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    price: Mapped[float]


app = Flask(__name__)


@app.teardown_appcontext
def shutdown_session(exception=None):
    db_session.remove()


@app.get("/plaintext")
def plaintext():
    return "Hello, World!", 200, {"Content-Type": "text/plain; charset=utf-8"}


@app.get("/json")
def json_message():
    return {"message": "Hello, World!"}


def check_item(data) -> tuple[dict, dict]:
    """Flask has no validation layer of its own; these are the checks an app writes by hand."""
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


@app.post("/validate")
def validate():
    clean, errors = check_item(request.get_json(silent=True))
    if errors:
        return {"errors": errors}, 400
    return clean


@app.get("/db/<int:item_id>")
def db_item(item_id: int):
    item = db_session.get(Item, item_id)
    if item is None:
        abort(404)
    return {"id": item.id, "name": item.name, "price": item.price}
