"""Search: run a query against the index and answer in the contract's shape.

`Engine` is opened once per process (it holds the tantivy `Index`); every call to `search` takes
a fresh searcher, so concurrent requests are safe and see the latest commit. The answer is a
plain dict: the CLI prints it, the web layer renders it or sends it as JSON.
"""

from __future__ import annotations

import calendar
import re
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from copy import deepcopy
from dataclasses import dataclass, replace
from pathlib import Path

import tantivy

from index import settings
from index.analysis import is_stopword
from index.archive import source_url_problem
from index.errors import FinsokError, listed
from index.lexicon import Lexicon
from index.lines import PARAGRAPH_NUMBER_NO_YEAR
from index.metadata import MONTH_NAMES, Registry, slugify
from index.schema import REC_DOC, REC_HEAD, REC_SECTION
from index.store import Store, count_matches, learned_lexicon, payload_of
from index.synonyms import Abbreviations, load_abbreviations
from search.compare import Comparison, count_cells, heads_only_notice, scope_query
from search.compile import ONLY_STOPWORDS, STOPWORDS_BESIDE_FILTERS, Compiled, Compiler
from search.limits import MAX_QUERY_CHARS
from search.pages import match_page
from search.params import NAMED_AT_MOST, NO_FORBUND, UNKNOWN_FORBUND, SearchParams, first_few
from search.query import (
    READ_NAMES,
    And,
    Node,
    Not,
    Or,
    Paragraph,
    ParsedQuery,
    Word,
    describe,
    is_inflected_acronym,
    parse,
)
from search.snippets import Highlighter, mark_all, section_snippet
from search.suggest import suggest

# Matching document heads listed beside the first page of hits.
DOCUMENTS_SHOWN = 3
# The longest run of equal scores (or dates) at a page's edge that is put in full order; a
# longer one (boilerplate that every protocol repeats, a prefix matching thousands of words)
# is not loaded whole. Ordering a run means loading each record (about 30 µs), so 100 costs
# some 3 ms at most; tantivy's own order, by address, is stable from page to page beyond it.
_MAX_TIED = 100
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


# Operators written in lower case, which the query language reads as words ("ESF or NNS"):
# the English ones as words to search, the Swedish ones as stopwords, left out.
_LOWER_OPERATORS = {"or": "OR", "and": "AND", "not": "NOT", "eller": "ELLER", "inte": "INTE"}


# The lower-case operators that turn a question for either word into one for both: hinted at
# also when the search found something, since the hits then answer another question.
_LOWER_ALTERNATIVES = frozenset({"or", "eller"})


def operator_hint(
    q: str, found_hits: bool = False, abbreviations: Abbreviations | None = None
) -> str | None:
    """A hint when the query has an operator written in lower case between words ("ESF or
    NNS", "ESF eller NNS"), which asked for both words (and "or") where the user meant
    either. A search that found nothing is hinted at for every such operator; one that found
    something only for "or" and "eller": "beslut inte fattat" is ordinary Swedish, while
    "ESF eller NNS" found only the sections that name both. An operator inside a long form
    of `abbreviations` is part of a name ("Individual Placement and Support", IPS), also in
    brackets; one inside a quoted phrase is a word of that phrase, as the user asked."""
    words = q.split()
    candidates = _LOWER_ALTERNATIVES if found_hits else _LOWER_OPERATORS
    named = _in_long_forms(words, abbreviations) if abbreviations is not None else set()
    found = [
        w
        for i, w in enumerate(words[1:-1], start=1)
        if w in candidates
        and i not in named
        and not _in_phrase(words, i)
        and not _PAIRED_WITH.get(w, set()) & {x.lower() for x in words[:i]}
    ]
    if not found:
        return None
    word = found[0]
    read = "är ett stoppord och söktes inte" if is_stopword(word) else "söktes som ett vanligt ord"
    meant = " ".join(_LOWER_OPERATORS.get(w, w) if w in found else w for w in words)
    return f"”{word}” {read}. Operatorer skrivs med versaler: {meant}."


def _in_long_forms(words: list[str], abbreviations: Abbreviations) -> set[int]:
    """Indexes of the words that are part of a long form in the abbreviation table, read
    without the quotes and brackets around them ("IPS (Individual Placement and Support)")."""
    bare = [w.strip(_AROUND_WORDS) for w in words]
    return {i for start, end, _ in abbreviations.expand(bare) for i in range(start, end)}


