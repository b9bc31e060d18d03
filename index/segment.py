"""Segmenting: cut clean lines into a header and sections (§, Mål, numbered headings).

Most protocols print "§ 12 Title" and the body below it. Some print a two-column layout in which
text extraction yields a run of § titles and, elsewhere, the bodies (`002_…`, Blekinge); for
those, `align_columns` assigns each body paragraph to its § by decision ids, shared words and
order. Whatever the layout, every line ends up in the header or in exactly one section.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from math import isqrt

from index.decisions import PASSIVE_DECISIONS
from index.lines import HEADING_FIRST, PARAGRAPH_NUMBER, PARAGRAPH_NUMBER_NO_YEAR, Line

# A paragraph added to the agenda carries a letter written with its number: "§ 47a", "12b §".
# The title may follow a full stop, a colon or a dash with a space after it ("§ 1 – Val av
# justerare"); a dash without one is a range ("§ 12-14 behandlades").
_TITLE_MARK = r"(?:\.(?!\.)|:|[-–—](?=\s|$))?"
# A § number has up to four digits, but no year before a § or after a range's dash
# (`index.lines`).
_PARAGRAPH = re.compile(rf"^§\s*({PARAGRAPH_NUMBER})([a-f]?)\b\s*{_TITLE_MARK}\s*(.*)$")
_PARAGRAPH_AFTER = re.compile(rf"^({PARAGRAPH_NUMBER_NO_YEAR})([a-f]?)\s*§\s*{_TITLE_MARK}\s*(.*)$")
# Paragraphs dealt with together: "§§ 12–14 Rapporter från insatserna" (also "§ 12-14"). A
# small letter after it makes it a reference in a sentence, as for one §.
_PARAGRAPH_RANGE = re.compile(
    rf"^§§?\s*({PARAGRAPH_NUMBER})\s*[-–—]\s*({PARAGRAPH_NUMBER_NO_YEAR})\b\s*(?:[.:]|[-–—](?=\s))?\s*(.*)$"
)
# Two paragraphs dealt with together, written with "och" or a comma and a double §: "§§ 12 och
# 13 Rapporter". A single § so written is a reference ("§ 3, 4 och 5 justeras").
_PARAGRAPH_PAIR = re.compile(
    rf"^§§\s*({PARAGRAPH_NUMBER})\s*(?:och|&|,)\s*({PARAGRAPH_NUMBER_NO_YEAR})\b\s*(?:[.:]|[-–—](?=\s))?\s*(.*)$"
)
# A report's goal: "Mål 3 – Title", also "Mål 3 Title" with a capital and no sentence end after
# the number alone ("Mål 1 Fler i arbete", not "Mål 1 nåddes." nor "Mål 2 Fler gick vidare."),
# and short as a heading is: a longer line is a sentence that starts with a goal and wraps on
# the next line ("Mål 3 Ökad samverkan har nåtts genom att kansliet och parterna under").
_GOAL = re.compile(r"^Mål\s+(\d{1,2})(?:\s*[–—:.-]\s*|\s+(?=[A-ZÅÄÖ][^.!?]{0,55}$))(\S.*)$")
# A goal's line with a dash after its number (`_goal_row`).
_DASHED_GOAL = re.compile(r"^Mål\s+\d{1,2}\s*[–—:.-]")
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+([A-ZÅÄÖ][^.:;]{2,80})$")
# What a § reference inside a sentence goes on with, and a title never starts with: a small
# letter ("§11 kan påverka", "§ 4 st 2"), a list or range mark ("§ 3, 4 och 5", "§ 12–14").
_NOT_TITLE_START = re.compile(r"^[a-zåäöéü,;)\]/%+&–—-]")
_DNR = re.compile(r"^Dnr\b", re.IGNORECASE)
# A registration number ("Dnr 2024/12", "Dnr: SF 2024-0012", "Diarienummer 2024.012"): the
# body's, wherever the heading prints it. On the heading line before the title ("§ 5 Dnr
# 2024/12 Budget 2025"), after it ("§ 5 Budget 2025 (Dnr 2024/12)", "…, Dnr 2024/12"), on a
# line of its own between a bare § and its title, or right above the § it belongs to.
_DNR_NUMBER = r"(?:Dnr|Diarienummer|Diarienr)\.?\s*:?\s*(?:[A-ZÅÄÖ]{1,6}[\s-]*)?\d[\w/.:-]*"
_DNR_LINE = re.compile(rf"^{_DNR_NUMBER}$", re.IGNORECASE)
_DNR_BEFORE_TITLE = re.compile(rf"^({_DNR_NUMBER})\s+(\S.*)$", re.IGNORECASE)
_DNR_AFTER_TITLE = re.compile(rf"(?:\s*,\s*|\s+\(\s*|\s+)({_DNR_NUMBER})\s*\)?$", re.IGNORECASE)
# An item heading where a protocol numbers its items without §: "Ärende 5 Budget", "Punkt 5.
# Budget", "Ärende 5: Budget", "Punkt 5 – Budget", or the number alone over the title. A small
# letter after the number makes it a reference inside a sentence ("Ärende 5 behandlades …").
# In capitals ("ÄRENDE 1 MÖTETS ÖPPNANDE") it is labelled as the others are. A paragraph
# written out ("Paragraf 5 Budget", a Word template's) is labelled as a § is, "§ 5".
_ITEM = re.compile(
    rf"^(Ärende|Punkt|Paragraf|ÄRENDE|PUNKT|PARAGRAF)\s+(\d{{1,3}})\b\s*{_TITLE_MARK}\s*(.*)$"
)
_ITEM_FIRST = frozenset("ÄP")
# A table's row in a text export ("| § 2 Budget | Styrelsen beslutar … |") and the rule under
# its head ("|---|---|"): a row is its cells, one " | " between them.
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_CELL = " | "
_CONTINUES = re.compile(r"(?:,|\b(?:och|samt|för|av|i|med|gällande|mellan|till|om|på))$")
_MAX_TITLE = 160
# A line under a bare "§ 4" is its title only when it reads like one: short, opening with a
# capital or a digit, not ending a sentence, and not a sentence whose subject is one of the
# protocol's actors ("Förbundschefen informerar om läget"; "Förbundschefen informerar" alone is
# a title), nor a decision ("Att anta planen") or a part's label ("Beslut").
_MAX_NEXT_TITLE = 90
_SENTENCE_END = (".", "!", ":", ";")
_ACTOR_SENTENCE = re.compile(
    r"^(?:Styrelsen|Förbundsstyrelsen|Nämnden|Direktionen|Förbundschefen|Förbundschef"
    r"|Ordföranden|Ordförande|Sekreteraren|Kansliet|Samordnaren|Mötet|Beredningen|Presidiet"
    r"|Arbetsutskottet|Förbundet|Samordningsförbundet|Revisorerna|Ledamöterna|Protokollet"
    r"|Vi|Det|Den|De|Man|Han|Hon)\s+[a-zåäö]\w*\s+\S"
)
# A § continued on the next page repeats its heading with a mark at the title's end: "§ 15
# Ekonomisk rapport, forts.", "§ 15 forts.", "§ 15 (forts)", "§ 15 – fortsättning". The long
# word needs a comma, dash or bracket before it ("Ansökan om fortsättning" is a title).
_CONTINUED = re.compile(
    r"(?:^|\s*[,–—-]\s*|\s+|\s*\()\(?forts\.?\)?$|(?:^|\s*[,–—-]\s*|\s*\()fortsättning\)?$",
    re.IGNORECASE,
)
_NOT_NEXT_TITLE = re.compile(
    r"^(?:Att\s|(?:Beslut|Styrelsens beslut|Förslag till beslut|Beslutsförslag|Bakgrund"
    r"|Ärendebeskrivning|Sammanfattning)$)",
    re.IGNORECASE,  # also in capitals ("BESLUT", "STYRELSENS BESLUT")
)


@dataclass
class Heading:
    """A section heading found at `line` (index into the lines); `lines_used` title lines."""

    line: int
    label: str
    number: int | None
    title: str
    lines_used: int = 1
    body_prefix: str = ""  # text on the heading line that belongs to the body ("Dnr 2024/12")
    continued: bool = False  # marked as the continuation of an earlier § ("§ 15 forts.")
    # A table's row holds the § and its body side by side ("§ 2 Budget | Styrelsen beslutar
    # …"): the heading has its text with it, and stands in no run of headings (`_runs`).
    row: bool = False


@dataclass
class RawSection:
    """A section before decisions are extracted: its heading and its body lines."""

    heading: Heading
    lines: list[Line] = field(default_factory=list)
    page: int | None = None
    # The date of the meeting the section belongs to (`index.meetings`); None before the
    # meetings are told apart, or when the date is unknown.
    date: str | None = None
    # Lines a later "§ 15 forts." joined to this section where other sections stood between:
    # (where in `lines` they start, the section they followed, the line of their heading).
    # `index.meetings` reads the file in its order with them, so that a later meeting's head
    # among them is not cut out before the sections between.
    joined: list[tuple[int, RawSection, int]] = field(
        default_factory=list, repr=False, compare=False
    )


@dataclass
class Segmented:
    """A document's lines split into the header before its first section and its sections;
    `dropped` names each line left out (a column label, a continued §'s repeated heading, a
    decision's echo) with the reason, so what segmenting left out can be inspected."""

    header: list[Line]
    sections: list[RawSection]
    dropped: list[tuple[str, str]] = field(default_factory=list)


def match_heading(text: str) -> tuple[str, int, str] | None:
    """(label, number, title) when `text` is a § or Mål heading line, else None.

    A § followed by a lower-case word is a reference inside a sentence ("§11 kan påverka"),
    not a heading. Paragraphs dealt with together ("§§ 12–14 Rapporter", "§§ 12 och 13") are
    one heading, labelled with the range or the pair and numbered with its first.
    """
    if text[:1] not in HEADING_FIRST:  # the cheap test that almost every line fails
        return None
    for pattern, joiner in ((_PARAGRAPH_RANGE, "–"), (_PARAGRAPH_PAIR, " och ")):
        m = pattern.match(text)
        if m and int(m.group(1)) < int(m.group(2)):
            title = m.group(3).strip()
            if not _title_fits(title):
                return None
            first, last = int(m.group(1)), int(m.group(2))
            return f"§§ {first}{joiner}{last}", first, title
    for pattern in (_PARAGRAPH, _PARAGRAPH_AFTER):
        m = pattern.match(text)
        if m:
            title = m.group(3).strip()
            if not _title_fits(title):
                return None
            number = int(m.group(1))
            return f"§ {number}{m.group(2)}", number, title
    m = _GOAL.match(text)
    if m:
        return f"Mål {int(m.group(1))}", int(m.group(1)), m.group(2).strip()
    return None


def _title_fits(title: str) -> bool:
    """Whether `title` can follow a § in a heading: not too long, and not what a reference
    goes on with, unless it is the mark of a continued § ("§ 15 forts.")."""
    if len(title) > _MAX_TITLE:
        return False
    return not _NOT_TITLE_START.match(title) or _without_continued(title) is not None


def _without_continued(title: str) -> str | None:
    """`title` without its continuation mark ("Ekonomisk rapport, forts." → "Ekonomisk
    rapport"), or None when it has none."""
    if "orts" not in title and "ORTS" not in title:  # the cheap test that most titles fail
        return None
    m = _CONTINUED.search(title)
    return title[: m.start()].rstrip(" ,.:–—-") if m else None


def find_headings(lines: list[Line]) -> list[Heading]:
    """All § and Mål headings; numbered headings ("1. Inledning") only where there is no §.

    A protocol's numbered lines are lists inside its §; a report's are its chapters, also
    when some chapter holds "Mål 1 – …" headings (a report's goals), which then stand
    between them."""
    headings = [h for i, line in enumerate(lines) if (h := _heading_at(lines, i))]
    if any(h.label.startswith("§") for h in headings):
        return _without_wrapped_references(lines, headings)
    items = _item_headings(lines)
    numbered = [] if items else _numbered_headings(lines)
    if not (headings or items):
        # A run from past 1 wins over a shorter one from 1, a list inside one of its items.
        higher = _numbered_from_higher(lines)
        numbered = higher if len(higher) > len(numbered) else numbered
    return sorted([*headings, *items, *numbered], key=lambda h: h.line)


def _item_headings(lines: list[Line]) -> list[Heading]:
    """Item headings ("Ärende 1 …", "Punkt 1. …", `_ITEM`) of a protocol without §: each
    number higher than the last, starting from the first found (a protocol may number its
    items on through the year, and skip a number as § numbering does), two at least. A
    number out of the count right under a line that ends mid-sentence ("… enligt" / "Ärende 7
    Budget …") is the sentence's reference, as for a §. An agenda of items before them, whose
    numbers come round again, stays in the head, as a § agenda does. Other such lines are
    text."""
    listed: list[Heading] = []
    for i, line in enumerate(lines):
        if line.text[:1] not in _ITEM_FIRST:  # the cheap test that almost every line fails
            continue
        m = _ITEM.match(line.text)
        if m is None or not _title_fits(m.group(3)) or _NOT_TITLE_START.match(m.group(3)):
            continue
        number = int(m.group(2))
        word = m.group(1).capitalize()
        label = f"§ {number}" if word == "Paragraf" else f"{word} {number}"
        listed.append(_make_heading(lines, i, label, number, m.group(3).strip()))
    kept = _drop_listed_agenda(lines, _drop_agenda_runs(lines, listed))
    # Paragraphs written out and items are counted apart: a "Paragraf 9 …" line quoted in a
    # "Punkt" item (the förbundsordning's paragraph) took the count past the items after it,
    # and became a §.
    paragraphs = [h for h in kept if h.label[:1] == "§"]
    if paragraphs and len(paragraphs) < len(kept):
        items = [h for h in kept if h.label[:1] != "§"]
        runs = [_longest_item_run(lines, group) for group in (items, paragraphs)]
        found = _best_run([run for run in runs if run])
    else:
        found = _longest_item_run(lines, kept)
    return found if len(found) >= 2 else []


def _longest_item_run(lines: list[Line], headings: list[Heading]) -> list[Heading]:
    """The longest run of items (ties: the one that starts first), where a run starts at any
    item and takes each later item numbered one past its last, or further past when
    `_skips_to` says it reads as a heading, as a § count goes on.

    The run used to start at the first item found: a stray "Punkt 12" in the head (a line
    of the attendance list, a wrapped "se" / "Punkt 12") started it, and the items "Punkt
    1." … under it, numbered lower, were all text. Runs that reach the same number go on
    alike from there, so one per last number is kept, the longest: each item extends the run
    that ends one below it, and, when it may skip, every run that ends lower (each merged
    once), which keeps this linear in the items however many there are."""
    runs: dict[int, list[Heading]] = {}  # the best run that ends at each number
    ends: list[int] = []  # the keys of `runs`, in order
    for heading in headings:
        number = heading.number
        assert number is not None  # every item has a number
        joined = [run] if (run := runs.pop(number - 1, None)) is not None else []
        if run is not None:
            ends.remove(number - 1)
        if _skips_to(lines, heading):
            lower = bisect_left(ends, number - 1)
            joined.extend(runs.pop(end) for end in ends[:lower])
            del ends[:lower]
        extended = [*_best_run(joined), heading]
        if number in runs:
            extended = _best_run([runs[number], extended])
        else:
            insort(ends, number)
        runs[number] = extended
    return _best_run(list(runs.values()))


def _best_run(runs: list[list[Heading]]) -> list[Heading]:
    """The longest of `runs`, the one that starts first among equals; [] for none."""
    return max(runs, key=lambda run: (len(run), -run[0].line), default=[])


def _skips_to(lines: list[Line], heading: Heading) -> bool:
    """Whether an item numbered past the next in the count heads its item, skipping numbers
    as § numbering may: it reads as a heading (a short title, no sentence ending on its line:
    "Punkt 5 Övrigt tas upp i höst." is a sentence), and it is no sentence's reference
    wrapped to its line's start ("… enligt" / "Ärende 7 Budgetramar"). An item so taken
    ends the run for the numbers below it, so it must be sure."""
    last = lines[heading.line + heading.lines_used - 1].text
    return (
        len(heading.title) <= _MAX_NEXT_TITLE
        and not (heading.title and last.endswith((".", "!", "?")))
        and not _REFERENCE_BEFORE.search(lines[heading.line - 1].text)
    )


# Words a sentence goes on after, when a line ends with them: a § on the next line is the
# sentence's reference ("… ändringar enligt" / "§ 9 Förbundsordningen och …").
_REFERENCE_BEFORE = re.compile(
    r"\b(?:enligt|till|i|av|om|med|se|jfr|och|samt|under|från|mot|gällande|hänvisar|"
    r"hänvisade|stöd|avses|anges|framgår)$",
    re.IGNORECASE,
)


def _without_wrapped_references(lines: list[Line], headings: list[Heading]) -> list[Heading]:
    """The headings without those that are a sentence's reference wrapped to the start of a
    line ("Styrelsen diskuterar ändringar enligt" / "§ 9 Förbundsordningen …"): a § right
    under a line that ends mid-sentence, out of the count (not the number after the § before).
    A § in its place in the count stays a heading whatever stands above it, and so does one
    that may follow a missing page and reads as a heading (`_after_a_missing_page`)."""
    kept: list[Heading] = []
    for heading in headings:
        before = lines[heading.line - 1].text if heading.line else ""
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and heading.label.startswith("§ ")
            and previous.number is not None
            and heading.number != previous.number + 1
            and _REFERENCE_BEFORE.search(before)
            and not _after_a_missing_page(lines, heading)
        ):
            continue
        kept.append(heading)
    return kept


