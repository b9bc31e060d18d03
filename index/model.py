"""The parsed document: what ingest produces and what the indexer stores.

The field names follow docs/CONTRACT.md (`finsok parse --json`), so `to_dict()` is the
contract's JSON shape and nothing else needs to translate.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Decision:
    """A board resolution; `id` is the protocol's own id ("2025-5 §06:1") where it prints one."""

    text: str
    id: str | None = None


@dataclass
class Section:
    """One paragraph of a protocol (§ 47), a goal of a report (Mål 8) or a numbered heading."""

    label: str
    number: int | None
    title: str
    text: str
    page: int | None = None
    # The last page the section's text is on: `page` for a section on one page, None when the
    # source has no pages. A citation cites the span ("s. 4–5").
    page_end: int | None = None
    decisions: list[Decision] = field(default_factory=list)
    # The date of the meeting the section belongs to: the document's, except in a file that
    # holds several meetings (`index.meetings`). None when unknown.
    date: str | None = None
    # Where a page starts in `text`: (character offset, page) for each page its text goes on to
    # after the first, and for its first when that is not `page` (a heading at a page's foot).
    # Empty for a section on one page, which almost every one is. Kept for the index only (a
    # hit's page is where its words are, `search.pages`), not part of the contract's JSON.
    page_starts: list[tuple[int, int]] = field(default_factory=list)
    # Whether another section of the same meeting has this label: a numbering error ("§ 10"
    # twice) or a report's repeated goal ("Mål 8" twice). A citation then names the title too,
    # as a reader would, since a source without pages has nothing else to tell them apart.
    label_repeats: bool = False


@dataclass
class Document:
    """A whole protocol or report, with its metadata and its sections in reading order."""

    source: str
    sha256: str
    forbund: str | None
    forbund_slug: str | None
    kind: str
    date: str | None
    title: str
    sections: list[Section] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    header: str = ""
    source_url: str | None = None
    # Whether the original PDF holds identity numbers (every text kept has them masked): the
    # web app then withholds the file, which it cannot mask. Text and HTML are served masked.
    original_has_personal_numbers: bool = False

    def to_dict(self) -> dict:
        """The contract's JSON shape; `header`, the flag above, each section's `page_starts`
        and an absent `source_url` are left out."""
        data = asdict(self)
        data.pop("header")
        data.pop("original_has_personal_numbers")
        for section in data["sections"]:
            del section["page_starts"]
        if data["source_url"] is None:
            data.pop("source_url")
        return data
