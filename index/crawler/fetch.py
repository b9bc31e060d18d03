"""Polite HTTP fetching for the crawler: the one place that decides whether, when and how to ask.

A förbund's website is run by a small office on a small budget; Finsök must never be the
visitor that costs them anything. So every request here obeys robots.txt, waits its turn per
host, says who it is, asks conditionally when it has a copy, gives up after a few tries, and
never follows a link or redirect to anything but http(s). Failures never raise: `Fetcher.get`
returns a `Fetched` whose `reason` says in Swedish what went wrong, because the crawler reports
a broken link and goes on with the next one.

Redirects are followed here, hop by hop, rather than inside urllib, so that every hop gets the
same checks (scheme, site, robots.txt, delay) and a loop is caught by the URLs it repeats.
Every connection, robots.txt's included, goes through `index.crawler.netguard`: an address that
is not on the public internet is refused unless the operator named its host.

A crawl of one source runs inside `Fetcher.source_run`, which names the source's own hosts for
the guard, counts the bytes received and sets the source's deadline: no wait (a Retry-After, a
Crawl-delay, a backoff) and no transfer is allowed to run past it.
"""

from __future__ import annotations

import codecs
import contextlib
import email.message
import email.utils
import http.client
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from index.crawler.netguard import (
    AddressGuard,
    BlockedAddress,
    GuardedHTTPHandler,
    GuardedHTTPSHandler,
    HostKey,
    host_key,
)
from index.crawler.robots import Robots
from index.errors import decimal_comma, grouped, os_reason

# Honest and ASCII-only (header values outside ASCII are not portable).
USER_AGENT = "Finsok/0.1 (+https://github.com/finsok; sok i samordningsforbundens protokoll)"
ROBOTS_AGENT = "Finsok"  # the product token robots.txt groups are matched against
SCHEMES = ("http", "https")
REDIRECTS = (301, 302, 303, 307, 308)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
ROBOTS_BYTES = 512_000  # RFC 9309: parse at least the first 500 KiB
ROBOTS_REDIRECTS = 5  # RFC 9309: follow at least five
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Policy:
    """How politely and how patiently to fetch; tests shrink the waits to nothing."""

    delay: float = 1.0  # seconds between the end of one request and the next, per host
    timeout: float = 30.0  # seconds for connecting and for each read
    transfer_limit: float = 600.0  # seconds for one whole transfer (a trickling server)
    max_bytes: int = 50_000_000
    tries: int = 3  # attempts on 5xx, 429, timeouts and dropped connections
    backoff: float = 1.0  # wait before the first retry; doubles for each further one
    max_redirects: int = 10
    max_crawl_delay: float = 60.0  # a robots.txt Crawl-delay is obeyed up to this
    max_retry_after: float = 60.0  # a longer Retry-After ends the retries for this run
    user_agent: str = USER_AGENT
    # Hosts (host, port; port None: any) that may be internal addresses: the operator's list.
    allow_hosts: frozenset[HostKey] = frozenset()
    # Per source and run (a hostile or broken archive must not fill the disk or hold up the
    # other sources): archive pages are HTML read into memory whole, so they get less room.
    max_page_bytes: int = 5_000_000
    max_page_links: int = 10_000  # links read from one archive page; the rest are passed over
    max_source_bytes: int = 2_000_000_000  # everything received for one source
    max_documents: int = 1000  # new or changed documents stored for one source
    source_deadline: float = 3600.0  # seconds for one source


@dataclass
class Fetched:
    """What one `get` brought back. `reason` is None on success (200 or 304)."""

    url: str
    final_url: str = ""
    status: int = 0
    body: bytes = b""
    content_type: str = ""  # lower-case media type without parameters
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    reason: str | None = None
    blocked: bool = False  # robots.txt said no: a choice of the site, not a failure of it
    filename: str | None = None  # from Content-Disposition, as the server named the file
    stopped: bool = False  # the source's deadline came first: not this URL's failure
    already: bool = False  # a redirect led to an address in `get`'s `skip`: not asked again

    @property
    def ok(self) -> bool:
        return self.reason is None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _Retry(Exception):
    """A transient failure (timeout, dropped connection): worth another try."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Refuse(Exception):
    """A permanent failure for this URL (too large, TLS error): no retry."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Blocked(_Refuse):
    """The host's address is not public: refused for this URL, robots.txt included, and
    not remembered for the host, as the next source may name it."""


