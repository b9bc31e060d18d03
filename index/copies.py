"""Copies: a document, or a run of its pages, printed twice in one file.

Exporters and scanners sometimes emit a whole protocol twice, at the same or at another line
width; left in, every § would be found twice. A file of a year's protocols, though, prints the
same members, time and place in every meeting, and those repeats stay (`drop_duplicate_runs`).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice, pairwise
from typing import TYPE_CHECKING

from index.lines import PARAGRAPH_HEADING, PARAGRAPH_START, Line
from index.meetings import ATTENDANCE_LABELS, head_date, is_meeting_title

if TYPE_CHECKING:
    from index.clean import Cleaned

_DIGITS = re.compile(r"\d+")
_BLANKS = re.compile(r"\s+")  # the blanks str.split() splits at
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
    marks = _page_marks(result.lines)
    # A window seen before starts with a line seen before, so only windows that start with a
    # repeated line need looking at: in most documents that is a handful of lines, or none.
    repeated = {text for text, count in Counter(texts).items() if count > 1}
    if repeated or marks:
        _drop_repeated_lines(result, content, texts, _comparable(result.lines, content, marks))
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


_COPY_HEADING = re.compile(rf"^(?:{PARAGRAPH_START}|Mål\s+\d)")


# A page's number as a page prints it, on a line of its own or in a running title or footer:
# "Sida 3 (12)", "sida 3 av 12", "Page 3/12", "3 (12)", "- 3 -", a bare "3".
_PAGE_NUMBER = re.compile(
    r"\b(?:Sida|Sid\.?|Page)\s*\d+(?:\s*(?:\(\s*\d+\s*\)|av\s+\d+|/\s*\d+))?"
    r"|\b\d+\s*\(\s*\d+\s*\)|^-\s*\d+\s*-$|^\d+$",
    re.IGNORECASE,
)


def _page_marks(lines: list[Line]) -> set[int]:
    """The indices of the lines that print their page's number at its edge (its first or
    last line): "Sida 3 (4)", "Protokoll 2024-05-16, sida 3 av 4", "- 3 -". A copy printed
    after its original numbers its pages on ("Sida 3 (4)" where the original has "Sida 1
    (4)"), so such a line alone must not break the copy off from its original, which left the
    copy's short last page in. Text without pages has none."""
    edges: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if line.text and line.page is not None:
            edges.setdefault(line.page, [i, i])[1] = i
    return {i for edge in edges.values() for i in edge if _PAGE_NUMBER.search(lines[i].text)}


def _comparable(lines: list[Line], content: list[int], marks: set[int]) -> list[str]:
    """The non-blank lines (at `content` in `lines`) as a copy is compared with its
    original: those that print a page's number (`marks`) with the number as '#'."""
    if not marks:
        return [lines[i].text for i in content]
    return [_PAGE_NUMBER.sub("#", lines[i].text) if i in marks else lines[i].text for i in content]


def _drop_repeated_lines(
    result: Cleaned, content: list[int], texts: list[str], keys: list[str]
) -> None:
    """Drop later copies of runs of identical lines (see `drop_duplicate_runs`): `texts` are
    the non-blank lines, at `content` in `result.lines`, and `keys` the same lines as they
    are compared (`_comparable`)."""
    repeated = {key for key, count in Counter(keys).items() if count > 1}
    first_seen: dict[tuple[str, ...], int] = {}
    drop: set[int] = set()
    k = 0
    while k + _WINDOW <= len(keys):
        if keys[k] not in repeated:
            k += 1
            continue
        window = tuple(keys[k : k + _WINDOW])
        earlier = first_seen.get(window)
        if earlier is not None and earlier + _WINDOW <= k:
            run = _WINDOW
            while (
                k + run < len(keys) and earlier + run < k and keys[earlier + run] == keys[k + run]
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
        date = date or head_date(text)
    if title is None:
        return None
    if date is None:
        for text in _non_blank(texts, range(start, stop)):
            if _ends_head(text) or (date := head_date(text)):
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
    return text.endswith(_FULL_STOPS) or bool(PARAGRAPH_HEADING.match(text))


def _paragraph_count(texts: list[str]) -> int:
    return sum(1 for text in texts if PARAGRAPH_HEADING.match(text))


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
    The lines that print a page's number (`_page_marks`) are left out of the words: the
    copy's numbers differ, and would cut its runs short.

    A copy repeats its long words in order, so a document in which no six successive long
    words recur (most) is done after one split and one pass over its words. Only runs' hashes
    are kept for that test: their tuples held more than the text of a large file (two runs
    alike only in hash send the document on to the exact search, `_copied_runs`)."""
    marks = _page_marks(result.lines)
    words = _words(result.lines, marks)
    longs = [word for word in words if len(word) >= _ANCHOR_LENGTH]
    runs = zip(*(islice(longs, k, None) for k in range(_LONG_RUN)), strict=False)
    if len(set(map(hash, runs))) == max(len(longs) - _LONG_RUN + 1, 0):
        return
    copies = _copied_runs(words)
    if not copies:
        return
    owner = [i for i, line in enumerate(result.lines) if i not in marks for _ in line.text.split()]
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


def _words(lines: list[Line], skip: set[int]) -> list[str]:
    """The words of the lines in order, but for the lines at the indices in `skip`, each
    distinct word one string object: a long file says its words many times over (45 MB of
    protocols: 6 million words, 60 000 distinct), and a string for each held ten times the
    text (half a gigabyte)."""
    one = {}.setdefault
    return [
        one(word, word)
        for i, line in enumerate(lines)
        if i not in skip
        for word in line.text.split()
    ]


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
