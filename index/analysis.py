"""Swedish text analysis: the one place that turns text into search terms.

Indexing, querying, highlighting and suggestions all call this module, so a word is analysed
the same way wherever it appears and the layers can never disagree about what matches.

Every word produces several terms at the same position, one of each kind. The index keeps each
kind in its own field (`index.schema`); the prefixes keep the kinds apart wherever they meet in
one set (highlighting, tests) and keep a stopword's exact term distinct from any stem:

====================  ================================  =========================================
kind                  term                              matches
====================  ================================  =========================================
exact                 ``=genomlysningen``               the surface form, lower-cased
stem                  ``genomlysning``                  any inflection (Snowball + our fixes)
part                  ``>uppdrag``                      a compound part ("genomlysningsuppdraget")
fold                  ``~forbundsordning``              the stem without diacritics (å/ä→a, ö→o)
====================  ================================  =========================================

- Stopwords (Snowball's 114) get only the exact term: they are no search terms on their own, but
  a phrase that contains them ("ungdoms- och civilsamhällesfrågor") still matches.
- Acronyms (ESF, NNS, MUCF) are not stemmed: exact ``=esf`` and stem ``esf``.
- Numbers are words; "4,6", "15.00" and "06:1" stay one word.
- A hyphenated word ("ESF-projekten") occupies one position per part, each with its own terms,
  so the word "ESF" and the phrases "ESF-projekten" and "ESF projekten" all match it. Query
  phrases must be built from `positioned_words()` to use the same positions.
- The fold term is emitted only when it differs from the stem, so the plain stem never
  conflates "för" and "for"; queries typed without å, ä and ö carry it (`query_terms`), which
  lets "forbundsordning" still find "förbundsordning".

Stems depend only on Snowball and the shipped word list, never on vocabulary added later, so an
index built today and a query analysed tomorrow agree. Compound parts use the lexicon passed in
(by default the shipped one); the query side never splits, it looks its stem up as a part.
Changing the rules or the word lists changes terms: `fingerprint()` changes with them, and the
index stores it, so the next indexing run analyses every indexed document again.

`analyze()` gives the terms per position with character offsets (for highlighting);
`index_terms()` returns the same terms as `Term` objects for tests and tools. `field_texts()`
is the indexer's fast path: the same terms, one space-separated string per kind, which tantivy
only splits at the spaces (see `index.schema`).

This module puts the terms together and holds folding and the stopwords; the rules for each
kind of term are in its three parts, one concept each, which no module outside them imports
(they use each other):
`index.tokens` (where words start and end), `index.stemming` (Snowball and our fixes, and
acronyms) and `index.compounds` (compound parts). Their public names are re-exported here.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from index.compounds import _compound_parts, _is_name, _shipped_lexicon, split_compound
from index.lexicon import (
    DOMAIN_FILE,
    NO_CUT_FILE,
    PLACES_FILE,
    STOPWORDS,
    WORDS_FILE,
    Lexicon,
)
from index.stemming import (
    AGENT_NOUNS_FILE,
    STEM_EXCEPTIONS,
    _stem_part,
    is_acronym,
    part_stem,
    stem,
)
from index.tokens import (
    _FAST_RE,
    _HYPHEN_SPLIT,
    _ODD_RE,
    _SLOW_RE,
    MAX_TERM,
    MAX_WORD,
    Word,
    _base,
    _normalize,
    positioned_words,
    words,
)

__all__ = [
    "KINDS",
    "STEM_EXCEPTIONS",
    "STOPWORDS",
    "Term",
    "Word",
    "analyze",
    "analyze_chunks",
    "analyze_matching",
    "base_form",
    "field_texts",
    "fingerprint",
    "fold",
    "has_word",
    "index_terms",
    "is_acronym",
    "is_stopword",
    "needs_whole_analysis",
    "positioned_words",
    "query_terms",
    "spellings",
    "split_compound",
    "stem",
    "unaccented_stem",
    "words",
]

EXACT = "="
PART = ">"
FOLD = "~"

# Bump when a rule here, in the parts (index.tokens, index.stemming, index.compounds) or in
# index.lexicon changes the terms a text produces.
# 12: nouns in -are stem to themselves (data/lexicon/sv_agent_nouns.txt); -lig adjectives,
# dropped vowels, genitives, -ena plurals, strong verbs, irregular comparison and given names
# (index.stemming's layers 1, 2b–2j and 3).
ANALYSIS_VERSION = 12


@dataclass(frozen=True, slots=True)
class Term:
    """One index term: the term string, its position, and the character span it highlights."""

    term: str
    position: int
    start: int
    end: int


@functools.cache
def fingerprint() -> str:
    """A short hash of the analysis rules' version and the word lists they read.

    The index stores it (`Store.analysis_is_current`): when it differs, the index holds terms
    this code would no longer produce, and the indexer analyses every document again.
    """
    h = hashlib.sha256(f"finsok-analysis-{ANALYSIS_VERSION}".encode())
    for path in (WORDS_FILE, DOMAIN_FILE, NO_CUT_FILE, PLACES_FILE, AGENT_NOUNS_FILE):
        h.update(path.read_bytes() if path.exists() else b"-")
    return h.hexdigest()[:16]


# -- folding and stopwords ---------------------------------------------------------------------

_FOLD_TABLE = str.maketrans(
    {
        "å": "a",
        "ä": "a",
        "à": "a",
        "á": "a",
        "â": "a",
        "ã": "a",
        "ö": "o",
        "ø": "o",
        "ó": "o",
        "ò": "o",
        "ô": "o",
        "õ": "o",
        "é": "e",
        "è": "e",
        "ê": "e",
        "ë": "e",
        "ü": "u",
        "ú": "u",
        "ù": "u",
        "û": "u",
        "í": "i",
        "ì": "i",
        "î": "i",
        "ï": "i",
        "ç": "c",
        "ñ": "n",
        "ý": "y",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "Å": "A",
        "Ä": "A",
        "Ö": "O",
        "É": "E",
        "Ü": "U",
        "Æ": "AE",
        "Ø": "O",
    }
)


def fold(s: str) -> str:
    """Remove diacritics: å/ä→a, ö/ø→o, é→e, ü→u, æ→ae; other accents via Unicode decomposition.

    Used for the ``~`` terms that let "forbundsordning" (typed without Swedish letters) find
    "förbundsordning" without merging för/for or får/far in the stem terms.
    """
    out = s.translate(_FOLD_TABLE)
    if out.isascii():
        return out
    decomposed = unicodedata.normalize("NFKD", out)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# The Swedish letters a word typed without them may have meant: a for å or ä, o for ö.
_UNFOLDED = {"a": "aåä", "o": "oö"}


def spellings(word: str, limit: int) -> list[str] | None:
    """`word` (lower case, typed without å, ä and ö) in every spelling with them it may stand
    for ("for": for, för; "tag": tag, tåg, täg), itself first; None when there would be more than
    `limit`, so a long word costs nothing."""
    options = [_UNFOLDED.get(c, c) for c in word]
    count = 1
    for letters in options:
        count *= len(letters)
    if count > limit:
        return None
    return ["".join(p) for p in itertools.product(*options)]


def base_form(word: str) -> str:
    """The word without a colon ending ("ESF:s" → "ESF"); numbers such as "06:1" stay whole."""
    return _base(_normalize(word))


def is_stopword(word: str) -> bool:
    """Whether the word is on Snowball's Swedish stopword list (case-insensitive)."""
    return word.lower() in STOPWORDS


