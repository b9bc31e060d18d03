"""The crawler against a real local website: what it fetches, what it never fetches, what it keeps.

Every server here listens on 127.0.0.1; the assertions read the server's request log, because
politeness (robots.txt, conditional requests, staying on the site) is about what goes over the
wire. Waits are shrunk to nothing through `Policy`, so the module runs in seconds.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import os
import socket
import ssl
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cli.crawling import crawl_policy
from cli.main import build_parser, main
from index.archive import SIDECAR, Archive, archive_provenance, file_name
from index.crawler.crawl import (
    MAX_PAGES,
    NOTHING_FOUND,
    CrawlSummary,
    Source,
    crawl,
    load_sources,
    source_for_url,
)
from index.crawler.fetch import (
    USER_AGENT,
    Fetcher,
    Policy,
    _connection_problem,
    retry_after_seconds,
)
from index.crawler.links import browser_url, read_archive_page, readable_url
from index.crawler.netguard import allow_entry, is_public
from index.errors import FinsokError
from index.ingest import ingest
from index.settings import PROJECT_ROOT
from search.engine import Engine, SearchParams
from tests.conftest import PROXY_VARS
from tests.testsite import Site, protocol, tls_files

FAST = Policy(delay=0, timeout=2, tries=3, backoff=0.001, max_bytes=200_000)
pytestmark = pytest.mark.usefixtures("crawl_env")


@pytest.fixture
def cdn(tmp_path: Path) -> Iterator[Site]:
    """A second host (another port): a CDN for documents, or a foreign site."""
    with Site(tmp_path) as running:
        yield running


class FakeTime:
    """A clock that only moves when the fetcher sleeps, and a record of those sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds

    def clock(self) -> float:
        return self.now


def allowing(*sites: Site, policy: Policy = FAST) -> Policy:
    """`policy` with the sites' hosts on the operator's allow-list (what FINSOK_CRAWL_ALLOW_HOSTS
    or --allow-host gives): every test server is on 127.0.0.1, which is otherwise refused
    unless it is the crawled source's own host."""
    return replace(policy, allow_hosts=frozenset(allow_entry(s.netloc) for s in sites))


def run(
    site: Site,
    root: Path,
    start: str = "/arkiv/",
    *,
    policy: Policy = FAST,
    max_pages: int = 200,
) -> CrawlSummary:
    return crawl(Source("test", (site.url(start),)), root, Fetcher(policy), max_pages=max_pages)


def search(index: Path, q: str) -> dict:
    return Engine.open(index).search(SearchParams(q=q))


def good_protocol(site: Site, path: str, word: str, **options: object) -> str:
    lines = protocol("2024-03-01", (1, "Mötets öppnande", f"Ordföranden talade om {word}."))
    return site.pdf(path, lines, **options)


# --- finding documents ----------------------------------------------------------------------


def test_follows_pagination_and_resolves_relative_and_absolute_links(
    site: Site, cdn: Site, tmp_path: Path
) -> None:
    good_protocol(site, "/arkiv/p1.pdf", "pelargoner")
    good_protocol(site, "/filer/p2.pdf", "rabarber")
    good_protocol(site, "/filer/p3.pdf", "kardemumma")
    good_protocol(cdn, "/cdn/p4.pdf", "lingonsylt")
    site.page(
        "/protokoll/styrelsemote-2024-04-02/",
        "<h2>Protokoll styrelsemöte 2024-04-02</h2><p>Samordningsförbundet Östra Södertörn</p>"
        "<p>§ 7 Budget</p><p>Styrelsen diskuterade havtornsbudgeten.</p>",
    )
    site.page(
        "/arkiv/",
        "<ul><li><a href='p1.pdf'>Protokoll 1</a></li>"  # relative
        f"<li><a href='{site.url('/filer/p2.pdf')}'>Protokoll 2</a></li>"  # absolute
        "<li><a href='/protokoll/styrelsemote-2024-04-02/'>Styrelsemöte april</a></li>"
        "<li><a href='/filer/brev.docx'>Brev</a></li>"  # unsupported: ignored
        "<li><a href='mailto:kansli@example.se'>Mejla oss</a></li></ul>"
        "<a href='?page=2'>Nästa</a>",
    )
    site.page(
        "/arkiv/?page=2",
        "<a href='/filer/p3.pdf#sida2'>Protokoll 3</a><a rel='next' href='/arkiv/sida3/'>»</a>",
    )
    site.page("/arkiv/sida3/", f"<a href='{cdn.url('/cdn/p4.pdf')}'>Protokoll 4</a>")

    root = tmp_path / "archive"
    summary = run(site, root, policy=allowing(cdn))

    assert summary.failed == [], summary.failed
    assert (summary.pages, summary.found, summary.downloaded) == (3, 5, 5)
    folder = root / "test"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        SIDECAR,
        "p1.pdf",
        "p2.pdf",
        "p3.pdf",
        "p4.pdf",
        "styrelsemote-2024-04-02.html",
    ]
    records = json.loads((folder / SIDECAR).read_text(encoding="utf-8"))
    assert records["p4.pdf"]["url"] == cdn.url("/cdn/p4.pdf")
    assert records["p1.pdf"]["fetched_at"].endswith("+00:00")
    assert "/filer/brev.docx" not in site.paths()
    assert "/om-oss/" not in site.paths()  # menu links are neither documents nor pages
    assert all(r.headers["user-agent"] == USER_AGENT for r in site.log)
    assert len(site.requests("/robots.txt")) == 1  # asked once per host and run

    index = tmp_path / "ix"
    result = ingest([folder], index, provenance=archive_provenance())
    assert result.ok and result.added == 5, result.failed
    assert search(index, "havtornsbudgeten")["total"] == 1
    hit = search(index, "lingonsylt")["hits"][0]
    assert hit["source_url"] == cdn.url("/cdn/p4.pdf")


def test_reads_links_from_a_page_without_the_network() -> None:
    html = (
        b"<html><head><base href='https://f.se/arkiv/'><link rel='next' href='?page=2'></head>"
        b"<body><nav><a href='/protokoll/'>Protokoll</a></nav>"
        b"<a href='2024/protokoll-mars.pdf'>Mars</a><a href='https://cdn.se/x.PDF'>X</a>"
        b"<a href='/nyheter/sommar/'>Sommar</a><a href='javascript:void(0)'>Nasta</a>"
        b"<a href='ftp://f.se/p.pdf'>ftp</a><a href='/arkiv/page/3/'>3</a>"
        b"<a href='https://annan.se/arkiv/?page=9'>N\xc3\xa4sta</a></body></html>"
    )
    page = read_archive_page(html, "https://f.se/arkiv/", {"f.se"})
    assert [link.url for link in page.documents] == [
        "https://f.se/arkiv/2024/protokoll-mars.pdf",
        "https://cdn.se/x.PDF",
    ]
    assert page.next_pages == ["https://f.se/arkiv/?page=2", "https://f.se/arkiv/page/3/"]
    assert page.offsite == ["https://annan.se/arkiv/?page=9"]


def test_never_leaves_the_site_for_pagination(site: Site, cdn: Site, tmp_path: Path) -> None:
    good_protocol(site, "/arkiv/p1.pdf", "pelargoner")
    cdn.page("/arkiv/", "<a href='/arkiv/p9.pdf'>Protokoll 9</a>")
    site.page("/arkiv/", f"<a href='p1.pdf'>P1</a><a href='{cdn.url('/arkiv/')}'>Nästa sida</a>")
    summary = run(site, tmp_path / "archive", policy=allowing(cdn))  # the site rule, not the guard
    assert summary.ok and summary.downloaded == 1
    assert cdn.log == []  # not even its robots.txt
    assert any("bort från webbplatsen" in reason for _, reason in summary.notes)


@pytest.fixture
def secure(tmp_path: Path) -> Iterator[tuple[Site, Path]]:
    """An https test site on this machine, and the file of the CA that signed its
    certificate (trusted only where a test points SSL_CERT_FILE at it)."""
    folder = tmp_path / "tls"
    folder.mkdir()
    ca, cert, key = tls_files(folder)
    with Site(tmp_path, tls=(cert, key)) as running:
        yield running, ca


