"""Reading an archive page: which links are protocols and reports, which lead to more pages.

Archive pages differ from förbund to förbund, so the rules are plain: PDFs and text files
anywhere (sites put them on CDNs), HTML pages only on the same site and only when their address
or link text looks like a protocol, and pagination by rel=next, "Nästa"/"Äldre"/"Fler" links,
arrows, `?page=N` or `/page/N/` on the same site only.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import warnings
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import SplitResult, quote, unquote, urljoin, urlsplit, urlunsplit

from index.archive import FILE_SUFFIXES, PAGE_SUFFIXES
from index.crawler.fetch import SCHEMES
from index.webpage import html_record_text


@dataclass(frozen=True)
class Link:
    url: str
    text: str


@dataclass
class ArchivePage:
    """What an archive page offers: documents, next pages on the site, off-site 'next's, and
    links to documents in formats Finsök cannot read (Word), so the crawl can say so once.
    `cut` is True when the page had more links than were read."""

    documents: list[Link]
    next_pages: list[str]
    offsite: list[str]
    unsupported: list[str] = field(default_factory=list)
    cut: bool = False
    url: str = ""  # where the page was read from, after redirects


WORD_SUFFIXES = (".doc", ".docx")  # protocols some sites publish, but not readable by Finsök
# Characters a browser leaves alone in a path and a query; everything else (å, spaces, quotes)
# is percent-encoded as UTF-8, and existing %XX escapes are kept as they are.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"
_PROTOCOL_WORDS = re.compile(
    r"protokoll|sammantr[äa]de|styrelsem[öo]te|beslut|rapport|verksamhetsber[äa]ttelse"
    r"|[åa]rsredovisning|utv[äa]rdering|minutes",
    re.IGNORECASE,
)
PROTOCOL_WORDS = _PROTOCOL_WORDS  # what names a protocol or report, for the sitemaps too
_NEXT_WORDS = re.compile(r"\b(nästa|äldre|fler|next|older)\b", re.IGNORECASE)
_ARROWS = re.compile(r"^[»›>→]+$")
# A page counter's parameter names; a bare `p=` is one too, but only taken out of a URL's
# dates (`url_months`), not followed as a next page on its own.
_COUNTER_NAMES = "page|paged|sida|pg|start|offset"
_PAGE_QUERY = re.compile(rf"(?:^|&)(?:{_COUNTER_NAMES})=\d+", re.IGNORECASE)
_PAGE_PATH = re.compile(r"/(?:page|sida)/\d+/?$", re.IGNORECASE)
_NAV_PARENTS = ("nav", "header", "footer")
# An archive split by year: tabs or sub-pages "2024", "2023", "Protokoll 2022", or a path that
# ends in the year (`/protokoll/2023/`, SiteVision's `/protokoll/2023.html`).
_YEAR_TEXT = re.compile(r"(?:(?:år|arkiv|protokoll|visa)\s+)?(?:19|20)\d\d", re.IGNORECASE)
_YEAR_PATH = re.compile(r"/(?:19|20)\d\d(?:/|\.html?|\.aspx?|\.php)?$", re.IGNORECASE)


def read_archive_page(
    body: bytes,
    page_url: str,
    site: Collection[str],
    charset: str | None = None,
    max_links: int | None = None,
    archive: str | None = None,
) -> ArchivePage:
    """Find document links and pagination links on one archive page: its first `max_links`
    links (every link when None), in page order. `archive` is the source's archive URL
    (`page_url` when None): year pages in its folder are followed from a menu too."""
    soup = _soup(body, charset)
    base = _base_url(soup, page_url)
    encoding = query_encoding(soup.original_encoding)
    documents: dict[str, Link] = {}
    nexts: dict[str, None] = {}
    offsite: dict[str, None] = {}
    word: dict[str, None] = {}
    here = first_page(page_url)
    folder = unquote(urlsplit(archive or page_url).path)
    limit = None if max_links is None else max_links + 1  # one more: were there more?
    tags = soup.find_all(["a", "link"], href=True, limit=limit)
    cut = max_links is not None and len(tags) > max_links
    for tag in tags[:max_links]:
        url = _absolute(base, str(tag["href"]), encoding)
        if url is None or url == page_url or first_page(url) == here:
            continue
        text = " ".join(tag.get_text(" ").split()) if tag.name == "a" else ""
        if _is_pagination(tag, text, url, page_url, folder):
            (nexts if netloc(url) in site else offsite)[first_page(url)] = None
        elif tag.name == "a" and _is_document(tag, text, url, page_url, site):
            documents.setdefault(url, Link(url, text))
        elif tag.name == "a" and suffix_of(url) in WORD_SUFFIXES:
            word[url] = None
    return ArchivePage(list(documents.values()), list(nexts), list(offsite), list(word), cut)


@dataclass
class ProtocolPage:
    """What an HTML protocol page offers: the PDFs and text files it links to outside menus,
    header and footer, and how much text of its own it has: its record text, as the reader
    indexes it (`html_record_text`), whitespace runs counted as one space."""

    documents: list[Link]
    text_chars: int


_NOT_OWN_TEXT = ("script", "style", "noscript", "template", *_NAV_PARENTS, "aside")


def read_protocol_page(body: bytes, page_url: str, charset: str | None = None) -> ProtocolPage:
    """The document links and own text of one protocol page (not an archive page: its other
    pages and links are not followed)."""
    soup = _soup(body, charset)
    for tag in soup.find_all(_NOT_OWN_TEXT):
        tag.decompose()
    base = _base_url(soup, page_url)
    encoding = query_encoding(soup.original_encoding)
    documents: dict[str, Link] = {}
    for tag in soup.find_all("a", href=True):
        url = _absolute(base, str(tag["href"]), encoding)
        if url is not None and suffix_of(url) in FILE_SUFFIXES:
            documents.setdefault(url, Link(url, " ".join(tag.get_text(" ").split())))
    # Measured as the reader reads it: the page's own rule counted cookie banners, crumbs and
    # sub-menus in <div>s (a SiteVision page 732 characters against its record's 411), so a
    # page that only led to its PDF could be stored and indexed as an empty protocol.
    text = html_record_text(body)
    return ProtocolPage(list(documents.values()), len(" ".join(text.split())))


def _soup(body: bytes, charset: str | None):
    from bs4 import BeautifulSoup

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4 warns about odd markup; the links are what count
        return BeautifulSoup(body, "html.parser", from_encoding=charset)


def _base_url(soup, page_url: str) -> str:
    base = soup.find("base", href=True)
    return urljoin(page_url, str(base["href"])) if base else page_url


def _absolute(base: str, href: str, encoding: str | None = None) -> str | None:
    """An absolute http(s) URL without fragment, as a browser would request it from a page
    in `encoding` (see `browser_url`), or None (mailto:, javascript:, junk)."""
    try:
        url = browser_url(urljoin(base, href.strip()), encoding)
    except ValueError:
        return None
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        return None
    return _without_session(url, parts)


# A session id a Java server adds to every path without cookies (`p.pdf;jsessionid=A1`), new on
# each page; and query parameters that only track or keep a session, never choose content.
_PATH_SESSION = re.compile(r";jsessionid=[^/?]*", re.IGNORECASE)
_NOISE_PARAMS = re.compile(
    r"^(?:utm_[a-z]+|fbclid|gclid|msclkid|jsessionid|phpsessid|aspsessionid\w*)(?:=|$)",
    re.IGNORECASE,
)


def _without_session(url: str, parts: SplitResult) -> str:
    """`url` without session ids and tracking parameters: each page of such a site hands out
    new ones, so every visit would otherwise find "new" pages and "new" files without end
    (and `p.pdf;jsessionid=A1` would not even end in .pdf). The server ignores them."""
    if ";" not in parts.path and "=" not in parts.query:
        return url
    path = _PATH_SESSION.sub("", parts.path)
    pieces = parts.query.split("&")
    kept = [p for p in pieces if not _NOISE_PARAMS.match(p)]
    if path == parts.path and len(kept) == len(pieces):
        return url
    return urlunsplit(parts._replace(path=path, query="&".join(kept)))


def browser_url(url: str, encoding: str | None = None) -> str:
    """`url` as a browser puts it on the wire: IDNA host, UTF-8 percent-encoded path, the
    query percent-encoded in `encoding` (the encoding of the page the link is on; UTF-8 when
    None), raw å/ä/ö and spaces included, existing escapes kept, no fragment.

    Sites link to `Protokoll årsmöte.pdf` as typed; urllib sends only ASCII and refuses spaces,
    and the same document must compare equal however its link was written. A browser encodes
    a link's query (and a form's) in its page's encoding (the URL Standard), so `?q=möte` on a
    windows-1252 page asks for `?q=m%F6te`: an old search script there reads its parameters
    as windows-1252, and `m%C3%B6te` would find nothing. Raises ValueError for what no browser
    could request either (a bad port, an impossible host name).
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if host and not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise ValueError(f"ogiltigt värdnamn: {parts.hostname}") from exc
    if ":" in host:
        host = f"[{host}]"  # IPv6 literal
    port = parts.port  # ValueError for a port that is not a number in range
    userinfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""
    netloc_ = (f"{quote(userinfo, safe=':%')}@" if userinfo else "") + host
    if port is not None:
        netloc_ += f":{port}"
    path = quote(parts.path, safe=_PATH_SAFE)
    query = parts.query
    if encoding is not None and not query.isascii():
        query = _NON_ASCII.sub(lambda run: _encoded(run.group(), encoding), query)
    query = quote(query, safe=_QUERY_SAFE)
    return urlunsplit((scheme, netloc_, path, query, ""))


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _encoded(text: str, encoding: str) -> str:
    """Non-ASCII `text` percent-encoded in a page's single-byte `encoding`, as the URL
    Standard does: a character the encoding lacks becomes `%26%23<code>%3B` ("&#<code>;"),
    and one that came from a byte the encoding leaves undefined (read as Latin-1) is that
    byte again, so the server gets the bytes it wrote."""
    out = []
    for char in text:
        try:
            data = char.encode(encoding)
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                out.append(f"%26%23{ord(char)}%3B")
                continue
            data = bytes([ord(char)])
        out.append("".join(f"%{byte:02X}" for byte in data))
    return "".join(out)


