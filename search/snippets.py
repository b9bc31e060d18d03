"""Snippets and highlighting for search hits, using the same analysis as the index.

A hit is one section of a protocol. Its snippet is a window of about `width` characters around
the best cluster of matches, with every match wrapped in ``<mark>``. Matches are found by
running the text through `index.analysis.analyze` (the terms `index_terms` returns, grouped per
span) and marking each span that carries a term the query looks for, so highlighting and
matching can never disagree: "genomlysning" marks "genomlysningen", "utbildning" marks
"samverkansutbildningen" (compound part) and "ESF" marks the "ESF" of "ESF-projekten" but
nothing in "utrikesfödda".

Output is safe HTML: every piece of document text goes through ``html.escape(..., quote=True)``
before the marks are put around it, and ``<mark>``/``</mark>`` are the only tags ever added.
All offsets are character offsets (Python ``str`` indices).
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from index.analysis import (
    EXACT,
    FOLD,
    PART,
    STEM_EXCEPTIONS,
    analyze_chunks,
    analyze_matching,
    fold,
    has_word,
    needs_whole_analysis,
    positioned_words,
    query_terms,
    unaccented_stem,
)
from index.analysis import words as split_words
from index.lexicon import Lexicon, shipped_words

if TYPE_CHECKING:
    from search.marks import Marks

__all__ = ["Highlighter", "HitSnippet", "mark_all", "mark_within", "section_snippet", "snippet"]

ELLIPSIS = "…"
MARK_OPEN = "<mark>"
MARK_CLOSE = "</mark>"

# How far a window edge may move outwards to reach a word boundary; a longer "word" (a URL,
# garbage from a PDF) is cut where it is.
_MAX_EXPAND = 40
_SPACE_RUN = re.compile(r"\s+")
_PHRASE_KEY = "\x00phrase"
_TERM_KINDS = ("exact", "stem", "part", "fold")

# A matched span: start, end, and the keys of the query words it matches (to count distinct ones).
_Span = tuple[int, int, frozenset[str]]


def _word_terms(word: str) -> frozenset[str]:
    qt = query_terms(word)
    terms = frozenset(t for kind in _TERM_KINDS if (t := qt.get(kind)))
    plain = unaccented_stem(word)  # "budgét" marks "budget", which it finds
    return terms | {plain, PART + plain} if plain else terms


@dataclass(frozen=True)
class Highlighter:
    """Built once per query from the set of index terms the query looks for.

    - `terms`: index terms (with their "=", ">", "~" prefixes) that mark a word wherever it is.
    - `prefixes`: exact terms such as ``"=samverk"``; a word whose exact ("=") term starts with
      one is marked (prefix queries, ``samverk*``).
    - `phrases`: multi-word phrases, one frozenset of acceptable terms per position; a run of
      consecutive positions matching them is marked as one span. This is how stopwords inside a
      phrase ("ungdoms- och civilsamhällesfrågor") are marked only inside the phrase.
    - `lexicon`: the lexicon the index was built with (compound parts depend on it); None means
      the shipped one, as in `index.analysis`.
    - `alternatives`: what each alternative of the query marks, for a query whose hits may be
      found through one alternative while holding words of another (`within`); None for one
      without such alternatives, whose every hit is marked alike.
    """

    terms: frozenset[str]
    prefixes: frozenset[str] = frozenset()
    phrases: tuple[tuple[frozenset[str], ...], ...] = ()
    lexicon: Lexicon | None = field(default=None, compare=False, repr=False)
    # The chunk memo for texts read once (a download's), instead of the lexicon's shared one
    # (see `index.analysis.analyze`).
    memo: dict | None = field(default=None, compare=False, repr=False)
    # Analyse only the words that can match (`_scanned`): for a download's thousand texts,
    # of which a page shows none, so its snippets are checked against the pages' whole-text
    # analysis (tests/test_export.py).
    scan: bool = field(default=False, compare=False, repr=False)
    alternatives: _Alternatives | None = field(default=None, repr=False)
    # The groups of texts analysed already (`within`): a hit's texts are analysed once, for
    # telling which alternatives it holds and for marking them.
    analysed: dict[str, list] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def for_words(
        cls,
        words: Sequence[str],
        phrases: Sequence[str] = (),
        *,
        prefixes: Sequence[str] = (),
        lexicon: Lexicon | None = None,
        marks: Marks | None = None,
    ) -> Highlighter:
        """A highlighter for query words, phrases and prefix words (``samverk`` for
        ``samverk*``).

        Each word contributes all its `query_terms` kinds (exact, stem, part, fold). A word
        string is tokenised like text, so "budget," or "ESF-projekten" work as typed. Stopwords
        on their own ("och") are not marked unless the query has nothing else to mark. A phrase
        (a quoted one, an abbreviation's long form, a compound's parts written apart,
        "ESF-projekten") is marked only as a whole: "plan" alone is not "samordnad
        individuell plan", nor "rapport" alone "tertialrapport". A quoted single word is
        marked only in the form typed, as the search finds only that form. `marks` says how
        the words, phrases and prefixes combine (`search.marks.Marks`), for `within`.
        """
        found = cls._of_words(words, phrases, prefixes, lexicon)
        alternatives = _alternatives(marks, words, phrases, prefixes, lexicon)
        return found if alternatives is None else replace(found, alternatives=alternatives)

    @classmethod
    def _of_words(
        cls,
        words: Sequence[str],
        phrases: Sequence[str],
        prefixes: Sequence[str],
        lexicon: Lexicon | None,
    ) -> Highlighter:
        """`for_words` without `marks`."""
        terms: set[str] = set()
        stop_terms: set[str] = set()
        phrases = list(phrases)
        for raw in words:
            for w in split_words(raw):
                if len(positioned_words(w.text)) > 1:  # "ESF-projekten": a phrase of its parts
                    phrases.append(w.text)
                    continue
                qt = _word_terms(w.text)
                if query_terms(w.text)["stem"] is None:
                    stop_terms |= qt
                else:
                    terms |= qt
        seqs: list[tuple[frozenset[str], ...]] = []
        for phrase in phrases:
            positioned = positioned_words(phrase)
            if len(positioned) == 1:
                # A quoted single word finds only that form ("genomlysningen"), so only that
                # form is marked, not "genomlysningsuppdraget" beside it.
                terms.add(str(query_terms(positioned[0][1].text)["exact"]))
            elif positioned:
                seqs.append(tuple(_word_terms(w.text) for _, w in positioned))
        exact_prefixes = frozenset(
            prefix
            for raw in prefixes
            for w in split_words(raw)
            for prefix in _prefix_terms(str(query_terms(w.text)["exact"]))
        )
        if not terms and not seqs and not exact_prefixes:
            terms = stop_terms
        return cls(frozenset(terms), exact_prefixes, tuple(dict.fromkeys(seqs)), lexicon)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of the matching words in `text`, merged and sorted."""
        return [(s, e) for s, e, _ in self._spans(text)]

    def matches(self, text: str) -> bool:
        """Whether anything in `text` is marked."""
        return bool(self._spans(text))

    def within(self, texts: Iterable[str], met: Container[int] | None = None) -> Highlighter:
        """The highlighter for one hit whose searched texts (a section's title, decisions and
        body, or its decisions alone; a head's title and text) are `texts`: an alternative
        of the query (OR, an abbreviation's other forms) that the hit does not hold in full
        marks nothing in it. The query `finansiell samordning` finds a section through
        "Finsam" alone, and "samordning" then marked "samordningsförbund" in it, a word that
        was not why the hit was there. `met` holds the conditions of the query (its § numbers,
        filters and exclusions, `search.compile.Compiled.conditions`) that the hit meets, as
        `Compiler.conditions_met` found them: in `(§ 5 plan) OR budget` a hit that is no § 5
        does not hold the first alternative, whatever its text says. None: the caller cannot
        tell, and every condition counts as met. A query without such alternatives gets
        itself back, at no cost. Each of `texts` is analysed once, here, and marked from that
        analysis."""
        alternatives = self.alternatives
        if alternatives is None:
            return self
        analysed: dict[str, list] = {}
        present: set[int] = set()
        leaves = alternatives.leaves
        for text in texts:
            if not text or text in analysed:
                continue
            groups = analysed[text] = self._groups(text)
            present.update(
                i for i, leaf in enumerate(leaves) if i not in present and leaf._holds(groups)
            )
        kept = alternatives.kept(_Held(present, met))
        if kept is None or len(kept) == len(leaves):
            # Held in full, or found by what cannot be seen here (the texts as the index read
            # them differ): marked as the query's words are everywhere.
            return replace(self, alternatives=None, analysed=analysed)
        return self._without(alternatives, kept, analysed)

    def _without(
        self, alternatives: _Alternatives, kept: set[int], analysed: dict[str, list]
    ) -> Highlighter:
        """This highlighter without what only the leaves of `alternatives` that are not
        `kept` mark: a word that a kept leaf marks too stays."""
        keep = [leaf for i, leaf in enumerate(alternatives.leaves) if i in kept]
        drop = [leaf for i, leaf in enumerate(alternatives.leaves) if i not in kept]
        terms = _union(d.terms for d in drop) - _union(k.terms for k in keep)
        prefixes = _union(d.prefixes for d in drop) - _union(k.prefixes for k in keep)
        phrases = _union(d.phrases for d in drop) - _union(k.phrases for k in keep)
        return replace(
            self,
            terms=self.terms - terms,
            prefixes=self.prefixes - prefixes,
            phrases=tuple(seq for seq in self.phrases if seq not in phrases),
            alternatives=None,
            analysed=analysed,
        )

    def _spans(self, text: str) -> list[_Span]:
        """Merged spans with the keys of what they match (for counting distinct query words)."""
        if not text or not (self.terms or self.prefixes or self.phrases):
            return []
        return self._spans_of(self._groups(text))

    def _groups(self, text: str) -> list:
        """The analysis groups of `text` that `_spans_of` reads: those `within` kept, else
        those of the words that can match (`_scanned`, `analyze_matching`)."""
        if self.analysed is not None and (groups := self.analysed.get(text)) is not None:
            return groups
        groups = self._scanned(text) if self.scan else None
        if groups is None:
            groups = analyze_matching(
                text, self._wanted, self._prefixes, self.lexicon, memo=self.memo
            )
        return groups

    def _holds(self, groups: list) -> bool:
        """Whether the groups of a text have anything this highlighter marks: `_spans_of`
        without building the spans (`within` asks it of each alternative of each hit)."""
        terms = self.terms
        prefixes = self._prefixes
        for group in groups:
            group_terms = group[3]
            if not terms.isdisjoint(group_terms):
                return True
            if prefixes and any(t.startswith(prefixes) for t in group_terms):
                return True
        return bool(self.phrases) and bool(self._phrase_spans(groups))

    def _spans_of(self, groups: list) -> list[_Span]:
        """`_spans` of the groups of a text: all of them (`analyze`), or at least those with a
        term or prefix this highlighter looks for (`analyze_matching`, `_scanned`)."""
        terms = self.terms
        prefixes = self._prefixes
        found: list[_Span] = []
        for _, start, end, group_terms in groups:
            if not terms.isdisjoint(group_terms):
                found.append((start, end, frozenset((_key(terms.intersection(group_terms)),))))
            elif prefixes:
                for t in group_terms:
                    if t.startswith(prefixes):
                        key = next(p for p in prefixes if t.startswith(p))
                        found.append((start, end, frozenset((key,))))
                        break
        if self.phrases:
            found.extend(self._phrase_spans(groups))
        return _merge(found)

    @functools.cached_property
    def _prefixes(self) -> tuple[str, ...]:
        """The prefixes in a fixed order: the first a term starts with gives its key."""
        return tuple(sorted(self.prefixes))

    @functools.cached_property
    def _wanted(self) -> frozenset[str]:
        """Every term a group must have to be marked, alone or in a phrase (besides the
        prefixes): the groups without one are never looked at (`analyze_matching`)."""
        return self.terms.union(*(want for seq in self.phrases for want in seq))

    @functools.cached_property
    def _needles(self) -> tuple[re.Pattern[str] | None, tuple[tuple[re.Pattern[str], int], ...]]:
        """Where in a text the words this highlighter marks can be: a pattern for what a word
        with one of its terms or prefixes must contain (`_needle`; None without any), and for
        each phrase, the pattern of its rarest word with how many words the phrase reaches on
        either side of it. `_NO_SCAN` when a term gives no needle worth scanning for."""
        words = _needle_pattern_of(set(self.terms) | set(self.prefixes))
        if words is None and (self.terms or self.prefixes):
            return _NO_SCAN
        phrases = []
        for seq in self.phrases:
            best = max((_needle_pattern_of(want) for want in seq), key=_needle_length)
            if best is None:
                return _NO_SCAN
            phrases.append((best[0], len(seq) - 1))
        return (words[0] if words else None), tuple(phrases)

    def _scanned(self, text: str) -> list | None:
        """The groups of the chunks of `text` that hold a needle, and of those a phrase may
        reach from one (`analyze_chunks`): the same spans as the whole text's groups give, at
        a fraction of the cost, as a download's texts are mostly words that no query term
        can come from. None when the text or the query does not allow it (`_scannable`,
        `_needles`)."""
        words, phrases = needles = self._needles
        if needles is _NO_SCAN or not _scannable(text):
            return None
        found = [m.start() for m in words.finditer(text)] if words is not None else []
        for pattern, reach in phrases:
            last = -1
            for m in pattern.finditer(text):
                at = m.start()
                # A match in the chunk of the one before has the same chunks around it; each
                # search for them reads the whole chunk, which in text without spaces (words
                # parted by no-break spaces or line breaks) is the whole text.
                if last < 0 or text.find(" ", last, at) >= 0:
                    found.extend(_chunks_around(text, at, reach))
                last = at
        found.sort()
        return analyze_chunks(text, found, self.lexicon, memo=self.memo)

    def _phrase_spans(self, groups: list) -> list[_Span]:
        """Spans of the phrases: runs of consecutive positions whose terms match them.

        `analyze` and `analyze_chunks` give the groups in the order of their positions, so
        the groups of a position and of the ones after it follow the first group that
        starts a phrase: only those are looked at, not every group of a long text (which
        took as long as analysing it)."""
        firsts = frozenset().union(*(seq[0] for seq in self.phrases))
        starts = [i for i, g in enumerate(groups) if not firsts.isdisjoint(g[3])]
        if not starts:
            return []
        at = _first_of_positions(groups, starts)
        out: list[_Span] = []
        for n, seq in enumerate(self.phrases):
            key = frozenset((f"{_PHRASE_KEY}{n}",))
            for pos, first in at:
                hits = []
                k = first
                for i, want in enumerate(seq):
                    step = []
                    while k < len(groups) and groups[k][0] <= pos + i:
                        if groups[k][0] == pos + i and not want.isdisjoint(groups[k][3]):
                            step.append(groups[k])
                        k += 1
                    if not step:
                        break
                    hits.extend(step)
                else:
                    out.append((min(g[1] for g in hits), max(g[2] for g in hits), key))
        return out