def _after_a_missing_page(lines: list[Line], heading: Heading) -> bool:
    """Whether a § out of the count under a line that breaks off ("… överlämna frågan till")
    is the heading of a page that follows a missing one (which held the § between), rather
    than the broken-off sentence's reference going on.

    A page must start with it (without pages, a page may be missing anywhere): on the same
    page, the line above would go on into it. And it must read as a heading, which a sentence
    going on does not: it is marked as continued ("§ 15 forts."), or its title is short (no
    longer than a title under a bare §), its line ends no sentence ("§ 8 Kommunallagen.") and
    the line under it does not go on in lower case ("§ 9 Förbundsordningen" / "och beslutar
    att …"). A title ending in a full stop ("§ 15 Ekonomisk rapport.") is read as a sentence's
    end here: the two cannot be told apart, and the count goes on as it did."""
    page = lines[heading.line].page
    if page is not None and lines[heading.line - 1].page == page:
        return False
    if heading.continued:
        return True
    last = heading.line + heading.lines_used - 1
    if len(heading.title) > _MAX_NEXT_TITLE or lines[last].text.endswith(_SENTENCE_END):
        return False
    nxt = _next_content(lines, last)
    return nxt is None or not lines[nxt].text[:1].islower()


def _heading_at(lines: list[Line], i: int) -> Heading | None:
    found = match_heading(lines[i].text)
    if not found:
        return None
    label, number, title = found
    if label.startswith("Mål") and _goal_row(lines, i, number):
        return None
    return _make_heading(lines, i, label, number, title)


