"""The tokenizer: where the words of a text start and end, and which position each takes.

A part of `index.analysis`, which re-exports `words`, `positioned_words` and `Word`; the rest
of the code imports them from there. It holds the first step of analysis on its own, so the
token rules can be read without the stemming rules: one pattern in two variants, `_FAST_RE`
for ordinary text (which `index.analysis` also runs chunk by chunk on its fast path) and
`_SLOW_RE` for text with soft hyphens, combining accents or ligatures inside words; and
`_normalize` and `_base`, a word's canonical form and its form without a colon ending
("ESF:s"), which the later steps work on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Longest word that is analysed; longer runs of letters (base64, garbage from a PDF) only get a
# truncated exact term, which keeps terms small and analysis linear.
MAX_WORD = 64
MAX_TERM = 200


@dataclass(frozen=True, slots=True)
class Word:
    """A word as the tokenizer found it: surface text and its character offsets in the input."""

    text: str
    start: int
    end: int


# A segment is a run of letters and digits; inside numbers ".", "," and ":" join digits
# ("4,6", "15.00", "§06:1"). Segments joined by a hyphen form one word ("ESF-projekten",
# "2025-2026"); a trailing hyphen ("ungdoms- och") is punctuation. A colon plus a short
# lower-case ending after an acronym or number is Swedish inflection and stays in the word
# ("ESF:s", "APU:n").
_HYPHENS = "-\u2010\u2011"
_SEGMENT = r"[^\W_]{c}*(?:(?<=\d)[.,:](?=\d){c}+)*"
_TOKEN = r"{seg}(?:[" + _HYPHENS + r"]{seg})*(?:(?<=[A-ZÅÄÖÉÜ0-9]):[a-zåäöé]{{1,3}}(?![^\W_]))?"
_FAST_RE = re.compile(_TOKEN.format(seg=_SEGMENT.format(c=r"[^\W_]")))
# Soft hyphens, combining accents (decomposed "å") and ligatures ("ﬁ") break \w runs; text that
# has any takes a slower pattern that keeps them inside words and normalises each word. Full-width
# letters and digits ("ＥＳＦ") and mathematical letters ("𝐁𝐮𝐝𝐠𝐞𝐭", pasted from styled text) are
# words already, but only NFKC makes them the letters a query is read as.
_ODD_CHARS = (
    "\u00ad\u0300-\u036f\ufb00-\ufb06"
    + "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\U0001d400-\U0001d7ff"
)
_ODD_RE = re.compile(f"[{_ODD_CHARS}]")
_SLOW_RE = re.compile(_TOKEN.format(seg=_SEGMENT.format(c=rf"(?:[^\W_]|[{_ODD_CHARS}])")))
_HYPHEN_SPLIT = re.compile(f"[{_HYPHENS}]")


def _token_re(text: str) -> re.Pattern[str]:
    return _SLOW_RE if _ODD_RE.search(text) else _FAST_RE


def _normalize(word: str) -> str:
    """Canonical form of a surface word: NFKC, soft hyphens gone, one kind of hyphen."""
    if _ODD_RE.search(word):
        word = unicodedata.normalize("NFKC", word.replace("\u00ad", ""))
    if "\u2010" in word or "\u2011" in word:
        word = _HYPHEN_SPLIT.sub("-", word)
    return word


def words(text: str) -> list[Word]:
    """Split text into words with character offsets; punctuation and "§" are dropped.

    Words are runs of letters and digits (any script, å ä ö é ü included); internal hyphens
    keep a compound such as "ESF-projekten" together; `index_terms` gives each part a position.
    """
    return [Word(m.group(), m.start(), m.end()) for m in _token_re(text).finditer(text)]


def _base(word: str) -> str:
    """The word without a colon ending ("ESF:s" -> "ESF"); numbers such as "06:1" stay whole."""
    if ":" in word:
        head, _, tail = word.rpartition(":")
        if tail.isalpha():
            return head
    return word


def positioned_words(text: str) -> list[tuple[int, Word]]:
    """Words with the positions `index_terms` gives them; hyphenated words become their parts.

    Build phrase queries from this, so "budget ESF-projekten Satsa" has the same positions in
    the query as in the index.
    """
    out: list[tuple[int, Word]] = []
    pos = 0
    for word in words(text):
        if any(h in word.text for h in _HYPHENS):
            offset = word.start
            for piece in _HYPHEN_SPLIT.split(word.text):
                out.append((pos, Word(piece, offset, offset + len(piece))))
                offset += len(piece) + 1
                pos += 1
        else:
            out.append((pos, word))
            pos += 1
    return out