@dataclass(frozen=True)
class _Held:
    """What one hit holds of a query's alternatives: the leaves its texts hold (`present`)
    and the conditions it meets (`met`; None: every one, the caller cannot tell)."""

    present: set[int]
    met: Container[int] | None


@dataclass(frozen=True)
class _Part:
    """A `search.marks.Marks` node resolved: a leaf's index in `_Alternatives.leaves`
    (`leaf`), a condition's index in `Compiled.conditions` (`condition`: a § number, a
    filter, an exclusion), or the `parts` of an AND (`either` False) or an OR; a node with
    none of them is what no highlighter sees, taken as held."""

    leaf: int | None = None
    parts: tuple[_Part, ...] = ()
    either: bool = False
    condition: int | None = None

    def held(self, hit: _Held) -> bool:
        """Whether a hit that holds `hit` holds this part."""
        if self.leaf is not None:
            return self.leaf in hit.present
        if self.condition is not None:
            return hit.met is None or self.condition in hit.met
        if self.either:
            return any(p.held(hit) for p in self.parts)
        return all(p.held(hit) for p in self.parts)

    def marking(self, hit: _Held, kept: set[int]) -> None:
        """Add to `kept` the leaves of this part, held, that mark: all of an AND's, and of an
        OR's the alternatives held."""
        if self.leaf is not None:
            kept.add(self.leaf)
        for part in self.parts:
            if part.held(hit):
                part.marking(hit, kept)


