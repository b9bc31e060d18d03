"""From a parsed query to a tantivy query, through the same analysis the index used.

Each query word becomes a disjunction over the three zones (title, decision, body) and the
match levels the index stores for it, each in its own field: the exact form, the stem, the stem
as a compound part and the folded stem. A hyphenated word is a phrase of its parts. Weights
encode the ranking rules: title above decision above body, exact above stem above compound part
above folded. Abbreviations are expanded both ways from `data/abbreviations.toml`, and nearby
query words earn a proximity bonus.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

import tantivy

from index import analysis
from index.errors import listed
from index.lexicon import Lexicon
from index.metadata import Forbund, Registry
from index.schema import HEAD_ZONE, REC_HEAD, REC_SECTION, ZONES, search_field
from index.store import count_matches
from index.synonyms import Abbreviations
from search.params import NO_FORBUND
from search.query import (
    ONLY_STOPWORDS,
    STOPWORDS_BESIDE_FILTERS,
    And,
    Filter,
    Filters,
    Node,
    Not,
    Or,
    Paragraph,
    ParsedQuery,
    Phrase,
    Word,
    apply_filter,
    describe,
)

ZONE_WEIGHT = {"title": 3.0, "decision": 2.0, "body": 1.0, HEAD_ZONE: 1.0}
KIND_WEIGHT = {"exact": 1.0, "stem": 1.0, "part": 0.4, "fold": 0.25}
PHRASE_EXACT_BONUS = 1.0
SPLIT_WEIGHT = 0.5
# An abbreviation's other form (the long form found from the short one, the short from the
# long) weighs below what was typed: the engine derived it, as it derives a compound part or
# a folded stem. Its full match (exact 1 + stem 1, times this) then weighs 0.5, as a compound
# found written apart does (`SPLIT_WEIGHT`): below the typed word's stem alone, above its
# compound part. An abbreviation is rarer than its name (higher idf), so a milder discount
# (0.4, 0.5) still put a report that lists "AF" three times above the sections that write
# "Arbetsförmedlingen" out, for a search for "arbetsförmedlingen" in the sample corpus.
ABBREVIATION_WEIGHT = 0.25

# A section of a förbund that the query's words name ("budget blekinge") without the name in
# its text: about what one body match of a word earns, so the text still decides the order.
FORBUND_NAME_SCORE = 1.0
_MAX_NAME_WORDS = 6  # "samordningsförbundet ale kungälv stenungsund och tjörn"

# A word typed with an accent Swedish does not write, spelt without it, weighs as a fold term.
_PLAIN = KIND_WEIGHT["fold"]
# Distinct prefix words ("samverk*") one search may hold; the rest are left out, with a notice.
MAX_PREFIXES = 10
PROXIMITY_WEIGHT = 0.5
PROXIMITY_SLOP = 3

_EARLIEST = date(1700, 1, 1)
_LATEST = date(2200, 12, 31)
_MUST = tantivy.Occur.Must
_SHOULD = tantivy.Occur.Should
_MUST_NOT = tantivy.Occur.MustNot


# Undated hits only (the year facet's "odaterat") beside a date or a year: no hit has both.
UNDATED_BESIDE_DATES = (
    "Odaterade träffar har inget datum, så inga träffar kan både sakna datum och ligga inom "
    "datum- eller årsfiltret. Ta bort ett av filtren."
)
# Date and year limits that leave no day between them (år:2023 år:2024, år:2023 beside a
# from date in 2025): their interval is empty, and a page showed it as a range ("2024–2023").
DATES_WITHOUT_COMMON_DAY = (
    "Datum- och årsfiltren har ingen dag gemensamt, så inga träffar kan ligga inom alla. "
    "Ta bort ett av filtren."
)


@dataclass(frozen=True)
class Marks:
    """Which of a compiled query's words, phrases and prefixes (indexes into `Compiled.words`,
    `phrases` and `prefixes`) a part of the query marks, and how its parts combine: every
    one of `parts` (`either` False) or any (`either` True, an OR or an abbreviation's other
    forms). A leaf (no `parts`) is one typed word or phrase, with all it added ("internkontroll"
    and "intern kontroll"), or, with `condition`, what a highlighter cannot see in a text (a §
    number, a filter, a förbund's sections, an exclusion): the index of its query in
    `Compiled.conditions`, which a hit meets when the index says so (`conditions_met`); one with
    nothing in it is taken as met. Per hit, an alternative whose words are not all in the
    section, or whose conditions the section does not meet, marks none of them
    (`search.snippets.Highlighter.within`): a section found through "Finsam" had
    "samordningsförbund" marked for "finansiell samordning", and one found through "budget"
    had "plan" marked for `(§ 5 plan) OR budget` though it was no § 5.
    """

    words: tuple[int, ...] = ()
    phrases: tuple[int, ...] = ()
    prefixes: tuple[int, ...] = ()
    parts: tuple[Marks, ...] = ()
    either: bool = False
    condition: int | None = None


# What a part of the query that marks nothing the highlighter can see stands as among `parts`.
_UNSEEN = Marks()


def _marks_since(out: Compiled, start: tuple[int, int, int]) -> Marks:
    """The leaf of what a word or phrase added to `out` since `start` (`_counts`)."""
    words, phrases, prefixes = start
    return Marks(
        tuple(range(words, len(out.words))),
        tuple(range(phrases, len(out.phrases))),
        tuple(range(prefixes, len(out.prefixes))),
    )


def _counts(out: Compiled) -> tuple[int, int, int]:
    return len(out.words), len(out.phrases), len(out.prefixes)


def _combined(parts: list[Marks], *, either: bool) -> Marks | None:
    """The marks of an AND (`either` False) or an OR of `parts`; one part stands as itself."""
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Marks(parts=tuple(parts), either=either)


@dataclass
class Compiled:
    """A tantivy query (None: nothing searchable) and what the rest of the pipeline needs."""

    query: tantivy.Query | None
    # The same words and filters over document heads (title, participants …); None when the
    # query has no words or asks for decisions only.
    heads: tantivy.Query | None = None
    words: list[str] = field(default_factory=list)  # positive words, for highlighting
    # Marked only as a whole: quoted phrases, long forms, a compound's parts written apart.
    phrases: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    # The prefix words let in so far, also excluded ones (see `MAX_PREFIXES`): one of them
    # met again later in the query is let in again.
    prefixed: set[str] = field(default_factory=set)
    interpretation: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    zones: tuple[str, ...] = ZONES
    # Whether `query` searches text, and does not only select by filters.
    searches_text: bool = False
    # How the words, phrases and prefixes combine (`Marks`), for marking each hit by what it
    # matched; None where every hit is marked alike (`_held_in_part`).
    marks: Marks | None = None
    # Whether `marks` is recorded: only for a query with alternatives that a hit can hold in
    # part, so that any other query (and the heads' compile of the same words) costs nothing.
    marking: bool = field(default=False, repr=False)
    # The records each condition of `marks` selects (a § number, a filter, an exclusion …),
    # recorded with `marks`; `Compiler.conditions_met` asks the index which hits meet them.
    conditions: list[tantivy.Query] = field(default_factory=list, repr=False)


@dataclass(frozen=True)
class _OneOf:
    """Made by the compiler, not typed: an abbreviation's other forms (its long forms, or
    the abbreviation of a long form typed), of which a section scores as its best match, at
    `ABBREVIATION_WEIGHT`. "ESF" is "Europeiska socialfonden" or "socialfonden": summed, a
    section that writes the first would count "socialfonden" twice. Weighed in full, a
    section that only says "AF" twice ranked above one that writes "Arbetsförmedlingen" out,
    for a search for "arbetsförmedlingen"."""

    children: tuple[Node, ...]

    def __str__(self) -> str:
        return " OR ".join(str(c) for c in self.children)


@dataclass(frozen=True)
class _InForbund:
    """Made by the compiler, not typed: every section of a förbund its words name."""

    slug: str

    def __str__(self) -> str:
        return f"förbund:{self.slug}"


@dataclass(frozen=True)
class _Built:
    """A node's query (None: nothing searchable) and whether, built over the sections' zones,
    it matches section records alone: their zones' search fields, and their § and Mål
    numbers, are written on sections only (`index.store.describe`), while a förbund or a
    filter also selects documents and heads. `Compiler._compile` then leaves out the clause
    that selects every section, which tantivy would intersect with all 120,000 of them:
    that doubled the cost of a one-word search, and of counting its facets."""

    query: tantivy.Query | None
    sections_only: bool
    # What it marks (`Marks`): a filter, a § number or a negation is a condition there; None
    # where marks are not recorded (`Compiled.marking`).
    marks: Marks | None = None


_NOTHING = _Built(None, False)


class Compiler:
    def __init__(
        self,
        schema: tantivy.Schema,
        abbreviations: Abbreviations,
        registry: Registry | None = None,
        vocabulary: Callable[[], Container[str]] | None = None,
    ) -> None:
        """`registry`: the förbund whose names in a query also find their sections (none
        without it). `vocabulary`: gives the words of the indexed documents as of now (the
        index's learned vocabulary, `Store.vocabulary`); a word's interpretation line lists
        only the forms found there, since the word list also has misspellings and rare forms
        ("behover", "stöde") that would read as the index's. Without it, every form the word
        list has. Matching never depends on it."""
        self.schema = schema
        self.abbreviations = abbreviations
        self.registry = registry
        self.vocabulary = vocabulary

    def compile(self, parsed: ParsedQuery) -> Compiled:
        out = self._compile(parsed)
        # A word typed twice ("ESF ESF") is read the same way twice: say it once.
        out.interpretation = list(dict.fromkeys([*out.interpretation, *parsed.readings]))
        return out

    def _compile(self, parsed: ParsedQuery) -> Compiled:
        zones = ("decision",) if parsed.filters.decisions_only else ZONES
        out = Compiled(None, notices=list(parsed.notices), zones=zones)
        if _undated_and_dated(parsed.filters):
            out.notices.append(UNDATED_BESIDE_DATES)
        if no_common_day(parsed.filters):
            out.notices.append(DATES_WITHOUT_COMMON_DAY)
        filters = self._filters(parsed.filters)
        out.interpretation.extend(_grouping(parsed.tree))
        out.interpretation.extend(_exclusions(parsed.tree))
        tree = self._expand(parsed.tree, out) if parsed.tree is not None else None
        out.marking = tree is not None and _held_in_part(tree)
        text = self._built(tree, out) if tree is not None else _NOTHING
        text_query = text.query
        if text_query is not None:
            out.interpretation.extend(_left_out(parsed.tree))
        out.marks = text.marks
        if tree is not None and text_query is None:
            if not _has_real_filter(parsed.filters):
                out.notices.append(ONLY_STOPWORDS)
                return out
            # "och förbund:halland" is "förbund:halland", as "och -budget" is "-budget".
            out.notices.append(STOPWORDS_BESIDE_FILTERS)
        # Filters select and never score: a hit's score is its text's alone, the same with a
        # filter as without, and two equal texts stay equal to the last bit (a scoring filter
        # added a constant whose rounding split such ties one build in eight).
        clauses = [(_MUST, _unscored(f)) for f in filters] + [
            (_MUST_NOT, self._filter(Filter(name, value)))
            for name, value in parsed.filters.excluded
        ]
        if text_query is None and not _has_real_filter(parsed.filters):
            return out  # an empty query matches nothing rather than everything
        out.searches_text = text_query is not None
        # The text's own matches are sections when it says so (`_Built`); the scores are the
        # same without the clause, which adds nothing to them.
        base = [] if text.sections_only else [(_MUST, self._every_section())]
        text_clause = [(_MUST, text_query)] if text_query is not None else []
        out.query = tantivy.Query.boolean_query([*base, *clauses, *text_clause])
        if text_query is not None and not parsed.filters.decisions_only:
            # The same words over the heads' own fields (a scratch `Compiled`: the
            # interpretation and the words to mark are already in `out`).
            head_text = self._node(tree, Compiled(None, zones=(HEAD_ZONE,)))
            if head_text is not None:
                head = _unscored(tantivy.Query.term_query(self.schema, "rec", REC_HEAD))
                out.heads = tantivy.Query.boolean_query(
                    [(_MUST, head), *clauses, (_MUST, head_text)]
                )
        return out

    # --- filters ------------------------------------------------------------------------

    def filter_scope(self, f: Filters) -> tantivy.Query | None:
        """The records (sections and heads) the filters that narrow the whole search admit,
        those excluded from it left out; None without such filters. A document's page marks
        the query's words only where the search could have found them (`Engine.marking_scope`),
        and asks the index, so a filter means there what it means in the search."""
        if not _has_real_filter(f):
            return None
        clauses = [(_MUST, _unscored(q)) for q in self._filters(f)] + [
            (_MUST_NOT, self._filter(Filter(name, value))) for name, value in f.excluded
        ]
        searchable = _any(
            [tantivy.Query.term_query(self.schema, "rec", rec) for rec in (REC_SECTION, REC_HEAD)]
        )
        return tantivy.Query.boolean_query([(_MUST, _unscored(searchable)), *clauses])

    def conditions_met(
        self, searcher: tantivy.Searcher, compiled: Compiled, records: tantivy.Query
    ) -> dict[str, frozenset[int]] | None:
        """Which of `compiled`'s conditions (`Compiled.conditions`) each of `records` (a
        page's hits, a document's sections) meets, by record id, as the index reads them: for
        `Highlighter.within`, which marks a hit's words of an alternative only where the hit
        meets its § number or filter too. A record that meets none is absent; None when the
        query has no conditions, and every hit is marked by its texts alone. One small search
        per condition, and none for most queries."""
        if not compiled.conditions:
            return None
        met: dict[str, set[int]] = {}
        for i, condition in enumerate(compiled.conditions):
            query = tantivy.Query.boolean_query([(_MUST, records), (_MUST, condition)])
            found = count_matches(searcher, query)
            for _, address in searcher.search(query, found).hits if found else ():
                met.setdefault(searcher.doc(address).get_first("id"), set()).add(i)
        return {ident: frozenset(ids) for ident, ids in met.items()}

    def _filters(self, f: Filters) -> list[tantivy.Query]:
        """One clause per filter; `compile` adds the kind of record (sections or heads)."""
        s = self.schema
        result: list[tantivy.Query] = []
        if f.forbund:
            result.append(_any([self._forbund(x) for x in dict.fromkeys(f.forbund)]))
        if f.kinds:
            result.append(_any([tantivy.Query.term_query(s, "kind", k) for k in f.kinds]))
        if f.decisions_only:
            result.append(
                tantivy.Query.range_query(s, "has_decision", tantivy.FieldType.Integer, 1, 1)
            )
        if f.year_from is not None or f.year_to is not None:
            result.append(
                tantivy.Query.range_query(
                    s, "year", tantivy.FieldType.Integer, f.year_from or 0, f.year_to or 9999
                )
            )
        if f.undated:
            result.append(_without_field("year"))
        if f.date_from is not None or f.date_to is not None:
            # tantivy dates are nanoseconds in an i64: roughly years 1678 to 2261.
            start = min(max(f.date_from or _EARLIEST, _EARLIEST), _LATEST).isoformat()
            end = max(min(f.date_to or _LATEST, _LATEST), _EARLIEST).isoformat()

            result.append(
                tantivy.Query.range_query(
                    s,
                    "date",
                    tantivy.FieldType.Date,
                    datetime.fromisoformat(start).replace(tzinfo=UTC),
                    datetime.fromisoformat(end).replace(tzinfo=UTC),
                )
            )
        return result

    def _forbund(self, slug: str) -> tantivy.Query:
        """The records of förbund `slug`; for NO_FORBUND, those without a förbund (the facet's
        "Okänt förbund"), which no term selects."""
        if slug == NO_FORBUND:
            return _without_field("forbund_slug")
        return tantivy.Query.term_query(self.schema, "forbund_slug", slug)

    def _filter(self, node: Filter) -> tantivy.Query:
        """A filter inside the query's logic (excluded, or an alternative): the sections it
        selects, adding nothing to their score, like a filter on the whole search."""
        selected = Filters()
        apply_filter(node.name, node.value, selected)  # the parser only makes readable ones
        clauses = self._filters(selected)
        query = (
            clauses[0]
            if len(clauses) == 1
            else tantivy.Query.boolean_query([(_MUST, q) for q in clauses])
        )
        return _unscored(query)

    # --- abbreviations ------------------------------------------------------------------

    def _expand(self, node: Node, out: Compiled, negated: bool = False) -> Node:
        """Rewrite runs of plain words so an abbreviation also finds its long form and back.
        `negated`: the node is excluded, which the interpretation then says."""
        if isinstance(node, Word):
            node = And((node,))
        if isinstance(node, Not):
            return Not(self._expand(node.child, out, not negated))
        if isinstance(node, Or):
            return Or(tuple(self._expand(c, out, negated) for c in node.children))
        if not isinstance(node, And):
            return node
        children = [
            self._expand(c, out, negated) if not isinstance(c, Word) else c for c in node.children
        ]
        words = [
            (i, c.text) for i, c in enumerate(children) if isinstance(c, Word) and not c.prefix
        ]
        if words:
            texts = [t for _, t in words]
            replaced: dict[int, tuple[int, Node]] = {}
            taken: set[int] = set()
            for (start, end), alternatives in _by_span(self.abbreviations.expand(texts)):
                first, last = words[start][0], words[end - 1][0]
                span = set(range(first, last + 1))
                if last - first != end - start - 1 or taken & span:
                    # interrupted by a phrase or a negation, or inside a longer match
                    # ("socialfonden" in "Europeiska socialfonden"): read once, as the longer
                    continue
                taken |= span
                alt: Node = _OneOf(tuple(_words_node(a) for a in alternatives))
                if (written := self._as_written(texts[start:end])) is not None:
                    alt = Or((_words_node(written), alt))
                replaced[first] = (last, _either(children[first : last + 1], alt))
                said = " eller ".join(" ".join(a) for a in alternatives)
                out.interpretation.append(f"{' '.join(texts[start:end])} ↔ {said}")
            self._forbund_names(children, words, replaced, out, negated)
            if replaced:
                rebuilt: list[Node] = []
                i = 0
                while i < len(children):
                    if i in replaced:
                        last, new = replaced[i]
                        rebuilt.append(new)
                        i = last + 1
                    else:
                        rebuilt.append(children[i])
                        i += 1
                children = rebuilt
        return children[0] if len(children) == 1 else And(tuple(children))

    def _as_written(self, typed: list[str]) -> list[str] | None:
        """The abbreviation table's spelling of `typed` when `typed` is it written without
        å, ä and ö ("forsakringskassan"), else None. Searched beside the abbreviation, in
        full weight (it is the name typed, not another form of it), it lets the sections that
        write the name out rank above those that abbreviate it; the folded match alone weighs
        a quarter, as the abbreviation does (`ABBREVIATION_WEIGHT`)."""
        written = self.abbreviations.written(typed)
        if written is None:
            return None
        plain = " ".join(typed).lower()
        as_written = " ".join(written).lower()
        if as_written == plain or analysis.fold(plain) != plain:
            return None
        return written if analysis.fold(as_written) == plain else None

    def _forbund_names(
        self,
        children: list[Node],
        words: list[tuple[int, str]],
        replaced: dict[int, tuple[int, Node]],
        out: Compiled,
        negated: bool = False,
    ) -> None:
        """Runs of plain words that name a förbund ("blekinge", "skåne nordost") also find that
        förbund's sections, as a user typing "budget blekinge" means; the longest name wins.
        Adds to `replaced` (first child index -> (last index, new node)), beside abbreviations.
        """
        if self.registry is None:
            return
        taken = {i for first, (last, _) in replaced.items() for i in range(first, last + 1)}
        k = 0
        while k < len(words):
            for size in range(min(_MAX_NAME_WORDS, len(words) - k), 0, -1):
                run = words[k : k + size]
                first, last = run[0][0], run[-1][0]
                if last - first != size - 1 or taken & set(range(first, last + 1)):
                    continue  # interrupted by a phrase or a negation, or already expanded
                phrase = " ".join(text for _, text in run)
                named = _named(self.registry, phrase)
                if named is None or _names_another_body(words, k + size, last):
                    continue
                replaced[first] = (
                    last,
                    _either(children[first : last + 1], _InForbund(named.slug)),
                )
                also = "inte heller något" if negated else "även allt"
                out.interpretation.append(f"{phrase} → {also} från {named.name}")
                k += size
                break
            else:
                k += 1

    # --- nodes ----------------------------------------------------------------------------

    def _every_section(self) -> tantivy.Query:
        """All section records: the base of every search, and what a negation subtracts from.
        It selects and does not score."""
        return _unscored(tantivy.Query.term_query(self.schema, "rec", REC_SECTION))

    def _node(self, node: Node, out: Compiled, negated: bool = False) -> tantivy.Query | None:
        return self._built(node, out, negated).query

    def _built(self, node: Node, out: Compiled, negated: bool = False) -> _Built:
        if isinstance(node, _InForbund):
            term = tantivy.Query.term_query(self.schema, "forbund_slug", node.slug)
            query = tantivy.Query.const_score_query(term, FORBUND_NAME_SCORE)
            return _Built(query, False, _condition(term, out, negated))
        if isinstance(node, _OneOf):
            return self._other_forms(node, out, negated)
        if isinstance(node, Word | Phrase):
            start = _counts(out) if out.marking else None
            if isinstance(node, Word):
                query = self._word(node, out, negated)
            else:
                query = self._phrase(node.text, out, negated)
            if query is None:
                return _NOTHING
            return _Built(query, True, _marks_since(out, start) if start is not None else None)
        if isinstance(node, Paragraph):
            query = self._paragraph(node, out, negated)
            return _Built(query, True, _condition(query, out, negated))
        if isinstance(node, Filter):
            query = self._filter(node)
            return _Built(query, False, _condition(query, out, negated))
        if isinstance(node, Not):
            # A negation on its own ("-budget", "ESF OR -budget"): every section but those.
            # (Within a group, `_and` turns a negated child into a must-not clause itself.)
            child = self._node(node.child, out, not negated)
            if child is None:
                return _NOTHING
            query = tantivy.Query.boolean_query(
                [(_MUST, self._every_section()), (_MUST_NOT, child)]
            )
            return _Built(query, True, _condition(_lacking(child), out, negated))
        if isinstance(node, Or):
            parts = self._parts(node.children, out, negated)
            if not parts:
                return _NOTHING
            return _Built(
                _any([p.query for p in parts]),
                all(p.sections_only for p in parts),
                _either_marks(parts, out),
            )
        return self._and(node, out, negated)

    def _other_forms(self, node: _OneOf, out: Compiled, negated: bool) -> _Built:
        """An abbreviation's other forms: the best of them, below what was typed."""
        parts = self._parts(node.children, out, negated)
        if not parts:
            return _NOTHING
        if len(parts) == 1:
            best = parts[0].query
        else:
            best = tantivy.Query.disjunction_max_query([p.query for p in parts])
        return _Built(
            _boost(best, ABBREVIATION_WEIGHT),
            all(p.sections_only for p in parts),
            _either_marks(parts, out),
        )

    def _parts(self, children: tuple[Node, ...], out: Compiled, negated: bool) -> list[_Built]:
        """The children that compile to a query (a stopword alone compiles to none)."""
        return [b for c in children if (b := self._built(c, out, negated)).query is not None]

    def _and(self, node: And, out: Compiled, negated: bool) -> _Built:
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
        sections_only = False
        marks: list[Marks] = []
        for child in node.children:
            if isinstance(child, Not):
                q = self._node(child.child, out, not negated)
                if q is not None:
                    clauses.append((_MUST_NOT, q))
                    if (lacking := _condition(_lacking(q), out, negated)) is not None:
                        marks.append(lacking)
            else:
                built = self._built(child, out, negated)
                if built.query is not None:
                    clauses.append((_MUST, built.query))
                    sections_only = sections_only or built.sections_only
                    if built.marks is not None:
                        marks.append(built.marks)
        if not any(occur == _MUST for occur, _ in clauses):
            if not clauses:
                return _NOTHING
            clauses.append((_MUST, self._every_section()))
            sections_only = True
        plain = [c.text for c in node.children if isinstance(c, Word) and not c.prefix]
        proximity = self._proximity(plain, out.zones)
        if proximity is not None:
            clauses.append((_SHOULD, proximity))
        return _Built(
            tantivy.Query.boolean_query(clauses), sections_only, _combined(marks, either=False)
        )

    def _word(self, word: Word, out: Compiled, negated: bool) -> tantivy.Query | None:
        """One typed word: any of its terms in any zone (`_term_clauses`), or, written as
        several words ("ESF-projekten", "Landskrona/Svalöv"), their phrase; a compound also
        as its parts written apart. A prefix word ("samverk*", "ESF-proj*") goes to `_prefix`
        (after the whole words before it, `_words_then_prefix`). The word and
        how it was read are recorded in `out` unless it is excluded: the interpretation line
        and the snippets speak of what is sought, not of what is left out. None for a
        stopword, which is no search term on its own."""
        if word.prefix:
            positioned = analysis.positioned_words(word.text)
            if len(positioned) > 1:
                return self._words_then_prefix([w.text for _, w in positioned], out, negated)
            pieces = analysis.words(word.text)
            return self._prefix(pieces[0].text, out, negated) if pieces else None
        positioned = analysis.positioned_words(word.text)
        if not positioned:
            return None
        if len(positioned) > 1:
            # "Landskrona/Svalöv", "ESF-projekten": several words, read as a phrase
            if not negated:  # one line: the phrase's own repeated the word ("”ESF-projekten”")
                parts = " ".join(w.text for _, w in positioned)
                out.interpretation.append(
                    f"{word.text} → frasen ”{parts}”, orden i följd{_in_forms(parts)}"
                )
            return self._phrase(word.text, out, negated, said=True)
        text = positioned[0][1].text
        terms = analysis.query_terms(text)
        if terms["stem"] is None:
            return None  # a stopword is not a search term on its own
        spelled: list[str] = []
        if not negated:
            out.words.append(text)
            known = self.vocabulary() if self.vocabulary is not None else None
            spelled = _spelled_with_letters(text, terms, known)
            out.interpretation.append(_describe_terms(text, terms, known, spelled))
        clauses = self._term_clauses(text, terms, out.zones)
        parts = analysis.split_compound(text) or _glued_acronym(text) or []
        if len(parts) > 1:  # "internkontroll" also finds "intern kontroll"
            clauses.append(_boost(self._parts_phrase(parts, out.zones), SPLIT_WEIGHT))
            if not negated:
                out.phrases.append(" ".join(parts))
                if not spelled and _split_worth_saying(text, parts):
                    out.interpretation.append(f"{text} → även ”{' '.join(parts)}”")
        return _any(clauses)

    def _term_clauses(
        self, text: str, terms: dict[str, str | None], zones: tuple[str, ...]
    ) -> list[tantivy.Query]:
        """A word's term queries, each weighed by its zone and kind (`ZONE_WEIGHT`,
        `KIND_WEIGHT`): its exact form, stem, compound-part and folded terms in every zone
        searched, and two spellings beside what was typed, the acronym without its Swedish
        ending ("FK:s" also as "FK") and, for a word typed with an accent Swedish does not
        write, the stem without it ("budgét" as "budget", below the typed word's weight)."""
        clauses = []
        plain = analysis.unaccented_stem(text)
        bare = _bare_acronym(text)
        for zone in zones:
            for kind, weight in KIND_WEIGHT.items():
                term = terms.get(kind)
                if term:
                    q = tantivy.Query.term_query(self.schema, search_field(zone, kind), term)
                    clauses.append(_boost(q, ZONE_WEIGHT[zone] * weight))
            if bare:
                q = tantivy.Query.term_query(self.schema, search_field(zone, "exact"), bare)
                clauses.append(_boost(q, ZONE_WEIGHT[zone] * KIND_WEIGHT["exact"]))
            if plain:  # as a word and as a compound part, below what was typed
                for kind, term in (("stem", plain), ("part", analysis.PART + plain)):
                    q = tantivy.Query.term_query(self.schema, search_field(zone, kind), term)
                    clauses.append(_boost(q, ZONE_WEIGHT[zone] * KIND_WEIGHT[kind] * _PLAIN))
        return clauses

    def _parts_phrase(self, parts: list[str], zones: tuple[str, ...]) -> tantivy.Query:
        terms = [analysis.query_terms(p) for p in parts]
        stems = [t["stem"] or t["exact"] for t in terms]
        return _any(
            [
                _boost(
                    tantivy.Query.phrase_query(self.schema, search_field(z, "stem"), stems),
                    ZONE_WEIGHT[z],
                )
                for z in zones
            ]
        )

    def _words_then_prefix(
        self, texts: list[str], out: Compiled, negated: bool
    ) -> tantivy.Query | None:
        """A prefix typed after a hyphen or a slash ("ESF-proj*"): the words before it, and
        a word that starts with the last piece. The index holds such a word's parts, never
        the hyphenated whole ("ESF-projekten" is "esf" and "projekten" at two positions), so
        "esf-proj" as one prefix found nothing."""
        found = [self._word(Word(text), out, negated) for text in texts[:-1]]
        found.append(self._prefix(texts[-1], out, negated))
        clauses = [(_MUST, q) for q in found if q is not None]
        return tantivy.Query.boolean_query(clauses) if clauses else None

    def _prefix(self, prefix: str, out: Compiled, negated: bool) -> tantivy.Query | None:
        lowered = prefix.lower()
        if lowered not in out.prefixed and len(out.prefixed) == MAX_PREFIXES:
            # Each prefix walks the term dictionaries of every field it looks in: a query of
            # a hundred of them took a second and a half.
            notice = (
                f"Högst {MAX_PREFIXES} olika ord med * per sökning; ”{prefix}*” och de "
                "följande ingick inte i sökningen."
            )
            if not any(n.startswith(f"Högst {MAX_PREFIXES} olika ord med *") for n in out.notices):
                out.notices.append(notice)
            return None
        out.prefixed.add(lowered)
        if not negated:
            out.prefixes.append(lowered)
            out.interpretation.append(f"{prefix}* → ord som börjar på ”{lowered}”")
        starts = {"exact": analysis.EXACT + lowered, "stem": lowered}
        if analysis.fold(lowered) == lowered:  # typed without å, ä, ö: "forsakr*"
            starts["fold"] = analysis.FOLD + lowered
        clauses = []
        for zone in out.zones:
            for kind, start in starts.items():
                q = _starting_with(self.schema, search_field(zone, kind), start)
                clauses.append(_boost(q, ZONE_WEIGHT[zone] * KIND_WEIGHT[kind]))
        return _any(clauses)

    def _phrase(
        self, text: str, out: Compiled, negated: bool, *, said: bool = False
    ) -> tantivy.Query | None:
        """A quoted phrase, or a quoted single word's exact form. `said`: the caller has
        already said how it reads (a hyphenated word typed unquoted)."""
        positioned = analysis.positioned_words(text)
        if not positioned:
            return None
        if len(positioned) == 1:  # a quoted single word: its exact form
            exact = analysis.query_terms(positioned[0][1].text)["exact"]
            if not negated:
                out.phrases.append(text)
                out.interpretation.append(f"”{text}” → bara just den formen av ordet")
            return _any(
                [
                    _boost(
                        tantivy.Query.term_query(self.schema, search_field(z, "exact"), exact),
                        ZONE_WEIGHT[z],
                    )
                    for z in out.zones
                ]
            )
        if not negated:
            out.phrases.append(text)
            if not said:
                out.interpretation.append(f"”{text}” → orden i följd{_in_forms(text)}")
        base = positioned[0][0]
        stems, exacts = [], []
        for pos, word in positioned:
            terms = analysis.query_terms(word.text)
            stems.append((pos - base, terms["stem"] or terms["exact"]))
            exacts.append((pos - base, terms["exact"]))
        clauses = []
        for zone in out.zones:
            stem_q = tantivy.Query.phrase_query(self.schema, search_field(zone, "stem"), stems)
            exact_q = tantivy.Query.phrase_query(self.schema, search_field(zone, "exact"), exacts)
            clauses.append(_boost(stem_q, ZONE_WEIGHT[zone]))
            clauses.append(_boost(exact_q, ZONE_WEIGHT[zone] * PHRASE_EXACT_BONUS))
        return _any(clauses)

    def _paragraph(self, node: Paragraph, out: Compiled, negated: bool) -> tantivy.Query:
        """Sections numbered § first to § last (or Mål first to Mål last). Every one of them
        scores the same here, so among themselves they rank by the query's words, then by
        date."""
        if not negated:
            single = node.first == node.last
            if node.goal:
                sections = "målet med det numret" if single else "målen med de numren"
            else:
                sections = "paragrafen med det numret" if single else "paragraferna med de numren"
            out.interpretation.append(f"{describe(node)} → {sections}, inte ord i texten")
        return tantivy.Query.range_query(
            self.schema,
            "goal" if node.goal else "paragraph",
            tantivy.FieldType.Integer,
            node.first,
            node.last,
        )

    def _proximity(self, words: list[str], zones: tuple[str, ...]) -> tantivy.Query | None:
        """A bonus when the query's words stand near each other (within a few positions)."""
        stems = []
        for text in words:
            for piece in analysis.words(text):
                stem = analysis.query_terms(piece.text)["stem"]
                if stem:
                    stems.append(stem)
        if len(stems) < 2:
            return None
        clauses = [
            _boost(
                tantivy.Query.phrase_query(
                    self.schema, search_field(z, "stem"), stems, PROXIMITY_SLOP
                ),
                PROXIMITY_WEIGHT * ZONE_WEIGHT[z],
            )
            for z in zones
            if z != "decision"
        ]
        return _any(clauses) if clauses else None


