"""Cleaning: from raw page texts to the lines a person would call the document.

Protocols arrive with page furniture ("Justerare Utdragsbestyrkande", "Sida 3 (5)"), whole
documents printed twice, e-signing logs appended as JSON, words hyphenated across line ends,
headings set in broken fonts and personal identity numbers. Each step here removes or repairs
one of those, and records what it dropped and why, so that tests can prove nothing else is lost.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice, pairwise, repeat

from index import privacy
from index.fonts import font_damaged, repair_broken_font
from index.lines import Line, MeetingTitle
from index.meetings import ATTENDANCE_LABELS, is_meeting_title
from index.metadata import sure_meeting_date


@dataclass
class Cleaned:
    """Clean lines plus an account of every line removed, as (reason, text) pairs."""

    lines: list[Line]
    dropped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    masked: bool = False  # whether any identity number was masked in the lines kept
    # Whether a line longer than `LONG_LINE` was broken into sentences (`break_long_lines`).
    broken: bool = False


def to_lines(pages: list[str], paged: bool) -> list[Line]:
    """Split page texts into lines with whitespace collapsed; blank lines are kept as ''.

    Any run of Unicode blanks (tabs, no-break and thin spaces, form feeds, zero-width spaces)
    becomes one space.
    """
    lines: list[Line] = []
    for number, page in enumerate(pages, start=1):
        page_number = number if paged else None
        if "\u200b" in page:
            page = page.replace("\u200b", " ")
        texts = [" ".join(raw.split()) for raw in page.split("\n")]
        lines.extend(map(Line, texts, repeat(page_number)))
    return lines


# A line longer than this is no line a page prints (the longest in the sample and the bench
# corpus are a few hundred characters, an HTML paragraph a few thousand) but a text export that
# lost its line breaks: it is broken into sentences (`break_long_lines`).
LONG_LINE = 10_000
# The longest piece such a line is broken into when no sentence ends sooner.
_PIECE = 1_000
# A sentence's end where the next starts with a capital: not with "§", a digit or "Mål",
# which would start a heading in a text whose lines and headings are lost alike.
_SENTENCE_BREAK = re.compile(r"[.!?] (?=(?!Mål\b)[A-ZÅÄÖÉ])")
# A piece never starts with what would start a heading ("§ 5", "12 §", "Mål 3") or a number's
# second half ("-1230").
_NO_PIECE_START = frozenset("§M0123456789-+")
_BLANKS = re.compile(r"\s+")  # the blanks str.split() splits at
_LEADER_CHARS = frozenset("._…")


def break_long_lines(pages: list[str]) -> list[str]:
    """The pages with each line longer than `LONG_LINE` broken into its sentences.

    A 50 MB text that lost its line breaks is one line: every step after this one works line
    by line, and steps that read a line around each of their matches took the square of its
    length (a minute for 50 MB). Broken at its sentences, the text reads as a text with lines
    does; it stays free of headings, as nothing tells a heading from a reference in it. Pages
    without such a line come back as they are, after one length check."""
    if all(len(page) <= LONG_LINE for page in pages):
        return pages
    broken = [_break_page(page) if len(page) > LONG_LINE else page for page in pages]
    return pages if all(map(str.__eq__, broken, pages)) else broken


def _break_page(page: str) -> str:
    lines = page.split("\n")
    if max(map(len, lines)) <= LONG_LINE:
        return page
    return "\n".join(_sentences(line) if len(line) > LONG_LINE else line for line in lines)


def _sentences(line: str) -> str:
    """The line, its blanks collapsed (as `to_lines` does), one sentence a line; a sentence
    longer than `_PIECE` wrapped at a space."""
    # A regex, not split and join: a list of every word of 50 MB held ten times the text.
    text = _BLANKS.sub(" ", line).strip()
    pieces: list[str] = []
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        pieces.extend(_wrapped(text, start, m.start() + 1))
        start = m.end()
    pieces.extend(_wrapped(text, start, len(text)))
    return "\n".join(pieces)


def _wrapped(text: str, start: int, end: int) -> list[str]:
    """text[start:end] in pieces of at most `_PIECE` characters where a space allows (a word
    longer than that stays whole), in time linear in its length: each piece takes at least
    half of `_PIECE`, or runs to the first space allowed after it."""
    pieces: list[str] = []
    while end - start > _PIECE:
        at = _space_before(text, start + _PIECE // 2, start + _PIECE)
        if at < 0:
            at = _space_after(text, start + _PIECE, end)
            if at < 0:
                break
        pieces.append(text[start:at])
        start = at + 1
    pieces.append(text[start:end])
    return pieces


def _breakable(text: str, at: int) -> bool:
    """Whether the line may break at the space text[at]: not inside a number, before a
    heading's first character, or inside a dotted leader (". . . . 4", which `drop_leaders`
    reads whole)."""
    after, before = text[at + 1], text[at - 1]
    return (
        after not in _NO_PIECE_START
        and not after.isdigit()  # also a full-width digit ("－ １２１２"), as `before`
        and not before.isdigit()
        and not (before in _LEADER_CHARS and after in _LEADER_CHARS)
    )


def _space_before(text: str, low: int, high: int) -> int:
    at = text.rfind(" ", low, high)
    while at >= 0 and not _breakable(text, at):
        at = text.rfind(" ", low, at)
    return at


def _space_after(text: str, low: int, high: int) -> int:
    at = text.find(" ", low, high)
    while at >= 0 and not _breakable(text, at):
        at = text.find(" ", at + 1, high)
    return at


def clean(pages: list[str], paged: bool, vocabulary: Iterable[str] = ()) -> Cleaned:
    """Run every cleaning step in order; `vocabulary` lists known words for font repair."""
    lined = break_long_lines(pages)
    pages, broken = lined, lined is not pages
    result = Cleaned(to_lines(pages, paged), broken=broken)
    cut_machine_data(result)
    drop_duplicate_runs(result)
    drop_furniture(result, paged)
    if _box_after_paragraph(pages):
        drop_posting_box(result)
    # Identity numbers are masked while the lines are as the page had them: joining words
    # hyphenated at a line end would glue a number's first half ("19121212-") to a word.
    result.masked = mask_identity_numbers(result.lines, paged=paged)
    if _holds(pages, *_LEADER_MARKS):
        drop_leaders(result)
    result.lines = drop_wrap_blanks(result.lines)
    # Rare characters are looked for once in the few page texts, not in every line.
    result.lines = join_hyphenated(result.lines, soft=_holds(pages, _SOFT_HYPHEN))
    repair_broken_font(result.lines, vocabulary, damaged=font_damaged(pages))
    return result


def _holds(pages: list[str], *chars: str) -> bool:
    return any(char in page for page in pages for char in chars)


def mask_identity_numbers(lines: list[Line], *, paged: bool = True) -> bool:
    """Mask personnummer, also one that a line break cut in two ("19850412" / "-1230"), and
    say whether there was any; the cheap whole-text checks come first, so a document without
    any costs two scans."""
    text = "\n".join([line.text for line in lines])
    masked = privacy.mask_split_numbers(text)
    if masked is not text:
        for line, new in zip(lines, masked.split("\n"), strict=True):
            line.text = new
    across = paged and _mask_page_breaks(lines)
    if privacy.contains_personal_number(masked):
        for line in lines:
            line.text = privacy.mask_personal_numbers(line.text)
        return True
    return masked is not text or across


def _mask_page_breaks(lines: list[Line]) -> bool:
    """Mask numbers cut by a page break with furniture left between the halves (a running
    header that cleaning kept); True if any."""
    found = False
    for k in range(1, len(lines)):
        if lines[k].page == lines[k - 1].page:
            continue
        tail = _edge(lines, range(k - 1, -1, -1), lines[k - 1].page)[::-1]
        head = _edge(lines, range(k, len(lines)), lines[k].page)
        texts = [lines[i].text for i in tail], [lines[i].text for i in head]
        if privacy.mask_across_page_break(*texts):
            for i, new in zip(tail + head, texts[0] + texts[1], strict=True):
                lines[i].text = new
            found = True
    return found


def _edge(lines: list[Line], order: range, page: int | None) -> list[int]:
    """The indices of the first `privacy.EDGE_LINES` non-blank lines of `page`, in `order`."""
    found: list[int] = []
    for i in order:
        if lines[i].page != page or len(found) == privacy.EDGE_LINES:
            break
        if lines[i].text:
            found.append(i)
    return found


# --- machine data -------------------------------------------------------------------------

_JSON_LINE = re.compile(
    r"""^(?:[\[\]{}(),]+|"[^"]*"\s*:.*|"[^"]*",?|-?\d+(?:\.\d+)?,?|true,?|false,?|null,?)$"""
)
# The first line of a signing service's log: Scrive's and Assently's "Verifikat" page,
# Penneo's closing page, the page Visma Addo and others head "Signeringsbevis" or with their
# name. A service's name starts a log only as a heading ("Visma Addo", "Assently
# E-Signature") or its id stamp: a sentence that starts with it ("Visma Addo införs för
# signering …") is a §'s text, and taken for the log's start it cut the § and its decision.
_SIGNING_LOG_START = re.compile(
    r"^(?:Verifikat|Verification|Transaktion \d{6,}|Transaction \d{6,}|Signeringslogg"
    r"|Signing log|Signaturerna i detta dokument är juridiskt bindande"
    r"|The signatures in this document are legally binding|Penneo dokumentnyckel"
    r"|Penneo document key|Dokumentet är signerat (?:via|med) Penneo"
    r"|Signeringsbevis|Signeringsintyg|Signaturbevis"
    r"|(?:Visma Addo|Assently)(?=\s*:?\s*(?:[\w-]+\s*)?$|\s+ID-nummer\b))\b",
    re.IGNORECASE,
)
# Every log start begins with one of these ("ſ" folds to "s" in IGNORECASE).
_LOG_START_FIRST = frozenset("VvTtSsPpDdAaſ")
# A service's identifier printed on every page ("Transaktion 09222115557512345678", Penneo's
# document key, Visma Addo's id): page furniture wherever it stands, never text a person wrote.
_SIGNING_STAMP = re.compile(
    r"^(?:Transa[ck]tion \d{10,}|Penneo (?:dokumentnyckel|document key):?\s*[\w-]{10,}"
    r"|Visma Addo ID-nummer\s*:?\s*[\w-]{10,})$",
    re.IGNORECASE,
)
# What a log entry says and prose does not: a timestamp to the minute or a time zone, an IP or
# e-mail address, an identity, a hash, a transaction id, a service's name.
_MACHINE_MARK = re.compile(
    r"\d{4}-\d\d-\d\d,?[ T]\d\d[:.]\d\d|\b(?:UTC|GMT|CES?T)\b"
    r"|\b\d{1,3}(?:\.\d{1,3}){3}\b|\bIP(?:-adress)?\s*:|[\w.+-]+@[\w-]+\.\w"
    r"|Serienummer|Personnummer|BankID|\bSHA-?\d|\b[0-9a-f]{32,}\b|Transa[ck]tion \d{6,}"
    r"|Penneo|Scrive|Visma Addo|Assently|dokumentnyckel|Huvuddokument|Signerande parter"
    r"|Autentiserad",
    re.IGNORECASE,
)
_LOG_WINDOW = 24  # non-blank lines read after a log start to judge it
# The start of a § heading line ("§ 4 …", "4 § …").
_PARAGRAPH_START = r"§\s*\d|\d{1,3}\s*§"
_PARAGRAPH = re.compile(rf"^(?:{_PARAGRAPH_START})")


def _is_json_line(text: str) -> bool:
    return bool(_JSON_LINE.match(text))


def cut_machine_data(result: Cleaned) -> None:
    """Remove an appended e-signing log (JSON or a verification page) and the signing
    service's per-page stamps.

    Signing services append their log to the PDF; it holds names, personal numbers, IP
    addresses and tokens, none of which belongs in a section or in the index. We cut from the
    first line of a tail in which machine lines dominate, or from a log's first line
    ("Verifikat", Penneo's "Signaturerna i detta dokument …") when the lines after it are
    machine lines and no § follows. Where it stands does not matter: a log listing six signers
    is longer than a one-page protocol, and a § called "Verifikat och attest" is no log.
    """
    lines = result.lines
    cut = _json_tail_start(lines)
    starts = [
        i
        for i, line in enumerate(lines)
        if line.text[:1] in _LOG_START_FIRST and _SIGNING_LOG_START.match(line.text)
    ]
    if starts:
        last_paragraph = _last_paragraph(lines)
        for i in starts:
            if i >= cut:
                break
            if i > last_paragraph and _log_follows(lines, i):
                cut = i
                break
    stamps = {i for i in starts if i < cut and _SIGNING_STAMP.match(lines[i].text)}
    result.dropped.extend(("page furniture", lines[i].text) for i in sorted(stamps))
    if cut < len(lines):
        result.dropped.extend(("machine data", line.text) for line in lines[cut:] if line.text)
        del lines[cut:]
    if stamps:
        result.lines = [line for i, line in enumerate(lines) if i not in stamps]


def _last_paragraph(lines: list[Line]) -> int:
    """Index of the last line that starts a § (or -1): no signing log comes before it."""
    for i in range(len(lines) - 1, -1, -1):
        text = lines[i].text
        if text and (text[0] == "§" or text[0].isdecimal()) and _PARAGRAPH.match(text):
            return i
    return -1


def _log_follows(lines: list[Line], start: int) -> bool:
    """Whether the lines after a log's first line are log entries rather than prose: at least
    three of the next 24 (and a quarter) carry a machine mark. Stamps are not counted."""
    window: list[str] = []
    for line in lines[start + 1 :]:
        text = line.text
        if text and not _SIGNING_STAMP.match(text):
            window.append(text)
            if len(window) == _LOG_WINDOW:
                break
    machine = sum(1 for text in window if _MACHINE_MARK.search(text))
    return machine >= 3 and 4 * machine >= len(window)


def _json_tail_start(lines: list[Line]) -> int:
    """Index where a JSON-dominated tail starts, or len(lines) when there is none."""
    json_count = other = 0
    best = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        text = lines[i].text
        if not text:
            continue
        if _is_json_line(text):
            json_count += 1
            if json_count >= 5 and json_count >= 4 * other:
                best = i
        else:
            other += 1
            if other > json_count:
                break
    return best


# --- duplicates ---------------------------------------------------------------------------

_WINDOW = 8
_MIN_DUPLICATE_CHARS = 300


def drop_duplicate_runs(result: Cleaned) -> None:
    """Drop a later copy of any long run of lines (a document or page printed twice).

    Exporters and scanners sometimes emit the whole protocol twice. A run counts as a copy when
    at least eight consecutive non-blank lines, 300 characters or more, repeat an earlier run
    exactly; short boilerplate ("Styrelsen beslutar:") never qualifies. A copy wrapped at
    another width is caught by its words (`_drop_rewrapped_copies`), looked for only when a
    § heading line repeats (a copy shares no body line with its original, but its headings
    stand on lines of their own) or the document's opening words come round again (a copy
    of prose without §). Looking in every document would cost a fifth of parsing. A run that
    goes on from a later meeting's head, in a file of several, is that meeting's and stays
    (`_is_repeated_head`, `_opens_another_meeting`).
    """
    content = [i for i, line in enumerate(result.lines) if line.text]
    texts = [result.lines[i].text for i in content]
    # A window seen before starts with a line seen before, so only windows that start with a
    # repeated line need looking at: in most documents that is a handful of lines, or none.
    repeated = {text for text, count in Counter(texts).items() if count > 1}
    if repeated:
        _drop_repeated_lines(result, content, texts, repeated)
    if any(_COPY_HEADING.match(text) for text in repeated) or _opening_comes_again(texts):
        _drop_rewrapped_copies(result)


_OPENING_WORDS = 30


def _opening_comes_again(texts: list[str]) -> bool:
    """Whether the document's first words recur later in it, however the lines are broken:
    a whole document printed twice opens both copies alike.

    Every document passes here, so the cheap test comes first: the longest pair of adjacent
    words among the opening ones must occur twice (with a space or a line break between
    them, as a copy may wrap there), which two substring counts in C tell."""
    opening = " ".join(texts[:_OPENING_WORDS]).split()[:_OPENING_WORDS]
    if len(opening) < 2:
        return False
    a, b = max(pairwise(opening), key=lambda pair: len(pair[0]) + len(pair[1]))
    joined = "\n".join(texts)
    if joined.count(f"{a} {b}") + joined.count(f"{a}\n{b}") < 2:
        return False
    # The words joined by single spaces, made without a list of every word (which held ten
    # times the text of a large file).
    spaced = _BLANKS.sub(" ", joined).strip()
    if spaced.count(" ") + 1 < 2 * _MIN_DUPLICATE_WORDS:
        return False
    probe = " ".join(opening)
    return spaced.find(probe, len(probe)) >= 0


_COPY_HEADING = re.compile(rf"^(?:{_PARAGRAPH_START}|Mål\s+\d)")


def _drop_repeated_lines(
    result: Cleaned, content: list[int], texts: list[str], repeated: set[str]
) -> None:
    """Drop later copies of runs of identical lines (see `drop_duplicate_runs`): `texts` are
    the non-blank lines, at `content` in `result.lines`, and `repeated` those seen twice."""
    first_seen: dict[tuple[str, ...], int] = {}
    drop: set[int] = set()
    k = 0
    while k + _WINDOW <= len(texts):
        if texts[k] not in repeated:
            k += 1
            continue
        window = tuple(texts[k : k + _WINDOW])
        earlier = first_seen.get(window)
        if earlier is not None and earlier + _WINDOW <= k:
            run = _WINDOW
            while (
                k + run < len(texts)
                and earlier + run < k
                and texts[earlier + run] == texts[k + run]
            ):
                run += 1
            copy = texts[k : k + run]
            if sum(map(len, copy)) >= _MIN_DUPLICATE_CHARS:
                # A run kept is passed over whole: a part of it, cut off from the head that
                # shows what it is, would look like a copy.
                if not _is_repeated_head(copy) and not _opens_another_meeting(
                    texts, earlier, k, k + run
                ):
                    drop.update(content[k : k + run])
                k += run
                continue
        first_seen.setdefault(window, k)
        k += 1
    if drop:
        result.dropped.extend(("duplicate", result.lines[i].text) for i in sorted(drop))
        result.lines = [line for i, line in enumerate(result.lines) if i not in drop]


# A meeting's head lines: who attended, when and where ("Närvarande: …", "Plats: …").
_HEAD_LABEL = re.compile(rf"^(?:{ATTENDANCE_LABELS}|Övriga|Tid|Plats|Lokal)\b", re.IGNORECASE)


# How a sentence ends, where a head's lines have none.
_FULL_STOPS = (".", "!", "?")


def _is_repeated_head(lines: list[str]) -> bool:
    """Whether a run of repeated lines is a meeting's head printed again for the next meeting
    of the same file (the same members, time and place), not a copy of the document: it holds
    a head's label and no sentence, where a copied document has both."""
    return not any(line.endswith(_FULL_STOPS) for line in lines) and any(
        _HEAD_LABEL.match(line) for line in lines
    )


