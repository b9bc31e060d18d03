"""Files that hold several meetings: where each meeting after the first starts, and its date.

Förbund publish a year's protocols as one PDF, or append an extract of another meeting to a
protocol. Read as one document, every paragraph would carry the first meeting's date: the
later meetings' decisions would be dated, filtered and cited wrongly.

A later meeting starts where a paragraph's body holds another meeting's head: a short line
naming a protocol or a meeting ("Beslutsprotokoll", "Protokollsutdrag", "Styrelsemöte
2024-04-10") with a date on it or below it, followed by paragraphs of its own. A paragraph on
the last minutes or on the meetings to come prints a title and a date too, so the head needs
one more sign (`_meeting_start`): the § numbers start again, or, with a date other than the
meeting before, the head is an extract's, lists who took part, or is a protocol's title over a
labelled date and a time or place. A protocol's own title repeated on a later page is no new
meeting: its date is the same and its § count on.

The file stays one document (its id, path and original are the file's), dated by its first
meeting. Each later meeting's head becomes a section of its own, titled with the meeting, and
every section carries its meeting's date (`RawSection.date`), so a hit, a date filter and a
citation use the date of the meeting that decided.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice

from index.lines import Line, MeetingTitle
from index.metadata import DateFound, detect_date, find_date, sure_meeting_date
from index.segment import Heading, RawSection

# A meeting's title names a protocol or an extract of one ("Beslutsprotokoll", "Protokoll från
# styrelsemöte"), or the meeting ("Digitalt styrelsemöte", "Årsstämma"). Not the words for the
# minute-taker or the checking ("Protokollförare", "Protokollet justeras").
_MEETING_WORD = re.compile(
    r"protokoll(?!et|för|s?juster)|\butdrag\b|möte\b|sammanträde\b|stämma\b|samråd\b",
    re.IGNORECASE,
)
_MAX_TITLE = 80
# The meeting words as plain strings, in lower and upper case and without the first letter
# (so "Protokoll" and "protokoll" alike), for `_lines_naming_meetings`.
_MEETING_WORDS = ("rotokoll", "tdrag", "öte", "ammanträde", "tämma", "amråd")
_MEETING_WORDS += tuple(word.upper() for word in _MEETING_WORDS)
_SENTENCE_END = (".", "!", "?", ";", ",", ":")
# A line that speaks of checking, certifying or a meeting to come is no meeting's title.
_NOT_HEAD = re.compile(r"juster|bestyrk|anslag|signer|nästa|kallelse|kommande", re.IGNORECASE)
# Lines below the title that hold the meeting's head: its date, place, members.
_HEAD_LINES = 15
# Who took part: what a meeting's head lists, and a notice of a meeting to come does not.
# The labels, also what `index.copies` knows a meeting's head printed again by.
ATTENDANCE_LABELS = (
    r"Närvarande|Beslutande|Ledamöter|Ledamot|Ersättare|Deltagare|Frånvarande|Justerare"
    r"|Närvarolista|Tjänstgörande|Övriga\s+(?:deltagare|närvarande)"
)
_ATTENDANCE = re.compile(rf"^(?:{ATTENDANCE_LABELS})\b", re.IGNORECASE | re.MULTILINE)
# A head's labelled lines, of which a protocol's title needs two below it (a date and a time
# or place): "Föregående protokoll" quoting the last minutes' title and date has at most one.
_HEAD_LINE = re.compile(
    r"^(?:Datum|Tid|Plats|Lokal|Sammanträdesdatum|Mötesdatum|Plats\s+och\s+tid)\b\s*:",
    re.IGNORECASE | re.MULTILINE,
)
_MIN_HEAD_LINES = 2
# An extract's title: a paragraph's text names no extract on a line of its own with a date.
_EXTRACT = re.compile(r"^(?:protokolls?utdrag|utdrag(?:\s+ur\s+\w*protokoll\w*)?)$", re.I)
# A letterhead line printed above the title ("Samordningsförbundet Västra Norrbotten").
_LETTERHEAD = re.compile(r"samordningsförbund|finsam", re.IGNORECASE)
_MAX_LETTERHEAD_LINES = 2


def split_meetings(sections: list[RawSection], first_date: str | None) -> list[RawSection]:
    """The sections with each later meeting's head cut out of the paragraph before it as a
    section of its own, and every section dated by its meeting."""
    if len(sections) < 2:
        return sections
    owners: dict[int, RawSection] = {}
    if any(section.joined for section in sections):  # a continued § after others: rare
        sections = _in_reading_order(sections, owners)
    result: list[RawSection] = []
    date, highest = first_date, 0
    for k, section in enumerate(sections):
        section.date = date
        result.append(section)
        if section.heading.label.startswith("§"):
            highest = max(highest, section.heading.number or 0)
        start = _meeting_start(section, islice(sections, k + 1, None), date, highest)
        if start is None:
            continue
        j, title, date = start
        head = section.lines[j:]
        del section.lines[j:]
        heading = Heading(line=-1, label="", number=None, title=title)
        result.append(RawSection(heading, head, page=head[0].page, date=date))
        highest = 0
    return _rejoined(result, owners) if owners else result


def _in_reading_order(
    sections: list[RawSection], owners: dict[int, RawSection]
) -> list[RawSection]:
    """The sections with the lines a continued § ("§ 15 forts.") joined to an earlier one
    put back where the file prints them, each as a piece of its own (`owners` maps a piece's
    id to the section it belongs to): a later meeting's head at the end of those lines
    follows the sections between, and they keep their meeting's date."""
    after: dict[int, list[tuple[int, RawSection]]] = {}
    for section in sections:
        if not section.joined:
            continue
        ends = [start for start, _, _ in section.joined[1:]] + [len(section.lines)]
        for (start, before, at), end in zip(section.joined, ends, strict=True):
            piece = RawSection(section.heading, section.lines[start:end], page=section.page)
            owners[id(piece)] = section
            after.setdefault(id(before), []).append((at, piece))
        del section.lines[section.joined[0][0] :]
        section.joined = []
    order: list[RawSection] = []
    for section in sections:
        order.append(section)
        order.extend(piece for _, piece in sorted(after.get(id(section), []), key=_first))
    return order


