"""advisor's eleven migrations (0001 to 0011) as one, for new databases: the tables as the models are now,
each constraint inside its CreateModel, and the two data steps a new database still needs (the Curators group;
LZ4 for stored outcomes on PostgreSQL, not elidable here although 0007 says so, since a new database needs it).
0003's step (dropping negative weight deltas) had rows to fix only on databases made before it.

A new database applies this one migration, in about 1.3 s on SQLite instead of about 3 s for the eleven; a database
that has applied some or all of the eleven goes on with them, and Django records this one as applied once it has
them all (``replaces``). The eleven can go once every deployed database is past 0011.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import advisor.validators
from advisor.curators import CURATORS_GROUP, sync_curators_group


def create_curators(apps, schema_editor):
    """0002_curators_group: the Curators group and its permissions (created here, before migrate's own step)."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    sync_curators_group(apps=apps)


def remove_curators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CURATORS_GROUP).delete()


LZ4 = "ALTER TABLE advisor_result ALTER COLUMN outcome SET COMPRESSION {}"


def _lz4_available(schema_editor) -> bool:
    connection = schema_editor.connection
    if connection.vendor != "postgresql" or connection.pg_version < 140000:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)")
        return cursor.fetchone() is not None


def compress_with_lz4(apps, schema_editor):
    """0007_result_outcome_lz4 (its docstring has the measurement)."""
    if _lz4_available(schema_editor):
        schema_editor.execute(LZ4.format("lz4"))


