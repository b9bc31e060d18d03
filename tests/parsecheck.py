"""What the messy-protocol tests (tests/test_parse_messy*.py) check in a parse: the outline a
reader sees, that no identity number is left anywhere, and the sections' text."""

from __future__ import annotations

import json

from index.model import Document
from index.privacy import contains_personal_number


def outline(doc: Document) -> list[tuple[str, str, list[str]]]:
    """(label, title, decisions' texts) of each section: what a reader of the parse sees."""
    return [(s.label, s.title, [d.text for d in s.decisions]) for s in doc.sections]


def assert_private(doc: Document) -> None:
    """No identity number in anything the parse hands on, the document's head included."""
    shown = json.dumps(doc.to_dict(), ensure_ascii=False) + doc.header
    assert not contains_personal_number(shown)


def texts(doc: Document) -> str:
    """Every section's text, one after the other."""
    return "\n".join(s.text for s in doc.sections)