def _first(item: tuple[int, RawSection]) -> int:
    return item[0]


def _rejoined(sections: list[RawSection], owners: dict[int, RawSection]) -> list[RawSection]:
    """The sections with each piece of `_in_reading_order` joined again to its section."""
    result: list[RawSection] = []
    for section in sections:
        owner = owners.get(id(section))
        if owner is None:
            result.append(section)
        else:
            owner.lines.extend(section.lines)
    return result


def _meeting_start(
    section: RawSection, after: Iterable[RawSection], current: str | None, highest: int
) -> tuple[int, str, str] | None:
    """(line in the section's body where another meeting's head starts, the section title
    for it, its date), or None.

    A title line and a date are not enough: a paragraph on the last meeting's minutes or on
    the meetings to come prints those too. The § after it must start again (§ 1 after § 4),
    or the head must name its date as the meeting's and either list who took part or be an
    extract's ("Protokollsutdrag" / "Styrelsemöte 2024-05-20"), or the title be a running
    title whose date changed there (`MeetingTitle`, which cleaning marks)."""
    if not section.heading.label.startswith("§"):
        return None  # an attachment ("Bilaga 1") may quote a protocol; a meeting's head has none
    following = next((s for s in after if s.heading.label.startswith("§")), None)
    if following is None:
        return None  # a meeting without paragraphs of its own is text
    lines = section.lines
    restarts = following.heading.number is not None and following.heading.number <= highest
    counts_on = following.heading.number == highest + 1
    for j in _lines_naming_meetings(lines):
        text = lines[j].text
        if not is_meeting_title(text):
            continue
        window = "\n".join(x.text for x in lines[j + 1 : j + 1 + _HEAD_LINES])
        found = find_date(text, window, "protokoll")
        if found is None:
            continue
        if restarts or (
            found.value != current
            and (isinstance(lines[j], MeetingTitle) or _is_head(text, window, found, counts_on))
        ):
            start = _letterhead_start(lines, j)
            return start, _title(text, found.value), found.value
    return None


def _is_head(title: str, window: str, found: DateFound, counts_on: bool) -> bool:
    """Whether the title line and the lines below it are a meeting's head, not a paragraph's
    text about another meeting: a date named as the meeting's with who took part listed, or a
    protocol's title over a labelled date and its time or place, or an extract's title where
    the § do not simply count on (a paragraph may quote another body's extract)."""
    if found.guess is not None:
        return False
    if (_EXTRACT.match(title) and not counts_on) or _ATTENDANCE.search(window):
        return True
    return (
        "rotokoll" in title.lower()
        and sure_meeting_date(window) is not None
        and len(_HEAD_LINE.findall(window)) >= _MIN_HEAD_LINES
    )


def _lines_naming_meetings(lines: list[Line]) -> list[int]:
    """The indices of the lines that hold a meeting word, in order.

    Every paragraph passes here: substring searches in C over the whole paragraph find the
    few lines worth a pattern (two paragraphs in three have none). A pattern on every line
    cost more than twice as much."""
    body = "\n".join([line.text for line in lines])
    starts: set[int] = set()
    for word in _MEETING_WORDS:
        found = body.find(word)
        while found >= 0:
            starts.add(body.rfind("\n", 0, found) + 1)
            found = body.find(word, found + len(word))
    return [body.count("\n", 0, start) for start in sorted(starts)]


def is_meeting_title(text: str) -> bool:
    """Whether a line is a meeting's title: short, no sentence, naming a meeting or its
    protocol and not its checking. Cleaning asks too, so as not to take a later meeting's
    head for a copy of the document or for page furniture."""
    return (
        _is_heading_line(text)
        and _MEETING_WORD.search(text) is not None
        and _NOT_HEAD.search(text) is None
    )


def head_date(text: str) -> str | None:
    """The date a head's line names as the meeting's ("Datum: 2024-05-14", "Styrelsemöte
    2024-05-14"), not a justering's or a guess. Cleaning asks it of running titles and of
    the lines above a repeated run; a line without a digit is answered at once."""
    return sure_meeting_date(text) if _A_DIGIT.search(text) else None


_A_DIGIT = re.compile(r"\d")


def _is_heading_line(text: str) -> bool:
    """Short and no sentence: a line a head may print, its title or the förbund's name."""
    return len(text) <= _MAX_TITLE and not text.endswith(_SENTENCE_END)


def _letterhead_start(lines: list[Line], j: int) -> int:
    """Where the head that has its title at line j starts: with the förbund's name printed
    above the title ("Samordningsförbundet Västra Norrbotten" / "Protokoll styrelsemöte")."""
    start = j
    while (
        start > 0
        and j - start < _MAX_LETTERHEAD_LINES
        and _is_heading_line(lines[start - 1].text)
        and _LETTERHEAD.search(lines[start - 1].text)
    ):
        start -= 1
    return start


def _has_date(text: str) -> bool:
    return detect_date(text, "", "protokoll") is not None


def _title(text: str, when: str) -> str:
    """The head's section title: the title line, with the date when it does not print it."""
    title = text.rstrip(" .:")
    return title if _has_date(title) else f"{title} {when}"