# Nouns that, after a place name, make it the name of another body than the förbund: "Lunds
# universitet", "Göteborgs stad", "Malmö stad", "Hallands sjukhus". A searcher typing them means
# that body, so the place name is a text word there (a förbund named so, "Stockholms stad", is
# matched as a whole name first). Topic words ("Blekinges budget") keep the förbund's reading.
_OTHER_BODY_NOUNS = """
    kommun kommuns kommunen kommunens stad stads staden stadens universitet universitets
    universitetet universitetets högskola högskolas högskolan högskolans sjukhus sjukhuset
    sjukhusets universitetssjukhus universitetssjukhuset universitetssjukhusets landsting
    landstings landstinget landstingets tingsrätt tingsrätts tingsrätten tingsrättens stift
    stifts stiftet stiftets
"""
_OTHER_BODIES = frozenset(_OTHER_BODY_NOUNS.split())


def _names_another_body(words: list[tuple[int, str]], after: int, last: int) -> bool:
    """Whether the word right after a run of query words (`words[after]`, if it follows the
    run's last child `last` directly) makes the run part of another body's name."""
    if after >= len(words) or words[after][0] != last + 1:
        return False
    return words[after][1].lower() in _OTHER_BODIES


def _named(registry: Registry, phrase: str) -> Forbund | None:
    """The förbund `phrase` names, also in the genitive: "Blekinges", "SFSNO:s"."""
    found = registry.named(phrase)
    if found is None:
        bare = analysis.base_form(phrase)
        if bare == phrase and len(phrase) > 3 and phrase[-1] in "sS":
            bare = phrase[:-1]
        found = registry.named(bare) if bare != phrase else None
    return found


