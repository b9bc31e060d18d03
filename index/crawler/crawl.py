"""`finsok crawl`: bring a förbund's protocol archive from its website into a local folder.

A crawl reads the archive page, follows the archive's own pagination on the same site, collects
the links to protocols and reports (PDFs anywhere, HTML protocol pages on the site), and
downloads each into `<archive>/<slug>/`. Next to the files, `.finsok-fetch.json` keeps for each
file its original URL, fetch time, ETag and Last-Modified: that record makes the next run ask
conditionally (so unchanged files cost a 304) and gives the index each document's `source_url`.

Nothing already downloaded is ever lost: files are written to a temporary name and renamed
when complete, and a failed download leaves the previous copy in place. Every problem is
recorded in `CrawlSummary.failed` with its URL and reason, and the crawl goes on.

A source's run has limits (`Policy`): bytes received, documents stored, and a deadline. When
one is reached the source stops with one line that says which and how to raise it, keeps what
it already has, and the next source runs as usual.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
import tomllib
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from index import settings
from index.archive import FILE_SUFFIXES, SIDECAR, Archive, crawl_lock
from index.crawler.fetch import SCHEMES, Fetched, Fetcher
from index.crawler.links import (
    ArchivePage,
    Link,
    ProtocolPage,
    browser_url,
    first_page,
    netloc,
    read_archive_page,
    read_protocol_page,
    readable_url,
    suffix_of,
    url_months,
)
from index.crawler.sitemaps import MAX_SITEMAPS, in_scope, read_sitemap, unpacked
from index.errors import FinsokError, decimal_comma, os_reason
from index.metadata import slugify

MAX_PAGES = 200
# An endless calendar ("Nästa månad", `?month=2031-07`, `/kalender/2031/07`) is stopped long
# before MAX_PAGES: a step to another month or year of the same page is not taken when it
# leads more than FUTURE_MONTHS past this month (no protocol is from the future), nor after
# CALENDAR_DRY such steps in a row that found no new document (a förbund meets every month or
# two; the longest pause, over the summer, is three months).
FUTURE_MONTHS = 12
CALENDAR_DRY = 6
NOTHING_FOUND = (
    "inga länkar till protokoll eller rapporter hittades på arkivsidan "
    "(fel adress, eller visar sidan sina dokument med JavaScript?)"
)

Progress = Callable[[str], None]
# Each sitemap file's (page URLs, child sitemaps), read once per source for all its URLs.
SitemapCache = dict[str, tuple[list[str], list[str]]]


# --- sources and folders ----------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One förbund's archive pages on the web; files go to `<archive>/<slug>/`."""

    slug: str
    urls: tuple[str, ...]


def sources_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The sources file: flag, then `FINSOK_SOURCES`, then `data/sources.toml`."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("FINSOK_SOURCES")
    return Path(env) if env else settings.data_dir() / "sources.toml"


