"""The JSON API: the same data functions as the pages, as JSON. Errors share one shape.

The API refuses a `limit` above the cap with 400, where the pages show the cap (see
`web.params._limit`): every search route here reads its parameters through `api_params`.
"""

from __future__ import annotations

from collections.abc import Collection

from flask import Blueprint, Response, current_app, jsonify, request

from search.answer import with_ignored
from search.engine import Engine, SearchParams
from search.params import quoted
from web import data, export, openapi, research
from web.engine import get_engine
from web.ignored import unread_beside
from web.pages import FILTER_KEYS, csv_download, forbund_notice, site_base_url, unread_here
from web.params import (
    DECISIONS_OFF,
    DECISIONS_ON,
    SEARCH_KEYS,
    bad,
    enumerated,
    only,
    read_query,
    refuse_repeats,
    refuse_undecodable,
    request_params,
    search_params,
)

bp = Blueprint("api", __name__)


@bp.before_request
def readable_parameters() -> None:
    """Every parameter a route here reads is percent-encoded UTF-8, or the answer is a 400;
    one it does not read is no error, whatever its bytes (`READ_BY`, less `page` beside an
    `offset`: `page=%FF&offset=0` was a 400 where `page=abc&offset=0` was named as not read).
    A preflight (OPTIONS) reads none: refused, it hid the GET's own 400 from a page
    elsewhere behind a CORS failure."""
    if request.method == "OPTIONS":
        return
    names = read_here(READ_BY)
    if names:
        refuse_undecodable(request.query_string, names)


def read_here(reads: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The parameters the current request's route (`reads`, by endpoint) reads as this call
    gives them: all but `page` beside an `offset` (`web.ignored.unread_beside`), as
    `unread_here` names them."""
    return unread_beside(reads.get(request.endpoint or "", ()), request.args)


def api_params(ignore: Collection[str] = ()) -> SearchParams:
    """The request's search parameters, every one out of range refused (none clamped), but
    for those in `ignore` and those the call does not read (`read_here`: `page` beside an
    `offset`), which are not read: a `page` given twice beside an `offset` was a 400 for a
    parameter the answer named as not read."""
    unread = [name for name in SEARCH_KEYS if name not in read_here(READ_BY)]
    return request_params(lenient=False, ignore=[*ignore, *unread])


def said_ignored(result: dict) -> dict:
    """`result` with the parameters of the request its route does not read (`READ_BY`), and a
    hint for one that looks like a read one (`web.ignored`): answered as if unsent, a misspelt
    `Limit=5` or `förbund=halland` gave a full answer and no word. Refused, a client's own
    parameters (`_=…`, `utm_*`) would break calls that work."""
    return with_ignored(result, *unread_here(READ_BY))


@bp.get("/api/search")
def api_search() -> Response:
    return jsonify(said_ignored(data.search_data(get_engine(), api_params(), request.script_root)))


@bp.get("/api/documents")
def api_documents() -> Response:
    found = data.documents_data(get_engine(), api_params(), request.script_root)
    return jsonify(said_ignored(found))


# The switch that leaves out each section's `html` (its whole text marked), which `blocks`
# carry too, split in running text and decisions: with `q` the answer holds each text four
# times (text, html, the blocks' text and html) and marks it twice. Off by `section_html=0`.
SECTION_HTML = "section_html"
# The parameters that mark a search's words in a document or a section (`marking_params`).
MARKING_KEYS = ("q", SECTION_HTML, *FILTER_KEYS)


def marking_params() -> tuple[str, SearchParams | None, bool]:
    """What a document's or a section's answer reads to mark a search's words: `q` (over
    500 characters a 400, as a search's), the search's filters (None without any), checked
    as /api/search checks them, and the `section_html` switch. Each once, as a search's."""
    refuse_repeats(request.args, MARKING_KEYS)
    q = read_query(request.args, lenient=False)[0]
    whole_html = _switch(enumerated(request.args.get(SECTION_HTML, "")))
    filters = None
    if any(key in request.args for key in FILTER_KEYS):
        filters = search_params(
            only(request.args.items(multi=True), FILTER_KEYS),
            page_size=current_app.config["FINSOK_PAGE_SIZE"],
            max_limit=current_app.config["FINSOK_MAX_LIMIT"],
            lenient=False,
        )
    return q, filters, whole_html


def with_forbund_notice(found: dict, engine: Engine, q: str, filters: SearchParams | None) -> dict:
    """`found` (a document's or a section's answer) with a `forbund` filter the index has no
    documents of said first in its `marking_notice` (`web.pages.forbund_notice`): the
    marking alone said the filter left the text out, not that the förbund is unknown."""
    if unknown := forbund_notice(engine, q, filters):
        found["marking_notice"] = " ".join(filter(None, [unknown, found["marking_notice"]]))
    return found


@bp.get("/api/documents/<doc_id>")
def api_document(doc_id: str) -> Response:
    """A whole document; with `q`, its words marked where the search (`q` and the filter
    parameters `forbund`, `from`, `to`, `kind`, `decisions`, `undated`, checked as
    /api/search checks them) could have found them."""
    q, filters, whole_html = marking_params()
    engine = get_engine()
    found = data.document_data(
        engine, doc_id, q, request.script_root, filters=filters, whole_html=whole_html
    )
    return jsonify(said_ignored(with_forbund_notice(found, engine, q, filters)))


# The parameters each route reads, by endpoint; the others read none. Checked for their bytes
# only where they are read: `/healthz?q=%E5` (a monitor's own parameter) was a 400 that the
# OpenAPI document gives no such route, `/api/search.csv?limit=%E5` one for a parameter the
# download does not read, and `section_html=%E5` was quoted back as the text "%e5".
_SEARCHES = ("api.api_search", "api.api_documents", "api.api_compare", "api.api_compare_csv")
READ_BY: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(_SEARCHES, SEARCH_KEYS),
    "api.api_search_csv": tuple(k for k in SEARCH_KEYS if k not in export.EXPORT_IGNORES),
    # A section is marked as its document is, from the same parameters.
    **dict.fromkeys(("api.api_document", "api.api_section"), MARKING_KEYS),
}