def _grouping(tree: Node | None) -> list[str]:
    """The interpretation's line for how words and OR were grouped, when the parser grouped an
    OR with the words beside it where the user typed no parentheses ("ESF OR NNS budget" →
    "(ESF OR NNS) budget"): OR binds tighter than the words beside it, as in web search
    engines, and a reader who meant otherwise sees it here. A query whose every OR among
    other words stands in the user's own parentheses ("(ESF OR NNS) budget") was read as
    written and gets no line. A part that searches nothing ("a*", a lone "-") is left out of
    it, as of the search: the line said ("" OR budget) samverkan for "a* OR budget samverkan".

    An excluded word binds to the OR after it as any word does: "a NOT b OR c" is read as
    "a (-b OR c)", sections with a that lack b or have c. Whoever typed it most likely meant
    to exclude both, so the line says that the excluded word is one of the alternatives and
    how to write the other reading ("a -(b OR c)")."""
    shown = _without_empty(tree)
    if not _groups_unwritten(shown):
        return []
    line = f"Lästes som {describe(shown)} — OR gäller orden närmast före och efter"
    excluding = _excluding_all(shown)
    if excluding != shown:
        line += f", också ett uteslutet ord (för att utesluta alla: {describe(excluding)})"
    return [line]


def _without_empty(node: Node | None) -> Node | None:
    """`node` without the empty phrases the parser makes of what searches nothing (a
    one-letter prefix, a lone "-"), a group left with one part read as that part."""
    if isinstance(node, Phrase) and not node.text:
        return None
    if isinstance(node, Not):
        child = _without_empty(node.child)
        return None if child is None else Not(child)
    if isinstance(node, And | Or):
        children = [c for c in map(_without_empty, node.children) if c is not None]
        if len(children) <= 1:
            return children[0] if children else None
        return replace(node, children=tuple(children))  # an Or keeps its `grouped`
    return node