class _Stop(Exception):
    """The source's deadline has come: the request is abandoned, not failed."""


STOPPED = "tidsgränsen för källan nåddes"
ALREADY = "leder till en adress som redan lästs"


@dataclass
class _Reply:
    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    doubt: str | None = None  # why a body that ended with the connection may be cut short


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand 3xx back to the caller, which follows redirects itself with all its checks."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Fetcher:
    """Sequential, polite GETs: one request at a time, robots.txt cached per host for a run."""

    def __init__(
        self,
        policy: Policy | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.policy = policy or Policy()
        self._sleep = sleep
        self._clock = clock
        self.guard = AddressGuard(self.policy.allow_hosts)
        self._opener = urllib.request.build_opener(
            _NoRedirect, GuardedHTTPHandler(self.guard), GuardedHTTPSHandler(self.guard)
        )
        self.received = 0  # body bytes received in the current source's run
        self.deadline: float | None = None  # clock time the current source must end by
        self.cut_short = False  # a request of the current source was abandoned for its deadline
        self._robots: dict[str, Robots] = {}
        self._crawl_delay: dict[str, float] = {}
        self._last: dict[str, float] = {}
        self._notes: list[tuple[str, str]] = []
        self._unreachable: dict[str, str] = {}  # origin → why its robots.txt could not be read

    # --- the public face ---------------------------------------------------------------

    @contextlib.contextmanager
    def source_run(self, urls: Iterable[str]) -> Iterator[None]:
        """One source's crawl: its own hosts may be internal (the operator named them), its
        byte count starts at zero, and its deadline is set; all undone when it ends."""
        named = set()
        for url in urls:
            parts = urlsplit(url)
            with contextlib.suppress(ValueError):
                named.add(host_key(parts.scheme, parts.netloc))
        self.guard.named = frozenset(named)
        self.received = 0
        self.deadline = self._clock() + self.policy.source_deadline
        self.cut_short = False
        try:
            yield
        finally:
            self.guard.named = frozenset()
            self.deadline = None

    def expired(self) -> bool:
        """True when the current source's time is up: its deadline has passed, or a wait
        (a Retry-After, a Crawl-delay) would have ended past it."""
        if self.deadline is None:
            return False
        return self.cut_short or self._clock() >= self.deadline

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        hosts: Collection[str] | None = None,
        max_bytes: int | None = None,
        too_large: str = "filen",
        limit_flag: str = "--max-mb",
        skip: Collection[str] = (),
    ) -> Fetched:
        """GET `url`, conditionally when `etag`/`last_modified` are given (304 = unchanged).

        With `hosts`, neither the URL nor any redirect may leave those hosts (netlocs). A body
        over `max_bytes` fails with "<too_large> är större än gränsen … (höj med <limit_flag>)".
        A redirect to an address in `skip` (as on the wire: one the caller has read already)
        is not followed: the result is not ok, `already` is set and `final_url` names it.
        """
        try:
            current = _wire_url(url)
        except ValueError as exc:
            return Fetched(url, url, reason=f"ogiltig adress ({exc})")
        size = (max_bytes or self.policy.max_bytes, too_large, limit_flag)
        try:
            return self._follow(
                url, current, _conditional_headers(etag, last_modified), hosts, size, skip
            )
        except _Blocked as exc:
            return Fetched(url, current, reason=exc.reason)
        except _Stop:
            self.cut_short = True
            return Fetched(url, current, reason=STOPPED, stopped=True)

    def _follow(
        self,
        url: str,
        current: str,
        headers: dict[str, str],
        hosts: Collection[str] | None,
        size: tuple[int, str, str],
        skip: Collection[str] = (),
    ) -> Fetched:
        """`get` hop by hop: each redirect target gets every check again."""
        chain = [current]
        cookie = False  # a hop asked to set a cookie: a loop is then likely a cookie wall
        for _hop in range(self.policy.max_redirects + 1):
            refusal = self._refusal(current, hosts)
            if refusal is not None:
                return Fetched(url, current, reason=refusal[0], blocked=refusal[1])
            reply = self._exchange(current, headers, size)
            if isinstance(reply, str):
                return Fetched(url, current, reason=reply)
            if reply.status not in REDIRECTS:
                return _result(url, reply)
            try:
                target = _location(current, reply)
            except ValueError as exc:
                return Fetched(url, current, reason=f"omdirigering till ogiltig adress ({exc})")
            if target is None:
                return Fetched(url, current, reason=f"omdirigering utan mål (HTTP {reply.status})")
            cookie = cookie or "set-cookie" in reply.headers
            if target in chain:
                return Fetched(url, current, reason=_loop(chain, target, cookie))
            if target in skip:
                return Fetched(url, target, reply.status, reason=ALREADY, already=True)
            chain.append(target)
            current = target
        return Fetched(
            url, current, reason=f"för många omdirigeringar (fler än {self.policy.max_redirects})"
        )

    def sitemaps(self, url: str) -> list[str]:
        """The `Sitemap:` lines of the robots.txt of `url`'s host (read once per run), as
        written there; none when robots.txt could not be read or had none."""
        parts = urlsplit(url)
        return list(self._robots_for(parts.scheme, parts.netloc).sitemaps)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets `url` be fetched (read once per host and run)."""
        parts = urlsplit(url)
        return self._robots_for(parts.scheme, parts.netloc).can_fetch(url)

    def take_notes(self) -> list[tuple[str, str]]:
        """(url, reason) remarks that are not failures (a malformed robots.txt); then cleared."""
        notes, self._notes = self._notes, []
        return notes

    # --- checks before asking ----------------------------------------------------------

    def _refusal(self, url: str, hosts: Collection[str] | None) -> tuple[str, bool] | None:
        """Why `url` must not be requested (reason, blocked-by-robots), or None."""
        parts = urlsplit(url)
        if parts.scheme not in SCHEMES:
            return f"bara http och https hämtas (inte {parts.scheme or 'en relativ adress'})", False
        if not parts.hostname:
            return "adressen saknar värdnamn", False
        if hosts is not None and parts.netloc.lower() not in hosts:
            return f"ligger utanför webbplatsen ({parts.netloc})", False
        robots = self._robots_for(parts.scheme, parts.netloc)
        if robots.disallow_all:
            why = self._unreachable.get(f"{parts.scheme}://{parts.netloc.lower()}", "")
            why = f" ({why})" if why else ""
            return (
                f"robots.txt kunde inte hämtas{why} — värden hoppas över den här körningen",
                False,
            )
        if not robots.can_fetch(url):
            return "robots.txt tillåter inte att adressen hämtas", True
        return None

    # --- robots.txt ----------------------------------------------------------------------

    def _robots_for(self, scheme: str, netloc: str) -> Robots:
        key = f"{scheme}://{netloc.lower()}"
        if key not in self._robots:
            self._robots[key] = self._load_robots(key)
        return self._robots[key]

    def _load_robots(self, origin: str) -> Robots:
        """Fetch and parse robots.txt, treating failures as RFC 9309 says."""
        url = origin + "/robots.txt"
        reply = self._fetch_robots(url)
        # An unreachable host: the refusal of each URL on it says why, in one line, instead
        # of a separate note about robots.txt followed by the same failure.
        if isinstance(reply, str):
            self._unreachable[origin] = reply
            return Robots(disallow_all=True)
        if 400 <= reply.status < 500:
            return Robots(allow_all=True)  # "unavailable": no rules, everything allowed
        if reply.status >= 300:
            self._unreachable[origin] = f"HTTP {reply.status}"
            return Robots(disallow_all=True)
        lines, problem = _robots_lines(reply.body)
        if problem:
            self._notes.append((url, problem))
        robots = Robots.parse(lines, ROBOTS_AGENT)
        if robots.crawl_delay:
            self._crawl_delay[urlsplit(url).netloc] = min(
                robots.crawl_delay, self.policy.max_crawl_delay
            )
        return robots

    def _fetch_robots(self, url: str) -> _Reply | str:
        """robots.txt itself, following a few redirects; a reason string when unreachable."""
        chain = [url]
        for _hop in range(ROBOTS_REDIRECTS + 1):
            if urlsplit(url).scheme not in SCHEMES:
                return "robots.txt omdirigerades till en adress som inte är http(s)"
            reply = self._exchange(url, {}, (ROBOTS_BYTES, "robots.txt", ""), truncate=True)
            if isinstance(reply, str) or reply.status not in REDIRECTS:
                return reply
            try:
                target = _location(url, reply)
            except ValueError:
                return "robots.txt omdirigeras till en ogiltig adress"
            if target is None or target in chain:
                return "robots.txt omdirigeras i en slinga"
            chain.append(target)
            url = target
        return "robots.txt omdirigeras för många gånger"

    # --- one URL, with retries -----------------------------------------------------------

    def _exchange(
        self,
        url: str,
        headers: dict[str, str],
        size: tuple[int, str, str],
        *,
        truncate: bool = False,
    ) -> _Reply | str:
        """One URL, retried with exponential backoff on transient failures; reason on failure.

        Raises _Blocked for a non-public address and _Stop when the source's time is up."""
        netloc = urlsplit(url).netloc.lower()
        reason = ""
        doubted: bytes | None = None  # a body that may be cut: the same bytes again settle it
        page: _Reply | None = None  # the last HTML page in doubt (see below)
        for attempt in range(1, self.policy.tries + 1):
            self._wait_turn(netloc)
            if self.expired():
                raise _Stop
            asked: float | None = None  # the server's Retry-After, in seconds
            try:
                reply = self._once(url, headers, size, truncate)
            except _Blocked:
                raise
            except _Refuse as exc:
                return exc.reason
            except _Retry as exc:
                reason = exc.reason
            else:
                if reply.status in RETRY_STATUSES:
                    reason = _status_reason(reply.status)
                    asked = retry_after_seconds(reply.headers.get("retry-after", ""))
                elif reply.doubt is None or reply.body == doubted:
                    return reply  # complete, or twice the same bytes: the file as served
                else:
                    doubted, reason = reply.body, reply.doubt
                    page = reply if reply.doubt == _CUT_HTML else None
            finally:
                self._last[netloc] = self._clock()
            if attempt < self.policy.tries:
                wait = self.policy.backoff * 2 ** (attempt - 1)
                if asked is not None:
                    if asked > self.policy.max_retry_after:
                        wanted = decimal_comma(asked)
                        return f"{reason}; servern ber oss vänta {wanted} s — försök igen senare"
                    wait = max(wait, asked)
                self._pause(wait)
        if page is not None:
            # A page that differs on every request (a timestamp, a token) and leaves out
            # `</html>`, which HTML allows, is taken as last served: a cut archive page costs
            # at most some links, where a cut PDF would be stored as damaged.
            return page
        tries = self.policy.tries
        return f"{reason} (efter {tries} försök)" if tries > 1 else reason

    def _wait_turn(self, netloc: str) -> None:
        """Sleep until this host's delay since our last request to it has passed."""
        last = self._last.get(netloc)
        if last is None:
            return
        delay = max(self.policy.delay, self._crawl_delay.get(netloc, 0.0))
        wait = last + delay - self._clock()
        if wait > 0:
            self._pause(wait)

    def _pause(self, seconds: float) -> None:
        """Sleep, unless waking would be past the source's deadline: then stop at once."""
        if self.deadline is not None and self._clock() + seconds > self.deadline:
            raise _Stop
        self._sleep(seconds)

    def _once(
        self, url: str, headers: dict[str, str], size: tuple[int, str, str], truncate: bool
    ) -> _Reply:
        request = urllib.request.Request(
            url, headers={"User-Agent": self.policy.user_agent, "Accept": "*/*", **headers}
        )
        timeout = self.policy.timeout
        if self.deadline is not None:  # a connect or read may not outlast the source by much
            timeout = max(0.1, min(timeout, self.deadline - self._clock()))
        try:
            response = self._opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as exc:  # any non-2xx status, including 3xx and 304
            with exc:
                return _Reply(url, exc.code, _header_dict(exc.headers))
        except TimeoutError:
            raise _Retry(self._timeout_reason()) from None
        except urllib.error.URLError as exc:
            raise _connection_problem(exc.reason, self._timeout_reason()) from None
        except (http.client.InvalidURL, ValueError) as exc:  # permanent: no use trying again
            raise _Refuse(f"ogiltig adress ({type(exc).__name__})") from None
        except (http.client.HTTPException, OSError) as exc:
            raise _Retry(f"förbindelsen bröts ({type(exc).__name__})") from None
        with response:
            # Neither a length nor chunks: the body ends where the connection ends, so a
            # transfer cut short looks complete (see `_unfinished`).
            by_close = response.length is None and not response.chunked
            body = self._read_body(response, size, truncate)
            found = _header_dict(response.headers)
            body = _decoded(body, found, size, truncate)
            doubt = None
            if by_close and not truncate:
                doubt = _unfinished(body, found.get("content-type", ""), url)
            return _Reply(url, response.status, found, body, doubt)

    def _read_body(self, response, size: tuple[int, str, str], truncate: bool) -> bytes:
        """The body; more than the limit in `size` (announced or actual) or a stalled transfer
        fails, and the source's deadline stops it."""
        limit = size[0]
        announced = response.headers.get("Content-Length", "")
        if not truncate and announced.isdigit() and int(announced) > limit:
            raise _Refuse(_too_large(*size))
        deadline = self._clock() + self.policy.transfer_limit
        chunks: list[bytes] = []
        got = 0
        try:
            while chunk := response.read1(_CHUNK):
                got += len(chunk)
                self.received += len(chunk)
                if got > limit:
                    if truncate:
                        chunks.append(chunk[: limit - got + len(chunk)])
                        break
                    raise _Refuse(_too_large(*size))
                chunks.append(chunk)
                if self.expired():
                    raise _Stop
                if self._clock() > deadline:
                    raise _Retry(
                        f"överföringen tog mer än {decimal_comma(self.policy.transfer_limit)} s"
                    )
        except TimeoutError:
            raise _Retry(self._timeout_reason()) from None
        except (http.client.HTTPException, OSError) as exc:
            raise _Retry(f"överföringen avbröts ({type(exc).__name__})") from None
        # http.client ends a body that stops short of its Content-Length without an error: the
        # connection closed mid-file, and a cut PDF must never be stored as if complete.
        if not truncate and announced.isdigit() and got < int(announced):
            raise _Retry(
                f"överföringen avbröts efter {grouped(got)} av {grouped(int(announced))} byte"
            )
        return b"".join(chunks)

    def _timeout_reason(self) -> str:
        return f"tidsgränsen på {decimal_comma(self.policy.timeout)} s överskreds"


