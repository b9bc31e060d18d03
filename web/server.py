"""Running the app in production: gunicorn, one worker process per core, threads in each.

Searching releases the GIL inside tantivy, but compiling queries, building snippets and
rendering JSON are Python; several processes let both cores do that work at once. Each worker
builds its own app and opens the index read-only on its first request.

A request gunicorn cannot read (a request line too long, a malformed header) never reaches the
app: gunicorn answers it itself, by default with an English HTML page that echoes the line.
`SwedishErrorWorker` answers it with the API's JSON error in Swedish, echoing nothing.
"""

from __future__ import annotations

import json
import os
import re
import socket
import ssl

from gunicorn.app.base import BaseApplication
from gunicorn.http import errors as http_errors
from gunicorn.workers.gthread import ThreadWorker
from werkzeug.http import HTTP_STATUS_CODES

from web.errors import INTERNAL_CODE, INTERNAL_MESSAGE, code_for

# The longest request line (method, target, version) gunicorn reads, in bytes: its largest
# non-zero value (0 means no limit at all, which lets one client make a worker buffer without
# end). Its default, 4094, turned away requests the API accepts: a q of 500 characters is
# 6000 bytes when each is an emoji (4 UTF-8 bytes, each percent-encoded as 3). With 8190 such
# a q, every other parameter at its longest and some 20 förbund still fit
# (tests/test_web.py); a longer line gets a 414 (`SwedishErrorWorker`), declared in the OpenAPI
# document.
LIMIT_REQUEST_LINE = 8190


# How the answer to a request line gunicorn refused begins, and its reasons (`line_reason`).
LINE_UNREADABLE = "Förfrågans rad kunde inte läsas (ogiltig HTTP)"
_LINE_FORM = (
    "den ska vara metod, adress och HTTP-version med ett mellanslag emellan och sluta med "
    "CRLF, till exempel GET /api/search?q=budget HTTP/1.1."
)
_PATH_FORM = "Ange en sökväg som börjar med /, till exempel /api/search?q=budget."
_NON_ASCII = (
    "tecken utanför ASCII i adressen, som å, ä och ö, ska procentkodas, som webbläsare gör "
    "(curl: -G --data-urlencode 'q=…')."
)
_BLANK = "ett mellanslag i adressen ska procentkodas (%20), som webbläsare gör."
# A request line as gunicorn splits it: method, target and version, one blank between each.
_LINE = re.compile(r"(?P<method>[^ ]+) (?P<target>[^ ]*) HTTP/.*", re.DOTALL)
_NOT_ASCII = re.compile(r"[\x80-\xff]")
_NOT_PRINTABLE = re.compile(r"[^\x21-\x7e]")
# A version holding a blank and then one: the target had a blank in it (`GET /a b HTTP/1.1`).
_BLANK_IN_TARGET = re.compile(r" HTTP/")

# What gunicorn's reader refuses, first match wins: (exception, status, message). A response
# header gunicorn refuses is the app's fault, not the client's: a failure of the server's own.
_UNREADABLE = (
    (
        (http_errors.InvalidResponseHeader, http_errors.InvalidResponseHeaderName),
        500,
        INTERNAL_MESSAGE,
    ),
    (http_errors.ExpectationFailed, 417, "Förfrågans Expect-rubrik stöds inte."),
    (
        http_errors.LimitRequestLine,
        414,
        f"Adressen är för lång (högst {LIMIT_REQUEST_LINE} byte för metod, adress och "
        "parametrar). Korta frågan eller ta bort parametrar.",
    ),
    (
        http_errors.LimitRequestHeaders,
        431,
        "Förfrågans rubrikfält (headers) är för många eller för stora.",
    ),
    (
        http_errors.UnsupportedTransferCoding,
        501,
        "Förfrågans överföringskodning (Transfer-Encoding) stöds inte.",
    ),
    (http_errors.ConfigurationProblem, 500, INTERNAL_MESSAGE),
    (http_errors.ForbiddenProxyRequest, 403, "Förfrågan är inte tillåten."),
    (ssl.SSLError, 403, "Förfrågan är inte tillåten."),
    (http_errors.InvalidRequestLine, 400, f"{LINE_UNREADABLE}: {_LINE_FORM}"),
    (
        http_errors.ParseException,
        400,
        "Förfrågan kunde inte läsas (ogiltig HTTP). Kontrollera adressen och rubrikfälten.",
    ),
)


