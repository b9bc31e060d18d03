"""Where the site is mounted: the path prefix behind a reverse proxy ("/finsok" for
https://example.se/finsok/).

Flask builds every page link with `url_for`, which starts them with the WSGI `SCRIPT_NAME`
(`request.script_root`), and the API's links start with it too (`web.data.rooted`). Without
FINSOK_BASE_URL that is the server's `SCRIPT_NAME` (gunicorn reads it from the environment or
a header). With it, its path: FINSOK_BASE_URL is the site's public address, which the feed and
the CSV already link under, so the pages and the API link there too (they linked to /doc/…
while the feed linked to https://example.se/finsok/doc/…, and the proxy passes on only the
latter).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

WsgiApp = Callable[[dict, Callable[..., Any]], Iterable[bytes]]


def base_path(base_url: str) -> str:
    """The path of FINSOK_BASE_URL without its last "/": "/finsok", or "" for "/"."""
    return urlsplit(base_url).path.rstrip("/")


def mounted(app: WsgiApp, base_url: str | None) -> WsgiApp:
    """`app` with every link under the path of `base_url` (FINSOK_BASE_URL), whatever
    `SCRIPT_NAME` the server gave; unchanged without one. A request that comes with no
    `SCRIPT_NAME` and the prefix still in its path (a proxy that does not strip it) finds its
    route, as gunicorn strips a `SCRIPT_NAME` it was given."""
    if base_url is None:
        return app
    path = base_path(base_url)

    def wrapped(environ: dict, start_response: Callable[..., Any]) -> Iterable[bytes]:
        info = environ.get("PATH_INFO", "")
        if (
            path
            and not environ.get("SCRIPT_NAME")
            and (info == path or info.startswith(path + "/"))
        ):
            environ["PATH_INFO"] = info[len(path) :] or "/"
        environ["SCRIPT_NAME"] = path
        return app(environ, start_response)

    return wrapped