# Lines read above a repeated run (and at its start) for the meeting head it continues: the
# repeated part of a later meeting's head starts right under its date or title.
_HEAD_REACH = 4


def _opens_another_meeting(texts: list[str], original: int, copy: int, stop: int) -> bool:
    """Whether texts[copy:stop], which repeat the lines at `original`, go on from another
    meeting's head rather than copy the document.

    A file of a year's protocols prints the same members, time and place, and often the same
    "§ 1 Mötets öppnande" and its sentence, in every meeting: only the title and the date
    above them differ. A copy of the document repeats its head too, date and all, or starts
    where no head stands above its original. So the run is a later meeting's when a meeting's
    title and date stand at both the run and its original and the dates differ; or, for a
    second meeting the same day, the titles differ and the run does not repeat every § from
    its original up to itself, as a copy of the whole document does."""
    ours = _head_at(texts, copy, stop)
    if ours is None:
        return False
    theirs = _head_at(texts, original, copy)
    if theirs is None or ours == theirs:
        return False
    if ours[1] != theirs[1]:
        return True
    return _paragraph_count(texts[copy:stop]) < _paragraph_count(texts[original:copy])


def _head_at(texts: list[str], start: int, stop: int) -> tuple[str, str] | None:
    """(title, date) of the meeting head that the run texts[start:stop] continues, or None:
    the title (its digits masked, as a meeting's number changes) in the few lines above the
    run, the date there or else in the run's first lines. Blank lines are passed over; a
    sentence or a § heading ends the head."""
    title = date = None
    for text in _non_blank(texts, range(start - 1, -1, -1)):
        if _ends_head(text):
            break
        if title is None and is_meeting_title(text):
            title = _DIGITS.sub("#", text)
        date = date or _head_date(text)
    if title is None:
        return None
    if date is None:
        for text in _non_blank(texts, range(start, stop)):
            if _ends_head(text) or (date := _head_date(text)):
                break
    return (title, date) if date else None


