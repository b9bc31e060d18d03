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
import os
import re
import stat
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import BinaryIO
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from flask import Blueprint, Response, current_app, render_template, request, send_file, url_for
from werkzeug.datastructures import MultiDict

from index.errors import FinsokError, SourceError, listed, without_controls
from index.metadata import slugify
from index.privacy import mask_name, mask_personal_numbers, mask_typed
from index.sources import (
    NOT_A_FILE,
    has_personal_numbers,
    original_text,
    read_source,
    sha256_of,
)
from search.engine import Engine, SearchParams
from search.params import quoted
from web import apidoc, data, export, openapi, research
from web.engine import get_engine
from web.errors import form_errors, shown_message
from web.ignored import HEADER, header_value, ignored_hint, ignored_params, unread_beside
from web.markup import marked
from web.params import (
    DECISIONS_OFF,
    DECISIONS_ON,
    SEARCH_DEFAULTS,
    SEARCH_KEYS,
    UNREAD_BY,
    BadParam,
    canonical,
    enumerated,
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
    (`UNREAD_BY`: paging and order on the compare page) is left out, as is one at its default
    (`SEARCH_DEFAULTS`: `sort=relevance`, `page=1`), which the form does not send either
    (finsok.js `sendOnlyWhatIsFilledIn`): one search, one address. An identity number in the
    query is masked here too: no link on a page repeats one."""
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
    said = [(k, v) for k, vs in args.lists() for v in vs if v != ""]
    query = urlencode([pair for pair in said if pair not in SEARCH_DEFAULTS])
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

# The parameters each page, download and feed reads, by endpoint (the API's are
# `web.api.READ_BY`); any other is not read, and is named so (`unread_here`). A page that reads
# none (the coverage, the API's description) has no hint to give: no name looks like one it reads.
PAGE_READS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("pages.search_page", "pages.documents_page"), SEARCH_KEYS),
    **{
        page: tuple(k for k in SEARCH_KEYS if k not in not_read)
        for page, not_read in UNREAD_BY.items()
    },
    "pages.document_page": ("q", "back", HEAD_PARAM, *FILTER_KEYS),
}


def unread_here(
    reads: Mapping[str, Collection[str]] = PAGE_READS,
) -> tuple[list[str], str | None]:
    """The current request's parameters that its route (`reads`, by endpoint) does not read,
    and the hint for those that look like one it does (`web.ignored`): answered as if unsent,
    a shared `?q=budget&forbnd=halland` gave a page, a download or a feed of every förbund's
    hits and no word. A page shows the hint; a download or a feed names them in a header
    (`named_unread`)."""
    read = unread_beside(reads.get(request.endpoint or "", ()), request.args)
    ignored = ignored_params(request.args.keys(), read)
    return ignored, ignored_hint(ignored, read)


def named_unread(response: Response, ignored: list[str]) -> Response:
    """`response` with the header that names the parameters not read (`web.ignored.HEADER`),
    when there are any: a CSV file or a feed has no field of its own to say it in."""
    if value := header_value(ignored):
        response.headers[HEADER] = value
    return response


# What a document's page adds when a filter parameter of its own could not be read.
FILTER_LEFT_OUT = "Orden markeras utan det filtret."


def _marking_filters(back: str, q: str) -> tuple[SearchParams | None, list[str]]:
    """The filters of the search a reader came from, for marking its words `q` in a
    document: the page's own filter parameters when it has any (an address written by hand,
    `/doc/…?q=budget&kind=decision`), else those of the search in `back` (a hit's link
    carries the search's form filters there, see `doc_link`); None without any. Read as a
    page reads them: a bad value is left out, and, for the page's own, said (the API's
    message and `FILTER_LEFT_OUT`), as is what a search page notes (dates turned around): a
    `from=2024` was left out without a word, and every section was marked. Without words to
    mark none is read, and the page's own are said to be unread (`unread_filters`)."""
    own = only(request.args.items(multi=True), FILTER_KEYS)
    if not q.strip():
        return None, unread_filters(own)
    args = own
    if not args:
        found = _back_search(back)
        args = only(found[1] if found else (), FILTER_KEYS)
    if not args:
        return None, []
    cfg = current_app.config
    params, errors = form_params(
        args,
        page_size=cfg["FINSOK_PAGE_SIZE"],
        max_limit=cfg["FINSOK_MAX_LIMIT"],
        where=request.endpoint or "",
    )
    if not own:  # our own link's: the search page said what there was to say
        return params, []
    said = [f"{shown_message(exc.message)} {FILTER_LEFT_OUT}" for exc in errors]
    return params, said + params.notes


def unread_filters(own: MultiDict) -> list[str]:
    """What a document's page without a query says of its own filter parameters (`own`): it
    reads none, since a filter only limits where the query's words are marked. It said of
    `?undated=ja` "orden markeras utan den", with no words to mark, and nothing of a
    `?forbund=halland` that changed nothing."""
    names = list(dict.fromkeys(own.keys()))
    if not names:
        return []
    what = "Parametern" if len(names) == 1 else "Parametrarna"
    return [
        f"{what} {listed(names)} lästes inte: en dokumentsida läser filter bara för att markera "
        "orden i en sökfråga (q), och adressen har ingen."
    ]


def forbund_notice(engine: Engine, q: str, filters: SearchParams | None) -> str | None:
    """What a document's marking says of a `forbund` filter the index has no documents of
    (`Engine.forbund_notice`: a typo in the short name): the marking alone said that the
    filter leaves the document out, not that the förbund is unknown, as a search says it."""
    if not q.strip() or filters is None or not filters.forbund:
        return None
    return engine.forbund_notice([slugify(f) for f in filters.forbund if f])


