"""One virtual environment per lab environment, built from its pinned file under lab/.venvs/ (gitignored)
and rebuilt only when the pinned file changes. The site's own .venv is never touched."""

import fcntl
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from lab.config import REQUIREMENTS, VENVS


def _digest(requirements: Path) -> str:
    return hashlib.sha256(requirements.read_bytes()).hexdigest()


def ensure(name: str, python: str = sys.executable, log=print) -> Path:
    """The environment ``name`` (lab/.venvs/NAME), created from lab/requirements/NAME.txt if missing or stale."""
    requirements = REQUIREMENTS / f"{name}.txt"
    venv = VENVS / name
    stamp = venv / ".lab-installed"
    VENVS.mkdir(parents=True, exist_ok=True)
    with open(VENVS / f".{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a test and a run may ask for the same environment at once
        if stamp.exists() and stamp.read_text() == _digest(requirements):
            return venv
        log(f"Building the {name} environment from {requirements.relative_to(REQUIREMENTS.parent.parent)}")
        shutil.rmtree(venv, ignore_errors=True)
        # Without a pip of its own (bootstrapping one costs seconds per environment): this process's pip
        # installs into it. The measured footprint leaves pip out either way.
        subprocess.run([python, "-m", "venv", "--without-pip", str(venv)], check=True)
        pip = [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet"]
        subprocess.run([*pip, "--disable-pip-version-check", "-r", str(requirements)], check=True)
        stamp.write_text(_digest(requirements))
    return venv


def site_packages(venv: Path) -> Path:
    return next((venv / "lib").glob("python3*/site-packages"))


def versions(venv: Path) -> dict[str, str]:
    """Installed distributions and their versions (pip and setuptools left out: they are not the app's)."""
    script = (
        "import json, importlib.metadata as m; "
        "print(json.dumps({d.metadata['Name']: d.version for d in m.distributions()}))"
    )
    out = subprocess.run([str(venv / "bin" / "python"), "-c", script], capture_output=True, text=True, check=True)
    found = json.loads(out.stdout)
    return {name: found[name] for name in sorted(found, key=str.lower) if name.lower() not in {"pip", "setuptools"}}


def installed_kib(venv: Path) -> int:
    """Size of the files in site-packages, without pip and setuptools, in KiB."""
    root = site_packages(venv)
    skip = {"pip", "setuptools", "_distutils_hack", "distutils-precedence.pth"}
    total = 0
    for path in root.rglob("*"):
        top = path.relative_to(root).parts[0]
        if top in skip or top.startswith(("pip-", "setuptools-")) or not path.is_file():
            continue
        total += path.stat().st_size
    return round(total / 1024)
