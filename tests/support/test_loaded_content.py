"""The session's loaded content, restored per test, is the content a real load gives."""

from django.core.management import call_command

from advisor import versioning
from advisor.content.export import export_data
from advisor.models import Framework, Rating, Source
from tests.conftest import FIXTURE_CONTENT, SHIPPED_CONTENT


def files(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_restored_fixture_content_exports_to_the_same_files(fixture_content, tmp_path):
    call_command("exportcontent", str(tmp_path), verbosity=0)
    assert files(tmp_path) == files(FIXTURE_CONTENT)


def test_restored_shipped_content_exports_to_the_same_files(shipped_content, tmp_path):
    call_command("exportcontent", str(tmp_path), verbosity=0)
    assert files(tmp_path) == files(SHIPPED_CONTENT)


def test_the_restored_version_is_the_loaded_one_and_loading_again_changes_nothing(fixture_content):
    version = versioning.current()
    assert version.digest == versioning.digest_of(export_data())
    call_command("loadcontent", str(FIXTURE_CONTENT), verbosity=0)
    assert versioning.current() == version


def test_new_rows_after_a_restore_get_new_ids(fixture_content):
    """The id sequences stay past the restored ids (PostgreSQL has one per table)."""
    before = set(Source.objects.values_list("pk", flat=True))
    source = Source.objects.create(slug="new-one", title="New", author="Someone")
    assert source.pk not in before
    framework = Framework.objects.create(slug="three", name="Three", tagline="x", summary="x", server_interface="wsgi")
    Rating.objects.create(framework=framework, criterion_id=Rating.objects.first().criterion_id, label="x")