@dataclass(frozen=True)
class _Alternatives:
    """What each typed word or phrase of a query marks (`leaves`, one highlighter each) and
    how they combine (`tree`), for `Highlighter.within`."""

    leaves: tuple[Highlighter, ...]
    tree: _Part

    def kept(self, hit: _Held) -> set[int] | None:
        """The leaves that mark in a hit that holds `hit`; None when the hit does not hold
        the query as its texts read here."""
        if not self.tree.held(hit):
            return None
        kept: set[int] = set()
        self.tree.marking(hit, kept)
        return kept


def _alternatives(
    marks: Marks | None,
    words: Sequence[str],
    phrases: Sequence[str],
    prefixes: Sequence[str],
    lexicon: Lexicon | None,
) -> _Alternatives | None:
    """The alternatives of a query, when a hit may hold words of one that did not find it:
    an OR (or an abbreviation's other forms) with an AND among its alternatives
    (`_may_differ`). Otherwise None, and every hit is marked by the one highlighter."""
    if marks is None or not _may_differ(marks, under_either=False):
        return None
    leaves: list[Highlighter] = []

    def resolve(node: Marks) -> _Part:
        if node.parts:
            return _Part(parts=tuple(map(resolve, node.parts)), either=node.either)
        if node.condition is not None:
            return _Part(condition=node.condition)
        if not (node.words or node.phrases or node.prefixes):
            return _Part()
        leaves.append(
            Highlighter._of_words(
                [words[i] for i in node.words],
                [phrases[i] for i in node.phrases],
                [prefixes[i] for i in node.prefixes],
                lexicon,
            )
        )
        return _Part(leaf=len(leaves) - 1)

    tree = resolve(marks)
    return _Alternatives(tuple(leaves), tree)