def test_an_http_archive_that_moves_to_https_is_followed(
    site: Site, secure: tuple[Site, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """http → https, the move nearly every förbund's site has made, was untested: the
    archive page's redirect is followed over TLS (the certificate verified against the
    test's CA, which the fetcher's default context reads from SSL_CERT_FILE), the https
    host counts as the site, and its protocol is fetched and stored under its https
    address."""
    https, ca = secure
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))
    good_protocol(https, "/arkiv/p1.pdf", "pelargoner")
    https.page("/arkiv/", "<a href='p1.pdf'>P1</a>")
    site.redirect("/arkiv/", https.url("/arkiv/"), 301)
    summary = run(site, tmp_path / "archive", policy=allowing(https))
    assert summary.failed == [] and summary.downloaded == 1
    assert len(site.requests("/arkiv/")) == 1
    assert len(https.requests("/arkiv/")) == len(https.requests("/arkiv/p1.pdf")) == 1
    sidecar = json.loads((tmp_path / "archive" / "test" / SIDECAR).read_text(encoding="utf-8"))
    assert sidecar["p1.pdf"]["url"] == https.url("/arkiv/p1.pdf")
    assert https.url("/").startswith("https://")


def test_an_https_certificate_not_trusted_is_a_failure_not_followed(
    site: Site, secure: tuple[Site, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Must not change: without the test's CA trusted, the same move fails with the
    certificate's reason, in Swedish, and nothing is read over the unverified connection."""
    https, _ = secure
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    good_protocol(https, "/arkiv/p1.pdf", "pelargoner")
    https.page("/arkiv/", "<a href='p1.pdf'>P1</a>")
    site.redirect("/arkiv/", https.url("/arkiv/"), 301)
    summary = run(site, tmp_path / "archive", policy=allowing(https))
    assert summary.downloaded == 0 and https.log == []
    assert [url for url, _ in summary.failed] == [site.url("/arkiv/")]
    assert "certifikat kunde inte verifieras" in summary.failed[0][1]
    assert "[CERTIFICATE_VERIFY_FAILED]" in summary.failed[0][1]


def test_a_redirect_off_the_site_is_not_followed_for_archive_pages(
    site: Site, cdn: Site, tmp_path: Path
) -> None:
    good_protocol(site, "/arkiv/p1.pdf", "pelargoner")
    site.page("/arkiv/", "<a href='p1.pdf'>P1</a><a href='/arkiv/2/'>Äldre inlägg</a>")
    site.redirect("/arkiv/2/", cdn.url("/arkiv/"))
    summary = run(site, tmp_path / "archive", policy=allowing(cdn))
    assert summary.downloaded == 1
    assert cdn.log == []
    assert summary.failed == [(site.url("/arkiv/2/"), f"ligger utanför webbplatsen ({cdn.netloc})")]


def test_caps_the_pages_per_run(site: Site, tmp_path: Path) -> None:
    for n in range(1, 6):
        good_protocol(site, f"/filer/p{n}.pdf", f"ord{n}")
        site.page(
            f"/arkiv/{n}/", f"<a href='/filer/p{n}.pdf'>P{n}</a><a href='/arkiv/{n + 1}/'>Fler</a>"
        )
    summary = run(site, tmp_path / "archive", "/arkiv/1/", max_pages=2)
    assert summary.pages == 2 and summary.downloaded == 2
    assert "/arkiv/3/" not in site.paths()
    assert any("gränsen på 2 arkivsidor" in reason for _, reason in summary.notes)


def test_an_archive_page_without_links_gets_a_clear_message(site: Site, tmp_path: Path) -> None:
    site.page("/arkiv/", "<p>Här kommer protokollen snart.</p>")
    summary = run(site, tmp_path / "archive")
    assert summary.failed == [(site.url("/arkiv/"), NOTHING_FOUND)]
    assert not (tmp_path / "archive" / "test").exists()


# --- robots.txt -----------------------------------------------------------------------------


def test_a_path_disallowed_by_robots_is_never_requested(site: Site, tmp_path: Path) -> None:
    site.add("/robots.txt", "User-agent: *\nDisallow: /hemligt/\n", content_type="text/plain")
    good_protocol(site, "/arkiv/p1.pdf", "pelargoner")
    good_protocol(site, "/hemligt/p2.pdf", "rabarber")
    site.page("/arkiv/", "<a href='p1.pdf'>P1</a><a href='/hemligt/p2.pdf'>P2</a>")
    summary = run(site, tmp_path / "archive")
    assert summary.ok and (summary.downloaded, summary.skipped) == (1, 1)
    assert "/hemligt/p2.pdf" not in site.paths()


def test_an_archive_disallowed_by_robots_is_not_crawled(site: Site, tmp_path: Path) -> None:
    site.add("/robots.txt", "User-agent: Finsok\nDisallow: /arkiv/\n", content_type="text/plain")
    site.page("/arkiv/", "<a href='p1.pdf'>P1</a>")
    summary = run(site, tmp_path / "archive")
    assert site.paths() == ["/robots.txt"]
    assert summary.failed == [(site.url("/arkiv/"), "robots.txt tillåter inte att adressen hämtas")]


def test_a_crawl_delay_in_robots_txt_is_obeyed(site: Site) -> None:
    site.add("/robots.txt", "User-agent: *\nCrawl-delay: 7\n", content_type="text/plain")
    site.add("/a", "a")
    site.add("/b", "b")
    time = FakeTime()
    fetcher = Fetcher(allowing(site, policy=Policy(delay=0)), sleep=time.sleep, clock=time.clock)
    assert fetcher.get(site.url("/a")).ok and fetcher.get(site.url("/b")).ok
    assert time.sleeps == [7.0, 7.0]


def test_retry_after_is_waited_for(site: Site) -> None:
    site.add("/arkiv/upptagen.pdf", "upptagen", status=503, headers={"Retry-After": "4"})
    sleeps: list[float] = []
    fetcher = Fetcher(allowing(site), sleep=sleeps.append)
    fetched = fetcher.get(site.url("/arkiv/upptagen.pdf"))
    assert not fetched.ok and "HTTP 503" in (fetched.reason or "")
    assert len(site.requests("/arkiv/upptagen.pdf")) == FAST.tries
    assert [s for s in sleeps if s >= 1] == [4.0] * (FAST.tries - 1)


def test_a_long_retry_after_ends_the_retries(site: Site) -> None:
    site.add("/arkiv/sen.pdf", "vänta", status=429, headers={"Retry-After": "3600"})
    fetcher = Fetcher(allowing(site), sleep=lambda seconds: None)
    fetched = fetcher.get(site.url("/arkiv/sen.pdf"))
    assert len(site.requests("/arkiv/sen.pdf")) == 1
    assert "vänta 3600 s" in (fetched.reason or "") and "HTTP 429" in (fetched.reason or "")


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        ("  7 ", 7.0),
        ("Sun, 22 Nov 2026 12:00:30 GMT", 30.0),
        ("Sun, 22 Nov 2026 11:00:00 GMT", 0.0),  # in the past: no wait
        ("snart", None),
        ("", None),
    ],
)
def test_retry_after_seconds(value: str, seconds: float | None) -> None:
    now = datetime(2026, 11, 22, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds(value, now) == seconds


def test_a_malformed_robots_txt_is_noted_and_its_readable_rules_apply(
    site: Site, tmp_path: Path
) -> None:
    site.add(
        "/robots.txt",
        "<<< trasig rad\nUser-agent: *\nDisallow: /hemligt/\n\x00\x01 skräp\n",
        content_type="text/plain",
    )
    good_protocol(site, "/arkiv/p1.pdf", "pelargoner")
    site.page("/arkiv/", "<a href='p1.pdf'>P1</a><a href='/hemligt/p2.pdf'>P2</a>")
    summary = run(site, tmp_path / "archive")
    assert summary.ok and summary.downloaded == 1
    assert "/hemligt/p2.pdf" not in site.paths()
    [reason] = [reason for url, reason in summary.notes if url == site.url("/robots.txt")]
    assert "felformaterad (rad 1" in reason


def test_an_unreachable_robots_txt_skips_the_host_for_the_run(site: Site, tmp_path: Path) -> None:
    site.add("/robots.txt", "fel", status=503)
    site.page("/arkiv/", "<a href='p1.pdf'>P1</a>")
    summary = run(site, tmp_path / "archive")
    assert set(site.paths()) == {"/robots.txt"}  # retried, then nothing else on the host
    assert len(site.requests("/robots.txt")) == FAST.tries
    [(url, reason)] = summary.failed
    assert url == site.url("/arkiv/") and "robots.txt kunde inte hämtas" in reason


def test_a_missing_robots_txt_allows_everything(site: Site, tmp_path: Path) -> None:
    good_protocol(site, "/arkiv/p1.pdf", "pelargoner")
    site.page("/arkiv/", "<a href='p1.pdf'>P1</a>")
    summary = run(site, tmp_path / "archive")
    assert summary.ok and summary.downloaded == 1 and summary.notes == []


# --- bad links ------------------------------------------------------------------------------


def test_broken_links_are_reported_and_the_run_goes_on(site: Site, tmp_path: Path) -> None:
    good_protocol(site, "/arkiv/p1.pdf", "pelargoner")
    site.add("/arkiv/fel.pdf", "kaos", status=500, content_type="text/plain")
    site.add(
        "/arkiv/slinga-a.pdf", status=302, content_type=None, headers={"Location": "slinga-b.pdf"}
    )
    site.redirect("/arkiv/slinga-b.pdf", "/arkiv/slinga-a.pdf")
    site.add("/arkiv/html.pdf", "<!doctype html><html><body>Logga in</body></html>")
    site.add("/arkiv/stor.pdf", b"%PDF-1.4\n" + b"0" * 300_000, content_type="application/pdf")
    site.add(
        "/arkiv/stor-utan-langd.pdf",
        b"%PDF-1.4\n" + b"0" * 300_000,
        content_type="application/pdf",
        send_length=False,
    )
    names = ["saknas", "fel", "slinga-a", "html", "stor", "stor-utan-langd", "p1"]
    site.page("/arkiv/", "".join(f"<a href='{n}.pdf'>{n}</a>" for n in names))

    summary = run(site, tmp_path / "archive")

    reasons = {url.rsplit("/", 1)[1]: reason for url, reason in summary.failed}
    assert reasons["saknas.pdf"] == "finns inte (HTTP 404)"
    assert reasons["fel.pdf"] == "serverfel (HTTP 500) (efter 3 försök)"
    assert reasons["slinga-a.pdf"].startswith("omdirigeringsslinga: ")
    assert "HTML-sida" in reasons["html.pdf"]
    too_large = "filen är större än gränsen på 0,2 MB (höj med --max-mb)"  # decimal comma
    assert reasons["stor.pdf"] == reasons["stor-utan-langd.pdf"] == too_large
    assert summary.downloaded == 1 and len(summary.failed) == 6
    assert len(site.requests("/arkiv/saknas.pdf")) == 1  # a 404 is not retried
    assert len(site.requests("/arkiv/fel.pdf")) == 3
    assert sorted(p.name for p in (tmp_path / "archive" / "test").iterdir()) == [SIDECAR, "p1.pdf"]


def test_a_slow_server_times_out_and_the_run_goes_on(site: Site, tmp_path: Path) -> None:
    good_protocol(site, "/arkiv/p1.pdf", "pelargoner")
    good_protocol(site, "/arkiv/seg.pdf", "sniglar", delay=1.0)
    site.page("/arkiv/", "<a href='seg.pdf'>Seg</a><a href='p1.pdf'>P1</a>")
    policy = Policy(delay=0, timeout=0.2, tries=2, backoff=0.001)
    summary = run(site, tmp_path / "archive", policy=policy)
    assert summary.failed == [
        (site.url("/arkiv/seg.pdf"), "tidsgränsen på 0,2 s överskreds (efter 2 försök)")
    ]
    assert summary.downloaded == 1


def test_only_http_and_https_are_fetched() -> None:
    fetched = Fetcher(FAST).get("ftp://127.0.0.1/p.pdf")
    assert not fetched.ok and "bara http och https" in (fetched.reason or "")
    with pytest.raises(FinsokError, match="http"):
        source_for_url("file:///etc/passwd")


def test_waits_its_turn_per_host(site: Site, cdn: Site) -> None:
    site.add("/a", "a")
    site.add("/b", "b")
    cdn.add("/c", "c")
    time = FakeTime()
    policy = allowing(site, cdn, policy=Policy(delay=5))
    fetcher = Fetcher(policy, sleep=time.sleep, clock=time.clock)
    for url in (site.url("/a"), site.url("/b"), cdn.url("/c")):
        assert fetcher.get(url).ok
    # On the site: robots.txt, then /a and /b each after a wait. The CDN's robots.txt does not
    # wait for the site (each host has its own turn); /c then waits after it.
    assert time.sleeps == [5.0, 5.0, 5.0]


# --- internal addresses (SSRF) --------------------------------------------------------------
#
# Every test server is on 127.0.0.1. The crawled source's own host (the site fixture) is one
# the operator named; the second server (cdn) plays an internal service on another port that
# an archive page links to, and must not be reached unless the operator names it too.


def _port(site: Site) -> str:
    return site.netloc.rsplit(":", 1)[1]


def _refused(netloc: str, address: str = "127.0.0.1") -> str:
    return (
        f"adressen pekar på den egna datorn ({address}) — lägg till {netloc} i "
        f"FINSOK_CRAWL_ALLOW_HOSTS (eller ange --allow-host {netloc}) om det är avsiktligt"
    )


def test_a_link_to_another_local_port_is_refused_unless_named(
    site: Site, cdn: Site, tmp_path: Path
) -> None:
    cdn.add("/hemligt.txt", "INTERN-HEMLIGHET apikey=sk_live_123", content_type="text/plain")
    good_protocol(site, "/arkiv/p1.pdf", "pelargoner")
    site.page(
        "/arkiv/", f"<a href='p1.pdf'>P1</a><a href='{cdn.url('/hemligt.txt')}'>Protokoll</a>"
    )
    root = tmp_path / "archive"

    summary = run(site, root)

    assert summary.downloaded == 1  # the source's own host is the operator's: still fetched
    assert summary.failed == [(cdn.url("/hemligt.txt"), _refused(cdn.netloc))]
    assert cdn.log == []  # not even its robots.txt: no connection was made
    assert sorted(p.name for p in (root / "test").iterdir()) == [SIDECAR, "p1.pdf"]

    named = run(site, root, policy=allowing(cdn))  # the same link, once the host is named
    assert named.ok and named.downloaded == 1
    assert [r.path for r in cdn.log] == ["/robots.txt", "/hemligt.txt"]


def test_a_redirect_to_an_internal_address_is_refused(
    site: Site, cdn: Site, tmp_path: Path
) -> None:
    cdn.add("/internal-admin", "INTERN-HEMLIGHET", content_type="text/plain")
    site.redirect("/arkiv/p3.txt", cdn.url("/internal-admin"))
    site.page("/arkiv/", "<a href='p3.txt'>Protokoll 3</a>")
    summary = run(site, tmp_path / "archive")
    assert summary.failed == [(site.url("/arkiv/p3.txt"), _refused(cdn.netloc))]
    assert cdn.log == [] and summary.downloaded == 0


def test_an_archive_url_that_moves_to_an_internal_host_is_refused(
    site: Site, cdn: Site, tmp_path: Path
) -> None:
    cdn.page("/arkiv/", "<a href='p1.pdf'>P1</a>")
    site.redirect("/flytt", cdn.url("/arkiv/"), 301)
    summary = run(site, tmp_path / "archive", "/flytt")
    assert summary.failed == [(site.url("/flytt"), _refused(cdn.netloc))]
    assert cdn.log == []


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("0x7f000001", "127.0.0.1"),  # hexadecimal
        ("2130706433", "127.0.0.1"),  # one decimal number
        ("0177.0.0.1", "127.0.0.1"),  # octal
        ("127.1", "127.0.0.1"),  # short form
        ("localhost", None),  # a name: its resolved address is what counts
        ("[::ffff:127.0.0.1]", "::ffff:127.0.0.1"),  # IPv4-mapped IPv6
        ("[::1]", "::1"),
    ],
)
def test_numeric_spellings_of_an_internal_address_are_refused(
    site: Site, cdn: Site, tmp_path: Path, host: str, address: str | None
) -> None:
    cdn.add("/hex.txt", "INTERN-HEMLIGHET", content_type="text/plain")
    url = f"http://{host}:{_port(cdn)}/hex.txt"
    site.page("/arkiv/", f"<a href='{url}'>Protokoll 9</a>")
    summary = run(site, tmp_path / "archive")
    [(where, reason)] = summary.failed
    assert where == url and reason.startswith("adressen pekar på den egna datorn (")
    if address:
        assert reason == _refused(f"{host}:{_port(cdn)}", address)
    assert cdn.log == []


