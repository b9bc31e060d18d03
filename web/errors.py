"""One error type, one JSON shape: every failure becomes a clear Swedish message.

API errors are `{"error": {"status": 400, "code": "bad_param", "message": "…"}}`. A bad
parameter of a page with a form (search, documents, compare) shows that page again, its form
filled in, with an error summary and the field marked (`form_errors`, GOV.UK's pattern); other
page errors render the error page, which speaks to a reader: a heading for the kind of error,
the message in the page's words (a bad parameter is named as the form names it, see
`web.params.BadParam`) and a way on that keeps the query. Unexpected exceptions are logged
with their traceback on the server and answered with a generic message: no traceback or
internal path ever reaches a client.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from flask import Flask, Response, jsonify, make_response, render_template, request, url_for
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from index.errors import FinsokError, without_controls
from index.privacy import mask_typed
from web.params import UNREAD_BY, BadParam, search_state
from web.security import is_api

_HTTP_MESSAGES = {
    400: "Felaktig förfrågan.",
    404: "Sidan finns inte.",
    405: "Metoden stöds inte här.",
    413: "Förfrågan är för stor.",
    416: "Den begärda delen av filen finns inte (Range); hämta hela filen.",
    429: "För många förfrågningar — vänta en stund.",
}


# What a page says of an HTTP error where the API's message is for a program.
_PAGE_MESSAGES = {
    404: "Det finns ingen sida på den här adressen.",
    405: "Sidan kan bara hämtas, inte skickas till.",
}
# An error page's heading, by status.
_HEADINGS = {
    400: "Sökningen gick inte att göra",
    403: "Filen visas inte",
    404: "Sidan finns inte",
    503: "Sökningen fungerar inte just nu",
}
DEFAULT_HEADING = "Något gick fel"
# Where an error page leads on, by the page that failed: the page and its link's words, with
# the query and without. Any other page (an unknown address, a document) leads to the search.
_WAYS_ON = {
    "pages.compare_page": ("pages.compare_page", "Jämför ”{q}” igen", "Till jämförelsen"),
    "pages.compare_csv": ("pages.compare_page", "Jämför ”{q}” igen", "Till jämförelsen"),
    "pages.documents_page": (
        "pages.documents_page",
        "Sök ”{q}” i dokumentens huvud igen",
        "Till sökningen i dokumentens huvud",
    ),
}
_SEARCH_WAY_ON = ("pages.search_page", "Sök på ”{q}” igen", "Till sökningen")


# The answer to a failure of the server's own: no detail reaches the client.
INTERNAL_CODE = "internal_error"
INTERNAL_MESSAGE = "Ett internt fel uppstod. Försök igen."


def code_for(name: str) -> str:
    """An HTTP error's code from its name, as every answer spells it: "Request URI Too Long"
    is "request_uri_too_long"."""
    return name.lower().replace(" ", "_")


def wants_json() -> bool:
    """Whether the request is a program's: the API's paths, `/api` itself (a program trying
    the API's root got the HTML error page), the health check, and a CONNECT (a proxy's
    client, whatever its target; no browser asks a web site for a tunnel)."""
    return is_api(request.path) or request.method == "CONNECT"


# What a CONNECT is told: it asks for a tunnel through a proxy, and none lives here.
CONNECT_MESSAGE = (
    "Metoden CONNECT stöds inte: Finsök är ingen proxy och öppnar inga tunnlar. Använd GET, "
    "till exempel GET /api/search?q=budget."
)


def server_methods(app: Flask) -> str:
    """The methods the server answers at some address (its routes' own, "GET, HEAD,
    OPTIONS"), as `Allow` says them for the server as a whole."""
    return ", ".join(sorted({m for rule in app.url_map.iter_rules() for m in rule.methods or ()}))


def server_wide(app: Flask) -> Response | None:
    """The answer to a request for the server as a whole rather than an address of it, which
    routing would answer with the HTML 404 page: `OPTIONS *` (RFC 9110 §9.3.7: what the server
    supports) is a 204 with `Allow`, as `OPTIONS /healthz` is; a CONNECT (a tunnel through a
    proxy, RFC 9110 §9.3.6) a 405 in the API's error shape, with `Allow`. None for the rest.
    gunicorn passes both on; `OPTIONS *` comes with the path `*` itself."""
    if request.method == "CONNECT":
        allow = {"Allow": server_methods(app)}
        return error_response(405, "method_not_allowed", CONNECT_MESSAGE, headers=allow)
    if request.method == "OPTIONS" and request.environ.get("PATH_INFO") == "*":
        response = Response(status=204, headers={"Allow": server_methods(app)})
        response.headers.pop("Content-Type", None)  # no body, so no body type
        return response
    return None


def error_response(
    status: int,
    code: str,
    message: str,
    *,
    reader: str | None = None,
    faulty: str = "",
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The API's JSON error with `message`, or the error page with `reader` (else `message`);
    `faulty` names a parameter the page's way on leaves out, and `headers` carries what HTTP
    requires beside the status (a 405's `Allow`)."""
    # A message may quote a parameter as given: see `shown_message` for what is taken out.
    # Every API message is a sentence ending in a full stop, as a page's is: the reasons are
    # written as parts ("Parametern sort: måste vara …"), some of which ended in one and some
    # not, so a client printing them got both.
    if wants_json():
        body = {"status": status, "code": code, "message": shown_message(message)}
        response = jsonify({"error": body})
    else:
        page = render_template(
            "error.html",
            status=status,
            heading=_HEADINGS.get(status, DEFAULT_HEADING),
            message=shown_message(reader or message),
            way_on=way_on([faulty] if faulty else []),
        )
        response = make_response(page)
    response.status_code = status
    response.headers.update(headers or {})
    return response


def _http_headers(exc: HTTPException) -> dict[str, str]:
    """The headers Werkzeug's own answer would carry (`Allow` on a 405, `Retry-After` …),
    except its body's Content-Type: the answer made here has its own body."""
    return {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}


def _http_message(exc: HTTPException, status: int) -> str:
    """The Swedish message; a 405 says which method works, so the caller can fix the call."""
    # Werkzeug's own name ("Requested Range Not Satisfiable") is English: never shown.
    message = _HTTP_MESSAGES.get(status, f"Förfrågan gick inte att besvara (HTTP {status}).")
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        # HEAD and OPTIONS come with every GET route; name the methods a caller means.
        methods = [m for m in exc.valid_methods if m not in ("HEAD", "OPTIONS")]
        if methods:
            message += f" Använd {' eller '.join(sorted(methods))}."
    return message


def shown_message(text: str) -> str:
    """A message as a page or the API shows it: without control characters, any identity
    number masked, ending as a sentence. A message may quote a parameter as given ("Parametern page:
    8504121230 …"), and no answer repeats an identity number; it may also quote a NUL or an
    escape typed in the URL ("/doc/%00"), which no page shows. Pages drop control characters
    again when they print (the templates' `finalize`), but only after this: one between a
    number's digits would hide it from `mask_typed`."""
    return _sentence(mask_typed(without_controls(text)))


# Parameters that only hold together: a page number with its size, a kind with "Bara beslut".
_HELD_TOGETHER = {
    "page": ("page", "offset", "limit"),
    "offset": ("page", "offset", "limit"),
    "limit": ("page", "offset", "limit"),
    "kind": ("kind", "decisions"),
}
# The longest value a form field shows again as typed (a date is 10 characters).
MAX_SHOWN_VALUE = 100


def way_on(faulty: Iterable[str] = ()) -> dict:
    """The link on from an error, `{url, label}`: back to the page that failed with its search
    (the query and filters) but without the `faulty` parameters, which the reader cannot
    correct in the form, nor those that page does not read (`UNREAD_BY`: paging and order on
    the compare page); a link that names the query when there is one."""
    endpoint, with_q, without_q = _WAYS_ON.get(request.endpoint or "", _SEARCH_WAY_ON)
    # Controls go first: one between a number's digits would hide it from the masking.
    q = mask_typed(without_controls(request.args.get("q", ""))).strip()[:500]
    dropped = {key for name in faulty for key in _HELD_TOGETHER.get(name, (name,))}
    dropped.update(UNREAD_BY.get(endpoint, ()))
    args = [(k, v) for k, v in request.args.items(multi=True) if k not in dropped]
    url = search_state(url_for(endpoint), args)
    return {"url": url, "label": with_q.format(q=q) if q else without_q}


def form_errors(errors: list[BadParam], fields: Collection[str]) -> dict:
    """What a page shows of its bad parameters beside its form (GOV.UK's error pattern):
    each error's message in the form's words and the value as typed (both masked, no control
    characters), and `field`, the id of the form field it is corrected in, when the page has
    one (`fields`); for the others (a page number, a kind set by a facet), `way_on`: the same
    search without them. The page shows its form without the results; the answer is a 400."""
    order = list(fields)
    shown = {}  # in the form's order, the errors without a field last
    for exc in sorted(errors, key=lambda e: order.index(e.name) if e.name in order else len(order)):
        typed = mask_typed(without_controls(request.args.get(exc.name, "")))
        shown[exc.name] = {
            "message": shown_message(exc.reader),
            "typed": typed[:MAX_SHOWN_VALUE],
            "field": exc.name if exc.name in fields else None,
        }
    unfixable = [name for name, error in shown.items() if error["field"] is None]
    return {"errors": shown, "way_on": way_on(shown) if unfixable else None}


def _sentence(text: str) -> str:
    """`text` ending as a sentence does, so every message on an error page and in the API
    reads alike: in a full stop (every message so far), unless it asks or exclaims."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def register(app: Flask) -> None:
    app.before_request(lambda: server_wide(app))

    @app.errorhandler(FinsokError)
    def finsok_error(exc: FinsokError):
        if isinstance(exc, BadParam):
            return error_response(
                exc.status, exc.code, exc.message, reader=exc.reader, faulty=exc.name
            )
        return error_response(exc.status, exc.code, exc.message)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        code = code_for(exc.name)
        return error_response(
            status,
            code,
            _http_message(exc, status),
            reader=_PAGE_MESSAGES.get(status),
            headers=_http_headers(exc),
        )

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unexpected error on %s", request.path)
        return error_response(500, INTERNAL_CODE, INTERNAL_MESSAGE)