_AROUND_WORDS = '"()'


def _in_phrase(words: list[str], i: int) -> bool:
    """Whether word `i` stands inside a closed quoted phrase ("ESF or NNS" in quotes)."""
    before = sum(w.count('"') for w in words[:i])
    return before % 2 == 1 and any('"' in w for w in words[i + 1 :])


# "varken … eller" and "antingen … eller" are Swedish, not a mistyped operator ("unga som
# varken arbetar eller studerar", the long form of UVAS).
_PAIRED_WITH = {"eller": {"varken", "antingen"}}

_BARE_DATE = re.compile(r"(?<![\w:.])(\d{4}-\d{2}-\d{2})(?![\w.])")


# "11 juni 2025", "juni 2025": a date or a month as Swedish writes it out.
_WRITTEN_DATE = re.compile(
    rf"(?<![\w:.])(?:(\d{{1,2}})\s+)?({'|'.join(MONTH_NAMES)})\s+(\d{{4}})(?![\w.])", re.IGNORECASE
)


# A date or year filter typed in the query (`search.query`'s names for them, in any case).
_TIME_FILTER = re.compile(r"(?<!\w)(?:datum|date|år|ar|year):", re.IGNORECASE)


# How a hint says that what it would point to is missing: from the index, or from what the
# search's filters leave of it (a meeting of 2025-06-11 in another förbund than the one asked).
_WITH_FILTERS = {False: "", True: " med sökningens filter"}


# "titel:budget", "kommun:halmstad": a name before a colon that is no filter, which the
# query reads as its words in a row (`search.query`); quoted values too ("titel:"a b"").
_NAMED_VALUE = re.compile(r'(?<![\w:/.])([^\W\d_]{3,20}):(?:"([^"]*)"|([^\W\d_][^\s()"]*))')


def field_hint(q: str) -> str | None:
    """For a search that found nothing: a hint when the query writes a filter that does not
    exist ("titel:budget", "kommun:halmstad"), which was searched as its words in a row
    and found nothing, and said nothing of why. Names the filters there are. An acronym's
    ending ("FK:s"), an address ("https:…") and a colon inside a quoted phrase are no such
    filter."""
    for m in _NAMED_VALUE.finditer(q):
        name, value = m.group(1), m.group(2) if m.group(2) is not None else m.group(3)
        if name.lower() in READ_NAMES or is_inflected_acronym(f"{name}:{value}"):
            continue
        if q[: m.start()].count('"') % 2 or not value.strip():
            continue  # inside a phrase the colon is the text's
        words = " ".join(f"{name.lower()} {value}".split())
        return (
            f"Det finns inget filter {name}:, så ”{m.group(0)}” söktes som orden ”{words}” i "
            "följd. Filtren är förbund:, år:, datum: och typ:."
        )
    return None


# "Försäkringskassan/Arbetsförmedlingen": two words joined by a slash, which the query
# reads as the words in a row (as "Landskrona/Svalöv" is written), not numbers ("2024/25").
_SLASHED = re.compile(r"(?<![\w/])([^\W\d_][\w-]*)/([^\W\d_][\w-]*)(?![\w/])")


def slash_hint(q: str, finds: Callable[[str], bool] | None = None) -> str | None:
    """For a search that found nothing: a hint when two words joined by a slash (read as
    the words in a row, "Försäkringskassan/Arbetsförmedlingen") found nothing, pointing to
    both words anywhere, or to either, as `finds` (with the search's filters) says one of
    them finds something, the rest of the query alike; the slash stands for "och/eller" in
    Swedish, and the text may name the two apart. Nothing is said of a slash in a quoted
    phrase."""
    for m in _SLASHED.finditer(q):
        if q[: m.start()].count('"') % 2:
            continue
        a, b = m.group(1), m.group(2)
        both, either = f"{a} {b}", f"{a} OR {b}"

        def found(instead: str, m: re.Match[str] = m) -> bool:  # the query, otherwise alike
            return finds is None or finds(q[: m.start()] + instead + q[m.end() :])

        if found(both):
            return (
                f"”{m.group(0)}” söktes som orden i följd. Skriv {both} för sektioner med båda "
                f"orden, eller {either} för något av dem."
            )
        if found(f"({either})"):
            return f"”{m.group(0)}” söktes som orden i följd. Skriv {either} för något av dem."
    return None


