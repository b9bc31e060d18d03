"""Compound parts: which words a compound such as "brottsofferjouren" is made of.

A part of `index.analysis`, which is the module the rest of the code imports (it re-exports
`split_compound`). `Lexicon.split` (`index.lexicon`) finds the parts of a word; this module
gives the query side `split_compound()` and the index's part terms every part, nested and
adjacent ones included (`_compound_parts`), so "brott", "offer" and "brottsoffer" all find
"brottsofferjouren". `_shipped_lexicon()` is the lexicon used when a caller passes none; the
stemming rules (`index.stemming`) judge compounds by it too.
"""

from __future__ import annotations

import functools

from index.lexicon import Lexicon, place_names
from index.tokens import MAX_WORD, _normalize


@functools.cache
def _shipped_lexicon() -> Lexicon:
    """The lexicon used when the caller passes none; never given added vocabulary."""
    return Lexicon.default()


def split_compound(word: str, lexicon: Lexicon | None = None) -> list[str]:
    """Parts of a compound found in the lexicon, [] when the word is not a compound.

    Parts are lower-case, linking elements removed ("samverkansutbildningen" -> samverkan,
    utbildningen; "handledarutbildningar" -> handledare, utbildningar). See `Lexicon.split`
    for the rules that keep substrings such as "esf" in "utrikesfödda" from becoming parts.
    A place name has none however it is written: the query side asks, and a search box is
    typed in lower case ("karlshamn" also as the phrase "karl hamn" would find Karl Hamn).
    """
    lex = lexicon if lexicon is not None else _shipped_lexicon()
    w = _normalize(word).lower()
    if len(w) > MAX_WORD or "-" in w or ":" in w or _is_surname(word) or _is_place(w):
        return []
    return lex.split(w)


# Last elements of Swedish surnames and of place names made like them ("Sjögren", "Nordström",
# "Lundqvist", "Olofström"), with their genitive. A capitalised word ending in one is read as
# a name, not as a compound: "gren" or "ström" should not find "Sjögren" as they find
# "verksamhetsgren". Lower-case words keep their split, so a common noun in running text does.
# Place names made otherwise ("Karlshamn", "Landskrona") are listed in sv_places.txt.
_NAME_ENDINGS = tuple(
    end + s
    for end in ("berg", "gren", "ström", "holm", "lund", "dahl", "qvist", "kvist", "stedt")
    for s in ("", "s")
)


def _is_name(word: str) -> bool:
    """Whether `word`, as written, is a name: a surname (`_is_surname`), or, in any case
    after a capital, a place name of `data/lexicon/sv_places.txt` or its genitive
    ("Karlshamn", "Karlshamns", "LANDSKRONA"). Called once per distinct word (the analysis
    memoises a word's terms), so the place test is one or two set lookups on a capitalised
    word."""
    return word[:1].isupper() and (_is_surname(word) or _is_place(word.lower()))


def _is_surname(word: str) -> bool:
    """Whether `word` is written as a surname: a capital, then lower case (not an acronym),
    and a surname's last element (see above)."""
    return word[:1].isupper() and word[1:].islower() and word.lower().endswith(_NAME_ENDINGS)


def _is_place(lowered: str) -> bool:
    """Whether a lower-case word is a place name of sv_places.txt or its genitive."""
    places = place_names()
    return lowered in places or (lowered[-1:] == "s" and lowered[:-1] in places)


def _compound_parts(w: str, lex: Lexicon) -> list[str]:
    """All parts of a compound, nested ones included: "brottsofferjouren" gives brottsoffer,
    jouren, and then brott, offer, so a search for any of them finds the word. Runs of adjacent
    parts count too, as written: "samverkansutbildningsserie" (samverkan, utbildning, serie)
    also gives samverkansutbildning and utbildningsserie."""
    parts = lex.split(w)
    found: list[str] = []
    todo = parts + _part_runs(w, parts)
    while todo:
        part = todo.pop(0)
        if part not in found:
            found.append(part)
            todo.extend(lex.split(part))
    return found


def _part_runs(w: str, parts: list[str]) -> list[str]:
    """Runs of two or more adjacent parts, short of the whole word, as `w` spells them."""
    if len(parts) < 3:
        return []
    spans: list[tuple[int, int]] = []
    pos = 0
    for part in parts:
        # A linking -s- may come before the part, and a restored -e/-a is not written in it.
        for start in (pos, pos + 1):
            form = next((f for f in (part, part[:-1]) if w.startswith(f, start)), None)
            if form is not None and (start == pos or w[pos] == "s"):
                break
        else:
            return []  # the part is written differently (-o for -a): no runs
        spans.append((start, start + len(form)))
        pos = start + len(form)
    runs = []
    for size in range(2, len(parts)):
        for first in range(len(parts) - size + 1):
            runs.append(w[spans[first][0] : spans[first + size - 1][1]])
    return runs
