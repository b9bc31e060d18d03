"""Broken fonts: text a PDF's font encoding garbled, put back as it was printed.

Display fonts in headings turn "a" into "å" and "ö" into "o " ("Såmordningsfo rbundet i
Hållånd"); some fonts draw an accent as a character of its own ("fo¨rbundet"); and a font
read with the wrong table turns every å, ä and ö into another letter ("fšrbundet", Mac Roman
read as Windows-1252). Cleaning calls `repair_broken_font` once per document; every repair is
made only where it is unambiguous, so correct text is never touched.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from index.lexicon import Lexicon, shipped_words
from index.lines import HEADING_FIRST, PARAGRAPH_NUMBER_NO_YEAR, Line

_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]+")
_VARIANTS = {"å": "åa", "Å": "ÅA", "o": "oö", "O": "OÖ"}


def repair_broken_font(
    lines: list[Line], vocabulary: Iterable[str], *, damaged: bool | None = None
) -> None:
    """Repair text set in a font whose encoding is broken ("Såmordningsfo rbundet i Hållånd").

    Such fonts turn "a" into "å" and "ö" into "o " (a stray space). A line is repaired only
    where every change is unambiguous: the broken word is unknown, and exactly one way of
    undoing the damage gives a word that the document itself (or the registry) uses.

    Broken fonts are a heading affair (titles set in a display font), so only the header zone
    and heading lines are examined; that keeps the step cheap on long documents.

    Two kinds of damage reach body text too, and are repaired in every line once one scan of
    the document finds their marks: accents drawn as separate spacing characters after their
    letter ("fo¨rbundet", "a˚terrapportering"), and a font decoded as Mac Roman ("fšrbundet",
    "Šr"); see `_repair_body_fonts`.
    """
    if damaged is None:
        damaged = font_damaged(line.text for line in lines)
    if damaged:
        _repair_body_fonts(lines, set(vocabulary))
    candidates = [line for line in _heading_lines(lines) if _suspicious(line.text)]
    if not candidates:
        return
    counts = Counter(_WORD.findall("\n".join([line.text for line in lines]).lower()))
    # A word the document uses twice is taken as real; broken headings occur once.
    known = {word for word, count in counts.items() if count >= 2 and len(word) > 2}
    known.update(w.lower() for w in vocabulary)
    for line in candidates:
        line.text = _repair_line(line.text, known)


# Spacing accents (diaeresis, ring, acute) that a font drew as characters of their own, and
# the letters a Mac Roman font's å ä ö Å Ä Ö é ü become when read as Windows-1252 (å is byte
# 0x8C there, "Œ"; ä 0x8A "Š"; ö 0x9A "š"; Ä 0x80 "€"; Ö 0x85 "…"; é 0x8E "Ž"; ü 0x9F "Ÿ";
# Å 0x81 is undefined in Windows-1252: pypdf and the text reader's latin-1 keep it as U+0081.
# U+FFFD, what a decoder that replaces what it cannot read leaves, is not read as Å: it stands
# for any letter a wrong decoding lost, å, ä and ö alike, so no repair can tell which).
_COMBINING = {"\u00a8": "\u0308", "\u02da": "\u030a", "\u00b4": "\u0301"}
# The letters each accent is composed with: an acute is also an apostrophe ("O´Brien").
_ACCENTED = {"\u00a8": frozenset("aouAOU"), "\u02da": frozenset("aA"), "\u00b4": frozenset("eE")}
_MAC_ROMAN = {"Œ": "å", "Š": "ä", "š": "ö", "\x81": "Å", "€": "Ä", "…": "Ö", "Ž": "é", "Ÿ": "ü"}
_MAC_TABLE = str.maketrans(_MAC_ROMAN)
# A document is looked through for either kind of damage only if it holds one of these
# characters, which Swedish text has no use for: an accent, or a Mac Roman letter.
FONT_DAMAGE = ("\u00a8", "\u02da", "\u00b4", "Œ", "Š", "š", "\x81", "Ž", "Ÿ")
# Ä and Ö read as "€" and "…", which correct text has too ("100 €", "och så vidare …"): they
# are damage only with a letter right after them ("€rende", "…versyn", "F…RSLAG").
# One pattern each: a literal first character is searched for far faster than a class.
_CAPITAL_DAMAGE = (("€", re.compile(r"€[^\W\d_]")), ("…", re.compile(r"…[^\W\d_]")))
_ACCENT_MARK = re.compile("[\u00a8\u02da\u00b4]")
_MAC_MARK = re.compile("[ŒŠš\x81€…ŽŸ]")
# Neither of these two starts a match inside a word, where no match of it can start (an
# accent's word runs to the accent, a Mac Roman word is the whole word): searched for from
# every letter of a long word with no mark after it (a line of 8,000 letters beside an "Š"
# took a second), each read the rest of the word again from each letter.
_SPACING_ACCENT = re.compile("(?:(?<!\\w)|(?!\\w))(\\w*)( ?)([\u00a8\u02da\u00b4])( ?)(\\w*)")
_MAC_WORD = re.compile("(?<![\\w\x81€…])[\\w\x81€…]*[ŒŠš\x81€…ŽŸ][\\w\x81€…]*")
_SWEDISH_LETTERS = frozenset("åäöÅÄÖ")


def font_damaged(texts: Iterable[str]) -> bool:
    """Whether any of `texts` holds a mark of a broken font (`FONT_DAMAGE`, or "€" or "…"
    before a letter), so that the body is worth repairing. Each mark is first looked for as
    a character, which most documents fail at once; only "€" and "…" need a second look."""
    for text in texts:
        if any(char in text for char in FONT_DAMAGE):
            return True
        if any(mark in text and damage.search(text) for mark, damage in _CAPITAL_DAMAGE):
            return True
    return False


def _repair_body_fonts(lines: list[Line], vocabulary: set[str]) -> None:
    """Compose spacing accents with their letter, and undo Mac Roman mojibake.

    Composing an accent is safe without a dictionary: a spacing diaeresis or ring is no
    character of Swedish text. A space beside it is the extractor's (it saw the accent as a
    glyph of its own) unless the word after it is a word by itself and the joined one is not
    ("pa˚ mötet", but "sammantra¨ de"). Mac Roman letters are ordinary characters of other
    languages ("Š" in Czech), so a word is changed only when it is unknown and its repaired
    form is known (registry vocabulary, the shipped word list, or a compound of its words),
    and only in a line written wholly in the broken font or a document that has several such
    words: correct text is never touched.
    """
    known = _Known(vocabulary)
    repairs: dict[str, str] = {}
    for line in lines:
        if _ACCENT_MARK.search(line.text):
            line.text = _SPACING_ACCENT.sub(lambda m: _compose(m, known), line.text)
        if _MAC_MARK.search(line.text):
            for word in _MAC_WORD.findall(line.text):
                if word not in repairs:
                    repairs[word] = _mac_repair(word, known)
    found = {word: fixed for word, fixed in repairs.items() if fixed != word}
    if not found:
        return
    several = len(found) > 1
    for line in lines:
        if not _MAC_MARK.search(line.text):
            continue
        if several or (
            _SWEDISH_LETTERS.isdisjoint(line.text)
            and any(word in found for word in _MAC_WORD.findall(line.text))
        ):
            line.text = _MAC_WORD.sub(lambda m: found.get(m.group(), m.group()), line.text)


class _Known:
    """Whether a word is known: vocabulary, shipped list, or a compound of known words."""

    def __init__(self, vocabulary: set[str]) -> None:
        self.vocabulary = {word.lower() for word in vocabulary}
        self.shipped = shipped_words()

    def __call__(self, word: str) -> bool:
        low = word.lower()
        if low in self.shipped or low in self.vocabulary:
            return True
        return bool(_decompounder().split(low))


@functools.cache
def _decompounder() -> Lexicon:
    """The shipped lexicon, built on first use: only damaged text needs compounds split."""
    return Lexicon.default()


def _compose(m: re.Match[str], known: _Known) -> str:
    """One spacing accent with its letter: the one before it, else (TeX's order) the one after."""
    left, gap, accent, space, right = m.groups()
    letters = _ACCENTED[accent]
    if left and left[-1] in letters:
        word = left[:-1] + unicodedata.normalize("NFC", left[-1] + _COMBINING[accent])
        if space and right and not known(word + right) and known(right):
            return word + space + right
        return word + right
    if right and right[0] in letters:
        letter = unicodedata.normalize("NFC", right[0] + _COMBINING[accent])
        return left + gap + letter + right[1:]
    return m.group()


def _mac_repair(word: str, known: _Known) -> str:
    """The word with Mac Roman letters undone, if that is a known word and the word is not."""
    if not any(ch.isalpha() and ch not in _MAC_ROMAN for ch in word):
        return word  # "…" or "€" alone is punctuation, not a letter
    fixed = word.translate(_MAC_TABLE)
    if _plain_case(fixed) and known(fixed) and not known(word):
        return fixed
    return word


def _plain_case(word: str) -> bool:
    """Lower case, upper case, or a capital and then lower case, as a real word is written:
    a capital inside a lower-case word ("pÅ", from "p" and U+0081) was no Mac Roman letter."""
    return word.islower() or word.isupper() or (word[:1].isupper() and word[1:].islower())


# A broken font splits a word after "o" (an "ö" that lost its dots) or after "å". The left
# fragment starts at a word boundary, so a long line is scanned once, not once per letter.
_SPLIT_PAIR = re.compile(r"(?<!\w)(\w{2,}[åo]) ([a-zåäö]\w*)")


def _suspicious(text: str) -> bool:
    """A fragment pair ("frå n", "styrelsemo te") in which a part is not a common word.

    Checking against the shipped word list first keeps ordinary pairs ("också en") from
    triggering the costlier whole-document word count.
    """
    if "o " not in text and "å " not in text:  # no pair without one; skips most lines cheaply
        return False
    common = shipped_words()
    for left, right in _SPLIT_PAIR.findall(text):
        if left.lower() not in common or right.lower() not in common:
            return True
    return False


_HEADING_START = re.compile(rf"^(?:§|Mål\b|{PARAGRAPH_NUMBER_NO_YEAR}\s*§|\d{{1,2}}[.)] )")
_HEADER_ZONE = 60


def _heading_lines(lines: list[Line]) -> list[Line]:
    """The first lines of the document and every line that starts like a heading."""
    head = [line for line in lines if line.text][:_HEADER_ZONE]
    seen = {id(line) for line in head}
    rest = [
        line
        for line in lines
        if line.text[:1] in HEADING_FIRST
        and id(line) not in seen
        and _HEADING_START.match(line.text)
    ]
    return head + rest


def _repair_line(text: str, known: set[str]) -> str:
    tokens = text.split(" ")
    repaired: list[str] = []
    changed = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if i + 1 < len(tokens) and _may_be_split(token, tokens[i + 1], known):
            merged = _unique_repair(token + tokens[i + 1], known)
            if merged:
                repaired.append(merged)
                changed += 1
                i += 2
                continue
        repaired.append(token)
        i += 1
    if not changed:
        return text
    # Once a line is known to be broken, its other unknown å-words are broken too.
    for j, token in enumerate(repaired):
        core = token.strip(".,:;")
        if "å" in core.lower() and core.lower() not in known:
            fixed = _unique_repair(core, known)
            if fixed:
                repaired[j] = token.replace(core, fixed)
    return " ".join(repaired)


def _may_be_split(left: str, right: str, known: set[str]) -> bool:
    return (
        bool(left)
        and left[-1] in "åoa"
        and bool(right)
        and right[0].islower()
        and right.isalpha()
        and (left.lower() not in known or right.lower() not in known)
    )


def _unique_repair(word: str, known: set[str]) -> str | None:
    """The one known word that undoing å/a and o/ö swaps yields, or None if none or several."""
    positions = [i for i, ch in enumerate(word) if ch in _VARIANTS]
    if not positions or len(positions) > 10:
        return None
    found: set[str] = set()
    for mask in range(1 << len(positions)):
        chars = list(word)
        for bit, pos in enumerate(positions):
            chars[pos] = _VARIANTS[word[pos]][(mask >> bit) & 1]
        candidate = "".join(chars)
        if candidate.lower() in known:
            found.add(candidate)
            if len(found) > 1:
                return None
    return found.pop() if found else None