# --- small helpers -----------------------------------------------------------------------------


def _unfinished(body: bytes, content_type: str, url: str) -> str | None:
    """Why a body that ended with its connection (no Content-Length, not chunked) may be cut
    short, or None when it ends as its kind must: a PDF with `%%EOF` in its last KiB (where
    readers look for it; an incremental update's earlier `%%EOF` sits further up only in a
    longer file), an HTML page with `</html>`. A text file (sent as text/plain, or a `.txt`
    link) has no end mark at all, so it is always in doubt: the crawler stores it as a
    document, and a cut one would be indexed as if whole. Other kinds, and markup sent as
    text (a sitemap), are read for their links only and taken as they come; robots.txt is
    read truncated and never asked here."""
    head, tail = body[:1024], body[-1024:]
    if b"%PDF-" in head:
        return None if b"%%EOF" in tail else _CUT_PDF
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered:
        return None if b"</html" in tail.lower() else _CUT_HTML
    # Markup, such as a sitemap sent as text/plain; Windows tools start it with a BOM.
    if head.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"<"):
        return None
    if _media_type(content_type)[0] == "text/plain" or urlsplit(url).path.lower().endswith(".txt"):
        return _CUT_TEXT
    return None


_CUT = "överföringen kan ha avbrutits: servern angav ingen längd och "
_CUT_PDF = _CUT + "PDF-filen saknar sitt slut (%%EOF)"
_CUT_HTML = _CUT + "HTML-sidan saknar sitt slut (</html>)"
_CUT_TEXT = _CUT + "textfilen har inget slutmärke som visar att den är hel"