# -- terms for one word ------------------------------------------------------------------------

_Group = tuple[int, int, int, tuple[str, ...]]  # (position offset, start offset, end offset, terms)


def _simple_terms(word: str, lex: Lexicon) -> tuple[str, ...]:
    """Terms for one hyphen-free word (normalised surface, original casing)."""
    lw = word.lower()
    if len(lw) > MAX_WORD:
        return (EXACT + lw[:MAX_TERM],)
    exact = EXACT + lw
    base = _base(lw)
    if base in STOPWORDS:
        return (exact,)
    st = _stem_part(word)
    terms = [exact, st]
    folded = fold(st)
    if folded != st:
        terms.append(FOLD + folded)
    if base.isalpha() and not is_acronym(word) and not _is_name(word):
        for part in _compound_parts(base, lex):
            term = PART + part_stem(part, base)
            if term not in terms:
                terms.append(term)
    return tuple(terms)


def _word_plan(surface: str, lex: Lexicon) -> tuple[str, ...] | list[_Group]:
    """Terms for one surface word: a tuple of terms for a plain word (one position), or a list of
    groups for a hyphenated word, one per part at successive positions."""
    word = _normalize(surface)
    if "-" not in word:
        return _simple_terms(word, lex)
    if len(word) > MAX_WORD * 4:
        return (EXACT + word.lower()[:MAX_TERM],)
    groups: list[_Group] = []
    # Offsets of the parts in the surface string (normalisation may have changed lengths).
    pieces = _HYPHEN_SPLIT.split(surface)
    offset = 0
    for i, piece in enumerate(pieces):
        groups.append((i, offset, offset + len(piece), _simple_terms(_normalize(piece), lex)))
        offset += len(piece) + 1
    return groups


