"""Search: run a query against the index and answer in the contract's shape.

`Engine` is opened once per process (it holds the tantivy `Index`); every call to `search` takes
a fresh searcher, so concurrent requests are safe and see the latest commit. The answer is a
plain dict: the CLI prints it, the web layer renders it or sends it as JSON.

A search here is: compile the query (`search.compile`), rank a page of it in a stable order
(`search.order`), make each record a hit with its snippet (`search.hits`), count the facets,
and, when nothing was found, add the hints for how the query was written (`search.hints`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from copy import deepcopy
from dataclasses import dataclass, replace
from pathlib import Path

import tantivy

from index import settings
from index.analysis import is_stopword
from index.errors import FinsokError
from index.lexicon import Lexicon
from index.metadata import Registry, slugify
from index.schema import REC_DOC, REC_HEAD, REC_SECTION
from index.store import Store, count_matches, learned_lexicon
from index.synonyms import load_abbreviations
from search.compare import Comparison, count_cells, heads_only_notice, scope_query
from search.compile import ONLY_STOPWORDS, STOPWORDS_BESIDE_FILTERS, Compiled, Compiler
from search.hints import nothing_found_hints, operator_hint
from search.hits import (
    head_of,
    hit_of,
    met_of,
    query_highlighter,
    record_id,
    searched_decisions_only,
)
from search.hits import website_url as website_url  # web.data imports it from here
from search.limits import MAX_QUERY_CHARS
from search.order import ranked_page
from search.params import NAMED_AT_MOST, NO_FORBUND, UNKNOWN_FORBUND, SearchParams, first_few
from search.query import And, Node, Not, ParsedQuery, Word, parse
from search.snippets import Highlighter
from search.suggest import suggest

# Matching document heads listed beside the first page of hits.
DOCUMENTS_SHOWN = 3
# Why `search_documents` searched nothing, by whether the query asked for decisions only.
_NO_HEAD_SEARCH = {
    True: "Dokumentens huvud innehåller inga beslut: sök utan beslutsfiltret (typ:beslut) för "
    "att söka i titlar, närvarolistor och mötesplatser.",
    False: "Ange ett ord att söka efter i dokumentens huvud, till exempel ett namn eller en "
    "mötesplats.",
}
# Why `search_documents` found nothing for a query that only excludes ("-budget"): the search
# answers every section but those, but a head list of every document says nothing.
ONLY_EXCLUSIONS_HEADS = (
    "Frågan har bara ord att utesluta (med minustecken) och inget att hitta i dokumentens "
    "huvud: lägg till ett ord att söka efter, till exempel ett namn eller en mötesplats "
    "(Skolgatan -budget)."
)
# Why a search with nothing to search for (no words, no filter) found nothing: a program that
# sent an empty `q` by mistake got 0 hits told apart from a search that found none.
EMPTY_SEARCH = (
    "Sökningen har inget att söka efter: skriv ett eller flera sökord, eller välj förbund, "
    "datum eller typ."
)
# How often a search looks whether an indexing run has committed a new vocabulary.
VOCABULARY_CHECK_SECONDS = 2.0


@dataclass(frozen=True)
class MarkingScope:
    """Where a document's page marks a search's words (`Engine.marking_scope`): in the
    sections whose ids `sections` holds (None: every section) and in the head when `head`,
    and with `decisions_only` in decision text alone. `conditions`: the query's conditions
    (§ numbers, filters, exclusions among alternatives) each section meets, by id, as a hit
    is marked by them (`Engine._met`); None for a query without them."""

    sections: frozenset[str] | None = None
    head: bool = True
    decisions_only: bool = False
    conditions: dict[str, frozenset[int]] | None = None

    def admits(self, section_id: str) -> bool:
        return self.sections is None or section_id in self.sections

    def met(self, section_id: str) -> frozenset[int] | None:
        """The conditions section `section_id` meets, for `Highlighter.within`; None: the
        query has none."""
        return None if self.conditions is None else self.conditions.get(section_id, frozenset())

    @property
    def excludes_all(self) -> bool:
        """Whether the filters leave the whole document out: nothing in it is marked."""
        return self.sections is not None and not self.sections and not self.head


class Engine:
    """An open index and what searching it needs (compiler, abbreviations)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        # Snippets split compounds with the words the index was built with, so a word found
        # through a learned compound part is also marked (see `lexicon`); the interpretation
        # lists only forms of a word that the indexed documents have (see `indexed_words`).
        self._vocabulary_version = store.vocabulary_version()
        self._load_vocabulary()
        self._vocabulary_checked = time.monotonic()
        self.compiler = Compiler(
            store.schema, load_abbreviations(), Registry.default(), self.indexed_words
        )
        # A lone search counts facets beside its hit list (tantivy releases the GIL while it
        # aggregates), which halves its latency; under load that extra thread only costs
        # throughput, so concurrent searches count facets in their own thread.
        self._facet_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="finsok-facets")
        self._active = 0
        self._active_lock = threading.Lock()

    @classmethod
    def open(cls, index_dir: Path | str | None = None) -> Engine:
        return cls(Store.open(settings.index_dir(index_dir)))

    def search(self, params: SearchParams) -> dict:
        """Ranked, snippeted hits with facets, suggestion and notice, as the contract says."""
        started = time.perf_counter()
        parsed, compiled = self.compile(params)
        searcher = self.store.searcher()
        result = {
            "query": params.q,
            "total": 0,
            "hits": [],
            "facets": {"forbund": {}, "year": {}, "kind": {}},
            "facets_missing": dict.fromkeys(FACETS_WITH_MISSING, 0),
            "documents": [],
            "documents_total": 0,
            "suggestion": None,
            "notice": " ".join(compiled.notices)
            or (EMPTY_SEARCH if compiled.query is None else None),
            "interpretation": compiled.interpretation,
            "took_ms": 0.0,
        }
        if compiled.query is not None:
            result.update(self._found(searcher, compiled, params))
        if compiled.words and result["total"] == result["documents_total"] == 0:
            # only a search that found nothing, neither sections nor documents
            result["suggestion"] = self._suggestion(searcher, params, compiled.words)
        return self._finish(result, parsed, started)

    def _found(self, searcher: tantivy.Searcher, compiled: Compiled, params: SearchParams) -> dict:
        """What `search` finds of a query with something to search: the page of hits, the
        best few document heads beside the first page, and the facets with the total. A lone
        search counts its facets in a second thread meanwhile (see `__init__`)."""
        found: dict = {}
        with self._active_lock:
            self._active += 1
            alone = self._active == 1
        try:
            facets = (
                self._facet_pool.submit(self._facets, searcher, compiled.query) if alone else None
            )
            highlighter = query_highlighter(compiled, self.lexicon)
            found["hits"] = self._hits(searcher, compiled, params, highlighter)
            if compiled.heads is not None and params.offset == 0:
                found["documents"], found["documents_total"] = self._best_heads(
                    searcher, compiled.heads, compiled, highlighter
                )
            # The facets count every match (`match_total`): the hit list need not count
            # them again (which would cost tantivy a full pass).
            found["facets"], found["facets_missing"], found["total"] = (
                facets.result() if facets else self._facets(searcher, compiled.query)
            )
        finally:
            with self._active_lock:
                self._active -= 1
        return found

    def _suggestion(
        self, searcher: tantivy.Searcher, params: SearchParams, words: list[str]
    ) -> str | None:
        """ "Menade du …" for a search that found nothing: a spelling of the query that finds
        something with the search's filters (`_finds_something`), or None."""
        suggestion = suggest(searcher, params.q, words)
        if suggestion is not None and self._finds_something(searcher, params, suggestion):
            return suggestion
        return None

    def _finds_something(self, searcher: tantivy.Searcher, params: SearchParams, q: str) -> bool:
        """Whether query `q`, with the search's filters, finds a section or a document head.
        A suggestion that finds nothing either ("case manager" → "case månader", where only
        one word was near a known one) only sends the user to another empty page. So does one
        longer than a query may be ("budgt" → "budget" in a query of the most characters):
        the API refuses it and a page cuts it, and checked here it failed the search."""
        if len(q) > MAX_QUERY_CHARS:
            return False
        _, compiled = self.compile(replace(params, q=q))
        return any(
            query is not None and count_matches(searcher, query)
            for query in (compiled.query, compiled.heads)
        )

    def _hint_finds(self, searcher: tantivy.Searcher, parsed: ParsedQuery, q: str) -> bool:
        """Whether a hint's query `q` ("datum:2025-06-11", "§ 47"), which stands for words of
        the search, finds a section with the search's filters (`parsed`, merged with the
        form's): the hint keeps them, so "2025-06-11 förbund:halland" is not sent to a day
        on which only another förbund met. Dates of both must hold."""
        hinted = parse(q)
        filters = deepcopy(parsed.filters)
        own = hinted.filters
        starts = [d for d in (filters.date_from, own.date_from) if d is not None]
        ends = [d for d in (filters.date_to, own.date_to) if d is not None]
        filters.date_from = max(starts) if starts else None
        filters.date_to = min(ends) if ends else None
        compiled = self.compiler.compile(ParsedQuery(hinted.tree, filters))
        return compiled.query is not None and count_matches(searcher, compiled.query) > 0

    def all_hits(self, params: SearchParams, max_hits: int) -> dict:
        """The first `max_hits` hits of a search in the order its pages show them, with the
        total and the notice: the hit list a researcher downloads (`web.export`). One ranking
        pass for them all, where paging through the API would rank the search once a page;
        `limit` and `offset` are not used. No facets, documents or suggestion."""
        started = time.perf_counter()
        parsed, compiled = self.compile(params)
        result = {
            "query": params.q,
            "total": 0,
            "hits": [],
            "notice": " ".join(compiled.notices) or None,
            "took_ms": 0.0,
        }
        if compiled.query is not None:
            searcher = self.store.searcher()
            # A thousand texts read once: their chunks get a memo of their own, and only the
            # words that can match are analysed (`Highlighter.scan`).
            highlighter = replace(query_highlighter(compiled, self.lexicon), memo={}, scan=True)
            every = replace(params, offset=0, limit=max_hits)
            ranked = ranked_page(
                searcher, compiled.query, every, by_date=_by_date(compiled, params)
            )
            only = searched_decisions_only(compiled)
            met = self._met(searcher, compiled, ranked)
            result["hits"] = [
                hit_of(
                    payload,
                    score,
                    highlighter,
                    title_html=False,
                    decisions_only=only,
                    met=met_of(met, payload),
                )
                for score, payload in ranked
            ]
            result["total"] = count_matches(searcher, compiled.query)
        return self._finish(result, parsed, started)

    def compile(self, params: SearchParams) -> tuple[ParsedQuery, Compiled]:
        """Validate the parameters, parse the query with their filters merged in and compile
        it: the first steps of every kind of search (sections, heads, comparisons)."""
        params.validate()
        parsed = parse_params(params)
        return parsed, self.compiler.compile(parsed)

    @property
    def lexicon(self) -> Lexicon:
        """The shipped lexicon plus the vocabulary the index has learned, as of its latest
        commit: a server that stays up while an indexing run adds files marks the compounds
        those files taught within `VOCABULARY_CHECK_SECONDS`, without a restart."""
        self._refresh_vocabulary()
        return self._lexicon

    def indexed_words(self) -> frozenset[str]:
        """The words of the indexed documents (lower case, four letters or more, as the
        indexer counts them), as of the index's latest commit, like `lexicon`."""
        self._refresh_vocabulary()
        return self._words

    def _refresh_vocabulary(self) -> None:
        now = time.monotonic()
        if now - self._vocabulary_checked >= VOCABULARY_CHECK_SECONDS:
            self._vocabulary_checked = now
            version = self.store.vocabulary_version()
            if version != self._vocabulary_version:
                self._vocabulary_version = version
                self._load_vocabulary()

    def _load_vocabulary(self) -> None:
        counts = self.store.vocabulary()
        self._lexicon = _serving(learned_lexicon(counts))
        self._words = frozenset(counts)

    def highlighter(self, q: str, parsed: ParsedQuery | None = None) -> Highlighter:
        """The highlighter a query implies (for marking terms in the document view). `parsed`
        is `q` as `parse` read it, when the caller has it (it is not changed)."""
        return query_highlighter(self.compiler.compile(parsed or parse(q)), self.lexicon)

    def marking_scope(
        self, doc_id: str, params: SearchParams, parsed: ParsedQuery | None = None
    ) -> MarkingScope:
        """Where in document `doc_id` the search `params` (its query's filters and the form's)
        could have found its words, so that the document's page marks them there only: not
        in running text for decisions only (`typ:beslut`), nowhere for a filter that leaves
        the document out (`år:1999`), and not in a section of another meeting's date. A
        filter among alternatives of OR is part of the query's logic and limits nothing
        here, but a section marks such an alternative only where it meets its filters and §
        numbers, as its hit does (`MarkingScope.met`). One small search, and none without
        filters, and one per condition for a query with them (`Compiler.conditions_met`).
        `parsed` is `params.q` as `parse` read it for the highlighter, which is not read
        again (`parse_params`)."""
        merged = parse_params(params, parsed)
        filters = merged.filters
        searcher = self.store.searcher()
        mine = tantivy.Query.term_query(self.store.schema, "doc_id", doc_id)
        conditions = self.compiler.conditions_met(searcher, self.compiler.compile(merged), mine)
        scope = self.compiler.filter_scope(filters)
        if scope is None:
            return MarkingScope(conditions=conditions)
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, mine), (tantivy.Occur.Must, scope)]
        )
        found = count_matches(searcher, query)
        records = [searcher.doc(a) for _, a in searcher.search(query, found).hits] if found else []
        return MarkingScope(
            sections=frozenset(
                r.get_first("id") for r in records if r.get_first("rec") != REC_HEAD
            ),
            head=any(r.get_first("rec") == REC_HEAD for r in records),
            decisions_only=filters.decisions_only,
            conditions=conditions,
        )

    def _hits(
        self,
        searcher: tantivy.Searcher,
        compiled: Compiled,
        params: SearchParams,
        highlighter: Highlighter,
    ) -> list[dict]:
        ranked = ranked_page(searcher, compiled.query, params, by_date=_by_date(compiled, params))
        only = searched_decisions_only(compiled)
        met = self._met(searcher, compiled, ranked)
        return [
            hit_of(payload, score, highlighter, decisions_only=only, met=met_of(met, payload))
            for score, payload in ranked
        ]

    def _met(
        self,
        searcher: tantivy.Searcher,
        compiled: Compiled,
        ranked: list[tuple[float | None, dict]],
    ) -> dict[str, frozenset[int]] | None:
        """The conditions of the query (§ numbers, filters, exclusions among alternatives)
        that each of the `ranked` hits or heads meets (`Compiler.conditions_met`), for
        marking each by what it holds; None for a query without them (most), at no cost."""
        if not compiled.conditions or not ranked:
            return None
        ids = [record_id(payload) for _, payload in ranked]
        records = tantivy.Query.term_set_query(self.store.schema, "id", ids)
        return self.compiler.conditions_met(searcher, compiled, records)

    def _best_heads(
        self,
        searcher: tantivy.Searcher,
        query: tantivy.Query,
        compiled: Compiled,
        highlighter: Highlighter,
    ) -> tuple[list[dict], int]:
        """The documents whose head (title, place, participants …) matches, best first, and
        how many there are. Hits are sections, so a word found only in a document's head
        ("tertialrapport", a member's name) would otherwise find nothing at all."""
        # Ranked as `search_documents` ranks them, so these are the first of its list.
        best = ranked_page(searcher, query, SearchParams(limit=DOCUMENTS_SHOWN), by_date=False)
        met = self._met(searcher, compiled, best)
        heads = [
            head_of(payload, score, highlighter, met_of(met, payload)) for score, payload in best
        ]
        return heads, count_matches(searcher, query) if heads else 0

    def search_documents(self, params: SearchParams) -> dict:
        """Every document whose head matches, a page at a time, with facets: the whole list
        behind the best few that `search` shows beside its hits. Who attended a meeting,
        where the board met and a report's title are only in heads, and a researcher counting
        the meetings a member attended needs all of them, not the best three."""
        started = time.perf_counter()
        parsed, compiled = self.compile(params)
        result = {
            "query": params.q,
            "total": 0,
            "documents": [],
            "facets": {"forbund": {}, "year": {}, "kind": {}},
            "facets_missing": dict.fromkeys(FACETS_WITH_MISSING, 0),
            "notice": " ".join(compiled.notices) or None,
            "interpretation": compiled.interpretation,
            "took_ms": 0.0,
        }
        if compiled.heads is not None and _only_exclusions(parsed.tree):
            # Every head but those: the negation subtracts from sections, so it found none.
            result["notice"] = " ".join(filter(None, [result["notice"], ONLY_EXCLUSIONS_HEADS]))
        elif compiled.heads is not None:
            searcher = self.store.searcher()
            highlighter = query_highlighter(compiled, self.lexicon)
            ranked = ranked_page(searcher, compiled.heads, params, by_date=params.sort == "date")
            met = self._met(searcher, compiled, ranked)
            result["documents"] = [
                head_of(payload, score, highlighter, met_of(met, payload))
                for score, payload in ranked
            ]
            result["facets"], result["facets_missing"], result["total"] = self._facets(
                searcher, compiled.heads
            )
        elif compiled.query is not None or not result["notice"]:
            # decisions only, filters without words, or nothing at all
            result["notice"] = _NO_HEAD_SEARCH[parsed.filters.decisions_only]
        return self._finish(result, parsed, started, heads=True)

    def _finish(
        self, result: dict, parsed: ParsedQuery, started: float, *, heads: bool = False
    ) -> dict:
        """The last steps of `search` and `search_documents` (`heads`): when nothing was
        found, say so of a förbund filter naming a förbund without documents, and hint at
        what may have been meant; and the time taken."""
        if result["total"] == 0 and (missing := self.forbund_notice(parsed.filters.forbund)):
            result["notice"] = " ".join(filter(None, [result["notice"], missing]))
        if result["total"] == 0:
            searcher = self.store.searcher()
            filtered = self.compiler.filter_scope(parsed.filters) is not None

            def finds(q: str) -> bool:
                return self._hint_finds(searcher, parsed, q)

            hints = nothing_found_hints(
                result["query"],
                parsed.tree,
                abbreviations=self.compiler.abbreviations,
                heads=heads,
                finds=finds,
                filtered=filtered,
            )
            result["notice"] = " ".join(filter(None, [result["notice"], *hints])) or None
        elif hint := operator_hint(
            result["query"], found_hits=True, abbreviations=self.compiler.abbreviations
        ):
            result["notice"] = " ".join(filter(None, [result["notice"], hint]))
        result["took_ms"] = round((time.perf_counter() - started) * 1000, 2)
        return result

    def _facets(self, searcher: tantivy.Searcher, query: tantivy.Query) -> tuple[dict, dict, int]:
        """The facet counts of `query`'s matches, `facets_missing` (`missing_counts`) and the
        number of matches (`match_total`), all from one count."""
        aggs = {
            name: {"terms": {"field": field, "size": FACET_SIZES[name]}}
            for name, field in _FACET_FIELDS.items()
        }
        raw = searcher.aggregate(query, aggs)
        facets = {
            name: {str(b["key"]): b["doc_count"] for b in raw.get(name, {}).get("buckets", [])}
            for name in aggs
        }
        beyond = {name: raw.get(name, {}).get("sum_other_doc_count", 0) for name in aggs}
        return facets, missing_counts(facets, beyond), match_total(facets, beyond)

    # --- documents and sections (for the document view and the API) ---------------------

    def document(self, doc_id: str) -> dict:
        """A whole document with its sections in order; FinsokError 404 when unknown."""
        found = self.store.records("doc_id", doc_id)
        # Payloads tell the kinds apart: the document's has a path, each section's an id, and
        # the head's has neither (the page shows the head from the document's record).
        record = next((p for p in found if "path" in p and p.get("id") is None), None)
        sections = sorted((p for p in found if p.get("id")), key=lambda p: p["ordinal"])
        if record is None:
            raise FinsokError(f"Okänt dokument: {doc_id}", status=404, code="not_found")
        return {**record, "sections_list": sections}

    def document_record(self, doc_id: str) -> dict | None:
        """A document's own record (path, whether its original may be served …) without its
        sections, None when unknown: what a search page needs to link a hit to the original."""
        found = self.store.records("doc_id", doc_id, rec=REC_DOC, limit=1)
        return found[0] if found else None

    def section(self, section_id: str) -> dict:
        found = self.store.records("id", section_id, rec=REC_SECTION, limit=1)
        if not found:
            raise FinsokError(f"Okänd sektion: {section_id}", status=404, code="not_found")
        return found[0]

    def documents(self) -> list[dict]:
        """Every indexed document's record (förbund, date, sections, when indexed …), for
        counts over the whole index such as the coverage page's."""
        return list(self.store.documents().values())

    def forbund_name(self, slug: str) -> str | None:
        """The name documents of förbund `slug` were indexed with: for förbund that the
        registry does not know but the text named ("Samordningsförbundet Västra X")."""
        found = self.store.records("forbund_slug", slug, rec=REC_DOC, limit=1)
        return found[0].get("forbund") if found else None

    def forbund_notice(self, slugs: list[str]) -> str | None:
        """Why a search filtered by förbund found nothing, when a förbund has no documents:
        a typo in the short name, or a förbund the index has not been given (None when every
        förbund has documents). Compare says it whatever the count: one of its rows is
        missing. Each förbund is named once, in the order given, and many in one sentence
        (`first_few`): an address naming 40 unknown förbund, or one named both in the query
        and as a parameter, used to give a sentence per value."""
        registry = Registry.default().by_slug
        unknown: list[str] = []
        empty: list[str] = []
        for slug in dict.fromkeys(slugs):
            if slug == NO_FORBUND or self.forbund_name(slug) is not None:
                continue
            (empty if slug in registry else unknown).append(slug)
        parts = []
        if empty:
            parts.append(
                f"{first_few([registry[s].name for s in empty])} har inga dokument i indexet."
            )
        if unknown:
            parts.append(_unknown_forbund(unknown))
        if not parts:
            return None
        return (
            " ".join(parts)
            + " Förbunden i indexet och deras kortnamn står på sidan Täckning (/coverage)."
        )

    def forbund_names(self, slugs: Iterable[str | None] = ()) -> dict[str, str]:
        """Förbund names by slug: the registry's, and for any of `slugs` it does not know, the
        name the index holds (`forbund_name`), or the slug itself when even that is missing;
        NO_FORBUND among `slugs`, which selects sections without a förbund, is UNKNOWN_FORBUND."""
        names = {f.slug: f.name for f in Registry.default().entries}
        for slug in slugs:
            if slug == NO_FORBUND:
                names[slug] = UNKNOWN_FORBUND
            elif slug and slug not in names:
                names[slug] = self.forbund_name(slug) or slug
        return names

    def compare_cells(self, params: SearchParams) -> Comparison:
        """The query's matches and the sections in scope per (förbund, year) cell, for the
        comparison of förbund and years (see `search.compare`). A förbund filter naming a
        förbund without documents is noticed whatever the count: its row is missing."""
        parsed, compiled = self.compile(params)
        missing = self.forbund_notice(parsed.filters.forbund)
        notices = [*compiled.notices, *([missing] if missing else [])]
        if not compiled.searches_text:
            # Nothing to count: an empty query (or filters alone) would only count the scope;
            # "och förbund:halland" is no comparison, as "och" alone is none.
            notices = [ONLY_STOPWORDS if n == STOPWORDS_BESIDE_FILTERS else n for n in notices]
            return Comparison(notices=notices)
        searcher = self.store.searcher()  # one for both counts: the same commit
        hits = count_cells(searcher, compiled.query)
        # Zeros everywhere read as "never mentioned": say where the query is, if anywhere.
        heads = (
            count_matches(searcher, compiled.heads)
            if not hits and compiled.heads is not None
            else 0
        )
        if heads:
            notices.append(heads_only_notice(heads))
        return Comparison(
            hits=hits,
            sections=count_cells(searcher, scope_query(self.compiler, parsed.filters)),
            notices=notices,
            counted=True,
        )

    def section_counts(self) -> dict:
        """Indexed sections per förbund, per year and per (förbund, year): the denominators
        researchers need to compare förbund of different sizes."""
        query = tantivy.Query.term_query(self.store.schema, "rec", REC_SECTION)
        return self.counts(query)

    def counts(self, query: tantivy.Query) -> dict:
        aggs = {
            "forbund": {
                "terms": {"field": "forbund_slug", "size": 500},
                "aggs": {"year": {"terms": {"field": "year", "size": 200}}},
            }
        }
        raw = self.store.searcher().aggregate(query, aggs)
        out: dict[str, dict] = {}
        for bucket in raw.get("forbund", {}).get("buckets", []):
            years = {str(y["key"]): y["doc_count"] for y in bucket["year"]["buckets"]}
            out[bucket["key"]] = {"total": bucket["doc_count"], "years": years}
        return out

    def stats(self) -> dict:
        """Counts of documents and sections (for /healthz and coverage), and whether the
        index's terms were made with this code's analysis rules: if not, queries miss what
        changed until `finsok index` has analysed the documents again."""
        searcher = self.store.searcher()
        count = {}
        for rec in (REC_DOC, REC_SECTION):
            q = tantivy.Query.term_query(self.store.schema, "rec", rec)
            count[rec] = count_matches(searcher, q)
        return {
            "documents": count[REC_DOC],
            "sections": count[REC_SECTION],
            "analysis_current": self.store.analysis_is_current(),
        }