def _non_blank(texts: list[str], order: range) -> list[str]:
    """The first `_HEAD_REACH` non-blank lines of `texts` in `order`."""
    found: list[str] = []
    for i in order:
        if texts[i]:
            found.append(texts[i])
            if len(found) == _HEAD_REACH:
                break
    return found


def _ends_head(text: str) -> bool:
    return text.endswith(_FULL_STOPS) or bool(_PARAGRAPH.match(text))


def _head_date(text: str) -> str | None:
    """The date a head's line names as the meeting's ("Datum: 2024-05-14", "Styrelsemöte
    2024-05-14"), not a justering's or a guess."""
    return sure_meeting_date(text) if _DIGITS.search(text) else None


def _paragraph_count(texts: list[str]) -> int:
    return sum(1 for text in texts if _PARAGRAPH.match(text))


# A copy wrapped at another width repeats the words, not the lines: a run of this many words
# (and characters) repeating earlier words in order is a copy. A decision formula shared by
# several § ("Styrelsen beslutar att godkänna …") is far shorter.
_MIN_DUPLICATE_WORDS = 60
_SHINGLE = 10
# Runs are looked up only from words of this length or more: content-defined, so both copies
# have them in the same places, and few enough that the lookup stays cheap.
_ANCHOR_LENGTH = 9
# A copied run has a dozen long words or more; six of them recurring in order is the cheap sign.
_LONG_RUN = 6