def _conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _header_dict(headers) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()} if headers else {}


def _result(url: str, reply: _Reply) -> Fetched:
    """Turn the last hop's reply into a Fetched: 2xx and 304 succeed, the rest name a reason."""
    content_type, charset = _media_type(reply.headers.get("content-type", ""))
    fetched = Fetched(
        url,
        reply.url,
        reply.status,
        reply.body,
        content_type,
        charset,
        reply.headers.get("etag"),
        reply.headers.get("last-modified"),
    )
    fetched.filename = _disposition_filename(reply.headers.get("content-disposition", ""))
    if not (200 <= reply.status < 300 or reply.status == 304):
        fetched.reason = _status_reason(reply.status)
    return fetched


def _decoded(
    body: bytes, headers: dict[str, str], size: tuple[int, str, str], truncate: bool = False
) -> bytes:
    """`body` without the Content-Encoding a server applied although we never asked for one
    (a static gzip file, a misconfigured proxy): a gzip-packed page has no links to read and a
    packed PDF is no PDF. Unpacked within the same size limit, so a small bomb cannot grow."""
    coding = headers.get("content-encoding", "").strip().lower()
    if coding in ("", "identity") or not body:
        return body
    if coding not in ("gzip", "x-gzip", "deflate"):
        raise _Refuse(f"servern packade svaret med {coding[:20]}, som inte stöds")
    for wbits in (47,) if coding != "deflate" else (15, -15):  # 47: gzip; -15: raw deflate
        unpacker = zlib.decompressobj(wbits)
        try:
            plain = unpacker.decompress(body, size[0] + 1)
            break
        except zlib.error:
            continue
    else:
        raise _Refuse(f"svaret är packat med {coding} men går inte att packa upp")
    if truncate:
        return plain[: size[0]]  # robots.txt: its first part is enough (RFC 9309)
    if len(plain) <= size[0] and not unpacker.eof:
        raise _Retry("överföringen avbröts (det packade svaret tar slut för tidigt)")
    if len(plain) > size[0]:
        raise _Refuse(_too_large(*size))
    return plain


