"""Counting a query's matches per förbund and per year, beside the sections in scope.

A researcher compares förbund of different sizes by hits per 100 sections, so every count comes
with its denominator: the number of sections the same filters admit without the query's words
(with no filters: every indexed section). A rate is then never diluted by sections a filter
excluded, and always lies between 0 and 100. `Engine.compare_cells` is the entry point; the
web layer turns a `Comparison` into rows, rates, charts and CSV.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import tantivy

from index.schema import REC_SECTION
from index.store import count_matches
from search.compile import Compiler
from search.query import Filters, ParsedQuery

# (förbund slug, or None for sections without a förbund; year as "2024", or None when undated)
Cell = tuple[str | None, str | None]

# Enough buckets for every förbund and every year an index can hold: a bucket cut off would
# move its matches to the None cells and misplace them.
_CELL_AGGS = {
    "forbund": {
        "terms": {"field": "forbund_slug", "size": 500},
        "aggs": {"year": {"terms": {"field": "year", "size": 1000}}},
    },
    "year": {"terms": {"field": "year", "size": 1000}},
}


def heads_only_notice(documents: int) -> str:
    """Why a comparison of zeros is not "never mentioned": the query is in `documents`
    documents' heads (title, place, attendance), which hold no section and are not counted."""
    many = f"{documents:,}".replace(",", "\u00a0") if documents >= 10_000 else str(documents)
    return (
        f"Frågan finns inte i någon sektion, bara i huvudet på {many} dokument, och huvudet "
        "(titel, plats, närvaro) räknas inte i jämförelsen. Sökningens sida (Visa träffarna) "
        "listar dokumenten under ”Dokument vars huvud matchar”."
    )


class Count(NamedTuple):
    """Matches and the sections in scope, for one cell or a sum of cells."""

    hits: int
    sections: int


@dataclass(frozen=True)
class Comparison:
    """A query counted per (förbund, year) cell. `sections` holds every cell in scope, `hits`
    only those with matches; both add up exactly to their totals, since sections without a
    förbund or a date are counted in cells keyed None. `counted` is False when the query had
    no words to count (empty, or filters alone): then both are empty. `notices` are the
    query's own notices and, for a förbund filter naming a förbund without documents, why
    its row is missing."""

    hits: dict[Cell, int] = field(default_factory=dict)
    sections: dict[Cell, int] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    counted: bool = False

    @property
    def total(self) -> Count:
        return Count(sum(self.hits.values()), sum(self.sections.values()))

    def cells(self) -> dict[Cell, Count]:
        """Every cell in scope with its matches (0 included)."""
        return {cell: Count(self.hits.get(cell, 0), n) for cell, n in self.sections.items()}

    def per_forbund(self) -> dict[str | None, Count]:
        """The cells summed per förbund (None: sections without one)."""
        return self._summed(lambda cell: cell[0])

    def per_year(self) -> dict[str | None, Count]:
        """The cells summed per year (None: undated sections)."""
        return self._summed(lambda cell: cell[1])

    def _summed(self, key: Callable[[Cell], str | None]) -> dict[str | None, Count]:
        sums: dict[str | None, list[int]] = defaultdict(lambda: [0, 0])
        for cell, count in self.cells().items():
            sums[key(cell)][0] += count.hits
            sums[key(cell)][1] += count.sections
        return {k: Count(*v) for k, v in sums.items()}


def scope_query(compiler: Compiler, filters: Filters) -> tantivy.Query:
    """Every section the filters admit, whatever the words (all sections without filters)."""
    scope = compiler.compile(ParsedQuery(None, filters)).query
    if scope is None:
        scope = tantivy.Query.term_query(compiler.schema, "rec", REC_SECTION)
    return scope


def count_cells(searcher: tantivy.Searcher, query: tantivy.Query) -> dict[Cell, int]:
    """Matches of `query` per (förbund, year), exact, and only cells with matches: a match
    without a förbund or a date is counted in a cell keyed None, so the cells always add up to
    the query's total."""
    raw = searcher.aggregate(query, _CELL_AGGS)
    cells: dict[Cell, int] = {}
    for bucket in raw.get("forbund", {}).get("buckets", []):
        slug = bucket["key"]
        years = {_year(y["key"]): y["doc_count"] for y in bucket["year"]["buckets"]}
        cells.update({(slug, year): n for year, n in years.items()})
        cells[(slug, None)] = bucket["doc_count"] - sum(years.values())
    for bucket in raw.get("year", {}).get("buckets", []):
        year = _year(bucket["key"])
        known = sum(n for (slug, y), n in cells.items() if y == year)
        cells[(None, year)] = bucket["doc_count"] - known
    cells[(None, None)] = count_matches(searcher, query) - sum(cells.values())
    return {cell: n for cell, n in cells.items() if n > 0}


def _year(key: object) -> str:
    """A year bucket's key (a number, possibly a float) as the year's text: "2024"."""
    return str(int(key))