def test_the_sources_own_host_spelled_another_way_is_not_named(site: Site, tmp_path: Path) -> None:
    site.add("/intern.txt", "INTERN-HEMLIGHET", content_type="text/plain")
    url = f"http://0x7f000001:{_port(site)}/intern.txt"
    site.page("/arkiv/", f"<a href='{url}'>Protokoll</a>")
    summary = run(site, tmp_path / "archive")
    assert summary.failed == [(url, _refused(f"0x7f000001:{_port(site)}"))]
    assert "/intern.txt" not in site.paths()


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2606:4700::1", True),
        ("::ffff:8.8.8.8", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("240.0.0.1", False),  # reserved
        ("224.0.0.1", False),  # multicast, which ipaddress counts as global
        ("::1", False),
        ("::", False),
        ("fc00::1", False),
        ("fe80::1", False),
        ("ff02::1", False),
        ("::ffff:10.0.0.1", False),
        ("::7f00:1", False),  # IPv4-compatible, which ipaddress counts as global
        ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
        ("64:ff9b::808:808", True),  # NAT64 of 8.8.8.8
        ("2002:7f00:1::", False),  # 6to4
    ],
)
def test_which_addresses_are_public(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


def test_an_internal_host_named_on_the_command_line_or_in_the_environment_is_fetched(
    site: Site,
    cdn: Site,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good_protocol(cdn, "/cdn/p4.pdf", "lingonsylt")
    site.page("/arkiv/", f"<a href='{cdn.url('/cdn/p4.pdf')}'>Protokoll 4</a>")
    args = [
        "crawl",
        site.url("/arkiv/"),
        "--forbund",
        "t",
        "--archive",
        str(tmp_path / "archive"),
        "--no-index",
        "--delay",
        "0",
    ]
    assert main(args) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"finsok: {cdn.url('/cdn/p4.pdf')}: {_refused(cdn.netloc)}" in err

    assert main([*args, "--allow-host", cdn.netloc]) == 0, capsys.readouterr().err
    assert (tmp_path / "archive" / "t" / "p4.pdf").exists()

    (tmp_path / "archive" / "t" / "p4.pdf").unlink()
    monkeypatch.setenv("FINSOK_CRAWL_ALLOW_HOSTS", f"intranat.example, {cdn.netloc}")
    assert main(args) == 0, capsys.readouterr().err
    assert (tmp_path / "archive" / "t" / "p4.pdf").exists()


def test_a_bad_allow_list_entry_gives_one_clear_line(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FINSOK_CRAWL_ALLOW_HOSTS", "10.0.0.5:port")
    status = main(["crawl", site.url("/arkiv/"), "--archive", str(tmp_path / "a"), "--no-index"])
    assert status != 0
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("finsok: FINSOK_CRAWL_ALLOW_HOSTS: '10.0.0.5:port' är ingen värd")
    assert site.log == []


def test_through_a_proxy_the_sites_own_address_is_checked(
    cdn: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The proxy (cdn here) is the operator's; the address it would be asked for is not."""
    monkeypatch.setenv("http_proxy", cdn.url(""))
    monkeypatch.delenv("no_proxy")
    target = "http://127.0.0.1:9/intern.txt"  # the proxy answers it; nothing listens on port 9
    cdn.add(target, "via proxyn", content_type="text/plain")  # a proxy is asked for the full URL

    fetched = Fetcher(FAST).get(target)
    assert fetched.reason == _refused("127.0.0.1:9") and cdn.log == []

    named = Fetcher(replace(FAST, allow_hosts=frozenset({allow_entry("127.0.0.1:9")})))
    fetched = named.get(target)
    assert fetched.ok and fetched.body == b"via proxyn"
    assert [r.path for r in cdn.log] == ["http://127.0.0.1:9/robots.txt", target]


# --- limits per source and run --------------------------------------------------------------


def _text_files(site: Site, count: int, size: int = 1000) -> str:
    """`count` distinct text files of `size` bytes on the site; the archive page's links."""
    links = ""
    for n in range(1, count + 1):
        body = f"Protokoll {n} ".ljust(size, "x")
        site.add(f"/filer/p{n}.txt", body, content_type="text/plain")
        links += f"<a href='/filer/p{n}.txt'>Protokoll {n}</a>"
    return links


def test_the_bytes_per_source_are_capped(site: Site, tmp_path: Path) -> None:
    page = site.page("/arkiv/", _text_files(site, 5))
    page_size = len(site.routes["/arkiv/"].body)
    cap = page_size + 1500  # the page and one file fit; the second file passes the cap
    root = tmp_path / "archive"

    summary = run(site, root, policy=replace(FAST, max_source_bytes=cap))

    assert summary.downloaded == 2
    assert not any(p.startswith(("/filer/p3", "/filer/p4", "/filer/p5")) for p in site.paths())
    [(where, reason)] = summary.failed
    assert where == page
    assert reason.startswith("hämtningen av test stoppades: gränsen på ")
    assert "MB hämtat per källa och körning nåddes; 3 dokument väntar" in reason
    assert reason.endswith("(höj med --max-source-mb)")
    assert len([p for p in (root / "test").iterdir() if p.suffix == ".txt"]) == 2  # kept


def test_the_documents_per_source_are_capped_and_the_next_run_goes_on(
    site: Site, tmp_path: Path
) -> None:
    page = site.page("/arkiv/", _text_files(site, 4))
    root = tmp_path / "archive"
    policy = replace(FAST, max_documents=2)

    first = run(site, root, policy=policy)
    assert "/filer/p3.txt" not in site.paths()
    second = run(site, root, policy=policy)

    assert first.downloaded == 2
    assert first.failed == [
        (
            page,
            "hämtningen av test stoppades: gränsen på 2 nya dokument per källa och körning "
            "nåddes; 2 dokument väntar till nästa körning och det som redan hämtats finns kvar "
            "(höj med --max-documents)",
        )
    ]
    assert (second.downloaded, second.unchanged) == (2, 2) and second.ok  # unchanged files count
    assert len([p for p in (root / "test").iterdir() if p.suffix == ".txt"]) == 4


def test_an_archive_page_has_a_smaller_size_limit_than_documents(
    site: Site, tmp_path: Path
) -> None:
    links = _text_files(site, 1, size=5000)  # a document larger than a page may be
    site.page("/arkiv/", f"{links}<a href='/arkiv/2/'>Äldre</a>")
    site.page("/arkiv/2/", "<a href='/filer/p9.txt'>Protokoll 9</a>" + "<p>fyllnad</p>" * 200)
    policy = replace(FAST, max_page_bytes=2000)
    summary = run(site, tmp_path / "archive", policy=policy)
    assert summary.downloaded == 1  # the 5000-byte document
    assert summary.failed == [
        (
            site.url("/arkiv/2/"),
            "arkivsidan är större än gränsen på 0,002 MB (höj med --max-page-mb)",
        )
    ]


def _bare_page(site: Site, path: str, links: str) -> str:
    """An archive page with only `links` (no menu or footer links, which would count too)."""
    return site.add(path, f"<!doctype html><html><body>{links}</body></html>")


def test_the_links_read_per_archive_page_are_capped(site: Site, tmp_path: Path) -> None:
    links = _text_files(site, 5) + "<a href='/arkiv/2/'>Äldre</a>"
    page = _bare_page(site, "/arkiv/", links)
    _bare_page(site, "/arkiv/2/", "<a href='/filer/p6.txt'>Protokoll 6</a>")
    site.add("/filer/p6.txt", "Protokoll 6", content_type="text/plain")

    capped = run(site, tmp_path / "capped", policy=replace(FAST, max_page_links=3))

    assert capped.ok and (capped.pages, capped.found, capped.downloaded) == (1, 3, 3)
    assert not any(p.startswith(("/filer/p4", "/filer/p5", "/arkiv/2/")) for p in site.paths())
    assert capped.notes == [
        (
            page,
            "arkivsidan har fler länkar än gränsen på 3; bara de 3 första lästes "
            "(höj med --max-page-links)",
        )
    ]
    exactly = run(site, tmp_path / "exactly", policy=replace(FAST, max_page_links=6))
    assert exactly.ok and exactly.notes == [] and (exactly.pages, exactly.downloaded) == (2, 6)
    assert Policy().max_page_links == 10_000


def test_a_capped_archive_page_is_named_as_a_browser_shows_it(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _bare_page(site, "/arkiv-%C3%A5%C3%A4%C3%B6/", _text_files(site, 3))
    archive = tmp_path / "archive"
    args = ["crawl", site.url("/arkiv-åäö/"), "--archive", str(archive), "--no-index"]

    status = main([*args, "--delay", "0", "--forbund", "test", "--max-page-links", "2"])

    assert status == 0  # a remark, not a failure: what was read is downloaded
    assert len(list((archive / "test").glob("*.txt"))) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"finsok: obs: {site.url('/arkiv-åäö/')}: arkivsidan har fler länkar än gränsen på 2; "
        "bara de 2 första lästes (höj med --max-page-links)"
    ]


def test_a_long_retry_after_is_capped_at_a_minute(site: Site) -> None:
    assert Policy().max_retry_after == 60
    site.add("/arkiv/sen.pdf", "vänta", status=503, headers={"Retry-After": "90"})
    sleeps: list[float] = []
    fetched = Fetcher(allowing(site), sleep=sleeps.append).get(site.url("/arkiv/sen.pdf"))
    assert len(site.requests("/arkiv/sen.pdf")) == 1 and sleeps == []
    assert "servern ber oss vänta 90 s" in (fetched.reason or "")


def test_the_deadline_stops_one_source_and_the_next_runs(site: Site, tmp_path: Path) -> None:
    site.add("/a/upptagen.pdf", "upptagen", status=503, headers={"Retry-After": "30"})
    good_protocol(site, "/a/p1.pdf", "pelargoner")
    site.page("/a/", "<a href='upptagen.pdf'>Upptagen</a><a href='p1.pdf'>P1</a>")
    good_protocol(site, "/b/p2.pdf", "rabarber")
    site.page("/b/", "<a href='p2.pdf'>P2</a>")
    time = FakeTime()  # the clock moves only by the fetcher's waits: nothing is slow here
    policy = allowing(site, policy=replace(FAST, source_deadline=20))
    fetcher = Fetcher(policy, sleep=time.sleep, clock=time.clock)
    root = tmp_path / "archive"

    first = crawl(Source("a", (site.url("/a/"),)), root, fetcher)
    second = crawl(Source("b", (site.url("/b/"),)), root, fetcher)

    # Waiting the 30 s the server asks for would end past the 20 s deadline: stop at once.
    assert time.sleeps == [] and len(site.requests("/a/upptagen.pdf")) == 1
    assert "/a/p1.pdf" not in site.paths()
    assert first.failed == [
        (
            site.url("/a/"),
            "hämtningen av a stoppades: tidsgränsen på 0,33 min per källa och körning nåddes; "
            "2 dokument väntar till nästa körning och det som redan hämtats finns kvar "
            "(höj med --max-minutes)",
        )
    ]
    assert second.ok and second.downloaded == 1  # its own deadline, from its own start


def test_update_goes_on_with_the_next_source_after_a_deadline(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good_protocol(site, "/seg/p0.pdf", "sniglar", delay=3.0)
    site.page("/seg/", "<a href='p0.pdf'>P0</a>")
    good_protocol(site, "/bra/p1.pdf", "pelargoner")
    site.page("/bra/", "<a href='p1.pdf'>P1</a>")
    sources = _sources_file(site, tmp_path, seg="/seg/", bra="/bra/")
    archive = tmp_path / "archive"
    args = ["--sources", str(sources), "--archive", str(archive), "--no-index", "--delay", "0"]

    status = main(["update", *args, "--max-minutes", "0.01"])  # 0.6 s per source

    err = capsys.readouterr().err.splitlines()
    assert status == 1
    assert (archive / "bra" / "p1.pdf").exists() and not (archive / "seg" / "p0.pdf").exists()
    [line] = [e for e in err if "stoppades" in e]
    assert line.startswith(f"finsok: {site.url('/seg/')}: hämtningen av seg stoppades: tidsgränsen")
    assert len(err) == 1  # the slow document costs no line of its own


# --- the second run: conditional requests, changes, failures ---------------------------------


def test_unchanged_files_are_not_downloaded_again(site: Site, tmp_path: Path) -> None:
    good_protocol(site, "/arkiv/etag.pdf", "pelargoner", etag='"v1"')
    good_protocol(
        site, "/arkiv/datum.pdf", "rabarber", last_modified="Wed, 01 May 2024 10:00:00 GMT"
    )
    site.page("/arkiv/", "<a href='etag.pdf'>E</a><a href='datum.pdf'>D</a>")
    root = tmp_path / "archive"
    first = run(site, root)
    assert first.downloaded == 2
    before = (root / "test" / "etag.pdf").stat().st_mtime_ns

    second = run(site, root)

    assert (second.downloaded, second.unchanged) == (0, 2)
    [_, again] = site.requests("/arkiv/etag.pdf")
    assert again.headers["if-none-match"] == '"v1"'
    [_, dated] = site.requests("/arkiv/datum.pdf")
    assert dated.headers["if-modified-since"] == "Wed, 01 May 2024 10:00:00 GMT"
    assert (root / "test" / "etag.pdf").stat().st_mtime_ns == before


def test_a_changed_file_is_downloaded_and_indexed_again(site: Site, tmp_path: Path) -> None:
    good_protocol(site, "/arkiv/p1.pdf", "pelargoner", etag='"v1"')
    site.page("/arkiv/", "<a href='p1.pdf'>P1</a>")
    root, index = tmp_path / "archive", tmp_path / "ix"
    run(site, root)
    assert ingest([root / "test"], index, provenance=archive_provenance()).added == 1

    good_protocol(site, "/arkiv/p1.pdf", "hallonsnår", etag='"v2"')
    summary = run(site, root)

    assert summary.downloaded == 1
    assert site.requests("/arkiv/p1.pdf")[-1].headers["if-none-match"] == '"v1"'
    result = ingest([root / "test"], index, provenance=archive_provenance())
    assert (result.updated, result.added) == (1, 0)
    assert search(index, "hallonsnår")["total"] == 1
    assert search(index, "pelargoner")["total"] == 0
    records = json.loads((root / "test" / SIDECAR).read_text(encoding="utf-8"))
    assert records["p1.pdf"]["etag"] == '"v2"'


def test_a_failed_download_keeps_the_earlier_copy(site: Site, tmp_path: Path) -> None:
    good_protocol(site, "/arkiv/p1.pdf", "pelargoner", etag='"v1"')
    site.page("/arkiv/", "<a href='p1.pdf'>P1</a>")
    root = tmp_path / "archive"
    run(site, root)
    kept = (root / "test" / "p1.pdf").read_bytes()

    site.add("/arkiv/p1.pdf", "<html><body>Underhåll</body></html>")  # now an HTML error page
    summary = run(site, root)

    assert len(summary.failed) == 1 and summary.downloaded == 0
    assert (root / "test" / "p1.pdf").read_bytes() == kept
    assert not [p for p in (root / "test").iterdir() if p.name.endswith(".part")]


def test_a_file_that_fails_to_parse_stays_and_is_retried(site: Site, tmp_path: Path) -> None:
    site.add("/arkiv/trasig.pdf", b"%PDF-1.4\ntrasig", content_type="application/pdf", etag='"a"')
    site.page("/arkiv/", "<a href='trasig.pdf'>Trasig</a>")
    root, index = tmp_path / "archive", tmp_path / "ix"
    run(site, root)
    first = ingest([root / "test"], index, provenance=archive_provenance())
    assert len(first.failed) == 1

    again = run(site, root)  # unchanged on the server: 304, the file stays
    assert again.unchanged == 1 and (root / "test" / "trasig.pdf").exists()
    assert len(ingest([root / "test"], index, provenance=archive_provenance()).failed) == 1

    good_protocol(site, "/arkiv/trasig.pdf", "pelargoner", etag='"b"')
    assert run(site, root).downloaded == 1
    fixed = ingest([root / "test"], index, provenance=archive_provenance())
    assert fixed.ok and fixed.added == 1


# --- provenance -----------------------------------------------------------------------------


def test_the_index_and_the_api_carry_the_source_url(site: Site, tmp_path: Path) -> None:
    from web import create_app

    url = good_protocol(site, "/arkiv/p1.pdf", "pelargoner")
    site.page("/arkiv/", "<a href='p1.pdf'>P1</a>")
    root, index = tmp_path / "archive", tmp_path / "ix"
    run(site, root)
    ingest([root / "test"], index, provenance=archive_provenance())

    client = create_app({"FINSOK_INDEX": str(index), "TESTING": True}).test_client()
    hit = client.get("/api/search?q=pelargoner").get_json()["hits"][0]
    assert hit["source_url"] == url
    page = client.get(hit["url"].split("#")[0]).get_data(as_text=True)
    assert f'href="{url}"' in page


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("javascript:alert(document.domain)//https://x", "inte http eller https (javascript:)"),
        ("data:text/html,<script>alert(1)</script>", "inte http eller https (data:)"),
        ("java\tscript:alert(1)", "inte http eller https (javascript:)"),
        ("/arkiv/p1.txt", "inte http eller https (en relativ adress)"),
        ("https:///p1.txt", "saknar värdnamn"),
        (["https://f.se/p1.txt"], "ingen text"),
    ],
)
def test_a_sidecar_url_that_is_not_http_is_dropped_with_a_note(
    tmp_path: Path, url: object, why: str
) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    lines = protocol("2024-03-01", (1, "Mötets öppnande", "Ordföranden talade om pelargoner."))
    (folder / "p1.txt").write_text("\n".join(lines), encoding="utf-8")
    (folder / "p2.txt").write_text("\n".join(lines).replace("pelargoner", "rabarber"), "utf-8")
    records = {"p1.txt": {"url": url, "fetched_at": "2024-03-02T10:00:00+00:00"}}
    records["p2.txt"] = {"url": "https://f.se/arkiv/p2.txt"}
    (folder / SIDECAR).write_text(json.dumps(records), encoding="utf-8")
    index = tmp_path / "ix"

    result = ingest([folder], index, provenance=archive_provenance())

    assert result.ok and result.added == 2, result.failed
    assert search(index, "pelargoner")["hits"][0].get("source_url") is None
    assert search(index, "rabarber")["hits"][0]["source_url"] == "https://f.se/arkiv/p2.txt"
    [(where, note)] = result.notes
    assert where == str(folder / "p1.txt")
    assert note.startswith(f"{folder / SIDECAR}: källadressen ") and why in note
    assert note.endswith("och används inte — rätta posten för filen")


def test_file_names_are_stable_and_safe(tmp_path: Path) -> None:
    assert file_name("https://f.se/a/Protokoll%20mars%202024.pdf", ".pdf") == (
        "Protokoll-mars-2024.pdf"
    )
    assert file_name("https://f.se/protokoll/mote-1/", ".html") == "mote-1.html"
    name = file_name("https://f.se/download.php?id=5", ".pdf")
    assert name.startswith("download-") and name.endswith(".pdf")
    assert file_name("https://f.se/../..", ".pdf").startswith("dokument-")
    archive = Archive(tmp_path)
    archive.save("p.pdf", b"x", {"url": "https://a.se/p.pdf"})
    other = archive.name_for("https://b.se/p.pdf", ".pdf")
    assert other != "p.pdf" and other.startswith("p-")
    assert archive.name_for("https://a.se/p.pdf", ".pdf") == "p.pdf"


def test_a_damaged_sidecar_is_set_aside(tmp_path: Path) -> None:
    (tmp_path / SIDECAR).write_text("{trasig", encoding="utf-8")
    archive = Archive(tmp_path)
    assert archive.records == {} and "skadad" in (archive.problem or "")
    assert (tmp_path / (SIDECAR + ".skadad")).exists()


# --- the sources file -----------------------------------------------------------------------


def test_the_shipped_sources_name_ostra_sodertorns_archive() -> None:
    sources = {s.slug: s.urls for s in load_sources(PROJECT_ROOT / "data" / "sources.toml")}
    assert sources["ostra-sodertorn"] == (
        "https://samordningsforbundetostrasodertorn.se/arkiv-mapp/",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[halland]\nurls = ["https://a.se/"\n', "rad 2: felaktig TOML"),
        ('[halland]\nurls = ["https://a.se/"]\nfel rad\n[b]\n', "rad 3: felaktig TOML"),
        ('[halland]\nurls = ["https://a.se/"]\n\n[Blekinge]\nurls = []\n', "rad 4: [Blekinge]"),
        (
            '[halland]\nurls = ["https://a.se/"]\n[skane]\nurl_typo = "x"\n',
            "rad 3: [skane] saknar urls",
        ),
        ('[halland]\nurls = ["ftp://a.se/"]\n', "rad 1: [halland] har en adress"),
    ],
)
def test_a_malformed_sources_file_names_file_and_line(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FinsokError) as caught:
        load_sources(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)
    # tomllib's English reason ("Expected ']' at the end of an array …") is left out.
    assert "Expected" not in str(caught.value) and "line" not in str(caught.value)


def test_crawl_url_uses_the_slug_from_the_sources_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('[halland]\nurls = ["https://halland.example/arkiv/"]\n', encoding="utf-8")
    assert source_for_url("https://halland.example/arkiv/", sources=path).slug == "halland"
    assert source_for_url("https://x.example/", "Östra Södertörn", path).slug == "ostra-sodertorn"
    assert source_for_url("https://www.samordningsforbundetvast.se/a/", sources=path).slug == "vast"


# --- the commands ---------------------------------------------------------------------------


def _two_sources(site: Site, tmp_path: Path) -> Path:
    good_protocol(site, "/bra/p1.pdf", "pelargoner")
    site.page("/bra/", "<a href='p1.pdf'>P1</a>")
    return _sources_file(site, tmp_path, trasig="/finns-inte/", bra="/bra/")


def _sources_file(site: Site, tmp_path: Path, **paths: str) -> Path:
    """A sources.toml with one source per keyword, each an archive path on `site`."""
    sources = tmp_path / "sources.toml"
    tables = [f'[{slug}]\nurls = ["{site.url(path)}"]\n' for slug, path in paths.items()]
    sources.write_text("\n".join(tables), encoding="utf-8")
    return sources


def test_update_exits_non_zero_when_a_source_failed_after_the_others_ran(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = _two_sources(site, tmp_path)
    archive, index = tmp_path / "archive", tmp_path / "ix"
    args = ["--sources", str(sources), "--archive", str(archive), "--index", str(index)]

    status = main(["update", *args, "--delay", "0"])

    out, err = capsys.readouterr()
    assert status == 1
    assert (archive / "bra" / "p1.pdf").exists()
    assert out.splitlines()[0].startswith(f"Hämtning till {archive}: 2 källor")
    assert "1 tillagd," in out.splitlines()[1]
    assert f"finsok: {site.url('/finns-inte/')}: finns inte (HTTP 404)" in err.splitlines()
    assert search(index, "pelargoner")["hits"][0]["source_url"] == site.url("/bra/p1.pdf")


def test_crawl_all_reads_the_sources_file_from_the_environment(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    good_protocol(site, "/a/p1.pdf", "pelargoner")
    good_protocol(site, "/b/p2.pdf", "rabarber")
    site.page("/a/", "<a href='p1.pdf'>P1</a>")
    site.page("/b/", "<a href='p2.pdf'>P2</a>")
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[a]\nurls = ["{site.url("/a/")}"]\n[b]\nurl = "{site.url("/b/")}"\n', encoding="utf-8"
    )
    monkeypatch.setenv("FINSOK_SOURCES", str(sources))
    monkeypatch.setenv("FINSOK_ARCHIVE", str(tmp_path / "archive"))

    status = main(["crawl", "--all", "--index", str(tmp_path / "ix"), "--delay", "0"])

    assert status == 0, capsys.readouterr().err
    assert (tmp_path / "archive" / "a" / "p1.pdf").exists()
    assert (tmp_path / "archive" / "b" / "p2.pdf").exists()


@pytest.mark.parametrize(
    ("flag", "message"),
    [
        (["--max-pages", "-1"], "--max-pages: -1 är för litet (tillåtet: minst 1)"),
        (["--max-documents", "0"], "--max-documents: 0 är för litet (tillåtet: minst 1)"),
        (["--max-page-links", "0"], "--max-page-links: 0 är för litet (tillåtet: minst 1)"),
        (
            ["--max-page-links", "10k"],
            "--max-page-links: '10k' är inget heltal (tillåtet: minst 1)",
        ),
        (["--delay", "-1"], "--delay: -1 går inte (tillåtet: 0 eller mer)"),
        (["--timeout", "0"], "--timeout: 0 går inte (tillåtet: mer än 0)"),
        (["--max-mb", "abc"], "--max-mb: 'abc' är inget tal (tillåtet: mer än 0)"),
        (["--max-minutes", "nan"], "--max-minutes: nan går inte (tillåtet: mer än 0)"),
        (["--max-source-mb", "-5"], "--max-source-mb: -5 går inte (tillåtet: mer än 0)"),
    ],
)
def test_a_bad_crawl_flag_is_a_usage_error_naming_it(
    flag: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["crawl", "http://127.0.0.1:9/arkiv/", "--no-index", *flag])
    assert stop.value.code == 2
    assert f"finsok crawl: fel: {message} — se `finsok crawl --help`" in capsys.readouterr().err


def test_crawl_flags_take_a_decimal_comma(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.page("/arkiv/", "<p>Inga protokoll än.</p>")
    archive = tmp_path / "archive"
    args = ["crawl", site.url("/arkiv/"), "--archive", str(archive), "--no-index"]
    assert main([*args, "--delay", "0,0", "--max-mb", "0,5", "--forbund", "test"]) == 1
    assert ": 1 källa, 1 arkivsida, 0 dokument hittade" in capsys.readouterr().out  # it ran


def test_crawl_flags_default_to_the_fetch_policy(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The flags' defaults are the policy's own: one place to change a limit."""
    monkeypatch.delenv("FINSOK_CRAWL_ALLOW_HOSTS", raising=False)
    args = build_parser().parse_args(["crawl", "http://127.0.0.1:9/arkiv/"])
    assert crawl_policy(args) == Policy()
    assert args.max_pages == MAX_PAGES
    with pytest.raises(SystemExit):
        main(["crawl", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "per arkivsida (10 000)" in shown
    assert "per anrop (30)" in shown


def test_crawl_needs_a_url_or_all(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["crawl"]) == 1
    assert "--all" in capsys.readouterr().err


def test_the_console_script_crawls_one_archive(site: Site, tmp_path: Path) -> None:
    good_protocol(site, "/arkiv/p1.pdf", "pelargoner")
    site.page("/arkiv/", "<a href='p1.pdf'>P1</a>")
    env = {k: v for k, v in os.environ.items() if k not in PROXY_VARS}
    env["PYTHONWARNINGS"] = "error"
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("finsok")),
            "crawl",
            site.url("/arkiv/"),
            "--forbund",
            "ostra-sodertorn",
            "--archive",
            str(tmp_path / "archive"),
            "--index",
            str(tmp_path / "ix"),
            "--delay",
            "0",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "1 nedladdad," in result.stdout and "1 tillagd," in result.stdout
    assert (tmp_path / "archive" / "ostra-sodertorn" / "p1.pdf").exists()


# (what urllib gave as URLError.reason, the reason a crawl reports): never OpenSSL's English.
CONNECTION_PROBLEMS = [
    (
        ssl.SSLCertVerificationError(
            1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"
        ),
        "TLS-fel: webbplatsens certifikat kunde inte verifieras (utgånget, självsignerat eller "
        "för ett annat namn)",
    ),
    (
        ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number"),
        "TLS-fel: den krypterade",
    ),
    (
        ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"),
        "kunde inte ansluta (anslutningen nekades)",
    ),
    (
        OSError(errno.ENETUNREACH, "Network is unreachable"),
        "kunde inte ansluta (nätverket går inte att nå)",
    ),
    (socket.gaierror(-2, "Name or service not known"), "värdnamnet finns inte (DNS)"),
]


@pytest.mark.parametrize(
    ("reason", "says"), CONNECTION_PROBLEMS, ids=[type(r).__name__ for r, _ in CONNECTION_PROBLEMS]
)
def test_connection_problems_are_explained_in_swedish(reason: Exception, says: str) -> None:
    problem = _connection_problem(reason, "tidsgränsen löpte ut")
    assert problem.reason.startswith(says), problem.reason
    for english in ("certificate verify failed", "wrong version", "refused", "unreachable"):
        assert english not in problem.reason


# --- URLs as sites write them ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "wire"),
    [
        ("http://f.se/Protokoll_årsmöte.pdf", "http://f.se/Protokoll_%C3%A5rsm%C3%B6te.pdf"),
        ("http://f.se/Protokoll 2025 mars.pdf", "http://f.se/Protokoll%202025%20mars.pdf"),
        ("http://f.se/a%C3%A5.pdf", "http://f.se/a%C3%A5.pdf"),  # escapes are kept
        ("http://f.se/s?q=å b&page=2#top", "http://f.se/s?q=%C3%A5%20b&page=2"),
        ("HTTP://Räksmörgås.SE:8080/x/", "http://xn--rksmrgs-5wao1o.se:8080/x/"),
    ],
)
def test_urls_are_encoded_as_a_browser_sends_them(url: str, wire: str) -> None:
    assert browser_url(url) == wire


@pytest.mark.parametrize(
    ("wire", "readable"),
    [
        ("http://f.se/Protokoll_%C3%A5rsm%C3%B6te.pdf", "http://f.se/Protokoll_årsmöte.pdf"),
        ("http://f.se/Protokoll%202025%20mars.pdf", "http://f.se/Protokoll%202025%20mars.pdf"),
        ("http://f.se/a%2Fb%C3%A5.pdf", "http://f.se/a%2Fbå.pdf"),  # ASCII escapes stay
        ("http://f.se/s?q=%C3%A5%20b&page=2", "http://f.se/s?q=å%20b&page=2"),
        ("http://xn--rksmrgs-5wao1o.se:8080/x/", "http://räksmörgås.se:8080/x/"),
        ("http://f.se/%FF%FE.pdf", "http://f.se/%FF%FE.pdf"),  # not UTF-8
        ("http://f.se/a%C2%A0b%E2%80%8B.pdf", "http://f.se/a%C2%A0b%E2%80%8B.pdf"),  # invisible
    ],
)
def test_urls_in_messages_read_as_a_browser_shows_them(wire: str, readable: str) -> None:
    assert readable_url(wire) == readable
    assert browser_url(readable) == wire  # pasted into a browser, it requests the same file


def test_a_failed_download_names_its_url_with_its_letters(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.page("/arkiv/", "<a href='Protokoll årsmöte.pdf'>Årsmöte</a>")  # the file is missing
    archive, index = tmp_path / "archive", tmp_path / "ix"

    status = main(
        [
            "crawl",
            site.url("/arkiv/"),
            "--archive",
            str(archive),
            "--index",
            str(index),
            "--delay",
            "0",
        ]
    )

    assert status == 1
    line = site.url("/arkiv/Protokoll%20årsmöte.pdf")
    assert f"finsok: {line}: finns inte (HTTP 404)" in capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(
    "hrefs",
    [
        ["Protokoll_årsmöte.pdf"],
        ["Protokoll årsmöte.pdf"],
        ["Protokoll_årsmöte.pdf", "Protokoll_%C3%A5rsm%C3%B6te.pdf"],  # one document, two spellings
    ],
)
def test_raw_non_ascii_and_spaces_in_links_are_fetched(
    site: Site, tmp_path: Path, hrefs: list[str]
) -> None:
    wire = browser_url(site.url("/arkiv/" + hrefs[0])).split(site.netloc, 1)[1]
    good_protocol(site, wire, "pelargoner")
    good_protocol(site, "/arkiv/p5.pdf", "rabarber")
    links = "".join(f"<a href='{href}'>Årsmöte</a>" for href in hrefs)
    site.page("/arkiv/", f"{links}<a href='http://[trasig/x.pdf'>Trasig</a><a href='p5.pdf'>P5</a>")
    summary = run(site, tmp_path / "archive")
    assert summary.failed == [] and (summary.found, summary.downloaded) == (2, 2)
    assert len(site.requests(wire)) == 1
    assert "/arkiv/p5.pdf" in site.paths()


def test_an_archive_url_typed_with_a_ring_and_dots_is_crawled(site: Site, tmp_path: Path) -> None:
    good_protocol(site, "/arkiv-%C3%A5%C3%A4%C3%B6/p1.pdf", "pelargoner")
    site.page("/arkiv-%C3%A5%C3%A4%C3%B6/", "<a href='p1.pdf'>P1</a>")
    summary = run(site, tmp_path / "archive", "/arkiv-åäö/")
    assert summary.ok and summary.downloaded == 1, summary.failed


def test_one_link_that_breaks_the_crawler_costs_one_line(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.crawler.crawl as crawl_module

    good_protocol(site, "/arkiv/p1.pdf", "pelargoner")
    good_protocol(site, "/arkiv/p2.pdf", "rabarber")
    site.page("/arkiv/", "<a href='p1.pdf'>P1</a><a href='p2.pdf'>P2</a>")
    real = crawl_module._record

    def fragile(link, *args):
        if link.url.endswith("p1.pdf"):
            raise KeyError("bugg")
        return real(link, *args)

    monkeypatch.setattr(crawl_module, "_record", fragile)
    summary = run(site, tmp_path / "archive")
    assert summary.downloaded == 1
    assert summary.failed == [(site.url("/arkiv/p1.pdf"), "internt fel (KeyError: 'bugg')")]


def test_an_archive_url_that_moves_to_another_host_is_followed(
    site: Site, cdn: Site, tmp_path: Path
) -> None:
    good_protocol(cdn, "/arkiv/p1.pdf", "pelargoner")
    good_protocol(cdn, "/arkiv/p2.pdf", "rabarber")
    cdn.page("/arkiv/", "<a href='p1.pdf'>P1</a><a href='?page=2'>Nästa</a>")
    cdn.page("/arkiv/?page=2", "<a href='p2.pdf'>P2</a>")
    site.redirect("/flytt", cdn.url("/arkiv/"), 301)
    summary = run(site, tmp_path / "archive", "/flytt", policy=allowing(cdn))
    assert summary.failed == [] and (summary.pages, summary.downloaded) == (2, 2)


# --- one copy of each file ------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["trasig", "borttagen"])
def test_a_lost_sidecar_does_not_duplicate_the_files(
    site: Site, tmp_path: Path, damage: str
) -> None:
    good_protocol(site, "/arkiv/p1.pdf", "pelargoner")
    good_protocol(site, "/arkiv/dl?id=7", "rabarber")
    site.page("/arkiv/", "<a href='p1.pdf'>P1</a><a href='dl?id=7'>Ladda ner protokoll</a>")
    root = tmp_path / "archive"
    run(site, root)
    sidecar = root / "test" / SIDECAR
    before = json.loads(sidecar.read_text(encoding="utf-8"))
    if damage == "trasig":
        sidecar.write_text('{"trunc', encoding="utf-8")
    else:
        sidecar.unlink()

    summary = run(site, root)

    assert (summary.downloaded, summary.unchanged) == (0, 2), summary.failed
    files = sorted(p.name for p in (root / "test").iterdir() if not p.name.startswith("."))
    assert files == sorted(before)
    after = json.loads(sidecar.read_text(encoding="utf-8"))
    assert {n: r["url"] for n, r in after.items()} == {n: r["url"] for n, r in before.items()}


def test_a_second_crawl_of_the_same_source_says_it_is_busy(site: Site, tmp_path: Path) -> None:
    from index.archive import crawl_lock
    from index.crawler.crawl import BUSY

    site.page("/arkiv/", "<a href='p1.pdf'>P1</a>")
    root = tmp_path / "archive"
    with crawl_lock(root / "test") as mine:
        assert mine
        summary = run(site, root)
    assert summary.failed == [(str(root / "test"), BUSY)]
    assert site.log == []
    assert run(site, root).pages == 1  # released afterwards


def test_the_same_pdf_under_several_urls_is_stored_and_indexed_once(
    site: Site, tmp_path: Path
) -> None:
    url = good_protocol(site, "/filer/p1.pdf", "pelargoner", etag='"v1"')
    body = site.routes["/filer/p1.pdf"].body
    site.add("/filer/p1.pdf?version=2", body, content_type="application/pdf")
    site.add("/filer/kopia.pdf", body, content_type="application/octet-stream")
    site.redirect("/filer/flyttad.pdf", "/filer/p1.pdf")
    hrefs = ["p1.pdf", "p1.pdf?version=2", "kopia.pdf", "flyttad.pdf"]
    site.page("/filer/", "".join(f"<a href='{h}'>Protokoll</a>" for h in hrefs))
    root, index = tmp_path / "archive", tmp_path / "ix"

    first = run(site, root, "/filer/")
    second = run(site, root, "/filer/")

    assert (first.downloaded, first.duplicates) == (1, 3), first.failed
    assert (second.downloaded, second.unchanged, second.duplicates) == (0, 4, 0)
    records = json.loads((root / "test" / SIDECAR).read_text(encoding="utf-8"))
    assert list(records) == ["p1.pdf"] and records["p1.pdf"]["url"] == url
    assert records["p1.pdf"]["aliases"] == sorted(site.url(f"/filer/{h}") for h in hrefs[1:])
    ingest([root / "test"], index, provenance=archive_provenance())
    assert search(index, "pelargoner")["total"] == 1

    good_protocol(site, "/filer/kopia.pdf", "rabarber")  # the copy is now another document
    third = run(site, root, "/filer/")
    assert third.downloaded == 1
    records = json.loads((root / "test" / SIDECAR).read_text(encoding="utf-8"))
    assert records["kopia.pdf"]["url"] == site.url("/filer/kopia.pdf")
    assert site.url("/filer/kopia.pdf") not in records["p1.pdf"]["aliases"]


# --- odds and ends --------------------------------------------------------------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_archive_files_are_readable_as_the_umask_allows(
    site: Site, tmp_path: Path, umask: int, mode: int
) -> None:
    good_protocol(site, "/arkiv/p1.pdf", "pelargoner")
    site.page("/arkiv/", "<a href='p1.pdf'>P1</a>")
    old = os.umask(umask)
    try:
        run(site, tmp_path / "archive")
    finally:
        os.umask(old)
    for name in ("p1.pdf", SIDECAR):
        assert (tmp_path / "archive" / "test" / name).stat().st_mode & 0o777 == mode


def test_a_link_back_to_page_one_is_not_fetched_again(site: Site, tmp_path: Path) -> None:
    good_protocol(site, "/arkiv/p1.pdf", "pelargoner")
    site.page("/arkiv/", "<a href='p1.pdf'>P1</a><a href='?page=2'>Nästa</a>")
    site.page("/arkiv/?page=2", "<a href='?page=1'>Föregående</a><a href='?page=3'>Nästa</a>")
    site.page("/arkiv/?page=3", "<a href='/arkiv/?page=1'>1</a><a href='?page=2'>2</a>")
    summary = run(site, tmp_path / "archive")
    assert summary.pages == 3 and summary.ok
    assert site.requests("/arkiv/?page=1") == [] and len(site.requests("/arkiv/")) == 1


def test_an_unreachable_host_gives_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/arkiv/"
    summary = crawl(Source("test", (url,)), tmp_path / "archive", Fetcher(FAST))
    assert summary.notes == []
    [(where, reason)] = summary.failed
    assert where == url and "robots.txt kunde inte hämtas (kunde inte ansluta" in reason


def test_the_page_limit_before_any_document_is_said_as_such(site: Site, tmp_path: Path) -> None:
    for n in range(1, 4):
        site.page(f"/arkiv/{n}/", f"<a href='/arkiv/{n + 1}/'>Äldre</a>")
    summary = run(site, tmp_path / "archive", "/arkiv/1/", max_pages=2)
    [(_, reason)] = summary.failed
    assert "gränsen på 2 arkivsidor nåddes innan något dokument hittades" in reason
    assert reason != NOTHING_FOUND and summary.notes == []


def test_word_documents_are_skipped_with_one_note(site: Site, tmp_path: Path) -> None:
    good_protocol(site, "/arkiv/p1.pdf", "pelargoner")
    site.page("/arkiv/", "<a href='p1.pdf'>P1</a><a href='a.docx'>A</a><a href='?page=2'>Nästa</a>")
    site.page("/arkiv/?page=2", "<a href='b.doc'>B</a><a href='/arkiv/a.docx'>A igen</a>")
    summary = run(site, tmp_path / "archive")
    assert summary.notes == [
        (site.url("/arkiv/"), "2 Word-dokument (.doc/.docx) hoppades över — stöds inte")
    ]
    assert not any(p.endswith((".doc", ".docx")) for p in site.paths())


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ('attachment; filename="Protokoll 2025-03-01.pdf"', "Protokoll-2025-03-01.pdf"),
        ("attachment; filename*=UTF-8''%C3%85rsm%C3%B6te.pdf", "Årsmöte.pdf"),
        ('attachment; filename="../../hemligt.pdf"', "hemligt.pdf"),
        ('attachment; filename="bild.png"', None),  # does not fit the content: not used
    ],
)
def test_a_download_script_gets_the_servers_file_name(
    site: Site, tmp_path: Path, header: str, name: str | None
) -> None:
    good_protocol(site, "/dl?id=7", "pelargoner", headers={"Content-Disposition": header})
    site.page("/arkiv/", "<a href='/dl?id=7'>Ladda ner protokoll</a>")
    run(site, tmp_path / "archive")
    files = [p.name for p in (tmp_path / "archive" / "test").iterdir() if p.name != SIDECAR]
    assert files == [name] if name else files[0].startswith("dl-")


def test_an_archive_that_is_a_file_gives_one_clear_line(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.page("/arkiv/", "<a href='p1.pdf'>P1</a>")
    target = tmp_path / "fil"
    target.write_text("inte en mapp", encoding="utf-8")
    status = main(
        [
            "crawl",
            site.url("/arkiv/"),
            "--forbund",
            "t",
            "--archive",
            str(target),
            "--no-index",
            "--delay",
            "0",
        ]
    )
    err = capsys.readouterr().err.splitlines()
    assert status == 1
    assert err == [
        f"finsok: {target}: arkivmappen är en fil, inte en mapp (ange en mapp med --archive)"
    ]
    assert site.log == []


def test_the_crawls_index_step_prints_the_index_notes(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.page("/arkiv/", "<p>Inget här än.</p>")
    archive = tmp_path / "archive"
    (archive / "t").mkdir(parents=True)
    main(
        [
            "crawl",
            site.url("/arkiv/"),
            "--forbund",
            "t",
            "--archive",
            str(archive),
            "--index",
            str(tmp_path / "ix"),
            "--delay",
            "0",
        ]
    )
    err = capsys.readouterr().err
    assert f"finsok: obs: {archive / 't'}: " in err
