"""The layout rule: imports go one way, web → search → index, with the command line on top.

Nothing in `index/` or `search/` may import Flask (or what it is made of) or a command-line
library, and no layer may import one above it; a newcomer can then read `index/` without the
web in mind, and the indexer runs where Flask is not installed. The crawler (`index/crawler/`)
sits on the indexer too: only the command line starts it, and the indexer, the search and the
web app never import it (the archive format they share is `index/archive.py`).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WEB_AND_CLI = {"flask", "werkzeug", "jinja2", "gunicorn", "argparse", "click", "typer"}
# What each layer may not import: the layers above it and the libraries of the web and CLI.
FORBIDDEN = {
    "index": WEB_AND_CLI | {"search", "web", "cli"},
    "search": WEB_AND_CLI | {"web", "cli"},
    "web": {"cli"},
}


CRAWLER = "index.crawler"


def _modules(path: Path) -> set[str]:
    """The modules a file imports, dotted, wherever in the file (also inside functions); for
    `from a import b` both `a` and `a.b`, since `b` may be a module."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _imports(path: Path) -> set[str]:
    """The top-level modules a file imports."""
    return {name.split(".")[0] for name in _modules(path)}


def _layer_files() -> list[Path]:
    return [p for layer in FORBIDDEN for p in sorted((ROOT / layer).rglob("*.py"))]


def _shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", _layer_files(), ids=_shown)
def test_imports_go_one_way(path: Path) -> None:
    assert _imports(path) & FORBIDDEN[path.relative_to(ROOT).parts[0]] == set()


@pytest.mark.parametrize(
    "path",
    [p for p in _layer_files() if not _shown(p).startswith("index/crawler/")],
    ids=_shown,
)
def test_the_indexer_the_search_and_the_web_never_import_the_crawler(path: Path) -> None:
    crawler = {m for m in _modules(path) if m == CRAWLER or m.startswith(CRAWLER + ".")}
    assert crawler == set()


def test_the_rule_sees_the_crawler_package(tmp_path: Path) -> None:
    assert any(_shown(p) == "index/crawler/crawl.py" for p in _layer_files())
    module = tmp_path / "m.py"
    module.write_text("from index import crawler\nfrom index.crawler.links import netloc\n")
    assert {"index.crawler", "index.crawler.links"} <= _modules(module)


def test_the_rule_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from flask import request\n    import argparse\n")
    assert _imports(module) == {"flask", "argparse"}


# `index.analysis` is the one module that indexing, querying, highlighting and suggestions
# import, so they can never disagree; these are its parts, which only it and the other parts
# import, and none of them imports it back (that would be a cycle).
ANALYSIS_PARTS = {"index.tokens", "index.stemming", "index.compounds"}


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


@pytest.mark.parametrize(
    "path",
    [
        p
        for layer in ("index", "search", "web", "cli", "bench")
        for p in sorted((ROOT / layer).glob("*.py"))
    ],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_only_the_analysis_module_imports_its_parts(path: Path) -> None:
    name = _module_name(path)
    if name in ANALYSIS_PARTS:
        assert "index.analysis" not in _modules(path)
    elif name != "index.analysis":
        assert _modules(path) & ANALYSIS_PARTS == set()


def test_the_analysis_parts_exist() -> None:
    assert {_module_name(p) for p in (ROOT / "index").glob("*.py")} >= ANALYSIS_PARTS
