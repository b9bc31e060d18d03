"""A real web server on 127.0.0.1 for the crawler tests: pages, PDFs, robots.txt and a log.

The crawler's promises are about what goes over the wire — which URLs it asks for, which it
never asks for, whether it asks conditionally — so the tests run it against a real HTTP server
(a threaded `http.server` on an ephemeral port) and assert on the server's request log. Routes
are plain data (`Route`), so each test builds exactly the site it needs, misbehaviour included:
slow answers, redirect loops, wrong content types, oversized files.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import ssl
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.pdfgen import make_pdf

HTML = "text/html; charset=utf-8"


@dataclass
class Route:
    """What the server answers for one path (query included)."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = HTML
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0  # seconds to wait before answering
    send_length: bool = True  # False: no Content-Length, the body ends when the socket closes
    length: int | None = None  # the Content-Length announced, when not the body's (a cut transfer)
    chunked: bool = False  # sent with Transfer-Encoding: chunked (no Content-Length)
    chunk_end: bool = True  # False: the terminating empty chunk never comes (a cut transfer)


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]


class _Handler(BaseHTTPRequestHandler):
    server_version = "Testsajt/1.0"
    protocol_version = "HTTP/1.0"  # one request per connection: simple and deterministic

    def do_GET(self) -> None:
        site: Site = self.server.site  # type: ignore[attr-defined]
        site.record(Request(self.path, {k.lower(): v for k, v in self.headers.items()}))
        route = site.routes.get(self.path)
        if route is None:
            self._answer(404, {"Content-Type": HTML}, b"<html><body>Finns inte</body></html>")
            return
        if route.delay:
            time.sleep(route.delay)
        if self._not_modified(route):
            self._answer(304, self._validators(route), b"")
            return
        headers = {**self._validators(route), **route.headers}
        if route.content_type:
            headers["Content-Type"] = route.content_type
        if route.chunked:
            self._chunked(route.status, headers, route.body, end=route.chunk_end)
            return
        self._answer(
            route.status, headers, route.body, send_length=route.send_length, length=route.length
        )

    def _chunked(self, status: int, headers: dict[str, str], body: bytes, *, end: bool) -> None:
        """The body in chunks of 1000 bytes, ended by the empty chunk unless `end` is False."""
        try:
            self.send_response(status)
            for name, value in {**headers, "Transfer-Encoding": "chunked"}.items():
                self.send_header(name, value)
            self.end_headers()
            for start in range(0, len(body), 1000):
                piece = body[start : start + 1000]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            if end:
                self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _not_modified(self, route: Route) -> bool:
        if route.status != 200:
            return False
        if route.etag is not None:
            return self.headers.get("If-None-Match") == route.etag
        modified = route.last_modified
        return modified is not None and self.headers.get("If-Modified-Since") == modified

    @staticmethod
    def _validators(route: Route) -> dict[str, str]:
        headers = {}
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        return headers

    def _answer(
        self,
        status: int,
        headers: dict[str, str],
        body: bytes,
        *,
        send_length: bool = True,
        length: int | None = None,
    ) -> None:
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if send_length:
                self.send_header("Content-Length", str(len(body) if length is None else length))
            self.end_headers()
            if body and status != 304:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing to answer to

    def log_message(self, format: str, *args: object) -> None:
        pass  # the request log is Site.log, not stderr


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a handler still sleeping in a timeout test must not delay close

    def handle_error(self, request, client_address) -> None:
        pass  # a client hanging up early is expected in these tests


class Site:
    """A test website: register routes, start, point the crawler at `url(...)`, read `log`.
    With `tls` (a certificate and its key, `tls_files`), it speaks https."""

    def __init__(self, workdir: Path, tls: tuple[Path, Path] | None = None) -> None:
        self.workdir = workdir
        self.routes: dict[str, Route] = {}
        self.log: list[Request] = []
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.site = self  # type: ignore[attr-defined]
        self.scheme = "http"
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            self.scheme = "https"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def netloc(self) -> str:
        return f"127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return f"{self.scheme}://{self.netloc}{path}"

    def record(self, request: Request) -> None:
        with self._lock:
            self.log.append(request)

    def requests(self, path: str) -> list[Request]:
        """Every request the server saw for `path` (query included)."""
        with self._lock:
            return [r for r in self.log if r.path == path]

    def paths(self) -> list[str]:
        with self._lock:
            return [r.path for r in self.log]

    # --- building the site ------------------------------------------------------------------

    def add(self, path: str, body: bytes | str = b"", **options: object) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, **options)  # type: ignore[arg-type]
        return self.url(path)

    def page(self, path: str, content: str, *, title: str = "Protokoll", **options: object) -> str:
        """An HTML page with site furniture (a menu, a footer) around `content`."""
        html = (
            f"<!doctype html><html lang='sv'><head><meta charset='utf-8'><title>{title}</title>"
            "</head><body><header><nav><a href='/'>Start</a> <a href='/om-oss/'>Om oss</a> "
            "<a href='/protokoll-och-beslut/'>Protokoll och beslut</a></nav></header>"
            f"<main><h1>{title}</h1>{content}</main>"
            "<footer><a href='/kontakt/'>Kontakt</a></footer></body></html>"
        )
        return self.add(path, html, **options)

    def pdf(self, path: str, lines: list[str], **options: object) -> str:
        """A real one-page protocol PDF with the given lines (latin-1 text only)."""
        handle, name = tempfile.mkstemp(dir=self.workdir, suffix=".pdf")
        os.close(handle)
        data = make_pdf(Path(name), [lines]).read_bytes()
        return self.add(path, data, content_type="application/pdf", **options)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        return self.add(path, b"", status=status, content_type=None, headers={"Location": to})


def protocol(date: str, *sections: tuple[int, str, str]) -> list[str]:
    """Lines of a small protocol of Östra Södertörn: a header and § sections with decisions."""
    lines = [
        "Samordningsförbundet Östra Södertörn",
        "Protokoll från styrelsemöte",
        f"Sammanträdesdatum {date}",
        "",
    ]
    for number, title, text in sections:
        lines += [
            f"§ {number} {title}",
            text,
            "Beslut",
            f"Styrelsen beslutar att {text.lower()}",
            "",
        ]
    return lines


def tls_files(folder: Path) -> tuple[Path, Path, Path]:
    """(CA certificate, server certificate, its key) as PEM files in `folder`: a CA made for
    the test and a certificate it signed for 127.0.0.1 and localhost, so an https `Site` can
    be trusted by pointing SSL_CERT_FILE at the CA, as OpenSSL's default verify paths read
    it. Made with `cryptography`, which the project already needs (pypdf's AES)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Finsök test-CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = (folder / "ca.pem", folder / "server.pem", folder / "server-key.pem")
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths
