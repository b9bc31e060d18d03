"""The crawler against local imitations of how Swedish samordningsförbund publish protocols.

Each site here copies a publishing system's habits (SiteVision's `/download/18.…` links and
`sv-` portlets, WordPress's `wp-content/uploads` and `/page/2/`, Episerver's `/globalassets/`,
year sub-pages, protocol pages that only link to their PDF) and the ways real servers
misbehave (cut transfers, gzip nobody asked for, session ids in every link, header file names
in raw UTF-8). Like `test_crawl`, every server listens on 127.0.0.1 and the assertions read
the archive folder and the server's request log.
"""

from __future__ import annotations

import gzip
import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cli.terminal import crawl_summary_line
from index.archive import SIDECAR
from index.crawler.crawl import CrawlSummary, Source, calendar_steps, crawl
from index.crawler.fetch import Fetcher, Policy
from index.crawler.sitemaps import in_scope, read_sitemap, unpacked
from index.errors import grouped
from tests.testsite import Site, protocol

FAST = Policy(delay=0, timeout=2, tries=2, backoff=0.001, max_bytes=200_000)
pytestmark = pytest.mark.usefixtures("crawl_env")


def run(site: Site, root: Path, start: str, *, max_pages: int = 50) -> CrawlSummary:
    return crawl(Source("test", (site.url(start),)), root, Fetcher(FAST), max_pages=max_pages)


def stored(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "test").iterdir() if not p.name.startswith("."))


def records(root: Path) -> dict:
    return json.loads((root / "test" / SIDECAR).read_text(encoding="utf-8"))


def pdf(site: Site, path: str, word: str, **options: object) -> str:
    lines = protocol("2024-03-12", (1, "Mötets öppnande", f"Ordföranden talade om {word}."))
    return site.pdf(path, lines, **options)


def pdf_bytes(site: Site, word: str) -> bytes:
    pdf(site, "/_mall.pdf", word)
    return site.routes.pop("/_mall.pdf").body


# --- publishing systems ----------------------------------------------------------------------


def test_a_sitevision_archive_with_year_sub_pages(site: Site, tmp_path: Path) -> None:
    """SiteVision: file portlets with `sv-` classes, `/download/18.<id>/<ms>/<name>.pdf`
    links, and one sub-page per year ("2024", "2023") under the archive page."""
    dl = "/download/18.3c1f2a1b18c0e2f1a1b2/1700000000000/"
    pdf(site, dl + "Protokoll%202024-03-12.pdf", "pelargoner")
    pdf(site, "/download/18.4d2e/1690000000000/Protokoll%202023-11-02.pdf", "rabarber")
    portlet = (
        "<div class='sv-portlet sv-file-portlet'><ul class='sv-defaultlist'>"
        "<li class='sv-channel-item'><a class='sv-link' href='{href}'>"
        "<span class='sv-file-portlet-name'>{text}</span> (pdf, 120 kB)</a></li></ul></div>"
    )
    tabs = (
        "<ul class='sv-text-portlet'><li><a href='/styrelsen/protokoll.html'>2024</a></li>"
        "<li><a href='/styrelsen/protokoll/2023.html'>2023</a></li></ul>"
    )
    site.page(
        "/styrelsen/protokoll.html",
        tabs + portlet.format(href=dl + "Protokoll%202024-03-12.pdf", text="Protokoll 2024-03-12"),
    )
    site.page(
        "/styrelsen/protokoll/2023.html",
        tabs
        + portlet.format(
            href="/download/18.4d2e/1690000000000/Protokoll%202023-11-02.pdf",
            text="Protokoll 2023-11-02",
        ),
    )
    summary = run(site, tmp_path, "/styrelsen/protokoll.html")
    assert summary.failed == []
    assert stored(tmp_path) == ["Protokoll-2023-11-02.pdf", "Protokoll-2024-03-12.pdf"]


def test_a_list_of_protocol_pages_that_each_link_to_their_pdf(site: Site, tmp_path: Path) -> None:
    """A common layout: the archive lists one HTML page per meeting, and each page holds
    only a heading and the link to the protocol's PDF."""
    for day, word in (("12", "pelargoner"), ("14", "rabarber")):
        pdf(site, f"/globalassets/protokoll/protokoll-2024-03-{day}.pdf", word)
        site.page(
            f"/styrelsen/moten/styrelsemote-2024-03-{day}/",
            f"<p>Styrelsemöte 2024-03-{day}</p>"
            f"<a href='/globalassets/protokoll/protokoll-2024-03-{day}.pdf'>Ladda ner (pdf)</a>",
        )
    site.page(
        "/styrelsen/moten/",
        "<ul><li><a href='styrelsemote-2024-03-12/'>Styrelsemöte 12 mars</a></li>"
        "<li><a href='styrelsemote-2024-03-14/'>Styrelsemöte 14 mars</a></li></ul>",
    )
    summary = run(site, tmp_path, "/styrelsen/moten/")
    assert summary.failed == []
    assert "protokoll-2024-03-12.pdf" in stored(tmp_path)
    assert "protokoll-2024-03-14.pdf" in stored(tmp_path)
    # every document found is accounted for: two PDFs kept, two pages that led to them
    assert (summary.found, summary.downloaded, summary.landing) == (4, 2, 2)
    line = crawl_summary_line(summary, tmp_path)
    assert "4 dokument hittade, 2 nedladdade" in line and "2 länksidor (ledde till en PDF)" in line


def test_a_wordpress_archive_with_older_posts(site: Site, tmp_path: Path) -> None:
    up = "/wp-content/uploads/2024/03/"
    pdf(site, up + "Protokoll-styrelsen-2024-03-12.pdf", "pelargoner")
    pdf(site, up + "Protokoll-styrelsen-2023-11-02.PDF", "rabarber")
    site.routes[up + "Protokoll-styrelsen-2023-11-02.PDF?utm_source=nyhetsbrev"] = site.routes[
        up + "Protokoll-styrelsen-2023-11-02.PDF"
    ]
    site.page(
        "/protokoll/",
        f"<article><a href='{up}Protokoll-styrelsen-2024-03-12.pdf'>Protokoll</a></article>"
        "<div class='nav-links'><a class='next page-numbers' href='/protokoll/page/2/'>"
        "Äldre inlägg</a></div>",
    )
    site.page(
        "/protokoll/page/2/",
        f"<article><a href='{up}Protokoll-styrelsen-2023-11-02.PDF?utm_source=nyhetsbrev'>"
        "Protokoll</a></article>"
        "<a class='prev page-numbers' href='/protokoll/'>Nyare inlägg</a>",
    )
    summary = run(site, tmp_path, "/protokoll/")
    assert summary.failed == []
    assert summary.pages == 2
    assert len(stored(tmp_path)) == 2


def test_an_archive_page_in_windows_1252(site: Site, tmp_path: Path) -> None:
    pdf(site, "/filer/%C3%A5rsm%C3%B6te.pdf", "pelargoner")
    html = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>"
        "</head><body><a href='/filer/årsmöte.pdf'>Protokoll årsmöte – 2024</a>"
        "<a href='/filer/protokoll?fil=1&amp;typ=pdf'>Protokoll &amp; bilagor</a></body></html>"
    )
    pdf(site, "/filer/protokoll?fil=1&typ=pdf", "rabarber")
    site.add("/arkiv/", html.encode("cp1252"), content_type="text/html")
    summary = run(site, tmp_path, "/arkiv/")
    assert summary.failed == []
    assert records(tmp_path)["årsmöte.pdf"]["link_text"] == "Protokoll årsmöte – 2024"
    assert len(stored(tmp_path)) == 2


def _month(offset: int) -> tuple[int, int]:
    """(year, month) `offset` months from this one."""
    today = datetime.now(UTC)
    number = today.year * 12 + today.month - 1 + offset
    return number // 12, number % 12 + 1


def _calendar(site: Site, shape: str, protocols: dict[int, str], span: int = 300) -> None:
    """A calendar `span` months each way from this one ("« Äldre", "Nästa månad »"), as
    long as a crawler walks it: `shape` spells a month's path; the months in `protocols`
    link to a protocol, the others hold only the calendar."""
    for offset in range(-span, span + 1):
        older, newer = (shape.format(*_month(offset + step)) for step in (-1, 1))
        content = f"<a href='{older}'>« Äldre</a> <a href='{newer}'>Nästa månad »</a>"
        if offset in protocols:
            content += f"<p>Styrelsemöte <a href='{protocols[offset]}'>Protokoll</a></p>"
        site.page(shape.format(*_month(offset)), content, title="Kalender")


@pytest.mark.parametrize("shape", ["/kalender/?month={}-{:02d}", "/kalender/{}/{:02d}/"])
def test_an_endless_calendar_is_left_early_and_every_protocol_fetched(
    site: Site, tmp_path: Path, shape: str
) -> None:
    """A meeting calendar walks to any month, back and ahead: only the 200-page cap stopped
    it. Calendar steps far ahead, or after six empty months in a row, are not taken; a gap of
    five empty months between two meetings is crossed."""
    protocols = {offset: f"/filer/protokoll{-offset}.txt" for offset in (1, -2, -5, -8, -14)}
    for path in protocols.values():
        site.add(path, f"Protokoll {path}", content_type="text/plain")
    _calendar(site, shape, protocols)
    first = shape.format(*_month(0))
    site.page("/moten/", f"<a href='{first}'>Nästa månad</a> <a href='{first}'>Kalender</a>")

    summary = run(site, tmp_path, "/moten/", max_pages=200)

    assert summary.failed == [] and summary.downloaded == len(protocols)
    assert summary.pages == 1 + (1 + 7) + (14 + 6)  # start, now to +7, -1 to -20
    assert summary.notes == [
        (
            site.url("/moten/"),
            "2 kalendersidor följdes inte: långt fram i tiden eller efter 6 månader eller år i "
            "rad utan nya dokument",
        )
    ]


