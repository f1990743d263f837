"""The lab's app code, endpoint by endpoint, for the head-to-head pages (issue #27).

Every lab app answers the same four endpoints (``lab.config.ENDPOINTS``). This module reads which app belongs
to which framework from ``lab/lab.toml`` (its ``framework`` and ``target``: ``module:object``) and finds, in
the target's source (the module, or every module of its package: a Django project keeps its routes in
``urls.py`` and its views in ``views.py``), the code that answers each endpoint:

- a function or class whose decorator names the endpoint's path (``@app.get("/json")``, ``@get("/json")``);
- or the function or class that a route registration names beside the path
  (``path("json", views.json_message)``, ``app.router.add_get("/json", json_message)``,
  ``app.add_route("/json", JsonResource())``);

with, after it, the definitions of the same app that it uses directly (a request model, a form, a check
function), so each piece reads on its own. Nothing is imported or run: the source is parsed with ``ast``.
A framework without an app in the lab is "not yet in the lab". The files only change with a deployment, so
what is found is kept for the life of the process.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.utils.safestring import mark_safe

from lab import config

from ..templatetags.advisor_tags import render_code

Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
#: How the page names each endpoint of the lab's contract (lab/lab.toml's header).
ENDPOINT_TITLES = {
    "plaintext": "GET /plaintext",
    "json": "GET /json",
    "validate": "POST /validate",
    "db": "GET /db/<id>",
}


@dataclass(frozen=True)
class Piece:
    """The code that answers one endpoint in one app: the handler first, then what it uses."""

    endpoint: str
    code: str = ""
    names: tuple[str, ...] = ()
    html: str = ""  # the code, highlighted (Pygments, as every code sample on the site)

    @property
    def found(self) -> bool:
        return bool(self.code)


@dataclass(frozen=True)
class AppCode:
    slug: str
    label: str
    source: str  # the module or package, from the repository root
    pieces: dict[str, Piece] = field(default_factory=dict)


def _source_files(target: str) -> list[Path]:
    module = target.split(":", 1)[0]
    top = module.split(".")[0]
    package = config.APPS_DIR / top
    if package.is_dir():
        return sorted(package.glob("*.py"))
    path = config.APPS_DIR / f"{module.replace('.', '/')}.py"
    return [path] if path.exists() else []


def _names_path(value: str, endpoint: str) -> bool:
    """Whether a string literal is the endpoint's route: "/json", "json", "/db/{item_id}", "db/<int:item_id>"."""
    path = value.strip().lstrip("^/")
    return path == endpoint or (path.startswith(endpoint) and path[len(endpoint)] in "/<{:$")


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _referenced(node: ast.AST) -> list[str]:
    """The names a node refers to: ``views.json_message`` and ``JsonResource()`` give their last part."""
    names = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            names.append(sub.id)
        elif isinstance(sub, ast.Attribute):
            names.append(sub.attr)
    return names


def _handlers(trees: dict[Path, ast.Module], definitions: dict[str, tuple[Path, Definition]], endpoint: str):
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, Definition) and any(
                _names_path(s, endpoint) for d in node.decorator_list for s in _strings(d)
            ):
                return node.name
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and any(
                isinstance(a, ast.Constant) and isinstance(a.value, str) and _names_path(a.value, endpoint)
                for a in node.args
            ):
                for arg in node.args:
                    for name in _referenced(arg):
                        if name in definitions:
                            return name
    return None


def _piece(sources: dict[Path, str], trees, definitions, endpoint: str) -> Piece:
    handler = _handlers(trees, definitions, endpoint)
    if handler is None:
        return Piece(endpoint)
    order = [handler]
    path, node = definitions[handler]
    for name in _referenced(node):
        if (
            name in definitions
            and name not in order
            and not any(_names_path(s, e) for e in config.ENDPOINTS for s in _decorator_strings(definitions[name][1]))
        ):
            order.append(name)
    parts = []
    for name in order:
        path, node = definitions[name]
        parts.append(ast.get_source_segment(sources[path], node, padded=False) or "")
        if node.decorator_list:
            first = min(d.lineno for d in node.decorator_list)
            lines = sources[path].splitlines()[first - 1 : node.end_lineno]
            parts[-1] = "\n".join(lines)
    code = "\n\n\n".join(parts)
    return Piece(endpoint, code, tuple(order), mark_safe(render_code(code, "python")))  # Pygments escapes the code


def _decorator_strings(node: Definition) -> list[str]:
    return [s for d in node.decorator_list for s in _strings(d)]


@lru_cache(maxsize=64)
def app_code(slug: str) -> AppCode | None:
    """The lab app ``slug``'s code for every endpoint, or None if lab.toml has no such app."""
    _, apps = config.read()
    app = apps.get(slug)
    if app is None:
        return None
    files = _source_files(app.target)
    sources = {path: path.read_text() for path in files}
    trees = {path: ast.parse(text, filename=str(path)) for path, text in sources.items()}
    definitions: dict[str, tuple[Path, Definition]] = {}
    for path, tree in trees.items():
        for node in tree.body:
            if isinstance(node, Definition):
                definitions.setdefault(node.name, (path, node))
    pieces = {e: _piece(sources, trees, definitions, e) for e in config.ENDPOINTS}
    source = files[0].parent if len(files) > 1 else files[0] if files else config.APPS_DIR
    return AppCode(slug, app.label, str(source.relative_to(config.ROOT)), pieces)


@lru_cache(maxsize=1)
def apps_by_framework() -> dict[str, str]:
    """Framework slug -> lab app slug, for the apps that name a framework (the baselines name none)."""
    _, apps = config.read()
    return {app.framework: app.slug for app in apps.values() if app.framework and not app.baseline}


def side_by_side(frameworks: list) -> list[dict]:
    """One row per endpoint: each framework's app and code for it (None where the framework has no lab app
    yet); nothing at all when none of them has one."""
    by_framework = apps_by_framework()
    codes = {f.slug: app_code(by_framework[f.slug]) if f.slug in by_framework else None for f in frameworks}
    if not any(codes.values()):
        return []
    return [
        {
            "endpoint": endpoint,
            "title": ENDPOINT_TITLES.get(endpoint, endpoint),
            "cells": [
                {
                    "framework": f,
                    "app": codes[f.slug],
                    "piece": codes[f.slug].pieces[endpoint] if codes[f.slug] else None,
                }
                for f in frameworks
            ],
        }
        for endpoint in config.ENDPOINTS
    ]
