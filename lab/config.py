"""The lab's apps and settings (lab.toml), its paths, and the SQLite file every app reads."""

import os
import sqlite3
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

LAB = Path(__file__).resolve().parent
ROOT = LAB.parent
APPS_DIR = LAB / "apps"
REQUIREMENTS = LAB / "requirements"
VENVS = LAB / ".venvs"
WORK = LAB / ".work"
DB_PATH = WORK / "lab.sqlite3"
ITEMS = 1000
ENDPOINTS = ("plaintext", "json", "validate", "db")


INTERFACES = ("wsgi", "asgi", "own")  # "own": a framework measured on its own server only
# Before lab.toml named each app's servers, every app ran under these two (kept for entries without the key).
DEFAULT_SERVERS = ("gunicorn", "granian")
# Settings a lab.toml written before the method of issue #24 lacks, and the runner's defaults for them.
DEFAULT_SETTINGS = {"runs": 3, "server_cpus": "0", "load_cpus": "1", "spread_limit": 0.10}


@dataclass(frozen=True)
class App:
    slug: str
    label: str
    env: str
    interface: str
    target: str
    framework: str = ""
    baseline: bool = False
    packages: list[str] = field(default_factory=list)
    servers: tuple[str, ...] = DEFAULT_SERVERS  # the first is the set-up the framework's deployment docs prescribe
    deployment: str = ""  # the framework's official deployment page (https)
    deployment_note: str = ""  # what that page prescribes, in our words

    def __post_init__(self):
        if self.interface not in INTERFACES:
            raise ValueError(f"lab.toml, apps.{self.slug}: interface must be one of {', '.join(INTERFACES)}")
        if not self.servers:
            raise ValueError(f"lab.toml, apps.{self.slug}: servers must name at least one server")
        if self.deployment and not self.deployment.startswith("https://"):
            raise ValueError(f"lab.toml, apps.{self.slug}: deployment must be an https address")


def read() -> tuple[dict, dict[str, App]]:
    data = tomllib.loads((LAB / "lab.toml").read_text())
    apps = {
        slug: App(slug=slug, **{**entry, "servers": tuple(entry.get("servers", DEFAULT_SERVERS))})
        for slug, entry in data["apps"].items()
    }
    return {**DEFAULT_SETTINGS, **data["settings"]}, apps


def item(item_id: int) -> dict:
    """Row ``item_id`` of the lab's table, as every app must return it."""
    return {"id": item_id, "name": f"item-{item_id}", "price": round(item_id * 1.25, 2)}


def ensure_db() -> Path:
    """The SQLite file the apps read: one table of ITEMS rows, rebuilt when missing (atomically: a reader sees
    the whole file or none)."""
    if DB_PATH.exists():
        return DB_PATH
    WORK.mkdir(parents=True, exist_ok=True)
    tmp = DB_PATH.with_suffix(f".{os.getpid()}.tmp")  # per process: parallel test workers may build it at once
    tmp.unlink(missing_ok=True)
    with sqlite3.connect(tmp) as conn:
        conn.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL, price REAL NOT NULL)")
        conn.executemany(
            "INSERT INTO item (id, name, price) VALUES (:id, :name, :price)", [item(i) for i in range(1, ITEMS + 1)]
        )
    conn.close()
    tmp.replace(DB_PATH)
    return DB_PATH