def _caches(lex: Lexicon) -> tuple[dict, dict, _KindsCache]:
    """Per-lexicon memo tables: surface word -> plan, space-free chunk -> word plans, and
    whitespace-free chunk -> its terms per kind (for `field_texts`)."""
    cache = lex.cache
    tables = cache.get("analysis")
    if tables is None or sum(map(len, tables)) >= lex.cache_limit:
        # The words' plans are the dear ones to make again (stems, compound splits): they are
        # kept while they fill less than half the room, and only the chunk tables start afresh.
        kept = tables is not None and len(tables[0]) < lex.cache_limit // 2
        word_cache: dict = tables[0] if kept else {}
        tables = cache["analysis"] = (word_cache, {}, _KindsCache(lex, word_cache))
    return tables  # type: ignore[return-value]


class _KindsCache(dict):
    """Whitespace-free chunk -> its terms per kind. A miss analyses the chunk in `__missing__`,
    so `map(cache.__getitem__, chunks)` runs the common case, a hit, without Python code."""

    def __init__(self, lex: Lexicon, word_cache: dict) -> None:
        super().__init__()
        self.lex = lex
        self.word_cache = word_cache

    def __missing__(self, chunk: str) -> tuple[str, str, str, str]:
        kinds = self[chunk] = _chunk_kinds(chunk, self.lex, self.word_cache)
        return kinds


_TRIM = " \t\n\r\x0b\x0c\xa0.,;:!?()[]{}<>\"'«»“”‘’…•–—-/\\§%*_"


def _chunk_plan(chunk: str, lex: Lexicon, word_cache: dict) -> tuple:
    """The words of a space-free chunk as ``((start, end, plan), ...)`` relative to the chunk."""
    # The common cases: the chunk is one word, perhaps with punctuation or line breaks around
    # it ("(NNS).", "beslutar:\n"). str.isalnum is exactly the token character class (\w
    # without "_"), and none of the trimmed characters can be part of a word there.
    core = chunk.strip(_TRIM)
    if core.isalnum():
        plan = word_cache.get(core)
        if plan is None:
            plan = word_cache[core] = _word_plan(core, lex)
        start = len(chunk) - len(chunk.lstrip(_TRIM))
        return ((start, start + len(core), plan),)
    entries = []
    for m in _FAST_RE.finditer(chunk):
        w = m.group()
        plan = word_cache.get(w)
        if plan is None:
            plan = word_cache[w] = _word_plan(w, lex)
        entries.append((m.start(), m.end(), plan))
    return tuple(entries)


# -- whole texts -------------------------------------------------------------------------------