def _disposition_filename(value: str) -> str | None:
    """The file name a Content-Disposition header gives (filename* preferred), or None.

    A download script (`dl?id=7`) says what the file is called only there.
    """
    if not value:
        return None
    message = email.message.Message()
    message["content-disposition"] = value
    names = [
        v for k, v in message.get_params(header="content-disposition") or () if k == "filename"
    ]
    extended = [v for v in names if isinstance(v, tuple)]  # filename*=UTF-8''…, decoded below
    if extended:  # RFC 6266: preferred to the plain name that precedes it for old browsers
        name = email.utils.collapse_rfc2231_value(extended[0])
    elif names:
        name = _utf8_read_as_latin1(str(names[0]))
    else:
        return None
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip()  # never a path
    return name or None


def _utf8_read_as_latin1(text: str) -> str:
    """A header value whose raw UTF-8 bytes http.client read as Latin-1 ("Ã¥rsmÃ¶te" for
    "årsmöte"), as servers commonly send `filename="…"`; one that is not valid UTF-8 that way
    was meant as Latin-1 (or is already decoded, as `filename*=UTF-8''…` is) and stays."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text


def _media_type(value: str) -> tuple[str, str | None]:
    main, _, params = value.partition(";")
    match = re.search(r"charset\s*=\s*\"?([\w.:-]+)", params, re.IGNORECASE)
    return main.strip().lower(), match.group(1) if match else None


def _location(current: str, reply: _Reply) -> str | None:
    """The redirect target, absolute and encoded as a browser would; ValueError if unusable."""
    target = reply.headers.get("location", "").strip()
    return _wire_url(urljoin(current, target)) if target else None


def _wire_url(url: str) -> str:
    """`url` percent-encoded for the request line (see `links.browser_url`)."""
    from index.crawler.links import browser_url  # links imports this module for SCHEMES

    return browser_url(url)


def _loop(chain: list[str], target: str, cookie: bool) -> str:
    """A redirect loop's reason. A site that sets a cookie and sends the visitor back (a
    cookie check, a consent wall) loops only for a client without cookies, as the crawler
    is: the line says so, or the operator looks for a fault in the server."""
    reason = f"omdirigeringsslinga: {_chain(chain, target)}"
    return reason + (
        " (servern vill sätta en kaka, och Finsök sparar inga: en kakvägg?)" if cookie else ""
    )


def _chain(chain: list[str], target: str) -> str:
    shown = [*chain[-3:], target]
    prefix = "… → " if len(chain) > 3 else ""
    return prefix + " → ".join(shown)


_STATUS_WORDS = {
    401: "kräver inloggning",
    403: "åtkomst nekad",
    404: "finns inte",
    410: "borttagen",
    429: "för många förfrågningar",
}


def retry_after_seconds(value: str, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date), None if unreadable.

    A 429 or 503 reply may say when to come back; waiting that long, not our own backoff, is
    what the server asked for (RFC 9110, section 10.2.3).
    """
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _status_reason(status: int) -> str:
    words = _STATUS_WORDS.get(status) or ("serverfel" if status >= 500 else "oväntat svar")
    return f"{words} (HTTP {status})"


