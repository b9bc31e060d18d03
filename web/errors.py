"""One error type, one JSON shape: every failure becomes a clear Swedish message.

API errors are `{"error": {"status": 400, "code": "bad_param", "message": "…"}}`; page errors
render the error page, which speaks to a reader: a heading for the kind of error, the
message in the page's words (a bad parameter is named as the form names it, see
`web.params.BadParam`) and a way on that keeps the query. Unexpected exceptions are logged
with their traceback on the server and answered with a generic message: no traceback or
internal path ever reaches a client.
"""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from index.errors import FinsokError
from index.privacy import mask_typed
from web.params import BadParam, search_state

_HTTP_MESSAGES = {
    400: "Felaktig förfrågan.",
    404: "Sidan finns inte.",
    405: "Metoden stöds inte här.",
    413: "Förfrågan är för stor.",
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


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def error_response(
    status: int, code: str, message: str, *, reader: str | None = None, faulty: str = ""
) -> Response | tuple[str, int]:
    """The API's JSON error with `message`, or the error page with `reader` (else `message`);
    `faulty` names a parameter the page's way on leaves out."""
    # A message may quote a parameter as given ("Parametern page: 8504121230 …"), and no
    # answer repeats an identity number.
    if wants_json():
        body = {"status": status, "code": code, "message": mask_typed(message)}
        response = jsonify({"error": body})
        response.status_code = status
        return response
    page = render_template(
        "error.html",
        status=status,
        heading=_HEADINGS.get(status, DEFAULT_HEADING),
        message=_sentence(mask_typed(reader or message)),
        way_on=way_on(faulty),
    )
    return page, status


def way_on(faulty: str = "") -> dict:
    """The error page's link on, `{url, label}`: back to the page that failed with its search
    (the query and filters) but without the `faulty` parameter, which the reader cannot
    correct in the form; a link that names the query when there is one."""
    endpoint, with_q, without_q = _WAYS_ON.get(request.endpoint or "", _SEARCH_WAY_ON)
    q = mask_typed(request.args.get("q", "")).strip()[:500]
    args = request.args.items(multi=True)
    if faulty in ("page", "offset", "limit"):  # a page number only holds with its size
        faulty_keys = {"page", "offset", "limit"}
        args = [(k, v) for k, v in args if k not in faulty_keys]
    if faulty == "kind":
        args = [(k, v) for k, v in args if k != "decisions"]
    url = search_state(url_for(endpoint), args, without=faulty)
    return {"url": url, "label": with_q.format(q=q) if q else without_q}


def _sentence(text: str) -> str:
    """`text` ending as a sentence does, so every message on an error page reads alike."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def register(app: Flask) -> None:
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
        message = _HTTP_MESSAGES.get(status, exc.name)
        reader = _PAGE_MESSAGES.get(status)
        return error_response(status, exc.name.lower().replace(" ", "_"), message, reader=reader)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unexpected error on %s", request.path)
        return error_response(500, "internal_error", "Ett internt fel uppstod. Försök igen.")
