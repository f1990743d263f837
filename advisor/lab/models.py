"""The lab's measurements (``lab/`` in the repository runs them): one run at a time, loaded from
``content/lab/*.yaml`` like the rest of the content."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from advisor.models.base import LAB_MAX, TimeStamped
from advisor.models.content import Framework, Source
from advisor.validators import number_range


class LabRun(TimeStamped):
    """One `make lab` run on one machine: its setup, and the Source that ratings cite for it."""

    slug = models.SlugField(max_length=80, unique=True)
    source = models.OneToOneField(Source, on_delete=models.PROTECT, related_name="lab_run")
    date = models.DateField()
    command = models.CharField(max_length=500)
    cpu = models.CharField("CPU model", max_length=200)
    cores = models.PositiveSmallIntegerField()
    memory_mib = models.PositiveIntegerField("memory (MiB)")
    os = models.CharField("operating system", max_length=200)
    python = models.CharField("Python version", max_length=20)
    wrk = models.CharField("wrk version", max_length=60)
    workers = models.PositiveSmallIntegerField(help_text="Server worker processes, the same for every app.")
    connections = models.PositiveSmallIntegerField(help_text="wrk connections.")
    threads = models.PositiveSmallIntegerField(help_text="wrk threads.")
    duration = models.PositiveSmallIntegerField(help_text="Seconds measured per endpoint.")
    warmup = models.PositiveSmallIntegerField(help_text="Seconds of unrecorded load before each measurement.")
    # The method of issue #24 (empty in runs made before it): runs per figure, cores, the spread that is flagged.
    runs = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Measured runs per figure (median).")
    server_cpus = models.CharField(max_length=20, blank=True, help_text="taskset cores of the server.")
    load_cpus = models.CharField(max_length=20, blank=True, help_text="taskset cores of wrk.")
    spread_limit = models.FloatField(null=True, blank=True, help_text="A figure whose spread is over this is flagged.")
    pinning = models.CharField(max_length=300, blank=True, help_text="Whether server and wrk were pinned, and how.")
    notes = models.TextField(blank=True, help_text="Markdown: caveats of this run (a busy machine, ...).")

    class Meta:
        ordering = ["-date", "-slug"]

    def __str__(self):
        return f"Lab run {self.slug}"

    def get_absolute_url(self):
        return reverse("advisor:lab-run", args=[self.slug])


class LabApp(TimeStamped):
    """One app of a run (a framework's, or a raw baseline) and the footprint of its environment."""

    class Interface(models.TextChoices):
        WSGI = "wsgi", "WSGI"
        ASGI = "asgi", "ASGI"
        OWN = "own", "Its own server"

    run = models.ForeignKey(LabRun, on_delete=models.CASCADE, related_name="apps")
    slug = models.SlugField(max_length=80)
    label = models.CharField(max_length=100)
    framework = models.ForeignKey(
        Framework,
        on_delete=models.SET_NULL,  # deleting a framework keeps its measurements, unlinked
        null=True,
        blank=True,
        related_name="lab_apps",
        help_text="Empty for a baseline.",
    )
    interface = models.CharField(max_length=4, choices=Interface.choices)
    baseline = models.BooleanField(default=False)
    packages = models.PositiveSmallIntegerField(help_text="Installed distributions, without pip.")
    install_kib = models.PositiveIntegerField("installed size (KiB)")
    import_ms = models.FloatField("import time (ms)", validators=number_range(0, LAB_MAX))
    versions = models.JSONField(default=dict, help_text="Every installed distribution and its version.")
    deployment = models.URLField(max_length=300, blank=True, help_text="The framework's deployment page.")
    deployment_note = models.CharField(max_length=400, blank=True, help_text="What that page prescribes.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["run", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "slug"], name="labapp_unique_per_run"),
            models.CheckConstraint(condition=Q(interface__in=["wsgi", "asgi", "own"]), name="labapp_interface_valid"),
            models.CheckConstraint(
                condition=Q(import_ms__gte=0, import_ms__lte=LAB_MAX), name="labapp_import_in_range"
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.run.slug})"


class LabServer(TimeStamped):
    """One app under one server: how it was started, its cold start and its memory per worker after load."""

    app = models.ForeignKey(LabApp, on_delete=models.CASCADE, related_name="servers")
    server = models.SlugField(max_length=40, help_text="gunicorn or granian.")
    label = models.CharField(max_length=100)
    version = models.CharField(max_length=40)
    command = models.CharField(max_length=500)
    cold_start_ms = models.FloatField(
        "cold start (ms)", validators=number_range(0, LAB_MAX), help_text="Process start to the first 200."
    )
    worker_rss_kib = models.PositiveIntegerField("memory per worker (KiB)", null=True, blank=True)
    workers_seen = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(max_length=300, blank=True, help_text="How this set-up differs from the shared one.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["app", "position"]
        constraints = [
            models.UniqueConstraint(fields=["app", "server"], name="labserver_unique_per_app"),
            models.CheckConstraint(
                condition=Q(cold_start_ms__gte=0, cold_start_ms__lte=LAB_MAX), name="labserver_cold_start_in_range"
            ),
        ]

    def __str__(self):
        return f"{self.app} under {self.label}"


class LabMeasurement(TimeStamped):
    """wrk's answer for one endpoint of one app under one server."""

    server = models.ForeignKey(LabServer, on_delete=models.CASCADE, related_name="measurements")
    endpoint = models.SlugField(max_length=40)
    rps = models.FloatField("requests per second", validators=number_range(0, LAB_MAX))
    p50_ms = models.FloatField("median latency (ms)", validators=number_range(0, LAB_MAX))
    p99_ms = models.FloatField("99th percentile latency (ms)", validators=number_range(0, LAB_MAX))
    errors = models.PositiveIntegerField(default=0)
    # Several runs per figure (empty in runs made before issue #24): rps above is their median.
    rps_min = models.FloatField("lowest run's requests per second", null=True, blank=True)
    rps_max = models.FloatField("highest run's requests per second", null=True, blank=True)
    spread = models.FloatField(null=True, blank=True, help_text="(max - min) / median of the runs' requests/s.")
    spread_flag = models.BooleanField(null=True, blank=True, help_text="The spread is over the run's limit.")
    command = models.CharField(max_length=300, blank=True, help_text="The wrk command of each run.")
    runs = models.JSONField(default=list, blank=True, help_text="Each run: rps, latencies, errors, load before.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["server", "position"]
        constraints = [
            models.UniqueConstraint(fields=["server", "endpoint"], name="labmeasurement_unique_endpoint"),
            models.CheckConstraint(
                condition=Q(rps__gte=0, rps__lte=LAB_MAX, p50_ms__gte=0, p50_ms__lte=LAB_MAX)
                & Q(p99_ms__gte=0, p99_ms__lte=LAB_MAX),
                name="labmeasurement_figures_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.server}: /{self.endpoint}"
