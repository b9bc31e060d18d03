"""The Whoosh baseline that `bench.run` measures Finsök against.

The comparison is meant to isolate the search engine, so everything around it is shared:

- Files are read and parsed by Finsök's own pipeline (`index.sources.read_source`,
  `index.parse.parse_source`, the same `Registry`), so parsing costs the same on both sides.
- Words are found and stemmed by `index.analysis` (`positioned_words`, `stem`, `STOPWORDS`) inside
  a Whoosh tokenizer, so both engines index the same Swedish stems at the same positions and the
  highlighter re-analyses stored text the same way. Stopwords are kept as their lower-case form
  (Finsök keeps them as exact terms) so phrases containing them match. Whoosh indexes one term per
  word; Finsök indexes up to four (exact, stem, compound parts, folded), so Whoosh does *less*
  analysis work here: the ingest ratio is conservative for Finsök.
- Queries are read by Finsök's parser (`search.query.parse`) and abbreviations are expanded by
  Finsök's compiler, then mapped to Whoosh queries: a word is an OR of its stem over title,
  decisions and body (boosted 3/2/1 as in Finsök), a phrase is a Whoosh `Phrase` of stems, a
  prefix a Whoosh `Prefix`, `-x` an `AndNot`, filters are field terms or term ranges, and
  `typ:beslut` searches only the decisions field. Finsök's proximity bonus, compound-part and
  diacritic-free matching and "did you mean" have no Whoosh counterpart here: Whoosh does less.
- A search returns the top 10 hits with a highlighted snippet (`Hit.highlights`) and facet
  counts for förbund, year and kind (`groupedby` with `sorting.Count`), as Finsök's does.

One Whoosh document per section. The writer runs with `WRITER_SETTINGS` and commits once at the
end (fewer, larger segments than Finsök's commit every 400 files: again in Whoosh's favour). The
searcher is opened once and reused, while Finsök takes a fresh searcher per search.
"""

from __future__ import annotations

import functools
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import sorting
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, STORED, TEXT, Schema

from index import analysis
from index.discover import discover
from index.errors import FinsokError
from index.ingest import Summary
from index.metadata import Registry
from index.parse import parse_source
from index.sources import read_source
from index.synonyms import load_abbreviations
from search.compile import ZONE_WEIGHT, Compiled, Compiler, _OneOf
from search.query import And, Filters, Node, Not, Or, Paragraph, Phrase, Word, parse
from search.snippets import ELLIPSIS

# Documented in the report: the writer's memory and process settings.
WRITER_SETTINGS = {"limitmb": 256, "procs": 1, "multisegment": False, "commits": "one, at the end"}
FACETS = ("forbund", "year", "kind")
SNIPPET_CHARS = 240
# Finsök's zones and their Whoosh field names.
ZONE_FIELDS = {"title": "title", "decision": "decisions", "body": "body"}

Progress = Callable[[int, int], None]


# -- analysis ----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=262_144)
def word_term(surface: str) -> str:
    """The one term Whoosh indexes for a hyphen-free word: its stem, or a stopword itself.

    Cached per distinct surface word, as Finsök's analyser caches its term plans.
    """
    lower = surface.lower()
    if lower in analysis.STOPWORDS:
        return lower
    return analysis.stem(surface)


def query_term(surface: str) -> str | None:
    """The term a query word looks up; None for a stopword (not searchable alone, as in Finsök)."""
    if surface.lower() in analysis.STOPWORDS:
        return None
    return word_term(surface)


class SwedishStemTokenizer(Tokenizer):
    """A Whoosh tokenizer that yields Finsök's stems with Finsök's positions and offsets.

    Hyphenated words become their parts at successive positions (`positioned_words`), so "ESF"
    finds "ESF-projekten" as in Finsök. Offsets are character offsets into the input, which is
    what Whoosh's highlighter needs to mark the original words in stored text.
    """

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__

    def __hash__(self) -> int:
        return hash(self.__class__)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, word in analysis.positioned_words(value):
            token.text = word_term(word.text)
            if keeporiginal:
                token.original = word.text
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + word.start
                token.endchar = start_char + word.end
            yield token


def build_schema() -> Schema:
    """One document per section: facet/filter keys, three searchable zones, stored display text."""
    analyzer = SwedishStemTokenizer()
    return Schema(
        id=ID(stored=True, unique=False),
        source=STORED(),
        label=STORED(),
        forbund=ID(stored=True, sortable=True),
        kind=ID(stored=True, sortable=True),
        date=ID(stored=True, sortable=True),
        year=ID(stored=True, sortable=True),
        title=TEXT(analyzer=analyzer, stored=True, phrase=True),
        decisions=TEXT(analyzer=analyzer, stored=True, phrase=True),
        body=TEXT(analyzer=analyzer, stored=True, phrase=True),
    )


