"""The line: what every step from cleaning to segmenting works on.

Its own module so that the steps (`clean`, `fonts`, `segment`, `decisions`) can share it
without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Line:
    """One line of text and the 1-based page it stands on (None when the source has no pages)."""

    text: str
    page: int | None = None


# Every heading form ("§ 4", "4 §", "Mål 2", "2.") starts with one of these; testing the first
# character before any heading pattern (in index.segment and index.fonts) skips almost every
# line.
HEADING_FIRST = frozenset("§M0123456789")