def _drop_rewrapped_copies(result: Cleaned) -> None:
    """Drop the lines of a later copy of a long run of words, however its lines are broken.

    A copy repeats its long words in order, so a document in which no six successive long
    words recur (most) is done after one split and one pass over its words. Only runs' hashes
    are kept for that test: their tuples held more than the text of a large file (two runs
    alike only in hash send the document on to the exact search, `_copied_runs`)."""
    words = _words(result.lines)
    longs = [word for word in words if len(word) >= _ANCHOR_LENGTH]
    runs = zip(*(islice(longs, k, None) for k in range(_LONG_RUN)), strict=False)
    if len(set(map(hash, runs))) == max(len(longs) - _LONG_RUN + 1, 0):
        return
    copies = _copied_runs(words)
    if not copies:
        return
    owner = [i for i, line in enumerate(result.lines) for _ in line.text.split()]
    texts = [line.text for line in result.lines]
    # A run of words that goes on from another meeting's head is that meeting's, as in
    # `_drop_repeated_lines`.
    copied = {
        k
        for start, stop, source in copies
        if not _opens_another_meeting(
            texts,
            _first_whole_line(owner, source),
            _first_whole_line(owner, start),
            owner[stop - 1] + 1,
        )
        for k in range(start, stop)
    }
    partly = {owner[k] for k in range(len(words)) if k not in copied}
    drop = {owner[k] for k in copied} - partly  # only lines wholly inside a copy go
    result.dropped.extend(("duplicate", result.lines[i].text) for i in sorted(drop))
    result.lines = [line for i, line in enumerate(result.lines) if i not in drop]


