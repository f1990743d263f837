"""Reading and writing the content files: YAML, long text as block scalars, keys in the order given."""

from __future__ import annotations

from pathlib import Path

import yaml

from .schema import ContentError

#: libyaml's safe loader when PyYAML was built with it (ten times faster), else the pure-Python one; both
#: resolve the same YAML 1.1 types.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)


def read_yaml(root: Path, rel: str):
    """The file's data, or None when the file does not exist."""
    path = root / rel
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as exc:
        raise ContentError(rel, None, f"not UTF-8 text ({exc})") from exc
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise ContentError(rel, None, f"malformed YAML: {exc}") from exc