def archive_root(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Where downloads go: flag, then `FINSOK_ARCHIVE`, then `data/archive`."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("FINSOK_ARCHIVE")
    return Path(env) if env else settings.PROJECT_ROOT / "data" / "archive"


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TOML_HINT = 'kontrollera citattecken, hakparenteser och "nyckel = värde" på raden'


def load_sources(path: str | os.PathLike[str] | None = None) -> list[Source]:
    """Read the sources file; a malformed one raises FinsokError naming the file and line."""
    path = sources_path(path)
    missing = f"{path}: källfilen finns inte (ange --sources FIL)"
    text = settings.read_data_text(path, "källfilen", missing=missing)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = settings.toml_where(exc, text)
        raise FinsokError(f"{path}: {where}felaktig TOML ({TOML_HINT})") from None
    return [_source(path, text, slug, entry) for slug, entry in data.items()]


def _source(path: Path, text: str, slug: str, entry: object) -> Source:
    """One `[slug]` table with `urls`, checked so that a typo is reported where it is."""

    def fail(problem: str) -> FinsokError:
        return FinsokError(f"{path}: rad {_line_of(text, slug)}: [{slug}] {problem}")

    if not _SLUG.match(slug):
        raise fail("är ingen slug (små bokstäver a–z, siffror och bindestreck, t.ex. 'halland')")
    if not isinstance(entry, dict):
        raise fail('ska vara en tabell med urls = ["https://…"]')
    urls = entry.get("urls", entry.get("url"))
    if isinstance(urls, str):
        urls = [urls]
    if not urls or not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        raise fail('saknar urls = ["https://…"] (arkivsidornas adresser)')
    for url in urls:
        if urlsplit(url).scheme not in SCHEMES or not urlsplit(url).hostname:
            raise fail(f"har en adress som inte är http(s): {url!r}")
    return Source(slug, tuple(urls))


def _line_of(text: str, slug: str) -> int:
    """The line of a source's table header (or first mention), for error messages."""
    header = re.compile(rf"^\s*\[\s*[\"']?{re.escape(slug)}[\"']?\s*[\].]")
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if header.match(line):
            return number
    for number, line in enumerate(lines, start=1):
        if slug in line:
            return number
    return 1


def source_for_url(url: str, slug: str | None = None, sources: Path | None = None) -> Source:
    """A one-URL source for `finsok crawl URL`: the given slug, else the sources file's, else
    one made from the host name (samordningsforbundetx.se → x)."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise FinsokError(f"{url}: bara http- och https-adresser kan hämtas")
    if slug:
        chosen = slugify(slug)
        if not _SLUG.match(chosen):
            raise FinsokError(f"--forbund {slug!r}: ingen användbar slug")
        return Source(chosen, (url,))
    path = sources_path(sources)
    if path.exists():
        for source in load_sources(path):
            if url in source.urls:
                return Source(source.slug, (url,))
    return Source(_slug_for_host(parts.hostname), (url,))


def _slug_for_host(host: str) -> str:
    name = host.lower().removeprefix("www.")
    name = name.rsplit(".", 1)[0] if "." in name and not name.replace(".", "").isdigit() else name
    for prefix in ("samordningsforbundet", "samordningsforbund", "finsam"):
        name = name.removeprefix(prefix)
    slug = re.sub(r"[^a-z0-9]+", "-", name).strip("-")
    return slug or "forbund"


# --- the crawl ----------------------------------------------------------------------------------


@dataclass
class CrawlSummary:
    """What a crawl did; `failed` and `notes` hold (url, reason) pairs."""

    sources: int = 0
    pages: int = 0
    found: int = 0
    downloaded: int = 0
    unchanged: int = 0
    skipped: int = 0  # robots.txt said no
    duplicates: int = 0  # same bytes as a file already kept under another URL
    landing: int = 0  # pages that only lead to their protocol's PDF, not kept
    # files taken out of the archive (landing pages an older crawl stored): the index drops them
    removed: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    failed: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def add(self, other: CrawlSummary) -> None:
        counts = (
            "sources",
            "pages",
            "found",
            "downloaded",
            "unchanged",
            "skipped",
            "duplicates",
            "landing",
        )
        for name in (*counts, "seconds"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failed.extend(other.failed)
        self.notes.extend(other.notes)
        self.removed.extend(other.removed)


def crawl(
    source: Source,
    root: Path,
    fetcher: Fetcher | None = None,
    *,
    max_pages: int = MAX_PAGES,
    progress: Progress | None = None,
) -> CrawlSummary:
    """Crawl every archive URL of one source into `root/<slug>/`; never raises for a bad site."""
    started = time.perf_counter()
    fetcher = fetcher or Fetcher()
    summary = CrawlSummary(sources=1)
    folder = root / source.slug
    problem = _folder_problem(root, folder)
    if problem:
        summary.failed.append(problem)
        return summary
    try:
        with crawl_lock(folder) as mine, fetcher.source_run(_wire_urls(source.urls)):
            if not mine:
                summary.failed.append((str(folder), BUSY))
            else:
                _crawl_source(source, Archive(folder), fetcher, summary, max_pages, progress)
    except OSError as exc:  # the lock file cannot be made: the archive is not writable
        summary.failed.append((str(folder), f"kan inte skriva arkivet ({os_reason(exc)})"))
    summary.seconds = time.perf_counter() - started
    return summary


def _wire_urls(urls: Iterable[str]) -> list[str]:
    """The source's URLs as they go on the wire (IDNA host), so the guard knows its hosts;
    one that cannot be requested is left out here and reported when it is crawled."""
    wire = []
    for url in urls:
        with contextlib.suppress(ValueError):
            wire.append(browser_url(url))
    return wire


BUSY = "en annan hämtning av samma källa pågår (upptaget) — försök igen när den är klar"


def _folder_problem(root: Path, folder: Path) -> tuple[str, str] | None:
    """Why the archive folder cannot be used (a file where a folder should be), or None."""
    for path in (root, folder):
        if path.exists() and not path.is_dir():
            return str(path), "arkivmappen är en fil, inte en mapp (ange en mapp med --archive)"
    return None


def _crawl_source(
    source: Source,
    archive: Archive,
    fetcher: Fetcher,
    summary: CrawlSummary,
    max_pages: int,
    progress: Progress | None,
) -> None:
    """The crawl of one source while its archive folder is locked."""
    if archive.problem:
        summary.notes.append((str(archive.folder / SIDECAR), archive.problem))
    done: set[str] = set()
    word: set[str] = set()
    sitemaps: SitemapCache = {}  # each sitemap read once per source, for all its URLs
    for url in source.urls:
        try:
            start = browser_url(url)
            _crawl_url(start, archive, fetcher, summary, done, word, max_pages, progress, sitemaps)
        except _Halt as halt:
            summary.failed.append((url, f"hämtningen av {source.slug} stoppades: {halt.reason}"))
            summary.notes.extend(fetcher.take_notes())
            break
        except ValueError as exc:
            summary.failed.append((url, f"ogiltig adress ({exc})"))
        except OSError as exc:  # the archive folder itself is unwritable: stop this source
            summary.failed.append(
                (str(archive.folder), f"kan inte skriva arkivet ({os_reason(exc)})")
            )
            break
        except Exception as exc:  # a bug must not stop the other sources
            summary.failed.append((url, f"internt fel ({type(exc).__name__}: {exc})"))
        summary.notes.extend(fetcher.take_notes())
    if word:
        summary.notes.append(
            (source.urls[0], f"{len(word)} Word-dokument (.doc/.docx) hoppades över — stöds inte")
        )


def _crawl_url(
    start: str,
    archive: Archive,
    fetcher: Fetcher,
    summary: CrawlSummary,
    done: set[str],
    word: set[str],
    max_pages: int,
    progress: Progress | None,
    sitemaps: SitemapCache | None = None,
) -> None:
    links = discover(start, fetcher, summary, max_pages, progress, word=word, sitemaps=sitemaps)
    queue = deque(link for link in links if link.url not in done)
    done.update(link.url for link in queue)
    summary.found += len(queue)
    number, total = 0, len(queue)
    while queue:
        link = queue.popleft()
        number += 1
        waiting = f"{total - number + 1} dokument"  # this one included
        _check_limits(fetcher, summary, waiting)
        if progress:
            progress(f"[{number}/{total}] {link.url}")
        attached: list[Link] = []
        try:
            download(link, archive, fetcher, summary, attached)
        except OSError:
            raise  # the archive cannot be written: every further link would fail the same way
        except Exception as exc:  # one bad link costs one line, never the rest of the crawl
            summary.failed.append((link.url, f"internt fel ({type(exc).__name__}: {exc})"))
        if fetcher.cut_short:  # abandoned for the deadline: it is still waiting
            _check_limits(fetcher, summary, waiting)
        fresh = [extra for extra in attached if extra.url not in done]
        done.update(extra.url for extra in fresh)
        queue.extend(fresh)
        summary.found += len(fresh)
        total += len(fresh)


def discover(
    start: str,
    fetcher: Fetcher,
    summary: CrawlSummary,
    max_pages: int = MAX_PAGES,
    progress: Progress | None = None,
    *,
    word: set[str] | None = None,
    sitemaps: SitemapCache | None = None,
) -> list[Link]:
    """Walk the archive's pages from `start` (same site only) and collect document links,
    then those the site's sitemaps name within the source's scope (`_sitemap_links`; read
    once per source when `sitemaps` is the source's cache); links to Word documents (not
    supported) are added to `word` so the crawl can say so."""
    site = {netloc(start)}
    start = first_page(start)
    home = ""  # the first page's address after redirects, once it has been read
    queue, seen = deque([start]), {start}
    documents: dict[str, Link] = {}
    pages = 0
    dry: dict[str, int] = {}  # calendar steps without a new document that led to a page
    turned = 0  # calendar pages not followed
    today = datetime.now(UTC)
    this_month = today.year * 12 + today.month - 1
    try:
        while queue and pages < max_pages:
            _check_limits(fetcher, summary, f"{len(queue)} arkivsidor")
            page_url = queue.popleft()
            pages += 1
            if progress:
                progress(f"arkivsida {pages}: {page_url}")
            page = _archive_page(
                page_url, fetcher, site, summary, first=pages == 1, archive=home or start
            )
            if fetcher.cut_short:  # abandoned for the deadline: it is still waiting
                _check_limits(fetcher, summary, f"{len(queue) + 1} arkivsidor")
            if page is None:
                continue
            home = home or page.url
            known = len(documents)
            for link in page.documents:
                documents.setdefault(link.url, link)
            if word is not None:
                word.update(page.unsupported)
            for url in page.offsite:
                summary.notes.append((url, "länken leder bort från webbplatsen och följs inte"))
            steps = 0 if len(documents) > known else dry.get(page_url, 0)
            for url in page.next_pages:
                if url in seen:
                    continue
                seen.add(url)
                taken = calendar_steps(page_url, url, steps, this_month)
                if taken is None:
                    turned += 1
                    continue
                dry[url] = taken
                queue.append(url)
        if home:
            for link in _sitemap_links(home, site, fetcher, summary, sitemaps):
                documents.setdefault(link.url, link)
    finally:
        summary.pages += pages
    _tell_how_the_walk_ended(
        start,
        summary,
        home=home,
        pages=pages,
        waiting=len(queue),
        turned=turned,
        found=bool(documents),
        max_pages=max_pages,
    )
    return list(documents.values())


def _tell_how_the_walk_ended(
    start: str,
    summary: CrawlSummary,
    *,
    home: str,
    pages: int,
    waiting: int,
    turned: int,
    found: bool,
    max_pages: int,
) -> None:
    """What the operator should hear once the walk from `start` is over: calendar pages not
    followed (a remark), the page limit reached with `waiting` pages left (a failure when
    nothing was found, else a remark), or pages read that held no document (a failure, with
    where the archive sent the crawler). Not a second failure for a start page that failed."""
    if turned:
        summary.notes.append(
            (
                start,
                f"{turned} kalendersidor följdes inte: långt fram i tiden eller efter "
                f"{CALENDAR_DRY} månader eller år i rad utan nya dokument",
            )
        )
    failed_here = any(url == start for url, _ in summary.failed)
    if waiting and not found and not failed_here:
        summary.failed.append(
            (
                start,
                f"gränsen på {max_pages} arkivsidor nåddes innan något dokument hittades; "
                f"{waiting} sidor väntar (höj --max-pages)",
            )
        )
    elif waiting:
        summary.notes.append(
            (start, f"gränsen på {max_pages} arkivsidor nåddes; {waiting} sidor väntar")
        )
    elif pages and not found and not failed_here:
        summary.failed.append((start, NOTHING_FOUND + _moved(start, home)))


def _moved(start: str, home: str) -> str:
    """Where the archive page sent the crawler, when that was another page (a cookie wall's
    consent page, a start page after a site's rebuild), for the line that it held nothing;
    "" when it stayed (a move to https or to www. is no other page)."""
    if not home or urlsplit(home)[2:4] == urlsplit(start)[2:4]:
        return ""
    return f"; sidan skickade vidare till {readable_url(home)}"


def calendar_steps(page_url: str, url: str, steps: int, this_month: int) -> int | None:
    """How many calendar steps without a new document lead to `url` from `page_url` (whose
    own count is `steps`, 0 when it found a new document), or None when `url` is not to be
    followed: more than FUTURE_MONTHS ahead, or one step too many (see CALENDAR_DRY).

    A calendar step is a link that differs from its page only in a date (`?month=2031-06` →
    `?month=2031-07`, `/kalender/2031/06` → `/kalender/2031/07`, `/protokoll/2023/` →
    `/protokoll/2022/`); any other link starts the count anew, whatever number it holds (a
    "Nästa" link's `?kat=2095` or `/sida/2087/` is a page id, not a year to stay out of).
    Cheap: most links hold no date and are decided by a substring test."""
    shape, months = url_months(url)
    if not months:
        return 0
    here, here_months = url_months(page_url)
    if shape != here or months == here_months:
        return 0
    if max(months) > this_month + FUTURE_MONTHS:
        return None
    return steps + 1 if steps < CALENDAR_DRY else None


def _archive_page(
    url: str,
    fetcher: Fetcher,
    site: set[str],
    summary: CrawlSummary,
    *,
    first: bool,
    archive: str | None = None,
) -> ArchivePage | None:
    """Fetch and read one archive page of the source's archive URL `archive` (`url` when
    None); failures are recorded and give None."""
    # The archive URL itself may move to another host (site.se → www.site.se): the user named
    # it, so its redirect is followed and the final host becomes "the site" too.
    fetched = fetcher.get(
        url,
        hosts=None if first else site,
        max_bytes=fetcher.policy.max_page_bytes,
        too_large="arkivsidan",
        limit_flag="--max-page-mb",
    )
    if fetched.stopped:
        return None  # the source's deadline: said once, by the check before the next page
    if fetched.blocked and not first:
        summary.skipped += 1
        summary.notes.append((url, fetched.reason or ""))
        return None
    if not fetched.ok:
        summary.failed.append((url, fetched.reason or ""))
        return None
    if first:
        site.add(netloc(fetched.final_url))  # http → https, or a move to www., stays "the site"
    if _kind(fetched) != "html":
        shown = fetched.content_type or "okänd typ"
        summary.failed.append((url, f"arkivsidan är inte en HTML-sida ({shown})"))
        return None
    limit = fetcher.policy.max_page_links
    page = read_archive_page(
        fetched.body, fetched.final_url, site, fetched.charset, limit, archive=archive
    )
    page.url = fetched.final_url or url
    if page.cut:
        summary.notes.append(
            (
                url,
                f"arkivsidan har fler länkar än gränsen på {limit}; bara de {limit} första "
                "lästes (höj med --max-page-links)",
            )
        )
    return page


def _sitemap_links(
    home: str,
    site: set[str],
    fetcher: Fetcher,
    summary: CrawlSummary,
    cache: SitemapCache | None,
) -> list[Link]:
    """The documents the site's sitemaps name within the scope of the archive page `home`
    (`sitemaps.in_scope`): the sitemaps robots.txt declares on the site, then /sitemap.xml,
    and the children of a sitemap index, at most MAX_SITEMAPS files, each within the page
    size limit. A declared sitemap that cannot be read is a remark; a missing /sitemap.xml
    is nothing (most sites have none).

    Each address is read once after its redirects: WordPress's robots.txt declares
    /wp-sitemap.xml and its /sitemap.xml redirects there, which read the file twice a run.
    A redirect to an address already read is not followed, and an address a redirect
    already led to is not asked for again (`finals`)."""
    parts = urlsplit(home)
    origin = f"{parts.scheme}://{parts.netloc}"
    declared = _on_site(fetcher.sitemaps(home), site)
    queue = deque(dict.fromkeys([*declared, origin + "/sitemap.xml"]))
    seen, read, found = set(queue), 0, []
    finals: set[str] = set()  # the addresses read, after their redirects
    while queue and read < MAX_SITEMAPS:
        url = queue.popleft()
        read += 1
        if cache is not None and url in cache:
            urls, children = cache[url]
        elif url in finals:  # a redirect led here already: its links are taken
            urls, children = [], []
        else:
            _check_limits(fetcher, summary, "webbplatskartor")
            urls, children = _read_sitemap(url, site, fetcher, summary, url in declared, finals)
            if cache is not None:
                cache[url] = (urls, children)
        fresh = [child for child in children if child not in seen]
        seen.update(fresh)
        queue.extend(fresh)
        found.extend(urls)
    links = {}
    for url in found:
        with contextlib.suppress(ValueError):
            wire = browser_url(url)
            # A sitemap names the whole site, also what robots.txt keeps crawlers from: left
            # out here, not remarked on one by one as a link on an archive page is.
            if in_scope(wire, home, site) and fetcher.allowed(wire):
                links.setdefault(wire, Link(wire, ""))
    return list(links.values())


def _read_sitemap(
    url: str,
    site: set[str],
    fetcher: Fetcher,
    summary: CrawlSummary,
    declared: bool,
    finals: set[str],
) -> tuple[list[str], list[str]]:
    """(page URLs, child sitemap URLs on the site) of one sitemap file; ([], []) when it
    cannot be read, with a remark when robots.txt declared it, or when it redirects to an
    address in `finals` (read already this run). The address it was read from, after
    redirects, joins `finals`."""
    limit = fetcher.policy.max_page_bytes
    fetched = fetcher.get(
        url,
        hosts=site,
        max_bytes=limit,
        too_large="webbplatskartan",
        limit_flag="--max-page-mb",
        skip=finals,
    )
    if fetched.stopped or fetched.already:
        return [], []
    finals.update((url, fetched.final_url or url))
    if not fetched.ok:
        if declared and not fetched.blocked:
            summary.notes.append((url, f"webbplatskartan kunde inte läsas: {fetched.reason}"))
        return [], []
    body = unpacked(fetched.body, limit)
    if body is None:
        summary.notes.append((url, "webbplatskartan går inte att packa upp eller är för stor"))
        return [], []
    kind, urls = read_sitemap(body, fetcher.policy.max_page_links)
    if kind is None:
        if declared:
            summary.notes.append((url, "är ingen webbplatskarta (sitemap) och lästes inte"))
        return [], []
    if kind == "urlset":
        return urls, []
    return [], _on_site(urls, site)


def _on_site(urls: list[str], site: set[str]) -> list[str]:
    """The sitemap addresses among `urls` that are on the site, as a browser requests them: a
    sitemap names its own site only (sitemaps.org), and an address no browser could request
    is passed over."""
    wires = []
    for url in urls:
        with contextlib.suppress(ValueError):
            wire = browser_url(url)
            if netloc(wire) in site:
                wires.append(wire)
    return wires


class _Halt(Exception):
    """A limit of the source's run was reached: stop this source, keep what it has."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _check_limits(fetcher: Fetcher, summary: CrawlSummary, waiting: str) -> None:
    """Raise _Halt when the source has used its time, its bytes or its documents.

    Checked before each page and each document, so a limit may be passed by at most one file:
    the budget guards the disk and the other sources, not an exact figure."""
    policy = fetcher.policy
    if fetcher.expired():
        minutes = decimal_comma(round(policy.source_deadline / 60, 2))
        limit, flag = f"tidsgränsen på {minutes} min per källa", "--max-minutes"
    elif fetcher.received >= policy.max_source_bytes:
        size = decimal_comma(round(policy.max_source_bytes / 1_000_000, 3))
        limit, flag = f"gränsen på {size} MB hämtat per källa", "--max-source-mb"
    elif summary.downloaded >= policy.max_documents:
        limit, flag = f"gränsen på {policy.max_documents} nya dokument per källa", "--max-documents"
    else:
        return
    raise _Halt(
        f"{limit} och körning nåddes; {waiting} väntar till nästa körning och det som redan "
        f"hämtats finns kvar (höj med {flag})"
    )


# --- downloading one document -------------------------------------------------------------------


def download(
    link: Link,
    archive: Archive,
    fetcher: Fetcher,
    summary: CrawlSummary,
    attached: list[Link] | None = None,
) -> None:
    """Fetch one document (conditionally when we hold a copy) and keep it with its record.

    Bytes already in the folder are never stored twice: a URL that serves the same file as
    another (a redirect, `?version=`, a copy) becomes an alias of that file's record, and a file
    that lost its record (a damaged sidecar, an interrupted crawl) gets it back.

    With `attached`, an HTML protocol page adds to it the PDFs it links to (many archives list
    one page per meeting, and that page only links to the protocol's PDF); a page that is
    little more than such a link is not kept itself (`_is_landing_page`).
    """
    known = archive.lookup(link.url)
    record = known[1] if known else {}
    # A protocol page is read whole each time (it is small), so that the PDFs it links to are
    # checked too: a 304 would hide them, also those of a landing page an older crawl stored.
    reread = attached is not None and known is not None and not known[0].endswith(FILE_SUFFIXES)
    asked = {} if reread else record
    fetched = fetcher.get(
        link.url, etag=asked.get("etag"), last_modified=asked.get("last_modified")
    )
    now = datetime.now(UTC).isoformat(timespec="seconds")
    if fetched.stopped:
        return  # the source's deadline: said once, by the check before the next link
    if fetched.blocked:
        summary.skipped += 1
        summary.notes.append((link.url, fetched.reason or ""))
        return
    if not fetched.ok:
        summary.failed.append((link.url, fetched.reason or ""))
        return
    if fetched.not_modified and known:
        summary.unchanged += 1
        if record.get("url") == link.url:
            archive.update(known[0], {**record, "checked_at": now})
        return
    try:
        suffix = _suffix_for(link.url, fetched)
    except _Rejected as exc:
        summary.failed.append((link.url, exc.reason))
        return
    if attached is not None and suffix not in FILE_SUFFIXES:
        page = read_protocol_page(fetched.body, fetched.final_url or link.url, fetched.charset)
        attached.extend(page.documents)
        if _is_landing_page(page):
            summary.landing += 1  # found, and accounted for: its PDF is queued
            if known is not None:
                _forget_landing_page(link.url, known, archive, summary)
            return
    sha = hashlib.sha256(fetched.body).hexdigest()
    fresh = _record(link, fetched, sha, now)
    if known and record.get("url") != link.url and record.get("sha256") != sha:
        archive.drop_alias(link.url)  # the alias now serves other bytes: a file of its own
        known, record = None, {}
    same = archive.same_content(sha, suffix)
    if same is not None:
        _keep_same(same, link, fresh, archive, summary)
        return
    name = archive.name_for(link.url, suffix, _hint(fetched.filename, suffix))
    archive.save(name, fetched.body, fresh)
    summary.downloaded += 1


# Own text (menus, header and footer left out) below which a protocol page that links to a
# PDF is only the way to that PDF: a real protocol in HTML runs to thousands of characters.
LANDING_CHARS = 1500


def _is_landing_page(page: ProtocolPage) -> bool:
    """A page that only leads to its protocol's PDF ("Styrelsemöte 12 mars — Ladda ner"):
    indexed, it would be a second, empty hit for the same meeting."""
    return bool(page.documents) and page.text_chars < LANDING_CHARS


def _forget_landing_page(
    url: str, known: tuple[str, dict], archive: Archive, summary: CrawlSummary
) -> None:
    """A landing page that a crawl from before the landing rule stored (or one whose text
    has since shrunk to a link) leaves the archive, and so the index: kept, it is an empty
    second hit for the meeting. A URL that is only an alias of another page's file loses the
    alias; that page is judged when its own URL is read."""
    name, record = known
    if record.get("url") != url:
        archive.drop_alias(url)
        return
    archive.remove(name)
    summary.notes.append((url, f"länksida som bara ledde till en PDF: {name} togs bort ur arkivet"))
    summary.removed.append(archive.folder / name)


def _keep_same(name: str, link: Link, fresh: dict, archive: Archive, summary: CrawlSummary) -> None:
    """`link` served exactly the bytes of the file `name`: refresh, restore or alias its record."""
    record = archive.records.get(name)
    if record is None:  # the file lost its record: restore it
        archive.update(name, fresh)
        summary.unchanged += 1
    elif record.get("url") == link.url:  # a server that ignores conditional requests
        archive.update(
            name,
            {
                **fresh,
                "fetched_at": record.get("fetched_at", fresh["fetched_at"]),
                **({"aliases": record["aliases"]} if record.get("aliases") else {}),
            },
        )
        summary.unchanged += 1
    elif link.url in (record.get("aliases") or ()):
        summary.unchanged += 1  # a known alias, still the same bytes
    else:
        archive.add_alias(name, link.url)
        summary.duplicates += 1


def _hint(filename: str | None, suffix: str) -> str | None:
    """The server's Content-Disposition name, when it fits the content (a PDF named .pdf)."""
    if not filename:
        return None
    return filename if filename.lower().endswith(suffix) else None


def _record(link: Link, fetched: Fetched, sha: str, now: str) -> dict:
    record = {
        "url": link.url,
        "fetched_at": now,
        "checked_at": now,
        "etag": fetched.etag,
        "last_modified": fetched.last_modified,
        "content_type": fetched.content_type or None,
        "sha256": sha,
        "link_text": link.text or None,
    }
    if fetched.final_url and fetched.final_url != link.url:
        record["final_url"] = fetched.final_url
    return record


class _Rejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _kind(fetched: Fetched) -> str | None:
    """What the bytes are — 'pdf', 'html' or 'txt' — trusting content over headers."""
    head = fetched.body[:1024]
    if b"%PDF-" in head:
        return "pdf"
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered:
        return "html"
    if fetched.content_type in ("text/html", "application/xhtml+xml"):
        return "html"
    if fetched.content_type == "application/pdf":
        return "pdf"  # declared PDF without a header: the parser will say what is wrong
    if fetched.content_type == "text/plain":
        return "txt"
    return None


def _suffix_for(url: str, fetched: Fetched) -> str:
    """The file suffix for a download; a link that promises a PDF must deliver one."""
    if not fetched.body:
        raise _Rejected("servern skickade ett tomt svar")
    kind, suffix = _kind(fetched), suffix_of(url)
    shown = fetched.content_type or "okänd typ"
    if suffix in FILE_SUFFIXES and kind == "html":
        raise _Rejected(f"länken säger {suffix} men servern svarade med en HTML-sida ({shown})")
    if suffix == ".pdf" and kind != "pdf":
        raise _Rejected(f"länken säger .pdf men svaret är ingen PDF ({shown})")
    if kind == "pdf":
        return ".pdf"
    if kind == "html":
        return suffix if suffix in (".html", ".htm") else ".html"
    if kind == "txt" or suffix == ".txt":
        return ".txt"
    raise _Rejected(f"filtypen stöds inte ({shown})")


def archive_folders(sources: Iterable[Source], root: Path) -> list[Path]:
    """The sources' archive folders that exist (what `ingest` should read)."""
    folders = (root / source.slug for source in sources)
    return [folder for folder in dict.fromkeys(folders) if folder.is_dir()]