def _words(lines: list[Line]) -> list[str]:
    """The words of the lines in order, each distinct word one string object: a long file
    says its words many times over (45 MB of protocols: 6 million words, 60 000 distinct),
    and a string for each held ten times the text (half a gigabyte)."""
    one = {}.setdefault
    return [one(word, word) for line in lines for word in line.text.split()]


def _first_whole_line(owner: list[int], k: int) -> int:
    """The first line that the words from the k-th on hold whole (`owner` maps each word to
    its line): a run of words may start inside a line, after the words that differ."""
    return owner[k] + 1 if k > 0 and owner[k - 1] == owner[k] else owner[k]


def _copied_runs(words: list[str]) -> list[tuple[int, int, int]]:
    """The runs of words that repeat an earlier run long enough to be a copy, as (start,
    stop, start of the run repeated).

    Where a shingle was first seen is kept by its hash, not the shingle: a large file's
    shingles held more than its text. Where two shingles share a hash (all but never), the
    later is kept by itself in `clashing`, so the runs are what keeping shingles gave."""
    seen: dict[int, int] = {}
    clashing: dict[tuple[str, ...], int] = {}
    copied: list[tuple[int, int, int]] = []
    end = len(words) - _SHINGLE
    k = 0
    while k <= end:
        if len(words[k]) < _ANCHOR_LENGTH:
            k += 1
            continue
        shingle = words[k : k + _SHINGLE]
        key = hash(tuple(shingle))
        earlier = seen.get(key)
        if earlier is not None and words[earlier : earlier + _SHINGLE] != shingle:
            key, earlier = -1, clashing.get(tuple(shingle))  # no hash is -1
        if earlier is not None and earlier + _SHINGLE <= k:
            start, stop = _extend_copy(words, earlier, k)
            if stop - start >= _MIN_DUPLICATE_WORDS and (
                sum(map(len, words[start:stop])) + stop - start >= _MIN_DUPLICATE_CHARS
            ):
                copied.append((start, stop, earlier - (k - start)))
                k = stop
                continue
        if key == -1:
            clashing.setdefault(tuple(shingle), k)
        else:
            seen.setdefault(key, k)
        k += 1
    return copied


