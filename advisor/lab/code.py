"""The lab's app code, endpoint by endpoint, for the head-to-head pages (issue #27) and /lab/code/ (issue #24).

Every lab app answers the same four endpoints (``lab.config.ENDPOINTS``). This module reads which app belongs
to which framework from ``lab/lab.toml`` (its ``framework`` and ``target``: ``module:object``) and finds, in
the target's source (the module, or every module of its package: a Django project keeps its routes in
``urls.py`` and its views in ``views.py``), the code that answers each endpoint:

- a function or class whose decorator names the endpoint's path (``@app.get("/json")``, ``@get("/json")``);
- or the function or class that a route registration names beside the path
  (``path("json", views.json_message)``, ``app.router.add_get("/json", json_message)``,
  ``app.add_route("/json", JsonResource())``, Tornado's ``(r"/json", JSONHandler)`` in its Application's list);
- or, Pyramid's way, the view of the route named for the path (``config.add_route("json", "/json")`` with
  ``@view_config(route_name="json")`` or ``config.add_view(json_message, route_name="json")``);
- or, in a bare baseline app, the ``if`` branch of its callable that tests the path;

with, after it, the definitions of the same app that it uses directly (a request model, a form, a check
function; from the app module beside it where it imports them) and the module-level values its body names (a
JSON schema, a table), so each piece reads on its own. Line counts
are of the lines that are not blank (:func:`count_lines`), on every page. Nothing is imported or run: the
source is parsed with ``ast``. A framework without an app in the lab is "not yet in the lab". The files only
change with a deployment, so what is found is kept for the life of the process.
"""

from __future__ import annotations

import ast
import textwrap
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from django.urls import reverse
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


def count_lines(text: str) -> int:
    """The line count every code page uses: the lines that are not blank (comments and docstrings count)."""
    return sum(1 for line in text.splitlines() if line.strip())


@dataclass(frozen=True)
class Piece:
    """The code that answers one endpoint in one app: the handler first, then what it uses."""

    endpoint: str
    code: str = ""
    names: tuple[str, ...] = ()
    html: str = ""  # the code, highlighted (Pygments, as every code sample on the site)
    elsewhere: tuple[tuple[str, str], ...] = ()  # (name, file) of what it uses from another app's module

    @property
    def found(self) -> bool:
        return bool(self.code)

    @property
    def lines(self) -> int:
        return count_lines(self.code)

    @property
    def title(self) -> str:
        return ENDPOINT_TITLES.get(self.endpoint, self.endpoint)


@dataclass(frozen=True)
class SourceFile:
    path: str  # from the repository root
    text: str
    docstring: str  # the module's opening note, where each app cites the documentation it follows

    @property
    def lines(self) -> int:
        return count_lines(self.text)

    @cached_property
    def html(self) -> str:
        return mark_safe(render_code(self.text, "python", line_numbers=True))  # Pygments escapes the code


@dataclass(frozen=True)
class AppCode:
    slug: str
    label: str
    source: str  # the module or package, from the repository root
    pieces: dict[str, Piece] = field(default_factory=dict)
    framework: str = ""  # the framework's slug; empty for a baseline
    baseline: bool = False
    files: tuple[SourceFile, ...] = ()

    @property
    def lines(self) -> int:
        """The whole app: every line of its own files that is not blank."""
        return sum(f.lines for f in self.files)

    @property
    def endpoint_lines(self) -> int:
        """The four endpoints' pieces together (a helper two of them use counts in both)."""
        return sum(p.lines for p in self.pieces.values())

    @property
    def complete(self) -> bool:
        return all(p.found for p in self.pieces.values())


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