def test_a_month_archive_without_gaps_is_read_to_its_end(site: Site, tmp_path: Path) -> None:
    """Must not change: an archive by month with a protocol each month is read back to its
    first month, years back, and a month ahead with the next meeting's notice is read."""
    protocols = {offset: f"/filer/protokoll{-offset}.txt" for offset in range(-60, 2)}
    for path in protocols.values():
        site.add(path, f"Protokoll {path}", content_type="text/plain")
    _calendar(site, "/arkiv/?month={}-{:02d}", protocols, span=70)
    summary = run(site, tmp_path, "/arkiv/?month={}-{:02d}".format(*_month(0)), max_pages=200)
    assert summary.failed == [] and summary.downloaded == 62
    assert summary.pages == 62 + 2 * 6  # and six empty months each way


@pytest.mark.parametrize(
    ("page", "link", "steps"),
    [
        ("/k/?month=2024-05", "/k/?month=2024-06", 3),  # a calendar step
        ("/k/2024/05/", "/k/2024/04/", 3),
        ("/protokoll/2024/", "/protokoll/2023/", 3),  # a year page is one too
        ("/k/?month=2024-05", "/k/?month=2024-06", None),  # the seventh step in a row
        ("/k/?month=2024-05", "/k/?month=2099-01", None),  # far ahead, whatever the count
        ("/moten/", "/k/?month=2024-06", 0),  # not a step: the count starts anew
        ("/arkiv/?page=2", "/arkiv/?page=3", 0),  # page counters are no dates
        ("/arkiv/?start=2020", "/arkiv/?start=2040", 0),
        ("/nyheter/2024/05/page/2/", "/nyheter/2024/05/page/3/", 0),  # same month
        # a page id that reads like a year far ahead is no calendar step, and is followed
        ("/arkiv/", "/arkiv/?sida=2&kat=2095", 0),
        ("/moten/", "/sida/2087/", 0),
    ],
)
def test_which_links_are_calendar_steps(page: str, link: str, steps: int | None) -> None:
    counted = 6 if steps is None and "2099" not in link else 2
    this_month = 2024 * 12 + 4  # May 2024
    host = "http://example.se"
    assert calendar_steps(host + page, host + link, counted, this_month) == steps


@pytest.mark.parametrize(
    ("declared", "encoding", "asked"),
    [
        ("windows-1252", "cp1252", "/filer/m%C3%B6te.pdf?titel=%E5rsm%F6te&typ=%80"),
        ("iso-8859-1", "latin-1", "/filer/m%C3%B6te.pdf?titel=%E5rsm%F6te&typ=%80"),
        # must not change: a UTF-8 page's query is UTF-8
        ("utf-8", "utf-8", "/filer/m%C3%B6te.pdf?titel=%C3%A5rsm%C3%B6te&typ=%E2%82%AC"),
    ],
)
def test_a_query_is_encoded_in_its_pages_charset(
    site: Site, tmp_path: Path, declared: str, encoding: str, asked: str
) -> None:
    """A browser encodes a link's query in its page's encoding (the path always in UTF-8): an
    old search or download script on a windows-1252 site reads `titel=%E5rsm%F6te`, and the
    UTF-8 escapes the crawler sent found nothing. An entity (&euro;) is encoded the same way."""
    pdf(site, asked, "pelargoner")
    href = "/filer/möte.pdf?titel=årsmöte&amp;typ=&euro;"
    html = (
        f"<html><head><meta charset='{declared}'></head><body>"
        f"<a href='{href}'>Protokoll årsmöte</a></body></html>"
    )
    site.add("/arkiv/", html.encode(encoding), content_type="text/html")
    summary = run(site, tmp_path, "/arkiv/")
    assert summary.failed == [] and summary.downloaded == 1
    assert len(site.requests(asked)) == 1


def _urlset(site: Site, *paths: str) -> str:
    locs = "".join(f"<url><loc>{site.url(p).replace('&', '&amp;')}</loc></url>" for p in paths)
    return (
        "<?xml version='1.0' encoding='UTF-8'?>"
        f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{locs}</urlset>"
    )


def test_the_sitemaps_name_protocols_the_archive_pages_do_not(site: Site, tmp_path: Path) -> None:
    """robots.txt declares a packed sitemap index (`.xml.gz`) whose children list the whole
    site; /sitemap.xml is read too. Only what lies in the source's scope is fetched (files
    under the archive's folder or named as protocols, protocol pages under the folder), and
    robots.txt's rules hold for it as for any link."""
    for name in ("p1", "p2", "p3", "p4", "p5", "broschyr", "hemligt"):
        pdf(site, f"/f/{name}.pdf", name)
    for name in ("p2", "hemligt"):
        site.routes[f"/protokoll/{name}.pdf"] = site.routes.pop(f"/f/{name}.pdf")
    site.routes["/download/18.1/Protokoll 2019.pdf".replace(" ", "%20")] = site.routes.pop(
        "/f/p3.pdf"
    )
    site.page("/protokoll/", "<a href='/f/p1.pdf'>Protokoll 1</a>")
    site.page("/protokoll/mote-2020-03-12/", "<p>Styrelsemöte</p><a href='/f/p4.pdf'>Ladda ner</a>")
    site.page("/nyheter/nytt-protokoll/", "<p>Nyhet</p><a href='/f/broschyr.pdf'>Broschyr</a>")
    pages = _urlset(
        site, "/", "/protokoll/", "/protokoll/mote-2020-03-12/", "/nyheter/nytt-protokoll/"
    )
    files = _urlset(
        site,
        "/protokoll/p2.pdf",
        "/download/18.1/Protokoll%202019.pdf",
        "/f/broschyr.pdf",
        "/protokoll/hemligt.pdf",
    )
    off_site = "<url><loc>http://127.0.0.1:9/protokoll/x.pdf</loc></url>"  # never asked
    files = files.replace("</urlset>", off_site + "</urlset>")
    site.add("/karta/sidor.xml", pages, content_type="application/xml")
    site.add("/karta/filer.xml.gz", gzip.compress(files.encode()), content_type="application/gzip")
    index = (
        "<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<sitemap><loc>{site.url('/karta/sidor.xml')}</loc></sitemap>"
        f"<sitemap><loc><![CDATA[{site.url('/karta/filer.xml.gz')}]]></loc></sitemap>"
        "<sitemap><loc>http://127.0.0.1:9/karta.xml</loc></sitemap></sitemapindex>"
    )
    site.add("/karta/index.xml.gz", gzip.compress(index.encode()), content_type="application/gzip")
    site.add("/sitemap.xml", _urlset(site, "/protokoll/p5.pdf"), content_type="application/xml")
    site.routes["/protokoll/p5.pdf"] = site.routes.pop("/f/p5.pdf")
    robots = (
        f"Sitemap: {site.url('/karta/index.xml.gz')}\n"
        "User-agent: *\nDisallow: /protokoll/hemligt\n"
        "Sitemap: http://127.0.0.1:9/annan-karta.xml\n"
    )
    site.add("/robots.txt", robots, content_type="text/plain")

    summary = run(site, tmp_path, "/protokoll/")

    assert summary.failed == [] and summary.notes == []
    assert stored(tmp_path) == ["Protokoll-2019.pdf", "p1.pdf", "p2.pdf", "p4.pdf", "p5.pdf"]
    assert summary.landing == 1  # the meeting's page led to p4.pdf
    assert summary.skipped == 0  # hemligt.pdf: robots.txt says no, so it is not even found
    for path in ("/f/broschyr.pdf", "/nyheter/nytt-protokoll/", "/protokoll/hemligt.pdf", "/"):
        assert path not in site.paths()
    assert len(site.requests("/sitemap.xml")) == len(site.requests("/karta/index.xml.gz")) == 1


def _wordpress_sitemaps(site: Site, declared: list[str]) -> None:
    """WordPress's sitemaps: robots.txt declares `declared`, /sitemap.xml redirects to
    /wp-sitemap.xml, an index whose child names one protocol under the archive's folder."""
    site.add(
        "/robots.txt",
        "User-agent: *\n" + "".join(f"Sitemap: {site.url(path)}\n" for path in declared),
        content_type="text/plain",
    )
    site.redirect("/sitemap.xml", site.url("/wp-sitemap.xml"), 301)
    index = (
        "<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<sitemap><loc>{site.url('/wp-sitemap-posts-1.xml')}</loc></sitemap></sitemapindex>"
    )
    site.add("/wp-sitemap.xml", index, content_type="application/xml")
    site.add("/wp-sitemap-posts-1.xml", _urlset(site, "/protokoll/p2.pdf"), content_type="text/xml")
    pdf(site, "/f/p1.pdf", "p1")
    pdf(site, "/protokoll/p2.pdf", "p2")


@pytest.mark.parametrize(
    "declared",
    [
        ["/wp-sitemap.xml"],  # WordPress's own robots.txt: read, then /sitemap.xml leads there
        ["/sitemap.xml", "/wp-sitemap.xml"],  # the redirect first, then the address it led to
        ["/sitemap.xml"],
        [],  # must not change: /sitemap.xml alone, followed to /wp-sitemap.xml
    ],
)
def test_a_sitemap_reached_twice_is_read_once(
    site: Site, tmp_path: Path, declared: list[str]
) -> None:
    """A WordPress sitemap was read twice a run: once as robots.txt's `Sitemap:` line, once
    through /sitemap.xml's redirect to /wp-sitemap.xml. Each address a sitemap is read from
    after its redirects is asked for once; the redirect itself is asked once too."""
    _wordpress_sitemaps(site, declared)
    site.page("/protokoll/", "<a href='/f/p1.pdf'>Protokoll 1</a>")
    summary = run(site, tmp_path, "/protokoll/")
    assert summary.failed == [] and summary.notes == []
    assert stored(tmp_path) == ["p1.pdf", "p2.pdf"]
    for path in ("/sitemap.xml", "/wp-sitemap.xml", "/wp-sitemap-posts-1.xml", "/robots.txt"):
        assert len(site.requests(path)) == 1, (path, site.paths())


