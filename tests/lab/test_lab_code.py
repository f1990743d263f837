"""The lab's app code on head-to-head pages (issue #27): found endpoint by endpoint in whatever apps
lab/lab.toml lists, by decorator or by route registration, and "not yet in the lab" for the others."""

import textwrap

import pytest

from advisor.lab import code
from lab import config


@pytest.fixture(autouse=True)
def _fresh():
    code.app_code.cache_clear()
    code.apps_by_framework.cache_clear()
    yield
    code.app_code.cache_clear()
    code.apps_by_framework.cache_clear()


#: Apps whose handlers the finder cannot pick out yet (Tornado's handler classes, Pyramid's view callables in
#: separate registration): their head-to-head code says so, file by file.
NOT_FOUND_YET = {"tornado", "pyramid"}


@pytest.mark.parametrize("slug", sorted(set(code.apps_by_framework()) - NOT_FOUND_YET))
def test_every_endpoint_of_the_shipped_apps_is_found(slug):
    app = code.app_code(slug)
    for endpoint in config.ENDPOINTS:
        assert app.pieces[endpoint].found, (slug, endpoint)


def test_a_handler_comes_with_what_it_uses():
    assert code.app_code("flask").pieces["validate"].names == ("validate", "check_item")
    django = code.app_code("django")
    assert django.source == "lab/apps/djangoapp"
    assert django.pieces["validate"].names == ("validate", "ItemForm")  # from urls.py to views.py to forms.py
    assert "class ItemForm" in django.pieces["validate"].code
    assert '@app.get("/json")' in code.app_code("fastapi").pieces["json"].code  # decorators kept


def test_route_tables_and_resource_classes_are_read_too(tmp_path, monkeypatch):
    apps = tmp_path / "apps"
    apps.mkdir()
    (apps / "router_app.py").write_text(
        textwrap.dedent("""
        from aiohttp import web

        async def plaintext(request):
            return web.Response(text="Hello, World!")

        class JsonResource:
            def on_get(self, req, resp):
                resp.media = {"message": "Hello, World!"}

        app = web.Application()
        app.router.add_get("/plaintext", plaintext)
        app.add_route("/json", JsonResource())
        """)
    )
    (tmp_path / "lab.toml").write_text(
        '[settings]\nworkers = 1\n[apps.routed]\nlabel = "Routed"\nframework = "routed"\nenv = "x"\n'
        'interface = "asgi"\ntarget = "router_app:app"\n'
    )
    monkeypatch.setattr(config, "LAB", tmp_path)
    monkeypatch.setattr(config, "APPS_DIR", apps)
    monkeypatch.setattr(config, "ROOT", tmp_path)
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