# The facets whose matches may lack a value (a section without a förbund or a date).
FACETS_WITH_MISSING = ("forbund", "year")
# Each facet's index field, and how many of its values a search lists (tantivy's terms
# `size`); the matches in values past it are counted apart (`sum_other_doc_count`). There
# are four kinds, so the kind facet lists them all unless an index holds kinds this code does
# not know; a test makes a size small to see what happens past it.
_FACET_FIELDS = {"forbund": "forbund_slug", "year": "year", "kind": "kind"}
FACET_SIZES = {"forbund": 200, "year": 100, "kind": 10}


def match_total(facets: dict, beyond: dict[str, int]) -> int:
    """How many records a search matches: the result's `total`. One rule for it and for
    `missing_counts`: every record has exactly one kind, so the kind facet's counts and the
    matches past its size (`beyond["kind"]`) are every match. The total counted the listed
    kinds only, and `missing_counts` the ones past the size too, so the förbund and year
    facets with their missing counts added up to more than the total."""
    return sum(facets["kind"].values()) + beyond.get("kind", 0)


def missing_counts(facets: dict, beyond: dict[str, int]) -> dict[str, int]:
    """The matches each of `FACETS_WITH_MISSING` leaves out, having no value for it: the
    result's `facets_missing`. With these, the förbund and year facets add up to the total
    (`match_total`, the one rule for both). `beyond` holds, per facet, the matches in values
    past the facet's size (tantivy's `sum_other_doc_count`), which have a value though the
    facet does not list it. The contract fixes `facets`' keys and that its förbund keys are
    slugs and its year keys years, so the counts stand beside it."""
    total = match_total(facets, beyond)
    return {
        name: total - sum(facets[name].values()) - beyond.get(name, 0)
        for name in FACETS_WITH_MISSING
    }


