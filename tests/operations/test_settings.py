"""Settings come from the environment, with safe defaults and a refusal to run insecurely."""

import os
import runpy
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[2]
SECRET = "a-test-secret-key-that-is-long-enough-to-pass-the-deploy-checks-1234567890"


def environment(**env) -> dict[str, str]:
    """This environment without the site's own variables, then ``env``."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    return {**base, "DJANGO_SETTINGS_MODULE": "config.settings", **env}


def run(code: str, **env):
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment(**env), capture_output=True, text=True, timeout=60
    )


def settings_of(*names, **env):
    """What config/settings.py sets ``names`` to when read under ``env``: the module reads the environment once,
    as it is imported, so it is read afresh here (as a new process would) rather than starting Django in one."""
    with mock.patch.dict(os.environ, environment(**env), clear=True):
        values = runpy.run_path(str(ROOT / "config" / "settings.py"))
    return {name: values[name] for name in names}


def test_production_refuses_to_start_without_a_secret_key():
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY is not set"):
        settings_of("SECRET_KEY")


def test_debug_is_off_by_default_and_https_follows_it():
    values = settings_of(
        "DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", DJANGO_SECRET_KEY=SECRET
    )
    assert values == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_SECURE": True,
    }


def test_https_can_be_turned_off_for_a_loopback_run():
    values = settings_of("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", DJANGO_SECRET_KEY=SECRET, DJANGO_HTTPS="0")
    assert values == {"SECURE_SSL_REDIRECT": False, "SECURE_HSTS_SECONDS": 0}


def test_a_bad_boolean_is_a_clear_error():
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG must be"):
        settings_of("DEBUG", DJANGO_SECRET_KEY=SECRET, DJANGO_DEBUG="maybe")


def test_database_and_cache_follow_their_urls():
    values = settings_of(
        "DATABASES",
        "CACHES",
        "ALLOWED_HOSTS",
        DJANGO_SECRET_KEY=SECRET,
        DATABASE_URL="postgres://user@db.example:5433/advisor",
        REDIS_URL="redis://127.0.0.1:6379/3",
        DJANGO_ALLOWED_HOSTS="example.com, www.example.com",
    )
    db = values["DATABASES"]["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql" and db["NAME"] == "advisor" and db["PORT"] == 5433
    assert db["CONN_HEALTH_CHECKS"] is True
    assert values["CACHES"]["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert values["ALLOWED_HOSTS"] == ["example.com", "www.example.com"]


def test_the_default_database_is_sqlite_in_the_project():
    db = settings_of("DATABASES", DJANGO_SECRET_KEY=SECRET)["DATABASES"]["default"]
    assert db["ENGINE"] == "django.db.backends.sqlite3" and db["NAME"].endswith("db.sqlite3")


def test_a_sqlite_file_is_opened_in_wal_mode_with_immediate_transactions(tmp_path):
    code = (
        "import django; django.setup(); from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA synchronous').fetchone()[0], "
        "connection.transaction_mode)"
    )
    proc = run(code, DJANGO_SECRET_KEY=SECRET, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["wal", "1", "IMMEDIATE"]  # synchronous 1 is NORMAL
    postgres = settings_of("DATABASES", DJANGO_SECRET_KEY=SECRET, DATABASE_URL="postgres://u@h:5432/d")
    assert "init_command" not in postgres["DATABASES"]["default"].get("OPTIONS", {})


def test_deploy_checks_pass_with_production_settings():
    proc = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment(DJANGO_SECRET_KEY=SECRET, DJANGO_ALLOWED_HOSTS="example.com", DJANGO_DEBUG="0"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues" in proc.stdout