def _groups_unwritten(node: Node | None) -> bool:
    """Whether an OR stands among other words without parentheses typed around it (an And
    holding an Or that is not `grouped`, at any depth): the grouping the parser chose."""
    if isinstance(node, Not):
        return _groups_unwritten(node.child)
    if isinstance(node, And):
        return any(
            (isinstance(c, Or) and not c.grouped) or _groups_unwritten(c) for c in node.children
        )
    if isinstance(node, Or):
        return any(_groups_unwritten(c) for c in node.children)
    return False


def _excluding_all(node: Node) -> Node:
    """`node` with each OR the parser grouped that has an excluded alternative ("-b OR c")
    turned into the exclusion of all its alternatives ("-(b OR c)"): the other reading of
    "a NOT b OR c", for the grouping line to offer. `node` itself when there is none."""
    if isinstance(node, Not):
        return Not(_excluding_all(node.child))
    if isinstance(node, And):
        return And(tuple(map(_excluding_all, node.children)))
    if not isinstance(node, Or):
        return node
    children = tuple(map(_excluding_all, node.children))
    if node.grouped or not any(isinstance(c, Not) for c in children):
        return replace(node, children=children)
    alternatives = tuple(dict.fromkeys(c.child if isinstance(c, Not) else c for c in children))
    return Not(alternatives[0] if len(alternatives) == 1 else Or(alternatives, grouped=True))