def _make_heading(lines: list[Line], i: int, label: str, number: int, title: str) -> Heading:
    """The heading at line i with the title its line gives, completed from the lines after
    it; a registration number and a table row's other cells go to the body."""
    # The cheap tests inline, before any call or pattern: almost every heading is no table row
    # and has no registration number before its title, whose every form starts with a "D".
    title, cells = _row_cells(title) if _CELL in title else (title, "")
    heading = Heading(i, label, number, title, body_prefix=cells, row=bool(cells))
    registered = title[:1] in "Dd"
    if registered and (m := _DNR_BEFORE_TITLE.match(title)):
        # "§ 5 Dnr 2024/12 Budget 2025": the title after the number.
        heading.title, heading.body_prefix = m.group(2), _prefixed(m.group(1), cells)
    elif not title or (registered and _DNR.match(title)):
        # The title is on the next line, if the § has one: else the section has no title, and
        # a "Dnr" on the heading line belongs to the body, as does one alone on the line
        # between a bare § and its title.
        heading.body_prefix, heading.title = _prefixed(title, cells), ""
        nxt = _next_content(lines, i)
        if nxt is not None and _DNR_LINE.match(lines[nxt].text) and not title:
            dnr, nxt = nxt, _next_content(lines, nxt)
            if nxt is not None and _looks_like_title(lines[nxt].text):
                heading.body_prefix = _prefixed(lines[dnr].text, cells)
            else:
                nxt = None
        if nxt is not None and _looks_like_title(lines[nxt].text):
            heading.title = lines[nxt].text
            heading.lines_used = nxt - i + 1
    elif not cells:
        _extend_title(lines, heading)
    heading.title = heading.title.rstrip(" .:")
    lowered = heading.title.lower()  # every form holds "nr" or "diarie": the cheap test first
    m = _DNR_AFTER_TITLE.search(heading.title) if "nr" in lowered or "diarie" in lowered else None
    if m is not None and m.start() > 0:  # "§ 5 Budget 2025 (Dnr 2024/12)": to the body
        heading.title = heading.title[: m.start()].rstrip(" ,.:")
        heading.body_prefix = _prefixed(m.group(1), heading.body_prefix)
    rest = _without_continued(heading.title)
    if rest is not None:
        heading.title, heading.continued = rest, True
    return heading


