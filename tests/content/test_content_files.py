"""Finding 8: content files that did not round-trip or finish. A 354-byte alias bomb took 11.7 s and 1.28 GB in
loadcontent; no size limit; an export stopped half-way left old and new files mixed, which loadcontent accepted;
positions were not exported, so ties reordered; a multi-line field edited in the admin exported with \\r\\n as a
one-line string and changed the content version on the next load."""

import time
from unittest import mock

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.urls import reverse

from advisor import versioning
from advisor.content import export as export_module
from advisor.content.export import export_data
from advisor.content.files import read_yaml
from advisor.content.schema import ContentError
from advisor.models import Category, Framework, Pitfall, Rating
from tests.support.adminforms import form_data
from tests.support.contentfiles import load

ALIAS_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
"""


def files(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("rel", ["sources.yaml", "criteria.yaml", "frameworks/one.yaml"])
def test_an_alias_bomb_is_refused_at_once_with_a_short_message(db, content_dir, rel):
    (content_dir / rel).write_text(ALIAS_BOMB)
    started = time.perf_counter()
    with pytest.raises(CommandError) as excinfo:
        load(content_dir)
    assert time.perf_counter() - started < 5
    assert "anchors and aliases" in str(excinfo.value) and len(str(excinfo.value)) < 300


def test_a_plain_alias_is_refused_too(db, content_dir):
    path = content_dir / "sources.yaml"
    path.write_text(path.read_text().replace("- slug: alpha-article", "- &first\n  slug: alpha-article", 1))
    with pytest.raises(CommandError, match="line 1: YAML anchors and aliases"):
        load(content_dir)


def test_a_file_over_the_size_limit_is_refused_unread(db, content_dir, settings):
    settings.CONTENT_FILE_MAX_BYTES = 1000
    with pytest.raises(CommandError, match=r"\.yaml: larger than 1,000 bytes"):
        load(content_dir)


def test_a_huge_value_in_an_error_message_is_cut_short(db, content_dir):
    path = content_dir / "frameworks" / "one.yaml"
    data = yaml.safe_load(path.read_text())
    data["tagline"] = [[f"{i}-{j}-" + "x" * 1000 for j in range(20)] for i in range(20)]
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(CommandError) as excinfo:
        load(content_dir)
    assert "tagline must be text" in str(excinfo.value) and len(str(excinfo.value)) < 400


def test_an_export_stopped_half_way_leaves_the_folder_as_it_was(db, content_dir, tmp_path):
    load(content_dir)
    before = files(content_dir)
    Framework.objects.filter(slug="one").update(tagline="Changed before the export")
    real_dump, calls = export_module.dump_yaml, []

    def dump_then_fail(data):
        calls.append(1)
        if len(calls) == 5:
            raise OSError("disk full")
        return real_dump(data)

    with mock.patch.object(export_module, "dump_yaml", dump_then_fail), pytest.raises(OSError):
        call_command("exportcontent", str(content_dir), verbosity=0)
    assert files(content_dir) == before
    staging = content_dir.with_name(".content.exporting")
    assert (staging / ".export-incomplete").exists()
    with pytest.raises(CommandError, match="export that stopped part-way"):
        load(staging)

    call_command("exportcontent", str(content_dir), verbosity=0)  # the next export replaces the leftover
    assert not staging.exists()
    assert "Changed before the export" in (content_dir / "frameworks" / "one.yaml").read_text()
    assert (content_dir / "frameworks").is_dir() and not list(content_dir.rglob("*.tmp"))


def test_an_export_keeps_other_files_and_drops_stale_ones(db, content_dir):
    load(content_dir)
    (content_dir / "README.md").write_text("Kept.\n")
    (content_dir / "frameworks" / "gone.yaml").write_text("slug: gone\n")
    call_command("exportcontent", str(content_dir), verbosity=0)
    assert (content_dir / "README.md").read_text() == "Kept.\n"
    assert not (content_dir / "frameworks" / "gone.yaml").exists()


def test_loadcontent_refuses_a_stray_temporary_file(db, content_dir):
    (content_dir / "frameworks" / "one.yaml.tmp").write_text("slug: one\n")
    with pytest.raises(CommandError, match=r"frameworks/one.yaml.tmp: a temporary file"):
        load(content_dir)


def test_ties_and_gaps_in_positions_survive_a_round_trip(db, content_dir, tmp_path):
    load(content_dir)
    Category.objects.update(position=7)  # a tie: the site orders the two by name
    first, *_ = Pitfall.objects.order_by("position")
    Pitfall.objects.filter(pk=first.pk).update(position=40)  # a gap
    positions = lambda: (  # noqa: E731
        list(Category.objects.values_list("slug", "position")),
        list(Pitfall.objects.values_list("slug", "position")),
    )
    before, state = positions(), export_data()
    call_command("exportcontent", str(tmp_path / "out"), verbosity=0)
    exported = (tmp_path / "out" / "criteria.yaml").read_text()
    assert "position: 7" in exported
    Category.objects.update(position=0)  # scrambled after the export: the load must restore them
    Pitfall.objects.update(position=0)
    load(tmp_path / "out")
    assert positions() == before
    assert export_data() == state


def test_a_multi_line_admin_edit_exports_as_a_block_and_reloads_without_change(admin_client, db, content_dir, tmp_path):
    load(content_dir)
    rating = Rating.objects.first()
    url = reverse("admin:advisor_rating_change", args=[rating.pk])
    data = form_data(admin_client.get(url))
    data["explanation"] = "First line.\r\n\r\n- one\r\n- two"
    assert admin_client.post(url, data).status_code == 302
    rating.refresh_from_db()
    assert rating.explanation == "First line.\n\n- one\n- two"
    out = tmp_path / "out"
    call_command("exportcontent", str(out), verbosity=0)
    text = (out / "ratings" / f"{rating.framework.slug}.yaml").read_text()
    assert "explanation: |-\n" in text and "\\r" not in text
    version = versioning.current()
    load(out)
    assert versioning.current() == version


@pytest.mark.parametrize(
    ("old", "new"), [("rps: ", "rps: .nan #"), ("rps: ", "rps: 1.0e+300 #"), ("notes: ", "notes: ")]
)
def test_a_lab_run_with_a_figure_out_of_range_is_refused_with_a_message(db, content_dir, old, new):
    path = next((content_dir / "lab").glob("*.yaml"))
    text = path.read_text()
    if old == "notes: ":
        data = yaml.safe_load(text)
        data["notes"] = "- " * 500 + "x"
        path.write_text(yaml.safe_dump(data, sort_keys=False))
    else:
        assert old in text
        path.write_text(text.replace(old, new, 1))
    with pytest.raises(CommandError, match=r"lab/.*(rps must be a number from 0|notes: This Markdown nests)"):
        load(content_dir)


def test_deeply_nested_flow_collections_are_refused_at_once(db, content_dir):
    """libyaml is quadratic in flow nesting: 200,000 levels (400 KB) would take minutes."""
    (content_dir / "sources.yaml").write_text("[" * 200_000 + "]" * 200_000)
    started = time.perf_counter()
    with pytest.raises(CommandError, match=r"sources.yaml: lists or mappings in \[\] or \{\} nested more than 50"):
        load(content_dir)
    assert time.perf_counter() - started < 5


def test_brackets_inside_text_are_not_nesting(db, content_dir):
    path = content_dir / "frameworks" / "one.yaml"
    data = yaml.safe_load(path.read_text())
    data["history"] = "Unbalanced [" * 60
    path.write_text(yaml.safe_dump(data))
    load(content_dir)
    assert Framework.objects.get(slug="one").history.count("[") == 60


def test_each_read_gets_its_own_copy_and_sees_the_file_as_it_is_now(tmp_path):
    """Loaded YAML is remembered by its text: a caller that changes its data does not change the next read, and a
    file written since reads as written."""
    (tmp_path / "a.yaml").write_text("- slug: one\n  tags: [x]\n")
    first = read_yaml(tmp_path, "a.yaml")
    first[0]["tags"].append("changed by the caller")
    assert read_yaml(tmp_path, "a.yaml") == [{"slug": "one", "tags": ["x"]}]
    (tmp_path / "a.yaml").write_text("- slug: two\n")
    assert read_yaml(tmp_path, "a.yaml") == [{"slug": "two"}]


def test_an_alias_without_an_anchor_is_refused_as_malformed(tmp_path):
    (tmp_path / "a.yaml").write_text("- slug: one\n- *first\n")
    with pytest.raises(ContentError, match="malformed YAML"):
        read_yaml(tmp_path, "a.yaml")