def _may_differ(marks: Marks, *, under_either: bool) -> bool:
    """Whether `marks` has an AND of several parts among the alternatives of an OR: only then
    can a hit found through one alternative hold some words of another. A single word's
    alternatives (`ESF OR NNS`, FK ↔ Försäkringskassan, SIP ↔ its long form as a phrase)
    mark a word only where it is, and the query costs what it did."""
    if not marks.parts:
        return False
    if under_either and not marks.either and len(marks.parts) > 1:
        return True
    return any(_may_differ(p, under_either=under_either or marks.either) for p in marks.parts)


def _union(sets: Iterable[Iterable]) -> set:
    found: set = set()
    for items in sets:
        found.update(items)
    return found


def _first_of_positions(groups: list, indexes: list[int]) -> list[tuple[int, int]]:
    """(position, index of its first group) for the positions of `groups[i]` for each of
    `indexes` (ascending), each position once: the groups are in the order of their positions,
    and several may share one."""
    found: list[tuple[int, int]] = []
    for i in indexes:
        pos = groups[i][0]
        if found and found[-1][0] == pos:
            continue
        while i > 0 and groups[i - 1][0] == pos:
            i -= 1
        found.append((pos, i))
    return found


# How many of its last characters (folded) a stem, or a compound part's stem, may spell
# otherwise than the word it comes from: a restored vowel ("regler" → regel), with a doubled m
# ("himlen" → himmel), an irregular plural ("länder" → land, `index.stemming`). The rest is
# spelt in the word, which is what `_scanned` looks for; tests/test_snippets.py checks the
# bound over the shipped word list, so a stemming rule that breaks it is noticed.
STEM_SLACK = 3
# A short stem ("esf", "nns", "sip" of the acronyms, which are not stemmed) would keep nothing
# by that bound. Its word spells it, though, up to the first letter a rule may have put in,
# which is never one of a stem's first two: an unstressed e put back ("regler" → regel,
# "smset" → smsen), the m of "me" or "ma" ("himlen" → himmel, "somrar" → sommar), a compound
# part's dropped -e or -a ("handledar|utbildning" → handledare, "kvinno|jour" → kvinna). The
# irregular stems of `STEM_EXCEPTIONS` ("böcker" → bok, `_irregular_stems`) are spelt only in
# part. A needle is the longer of the two bounds (`_spelt`), checked over the same word list.
_PUT_BACK = re.compile("[aem]")
_PUT_BACK_FROM = 2
# A shorter needle ("st", "fk", "af") is in many words, but a word's exact, stem and fold terms
# start where the word does (tests/test_snippets.py checks it over the shipped word list), so
# for them it is looked for at the start of a word only (`_AT_WORD_START`): "st" of "ST" or
# "st*" finds "styrelsen", not "första" or "kostnad". A compound part's term can start inside
# a word ("nytt" of "outnyttjade" gives ">ny"), so its short needle is looked for anywhere,
# when the words that hold it are few enough (`_rare`): a query with another analyses whole
# texts.
_MIN_NEEDLE = 3
# The share of running Swedish (the shipped word list's frequencies) that may hold a short
# needle looked for anywhere: the scan analyses about that share of a text's words. "st"
# (4 %) is scanned for at 0.4 of the whole analysis's CPU on the bench index, "ar" (14 %) at
# 0.5; a single letter ("s", 21 %) costs more than the whole analysis.
_RARE_SHARE = 0.10
# Not after a letter or a digit: where a word, or a hyphenated word's part, starts (a word is
# a run of them, `index.tokens`).
_AT_WORD_START = r"(?<![^\W_])"
# Lower-case letters folded as `fold` folds them, one letter for one (å, ä → a; ö → o; é → e
# …), and both sigmas as one (Python lower-cases Σ by its place in the word): needles are
# written in this form, and each of their letters is looked for as any letter it stands for.
_SCAN_FOLD = {
    ord(c): f
    for c in map(chr, range(0xC0, 0x250))
    if c == c.lower() and len(f := fold(c)) == 1 and f != c
} | {ord("ς"): "σ"}
_SPELT_AS: dict[str, str] = {}
for _code, _folded in _SCAN_FOLD.items():
    _SPELT_AS[_folded] = _SPELT_AS.get(_folded, _folded) + chr(_code)


