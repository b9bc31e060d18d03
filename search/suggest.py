""" "Did you mean": spelling suggestions from the index's own vocabulary.

A query word that the index does not know (no section or document head holds its stem) is
compared with the exact word forms the index does hold that share its first letters; the
closest one by edit distance, most frequent on ties, replaces it. Words the index knows are
never "corrected". Heads count as much as sections: a member's name or a meeting place is
often written only there ("Tony Rham" → "Tony Rahm"). So do titles, whose words a search
finds at the highest weight: a heading's word the text does not repeat ("Föregående
mötesprotokoll" over "Föregående mötes protokoll …") got no suggestion when misspelt.
"""

from __future__ import annotations

import re
import unicodedata

import tantivy

from index import analysis, privacy
from index.schema import HEAD_ZONE, search_field

# Candidates share the first three letters (a typo there is not caught) and are the 2,000 most
# frequent such forms: enough for a suggestion, cheap enough for a zero-hit search.
_PREFIX = 3
_CANDIDATES = 2000
# Where the word forms come from: section bodies, titles (a title word is often in the body
# too, which only adds to its count, the tie-break) and heads.
_FORMS = ("body", "title", HEAD_ZONE)
# A word typed without å, ä and ö may mean them anywhere: its first letters are looked up in
# every spelling ("for" as "for" and "för"), up to this many (else only as typed).
_MAX_SPELLINGS = 27


def suggest(searcher: tantivy.Searcher, query: str, words: list[str]) -> str | None:
    """The query with unknown words replaced by their nearest known form, or None."""
    corrected = query
    changed = False
    for word in dict.fromkeys(words):
        if len(word) < 4 or analysis.is_acronym(word) or _known(searcher, word):
            continue
        better = nearest(searcher, word)
        if better:
            if word.isupper():  # "GENOMLYSNIG" → "GENOMLYSNING", as the user wrote it
                better = better.upper()
            elif word[0].isupper():  # "Skolgatn" → "Skolgatan", as the user wrote names
                better = better[0].upper() + better[1:]
            corrected = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", better, corrected, count=1)
            changed = True
    suggestion = _without_identity_numbers(corrected) if changed else ""
    if unicodedata.normalize("NFKC", suggestion) == unicodedata.normalize("NFKC", query):
        return None  # the query itself, only composed: nothing to offer
    return suggestion or None


def _without_identity_numbers(query: str) -> str:
    """The query without the identity numbers typed in it: masked, a number would turn the
    suggestion into a search for the mask ("Biltmark XXXXXX-XXXX"), which finds the sections
    where numbers were masked, not what the user looked for."""
    masked = privacy.mask_typed(query)
    return query if masked == query else " ".join(masked.replace(privacy.MASK, " ").split())


def _known(searcher: tantivy.Searcher, word: str) -> bool:
    terms = analysis.query_terms(word)
    return any(
        searcher.doc_freq(search_field(zone, kind), term)
        for zone in ("body", "title", HEAD_ZONE)
        for kind in ("exact", "stem", "part")
        if (term := terms[kind])
    )


def nearest(searcher: tantivy.Searcher, word: str) -> str | None:
    """The known word form closest to `word` (distance 1, or 2 for longer words).

    Most typos sit after the first letters, so the forms that share the word's first half are
    tried first: they are few, and a form one edit away among them cannot be beaten. Otherwise
    all forms sharing the first three letters are compared.
    """
    lowered = word.lower()
    limit = 1 if len(lowered) < 7 else 2
    half = len(lowered) // 2
    if half > _PREFIX:
        best = _closest(searcher, lowered, lowered[:half], limit)
        if best is not None and best[0] == 1:
            return best[2]
    best = _closest(searcher, lowered, lowered[:_PREFIX], limit)
    return best[2] if best else None


def _closest(
    searcher: tantivy.Searcher, lowered: str, prefix: str, limit: int
) -> tuple[int, int, str] | None:
    """(distance, -frequency, form) of the nearest known form starting with `prefix`.

    A word typed without å, ä and ö is compared with the forms as they read without them, so
    "forsakringskasan" is one edit from "försäkringskassan"."""
    best: tuple[int, int, str] | None = None
    counts: dict[str, int] = {}
    plain = analysis.fold(lowered) == lowered
    spellings = analysis.spellings(prefix, _MAX_SPELLINGS) if plain else None
    for spelling in spellings or (prefix,):
        for zone in _FORMS:
            terms = searcher.terms_with_prefix(
                search_field(zone, "exact"), analysis.EXACT + spelling, limit=_CANDIDATES
            )
            for term, count in terms:
                counts[term] = counts.get(term, 0) + count
    for term, count in counts.items():
        candidate = term[1:]
        if abs(len(candidate) - len(lowered)) > limit or not candidate.isalpha():
            continue
        if not candidate.strip("x"):  # what masking left of a number ("xxxx"), no word
            continue
        compared = analysis.fold(candidate) if plain else candidate
        distance = edit_distance(lowered, compared, limit)
        if distance <= limit and (best is None or (distance, -count) < best[:2]):
            best = (distance, -count, candidate)
    return best


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein (adjacent transpositions), giving up early past `limit`.

    A common prefix and suffix never change the distance, so they are cut off first: the
    candidates compared share their first letters with the word, which leaves short strings.
    """
    if a == b:
        return 0
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    a, b = a[start:], b[start:]
    while a and b and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    if not a or not b:
        return len(a) + len(b)
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]