def _row_cells(title: str) -> tuple[str, str]:
    """(the title, the other cells of its table row joined by spaces) for a heading's title
    in a table's row ("Budget | Styrelsen beslutar …"); (title, "") for any other."""
    if _CELL not in title:
        return title, ""
    first, *others = title.split(_CELL)
    return first.strip(), " ".join(cell.strip() for cell in others if cell.strip())


def _prefixed(first: str, then: str) -> str:
    """Two pieces of a section's first line, in order, either of them possibly empty."""
    return " ".join(part for part in (first, then) if part)


def _goal_row(lines: list[Line], i: int, number: int | None) -> bool:
    """Whether the goal's line at `i`, without a dash ("Mål 1 Uppfyllt"), is a row of a list
    or table of goals rather than a goal's heading: the line right under it is another
    goal's, or the line right above it is the goal's before ("Mål 1 …" over "Mål 2 …"). A
    report's summary of its goals' status read as headings made each row a section, and
    each goal's label repeat. A heading has its text under it, which may open with its goal
    ("Mål 1 har nåtts …", no heading); a goal's line under a goal numbered otherwise (the
    goals listed above the first one) heads its text."""
    if _DASHED_GOAL.match(lines[i].text):
        return False
    if i + 1 < len(lines) and _GOAL.match(lines[i + 1].text):
        return True
    above = _GOAL.match(lines[i - 1].text) if i else None
    return above is not None and number is not None and int(above.group(1)) == number - 1


def _looks_like_title(text: str) -> bool:
    """True when `text`, the line under a § without a title, is that §'s title (see above)."""
    first = text[:1]
    return (
        (first.isupper() or first.isdecimal())
        and len(text) <= _MAX_NEXT_TITLE
        and not text.endswith(_SENTENCE_END)
        and not _ACTOR_SENTENCE.match(text)
        and not _NOT_NEXT_TITLE.match(text)
        and not match_heading(text)
    )


def _extend_title(lines: list[Line], heading: Heading) -> None:
    """Join a title that wraps onto following lines ("… gällande utökad / samverkan mellan …").

    A title continues only when its line is long and either ends with a comma or connective,
    or the next line starts in lower case.
    """
    last = lines[heading.line].text
    i = heading.line
    for _ in range(3):
        nxt = _next_content(lines, i)
        if nxt is None or len(last) < 50 or last.endswith((".", ":", "?", "!")):
            return
        text = lines[nxt].text
        if match_heading(text) or not (_CONTINUES.search(last) or text[:1].islower()):
            return
        heading.title = f"{heading.title} {text}"
        heading.lines_used = nxt - heading.line + 1
        last, i = text, nxt


def _next_content(lines: list[Line], i: int) -> int | None:
    for j in range(i + 1, min(i + 4, len(lines))):
        if lines[j].text:
            return j
    return None


def _numbered_headings(lines: list[Line]) -> list[Heading]:
    """Headings "1. Inledning", "2. Ekonomi" … accepted only as an ascending sequence from 1,
    one that is no list: a run whose items stand line after line, with no text under any but
    the last (an agenda or a table of contents before the items, names under "Följande
    deltog:", the points of a decision), is text, and the count starts again after it.
    Such a list took the count, so the items under it were never found (an agenda's "2.
    Budget" / "3. Övrigt" with its item's decision running over the rest), or the list's
    lines became sections of their own, in a report beside its "Mål" headings too.

    Each count looks up the lines of each number (`at`) instead of reading every line again:
    the lists it skips stand apart, so a text of many lists costs no more than one."""
    at: dict[int, list[int]] = {}  # each number's lines, in order
    titles: dict[int, str] = {}
    for i, line in enumerate(lines):
        if line.text[:1].isdecimal() and (m := _NUMBERED.match(line.text)):
            at.setdefault(int(m.group(1)), []).append(i)
            titles[i] = m.group(2).strip()
    start = 0
    while True:
        found: list[Heading] = []
        nxt = start
        while (where := at.get(len(found) + 1)) and (k := bisect_left(where, nxt)) < len(where):
            number, nxt = len(found) + 1, where[k] + 1
            found.append(Heading(where[k], f"{number}.", number, titles[where[k]]))
        if len(found) < 2:
            return []
        if any(_text_between(lines, a.line, b.line) for a, b in pairwise(found)):
            return found
        start = found[-1].line + 1


# A run of numbered headings that starts past 1 ("5. Budget", "6. Rapporter", "7. Övrigt": the
# formalities 1–4 on a page of their own) needs this many items, each numbered one past the
# last, and titles no longer than a short heading's.
_MIN_HIGHER_RUN = 3
_MAX_HIGHER_TITLE = 60


def _numbered_from_higher(lines: list[Line]) -> list[Heading]:
    """Numbered headings of a text with no other heading whose count starts past 1, when they
    read as headings: at least `_MIN_HIGHER_RUN` in a row numbered one past the last, each a
    short title (`_heads_numbered`) with text under it before the next. A numbered list (its
    items line after line, or sentences that go on in the next line) stays text; the longest
    run counts, the first among equals, and it wins over a shorter run from 1 (`find_headings`),
    such as a list "1. … 2. …" inside one of its items. Before, such a protocol was one
    section, and its first decision ran on over every heading below it."""
    runs: dict[int, list[Heading]] = {}  # the longest run that ends at each number
    for i, line in enumerate(lines):
        text = line.text
        if not text[:1].isdecimal() or (m := _NUMBERED.match(text)) is None:
            continue
        if not _heads_numbered(lines, i, m.group(2)):
            continue
        number = int(m.group(1))
        heading = Heading(i, f"{number}.", number, m.group(2).strip())
        run = runs.pop(number - 1, [])
        if run and not _text_between(lines, run[-1].line, i):
            run = []  # a list's items line after line: no run goes on through them
        extended = [*run, heading]
        if len(extended) > len(runs.get(number, [])):
            runs[number] = extended
    best = max(runs.values(), key=lambda run: (len(run), -run[0].line), default=[])
    if len(best) < _MIN_HIGHER_RUN or not _text_between(lines, best[-1].line, len(lines)):
        return []
    return best


def _heads_numbered(lines: list[Line], i: int, title: str) -> bool:
    """Whether the numbered line at i reads as a heading: a short title that is no sentence
    (no end mark, no actor and verb, no "Att …", no word it goes on after) and that the next
    line does not go on in lower case."""
    title = title.strip()
    if len(title) > _MAX_HIGHER_TITLE or title.endswith(("!", "?")):
        return False
    if _ACTOR_SENTENCE.match(title) or _NOT_NEXT_TITLE.match(title) or _CONTINUES.search(title):
        return False
    nxt = _next_content(lines, i)
    return nxt is None or not lines[nxt].text[:1].islower()


def _text_between(lines: list[Line], start: int, end: int) -> bool:
    """Whether a line between `start` and `end` (neither included) has text."""
    return any(line.text for line in lines[start + 1 : end])