def _constant(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _keyword(call: ast.Call, name: str) -> ast.AST | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _method_calls(trees: dict[Path, ast.Module], method: str):
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == method:
                yield node


def _named_route_handler(trees, definitions, endpoint: str) -> str | None:
    """Pyramid's way: ``config.add_route("json", "/json")`` names a route, and a view says which route it answers,
    ``@view_config(route_name="json")`` or ``config.add_view(json_message, route_name="json")``."""
    routes = {
        _constant(call.args[0])
        for call in _method_calls(trees, "add_route")
        if len(call.args) >= 2 and _constant(call.args[0]) and _names_path(_constant(call.args[1]) or "", endpoint)
    }
    if not routes:
        return None
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, Definition) and any(
                isinstance(d, ast.Call) and _constant(_keyword(d, "route_name")) in routes for d in node.decorator_list
            ):
                return node.name
    for call in _method_calls(trees, "add_view"):
        view = call.args[0] if call.args else _keyword(call, "view")
        if view is not None and _constant(_keyword(call, "route_name")) in routes:
            for name in _referenced(view):
                if name in definitions:
                    return name
    return None


def _handlers(trees: dict[Path, ast.Module], definitions: dict[str, tuple[Path, Definition]], endpoint: str):
    named = _named_route_handler(trees, definitions, endpoint)
    if named:
        return named
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, Definition) and any(
                _names_path(s, endpoint) for d in node.decorator_list for s in _strings(d)
            ):
                return node.name
    # A registration: a call (``path("json", views.json_message)``) or a route tuple (Tornado's
    # ``(r"/json", JSONHandler)`` in the Application's list) with the path beside what answers it.
    for tree in trees.values():
        for node in ast.walk(tree):
            parts = node.args if isinstance(node, ast.Call) else node.elts if isinstance(node, ast.Tuple) else []
            if any(_names_path(_constant(a) or "", endpoint) for a in parts):
                for arg in parts:
                    for name in _referenced(arg):
                        if name in definitions:
                            return name
    return None


def _branch(trees: dict[Path, ast.Module], endpoint: str) -> tuple[str, Path, ast.If] | None:
    """A bare app's way: the ``if`` in its callable that tests the path (``if path == "/json" and ...:``)."""
    for path, tree in trees.items():
        for top in tree.body:
            if isinstance(top, Definition):
                for node in ast.walk(top):
                    if isinstance(node, ast.If) and any(_names_path(s, endpoint) for s in _strings(node.test)):
                        return top.name, path, node
    return None


def _segment(sources: dict[Path, str], path: Path, node: Definition | ast.Assign | ast.AnnAssign) -> str:
    """A definition's source, from its first decorator on (or an assignment's)."""
    first = min((d.lineno for d in getattr(node, "decorator_list", ())), default=node.lineno)
    return "\n".join(sources[path].splitlines()[first - 1 : node.end_lineno])


def _assigned(tree: ast.Module) -> dict[str, ast.Assign | ast.AnnAssign]:
    """The module's top-level assignments to one name (``ITEM_SCHEMA = {...}``, ``item_table = Table(...)``)."""
    found = {}
    for node in tree.body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        if len(targets) == 1 and isinstance(targets[0], ast.Name):
            found.setdefault(targets[0].id, node)
    return found


def _piece(sources: dict[Path, str], trees, definitions, assignments, endpoint: str) -> Piece:
    handler = _handlers(trees, definitions, endpoint)
    branch = _branch(trees, endpoint) if handler is None else None
    if handler is None and branch is None:
        return Piece(endpoint)
    if branch:  # the branch alone (its test and body), dedented, named after the callable it is in
        handler, path, node = branch
        lines = sources[path].splitlines()[node.lineno - 1 : node.body[-1].end_lineno]
        first = textwrap.dedent("\n".join(lines))
        used = [name for part in (node.test, *node.body) for name in _referenced(part)]
        body = [node.test, *node.body]
    else:
        path, node = definitions[handler]
        first = _segment(sources, path, node)
        used = _referenced(node)
        # its signature and body, not the route's decorator (``app`` in ``@app.get``)
        body = [node.args, *node.body] if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else node.body
    order = [handler]
    order += [name for name in dict.fromkeys(used) if _is_helper(name, order, definitions)]
    # the module-level values its own code uses (a JSON schema, a table, FastAPI's ``SessionDep``), after the
    # definitions, and the functions those values name (``Depends(get_session)``)
    names = [sub.id for part in body for sub in ast.walk(part) if isinstance(sub, ast.Name)]  # not ``request.app``
    values = [name for name in dict.fromkeys(names) if name in assignments and name not in definitions]
    named = [n.id for v in values for n in ast.walk(assignments[v][1].value or ast.Pass()) if isinstance(n, ast.Name)]
    after = [name for name in dict.fromkeys(named) if _is_helper(name, order, definitions)]
    parts = [first, *(_segment(sources, *definitions[name]) for name in order[1:])]
    parts += [_segment(sources, *assignments[name]) for name in values]
    parts += [_segment(sources, *definitions[name]) for name in after]
    code = "\n\n\n".join(parts)
    order += values + after
    places = {**{n: p for n, (p, _) in assignments.items()}, **{n: p for n, (p, _) in definitions.items()}}
    elsewhere = tuple((name, _relative(places[name])) for name in order[1:] if places[name] not in trees)
    html = mark_safe(render_code(code, "python"))  # Pygments escapes the code
    return Piece(endpoint, code, tuple(order), html, elsewhere)


