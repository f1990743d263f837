"""Lab runs are content: written by `manage.py writelabrun`, loaded by loadcontent, exported byte for byte,
each one a Source (kind "lab") that ratings cite."""

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from advisor import versioning
from advisor.content.export import export_data
from advisor.models import LabMeasurement, LabRun, Source
from tests.conftest import FIXTURE_CONTENT
from tests.support import labdata


@pytest.fixture
def content_dir(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


def write(content_dir: Path, document: dict, tmp_path: Path) -> Path:
    source = tmp_path / f"{document['slug']}.json"
    source.write_text(json.dumps(document))
    call_command("writelabrun", str(source), content=str(content_dir), verbosity=0)
    return content_dir / "lab" / f"{document['slug']}.yaml"


def load(path, **options):
    call_command("loadcontent", str(path), verbosity=0, **options)


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_a_written_run_loads_and_exports_byte_for_byte(db, content_dir, tmp_path):
    written = write(content_dir, labdata.run(), tmp_path)
    load(content_dir)
    run = LabRun.objects.get(slug="2026-01-02")
    assert [a.slug for a in run.apps.all()] == ["raw-wsgi", "one", "two"]
    assert LabMeasurement.objects.filter(server__app__run=run).count() == 3 * 2 * 4
    out = tmp_path / "exported"
    call_command("exportcontent", str(out), verbosity=0)
    assert files(out) == files(content_dir)
    assert (out / "lab" / written.name).read_bytes() == written.read_bytes()


def test_a_run_is_a_lab_source_kept_out_of_sources_yaml(db, content_dir, tmp_path):
    write(content_dir, labdata.run(), tmp_path)
    load(content_dir)
    source = Source.objects.get(slug="lab-2026-01-02")
    assert source.kind == Source.Kind.LAB
    assert source.lab_run.slug == "2026-01-02"
    assert "lab-2026-01-02" not in {s["slug"] for s in export_data()["sources.yaml"]}


def test_loading_a_run_twice_changes_nothing(db, content_dir, tmp_path):
    write(content_dir, labdata.run(), tmp_path)
    load(content_dir)
    version = versioning.current()
    load(content_dir)
    assert versioning.current() == version


def test_a_changed_measurement_is_applied(db, content_dir, tmp_path):
    write(content_dir, labdata.run(), tmp_path)
    load(content_dir)
    before = versioning.current()
    document = labdata.run()
    document["apps"][1]["servers"][0]["endpoints"][0]["rps"] = 4321.5
    write(content_dir, document, tmp_path)
    load(content_dir)
    one = LabMeasurement.objects.get(server__app__slug="one", server__server="gunicorn", endpoint="plaintext")
    assert one.rps == 4321.5
    assert versioning.current().digest != before.digest


def test_prune_removes_a_run_whose_file_is_gone(db, content_dir, tmp_path):
    written = write(content_dir, labdata.run(slug="2026-01-03"), tmp_path)
    load(content_dir)
    written.unlink()
    load(content_dir, prune=True)
    assert list(LabRun.objects.values_list("slug", flat=True)) == ["2026-01-02"]  # the fixture's run stays
    assert not Source.objects.filter(slug="lab-2026-01-03").exists()


def test_a_run_naming_an_unknown_framework_is_refused(db, content_dir, tmp_path):
    document = labdata.run(slug="2026-01-03")
    document["apps"][1]["framework"] = "nope"
    write(content_dir, document, tmp_path)
    with pytest.raises(CommandError, match=r"lab/2026-01-03.yaml, entry 'one': unknown framework 'nope'"):
        load(content_dir)
    assert not LabRun.objects.exists()


@pytest.mark.parametrize(
    ("where", "field", "entry"),
    [("app", "deployment_note", "one"), ("server", "note", "one/gunicorn"), ("run", "pinning", "2026-01-03")],
)
def test_a_text_longer_than_its_column_is_refused_on_every_database(db, content_dir, tmp_path, where, field, entry):
    """PostgreSQL refuses such a text where SQLite would store it: the load names file, entry and field first."""
    document = labdata.run(slug="2026-01-03")
    target = {"app": document["apps"][1], "server": document["apps"][1]["servers"][0], "run": document}[where]
    target[field] = "x" * 401
    write(content_dir, document, tmp_path)
    pattern = rf"lab/2026-01-03.yaml, entry '{entry}': field '{field}': Ensure this value has at most \d+ characters"
    with pytest.raises(CommandError, match=pattern):
        load(content_dir)
    assert not LabRun.objects.exists()


def test_a_run_missing_a_field_is_refused(db, content_dir, tmp_path):
    (content_dir / "lab" / "bad.yaml").write_text("slug: bad\ndate: '2026-01-02'\n")
    with pytest.raises(CommandError, match=r"lab/bad.yaml: not a lab run"):
        load(content_dir)


def test_writelabrun_refuses_a_document_that_is_not_a_run(tmp_path):
    source = tmp_path / "x.json"
    source.write_text(json.dumps({"slug": "x", "apps": []}))
    with pytest.raises(CommandError):
        call_command("writelabrun", str(source), content=str(tmp_path), verbosity=0)


@pytest.mark.usefixtures("shipped_content")
def test_throughput_and_footprint_ratings_cite_the_lab():
    """Every framework the lab measures has its throughput and footprint ratings citing a lab run."""
    from advisor.models import Evidence, LabApp

    measured = set(LabApp.objects.exclude(framework=None).values_list("framework__slug", flat=True))
    assert {"flask", "fastapi", "django"} <= measured
    for slug in measured:
        for criterion in ("throughput", "footprint"):
            cited = Evidence.objects.filter(
                rating__framework__slug=slug, rating__criterion__slug=criterion, source__kind=Source.Kind.LAB
            )
            assert cited.exists(), (slug, criterion)


def test_a_run_with_runs_spread_and_cores_round_trips(db, content_dir, tmp_path):
    """The method of issue #24's fields (runs, spread, flag, load before each run, cores, deployment pages)
    load and export byte for byte beside a run that has none of them."""
    written = write(content_dir, labdata.with_method(labdata.run(slug="2026-01-03")), tmp_path)
    text = written.read_text()
    assert "spread_flag: true" in text and "load: 0.25" in text and "server_cpus: '0'" in text
    load(content_dir)
    flagged = LabMeasurement.objects.get(
        server__app__run__slug="2026-01-03", server__app__slug="one", server__server="gunicorn", endpoint="json"
    )
    assert (flagged.rps_min, flagged.rps_max, flagged.spread, flagged.spread_flag) == (4500.0, 5500.0, 0.2, True)
    assert [r["load"] for r in flagged.runs] == [0.25, 0.25, 0.25]
    assert LabRun.objects.get(slug="2026-01-03").pinning.startswith("Pinned with taskset")
    old = LabMeasurement.objects.filter(server__app__run__slug="2026-01-02").first()
    assert (old.spread, old.spread_flag, old.runs) == (None, None, [])
    out = tmp_path / "exported"
    call_command("exportcontent", str(out), verbosity=0)
    assert files(out) == files(content_dir)


def test_the_committed_run_loads_and_exports_unchanged(db, tmp_path):
    """content/lab/2026-11-23.yaml, made before the new method, still loads and exports byte for byte."""
    from django.conf import settings

    load(settings.CONTENT_DIR)
    out = tmp_path / "exported"
    call_command("exportcontent", str(out), verbosity=0)
    name = "lab/2026-11-23.yaml"
    assert (out / name).read_bytes() == (Path(settings.CONTENT_DIR) / name).read_bytes()


def test_a_run_with_an_unknown_field_in_a_run_entry_is_refused(db, content_dir, tmp_path):
    document = labdata.with_method(labdata.run(slug="2026-01-03"))
    document["apps"][1]["servers"][0]["endpoints"][0]["runs"][0]["cpu"] = 3
    with pytest.raises(CommandError, match="unknown field"):
        write(content_dir, document, tmp_path)


def test_every_lab_toml_text_fits_its_column():
    """PostgreSQL refuses what SQLite stores: each app's deployment note must fit LabApp's column."""
    import tomllib

    from advisor.lab.models import LabApp
    from lab import config

    limit = LabApp._meta.get_field("deployment_note").max_length
    apps = tomllib.loads((config.LAB / "lab.toml").read_text())["apps"]
    lengths = {slug: len(app.get("deployment_note", "")) for slug, app in apps.items()}
    assert all(n <= limit for n in lengths.values()), lengths
