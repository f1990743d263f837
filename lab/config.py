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
    servers: list[str] = field(default_factory=list)  # the first is the set-up the framework's docs prescribe
    deployment: str = ""  # the framework's deployment page
    deployment_note: str = ""  # what that page prescribes, in our words


def read() -> tuple[dict, dict[str, App]]:
    data = tomllib.loads((LAB / "lab.toml").read_text())
    apps = {slug: App(slug=slug, **entry) for slug, entry in data["apps"].items()}
    return data["settings"], apps


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
