"""Dates as Finsök's interface takes them: `ÅÅÅÅ-MM-DD` (ISO 8601's extended calendar form,
RFC 3339's full-date) and nothing else.

Python 3.11's `date.fromisoformat` reads more than that: `20240101`, `2024-W01-1`, and any ten
characters whose first eight are digits (`20231231xx` → 2023-12-31, `8504121230` → 8504-12-12).
A typo would then silently search another date, so the API, the pages, the command line and the
query language's `datum:` all read dates here. A text in the right form whose date does not
exist (2024-02-30) gets its own error, because telling the user the format is wrong would send
them looking for the wrong mistake.
"""

from __future__ import annotations

import calendar
import re
from datetime import MINYEAR, date

from index.metadata import MONTH_NAMES

FORMAT = "ÅÅÅÅ-MM-DD"
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


class DateFormatError(ValueError):
    """The text is not written ÅÅÅÅ-MM-DD."""


class NoSuchDate(ValueError):
    """The text is written ÅÅÅÅ-MM-DD but names no day in the calendar; the message says why,
    in Swedish ("datumet 2024-02-30 finns inte — februari 2024 har 29 dagar"), and `why` the
    reason alone ("februari 2024 har 29 dagar")."""

    def __init__(self, text: str, why: str) -> None:
        super().__init__(f"datumet {text} finns inte — {why}")
        self.why = why


def parse_date(text: str) -> date:
    """`text` as a date, read strictly as ÅÅÅÅ-MM-DD with ASCII digits (no surrounding space:
    callers strip what they allow). Raises DateFormatError or NoSuchDate, both ValueErrors."""
    match = _ISO_DATE.fullmatch(text)
    if not match:
        raise DateFormatError(text)
    year, month, day = (int(part) for part in match.groups())
    if year < MINYEAR:
        raise NoSuchDate(text, "år 0000 finns inte i kalendern")
    if not 1 <= month <= 12:
        raise NoSuchDate(text, "månaden måste vara 01–12")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise NoSuchDate(text, f"{MONTH_NAMES[month - 1]} {year} har {days} dagar")
    return date(year, month, day)