def _needle(term: str) -> str | None:
    """What a word with index term `term` (or whose term starts with it, for a prefix)
    contains, lower-cased and folded (`_SCAN_FOLD`): an exact term's word itself, and of a
    stem's, part's or fold term's letters those its words spell (`_spelt`). None for a term
    with a letter that does not fold to one letter of its own ("æ" → "ae")."""
    kind = term[:1]
    core = term[1:] if kind in (EXACT, PART, FOLD) else term
    folded = core.translate(_SCAN_FOLD)
    if not all(map(_folds_to_itself, folded)):
        return None
    return folded if kind == EXACT else folded[: _spelt(folded)]


def _spelt(stem: str) -> int:
    """How many of the first letters of `stem` (folded, or the start of one, for a prefix)
    every word with it spells (see `STEM_SLACK` and `_PUT_BACK`)."""
    put_back = _PUT_BACK.search(stem, _PUT_BACK_FROM)
    cut = put_back.start() if put_back else len(stem)
    for irregular, spelt in _irregular_stems():
        # The stem may end with the irregular one, or, as a prefix, with its start.
        for end in range(spelt + 1, len(irregular) + 1):
            if stem.endswith(irregular[:end]):
                cut = min(cut, len(stem) - end + spelt)
    return max(len(stem) - STEM_SLACK, cut)


