"""A ranked record as the answer shows it: a section as the contract's hit, a document's head
as a hit without section fields, each with its snippet marked by what that record holds of
the query.

Apart from `search.engine` because it only reads a record's stored payload: nothing here
searches. The engine ranks, then calls `hit_of` or `head_of` once per record of the page.
"""

from __future__ import annotations

from index.archive import source_url_problem
from index.lexicon import Lexicon
from search.compile import Compiled
from search.pages import match_page
from search.snippets import Highlighter, mark_all, section_snippet


def query_highlighter(compiled: Compiled, lexicon: Lexicon) -> Highlighter:
    """The query's highlighter; each hit marks with its own (`Highlighter.within`), which
    leaves out the alternatives the hit does not hold (`Compiled.marks`)."""
    return Highlighter.for_words(
        compiled.words,
        compiled.phrases,
        prefixes=compiled.prefixes,
        lexicon=lexicon,
        marks=compiled.marks,
    )


_DOCUMENT_FIELDS = ("doc_id", "source", "forbund", "forbund_slug", "date", "kind")
# What a link to a document's head adds to its query so that the document page shows the head
# unfolded (`web.pages.HEAD_PARAM`, read there as "1").
HEAD_QUERY = "huvud=1"


def searched_decisions_only(compiled: Compiled) -> bool:
    """Whether the search looked in decision text alone (`typ:beslut`, `kind=decision`)."""
    return compiled.zones == ("decision",)


def record_id(payload: dict) -> str:
    """The id of a hit's or a head's record (a head's payload has none of its own)."""
    return payload.get("id") or f"{payload['doc_id']}-{payload['anchor']}"


def met_of(met: dict[str, frozenset[int]] | None, payload: dict) -> frozenset[int] | None:
    """The conditions the record of `payload` meets (`Engine._met`); None: not asked."""
    return None if met is None else met.get(record_id(payload), frozenset())


def hit_of(
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


def head_of(
    payload: dict, score: float | None, highlighter: Highlighter, met: frozenset[int] | None = None
) -> dict:
    """A document whose head matches, in the shape of a hit without section fields. Its
    `url` asks for the head unfolded (`HEAD_QUERY`): the server never sees the anchor, and
    without JavaScript a bare "#huvud" opened the document with its head folded away. `met`
    as for `hit_of`."""
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


def website_url(url: str | None) -> str | None:
    """`url` when it is a web address (http or https, with a host), else None. The indexer
    accepts no other, but an index may come from an older Finsök or a hand-edited record,
    and a `javascript:` address must never become a link. The indexer's own check decides."""
    return url if url and source_url_problem(url) is None else None
