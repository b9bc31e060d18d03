"""The documentation's links lead somewhere: every relative link in README.md, docs/ and the
other READMEs names a file in the repository (and, with a #fragment, a heading in it), and
every backticked repository path (`index/pipeline.py`, `data/forbund.toml`) exists. Files move
when code is reorganised; a newcomer following a dead link loses the thread."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted(
    [ROOT / "README.md", *ROOT.glob("docs/*.md"), *ROOT.glob("bench/*.md")],
) + sorted(ROOT.glob("data/**/README.md"))
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_PATH = re.compile(r"(?<!`)`((?:index|search|web|cli|tests|bench|data|docs)/[^`\s<>*…]+)`(?!`)")
# What the tools write at run time, named in the docs but not in a fresh clone.
_WRITTEN = ("data/index", "data/archive", "bench/out")


def _anchors(path: Path) -> set[str]:
    """GitHub's anchors for a Markdown file's headings (outside code blocks)."""
    found, fenced = set(), False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            heading = re.sub(r"[`*]", "", line.lstrip("#")).strip().lower()
            found.add("".join(c for c in heading if c.isalnum() or c in " -_").replace(" ", "-"))
    return found


def _problems(doc: Path, text: str | None = None) -> list[str]:
    """What is wrong with `doc`'s links (its `text`, read from the file unless given)."""
    text = doc.read_text(encoding="utf-8") if text is None else text
    problems = []
    for target in _LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue  # http:, mailto: …
        path, _, anchor = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        if not file.exists() or (ROOT not in file.parents and file != ROOT):
            problems.append(f"broken link {target}")
        elif anchor and file.suffix == ".md" and anchor not in _anchors(file):
            problems.append(f"no heading for {target}")
    for path in _PATH.findall(text):
        path = path.rstrip(".,:;")
        if not path.startswith(_WRITTEN) and not (ROOT / path).exists():
            problems.append(f"no such path `{path}`")
    return problems


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_documentation_links_lead_somewhere(doc: Path) -> None:
    assert _problems(doc) == []


def test_a_dead_link_is_noticed() -> None:
    text = "See [gone](gone.md), [index](indexing.md#no-such) and `index/nope.py`.\n"
    assert _problems(ROOT / "docs" / "probe.md", text) == [
        "broken link gone.md",
        "no heading for indexing.md#no-such",
        "no such path `index/nope.py`",
    ]


# -- names ----------------------------------------------------------------------------------------

_PACKAGES = ("index", "search", "web", "cli")
_NAME = re.compile(r"`((?:[A-Za-z_]\w*\.)+[A-Za-z_]\w*)(?:\([^`]*\))?`")
# The client's copied notes name tantivy's own classes (`Document`, `Filter`), not ours.
_FOREIGN_DOCS = ("engine-notes.md", "CONTRACT.md")


def _module_names(tree: ast.Module) -> set[str]:
    """The names a module defines or imports at its top level."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def _class_members(node: ast.ClassDef) -> set[str]:
    """A class's methods, class attributes, fields and the attributes its methods set."""
    members: set[str] = set()
    for n in ast.walk(node):
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
            members.add(n.name)
        elif isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name):
            members.add(n.target.id)
        elif isinstance(n, ast.Assign):
            members.update(t.id for t in n.targets if isinstance(t, ast.Name))
        elif isinstance(n, ast.Attribute) and getattr(n.value, "id", None) in ("self", "cls"):
            members.add(n.attr)
    return members


def _code_names() -> tuple[dict[str, set[str]], dict[str, set[str] | None]]:
    """Each module's top-level names, and each class name's members (None: a class that
    inherits, whose members cannot all be known here; classes of one name share a set)."""
    modules: dict[str, set[str]] = {}
    classes: dict[str, set[str] | None] = {}
    for package in _PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            module = module.removesuffix(".__init__")
            tree = ast.parse(path.read_text(encoding="utf-8"))
            modules[module] = _module_names(tree)
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    inherits = any(
                        not (isinstance(b, ast.Name) and b.id in ("object", "Protocol"))
                        for b in node.bases
                    )
                    known = classes.get(node.name, set())
                    if inherits or known is None:
                        classes[node.name] = None
                    else:
                        classes[node.name] = known | _class_members(node)
    return modules, classes


def _unknown_names(text: str, modules: dict[str, set[str]], classes: dict) -> list[str]:
    """The backticked `module.name` and `Class.member` references in `text` that name
    nothing in the code."""
    problems = []
    for reference in _NAME.findall(text):
        parts = reference.split(".")
        cut = next((i for i in range(len(parts), 0, -1) if ".".join(parts[:i]) in modules), 0)
        if cut:
            module, rest = ".".join(parts[:cut]), parts[cut:]
            if rest and rest[0] not in modules[module]:
                problems.append(f"`{reference}`: {module} has no {rest[0]}")
                continue
        else:
            rest = parts
        if len(rest) > 1 and classes.get(rest[0]) is not None and rest[1] not in classes[rest[0]]:
            problems.append(f"`{reference}`: {rest[0]} has no {rest[1]}")
    return problems


def test_backticked_names_exist() -> None:
    """A doc or docstring naming `search.engine.Engine.marking_scope` or `Store.vocabulary`
    names something that exists: a function renamed leaves no reader looking for the old one."""
    modules, classes = _code_names()
    texts = [p for p in DOCS if p.name not in _FOREIGN_DOCS]
    texts += [p for package in _PACKAGES for p in (ROOT / package).rglob("*.py")]
    problems = [
        f"{path.relative_to(ROOT)}: {problem}"
        for path in texts
        for problem in _unknown_names(path.read_text(encoding="utf-8"), modules, classes)
    ]
    assert problems == []


def test_an_unknown_name_is_noticed() -> None:
    modules, classes = _code_names()
    text = "`Engine.admitted`, `search.engine.nothing`, `web.gone`, `Engine.marking_scope()`."
    assert _unknown_names(text, modules, classes) == [
        "`Engine.admitted`: Engine has no admitted",
        "`search.engine.nothing`: search.engine has no nothing",
        "`web.gone`: web has no gone",
    ]