@functools.cache
def _irregular_stems() -> tuple[tuple[str, int], ...]:
    """The stems of `STEM_EXCEPTIONS` that a form of theirs does not spell, folded, each with
    how many of its first letters every such form does ("bok", 2 for "böcker"; "annan", 4 for
    "annat"). A compound takes the stem of its last part ("barnböcker" → barnbok)."""
    spelt: dict[str, int] = {}
    for form, stem in STEM_EXCEPTIONS.items():
        folded, word = fold(stem), fold(form)
        n = len(folded)
        while folded[:n] not in word:
            n -= 1
        if n < len(folded):
            spelt[folded] = min(n, spelt.get(folded, n))
    return tuple(spelt.items())


_NO_SCAN: tuple = (None, ())


def _needle_pattern_of(terms: Iterable[str]) -> tuple[re.Pattern[str], int] | None:
    """One pattern for the needles of `terms`, case-insensitive, and the shortest needle's
    length; None without terms or when one gives no needle, or a compound part's needle
    shorter than `_MIN_NEEDLE` that many words hold (`_rare`). Another term's short needle is
    looked for at the start of a word (`_AT_WORD_START`)."""
    needles: set[tuple[str, bool]] = set()
    for term in terms:
        needle = _needle(term)
        if needle is None:
            return None
        short = len(needle) < _MIN_NEEDLE
        if short and term[:1] == PART and not _rare(needle):
            return None
        needles.add((needle, short and term[:1] != PART))
    if not needles:
        return None
    # A word with a needle that holds another has that one too; one that starts a word holds
    # the needles that start it.
    kept: list[tuple[str, bool]] = []
    for needle, at_start in sorted(needles, key=lambda n: (len(n[0]), n[1])):
        if not any(_covers(k, needle, at_start) for k in kept):
            kept.append((needle, at_start))
    pattern = "|".join(
        (_AT_WORD_START if at_start else "") + _needle_pattern(needle) for needle, at_start in kept
    )
    return re.compile(pattern, re.IGNORECASE), len(kept[0][0])


def _covers(kept: tuple[str, bool], needle: str, at_start: bool) -> bool:
    """Whether every place `needle` (at a word's start or not) is found at, in the same chunk,
    the `kept` needle is found too, so the pattern need not look for both."""
    other, other_at_start = kept
    if other_at_start:
        return at_start and needle.startswith(other)
    return other in needle


@functools.cache
def _rare(needle: str) -> bool:
    """Whether the words that hold `needle` (folded, as `_needle` writes it) make less than
    `_RARE_SHARE` of running Swedish, by the shipped word list's Zipf frequencies. Once per
    short needle (about 0.05 s); the bool is all that is kept."""
    holds = re.compile(_needle_pattern(needle)).search
    held = total = 0.0
    for word, zipf in shipped_words().items():
        weight = 10.0**zipf
        total += weight
        if holds(word):
            held += weight
    return held < _RARE_SHARE * total


def _needle_length(found: tuple[re.Pattern[str], int] | None) -> int:
    """How rare a phrase word's needles are: the shortest one's length (-1 for none)."""
    return -1 if found is None else found[1]


def _chunks_around(text: str, at: int, reach: int) -> list[int]:
    """Offsets in the chunk of `text` that holds `at` and in the `reach` chunks with words
    before and after it: where a phrase with a word at `at` can lie (a chunk holds one
    position or more)."""
    start = text.rfind(" ", 0, at) + 1
    found = [start]
    edge, taken = start - 1, 0
    while taken < reach and edge > 0:
        begin = text.rfind(" ", 0, edge) + 1
        if has_word(text, begin, edge):
            found.append(begin)
            taken += 1
        edge = begin - 1
    edge, taken, n = text.find(" ", at), 0, len(text)
    while taken < reach and 0 <= edge < n:
        end = text.find(" ", edge + 1)
        end = n if end < 0 else end
        if has_word(text, edge + 1, end):
            found.append(edge + 1)
            taken += 1
        edge = end
    return found


def _needle_pattern(needle: str) -> str:
    """A needle as a pattern (case-insensitive) for every spelling of the text it stands
    for: "forb" finds "Förb" as well as "forb"."""
    return "".join(
        f"[{re.escape(_SPELT_AS[c])}]" if c in _SPELT_AS else re.escape(c) for c in needle
    )


def _scannable(text: str) -> bool:
    """Whether the needles are found in `text` wherever its words hold them: not when it has a
    letter that lower-cases or folds to more than one, or otherwise than `_SCAN_FOLD` says,
    nor characters read by the slow tokenizer."""
    return not needs_whole_analysis(text) and _unscannable().search(text) is None


@functools.cache
def _unscannable() -> re.Pattern[str]:
    """The letters and digits `_scannable` refuses: found once, over the Basic Multilingual
    Plane; any character beyond it is refused. The first download of a server paid for this
    (0.4 s, as `_folds_to_itself` letter by letter): the letters are lower-cased and folded in
    one call, each apart from the next, which gives each the same result."""
    letters = list(filter(str.isalnum, map(chr, range(0x80, 0x10000))))
    lowered = _APART.join(letters).lower().translate(_SCAN_FOLD)
    folded = fold(lowered).split(_APART)
    lowered = lowered.split(_APART)
    bad = [
        c for c, low, f in zip(letters, lowered, folded, strict=True) if not _kept_by_fold(low, f)
    ]
    return re.compile(f"[{re.escape(''.join(bad))}\U00010000-\U0010ffff]")