def date_hint(
    q: str,
    *,
    heads: bool = False,
    finds: Callable[[str], bool] | None = None,
    filtered: bool = False,
) -> str | None:
    """For a search that found nothing: a hint when the query has a date as a word, which is
    searched in the text, where the user may have meant the meeting's date; also one written
    out ("11 juni 2025"), and a month ("juni 2025"), which points to its days. A search of
    documents' `heads` is told to add a word of the head: a filter alone searches no head,
    and "datum:2025-06-11" typed there was only told to give a word. A query that has a
    date or year filter already ("11 juni 2025 datum:2025-06-11") is told nothing: it was
    told to add the filter it had. `finds` says whether the hinted query, with the search's
    own filters (`filtered`: it has some), finds anything: a filter that would find nothing
    either is not offered ("Skriv datum:2019-01-01." sent the reader to a second empty
    page); the hint then says that there are no meetings then."""
    found = None if _TIME_FILTER.search(q) else _date_filter(q)
    if found is None:
        return None
    when, written = found
    if finds is not None and not finds(written):
        days = written.removeprefix("datum:").replace("..", "–")
        return f"Söker du möten {when}? Inga möten {days} finns i indexet{_WITH_FILTERS[filtered]}."
    if heads:
        return (
            f"Söker du möten {when}? Skriv {written} tillsammans med ett ord ur huvudet, till "
            "exempel ett namn eller en mötesplats."
        )
    return f"Söker du möten {when}? Skriv {written}."


def _date_filter(q: str) -> tuple[str, str] | None:
    """The day or month a query writes as words (`date_hint`), as "den dagen" or "den
    månaden" and the `datum:` filter that finds its meetings."""
    if m := _BARE_DATE.search(q):
        return "den dagen", f"datum:{m.group(1)}"
    m = _WRITTEN_DATE.search(q)
    if m is None:
        return None
    # casefold, not lower: the case-blind match also takes "ſ" for "s" ("auguſti"), which
    # lower() keeps, and the month's lookup then raised on a user's query.
    year, month = int(m.group(3)), MONTH_NAMES.index(m.group(2).casefold()) + 1
    if year == 0:  # no year 0000 (`datum:` says so of its own)
        return None
    last = calendar.monthrange(year, month)[1]
    if m.group(1) is None:
        return "den månaden", (
            f"datum:{year:04d}-{month:02d}-01..{year:04d}-{month:02d}-{last:02d}"
        )
    if not 1 <= int(m.group(1)) <= last:
        return None
    return "den dagen", f"datum:{year:04d}-{month:02d}-{int(m.group(1)):02d}"


# "paragraf 47", "paragrafer 12-14", "paragraf 3 och 12": a § reference written out in words,
# as people say it. A later number of a list is no year ("paragraf 5 och 2024"), as in a query.
_PARAGRAPH_ITEM = r"\d{1,4}(?:\s*[-–]\s*\d{1,4})?"
_PARAGRAPH_LATER = rf"{PARAGRAPH_NUMBER_NO_YEAR}(?:\s*[-–]\s*{PARAGRAPH_NUMBER_NO_YEAR})?"
_PARAGRAPH_WORD = re.compile(
    rf"(?<![\w§])paragraf(?:en|erna|er)?\s+({_PARAGRAPH_ITEM}"
    rf"(?:\s*(?:,|&|\boch\b)\s*{_PARAGRAPH_LATER})*)(?![\w§])",
    re.IGNORECASE,
)
_PARAGRAPH_NUMBERS = re.compile(r"(\d+)(?:\s*[-–]\s*(\d+))?")