def _too_large(limit: int, what: str = "filen", flag: str = "") -> str:
    hint = f" (höj med {flag})" if flag else ""
    return f"{what} är större än gränsen på {decimal_comma(limit / 1_000_000)} MB{hint}"


def _connection_problem(reason: object, timeout_reason: str) -> Exception:
    """Classify urllib's URLError.reason: TLS problems are permanent, the rest transient."""
    if isinstance(reason, BlockedAddress):
        return _Blocked(reason.reason)
    if isinstance(reason, TimeoutError | socket.timeout):
        return _Retry(timeout_reason)
    if isinstance(reason, ssl.SSLError | ssl.CertificateError):
        return _Refuse(f"TLS-fel: {_tls_problem(reason)}")
    if isinstance(reason, socket.gaierror):
        return _Refuse("värdnamnet finns inte (DNS)")
    if isinstance(reason, OSError):
        return _Retry(f"kunde inte ansluta ({os_reason(reason)})")
    return _Retry(f"kunde inte ansluta ({type(reason).__name__})")


def _tls_problem(error: ssl.SSLError | ssl.CertificateError) -> str:
    """What went wrong with the encrypted connection, in Swedish (ssl's own text is
    OpenSSL's English); OpenSSL's reason code, when there is one, stays for looking it up."""
    code = getattr(error, "reason", None)
    if isinstance(error, ssl.SSLCertVerificationError | ssl.CertificateError):
        text = "webbplatsens certifikat kunde inte verifieras (utgånget, självsignerat eller "
        text += "för ett annat namn)"
    else:
        text = "den krypterade förbindelsen kunde inte upprättas"
    return f"{text} [{code}]" if code else text


_DIRECTIVE = re.compile(r"^[A-Za-z][A-Za-z_-]*\s*:")


def _robots_lines(body: bytes) -> tuple[list[str], str | None]:
    """robots.txt as lines for the parser, and what is malformed about it (if anything).

    RFC 9309 asks crawlers to use whatever lines they can parse, so a malformed file is noted,
    not refused: its readable rules still apply.
    """
    text = body.decode("utf-8", errors="replace").lstrip("\ufeff")
    head = text[:512].lower()
    if "<html" in head or "<!doctype" in head:
        return [], "robots.txt är en HTML-sida, inte regler — behandlas som utan regler"
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        content = line.split("#", 1)[0].strip()
        if content and not _DIRECTIVE.match(content):
            shown = content if len(content) <= 40 else content[:39] + "…"
            return lines, (
                f"robots.txt är felformaterad (rad {number}: {shown!r}) — "
                "följer de regler som går att läsa"
            )
    return lines, None