def segment(lines: list[Line], *, tables: bool = True) -> Segmented:
    """Split lines into header and sections, choosing the layout from the heading pattern.
    `tables=False` says the text has no "|", so no table rows (`_table_rows`) to read."""
    lines, rules = _table_rows(lines) if tables else (lines, [])
    found = find_headings(lines)
    headings = _drop_listed_agenda(lines, _drop_agenda_runs(lines, found))
    headings = _attachments(lines, headings)
    if not headings:
        return Segmented(header=lines, sections=[], dropped=rules)
    _title_lone_continuations(found, headings)
    if _is_column_layout(lines, headings):
        seg = align_columns(lines, headings)
    else:
        seg = _plain_sections(lines, headings)
    seg.dropped[:0] = rules
    return seg


def _table_rows(lines: list[Line]) -> tuple[list[Line], list[tuple[str, str]]]:
    """`lines` with a text export's table rows that hold a heading as their cells ("| § 2
    Budget | Styrelsen beslutar … |" → "§ 2 Budget | Styrelsen beslutar …", `_make_heading`
    then splits them; the table's head, "| Ärende | Beslut |", stays as it is)
    and the rules under a table's head ("|---|---|") blank, listed as dropped; every line keeps
    its place, which headings are found by. Only rows whose line starts with "|" change:
    almost every document has none."""
    if not any(line.text[:1] == "|" for line in lines):
        return lines, []
    kept: list[Line] = []
    rules: list[tuple[str, str]] = []
    for line in lines:
        text = line.text
        cells = [cell.strip() for cell in text.strip("|").split("|")] if text[:1] == "|" else []
        if _TABLE_RULE.match(text):
            rules.append(("table rule", text))
            kept.append(line.with_text(""))
        elif cells and match_heading(row := _CELL.join(cell for cell in cells if cell)):
            kept.append(line.with_text(row))
        else:
            kept.append(line)
    return kept, rules


# The gap between a tab-separated row's cells in a text export: one tab or more, with any
# spaces around them.
_TAB_GAP = re.compile(r" *\t[\t ]*")


def tab_rows(pages: list[str]) -> list[str]:
    """The page texts with each tab-separated table row that holds a § heading written as a
    "|" row reads after `_table_rows` ("§ 2\tBudget\tBudgeten antas." → "§ 2 Budget |
    Budgeten antas."), for `_make_heading` to split into the heading and its body.

    Cleaning collapses every run of blanks, tabs too, into one space, so such a row became a
    heading whose title ran on into its decision ("Budget Budgeten antas"), which no one
    then found. Only lines with a tab that open with a § change (`_tab_row`): every other
    tab is read as before, and a page without a tab comes back as it is."""
    return [_tab_rows_page(page) if "\t" in page else page for page in pages]


def _tab_rows_page(page: str) -> str:
    lines = page.split("\n")
    rows = {k: row for k, line in enumerate(lines) if "\t" in line and (row := _tab_row(line))}
    if not rows:
        return page
    return "\n".join(rows.get(k, line) for k, line in enumerate(lines))


def _tab_row(line: str) -> str | None:
    """The row a line of tab-separated cells makes when its first cell, or its first two
    ("§ 2", "Budget"), make a § heading and another cell follows that is not the heading's
    registration number ("§ 2 Budget\tDnr 2024/12" reads as it did); else None."""
    cells = [" ".join(cell.split()) for cell in _TAB_GAP.split(line.strip())]
    cells = [cell for cell in cells if cell]
    if len(cells) < 2 or cells[0][:1] not in "§0123456789":
        return None
    head = match_heading(cells[0])
    if head is None or not head[0].startswith("§"):
        return None
    if not head[2]:  # a bare "§ 2": the title is the next cell
        cells = [f"{cells[0]} {cells[1]}", *cells[2:]]
    if len(cells) < 2 or all(_DNR_LINE.match(cell) for cell in cells[1:]):
        return None
    if _goes_on_across(cells[0], cells[1]):
        return None
    row = _CELL.join(cells)
    return row if match_heading(row) else None


def _goes_on_across(first: str, then: str) -> bool:
    """Whether a line's words go on across its tab: the first cell breaks off ("§ 5
    Information från" / "förbundschefen") or the next opens in lower case, other than a
    decision's "att …" ("§ 9 Förbundsordningen" / "anger att …", a reference wrapped to the
    line's start). A tab there is a gap in the text, not between cells: read as a row, the
    title was cut, and a " | " was put into a reference's sentence."""
    return bool(_CONTINUES.search(first)) or (then[:1].islower() and not then.startswith("att "))


# The title of a continued § whose own title is in no line of the file ("§ 14 forts.").
_CONTINUED_TITLE = "(forts.)"


def _title_lone_continuations(found: list[Heading], headings: list[Heading]) -> None:
    """Title a § marked as continued whose start is not in the file (a page is missing, or the
    file begins with it), when its heading line has nothing but the mark ("§ 14 forts."): the
    title the agenda in the head gives it ("§ 14 Ekonomisk rapport", a heading that was then
    dropped as the agenda's), else "(forts.)".

    A hit then reads "§ 14 (forts.)" in a list of results: it says truthfully what the text
    is, the rest of a § whose start is missing, where a bare "§ 14" looks like a whole § that
    lost its title. The line under the mark is not taken for the title, however like one it
    reads: it is the § going on from the page before ("Ekonomisk rapport per augusti …"), and
    a wrong title misleads a reader more than a mark."""
    seen: set[str] = set()
    agenda: dict[str, str] | None = None  # read only for a file that has such a §: few do
    for heading in headings:
        if heading.continued and not heading.title and heading.label not in seen:
            if agenda is None:
                agenda = _agenda_titles(found, headings)
            heading.title = agenda.get(heading.label, _CONTINUED_TITLE)
        seen.add(heading.label)


def _agenda_titles(found: list[Heading], headings: list[Heading]) -> dict[str, str]:
    """The titles the agenda in the head gives each § (label → title): the headings found
    before the first one kept, which were dropped as the agenda's."""
    kept = {id(h) for h in headings}
    head = headings[0].line
    return {
        h.label: h.title
        for h in found
        if h.line < head and id(h) not in kept and h.title and not h.continued
    }


def _plain_sections(lines: list[Line], headings: list[Heading]) -> Segmented:
    """Each heading's section runs to the next heading. A § continued on the next page ("§ 15
    forts.") is more of the § it continues, when that came before: its lines go to that
    section (which keeps its page), and its heading is dropped."""
    sections: list[RawSection] = []
    by_label: dict[str, RawSection] = {}
    dropped: list[tuple[str, str]] = []
    # The first heading's start stays: a "Dnr" in the head above it is the document's own,
    # printed in its letterhead.
    starts = [headings[0].line, *(_dnr_above(lines, h.line) for h in headings[1:])]
    for k, heading in enumerate(headings):
        end = starts[k + 1] if k + 1 < len(headings) else len(lines)
        body = lines[heading.line + heading.lines_used : end]
        if starts[k] < heading.line:  # its "Dnr" above it, then the rest of its lines
            body = [*lines[starts[k] : heading.line], *body]
        earlier = by_label.get(heading.label) if heading.continued else None
        if earlier is not None:
            if sections[-1] is not earlier:
                earlier.joined.append((len(earlier.lines), sections[-1], heading.line))
            earlier.lines.extend(body)
            # Its heading lines (a "Dnr" on them too) repeat the first's.
            used = lines[heading.line : heading.line + heading.lines_used]
            dropped.extend(("continued heading", line.text) for line in used if line.text)
            continue
        if heading.body_prefix:
            body = [Line(heading.body_prefix, lines[heading.line].page), *body]
        section = RawSection(heading, body, page=lines[heading.line].page)
        sections.append(section)
        by_label[heading.label] = section
    return Segmented(header=lines[: starts[0]], sections=sections, dropped=dropped)


