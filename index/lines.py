"""The line: what every step from cleaning to segmenting works on.

Its own module so that the steps (`clean`, `fonts`, `segment`, `decisions`) can share it
without importing one another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(slots=True)
class Line:
    """One line of text and the 1-based page it stands on (None when the source has no pages)."""

    text: str
    page: int | None = None

    def with_text(self, text: str) -> Line:
        """The same kind of line on the same page with other text: a `MeetingTitle` whose
        hyphen is joined is still a meeting's title."""
        return self.__class__(text, self.page)


@dataclass(slots=True)
class MeetingTitle(Line):
    """A running title that cleaning kept because it opens another meeting of the file: its
    date differs from the pages' before ("Protokoll styrelsemöte 2024-04-10" after two pages
    under "… 2024-02-10"). To `index.meetings` it is a meeting's head by itself, also where
    nothing below it says so and the § count on through the year."""


# Every heading form ("§ 4", "4 §", "Mål 2", "2.") starts with one of these; testing the first
# character before any heading pattern (in index.segment and index.fonts) skips almost every
# line.
HEADING_FIRST = frozenset("§M0123456789")

# A § number has up to four digits: a protocol numbered on from year to year passes 999 ("§ 1000
# Budget"). Written after the §, four digits are the number, unless a colon and a digit follow
# (a statute's year, "§ 2003:1210" as in "SFS 2003:1210"). Before a § ("2024 § 5", a wrapped
# reference to a decision) or after a range's dash ("§ 5 – 2024 års …") they may be a year, so
# there a number from 1900 to 2099 must have fewer digits. Every pattern that reads a § number
# (segmenting, the two-column reader, furniture, font repair, the query) builds on these two.
PARAGRAPH_NUMBER = r"(?:\d{1,3}|\d{4}(?!:\d))"
PARAGRAPH_NUMBER_NO_YEAR = r"(?:\d{1,3}|(?!19|20)\d{4})"

# The start of a § heading line ("§ 4 …", "4 § …", "12a § …", "1000 § …" but not "2024 § 5"):
# where cleaning must not cut a log, a copy or a box, and what a meeting's head ends at.
PARAGRAPH_START = rf"§\s*\d|{PARAGRAPH_NUMBER_NO_YEAR}[a-f]?\s*§"
PARAGRAPH_HEADING = re.compile(rf"^(?:{PARAGRAPH_START})")