def analyze(text: str, lexicon: Lexicon | None = None, *, memo: dict | None = None) -> list[_Group]:
    """``[(position, start, end, terms), ...]`` in text order, for highlighting and tools.

    Each entry is one span with all the terms that share its position (exact, stem, fold,
    parts); a hyphenated word gives one entry per part. Offsets are character offsets into
    `text`.

    Speed: the text is cut at spaces (no word contains one, and no token rule looks across
    one), and each distinct chunk ("(NNS).", "ESF-projekten,") is tokenised and analysed once
    per lexicon, so running text costs a split, a dictionary lookup and a tuple per word.
    A caller that reads many texts once (a download of a thousand snippets) passes a `memo`
    of its own for their chunks, dropped with it, so they do not crowd out the shared one;
    their words still go into the lexicon's word memo.
    """
    return _walk(text, lexicon, memo, None, ())


def analyze_matching(
    text: str,
    wanted: frozenset[str],
    prefixes: tuple[str, ...] = (),
    lexicon: Lexicon | None = None,
    *,
    memo: dict | None = None,
) -> list[_Group]:
    """The groups of `analyze` whose terms meet `wanted` or start with one of `prefixes`,
    with the positions and offsets `analyze` gives them (and in its order).

    For marking a query's words (`search.snippets`): a page's ten hits are mostly words the
    query does not look for, and building a group for each of them, only to drop it, cost as
    much as the analysis. The text is read as `analyze` reads it, by the same walk through
    the same memos (`memo` as there).
    """
    return _walk(text, lexicon, memo, wanted, prefixes)


def _walk(
    text: str,
    lexicon: Lexicon | None,
    memo: dict | None,
    wanted: frozenset[str] | None,
    prefixes: tuple[str, ...],
) -> list[_Group]:
    """`analyze`'s groups, all of them when `wanted` is None, else those that meet `wanted`
    or `prefixes` (`analyze_matching`): one walk, so positions and offsets agree."""
    lex = lexicon if lexicon is not None else _shipped_lexicon()
    word_cache, chunk_cache, _ = _caches(lex)
    if memo is not None:
        chunk_cache = memo
    every = wanted is None
    if _ODD_RE.search(text):
        groups = _analyze_slow(text, lex, word_cache)
        return groups if every else [g for g in groups if _meets(g[3], wanted, prefixes)]
    out: list[_Group] = []
    append = out.append
    get = chunk_cache.get
    disjoint = frozenset().isdisjoint if every else wanted.isdisjoint
    length = len
    # Each test takes as many prefixes as the word has terms from this endless supply (a call
    # of `_starts_with` per word cost more than the test itself).
    supply = itertools.repeat(prefixes)
    starts = str.startswith
    pos = 0
    offset = 0
    for chunk in text.split(" "):
        if chunk:
            entries = get(chunk)
            if entries is None:
                entries = chunk_cache[chunk] = _chunk_plan(chunk, lex, word_cache)
            for a, b, plan in entries:
                if plan.__class__ is tuple:
                    if every or not disjoint(plan) or (prefixes and any(map(starts, plan, supply))):
                        append((pos, offset + a, offset + b, plan))
                    pos += 1
                else:
                    base = offset + a
                    for dpos, pa, pb, terms in plan:
                        if every or _meets(terms, wanted, prefixes):
                            append((pos + dpos, base + pa, base + pb, terms))
                    pos += plan[-1][0] + 1
            offset += length(chunk) + 1
        else:
            offset += 1
    return out