def paragraph_word_hint(
    q: str,
    *,
    heads: bool = False,
    finds: Callable[[str], bool] | None = None,
    filtered: bool = False,
) -> str | None:
    """For a search that found nothing: a hint when the query writes a § reference out in
    words ("paragraf 47"), which searches the word and the number in the text, where the
    user most likely meant the paragraph itself ("§ 47"). A search of documents' `heads` is
    told to write it among the search's hits: a head has no §, and "§ 47" typed there was
    only told so. No § 0 or Mål 0 exists ("paragraf 0" got "Skriv § 0."): no hint for it.
    `finds` says whether the hinted query, with the search's own filters (`filtered`: it
    has some), finds anything: a reference no paragraph has ("paragraf 99") is not offered,
    and the hint says that none has the number."""
    m = _PARAGRAPH_WORD.search(q)
    if m is None:
        return None
    items = [(int(a), int(b) if b else None) for a, b in _PARAGRAPH_NUMBERS.findall(m.group(1))]
    if any(0 in item for item in items):
        return None
    first, last = items[0]
    # A list ("paragraf 3 och 12") was named by its first number alone.
    ask, written = (
        ("paragrafen med det numret", f"§ {first}")
        if last is None and len(items) == 1
        else (
            "paragraferna med de numren",
            "§§ " + ", ".join(f"{a}-{b}" if b else str(a) for a, b in items),
        )
    )
    if finds is not None and not finds(written):
        number = "det numret" if ask.startswith("paragrafen ") else "något av de numren"
        return (
            f"Söker du {ask}? Ingen paragraf med {number} finns i indexet{_WITH_FILTERS[filtered]}."
        )
    if heads:
        return (
            f"Söker du {ask}? Sök {written} bland sökningens träffar: dokumentens huvud "
            "(titel, plats, närvarande) har inga paragrafer."
        )
    return f"Söker du {ask}? Skriv {written}."


def reference_hint(tree: Node | None, *, heads: bool = False) -> str | None:
    """For a search that found nothing: a hint when the query names one § or Mål ("§39"),
    which matches the section with that number, where the user may have wanted the places
    in the text that refer to it ("enligt §39"). Those are found as a phrase. A search of
    documents' `heads` (title, place, attendance) has no § or Mål at all: it is told to look
    among the search's hits instead, where it had been told that no § 47 matched, of an index
    that had one."""
    if heads:
        return _heads_reference_hint(_references(tree, ranges=True))
    found = _references(tree)
    if not found:
        return None
    named = list(dict.fromkeys(describe(node) for node in found))
    if len(named) > 1:
        # A list ("§ 3, 12") was named by its first number alone.
        phrases = " OR ".join(f'"{name}"' for name in named)
        return (
            f"Ingen av {listed(named)} matchar sökningen. Hänvisningar till dem i texten hittas "
            f"inom citattecken: {phrases}."
        )
    node = found[0]
    which = "Inget mål" if node.goal else "Ingen paragraf"
    return (
        f"{which} med numret {node.first} matchar sökningen. Hänvisningar till den i texten hittas "
        f'inom citattecken: "{describe(node)}".'
    )


def _heads_reference_hint(found: list[Paragraph]) -> str | None:
    """The heads' hint of `reference_hint`, naming every reference the query asks for: a
    range ("§§ 12-14") found nothing over heads and was told nothing, and a list ("§ 3, 12")
    was named by its first number alone."""
    if not found:
        return None
    goals = [node.goal for node in found]
    which = "mål" if all(goals) else "paragrafer eller mål" if any(goals) else "paragrafer"
    named = listed(list(dict.fromkeys(describe(node) for node in found)))
    return (
        f"Dokumentens huvud (titel, plats, närvarande) har inga {which}: sök {named} bland "
        "sökningens träffar i stället."
    )