# Parts the letters `_unscannable` lower-cases and folds at once: a character that no letter
# becomes, that nothing combines with or moves across (Unicode's normal forms stop at it), and
# that has no case (a final sigma is lower-cased as one alone).
_APART = "\x00"


@functools.cache
def _folds_to_itself(c: str) -> bool:
    """Whether `c` (a lower-case, `_SCAN_FOLD`ed letter) is one letter that `fold` leaves.
    Cached for needles' letters; `_unscannable` asks the same of every letter at once."""
    return _kept_by_fold(c, fold(c))


def _kept_by_fold(c: str, folded: str) -> bool:
    """`_folds_to_itself`, given what `fold` makes of `c` (`_unscannable` folds all at once)."""
    return len(c) == 1 and (c.isascii() or not c.isalnum() or folded == c)


def _prefix_terms(exact: str) -> tuple[str, ...]:
    """The term prefixes a prefix word marks: its exact form, and its folded form when it was
    typed without å, ä and ö ("forsakr*" marks "Försäkringskassan"), as the search matches."""
    typed = exact[len(EXACT) :]
    return (exact, FOLD + typed) if fold(typed) == typed else (exact,)


def _key(matched: Iterable[str]) -> str:
    """One key per query word, whichever of its terms matched: "budget" and "budgeten" both
    give "budget", "samverkansutbildningen" (part) and "utbildningen" (stem) both "utbildning".
    """
    inflected = [t for t in matched if not t.startswith(EXACT)] or list(matched)
    return min(fold(t.lstrip("=>~")) for t in inflected)


def _merge(found: list[_Span]) -> list[_Span]:
    """Sort spans and merge overlapping or touching ones, uniting their keys."""
    if not found:
        return found
    found.sort(key=lambda s: (s[0], s[1]))
    merged = [found[0]]
    for start, end, keys in found[1:]:
        last_start, last_end, last_keys = merged[-1]
        if start <= last_end:
            merged[-1] = (last_start, max(end, last_end), last_keys | keys)
        else:
            merged.append((start, end, keys))
    return merged


# -- windows -----------------------------------------------------------------------------------


def _best_cluster(spans: list[_Span], width: int) -> tuple[int, int, int, int]:
    """The run of spans that fits in `width` characters with the most distinct keys (ties: most
    spans, then earliest). Returns (first index, end index, distinct keys, span count)."""
    counts: Counter[str] = Counter()
    best = (0, 1, -1, 0)
    j = 0
    n = len(spans)
    for i in range(n):
        if j <= i:
            counts.update(spans[i][2])
            j = i + 1
        start = spans[i][0]
        while j < n and spans[j][1] - start <= width:
            counts.update(spans[j][2])
            j += 1
        score = (len(counts), j - i)
        if score > best[2:]:
            best = (i, j, *score)
        for key in spans[i][2]:
            counts[key] -= 1
            if not counts[key]:
                del counts[key]
    return best


def _is_space(text: str, i: int) -> bool:
    return text[i].isspace()


def _window(text: str, lo: int, hi: int, width: int, *, lead: float = 0.5) -> tuple[int, int]:
    """A window of about `width` characters containing [lo, hi), with edges on word
    boundaries (whitespace) and no whitespace at either end; `lead` is the share of the spare
    room put before `lo`."""
    n = len(text)
    slack = max(0, width - (hi - lo))
    left = max(0, lo - int(slack * lead))
    right = min(n, left + max(width, hi - lo))
    left = max(0, min(left, right - width, lo))
    # Start: trim forward to the next word start before `lo`, else expand back to a word start.
    if 0 < left < n and not _is_space(text, left - 1) and not _is_space(text, left):
        k = left
        while k < lo and not _is_space(text, k):
            k += 1
        if k < lo:
            left = k
        else:
            k = left
            while k > 0 and left - k < _MAX_EXPAND and not _is_space(text, k - 1):
                k -= 1
            if k == 0 or _is_space(text, k - 1):
                left = k
    # End: trim back to a word end after `hi`, else expand forward to a word end.
    if 0 < right < n and not _is_space(text, right - 1) and not _is_space(text, right):
        k = right
        while k > hi and not _is_space(text, k - 1):
            k -= 1
        if k > hi:
            right = k
        else:
            k = right
            while k < n and k - right < _MAX_EXPAND and not _is_space(text, k):
                k += 1
            if k == n or _is_space(text, k):
                right = k
    while left < right and _is_space(text, left):
        left += 1
    while right > left and _is_space(text, right - 1):
        right -= 1
    return left, right