def _extend_copy(words: list[str], earlier: int, later: int) -> tuple[int, int]:
    """The run of words around `later` that repeats the words around `earlier`, as (start,
    stop) positions of the later copy; the copy never reaches back into its original."""
    back = 0
    while (
        earlier - back > 0
        and later - back - 1 >= earlier + _SHINGLE
        and words[earlier - back - 1] == words[later - back - 1]
    ):
        back += 1
    ahead = _SHINGLE
    while (
        later + ahead < len(words)
        and earlier + ahead < later - back
        and words[earlier + ahead] == words[later + ahead]
    ):
        ahead += 1
    return later - back, later + ahead


# --- page furniture -----------------------------------------------------------------------

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
_LEADER_MARKS = (".....", ". . . . .", "_____", "……")
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
        if any(mark in text for mark in _LEADER_MARKS) and _LEADER.search(text):
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
_PARAGRAPH_LINE = re.compile(r"(?:^|\n)[ \t]*(?:§[ \t]*\d|\d{1,3}[ \t]*§)")


def _box_after_paragraph(pages: list[str]) -> bool:
    """Whether a posting box's title stands after a § heading in the page texts. A file
    without the word "bevis" is answered at once, with no copy of its text. Where there is a
    box it is mostly in the head: it is found by its word's few places in the text (a regular
    expression would try every position of it), then a § heading looked for above it."""
    if not _holds(pages, *_POSTING_MARKS):
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
        if text[:1] in _HEADING_FIRST and _PARAGRAPH.match(text):
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
        if text[:1] in _HEADING_FIRST and _PARAGRAPH.match(text):
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
    return len({date for date in map(_head_date, rows) if date}) > 1


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
                dates[text] = _head_date(text)
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


