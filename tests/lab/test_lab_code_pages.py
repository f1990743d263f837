"""The lab's code pages (issue #24): /lab/code/ (every app with its line counts), /lab/code/<app>/ (one app's
source) and /lab/code/<a>-vs-<b>/ (two apps side by side), their canonical addresses, and the links to them."""

import re

import pytest

from advisor import versioning
from advisor.lab import code, code_views
from lab import config


@pytest.fixture(autouse=True)
def _fresh():
    code.app_code.cache_clear()
    code.app_slugs.cache_clear()
    code.apps_by_framework.cache_clear()


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def non_blank(*paths) -> int:
    """The count the pages say they use, computed here on its own: lines with something besides whitespace."""
    return sum(1 for path in paths for line in (config.ROOT / path).read_text().split("\n") if line.strip())


def test_line_counts_are_the_files_non_blank_lines():
    assert code.app_code("flask").lines == non_blank("lab/apps/flask_app.py")
    django = code.app_code("django")
    assert [f.path for f in django.files] == sorted(f"lab/apps/djangoapp/{p.name}" for p in django_files())
    assert django.lines == non_blank(*(f.path for f in django.files))
    piece = code.app_code("flask").pieces["json"]
    assert piece.lines == len([line for line in piece.code.splitlines() if line.strip()]) == 3


def django_files():
    return (config.APPS_DIR / "djangoapp").glob("*.py")


def test_the_index_lists_every_app_with_its_counts(client, db):
    response = client.get("/lab/code/")
    assert response.status_code == 200
    html = text(response)
    assert "<title>The lab’s code: the same small app in every framework · Framework Advisor</title>" in html
    assert '<meta name="description" content="The source of each framework’s lab app' in html
    slugs = code.app_slugs()
    assert len(slugs) == 17 and {"raw-wsgi", "raw-asgi", "flask", "django-ninja", "tornado", "pyramid"} <= set(slugs)
    for slug in slugs:
        app = code.app_code(slug)
        row = html.split(f'<a href="/lab/code/{slug}/">{app.label}</a></th>', 1)[1].split("</tr>", 1)[0]
        counts = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', row)]
        assert counts == [app.lines, *(p.lines for p in app.pieces.values())], slug
    assert f'<td class="num">{non_blank("lab/apps/flask_app.py")}</td>' in html
    assert "lines that are not blank" in html
    # the form needs no script: a GET to this page
    assert '<form class="controls code-picker" method="get" action="/lab/code/">' in html
    assert '<option value="flask" selected>Flask</option>' in html
    assert '<a href="/lab/code/flask-vs-fastapi/">Flask vs FastAPI</a>' in html


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ("?a=fastapi&b=flask", "/lab/code/flask-vs-fastapi/"),
        ("?a=flask&b=fastapi", "/lab/code/flask-vs-fastapi/"),
        ("?a=django-ninja&b=raw-wsgi", "/lab/code/raw-wsgi-vs-django-ninja/"),
        ("?a=tornado&b=tornado", "/lab/code/tornado/"),
    ],
)
def test_the_index_form_leads_to_the_canonical_page(client, db, query, location):
    response = client.get("/lab/code/" + query)
    assert response.status_code == 302
    assert response["Location"] == location
    assert client.get(location).status_code == 200


def test_the_index_form_with_an_unknown_app_says_so(client, db):
    response = client.get("/lab/code/?a=flask&b=nothing")
    assert response.status_code == 200
    assert "Pick two of the apps in the lists." in text(response)


def test_an_app_page_shows_its_whole_source(client, shipped_content):
    response = client.get("/lab/code/flask/")
    assert response.status_code == 200
    html = text(response)
    assert "<title>Flask: the lab app’s source · Framework Advisor</title>" in html
    assert "code.css" in html.split("</head>", 1)[0]
    source = html.split('id="source-heading"', 1)[1]
    assert 'class="highlight"' in source and 'class="linenos"' in source  # highlighted, with line numbers
    lines = (config.APPS_DIR / "flask_app.py").read_text().splitlines()
    assert f'<span class="linenos">{len(lines)}</span>' in source
    counted = non_blank("lab/apps/flask_app.py")
    assert f"{counted} lines, not counting blank ones, in <code>lab/apps/flask_app.py</code>" in html
    assert f"{counted} lines not blank, of {len(lines)}</span>" in source
    assert '<blockquote class="code-note">' in html and "SQLAlchemy in Flask" in html  # the opening note
    assert 'href="/lab/#results"' in html and 'href="/frameworks/flask/"' in html
    assert "<code>POST /validate</code>: 27 lines, in <code>validate</code>, <code>check_item</code>" in html


def test_an_app_page_links_the_documentation_its_note_cites(client, db):
    html = text(client.get("/lab/code/tornado/"))
    note = html.split('<blockquote class="code-note">', 1)[1].split("</blockquote>", 1)[0]
    assert '<a href="https://www.tornadoweb.org/en/stable/guide/structure.html"' in note
    assert "/frameworks/tornado/" not in html  # no framework page without content