def test_a_source_with_two_archive_pages_reads_its_sitemaps_once(
    site: Site, tmp_path: Path
) -> None:
    """Must not change: a second archive page of the same source takes the sitemaps from
    the source's cache, the redirected address included."""
    _wordpress_sitemaps(site, ["/wp-sitemap.xml"])
    site.page("/protokoll/", "<a href='/f/p1.pdf'>Protokoll 1</a>")
    site.page("/protokoll/aldre/", "<a href='/f/p1.pdf'>Protokoll 1</a>")
    source = Source("test", (site.url("/protokoll/"), site.url("/protokoll/aldre/")))
    summary = crawl(source, tmp_path, Fetcher(FAST), max_pages=50)
    assert summary.failed == [] and stored(tmp_path) == ["p1.pdf", "p2.pdf"]
    for path in ("/sitemap.xml", "/wp-sitemap.xml", "/wp-sitemap-posts-1.xml"):
        assert len(site.requests(path)) == 1, (path, site.paths())


def test_a_declared_sitemap_that_cannot_be_read_is_a_remark(site: Site, tmp_path: Path) -> None:
    """Must not change: a site without /sitemap.xml says nothing; a sitemap robots.txt names
    that is missing or no sitemap is one remark, and the crawl goes on."""
    pdf(site, "/f/p1.pdf", "pelargoner")
    site.page("/protokoll/", "<a href='/f/p1.pdf'>Protokoll 1</a>")
    site.page("/karta.html", "<p>Webbplatskarta</p>")
    robots = f"Sitemap: {site.url('/saknas.xml')}\nSitemap: {site.url('/karta.html')}\n"
    site.add("/robots.txt", robots, content_type="text/plain")
    summary = run(site, tmp_path, "/protokoll/")
    assert summary.failed == [] and stored(tmp_path) == ["p1.pdf"]
    assert summary.notes == [
        (site.url("/saknas.xml"), "webbplatskartan kunde inte läsas: finns inte (HTTP 404)"),
        (site.url("/karta.html"), "är ingen webbplatskarta (sitemap) och lästes inte"),
    ]
    assert site.requests("/sitemap.xml")  # asked, missing, and nothing said


def test_a_packed_sitemap_stops_at_the_size_limit_and_html_is_no_sitemap() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * 5_000_000)
    assert len(bomb) < 10_000 and unpacked(bomb, 100_000) is None
    assert unpacked(gzip.compress(b"<urlset/>"), 100) == b"<urlset/>"
    assert read_sitemap(b"<!doctype html><html><loc>x</loc></html>", 10) == (None, [])
    many = b"<urlset>" + b"<url><loc>https://a.se/p.pdf?a=1&amp;b=2</loc></url>" * 5
    assert read_sitemap(many, 2) == ("urlset", ["https://a.se/p.pdf?a=1&b=2"] * 2)


@pytest.mark.parametrize(
    ("url", "archive", "taken"),
    [
        # an archive on the front page: its folder is the whole site, so a file must name a
        # protocol or report (every PDF of the site was taken, brochures and all)
        ("/broschyr.pdf", "/", False),
        ("/broschyr.pdf", "", False),
        ("/filer/Protokoll 2020.pdf", "/", True),
        ("/protokoll/styrelsemote-2020-03-12/", "/", False),
        # must not change: under the archive's own folder anything is taken, elsewhere a name
        ("/protokoll/bilaga.pdf", "/protokoll/", True),
        ("/broschyr.pdf", "/protokoll/", False),
        ("/styrelsen/protokoll/bilaga.pdf", "/styrelsen/protokoll.html", True),
        ("/protokoll/styrelsemote-2020-03-12/", "/protokoll/", True),
        # SiteVision's page id (`.4.5e1b2c`) is no part of the folder's name
        ("/styrelsen/handlingar/bilaga.pdf", "/styrelsen/handlingar.4.5e1b2c.html", True),
        ("/styrelsen/protokoll/2023.4.77aa.html", "/styrelsen/protokoll.4.5e1b2c.html", True),
        ("/styrelsen/broschyr.pdf", "/styrelsen/protokoll.4.5e1b2c.html", False),
    ],
)
def test_what_a_sitemap_url_is_taken_for(url: str, archive: str, taken: bool) -> None:
    assert in_scope(f"https://x.se{url}", f"https://x.se{archive}", {"x.se"}) is taken


def test_a_hostile_sitemap_costs_one_pass() -> None:
    """`<loc>` without `</loc>`, many times over: each try stops at the next "<" (it read to
    the file's end from every one, 12 KB took 9 seconds and the 5 MB the limit allows would
    never end)."""
    for body in (b"<urlset>" + b"<loc>x" * 4000, b"<urlset>" + b"<loc><![CDATA[x" * 4000):
        started = time.monotonic()
        assert read_sitemap(body, 10) == ("urlset", [])
        assert time.monotonic() - started < 1.0


def test_sitemap_urls_in_cdata_and_whitespace_are_read() -> None:
    """Must not change: a URL in CDATA (also one with "]"), padded with whitespace or lines."""
    body = (
        b"<urlset><url><loc> <![CDATA[ https://a.se/x?a[]=1&b ]]> </loc></url>"
        b"<url><loc>\n  https://a.se/y.pdf\n</loc></url><url><loc></loc></url></urlset>"
    )
    assert read_sitemap(body, 10) == ("urlset", ["https://a.se/x?a[]=1&b", "https://a.se/y.pdf"])


# --- servers that misbehave -------------------------------------------------------------------


def test_session_ids_in_links_do_not_make_new_pages_or_files(site: Site, tmp_path: Path) -> None:
    """A Java server without cookies rewrites every link with `;jsessionid=…`, a PHP one adds
    `PHPSESSID=…`, new on each answer; the server ignores them when they come back."""
    pdf(site, "/arkiv/p1.pdf", "pelargoner")
    session = iter(range(100))
    for path, nxt in (("/arkiv/", "?page=2"), ("/arkiv/?page=2", "?page=3")):
        site.page(
            path,
            f"<a href='/arkiv/p1.pdf;jsessionid=S{next(session)}'>Protokoll</a>"
            f"<a href='/arkiv/p1.pdf?PHPSESSID=S{next(session)}'>Protokoll</a>"
            f"<a href='/arkiv/;jsessionid=S{next(session)}{nxt}'>Nästa</a>"
            f"<a href='/arkiv/{nxt}&PHPSESSID=S{next(session)}'>Nästa</a>",
        )
    site.page("/arkiv/?page=3", "<a href='/arkiv/p1.pdf'>Protokoll</a>")
    summary = run(site, tmp_path, "/arkiv/")
    assert summary.failed == []
    assert (summary.pages, summary.found) == (3, 1)
    assert stored(tmp_path) == ["p1.pdf"]
    assert site.paths().count("/arkiv/p1.pdf") == 1


def test_a_long_protocol_page_is_kept_and_its_attachment_fetched(
    site: Site, tmp_path: Path
) -> None:
    """The neighbour of the landing page: a protocol written out in HTML that also links to
    an attachment is a protocol; both are kept."""
    pdf(site, "/filer/bilaga-1.pdf", "rabarber")
    paragraphs = "".join(
        f"<p>§ {n} Ärende {n}. Styrelsen diskuterade pelargoner och beslutade enligt förslaget "
        "efter en lång och noggrann genomgång av underlaget från kansliet.</p>"
        for n in range(1, 20)
    )
    site.page(
        "/protokoll/styrelsemote-2024-03-12/",
        paragraphs + "<a href='/filer/bilaga-1.pdf'>Bilaga 1</a>",
    )
    site.page("/protokoll/", "<a href='styrelsemote-2024-03-12/'>Styrelsemöte 12 mars</a>")
    summary = run(site, tmp_path, "/protokoll/")
    assert summary.failed == []
    assert stored(tmp_path) == ["bilaga-1.pdf", "styrelsemote-2024-03-12.html"]
    assert summary.found == 2


def test_a_stored_protocol_page_is_read_again_for_its_attachments(
    site: Site, tmp_path: Path
) -> None:
    long_text = "<p>Styrelsen diskuterade pelargoner och beslutade enligt förslaget.</p>" * 30
    site.page("/protokoll/mote-1/", long_text + "<a href='/f/b1.pdf'>Bilaga</a>", etag='"s1"')
    pdf(site, "/f/b1.pdf", "rabarber", etag='"b1"')
    site.page("/protokoll/", "<a href='mote-1/'>Protokoll 12 mars</a>")
    run(site, tmp_path, "/protokoll/")
    again = run(site, tmp_path, "/protokoll/")
    assert (again.downloaded, again.unchanged, again.failed) == (0, 2, [])
    assert "if-none-match" not in site.requests("/protokoll/mote-1/")[-1].headers
    assert site.requests("/f/b1.pdf")[-1].headers.get("if-none-match") == '"b1"'


MENU_ITEMS = (
    "Start",
    "Om samordningsförbundet",
    "Styrelse och organisation",
    "Protokoll och kallelser",
    "Förbundsordning och styrdokument",
    "Verksamhetsplan och budget",
    "Årsredovisning och revision",
    "Insatser och projekt",
    "Ansök om medel för insatser",
    "Utvärdering och uppföljning",
    "Nyheter och aktuellt",
    "Kalender och konferenser",
    "Kontakta oss på kansliet",
    "Press och media",
    "Personuppgifter och GDPR",
    "Tillgänglighetsredogörelse",
)