# --- double spacing -----------------------------------------------------------------------

_SENTENCE_END = (".", "!", "?", ":", ";")
# Words no Swedish sentence ends with, and a dash after a space: a line ending in one goes on
# in the next line, also when that starts with a capital ("Ordförande och" / "Förbundschef").
# fmt: off
_GOES_ON = frozenset({
    "och", "att", "som", "i", "på", "för", "med", "till", "av", "om", "från", "vid", "hos",
    "mellan", "inom", "utan", "under", "samt", "eller", "både", "en", "ett", "den", "det",
    "de", "dess", "deras", "sin", "sitt", "sina", "är", "har", "ska", "skall", "kan", "-", "–",
})
# fmt: on


def drop_wrap_blanks(lines: list[Line]) -> list[Line]:
    """Drop a single blank line that falls inside a sentence.

    Text exported from Word often puts a blank line after every printed line, so one sentence
    spreads over lines with gaps between them and the page shows one paragraph per line
    (Söderåsen's protocols). A blank between a line that does not end a sentence and a line
    that starts with a small letter cannot be a paragraph break, so it goes; nor can one after
    a word no sentence ends with (`_GOES_ON`). Blanks after a sentence's end stay: there the
    source alone knows whether a paragraph ended.
    """
    keep = [True] * len(lines)
    for i in range(1, len(lines) - 1):
        if (
            not lines[i].text
            and (before := lines[i - 1].text)
            and lines[i + 1].text
            and not before.endswith(_SENTENCE_END)
            and (lines[i + 1].text[:1].islower() or _last_word(before) in _GOES_ON)
        ):
            keep[i] = False
    if all(keep):
        return lines
    return [line for line, kept in zip(lines, keep, strict=True) if kept]