def _exclusions(
    node: Node | None, negated: bool = False, *, alternative: bool = False
) -> list[str]:
    """The interpretation's lines for what the query, as typed, excludes: words, phrases and
    groups (an excluded filter has its reading from the parser). An excluded part that is an
    `alternative` of OR ("-b OR c") excludes nothing from the search: it finds the sections
    without it, and its line says so."""
    if isinstance(node, Not):
        child = node.child
        lines = _exclusions(child, not negated)
        if negated or isinstance(child, Filter):
            return lines
        if isinstance(child, Word) and _searches_nothing(child):
            return [
                f"-{child.text} → utesluter inget: ”{child.text}” är ett vanligt småord "
                f'(stoppord) som inte söks ensamt; skriv -"{child.text}" för att utesluta '
                "sektioner med just det ordet"
            ]
        if isinstance(child, Word):
            what = f"ordet ”{describe(child)}”"
        elif isinstance(child, Phrase):
            what = f"frasen ”{child.text}”"
        elif numbers := _reference_numbers(child):
            what = numbers
        else:
            what = "det som står inom parentesen"
        minus = f"-({describe(child)})" if isinstance(child, And | Or) else f"-{describe(child)}"
        if alternative:
            return [f"{minus} → ett alternativ till OR: sektioner utan {what}", *lines]
        return [f"{minus} → inte sektioner med {what}", *lines]
    if isinstance(node, And | Or):
        among_or = isinstance(node, Or)
        return [
            line for c in node.children for line in _exclusions(c, negated, alternative=among_or)
        ]
    return []


