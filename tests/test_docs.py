"""The documentation's links lead somewhere: every relative link in README.md, docs/ and the
other READMEs names a file in the repository (and, with a #fragment, a heading in it), and
every backticked repository path (`index/pipeline.py`, `data/forbund.toml`) exists. Files move
when code is reorganised; a newcomer following a dead link loses the thread."""

from __future__ import annotations

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