# The form fields a bad parameter is corrected in, by page (a field's id is its parameter's
# name). Any other bad parameter (a page number, a kind a facet set) has no field there.
SEARCH_FIELDS = ("from", "to", "sort")
COMPARE_FIELDS = ("from", "to")


def form_page(
    template: str, errors: list[BadParam], fields: tuple[str, ...], **context: object
) -> tuple[str, int]:
    """A page with a form, as it is or, after a bad parameter, again with its form filled
    in, an error summary and each bad field marked (`web.errors.form_errors`), and no
    results: a 400, so that no program or crawler takes it for an answer. Either way it
    says which parameter it did not read looks like one it does (`unread_here`), and, when
    it searched nothing (`result` None), what a search would have noted of its parameters
    (`unsearched_notes`)."""
    context["ignored_hint"] = unread_here()[1]
    if context.get("result") is None:
        context["param_notices"] = unsearched_notes()
    if not errors:
        return render_template(template, **context, errors={}, way_on=None), 200
    return render_template(template, **context, **form_errors(errors, fields)), 400


def unsearched_notes() -> list[str]:
    """The notes of the current request's parameters (`SearchParams.notes`: a flag's value it
    could not read, dates turned around) for a form page that searched nothing. A search says
    them in its notice; without one they were never said, and `/?undated=ja` showed the empty
    form as if the value were fine. Read again, as a page that searched nothing says them."""
    return request_form_params(searched=False)[0].notes


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
    """A document; its parameters that could not be read are said above it (`param_notices`,
    `ignored_hint`), never a 400: the reader came for the document."""
    engine = get_engine()
    q = read_query(request.args)[0]
    raw_back = request.args.get("back", "")
    filters, notices = _marking_filters(raw_back, q)
    doc = data.document_data(
        engine, doc_id, q, request.script_root, filters=filters, whole_html=False
    )
    if request.args.getlist("forbund"):  # the page's own filter, not the search's in `back`
        notices.insert(0, forbund_notice(engine, q, filters))
    back = back_url(raw_back, doc["q"])
    head, head_notice = _head_switch()
    return render_template(
        "document.html",
        doc=doc,
        back=back,
        open_head=doc["header_marked"] or head,
        param_notices=[n for n in (*notices, head_notice) if n],
        ignored_hint=unread_here()[1],
    )


def _head_switch() -> tuple[bool, str | None]:
    """Whether `huvud` asks for the head unfolded (1, as `doc_link` writes it, or on, true),
    and what the page says of another value: it was taken as 0 without a word."""
    raw = request.args.get(HEAD_PARAM, "")
    folded = enumerated(raw)
    if folded in DECISIONS_ON or folded in DECISIONS_OFF:
        return folded in DECISIONS_ON, None
    said = shown_message(f"Parametern {HEAD_PARAM}: måste vara 1 eller 0, inte ”{quoted(raw)}”")
    return False, f"{said} Huvudet visas hopfällt."


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
    """The comparison as CSV for Swedish Excel; like the page, it reads no paging or order.
    A parameter it did not read is named in a header, and a hint in the closing note."""
    params = request_params()
    ignored, hint = unread_here()
    body = research.compare_csv(research.compare_data(get_engine(), params), hint=hint)
    return csv_download(body, research.csv_filename(data.shown_params(params)), ignored)


@bp.get("/search.csv")
def hits_csv() -> Response:
    """The search's hits as CSV for Swedish Excel (see `web.export`); links start with
    FINSOK_BASE_URL when it is set, as the feed's do. A parameter it did not read is named
    in a header, and a hint in the closing note."""
    params = request_params()
    ignored, hint = unread_here()
    base_url = site_base_url()
    body = export.hits_csv(export.hits_data(get_engine(), params), base_url, hint=hint)
    return csv_download(body, export.hits_filename(data.shown_params(params)), ignored)


def site_base_url() -> str:
    """The address links in a feed or a download start with: FINSOK_BASE_URL when set (a
    server behind a proxy), else the address the request came to."""
    return current_app.config["FINSOK_BASE_URL"] or request.url_root


def csv_download(body: str, filename: str, ignored: list[str]) -> Response:
    """A CSV file to save: the name is ASCII (`research.csv_filename`), so it needs no
    encoding in the header; the parameters the route did not read (`unread_here`) are named
    in one (`named_unread`)."""
    response = Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
    return named_unread(response, ignored)


@bp.get("/coverage")
def coverage_page() -> str:
    return render_template("coverage.html", result=research.coverage_data(get_engine()))


@bp.get("/feed")
def feed() -> Response:
    """The Atom feed of a search. Its links start with FINSOK_BASE_URL when that is set (a
    server behind a proxy), else with the address the request came to; its ids depend on
    neither (see `research.TAG`). A parameter it did not read is named in a header, and the
    hint for it is the feed's subtitle, which a feed reader shows."""
    base_url = site_base_url()
    params = request_params()
    ignored, hint = unread_here()
    size = current_app.config["FINSOK_FEED_SIZE"]
    xml = research.feed_xml(get_engine(), params, base_url=base_url, size=size, hint=hint)
    return named_unread(Response(xml, mimetype="application/atom+xml"), ignored)


@bp.get("/api-dokumentation")
def api_doc_page() -> str:
    return render_template("apidoc.html", doc=apidoc.api_doc_data(openapi.spec(), site_base_url()))
