"""One data function per page: each returns a plain dict that a template renders as HTML and
the API sends as JSON. They know the search layer, never Flask's request or templates."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from index.errors import FinsokError
from index.metadata import Registry, slugify
from index.privacy import mask_personal_numbers
from search.engine import Engine, SearchParams, parse_params
from search.query import Filters, parse
from search.snippets import mark_all

_DOC_ID_CHARS = set("0123456789abcdef")
FACET_LABELS = {"forbund": "Förbund", "year": "År", "kind": "Typ"}
# A phrase (left alone) or a `name:value` filter token as the query language writes them
# (år:2024, förbund:"Östra Södertörn"); the parser itself decides which names are filters.
_FILTER_TOKEN = re.compile(r'"[^"]*"|(?<![^\s(])[^\W\d_]+:(?:"[^"]*"|[^\s()"]+)')
# Pages that a notice of the search layer may point to as "Label (/path)", and the endpoint
# a page links instead: the link's target is ours, never taken from the notice's text.
_NOTICE_LINKS = {"/coverage": "pages.coverage_page"}
_NOTICE_LINK = re.compile(r"(?P<label>[^\s()]+) \((?P<path>/[a-z]+)\)")


def citation(
    forbund: str | None, date: str | None, label: str, *, kind: str = "protokoll", title: str = ""
) -> str:
    """A ready citation: "Samordningsförbundet Söderåsen, styrelsen 2025-06-11, § 47" for a
    protocol. A report's date ends the period it covers, not a board meeting, so a report is
    cited by its title: "Tertial rapport Samordningsförbundet Skåne Nordost, period till
    2024-04-30, Mål 8"."""
    name = forbund or "Okänt förbund"
    if kind.startswith("protokoll") or not title:
        parts = [name, f"styrelsen {date}" if date else "odaterat"]
    else:
        when = ("period till " if kind == "rapport" else "") + date if date else "odaterat"
        parts = [title if name in title else f"{name}, {title}", when]
    if label:
        parts.append(label)
    return ", ".join(parts)


def search_data(engine: Engine, params: SearchParams) -> dict:
    """/api/search: the contract's result, plus paging and citations."""
    result = engine.search(params)
    for hit in result["hits"]:
        hit["citation"] = citation(
            hit["forbund"], hit["date"], hit["label"], kind=hit["kind"], title=hit["doc_title"]
        )
    return without_identity_numbers(_with_paging(result, params), params.q)


def documents_data(engine: Engine, params: SearchParams) -> dict:
    """GET /api/documents: every document whose head matches (title, place, attendance), with
    facets and paging; `search_data` shows only the best few."""
    result = engine.search_documents(params)
    return without_identity_numbers(_with_paging(result, params), params.q)


def search_page_data(engine: Engine, params: SearchParams) -> dict:
    """The search page: `search_data` and what only a page needs (see `_for_page`). The API's
    schema is closed, so these extra keys stay out of its answer."""
    return _for_page(engine, search_data(engine, params), params)


def documents_page_data(engine: Engine, params: SearchParams) -> dict:
    """The documents page: `documents_data` and what only a page needs (see `_for_page`)."""
    return _for_page(engine, documents_data(engine, params), params)


def shown_params(params: SearchParams) -> SearchParams:
    """The parameters as a page may show them: the query with any identity number masked.
    The index holds none, so a number typed into the box finds nothing, but the page must not
    repeat it either (in its title, its search box, its summary or its links)."""
    return replace(params, q=mask_personal_numbers(params.q))


def without_identity_numbers(result: dict, q: str) -> dict:
    """`result` of a search for `q` with every echo of an identity number in `q` masked: the
    query (also in `params`), the notices and suggestion made from it and how it was read.
    Those may repeat the number in pieces the mask cannot recognise (år:19850412 1230 is read
    as a filter and a word, "1985-04-12-1230" as the phrase ”1985 04 12 1230”), so every run
    of digits that masking took out of `q` is masked wherever it stands. Hits come from the
    index, which holds no numbers; the search ran on `q` as typed and still finds nothing."""
    masked = mask_personal_numbers(q)
    if masked == q:
        return result
    gone = set(re.findall(r"\d+", q)) - set(re.findall(r"\d+", masked))
    pieces = re.compile(r"(?<!\d)(?:" + "|".join(sorted(gone, key=len, reverse=True)) + r")(?!\d)")

    def echo(text: str) -> str:
        text = mask_personal_numbers(text)
        return pieces.sub(lambda m: "X" * len(m.group()), text) if gone else text

    result["query"] = masked
    if "params" in result:
        result["params"]["q"] = masked
    if "interpretation" in result:
        result["interpretation"] = [echo(line) for line in result["interpretation"]]
    for key in ("notice", "suggestion"):
        if result.get(key):
            result[key] = echo(result[key])
    return result


