"""The comparison matrix as CSV (issue #27): the view as shown, same filters, from a link whose address keeps
them; cells tinted by score keep their icon and text."""

import csv
import io

import pytest

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_matrix_links_to_its_view_as_csv(client, shipped_content):
    html = client.get("/compare/", {"fw": ["flask", "django"], "diff": "1"}).content.decode()
    assert '<a href="/compare.csv?fw=flask&amp;fw=django&amp;diff=1" download>Download this view as CSV</a>' in html
    fragment = client.get("/compare/?fw=flask&fw=django", headers={"HX-Request": "true"}).content.decode()
    assert 'href="/compare.csv?fw=flask&amp;fw=django"' in fragment  # the htmx swap keeps the link in step


def test_the_csv_holds_the_same_rows_and_columns(client, shipped_content):
    response = client.get("/compare.csv", {"fw": ["flask", "django"], "diff": "1"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, *rows = rows_of(response)
    assert header[:3] == ["Category", "Criterion", "Address"]
    assert header[3:] == [
        "Flask score (0-5)", "Flask label", "Flask disputed", "Django score (0-5)", "Django label", "Django disputed"
    ]  # fmt: skip
    every = rows_of(client.get("/compare.csv", {"fw": ["flask", "django"]}))[1:]
    assert 0 < len(rows) < len(every)  # only the rows that differ
    assert all(row[3] != row[6] for row in rows)
    html = client.get("/compare/", {"fw": ["flask", "django"], "diff": "1"}).content.decode()
    for row in rows:
        assert f">{row[1]}</a>" in html.replace("&#x27;", "'")


def test_the_default_view_as_csv_and_a_head_to_head_page(client, shipped_content):
    header = rows_of(client.get("/compare.csv"))[0]
    assert len(header) == 3 + 3 * 5  # the first five frameworks, as the page shows
    pair = client.get("/compare/fastapi-vs-django/").content.decode()
    assert 'href="/compare.csv?fw=' in pair


def test_cells_carry_their_score_class_icon_and_text(client, shipped_content):
    html = client.get("/compare/", {"fw": ["flask", "django"]}).content.decode()
    assert 'class="matrix-table scored"' in html
    cell = html.split('<td class="cell s5', 1)[1].split("</td>", 1)[0]
    assert "●●●●●" in cell and "5 of 5" in cell