def _unknown_forbund(slugs: list[str]) -> str:
    """The notice for förbund short names no förbund has, each with the registry's near
    matches ("Menade du ”ostra-sodertorn”?"), in one sentence for several (`first_few`); the
    near matches are given for the names the sentence shows."""
    quoted_slugs = [f"”{slug}”" for slug in slugs]
    if len(slugs) == 1:
        said = f"Inget förbund i indexet har kortnamnet {quoted_slugs[0]}."
    else:
        said = f"Inget förbund i indexet har kortnamnen {first_few(quoted_slugs)}."
    for slug, shown in zip(slugs[:NAMED_AT_MOST], quoted_slugs, strict=False):
        near = [f"”{f.slug}”" for f in Registry.default().matching(slug)]
        if near and len(slugs) == 1:
            said += f" Menade du {' eller '.join(near)}?"
        elif near:
            said += f" För {shown}: menade du {' eller '.join(near)}?"
    return said


def parse_params(params: SearchParams, parsed: ParsedQuery | None = None) -> ParsedQuery:
    """The query text parsed, with the parameters' filters merged into its own filters.

    Filters from both narrow the search: förbund and kinds add up, date ranges intersect.
    `parsed`, when given, is `params.q` as `parse` read it already: a copy of it is merged
    into, so the caller's stays as it was and the query is not parsed twice.
    """
    parsed = parse(params.q) if parsed is None else _copied(parsed)
    parsed.notices[:0] = params.notes
    filters = parsed.filters
    filters.forbund += [slugify(f) for f in params.forbund if f]
    if params.decisions_only:
        filters.decisions_only = True
    if params.document_kind:
        filters.kinds.append(params.document_kind)
    if params.undated:
        filters.undated = True
    if params.date_from:
        filters.date_from = max(filter(None, [filters.date_from, params.date_from]))
    if params.date_to:
        filters.date_to = min(filter(None, [filters.date_to, params.date_to]))
    return parsed