def sitevision_landing_page(pdf_path: str) -> str:
    """A SiteVision meeting page as the CMS renders it: its record is a heading and the link
    to the protocol's PDF, its furniture (cookie banner, crumbs, a sub-menu, contact box,
    sharing, "Senast uppdaterad", footer) all in <div>s, none in <nav>, <header> or <footer>."""
    menu = "".join(
        f"<li class='sv-vertical-menu-item'><a href='/meny/{n}'>{item}</a>"
        f"<ul>{''.join(f'<li><a href=/meny/{n}/{k}>{item} – del {k}</a></li>' for k in range(3))}"
        "</ul></li>"
        for n, item in enumerate(MENU_ITEMS)
    )
    return (
        "<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'>"
        "<title>Styrelsemöte 2024-03-12 - Samordningsförbundet Skåne Nordost</title></head>"
        "<body class='sv-responsive'>"
        "<div id='svid12_cookie' class='sv-layout'><p>Vi använder kakor (cookies) för att "
        "webbplatsen ska fungera och för att förbättra din upplevelse av den.</p>"
        "<a href='#'>Jag förstår</a></div>"
        "<div class='sv-layout' id='svid10_header'><img alt='Samordningsförbundet Skåne "
        "Nordost logotyp' src='/logo.png'><a href='/'>Till startsidan</a></div>"
        "<div class='sv-layout' id='svid10_breadcrumbs'><ol class='env-breadcrumb'>"
        "<li><a href='/'>Start</a></li><li><a href='/styrelsen'>Styrelsen</a></li>"
        "<li>Styrelsemöte 2024-03-12</li></ol></div>"
        f"<div class='sv-layout sv-vertical-menu'><ul>{menu}</ul></div>"
        "<div class='sv-layout' id='Mittenspalt'>"
        "<div class='sv-text-portlet'><h1 class='heading'>Styrelsemöte 2024-03-12</h1>"
        "<p class='normal'>Protokollet från styrelsens möte finns som PDF.</p></div>"
        "<div class='sv-portlet sv-file-portlet'><ul><li class='sv-channel-item'>"
        f"<a class='sv-link' href='{pdf_path}'>Protokoll 2024-03-12</a> (pdf, 120 kB)</li></ul>"
        "</div>"
        "<div class='sv-share'>Dela sidan <a href='https://facebook.com/share'>Facebook</a> "
        "<a href='mailto:?subject=Protokoll'>E-post</a></div>"
        "<p class='sv-font-liten'>Senast uppdaterad: 2024-03-20</p>"
        "<p class='sv-font-liten'>Sidansvarig: Lena Ek</p></div>"
        "<div class='sv-layout' id='svid10_sidebar'><h2>Kontakta kansliet</h2><p>Lena Ek, "
        "förbundschef, telefon 044-123 45 67, e-post lena.ek@exempel.se. Kansliet har öppet "
        "vardagar klockan 8–16 och nås enklast via e-post eller telefon.</p></div>"
        "<div class='sv-layout' id='svid10_footer'><p>Samordningsförbundet Skåne Nordost, "
        "Box 55, 291 21 Kristianstad. Organisationsnummer 222000-1234. Besöksadress "
        "Stadshuset, Västra Storgatan 1, Kristianstad.</p></div></body></html>"
    )


def test_a_landing_page_is_measured_by_its_record_text_not_its_furniture(
    site: Site, tmp_path: Path
) -> None:
    """A page's furniture in <div>s (a sub-menu, a cookie banner, a contact box) is not its
    text: counted with it, this landing page was over the limit and was stored, an empty
    protocol in the index. The reader's record text is a heading and a sentence."""
    from bs4 import BeautifulSoup

    from index.crawler.crawl import LANDING_CHARS
    from index.crawler.links import read_protocol_page

    pdf(site, "/download/18.3c1f/1700000000000/Protokoll%202024-03-12.pdf", "pelargoner")
    html = sitevision_landing_page("/download/18.3c1f/1700000000000/Protokoll%202024-03-12.pdf")
    site.add("/styrelsen/styrelsemote-2024-03-12.html", html)
    site.page("/styrelsen/", "<a href='styrelsemote-2024-03-12.html'>Styrelsemöte 12 mars</a>")
    # the page's whole text, less what the old rule left out, is well over the limit ...
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(("script", "style", "nav", "header", "footer", "aside")):
        tag.decompose()
    assert len(" ".join(soup.body.get_text(" ").split())) > LANDING_CHARS
    # ... while what the reader would index is short
    page = read_protocol_page(html.encode(), site.url("/styrelsen/styrelsemote-2024-03-12.html"))
    assert page.text_chars < 200 and len(page.documents) == 1
    summary = run(site, tmp_path, "/styrelsen/")
    assert summary.failed == []
    assert stored(tmp_path) == ["Protokoll-2024-03-12.pdf"]
    assert (summary.found, summary.downloaded, summary.landing) == (2, 1, 1)


def test_a_protocol_page_is_measured_as_the_reader_reads_it() -> None:
    """The crawler counts a page's text by the reader's rule: the SiteVision example page
    (732 characters with its crumbs, cookie banner and footer) has 411 of record text."""
    from index.crawler.links import read_protocol_page
    from index.sources import read_source
    from tests.conftest import TEST_DATA

    path = TEST_DATA / "html" / "sitevision.html"
    page = read_protocol_page(path.read_bytes(), "https://skane-nordost.se/protokoll")
    assert page.text_chars == len(" ".join(read_source(path).pages[0].split())) == 411


def test_a_landing_page_is_read_again_and_its_pdf_asked_conditionally(
    site: Site, tmp_path: Path
) -> None:
    pdf(site, "/filer/protokoll-2024-03-12.pdf", "pelargoner", etag='"v1"')
    site.page(
        "/moten/styrelsemote-2024-03-12/",
        "<a href='/filer/protokoll-2024-03-12.pdf'>Ladda ner protokollet</a>",
    )
    site.page("/moten/", "<a href='styrelsemote-2024-03-12/'>Styrelsemöte 12 mars</a>")
    run(site, tmp_path, "/moten/")
    again = run(site, tmp_path, "/moten/")
    assert (again.downloaded, again.unchanged, again.failed) == (0, 1, [])
    asked = site.requests("/filer/protokoll-2024-03-12.pdf")
    assert asked[-1].headers.get("if-none-match") == '"v1"'


def test_a_landing_page_an_older_crawl_stored_leaves_the_archive_and_the_index(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """A crawl from before the landing rule stored the page that only links to its PDF: it
    stayed in the folder, and so in the index, an empty second hit for the meeting. The next
    crawl takes it out of both and says so; a real protocol page beside it stays."""
    from cli.main import main
    from index.archive import archive_provenance
    from index.crawler import crawl as crawl_module
    from index.ingest import ingest

    pdf(site, "/filer/protokoll-2024-03-12.pdf", "pelargoner")
    site.page(
        "/moten/styrelsemote-2024-03-12/",
        "<p>Styrelsemöte 2024-03-12</p>"
        "<a href='/filer/protokoll-2024-03-12.pdf'>Ladda ner protokollet</a>",
    )
    long_text = "<p>Styrelsen diskuterade rabarber och beslutade enligt förslaget.</p>" * 30
    site.page(
        "/moten/styrelsemote-2024-04-09/", long_text + "<a href='/filer/bilaga.pdf'>Bilaga</a>"
    )
    pdf(site, "/filer/bilaga.pdf", "krusbär")
    site.page(
        "/moten/",
        "<a href='styrelsemote-2024-03-12/'>Styrelsemöte 12 mars</a><a href='styrelsemote-2024-04-09/'>Styrelsemöte 9 april</a>",
    )
    with monkeypatch.context() as before_the_rule:
        before_the_rule.setattr(crawl_module, "_is_landing_page", lambda page: False)
        run(site, tmp_path, "/moten/")
    page = "styrelsemote-2024-03-12.html"
    kept = ["bilaga.pdf", "protokoll-2024-03-12.pdf", "styrelsemote-2024-04-09.html"]
    assert stored(tmp_path) == sorted([*kept, page])
    # a file the user put in the folder and later deleted: only --prune removes its document
    own = tmp_path / "test" / "anteckning.txt"
    own.write_text("Protokoll 2024-05-02\n§ 1 Mötets öppnande\nOrdföranden öppnade mötet.\n")
    index = tmp_path / "ix"
    assert ingest([tmp_path / "test"], index, provenance=archive_provenance()).added == 5
    own.unlink()

    url = site.url("/moten/")
    args = ["crawl", url, "--forbund", "test", "--archive", str(tmp_path), "--delay", "0"]
    status = main([*args, "--index", str(index)])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert stored(tmp_path) == kept and sorted(records(tmp_path)) == kept
    assert "1 borttagen" in out, out  # the index's line: the page's document is gone
    note = f"obs: {site.url('/moten/styrelsemote-2024-03-12/')}: länksida som bara ledde till en"
    assert f"{note} PDF: {page} togs bort ur arkivet" in err, err

    again = run(site, tmp_path, "/moten/")  # nothing more to take away
    assert (again.removed, again.notes, again.landing) == ([], [], 1)
    assert stored(tmp_path) == kept


@pytest.mark.parametrize(
    ("html", "documents", "pages"),
    [
        # year tabs in the page are pages of the archive, whatever their address says
        ("<a href='/protokoll/2023/'>2023</a>", [], ["/protokoll/2023/"]),
        ("<a href='/styrelsen/protokoll/2022.html'>Protokoll 2022</a>", [], ["2022.html"]),
        ("<a href='/arkiv/?ar=2021'>År 2021</a>", [], ["?ar=2021"]),
        # ... but not in the site's menu, and a dated protocol page stays a document
        ("<nav><a href='/nyheter/2023/'>2023</a></nav>", [], []),
        ("<nav><a href='/2023/'>2023</a></nav>", [], []),
        # ... except the archive's own year pages, in a sub-menu (SiteVision)
        ("<nav><a href='/arkiv/2023/'>2023</a></nav>", [], ["/arkiv/2023/"]),
        ("<nav><a href='/arkiv/2023.4.77aa.html;jsessionid=A1'>2023</a></nav>", [], [".html"]),
        ("<a href='/protokoll/2023/'>Visa alla från året</a>", [], ["/protokoll/2023/"]),
        ("<a href='/berattelse/2023/'>Verksamhetsberättelse 2023</a>", ["/2023/"], []),
        ("<a href='/protokoll/styrelsemote-2023-11-02/'>2023-11-02</a>", ["2023-11-02/"], []),
        ("<a href='/filer/2023.pdf'>2023</a>", ["/filer/2023.pdf"], []),
        # a base, ../ and an &amp; in the address, a fragment, and a link back to page 1
        ("<a href='../filer/p.pdf#sida=2'>P</a>", ["/filer/p.pdf"], []),
        ("<a href='/dl?fil=1&amp;typ=pdf'>Protokoll</a>", ["/dl?fil=1&typ=pdf"], []),
        ("<a href='?page=1'>1</a><a href='?page=2'>2</a>", [], ["/arkiv/?page=2"]),
        # an icon-only "next" (an <svg> or an icon font's ligature) says so in its aria-label
        ("<a href='/arkiv/s2/' aria-label='Nästa sida'><svg></svg></a>", [], ["/s2/"]),
        ("<a href='/arkiv/s2/' title='Äldre inlägg'><i class='icon'></i></a>", [], ["/s2/"]),
        ("<a href='/om/' aria-label='Nästa sida'>Om oss</a>", [], []),
        ("<a href='/filer/p.pdf' aria-label='Nästa'><svg></svg></a>", ["/p.pdf"], []),
        # session ids and tracking parameters go; parameters that choose the file stay
        ("<a href='p.pdf;JSESSIONID=AB12?utm_medium=e'>P</a>", ["/arkiv/p.pdf"], []),
        ("<a href='p.pdf?download=1'>P</a>", ["/arkiv/p.pdf?download=1"], []),
        # a query on the archive's parent path names another page (WordPress's
        # `/?attachment_id=`, `/?download=`); the parent and the archive itself stay out
        ("<a href='/?attachment_id=88'>Protokoll 2023-12-01</a>", ["/?attachment_id=88"], []),
        ("<a href='/?download=123'>Protokoll styrelsen</a>", ["/?download=123"], []),
        ("<a href='/'>Protokoll och beslut</a>", [], []),
        ("<a href='/arkiv/?orderby=date'>Protokoll efter datum</a>", [], []),
    ],
)
def test_which_links_are_documents_and_which_are_pages(
    html: str, documents: list[str], pages: list[str]
) -> None:
    from index.crawler.links import read_archive_page

    body = f"<html><body><main>{html}</main></body></html>".encode()
    page = read_archive_page(body, "https://f.se/arkiv/", {"f.se"})
    assert len(page.documents) == len(documents)
    for link, end in zip(page.documents, documents, strict=True):
        assert link.url.endswith(end), link.url
    assert len(page.next_pages) == len(pages)
    for url, end in zip(page.next_pages, pages, strict=True):
        assert url.endswith(end), url


def test_a_base_href_on_the_archive_page_is_obeyed(site: Site, tmp_path: Path) -> None:
    pdf(site, "/sites/default/files/p1.pdf", "pelargoner")
    site.add(
        "/arkiv/",
        "<html><head><base href='/sites/default/files/'></head>"
        "<body><a href='p1.pdf'>Protokoll</a></body></html>",
    )
    assert run(site, tmp_path, "/arkiv/").failed == []
    assert stored(tmp_path) == ["p1.pdf"]


# --- what the server sends ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("announced", "stored_as"),
    [
        ("kortare", None),  # Content-Length says more than arrived: cut, never stored
        ("ingen", "p1.pdf"),  # no length: the end of the connection is the end of the file
        ("rätt", "p1.pdf"),
    ],
)
def test_a_cut_transfer_is_retried_and_never_stored(
    site: Site, tmp_path: Path, announced: str, stored_as: str | None
) -> None:
    body = pdf_bytes(site, "pelargoner")
    served = body[:300] if announced == "kortare" else body
    options = {"length": len(body)} if announced == "kortare" else {}
    site.add(
        "/arkiv/p1.pdf",
        served,
        content_type="application/pdf",
        send_length=announced != "ingen",
        **options,
    )
    site.page("/arkiv/", "<a href='p1.pdf'>Protokoll</a>")
    summary = run(site, tmp_path, "/arkiv/")
    if stored_as is None:
        assert summary.failed == [
            (
                site.url("/arkiv/p1.pdf"),
                f"överföringen avbröts efter 300 av {grouped(len(body))} byte (efter 2 försök)",
            )
        ]
        assert len(site.requests("/arkiv/p1.pdf")) == 2
        assert not (tmp_path / "test").exists() or stored(tmp_path) == []
    else:
        assert summary.failed == []
        assert stored(tmp_path) == [stored_as]


