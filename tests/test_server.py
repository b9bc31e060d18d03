"""The production server (`finsok serve`, gunicorn) over real sockets: its answer to a request
it cannot read, which never reaches the app."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
from gunicorn.http import errors as http_errors

from tests.conftest import raw_answer, send_raw
from web.server import LIMIT_REQUEST_LINE, answer_for

NUMBER = "19121212-1212"  # an identity number typed into a request: never echoed


@pytest.mark.parametrize(
    ("data", "status", "code", "says"),
    [
        # A request line longer than the server reads.
        (
            f"GET /api/search?q={NUMBER}{'a' * LIMIT_REQUEST_LINE} HTTP/1.1\r\n\r\n".encode(),
            414,
            "request_uri_too_long",
            "Adressen är för lång",
        ),
        # A header line without a colon.
        (
            f"GET /api/search?q={NUMBER} HTTP/1.1\r\nHost: x\r\nTrasig rad\r\n\r\n".encode(),
            400,
            "bad_request",
            "Förfrågan kunde inte läsas",
        ),
        # No HTTP version the server knows.
        (f"GET /?q={NUMBER} HTTP/9.x\r\n\r\n".encode(), 400, "bad_request", "ogiltig HTTP"),
        # A letter sent as raw bytes, not percent-encoded (`curl '…?q=mål'`).
        (
            "GET /api/search?q=mål HTTP/1.1\r\n\r\n".encode(),
            400,
            "bad_request",
            "ska procentkodas",
        ),
        # A control character in the method.
        (b"GE\x01T / HTTP/1.1\r\n\r\n", 400, "bad_request", "ogiltig HTTP"),
    ],
)
def test_an_unreadable_request_gets_the_api_error_in_swedish(
    server: str, data: bytes, status: int, code: str, says: str
) -> None:
    """gunicorn answers these itself; before, with an English HTML page echoing the line."""
    got, content_type, body = send_raw(urlsplit(server).port, data)
    assert got == status
    assert content_type == "application/json; charset=utf-8"
    error = json.loads(body)["error"]
    assert set(error) == {"status", "code", "message"}  # the API's one error shape
    assert (error["status"], error["code"]) == (status, code)
    assert says in error["message"]
    assert "19121212" not in body and "<html" not in body.lower()
    # The server goes on serving.
    with urllib.request.urlopen(f"{server}/healthz", timeout=5) as response:
        assert response.status == 200


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        # the app's fault, though gunicorn's reader raised it: never the client's 400
        (http_errors.InvalidResponseHeader("X-Trasig"), 500),
        (http_errors.InvalidResponseHeaderName("X Trasig"), 500),
        (http_errors.ExpectationFailed("100-fortsätt"), 417),
        (http_errors.LimitRequestLine(9000, 8190), 414),
        (http_errors.InvalidHeader("Trasig rad"), 400),
        (RuntimeError("oväntat"), 500),
    ],
)
def test_each_failure_gets_its_status(exc: BaseException, status: int) -> None:
    """Found in review: a response header the app set wrongly was answered as the client's 400."""
    assert answer_for(exc)[0] == status


def test_the_server_answers_programs_as_the_app_does(server: str) -> None:
    """Through gunicorn: a cross-origin preflight is a 204 without a body or its length
    (RFC 9110 §8.6), JSON says its charset and no-cache, and bytes that are no UTF-8 are a 400."""
    preflight = urllib.request.Request(
        f"{server}/api/search?q=budget",
        method="OPTIONS",
        headers={"Origin": "https://annan.example", "Access-Control-Request-Method": "GET"},
    )
    with urllib.request.urlopen(preflight, timeout=5) as response:
        assert response.status == 204 and response.read() == b""
        assert response.headers["Access-Control-Allow-Methods"] == "GET, HEAD"
        assert "Content-Length" not in response.headers
    with urllib.request.urlopen(f"{server}/api/search?q=m%C3%A5l", timeout=5) as response:
        assert response.headers["Content-Type"] == "application/json; charset=utf-8"
        assert response.headers["Cache-Control"] == "no-cache"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{server}/api/search?q=m%E5l", timeout=5)
    assert refused.value.code == 400
    assert json.loads(refused.value.read())["error"]["code"] == "bad_param"


def test_options_star_asks_the_server_what_it_supports(server: str) -> None:
    """`OPTIONS *` (RFC 9110 §9.3.7) is about the server as a whole: gunicorn passed it on and
    the app answered with the HTML page "Sidan finns inte". It is a 204 with the server's
    methods in `Allow` and no body, as `OPTIONS /healthz` is."""
    request = b"OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    status, headers, body = raw_answer(urlsplit(server).port, request)
    assert (status, body) == (204, b"")
    assert set(headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "Content-Type" not in headers and "Content-Length" not in headers


@pytest.mark.parametrize("target", ["example.com:443", "127.0.0.1:22", "/api/search", "/"])
def test_connect_is_refused_in_the_api_error_shape(server: str, target: str) -> None:
    """A CONNECT asks for a tunnel through a proxy: gunicorn passed it on, and the app
    answered with the HTML page "Sidan finns inte" (or, for a path, "Använd GET." in HTML)."""
    request = f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\nConnection: close\r\n\r\n"
    status, headers, body = raw_answer(urlsplit(server).port, request.encode())
    assert status == 405
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert set(headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    error = json.loads(body)["error"]
    assert set(error) == {"status", "code", "message"}
    assert (error["status"], error["code"]) == (405, "method_not_allowed")
    assert error["message"].startswith("Metoden CONNECT stöds inte: Finsök är ingen proxy")
