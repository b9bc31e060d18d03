"""The JSON API: the same data functions as the pages, as JSON. Errors share one shape.

The API refuses a `limit` above the cap with 400, where the pages show the cap (see
`web.params._limit`): every search route here reads its parameters through `api_params`.
"""

from __future__ import annotations

from collections.abc import Collection

from flask import Blueprint, Response, current_app, jsonify, request

from search.answer import with_ignored
from search.engine import SearchParams
from search.params import quoted
from web import data, export, openapi, research
from web.engine import get_engine
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
    one it does not read is no error, whatever its bytes (`READ_BY`)."""
    names = READ_BY.get(request.endpoint or "", ())
    if names:
        refuse_undecodable(request.query_string, names)


def api_params(ignore: Collection[str] = ()) -> SearchParams:
    """The request's search parameters, every one out of range refused (none clamped), but
    for those in `ignore`, which are not read."""
    return request_params(lenient=False, ignore=ignore)


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


@bp.get("/api/documents/<doc_id>")
def api_document(doc_id: str) -> Response:
    """A whole document; with `q`, its words marked where the search (`q` and the filter
    parameters `forbund`, `from`, `to`, `kind`, `decisions`, `undated`, checked as
    /api/search checks them) could have found them."""
    refuse_repeats(request.args, ("q", SECTION_HTML, *FILTER_KEYS))
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
    engine = get_engine()
    found = data.document_data(
        engine, doc_id, q, request.script_root, filters=filters, whole_html=whole_html
    )
    if unknown := forbund_notice(engine, q, filters):
        found["marking_notice"] = " ".join(filter(None, [unknown, found["marking_notice"]]))
    return jsonify(said_ignored(found))


# The switch that leaves out each section's `html` (its whole text marked), which `blocks`
# carry too, split in running text and decisions: with `q` the answer holds each text four
# times (text, html, the blocks' text and html) and marks it twice. Off by `section_html=0`.
SECTION_HTML = "section_html"

# The parameters each route reads, by endpoint; the others read none. Checked for their bytes
# only where they are read: `/healthz?q=%E5` (a monitor's own parameter) was a 400 that the
# OpenAPI document gives no such route, `/api/search.csv?limit=%E5` one for a parameter the
# download does not read, and `section_html=%E5` was quoted back as the text "%e5".
_SEARCHES = ("api.api_search", "api.api_documents", "api.api_compare", "api.api_compare_csv")
READ_BY: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(_SEARCHES, SEARCH_KEYS),
    "api.api_search_csv": tuple(k for k in SEARCH_KEYS if k not in export.EXPORT_IGNORES),
    "api.api_document": ("q", SECTION_HTML, *FILTER_KEYS),
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
    gave a parameter, for a route that reads none: a section, the förbund and the health
    check answered `?q=budget` or `?forbund=halland` as if unsent, without a word. Added
    only then, their answers are as before for every call that works, and a monitor that
    compares /healthz's answer whole sees no change."""
    ignored, hint = unread_here(READ_BY)
    return with_ignored(result, ignored, hint) if ignored else result


@bp.get("/api/sections/<section_id>")
def api_section(section_id: str) -> Response:
    found = data.section_data(get_engine(), section_id, request.script_root)
    return jsonify(said_ignored_if_any(found))


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