@pytest.mark.parametrize("end", [True, False])
def test_a_chunked_transfer_is_cut_only_without_its_last_chunk(
    site: Site, tmp_path: Path, end: bool
) -> None:
    """Chunks end with an empty one: without it the transfer was cut, and the HTTP client
    says so; the crawler tries again and never stores the piece."""
    body = pdf_bytes(site, "pelargoner")
    served = body if end else body[:2500]
    site.add("/arkiv/p1.pdf", served, content_type="application/pdf", chunked=True, chunk_end=end)
    site.page("/arkiv/", "<a href='p1.pdf'>Protokoll</a>")
    summary = run(site, tmp_path, "/arkiv/")
    if end:
        assert summary.failed == [] and stored(tmp_path) == ["p1.pdf"]
    else:
        assert summary.failed == [
            (site.url("/arkiv/p1.pdf"), "överföringen avbröts (IncompleteRead) (efter 2 försök)")
        ]
        assert not (tmp_path / "test").exists() or stored(tmp_path) == []


CUT_PDF = "servern angav ingen längd och PDF-filen saknar sitt slut (%%EOF)"
CUT_HTML = "servern angav ingen längd och HTML-sidan saknar sitt slut (</html>)"


def test_a_body_that_ends_with_its_connection_is_checked_for_its_end(
    site: Site, tmp_path: Path
) -> None:
    """Without a length or chunks, the end of the connection is the end of the body: a cut
    PDF lacks its `%%EOF`, a cut page its `</html>`. Such a body is asked for again and
    stored only when the same bytes come back (a file that really lacks its end mark);
    a whole one is asked for once."""
    body = pdf_bytes(site, "pelargoner")
    site.add("/arkiv/hel.pdf", body, content_type="application/pdf", send_length=False)
    site.add("/arkiv/kapad.pdf", body[:-200], content_type="application/pdf", send_length=False)
    site.add("/arkiv/p3.pdf", body, content_type="application/pdf")
    links = "<a href='hel.pdf'>Protokoll 1</a><a href='kapad.pdf'>Protokoll 2</a>"
    page = f"<html><body>{links}<a href='/arkiv/2/'>Äldre</a></body></html>"
    site.add("/arkiv/", page, send_length=False)
    site.add("/arkiv/2/", "<html><body><a href='/arkiv/p3.pdf'>Protokoll 3</a>", send_length=False)
    summary = run(site, tmp_path, "/arkiv/")
    assert len(site.requests("/arkiv/hel.pdf")) == len(site.requests("/arkiv/")) == 1
    assert len(site.requests("/arkiv/kapad.pdf")) == len(site.requests("/arkiv/2/")) == 2
    assert stored(tmp_path) == ["hel.pdf", "kapad.pdf"]  # twice the same bytes: as served
    assert summary.failed == [] and summary.duplicates == 1  # p3.pdf: hel.pdf's bytes


def test_a_body_cut_differently_each_time_is_never_stored(site: Site, tmp_path: Path) -> None:
    body = pdf_bytes(site, "pelargoner")
    site.add("/arkiv/p1.pdf", body[:-200], content_type="application/pdf", send_length=False)
    site.page("/arkiv/", "<a href='p1.pdf'>Protokoll</a>")
    cuts = iter([body[:-300], body[:-100]])
    original = site.record

    def cut_anew(request) -> None:  # each request gets another piece of the file
        original(request)
        if request.path == "/arkiv/p1.pdf":
            site.routes["/arkiv/p1.pdf"].body = next(cuts, body[:-50])

    site.record = cut_anew  # type: ignore[method-assign]
    summary = run(site, tmp_path, "/arkiv/")
    assert summary.failed == [
        (site.url("/arkiv/p1.pdf"), f"överföringen kan ha avbrutits: {CUT_PDF} (efter 2 försök)")
    ]
    assert not (tmp_path / "test").exists() or stored(tmp_path) == []


def test_a_page_that_differs_on_every_request_and_lacks_its_end_is_read(
    site: Site, tmp_path: Path
) -> None:
    """Found in review: an archive page with a timestamp, served without a length and without
    `</html>` (which HTML allows), differs on every try. It is read as last served (a PDF in
    the same case is not stored: see above), so its protocols are still found."""
    body = pdf_bytes(site, "pelargoner")
    site.add("/arkiv/p1.pdf", body, content_type="application/pdf")
    stamps = iter(range(1, 100))
    page = "<html><body><p>Uppdaterad {n}</p><a href='p1.pdf'>Protokoll</a></body>"
    site.add("/arkiv/", page.format(n=0), send_length=False)
    original = site.record

    def stamp_anew(request) -> None:
        original(request)
        if request.path == "/arkiv/":
            site.routes["/arkiv/"].body = page.format(n=next(stamps)).encode()

    site.record = stamp_anew  # type: ignore[method-assign]
    summary = run(site, tmp_path, "/arkiv/")
    assert len(site.requests("/arkiv/")) == 2
    assert summary.failed == [] and stored(tmp_path) == ["p1.pdf"]


CUT_TEXT = "servern angav ingen längd och textfilen har inget slutmärke som visar att den är hel"
PROTOCOL_TEXT = "Protokoll styrelsemöte 2024-03-12\n§ 1 Val av justerare\nAnna Berg utses.\n" * 40


def _cut_anew(site: Site, path: str, body: bytes) -> None:
    """Each request for `path` gets another piece of `body`: the connection cut mid-body."""
    cuts = iter([body[:-300], body[:-100]])
    original = site.record

    def cut(request) -> None:
        original(request)
        if request.path == path:
            site.routes[path].body = next(cuts, body[:-50])

    site.record = cut  # type: ignore[method-assign]


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/arkiv/p1.txt", "text/plain; charset=utf-8"),
        ("/arkiv/p1.txt", None),
        ("/dl?id=1", "text/plain"),
    ],
)
def test_a_text_file_cut_without_a_length_is_never_stored(
    site: Site, tmp_path: Path, path: str, content_type: str | None
) -> None:
    """A text file has no end mark: one sent without a length or chunks and cut mid-body
    looked whole and was stored, and indexed, as it came. It is asked for again, as a PDF
    without `%%EOF` is, and a body that differs each time is never stored."""
    body = PROTOCOL_TEXT.encode()
    site.add(path, body[:-200], content_type=content_type, send_length=False)
    site.page("/arkiv/", f"<a href='{path}'>Protokoll</a>")
    _cut_anew(site, path, body)
    summary = run(site, tmp_path, "/arkiv/")
    assert summary.failed == [
        (site.url(path), f"överföringen kan ha avbrutits: {CUT_TEXT} (efter 2 försök)")
    ]
    assert not (tmp_path / "test").exists() or stored(tmp_path) == []