def _with_paging(result: dict, params: SearchParams) -> dict:
    """The parameters as understood, the current page and the number of pages."""
    result["params"] = {
        "q": params.q,
        "limit": params.limit,
        "offset": params.offset,
        "forbund": params.forbund,
        "from": params.date_from.isoformat() if params.date_from else None,
        "to": params.date_to.isoformat() if params.date_to else None,
        "kind": params.kind,
        "sort": params.sort,
    }
    result["page"] = params.offset // params.limit + 1
    result["pages"] = math.ceil(result["total"] / params.limit) if result["total"] else 0
    return result


# --- what a result page shows beside the result -----------------------------------------


def _for_page(engine: Engine, result: dict, params: SearchParams) -> dict:
    """Add the facets as a page lists them (`facet_list`: förbund by name, the active filter
    marked, each entry with the parameter changes its link makes), the changes that clear
    every filter (`clear_filters`, None without filters) and the notice cut into text and
    links (`notice_parts`)."""
    filters = parse_params(params).filters
    active = {
        "forbund": list(dict.fromkeys(filters.forbund)),
        "year": [year] if (year := selected_year(filters)) else [],
        "kind": list(dict.fromkeys(filters.kinds)),
    }
    labels = {
        "forbund": engine.forbund_names([*result["facets"]["forbund"], *active["forbund"]]),
        "year": {},
        "kind": {},
    }
    result["facet_list"] = []
    for name, label in FACET_LABELS.items():
        counts, chosen = result["facets"][name], active[name]
        if entries := _facet_entries(name, counts, chosen, labels[name], params):
            result["facet_list"].append({"name": name, "label": label, "entries": entries})
    result["clear_filters"] = _clear_filters(params) if _has_filters(filters) else None
    result["notice_parts"] = notice_parts(result["notice"])
    return result