# Stopwords that say "not": typed before a word ("budget inte NNS") they may have been meant
# to exclude it, which only "-NNS" (or the operator INTE) does.
_NEGATIONS = frozenset(("inte", "ej", "icke"))


def _left_out(tree: Node | None) -> list[str]:
    """The interpretation's line for the common words the search left out ("och", "inte"),
    which were otherwise dropped without a word: "budget inte NNS" finds sections with both
    budget and NNS, and a reader who meant to exclude NNS is told to write -NNS. Excluded
    words have their own line (`_exclusions`); [] when nothing was left out."""
    left: list[str] = []
    excluding: list[str] = []
    for siblings in _word_runs(tree):
        for i, node in enumerate(siblings):
            if not isinstance(node, Word) or not _searches_nothing(node):
                continue
            left.append(node.text)
            after = siblings[i + 1] if i + 1 < len(siblings) else None
            if node.text.lower() in _NEGATIONS and isinstance(after, Word | Phrase):
                excluding.append(describe(after) if isinstance(after, Word) else f'"{after.text}"')
    if not left:
        return []
    words = list(dict.fromkeys(left))
    line = f"{listed([f'”{w}”' for w in words])} → "
    line += (
        "vanliga småord som lämnades ute"
        if len(words) > 1
        else "ett vanligt småord som lämnades ute"
    )
    if excluding:
        line += f" (för att utesluta {excluding[0]}, skriv -{excluding[0]})"
    return [line]


def _word_runs(node: Node | None) -> list[tuple[Node, ...]]:
    """The runs of nodes the query lists side by side, outside exclusions: an AND's children,
    and a lone word as a run of one."""
    if isinstance(node, And):
        return [node.children, *(run for c in node.children for run in _word_runs(c))]
    if isinstance(node, Or):
        return [run for c in node.children for run in _word_runs(c)]
    return [(node,)] if isinstance(node, Word) else []


def _reference_numbers(node: Node) -> str | None:
    """What an excluded § or Mål reference leaves out, "numret § 3", "numren § 3 och § 12",
    or None for anything else: "-§ 3" and a list "-§ 3, 12" were said to leave out "det som
    står inom parentesen", of a query without one."""
    parts = node.children if isinstance(node, Or) else (node,)
    refs = [part for part in parts if isinstance(part, Paragraph)]
    if not refs or len(refs) < len(parts):
        return None
    one = len(refs) == 1 and refs[0].first == refs[0].last
    return f"{'numret' if one else 'numren'} {listed([describe(ref) for ref in refs])}"


def _searches_nothing(word: Word) -> bool:
    """Whether a plain word is no search term: a stopword alone ("och"), which the search
    leaves out, excluded too ("budget -och" finds what "budget" finds)."""
    if word.prefix:
        return False
    positioned = analysis.positioned_words(word.text)
    return len(positioned) == 1 and analysis.query_terms(positioned[0][1].text)["stem"] is None


def _describe_terms(
    word: str,
    terms: dict[str, str | None],
    known: Container[str] | None = None,
    spelled: Sequence[str] = (),
) -> str:
    """How a plain word is searched, in words a reader checks at a glance. The stem itself
    is not shown: Snowball's "projek" or "ext" read as typos; forms from the word list that
    share it, and that the indexed text has (`known`, when given), say the same thing
    ("projekt, projektet, projekten …"). `spelled`: the word as written with å, ä or ö
    (`_spelled_with_letters`), which its folded terms find."""
    stem = terms["stem"] or ""
    forms = _inflections(word, stem, known) or _base_inflections(word, stem, known)
    if forms:
        said = f"alla böjningsformer ({', '.join(forms)} …)"
    elif any(c.isalpha() for c in word):
        said = "alla böjningsformer"
    else:
        said = "som det står"  # "2024": a number has no inflections
    parts = [f"{word} → {said}"]
    if terms.get("part"):
        parts.append("även som del av sammansatta ord")
    fold = (terms.get("fold") or "")[1:]
    if fold and fold != stem:
        # Å, ä and ö are letters of their own in Swedish, not accented a and o: say which
        # letters the other spelling does without.
        letters = sorted({c for c in stem if analysis.fold(c) != c}, key=_SWEDISH_ORDER.find)
        parts.append(f"även stavat utan {listed(letters)} ”{analysis.fold(word.lower())}”")
    if spelled:
        lowered = word.lower()
        letters = sorted(
            {c for form in spelled for c, typed in zip(form, lowered, strict=True) if c != typed},
            key=_SWEDISH_ORDER.find,
        )
        shown = " eller ".join(f"”{_as_typed(form, word)}”" for form in spelled)
        parts.append(f"även stavat med {listed(letters)} {shown}")
    return ", ".join(parts)


def _as_typed(form: str, word: str) -> str:
    """`form` in the case `word` was typed in: "Soderasen" is "Söderåsen", "ARSREDOVISNING"
    "ÅRSREDOVISNING", as the suggestion keeps a capital the user typed."""
    if word.isupper() and len(word) > 1:
        return form.upper()
    return form[:1].upper() + form[1:] if word[:1].isupper() else form