def answer_for(exc: BaseException) -> tuple[int, str, str]:
    """(status, code, message) of the answer to what gunicorn could not handle (`_UNREADABLE`),
    in the app's own terms (`web.errors`): the code is the status's name, and anything else is
    a failure of the server's own. A request line gets the reason it could not be read
    (`line_reason`)."""
    status, message = next(
        ((s, m) for kind, s, m in _UNREADABLE if isinstance(exc, kind)), (500, INTERNAL_MESSAGE)
    )
    if isinstance(exc, http_errors.InvalidRequestLine):
        message = f"{LINE_UNREADABLE}: {line_reason(getattr(exc, 'req', None))}"
    elif isinstance(exc, http_errors.InvalidHTTPVersion) and _BLANK_IN_TARGET.search(
        str(getattr(exc, "version", ""))
    ):
        message = f"{LINE_UNREADABLE}: {_BLANK}"
    code = INTERNAL_CODE if status == 500 else code_for(HTTP_STATUS_CODES[status])
    return status, code, message


def line_reason(line: object) -> str:
    """Why gunicorn refused a request line, from the line itself (`InvalidRequestLine.req`,
    its bytes as Latin-1 text), in the order gunicorn checks it (`gunicorn.http.message`).
    gunicorn raises one error for every fault of the line, and the answer blamed letters
    outside ASCII for all of them: `GET * HTTP/1.1`, `GET api/search HTTP/1.1` or `GET  HTTP/1.1`
    hold none. The message never repeats the line, which may hold anything."""
    match = _LINE.fullmatch(line) if isinstance(line, str) else None
    if match is None:  # not three parts, a bare LF, or the words of another parser
        return _LINE_FORM
    target = match["target"]
    if _NOT_ASCII.search(target):
        return _NON_ASCII
    if _NOT_PRINTABLE.search(target):
        return (
            "adressen innehåller ett styrtecken eller en tabb, som ska procentkodas (%09 för tabb)."
        )
    if target == "":
        return (
            "adressen saknas mellan metoden och HTTP-versionen: skriv till exempel "
            "GET /api/search?q=budget HTTP/1.1."
        )
    if target == "*":
        return f"adressen * gäller bara metoden OPTIONS. {_PATH_FORM}"
    if not target.startswith("/") and "://" not in target:
        return f"adressen börjar inte med / och är ingen hel URL (http://…). {_PATH_FORM}"
    return f"adressen kan inte läsas som en URL. {_PATH_FORM}"


class SwedishErrorWorker(ThreadWorker):
    """gunicorn's threaded worker, answering what it cannot read in the API's error shape."""

    def handle_error(
        self, req: object, client: socket.socket, addr: object, exc: BaseException
    ) -> None:
        status, code, message = answer_for(exc)
        if status == 500:
            self.log.exception("Fel vid hantering av en förfrågan")
        else:  # the client's fault: one line, without the request, which may name anything
            self.log.warning("Oläslig förfrågan (%s): %s", status, type(exc).__name__)
        body = json.dumps(
            {"error": {"status": status, "code": code, "message": message}}, ensure_ascii=False
        ).encode("utf-8")
        head = (
            f"HTTP/1.1 {status} {HTTP_STATUS_CODES[status]}\r\n"
            "Content-Type: application/json; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        )
        try:
            client.sendall(head.encode("ascii") + body)
        except OSError:
            self.log.debug("Kunde inte skicka felsvaret.")


class _Gunicorn(BaseApplication):
    def __init__(self, app_config: dict, options: dict) -> None:
        self.app_config = app_config
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from web import create_app

        return create_app(self.app_config)


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def serve(app_config: dict, *, host: str, port: int, workers: int, threads: int) -> None:
    """Serve until interrupted (Ctrl+C or SIGTERM stop the workers gracefully)."""
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": f"{__name__}.SwedishErrorWorker",
        "timeout": 60,
        "graceful_timeout": 5,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "finsok",
        "limit_request_line": LIMIT_REQUEST_LINE,
    }
    _Gunicorn(app_config, options).run()
