"""Page furniture: what a page prints around the protocol's text.

Signature boxes and lines to sign on ("Justerare Utdragsbestyrkande", "Sekreterare ______"),
page numbers ("Sida 3 (5)"), running titles and footers, a table of contents and the
municipal "ANSLAG/BEVIS" box. Left in, they would end a § in the middle, its decision with it,
or read as headings. Each is recognised by its form or by its repeating at the same place on
most pages, and what opens a meeting in a file of several stays.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from index.lines import PARAGRAPH_HEADING, PARAGRAPH_NUMBER_NO_YEAR, Line, MeetingTitle
from index.meetings import head_date, is_meeting_title

if TYPE_CHECKING:
    from index.clean import Cleaned

_SIGN_BOX = (
    r"(?:Justerare|Justerandes?\s+sign(?:atur(?:er)?)?\.?|Utdragsbestyrkande"
    r"|Ordförandes?\s+sign(?:atur)?\.?|Sekreterares?\s+sign(?:atur)?\.?|Sign\.?)"
)
# Dots or underscores a line is filled with, five or more, spaces allowed: a line to sign on
# ("......................", "Sekreterare ________") or a table of contents' leader.
_LEADER_RUN = r"(?:[._…] ?){5,}"
_FURNITURE = re.compile(
    rf"^(?:{_SIGN_BOX}(?:\s+{_SIGN_BOX})+"  # a row of signature boxes
    r"|Justerandes?\s+sign(?:atur(?:er)?)?\.?|Utdragsbestyrkande"
    r"|(?:Sida|Sid\.?|Page)\s*\d+\s*(?:\(\s*\d+\s*\)|av\s+\d+|/\s*\d+)?"
    r"|\d+\s*\(\s*\d+\s*\)|-\s*\d+\s*-"
    rf"|{_LEADER_RUN})$",  # a dotted or underlined line to sign on
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")


# Every furniture line starts with one of these or a digit ("ſ" folds to "s" in IGNORECASE).
_FURNITURE_FIRST = frozenset("JUOSPjuospſ-._…")


def is_furniture(text: str) -> bool:
    """True for a line that is page furniture wherever it stands (signature boxes and the
    dotted lines to sign on, page numbers)."""
    first = text[:1]
    if first not in _FURNITURE_FIRST and not first.isdecimal():
        return False  # the cheap test that most lines fail
    return bool(_FURNITURE.match(text))


# A leader after a label ("Sekreterare ......", "Ordförande ________ Justerare ________") or
# before a page number in a table of contents ("Budget 2025 ........ 4").
_LEADER = re.compile(rf"\s*{_LEADER_RUN}\s*")
LEADER_MARKS = (".....", ". . . . .", "_____", "……")
# A table of contents' entry: a heading, a leader and its page number ("1. Inledning .... 2"),
# written backwards: `drop_leaders` matches it at the end of the reversed line.
_CONTENTS_ENTRY_REVERSED = re.compile(r"\d{1,3}\s*(?: ?[._…]){5,}\s*\S")


def drop_leaders(result: Cleaned) -> None:
    """Drop the entries of a table of contents, which would read as the headings they list,
    and take the dotted and underlined runs out of other lines that have words besides them,
    which keep their words ("Sekreterare" stays, its line to sign on goes); a line that is
    nothing but such a run is furniture (`is_furniture`)."""
    kept: list[Line] = []
    for line in result.lines:
        text = line.text
        if any(mark in text for mark in LEADER_MARKS) and _LEADER.search(text):
            # Matched from the line's end, on the reversed line: searched for forwards, a
            # leader that ends in no page number (". . . . ." over 50,000 characters) was run
            # through again from each of its dots, which took minutes; anchored, it is once.
            if _CONTENTS_ENTRY_REVERSED.match(text[::-1]):
                result.dropped.append(("table of contents", text))
                continue
            line.text = " ".join(_LEADER.sub(" ", text).split())
        kept.append(line)
    result.lines = kept


# The box a municipal template prints at the foot of a protocol's first or last page, to
# certify that the justering was posted ("ANSLAG/BEVIS", "Protokollet är justerat …", Organ,
# Sammanträdesdatum, Datum då anslaget sätts upp …, Förvaringsplats, Underskrift).
_POSTING_BOX = re.compile(
    r"^(?:anslag\s*/\s*bevis|anslagsbevis|bevis om anslag)\s*:?(?:\s+protokollet\b.*)?$",
    re.IGNORECASE,
)
_POSTING_MARKS = ("BEVIS", "bevis", "Bevis")
_POSTING_BOX_LINES = 16  # non-blank lines; a box has about ten
# The box's other rows, at a line's start: a title with two of them under it is a box; a
# stray "Anslagsbevis" over § text is not, and its text stays.
_POSTING_ROW = re.compile(
    r"(?:anslag\s*/\s*bevis|anslagsbevis|bevis om anslag)?\s*:?\s*"
    r"(?:protokollet\s+är\s+justerat|justeringen\s+har|organ\b|sammanträdesdatum"
    r"|datum\s+då\s+anslaget|anslaget\s+(?:sätts|sattes|tas|togs|har)|förvaringsplats"
    r"|underskrift)",
    re.IGNORECASE,
)
_POSTING_ROWS_NEEDED = 2
# A § heading as a line of the page texts, found there without reading the file line by line.
_PARAGRAPH_LINE = re.compile(rf"(?:^|\n)[ \t]*(?:§[ \t]*\d|{PARAGRAPH_NUMBER_NO_YEAR}[ \t]*§)")


def box_after_paragraph(pages: list[str]) -> bool:
    """Whether a posting box's title stands after a § heading in the page texts. A file
    without the word "bevis" is answered at once, with no copy of its text. Where there is a
    box it is mostly in the head: it is found by its word's few places in the text (a regular
    expression would try every position of it), then a § heading looked for above it."""
    if not any(mark in page for page in pages for mark in _POSTING_MARKS):
        return False
    text = "\n".join(pages)
    last = -1
    for mark in _POSTING_MARKS:
        at = text.find(mark)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            line = " ".join(text[start : end if end >= 0 else len(text)].split())
            if start > last and _POSTING_BOX.match(line):
                last = start
            at = text.find(mark, at + 1)
    section = text.find("§", 0, last) if last >= 0 else -1  # the cheap test most heads fail
    return section >= 0 and bool(_PARAGRAPH_LINE.search(text, text.rfind("\n", 0, section), last))


def drop_posting_box(result: Cleaned) -> None:
    """Drop the posting certificate's box that stands after a § heading, from its title to
    its page's end (or the next § heading, or `_POSTING_BOX_LINES` lines on): it is no §'s
    text, and left in, it ended the § above it, decision and all. Its lines count as
    furniture, where a date or förbund no other line gives may still be found. A box in the
    head stays there: its "Organ" may be the one line that names the förbund."""
    lines = result.lines
    titles = [
        i
        for i, line in enumerate(lines)
        if line.text[:1] in "AaBb" and _POSTING_BOX.match(line.text)
    ]
    first = _first_paragraph(lines, titles[-1]) if titles else 0
    if not titles or first > titles[-1]:
        return
    gone: set[int] = set()
    for i in titles:
        if i < first or i in gone:
            continue
        end = _box_end(lines, i)
        if end == i:  # no box's rows under the title: a line about the posting
            continue
        gone.update(range(i, end))
        result.dropped.extend(("page furniture", box.text) for box in lines[i:end] if box.text)
    result.lines = [line for i, line in enumerate(lines) if i not in gone]


def _box_end(lines: list[Line], start: int) -> int:
    """Where the box whose title is at `start` ends: its page's end, a § heading, or
    `_POSTING_BOX_LINES` non-blank lines on; `start` itself when fewer than
    `_POSTING_ROWS_NEEDED` of the box's rows (`_POSTING_ROW`) stand there, so nothing is
    dropped. Text without pages (a .txt file, an HTML page) has no page end to stop at: its
    box ends at the line after its last row (that row's value)."""
    end, count = start + 1, 1
    page = lines[start].page
    rows = [start] if _POSTING_ROW.match(lines[start].text) else []  # title and row
    while end < len(lines) and lines[end].page == page and count < _POSTING_BOX_LINES:
        text = lines[end].text
        if text[:1] in _HEADING_FIRST and PARAGRAPH_HEADING.match(text):
            break
        if _POSTING_ROW.match(text):
            rows.append(end)
        count += bool(text)
        end += 1
    if len(rows) < _POSTING_ROWS_NEEDED:
        return start
    if page is None:
        return min(end, _after_value(lines, rows[-1]))
    return end


def _after_value(lines: list[Line], row: int) -> int:
    """The index after a box row's value: the row itself when it ends a sentence or holds
    more than its label, else the next non-blank line too ("Förvaringsplats" / "Kansliet")."""
    text = lines[row].text
    end = row + 1
    if text.endswith(".") or any(ch.isdigit() for ch in text):
        return end
    while end < len(lines) and not lines[end].text:
        end += 1
    return end + 1 if end < len(lines) and not lines[end].text.endswith(".") else row + 1


_HEADING_FIRST = frozenset("§0123456789")


def _first_paragraph(lines: list[Line], stop: int) -> int:
    """The index of the first line before `stop` that starts a § (past `stop` when none)."""
    for i in range(stop):
        text = lines[i].text
        if text[:1] in _HEADING_FIRST and PARAGRAPH_HEADING.match(text):
            return i
    return stop + 1


def drop_furniture(result: Cleaned, paged: bool) -> None:
    """Remove signature boxes, page numbers and running titles from the text.

    The third row of a letterhead stays on the first page, where it opens the document: it is
    often the one line that names the meeting and its date ("Styrelsesammanträde 2024-03-12").
    So do the running rows that open a meeting in a file of several (`_meeting_tops`).
    """
    running, third_rows = _running_lines(result.lines, paged)
    kept, dropped, rows = _split_furniture(result.lines, running, third_rows, set())
    # Only running rows that name a meeting and two dates may open meetings: most files have
    # none, and pay for a look at the few distinct rows dropped, not at every page.
    if len(rows) > 1 and any(map(is_meeting_title, rows)) and _dates_differ(rows):
        tops = _meeting_tops(result.lines, running)
        if tops:
            for i in tops:
                line = result.lines[i]
                if is_meeting_title(line.text):
                    result.lines[i] = MeetingTitle(line.text, line.page)
            kept, dropped, _ = _split_furniture(result.lines, running, third_rows, tops)
    result.dropped.extend(("page furniture", text) for text in dropped)
    result.lines = kept


def _split_furniture(
    lines: list[Line], running: set[str], third_rows: set[str], keep: set[int]
) -> tuple[list[Line], list[str], set[str]]:
    """(the lines that are no furniture, the texts of those that are, the distinct running
    rows, also a letterhead's third row on the first page, which stays); the running rows at
    the indices in `keep` stay too."""
    # A masked line starts as the line does, or with "#" for a digit.
    starts = {text[:1] for text in running}
    first_page = lines[0].page if lines else None
    kept: list[Line] = []
    dropped: list[str] = []
    rows: set[str] = set()
    for i, line in enumerate(lines):
        text = line.text
        if not text:
            kept.append(line)
        elif is_furniture(text):
            dropped.append(text)
        elif ("#" if text[0].isdecimal() else text[0]) in starts and (
            key := _DIGITS.sub("#", text)
        ) in running:
            rows.add(text)
            if (line.page != first_page or key not in third_rows) and i not in keep:
                dropped.append(text)
            else:
                kept.append(line)
        else:
            kept.append(line)
    return kept, dropped, rows


def _dates_differ(rows: set[str]) -> bool:
    return len({date for date in map(head_date, rows) if date}) > 1


# The rows at a page's top that may hold a meeting's head printed as its letterhead.
_TOP_ROWS = 3


def _meeting_tops(lines: list[Line], running: set[str]) -> set[int]:
    """The indices of the running rows that open a meeting, in a file that holds several.

    A file of a year's protocols may name each meeting only in its pages' letterhead
    ("Protokoll styrelsemöte 2024-02-10" on both its pages, "… 2024-04-10" on the next
    meeting's): with the digits masked the rows are one running title, but they are the
    meetings' heads, which `index.meetings` needs to see. So where the running rows at a
    page's top name a meeting and a date other than the last such page's, that page's rows
    stay. A file whose running rows name one date throughout (one meeting) keeps none, and a
    page whose date differs from the same date on the pages either side of it (a misread
    digit) opens nothing. Only the first rows of each page are read, and each row's date
    once."""
    dates: dict[str, str | None] = {}
    heads: list[tuple[list[int], str]] = []
    for rows in _page_tops(lines, running):
        texts = [lines[i].text for i in rows]
        if not any(map(is_meeting_title, texts)):
            continue
        # The title's own date first: another dated row (a print date) names no meeting.
        for text in sorted(texts, key=lambda text: not is_meeting_title(text)):
            if text not in dates:
                dates[text] = head_date(text)
            if date := dates[text]:
                heads.append((rows, date))
                break
    dated = [date for _, date in heads]
    odd = {k for k in range(1, len(dated) - 1) if dated[k - 1] == dated[k + 1] != dated[k]}
    heads = [head for k, head in enumerate(heads) if k not in odd]
    if len({date for _, date in heads}) < 2:
        return set()
    keep: set[int] = set()
    last = None
    for rows, date in heads:
        if date != last:
            keep.update(rows)
        last = date
    return keep


def _page_tops(lines: list[Line], running: set[str]) -> Iterator[list[int]]:
    """For each page, the indices of the running rows it opens with (up to `_TOP_ROWS`).

    A page's first line is found by bisection (the lines are in page order), so a long
    page costs no more than a short one."""
    start = 0
    while start < len(lines):
        end = bisect_right(lines, _page_of(lines[start]), lo=start, key=_page_of)
        rows: list[int] = []
        for i in range(start, end):
            text = lines[i].text
            if not text:
                continue
            if len(rows) == _TOP_ROWS or _DIGITS.sub("#", text) not in running:
                break
            rows.append(i)
        yield rows
        start = end


def _page_of(line: Line) -> int:
    return line.page or 0


def _running_lines(lines: list[Line], paged: bool) -> tuple[set[str], set[str]]:
    """Running titles and footers: lines printed in the same edge slot of most pages, and of
    those the ones found in a letterhead's third or further row.

    Page numbers differ from page to page, so lines are compared with digits replaced by '#'.
    A slot is one of the first two or last two lines of a page, and the third from the top
    (or bottom) when the two beside it are running too, the fourth when the three are, and so
    on (`_third_rows`): letterheads have three rows or more. Of two
    pages both must agree, of more 60%. Sentences (ending in . ! ? :) and § headings never
    count: a section may well end every page with "… till handlingarna."
    Without pages, only an exact repeat of the document's first line (3+ times) counts.
    """
    if not paged:
        content = [line.text for line in lines if line.text]
        if content and content.count(content[0]) >= 3:
            return {_DIGITS.sub("#", content[0])}, set()
        return set(), set()
    by_page: dict[int | None, list[str]] = {}
    for line in lines:
        if line.text:
            by_page.setdefault(line.page, []).append(_DIGITS.sub("#", line.text))
    if len(by_page) < 2:
        return set(), set()
    threshold = 2 if len(by_page) == 2 else max(3, -(-3 * len(by_page) // 5))
    pages = list(by_page.values())
    running = _repeated_slots(pages, threshold, lambda texts: (0, 1, -2, -1))
    if not running:
        return running, set()
    head = _third_rows(pages, threshold, running, 0)
    tail = _third_rows(pages, threshold, running, -1)
    return running | head | tail, head - running


# A page of this many lines or fewer may hold nothing but its letterhead, footer and one line.
_SHORT_PAGE = 5
# The rows a letterhead or footer may have: Word's headers often stack a logo's text, the
# förbund, the document's kind and its date.
_LETTERHEAD_ROWS = 5


def _third_rows(pages: list[list[str]], threshold: int, running: set[str], edge: int) -> set[str]:
    """The rows printed third, fourth … from the top (edge 0) or the bottom (edge -1) of
    `threshold` pages or more, each below (or above) rows that all run: a letterhead's or
    footer's further rows, down to `_LETTERHEAD_ROWS`. A fourth row left in (a date under the
    letterhead's "PROTOKOLL") ended the last § of every page but the last, and its decision."""
    found: set[str] = set()
    above = set(running)
    for depth in range(2, _LETTERHEAD_ROWS):
        rows = _rows_at(pages, threshold, above, edge, depth)
        if not rows:
            break
        found |= rows
        above |= rows
    return found


def _rows_at(
    pages: list[list[str]], threshold: int, above: set[str], edge: int, depth: int
) -> set[str]:
    """The rows printed at `depth` from the top (edge 0) or the bottom (edge -1) of
    `threshold` pages or more, where every row between it and the edge is in `above`.

    A short page (the last § spilling over, the signatures) counts only with a row that a
    longer page has there too: on such a page the third row may be all the page says
    ("Bilaga 2" on each attachment's cover), but a row that also heads a full page is the
    letterhead's. Without it, a two-page protocol whose second page is short kept the row
    inside the § that page continues.
    """
    step = 1 if edge == 0 else -1
    slot = edge + depth * step
    counts: Counter[str] = Counter()
    on_full_page: set[str] = set()
    for texts in pages:
        if len(texts) <= depth or any(texts[edge + k * step] not in above for k in range(depth)):
            continue
        text = texts[slot]
        if _may_be_running(text):
            counts[text] += 1
            if len(texts) > _SHORT_PAGE:
                on_full_page.add(text)
    return {text for text, count in counts.items() if count >= threshold and text in on_full_page}


def _repeated_slots(
    pages: list[list[str]], threshold: int, slots_of: Callable[[list[str]], tuple[int, ...]]
) -> set[str]:
    counts: Counter[tuple[int, str]] = Counter()
    for texts in pages:
        for slot in slots_of(texts):
            if -len(texts) <= slot < len(texts) and _may_be_running(texts[slot]):
                counts[(slot, texts[slot])] += 1
    return {text for (_slot, text), count in counts.items() if count >= threshold}


def _may_be_running(text: str) -> bool:
    return not text.endswith((".", "!", "?", ":")) and not text.startswith("§")