# Spellings with å, ä and ö tried for a word typed without them, and how many are named.
_MAX_SPELLED = 64
_SHOWN_SPELLINGS = 2


def _spelled_with_letters(
    word: str, terms: dict[str, str | None], known: Container[str] | None = None
) -> list[str]:
    """The words a word typed without å, ä and ö may stand for, as Swedish writes them, that
    its folded terms find: "arsredovisning" is "årsredovisning", "forbundet" "förbundet".
    The line said nothing of them, though the hits' marks showed those words, and a split
    of the typed letters ("delarsrapport" → ”delar rapport”) read as what was searched for.
    A spelling counts when the indexed text has it (`known`) or the word list does, it is no
    stopword, and its folded stem is the typed word's, so the search finds it. Commonest
    first. Not for an acronym ("AF" is no "ÅF") nor a word of two letters, whose spellings
    in the word list are mostly noise ("pa" as "pä")."""
    lowered = word.lower()
    fold = terms.get("fold")
    if not fold or len(lowered) < 3 or not lowered.isalpha() or analysis.is_acronym(word):
        return []
    if analysis.fold(lowered) != lowered:
        return []
    lexicon = Lexicon.default()
    options = analysis.spellings(lowered, _MAX_SPELLED) or [lowered]
    found = [
        form
        for form in options[1:]
        if ((known is not None and form in known) or lexicon.zipf(form) > 0)
        and not analysis.is_stopword(form)
        and analysis.FOLD + analysis.fold(analysis.query_terms(form)["stem"] or "") == fold
    ]
    return sorted(found, key=lambda form: -lexicon.zipf(form))[:_SHOWN_SPELLINGS]


# Endings tried on a query word to show its inflections: nouns, adjectives, verbs.
_ENDINGS = (
    "en", "et", "n", "t", "er", "ar", "or", "r", "na", "erna", "arna", "orna", "a", "e",
    "s", "ns", "ens", "ets", "de", "ts", "ade", "at",
)  # fmt: skip
_SHOWN_FORMS = 3
# Past-tense endings that show a verb beside a typed word in "-e" (möte: mötte; sammanträde:
# sammanträdde).
_PAST = ("de", "te", "ade")
_VERB_ENDINGS = ("a", "ar", "ade", "at", "de", "te", "ts")


def _inflections(word: str, stem: str, known: Container[str] | None = None) -> list[str]:
    """`word` and up to three of its commonest inflections in the word list: the typed word
    with an ending that keeps its stem ("projekt" → projektet, projekten; "medel" → medlen,
    "program" → programmet). Cheap (the stems of a few known words per query word), and only
    forms that extend the word, so a stem shared with another word (ledare, leda) does not
    show that word as an inflection. With `known`, the words of the indexed documents, only
    forms among them are listed (the typed word always is); the rules above still judge every
    form the word list has, so a verb's form the index lacks still marks its neighbours."""
    lowered = word.lower()
    if not stem or not lowered.isalpha():
        return []
    bases = {lowered}
    if len(lowered) > 3 and lowered[-2] == "e" and lowered[-1] in "lnr":
        dropped = lowered[:-2] + lowered[-1]  # the unstressed e drops: medel, medlet
        bases.add(dropped)
        if dropped[-2] == dropped[-3]:
            bases.add(dropped[:-2] + dropped[-1])  # and a double consonant: nummer, numret
    if lowered[-1] in "mn":
        bases.add(lowered + lowered[-1])  # the m or n doubles: program, programmet
    lexicon = Lexicon.default()
    found: dict[str, float] = {}
    spelt: dict[str, str] = {}  # ending -> the form found with it
    for base in bases:
        for ending in _ENDINGS:
            form = base + ending
            zipf = lexicon.zipf(form)
            if form == lowered or zipf <= 0 or analysis.is_stopword(form):
                continue  # a stopword ("kunde" beside "kund") is no search term
            if analysis.stem(form) != stem:
                continue
            # One spelling per ending: the word list also has misspellings ("nummret" beside
            # "numret"), which the commoner form outnumbers.
            other = spelt.get(ending)
            if other is not None:
                if found[other] >= zipf:
                    continue
                del found[other]
            spelt[ending] = form
            found[form] = zipf
    if lowered[-1] == "e" and any(lexicon.zipf(lowered[:-1] + past) for past in _PAST):
        # "möter" is möta's present tense (mötte), not a form of "möte", though they share
        # the stem; "kunder" stays kund's plural, there being no past tense "kundde"
        found.pop(lowered + "r", None)
    neuter = lowered + "et" in found
    if (neuter or lowered + "en" in found) and any(lexicon.zipf(lowered + p) for p in _PAST):
        # a noun beside a verb: "mål" (målet) is no form of måla (målade), nor "beslut" of
        # besluta, nor "stöd" of stödja (stödde); its forms are the noun's. A neuter noun has
        # no plural in -er, so "stöder" is the verb's too.
        for ending in (*_VERB_ENDINGS, "er") if neuter else _VERB_ENDINGS:
            found.pop(lowered + ending, None)
    listed_forms = found if known is None else [form for form in found if form in known]
    commonest = sorted(listed_forms, key=lambda form: -found[form])[:_SHOWN_FORMS]
    return [lowered, *commonest] if commonest else []


# Endings of nouns' definite, plural and genitive forms, longest first: what a typed form
# ("protokollet", "insatserna", "förbundets") is its base form and.
_NOUN_ENDINGS = tuple(
    sorted(
        ("en", "et", "n", "na", "erna", "arna", "orna", "ens", "ets", "ns", "s", "er", "ar", "or"),
        key=len,
        reverse=True,
    )
)


def _base_inflections(word: str, stem: str, known: Container[str] | None = None) -> list[str]:
    """For an inflected form typed ("genomlysningen", "protokollet", "insatserna"), whose
    own endings `_inflections` finds none of: the typed word, then its base form and the base
    form's inflections (`_inflections`), as the indexed text has them. The line said only
    "alla böjningsformer" of such a word, though "protokoll" said "(protokoll, protokollet
    …)". The base is the typed word without a noun's ending, a word of the word list (or of
    the index) with the same stem; a verb's present tense ("möter", whose past is "mötte")
    gets none of the noun "möte"'s forms."""
    lowered = word.lower()
    if not stem or not lowered.isalpha():
        return []
    lexicon = Lexicon.default()
    for ending in _NOUN_ENDINGS:
        base = lowered.removesuffix(ending)
        if base == lowered or len(base) < 3:
            continue
        if not (lexicon.zipf(base) > 0 or (known is not None and base in known)):
            continue
        if analysis.is_stopword(base) or analysis.stem(base) != stem:
            continue
        if ending in ("er", "ar", "or") and any(lexicon.zipf(base + p) for p in _PAST):
            return []  # "möter", "läser": a verb's present tense (mötte), no noun's plural
        forms = _inflections(base, stem, known) or [base]
        shown = [f for f in forms if f != lowered and (known is None or f in known)]
        return [lowered, *shown[:_SHOWN_FORMS]] if shown else []
    return []


_GLUED_ACRONYM = re.compile(r"([A-ZÅÄÖ]{2,6})([a-zåäö]{3,})")


def _glued_acronym(word: str) -> list[str] | None:
    """An acronym written together with the word it qualifies, as its two words:
    "ESFprojekt" → ["ESF", "projekt"], which the text writes "ESF-projekt" or "ESF projekt".
    A word the lexicon cannot split is else searched only as typed, and finds nothing."""
    glued = _GLUED_ACRONYM.fullmatch(word)
    if glued is None or not analysis.is_acronym(glued.group(1)):
        return None
    return [glued.group(1), glued.group(2)]


