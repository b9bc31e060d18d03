"""One error type, one JSON shape: every failure becomes a clear Swedish message.

API errors are `{"error": {"status": 400, "code": "bad_param", "message": "…"}}`; page errors
render the error page. Unexpected exceptions are logged with their traceback on the server
and answered with a generic message: no traceback or internal path ever reaches a client.
"""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

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


def error_response(status: int, code: str, message: str) -> Response | tuple[str, int]:
    # A message may quote a parameter as given ("Parametern page: 8504121230 …"), and no
    # answer repeats an identity number.
    message = mask_typed(message)
    if wants_json():
        response = jsonify({"error": {"status": status, "code": code, "message": message}})
        response.status_code = status
        return response
    return render_template("error.html", status=status, message=message), status


def register(app: Flask) -> None:
    @app.errorhandler(FinsokError)
    def finsok_error(exc: FinsokError):
        return error_response(exc.status, exc.code, exc.message)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        message = _HTTP_MESSAGES.get(status, exc.name)
        return error_response(status, exc.name.lower().replace(" ", "_"), message)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unexpected error on %s", request.path)
        return error_response(500, "internal_error", "Ett internt fel uppstod. Försök igen.")