def _meets(terms: tuple[str, ...], wanted: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    return not wanted.isdisjoint(terms) or (bool(prefixes) and _starts_with(terms, prefixes))


def _starts_with(terms: tuple[str, ...], prefixes: tuple[str, ...]) -> bool:
    return any(map(str.startswith, terms, itertools.repeat(prefixes)))


_HAS_WORD = re.compile(r"[^\W_]")  # every letter or digit belongs to a word (`index.tokens`)


def analyze_chunks(
    text: str, offsets: Iterable[int], lexicon: Lexicon | None = None, *, memo: dict | None = None
) -> list[_Group]:
    """`analyze` for only the space-separated chunks of `text` that hold one of `offsets`
    (ascending): their groups, with the offsets and terms `analyze` gives them.

    For a caller that knows where in a long text the terms it looks for can be (a download's
    snippets, `search.snippets`): the other words are neither analysed nor memoised. Positions
    are `analyze`'s up to a constant within a chunk and between chunks that nothing but spaces
    and punctuation separates, and skip one where words were left out, so a phrase matches
    these groups exactly where it matches the whole text's. Text with characters that take
    `analyze`'s slow path is the caller's to analyse whole (`needs_whole_analysis`).
    """
    lex = lexicon if lexicon is not None else _shipped_lexicon()
    word_cache, chunk_cache, _ = _caches(lex)
    if memo is not None:
        chunk_cache = memo
    out: list[_Group] = []
    pos = 0
    done = -1  # end of the last chunk analysed
    for at in offsets:
        if at < done:
            continue  # in the chunk just analysed
        start = text.rfind(" ", 0, at) + 1
        end = text.find(" ", at)
        if end < 0:
            end = len(text)
        if done >= 0 and has_word(text, done, start):
            pos += 1  # words left out between: no phrase runs across them
        chunk = text[start:end]
        entries = chunk_cache.get(chunk)
        if entries is None:
            entries = chunk_cache[chunk] = _chunk_plan(chunk, lex, word_cache)
        for a, b, plan in entries:
            if plan.__class__ is tuple:
                out.append((pos, start + a, start + b, plan))
                pos += 1
            else:
                for dpos, pa, pb, terms in plan:
                    out.append((pos + dpos, start + a + pa, start + a + pb, terms))
                pos += plan[-1][0] + 1
        done = end
    return out


def has_word(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` holds a word (a letter or digit, which always belongs to one)."""
    return _HAS_WORD.search(text, start, end) is not None


def needs_whole_analysis(text: str) -> bool:
    """Whether `text` has characters (soft hyphens, combining accents, ligatures …) that
    `analyze` reads with its slow tokenizer, which `analyze_chunks` does not follow."""
    return _ODD_RE.search(text) is not None


def _analyze_slow(text: str, lex: Lexicon, word_cache: dict) -> list[_Group]:
    """`analyze` for text with soft hyphens, combining accents or ligatures inside words."""
    out: list[_Group] = []
    pos = 0
    for m in _SLOW_RE.finditer(text):
        w = m.group()
        plan = word_cache.get(w)
        if plan is None:
            plan = word_cache[w] = _word_plan(w, lex)
        if plan.__class__ is tuple:
            out.append((pos, m.start(), m.end(), plan))
            pos += 1
        else:
            for dpos, a, b, terms in plan:
                out.append((pos + dpos, m.start() + a, m.start() + b, terms))
            pos += plan[-1][0] + 1
    return out


# -- the indexer's wire format -----------------------------------------------------------------

KINDS = ("exact", "stem", "part", "fold")


def field_texts(text: str, lexicon: Lexicon | None = None) -> tuple[str, str, str, str]:
    """The terms of `text` as one space-separated string per kind: (exact, stem, part, fold).

    This is how the indexer hands terms to tantivy: each kind has its own field with tantivy's
    whitespace tokenizer, which only splits at the spaces, so every term is still decided here.
    It is several times cheaper than building a tantivy `Token` per term, and pre-tokenized
    fields could not share positions between kinds anyway once they are separate fields.

    The exact and stem strings have one term per position, as `analyze` numbers them, so
    phrases match in either field; a stopword's place in the stem string is held by its exact
    term ("=för"), which no stem can equal. Part and fold terms are only ever looked up alone,
    so their strings carry no positions that matter and skip words that have none.
    """
    lex = lexicon if lexicon is not None else _shipped_lexicon()
    word_cache, _, field_cache = _caches(lex)
    if _ODD_RE.search(text):
        return _join_kinds([_kinds_of(terms) for *_, terms in _analyze_slow(text, lex, word_cache)])
    return _join_kinds(list(map(field_cache.__getitem__, text.split())))


def _kinds_of(terms: tuple[str, ...]) -> tuple[str, str, str, str]:
    """One word's terms as (exact, stem, parts, fold) strings."""
    exact = terms[0]
    if len(terms) == 1:
        return exact, exact, "", ""
    rest = terms[2:]
    parts = " ".join(t for t in rest if t[0] == PART)
    folded = " ".join(t for t in rest if t[0] == FOLD)
    return exact, terms[1], parts, folded


def _chunk_kinds(chunk: str, lex: Lexicon, word_cache: dict) -> tuple[str, str, str, str]:
    kinds = []
    for _, _, plan in _chunk_plan(chunk, lex, word_cache):
        if plan.__class__ is tuple:
            kinds.append(_kinds_of(plan))
        else:
            kinds.extend(_kinds_of(group[3]) for group in plan)
    return _join_kinds(kinds)


def _join_kinds(kinds: list[tuple[str, str, str, str]]) -> tuple[str, str, str, str]:
    """Per kind, the words' strings joined with spaces. Most words have no part or fold terms,
    so empty strings are left out there; a chunk of punctuation ("–") has no terms at all and
    leaves an extra space in the exact and stem strings, which tantivy's whitespace tokenizer
    skips without counting a position (filtering them costs more than it saves)."""
    if not kinds:
        return "", "", "", ""
    exact, stems, parts, folds = zip(*kinds, strict=True)
    return (
        " ".join(exact),
        " ".join(stems),
        " ".join(filter(None, parts)),
        " ".join(filter(None, folds)),
    )


def index_terms(text: str, lexicon: Lexicon | None = None) -> list[Term]:
    """All index terms of a text as `Term`s, positions from 0 (see the module docstring)."""
    return [
        Term(term, pos, start, end)
        for pos, start, end, terms in analyze(text, lexicon)
        for term in terms
    ]


_SWEDISH_LETTERS = frozenset("åäö")


def query_terms(word: str, lexicon: Lexicon | None = None) -> dict[str, str | None]:
    """The terms to look a query word up by: ``{"exact", "stem", "part", "fold"}``.

    Stopwords have only the exact term. "part" is the stem as a compound part (the index holds
    ">utbildning" for "samverkansutbildningen"); query words themselves are not split. "fold"
    is given for words with letters and without å, ä or ö, so a query typed without them meets
    the index's folded terms ("forbund" finds "förbund"); a word typed with them means them, and
    "lån" never finds "län". `lexicon` is accepted for symmetry with `index_terms`; it does
    not change the result, because stems never depend on added vocabulary.
    """
    del lexicon  # stems and query terms are lexicon-independent by design
    w = _normalize(word)
    lw = w.lower()
    exact = EXACT + lw
    if _base(lw) in STOPWORDS:
        return {"exact": exact, "stem": None, "part": None, "fold": None}
    st = stem(w)
    has_letters = any(c.isalpha() for c in st)
    return {
        "exact": exact,
        "stem": st,
        "part": PART + st if has_letters and "-" not in st else None,
        "fold": FOLD + fold(st) if has_letters and not _SWEDISH_LETTERS & set(st) else None,
    }


def unaccented_stem(word: str) -> str | None:
    """The stem of `word` spelt without its accents ("budgét" → "budget"), for a word typed
    with accents Swedish does not write and without å, ä and ö; otherwise None.

    The index keeps a word's fold term only where it differs from its stem, so the plain
    spelling "budget" has none, and the query's fold term "~budget" alone would find only
    other accented spellings. Searched as a stem, at the fold terms' weight, it finds "budget".
    """
    terms = query_terms(word)
    folded = terms["fold"]
    if folded is None or folded[len(FOLD) :] == terms["stem"]:
        return None
    plain = query_terms(fold(_normalize(word)))["stem"]
    # Stemmed anew, the plain spelling may lose more than the accent ("andre" → "andr", the
    # stem of "andra"): then it is another word, and "André" must not find "andra".
    if plain is None or plain != folded[len(FOLD) :]:
        return None
    return plain if plain != terms["stem"] else None