def _switch(raw: str) -> bool:
    """`section_html` as read: on unless 0, off or false; another value is a 400."""
    if raw in DECISIONS_ON or raw == "":
        return True
    if raw in DECISIONS_OFF:
        return False
    raise bad(SECTION_HTML, f"måste vara 1 eller 0, inte ”{quoted(raw)}”")


def said_ignored_if_any(result: dict) -> dict:
    """`result` with `ignored_params` and `ignored_hint` (`said_ignored`) only when the call
    gave a parameter, for a route that reads none: the förbund and the health check
    answered `?q=budget` or `?forbund=halland` as if unsent, without a word. Added
    only then, their answers are as before for every call that works, and a monitor that
    compares /healthz's answer whole sees no change."""
    ignored, hint = unread_here(READ_BY)
    return with_ignored(result, ignored, hint) if ignored else result


@bp.get("/api/sections/<section_id>")
def api_section(section_id: str) -> Response:
    """One section; with `q`, its words marked as its document's answer and page mark them
    (the same parameters: the filters, `section_html`), and `marked_url`, the document page
    that marks them: a program that shows a hit's section after a search had the text
    alone, and had to find the words itself."""
    q, filters, whole_html = marking_params()
    engine = get_engine()
    found = data.section_data(
        engine, section_id, request.script_root, q, filters=filters, whole_html=whole_html
    )
    return jsonify(said_ignored(with_forbund_notice(found, engine, q, filters)))


@bp.get("/api/forbund")
def api_forbund() -> Response:
    return jsonify(said_ignored_if_any(data.forbund_data(get_engine())))


@bp.get("/api/compare")
def api_compare() -> Response:
    return jsonify(said_ignored(research.compare_data(get_engine(), api_params())))


@bp.get("/api/compare.csv")
def api_compare_csv() -> Response:
    """The comparison matrix as plain RFC 4180 CSV for programs; /compare.csv is the same
    table in the form Swedish Excel opens (semicolons, decimal comma, byte order mark)."""
    params = api_params()
    body = research.compare_csv(research.compare_data(get_engine(), params), excel=False)
    filename = research.csv_filename(data.shown_params(params))
    return csv_download(body, filename, unread_here(READ_BY)[0])


@bp.get("/api/search.csv")
def api_search_csv() -> Response:
    """A search's hits as plain RFC 4180 CSV for programs, at most MAX_EXPORT_ROWS of them in
    the order of /api/search's pages; /search.csv is the same list for Swedish Excel."""
    params = api_params(ignore=export.EXPORT_IGNORES)
    base_url = site_base_url()
    body = export.hits_csv(export.hits_data(get_engine(), params), base_url, excel=False)
    filename = export.hits_filename(data.shown_params(params))
    return csv_download(body, filename, unread_here(READ_BY)[0])


@bp.get("/api/openapi.json")
def api_openapi() -> Response:
    """The OpenAPI document; behind a path prefix (`web.mount`) its `servers` names it, so a
    client generated from it calls /finsok/api/… and not /api/… at the host's root."""
    document = openapi.spec()
    if request.script_root:
        document["servers"] = [{"url": request.script_root}]
    return jsonify(document)


@bp.get("/healthz")
def healthz() -> Response:
    stats = get_engine().stats()
    return jsonify(said_ignored_if_any({"status": "ok", **stats}))
