"""Reading a site's sitemaps (sitemaps.org): more ways to the protocols than the archive pages.

An archive page may list only its latest protocols, hide older ones behind JavaScript, or
have lost a link; the site's sitemap often still names them. The crawl reads the sitemaps
robots.txt declares (`Sitemap:` lines) and `/sitemap.xml`, a sitemap index's children too,
packed (`.xml.gz`) or not, and takes from them only what lies within the source's scope
(`in_scope`): a sitemap names every page of the site, news and contact pages included.

The XML is not parsed as XML: `<loc>` elements are found by a pattern, so no entity or
nesting in a hostile file can cost more than one pass over its bytes, which are capped
like an archive page's.
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Collection
from urllib.parse import unquote, urlsplit

from index.archive import FILE_SUFFIXES, PAGE_SUFFIXES
from index.crawler.links import PROTOCOL_WORDS, in_folder, netloc, suffix_of

MAX_SITEMAPS = 10  # sitemap files read per archive URL and run, an index's children included
# A `<loc>`'s URL, plain or in CDATA: as sitemaps.org allows it (under 2,048 characters, no
# raw "<"), with room for whitespace. Each try stops at the next "<" or after _MAX_LOC bytes,
# so the search is linear: an unbounded `.*?` read from every `<loc>` of a hostile file
# without `</loc>` to its end (12 KB of `<loc>x` took 9 seconds, 5 MB would never end).
_MAX_LOC = 4096
_LOC = re.compile(
    rb"<loc>(?:([^<]{0,%d})|\s*<!\[CDATA\[([^<]{0,%d}?)\]\]>\s*)</loc>" % (_MAX_LOC, _MAX_LOC)
)


def unpacked(body: bytes, limit: int) -> bytes | None:
    """A sitemap's bytes, ungzipped when they are a `.xml.gz` file (within `limit` bytes
    unpacked, so a small bomb stops there); None when they cannot be unpacked or are too
    large unpacked."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    unpacker = zlib.decompressobj(47)
    try:
        plain = unpacker.decompress(body, limit + 1)
    except zlib.error:
        return None
    return plain if len(plain) <= limit and unpacker.eof else None


def read_sitemap(body: bytes, max_links: int) -> tuple[str | None, list[str]]:
    """('index' or 'urlset', its first `max_links` `<loc>` URLs), or (None, []) for bytes
    that are no sitemap (a soft 404 page, a robots.txt pointing at HTML)."""
    head = body[:4096]
    if b"<sitemapindex" in head:
        kind = "index"
    elif b"<urlset" in head:
        kind = "urlset"
    else:
        return None, []
    urls = []
    for match in _LOC.finditer(body):
        if len(urls) >= max_links:
            break
        raw = match.group(1) if match.group(1) is not None else match.group(2)
        text = html.unescape(raw.decode("utf-8", errors="replace")).strip()
        if text:
            urls.append(text)
    return kind, urls


def in_scope(url: str, archive_url: str, site: Collection[str]) -> bool:
    """Whether a sitemap's URL is for the source's crawl: on the site, and a PDF or text
    file under the archive's folder or named as a protocol or report (SiteVision keeps its
    files in `/download/18.…/Protokoll 2024.pdf`), or an HTML page under the archive's
    folder named so (`/protokoll/styrelsemote-2024-03-12/`), other than the archive page
    and its parents. A brochure, the news and the contact page stay out."""
    if netloc(url) not in site:
        return False
    path = unquote(urlsplit(url).path)
    suffix = suffix_of(url)
    under = in_folder(path, unquote(urlsplit(archive_url).path))
    if suffix in FILE_SUFFIXES:
        return under or bool(PROTOCOL_WORDS.search(path))
    if suffix not in PAGE_SUFFIXES or not under:
        return False
    here = unquote(urlsplit(archive_url).path)
    if here.startswith(path) or path.rstrip("/") == here.rstrip("/"):
        return False  # the archive page itself, or a parent of it
    return bool(PROTOCOL_WORDS.search(path))