def _is_helper(name: str, order: list[str], definitions) -> bool:
    """A definition of the app, not yet in the piece, that is not itself an endpoint's handler."""
    return (
        name in definitions
        and name not in order
        and not any(_names_path(s, e) for e in config.ENDPOINTS for s in _decorator_strings(definitions[name][1]))
    )


def _decorator_strings(node: Definition) -> list[str]:
    return [s for d in node.decorator_list for s in _strings(d)]


def _relative(path: Path) -> str:
    return str(path.relative_to(config.ROOT))


def _imported(trees: dict[Path, ast.Module], sources: dict[Path, str], definitions: dict) -> None:
    """Definitions one app imports from another app's module beside it (the ASGI baseline's ``from raw_wsgi
    import _db, validate``), added to ``definitions`` and their files to ``sources`` (not to ``trees``: the
    endpoints are looked for in the app's own files only)."""
    for tree in list(trees.values()):
        for node in tree.body:
            if not (isinstance(node, ast.ImportFrom) and node.module and node.level == 0):
                continue
            other = config.APPS_DIR / f"{node.module.replace('.', '/')}.py"
            if not other.exists() or other in trees:
                continue
            sources.setdefault(other, other.read_text())
            wanted = {alias.name for alias in node.names}
            for sub in ast.parse(sources[other], filename=str(other)).body:
                if isinstance(sub, Definition) and sub.name in wanted:
                    definitions.setdefault(sub.name, (other, sub))


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
    _imported(trees, sources, definitions)
    assignments = {name: (path, node) for path, tree in trees.items() for name, node in _assigned(tree).items()}
    pieces = {e: _piece(sources, trees, definitions, assignments, e) for e in config.ENDPOINTS}
    source = files[0].parent if len(files) > 1 else files[0] if files else config.APPS_DIR
    return AppCode(
        slug,
        app.label,
        _relative(source),
        pieces,
        framework=app.framework,
        baseline=app.baseline,
        files=tuple(SourceFile(_relative(path), sources[path], ast.get_docstring(trees[path]) or "") for path in files),
    )


@lru_cache(maxsize=1)
def app_slugs() -> tuple[str, ...]:
    """Every app of lab.toml, in its order (the baselines first)."""
    _, apps = config.read()
    return tuple(apps)


def all_apps() -> list[AppCode]:
    return [app_code(slug) for slug in app_slugs()]


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


def canonical_pair(slugs) -> list[str]:
    """Two app slugs in their canonical order, lab.toml's (the baselines first)."""
    order = app_slugs()
    return sorted(slugs, key=order.index)


def app_pair_url(slugs) -> str:
    # "-vs-" is advisor.views.compare.PAIR_SEPARATOR, which imports this module
    return reverse("advisor:lab_code_pair", args=["-vs-".join(canonical_pair(slugs))])


def pair_url(framework_slugs: list[str]) -> str:
    """The /lab/code/ page of two frameworks' apps, or "" unless there are two and both have an app."""
    by_framework = apps_by_framework()
    if len(framework_slugs) != 2 or any(slug not in by_framework for slug in framework_slugs):
        return ""
    return app_pair_url([by_framework[slug] for slug in framework_slugs])
