"""The data of search, documents, a document and its sections, and the förbund list: one
function per page or API route, each returning a plain dict that a template renders as HTML
and the API sends as JSON. Beside them, what those pages need to show a document: the shown
(masked) parameters, the check of a document id, a section's text cut into running text and
decisions (`text_blocks`), and where its original file is and whether it may be served.

The comparison, coverage and feed data are in `web.research`. Nothing here reads Flask's
request or renders a template."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

from index.errors import FinsokError, without_controls
from index.metadata import Registry
from index.paths import locate
from index.privacy import mask_typed
from search import answer
from search.answer import citation, echo_masker, hit_citation
from search.engine import Engine, MarkingScope, SearchParams, website_url
from search.links import query_arg, with_query_arg
from search.pages import decision_spans, match_page, span_text
from search.query import parse
from search.snippets import Highlighter, mark_all, mark_within, section_snippet
from web import facets

_DOC_ID_CHARS = set("0123456789abcdef")


def search_data(engine: Engine, params: SearchParams, root: str = "") -> dict:
    """/api/search: the contract's result, plus paging and citations (`search.answer`); each
    link starts with `root` (see `rooted`)."""
    return rooted(answer.search_answer(engine, params), root)


def documents_data(engine: Engine, params: SearchParams, root: str = "") -> dict:
    """GET /api/documents: every document whose head matches (title, place, attendance), with
    facets and paging; `search_data` shows only the best few."""
    return rooted(answer.documents_answer(engine, params), root)


def rooted(result: dict, root: str) -> dict:
    """`result` with every hit's and head match's `url` and `marked_url` under `root`, the
    path the site is served under ("/finsok": `request.script_root`, FINSOK_BASE_URL's path
    when it is set, else the server's SCRIPT_NAME, see `web.mount`), so that a link still
    starts with "/" and leads to the document behind a proxy too. With no root ("") the links
    stay "/doc/…"."""
    if root:
        for item in (*result.get("hits", ()), *result.get("documents", ())):
            for key in ("url", "marked_url"):
                if key in item:
                    item[key] = root + item[key]
    return result


def search_page_data(engine: Engine, params: SearchParams, root: str = "") -> dict:
    """The search page: `search_data` and what only a page needs (see `facets.for_page`). The API's
    schema is closed, so these extra keys stay out of its answer."""
    found = search_data(engine, params, root)
    with_original_pages(engine, found["hits"], root)
    return facets.for_page(engine, found, params, echo_masker(params.q))


def with_original_pages(engine: Engine, hits: list[dict], root: str = "") -> None:
    """Give each hit whose original is a PDF served as it is its `original_page_url`: the
    original opened at the page its words are on (`match_page`). A PDF withheld for its
    identity numbers, or gone from disk, gets none. Each document is looked up once, and only
    for a hit from a PDF."""
    served: dict[str, Path | None] = {}
    for hit in hits:
        link = None
        if hit["source"].lower().endswith(".pdf") and hit.get("match_page"):
            doc_id = hit["doc_id"]
            if doc_id not in served:
                record = engine.document_record(doc_id)
                withheld = record is None or original_withheld(record)
                served[doc_id] = None if withheld else original_file(record)
            link = _page_link(served[doc_id], root, doc_id, hit["match_page"])
        hit["original_page_url"] = link


def documents_page_data(engine: Engine, params: SearchParams, root: str = "") -> dict:
    """The documents page: `documents_data` and what only a page needs (see `facets.for_page`)."""
    found = documents_data(engine, params, root)
    return facets.for_page(engine, found, params, echo_masker(params.q))


def shown_params(params: SearchParams) -> SearchParams:
    """The parameters as a page may show them: the query with any identity number masked.
    The index holds none, so a number typed into the box finds nothing, but the page must not
    repeat it either (in its title, its search box, its summary or its links)."""
    return replace(params, q=mask_typed(params.q))


def check_doc_id(doc_id: str) -> str:
    """Document ids are 16 hex digits; anything else is unknown (and never touches a path).
    The message says what an id looks like: "/doc/%00" was answered "Okänt dokument: ." once
    the NUL was taken out, which told the reader nothing."""
    if len(doc_id) != 16 or not set(doc_id) <= _DOC_ID_CHARS:
        shown = without_controls(doc_id)[:40].strip()
        what = f"”{shown}” är inget dokument-id" if shown else "adressen har inget dokument-id"
        raise FinsokError(
            f"Okänt dokument: {what} (16 tecken 0–9 och a–f, som en träffs doc_id)",
            status=404,
            code="not_found",
        )
    return doc_id


# Each decision of a section with where it stands in its text (`decision_places`).
Places = list[tuple[dict, tuple[int, int] | None]]


def text_blocks(text: str, decisions: list[dict], places: Places | None = None) -> list[dict]:
    """A section's text cut into running text and the decisions in it, in order, so a page can
    show each decision once, in its place: `{"text", "decision"}` with `decision` None for
    running text. A decision is found word for word, whatever the line breaks and blank lines
    between its words (one read from a sentence across lines, a block whose blank lines the
    extraction dropped), and shown as the text has it; one not in the text at all follows it
    as a block of its own. Nothing is dropped: the blocks hold all of `text` apart from the
    line breaks around decisions and a marker line ("Beslut 2025-5 §11:1") just before a
    decision whose badge shows that id. `places`, when given, are `decision_places(text,
    decisions)` as the caller found them for other use (a section's whole html)."""
    blocks: list[dict] = []
    after: list[dict] = []
    pos = 0
    if places is None:
        places = decision_places(text, decisions)
    for decision, found in places:
        if found is None:
            after.append({"text": decision["text"], "decision": decision})
            continue
        at, end = found
        before = text[pos:at].strip("\n")
        head, _, last = before.rpartition("\n")
        if decision["id"] and decision["id"] in last:
            before = head.strip("\n")
        if before:
            blocks.append({"text": before, "decision": None})
        blocks.append({"text": text[at:end], "decision": decision})
        pos = end
    rest = text[pos:].strip("\n")
    if rest:
        blocks.append({"text": rest, "decision": None})
    return blocks + after


def decision_places(text: str, decisions: list[dict]) -> Places:
    """Each decision with where it stands in `text` (see `text_blocks`), placed as a hit's
    page places it (`search.pages.decision_spans`: the last place of its words before the
    next decision, not a proposal's same words before it); None for one not in the text."""
    spans = decision_spans(text, [decision["text"] for decision in decisions])
    return list(zip(decisions, spans, strict=True))


def document_data(
    engine: Engine,
    doc_id: str,
    q: str = "",
    root: str = "",
    *,
    filters: SearchParams | None = None,
    whole_html: bool = True,
) -> dict:
    """A whole document, every section anchored; with `q`, the query's terms are marked where
    the search could have found them: its filters (those typed in `q` and those in `filters`,
    a search's form parameters) may leave out sections, the head or the whole document, and
    decisions only marks decision text alone (`Engine.marking_scope`); `marking_notice` says
    so. Its links to the original start with `root` (see `rooted`). The page shows a
    section's `blocks` only, so it asks for no `html` of the whole text (`whole_html=False`):
    marking each section twice was a third of a long document's page with a query."""
    doc = engine.document(check_doc_id(doc_id))
    highlighter, scope = _marking(engine, doc_id, q, filters)
    withheld = original_withheld(doc)
    original = None if withheld else original_file(doc)
    header_html = None
    if highlighter and doc["header"]:
        header_html = _marked(doc["header"], highlighter if scope.head else None)
    sections = [
        _section_view(doc, s, highlighter, scope, whole_html, original, root)
        for s in doc["sections_list"]
    ]
    return {
        "doc_id": doc_id,
        "title": doc["title"],
        "forbund": doc["forbund"],
        "forbund_slug": doc["forbund_slug"],
        "kind": doc["kind"],
        "date": doc["date"],
        "source": doc["source"],
        "source_url": website_url(doc.get("source_url")),
        "sha256": doc["sha256"],
        "indexed_at": doc.get("indexed_at"),
        "header": doc["header"],
        "header_html": header_html,
        # The head is folded away unless the query is found there (a search hit on it).
        "header_marked": header_html is not None and "<mark>" in header_html,
        "warnings": doc["warnings"],
        "original_url": f"{root}/doc/{doc_id}/original" if original is not None else None,
        "original_withheld": withheld,
        "sections": sections,
        "q": mask_typed(q),
        "marking_notice": marking_notice(scope, doc, highlighter) if highlighter else None,
    }


def _marking(
    engine: Engine, doc_id: str, q: str, filters: SearchParams | None
) -> tuple[Highlighter | None, MarkingScope]:
    """The highlighter of query `q` (None without one) and where in document `doc_id` the
    search (`q` and `filters`) could have found its words (`Engine.marking_scope`), for a
    document's answer and a section's alike. `q` is parsed once, for both."""
    parsed = parse(q) if q.strip() else None
    if parsed is None:
        return None, MarkingScope()
    highlighter = engine.highlighter(q, parsed)
    return highlighter, engine.marking_scope(
        doc_id, replace(filters or SearchParams(), q=q), parsed
    )


def _page_link(original: Path | None, root: str, doc_id: str, page: int | None) -> str | None:
    """The original opened at a section's page: for a PDF only, whose viewer reads `#page=`."""
    if original is not None and original.suffix.lower() == ".pdf" and page:
        return f"{root}/doc/{doc_id}/original#page={page}"
    return None


def _section_highlighter(
    s: dict, highlighter: Highlighter | None, scope: MarkingScope
) -> Highlighter | None:
    """The highlighter of section `s`: None where the search's filters left it out, else one
    that marks what the section holds of the query (`Highlighter.within`), as its hit does
    on the search page. For `finansiell samordning` the page marked "samordningsförbund" in a
    section found through "Finsam" alone, which its hit no longer did."""
    if highlighter is None or not scope.admits(s["id"]):
        return None
    decisions = [d["text"] for d in s["decisions"]]
    searched = decisions if scope.decisions_only else [s["title"], *decisions, s["text"]]
    return highlighter.within(searched, scope.met(s["id"]))


def _section_view(
    doc: dict,
    s: dict,
    highlighter: Highlighter | None,
    scope: MarkingScope,
    whole_html: bool,
    original: Path | None,
    root: str,
) -> dict:
    """One section of `document_data`, its words marked only where `scope` admits it. Its
    link to the original opens the page the query's words are on, as the hit's link does
    (`search.pages.match_page`), else the page it starts on; it names the section's span."""
    here = _section_highlighter(s, highlighter, scope)
    page_end = s.get("page_end", s["page"])
    opened = s["page"]
    if here is not None and s.get("page_starts") and original is not None:
        # Only a section over pages in a PDF pays for this: its snippet as its hit has it.
        opened = match_page(
            s, section_snippet(s["text"], [d["text"] for d in s["decisions"]], here)
        )
    marked = _marked_fields(s, here, highlighter is not None, scope.decisions_only, whole_html)
    return {
        "id": s["id"],
        "anchor": s["anchor"],
        "label": s["label"],
        "number": s["number"],
        "title": s["title"],
        "title_html": marked["title_html"],
        "page": s["page"],
        "page_end": page_end,
        "pages_text": span_text(s["page"], page_end),
        "text": s["text"],
        "html": marked["html"],
        "blocks": marked["blocks"],
        "decisions": s["decisions"],
        # The section's meeting: a file may hold several (`index.meetings`).
        "date": s["date"],
        # Whether another section of its meeting has its label (the citation names its title).
        "label_repeats": s.get("label_repeats", False),
        "citation": citation(
            doc["forbund"],
            s["date"],
            s["label"],
            kind=doc["kind"],
            title=doc["title"],
            page=s["page"],
            page_end=page_end,
            section_title=s["title"],
            label_repeats=s.get("label_repeats", False),
        ),
        "original_page_url": _page_link(original, root, doc["doc_id"], opened),
    }


def _marked_fields(
    s: dict, here: Highlighter | None, marking: bool, decisions_only: bool, whole_html: bool
) -> dict:
    """Section `s`'s `title_html`, `html` and `blocks` as a document's answer and a
    section's give them: with `marking` (a query was given) marked by `here` (None where the
    filters leave the section out: escaped, unmarked), under decisions only in decisions
    alone; without it, `blocks` with `html` None and the others None. `html` is None also
    without `whole_html` (`section_html=0`)."""
    # Found once for the blocks and, under decisions only, the whole html (it was twice).
    places = decision_places(s["text"], s["decisions"])
    return {
        # Marked as a hit's title is on the search page, for the heading and the TOC.
        "title_html": _marked(s["title"], None if decisions_only else here) if marking else None,
        "html": _section_html(s["text"], here, decisions_only, places)
        if marking and whole_html
        else None,
        "blocks": [
            {**b, "html": _block_html(b, here, decisions_only) if marking else None}
            for b in text_blocks(s["text"], s["decisions"], places)
        ],
    }


# Why a document's page marks fewer words than the query has (`marking_notice`).
FILTER_EXCLUDES_DOCUMENT = (
    "Sökningens filter omfattar inte det här dokumentet, så inga ord är markerade."
)
MARKED_IN_DECISIONS_ONLY = "Sökningen gällde bara beslut, så orden är markerade bara i besluten."
MARKED_IN_SOME_SECTIONS = "Orden är markerade bara i de sektioner som sökningens filter omfattar."


def marking_notice(scope: MarkingScope, doc: dict, highlighter: Highlighter) -> str | None:
    """The quiet line that says why the query's words are marked in part of the document or
    nowhere (see `Engine.marking_scope`); None when they are marked wherever they stand. A
    section the filters leave out is named only when the words stand in it, so a search of
    one meeting's dates in a file of several says nothing where nothing was left unmarked
    (those sections were marked before, so looking costs no more than that did)."""
    if scope.excludes_all:
        return FILTER_EXCLUDES_DOCUMENT
    if scope.decisions_only:
        return MARKED_IN_DECISIONS_ONLY
    left_out = (s for s in doc["sections_list"] if not scope.admits(s["id"]))
    if any(highlighter.matches(s["title"]) or highlighter.matches(s["text"]) for s in left_out):
        return MARKED_IN_SOME_SECTIONS
    return None


def _marked(text: str, highlighter: Highlighter | None) -> str:
    """`text` as safe HTML, its matches marked; escaped only without a highlighter."""
    return mark_all(text, highlighter) if highlighter else html.escape(text, quote=True)


def _block_html(block: dict, highlighter: Highlighter | None, decisions_only: bool) -> str:
    """A block as safe HTML: running text is left unmarked under decisions only."""
    if decisions_only and block["decision"] is None:
        highlighter = None
    return _marked(block["text"], highlighter)


def _section_html(
    text: str, highlighter: Highlighter | None, decisions_only: bool, places: Places
) -> str:
    """A section's whole `text` as safe HTML; under decisions only, marked inside its
    decisions alone (`places`, from `decision_places`)."""
    if highlighter is None or not decisions_only:
        return _marked(text, highlighter)
    return mark_within(text, highlighter, [p for _, p in places if p is not None])


def original_file(doc: dict) -> Path | None:
    """The file a document was indexed from, if it is still there."""
    return locate(doc["path"])


def original_withheld(doc: dict) -> bool:
    """Whether the original is not served: a PDF holding identity numbers, which cannot be
    masked in place (text and HTML originals are served with them masked). The indexer sets
    the flag, for PDFs only; a record without it is taken to hold some."""
    return bool(doc.get("original_has_personal_numbers", True))


def section_data(
    engine: Engine,
    section_id: str,
    root: str = "",
    q: str = "",
    *,
    filters: SearchParams | None = None,
    whole_html: bool = True,
) -> dict:
    """One section, with its link under `root` (see `rooted`); and, marked as its document's
    answer marks it (`section_marking`), the query `q`'s words where the search (`q` and
    `filters`) could have found them, and `marked_url`, the document page marking them."""
    payload = engine.section(check_section_id(section_id))
    url = f"{root}/doc/{payload['doc_id']}#{payload['anchor']}"
    return {
        **{k: payload[k] for k in ("id", "doc_id", "label", "number", "title", "text", "page")},
        "page_end": payload.get("page_end", payload["page"]),
        "decisions": payload["decisions"],
        "forbund": payload["forbund"],
        "forbund_slug": payload["forbund_slug"],
        "date": payload["date"],
        "kind": payload["kind"],
        "source": payload["source"],
        "url": url,
        "label_repeats": payload.get("label_repeats", False),
        # A section's record holds what a hit cites by (förbund, date, label, kind, its
        # document's title, its pages, its own title and `label_repeats`): one rule for both.
        "citation": hit_citation(payload),
        **section_marking(engine, payload, q, url, filters=filters, whole_html=whole_html),
    }


# Why a section's answer marks none of the query's words, or only some (`section_marking`).
FILTER_EXCLUDES_SECTION = (
    "Sökningens filter omfattar inte den här sektionen, så inga ord är markerade."
)


def section_marking(
    engine: Engine,
    s: dict,
    q: str,
    url: str,
    *,
    filters: SearchParams | None = None,
    whole_html: bool = True,
) -> dict:
    """The fields that show section `s` as a search found it, as the document's answer and
    page show it: `q` (masked), `title_html`, `html` and `blocks` with `q`'s words marked
    where the search (`q` and `filters`) could have found them (`_section_highlighter`),
    `marking_notice` when that is nowhere or in decisions alone, and `marked_url`: `url`
    with the query and filters, the document page that marks them, as a hit's `marked_url`
    is. A program that showed a hit's section after a search had its text alone."""
    highlighter, scope = _marking(engine, s["doc_id"], q, filters)
    here = _section_highlighter(s, highlighter, scope)
    marked = _marked_fields(s, here, highlighter is not None, scope.decisions_only, whole_html)
    notice = None
    if highlighter and not scope.admits(s["id"]):
        notice = FILTER_EXCLUDES_SECTION
    elif highlighter and scope.decisions_only:
        notice = MARKED_IN_DECISIONS_ONLY
    return {
        "q": mask_typed(q),
        **marked,
        "marking_notice": notice,
        "marked_url": with_query_arg(url, query_arg(q, filters)),
    }


# A section's id: its document's, a dash and its anchor in the document view (`p47`, `m8`,
# `p10-2`; `index.store.anchors`).
_SECTION_ID = re.compile(r"[0-9a-f]{16}-\w[\w-]{0,40}")


def check_section_id(section_id: str) -> str:
    """A section id as `check_doc_id` checks a document's: one that cannot be a section's is
    unknown, with a message that says what an id looks like. "/api/sections/%00" was
    answered "Okänd sektion:." and one of 8,000 characters quoted 80 of them."""
    if not _SECTION_ID.fullmatch(section_id):
        shown = without_controls(section_id)[:40].strip()
        what = f"”{shown}” är inget sektions-id" if shown else "adressen har inget sektions-id"
        raise FinsokError(
            f"Okänd sektion: {what} (dokumentets id, ett bindestreck och sektionens ankare, "
            "som en träffs id, till exempel 435cfa99a86c4de8-p47)",
            status=404,
            code="not_found",
        )
    return section_id


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