def _escape(s: str, collapse: bool) -> str:
    if collapse:
        s = _SPACE_RUN.sub(" ", s)
    return html.escape(s, quote=True)


def _render(text: str, spans: list[_Span], left: int, right: int, collapse: bool) -> str:
    """Escaped text[left:right] with the spans (clipped to the window) marked."""
    parts: list[str] = []
    pos = left
    for start, end, _ in spans:
        start, end = max(start, left), min(end, right)
        if start >= end:
            continue
        parts.append(_escape(text[pos:start], collapse))
        parts.append(MARK_OPEN + _escape(text[start:end], collapse) + MARK_CLOSE)
        pos = end
    parts.append(_escape(text[pos:right], collapse))
    return "".join(parts)


def _snippet_from_spans(text: str, spans: list[_Span], width: int) -> str:
    return _snippet_and_first(text, spans, width)[0]


def _snippet_and_first(text: str, spans: list[_Span], width: int) -> tuple[str, int | None]:
    """The snippet (`snippet`) and where in `text` its first marked match starts, None
    without one: a hit's page is that match's (`search.pages`)."""
    if spans:
        i, j, _, _ = _best_cluster(spans, width)
        left, right = _window(text, spans[i][0], spans[j - 1][1], width)
        shown = [s for s in spans if s[1] > left and s[0] < right]
    else:
        start = len(text) - len(text.lstrip())
        left, right = _window(text, start, start, width, lead=0.0)
        shown = []
    body = _render(text, shown, left, right, collapse=True)
    head = ELLIPSIS if text[:left].strip() else ""
    tail = ELLIPSIS if text[right:].strip() else ""
    return head + body + tail, max(shown[0][0], left) if shown else None


def snippet(text: str, highlighter: Highlighter, *, width: int = 240) -> str:
    """Safe HTML: a window of about `width` characters of `text` around the best cluster of
    matches (most distinct query words, then most matches, then earliest), with matches in
    ``<mark>``, whitespace collapsed and "…" where text was cut. Without a match, the start of
    the text."""
    return _snippet_from_spans(text, highlighter._spans(text), width)


def mark_all(text: str, highlighter: Highlighter) -> str:
    """The whole text as safe HTML with every match marked; whitespace is kept as it is."""
    return _render(text, highlighter._spans(text), 0, len(text), collapse=False)


def mark_within(text: str, highlighter: Highlighter, ranges: Iterable[tuple[int, int]]) -> str:
    """`mark_all`, but a match is marked only when it lies inside one of `ranges` (character
    offsets): a document's text under a search for decisions only, where words in the
    running text around a decision were never searched."""
    ranges = list(ranges)
    if not ranges:
        return html.escape(text, quote=True)
    inside = [
        s for s in highlighter._spans(text) if any(a <= s[0] and s[1] <= b for a, b in ranges)
    ]
    return _render(text, inside, 0, len(text), collapse=False)


@dataclass
class HitSnippet:
    """The snippet of one hit and whether it was taken from a decision."""

    html: str
    in_decision: bool
    # Where the snippet's first match starts in the text it was cut from, None without a
    # match (0 for a decision shown without one, `decisions_only`, whose page is where it
    # starts); that text is `decision` when the snippet is a decision's, else the section's.
    # For a hit's page (`search.pages`); two snippets that read the same are equal.
    first: int | None = field(default=None, compare=False)
    decision: str | None = field(default=None, compare=False)


def section_snippet(
    body: str,
    decisions: Iterable[str],
    highlighter: Highlighter,
    *,
    width: int = 240,
    decisions_only: bool = False,
) -> HitSnippet:
    """The snippet for a section: from its best matching decision when any decision matches
    (most distinct query words, then most matches, then the first), else from the body.

    A search of decisions only (`typ:beslut`) found the section by its decisions, so one of
    them is shown also when none has a word to mark (filters alone, `typ:beslut år:2025`):
    the body's start there showed the case's background, not what was decided, and the hit
    said it was no decision. Each text is analysed once, and the body only when no decision
    matches.
    """
    decisions = list(decisions)
    best: tuple[tuple[int, int], str, list[_Span]] | None = None
    for decision in decisions:
        spans = highlighter._spans(decision)
        if not spans:
            continue
        keys: set[str] = set()
        for span in spans:
            keys |= span[2]
        score = (len(keys), len(spans))
        if best is None or score > best[0]:
            best = (score, decision, spans)
    if best is not None:
        html, first = _snippet_and_first(best[1], best[2], width)
        return HitSnippet(html, in_decision=True, first=first, decision=best[1])
    if decisions_only and (shown := next((d for d in decisions if d.strip()), None)):
        html, _ = _snippet_and_first(shown, [], width)
        return HitSnippet(html, in_decision=True, first=0, decision=shown)
    html, first = _snippet_and_first(body, highlighter._spans(body), width)
    return HitSnippet(html, in_decision=False, first=first)