@pytest.mark.parametrize("send_length", [False, True])
def test_a_whole_text_file_is_stored(site: Site, tmp_path: Path, send_length: bool) -> None:
    """Without a length, the same bytes twice are the file as served (asked for twice);
    with a length, or as a PDF with its `%%EOF`, it is asked for once, and so are
    robots.txt and a sitemap sent as text/plain, read for their rules and links only."""
    body = PROTOCOL_TEXT.encode()
    rules = "User-agent: *\nDisallow: /privat/\n"
    site.add("/robots.txt", rules, content_type="text/plain", send_length=send_length)
    urlset = f"<?xml version='1.0'?><urlset><url><loc>{site.url('/arkiv/p1.txt')}</loc></url>"
    site.add("/sitemap.xml", urlset, content_type="text/plain", send_length=send_length)
    site.add("/arkiv/p1.txt", body, content_type="text/plain", send_length=send_length)
    site.add("/arkiv/p2.pdf", pdf_bytes(site, "pelargoner"), content_type="application/pdf")
    site.routes["/arkiv/p2.pdf"].send_length = False
    site.page("/arkiv/", "<a href='p1.txt'>Protokoll 1</a><a href='p2.pdf'>Protokoll 2</a>")
    summary = run(site, tmp_path, "/arkiv/")
    assert summary.failed == [] and stored(tmp_path) == ["p1.txt", "p2.pdf"]
    assert (tmp_path / "test" / "p1.txt").read_bytes() == body
    assert len(site.requests("/arkiv/p1.txt")) == (1 if send_length else 2)
    assert len(site.requests("/arkiv/p2.pdf")) == len(site.requests("/robots.txt")) == 1
    assert len(site.requests("/sitemap.xml")) == 1


def test_a_sitemap_with_a_byte_order_mark_sent_as_text_is_asked_for_once(
    site: Site, tmp_path: Path
) -> None:
    """Found in review: an XML sitemap that starts with a byte order mark (as Windows tools
    write it), sent as text/plain without a length, was taken for a text file, which has no
    end mark, and asked for twice; it is markup, read for its links, as one without it is."""
    urlset = f"<?xml version='1.0'?><urlset><url><loc>{site.url('/arkiv/p1.txt')}</loc></url>"
    site.add("/sitemap.xml", b"\xef\xbb\xbf" + urlset.encode(), content_type="text/plain")
    site.routes["/sitemap.xml"].send_length = False
    site.add("/arkiv/p1.txt", PROTOCOL_TEXT, content_type="text/plain")
    site.page("/arkiv/", "<p>Inga länkar här.</p>")
    summary = run(site, tmp_path, "/arkiv/")
    assert summary.failed == [] and stored(tmp_path) == ["p1.txt"]
    assert len(site.requests("/sitemap.xml")) == 1


def _deflate(data: bytes, wbits: int) -> bytes:
    import zlib

    packer = zlib.compressobj(wbits=wbits)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(
    ("coding", "pack", "problem"),
    [
        ("gzip", gzip.compress, None),
        ("x-gzip", gzip.compress, None),
        ("deflate", lambda b: _deflate(b, 15), None),  # zlib-wrapped, as RFC 9110 says
        ("deflate", lambda b: _deflate(b, -15), None),  # raw, as some servers send it
        ("identity", lambda b: b, None),
        ("br", lambda b: b"\x8b\x02\x80", "servern packade svaret med br, som inte stöds"),
        ("gzip", lambda b: b"inte gzip", "svaret är packat med gzip men går inte att packa upp"),
        ("gzip", lambda b: gzip.compress(b)[:-40], "det packade svaret tar slut för tidigt"),
    ],
)
def test_a_packed_answer_is_unpacked(
    site: Site, tmp_path: Path, coding: str, pack, problem: str | None
) -> None:
    body = pdf_bytes(site, "pelargoner")
    headers = {"Content-Encoding": coding}
    site.add("/arkiv/p1.pdf", pack(body), content_type="application/pdf", headers=headers)
    page = b"<html><body><a href='p1.pdf'>Protokoll</a></body></html>"
    site.add("/arkiv/", gzip.compress(page), headers={"Content-Encoding": "gzip"})
    summary = run(site, tmp_path, "/arkiv/")
    if problem is None:
        assert summary.failed == []
        assert (tmp_path / "test" / "p1.pdf").read_bytes() == body
    else:
        assert [url for url, _ in summary.failed] == [site.url("/arkiv/p1.pdf")]
        assert problem in summary.failed[0][1]


def test_a_packed_bomb_stops_at_the_size_limit(site: Site, tmp_path: Path) -> None:
    bomb = gzip.compress(b"%PDF-1.4\n" + b"0" * 5_000_000)  # 5 MB from about 5 kB
    assert len(bomb) < FAST.max_bytes
    headers = {"Content-Encoding": "gzip"}
    site.add("/arkiv/p1.pdf", bomb, content_type="application/pdf", headers=headers)
    site.page("/arkiv/", "<a href='p1.pdf'>Protokoll</a>")
    summary = run(site, tmp_path, "/arkiv/")
    assert summary.failed == [
        (site.url("/arkiv/p1.pdf"), "filen är större än gränsen på 0,2 MB (höj med --max-mb)")
    ]


@pytest.mark.parametrize(
    ("header", "name"),
    [
        # raw UTF-8 bytes in filename="…" (http.client reads them as Latin-1)
        (
            'attachment; filename="Protokoll årsmöte.pdf"'.encode().decode("latin-1"),
            "Protokoll-årsmöte.pdf",
        ),
        # raw Latin-1 bytes: meant as Latin-1, and so read
        ('attachment; filename="Årsmöte 2024.pdf"', "Årsmöte-2024.pdf"),
        # RFC 5987, with a plain fallback before it
        (
            "attachment; filename=\"Arsmote.pdf\"; filename*=UTF-8''%C3%85rsm%C3%B6te.pdf",
            "Årsmöte.pdf",
        ),
        ('inline; filename="Protokoll.PDF"', "Protokoll.pdf"),
    ],
)
def test_a_header_file_name_is_read_as_the_server_meant_it(
    site: Site, tmp_path: Path, header: str, name: str
) -> None:
    pdf(site, "/dl?id=7", "pelargoner", headers={"Content-Disposition": header})
    site.page("/arkiv/", "<a href='/dl?id=7'>Ladda ner protokoll</a>")
    run(site, tmp_path, "/arkiv/")
    assert stored(tmp_path) == [name]


@pytest.mark.parametrize(
    ("href", "served_at", "name"),
    [
        (
            "Protokoll årsmöte.pdf",
            "/arkiv/Protokoll%20%C3%A5rsm%C3%B6te.pdf",
            "Protokoll-årsmöte.pdf",
        ),
        (
            "Protokoll%20%C3%A5rsm%C3%B6te.pdf",
            "/arkiv/Protokoll%20%C3%A5rsm%C3%B6te.pdf",
            "Protokoll-årsmöte.pdf",
        ),
        # an old Windows server's Latin-1 escapes: fetched as written, named in its letters
        (
            "Protokoll%20%E5rsm%F6te.pdf",
            "/arkiv/Protokoll%20%E5rsm%F6te.pdf",
            "Protokoll-årsmöte.pdf",
        ),
        ("PROTOKOLL-2024.PDF", "/arkiv/PROTOKOLL-2024.PDF", "PROTOKOLL-2024.pdf"),
    ],
)
def test_file_names_with_spaces_and_swedish_letters(
    site: Site, tmp_path: Path, href: str, served_at: str, name: str
) -> None:
    pdf(site, served_at, "pelargoner")
    site.page("/arkiv/", f"<a href='{href}'>Protokoll</a>")
    assert run(site, tmp_path, "/arkiv/").failed == []
    assert stored(tmp_path) == [name]


@pytest.mark.parametrize(
    ("content_type", "body", "name", "problem"),
    [
        ("application/octet-stream", "pdf", "p1.pdf", None),  # a PDF said to be anything
        ("application/pdf", "html", None, "länken säger .pdf men servern svarade med en HTML-sida"),
        ("application/pdf", "tom", None, "servern skickade ett tomt svar"),
        ("text/plain", "pdf", "p1.pdf", None),
    ],
)
def test_content_types_that_lie(
    site: Site, tmp_path: Path, content_type: str, body: str, name: str | None, problem: str | None
) -> None:
    data = {
        "pdf": pdf_bytes(site, "pelargoner"),
        "html": b"<!doctype html><html><body>Inloggning</body></html>",
        "tom": b"",
    }[body]
    site.add("/arkiv/p1.pdf", data, content_type=content_type)
    site.page("/arkiv/", "<a href='p1.pdf'>Protokoll</a>")
    summary = run(site, tmp_path, "/arkiv/")
    if problem is None:
        assert summary.failed == [] and stored(tmp_path) == [name]
    else:
        assert summary.failed[0][0] == site.url("/arkiv/p1.pdf")
        assert summary.failed[0][1].startswith(problem)


def test_a_link_without_suffix_served_as_pdf_is_stored_as_pdf(site: Site, tmp_path: Path) -> None:
    pdf(site, "/globalassets/dokument/protokoll-styrelsen-240312", "pelargoner")
    site.page("/arkiv/", "<a href='/globalassets/dokument/protokoll-styrelsen-240312'>Mars</a>")
    assert run(site, tmp_path, "/arkiv/").failed == []
    assert stored(tmp_path) == ["protokoll-styrelsen-240312.pdf"]