# -- ingest ------------------------------------------------------------------------------------


@dataclass
class WhooshSummary:
    """What `build_index` did; the same figures as Finsök's ingest `Summary`."""

    files: int = 0
    sections: int = 0
    bytes: int = 0
    seconds: float = 0.0
    commit_seconds: float = 0.0
    failed: list[tuple[str, str]] = field(default_factory=list)


def corpus_files(corpus: Path) -> list[Path]:
    """Supported files under `corpus`, exactly as Finsök's ingest finds them."""
    return discover([corpus], Summary())


def subset(files: list[Path], wanted: int) -> list[Path]:
    """Every k-th file, so a subset spans all förbund and years like the whole corpus does."""
    if wanted >= len(files):
        return files
    step = len(files) / wanted
    return [files[int(i * step)] for i in range(wanted)]


def build_index(
    files: list[Path], index_dir: Path, *, progress: Progress | None = None
) -> WhooshSummary:
    """Parse `files` with Finsök's parser and index every section into a fresh Whoosh index."""
    started = time.perf_counter()
    summary = WhooshSummary()
    if index_dir.exists():
        shutil.rmtree(index_dir)
    index_dir.mkdir(parents=True)
    ix = whoosh_index.create_in(str(index_dir), build_schema())
    writer = ix.writer(limitmb=WRITER_SETTINGS["limitmb"], procs=WRITER_SETTINGS["procs"])
    registry = Registry.default()
    try:
        for n, path in enumerate(files, start=1):
            _add_file(writer, path, n, registry, summary)
            if progress and (n % 500 == 0 or n == len(files)):
                progress(n, len(files))
        committing = time.perf_counter()
        writer.commit()
        summary.commit_seconds = time.perf_counter() - committing
    except BaseException:
        writer.cancel()
        raise
    summary.seconds = time.perf_counter() - started
    return summary


def _add_file(writer, path: Path, number: int, registry: Registry, summary: WhooshSummary) -> None:
    """Read, parse and add one file's sections; a broken file is recorded, as Finsök does."""
    try:
        src = read_source(path)
        doc = parse_source(src, registry)
    except FinsokError as exc:
        summary.failed.append((str(path), exc.message))
        return
    summary.files += 1
    summary.bytes += path.stat().st_size
    for ordinal, section in enumerate(doc.sections, start=1):
        writer.add_document(
            id=f"{number}-{ordinal}",
            source=doc.source,
            label=section.label,
            forbund=doc.forbund_slug or "",
            kind=doc.kind,
            date=doc.date or "",
            year=(doc.date or "")[:4],
            title=section.title or "",
            decisions="\n".join(d.text for d in section.decisions),
            body=section.text,
        )
        summary.sections += 1


# -- search ------------------------------------------------------------------------------------


class WhooshSearch:
    """An open Whoosh index with one long-lived searcher (Whoosh searchers are costly to open)."""

    def __init__(self, index_dir: Path) -> None:
        self.ix = whoosh_index.open_dir(str(index_dir))
        self.searcher = self.ix.searcher()
        self.expander = Compiler(None, load_abbreviations())  # only its abbreviation expansion
        self.facets = {name: sorting.FieldFacet(name, maptype=sorting.Count) for name in FACETS}

    def close(self) -> None:
        self.searcher.close()

    def search(self, q: str, limit: int = 10) -> dict:
        """Top hits with snippets, total count and facet counts, shaped like Finsök's answer."""
        query = self.compile(q)
        if query is None:
            return {"query": q, "total": 0, "hits": [], "facets": {}}
        results = self.searcher.search(query, limit=limit, groupedby=self.facets)
        # With groupedby, Whoosh keeps every match in the results: take the top `limit` only.
        hits = [_hit(hit) for hit in results[:limit]]
        facets = {name: dict(results.groups(name)) for name in FACETS}
        return {"query": q, "total": len(results), "hits": hits, "facets": facets}

    def compile(self, q: str) -> wq.Query | None:
        """Finsök's parse and abbreviation expansion, then a Whoosh query tree."""
        parsed = parse(q)
        zones = ("decisions",) if parsed.filters.decisions_only else tuple(ZONE_FIELDS.values())
        clauses = _filters(parsed.filters)
        if parsed.tree is not None:
            tree = self.expander._expand(parsed.tree, Compiled(None))
            text = _node(tree, zones)
            if text is None:
                return None
            clauses.append(text)
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else wq.And(clauses)