def _last_word(text: str) -> str:
    return text[text.rfind(" ") + 1 :]


# --- hyphenation --------------------------------------------------------------------------

# A hyphen is "-" or, from some typesetters' fonts, U+2010 HYPHEN.
_HYPHENS = ("-", "\u2010")
_HYPHEN_END = re.compile(r"(\w*?)(\w)[-\u2010]$")
_NEXT_WORD = re.compile(r"^(\w[\w.:]*)(.*)$")
_KEEP_HYPHEN_BEFORE = {"och", "eller", "samt", "till", "som", "resp", "respektive"}
_KEEP_HYPHEN_PREFIX = {"icke", "x", "e", "ex"}
# A soft hyphen (U+00AD) is invisible unless the line breaks there; inside a line it is dropped,
# and so is a space after it (an extractor's rendering of the break it marked).
_SOFT_HYPHEN = "\xad"
_SOFT_BREAK = re.compile("\xad+ ?")


def join_hyphenated(lines: list[Line], *, soft: bool | None = None) -> list[Line]:
    """Join a word split across a line end ("samman-" + "slagning" → "sammanslagning").

    A soft hyphen is always the line break's ("samordnings\xad" + "förbundet"), and goes
    wherever it stands. A hyphen after a lower-case letter, followed by a lower-case word, was
    put there by the line break and goes. After a capital or a digit it is a real hyphen and
    stays, with the word joined onto the line ("ESF-projekt", "2025-2026"). Before "och",
    "eller" … it is an ellipsis ("hälso- och sjukvården") and the lines are left alone.
    `soft` says whether the text has soft hyphens at all, when the caller knows.
    """
    out = list(lines)  # lines that change are replaced, never mutated
    if soft is None:
        soft = any(_SOFT_HYPHEN in line.text for line in out)
    for i in range(len(out) - 1):
        if soft and out[i].text.endswith(_SOFT_HYPHEN):
            _join_soft(out, i)
            continue
        if not out[i].text.endswith(_HYPHENS):
            continue
        match = _HYPHEN_END.search(out[i].text)

        nxt = _NEXT_WORD.match(out[i + 1].text) if match else None
        if not match or not nxt or nxt.group(1).lower() in _KEEP_HYPHEN_BEFORE:
            continue
        before, word = match.group(2), nxt.group(1)
        if before.islower() and word[0].islower():
            prefix = (match.group(1) + before).lower()
            joiner = "-" if prefix in _KEEP_HYPHEN_PREFIX else ""
        elif before.isupper() or before.isdigit():
            joiner = "-"
        else:
            continue
        out[i] = out[i].with_text(out[i].text[:-1] + joiner + word)
        out[i + 1] = out[i + 1].with_text(nxt.group(2).strip())
    if soft:
        for i, line in enumerate(out):
            if _SOFT_HYPHEN in line.text:
                out[i] = line.with_text(_SOFT_BREAK.sub("", line.text))
    return out


def _join_soft(out: list[Line], i: int) -> None:
    """A soft hyphen at a line end only marks where the word was broken: the word's rest is
    joined on without it, whatever the case of the letters around it."""
    nxt = _NEXT_WORD.match(out[i + 1].text)
    if nxt:
        out[i] = out[i].with_text(out[i].text[:-1] + nxt.group(1))
        out[i + 1] = out[i + 1].with_text(nxt.group(2).strip())
