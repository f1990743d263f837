"""Reading and writing the content files: YAML, long text as block scalars, keys in the order given.

Reading is bounded: a file larger than ``settings.CONTENT_FILE_MAX_BYTES`` is refused unread, and so is any file
with an anchor or alias (``&name``, ``*name``): the content never needs them, and a few hundred bytes of nested
aliases expand to gigabytes (a "billion laughs"). libyaml composes the document in C, where a loader subclass
cannot refuse an alias as it is met, so the events of a file with an ``&`` in it are scanned first (in C too, a
fraction of the load).
libyaml is also quadratic in flow nesting (``[[[…]]]``: 20,000 levels took 4.6 s, and a 1 MB file holds 500,000),
so flow collections nested more than :data:`MAX_FLOW_DEPTH` deep are refused before it sees them.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings

from .schema import ContentError

#: libyaml's safe loader when PyYAML was built with it (ten times faster), else the pure-Python one; both
#: resolve the same YAML 1.1 types.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MAX_FLOW_DEPTH = 50  # the content uses none: lists and mappings are block style
_BRACKET = re.compile(r"[\[\]{}]")


def _flow_depth_at_most(text: str, limit: int) -> bool:
    """Whether no flow collection in ``text`` nests deeper than ``limit``. Counting brackets in the raw text is
    linear and can only overstate the depth (brackets inside strings count too); only when it is over the limit
    are the tokens scanned, by the pure-Python scanner, which stops as soon as the limit is passed."""
    depth = deepest = 0
    for match in _BRACKET.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    if deepest <= limit:
        return True
    depth = 0
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
            depth += 1
            if depth > limit:
                return False
        elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
            depth -= 1
    return True


#: libyaml's emitter when PyYAML was built with it (five times faster than the pure-Python one). Both write the
#: shipped content byte for byte alike. They differ only in where they fold a long double-quoted string (one with a
#: tab, say) and in a ``...`` that libyaml adds after a last value ending in blank lines (``|+``); both read back
#: the same values.
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


def _str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)


class _Refused(ValueError):
    """YAML that parses but that content files may not use."""


@lru_cache(maxsize=256)
def _load(text: str):
    """The data in ``text``, refused if it nests flow collections too deep or uses anchors or aliases. The same
    text loads to the same data, so it is remembered: one process reads a file more than once (``checkcontent``
    reads the ratings for several rules, the tests check many copies of the same content), and a copy costs a
    tenth of a load. Refusals and errors are not remembered (``lru_cache`` keeps no exceptions)."""
    if not _flow_depth_at_most(text, MAX_FLOW_DEPTH):
        raise _Refused(f"lists or mappings in [] or {{}} nested more than {MAX_FLOW_DEPTH} deep")
    if "&" in text:  # an anchor starts with "&"; an alias names an anchor, and an alias alone is malformed YAML
        for event in yaml.parse(text, Loader=_SAFE_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = event.start_mark.line + 1
                raise _Refused(f"line {line}: YAML anchors and aliases (&name, *name) are not allowed")
    return yaml.load(text, Loader=_SAFE_LOADER)


def read_yaml(root: Path, rel: str):
    """The file's data, or None when the file does not exist."""
    path = root / rel
    limit = settings.CONTENT_FILE_MAX_BYTES
    try:
        with path.open("rb") as file:
            raw = file.read(limit + 1)
    except FileNotFoundError:
        return None
    if len(raw) > limit:
        raise ContentError(rel, None, f"larger than {limit:,} bytes (ADVISOR_CONTENT_FILE_MAX_BYTES); split it")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(rel, None, f"not UTF-8 text ({exc})") from exc
    try:
        return copy.deepcopy(_load(text))  # the caller's own copy: it may change it
    except _Refused as exc:
        raise ContentError(rel, None, str(exc)) from None
    except yaml.YAMLError as exc:
        raise ContentError(rel, None, f"malformed YAML: {exc}") from exc