@pytest.mark.parametrize("statuses", [(301,), (302, 307), (308, 301, 302)])
def test_redirect_chains_are_followed(
    site: Site, tmp_path: Path, statuses: tuple[int, ...]
) -> None:
    pdf(site, "/nya/p1.pdf", "pelargoner")
    hops = [f"/gamla/{n}.pdf" for n in range(len(statuses))] + ["/nya/p1.pdf"]
    for here, there, status in zip(hops, hops[1:], statuses, strict=False):
        site.redirect(here, there, status)
    site.page("/arkiv/", f"<a href='{hops[0]}'>Protokoll</a>")
    summary = run(site, tmp_path, "/arkiv/")
    assert summary.failed == []
    assert records(tmp_path)["0.pdf"]["final_url"] == site.url("/nya/p1.pdf")


# --- messages --------------------------------------------------------------------------------


def test_every_failure_is_one_swedish_line_without_identity_numbers(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cli.main import main

    site.add("/arkiv/borta.pdf", "borta", status=410)
    site.add("/arkiv/fel.pdf", "fel", status=500)
    site.add("/arkiv/sen.pdf", "vänta", status=429, headers={"Retry-After": "3600"})
    site.redirect("/arkiv/a.pdf", "/arkiv/b.pdf")
    site.redirect("/arkiv/b.pdf", "/arkiv/a.pdf")
    site.add(
        "/arkiv/br.pdf", "x", content_type="application/pdf", headers={"Content-Encoding": "br"}
    )
    site.page(
        "/arkiv/",
        "".join(
            f"<a href='{href}'>Protokoll</a>"
            for href in (
                "borta.pdf",
                "fel.pdf",
                "sen.pdf",
                "a.pdf",
                "br.pdf",
                "intyg-19121212-1212.pdf",
                "Intyg 191212121212.pdf",
            )
        ),
    )
    args = ["crawl", site.url("/arkiv/"), "--archive", str(tmp_path), "--no-index"]
    status = main([*args, "--delay", "0", "--timeout", "2"])
    err = capsys.readouterr().err
    assert status == 1
    lines = err.splitlines()
    assert len(lines) == 7, err
    assert all(line.startswith(f"finsok: {site.url('/arkiv/')}") for line in lines)
    assert "Traceback" not in err
    assert "1212" not in err.replace(":", " ").replace("XXXXXX-XXXX", "")
    reasons = {line.split(": ", 2)[1].rsplit("/", 1)[-1]: line.split(": ", 2)[2] for line in lines}
    assert reasons["borta.pdf"] == "borttagen (HTTP 410)"
    assert reasons["fel.pdf"] == "serverfel (HTTP 500) (efter 3 försök)"
    assert "vänta 3600 s" in reasons["sen.pdf"]
    assert reasons["a.pdf"].startswith("omdirigeringsslinga: ")
    assert reasons["br.pdf"] == "servern packade svaret med br, som inte stöds"
    assert reasons["intyg-XXXXXX-XXXX.pdf"] == "finns inte (HTTP 404)"
    assert reasons["Intyg XXXXXX-XXXX.pdf"] == "finns inte (HTTP 404)"


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        pytest.param(
            "finsok: https://x.se/Intyg%20191212121212.pdf: finns inte",
            "finsok: https://x.se/Intyg XXXXXX-XXXX.pdf: finns inte",
            id="after-an-escaped-space",
        ),
        pytest.param(
            "finsok: https://x.se/intyg%28191212121212%29.pdf: finns inte",
            "finsok: https://x.se/intyg(XXXXXX-XXXX).pdf: finns inte",
            id="in-escaped-brackets",
        ),
        pytest.param(
            "finsok: https://x.se/intyg-19121212%2D1212.pdf: finns inte",
            "finsok: https://x.se/intyg-XXXXXX-XXXX.pdf: finns inte",
            id="escaped-sign",
        ),
        pytest.param(
            "finsok: https://x.se/visa?pnr=121212%2d1212: finns inte",
            "finsok: https://x.se/visa?pnr=XXXXXX-XXXX: finns inte",
            id="escaped-sign-in-query",
        ),
        # a control or bidi character beside the number stays escaped: decoded, a crawled
        # link's "%1B[2J" cleared the user's terminal, "%0A" split the line
        pytest.param(
            "finsok: https://x.se/a%1B%5B2J%2019121212-1212.pdf: finns inte",
            "finsok: https://x.se/a%1B[2J XXXXXX-XXXX.pdf: finns inte",
            id="escaped-control",
        ),
        pytest.param(
            "finsok: https://x.se/%0A%E2%80%AEintyg%20191212121212.pdf: finns inte",
            "finsok: https://x.se/%0A%E2%80%AEintyg XXXXXX-XXXX.pdf: finns inte",
            id="escaped-line-feed-and-bidi",
        ),
        pytest.param(
            "finsok: https://x.se/m%C3%B6te%ff%2019121212-1212.pdf: finns inte",
            "finsok: https://x.se/möte%FF XXXXXX-XXXX.pdf: finns inte",
            id="escaped-letters-and-a-byte-that-is-not-utf8",
        ),
        # an escaped line break between the halves (found in review): shown decoded, masked as
        # a path's name is (one mask, `index.paths.shown_path`)
        pytest.param(
            "finsok: hämtar https://x.se/19121212%0A-1212.pdf",
            "finsok: hämtar https://x.se/XXXXXX-XXXX.pdf",
            id="escaped-line-feed-between-the-halves",
        ),
        pytest.param(
            "finsok: hämtar https://x.se/intyg%201933%201224%E2%80%A80009.pdf",
            "finsok: hämtar https://x.se/intyg XXXXXX-XXXX.pdf",
            id="escaped-line-separator-between-groups",
        ),
        # must not change: no number, the escapes stay so the URL still pastes
        pytest.param(
            "finsok: https://x.se/Protokoll%202024-03-12%20%28justerat%29.pdf: finns inte",
            "finsok: https://x.se/Protokoll%202024-03-12%20%28justerat%29.pdf: finns inte",
            id="no-number-escapes-kept",
        ),
        pytest.param(
            "finsok: https://x.se/intyg-19121212-1212.pdf: finns inte",
            "finsok: https://x.se/intyg-XXXXXX-XXXX.pdf: finns inte",
            id="plain",
        ),
    ],
)
def test_crawl_lines_mask_escaped_identity_numbers(line: str, shown: str) -> None:
    """Failure, note and progress lines name URLs as sent: an escape next to a number hid it
    from the mask (a bracket's "%28" lent the number its "8")."""
    from cli.terminal import masked_line

    assert masked_line(line) == shown


