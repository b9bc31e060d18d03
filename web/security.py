"""Response headers that keep document text inert, and how programs may read and cache the
JSON API (see docs/web-and-api.md, "Errors" and "Caching and cross-origin reads")."""

from __future__ import annotations

from flask import Flask, Response, request

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
# Every answer of the API and the health check, errors included: a cache may keep it but must
# ask again before using it. The answers follow an index that `finsok index` changes while the
# server runs, and a 404 for an id the next run adds is heuristically cacheable otherwise
# (RFC 9111 §4.2.2).
API_CACHE_CONTROL = "no-cache"
# A cross-origin preflight (a page elsewhere that sends a header of its own): which methods
# and headers a read may use, and how long a browser may keep that answer (Chrome keeps at
# most two hours). No credentials: the API is public and read-only.
PREFLIGHT = {
    "Access-Control-Allow-Methods": "GET, HEAD",
    "Access-Control-Allow-Headers": "*",
    "Access-Control-Max-Age": "7200",
}


def is_api(path: str) -> bool:
    """Whether `path` is the JSON API's (or the health check), whose answers programs read."""
    return path.startswith("/api/") or path in ("/api", "/healthz")


def register(app: Flask) -> None:
    @app.after_request
    def add_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        if not is_api(request.path):
            return response
        response.headers["Cache-Control"] = API_CACHE_CONTROL
        # `/api` itself too: its JSON 404 is for a program, which a page elsewhere may be.
        opened = request.path == "/api" or request.path.startswith("/api/")
        cross_origin = opened and request.method in _READS
        if cross_origin:
            response.headers["Access-Control-Allow-Origin"] = "*"
        if request.method == "OPTIONS" and response.status_code == 200:
            _no_content(response)
            if cross_origin:
                response.headers.update(PREFLIGHT)
        return response


# The methods a cross-origin page may use: a read, and the preflight before one.
_READS = ("GET", "HEAD", "OPTIONS")


def _no_content(response: Response) -> None:
    """Flask's own answer to OPTIONS (200, an empty text/html body, `Allow`) as 204 without a
    body type: a JSON route's answer is JSON or nothing, never HTML (`/healthz` answered
    OPTIONS with an empty text/html body). Under /api/ it is a preflight's answer too."""
    response.status_code = 204
    response.headers.pop("Content-Type", None)