def _references(tree: Node | None, *, ranges: bool = False) -> list[Paragraph]:
    """The single-number references the query asks for (not those it excludes); with
    `ranges`, also those of several numbers ("§§ 12-14")."""
    if isinstance(tree, Paragraph):
        return [tree] if ranges or tree.first == tree.last else []
    if isinstance(tree, And | Or):
        return [p for child in tree.children for p in _references(child, ranges=ranges)]
    return []


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
            with self._active_lock:
                self._active += 1
                alone = self._active == 1
            try:
                facets = (
                    self._facet_pool.submit(self._facets, searcher, compiled.query)
                    if alone
                    else None
                )
                highlighter = _highlighter(compiled, self.lexicon)
                result["hits"] = self._hits(searcher, compiled, params, highlighter)
                if compiled.heads is not None and params.offset == 0:
                    result["documents"], result["documents_total"] = self._best_heads(
                        searcher, compiled.heads, compiled, highlighter
                    )
                # The facets count every match (`match_total`): the hit list need not count
                # them again (which would cost tantivy a full pass).
                result["facets"], result["facets_missing"], result["total"] = (
                    facets.result() if facets else self._facets(searcher, compiled.query)
                )
            finally:
                with self._active_lock:
                    self._active -= 1

        if compiled.words and result["total"] == result["documents_total"] == 0:
            # only a search that found nothing, neither sections nor documents
            suggestion = suggest(searcher, params.q, compiled.words)
            if suggestion is not None and self._finds_something(searcher, params, suggestion):
                result["suggestion"] = suggestion
        return self._finish(result, parsed, started)

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
            highlighter = replace(_highlighter(compiled, self.lexicon), memo={}, scan=True)
            every = replace(params, offset=0, limit=max_hits)
            ranked = _ranked(searcher, compiled.query, every, by_date=_by_date(compiled, params))
            only = _decisions_only(compiled)
            met = self._met(searcher, compiled, ranked)
            result["hits"] = [
                _hit(
                    payload,
                    score,
                    highlighter,
                    title_html=False,
                    decisions_only=only,
                    met=_met_of(met, payload),
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
        return _highlighter(self.compiler.compile(parsed or parse(q)), self.lexicon)

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
        ranked = _ranked(searcher, compiled.query, params, by_date=_by_date(compiled, params))
        only = _decisions_only(compiled)
        met = self._met(searcher, compiled, ranked)
        return [
            _hit(payload, score, highlighter, decisions_only=only, met=_met_of(met, payload))
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
        ids = [_record_id(payload) for _, payload in ranked]
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
        best = _ranked(searcher, query, SearchParams(limit=DOCUMENTS_SHOWN), by_date=False)
        met = self._met(searcher, compiled, best)
        heads = [
            _head(payload, score, highlighter, _met_of(met, payload)) for score, payload in best
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
            highlighter = _highlighter(compiled, self.lexicon)
            ranked = _ranked(searcher, compiled.heads, params, by_date=params.sort == "date")
            met = self._met(searcher, compiled, ranked)
            result["documents"] = [
                _head(payload, score, highlighter, _met_of(met, payload))
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

            hints = [
                field_hint(result["query"]),
                operator_hint(result["query"], abbreviations=self.compiler.abbreviations),
                date_hint(result["query"], heads=heads, finds=finds, filtered=filtered),
                paragraph_word_hint(result["query"], heads=heads, finds=finds, filtered=filtered),
                slash_hint(result["query"], finds=finds),
                reference_hint(parsed.tree, heads=heads),
            ]
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


def _ranked(
    searcher: tantivy.Searcher, query: tantivy.Query, params: SearchParams, *, by_date: bool
) -> list[tuple[float | None, dict]]:
    """One page of (score, payload) pairs, in an order that is the same for every page and
    every page size.

    By relevance: score, then the newer meeting, then document and place in it; by date (the
    score is then None): date, then document and place. tantivy orders equal scores (or
    dates) its own way, so the page is widened to every hit that ties with its first or last
    one, those are ordered by the full key, and the page is cut from them: a tie across a
    page boundary neither repeats a hit on the next page nor drops one. A run of more than
    `_MAX_TIED` equal keys keeps tantivy's order, on the page too, so a constant-score search
    never loads thousands of records; it used to be ordered within each page, which put a hit
    at another place for `limit=10` than for `limit=100`.
    """
    start, end = params.offset, params.offset + params.limit
    # One fetch covers the page and a run of `_MAX_TIED` ties after it: a search costs about
    # the same for 20 hits as for 120, and a run that reaches the fetch's end is too long to
    # order anyway.
    hits = _keyed_hits(searcher, query, end + _MAX_TIED + 1, by_date)
    if len(hits) <= start:
        return []
    long_runs = _long_runs(hits)
    lo, hi = _tied_edges(hits, start, end, long_runs)
    window = [
        (key, at, payload_of(searcher.doc(address)))
        for at, (key, address) in enumerate(hits[lo:hi], start=lo)
    ]
    order = _date_order if by_date else _score_order
    # The key first (a date as tantivy holds it), then within equal keys the full order, or
    # for a long run tantivy's (the position in `hits`).
    window.sort(key=lambda hit: (-hit[0], hit[1] if hit[0] in long_runs else order(hit)))
    page = window[start - lo : start - lo + params.limit]
    return [(None if by_date else key, payload) for key, _, payload in page]


def _long_runs(hits: list[tuple[float, tantivy.DocAddress]]) -> set[float]:
    """The keys shared by more than `_MAX_TIED` of `hits`. Whether a run is long does not hang
    on the page: `hits` reach `_MAX_TIED` + 1 past the page, so a run that touches the page
    and is no longer than that ends within them, and a longer one is seen as long."""
    counts: dict[float, int] = {}
    for key, _ in hits:
        counts[key] = counts.get(key, 0) + 1
    return {key for key, count in counts.items() if count > _MAX_TIED}


def _tied_edges(
    hits: list[tuple[float, tantivy.DocAddress]], start: int, end: int, long_runs: set[float]
) -> tuple[int, int]:
    """The page [start, end) widened to every hit whose key ties with its first or last hit,
    unless that key's run is one of `long_runs` (kept in tantivy's order, never loaded)."""
    lo, hi = start, min(end, len(hits))
    if hits[start][0] not in long_runs:
        while lo > 0 and hits[lo - 1][0] == hits[start][0]:
            lo -= 1
    if hits[hi - 1][0] not in long_runs:
        while hi < len(hits) and hits[hi][0] == hits[hi - 1][0]:
            hi += 1
    return lo, hi


def _by_date(compiled: Compiled, params: SearchParams) -> bool:
    """Whether to list by date: when asked, and when nothing in the query scores (filters, §
    numbers, negations only), where every hit ties and newest first is the only order."""
    return params.sort == "date" or not (compiled.words or compiled.phrases or compiled.prefixes)


def _keyed_hits(
    searcher: tantivy.Searcher, query: tantivy.Query, limit: int, by_date: bool
) -> list[tuple[float, tantivy.DocAddress]]:
    """The first `limit` hits as (key, address), the key being the score rounded to what a
    hit shows, or the date."""
    if by_date:
        found = searcher.search(
            query, limit, count=False, order_by_field="date", order=tantivy.Order.Desc
        )
        hits = [(key or 0, address) for key, address in found.hits]
    else:
        found = searcher.search(query, limit, count=False)
        hits = [(round(score, 4), address) for score, address in found.hits]
    return hits


def _score_order(hit: tuple[float, int, dict]) -> tuple:
    """Higher score first; equal scores: the newer meeting, then the protocol's order."""
    key, _, payload = hit
    return (-key, _neg_date(payload["date"]), payload["doc_id"], payload.get("ordinal", 0))


def _date_order(hit: tuple[float, int, dict]) -> tuple:
    """Newer meeting first; one meeting's sections in the protocol's order."""
    _, _, payload = hit
    return (_neg_date(payload["date"]), payload["doc_id"], payload.get("ordinal", 0))


# The analysis memo a server keeps for marking snippets, in entries (about 30 MB), and as many
# compound splits (about 28 MB more, measured on the benchmark corpus): each text a snippet is
# cut from adds its chunks and words, and a server that stays up meets ever new texts. The
# indexer's own limit (`index.lexicon.CACHE_LIMIT`) would let each worker grow by some 180 MB.
SERVING_CACHE_LIMIT = 100_000


def _serving(lexicon: Lexicon) -> Lexicon:
    lexicon.cache_limit = SERVING_CACHE_LIMIT
    return lexicon


def _highlighter(compiled: Compiled, lexicon: Lexicon) -> Highlighter:
    """The query's highlighter; each hit marks with its own (`Highlighter.within`), which
    leaves out the alternatives the hit does not hold (`Compiled.marks`)."""
    return Highlighter.for_words(
        compiled.words,
        compiled.phrases,
        prefixes=compiled.prefixes,
        lexicon=lexicon,
        marks=compiled.marks,
    )


def _neg_date(value: str | None) -> int:
    return -int(value.replace("-", "")) if value else 0


_DOCUMENT_FIELDS = ("doc_id", "source", "forbund", "forbund_slug", "date", "kind")
# What a link to a document's head adds to its query so that the document page shows the head
# unfolded (`web.pages.HEAD_PARAM`, read there as "1").
HEAD_QUERY = "huvud=1"


def _decisions_only(compiled: Compiled) -> bool:
    """Whether the search looked in decision text alone (`typ:beslut`, `kind=decision`)."""
    return compiled.zones == ("decision",)


def _record_id(payload: dict) -> str:
    """The id of a hit's or a head's record (a head's payload has none of its own)."""
    return payload.get("id") or f"{payload['doc_id']}-{payload['anchor']}"


def _met_of(met: dict[str, frozenset[int]] | None, payload: dict) -> frozenset[int] | None:
    """The conditions the record of `payload` meets (`Engine._met`); None: not asked."""
    return None if met is None else met.get(_record_id(payload), frozenset())


def _hit(
    payload: dict,
    score: float | None,
    highlighter: Highlighter,
    *,
    title_html: bool = True,
    decisions_only: bool = False,
    met: frozenset[int] | None = None,
) -> dict:
    """A hit as the contract has it. `title_html` False leaves out the marked title, which a
    page shows and a download (`Engine.all_hits`) does not. A search of `decisions_only`
    shows a decision (`section_snippet`). `met`: the query's conditions the hit meets
    (`Engine._met`)."""
    decisions = [d["text"] for d in payload["decisions"]]
    # Marked by what this hit holds of the query: the texts its search read.
    searched = decisions if decisions_only else [payload["title"], *decisions, payload["text"]]
    highlighter = highlighter.within(searched, met)
    snip = section_snippet(payload["text"], decisions, highlighter, decisions_only=decisions_only)
    hit = {
        "id": payload["id"],
        **{name: payload[name] for name in _DOCUMENT_FIELDS},
        "label": payload["label"],
        "number": payload["number"],
        "title": payload["title"],
        # The title as safe HTML with the query's words marked, as in the snippet: a section
        # found by its title alone shows why it was found.
        "title_html": mark_all(payload["title"], highlighter) if title_html else None,
        "snippet": snip.html,
        "decision": snip.in_decision,
        "score": round(score, 4) if score is not None else None,
        "url": f"/doc/{payload['doc_id']}#{payload['anchor']}",
        "page": payload["page"],
        # The last page the section is on, and the page the snippet's first match is on, which
        # a link to the original opens (`search.pages`). An index made before page_end was
        # kept has the start alone.
        "page_end": payload.get("page_end", payload["page"]),
        "match_page": match_page(payload, snip),
        "doc_title": payload["doc_title"],
        # Whether another section of its meeting has its label: its citation then names its
        # title (`search.answer.citation`). An index made before the flag was kept has none.
        "label_repeats": payload.get("label_repeats", False),
    }
    return _with_source_url(hit, payload)


def _head(
    payload: dict, score: float | None, highlighter: Highlighter, met: frozenset[int] | None = None
) -> dict:
    """A document whose head matches, in the shape of a hit without section fields. Its
    `url` asks for the head unfolded (`HEAD_QUERY`): the server never sees the anchor, and
    without JavaScript a bare "#huvud" opened the document with its head folded away. `met`
    as for `_hit`."""
    highlighter = highlighter.within((payload["title"], payload["text"]), met)
    head = {
        **{name: payload[name] for name in _DOCUMENT_FIELDS},
        "title": payload["title"],
        "snippet": section_snippet(payload["text"], (), highlighter).html,
        "score": round(score, 4) if score is not None else None,
        "url": f"/doc/{payload['doc_id']}?{HEAD_QUERY}#{payload['anchor']}",
    }
    return _with_source_url(head, payload)


def _with_source_url(answer: dict, payload: dict) -> dict:
    """A crawled file's original address, where it has one (the field is absent otherwise)."""
    if url := website_url(payload.get("source_url")):
        answer["source_url"] = url
    return answer


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


def website_url(url: str | None) -> str | None:
    """`url` when it is a web address (http or https, with a host), else None. The indexer
    accepts no other, but an index may come from an older Finsök or a hand-edited record,
    and a `javascript:` address must never become a link. The indexer's own check decides."""
    return url if url and source_url_problem(url) is None else None