def _bare_acronym(word: str) -> str | None:
    """The exact term of an acronym typed with a Swedish ending ("FK:s" → "=fk"), else None.

    The ending is grammar, not meaning: without this, "FK" in a text matched "FK:s" only as
    a stem, and ranked below "Försäkringskassan", the long form searched beside it."""
    base = analysis.base_form(word)
    if base == word or not analysis.is_acronym(word):
        return None
    return analysis.query_terms(base)["exact"]


def _words_node(words: list[str]) -> Node:
    """One word as a word, several as a phrase."""
    text = " ".join(words)
    return Word(text) if len(words) == 1 else Phrase(text)


# Letters the folded spelling drops, in the order a reader lists them.
_SWEDISH_ORDER = "åäöéèêëüáàâãóòôõøíìîïçñýæœß"


# A part's spelling with å, ä or ö put back that is this much commoner (Zipf) shows that the
# word was typed without them, and that the part is a cut in the wrong place.
_LIKELIER_SPELLING = 1.0
# The most spellings of a part tried (each a or o may be å, ä or ö).
_MAX_SPELLINGS = 64


def _in_forms(words: str) -> str:
    """What a phrase's line adds of inflections: none for numbers alone ("2025-06-11",
    "2024/25"), which have none, as a number's own line says ("som det står")."""
    return ", i alla böjningsformer" if any(c.isalpha() for c in words) else ""


def _split_worth_saying(word: str, parts: list[str]) -> bool:
    """Whether the interpretation line should show the split of compound `word` into
    `parts`. A word typed without å, ä and ö is split as it is spelled, and may then be cut
    into nonsense: "samordningsforbundet" becomes samordning, for, bundet, where the reader
    meant "förbundet". Such a split is still searched (it finds what it finds), but it is
    not shown when a part spelled with å, ä or ö is a much commoner word ("för" for "for")."""
    if analysis.fold(word.lower()) != word.lower():
        return True  # written with the letters: split as meant
    lexicon = Lexicon.default()
    for part in parts:
        own = lexicon.zipf(part)
        for other in analysis.spellings(part, _MAX_SPELLINGS) or ():
            if other != part and lexicon.zipf(other) >= own + _LIKELIER_SPELLING:
                return False
    return True


def _by_span(
    found: list[tuple[int, int, list[str]]],
) -> list[tuple[tuple[int, int], list[list[str]]]]:
    """`Abbreviations.expand`'s matches grouped by the words they cover, in its order
    (by start, longest first): "ESF" has two long forms, and is one reading."""
    spans: dict[tuple[int, int], list[list[str]]] = {}
    for start, end, alternative in found:
        alternatives = spans.setdefault((start, end), [])
        if alternative not in alternatives:
            alternatives.append(alternative)
    return list(spans.items())


def _condition(query: tantivy.Query, out: Compiled, negated: bool) -> Marks | None:
    """The leaf of `Marks` for a part of the query no highlighter sees in a text (a § number,
    a filter, a förbund's sections, an exclusion), its `query` kept in `out.conditions` for
    `Compiler.conditions_met`; None when `out` records no marks, or inside an exclusion,
    which is a condition as a whole."""
    if not out.marking or negated:
        return None
    out.conditions.append(query)
    return Marks(condition=len(out.conditions) - 1)


def _lacking(query: tantivy.Query) -> tantivy.Query:
    """The records `query` does not match, sections and heads alike: an exclusion's
    condition. (A head never matches a section's words, so it meets every exclusion.)"""
    return tantivy.Query.boolean_query([(_MUST, tantivy.Query.all_query()), (_MUST_NOT, query)])


def _either_marks(parts: list[_Built], out: Compiled) -> Marks | None:
    """The marks of alternatives: one that marks nothing counts as met (`_UNSEEN`)."""
    if not out.marking:
        return None
    return _combined([p.marks or _UNSEEN for p in parts], either=True)


def _held_in_part(node: Node, under_either: bool = False) -> bool:
    """Whether a hit can hold some words of an alternative that did not find it: an OR (or
    an abbreviation's other forms) with an AND of several parts among its alternatives
    ("finansiell samordning" ↔ FINSAM, `(budget plan) OR NNS`). Words that are excluded are
    never marked. A single word's alternatives (`ESF OR NNS`, FK ↔ Försäkringskassan, SIP ↔
    its long form as a phrase) are marked only where they are."""
    if isinstance(node, Or | _OneOf):
        return any(_held_in_part(c, True) for c in node.children)
    if isinstance(node, And):
        # An exclusion counts among the parts ("(plan -budget) OR NNS" is not held by a hit
        # that says budget), though nothing in it is marked.
        kept = [c for c in node.children if not isinstance(c, Not)]
        return (under_either and len(node.children) > 1) or any(
            _held_in_part(c, under_either) for c in kept
        )
    return False


def _either(original: list[Node], alternative: Node) -> Or:
    """The query words `original` as typed, or `alternative` (an abbreviation's long form, a
    förbund's sections): what `_expand` puts in their place."""
    own = original[0] if len(original) == 1 else And(tuple(original))
    return Or((own, alternative))


def _any(queries: list[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(_SHOULD, q) for q in queries])


def _starting_with(schema: tantivy.Schema, field: str, start: str) -> tantivy.Query:
    """The terms of `field` that start with `start`, each scoring 1 (before its boost): a
    fuzzy query of distance 0 on the prefix. It walks the term dictionary as the regular
    expression `start.*` did, with the same matches and scores, but builds its automaton
    at once, where tantivy compiled the expression's to a DFA for each field: 3.6 million
    instructions each, 44 million of a search for "samverk*" (12 fields with the heads'),
    more than finding and scoring its 54,000 hits took."""
    return tantivy.Query.fuzzy_term_query(schema, field, start, distance=0, prefix=True)


def _boost(query: tantivy.Query, weight: float) -> tantivy.Query:
    return query if weight == 1.0 else tantivy.Query.boost_query(query, weight)


def _has_real_filter(f: Filters) -> bool:
    return bool(
        f.forbund
        or f.excluded
        or f.kinds
        or f.decisions_only
        or f.year_from is not None
        or f.year_to is not None
        or f.date_from is not None
        or f.date_to is not None
        or f.undated
    )


def _undated_and_dated(f: Filters) -> bool:
    """Whether the filters ask for undated hits and for a date or a year at once."""
    dated = (f.year_from, f.year_to, f.date_from, f.date_to)
    return f.undated and any(value is not None for value in dated)


def date_bounds(f: Filters) -> tuple[date | None, date | None]:
    """The first and last day the filters allow (None: no limit), year and date limits
    intersected, as the index applies them (both must hold)."""
    lows = [f.date_from, date(f.year_from, 1, 1) if f.year_from else None]
    highs = [f.date_to, date(f.year_to, 12, 31) if f.year_to else None]
    low = max((d for d in lows if d), default=None)
    high = min((d for d in highs if d), default=None)
    return low, high


def no_common_day(f: Filters) -> bool:
    """Whether the date and year limits, intersected, leave no day at all."""
    low, high = date_bounds(f)
    return low is not None and high is not None and low > high


def _without_field(name: str) -> tantivy.Query:
    """The records that have no value in fast field `name` (a section without a förbund or a
    date is indexed without the field; see `index.store`)."""
    return tantivy.Query.boolean_query(
        [
            (_MUST, tantivy.Query.all_query()),
            (_MUST_NOT, tantivy.Query.exists_query(name)),
        ]
    )


def _unscored(query: tantivy.Query) -> tantivy.Query:
    """`query` as a filter: it selects, and adds nothing to a hit's score."""
    return tantivy.Query.const_score_query(query, 0.0)
