"""From a parsed query to a tantivy query, through the same analysis the index used.

Each query word becomes a disjunction over the three zones (title, decision, body) and the
match levels the index stores for it, each in its own field: the exact form, the stem, the stem
as a compound part and the folded stem. A hyphenated word is a phrase of its parts. Weights
encode the ranking rules: title above decision above body, exact above stem above compound part
above folded. Abbreviations are expanded both ways from `data/abbreviations.toml`, and nearby
query words earn a proximity bonus.

Three parts of the work live beside it: `search.expansion` rewrites the tree first (an
abbreviation's other forms, a förbund's sections for its name), `search.interpretation` has
every line of how the query was read, and `search.marks` the tree of which words each hit
marks. What stays here decides what is found and how it scores.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import tantivy

from index import analysis
from index.metadata import Registry
from index.schema import HEAD_ZONE, REC_HEAD, REC_SECTION, ZONES, search_field
from index.store import count_matches
from index.synonyms import Abbreviations
from search.expansion import _InForbund, _OneOf, expand
from search.interpretation import (
    describe_terms,
    exact_form_line,
    exclusions,
    grouping,
    hyphenated_line,
    left_out,
    paragraph_line,
    phrase_line,
    prefix_line,
    spelled_with_letters,
    split_line,
)
from search.marks import UNSEEN, Marks, combined, held_in_part
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
    # matched; None where every hit is marked alike (`held_in_part`).
    marks: Marks | None = None
    # Whether `marks` is recorded: only for a query with alternatives that a hit can hold in
    # part, so that any other query (and the heads' compile of the same words) costs nothing.
    marking: bool = field(default=False, repr=False)
    # The records each condition of `marks` selects (a § number, a filter, an exclusion …),
    # recorded with `marks`; `Compiler.conditions_met` asks the index which hits meet them.
    conditions: list[tantivy.Query] = field(default_factory=list, repr=False)


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
    """Compiles parsed queries against one index's schema (`compile`), with the abbreviation
    table and the förbund registry the words are expanded with; one per `Engine`."""

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
        out.notices.extend(_contradictions(parsed.filters))
        filters = self._filters(parsed.filters)
        out.interpretation.extend(grouping(parsed.tree))
        out.interpretation.extend(exclusions(parsed.tree))
        tree = self._expand(parsed.tree, out) if parsed.tree is not None else None
        out.marking = tree is not None and held_in_part(tree)
        text = self._built(tree, out) if tree is not None else _NOTHING
        text_query = text.query
        if text_query is not None:
            out.interpretation.extend(left_out(parsed.tree))
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
            out.heads = self._heads(tree, clauses)
        return out

    def _heads(
        self, tree: Node, clauses: list[tuple[tantivy.Occur, tantivy.Query]]
    ) -> tantivy.Query | None:
        """The same words and filters (`clauses`) over the heads' own fields, None when the
        words search nothing there. A scratch `Compiled`: the interpretation and the words to
        mark are already in the search's own."""
        head_text = self._node(tree, Compiled(None, zones=(HEAD_ZONE,)))
        if head_text is None:
            return None
        head = _unscored(tantivy.Query.term_query(self.schema, "rec", REC_HEAD))
        return tantivy.Query.boolean_query([(_MUST, head), *clauses, (_MUST, head_text)])

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

    # --- abbreviations and förbund names -------------------------------------------------

    def _expand(self, node: Node, out: Compiled) -> Node:
        """`node` with what the compiler adds to the words typed (`search.expansion`): an
        abbreviation's other forms, a förbund's sections; their lines go to `out`."""
        return expand(node, self.abbreviations, self.registry, out.interpretation)

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
            tantivy.Query.boolean_query(clauses), sections_only, combined(marks, either=False)
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
                out.interpretation.append(hyphenated_line(word.text, parts))
            return self._phrase(word.text, out, negated, said=True)
        text = positioned[0][1].text
        terms = analysis.query_terms(text)
        if terms["stem"] is None:
            return None  # a stopword is not a search term on its own
        spelled: list[str] = []
        if not negated:
            out.words.append(text)
            known = self.vocabulary() if self.vocabulary is not None else None
            spelled = spelled_with_letters(text, terms, known)
            out.interpretation.append(describe_terms(text, terms, known, spelled))
        clauses = self._term_clauses(text, terms, out.zones)
        parts = analysis.split_compound(text) or _glued_acronym(text) or []
        if len(parts) > 1:  # "internkontroll" also finds "intern kontroll"
            clauses.append(_boost(self._parts_phrase(parts, out.zones), SPLIT_WEIGHT))
            if not negated:
                out.phrases.append(" ".join(parts))
                if (line := split_line(text, parts, spelled)) is not None:
                    out.interpretation.append(line)
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
            out.interpretation.append(prefix_line(prefix, lowered))
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
                out.interpretation.append(exact_form_line(text))
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
                out.interpretation.append(phrase_line(text))
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
            out.interpretation.append(paragraph_line(node))
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


# --- recording marks (`search.marks`) ---------------------------------------------------


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
    return combined([p.marks or UNSEEN for p in parts], either=True)


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


def _contradictions(f: Filters) -> list[str]:
    """Notices for filters that leave no hit possible: undated beside a date or a year, and
    date and year limits without a day in common."""
    notices = []
    if _undated_and_dated(f):
        notices.append(UNDATED_BESIDE_DATES)
    if no_common_day(f):
        notices.append(DATES_WITHOUT_COMMON_DAY)
    return notices


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
