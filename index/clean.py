"""Cleaning: from raw page texts to the lines a person would call the document.

Protocols arrive with page furniture ("Justerare Utdragsbestyrkande", "Sida 3 (5)"), whole
documents printed twice, e-signing logs appended as JSON, words hyphenated across line ends,
headings set in broken fonts and personal identity numbers. Each step removes or repairs one of
those, and records what it dropped and why, so that tests can prove nothing else is lost.

`clean` runs the steps in order. The larger ones have modules of their own: `index.signing`
(e-signing logs), `index.copies` (a document printed twice), `index.furniture` (page
furniture) and `index.fonts` (broken fonts); the line-level ones (long lines, blank lines inside
a sentence, hyphenation) and the masking of identity numbers are here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat

from index import privacy
from index.copies import drop_duplicate_runs
from index.fonts import font_damaged, repair_broken_font
from index.furniture import (
    LEADER_MARKS,
    box_after_paragraph,
    drop_furniture,
    drop_leaders,
    drop_posting_box,
)
from index.lines import Line
from index.signing import cut_machine_data


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
        lines.extend(map(Line, _collapsed(page), repeat(page_number)))
    return lines


# The blanks str.split() splits at, but for the space and the line break.
_OTHER_BLANKS = (
    "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _collapsed(page: str) -> list[str]:
    """The page's lines with their blanks collapsed.

    Splitting every line into its words to join them again cost a twentieth of parsing. A
    page whose only blanks are spaces (nearly all: the other blanks are looked for, a C scan
    each) needs only its lines stripped, and the few with a run of spaces inside collapsed."""
    raws = page.split("\n")
    if any(blank in page for blank in _OTHER_BLANKS):
        return [" ".join(raw.split()) for raw in raws]
    return [text if "  " not in text else " ".join(text.split()) for text in map(str.strip, raws)]


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
    if not _has_long_line(page):
        return page
    lines = page.split("\n")
    return "\n".join(_sentences(line) if len(line) > LONG_LINE else line for line in lines)


def _has_long_line(page: str) -> bool:
    """Whether a line of `page` is longer than `LONG_LINE`, found without splitting the page
    (a whole text export is one page, split into lines again by `to_lines`): each step
    jumps to the last line break within `LONG_LINE` characters, so a page of short lines
    costs a few steps per `LONG_LINE` characters."""
    start = 0  # a line's start; every line before it is short
    while len(page) - start > LONG_LINE:
        last = page.rfind("\n", start, start + LONG_LINE + 1)
        if last == -1:
            return True
        start = last + 1
    return False


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
    if box_after_paragraph(pages):
        drop_posting_box(result)
    # Identity numbers are masked while the lines are as the page had them: joining words
    # hyphenated at a line end would glue a number's first half ("19121212-") to a word.
    result.masked = mask_identity_numbers(result.lines, paged=paged)
    if _holds(pages, *LEADER_MARKS):
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
    masked, holds = privacy.mask_split_and_check(text)
    if masked is not text:
        for line, new in zip(lines, masked.split("\n"), strict=True):
            line.text = new
    across = paged and _mask_page_breaks(lines)
    if holds:
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
# The word before a line's last hyphen. It starts where a word starts: a match can start
# nowhere else, and searched for from every letter of a long word that is not the last, it
# read the word again from each (the square of its length).
_HYPHEN_END = re.compile(r"(?<!\w)(\w*?)(\w)[-\u2010]$")
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
