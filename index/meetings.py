"""Files that hold several meetings: where each meeting after the first starts, and its date.

Förbund publish a year's protocols as one PDF, or append an extract of another meeting to a
protocol. Read as one document, every paragraph would carry the first meeting's date: the
later meetings' decisions would be dated, filtered and cited wrongly.

A later meeting starts where a paragraph's body holds another protocol's head: a title line
("Protokoll", "Protokollsutdrag", "Styrelsemöte 2024-04-10") with the meeting's date on it
or labelled in the lines below it ("Datum: …", "Tid: …"), followed by paragraphs of its own.
Its date must differ from the meeting before, or its § numbers start again: a protocol's own
title repeated on a later page (a page header cleaning missed) is not a new meeting.

The file stays one document (its id, path and original are the file's), dated by its first
meeting. Each later meeting's head becomes a section of its own, titled with the meeting, and
every section carries its meeting's date (`RawSection.date`), so a hit, a date filter and a
citation use the date of the meeting that decided.
"""

from __future__ import annotations

import re

from index.metadata import detect_date
from index.segment import Heading, RawSection

# A meeting's title: a protocol or an extract of one, or the meeting's kind ("Styrelsemöte",
# "Extra styrelsemöte", "Årsstämma"). Not the words for the minute-taker or the checking
# ("Protokollförare", "Protokollet justeras"), nor a notice of the next meeting ("Kallelse").
_TITLE = re.compile(
    r"^(?:\w*protokoll(?!et|för|s?juster)\w*|utdrag\b|extra\s+\w*(?:möte|sammanträde|stämma)"
    r"|styrelsemöte|styrelsesammanträde|årsstämma|förbundsstämma|medlemssamråd)",
    re.IGNORECASE,
)
_TITLE_FIRST = frozenset("PSUEÅFMpsu")
_MAX_TITLE = 80
_SENTENCE_END = (".", "!", "?", ";", ",")
# A title line that speaks of checking or certifying ("Utdrag bestyrkes") is a signature's.
_NOT_HEAD = re.compile(r"juster|bestyrk|anslag|signer|nästa", re.IGNORECASE)
# Lines below the title that hold the meeting's head: its date, place, members.
_HEAD_LINES = 12
# Words a protocol's head has and a paragraph's text seldom starts a line with.
_HEAD_WORD = re.compile(
    r"^(?:Datum|Tid|Plats|Sammanträdesdatum|Mötesdatum|Närvarande|Beslutande|Ledamöter"
    r"|Deltagare|Paragrafer|Styrelsemöte|Sammanträde)\b",
    re.IGNORECASE | re.MULTILINE,
)


def split_meetings(sections: list[RawSection], first_date: str | None) -> list[RawSection]:
    """The sections with each later meeting's head cut out of the paragraph before it as a
    section of its own, and every section dated by its meeting (None: the first meeting's)."""
    if len(sections) < 2:
        return sections
    result: list[RawSection] = []
    date, highest = first_date, 0
    for k, section in enumerate(sections):
        section.date = None if date == first_date else date
        result.append(section)
        start = _meeting_start(section, sections[k + 1 :], date, highest)
        number = section.heading.number
        highest = max(highest, number or 0) if section.heading.label.startswith("§") else highest
        if start is None:
            continue
        j, title, date = start
        head = section.lines[j:]
        del section.lines[j:]
        heading = Heading(line=-1, label="", number=None, title=title)
        result.append(RawSection(heading, head, page=head[0].page, date=date))
        highest = 0
    return result


def _meeting_start(
    section: RawSection, after: list[RawSection], current: str | None, highest: int
) -> tuple[int, str, str] | None:
    """(line in the section's body where another meeting's head starts, the section title
    for it, its date), or None."""
    if not section.heading.label.startswith("§"):
        return None  # an attachment ("Bilaga 1") may quote a protocol; a meeting's head has none
    following = next((s for s in after if s.heading.label.startswith("§")), None)
    if following is None:
        return None  # a meeting without paragraphs of its own is text
    lines = section.lines
    # Every line of every paragraph passes here: the first letter and the length rule out
    # almost all of them before any pattern runs.
    for j, line in enumerate(lines):
        text = line.text
        if text[:1] not in _TITLE_FIRST or len(text) > _MAX_TITLE or not _is_title(text):
            continue
        window = "\n".join(x.text for x in lines[j + 1 : j + 1 + _HEAD_LINES])
        if not _HEAD_WORD.search(window):
            continue
        when = detect_date(text, window, "protokoll")
        restarts = following.heading.number is not None and following.heading.number <= highest
        if when is not None and (when != current or restarts):
            return j, _title(text, when), when
    return None


def _is_title(text: str) -> bool:
    """Whether a line reads like a meeting's title: short, not a sentence, not a signature's."""
    return (
        not text.endswith(_SENTENCE_END)
        and _TITLE.match(text) is not None
        and _NOT_HEAD.search(text) is None
    )


def _has_date(text: str) -> bool:
    return detect_date(text, "", "protokoll") is not None


def _title(text: str, when: str) -> str:
    """The head's section title: the title line, with the date when it does not print it."""
    title = text.rstrip(" .:")
    return title if _has_date(title) else f"{title} {when}"
