"""The lab's Pyramid app: a `Configurator`, routes, and `@view_config` views found by `config.scan()`, in one
module instead of a cookiecutter package.

Database: the SQLAlchemy set-up of Pyramid's SQLAlchemy wiki tutorial and its cookiecutter's `models` package
(https://docs.pylonsproject.org/projects/pyramid/en/latest/tutorials/wiki2/basiclayout.html): a session
factory on the registry, `request.dbsession` as a reified request method, each session joined to the request's
transaction by zope.sqlalchemy, which pyramid_tm commits or aborts and closes at the end of the request, and
pyramid_retry around it, as the cookiecutter includes them.

Validation: a colander schema, the schema library of the Pylons Project that Pyramid's forms tutorial uses
through Deform (https://docs.pylonsproject.org/projects/pyramid/en/latest/quick_tutorial/forms.html);
`colander.Invalid.asdict()` gives the per-field messages, sent as a JSON 400 by `HTTPBadRequest`.
"""

import os

import colander
import zope.sqlalchemy
from pyramid.config import Configurator
from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import String, engine_from_config
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    price: Mapped[float]


def strip(value):
    return value.strip() if isinstance(value, str) else value


class ItemSchema(colander.MappingSchema):
    name = colander.SchemaNode(colander.String(), preparer=strip, validator=colander.Length(min=1, max=50))
    price = colander.SchemaNode(colander.Float(), validator=colander.Range(min=0))
    quantity = colander.SchemaNode(colander.Int(), validator=colander.Range(min=1))


def get_tm_session(session_factory, transaction_manager, request=None):
    """A session joined to the request's transaction (the cookiecutter's models.get_tm_session)."""
    dbsession = session_factory(info={"request": request})
    zope.sqlalchemy.register(dbsession, transaction_manager=transaction_manager)
    return dbsession


def include_models(config):
    """The cookiecutter's models.includeme: pyramid_tm, pyramid_retry and `request.dbsession`."""
    settings = config.get_settings()
    settings["tm.manager_hook"] = "pyramid_tm.explicit_manager"
    config.include("pyramid_tm")
    config.include("pyramid_retry")
    session_factory = sessionmaker(bind=engine_from_config(settings, "sqlalchemy."))
    config.registry["dbsession_factory"] = session_factory

    def dbsession(request):
        return get_tm_session(session_factory, request.tm, request=request)

    config.add_request_method(dbsession, reify=True)


@view_config(route_name="plaintext")
def plaintext(request):
    return Response("Hello, World!", content_type="text/plain")


@view_config(route_name="json", renderer="json")
def json_message(request):
    return {"message": "Hello, World!"}


@view_config(route_name="validate", request_method="POST", renderer="json")
def validate(request):
    try:
        data = request.json_body
    except ValueError:
        return HTTPBadRequest(json_body={"errors": {"body": "malformed JSON"}})
    try:
        item = ItemSchema().deserialize(data)
    except colander.Invalid as error:
        return HTTPBadRequest(json_body={"errors": error.asdict()})
    return item


@view_config(route_name="db_item", renderer="json")
def db_item(request):
    item = request.dbsession.get(Item, int(request.matchdict["item_id"]))
    if item is None:
        raise HTTPNotFound()
    return {"id": item.id, "name": item.name, "price": item.price}


def main(global_config, **settings):
    """This function returns a Pyramid WSGI application (the cookiecutter's entry point, used by pserve)."""
    with Configurator(settings=settings) as config:
        config.include(include_models)
        config.add_route("plaintext", "/plaintext")
        config.add_route("json", "/json")
        config.add_route("validate", "/validate")
        config.add_route("db_item", r"/db/{item_id:\d+}")
        config.scan(__name__)
    return config.make_wsgi_app()


app = main({}, **{"sqlalchemy.url": f"sqlite:///{os.environ.get('LAB_DB', 'lab.sqlite3')}", "retry.attempts": 3})
