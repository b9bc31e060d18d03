"""Links to the site's pages as Finsök hands them out, in one place for the web side and the
command line alike (no Flask here: `finsok search` imports it without the web app).

- `marked_url`: a document link that carries the query and the search's filters, so the
  document marks the query where the search finds it. Every link a reader follows from a
  search does: the search page's hits (their filters in `back`), the feed's entries, the CSVs'
  links and the API's `marked_url`. The API's `url` stays the section's bare address
  ("/doc/…#p47"), the shape the contract fixes.
- `base_url` and `site_link`: the site's public address (FINSOK_BASE_URL) and a site path made
  absolute on it, keeping any path the address has ("https://x.se/finsok/"); the feed and the
  CSVs use them, and `finsok search --json` too (`absolute_links`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from urllib.parse import quote, urlencode, urljoin, urlsplit

from index.errors import FinsokError
from index.privacy import mask_typed
from search.params import SearchParams

BASE_URL_ENV = "FINSOK_BASE_URL"


def query_arg(q: str, params: SearchParams | None = None) -> str:
    """`q=…` of a `marked_url` (masked, a space as %20 as the pages write it), or "" for a blank
    query. Made once for a list of links (`with_query_arg`). With the search's `params`, their
    filters follow the query (`forbund`, `from`, `to`, `kind`, `decisions`, `undated`): the
    document's page marks the words only where that search could find them (decisions only
    in decisions, nothing in a section of another meeting's date), as it does when opened
    from a hit on the search page."""
    if not q.strip():
        return ""
    pairs = [("q", mask_typed(q)), *(filter_pairs(params) if params else ())]
    return urlencode(pairs, quote_via=quote)


def filter_pairs(
    params: SearchParams, forbund: Iterable[str] | None = None
) -> list[tuple[str, str]]:
    """The search's filters as the pages' parameters write them, in a fixed order; `forbund`,
    when given, stands for the search's förbund (the feed writes them sorted, as slugs)."""
    pairs = [("forbund", slug) for slug in (params.forbund if forbund is None else forbund)]
    if params.date_from:
        pairs.append(("from", params.date_from.isoformat()))
    if params.date_to:
        pairs.append(("to", params.date_to.isoformat()))
    if params.kind:
        pairs.append(("kind", params.kind))
    pairs += [(name, "1") for name in ("decisions", "undated") if getattr(params, name)]
    return pairs


def with_query_arg(url: str, arg: str) -> str:
    """`url` with `arg` (from `query_arg`) first in its query string, before the anchor."""
    if not arg:
        return url
    rest, hash_mark, anchor = url.partition("#")
    path, _, query = rest.partition("?")
    return f"{path}?{arg}" + (f"&{query}" if query else "") + hash_mark + anchor


def base_url(value: object) -> str | None:
    """FINSOK_BASE_URL as an absolute http(s) address ending in "/", or None when unset or
    blank; any other value is a FinsokError naming the variable and the form it takes."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise FinsokError(
            f"{BASE_URL_ENV}={text[:80]} går inte att använda: ange webbplatsens adress med "
            "http:// eller https://, t.ex. https://finsok.example.se/",
            status=500,
            code="bad_config",
        )
    return text if text.endswith("/") else text + "/"


def site_link(base: str, path: str) -> str:
    """A site path ("/doc/…#p4") as an absolute link on `base`, the site's address, with
    any path it has kept: "https://example.se/finsok/" leads to "…/finsok/doc/…" (joined as
    it stands, "/doc/…" would lose "finsok/")."""
    base = base if base.endswith("/") else base + "/"
    return urljoin(base, path.lstrip("/"))


def absolute_links(result: dict, base: str | None) -> dict:
    """`result` (a search answer, `search.answer`) with every hit's and head match's `url` and
    `marked_url` made absolute on `base` (`site_link`), for `finsok search --json` when
    FINSOK_BASE_URL says where the site is: a link printed in a terminal or piped to a script
    then leads to the page. With no `base` the links stay site paths ("/doc/…#p47")."""
    if base:
        for item in (*result.get("hits", ()), *result.get("documents", ())):
            for key in ("url", "marked_url"):
                if key in item:
                    item[key] = site_link(base, item[key])
    return result


def base_url_from_env() -> str | None:
    """FINSOK_BASE_URL as `base_url` reads it, from the environment."""
    return base_url(os.environ.get(BASE_URL_ENV))