def test_a_crawl_indexes_with_the_limits_finsok_index_reads(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """`crawl` and `update` index as `finsok index` does, with its limits from the
    environment (they were read by `index` alone); a bad one stops the run before any
    download, with one line naming the variable."""
    from cli.main import main
    from index.store import Store
    from search.engine import Engine

    pdf(site, "/filer/protokoll-2024-03-12.pdf", "pelargoner " * 400)
    site.page("/moten/", "<a href='/filer/protokoll-2024-03-12.pdf'>Protokoll 12 mars</a>")
    url = site.url("/moten/")
    args = ["crawl", url, "--forbund", "test", "--archive", str(tmp_path), "--delay", "0"]

    monkeypatch.setenv("FINSOK_MAX_SECTION_CHARS", "0")
    assert main([*args, "--index", str(tmp_path / "ix")]) == 1
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "FINSOK_MAX_SECTION_CHARS=0" in err, err
    assert site.requests("/moten/") == [] and not (tmp_path / "test").exists()

    monkeypatch.setenv("FINSOK_MAX_SECTION_CHARS", "500")
    assert main([*args, "--index", str(tmp_path / "ix")]) == 0, capsys.readouterr().err
    [record] = Store.open(tmp_path / "ix").documents().values()
    sections = Engine.open(tmp_path / "ix").document(record["doc_id"])["sections_list"]
    assert sections and all(len(s["text"]) <= 500 for s in sections)


# --- replicas of whole archives, crawled and indexed as a user would ---------------------------


def _crawl_and_index(site: Site, tmp_path: Path, start: str) -> tuple[int, dict[str, dict]]:
    """`finsok crawl <start> --forbund ostra-sodertorn`: its status and the
    index's documents by their date."""
    from cli.main import main
    from index.store import Store

    archive, index = tmp_path / "arkiv", tmp_path / "ix"
    args = ["crawl", site.url(start), "--forbund", "ostra-sodertorn", "--delay", "0"]
    status = main([*args, "--archive", str(archive), "--index", str(index)])
    documents = Store.open(index).documents().values() if index.exists() else []
    return status, {d["date"]: d for d in documents}


def _dated_pdf(site: Site, path: str, date: str, **options: object) -> str:
    lines = protocol(date, (1, "Mötets öppnande", f"Ordföranden öppnade mötet {date}."))
    url = site.pdf(path, lines)
    for name, value in options.items():
        setattr(site.routes[path], name, value)
    return url


def test_a_wordpress_archive_without_pretty_addresses(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """WordPress: a category with `/page/2/`, a protocol-relative upload, an attachment page
    under a pretty address and one as `/?attachment_id=88`, Download Monitor's `/?download=123`
    (octet-stream, its name in Content-Disposition) and `/download/<slug>/`, robots.txt and
    `/sitemap.xml` → `/wp-sitemap.xml` as WordPress writes them. The `/?…` links were taken
    for the breadcrumb to the front page, and their protocols silently missed."""
    up = "/wp-content/uploads/"
    site.add(
        "/robots.txt",
        "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
        f"Sitemap: {site.url('/wp-sitemap.xml')}\n",
        content_type="text/plain; charset=utf-8",
    )
    site.redirect("/sitemap.xml", site.url("/wp-sitemap.xml"), 301)
    site.add(
        "/wp-sitemap.xml",
        "<?xml version='1.0' encoding='UTF-8'?><sitemapindex xmlns='http://www.sitemaps.org/"
        f"schemas/sitemap/0.9'><sitemap><loc>{site.url('/wp-sitemap-posts-page-1.xml')}</loc>"
        "</sitemap></sitemapindex>",
        content_type="application/xml; charset=UTF-8",
    )
    site.add("/wp-sitemap-posts-page-1.xml", _urlset(site, "/", "/kontakt/"))
    site.routes["/wp-sitemap-posts-page-1.xml"].content_type = "application/xml"
    _dated_pdf(site, up + "2024/03/Protokoll-styrelsemote-2024-03-12.pdf", "2024-03-12")
    _dated_pdf(site, up + "2024/01/Protokoll-2024-01-20.pdf", "2024-01-20")
    _dated_pdf(site, up + "2023/12/Protokoll-2023-12-01.pdf", "2023-12-01")
    _dated_pdf(site, up + "2023/11/protokoll-2023-11-02.pdf", "2023-11-02")
    octet = {"content_type": "application/octet-stream"}
    disposition = 'attachment; filename="Protokoll styrelsen 2023-09-15.pdf"'
    _dated_pdf(site, "/?download=123", "2023-09-15", headers={"Content-Disposition": disposition})
    site.routes["/?download=123"].content_type = "application/octet-stream"
    _dated_pdf(site, "/download/protokoll-2023-06-01/", "2023-06-01", **octet)
    for path, pdf_path in (
        ("/protokoll-2024-01-20/", "2024/01/Protokoll-2024-01-20.pdf"),
        ("/?attachment_id=88", "2023/12/Protokoll-2023-12-01.pdf"),
    ):
        link = f"<a href='{up}{pdf_path}' rel='attachment'>{pdf_path.rsplit('/')[-1]}</a>"
        site.page(path, f"<div class='attachment'>{link}</div>", title="Bilaga")
    pagination = (
        "<nav class='navigation pagination'><div class='nav-links'>"
        "<span class='page-numbers current'>1</span>"
        f"<a class='page-numbers' href='{site.url('/kategori/protokoll/page/2/')}'>2</a>"
        f"<a class='next page-numbers' href='{site.url('/kategori/protokoll/page/2/')}'>"
        "Nästa &raquo;</a></div></nav>"
    )
    site.page(
        "/kategori/protokoll/",
        "<article><h2><a href='/protokoll-2024-01-20/'>Protokoll 2024-01-20</a></h2></article>"
        f"<article><a href='//{site.netloc}{up}2024/03/Protokoll-styrelsemote-2024-03-12.pdf'"
        " rel='nofollow'>Protokoll styrelsemöte 12 mars</a></article>"
        "<article><a href='/?attachment_id=88'>Protokoll 2023-12-01</a></article>" + pagination,
    )
    site.page(
        "/kategori/protokoll/page/2/",
        f"<article><a href='{up}2023/11/protokoll-2023-11-02.pdf'>Protokoll 2023-11-02</a>"
        "<a href='/?download=123' rel='nofollow'>Protokoll styrelsen 2023-09-15</a>"
        "<a href='/download/protokoll-2023-06-01/'>Ladda ner</a></article>"
        "<a class='prev page-numbers' href='/kategori/protokoll/'>&laquo; Föregående</a>",
    )

    status, documents = _crawl_and_index(site, tmp_path, "/kategori/protokoll/")

    assert status == 0, capsys.readouterr().err
    dates = ["2023-06-01", "2023-09-15", "2023-11-02", "2023-12-01", "2024-01-20", "2024-03-12"]
    assert sorted(documents) == dates
    assert {d["forbund"] for d in documents.values()} == {"Samordningsförbundet Östra Södertörn"}
    assert documents["2023-09-15"]["source_url"] == site.url("/?download=123")
    assert "Protokoll-styrelsen-2023-09-15.pdf" in stored_in(tmp_path / "arkiv")
    wanted = [p for p in site.paths() if p.startswith(("/wp-content/", "/download", "/?"))]
    assert sorted(wanted) == sorted(set(wanted))  # every protocol fetched once
    assert not any(p.startswith(("/kontakt", "/wp-admin")) for p in site.paths())


def stored_in(root: Path) -> list[str]:
    folder = root / "ostra-sodertorn"
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def _sitevision_page(title: str, content: str) -> str:
    """A SiteVision page: the main menu, the section's sub-menu with the archive and its
    years (the only links to them), file portlets, and `;jsessionid=` in every link."""
    session = ";jsessionid=ABC123"
    years = "".join(
        f"<li><a href='/styrelsen/protokoll/{year}.4.{year}aa.html{session}'>{year}</a></li>"
        for year in (2023, 2022)
    )
    return (
        "<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'>"
        f"<title>{title} - Samordningsförbundet</title></head><body><div class='sv-layout'>"
        "<header><nav aria-label='Huvudmeny'><ul><li><a href='/4.1a2b3c.html'>Om oss</a></li>"
        "<li><a href='/styrelsen.4.9f8e7d.html'>Styrelsen</a></li>"
        "<li><a href='/nyheter/2023.4.5555.html'>2023</a></li></ul></nav></header>"
        "<nav aria-label='Undermeny' class='sv-vertical'><ul class='sv-defaultlist'>"
        f"<li><a href='/styrelsen/protokoll.4.5e1b2c.html{session}'>Protokoll</a>"
        f"<ul>{years}</ul></li></ul></nav><main><h1>{title}</h1>{content}</main>"
        "<footer><a href='/kontakt.4.1111.html'>Kontakt</a></footer></div></body></html>"
    )


def _file_portlet(*links: tuple[str, str]) -> str:
    items = "".join(
        f"<li class='sv-channel-item'><a class='sv-link' href='{href}'>"
        f"<span class='sv-file-portlet-name'>{text}</span></a> (pdf, 120 kB)</li>"
        for href, text in links
    )
    return f"<div class='sv-portlet sv-file-portlet'><ul class='sv-defaultlist'>{items}</ul></div>"


def test_a_sitevision_archive_whose_years_are_only_in_its_sub_menu(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SiteVision: the archive page (`protokoll.4.5e1b2c.html`) says "Välj år i menyn" and
    links its year pages only from the section's sub-menu, a `<nav>`; all links carry a
    `;jsessionid=`. The year pages were passed over as site menu, their protocols silently
    missed; a year in the main menu (`/nyheter/2023…`) is still no page of the archive."""
    dl = "/download/18.3c1f2a1b18c0e2f1a1b2/1710230400000/"
    files = {
        "2024-03-12": dl + "Protokoll%202024-03-12.pdf",
        "2024-02-01": dl + "Protokoll%202024-02-01%20%C3%A5rsm%C3%B6te.pdf",
        "2023-11-02": "/download/18.4d2e5f/1699000000000/Protokoll%20styrelsem%C3%B6te.pdf",
        "2022-05-05": "/download/18.4d2e5f/1660000000000/Protokoll_2022-05-05.PDF",
    }
    for date, path in files.items():
        _dated_pdf(site, path, date)
    site.add("/robots.txt", "User-agent: *\nDisallow: /sitevision/\n", content_type="text/plain")
    raw = dl + "Protokoll 2024-02-01 årsmöte.pdf"  # as SiteVision writes it: not escaped
    site.add(
        "/styrelsen/protokoll.4.5e1b2c.html",
        _sitevision_page(
            "Protokoll",
            "<p>Välj år i menyn.</p>"
            + _file_portlet(
                (files["2024-03-12"] + ";jsessionid=ABC123", "Protokoll 2024-03-12"),
                (raw, "Protokoll 2024-02-01 årsmöte"),
            ),
        ),
    )
    for year, date in ((2023, "2023-11-02"), (2022, "2022-05-05")):
        portlet = _file_portlet((files[date], f"Protokoll {date}"))
        site.add(
            f"/styrelsen/protokoll/{year}.4.{year}aa.html", _sitevision_page(str(year), portlet)
        )

    status, documents = _crawl_and_index(site, tmp_path, "/styrelsen/protokoll.4.5e1b2c.html")

    assert status == 0, capsys.readouterr().err
    assert sorted(documents) == ["2022-05-05", "2023-11-02", "2024-02-01", "2024-03-12"]
    assert "Protokoll-2024-02-01-årsmöte.pdf" in stored_in(tmp_path / "arkiv")
    for path in files.values():
        assert len(site.requests(path)) == 1, path
    assert not any(
        p.startswith(("/nyheter", "/kontakt", "/4.", "/styrelsen.4")) for p in site.paths()
    )


def test_a_cookie_wall_is_named_in_the_line_that_the_archive_gave_nothing(
    site: Site, tmp_path: Path
) -> None:
    """A cookie wall: the archive redirects to a consent page (read as the archive: no
    links), or sets a cookie and sends the crawler back to itself (a loop, since it keeps no
    cookies). The line says where the page went, or that a cookie was asked for."""
    site.redirect("/protokoll/", "/cookie-consent/?returnUrl=%2Fprotokoll%2F")
    site.page("/cookie-consent/?returnUrl=%2Fprotokoll%2F", "<form><button>Godkänn</button></form>")
    cookie = {"Location": "/arkiv/", "Set-Cookie": "consent=1; Path=/"}
    site.add("/arkiv/", b"", status=302, content_type=None, headers=cookie)
    site.page("/moten/", "<p>Inga protokoll än.</p>")

    [(_, reason)] = run(site, tmp_path, "/protokoll/").failed
    assert reason.startswith("inga länkar till protokoll") and reason.endswith(
        f"; sidan skickade vidare till {site.url('/cookie-consent/?returnUrl=%2Fprotokoll%2F')}"
    ), reason
    [(_, reason)] = run(site, tmp_path, "/arkiv/").failed
    assert reason.startswith("omdirigeringsslinga: ") and reason.endswith(
        " (servern vill sätta en kaka, och Finsök sparar inga: en kakvägg?)"
    ), reason
    # must not change: a page that holds nothing, and a loop without a cookie
    [(_, reason)] = run(site, tmp_path, "/moten/").failed
    assert reason.endswith("med JavaScript?)"), reason
    site.redirect("/slinga/", "/slinga/")
    [(_, reason)] = run(site, tmp_path, "/slinga/").failed
    assert reason.endswith(f"→ {site.url('/slinga/')}"), reason