def _dnr_above(lines: list[Line], i: int) -> int:
    """Where the section of the heading at line i starts: at a registration number alone on
    its line right above it ("Dnr 2024/13" / "§ 6 Plan"), blank lines between, which is the
    § under it's and was the end of the § before (a decision without its full stop ran into
    it); else at the heading."""
    k = i - 1
    while k >= 0 and not lines[k].text:
        k -= 1
    if k >= 0 and lines[k].text[:1] in "Dd" and _DNR_LINE.match(lines[k].text):
        return k
    return i


# A § section's label and the numbers it covers: "§ 12", "§§ 12–14", "§§ 12 och 13". A letter
# ("§ 47a", added to the agenda) fails, and so do "Bilaga 1", "Mål 3" and "1.".
_NUMBERED_LABEL = re.compile(r"^§§? (\d+)(?:(?:–| och )(\d+))?$")


def paragraph_gaps(sections: list[RawSection]) -> list[tuple[int, int]]:
    """(the last number before, the number after) wherever the § numbers jump forward by more
    than one ("§ 12" then "§ 15"): in a protocol, a page may be missing. "§§ 12–14" covers up
    to 14; a § with a letter and an attachment are passed over; a number that goes back is a
    restart, and counting goes on from it, as it does after another meeting's head (a section
    without label, `index.meetings`), whose § may start anywhere; an extract of another meeting
    is passed over. Whether a gap matters
    depends on the document's kind (an extract holds a few § only), which the caller knows."""
    gaps: list[tuple[int, int]] = []
    last: int | None = None
    extract = False  # an extract of another meeting holds a few § apart
    for section in sections:
        if not section.heading.label:
            last, extract = None, "utdrag" in section.heading.title.lower()
            continue
        m = _NUMBERED_LABEL.match(section.heading.label)
        if extract:
            continue
        if m is None:
            continue
        first = int(m.group(1))
        if last is not None and first > last + 1:
            gaps.append((last, first))
        last = int(m.group(2) or first)
    return gaps


def _runs(lines: list[Line], headings: list[Heading]) -> list[list[Heading]]:
    """Group headings that follow each other with only blank lines between them."""
    runs: list[list[Heading]] = []
    for heading in headings:
        if runs:
            prev = runs[-1][-1]
            between = lines[prev.line + prev.lines_used : heading.line]
            if not prev.row and all(not line.text for line in between):
                runs[-1].append(heading)
                continue
        runs.append([heading])
    return runs


def _drop_agenda_runs(lines: list[Line], headings: list[Heading]) -> list[Heading]:
    """Forget a listed agenda ("§1 X / §2 Y / §3 Z") whose items recur later as real headings.

    The numbers after each agenda are gathered in one backward pass over the headings, and
    the agendas dropped at the end: gathered afresh for every run, and the kept headings
    filtered once a run, a text of many runs of § titles took the square of its length."""
    agendas = [a for a in map(_before_repeat, _runs(lines, headings)) if len(a) >= 3]
    if not agendas:  # almost every document
        return list(headings)
    by_line = sorted(headings, key=lambda h: h.line)
    later: set[int | None] = set()  # the numbers of the headings after the agenda at hand
    dropped: set[int] = set()  # the agendas' headings, by id: a Heading is unhashable
    for agenda in sorted(agendas, key=lambda a: a[-1].line, reverse=True):
        while by_line and by_line[-1].line > agenda[-1].line:
            later.add(by_line.pop().number)
        if sum(h.number in later for h in agenda) >= len(agenda) // 2 + 1:
            dropped.update(map(id, agenda))
    return [h for h in headings if id(h) not in dropped]


# An attachment's first line: "Bilaga 1", "Bilaga 2 till protokoll 2024-03-12 § 3".
_ATTACHMENT = re.compile(r"^Bilaga\s+(\d{1,2})\b[\s:.–-]*(.*)$")


def _attachments(lines: list[Line], headings: list[Heading]) -> list[Heading]:
    """An attachment printed after the protocol ("Bilaga 1 …") whose own § start again from
    1 becomes one section, "Bilaga 1", with its § lines as its text: they are not the
    meeting's paragraphs. Only a § number that comes round again marks one; a "Bilaga 1"
    line that the § go on counting after is text."""
    found = [
        (i, _ATTACHMENT.match(line.text)) for i, line in enumerate(lines) if line.text[:1] == "B"
    ]
    starts = {i: m for i, m in found if m}
    if not starts:  # almost every document
        return headings
    result: list[Heading] = []
    highest = 0
    for heading in headings:
        previous = result[-1].line if result else -1
        # The attachment's line just before this heading, if any since the last section.
        start = next((i for i in reversed(starts) if previous < i < heading.line), None)
        if result and result[-1].label.startswith("Bilaga") and start is None:
            continue  # inside an attachment: its § are its text
        # "§ 15 forts." comes round to its number without restarting the count.
        restarts = (
            heading.number is not None and heading.number <= highest and not heading.continued
        )
        if start is not None and restarts:
            m = starts[start]
            result.append(Heading(start, f"Bilaga {int(m.group(1))}", None, m.group(2).strip()))
            continue
        if heading.number is not None:
            highest = max(highest, heading.number)
        result.append(heading)
    return result


def _before_repeat(headings: list[Heading]) -> list[Heading]:
    """The headings before the first whose number has come before."""
    seen: set[int | None] = set()
    for k, heading in enumerate(headings):
        if heading.number in seen:
            return headings[:k]
        seen.add(heading.number)
    return headings


_AGENDA_ITEM_LINES = 3  # lines an agenda item may have under it ("Föredragande: ordf.")
# What a line of a paragraph that decided holds, and an agenda item's line does not: a decision's
# verb, or the passive a protocol records decisions in ("Dagordningen godkändes"); or a
# "Beslut" label (`_decides`).
# "läggs till" also covers a matter added to the agenda ("… läggs till dagordningen").
_DECIDING = ("beslutar", "beslutade", "beslöt", "läggs till", "lades till", *PASSIVE_DECISIONS)


