"""The lab's app code on head-to-head pages (issue #27): found endpoint by endpoint in whatever apps
lab/lab.toml lists, by decorator or by route registration, and "not yet in the lab" for the others."""

import textwrap

import pytest

from advisor.lab import code
from lab import config


@pytest.fixture(autouse=True)
def _fresh():
    for cached in (code.app_code, code.apps_by_framework, code.app_slugs):
        cached.cache_clear()
    yield
    for cached in (code.app_code, code.apps_by_framework, code.app_slugs):
        cached.cache_clear()


@pytest.mark.parametrize("slug", code.app_slugs())
def test_every_endpoint_of_every_shipped_app_is_found(slug):
    """The fifteen frameworks' apps and the two baselines: Tornado's handler classes, Pyramid's named routes and
    the baselines' branches included."""
    app = code.app_code(slug)
    for endpoint in config.ENDPOINTS:
        assert app.pieces[endpoint].found, (slug, endpoint)
    assert app.complete


def test_every_framework_and_baseline_has_an_app():
    assert len(code.app_slugs()) == 17 and len(code.apps_by_framework()) == 15


def test_a_handler_comes_with_what_it_uses():
    assert code.app_code("flask").pieces["validate"].names == ("validate", "check_item")
    django = code.app_code("django")
    assert django.source == "lab/apps/djangoapp"
    assert django.pieces["validate"].names == ("validate", "ItemForm")  # from urls.py to views.py to forms.py
    assert "class ItemForm" in django.pieces["validate"].code
    assert '@app.get("/json")' in code.app_code("fastapi").pieces["json"].code  # decorators kept
    # module-level values the handler's own code uses: Falcon's JSON schema is its validation
    assert code.app_code("falcon").pieces["validate"].names == ("ValidateResource", "ITEM_SCHEMA")
    assert "app" not in code.app_code("aiohttp").pieces["db"].names  # request.app is not the module's app
    # and what its signature names, with the function that value names in turn (FastAPI's dependency)
    assert code.app_code("fastapi").pieces["db"].names[-2:] == ("SessionDep", "get_session")


def test_tornado_handlers_pyramid_views_and_baseline_branches():
    tornado = code.app_code("tornado")
    assert tornado.pieces["json"].names == ("JSONHandler", "JSONErrors")  # with the base class it inherits from
    assert tornado.pieces["db"].names[0] == "ItemHandler"
    pyramid = code.app_code("pyramid")
    assert [p.names[0] for p in pyramid.pieces.values()] == ["plaintext", "json_message", "validate", "db_item"]
    assert pyramid.pieces["validate"].names == ("validate", "ItemSchema")
    baseline = code.app_code("raw-asgi").pieces["validate"]
    assert baseline.code.startswith('if path == "/validate" and method == "POST":\n    try:')  # dedented
    assert baseline.names == ("app", "_read_body", "validate", "_send", "JSON")
    assert baseline.elsewhere == (("validate", "lab/apps/raw_wsgi.py"),)  # imported from the WSGI baseline
    assert "def validate(data)" in baseline.code


def write_app(tmp_path, monkeypatch, source: str) -> None:
    apps = tmp_path / "apps"
    apps.mkdir()
    (apps / "router_app.py").write_text(textwrap.dedent(source))
    (tmp_path / "lab.toml").write_text(
        '[settings]\nworkers = 1\n[apps.routed]\nlabel = "Routed"\nframework = "routed"\nenv = "x"\n'
        'interface = "asgi"\ntarget = "router_app:app"\n'
    )
    monkeypatch.setattr(config, "LAB", tmp_path)
    monkeypatch.setattr(config, "APPS_DIR", apps)
    monkeypatch.setattr(config, "ROOT", tmp_path)


def test_pyramid_add_view_and_tornado_url_routes_are_read(tmp_path, monkeypatch):
    write_app(
        tmp_path,
        monkeypatch,
        """
        from pyramid.config import Configurator
        from tornado.web import url

        def plaintext(request):
            return Response("Hello, World!")

        def json_message(request):
            return {"message": "Hello, World!"}

        class ItemHandler:
            def get(self, item_id):
                self.write({})

        config = Configurator()
        config.add_route("text", "/plaintext")
        config.add_route("json", "/json")
        config.add_view(plaintext, route_name="text")
        config.add_view(view=json_message, route_name="json", renderer="json")
        routes = [url(r"/db/([0-9]+)", ItemHandler)]
        """,
    )
    app = code.app_code("routed")
    assert app.pieces["plaintext"].names == ("plaintext",)
    assert app.pieces["json"].names == ("json_message",)
    assert app.pieces["db"].names == ("ItemHandler",)
    assert not app.pieces["validate"].found


def test_route_tables_and_resource_classes_are_read_too(tmp_path, monkeypatch):
    write_app(
        tmp_path,
        monkeypatch,
        """
        from aiohttp import web

        async def plaintext(request):
            return web.Response(text="Hello, World!")

        class JsonResource:
            def on_get(self, req, resp):
                resp.media = {"message": "Hello, World!"}

        app = web.Application()
        app.router.add_get("/plaintext", plaintext)
        app.add_route("/json", JsonResource())
        """,
    )
    app = code.app_code("routed")
    assert app.pieces["plaintext"].names == ("plaintext",)
    assert app.pieces["json"].names == ("JsonResource",)
    assert not app.pieces["validate"].found


class Named:
    def __init__(self, slug, name):
        self.slug, self.name = slug, name


def test_side_by_side_marks_frameworks_without_an_app():
    rows = code.side_by_side([Named("flask", "Flask"), Named("no-such-app", "Nothing")])
    assert [r["endpoint"] for r in rows] == list(config.ENDPOINTS)
    flask, missing = rows[0]["cells"]
    assert flask["piece"].found and flask["app"].label == "Flask"
    assert missing["app"] is None and missing["piece"] is None
    assert code.side_by_side([Named("no-such-app", "Nothing")]) == []


@pytest.mark.django_db
def test_the_head_to_head_page_shows_the_code_side_by_side(client, shipped_content):
    html = client.get("/compare/flask-vs-fastapi-vs-litestar/").content.decode()
    section = html.split('class="lab-code"', 1)[1].split("</section>", 1)[0]
    for title in ("GET /plaintext", "GET /json", "POST /validate", "GET /db/&lt;id&gt;"):
        assert f"<code>{title}</code>" in section
    assert "Not yet in the lab." not in section  # all three have their app
    assert 'class="highlight"' in section and "lab/apps/flask_app.py" in section
    assert "lab/apps/litestar_app.py" in section
    assert 'href="/lab/"' in section
    assert "code.css" in html.split("</head>", 1)[0]


@pytest.mark.django_db
def test_no_code_section_when_none_of_them_is_in_the_lab(client, shipped_content, monkeypatch):
    lab_settings, apps = config.read()
    monkeypatch.setattr(code.config, "read", lambda: (lab_settings, {"flask": apps["flask"]}))  # Flask alone
    code.apps_by_framework.cache_clear()
    response = client.get("/compare/litestar-vs-starlette/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="lab-code"' not in html and "code.css" not in html
