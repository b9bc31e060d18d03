"""One error type, one JSON shape: every failure becomes a clear Swedish message.

API errors are `{"error": {"status": 400, "code": "bad_param", "message": "…"}}`; page errors
render the error page. Unexpected exceptions are logged with their traceback on the server
and answered with a generic message: no traceback or internal path ever reaches a client.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask, Response, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from index.errors import FinsokError
from index.privacy import mask_typed

_HTTP_MESSAGES = {
    400: "Felaktig förfrågan.",
    404: "Sidan finns inte.",
    405: "Metoden stöds inte här.",
    413: "Förfrågan är för stor.",
    429: "För många förfrågningar — vänta en stund.",
}


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    """The one error answer: JSON for the API, the error page otherwise. `headers` carries what
    HTTP requires beside the status (a 405's `Allow`)."""
    # A message may quote a parameter as given ("Parametern page: 8504121230 …"), and no
    # answer repeats an identity number.
    message = mask_typed(message)
    if wants_json():
        response = jsonify({"error": {"status": status, "code": code, "message": message}})
    else:
        response = make_response(render_template("error.html", status=status, message=message))
    response.status_code = status
    response.headers.update(headers or {})
    return response


def _http_headers(exc: HTTPException) -> dict[str, str]:
    """The headers Werkzeug's own answer would carry (`Allow` on a 405, `Retry-After` …),
    except its body's Content-Type: the answer made here has its own body."""
    return {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}


def _http_message(exc: HTTPException, status: int) -> str:
    """The Swedish message; a 405 says which method works, so the caller can fix the call."""
    message = _HTTP_MESSAGES.get(status, exc.name)
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        # HEAD and OPTIONS come with every GET route; name the methods a caller means.
        methods = [m for m in exc.valid_methods if m not in ("HEAD", "OPTIONS")]
        if methods:
            message += f" Använd {' eller '.join(sorted(methods))}."
    return message


def register(app: Flask) -> None:
    @app.errorhandler(FinsokError)
    def finsok_error(exc: FinsokError):
        return error_response(exc.status, exc.code, exc.message)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        code = exc.name.lower().replace(" ", "_")
        return error_response(status, code, _http_message(exc, status), _http_headers(exc))

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unexpected error on %s", request.path)
        return error_response(500, "internal_error", "Ett internt fel uppstod. Försök igen.")