def _drop_listed_agenda(lines: list[Line], headings: list[Heading]) -> list[Heading]:
    """Forget an agenda that `_drop_agenda_runs` cannot see: two items only, or a line under
    each ("§ 1 Öppnande" / "Föredragande: ordföranden").

    The agenda is the headings before a number first comes round again, when every one of
    them comes round again with the same title (an attachment that numbers its own § from 1
    has other titles) and none but the last has more than a few lines under it (the last
    one's lines, up to the first real §, are the protocol's head)."""
    agenda = _before_repeat(headings)
    later = headings[len(agenda) :]
    if len(agenda) < 2 or not later:
        return headings
    titles = {(h.number, _norm(h.title)) for h in later}
    if any((h.number, _norm(h.title)) not in titles for h in agenda):
        return headings
    for heading, nxt in pairwise(agenda):
        under = lines[heading.line + heading.lines_used : nxt.line]
        if sum(1 for line in under if line.text) > _AGENDA_ITEM_LINES:
            return headings
    # An agenda decides nothing: short paragraphs with decisions under the same titles are
    # another meeting's, printed before this one in the same file (`index.meetings`).
    heading_lines = {heading.line for heading in agenda}
    under_all = [
        line.text
        for i, line in enumerate(lines[agenda[0].line : later[0].line], start=agenda[0].line)
        if i not in heading_lines
    ]
    if any(_decides(text) for text in under_all):
        return headings
    return later


def _decides(text: str) -> bool:
    """Whether a line under a heading records a decision (`_DECIDING`)."""
    return text == "Beslut" or text.startswith("Beslut:") or any(v in text for v in _DECIDING)


def _is_column_layout(lines: list[Line], headings: list[Heading]) -> bool:
    """Most headings stand in runs of three or more, and no § number repeats."""
    if len(headings) < 4:
        return False
    numbers = [h.number for h in headings]
    if len(set(numbers)) != len(numbers):
        return False
    in_runs = sum(len(run) for run in _runs(lines, headings) if len(run) >= 3)
    return in_runs >= 0.6 * len(headings)


# --- two-column alignment -----------------------------------------------------------------

_COLUMN_LABEL = re.compile(
    r"^(?:Beslut|Information|Orientering|Diskussion|Beslutsärende|Informationsärende"
    r"|Diskussionsärende|Rapport)$"
)
_DECISION_ID = re.compile(r"^Beslut\s+(\d{4}-\d+\s*§\s*0*(\d+)(?::\d+)?)\s*$")
_DECISION_LIST = re.compile(r"^Beslutslista$", re.IGNORECASE)
_REFERENCE = re.compile(rf"§\s*0*({PARAGRAPH_NUMBER})(?!\d)")
_DECIDED = re.compile(
    r"\b(?:beslutade|beslutar|beslöt|godkände|godkänns|valde|väljs|utses|utsågs"
    r"|lades till handlingarna|läggs till handlingarna)\b",
    re.IGNORECASE,
)
# A procedural note that opens a § ("(Ärendet behandlades efter §11 …)").
_OPENS_SECTION = re.compile(r"^\((?:Ärendet|Punkten|Frågan)\b")
_WORDS = re.compile(r"[a-zåäöé]{3,}")
_STOP = {"och", "för", "att", "med", "som", "den", "det", "till", "från", "inom", "kring", "av"}


@dataclass
class _Paragraph:
    lines: list[Line]
    run: int = 0  # the run of headings (`_runs`) printed before it
    anchor: int | None = None  # § number fixed by a decision id

    # What the alignment reads of a paragraph, worked out once: it is asked for each title.
    @cached_property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @cached_property
    def keys(self) -> set[str]:
        return _keys(self.text)

    @cached_property
    def references(self) -> set[int]:
        """The § numbers it names ("behandlades efter §11")."""
        return {int(n) for n in _REFERENCE.findall(self.text)}

    @cached_property
    def decided(self) -> bool:
        return bool(_DECIDED.search(self.text))

    @cached_property
    def opens(self) -> bool:
        return bool(_OPENS_SECTION.match(self.text))


def align_columns(lines: list[Line], headings: list[Heading]) -> Segmented:
    """Assign body paragraphs to the § titles that a two-column layout printed apart from them.

    Paragraphs keep their order, and so do the titles, so the assignment is monotone. Within
    that, dynamic programming maximises: paragraphs holding a decision id ("Beslut 2025-5
    §06:1") go to that §, words shared with a title pull a paragraph to it, a paragraph that
    names another § ("behandlades efter §11") is kept out of that one, and a paragraph after a
    decision tends to open the next §, as does a procedural note ("(Ärendet behandlades …)").
    A text too large for one such alignment is aligned in pieces (`_assignment`).
    """
    heading_lines = {h.line + k for h in headings for k in range(h.lines_used)}
    first = headings[0].line
    runs = _runs(lines, headings)
    run_at = {run[0].line: k for k, run in enumerate(runs)}
    body: list[Line] = []
    body_runs: list[int] = []
    run = 0
    for i in range(first, len(lines)):
        run = run_at.get(i, run)
        if i not in heading_lines:
            body.append(lines[i])
            body_runs.append(run)
    dropped: list[tuple[str, str]] = []
    paragraphs = _drop_decision_echoes(_paragraphs(body, body_runs, dropped), dropped)
    numbers = {h.number: j for j, h in enumerate(headings)}
    for p in paragraphs:
        ids = [int(m.group(2)) for line in p.lines if (m := _DECISION_ID.match(line.text))]
        if ids and ids[0] in numbers:
            p.anchor = numbers[ids[0]]
    sections = [RawSection(h, [], page=lines[h.line].page) for h in headings]
    for p, j in zip(paragraphs, _assignment(paragraphs, headings, runs), strict=True):
        if sections[j].lines:
            sections[j].lines.append(Line("", p.lines[0].page))
        sections[j].lines.extend(p.lines)
    for section in sections:  # a heading line's part of the body ("§ 5 Dnr 2024/12") opens it
        if section.heading.body_prefix:
            section.lines.insert(0, Line(section.heading.body_prefix, section.page))
    return Segmented(lines[:first], sections, dropped)


def _paragraphs(
    lines: list[Line], runs: list[int], dropped: list[tuple[str, str]]
) -> list[_Paragraph]:
    """Blank-line separated paragraphs, without column type labels ("Beslut", "Diskussion");
    `runs[k]` is the run of headings before `lines[k]`."""
    paragraphs: list[_Paragraph] = []
    current: list[Line] = []
    run = 0
    for line, line_run in zip(lines, runs, strict=True):
        if _COLUMN_LABEL.match(line.text):
            dropped.append(("layout label", line.text))
            continue
        if line.text:
            if not current:
                run = line_run
            current.append(line)
        elif current:
            paragraphs.append(_Paragraph(current, run))
            current = []
    if current:
        paragraphs.append(_Paragraph(current, run))
    return paragraphs


def _drop_decision_echoes(
    paragraphs: list[_Paragraph], dropped: list[tuple[str, str]]
) -> list[_Paragraph]:
    """Remove the decision list (Beslutslista) that repeats decisions already printed in their §."""
    seen_ids: set[str] = set()
    seen_texts: set[str] = set()
    kept: list[_Paragraph] = []
    for p in paragraphs:
        lines = []
        for k, line in enumerate(p.lines):
            m = _DECISION_ID.match(line.text)
            if (m and m.group(1) in seen_ids) or _DECISION_LIST.match(line.text):
                dropped.append(("duplicate", line.text))
                continue
            if m:
                seen_ids.add(m.group(1))
                seen_texts.add(_norm(_text_after(p.lines, k)))
            lines.append(line)
        has_id = any(_DECISION_ID.match(x.text) for x in lines)
        if lines and not has_id and _norm("\n".join(x.text for x in lines)) in seen_texts:
            dropped.extend(("duplicate", x.text) for x in lines)
            continue
        if lines:
            kept.append(_Paragraph(lines, p.run))
    return kept