def test_a_package_app_shows_every_file_and_the_baseline_says_what_it_borrows(client, db):
    html = text(client.get("/lab/code/django/"))
    for path in ("urls.py", "views.py", "forms.py", "models.py"):
        assert f"<code>lab/apps/djangoapp/{path}</code>" in html
    html = text(client.get("/lab/code/raw-asgi/"))
    assert "(from <code>lab/apps/raw_wsgi.py</code>: <code>validate</code>)" in html


@pytest.mark.parametrize(("path", "status"), [("/lab/code/nothing/", 404), ("/lab/code/Flask/", 301)])
def test_app_page_addresses(client, db, path, status):
    response = client.get(path)
    assert response.status_code == status
    if status == 301:
        assert response["Location"] == "/lab/code/flask/"


def test_a_pair_page_puts_the_two_apps_side_by_side(client, shipped_content):
    response = client.get("/lab/code/flask-vs-fastapi/")
    assert response.status_code == 200
    html = text(response)
    assert "<title>Flask vs FastAPI: the same app, endpoint by endpoint · Framework Advisor</title>" in html
    flask, fastapi = code.app_code("flask"), code.app_code("fastapi")
    for endpoint, title in code.ENDPOINT_TITLES.items():
        section = html.split(f'<h2 id="code-{endpoint}">', 1)[1].split("</section>", 1)[0]
        assert f"<code>{title.replace('<', '&lt;').replace('>', '&gt;')}</code>" in section
        assert section.count('class="code-cell"') == 2 and section.count('class="highlight"') == 2
        for app in (flask, fastapi):
            lines = app.pieces[endpoint].lines
            assert f'{app.label} <span class="muted">{lines} line{"s" if lines != 1 else ""}</span>' in section
    counts = html.split('id="counts-heading"', 1)[1].split("</table>", 1)[0]
    assert (
        f'The four endpoints</th><td class="num">{flask.endpoint_lines}</td><td class="num">{fastapi.endpoint_lines}'
        in counts
    )
    assert f'The whole app</th><td class="num">{flask.lines}</td><td class="num">{fastapi.lines}</td>' in counts
    assert flask.endpoint_lines == sum(p.lines for p in flask.pieces.values())
    assert 'href="/lab/code/flask/"' in html and 'href="/lab/code/fastapi/"' in html
    compare = re.search(r'href="(/compare/[a-z-]+/)"', html).group(1)
    assert client.get(compare).status_code == 200  # the head-to-head page, at its canonical address


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/lab/code/fastapi-vs-flask/", "/lab/code/flask-vs-fastapi/"),
        ("/lab/code/Flask-vs-FastAPI/", "/lab/code/flask-vs-fastapi/"),
        ("/lab/code/flask-vs-raw-wsgi/", "/lab/code/raw-wsgi-vs-flask/"),
        ("/lab/code/flask-vs-flask/", "/lab/code/flask/"),
    ],
)
def test_a_pair_in_another_order_or_spelling_moves_to_the_canonical_address(client, db, path, location):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == location


@pytest.mark.parametrize(
    "path", ["/lab/code/flask-vs-nothing/", "/lab/code/flask-vs-fastapi-vs-django/", "/lab/code/nothing-vs-nothing/"]
)
def test_a_pair_with_an_unknown_app_or_three_is_not_found(client, db, path):
    assert client.get(path).status_code == 404


def test_the_pages_ask_the_database_only_for_framework_pages(client, shipped_content, django_assert_num_queries):
    """One query is the site's (the content version, read by the page cache and shown in the footer); an app
    or pair page adds one for the frameworks the visitor may see."""
    versioning.current()  # the content digest is computed once after a change; pages then read one row
    for path, queries in (("/lab/code/", 1), ("/lab/code/flask/", 2), ("/lab/code/flask-vs-fastapi/", 2)):
        with django_assert_num_queries(queries, info=path):
            assert client.get(path).status_code == 200


def test_the_pages_answer_conditional_requests(client, db):
    for path in ("/lab/code/", "/lab/code/flask/", "/lab/code/flask-vs-fastapi/"):
        response = client.get(path)
        assert response["ETag"], path
        assert client.get(path, headers={"if-none-match": response["ETag"]}).status_code == 304, path
        assert client.post(path).status_code == 405, path


def test_the_lab_and_the_head_to_head_page_link_the_code(client, shipped_content):
    lab = text(client.get("/lab/"))
    method = lab.split('id="method-heading"', 1)[1].split("</section>", 1)[0]
    assert '<a href="/lab/code/">Read the code</a>' in method
    assert 'href="/lab/code/flask-vs-fastapi/"' in method
    pair = text(client.get("/compare/flask-vs-fastapi/"))
    section = pair.split('class="lab-code"', 1)[1].split("</section>", 1)[0]
    assert 'href="/lab/code/flask-vs-fastapi/"' in section and 'href="/lab/code/"' in section


def test_an_opening_note_is_unwrapped_into_its_sentences_and_list_items():
    note = "Intro line one\nline two.\n\n- item one\n  continued\n- item two"
    assert code_views.unwrap(note) == "Intro line one line two.\n\n- item one   continued\n- item two"