def _filters(f: Filters) -> list[wq.Query]:
    out: list[wq.Query] = []
    if f.forbund:
        out.append(_any([wq.Term("forbund", slug) for slug in f.forbund]))
    if f.kinds:
        out.append(_any([wq.Term("kind", kind) for kind in f.kinds]))
    if f.year_from is not None or f.year_to is not None:
        start = str(f.year_from) if f.year_from is not None else None
        end = str(f.year_to) if f.year_to is not None else None
        out.append(wq.Term("year", start) if start == end else wq.TermRange("year", start, end))
    if f.date_from is not None or f.date_to is not None:
        start = f.date_from.isoformat() if f.date_from else None
        end = f.date_to.isoformat() if f.date_to else None
        out.append(wq.TermRange("date", start, end))
    return out


def _node(node: Node, zones: tuple[str, ...]) -> wq.Query | None:
    if isinstance(node, Paragraph):
        # The baseline's schema has no § numbers, and the benchmark's queries use none.
        raise ValueError("the Whoosh baseline does not map § queries")
    if isinstance(node, Word):
        return _word(node, zones)
    if isinstance(node, Phrase):
        return _phrase(node.text, zones)
    if isinstance(node, Not):
        child = _node(node.child, zones)
        return wq.Not(child) if child is not None else None
    # An abbreviation's other forms (`_OneOf`, made by Finsök's compiler) are alternatives:
    # read as the And below, "ESF" required both "europeisk socialfond" and "socialfond".
    if isinstance(node, Or | _OneOf):
        parts = [q for c in node.children if (q := _node(c, zones)) is not None]
        return _any(parts) if parts else None
    return _and(node, zones)


def _and(node: And, zones: tuple[str, ...]) -> wq.Query | None:
    positive, negative = [], []
    for child in node.children:
        if isinstance(child, Not):
            q = _node(child.child, zones)
            if q is not None:
                negative.append(q)
        elif (q := _node(child, zones)) is not None:
            positive.append(q)
    if not positive:
        if not negative:
            return None
        positive = [wq.Every()]
    base = positive[0] if len(positive) == 1 else wq.And(positive)
    return wq.AndNot(base, _any(negative)) if negative else base


def _word(word: Word, zones: tuple[str, ...]) -> wq.Query | None:
    pieces = analysis.positioned_words(word.text)
    if not pieces:
        return None
    if word.prefix:
        lowered = pieces[0][1].text.lower()
        return _any([wq.Prefix(f, lowered, boost=_weight(f)) for f in zones])
    if len(pieces) > 1:  # "ESF-projekt", "Landskrona/Svalöv": a phrase, as in Finsök
        return _phrase(word.text, zones)
    term = query_term(pieces[0][1].text)
    if term is None:
        return None
    return _any([wq.Term(f, term, boost=_weight(f)) for f in zones])


def _phrase(text: str, zones: tuple[str, ...]) -> wq.Query | None:
    terms = [word_term(w.text) for _, w in analysis.positioned_words(text)]
    if not terms:
        return None
    if len(terms) == 1:
        return _any([wq.Term(f, terms[0], boost=_weight(f)) for f in zones])
    return _any([wq.Phrase(f, terms, boost=_weight(f)) for f in zones])


def _weight(fieldname: str) -> float:
    zone = next(z for z, f in ZONE_FIELDS.items() if f == fieldname)
    return ZONE_WEIGHT[zone]


def _any(queries: list[wq.Query]) -> wq.Query:
    return queries[0] if len(queries) == 1 else wq.Or(queries)


def _hit(hit) -> dict:
    """A hit with a highlighted snippet: body first, then decisions, else the body's start."""
    snippet = hit.highlights("body") or hit.highlights("decisions")
    if not snippet:
        body = hit.get("body", "")
        snippet = body[:SNIPPET_CHARS] + (ELLIPSIS if len(body) > SNIPPET_CHARS else "")
    return {
        "id": hit["id"],
        "source": hit["source"],
        "forbund_slug": hit.get("forbund"),
        "date": hit.get("date"),
        "kind": hit.get("kind"),
        "label": hit.get("label"),
        "title": hit.get("title"),
        "snippet": snippet,
        "score": round(hit.score, 4) if hit.score is not None else None,
    }
