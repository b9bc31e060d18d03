"""The HTML pages, in Swedish, working without JavaScript; their data comes from `web.data`
and `web.research`. Routes:

- `/` — search, and `/documents` — documents whose head matches;
- `/doc/<doc_id>` — a document, and `/doc/<doc_id>/original` — its indexed file;
- `/search.csv` — a search's hits as CSV for Excel;
- `/compare` — förbund and years compared, and `/compare.csv` — the same as CSV for Excel;
- `/coverage` — what the index holds per förbund;
- `/feed` — a search's newest sections as an Atom feed;
- `/api-dokumentation` — the JSON API described for people, from `web.openapi.spec()`.

Also the template globals that build links between them (`search_url`, `doc_link`).
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import shlex
import stat
from pathlib import Path
from typing import BinaryIO
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from flask import Blueprint, Response, current_app, render_template, request, send_file, url_for

from index.errors import FinsokError, SourceError, without_controls
from index.privacy import mask_name, mask_personal_numbers, mask_typed
from index.sources import (
    NOT_A_FILE,
    has_personal_numbers,
    original_text,
    read_source,
    sha256_of,
)
from search.engine import SearchParams
from search.links import site_link
from web import data, export, openapi, research
from web.engine import get_engine
from web.errors import form_errors
from web.markup import marked
from web.params import (
    UNREAD_BY,
    BadParam,
    canonical,
    form_params,
    only,
    read_query,
    request_form_params,
    request_params,
    search_state,
)

bp = Blueprint("pages", __name__)
bp.add_app_template_filter(marked, "marked")
bp.add_app_template_filter(mask_typed, "masked_numbers")


@bp.app_template_global("search_url")
def search_url(endpoint: str = "pages.search_page", **changes: object) -> str:
    """The current search's URL (or, with `endpoint`, its feed or compare view) with some
    parameters changed (None removes one, a list sets all values of a repeated one, such as
    `forbund`), each enumerated value in its canonical form (`web.params.canonical`); any
    change except `page` resets paging, and a parameter `endpoint` does not read
    (`UNREAD_BY`: paging and order on the compare page) is left out. An identity number in
    the query is masked here too: no link on a page repeats one."""
    args = request.args.copy()
    for key, value in changes.items():
        if isinstance(value, list | tuple):
            args.setlist(key, [str(v) for v in value])
        elif value is None or value == "":
            args.pop(key, None)
        else:
            args[key] = str(value)
    for key in list(args):  # the query above all, but any parameter may hold what was typed
        # controls first: one between a number's digits would hide it from the masking
        args.setlist(
            key,
            [mask_typed(without_controls(canonical(key, value))) for value in args.getlist(key)],
        )
    if "page" not in changes:
        args.pop("page", None)
    args.pop("offset", None)
    for key in UNREAD_BY.get(endpoint, ()):
        args.pop(key, None)
    query = urlencode([(k, v) for k, vs in args.lists() for v in vs if v != ""])
    return url_for(endpoint) + (f"?{query}" if query else "")


# A document's folded head: its anchor, and the parameter that has the server unfold it (the
# server never sees an anchor, so a link to the head says so in its query too).
HEAD_ANCHOR = "huvud"
HEAD_PARAM = "huvud"
# The result pages a document's back link may lead to. A `back` value names one by its path.
BACK_PAGES = ("pages.search_page", "pages.documents_page")
# A back link longer than this is no search we made (a query is at most 500 characters).
MAX_BACK_CHARS = 4000


@bp.app_template_global("doc_link")
def doc_link(url: str, q: str) -> str:
    """A link from a result page to a hit or a document (`url`, with its anchor). It carries
    the query, so the document marks it; `huvud=1` when it leads to the document's head, so
    the head is unfolded; and, when the search was more than its query (filters, sort, a
    later page, the documents list), the search itself as `back`, so that the document's
    back link returns to that very page of results (see `back_url`)."""
    path, _, anchor = url.partition("#")
    path = path.partition("?")[0]  # a head's url asks for `huvud=1` itself (added below)
    args = [("q", q)] if q else []
    if anchor == HEAD_ANCHOR:  # the server unfolds the head: no JavaScript needed
        args.append((HEAD_PARAM, "1"))
    here = search_state(url_for(request.endpoint), request.args.items(multi=True))
    if here != search_state(url_for("pages.search_page"), args):
        args.append(("back", here))
    query = urlencode(args, quote_via=quote)
    return path + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")


def back_url(back: str, q: str) -> str | None:
    """Where a document's "Tillbaka till sökningen" leads: the search in `back` (see
    `doc_link`), else a search for `q`, else nowhere (None). `back` comes from the request,
    so it is never used as given: it must name one of our result pages by its path alone (no
    scheme, no host), and the URL is built anew from that page's own address and the search
    parameters in it. No value of `back` makes a link that leaves the search pages."""
    found = _back_search(back)
    if found is not None:
        return search_state(*found)
    if q.strip():
        return search_state(url_for("pages.search_page"), [("q", q)])
    return None


def _back_search(back: str) -> tuple[str, list[tuple[str, str]]] | None:
    """The path and parameters of the search `back` names, when it names one of our result
    pages by its path alone (see `back_url`); else None."""
    parts = urlsplit(back[: MAX_BACK_CHARS + 1])
    ours = {url_for(endpoint) for endpoint in BACK_PAGES}
    if len(back) <= MAX_BACK_CHARS and not (parts.scheme or parts.netloc) and parts.path in ours:
        return parts.path, parse_qsl(parts.query)
    return None


# The parameters of a search that narrow where it finds its words: a document's page reads
# them to mark the words only there (`data.document_data`).
FILTER_KEYS = ("forbund", "from", "to", "kind", "decisions", "undated")


def _marking_filters(back: str) -> SearchParams | None:
    """The filters of the search a reader came from, for marking its words in a document:
    the page's own filter parameters when it has any (an address written by hand,
    `/doc/…?q=budget&kind=decision`), else those of the search in `back` (a hit's link
    carries the search's form filters there, see `doc_link`). Read as a page reads them: a
    bad value is left out. None without any."""
    args = only(request.args.items(multi=True), FILTER_KEYS)
    if not args:
        found = _back_search(back)
        args = only(found[1] if found else (), FILTER_KEYS)
    if not args:
        return None
    cfg = current_app.config
    params, _ = form_params(
        args, page_size=cfg["FINSOK_PAGE_SIZE"], max_limit=cfg["FINSOK_MAX_LIMIT"]
    )
    return params


# The form fields a bad parameter is corrected in, by page (a field's id is its parameter's
# name). Any other bad parameter (a page number, a kind a facet set) has no field there.
SEARCH_FIELDS = ("from", "to", "sort")
COMPARE_FIELDS = ("from", "to")


def form_page(
    template: str, errors: list[BadParam], fields: tuple[str, ...], **context: object
) -> tuple[str, int]:
    """A page with a form, as it is or, after a bad parameter, again with its form filled
    in, an error summary and each bad field marked (`web.errors.form_errors`), and no
    results: a 400, so that no program or crawler takes it for an answer."""
    if not errors:
        return render_template(template, **context, errors={}, way_on=None), 200
    return render_template(template, **context, **form_errors(errors, fields)), 400


@bp.get("/")
def search_page() -> tuple[str, int]:
    params, errors = request_form_params()
    result = None
    asked = (
        params.q.strip()
        or params.forbund
        or params.kind
        or params.undated
        or params.date_from
        or params.date_to
    )
    if asked and not errors:
        result = data.search_page_data(get_engine(), params, request.script_root)
    shown = data.shown_params(params)
    return form_page("search.html", errors, SEARCH_FIELDS, result=result, params=shown)


@bp.get("/documents")
def documents_page() -> tuple[str, int]:
    params, errors = request_form_params()
    result = None
    if params.q.strip() and not errors:
        result = data.documents_page_data(get_engine(), params, request.script_root)
    shown = data.shown_params(params)
    return form_page("documents.html", errors, SEARCH_FIELDS, result=result, params=shown)


@bp.get("/doc/<doc_id>")
def document_page(doc_id: str) -> str:
    q = read_query(request.args)[0]
    raw_back = request.args.get("back", "")
    doc = data.document_data(
        get_engine(),
        doc_id,
        q,
        request.script_root,
        filters=_marking_filters(raw_back),
        whole_html=False,
    )
    back = back_url(raw_back, doc["q"])
    open_head = doc["header_marked"] or request.args.get(HEAD_PARAM) == "1"
    return render_template("document.html", doc=doc, back=back, open_head=open_head)


@bp.get("/doc/<doc_id>/original")
def original(doc_id: str) -> Response:
    """The indexed file itself. The path comes from the index, never from the request. Text
    and HTML are sent as plain text with identity numbers masked; a PDF that holds any is
    withheld, since it cannot be masked in place. Everything goes out under a sandbox policy,
    so nothing in it can run."""
    doc = get_engine().document(data.check_doc_id(doc_id))
    path = data.original_file(doc)
    if path is None:
        raise _original_gone()
    try:
        with _open_original(path) as file:
            response = _original_response(doc, path, file)
    except (OSError, SourceError) as exc:
        raise _original_unreadable(doc, exc) from None
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def _open_original(path: Path) -> BinaryIO:
    """The original opened for reading, everything sent read from this one open file. The
    last part of the path must not be a symbolic link (`O_NOFOLLOW`, else SourceError
    `REPLACED_BY_LINK`): indexing resolves every link, so an indexed path never ends in one,
    and a file replaced by one since may lead to anything the server can read. A check of the
    path before reading it by path again left a moment to swap the file for a link. A link
    to a folder above it (an archive moved and linked back) is followed, as before. Only a
    regular file is read (`O_NONBLOCK`: opening a FIFO does not wait for a writer)."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SourceError(path, REPLACED_BY_LINK) from None
        raise
    file = os.fdopen(fd, "rb")
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise SourceError(path, NOT_A_FILE)
    except BaseException:
        file.close()
        raise
    return file


def _original_response(doc: dict, path: Path, file: BinaryIO) -> Response:
    """The original open as `file` (at `path`) as it is sent, or FinsokError when it is
    withheld. Reading it may fail with OSError or SourceError (`original`'s to answer). The
    answer holds the bytes read, so it outlives the file."""
    if data.original_withheld(doc):
        raise _withheld()
    content = file.read()
    # send_file writes the name into Content-Disposition, also one outside Latin-1 ("–").
    if (text := original_text(path, content)) is not None:
        return send_file(
            io.BytesIO(text.encode("utf-8")),
            mimetype="text/plain",
            download_name=_download_name(path.stem) + ".txt",
        )
    digest = sha256_of(content)
    if _changed_and_holds_numbers(doc, path, content, digest):
        raise _withheld()
    return send_file(
        io.BytesIO(content),
        mimetype="application/pdf",
        download_name=_download_name(path.name),
        conditional=True,
        etag=digest,
        last_modified=os.fstat(file.fileno()).st_mtime,
    )


def _withheld() -> FinsokError:
    return FinsokError(
        "Originalfilen innehåller personnummer och visas därför inte. Dokumentsidan visar "
        "hela texten med personnumren maskerade.",
        status=403,
        code="withheld",
    )


# Why an original that is now a symbolic link is not served (for the log only).
REPLACED_BY_LINK = "är numera en symbolisk länk, inte filen som indexerades: visas inte"


def _original_gone() -> FinsokError:
    return FinsokError("Originalfilen finns inte längre i arkivet", status=404, code="not_found")


def _original_unreadable(doc: dict, exc: Exception) -> FinsokError:
    """The answer when the original was found but could not be read: gone meanwhile (a 404,
    as when it was gone before), or not readable by the server (permissions, a disk error).
    The reason, which names the file's path on the server, goes to the log only: an error
    page named it ("/arkiv/…/p.txt: kan inte läsa filen …", and a PDF's was a 500)."""
    if data.original_file(doc) is None:
        return _original_gone()
    # A file's name may hold an identity number: the log gets it masked too.
    reason = mask_typed(str(exc))
    current_app.logger.warning("originalfilen till %s går inte att läsa: %s", doc["doc_id"], reason)
    return FinsokError(
        "Originalfilen går inte att läsa på servern just nu. Dokumentsidan visar hela texten.",
        status=403,
        code="unreadable",
    )


def _download_name(name: str) -> str:
    """A file name fit for Content-Disposition: identity numbers masked, also one that a
    line break in the name cuts ("19121212\u2028-1212", `mask_name`), and control characters
    and line breaks made spaces, which a header cannot carry (its Latin-1 form drops
    "\u2028" and glued the halves into "19121212-1212"). Masked again once spaced: a control
    character that is no line break may stand between a number's halves too."""
    return mask_personal_numbers(_UNSENDABLE.sub(" ", mask_name(name)))


# What a header's file name cannot carry: C0 and C1 controls, DEL and the line separators.
_UNSENDABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _changed_and_holds_numbers(doc: dict, path: Path, content: bytes, digest: str) -> bool:
    """Whether a PDF changed since it was indexed (a crawl run with --no-index, say) and now
    holds identity numbers: the index's verdict was about the old file. `content` is the
    file's as read for sending, `digest` its SHA-256."""
    return digest != doc.get("sha256") and has_personal_numbers(read_source(path, content))


# --- for researchers and followers (data in web.research) ---------------------------------


@bp.get("/compare")
def compare_page() -> tuple[str, int]:
    """The form fills in, and the downloads and the link to the hits carry, the parameters as
    read (`shown_params`: checked, masked, dates turned around), never the request's raw
    values: a value the page repeated unread could hold an identity number, and a link built
    from the echo alone lost "Bara beslut" beside a kind."""
    engine = get_engine()
    params, errors = request_form_params()
    result = research.compare_data(engine, params) if params.q and not errors else None
    return form_page(
        "compare.html",
        errors,
        COMPARE_FIELDS,
        result=result,
        params=data.shown_params(params),
        **research.compare_extras(engine, result, params.forbund),
    )


@bp.get("/compare.csv")
def compare_csv() -> Response:
    """The comparison as CSV for Swedish Excel; like the page, it reads no paging or order."""
    params = request_params()
    body = research.compare_csv(research.compare_data(get_engine(), params))
    return csv_download(body, research.csv_filename(data.shown_params(params)))


@bp.get("/search.csv")
def hits_csv() -> Response:
    """The search's hits as CSV for Swedish Excel (see `web.export`); links start with
    FINSOK_BASE_URL when it is set, as the feed's do."""
    params = request_params()
    base_url = site_base_url()
    body = export.hits_csv(export.hits_data(get_engine(), params), base_url)
    return csv_download(body, export.hits_filename(data.shown_params(params)))


def site_base_url() -> str:
    """The address links in a feed or a download start with: FINSOK_BASE_URL when set (a
    server behind a proxy), else the address the request came to."""
    return current_app.config["FINSOK_BASE_URL"] or request.url_root


def csv_download(body: str, filename: str) -> Response:
    """A CSV file to save: the name is ASCII (`research.csv_filename`), so it needs no
    encoding in the header."""
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/coverage")
def coverage_page() -> str:
    return render_template("coverage.html", result=research.coverage_data(get_engine()))


@bp.get("/feed")
def feed() -> Response:
    """The Atom feed of a search. Its links start with FINSOK_BASE_URL when that is set (a
    server behind a proxy), else with the address the request came to; its ids depend on
    neither (see `research.TAG`)."""
    base_url = site_base_url()
    params = request_params()
    size = current_app.config["FINSOK_FEED_SIZE"]
    xml = research.feed_xml(get_engine(), params, base_url=base_url, size=size)
    return Response(xml, mimetype="application/atom+xml")


# --- the API described for people (/api-dokumentation) --------------------------------------

# The example calls' parameters, each used where the route reads it: a word most protocols
# hold, and one hit, so that an excerpt stays short.
EXAMPLE_ARGS = {"q": "budget", "limit": "1", "section_html": "0"}
# A call that fails, to show the one error shape as it is sent.
ERROR_EXAMPLE = "api/search?q=budget&limit=0"
# An excerpt keeps the first item of a list, this many entries of a map and lines in all.
EXCERPT_ENTRIES = 4
EXCERPT_LINES = 40
EXCERPT_CHARS = 80


@bp.get("/api-dokumentation")
def api_doc_page() -> str:
    return render_template("apidoc.html", doc=api_doc_data(openapi.spec(), site_base_url()))


def api_doc_data(spec: dict, base_url: str) -> dict:
    """The API page's content, read from the OpenAPI document itself so that the page can
    never disagree with it; each example is a real call to this app (`_example`), so it
    shows what the route answers today, and its curl line starts with `base_url`."""
    parts = spec["components"]
    answers = set()
    routes = []
    first_hit = _first_hit(base_url)
    for path, item in spec["paths"].items():
        for method, op in item.items():
            ok = op["responses"]["200"]
            schema = ok.get("content", {}).get("application/json", {}).get("schema", {})
            answers.add(_ref_name(schema))
            routes.append(
                {
                    "id": op["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": op["summary"],
                    "description": _code_parts(op.get("description", "")),
                    "params": [_param(_resolve(p, parts)) for p in op.get("parameters", [])],
                    "answer": _code_parts(ok["description"]),
                    "media": next(iter(ok.get("content", {"": None}))),
                    "fields": _fields(_resolve(schema, parts)),
                    "errors": sorted(s for s in op["responses"] if s != "200"),
                    "example": _example(path, op, base_url, first_hit),
                }
            )
    error = parts["schemas"]["Error"]
    return {
        "info": {**spec["info"], "description": _code_parts(spec["info"]["description"])},
        "json_url": url_for("api.api_openapi"),
        "base_url": base_url,
        "routes": routes,
        "error_fields": _fields(error["properties"]["error"]),
        "error_description": error.get("description", ""),
        "statuses": _statuses(spec),
        "error_example": _call(ERROR_EXAMPLE, base_url),
        "objects": [
            {"name": name, "description": _code_parts(s.get("description", "")), **_object(s)}
            for name, s in parts["schemas"].items()
            if name not in answers and name not in ("Error", "OpenAPI")
        ],
    }


def _ref_name(schema: dict) -> str | None:
    ref = schema.get("$ref", "")
    return ref.rpartition("/")[2] or None


def _resolve(item: dict, parts: dict) -> dict:
    """A `$ref` to the document's components as what it names; anything else as it is."""
    ref = item.get("$ref")
    if not ref:
        return item
    _, kind, name = ref.removeprefix("#/").split("/")
    return {**parts[kind][name], **{k: v for k, v in item.items() if k != "$ref"}}


def _code_parts(text: str) -> list[tuple[str, bool]]:
    """`text` split on backticks: (piece, is code). The template prints each piece escaped,
    a code piece inside <code>, so no text from the document is ever taken as markup."""
    return [(piece, i % 2 == 1) for i, piece in enumerate(text.split("`")) if piece]


def _type(schema: dict) -> list[tuple[str, str | None]]:
    """A schema's type in words, as (text, name of the object it links to or None)."""
    if name := _ref_name(schema):
        return [(name, name)]
    if "anyOf" in schema:
        return _joined([_type(s) for s in schema["anyOf"]])
    kinds = schema.get("type", "object")
    if isinstance(kinds, list):
        return _joined([_type({**schema, "type": k}) for k in kinds])
    if kinds == "array":
        return [("lista av ", None), *_type(schema.get("items", {}))]
    if kinds == "object" and "properties" in schema:
        return [(f"objekt med {', '.join(schema['properties'])}", None)]
    if kinds == "object" and isinstance(schema.get("additionalProperties"), dict):
        return [("objekt: namn → ", None), *_type(schema["additionalProperties"])]
    return [(kinds, None)]


def _joined(types: list[list[tuple[str, str | None]]]) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for i, parts in enumerate(types):
        out += [(" eller ", None)] * (i > 0) + parts
    return out


# A schema's limits as the page says them, in the order shown.
LIMITS = (
    ("minimum", "minst {}"),
    ("maximum", "högst {}"),
    ("minLength", "minst {} tecken"),
    ("maxLength", "högst {} tecken"),
    ("maxItems", "högst {} värden"),
    ("pattern", "mönster {}"),
    ("format", "format {}"),
    ("const", "alltid {}"),
    ("default", "standard {}"),
)


def _limits(schema: dict) -> list[str]:
    """What values a schema allows, in words: its values when it lists them, its limits."""
    said = []
    values = schema.get("enum") or schema.get("items", {}).get("enum")
    if values:
        said.append("ett av: " + ", ".join("null" if v is None else str(v) for v in values))
    for key, words in LIMITS:
        for where in (schema, schema.get("items", {})):
            if key in where:
                said.append(words.format(where[key]))
    return said


def _param(param: dict) -> dict:
    schema = param.get("schema", {})
    return {
        "name": param["name"],
        "in": "sökväg" if param["in"] == "path" else "fråga",
        "type": _type(schema),
        "required": bool(param.get("required")),
        "description": _code_parts(param.get("description") or schema.get("description", "")),
        "limits": _limits(schema),
    }


def _fields(schema: dict) -> list[dict]:
    """An object's fields: name, type, whether it is always there, description, limits."""
    required = set(schema.get("required", ()))
    return [
        {
            "name": name,
            "type": _type(field),
            "required": name in required,
            "description": _code_parts(field.get("description", "")),
            "limits": _limits(field),
        }
        for name, field in schema.get("properties", {}).items()
    ]


def _object(schema: dict) -> dict:
    return {"fields": _fields(schema), "type": None if "properties" in schema else _type(schema)}


def _statuses(spec: dict) -> list[dict]:
    """Each error status with what it means (`components.responses`), as the routes use it."""
    found: dict[str, str] = {}
    for item in spec["paths"].values():
        for op in item.values():
            for status, answer in op["responses"].items():
                if status != "200" and "$ref" in answer:
                    found[status] = _resolve(answer, spec["components"])["description"]
    return [{"status": s, "description": _code_parts(found[s])} for s in sorted(found)]


def _first_hit(base_url: str) -> dict:
    """The example search's first hit, whose ids fill the example calls' path parameters; an
    empty dict when the index has none (those examples then show no answer)."""
    answer = _call("api/search?" + urlencode({"q": EXAMPLE_ARGS["q"], "limit": 1}), base_url)
    hits = json.loads(answer["body"]).get("hits", []) if answer["status"] == 200 else []
    return {"doc_id": hits[0]["doc_id"], "section_id": hits[0]["id"]} if hits else {}


def _example(path: str, op: dict, base_url: str, first_hit: dict) -> dict | None:
    """A call of the route with `EXAMPLE_ARGS` it reads, its path parameters taken from
    `first_hit`; None when the index gives no value for one."""
    names = {p.get("name") or p["$ref"].rpartition("/")[2] for p in op.get("parameters", [])}
    target = path
    for name in re.findall(r"{(\w+)}", path):
        if name not in first_hit:
            return None
        target = target.replace("{" + name + "}", quote(first_hit[name], safe=""))
    args = {k: v for k, v in EXAMPLE_ARGS.items() if k in names}
    return _call(target.lstrip("/") + (f"?{urlencode(args)}" if args else ""), base_url)


def _call(target: str, base_url: str) -> dict:
    """`target` (a path under the site, with its query) asked of this very app, as a client
    would ask it, and its answer cut to an excerpt. No network: the app answers itself."""
    with current_app.test_request_context("/" + target, base_url=request.url_root):
        response = current_app.full_dispatch_request()
    body = response.get_data(as_text=True)
    return {
        "curl": "curl " + shlex.quote(site_link(base_url, target)),
        "status": response.status_code,
        "body": body,
        "excerpt": _excerpt(body, response.mimetype),
    }


def _excerpt(body: str, mimetype: str) -> str:
    """An answer cut short enough to read: JSON with each list at its first item, each map at
    `EXCERPT_ENTRIES` entries and long strings cut, then at most `EXCERPT_LINES` lines."""
    if mimetype == "application/json":
        body = json.dumps(_shortened(json.loads(body), 0), ensure_ascii=False, indent=2)
    lines = body.splitlines()
    return "\n".join(lines[:EXCERPT_LINES] + ["…"] * (len(lines) > EXCERPT_LINES))


def _shortened(value: object, depth: int) -> object:
    if isinstance(value, list):
        return [_shortened(v, depth + 1) for v in value[:1]] + ["…"] * (len(value) > 1)
    if isinstance(value, dict):
        items = list(value.items())
        kept = items if depth == 0 else items[:EXCERPT_ENTRIES]
        out = {k: _shortened(v, depth + 1) for k, v in kept}
        return out | ({"…": "…"} if len(kept) < len(items) else {})
    if isinstance(value, str) and len(value) > EXCERPT_CHARS:
        return value[:EXCERPT_CHARS] + "…"
    return value