def _copied(parsed: ParsedQuery) -> ParsedQuery:
    """`parsed` with its own filters and lists, which `parse_params` may change; the tree
    is never changed."""
    return replace(
        parsed,
        filters=deepcopy(parsed.filters),
        notices=list(parsed.notices),
        readings=list(parsed.readings),
    )


def _by_date(compiled: Compiled, params: SearchParams) -> bool:
    """Whether to list by date: when asked, and when nothing in the query scores (filters, §
    numbers, negations only), where every hit ties and newest first is the only order."""
    return params.sort == "date" or not (compiled.words or compiled.phrases or compiled.prefixes)


# The analysis memo a server keeps for marking snippets, in entries (about 30 MB), and as many
# compound splits (about 28 MB more, measured on the benchmark corpus): each text a snippet is
# cut from adds its chunks and words, and a server that stays up meets ever new texts. The
# indexer's own limit (`index.lexicon.CACHE_LIMIT`) would let each worker grow by some 180 MB.
SERVING_CACHE_LIMIT = 100_000


def _serving(lexicon: Lexicon) -> Lexicon:
    lexicon.cache_limit = SERVING_CACHE_LIMIT
    return lexicon


def _only_exclusions(tree: Node | None) -> bool:
    """Whether a query's words only exclude ("-budget", "-budget -skatt", also beside a
    stopword, which is no search term: "och -budget"): nothing in it is to be found, so over
    the heads it would list every document."""
    if isinstance(tree, Not):
        return True
    return (
        isinstance(tree, And)
        and any(isinstance(child, Not) for child in tree.children)
        and all(isinstance(child, Not) or _is_stopword_alone(child) for child in tree.children)
    )


def _is_stopword_alone(node: Node) -> bool:
    return isinstance(node, Word) and not node.prefix and is_stopword(node.text)