def query_encoding(label: str | None) -> str | None:
    """The encoding a browser encodes a page's link queries in, for the charset the page was
    read in (bs4's `original_encoding`): None (UTF-8) for UTF-8 and UTF-16 pages and when
    unknown; the Latin-1 and ASCII labels mean windows-1252, as they do on the web."""
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name.startswith(("utf-8", "utf-16", "utf-32")):
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


# Runs of escapes of non-ASCII bytes ("%C3%B6"), which spell letters such as å, ä and ö.
_HIGH_ESCAPES = re.compile(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")


def readable_url(url: str) -> str:
    """`url` as a browser's address bar shows it, for messages: escaped letters decoded
    (".../möte%202024.pdf", not ".../m%C3%B6te%202024.pdf") and an IDNA host in its own
    letters. ASCII escapes (%20, %2F) stay, so the URL still reads as one piece and pasting
    it requests the same file; escapes that are not UTF-8, or decode to something that is not
    a printable letter, stay as they are."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc_ = parts.netloc
    if "xn--" in host:
        with contextlib.suppress(UnicodeError):
            netloc_ = netloc_.replace(host, host.encode("ascii").decode("idna"))
    return urlunsplit(
        parts._replace(netloc=netloc_, path=_unescaped(parts.path), query=_unescaped(parts.query))
    )


def _unescaped(text: str) -> str:
    def letters(m: re.Match[str]) -> str:
        try:
            decoded = bytes.fromhex(m.group().replace("%", "")).decode("utf-8")
        except UnicodeDecodeError:
            return m.group()
        readable = decoded.isprintable() and not any(c.isspace() for c in decoded)
        return decoded if readable else m.group()

    return _HIGH_ESCAPES.sub(letters, text)


_FIRST_PAGE = re.compile(r"^(?:(?:page|paged|sida|pg)=(?:1|0)|(?:start|offset)=0)$", re.IGNORECASE)


def first_page(url: str) -> str:
    """`url` without a `page=1` (or `start=0`) parameter: a "Föregående" link back to the
    first page names the page the crawl began on, and must not be fetched again."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    kept = [p for p in parts.query.split("&") if p and not _FIRST_PAGE.match(p)]
    return urlunsplit(parts._replace(query="&".join(kept)))


# A date in an address: a month (`/kalender/2031/07`, `?month=2031-07`, `?datum=2031-07-01`) or
# a year standing alone as a path segment or a parameter's value (`/protokoll/2023/`,
# `?year=2023`). Page counters (`?start=2040`) are taken out first: they are no years.
_URL_DATE = re.compile(
    r"(?<=[/=])((?:19|20)\d\d)(?:[-/](1[0-2]|0?[1-9])(?:[-/](3[01]|[12]\d|0?[1-9]))?)?"
    r"(?=[/&.?]|$)"
)
_COUNTERS = re.compile(rf"(?:^|&)(?:{_COUNTER_NAMES}|p)=\d+", re.IGNORECASE)


def url_months(url: str) -> tuple[str, list[int]]:
    """`url` with its dates blanked out, and those dates as month numbers (year × 12 +
    month − 1; a year alone counts as its January): two calendar pages differ only in them.
    Cheap: a URL without a "19"/"20" run of digits is not searched."""
    parts = urlsplit(url)
    query = _COUNTERS.sub("", parts.query)
    where = f"{unquote(parts.path)}?{query}"
    if "19" not in where and "20" not in where:
        return where, []
    months = [int(m.group(1)) * 12 + int(m.group(2) or 1) - 1 for m in _URL_DATE.finditer(where)]
    return (_URL_DATE.sub("#", where) if months else where), months


# SiteVision's page id in an address (`/styrelsen/protokoll.4.5e1b2c.html`): the page's
# children live in `/styrelsen/protokoll/`, without it.
_SITEVISION_ID = re.compile(r"\.\d+\.[0-9a-f]+$", re.IGNORECASE)


def in_folder(path: str, archive_path: str) -> bool:
    """Whether `path` lies in the archive's folder: below `/arkiv/` for `/arkiv/`, below
    `/styrelsen/protokoll` for SiteVision's `/styrelsen/protokoll.html` and
    `/styrelsen/protokoll.4.5e1b2c.html`. An archive on the site's front page (`/`) has no
    folder of its own: below it is the whole site, brochures and all."""
    suffix = suffix_of("http://x" + archive_path)
    stem = archive_path[: -len(suffix)] if suffix else archive_path
    if "." in stem:
        stem = _SITEVISION_ID.sub("", stem)
    stem = stem.rstrip("/")
    if not stem:
        return False
    return path.startswith(stem + "/") or path.startswith(stem + ".")


def netloc(url: str) -> str:
    return urlsplit(url).netloc.lower()


def suffix_of(url: str) -> str:
    return PurePosixPath(unquote(urlsplit(url).path)).suffix.lower()


def _is_pagination(tag, text: str, url: str, page_url: str, folder: str) -> bool:
    """rel=next, a 'Nästa/Äldre/Fler' link, an arrow, or ?page=N / /page/N on the same path."""
    if suffix_of(url) in FILE_SUFFIXES:
        return False
    rel = [r.lower() for r in tag.get("rel") or []]
    if "next" in rel:
        return True
    if tag.name != "a":
        return False
    classes = " ".join(tag.get("class") or []).lower()
    # An icon-only link (an <svg>, an icon font) says what it is in its aria-label or title.
    label = text or " ".join(str(tag.get("aria-label") or tag.get("title") or "").split())
    if (label and len(label) <= 40 and _NEXT_WORDS.search(label)) or _ARROWS.match(text):
        return True
    if "next" in classes.split() or "pagination-next" in classes:
        return True
    if _is_year_page(tag, text, url, folder):
        return True
    here, there = urlsplit(page_url), urlsplit(url)
    if there.path == here.path and _PAGE_QUERY.search(there.query):
        return True
    stem = _PAGE_PATH.sub("", there.path)
    return bool(_PAGE_PATH.search(there.path)) and here.path.startswith(stem.rstrip("/"))


def _is_year_page(tag, text: str, url: str, folder: str) -> bool:
    """A link to one year of the archive ("2023", `/protokoll/2023/`): a page of it to read,
    not a protocol, even when its address says "protokoll". A link whose text names a
    document ("Verksamhetsberättelse 2023") stays a document. Menus are the site's, not the
    archive's (`/nyheter/2023/`), except for the year pages in the archive's own folder
    (`folder`, the archive page's path): SiteVision lists those only in its sub-menu
    (`<nav>`), beside a page that says "Välj år i menyn"."""
    path = urlsplit(url).path
    if _YEAR_TEXT.fullmatch(text):
        by_year = True
    else:
        by_year = bool(_YEAR_PATH.search(path)) and not _PROTOCOL_WORDS.search(text)
    if not by_year or tag.find_parent(_NAV_PARENTS) is None:
        return by_year
    return in_folder(unquote(path), folder)


def _is_document(tag, text: str, url: str, page_url: str, site: Collection[str]) -> bool:
    """A PDF or text file anywhere, or a protocol-looking HTML page on the site."""
    suffix = suffix_of(url)
    if suffix in FILE_SUFFIXES:
        return True
    if suffix not in PAGE_SUFFIXES or netloc(url) not in site:
        return False
    if tag.find_parent(_NAV_PARENTS) is not None:
        return False  # site menus and footers link to sections, not to protocols
    parts, here = urlsplit(url), urlsplit(page_url)
    if here.path.startswith(parts.path) and _parent_or_self(parts, here):
        return False  # the archive itself or one of its parents (breadcrumbs)
    return bool(_PROTOCOL_WORDS.search(unquote(parts.path)) or _PROTOCOL_WORDS.search(text))


def _parent_or_self(link: SplitResult, page: SplitResult) -> bool:
    """Whether `link`, whose path is the page's or a parent's, is that page or parent rather
    than another page chosen by its query: WordPress without pretty addresses names its
    attachment pages and downloads on the front page (`/?attachment_id=88`,
    `/?download=123`), which were taken for the breadcrumb to `/`. A query on the page's own
    path (`?orderby=date`) only orders or filters the archive."""
    return not link.query or link.path == page.path or link.query == page.query
