"""loadcontent and exportcontent: idempotent, lossless, all-or-nothing, with clear errors."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from advisor import versioning
from advisor.content.export import export_data
from advisor.content.load import load_content
from advisor.models import Framework, Rating, Source
from tests.conftest import SHIPPED_CONTENT
from tests.support.contentfiles import load


@pytest.fixture
def loaded_dir(fixture_content, content_dir) -> Path:
    """``content_dir`` with the database already holding what loading it leaves: the session's load of the same
    files, restored (tests/support/test_loaded_content.py checks that a restore is that load), which is cheaper
    than loading again in each of the tests that break a file."""
    return content_dir


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_loading_twice_changes_nothing(db, content_dir):
    load(content_dir)
    state, version = export_data(), versioning.current()
    load(content_dir)
    assert export_data() == state
    assert versioning.current() == version  # not even the counter moved


def test_load_then_export_reproduces_the_files_byte_for_byte(db, content_dir, tmp_path):
    load(content_dir)
    out = tmp_path / "exported"
    call_command("exportcontent", str(out), verbosity=0)
    assert files(out) == files(content_dir)


def test_a_change_in_a_file_is_applied_and_bumps_the_version(db, content_dir):
    load(content_dir)
    before = versioning.current()
    path = content_dir / "frameworks" / "two.yaml"
    path.write_text(path.read_text().replace("The second test framework.", "A better tagline."))
    load(content_dir)
    assert Framework.objects.get(slug="two").tagline == "A better tagline."
    after = versioning.current()
    assert after.counter > before.counter and after.digest != before.digest


def test_export_writes_back_admin_edits(db, content_dir, tmp_path):
    load(content_dir)
    Source.objects.filter(slug="alpha-article").update(title="Alpha article, revised")
    out = tmp_path / "exported"
    call_command("exportcontent", str(out), verbosity=0)
    assert "title: Alpha article, revised" in (out / "sources.yaml").read_text()


def test_prune_removes_entries_no_file_mentions(db, content_dir):
    load(content_dir)
    Source.objects.create(slug="stray", title="Stray", author="Nobody")
    load(content_dir)
    assert Source.objects.filter(slug="stray").exists()
    call_command("loadcontent", str(content_dir), "--prune", verbosity=0)
    assert not Source.objects.filter(slug="stray").exists()


BAD_FILES = [
    ("ratings/one.yaml", "criterion: async", "criterion: no-such-criterion", "unknown criterion 'no-such-criterion'"),
    ("ratings/one.yaml", "score: 5", "score: 9", "score"),
    ("sources.yaml", "  title: Beta documentation\n", "", "title"),
    ("criteria.yaml", "categories:", "categories: [oops", "malformed YAML"),
    ("faq.yaml", "  answer:", "  colour: blue\n  answer:", "unknown field(s): colour"),
    ("use-cases.yaml", "level: best", "level: perfect", "level"),
    ("questions.yaml", "async: 2.0", "async: lots", "must be a number"),
    ("pitfalls.yaml", "- project/api", "- project/nothing", "unknown choice 'project/nothing'"),
    ("questions.yaml", "label: Essential", "label: No", "label must be text, not False"),
    ("ratings/two.yaml", "disputed: true", "disputed: maybe", "disputed must be true or false"),
    (
        "frameworks/one.yaml",
        "server_interface: asgi",
        "homepage_url: javascript:alert(1)\nserver_interface: asgi",
        "homepage_url: Enter a valid URL.",
    ),
    ("frameworks/one.yaml", "server_interface: asgi", "server_interface: cgi", "server_interface: Value 'cgi'"),
    ("faq.yaml", "  answer:", "  status: hidden\n  answer:", "status: Value 'hidden' is not a valid choice."),
    ("sources.yaml", "title: Beta documentation", "title: " + "B" * 201, "at most 200 characters"),
]


@pytest.mark.parametrize(("rel", "old", "new", "message"), BAD_FILES)
def test_a_bad_file_is_refused_and_the_database_is_untouched(loaded_dir, rel, old, new, message):
    Framework.objects.filter(slug="one").update(tagline="Edited in the admin")
    before, version = export_data(), versioning.current()
    path = loaded_dir / rel
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    # A valid change earlier in the load order must be rolled back too.
    sources = loaded_dir / "sources.yaml"
    sources.write_text(sources.read_text().replace("title: Alpha article", "title: Alpha, changed"))
    with pytest.raises(CommandError) as excinfo:
        load(loaded_dir)
    error = str(excinfo.value)
    assert rel in error and message in error
    assert "database unchanged" in error
    assert export_data() == before
    assert versioning.current() == version


def test_an_error_names_the_entry(db, content_dir):
    path = content_dir / "ratings" / "two.yaml"
    path.write_text(path.read_text().replace("source: beta-docs", "source: nowhere"))
    with pytest.raises(CommandError, match=r"ratings/two\.yaml, entry 'async evidence #2': unknown source 'nowhere'"):
        load(content_dir)


def test_a_failure_midway_leaves_the_database_as_it_was(db, content_dir, monkeypatch):
    load(content_dir)
    before = export_data()
    (content_dir / "frameworks" / "one.yaml").write_text(
        (content_dir / "frameworks" / "one.yaml").read_text().replace("The first test framework.", "Changed.")
    )
    from advisor.content.load import Loader

    def explode(self):
        raise RuntimeError("power cut")

    monkeypatch.setattr(Loader, "load_questions", explode)
    with pytest.raises(RuntimeError):
        load(content_dir)
    assert export_data() == before
    assert Framework.objects.get(slug="one").tagline == "The first test framework."


def test_unknown_ratings_load_as_unknown(fixture_content):
    rating = Rating.objects.get(framework__slug="one", criterion__slug="admin")
    assert rating.score is None


def test_a_missing_folder_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="content folder not found"):
        load(tmp_path / "nowhere")


# Numbers are taken as written: YAML that reads as another type is refused, never converted (a float cut
# to an int, text or a boolean read as a number).
BAD_NUMBERS = [
    ("ratings/one.yaml", "score: 5", "score: 2.5", "async", "score must be a whole number, not 2.5"),
    ("ratings/one.yaml", "score: 5", "score: '3'", "async", "score must be a whole number, not '3'"),
    ("ratings/one.yaml", "score: 5", "score: true", "async", "score must be a whole number, not True"),
    ("ratings/one.yaml", "supports_score: 5", "supports_score: 4.5", "async evidence #1", "supports_score must be"),
    ("ratings/one.yaml", "supports_score: 5", "supports_score: 'yes'", "async evidence #1", "supports_score must"),
    ("frameworks/two.yaml", "position: 1", "position: 1.5", "two", "position must be a whole number, not 1.5"),
    ("frameworks/two.yaml", "position: 1", "position: false", "two", "position must be a whole number, not False"),
    ("frameworks/one.yaml", "first_release_year: 2018", "first_release_year: '2018'", "one", "first_release_year"),
    ("frameworks/one.yaml", "first_release_year: 2018", "first_release_year: 2018.5", "one", "first_release_year"),
    ("questions.yaml", "admin: 3\n", "admin: 2.5\n", "project/site", "must_haves.admin must be a whole number"),
    ("questions.yaml", "admin: 3\n", "admin: '3'\n", "project/site", "must_haves.admin must be a whole number"),
    ("questions.yaml", "admin: 3\n", "admin: true\n", "project/site", "must_haves.admin must be a whole number"),
    ("questions.yaml", "async: 2.0", "async: '2.0'", "project/api", "weights.async must be a number, not '2.0'"),
    ("questions.yaml", "async: 2.0", "async: true", "project/api", "weights.async must be a number, not True"),
    ("figures.yaml", "value: 10000.0", "value: '10000'", "one-rps", "value must be a number, not '10000'"),
    ("figures.yaml", "value: 10000.0", "value: true", "one-rps", "value must be a number, not True"),
    ("figures.yaml", "value_max: 5.0", "value_max: '5'", "one-vs-two", "value_max must be a number, not '5'"),
    ("criteria.yaml", "weight: 0.5", "weight: '0.5'", "admin", "weight must be a number, not '0.5'"),
    ("criteria.yaml", "weight: 0.5", "weight: yes", "admin", "weight must be a number, not True"),
]


def refusal(loaded_dir, rel: str, old: str, new: str) -> str:
    """With the database holding ``loaded_dir``, break one value in ``rel`` and load: the load is refused and
    nothing changes. Returns the error message."""
    before, version = export_data(), versioning.current()
    path = loaded_dir / rel
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(CommandError) as excinfo:
        load(loaded_dir)
    assert export_data() == before
    assert versioning.current() == version
    return str(excinfo.value)


@pytest.mark.parametrize(("rel", "old", "new", "entry", "message"), BAD_NUMBERS)
def test_a_number_of_the_wrong_type_is_refused_not_converted(loaded_dir, rel, old, new, entry, message):
    assert f"{rel}, entry {entry!r}: {message}" in refusal(loaded_dir, rel, old, new)


def test_an_inherited_criterion_must_carry_the_other_frameworks_rating(loaded_dir):
    # two runs inside one and inherits its admin; inheriting async (one 5, two 1) is a contradiction
    error = refusal(loaded_dir, "relations.yaml", "  - admin\n", "  - async\n")
    assert "relations.yaml, entry 'two-runs-inside-one': inherits 'async' from one" in error
    assert "two is rated 1 there and one 5" in error


def test_whole_numbers_are_accepted_where_a_number_is_expected(db, content_dir):
    path = content_dir / "criteria.yaml"
    path.write_text(path.read_text().replace("weight: 0.5", "weight: 2"))
    load(content_dir)
    from advisor.models import Criterion

    assert Criterion.objects.get(slug="admin").weight == 2.0


# Rules only a table constraint states: the loader checks no row against the database one by one; the
# database refuses the bulk write, and the loader still names the file, the entry and the rule.
CONSTRAINT_BREAKS = [
    ("figures.yaml", "value_max: 5.0", "value_max: 2.0", "one-vs-two", "figure_range_ordered"),
    ("migrations.yaml", "to: one", "to: two", "two-to-one", "migration_between_two_frameworks"),
    ("frameworks/one.yaml", "first_release_year: 2018", "first_release_year: 1980", "one", "release_year_plausible"),
    ("criteria.yaml", "weight: 0.5", "weight: -1.0", "admin", "greater than or equal to 0"),
    ("questions.yaml", "async: 2.0", "async: 20.0", "project/api weights.async", "less than or equal to 10"),
    ("questions.yaml", "async: 2.0", "async: -1.0", "project/api weights.async", "greater than or equal to 0"),
    ("frameworks/two.yaml", "name: Two", "name: One", "two", "another entry has the same name"),
]


@pytest.mark.parametrize(("rel", "old", "new", "entry", "message"), CONSTRAINT_BREAKS)
def test_a_broken_table_rule_names_the_entry(loaded_dir, rel, old, new, entry, message):
    error = refusal(loaded_dir, rel, old, new)
    assert f"{rel}, entry {entry!r}: " in error and message in error


def test_a_clash_with_a_row_only_the_database_has_names_the_entry(db, content_dir):
    Framework.objects.create(slug="uno", name="One", tagline="x", summary="x", server_interface="wsgi")
    with pytest.raises(CommandError) as excinfo:
        load(content_dir)
    assert "frameworks/one.yaml, entry 'one': name: Framework with this Name already exists." in str(excinfo.value)
    assert list(Framework.objects.values_list("slug", flat=True)) == ["uno"]


def test_loading_the_shipped_content_takes_a_bounded_number_of_queries(db, django_assert_max_num_queries):
    """Slug maps built once and bulk writes: a few queries per table, not per row (it was about 6,200)."""
    with django_assert_max_num_queries(300):
        summary = load_content(SHIPPED_CONTENT)
    assert summary["changed"] and sum(summary["written"].values()) > 500
    with django_assert_max_num_queries(300):
        assert not load_content(SHIPPED_CONTENT)["changed"]


def test_a_second_load_writes_only_what_changed(db, content_dir):
    load(content_dir)
    stamp = Framework.objects.get(slug="one").updated
    path = content_dir / "frameworks" / "two.yaml"
    path.write_text(path.read_text().replace("The second test framework.", "A better tagline."))
    summary = load_content(content_dir)
    assert summary["written"] == {"Framework": 1}
    assert Framework.objects.get(slug="one").updated == stamp
    assert Framework.objects.get(slug="two").updated > stamp
