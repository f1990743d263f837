"""pyproject.toml declares every dependency with a range, and the exact pins make install uses lie inside it."""

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT


def declared() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    requirements = [*project["project"]["dependencies"], *project["dependency-groups"]["dev"]]
    return {canonicalize_name(r.name): r for r in map(Requirement, requirements)}


def pinned(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / name).read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+)$", line.strip())
        if match:
            pins[canonicalize_name(Requirement(match[1]).name)] = match[2]
    return pins


def test_every_pin_lies_in_its_declared_range():
    pins = {**pinned("requirements.txt"), **pinned("requirements-dev.txt")}
    outside = {
        name: (str(requirement.specifier), pins.get(name))
        for name, requirement in declared().items()
        if pins.get(name) is None or not requirement.specifier.contains(pins[name], prereleases=True)
    }
    assert outside == {}


def test_every_runtime_dependency_is_declared():
    runtime = pinned("requirements.txt")
    direct = {"django", "django-htmx", "django-axes", "django-redis", "whitenoise", "gunicorn", "psycopg"}
    direct |= {"dj-database-url", "markdown", "nh3", "pygments", "pyyaml", "redis"}
    assert direct <= set(runtime)
    assert direct <= set(declared())