def _facet_entries(
    name: str,
    counts: dict[str, int],
    active: list[str],
    labels: dict[str, str],
    params: SearchParams,
) -> list[dict]:
    """One facet's entries, most hits first: `{key, label, count, active, changes}`, where
    `changes` lead to the search with this entry chosen, or without it when it is active. An
    active filter that matched nothing is listed too (count 0), so it can be removed."""
    counts = {**counts, **{key: 0 for key in active if key not in counts}}
    return [
        {
            "key": key,
            "label": labels.get(key, key),
            "count": count,
            "active": key in active,
            "changes": _without(name, key, params) if key in active else _with(name, key, params),
        }
        for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def _with(name: str, key: str, params: SearchParams) -> dict:
    """Parameter changes that narrow the current search to facet entry `key`."""
    if name == "forbund":
        return {"forbund": [*params.forbund, key]}
    if name == "year":
        return {"from": f"{key}-01-01", "to": f"{key}-12-31"}
    return {"kind": key}


def _without(name: str, key: str, params: SearchParams) -> dict:
    """Parameter changes that remove the active filter `key` of facet `name`, wherever it was
    set: in the form's parameters or in the query text (förbund:halland, år:2024, typ:rapport).
    Other filters stay."""
    if name == "forbund":
        changes: dict = {"forbund": [f for f in params.forbund if slugify(f) != key]}
    elif name == "year":
        changes = {"from": None, "to": None}
    else:
        changes = {"kind": None} if params.kind == key else {}
    q = query_without(params.q, _sets(name, key))
    return {**changes, "q": q} if q != params.q else changes


def _sets(name: str, key: str) -> Callable[[Filters], bool]:
    """Whether parsed filters set facet `name`'s entry `key`; for years, any date limit."""
    if name == "forbund":
        return lambda f: key in f.forbund
    if name == "kind":
        return lambda f: key in f.kinds
    return _limits_dates


def _clear_filters(params: SearchParams) -> dict:
    """Parameter changes that remove every filter, in the parameters and in the query."""
    changes = {"forbund": [], "kind": None, "decisions": None, "from": None, "to": None}
    q = query_without(params.q, _has_filters)
    return {**changes, "q": q} if q != params.q else changes


def _has_filters(f: Filters) -> bool:
    return bool(f.forbund or f.kinds or f.decisions_only or _limits_dates(f))


def _limits_dates(f: Filters) -> bool:
    return any(v is not None for v in (f.year_from, f.year_to, f.date_from, f.date_to))


def selected_year(f: Filters) -> str | None:
    """The year when the search is limited to exactly one whole year, however that was said
    (år:2024, datum:2024-01-01..2024-12-31, from/to as the year facet sets them, or several
    that intersect to it); else None, also for part of a year."""
    lows = [f.date_from, date(f.year_from, 1, 1) if f.year_from else None]
    highs = [f.date_to, date(f.year_to, 12, 31) if f.year_to else None]
    low = max((d for d in lows if d), default=None)
    high = min((d for d in highs if d), default=None)
    if low and high and (low, high) == (date(low.year, 1, 1), date(low.year, 12, 31)):
        return str(low.year)
    return None


def query_without(q: str, drops: Callable[[Filters], bool]) -> str:
    """`q` without its filter tokens for which `drops` holds, as the query parser reads each
    token; phrases and everything else stay. `q` itself when the parser found no such filter
    in it (also when it could not read it and searched plain words)."""
    if not drops(parse(q).filters):
        return q
    kept, pos = [], 0
    for m in _FILTER_TOKEN.finditer(q):
        if not m.group(0).startswith('"') and drops(parse(m.group(0)).filters):
            kept.append(q[pos : m.start()])
            pos = len(q) - len(q[m.end() :].lstrip())  # with the space after it
    return " ".join("".join([*kept, q[pos:]]).split())


def notice_parts(notice: str | None) -> list[dict]:
    """A notice cut into `{text, endpoint}` parts, so a page can link the pages it mentions
    ("sidan Täckning (/coverage)" becomes a link named Täckning) while every part stays text
    that the template escapes. Only the pages in `_NOTICE_LINKS` become links."""
    parts: list[dict] = []
    pos = 0
    for m in _NOTICE_LINK.finditer(notice or ""):
        endpoint = _NOTICE_LINKS.get(m.group("path"))
        if endpoint is None:
            continue
        parts.append({"text": notice[pos : m.start()], "endpoint": None})
        parts.append({"text": m.group("label"), "endpoint": endpoint})
        pos = m.end()
    if notice and pos < len(notice):
        parts.append({"text": notice[pos:], "endpoint": None})
    return [p for p in parts if p["text"]]


def check_doc_id(doc_id: str) -> str:
    """Document ids are 16 hex digits; anything else is unknown (and never touches a path)."""
    if len(doc_id) != 16 or not set(doc_id) <= _DOC_ID_CHARS:
        raise FinsokError(f"Okänt dokument: {doc_id[:40]}", status=404, code="not_found")
    return doc_id


def text_blocks(text: str, decisions: list[dict]) -> list[dict]:
    """A section's text cut into running text and the decisions in it, in order, so a page can
    show each decision once, in its place: `{"text", "decision"}` with `decision` None for
    running text. A decision that does not stand word for word in the text (one read from a
    sentence across lines) follows the text as a block of its own. Nothing is dropped: the
    blocks hold all of `text` apart from the line breaks around decisions and a marker line
    ("Beslut 2025-5 §11:1") just before a decision whose badge shows that id."""
    blocks: list[dict] = []
    after: list[dict] = []
    pos = 0
    for decision in decisions:
        at = text.find(decision["text"], pos) if decision["text"] else -1
        if at < 0:
            after.append({"text": decision["text"], "decision": decision})
            continue
        before = text[pos:at].strip("\n")
        head, _, last = before.rpartition("\n")
        if decision["id"] and decision["id"] in last:
            before = head.strip("\n")
        if before:
            blocks.append({"text": before, "decision": None})
        blocks.append({"text": decision["text"], "decision": decision})
        pos = at + len(decision["text"])
    rest = text[pos:].strip("\n")
    if rest:
        blocks.append({"text": rest, "decision": None})
    return blocks + after


def document_data(engine: Engine, doc_id: str, q: str = "") -> dict:
    """A whole document, every section anchored; with `q`, the query's terms are marked."""
    doc = engine.document(check_doc_id(doc_id))
    highlighter = engine.highlighter(q) if q.strip() else None
    withheld = original_withheld(doc)
    original = None if withheld else original_file(doc)
    header_html = mark_all(doc["header"], highlighter) if highlighter and doc["header"] else None
    sections = []
    for s in doc["sections_list"]:
        page_link = None
        if original is not None and original.suffix.lower() == ".pdf" and s["page"]:
            page_link = f"/doc/{doc_id}/original#page={s['page']}"
        sections.append(
            {
                "id": s["id"],
                "anchor": s["anchor"],
                "label": s["label"],
                "number": s["number"],
                "title": s["title"],
                "page": s["page"],
                "text": s["text"],
                "html": mark_all(s["text"], highlighter) if highlighter else None,
                "blocks": [
                    {**b, "html": mark_all(b["text"], highlighter) if highlighter else None}
                    for b in text_blocks(s["text"], s["decisions"])
                ],
                "decisions": s["decisions"],
                "citation": citation(
                    doc["forbund"], doc["date"], s["label"], kind=doc["kind"], title=doc["title"]
                ),
                "original_page_url": page_link,
            }
        )
    return {
        "doc_id": doc_id,
        "title": doc["title"],
        "forbund": doc["forbund"],
        "forbund_slug": doc["forbund_slug"],
        "kind": doc["kind"],
        "date": doc["date"],
        "source": doc["source"],
        "source_url": doc.get("source_url"),
        "sha256": doc["sha256"],
        "indexed_at": doc.get("indexed_at"),
        "header": doc["header"],
        "header_html": header_html,
        # The head is folded away unless the query is found there (a search hit on it).
        "header_marked": header_html is not None and "<mark>" in header_html,
        "warnings": doc["warnings"],
        "original_url": f"/doc/{doc_id}/original" if original is not None else None,
        "original_withheld": withheld,
        "sections": sections,
        "q": mask_personal_numbers(q),
    }


def original_file(doc: dict) -> Path | None:
    """The file a document was indexed from, if it is still there."""
    path = Path(doc["path"])
    return path if path.is_file() else None


def original_withheld(doc: dict) -> bool:
    """Whether the original is not served: a PDF holding identity numbers, which cannot be
    masked in place (text and HTML originals are served with them masked). The indexer sets
    the flag, for PDFs only; a record without it is taken to hold some."""
    return bool(doc.get("original_has_personal_numbers", True))


def section_data(engine: Engine, section_id: str) -> dict:
    payload = engine.section(section_id[:80])
    return {
        **{k: payload[k] for k in ("id", "doc_id", "label", "number", "title", "text", "page")},
        "decisions": payload["decisions"],
        "forbund": payload["forbund"],
        "forbund_slug": payload["forbund_slug"],
        "date": payload["date"],
        "kind": payload["kind"],
        "source": payload["source"],
        "url": f"/doc/{payload['doc_id']}#{payload['anchor']}",
        "citation": citation(
            payload["forbund"],
            payload["date"],
            payload["label"],
            kind=payload["kind"],
            title=payload["doc_title"],
        ),
    }


def forbund_data(engine: Engine) -> dict:
    """Every förbund the registry or the index knows, with what the index holds for it."""
    counts = engine.section_counts()
    aliases = {f.slug: list(f.aliases) for f in Registry.default().entries}
    rows = {
        slug: {"slug": slug, "name": name, "aliases": aliases.get(slug, []), "sections": 0}
        for slug, name in engine.forbund_names(counts).items()
    }
    for slug, count in counts.items():
        rows[slug]["sections"] = count["total"]
    return {"forbund": sorted(rows.values(), key=lambda r: r["slug"])}