def compress_with_the_default(apps, schema_editor):
    if _lz4_available(schema_editor):
        schema_editor.execute(LZ4.format("DEFAULT"))


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("advisor", "0001_initial"),
        ("advisor", "0002_curators_group"),
        ("advisor", "0003_engine_weight_delta_not_negative"),
        ("advisor", "0004_lab_runs"),
        ("advisor", "0005_server_interface_own"),
        ("advisor", "0006_families_and_relations"),
        ("advisor", "0007_result_outcome_lz4"),
        ("advisor", "0008_compact_results"),
        ("advisor", "0009_lab_method"),
        ("advisor", "0010_curator_input_ranges"),
        ("advisor", "0011_source_kind_independent"),
    ]

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="Category",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                ("name", models.CharField(max_length=100, unique=True)),
                ("description", models.TextField(blank=True, help_text="Markdown.")),
                ("position", models.PositiveSmallIntegerField(default=0)),
            ],
            options={
                "verbose_name_plural": "categories",
                "ordering": ["position", "name"],
            },
        ),
        migrations.CreateModel(
            name="Choice",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("slug", models.SlugField(max_length=80)),
                ("label", models.CharField(max_length=200)),
                ("help", models.TextField(blank=True, help_text="Markdown.")),
                ("position", models.PositiveSmallIntegerField(default=0)),
            ],
            options={
                "ordering": ["question__position", "position", "slug"],
            },
        ),
        migrations.CreateModel(
            name="ContentSnapshot",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("digest", models.CharField(max_length=64, unique=True)),
                ("data", models.BinaryField()),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
            ],
            options={
                "ordering": ["-created"],
            },
        ),
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("counter", models.PositiveIntegerField(default=1)),
                ("digest", models.CharField(blank=True, max_length=64)),
                ("changed", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "verbose_name": "content version",
            },
        ),
        migrations.CreateModel(
            name="Family",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")], default="published", max_length=10
                    ),
                ),
                ("name", models.CharField(max_length=100)),
                ("summary", models.TextField(help_text="Markdown: what the frameworks in this group have in common.")),
                ("position", models.PositiveSmallIntegerField(default=0)),
            ],
            options={
                "verbose_name_plural": "families",
                "ordering": ["position", "name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["draft", "published"])), name="family_status_valid"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Framework",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")], default="published", max_length=10
                    ),
                ),
                ("name", models.CharField(max_length=100, unique=True)),
                ("tagline", models.CharField(max_length=200)),
                (
                    "best_for",
                    models.CharField(
                        blank=True, help_text="The quick answer: one line on its best fit.", max_length=200
                    ),
                ),
                ("summary", models.TextField(help_text="Markdown.")),
                ("history", models.TextField(blank=True, help_text="Markdown: origins and milestones.")),
                ("creators", models.CharField(blank=True, max_length=200)),
                ("first_release_year", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("license", models.CharField(blank=True, max_length=100)),
                (
                    "server_interface",
                    models.CharField(
                        choices=[
                            ("wsgi", "WSGI"),
                            ("asgi", "ASGI"),
                            ("both", "WSGI and ASGI"),
                            ("own", "Its own server"),
                        ],
                        max_length=4,
                    ),
                ),
                ("servers", models.TextField(blank=True, help_text="Markdown: the servers it is usually deployed on.")),
                (
                    "homepage_url",
                    models.URLField(blank=True, max_length=300, validators=[advisor.validators.WebAddressValidator()]),
                ),
                (
                    "docs_url",
                    models.URLField(blank=True, max_length=300, validators=[advisor.validators.WebAddressValidator()]),
                ),
                (
                    "repository_url",
                    models.URLField(blank=True, max_length=300, validators=[advisor.validators.WebAddressValidator()]),
                ),
                ("code_sample", models.TextField(blank=True, help_text="A short idiomatic example, written by us.")),
                ("code_language", models.CharField(default="python", max_length=30)),
                ("strengths", models.TextField(blank=True, help_text="Markdown list.")),
                ("limitations", models.TextField(blank=True, help_text="Markdown list.")),
                ("when_to_use", models.TextField(blank=True, help_text="Markdown list.")),
                ("when_not_to_use", models.TextField(blank=True, help_text="Markdown list.")),
                (
                    "extensions",
                    models.TextField(
                        blank=True,
                        help_text="Markdown: what it needs for ORM, migrations, admin, auth, validation, API docs, background jobs.",
                    ),
                ),
                (
                    "configuration",
                    models.TextField(blank=True, help_text="Markdown.", verbose_name="configuration style"),
                ),
                (
                    "scaling_risk",
                    models.TextField(blank=True, help_text="Markdown.", verbose_name="typical scaling risk"),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
            ],
            options={
                "ordering": ["position", "name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["draft", "published"])), name="framework_status_valid"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("server_interface__in", ["wsgi", "asgi", "both", "own"])),
                        name="framework_interface_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("first_release_year__isnull", True),
                            models.Q(("first_release_year__gte", 1990), ("first_release_year__lte", 2100)),
                            _connector="OR",
                        ),
                        name="framework_release_year_plausible",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Hybrid",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")], default="published", max_length=10
                    ),
                ),
                ("name", models.CharField(max_length=150)),
                ("summary", models.TextField(help_text="Markdown.")),
                ("when", models.TextField(blank=True, help_text="Markdown: when to suggest it.")),
                ("position", models.PositiveSmallIntegerField(default=0)),
            ],
            options={
                "ordering": ["position", "name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["draft", "published"])), name="hybrid_status_valid"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="LabRun",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                ("date", models.DateField()),
                ("command", models.CharField(max_length=500)),
                ("cpu", models.CharField(max_length=200, verbose_name="CPU model")),
                ("cores", models.PositiveSmallIntegerField()),
                ("memory_mib", models.PositiveIntegerField(verbose_name="memory (MiB)")),
                ("os", models.CharField(max_length=200, verbose_name="operating system")),
                ("python", models.CharField(max_length=20, verbose_name="Python version")),
                ("wrk", models.CharField(max_length=60, verbose_name="wrk version")),
                (
                    "workers",
                    models.PositiveSmallIntegerField(help_text="Server worker processes, the same for every app."),
                ),
                ("connections", models.PositiveSmallIntegerField(help_text="wrk connections.")),
                ("threads", models.PositiveSmallIntegerField(help_text="wrk threads.")),
                ("duration", models.PositiveSmallIntegerField(help_text="Seconds measured per endpoint.")),
                (
                    "warmup",
                    models.PositiveSmallIntegerField(help_text="Seconds of unrecorded load before each measurement."),
                ),
                (
                    "runs",
                    models.PositiveSmallIntegerField(
                        blank=True, help_text="Measured runs per figure (median).", null=True
                    ),
                ),
                ("server_cpus", models.CharField(blank=True, help_text="taskset cores of the server.", max_length=20)),
                ("load_cpus", models.CharField(blank=True, help_text="taskset cores of wrk.", max_length=20)),
                (
                    "spread_limit",
                    models.FloatField(
                        blank=True, help_text="A figure whose spread is over this is flagged.", null=True
                    ),
                ),
                (
                    "pinning",
                    models.CharField(
                        blank=True, help_text="Whether server and wrk were pinned, and how.", max_length=300
                    ),
                ),
                (
                    "notes",
                    models.TextField(blank=True, help_text="Markdown: caveats of this run (a busy machine, ...)."),
                ),
            ],
            options={
                "ordering": ["-date", "-slug"],
            },
        ),
        migrations.CreateModel(
            name="Criterion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")], default="published", max_length=10
                    ),
                ),
                ("name", models.CharField(max_length=100, unique=True)),
                (
                    "question",
                    models.CharField(help_text="The plain-language question this criterion answers.", max_length=200),
                ),
                ("description", models.TextField(blank=True, help_text="Markdown: what it covers and why it matters.")),
                (
                    "scale",
                    models.TextField(blank=True, help_text="Markdown: how the 0-5 scale reads for this criterion."),
                ),
                (
                    "low_label",
                    models.CharField(
                        blank=True, help_text="What a 0 means here, in two or three words.", max_length=60
                    ),
                ),
                (
                    "high_label",
                    models.CharField(
                        blank=True, help_text="What a 5 means here, in two or three words.", max_length=60
                    ),
                ),
                (
                    "weight",
                    models.FloatField(
                        default=1.0,
                        help_text="Base weight in the recommendation before any answer (0 to 10).",
                        validators=[
                            advisor.validators.validate_finite,
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(10),
                        ],
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="criteria", to="advisor.category"
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "criteria",
                "ordering": ["category__position", "position", "name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["draft", "published"])), name="criterion_status_valid"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("weight__gte", 0), ("weight__lte", 10)), name="criterion_weight_in_range"
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="FamilyMember",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("family", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="advisor.family")),
                ("framework", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="advisor.framework")),
            ],
            options={
                "ordering": ["family__position", "framework__position"],
                "constraints": [
                    models.UniqueConstraint(fields=("framework",), name="familymember_one_family_per_framework")
                ],
            },
        ),
        migrations.AddField(
            model_name="family",
            name="frameworks",
            field=models.ManyToManyField(
                related_name="families", through="advisor.FamilyMember", to="advisor.framework"
            ),
        ),
        migrations.CreateModel(
            name="HybridPart",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("role", models.CharField(max_length=250)),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "framework",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="hybrid_parts", to="advisor.framework"
                    ),
                ),
                (
                    "hybrid",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="parts", to="advisor.hybrid"
                    ),
                ),
            ],
            options={
                "ordering": ["hybrid", "position"],
                "constraints": [
                    models.UniqueConstraint(fields=("hybrid", "framework"), name="hybridpart_one_per_framework")
                ],
            },
        ),
        migrations.CreateModel(
            name="LabApp",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("slug", models.SlugField(max_length=80)),
                ("label", models.CharField(max_length=100)),
                (
                    "interface",
                    models.CharField(
                        choices=[("wsgi", "WSGI"), ("asgi", "ASGI"), ("own", "Its own server")], max_length=4
                    ),
                ),
                ("baseline", models.BooleanField(default=False)),
                ("packages", models.PositiveSmallIntegerField(help_text="Installed distributions, without pip.")),
                ("install_kib", models.PositiveIntegerField(verbose_name="installed size (KiB)")),
                (
                    "import_ms",
                    models.FloatField(
                        validators=[
                            advisor.validators.validate_finite,
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(1000000000.0),
                        ],
                        verbose_name="import time (ms)",
                    ),
                ),
                ("versions", models.JSONField(default=dict, help_text="Every installed distribution and its version.")),
                (
                    "deployment",
                    models.URLField(blank=True, help_text="The framework's deployment page.", max_length=300),
                ),
                (
                    "deployment_note",
                    models.CharField(blank=True, help_text="What that page prescribes.", max_length=400),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "framework",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for a baseline.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="lab_apps",
                        to="advisor.framework",
                    ),
                ),
                (
                    "run",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="apps", to="advisor.labrun"
                    ),
                ),
            ],
            options={
                "ordering": ["run", "position"],
                "constraints": [
                    models.UniqueConstraint(fields=("run", "slug"), name="labapp_unique_per_run"),
                    models.CheckConstraint(
                        condition=models.Q(("interface__in", ["wsgi", "asgi", "own"])), name="labapp_interface_valid"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("import_ms__gte", 0), ("import_ms__lte", 1000000000.0)),
                        name="labapp_import_in_range",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="LabServer",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("server", models.SlugField(help_text="gunicorn or granian.", max_length=40)),
                ("label", models.CharField(max_length=100)),
                ("version", models.CharField(max_length=40)),
                ("command", models.CharField(max_length=500)),
                (
                    "cold_start_ms",
                    models.FloatField(
                        help_text="Process start to the first 200.",
                        validators=[
                            advisor.validators.validate_finite,
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(1000000000.0),
                        ],
                        verbose_name="cold start (ms)",
                    ),
                ),
                (
                    "worker_rss_kib",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="memory per worker (KiB)"),
                ),
                ("workers_seen", models.PositiveSmallIntegerField(default=0)),
                (
                    "note",
                    models.CharField(
                        blank=True, help_text="How this set-up differs from the shared one.", max_length=300
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "app",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="servers", to="advisor.labapp"
                    ),
                ),
            ],
            options={
                "ordering": ["app", "position"],
                "constraints": [
                    models.UniqueConstraint(fields=("app", "server"), name="labserver_unique_per_app"),
                    models.CheckConstraint(
                        condition=models.Q(("cold_start_ms__gte", 0), ("cold_start_ms__lte", 1000000000.0)),
                        name="labserver_cold_start_in_range",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="LabMeasurement",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("endpoint", models.SlugField(max_length=40)),
                (
                    "rps",
                    models.FloatField(
                        validators=[
                            advisor.validators.validate_finite,
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(1000000000.0),
                        ],
                        verbose_name="requests per second",
                    ),
                ),
                (
                    "p50_ms",
                    models.FloatField(
                        validators=[
                            advisor.validators.validate_finite,
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(1000000000.0),
                        ],
                        verbose_name="median latency (ms)",
                    ),
                ),
                (
                    "p99_ms",
                    models.FloatField(
                        validators=[
                            advisor.validators.validate_finite,
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(1000000000.0),
                        ],
                        verbose_name="99th percentile latency (ms)",
                    ),
                ),
                ("errors", models.PositiveIntegerField(default=0)),
                ("rps_min", models.FloatField(blank=True, null=True, verbose_name="lowest run's requests per second")),
                ("rps_max", models.FloatField(blank=True, null=True, verbose_name="highest run's requests per second")),
                (
                    "spread",
                    models.FloatField(blank=True, help_text="(max - min) / median of the runs' requests/s.", null=True),
                ),
                (
                    "spread_flag",
                    models.BooleanField(blank=True, help_text="The spread is over the run's limit.", null=True),
                ),
                ("command", models.CharField(blank=True, help_text="The wrk command of each run.", max_length=300)),
                (
                    "runs",
                    models.JSONField(
                        blank=True, default=list, help_text="Each run: rps, latencies, errors, load before."
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "server",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="measurements", to="advisor.labserver"
                    ),
                ),
            ],
            options={
                "ordering": ["server", "position"],
                "constraints": [
                    models.UniqueConstraint(fields=("server", "endpoint"), name="labmeasurement_unique_endpoint"),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("p50_ms__gte", 0),
                            ("p50_ms__lte", 1000000000.0),
                            ("rps__gte", 0),
                            ("rps__lte", 1000000000.0),
                            ("p99_ms__gte", 0),
                            ("p99_ms__lte", 1000000000.0),
                        ),
                        name="labmeasurement_figures_in_range",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="MustHave",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                (
                    "minimum",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(5),
                        ]
                    ),
                ),
                (
                    "choice",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="must_haves", to="advisor.choice"
                    ),
                ),
                (
                    "criterion",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="must_haves", to="advisor.criterion"
                    ),
                ),
            ],
            options={
                "verbose_name": "must-have",
                "ordering": ["choice", "criterion__position"],
                "constraints": [
                    models.UniqueConstraint(fields=("choice", "criterion"), name="musthave_one_per_choice_criterion"),
                    models.CheckConstraint(
                        condition=models.Q(("minimum__gte", 0), ("minimum__lte", 5)), name="musthave_minimum_in_scale"
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Question",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")], default="published", max_length=10
                    ),
                ),
                ("text", models.CharField(max_length=200)),
                ("help", models.TextField(blank=True, help_text="Markdown: what the question means, for a newcomer.")),
                ("position", models.PositiveSmallIntegerField(default=0)),
            ],
            options={
                "ordering": ["position", "slug"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["draft", "published"])), name="question_status_valid"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="choice",
            name="question",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="choices", to="advisor.question"
            ),
        ),
        migrations.CreateModel(
            name="Rating",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                (
                    "score",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="0-5; leave empty when unknown.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(5),
                        ],
                    ),
                ),
                (
                    "label",
                    models.CharField(
                        help_text='Short cell text, e.g. "Built-in" or "Add-on: Flask-SQLAlchemy".', max_length=80
                    ),
                ),
                ("explanation", models.TextField(blank=True, help_text="Markdown: why this score.")),
                (
                    "disputed",
                    models.BooleanField(default=False, help_text="Sources disagree; the explanation says how."),
                ),
                (
                    "criterion",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="ratings", to="advisor.criterion"
                    ),
                ),
                (
                    "framework",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="ratings", to="advisor.framework"
                    ),
                ),
            ],
            options={
                "ordering": ["criterion__category__position", "criterion__position", "framework__position"],
                "constraints": [
                    models.UniqueConstraint(fields=("framework", "criterion"), name="rating_one_per_cell"),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("score__gte", 0), ("score__lte", 5)), ("score__isnull", True), _connector="OR"
                        ),
                        name="rating_score_in_scale",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Result",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("slug", models.SlugField(max_length=16, unique=True)),
                ("answers", models.JSONField(default=dict)),
                (
                    "outcome",
                    models.JSONField(
                        blank=True, default=dict, help_text="Whole outcome: results stored before issue 23."
                    ),
                ),
                ("content_version", models.CharField(max_length=64)),
                (
                    "engine",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="The engine version that computed it (empty: see the stored outcome).",
                        null=True,
                    ),
                ),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
            ],
            options={
                "ordering": ["-created"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("slug__regex", "^[A-Za-z0-9_-]{8,12}$")), name="result_slug_short_urlsafe"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("engine__isnull", False), models.Q(("outcome", {}), _negated=True), _connector="OR"
                        ),
                        name="result_engine_or_outcome",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Source",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")], default="published", max_length=10
                    ),
                ),
                ("title", models.CharField(max_length=200)),
                ("author", models.CharField(max_length=200, verbose_name="author or publisher")),
                (
                    "url",
                    models.URLField(
                        blank=True,
                        max_length=500,
                        validators=[advisor.validators.WebAddressValidator()],
                        verbose_name="address",
                    ),
                ),
                (
                    "date",
                    models.CharField(
                        blank=True,
                        help_text="As precise as known: 2026, 2026-03 or 2026-03-05. Empty when unknown.",
                        max_length=10,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("article", "Article"),
                            ("documentation", "Official documentation"),
                            ("benchmark", "Benchmark"),
                            ("independent", "Independent benchmark suite"),
                            ("lab", "Our lab measurement"),
                            ("other", "Other"),
                        ],
                        default="article",
                        max_length=20,
                    ),
                ),
                (
                    "summary",
                    models.TextField(blank=True, help_text="Markdown: what this source is and how far to trust it."),
                ),
            ],
            options={
                "ordering": ["title"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["draft", "published"])), name="source_status_valid"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("kind__in", ["article", "documentation", "benchmark", "independent", "lab", "other"])
                        ),
                        name="source_kind_valid",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Relation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")], default="published", max_length=10
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("built-on", "is built on"),
                            ("runs-inside", "runs inside"),
                            ("same-api", "follows the API of"),
                        ],
                        max_length=20,
                    ),
                ),
                ("summary", models.TextField(help_text="Markdown: what the relation means for someone choosing.")),
                (
                    "framework",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="relations", to="advisor.framework"
                    ),
                ),
                (
                    "inherits",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Criteria that are the other framework's.",
                        related_name="inherited_in",
                        to="advisor.criterion",
                    ),
                ),
                (
                    "other",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="relations_in", to="advisor.framework"
                    ),
                ),
                ("sources", models.ManyToManyField(blank=True, related_name="relations", to="advisor.source")),
            ],
            options={
                "ordering": ["framework__position", "other__position"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["draft", "published"])), name="relation_status_valid"
                    ),
                    models.UniqueConstraint(fields=("framework", "kind", "other"), name="relation_one_per_kind"),
                    models.CheckConstraint(
                        condition=models.Q(("framework", models.F("other")), _negated=True),
                        name="relation_between_two_frameworks",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("kind__in", ["built-on", "runs-inside", "same-api"])),
                        name="relation_kind_valid",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Pitfall",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")], default="published", max_length=10
                    ),
                ),
                ("title", models.CharField(max_length=200)),
                (
                    "kind",
                    models.CharField(
                        choices=[("mistake", "Common mistake"), ("debug", "Symptom to fix")],
                        default="mistake",
                        max_length=10,
                    ),
                ),
                ("symptom", models.TextField(help_text="Markdown: what you notice.")),
                ("cause", models.TextField(help_text="Markdown: why it happens.")),
                ("fix", models.TextField(help_text="Markdown: what to do.")),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "choices",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Answers that point at this pitfall.",
                        related_name="pitfalls",
                        to="advisor.choice",
                    ),
                ),
                ("frameworks", models.ManyToManyField(blank=True, related_name="pitfalls", to="advisor.framework")),
                ("sources", models.ManyToManyField(blank=True, related_name="pitfalls", to="advisor.source")),
            ],
            options={
                "ordering": ["kind", "position", "title"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["draft", "published"])), name="pitfall_status_valid"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("kind__in", ["mistake", "debug"])), name="pitfall_kind_valid"
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="MigrationPath",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")], default="published", max_length=10
                    ),
                ),
                (
                    "difficulty",
                    models.CharField(
                        choices=[("easy", "Easy"), ("moderate", "Moderate"), ("hard", "Hard")], max_length=10
                    ),
                ),
                ("summary", models.CharField(max_length=300)),
                ("strategy", models.TextField(help_text="Markdown: how to move, step by step.")),
                (
                    "from_framework",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="migrations_from",
                        to="advisor.framework",
                    ),
                ),
                (
                    "to_framework",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="migrations_to",
                        to="advisor.framework",
                    ),
                ),
                ("sources", models.ManyToManyField(blank=True, related_name="migration_paths", to="advisor.source")),
            ],
            options={
                "ordering": ["from_framework__position", "to_framework__position"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["draft", "published"])), name="migration_status_valid"
                    ),
                    models.UniqueConstraint(
                        fields=("from_framework", "to_framework"), name="migration_one_per_direction"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("from_framework", models.F("to_framework")), _negated=True),
                        name="migration_between_two_frameworks",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("difficulty__in", ["easy", "moderate", "hard"])),
                        name="migration_difficulty_valid",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="labrun",
            name="source",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT, related_name="lab_run", to="advisor.source"
            ),
        ),
        migrations.CreateModel(
            name="Incident",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")], default="published", max_length=10
                    ),
                ),
                ("title", models.CharField(max_length=200)),
                ("summary", models.TextField(help_text="Markdown: the setting.")),
                ("symptom", models.TextField(help_text="Markdown.")),
                ("cause", models.TextField(help_text="Markdown.")),
                ("fix", models.TextField(help_text="Markdown.")),
                ("lesson", models.TextField(blank=True, help_text="Markdown.")),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("frameworks", models.ManyToManyField(blank=True, related_name="incidents", to="advisor.framework")),
                ("sources", models.ManyToManyField(blank=True, related_name="incidents", to="advisor.source")),
            ],
            options={
                "ordering": ["position", "title"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["draft", "published"])), name="incident_status_valid"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="hybrid",
            name="sources",
            field=models.ManyToManyField(blank=True, related_name="hybrids", to="advisor.source"),
        ),
        migrations.AddField(
            model_name="framework",
            name="sources",
            field=models.ManyToManyField(blank=True, related_name="frameworks", to="advisor.source"),
        ),
        migrations.CreateModel(
            name="FAQ",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")], default="published", max_length=10
                    ),
                ),
                ("question", models.CharField(max_length=250)),
                ("answer", models.TextField(help_text="Markdown.")),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("sources", models.ManyToManyField(blank=True, related_name="faqs", to="advisor.source")),
            ],
            options={
                "verbose_name": "FAQ",
                "verbose_name_plural": "FAQs",
                "ordering": ["position", "question"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["draft", "published"])), name="faq_status_valid"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Evidence",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("claim", models.TextField(help_text="What the source says, in our words.")),
                (
                    "supports_score",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="The score this claim supports, if it implies one.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(5),
                        ],
                    ),
                ),
                (
                    "locator",
                    models.CharField(blank=True, help_text="Where in the source: section or table.", max_length=200),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "rating",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="evidence", to="advisor.rating"
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="evidence", to="advisor.source"
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "evidence",
                "ordering": ["rating", "position", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("supports_score__gte", 0), ("supports_score__lte", 5)),
                            ("supports_score__isnull", True),
                            _connector="OR",
                        ),
                        name="evidence_score_in_scale",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="BenchmarkFigure",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")], default="published", max_length=10
                    ),
                ),
                ("metric", models.CharField(max_length=120)),
                (
                    "value",
                    models.FloatField(
                        validators=[
                            advisor.validators.validate_finite,
                            django.core.validators.MinValueValidator(-1000000000000.0),
                            django.core.validators.MaxValueValidator(1000000000000.0),
                        ]
                    ),
                ),
                (
                    "value_max",
                    models.FloatField(
                        blank=True,
                        help_text="Upper end of a range, e.g. 5 in 3-5x.",
                        null=True,
                        validators=[
                            advisor.validators.validate_finite,
                            django.core.validators.MinValueValidator(-1000000000000.0),
                            django.core.validators.MaxValueValidator(1000000000000.0),
                        ],
                    ),
                ),
                ("unit", models.CharField(max_length=40)),
                (
                    "conditions",
                    models.TextField(blank=True, help_text="Markdown: setup and workload, as far as known."),
                ),
                ("caveat", models.TextField(blank=True, help_text="Markdown: how far to trust it.")),
                (
                    "lab_measure",
                    models.CharField(
                        blank=True,
                        choices=[("throughput", "Requests per second"), ("install-size", "Installed size")],
                        help_text="What our lab measures that this figure speaks to; the lab pages set the two side by side.",
                        max_length=20,
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "compared_to",
                    models.ForeignKey(
                        blank=True,
                        help_text="For a relative figure (3x of what).",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="advisor.framework",
                    ),
                ),
                (
                    "framework",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for a comparison.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="figures",
                        to="advisor.framework",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="figures", to="advisor.source"
                    ),
                ),
            ],
            options={
                "ordering": ["position", "metric"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["draft", "published"])), name="figure_status_valid"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("value_max__isnull", True), ("value_max__gte", models.F("value")), _connector="OR"
                        ),
                        name="figure_range_ordered",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("value__gte", -1000000000000.0),
                            ("value__lte", 1000000000000.0),
                            models.Q(
                                ("value_max__isnull", True),
                                models.Q(("value_max__gte", -1000000000000.0), ("value_max__lte", 1000000000000.0)),
                                _connector="OR",
                            ),
                        ),
                        name="figure_value_in_range",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="UseCase",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")], default="published", max_length=10
                    ),
                ),
                ("name", models.CharField(max_length=120, unique=True)),
                ("summary", models.CharField(max_length=300)),
                ("description", models.TextField(blank=True, help_text="Markdown.")),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "preset",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Answers that prefill the questionnaire for this use case.",
                        related_name="preset_for",
                        to="advisor.choice",
                    ),
                ),
                ("sources", models.ManyToManyField(blank=True, related_name="use_cases", to="advisor.source")),
            ],
            options={
                "ordering": ["position", "name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["draft", "published"])), name="usecase_status_valid"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Fit",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("best", "Best fit"),
                            ("good", "Good fit"),
                            ("possible", "Possible"),
                            ("avoid", "Avoid"),
                        ],
                        max_length=10,
                    ),
                ),
                ("reason", models.TextField(help_text="Markdown: why this fit.")),
                (
                    "framework",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="fits", to="advisor.framework"
                    ),
                ),
                ("sources", models.ManyToManyField(blank=True, related_name="fits", to="advisor.source")),
                (
                    "use_case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="fits", to="advisor.usecase"
                    ),
                ),
            ],
            options={
                "ordering": ["use_case__position", "framework__position"],
                "constraints": [
                    models.UniqueConstraint(fields=("use_case", "framework"), name="fit_one_per_pair"),
                    models.CheckConstraint(
                        condition=models.Q(("level__in", ["best", "good", "possible", "avoid"])), name="fit_level_valid"
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="choice",
            name="use_case",
            field=models.ForeignKey(
                blank=True,
                help_text="The use case this answer selects: its fits then count in the ranking.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="selected_by",
                to="advisor.usecase",
            ),
        ),
        migrations.CreateModel(
            name="Verdict",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")], default="published", max_length=10
                    ),
                ),
                ("title", models.CharField(max_length=200)),
                ("summary", models.TextField(help_text="Markdown: the verdict, in our words.")),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("frameworks", models.ManyToManyField(related_name="verdicts", to="advisor.framework")),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="verdicts", to="advisor.source"
                    ),
                ),
            ],
            options={
                "ordering": ["position", "title"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["draft", "published"])), name="verdict_status_valid"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Weight",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated", models.DateTimeField(auto_now=True)),
                (
                    "delta",
                    models.FloatField(
                        help_text="Added to the criterion’s weight when this answer is given (0 to 10; never negative).",
                        validators=[
                            advisor.validators.validate_finite,
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(10),
                        ],
                    ),
                ),
                (
                    "choice",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="weights", to="advisor.choice"
                    ),
                ),
                (
                    "criterion",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="weights", to="advisor.criterion"
                    ),
                ),
            ],
            options={
                "ordering": ["choice", "criterion__position"],
                "constraints": [
                    models.UniqueConstraint(fields=("choice", "criterion"), name="weight_one_per_choice_criterion"),
                    models.CheckConstraint(
                        condition=models.Q(("delta__gte", 0), ("delta__lte", 10)), name="weight_delta_not_negative"
                    ),
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="choice",
            constraint=models.UniqueConstraint(fields=("question", "slug"), name="choice_slug_unique_per_question"),
        ),
        migrations.RunPython(create_curators, remove_curators),
        migrations.RunPython(compress_with_lz4, compress_with_the_default),
    ]