def _text_after(lines: list[Line], k: int) -> str:
    out = []
    for line in lines[k + 1 :]:
        if _DECISION_ID.match(line.text):
            break
        out.append(line.text)
    return "\n".join(out)


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _keys(text: str) -> set[str]:
    """Crude stems for matching titles to bodies: the first five letters of content words."""
    return {w[:5] for w in _WORDS.findall(text.lower()) if w not in _STOP}


def _similarity(p: _Paragraph, number: int | None, title: set[str]) -> float:
    """How much a paragraph's words pull it to a title (`title`: its `_keys`); -1 when it
    names the title's § (`number`)."""
    if number in p.references:
        return -1.0
    if not title:
        return 0.0
    return len(title & p.keys) / len(title)


_SIM_WEIGHT = 2.0
_OPEN_BONUS = 1.0
_AFTER_DECISION_BONUS = 0.4
_IMPOSSIBLE = float("-inf")
# The paragraphs × titles that one alignment weighs. Its work and memory are their product: a
# protocol has tens of titles and at most a few hundred paragraphs (Blekinge's: 28 × 16), but a
# text of thousands of § titles in runs took minutes and gigabytes (docs/robustness.md). Past
# this, the text is aligned in pieces of whole runs of titles (`_pieces`), each of about as many.
_MAX_CELLS = 20_000


def _assignment(
    paragraphs: list[_Paragraph], headings: list[Heading], runs: list[list[Heading]]
) -> list[int]:
    """The heading index of each paragraph: one alignment over all when it is small enough,
    else one for each piece (`_pieces`), so that the work grows with the text, not its square."""
    if len(paragraphs) * len(headings) <= _MAX_CELLS:
        return _aligned(paragraphs, headings, 0)
    sizes = [[len(run), 0] for run in runs]
    for p in paragraphs:
        sizes[p.run][1] += 1
    result: list[int] = []
    for h0, h1, p0, p1 in _pieces([(h, p) for h, p in sizes]):
        result.extend(h0 + j for j in _aligned(paragraphs[p0:p1], headings[h0:h1], h0))
    return result


def _pieces(units: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """Cut a text's (titles, paragraphs) for each run of titles (`units`, in order; a run's
    paragraphs are those up to the next run) into pieces of consecutive units (first title,
    end, first paragraph, end) of at most `_MAX_CELLS` titles × paragraphs, so that each piece
    is aligned alone. Adding a unit to the piece before it is refused only when the two are
    too large together, so that two pieces side by side hold about 2·√`_MAX_CELLS` titles and
    paragraphs or more, and all the pieces' work is at most about √`_MAX_CELLS` times the
    text's titles and paragraphs. A run too large alone is cut into parts of its titles and,
    in proportion, its paragraphs; each part has a title."""
    pieces: list[tuple[int, int, int, int]] = []
    h0 = p0 = h = p = 0
    for run_h, run_p in units:
        if h and (h + run_h) * (p + run_p) > _MAX_CELLS:
            pieces.append((h0, h0 + h, p0, p0 + p))
            h0, p0, h, p = h0 + h, p0 + p, 0, 0
        if run_h * run_p <= _MAX_CELLS:
            h, p = h + run_h, p + run_p
            continue
        parts = min(run_h, isqrt(run_h * run_p // _MAX_CELLS) + 1)
        for k in range(parts):
            pieces.append(
                (
                    h0 + k * run_h // parts,
                    h0 + (k + 1) * run_h // parts,
                    p0 + k * run_p // parts,
                    p0 + (k + 1) * run_p // parts,
                )
            )
        h0, p0 = h0 + run_h, p0 + run_p
    if h:
        pieces.append((h0, h0 + h, p0, p0 + p))
    return pieces


def _aligned(paragraphs: list[_Paragraph], headings: list[Heading], first: int) -> list[int]:
    """The best assignment (`_best_assignment`) of paragraphs to headings (`first`: the index
    of `headings[0]` among all, which decision ids name). Decision ids out of order, or naming
    a § of another piece, are let go (aligned by words and order alone)."""
    m, n = len(paragraphs), len(headings)
    anchors = [
        p.anchor - first if p.anchor is not None and 0 <= p.anchor - first < n else None
        for p in paragraphs
    ]
    opens = [p.opens for p in paragraphs]
    for fixed in (anchors, [None] * m):
        result = _best_assignment(paragraphs, headings, fixed, opens)
        if result is not None:
            return result
    # More notes than §s to open: each may then stay in the § before, which is always possible.
    return _best_assignment(paragraphs, headings, [None] * m, [False] * m) or [0] * m


def _best_assignment(
    paragraphs: list[_Paragraph],
    headings: list[Heading],
    anchors: list[int | None],
    opens: list[bool],
) -> list[int] | None:
    """Monotone assignment of paragraphs to headings maximising the score described above,
    where paragraph i goes to `anchors[i]` when that is set and, when `opens[i]`, opens a §.

    None when the anchors cannot all be honoured in order. Its score rows are kept one at a
    time: only the choices made (`back`) are needed for the answer.
    """
    n, m = len(headings), len(paragraphs)
    if m == 0:
        return []
    titles = [(h.number, _keys(h.title)) for h in headings]
    score = [_IMPOSSIBLE] * n
    back = [[0] * n]
    for j in range(n):
        if anchors[0] is None or anchors[0] == j:
            score[j] = _SIM_WEIGHT * _similarity(paragraphs[0], *titles[j]) + _OPEN_BONUS
    for i in range(1, m):
        p, anchor, previous = paragraphs[i], anchors[i], score
        decided = paragraphs[i - 1].decided
        score, choice = [_IMPOSSIBLE] * n, [0] * n
        best_prev, best_prev_j = _IMPOSSIBLE, -1  # best over j' < j
        for j in range(n):
            if anchor is not None and anchor != j:
                if previous[j] > best_prev:
                    best_prev, best_prev_j = previous[j], j
                continue
            sim = _SIM_WEIGHT * _similarity(p, *titles[j])
            stay = _IMPOSSIBLE if opens[i] else previous[j]
            advance = best_prev + _OPEN_BONUS + (_AFTER_DECISION_BONUS if decided else 0.0)
            if advance >= stay:  # ties: a paragraph continues the § before it
                score[j], choice[j] = advance + sim, best_prev_j
            else:
                score[j], choice[j] = stay + sim, j
            if previous[j] > best_prev:
                best_prev, best_prev_j = previous[j], j
        back.append(choice)
    j = max(range(n), key=lambda k: score[k])
    if score[j] == _IMPOSSIBLE:
        return None
    result = [0] * m
    for i in range(m - 1, -1, -1):
        result[i] = j
        j = back[i][j]
    return result
