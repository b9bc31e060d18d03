"""The order of a search's hits, and the page cut from it: the same order for every page and
every page size, ties included.

Apart from `search.engine` because it is one rule with its own subtlety (tantivy orders equal
scores its own way, so a page's edges are widened to their ties and put in full order) and
needs nothing of the engine but a searcher and a query. `ranked_page` is called once per
search; the loops here run over one page and its ties.
"""

from __future__ import annotations

import tantivy

from index.store import payload_of
from search.params import SearchParams

# The longest run of equal scores (or dates) at a page's edge that is put in full order; a
# longer one (boilerplate that every protocol repeats, a prefix matching thousands of words)
# is not loaded whole. Ordering a run means loading each record (about 30 µs), so 100 costs
# some 3 ms at most; tantivy's own order, by address, is stable from page to page beyond it.
_MAX_TIED = 100


def ranked_page(
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


def _neg_date(value: str | None) -> int:
    return -int(value.replace("-", "")) if value else 0
