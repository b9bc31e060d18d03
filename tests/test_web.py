"""The Flask app through its test client: every route, every error branch, and security."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from index.errors import FinsokError
from index.store import META_FILE
from search.query import parse
from web import create_app
from web.facets import _sets, date_limit, notice_parts, query_without, selected_year

ROOT = Path(__file__).resolve().parent.parent

ERROR_KEYS = {"status", "code", "message"}
# What a facet's count says to a screen reader only, after the number ("5 träffar").
COUNTED = r'(?:<span class="visually-hidden">[^<]*</span>)?'


def first_hit(client, q: str) -> dict:
    return client.get("/api/search", query_string={"q": q}).get_json()["hits"][0]


# --- search page and API --------------------------------------------------------------


def test_start_page_explains_the_query_language(client) -> None:
    page = client.get("/").get_data(as_text=True)
    assert '<label for="q">Sök i protokoll och rapporter</label>' in page
    assert "förbund:blekinge" in page and '<html lang="sv">' in page


@pytest.mark.parametrize(
    "url",
    [
        "/",  # the empty start page too: focus there skipped the skip link and the heading
        "/?sort=date",
        "/documents",
        "/?q=genomlysning",  # a result page: focus there also scrolled away from the hit read
        "/?forbund=blekinge",
        "/?q=genomlysning&page=2",
        "/documents?q=Skolgatan",
        "/compare",
    ],
)
def test_no_page_moves_focus_on_load(client, url: str) -> None:
    """WCAG 2.4.3: a page starts where it starts, so a screen reader reads it from the top and
    Tab reaches the skip link first (the search box is the skip link's next stop)."""
    html = client.get(url).get_data(as_text=True)
    assert "autofocus" not in html


@pytest.mark.parametrize("path", ["/", "/compare"])
def test_search_and_compare_forms_keep_the_chosen_date_range(client, path: str) -> None:
    page = client.get(path, query_string={"q": "ESF", "from": "2023-01-01", "to": "2024-06-30"})
    html = page.get_data(as_text=True)
    assert re.search(r'<input [^>]*id="from" name="from" [^>]*value="2023-01-01"', html)
    assert re.search(r'<input [^>]*id="to" name="to" [^>]*value="2024-06-30"', html)


@pytest.mark.parametrize(
    ("args", "kind", "title", "cited"),
    [
        (("Samordningsförbundet Söderåsen", "2025-06-11", "§ 47"), "protokoll", "Protokoll nr 4",
         "Samordningsförbundet Söderåsen, styrelsen 2025-06-11, § 47"),
        # a report's date ends its period: no board meeting is invented
        (("Samordningsförbundet Skåne Nordost", "2024-04-30", "Mål 8"), "rapport",
         "Tertial rapport Samordningsförbundet Skåne Nordost",
         "Tertial rapport Samordningsförbundet Skåne Nordost, period till 2024-04-30, Mål 8"),
        (("Samordningsförbundet Väst", None, ""), "annat", "Verksamhetsplan",
         "Samordningsförbundet Väst, Verksamhetsplan, odaterat"),
        ((None, None, "§ 3"), "protokoll", "", "Okänt förbund, odaterat, § 3"),
    ],
)  # fmt: skip
def test_citation(args: tuple, kind: str, title: str, cited: str) -> None:
    from search.answer import citation

    assert citation(*args, kind=kind, title=title) == cited


def test_a_report_is_cited_by_its_title_not_a_meeting(client) -> None:
    hit = client.get("/api/search?q=Mål 10").get_json()["hits"][0]
    assert hit["citation"].endswith("period till 2024-04-30, Mål 10")
    assert (
        "styrelsen"
        not in client.get(hit["url"].split("#")[0]).get_data(as_text=True).split("Citera:")[1]
    )


def test_search_page_shows_ranked_hits_with_citation_and_badge(client) -> None:
    page = client.get("/?q=genomlysning").get_data(as_text=True)
    assert "4 träffar för ”genomlysning”" in page
    first = page.index('<li class="hit')
    assert "§ 11 Lärande <mark>genomlysning</mark>" in page[first : first + 600]
    assert '<span class="badge">Beslut</span>' in page
    assert "Samordningsförbundet i Blekinge, styrelsen 2025-09-29, § 11" in page
    assert "<mark>genomlysning</mark>" in page
    assert "Så tolkades frågan:" in page


def test_search_page_lists_documents_whose_head_matches(client) -> None:
    page = client.get("/?q=Skolgatan").get_data(as_text=True)
    assert "0 träffar för ”Skolgatan”" in page
    box = page[page.index('class="docmatches"') :]
    assert "Dokument vars huvud matchar: 1" in box
    link = re.search(
        r'<a href="(/doc/[0-9a-f]{16}\?q=Skolgatan&amp;huvud=1#huvud)">Sammanträdesprotokoll nr 4',
        box,
    )
    assert link, box[:800]
    assert "<mark>Skolgatan</mark>" in box
    assert 'class="docmatches"' not in client.get("/?q=genomlysning").get_data(as_text=True)


def test_a_head_matchs_api_url_opens_the_head_without_javascript(client) -> None:
    """A head match's `url` ended in a bare "#huvud": the server never sees an anchor, so
    without JavaScript the document opened with its head folded. It asks for `huvud=1`, as
    the pages' own links do; a section's url stays as it was (must not change)."""
    for route in ("/api/search", "/api/documents"):
        head = client.get(route, query_string={"q": "Skolgatan"}).get_json()["documents"][0]
        assert head["url"] == f"/doc/{head['doc_id']}?huvud=1#huvud"
        page = client.get(head["url"]).get_data(as_text=True)
        assert '<details class="docheader" id="huvud" open>' in page
    hit = first_hit(client, "genomlysning")
    assert re.fullmatch(r"/doc/[0-9a-f]{16}#p\d+", hit["url"])
    page = client.get(hit["url"]).get_data(as_text=True)
    assert '<details class="docheader" id="huvud">' in page  # folded: not asked for


# (FINSOK_BASE_URL, where the request comes: the app's own path or the WSGI SCRIPT_NAME as
# test client's base URL, the path asked for, the root links must start with)
SITE_PATHS = [
    (None, "http://localhost/", "/api/search", ""),  # must not change
    ("https://x.se/", "http://localhost/", "/api/search", ""),  # must not change
    (None, "http://localhost/app/", "/api/search", "/app"),  # SCRIPT_NAME, as url_for has it
    ("https://x.se/finsok/", "http://localhost/", "/api/search", "/finsok"),  # proxy stripped it
    ("https://x.se/finsok/", "http://localhost/", "/finsok/api/search", "/finsok"),  # kept it
    # FINSOK_BASE_URL is the public address, whatever path the server is mounted at inside.
    ("https://x.se/finsok/", "http://localhost/app/", "/api/search", "/finsok"),
    ("https://x.se/", "http://localhost/app/", "/api/search", ""),
]


@pytest.mark.parametrize(("base", "served_at", "path", "root"), SITE_PATHS)
def test_api_links_carry_the_sites_path(web_index, base, served_at, path, root) -> None:
    """Behind a proxy under a path, the API's links were "/doc/…" without it, while the CSV and
    the feed linked under FINSOK_BASE_URL: every link now starts with the site's path (the
    path of FINSOK_BASE_URL when it is set, else the WSGI SCRIPT_NAME) and stays
    root-relative, as the pages' links and the CSV's do."""
    config = {"FINSOK_INDEX": str(web_index), "TESTING": True, "FINSOK_BASE_URL": base}
    client = create_app(config).test_client()

    def get(url: str, **args):
        return client.get(url, base_url=served_at, **args)

    hit = get(path, query_string={"q": "genomlysning"}).get_json()["hits"][0]
    head = get(path, query_string={"q": "Skolgatan"}).get_json()["documents"][0]
    assert hit["url"] == f"{root}/doc/{hit['doc_id']}#{hit['url'].partition('#')[2]}"
    assert head["url"] == f"{root}/doc/{head['doc_id']}?huvud=1#huvud"
    listed = get(path.replace("search", "documents"), query_string={"q": "Skolgatan"}).get_json()
    assert listed["documents"][0]["url"] == head["url"]
    section = get(path.replace("search", f"sections/{hit['id']}")).get_json()
    assert section["url"] == hit["url"]
    document = get(path.replace("search", f"documents/{hit['doc_id']}")).get_json()
    assert document["original_url"] == f"{root}/doc/{hit['doc_id']}/original"
    # The CSV's absolute link is the same place.
    csv_path = path.replace("search", "search.csv")
    rows = get(csv_path, query_string={"q": "genomlysning"}).get_data(as_text=True)
    table = list(csv.DictReader(io.StringIO(rows, newline="")))
    link = next(row["länk"] for row in table if row["id"] == hit["id"])
    assert urlsplit(link).path == hit["url"].partition("#")[0]
    # The page links the same document at the same path, and the link leads there.
    page = get(path.replace("/api/search", "/"), query_string={"q": "genomlysning"})
    assert f'href="{root}/doc/' in page.get_data(as_text=True)
    # Followed as a browser asks the proxy, which passes the rest of the path on.
    assert get(hit["url"].removeprefix(root)).status_code == 200
    # A client generated from the OpenAPI document calls the API under the same path.
    described = get(path.replace("search", "openapi.json")).get_json()
    assert described.get("servers", [{"url": ""}]) == [{"url": root}]


def test_search_page_links_to_every_matching_document(client) -> None:
    """Beyond the best three of seven, the search page links to the documents page, which pages
    through all of them with facets that filter the documents."""
    page = client.get("/?q=samordningsf%C3%B6rbundet").get_data(as_text=True)
    assert "Här visas de 3 bästa" in page
    link = re.search(r'<a class="all-documents" href="([^"]+)">visa alla 7 dokument</a>', page)
    assert link and html.unescape(link.group(1)) == "/documents?q=samordningsf%C3%B6rbundet"
    assert "all-documents" not in client.get("/?q=Skolgatan").get_data(as_text=True)

    first = client.get(link.group(1) + "&limit=4").get_data(as_text=True)
    assert "7 dokument för ”samordningsförbundet”" in first
    assert len(re.findall(r'<a href="/doc/[0-9a-f]{16}\?q=[^"]+#huvud">', first)) == 4
    assert "Sida 1 av 2" in first
    assert (
        'rel="next" href="/documents?q=samordningsf%C3%B6rbundet&amp;limit=4&amp;page=2"' in first
    )
    assert 'href="/documents?q=samordningsf%C3%B6rbundet&amp;limit=4&amp;forbund=halland"' in first
    assert "<mark>Samordningsförbundet</mark>" in first
    second = client.get("/documents?q=samordningsf%C3%B6rbundet&limit=4&page=2")
    assert '<ol class="hitlist doclist" start="5">' in second.get_data(as_text=True)
    halland = client.get("/documents?q=samordningsf%C3%B6rbundet&forbund=halland")
    assert "1 dokument för" in halland.get_data(as_text=True)


@pytest.mark.parametrize(
    ("url", "shows"),
    [
        ("/documents", "Sök i dokumentens huvud"),  # the empty form
        ("/documents?q=Skolgatan&decisions=1", "innehåller inga beslut"),
        ("/documents?q=%3Cscript%3Ex", "0 dokument för ”&lt;script&gt;x”"),
    ],
)
def test_documents_page_without_results(client, url: str, shows: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert shows in response.get_data(as_text=True)
    assert "<script>x" not in response.get_data(as_text=True)


def test_api_documents_pages_and_filters(client) -> None:
    body = client.get("/api/documents?q=Försäkringskassan&sort=date&limit=2").get_json()
    assert body["total"] == 3 and body["pages"] == 2 and len(body["documents"]) == 2
    assert [d["date"] for d in body["documents"]] == ["2025-06-11", "2023-12-15"]
    assert body["facets"]["year"] == {"2025": 1, "2023": 2}
    bad = client.get("/api/documents?q=x&limit=abc")
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "bad_param"


@pytest.mark.parametrize(
    ("q", "huvud", "unfolded"),
    [
        ("Skolgatan", "", True),
        ("genomlysning", "", False),
        ("", "", False),
        # a link to the head says so, for the server: it unfolds without JavaScript
        ("", "1", True),
        ("genomlysning", "1", True),
        ("", "0", False),
    ],
)
def test_document_head_is_anchored_and_unfolds_when_the_query_is_in_it(
    client, q: str, huvud: str, unfolded: bool
) -> None:
    doc_id = client.get("/api/search?q=Skolgatan").get_json()["documents"][0]["doc_id"]
    page = client.get(f"/doc/{doc_id}", query_string={"q": q, "huvud": huvud})
    page = page.get_data(as_text=True)
    tag = re.search(r'<details class="docheader" id="huvud"( open)?>', page)
    assert tag and bool(tag.group(1)) is unfolded
    assert ("<mark>Skolgatan</mark>" in page) is (q == "Skolgatan")
    if huvud:
        return
    data = client.get(f"/api/documents/{doc_id}", query_string={"q": q}).get_json()
    assert data["header_marked"] is unfolded
    assert (data["header_html"] is None) is (q == "")


@pytest.mark.parametrize("url", ["/?q=Skolgatan", "/documents?q=Skolgatan"])
def test_links_to_a_head_unfold_it_without_javascript(client, url: str) -> None:
    page = client.get(url).get_data(as_text=True)
    links = [html.unescape(h) for h in re.findall(r'href="(/doc/[^"]+#huvud)"', page)]
    assert links and all(re.search(r"\?q=Skolgatan&huvud=1(&back=[^#]+)?#huvud$", h) for h in links)
    assert '<details class="docheader" id="huvud" open>' in client.get(links[0]).get_data(
        as_text=True
    )


def test_search_page_suggests_and_explains(client) -> None:
    page = client.get("/?q=genomlysnig").get_data(as_text=True)
    assert "Menade du" in page and "?q=genomlysning" in page
    notice = client.get("/?q=och").get_data(as_text=True)
    assert "stoppord" in notice


def test_facet_links_filter(client) -> None:
    page = client.get("/?q=ESF").get_data(as_text=True)
    assert 'href="/?q=ESF&amp;forbund=halland">Samordningsförbundet i Halland</a>' in page
    filtered = client.get("/?q=ESF&forbund=halland").get_data(as_text=True)
    assert "2 träffar" in filtered


def facet_links(page: str, facet: str) -> dict[str, str]:
    """A facet's entries on a page: the shown label of each link, by the link's URL."""
    box = re.search(rf"<h2>{facet}</h2>\s*<ul>(.*?)</ul>", page, re.S)
    assert box, page
    return {
        html.unescape(href): html.unescape(label)
        for href, label in re.findall(r'<a href="([^"]+)">([^<]+)</a>', box.group(1))
    }


@pytest.mark.parametrize(
    ("url", "slugs"),
    [
        ("/?q=samverkan", {"soderasen", "ostra-sodertorn", "halland", "blekinge"}),
        ("/documents?q=samordningsf%C3%B6rbundet", {"soderasen", "ostra-sodertorn", "halland"}),
    ],
)
def test_forbund_facet_shows_names_and_filters_by_slug(client, url: str, slugs: set) -> None:
    links = facet_links(client.get(url).get_data(as_text=True), "Förbund")
    shown = {re.search(r"forbund=([\w-]+)", href).group(1): label for href, label in links.items()}
    assert slugs <= set(shown), shown
    api = client.get("/api" + url.replace("/?", "/search?") + "&limit=100").get_json()
    found = api.get("hits", []) + api["documents"]
    assert shown == {item["forbund_slug"]: item["forbund"] for item in found}
    assert set(api["facets"]) == {"forbund", "year", "kind"}
    assert set(api["facets"]["forbund"]) == set(shown)  # the API keeps slugs, as the contract says
    assert "facet_list" not in api and "notice_parts" not in api


@pytest.mark.parametrize(
    ("url", "facet", "label", "without"),
    [
        ("/?q=ESF&forbund=halland", "Förbund", "Samordningsförbundet i Halland", "/?q=ESF"),
        ("/?q=ESF förbund:halland", "Förbund", "Samordningsförbundet i Halland", "/?q=ESF"),
        ('/?q=ESF förbund:"Samordningsförbundet i Halland"', "Förbund",
         "Samordningsförbundet i Halland", "/?q=ESF"),
        ("/?q=ESF år:2023", "År", "2023", "/?q=ESF"),
        ("/?q=ESF&from=2023-01-01&to=2023-12-31", "År", "2023", "/?q=ESF"),
        ("/?q=ESF datum:2023-01-01..2023-12-31", "År", "2023", "/?q=ESF"),
        ("/?q=ESF&kind=protokoll", "Typ", "protokoll", "/?q=ESF"),
        # a limit other than one year is the year facet's entry too
        ("/?q=ESF år:2022..2023", "År", "2022–2023", "/?q=ESF"),
        ("/?q=ESF&from=2023-01-01&to=2023-06-30", "År", "2023-01-01 – 2023-06-30", "/?q=ESF"),
        ("/?q=ESF datum:2024-03-01..&forbund=halland", "År", "från 2024-03-01",
         "/?q=ESF&forbund=halland"),
        ("/?q=typ:protokoll ESF&sort=date", "Typ", "protokoll", "/?q=ESF&sort=date"),
        # the other filters stay: only the one removed goes
        ("/?q=ESF år:2023&forbund=halland", "År", "2023", "/?q=ESF&forbund=halland"),
        ("/?q=ESF år:2023&forbund=halland", "Förbund", "Samordningsförbundet i Halland",
         "/?q=ESF år:2023"),
        ("/documents?q=Försäkringskassan år:2023", "År", "2023",
         "/documents?q=Försäkringskassan"),
        # a förbund without documents matches nothing, but can still be removed
        ("/?q=budget förbund:nowhere", "Förbund", "nowhere", "/?q=budget"),
        # decisions only, however it was asked for
        ("/?q=budget&decisions=1", "Typ", "bara beslut", "/?q=budget"),
        ("/?q=budget&kind=decision&sort=date", "Typ", "bara beslut", "/?q=budget&sort=date"),
        ("/?q=budget typ:beslut", "Typ", "bara beslut", "/?q=budget"),
        ("/?q=budget typ:beslut&forbund=blekinge", "Typ", "bara beslut",
         "/?q=budget&forbund=blekinge"),
    ],
)  # fmt: skip
def test_active_filter_is_marked_and_removable(
    client, url: str, facet: str, label: str, without: str
) -> None:
    page = client.get(url).get_data(as_text=True)
    box = re.search(rf"<h2>{facet}</h2>\s*<ul>(.*?)</ul>", page, re.S).group(1)
    active = re.findall(
        r'<li class="active"><strong class="active" aria-current="true">([^<]+)</strong> '
        r'<span class="count">\d+' + COUNTED + r'</span> <a class="remove" href="([^"]+)"'
        r' title="Ta bort filtret"'
        r' aria-label="Ta bort filtret [^"]+">×</a></li>',
        box,
    )
    assert [(html.unescape(a), html.unescape(h)) for a, h in active] == [
        (label, url_quoted(without))
    ], box
    removed = client.get(html.unescape(active[0][1])).get_data(as_text=True)
    assert f'aria-current="true">{html.escape(label, quote=False)}</strong>' not in removed


def active_entries(page: str, facet: str) -> list[tuple[str, str]]:
    """A facet's active entries on a page: (label, the URL of its × link)."""
    box = re.search(rf"<h2>{facet}</h2>\s*<ul>(.*?)</ul>", page, re.S).group(1)
    found = re.findall(
        r'aria-current="true">([^<]+)</strong>.*?<a class="remove" href="([^"]+)"', box
    )
    return [(html.unescape(label), html.unescape(href)) for label, href in found]


@pytest.mark.parametrize(
    ("url", "typ_links"),
    [
        ("/?q=budget&decisions=1", {"/?q=budget&decisions=1&kind=protokoll": "protokoll"}),
        ("/?q=budget&kind=decision", {"/?q=budget&kind=protokoll&decisions=1": "protokoll"}),
        ("/?q=budget typ:beslut", {"/?q=budget typ:beslut&kind=protokoll": "protokoll"}),
    ],
)
def test_the_typ_facet_narrows_decisions_only(client, url: str, typ_links: dict) -> None:
    """With decisions only on, a kind in the Typ facet shows that kind's decisions: the link
    keeps decisions only, and both are active entries, each removable on its own."""
    links = facet_links(client.get(url).get_data(as_text=True), "Typ")
    assert links == {url_quoted(link): label for link, label in typ_links.items()}
    (link,) = links
    page = client.get(link).get_data(as_text=True)
    entries = dict(active_entries(page, "Typ"))
    assert set(entries) == {"bara beslut", "protokoll"}
    decisions = client.get("/api/search?q=budget&decisions=1").get_json()["total"]
    assert f"{decisions} träffar" in page and decisions > 0
    box = '<input type="checkbox" name="decisions" value="1" checked>'
    assert (box in page) is ("typ:beslut" not in url)  # the form keeps what it set
    assert '<input type="hidden" name="kind" value="protokoll">' in page
    assert active_entries(client.get(entries["bara beslut"]).get_data(as_text=True), "Typ") == [
        ("protokoll", url_quoted("/?q=budget"))
    ]


@pytest.mark.parametrize(
    ("query", "checked"),
    [
        ("q=budget&kind=decision", True),  # the contract's way to ask
        ("q=budget&decisions=1", True),  # the pages' "Bara beslut"
        ("q=budget&decisions=1&kind=protokoll", True),
        ("q=budget&kind=protokoll", False),
        ("q=budget", False),
    ],
)
def test_bara_beslut_is_ticked_whichever_way_decisions_were_asked_for(
    client, query: str, checked: bool
) -> None:
    page = client.get(f"/?{query}").get_data(as_text=True)
    box = '<input type="checkbox" name="decisions" value="1" checked>'
    assert (box in page) is checked
    assert '<input type="checkbox" name="decisions" value="1" >' in page or checked


@pytest.mark.parametrize(("kind", "found"), [("protokoll", True), ("rapport", False)])
def test_decisions_only_and_a_kind_both_hold(client, kind: str, found: bool) -> None:
    both = client.get(f"/api/search?q=budget&decisions=1&kind={kind}").get_json()["total"]
    decisions = client.get("/api/search?q=budget&decisions=1").get_json()["total"]
    assert both == (decisions if found else 0) and decisions > 0


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("/?q=ESF", []),
        ("/?q=ESF&forbund=halland", ["förbund: Samordningsförbundet i Halland"]),
        ("/?q=ESF år:2023&forbund=halland",
         ["förbund: Samordningsförbundet i Halland", "år: 2023"]),
        ("/?q=ESF&from=2023-01-01&to=2023-06-30", ["år: 2023-01-01 – 2023-06-30"]),
        ("/documents?q=Försäkringskassan år:2023", ["år: 2023"]),
    ],
)  # fmt: skip
def test_active_filters_are_named_above_the_hits(client, url: str, named: list[str]) -> None:
    """On a narrow screen the facets are folded: the line above the hits names each active
    filter with a × that does what the facet's × does. The facets come first in the page, as
    on the screen."""
    page = client.get(url).get_data(as_text=True)
    assert page.index('<details class="facet-panel">') < page.index('<section class="hits"')
    line = re.search(r'<p class="active-filters">(.*?)</p>', page, re.S)
    assert bool(line) is bool(named)
    if not named:
        return
    entries = re.findall(
        r'<span class="filter">([^:<]+): <strong>([^<]+)</strong> <a class="remove" '
        r'href="([^"]+)" title="Ta bort filtret" aria-label="Ta bort filtret \1: \2">×</a></span>',
        line.group(1),
    )
    assert [f"{facet}: {html.unescape(label)}" for facet, label, _ in entries] == named
    facets = page[page.index('<section class="facets"') : page.index('<section class="hits"')]
    assert [href for *_, href in entries] == re.findall(r'class="remove" href="([^"]+)"', facets)
    summary = re.search(r"<summary>Filtrera \((\d) (valt|valda)\)</summary>", page)
    assert summary and int(summary.group(1)) == len(named), page


def test_removing_one_forbund_of_a_word_filter_keeps_the_others(client) -> None:
    """förbund:skåne chooses the three förbund with Skåne in their names; the × of one leads
    to the search with the other two, now as form parameters, and the query without it."""
    page = client.get("/?q=budget förbund:skåne").get_data(as_text=True)
    entries = dict(active_entries(page, "Förbund"))
    assert entries["Samordningsförbundet NNV Skåne"] == url_quoted(
        "/?q=budget&forbund=skane-nordost&forbund=sydostra-skane"
    )
    assert len(entries) == 3
    narrowed = client.get(entries["Samordningsförbundet NNV Skåne"]).get_data(as_text=True)
    assert [label for label, _ in active_entries(narrowed, "Förbund")] == [
        "Samordningsförbundet Skåne Nordost",
        "Samordningsförbundet Sydöstra Skåne",
    ]


def url_quoted(url: str) -> str:
    """`url` with its query string encoded as the pages write it."""
    from urllib.parse import parse_qsl, urlencode

    path, _, query = url.partition("?")
    return path + "?" + urlencode(parse_qsl(query))


@pytest.mark.parametrize(
    "url",
    [
        "/?q=ESF",
        '/?q="ESF förbund:halland"',  # a phrase, not a filter
        '/?q="ESF år:2023"',
    ],
)
def test_no_facet_entry_is_active_without_its_filter(client, url: str) -> None:
    assert 'aria-current="true"' not in client.get(url).get_data(as_text=True)


@pytest.mark.parametrize(
    ("q", "year"),
    [
        ("år:2024", "2024"),
        ("datum:2024-01-01..2024-12-31", "2024"),
        ("år:2023..2024 datum:2024-01-01..", "2024"),  # the two intersect to one year
        ("år:2023..2024", None),
        ("år:2024 datum:2024-03-01..", None),
        ("datum:2024-01-01", None),
        ("år:2024..", None),
        ("budget", None),
    ],
)
def test_selected_year(q: str, year: str | None) -> None:
    assert selected_year(parse(q).filters) == year


@pytest.mark.parametrize(
    ("q", "label"),
    [
        ("år:2020..2023", "2020–2023"),
        ("år:2024", "2024–2024"),  # the page shows one whole year as the year itself
        ("datum:2023-01-01..2023-06-30", "2023-01-01 – 2023-06-30"),
        ("år:2023 datum:2023-03-01..", "2023-03-01 – 2023-12-31"),
        ("år:2024..", "från 2024"),
        ("datum:2024-03-01..", "från 2024-03-01"),
        ("datum:..2023-06-30", "till och med 2023-06-30"),
        ("år:..2022", "till och med 2022"),
        # limits without a common day are no range: "2024–2023" read as 2023 to 2024
        ("år:2023 år:2024", "inget gemensamt datum"),
        ("år:2023 datum:2024-03-01..", "inget gemensamt datum"),
        ("datum:2024-03-02.. datum:..2024-03-01", "inget gemensamt datum"),
        # must not change: limits that share exactly one day
        ("datum:2024-03-01.. datum:..2024-03-01", "2024-03-01 – 2024-03-01"),
        ("budget", None),
    ],
)
def test_date_limit_is_said_as_a_reader_says_it(q: str, label: str | None) -> None:
    assert date_limit(parse(q).filters) == label


def test_dates_without_a_common_day_are_said_so_on_the_page(client) -> None:
    """Found by qa22: år:2023 beside from=2025-01-01 found nothing, without a word why, and the
    active filter read "år: 2025–2023"."""
    page = client.get("/?q=styrelsen år:2023&from=2025-01-01").get_data(as_text=True)
    assert "2025–2023" not in page
    assert "inget gemensamt datum" in page
    assert "ingen dag gemensamt" in page  # the notice
    assert ">0 träffar" in page


def test_the_date_limit_entry_counts_every_hit_and_comes_first(client) -> None:
    page = client.get("/?q=Försäkringskassan år:2020..2026").get_data(as_text=True)
    box = re.search(r"<h2>År</h2>\s*<ul>(.*?)</ul>", page, re.S).group(1)
    entries = re.findall(
        r'>([^<>]+)</(?:strong|a)> <span class="count">(\d+)' + COUNTED + r"</span>", box
    )
    total = client.get("/api/search?q=Försäkringskassan år:2020..2026").get_json()["total"]
    assert entries[0] == ("2020–2026", str(total))
    assert sum(int(count) for _, count in entries[1:]) == total > 0


@pytest.mark.parametrize(
    ("limit", "years"),
    [
        # a limit narrower than the years: each year's link keeps within it
        ("&from=2023-12-01&to=2025-06-30",
         {"2023": ("2023-12-01", "2023-12-31"), "2024": ("2024-01-01", "2024-12-31"),
          "2025": ("2025-01-01", "2025-06-30")}),
        ("&from=2024-04-01", {"2024": ("2024-04-01", "2024-12-31"),
                              "2025": ("2025-01-01", "2025-12-31")}),
        (" datum:..2023-11-30", {"2023": ("2023-01-01", "2023-11-30")}),
        # without a limit, or with whole years, a year is the whole year
        ("", {"2023": ("2023-01-01", "2023-12-31"), "2024": ("2024-01-01", "2024-12-31"),
              "2025": ("2025-01-01", "2025-12-31")}),
        (" år:2023..2024", {"2023": ("2023-01-01", "2023-12-31"),
                            "2024": ("2024-01-01", "2024-12-31")}),
    ],
)  # fmt: skip
def test_a_year_narrows_the_date_limit_never_widens_it(client, limit: str, years: dict) -> None:
    page = client.get("/?q=styrelsen" + limit).get_data(as_text=True)
    links = facet_links(page, "År")
    shown = {
        label: (re.search(r"from=([\d-]+)", href)[1], re.search(r"to=([\d-]+)", href)[1])
        for href, label in links.items()
    }
    assert shown == years
    box = re.search(r"<h2>År</h2>\s*<ul>(.*?)</ul>", page, re.S).group(1)
    counts = dict(re.findall(r'>(\d{4})</a> <span class="count">(\d+)' + COUNTED + r"</span>", box))
    for href, label in links.items():  # a year's link shows as many hits as its entry said
        assert f'<p class="summary" role="status">{counts[label]} träff' in client.get(
            href
        ).get_data(as_text=True)


@pytest.mark.parametrize(
    ("q", "filter_", "left"),
    [
        ("ESF år:2024", ("year", ""), "ESF"),
        ("år:2024 ESF datum:..2024-06-30", ("year", ""), "ESF"),
        ('"år:2024" ESF', ("year", ""), '"år:2024" ESF'),  # a phrase stays
        ('"år:2024 ESF', ("year", ""), '"år:2024 ESF'),  # unreadable: searched as words
        ('ESF förbund:"Samordningsförbundet i Halland"', ("forbund", "halland"), "ESF"),
        ("förbund:halland förbund:blekinge (ESF)", ("forbund", "halland"),
         "förbund:blekinge (ESF)"),
        ("(förbund:halland ESF)", ("forbund", "halland"), "(ESF)"),
        ("ESF typ:rapport typ:protokoll", ("kind", "protokoll"), "ESF typ:rapport"),
        ("ESF typ:beslut", ("kind", "protokoll"), "ESF typ:beslut"),
        ("url:http://x ESF", ("year", ""), "url:http://x ESF"),
    ],
)  # fmt: skip
def test_query_without_a_filter(q: str, filter_: tuple[str, str], left: str) -> None:
    assert query_without(q, _sets(*filter_)) == left


@pytest.mark.parametrize(
    ("q", "filter_", "left"),
    [
        ("samverkan förbund:blekinge OR förbund:halland år:2024", ("year", ""),
         "samverkan förbund:blekinge OR förbund:halland"),
        ("år:2024 ESF OR år:2023", ("year", ""), "ESF OR år:2023"),
        ("förbund:halland samverkan förbund:halland OR förbund:blekinge",
         ("forbund", "halland"), "samverkan förbund:halland OR förbund:blekinge"),
        ("år:2024 år:2024 OR ESF", ("year", ""), "år:2024 OR ESF"),
        # Must not change: a filter outside the OR still goes.
        ("ESF OR NNS år:2024", ("year", ""), "ESF OR NNS"),
        ("(ESF OR NNS) förbund:halland", ("forbund", "halland"), "(ESF OR NNS)"),
    ],
)  # fmt: skip
def test_query_without_keeps_a_filter_that_is_an_alternative_of_or(
    q: str, filter_: tuple[str, str], left: str
) -> None:
    """Only a filter that narrows the whole search is taken out: one that is an alternative
    of OR is part of the query's logic. Taking it out left "ESF OR", a dangling OR searched
    as plain words, or widened the search ("samverkan OR förbund:blekinge")."""
    assert query_without(q, _sets(*filter_)) == left


@pytest.mark.parametrize(
    ("url", "cleared"),
    [
        ("/?q=ESF år:2023&forbund=halland&kind=protokoll&sort=date", "/?q=ESF&sort=date"),
        ("/?q=ESF&decisions=1", "/?q=ESF"),
        ("/documents?q=Försäkringskassan typ:protokoll", "/documents?q=Försäkringskassan"),
        ("/?q=ESF", None),
        ("/?q=samverkan förbund:blekinge OR förbund:halland år:2024",
         "/?q=samverkan förbund:blekinge OR förbund:halland"),
        ("/?q=budget -förbund:halland ESF -förbund:halland OR NNS",
         "/?q=budget ESF -förbund:halland OR NNS"),
    ],
)  # fmt: skip
def test_clear_filters_removes_every_filter(client, url: str, cleared: str | None) -> None:
    page = client.get(url).get_data(as_text=True)
    link = re.search(r'<a class="clear" href="([^"]+)">Rensa filter</a>', page)
    assert (html.unescape(link.group(1)) if link else None) == (
        url_quoted(cleared) if cleared else None
    )


@pytest.mark.parametrize(
    "url", ["/?q=budget förbund:nowhere", "/documents?q=budget&forbund=nowhere"]
)
def test_a_notice_about_forbund_links_the_coverage_page(client, url: str) -> None:
    page = client.get(url).get_data(as_text=True)
    notice = re.search(r'<p class="notice">(.*?)</p>', page).group(1)
    assert "”nowhere”" in notice
    assert 'står på sidan <a href="/coverage">Täckning</a>.' in notice
    assert "(/coverage)" not in notice
    api = client.get("/api" + url.replace("/?", "/search?")).get_json()
    assert api["notice"].endswith("står på sidan Täckning (/coverage).")  # JSON: plain text


def test_a_notice_never_turns_user_text_into_markup(client) -> None:
    """A filter the parser cannot read is repeated in the notice; written like a page
    reference, it is still escaped text, and the only link is to our coverage page."""
    page = client.get('/?q=budget år:"<b>Täckning</b> (/coverage)"').get_data(as_text=True)
    notice = re.search(r'<p class="notice">(.*?)</p>', page).group(1)
    assert "<b>" not in notice and "&lt;b&gt;Täckning&lt;/b&gt;" in notice
    assert re.findall(r'href="([^"]*)"', notice) == ["/coverage"]


@pytest.mark.parametrize(
    ("notice", "parts"),
    [
        (None, []),
        ("Frågan kortades.", [("Frågan kortades.", None)]),
        ("Se sidan Täckning (/coverage).",
         [("Se sidan ", None), ("Täckning", "pages.coverage_page"), (".", None)]),
        ("Täckning (/coverage)", [("Täckning", "pages.coverage_page")]),
        ("Se sidan Admin (/admin).", [("Se sidan Admin (/admin).", None)]),  # not ours to link
    ],
)  # fmt: skip
def test_notice_parts(notice: str | None, parts: list[tuple]) -> None:
    assert [(p["text"], p["endpoint"]) for p in notice_parts(notice)] == parts


@pytest.mark.parametrize("path", ["/", "/documents"])
def test_a_page_past_the_last_says_so(client, path: str) -> None:
    page = client.get(f"{path}?q=styrelsen&limit=5&page=40").get_data(as_text=True)
    found = re.search(
        r'Sida 40 finns inte: sökningen har (\d) (?:sida|sidor)\. <a href="([^"]+)">', page
    )
    assert found, page[page.index("<main") :][:2000]
    last, link = found.group(1), html.unescape(found.group(2))
    # The first page is the search without `page` (a link leaves out a default).
    assert link.endswith(f"page={last}") if last != "1" else "page=" not in link
    assert "Sida 40 av" not in page


@pytest.mark.parametrize("path", ["/", "/documents"])
def test_an_offset_off_a_page_boundary_shows_its_whole_page(client, path: str) -> None:
    """offset=3 with two hits a page showed hits 4-5 as "Sida 2 av …", whose previous page
    began at hit 3 and next page at hit 5 again: hits overlapped from page to page, and an
    offset below the page size left the first hits out of reach. A page shows whole pages."""
    q = "samverkan" if path == "/" else "samordningsförbundet"
    aligned = client.get(path, query_string={"q": q, "limit": 2, "page": 2})
    shifted = client.get(path, query_string={"q": q, "limit": 2, "offset": 3})
    assert shifted.status_code == 200
    assert _hits_of(shifted) == _hits_of(aligned) and _hits_of(shifted)
    page = shifted.get_data(as_text=True)
    assert 'start="3">' in page and "Sida 2 av" in page
    api = client.get(f"/api{'/search' if path == '/' else '/documents'}",
                     query_string={"q": q, "limit": 2, "offset": 3}).get_json()  # fmt: skip
    assert api["params"]["offset"] == 3  # a program gets what it asked for


def _hits_of(response) -> list[str]:
    return re.findall(r'<a href="(/doc/[^"?#]+)', response.get_data(as_text=True))


def test_pagination_links(client) -> None:
    page = client.get("/?q=samverkan&limit=2").get_data(as_text=True)
    assert "Sida 1 av" in page and 'rel="next" href="/?q=samverkan&amp;limit=2&amp;page=2"' in page
    second = client.get("/?q=samverkan&limit=2&page=2").get_data(as_text=True)
    assert 'rel="prev"' in second and '<ol class="hitlist" start="3">' in second


def test_api_search_matches_the_contract(client) -> None:
    data = client.get("/api/search?q=genomlysning&limit=2").get_json()
    assert {"query", "total", "hits", "facets", "suggestion", "notice"} <= set(data)
    assert data["total"] == 4 and len(data["hits"]) == 2
    hit = data["hits"][0]
    assert hit["url"] == f"/doc/{hit['doc_id']}#p11"
    assert hit["decision"] is True and hit["source"] == "002_aa6c41666d4685c7.txt"


def test_api_search_filters(client) -> None:
    data = client.get("/api/search?q=ESF&forbund=halland&forbund=blekinge").get_json()
    assert {h["forbund_slug"] for h in data["hits"]} == {"halland"}
    dated = client.get("/api/search?q=genomlysning&from=2025-07-01&to=2025-12-31").get_json()
    assert {h["date"] for h in dated["hits"]} == {"2025-09-29"}
    decisions = client.get("/api/search?q=genomlysning&kind=decision").get_json()
    assert decisions["hits"] and all(h["decision"] for h in decisions["hits"])
    by_date = client.get("/api/search?q=samverkan&sort=date").get_json()
    dates = [h["date"] for h in by_date["hits"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    "path",
    ["/api/search", "/api/documents", "/api/compare", "/api/search.csv", "/api/compare.csv"],
)
def test_api_reads_a_comma_separated_forbund_as_several(client, path: str) -> None:
    """`forbund=halland,blekinge` is the two förbund, as `förbund:halland,blekinge` in a query
    is (no slug holds a comma): it was read as the one unknown "halland-blekinge", with a
    notice and no hits."""
    listed = client.get(f"{path}?q=budget&forbund=halland,blekinge")
    repeated = client.get(f"{path}?q=budget&forbund=halland&forbund=blekinge")
    assert listed.status_code == repeated.status_code == 200
    if listed.is_json:
        answer, expected = listed.get_json(), repeated.get_json()
        for took in (answer, expected):
            took.pop("took_ms", None)
        assert answer == expected
        assert "halland-blekinge" not in json.dumps(answer)
    else:
        assert listed.get_data(as_text=True) == repeated.get_data(as_text=True)


# Requests with parameters their route does not read: the names the answer lists as ignored,
# and the hint it gives (None: no name looks like a parameter the route reads).
LIMIT_MEANT = "Parametern ”Limit” lästes inte: menade du limit?"
IGNORED = [
    ("/api/search?q=ESF&Limit=5", ["Limit"], LIMIT_MEANT),
    ("/api/search?q=ESF&limt=5", ["limt"], "Parametern ”limt” lästes inte: menade du limit?"),
    ("/api/search?q=ESF&sort_by=date", ["sort_by"], "Parametern ”sort_by” lästes inte: menade du sort?"),
    ("/api/search?q=ESF&f%C3%B6rbund=halland", ["förbund"], "Parametern ”förbund” lästes inte: menade du forbund?"),
    ("/api/search?q=ESF&fran=2024-01-01", ["fran"], "Parametern ”fran” lästes inte: menade du from?"),
    ("/api/search?q=ESF&FROM=2024-01-01", ["FROM"], "Parametern ”FROM” lästes inte: menade du from?"),
    ("/api/search?q=ESF&%C3%A5r=2024", ["år"], "Parametern ”år” lästes inte: år och datum väljs med from och to, till exempel from=2024-01-01&to=2024-12-31."),
    # a client's own parameters: listed, each once and in order, without a hint
    ("/api/search?q=ESF&_=1700000000&utm_source=nyhetsbrev&_=2", ["_", "utm_source"], None),
    ("/api/search?q=ESF&callback=x&Limit=5&Limit=6", ["callback", "Limit"], LIMIT_MEANT),
    # an identity number in a name is masked, as in a value
    ("/api/search?q=ESF&19121212-1212=1", ["XXXXXX-XXXX"], None),
    ("/api/search?q=ESF&limit19121212-1212=1", ["limitXXXXXX-XXXX"], None),
    ("/api/documents?q=protokoll&Kind=rapport&utm_medium=e", ["Kind", "utm_medium"], "Parametern ”Kind” lästes inte: menade du kind?"),
    ("/api/compare?q=ESF&typ=rapport", ["typ"], "Parametern ”typ” lästes inte: menade du kind?"),
    # known parameters only, `forbund[]` among them (an array's name as jQuery sends it)
    ("/api/search?q=ESF&forbund%5B%5D=halland&limit=5&sort=date", [], None),
    ("/api/documents?q=protokoll&kind=protokoll&page=1", [], None),
    ("/api/compare?q=ESF&from=2024-01-01&limit=5", [], None),
]  # fmt: skip


@pytest.mark.parametrize(("url", "ignored", "hint"), IGNORED, ids=[i[0] for i in IGNORED])
def test_api_names_the_parameters_it_did_not_read(
    client, url: str, ignored: list[str], hint: str | None
) -> None:
    """A parameter the route does not read is no error (a cache buster `_`, tracking `utm_*`),
    but a misspelt `Limit=5` or `förbund=halland` gave a full, unfiltered answer and no word:
    the answer lists such names and says which parameter a look-alike meant."""
    response = client.get(url)
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["ignored_params"] == ignored
    assert answer["ignored_hint"] == hint
    assert "1212-1212" not in response.get_data(as_text=True)


def test_a_document_names_the_parameters_it_did_not_read(client) -> None:
    """A document reads `q`, `section_html` and the filters: a misspelt `Q=budget` gave the
    document unmarked and no word."""
    doc_id = client.get("/api/search?q=budget&limit=1").get_json()["hits"][0]["doc_id"]
    misspelt = client.get(f"/api/documents/{doc_id}?Q=budget&_=1").get_json()
    assert misspelt["ignored_params"] == ["Q", "_"]
    assert misspelt["ignored_hint"] == "Parametern ”Q” lästes inte: menade du q?"
    read = client.get(f"/api/documents/{doc_id}?q=budget&section_html=0&forbund=halland")
    assert (read.get_json()["ignored_params"], read.get_json()["ignored_hint"]) == ([], None)


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/api/forbund", ["forbund"]),
        ("/healthz", ["status", "documents", "sections", "analysis_current"]),
    ],
)  # fmt: skip
def test_a_route_that_reads_no_parameter_names_those_given(
    client, path: str, fields: list[str]
) -> None:
    """The förbund and the health check read no parameter, and answered `?q=budget` or
    `?forbund=halland` as if unsent, without a word, where every other route names them.
    They add the two fields only then: a call without parameters is answered as before,
    field for field (a monitor may compare /healthz's answer whole). A section reads the
    marking's parameters, as a document does (tests/test_api_contract.py)."""
    plain = client.get(path).get_json()
    assert list(plain) == fields
    given = client.get(f"{path}?forbund=halland&Q=budget&_=1&19121212-1212=x")
    answer = given.get_json()
    assert list(answer) == [*fields, "ignored_params", "ignored_hint"]
    assert answer["ignored_params"] == ["forbund", "Q", "_", "XXXXXX-XXXX"]
    assert answer["ignored_hint"] is None
    assert {k: answer[k] for k in fields} == plain
    assert "1212-1212" not in given.get_data(as_text=True)


def test_an_ignored_parameter_changes_nothing_else(client) -> None:
    """The answer is the one without the parameter, apart from the two fields that name it."""
    plain = client.get("/api/search?q=ESF").get_json()
    misspelt = client.get("/api/search?q=ESF&Limit=2").get_json()
    for answer in (plain, misspelt):
        for key in ("took_ms", "ignored_params", "ignored_hint"):
            answer.pop(key)
    assert misspelt == plain and len(plain["hits"]) > 2


def test_api_echoes_a_comma_separated_forbund_as_its_parts(client) -> None:
    """Blank parts and repeats go; blanks around a part too."""
    answer = client.get("/api/search?q=ESF&forbund=halland,%20blekinge,,halland").get_json()
    assert answer["params"]["forbund"] == ["halland", "blekinge"]
    assert answer["notice"] is None and answer["total"] > 0


@pytest.mark.parametrize(
    "path", ["/?q=budget", "/documents?q=budget", "/compare?q=budget", "/search.csv?q=budget",
             "/compare.csv?q=budget", "/feed?q=budget"],
)  # fmt: skip
def test_pages_read_a_comma_separated_forbund_as_several(client, path: str) -> None:
    """The pages, downloads and feed read `forbund=halland,blekinge` as the API does."""
    listed = client.get(f"{path}&forbund=halland,blekinge").get_data(as_text=True)
    repeated = client.get(f"{path}&forbund=halland&forbund=blekinge").get_data(as_text=True)
    assert "Inget förbund i indexet" not in listed
    assert "halland-blekinge" not in listed
    # The page's links that keep the förbund as they came write them as they came (the
    # documents' way back as well, encoded once more).
    for given, each in [("%2C", "&amp;forbund="), ("%252C", "%26forbund%3D")]:
        listed = listed.replace(f"halland{given}blekinge", f"halland{each}blekinge")
    assert listed == repeated


def test_a_documents_way_back_to_a_comma_separated_forbund_marks_as_the_search(client) -> None:
    """A hit's link carries its search (`back`) as it came: the document page reads its
    förbund as the search did, and marks the same words."""
    pages = []
    for forbund in ("halland,blekinge", "halland&forbund=blekinge"):
        found = client.get(f"/?q=budget&forbund={forbund}").get_data(as_text=True)
        link = html.unescape(re.search(r'<h2><a href="(/doc/[^"]+)"', found).group(1))
        pages.append(client.get(link).get_data(as_text=True))
    listed, repeated = pages
    assert "<mark>" in listed
    assert listed.replace("halland%2Cblekinge", "halland&amp;forbund=blekinge") == repeated


def test_compare_page_ticks_each_forbund_of_a_comma_separated_value(client) -> None:
    page = client.get("/compare?q=budget&forbund=halland,blekinge").get_data(as_text=True)
    for slug in ("halland", "blekinge"):
        assert f'name="forbund" value="{slug}" checked' in page


def test_facet_links_of_a_comma_separated_forbund_keep_the_other(client) -> None:
    """Removing one förbund of `forbund=halland,blekinge` keeps the other."""
    page = client.get("/?q=budget&forbund=halland,blekinge").get_data(as_text=True)
    entries = dict(active_entries(page, "Förbund"))
    assert entries == {
        "Samordningsförbundet i Halland": "/?q=budget&forbund=blekinge",
        "Samordningsförbundet i Blekinge": "/?q=budget&forbund=halland",
    }


def test_limit_above_the_cap_is_refused_by_the_api(client) -> None:
    """The pages show the cap (tests/test_params.py); a program is told, not given less."""
    response = client.get("/api/search?q=samverkan&limit=100000")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_param"


@pytest.mark.parametrize(
    ("query", "code", "mentions"),
    [
        ("q=budget&limit=abc", "bad_param", "limit"),
        ("q=budget&limit=0", "bad_param", "limit"),
        ("q=budget&offset=-1", "bad_param", "offset"),
        ("q=budget&offset=10001", "bad_param", "offset"),
        ("q=budget&from=2024-13-01", "bad_param", "from"),
        ("q=budget&kind=okänd", "bad_param", "kind"),
        ("q=budget&sort=random", "bad_param", "sort"),
    ],
)
def test_bad_parameters_are_400_json(client, query: str, code: str, mentions: str) -> None:
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert set(error) == ERROR_KEYS and error["code"] == code and mentions in error["message"]
    page = client.get(f"/?{query}")
    assert page.status_code == 400
    assert '<h2 id="fel-rubrik">Det finns ett fel</h2>' in page.get_data(as_text=True)


ONLY_EXCLUSIONS = "Frågan har bara ord att utesluta (med minustecken)"


@pytest.mark.parametrize(
    ("url", "notice", "total"),
    [
        ("/api/documents?q=-budget", ONLY_EXCLUSIONS, 0),
        ("/api/documents?q=-budget+-skatt", ONLY_EXCLUSIONS, 0),
        ("/api/documents?q=NOT+budget&forbund=halland", ONLY_EXCLUSIONS, 0),
        ("/api/documents?q=och+-budget", ONLY_EXCLUSIONS, 0),  # a stopword is no search term
        ("/api/documents?q=och", "Frågan innehåller bara vanliga småord", 0),  # must not change
        ("/api/documents?q=Skolgatan+-budget", None, 1),  # a word beside it: must not change
        ("/api/search?q=-budget", None, 56),  # every section but those: must not change
    ],
)
def test_a_head_search_that_only_excludes_says_why_it_found_nothing(
    client, url: str, notice: str | None, total: int
) -> None:
    """`/api/documents?q=-budget` answered 0 documents and no notice, as if no head had
    matched: the negation subtracts from sections, not heads. It now says what to add, on the
    documents page and from `finsok search --documents` too (same answer)."""
    body = client.get(url).get_json()
    assert body["total"] == total
    assert (body["notice"] or "").startswith(notice or "") and (notice or body["notice"] is None)
    if notice:
        page = client.get(url.replace("/api", "")).get_data(as_text=True)
        assert notice in page


@pytest.mark.parametrize(
    ("url", "notice"),
    [
        ("/api/search?q=", "Sökningen har inget att söka efter: skriv ett eller flera sökord"),
        ("/api/search?q=+++&sort=date", "Sökningen har inget att söka efter"),
        ("/api/documents?q=", "Ange ett ord att söka efter i dokumentens huvud"),
        ("/api/search?q=och", "Frågan innehåller bara vanliga småord"),  # as before
        ("/api/search?q=&forbund=blekinge", None),  # a filter alone is a search
        ("/api/search?q=budget", None),
    ],
)
def test_an_empty_search_says_so(client, url: str, notice: str | None) -> None:
    """Found in review: `q=` (a program's unset variable) answered 0 hits and no notice, as a
    search that found nothing would; the contract's notice tells the two apart."""
    body = client.get(url).get_json()
    if notice is None:
        assert body["notice"] is None and body["total"] > 0
    else:
        assert body["total"] == 0 and body["notice"].startswith(notice)


# (route, query): a parameter that holds one value, given twice.
REPEATED = [
    ("/api/search", "q=budget&q=styrelsen"),
    ("/api/search", "q=budget&kind=protokoll&kind=rapport"),
    ("/api/search", "q=budget&limit=2&limit=5"),
    ("/api/search", "q=budget&sort=date&sort=relevance"),
    ("/api/search", "q=budget&from=2024-01-01&from=2025-01-01"),
    ("/api/documents", "q=budget&page=1&page=2"),
    ("/api/compare", "q=budget&to=2025-12-31&to=2024-12-31"),
    ("/api/search.csv", "q=budget&decisions=1&decisions=0"),
    ("/api/documents/{doc_id}", "q=budget&q=styrelsen"),
]


@pytest.mark.parametrize(("route", "query"), REPEATED, ids=[f"{r}?{q}" for r, q in REPEATED])
def test_the_api_refuses_a_single_value_given_twice(client, route: str, query: str) -> None:
    """Found in review: the API read the first and dropped the rest without a word, so
    `kind=protokoll&kind=rapport` answered for protocols alone (a program may expect the last,
    as Django reads, or both, as forbund is read)."""
    doc_id = first_hit(client, "budget")["doc_id"]
    response = client.get(f"{route.format(doc_id=doc_id)}?{query}")
    assert response.status_code == 400, response.get_data(as_text=True)[:200]
    error = response.get_json()["error"]
    name = query.rsplit("&", 1)[1].split("=")[0]
    assert (error["code"], set(error)) == ("bad_param", ERROR_KEYS)
    assert error["message"].startswith(f"Parametern {name}: får anges en gång, inte 2 gånger")


@pytest.mark.parametrize(
    "url",
    [
        "/api/search?q=budget&forbund=blekinge&forbund=halland",  # forbund repeats
        "/api/search?q=budget&forbund=blekinge&forbund=blekinge",  # counted once
        "/api/search.csv?q=budget&limit=1&limit=2",  # not read there
        "/?q=budget&kind=protokoll&kind=rapport",  # a page reads the first
        "/compare?q=budget&limit=1&limit=2",
    ],
)
def test_a_repeat_stays_no_error_where_it_is_read_or_not_read_at_all(client, url: str) -> None:
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/search?q=m%E5l", "q"),  # "mål" in Latin-1
        ("/api/search?q=%ED%A0%80", "q"),  # a lone surrogate, which UTF-8 never holds
        ("/api/search?q=budget&forbund=sk%E5ne", "forbund"),
        ("/api/documents?q=budget&kind=%FF", "kind"),
        ("/api/compare.csv?q=%C3", "q"),  # cut off in the middle of "å"
        ("/api/documents/{doc_id}?q=m%E5l", "q"),
    ],
)
def test_the_api_refuses_a_value_that_is_not_utf8(client, url: str, name: str) -> None:
    """Found in review: Werkzeug keeps bytes that are no UTF-8 as the text "%E5", so a client
    that encoded "mål" as Latin-1 got 0 hits for "m%E5l", as if the word were not there."""
    doc_id = first_hit(client, "budget")["doc_id"]
    response = client.get(url.format(doc_id=doc_id))
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert (error["code"], set(error)) == ("bad_param", ERROR_KEYS)
    assert error["message"].startswith(f"Parametern {name}: värdet är inte procentkodad UTF-8")


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/api/search?q=%25E5", "%E5"),  # a "%" typed as such
        ("/api/search?q=m%C3%A5l", "mål"),
        ("/api/search?q=m%C3%A5l+budget", "mål budget"),
        ("/api/search?q=budget&utm=%E5", "budget"),  # a parameter no route reads
    ],
)
def test_utf8_and_unread_parameters_stay_no_error(client, url: str, query: str) -> None:
    response = client.get(url)
    assert response.status_code == 200 and response.get_json()["query"] == query
    assert client.get("/?q=m%E5l").status_code == 200  # a page takes the text as it comes


BAD_REQUEST = "Sökningen gick inte att göra"
NOT_FOUND = "Sidan finns inte"


@pytest.mark.parametrize(
    ("url", "heading", "message", "way_on"),
    [
        # Pages without a form keep the error page: the downloads and the feed.
        ("/search.csv?q=x&sort=foo", BAD_REQUEST, "Sorteringen måste vara relevans eller datum.",
         ("/?q=x", "Sök på ”x” igen")),
        ("/search.csv?q=x&kind=foo&forbund=blekinge&sort=date", BAD_REQUEST,
         "Typen ”foo” finns inte: välj protokoll, protokollsutdrag, rapport, annat eller bara "
         "beslut.", ("/?q=x&forbund=blekinge&sort=date", "Sök på ”x” igen")),
        ("/feed?q=x&from=2024-02-30", BAD_REQUEST,
         "Från datum 2024-02-30 finns inte: februari 2024 har 29 dagar.", ("/?q=x", "Sök på ”x” igen")),
        ("/feed?q=x&to=2023-02-29&from=2023-01-01", BAD_REQUEST,
         "Till datum 2023-02-29 finns inte: februari 2023 har 28 dagar.",
         ("/?q=x&from=2023-01-01", "Sök på ”x” igen")),
        ("/search.csv?sort=foo&forbund=blekinge", BAD_REQUEST,
         "Sorteringen måste vara relevans eller datum.", ("/?forbund=blekinge", "Till sökningen")),
        ("/compare.csv?q=x&to=2023-02-29", BAD_REQUEST,
         "Till datum 2023-02-29 finns inte: februari 2023 har 28 dagar.",
         ("/compare?q=x", "Jämför ”x” igen")),
        # The comparison reads no paging or order: its way on does not carry them either.
        ("/compare.csv?q=x&to=2023-02-29&limit=5&offset=5&page=2&sort=date", BAD_REQUEST,
         "Till datum 2023-02-29 finns inte: februari 2023 har 28 dagar.",
         ("/compare?q=x", "Jämför ”x” igen")),
        ("/no/such/page", NOT_FOUND, "Det finns ingen sida på den här adressen.",
         ("/", "Till sökningen")),
        ("/doc/0000000000000000?q=budget", NOT_FOUND, "Okänt dokument: 0000000000000000.",
         ("/?q=budget", "Sök på ”budget” igen")),
    ],
)  # fmt: skip
def test_an_error_page_speaks_to_a_reader_and_leads_on(
    client, url: str, heading: str, message: str, way_on: tuple[str, str]
) -> None:
    """A heading for the kind of error, the problem in the form's words (no parameter names,
    no internal codes, a sentence), and a link on that keeps the query and the filters but
    leaves out what was wrong."""
    response = client.get(url)
    assert response.status_code == (404 if heading == NOT_FOUND else 400)
    page = response.get_data(as_text=True)
    assert f"<h1>{heading}</h1>" in page
    assert html.unescape(re.search(r'role="alert">([^<]+)</p>', page).group(1)) == message
    link = re.search(r'role="alert">[^<]+</p>\s*<p><a href="([^"]+)">([^<]+)</a></p>', page)
    assert (html.unescape(link.group(1)), html.unescape(link.group(2))) == (
        url_quoted(way_on[0]) if "?" in way_on[0] else way_on[0],
        way_on[1],
    )
    assert "Parametern" not in page and "decision" not in page


def test_links_to_the_comparison_and_the_feed_carry_no_paging_or_order(client) -> None:
    """/compare, /compare.csv and /feed read no `limit`, `offset`, `page` or `sort`
    (`PAGING_AND_ORDER`): a link there that kept them looked as if they counted. The way on
    from the compare form's error summary, and the search page's links to the comparison and
    the feed, leave them out; the hit list's CSV keeps the order it reads (must not change)."""
    page = client.get("/compare?q=budget&kind=xyz&limit=5&sort=date&page=2&offset=3")
    assert page.status_code == 400
    found = re.search(
        r'<p><a href="([^"]+)">Jämför ”budget” igen</a></p>', page.get_data(as_text=True)
    )
    assert found and html.unescape(found.group(1)) == "/compare?q=budget"
    search = client.get("/?q=budget&sort=date&limit=5&page=2").get_data(as_text=True)
    links = {
        html.unescape(t): html.unescape(h)
        for h, t in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', search)
    }
    assert links["Jämför förbund och år"] == "/compare?q=budget"
    assert links["Bevaka sökningen (Atom)"] == "/feed?q=budget"
    assert links["Ladda ner träffarna (CSV)"] == "/search.csv?q=budget&sort=date"
    # A search's own way on keeps them (must not change).
    search_error = client.get("/?q=budget&kind=xyz&limit=5&sort=date&page=2").get_data(as_text=True)
    assert "/?q=budget&amp;limit=5&amp;sort=date&amp;page=2" in search_error


@pytest.mark.parametrize(
    ("url", "api"),
    [
        ("/?q=x&from=2024-13-01", "/api/search?q=x&from=2024-13-01"),
        ("/documents?q=x&sort=weird", "/api/documents?q=x&sort=weird"),
        ("/compare?q=x&from=2024-13-01", "/api/compare?q=x&from=2024-13-01"),
        ("/?q=x&page=abc", "/api/search?q=x&page=abc"),
        ("/compare?q=x&kind=foo", "/api/compare?q=x&kind=foo"),
    ],
)
def test_a_page_shows_its_form_again_where_the_api_keeps_its_one_error_shape(
    client, url: str, api: str
) -> None:
    """The page is the page again (its form, an error summary, a 400), not the error page;
    the API's answer to the same parameters keeps the one shape docs/CONTRACT.md names."""
    page = client.get(url)
    assert page.status_code == 400 and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert "<form" in text and 'class="error-summary" role="alert"' in text
    assert "Sökningen gick inte att göra" not in text and "Parametern" not in text
    assert 'rel="alternate"' not in text  # no feed of a search that was not made
    answer = client.get(api)
    assert answer.status_code == 400 and set(answer.get_json()) == {"error"}
    error = answer.get_json()["error"]
    assert set(error) == ERROR_KEYS and error["code"] == "bad_param"
    assert error["message"].startswith("Parametern ")


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("/?q=x&forbund=nosuch", "Inget förbund i indexet har kortnamnet ”nosuch”."),
        ("/compare?q=budget&forbund=nosuch", "Inget förbund i indexet har kortnamnet ”nosuch”."),
        ("/?q=styrelsen&limit=99999", 'class="summary" role="status"'),
        ("/?q=budget&decisions=ja", 'class="summary" role="status"'),
        ("/documents?q=budget&from=2025-01-01&to=2021-01-01", "Datumen var omkastade"),
    ],
)
def test_what_a_page_reads_leniently_stays_no_error(client, url: str, says: str) -> None:
    """Neighbours that must not become errors: an unknown förbund is a notice, a limit above
    the cap shows the cap, another "Bara beslut" value is off, dates given backwards are
    turned around."""
    page = client.get(url)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert says in text and "error-summary" not in text and "aria-invalid" not in text


@pytest.mark.parametrize(
    "path", ["/", "/documents", "/compare", "/search.csv", "/compare.csv", "/api/search",
             "/api/documents", "/api/compare"],
)  # fmt: skip
def test_many_unknown_forbund_give_one_notice(client, path: str) -> None:
    """40 unknown förbund in an address: one notice naming five and counting the rest, on
    every page, API answer and download that says the notice (each said 40 sentences)."""
    forbund = [f"x{i}" for i in range(40)]
    response = client.get(path, query_string={"q": "budget", "forbund": forbund})
    assert response.status_code == 200
    text = html.unescape(response.get_data(as_text=True))
    assert text.count("Inget förbund i indexet har kortnamn") == 1
    assert "kortnamnen ”x0”, ”x1”, ”x2”, ”x3”, ”x4” och 35 till." in text
    assert "”x5”" not in text


def test_a_typed_value_shown_again_stays_escaped(client) -> None:
    """The bad date is shown back in its field as typed, escaped as all user text is."""
    page = client.get("/", query_string={"q": "x", "from": '"><script>alert(1)</script>'})
    text = page.get_data(as_text=True)
    assert page.status_code == 400 and "<script>alert(1)" not in text
    assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in text


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-02-30", "Parametern from: datumet 2024-02-30 finns inte — februari 2024 har "
         "29 dagar."),
        ("2023-00-10", "Parametern from: datumet 2023-00-10 finns inte — månaden måste vara "
         "01–12."),
        ("20231231xx", "Parametern from: måste vara ett datum ÅÅÅÅ-MM-DD, inte ”20231231xx”."),
        ("2024-W01-1", "Parametern from: måste vara ett datum ÅÅÅÅ-MM-DD, inte ”2024-W01-1”."),
    ],
)  # fmt: skip
def test_the_api_tells_a_date_that_does_not_exist_from_a_wrong_form(
    client, value: str, message: str
) -> None:
    response = client.get("/api/search", query_string={"q": "budget", "from": value})
    assert response.status_code == 400
    assert response.get_json()["error"] == {"status": 400, "code": "bad_param", "message": message}


def test_an_overlong_query_is_cut_on_pages_and_refused_by_the_api(client) -> None:
    q = "budget " + "a" * 600
    api = client.get("/api/search", query_string={"q": q})
    assert api.status_code == 400 and api.get_json()["error"]["code"] == "query_too_long"
    for path in ("/", "/documents", "/compare"):
        page = client.get(path, query_string={"q": q})
        assert page.status_code == 200
        # cut after its last whole word: 6 characters kept, and the notice says so
        told = "Frågan var för lång (högst 500 tecken) och kortades till sina första 6 tecken."
        assert told in page.get_data(as_text=True)


def test_an_overlong_query_on_a_page_is_cut_after_a_whole_word(client) -> None:
    """A query of one word typed over and over past 500 characters finds what the word
    finds: cut at the 500th character, its last word was a piece ("bu") that no section
    has, and the page showed 0 hits."""
    q = "budget " * 80
    found = client.get("/api/search", query_string={"q": "budget"}).get_json()["total"]
    page = client.get("/", query_string={"q": q}).get_data(as_text=True)
    # 71 whole words of 7 characters less the last space: the notice said "500 tecken"
    told = "Frågan var för lång (högst 500 tecken) och kortades till sina första 496 tecken."
    assert told in page
    assert f">{found} träffar för" in page
    assert "budget bu”" not in page and "budget budget”" in page


def test_an_overlong_query_to_mark_a_document_is_cut_on_its_page_and_refused_by_the_api(
    client,
) -> None:
    doc_id = client.get("/api/search", query_string={"q": "budget"}).get_json()["hits"][0]["doc_id"]
    q = "budget " + "a" * 600
    api = client.get(f"/api/documents/{doc_id}", query_string={"q": q})
    assert api.status_code == 400 and api.get_json()["error"]["code"] == "query_too_long"
    assert client.get(f"/api/documents/{doc_id}", query_string={"q": q[:500]}).status_code == 200
    page = client.get(f"/doc/{doc_id}", query_string={"q": q})
    assert page.status_code == 200 and "<mark>budget</mark>" in page.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/", "/documents", "/compare", "/feed", "/compare.csv"])
def test_pages_turn_dates_given_backwards_around(client, path: str) -> None:
    """A person who picks the dates the wrong way round gets the search they meant, told so;
    a program calling the API is told of its mistake instead."""
    backwards = client.get(f"{path}?q=budget&from=2025-12-31&to=2021-01-01")
    forwards = client.get(f"{path}?q=budget&from=2021-01-01&to=2025-12-31")
    assert backwards.status_code == forwards.status_code == 200
    if path in ("/", "/documents", "/compare"):
        page = backwards.get_data(as_text=True)
        assert "Datumen var omkastade; sökningen gäller 2021-01-01 till och med 2025-12-31." in page
        assert re.search(r'<input [^>]*name="from" [^>]*value="2021-01-01"', page)
        assert re.search(r'<input [^>]*name="to" [^>]*value="2025-12-31"', page)
    if path == "/":
        assert order_of(backwards) == order_of(forwards) != []
    api = client.get("/api/search?q=budget&from=2025-12-31&to=2021-01-01")
    assert api.status_code == 400
    assert api.get_json()["error"]["message"] == (
        "Parametern from: 2025-12-31 ligger efter to (2021-01-01) — byt plats på datumen."
    )


def order_of(response) -> list[str]:
    """The hits' sections in the order shown (their links' paths and anchors)."""
    links = re.findall(
        r'<h2><a href="(/doc/[^"?#]+)[^"#]*(#[^"]*)"', response.get_data(as_text=True)
    )
    return ["".join(link) for link in links]


# --- documents, sections, originals ---------------------------------------------------


def back_link(client, url: str) -> str | None:
    """The href of the back link on the document page at `url` (None without one)."""
    page = client.get(url).get_data(as_text=True)
    found = re.search(
        r'<p class="backlink"><a href="([^"]+)"><span aria-hidden="true">‹</span> Tillbaka till sökningen',
        page,
    )
    return html.unescape(found.group(1)) if found else None


@pytest.mark.parametrize(
    ("search", "back"),
    [
        # a plain query: the hit link carries the query alone, and the back link searches it
        ("/?q=genomlysning", "/?q=genomlysning"),
        ("/?q=genomlysning&from=&to=&sort=relevance", "/?q=genomlysning"),  # as the form sends
        # every filter, the sort and the page come back
        ("/?q=genomlysning&forbund=soderasen&from=2025-01-01&to=2025-12-31&sort=date",
         "/?q=genomlysning&forbund=soderasen&from=2025-01-01&to=2025-12-31&sort=date"),
        ("/?q=genomlysning&kind=protokoll&decisions=1",
         "/?q=genomlysning&kind=protokoll&decisions=1"),
        ("/?q=samordningsförbundet&limit=2&page=2", "/?q=samordningsförbundet&limit=2&page=2"),
        ("/?forbund=blekinge&forbund=halland", "/?forbund=blekinge&forbund=halland"),
        # from the documents list, back to it
        ("/documents?q=Skolgatan&sort=date", "/documents?q=Skolgatan&sort=date"),
    ],
)  # fmt: skip
def test_back_from_a_document_returns_to_the_same_search(client, search: str, back: str) -> None:
    page = client.get(search).get_data(as_text=True)
    link = html.unescape(re.search(r'<h2><a href="(/doc/[^"]+)"', page).group(1))
    if search == "/?q=genomlysning":
        assert re.fullmatch(r"/doc/[0-9a-f]{16}\?q=genomlysning#p\d+", link), link
    assert back_link(client, link) == url_quoted(back)


def page_links(client, url: str) -> set[str]:
    """Every link with a query string on the page at `url`, unescaped."""
    page = client.get(url).get_data(as_text=True)
    return {html.unescape(h) for h in re.findall(r'href="([^"]*\?[^"]*)"', page)}


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("kind=Protokoll", "kind=protokoll"),
        ("kind=DECISION", "kind=decision"),
        ("sort=Date", "sort=date"),
        ("decisions=ON&kind=protokoll", "decisions=1"),
        ("decisions=True&kind=protokoll", "decisions=1"),
    ],
)
def test_a_pages_own_links_write_an_enumerated_value_in_its_canonical_form(
    client, typed: str, canonical: str
) -> None:
    """kind=Decision was repeated as typed in every facet, paging, compare, feed, CSV and back
    link, so one search had several addresses: the links now write the lower-case value the
    search read (decisions as the links' "1")."""
    name, _, value = typed.partition("&")[0].partition("=")
    links = page_links(client, f"/?q=budget&{typed}")
    assert sum(canonical in link for link in links) >= 3, links  # facets, compare, feed, CSV
    assert not any(f"{name}={value}" in link for link in links), links
    hit = next(link for link in links if link.startswith("/doc/"))
    assert canonical in urlsplit(back_link(client, hit) or "").query


def test_links_keep_a_value_that_is_no_enumeration_as_typed(client) -> None:
    """Only kind, sort and decisions are folded: a query and a förbund stay as typed."""
    links = page_links(client, "/?q=Budget&forbund=Halland&sort=Date")
    assert any(
        "q=Budget" in link and "forbund=Halland" in link and "sort=date" in link for link in links
    ), links


@pytest.mark.parametrize(
    ("query", "back"),
    [
        ({"q": "ESF"}, "/?q=ESF"),
        ({}, None),  # no search to go back to
        ({"back": "/?forbund=halland"}, "/?forbund=halland"),
        ({"q": "ESF", "back": "/documents?q=ESF&kind=rapport"}, "/documents?q=ESF&kind=rapport"),
        # only what a search takes: other parameters are dropped, a personnummer masked
        ({"q": "ESF", "back": "/?q=ESF&next=//evil.example&sort=date"}, "/?q=ESF&sort=date"),
        ({"back": "/?q=19850412-1230"}, "/?q=XXXXXX-XXXX"),
        # never anywhere but our own result pages: the query alone, or nothing
        ({"q": "ESF", "back": "//evil.example/?q=ESF"}, "/?q=ESF"),
        ({"q": "ESF", "back": "https://evil.example/?q=ESF"}, "/?q=ESF"),
        ({"q": "ESF", "back": "javascript:alert(1)"}, "/?q=ESF"),
        ({"q": "ESF", "back": "/\\evil.example/?q=ESF"}, "/?q=ESF"),
        ({"q": "ESF", "back": "/compare?q=ESF"}, "/?q=ESF"),
        ({"q": "ESF", "back": "/doc/0000000000000000"}, "/?q=ESF"),
        ({"back": "https://evil.example/"}, None),
        ({"q": "ESF", "back": "/?q=ESF&forbund=" + "x" * 4000}, "/?q=ESF"),
    ],
)
def test_a_documents_back_link_leads_only_to_our_search_pages(
    client, query: dict, back: str | None
) -> None:
    doc_id = first_hit(client, "ESF")["doc_id"]
    assert back_link(client, f"/doc/{doc_id}?" + urlencode(query)) == (
        url_quoted(back) if back else None
    )


def test_document_page_anchors_every_section_and_marks_the_query(client) -> None:
    hit = first_hit(client, "genomlysning")
    page = client.get(f"/doc/{hit['doc_id']}?q=genomlysning").get_data(as_text=True)
    anchors = re.findall(r'<section class="section" id="([^"]+)"', page)
    assert anchors[:3] == ["p1", "p2", "p3"] and "p11" in anchors
    section = page[page.index('id="p11"') :]
    assert "<mark>genomlysning</mark>" in section[:3000]
    assert "Samordningsförbundet i Blekinge" in page and "2025-09-29" in page
    assert 'href="/doc/' in page and "/original" in page


@pytest.mark.parametrize(
    ("search", "q", "anchor", "heading"),
    [
        ("extern genomlysning", "extern genomlysning", "p47",
         "Förslag till gemensam upphandling för <mark>extern</mark> <mark>genomlysning</mark> "
         "gällande utökad"),
        # escaped, with only the marks as markup
        ("säkerhetsgenomgång", "säkerhetsgenomgång", "p1",
         "<mark>Säkerhetsgenomgång</mark> &lt;script&gt;alert(&quot;titel&quot;)&lt;/script&gt;"),
        ("säkerhetsgenomgång", "", "p1",
         'Säkerhetsgenomgång &lt;script&gt;alert(&#34;titel&#34;)&lt;/script&gt;'),
    ],
)  # fmt: skip
def test_document_marks_the_query_in_headings_and_contents(
    client, search: str, q: str, anchor: str, heading: str
) -> None:
    hit = first_hit(client, search)
    assert hit["url"].endswith(f"#{anchor}")
    page = client.get(f"/doc/{hit['doc_id']}", query_string={"q": q}).get_data(as_text=True)
    label = hit["label"]
    assert f'<h2 id="h-{anchor}">{label} {heading}' in page
    assert f'<li><a href="#{anchor}">{label} {heading}' in page
    assert "<script>" not in page
    doc = client.get(f"/api/documents/{hit['doc_id']}", query_string={"q": q}).get_json()
    section = next(s for s in doc["sections"] if s["anchor"] == anchor)
    assert (section["title_html"] is None) is (q == "")


# --- a document's marks follow the search's filters ------------------------------------------


def budget_decision_doc(client) -> str:
    """The Halland protocol (2023-12-15) whose decision and running text both say "budget"."""
    hit = first_hit(client, "typ:beslut budget förbund:halland")
    assert hit["forbund_slug"] == "halland" and hit["date"].startswith("2023")
    return hit["doc_id"]


def marks_by_place(doc: dict) -> dict[str, int]:
    """How many marks the API's document has in running text, decisions, titles, whole
    texts and the head."""
    blocks = [b for s in doc["sections"] for b in s["blocks"]]
    return {
        "text": sum(b["html"].count("<mark>") for b in blocks if b["decision"] is None),
        "decision": sum(b["html"].count("<mark>") for b in blocks if b["decision"] is not None),
        "title": sum(s["title_html"].count("<mark>") for s in doc["sections"]),
        "html": sum((s["html"] or "").count("<mark>") for s in doc["sections"]),
        "head": (doc["header_html"] or "").count("<mark>"),
    }


@pytest.mark.parametrize(
    "query",
    [
        {"q": "typ:beslut budget"},
        {"q": "budget", "kind": "decision"},
        {"q": "budget", "decisions": "1"},
        {"q": "budget", "kind": "protokoll", "decisions": "1"},
    ],
)
def test_a_decisions_search_marks_its_words_in_decisions_only(client, query: dict) -> None:
    """`typ:beslut budget` finds "budget" in decisions only, but the document marked it in
    running text and headings too, as if the search had matched there."""
    doc_id = budget_decision_doc(client)
    plain = marks_by_place(client.get(f"/api/documents/{doc_id}?q=budget").get_json())
    assert plain["text"] and plain["title"] and plain["decision"]  # the case is real
    doc = client.get(f"/api/documents/{doc_id}", query_string=query).get_json()
    marks = marks_by_place(doc)
    assert marks["decision"] == plain["decision"]
    assert marks["text"] == marks["title"] == marks["head"] == 0
    assert 0 < marks["html"] < plain["html"]  # the whole text: marked in its decisions alone
    assert (
        doc["marking_notice"]
        == "Sökningen gällde bara beslut, så orden är markerade bara i besluten."
    )
    page = client.get(f"/doc/{doc_id}", query_string=query).get_data(as_text=True)
    boxes = "".join(re.findall(r'<div class="decision">.*?</div>', page, re.S))
    assert page.count("<mark>") == boxes.count("<mark>") > 0
    assert "Sökningen gällde bara beslut" in page


def test_a_hit_from_a_decisions_search_opens_with_decisions_marked_only(client) -> None:
    """The form's "Bara beslut" travels in the hit link's `back`, which the page reads."""
    page = client.get("/?q=budget&kind=decision&forbund=halland").get_data(as_text=True)
    link = html.unescape(re.search(r'<h2><a href="(/doc/[^"]+)"', page).group(1))
    assert "back=" in link
    doc_page = client.get(link).get_data(as_text=True)
    boxes = "".join(re.findall(r'<div class="decision">.*?</div>', doc_page, re.S))
    assert doc_page.count("<mark>") == boxes.count("<mark>") > 0


@pytest.mark.parametrize(
    "query",
    [
        {"q": "år:1999 budget"},
        {"q": "förbund:annat budget"},
        {"q": "budget -förbund:halland"},
        {"q": "budget typ:rapport"},
        {"q": "budget", "forbund": "blekinge"},
        {"q": "budget", "from": "1999-01-01", "to": "1999-12-31"},
    ],
)
def test_a_filter_that_leaves_the_document_out_marks_nothing_in_it(client, query: dict) -> None:
    """`år:1999 budget` on a 2023 protocol marked every "budget" in it, though the search
    could not have found any of them: nothing is marked, and a quiet line says why."""
    doc_id = budget_decision_doc(client)
    doc = client.get(f"/api/documents/{doc_id}", query_string=query).get_json()
    assert set(marks_by_place(doc).values()) == {0}
    assert doc["marking_notice"] == (
        "Sökningens filter omfattar inte det här dokumentet, så inga ord är markerade."
    )
    page = client.get(f"/doc/{doc_id}", query_string=query).get_data(as_text=True)
    assert "<mark>" not in page and "omfattar inte det här dokumentet" in page


@pytest.mark.parametrize(
    "query",
    [
        {"q": "budget"},
        {"q": "förbund:halland budget"},
        {"q": "år:2023 budget"},
        {"q": "datum:2023-01-01..2023-12-31 budget"},
        {"q": "budget -år:1999"},
        {"q": "budget typ:protokoll"},
        {"q": "budget OR förbund:annat"},  # a filter among alternatives limits nothing here
        {"q": "budget", "forbund": "halland", "from": "2023-12-01", "kind": "protokoll"},
        {"q": "budget", "back": "/?q=budget&forbund=halland"},
        {"q": "budget", "back": "https://example.org/?q=budget&kind=decision"},  # not ours
    ],
)
def test_a_filter_that_holds_the_document_keeps_every_mark(client, query: dict) -> None:
    doc_id = budget_decision_doc(client)
    plain = client.get(f"/api/documents/{doc_id}?q=budget").get_json()
    doc = client.get(f"/api/documents/{doc_id}", query_string=query).get_json()
    assert doc["sections"] == plain["sections"] and doc["header_html"] == plain["header_html"]
    assert doc["marking_notice"] is None
    page = client.get(f"/doc/{doc_id}", query_string=query).get_data(as_text=True)
    plain_page = client.get(f"/doc/{doc_id}?q=budget").get_data(as_text=True)
    assert page.count("<mark>") == plain_page.count("<mark>") > 0


def test_a_document_without_a_query_has_no_marking_notice(client) -> None:
    doc_id = budget_decision_doc(client)
    doc = client.get(f"/api/documents/{doc_id}?kind=decision").get_json()
    assert doc["marking_notice"] is None and doc["sections"][0]["title_html"] is None


@pytest.mark.parametrize(
    "query",
    ["q=budget&kind=beslut", "q=budget&kind=decision&kind=protokoll", "q=budget&from=2024-02-30"],
)
def test_the_api_refuses_a_bad_filter_to_mark_a_document_by(client, query: str) -> None:
    doc_id = budget_decision_doc(client)
    response = client.get(f"/api/documents/{doc_id}?{query}")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad_param"
    page = client.get(f"/doc/{doc_id}?{query}")  # the page leaves a bad value out
    assert page.status_code == 200 and "<mark>" in page.get_data(as_text=True)


@pytest.mark.parametrize("off", ["0", "off", "False", "%200%20"])
def test_the_api_leaves_out_each_sections_whole_html_on_request(client, off: str) -> None:
    """With q each text stood four times in the answer (text, html, the blocks' text and
    html); `section_html=0` leaves out `html`, which the blocks carry split, and nothing else."""
    doc_id = budget_decision_doc(client)
    full = client.get(f"/api/documents/{doc_id}?q=budget").get_json()
    lean = client.get(f"/api/documents/{doc_id}?q=budget&section_html={off}").get_json()
    assert all(s["html"] for s in full["sections"])  # on by default, as before
    assert all(s["html"] is None for s in lean["sections"])
    strip = [{k: v for k, v in s.items() if k != "html"} for s in full["sections"]]
    assert [{k: v for k, v in s.items() if k != "html"} for s in lean["sections"]] == strip
    assert {k: v for k, v in lean.items() if k != "sections"} == {
        k: v for k, v in full.items() if k != "sections"
    }


@pytest.mark.parametrize("query", ["section_html=ja", "section_html=0&section_html=1"])
def test_the_api_refuses_a_bad_section_html_switch(client, query: str) -> None:
    doc_id = budget_decision_doc(client)
    response = client.get(f"/api/documents/{doc_id}?q=budget&{query}")
    assert response.status_code == 400
    assert "section_html" in response.get_json()["error"]["message"]


def test_document_shows_each_decision_once_in_its_place(client) -> None:
    hit = first_hit(client, "genomlysning")
    page = client.get(f"/doc/{hit['doc_id']}?q=genomlysning").get_data(as_text=True)
    section = page[page.index('id="p11"') : page.index('id="p12"')]
    assert section.count("Att godkänna det utarbetade underlaget") == 1
    boxes = re.findall(r'<div class="decision">(.*?)</div>', section, re.S)
    assert [re.search(r"Beslut [^<]*", b).group() for b in boxes] == [
        "Beslut 2025-5 §11:1",
        "Beslut 2025-5 §11:2",
        "Beslut 2025-5 §11:3",
    ]
    assert "<mark>genomlysning</mark>" in boxes[0]
    # The marker lines are in the badges, not again in the running text above them.
    assert section.count("2025-5 §11:2") == 1
    assert "Förbundschefen föredrog" in section.split('<div class="decision">')[0]


_D1 = {"id": "2025-5 §11:1", "text": "Att godkänna A."}
_D2 = {"id": None, "text": "Styrelsen beslutar att B."}
_FAR = {"id": None, "text": "Dagordningen godkänns med tillägg."}  # joined across lines
_LIST = {"id": None, "text": "• Val A\nFörslag 1 år.\n• Val B"}


@pytest.mark.parametrize(
    ("text", "decisions", "blocks"),
    [
        ("Bara text.", [], [("Bara text.", None)]),
        (
            "Intro.\nBeslut 2025-5 §11:1\nAtt godkänna A.\nSlut.",
            [_D1],
            [("Intro.", None), ("Att godkänna A.", _D1), ("Slut.", None)],
        ),
        (  # no id: the line before stays, it is not a marker the badge repeats
            "Beslut:\nStyrelsen beslutar att B.",
            [_D2],
            [("Beslut:", None), ("Styrelsen beslutar att B.", _D2)],
        ),
        (  # a marker with another id stays in the text
            "Beslut 2025-5 §10:1\nAtt godkänna A.",
            [_D1],
            [("Beslut 2025-5 §10:1", None), ("Att godkänna A.", _D1)],
        ),
        (  # read from a sentence across lines: in its place, as the text has it
            "Dagordningen godkänns\nmed tillägg.\nAtt godkänna A.",
            [_FAR, _D1],
            [("Dagordningen godkänns\nmed tillägg.", _FAR), ("Att godkänna A.", _D1)],
        ),
        (  # blank lines the extraction dropped (Halland § 6)
            "Beslut:\n\n• Val A\nFörslag 1 år.\n\n• Val B\n\nInformation:\n• Nya",
            [_LIST],
            [
                ("Beslut:", None),
                ("• Val A\nFörslag 1 år.\n\n• Val B", _LIST),
                ("Information:\n• Nya", None),
            ],
        ),
        (  # not in the text at all: after it
            "Bara text.",
            [_FAR],
            [("Bara text.", None), ("Dagordningen godkänns med tillägg.", _FAR)],
        ),
        (  # the same text twice: each decision is found after the one before
            "Att godkänna A.\nMellan.\nAtt godkänna A.",
            [_D1, _D1],
            [("Att godkänna A.", _D1), ("Mellan.", None), ("Att godkänna A.", _D1)],
        ),
    ],
)
def test_text_blocks(text: str, decisions: list[dict], blocks: list) -> None:
    from web.data import text_blocks

    assert [(b["text"], b["decision"]) for b in text_blocks(text, decisions)] == blocks


@pytest.mark.parametrize(
    ("text", "words", "end"),
    [
        ("Att godkänna A.", "Att godkänna A.", None),
        ("Dagordningen godkänns\nmed tillägg.", "Dagordningen godkänns med tillägg.", None),
        ("x Att  \n\t godkänna\u00a0A.", "Att godkänna A.", None),  # any whitespace, no-break too
        ("x Att\u2028godkänna\x1fA.", "Att godkänna A.", None),  # what str.split splits on
        ("Attgodkänna A.", "Att godkänna A.", None),  # no whitespace: not the words
        ("Att godkänna A. Att godkänna B.", "Att godkänna A.", None),  # the first word again
        ("skatt godkänna A.", "att godkänna A.", None),  # within a word, as the pattern found
        ("Att godkänna A. Att godkänna A.", "Att godkänna A.", None),  # the last of two
        ("Att godkänna A. Att godkänna A.", "Att godkänna A.", 30),  # ending before `end`
        ("Att godkänna A. Att godkänna A.", "Att godkänna A.", 15),
        ("Att godkänna A. Att godkänna A.", "Att godkänna A.", 14),  # none ends by then
        ("att godkänna a.", "Att godkänna A.", None),  # case counts
        ("Att godkänna A", "Att godkänna A.", None),  # the text ends first
        ("A (1+1) * B", "(1+1) * B", None),  # no word is a pattern
        ("aaa aaa aaa", "aa aa", None),  # the first word within a word, found from the back
        ("Text.", "  ", None),
    ],
)
def test_decision_words_are_found_where_the_pattern_found_them(
    text: str, words: str, end: int | None
) -> None:
    """`last_words_in` finds a decision without compiling a pattern for it; it finds the
    last place, ending by `end`, where the pattern of its words joined by whitespace matches."""
    from search.pages import last_words_in

    end = len(text) if end is None else end
    found = None
    if words.split():
        pattern = re.compile(r"\s+".join(map(re.escape, words.split())))
        matches = [m for i in range(len(text)) if (m := pattern.match(text, i))]
        ends = [(m.start(), m.end()) for m in matches if m.end() <= end]
        found = ends[-1] if ends else None
    assert last_words_in(text, words, end) == found


def test_a_long_documents_decisions_are_found_without_a_pattern_each(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A document with thousands of decisions compiled one pattern each (a third of its
    page's time, 2564 sections of 2 000 000 characters taking 1.3 s); none now."""
    from web.data import text_blocks

    decisions = [
        {"id": "", "text": f"Styrelsen beslutar att godkänna ärende {n}."} for n in range(600)
    ]
    text = "\n".join(
        f"Ärende {n}.\nStyrelsen beslutar\natt godkänna ärende {n}." for n in range(600)
    )
    compiled = []
    monkeypatch.setattr(re, "compile", lambda *args, **kw: compiled.append(args))
    blocks = text_blocks(text, decisions)
    assert compiled == []
    assert [b["decision"] for b in blocks[1::2]] == decisions


def test_a_documents_page_marks_each_text_once(client, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page shows a section's blocks, marked; it marked each section's whole text too, for
    nothing (the API's `html`, which keeps it): a third of a long document's page."""
    import web.data

    hit = first_hit(client, "genomlysning")
    doc = client.get(f"/api/documents/{hit['doc_id']}?q=genomlysning").get_json()
    assert all(s["html"] is not None for s in doc["sections"])  # the API marks each whole text
    marked_texts = []
    mark_all = web.data.mark_all

    def recording(text: str, highlighter: object) -> str:
        marked_texts.append(text)
        return mark_all(text, highlighter)

    monkeypatch.setattr(web.data, "mark_all", recording)
    page = client.get(f"/doc/{hit['doc_id']}", query_string={"q": "genomlysning"})
    assert "<mark>genomlysning</mark>" in page.get_data(as_text=True)
    sections = doc["sections"]
    shown = [s["title"] for s in sections] + [b["text"] for s in sections for b in s["blocks"]]
    assert sorted(marked_texts) == sorted([doc["header"], *shown])


# (query, extra parameters): searches of decisions only whose words stand in decisions.
DECISIONS_ONLY = [
    ("typ:beslut styrelsen", {}),
    ("godkänna", {"decisions": "1"}),
    ("budget", {"kind": "decision"}),
]


def _sections_of(client, q: str, extra: dict) -> Iterator[tuple[str, object]]:
    """(doc id, its /api/documents answer) for each document the search finds, each asked
    for when the caller takes it."""
    hits = client.get("/api/search", query_string={"q": q, "limit": 100, **extra}).get_json()
    doc_ids = sorted({h["doc_id"] for h in hits["hits"]})
    assert doc_ids
    for doc_id in doc_ids:
        yield doc_id, client.get(f"/api/documents/{doc_id}", query_string={"q": q, **extra})


@pytest.mark.parametrize(("q", "extra"), DECISIONS_ONLY)
def test_decisions_are_found_once_per_section(
    client, monkeypatch: pytest.MonkeyPatch, q: str, extra: dict
) -> None:
    """Under decisions only with `section_html` on, a section's decisions were found twice:
    once for its blocks, once for its whole html."""
    import web.data

    calls = []
    decision_places = web.data.decision_places

    def counting(text: str, decisions: list[dict]) -> list:
        calls.append(text)
        return decision_places(text, decisions)

    monkeypatch.setattr(web.data, "decision_places", counting)
    answers = _sections_of(client, q, extra)
    while (answer := next(answers, None)) is not None:
        sections = answer[1].get_json()["sections"]
        assert sorted(calls) == sorted(s["text"] for s in sections)
        calls.clear()


@pytest.mark.parametrize(("q", "extra"), DECISIONS_ONLY)
def test_a_sections_decisions_only_html_is_as_before(client, app, q: str, extra: dict) -> None:
    """Must not change: the whole html of each section, marked within its decisions alone,
    is what it was when the decisions were found a second time for it (the old way, done
    here), and the rest of the answer is the same with `section_html=0` but for the html."""
    from search.snippets import mark_within
    from web.data import decision_places
    from web.engine import get_engine

    marked = 0
    with app.app_context():
        engine = get_engine()
    highlighter = engine.highlighter(q)
    for doc_id, response in _sections_of(client, q, extra):
        sections = response.get_json()["sections"]
        for s in sections:
            places = decision_places(s["text"], s["decisions"])
            old = mark_within(s["text"], highlighter, [p for _, p in places if p is not None])
            assert s["html"] == old
            marked += "<mark>" in old
        without = client.get(
            f"/api/documents/{doc_id}", query_string={"q": q, "section_html": "0", **extra}
        ).get_json()["sections"]
        assert without == [{**s, "html": None} for s in sections]
    assert marked


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/documents/{}", {"q": "budget"}),
        ("/api/documents/{}", {"q": "budget år:2025", "forbund": "blekinge"}),
        ("/doc/{}", {"q": "typ:beslut styrelsen", "from": "2024-01-01"}),
        ("/doc/{}", {"q": "budget", "back": "/?q=budget&forbund=halland"}),
    ],
)
def test_a_documents_query_is_parsed_once(
    client, monkeypatch: pytest.MonkeyPatch, path: str, params: dict
) -> None:
    """The highlighter and the marking scope read the query once between them; the scope
    parsed it again (`Engine.marking_scope`)."""
    import search.query

    doc_id = first_hit(client, "genomlysning")["doc_id"]
    read = []
    tokenize = search.query._tokenize

    def counting(text: str, *args: object) -> list:
        read.append(text)
        return tokenize(text, *args)

    monkeypatch.setattr(search.query, "_tokenize", counting)
    response = client.get(path.format(doc_id), query_string=params)
    assert response.status_code == 200
    assert len(read) == 1


@pytest.mark.parametrize(
    ("q", "filters"),
    [
        ("budget", {}),
        ("typ:beslut styrelsen", {}),
        ("budget år:1999", {}),
        ("budget", {"forbund": ["halland"]}),
        ("budget -förbund:blekinge", {"forbund": ["blekinge"]}),
        ("(ESF år:2024) OR budget", {"kind": "protokoll"}),
        ("styrelsen förbund:blekinge", {"date_from": date(2025, 1, 1), "decisions": True}),
    ],
)
def test_a_marking_scope_from_the_parsed_query_is_the_same(app, q: str, filters: dict) -> None:
    """Must not change: the scope made from the query the highlighter parsed is the scope
    made by parsing it again, and the parsed query is left as it was (the form's filters
    are merged into a copy)."""
    from search.engine import SearchParams
    from search.query import parse
    from web.engine import get_engine

    with app.app_context():
        engine = get_engine()
    params = SearchParams(q=q, **filters)
    for doc_id in sorted({d["doc_id"] for d in engine.documents()}):
        parsed = parse(q)
        before = repr(parsed)
        assert engine.marking_scope(doc_id, params, parsed) == engine.marking_scope(doc_id, params)
        assert repr(parsed) == before


def test_api_document_and_section(client) -> None:
    hit = first_hit(client, "genomlysning")
    doc = client.get(f"/api/documents/{hit['doc_id']}").get_json()
    assert doc["forbund_slug"] == "blekinge" and len(doc["sections"]) == 16
    ids = [d["id"] for s in doc["sections"] for d in s["decisions"] if d["id"]]
    assert ids[:1] == ["2025-5 §06:1"]
    section = client.get(f"/api/sections/{hit['id']}").get_json()
    assert section["label"] == "§ 11" and section["url"] == hit["url"]


def test_original_file_is_served_safely(client, app) -> None:
    hit = first_hit(client, "genomlysning")
    with client.get(f"/doc/{hit['doc_id']}/original") as response:
        assert response.status_code == 200
        assert response.mimetype == "text/plain"
        assert response.headers["Content-Security-Policy"].startswith("sandbox")
        assert b"Protokoll Nr. 2025-5" in response.data


def test_original_text_files_are_served_with_identity_numbers_masked(client, app, gold) -> None:
    """Two sample files hold (fake) identity numbers, some in e-signing logs that parsing
    drops; served as originals they are masked like every other text."""
    from web.engine import get_engine

    with app.app_context():
        doc_ids = {Path(p).name: d["doc_id"] for p, d in get_engine().store.documents().items()}
    served = 0
    for name, strings in gold.items():
        numbers = [n for n in strings.get("must_not_appear", []) if re.fullmatch(r"[\d-]+", n)]
        if not numbers:
            continue
        raw = (ROOT / "data" / "sample" / name).read_text(encoding="utf-8")
        with client.get(f"/doc/{doc_ids[name]}/original") as response:
            assert response.status_code == 200 and response.mimetype == "text/plain"
            body = response.get_data(as_text=True)
        for number in numbers:
            assert number in raw and number not in body, (name, number)
        # served as read: whitespace runs collapse, nothing else goes
        assert "XXXXXX-XXXX" in body and len("".join(body.split())) > 0.95 * len(
            "".join(raw.split())
        )
        served += 1
    assert served == 2


@pytest.mark.parametrize(
    "hidden",
    [
        "<p>Närvarande Anna Andersson 19850412</p><p>-1230</p>",
        "<table><tr><td>19850412</td><td>-1230</td></tr></table>",
        "<p><span>19850412</span>-<span>1230</span></p>",
        "<p>Anna 1985&#48;412-1230</p>",
        "<p>Anna 19850412<br>-1230</p>",
        "<p>Anna 19850412 &ndash; 1230</p>",
    ],
)
def test_an_html_original_is_served_as_its_text_with_every_number_masked(
    tmp_path: Path, hidden: str
) -> None:
    """Markup can hide a number from any pattern over the raw file (tags between its halves,
    entities); served as the text a reader sees, it is masked like the document page."""
    from index.ingest import ingest

    page = tmp_path / "protokoll.html"
    page.write_text(
        "<html><head><title>Protokoll</title></head><body><h1>Protokoll 2024-01-10</h1>"
        "<p>Samordningsförbundet i Halland</p><h2>§ 1 Budget</h2><p>Budgeten godkänns.</p>"
        f"{hidden}</body></html>",
        encoding="utf-8",
    )
    ingest([page], tmp_path / "ix")
    client = create_app({"FINSOK_INDEX": str(tmp_path / "ix"), "TESTING": True}).test_client()
    doc_id = client.get("/api/search?q=budget").get_json()["hits"][0]["doc_id"]
    for url in (f"/doc/{doc_id}/original", f"/doc/{doc_id}", f"/api/documents/{doc_id}"):
        body = client.get(url).get_data(as_text=True)
        assert "Budgeten godkänns." in body
        # the number's digit runs, which no hex id on a page can mimic
        assert not re.search(r"19850412|850412|04121230|&#48;", body), (url, body)


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("javascript:alert(document.domain)//https://x", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("https:///utan-värd.pdf", False),
        ("https://f.se/arkiv/p1.txt", True),
    ],
)
def test_only_a_web_address_becomes_the_link_to_the_website(
    tmp_path: Path, url: str, link: bool
) -> None:
    """Whatever an index holds as a document's source URL (an older Finsök, a hand-made
    record), only an http(s) address is linked or given to programs."""
    from index.ingest import ingest

    (tmp_path / "p.txt").write_text(
        "Protokoll Samordningsförbundet i Halland\n2024-01-10\n\n§ 1 Budget\nBudgeten godkänns.\n",
        encoding="utf-8",
    )
    ingest([tmp_path / "p.txt"], tmp_path / "ix", provenance=lambda _: {"source_url": url})
    client = create_app({"FINSOK_INDEX": str(tmp_path / "ix"), "TESTING": True}).test_client()
    [hit] = client.get("/api/search?q=budget").get_json()["hits"]
    page = client.get(f"/doc/{hit['doc_id']}").get_data(as_text=True)
    document = client.get(f"/api/documents/{hit['doc_id']}").get_json()
    assert hit.get("source_url") == document.get("source_url") == (url if link else None)
    assert ("På förbundets webbplats" in page) is link


def _pdf_with(tmp_path: Path, signer: str) -> dict:
    """A one-page PDF protocol signed by `signer`, indexed; its document API record."""
    from index.ingest import ingest
    from tests.pdfgen import make_pdf

    lines = ["Protokoll", "Samordningsförbundet i Halland", "Sammanträdesdatum 2024-01-10"]
    pdf = make_pdf(tmp_path / "p.pdf", [[*lines, "§ 1 Budget", "Budgeten godkänns.", signer]])
    ingest([pdf], tmp_path / "ix")
    client = create_app({"FINSOK_INDEX": str(tmp_path / "ix"), "TESTING": True}).test_client()
    doc_id = client.get("/api/search?q=budget").get_json()["hits"][0]["doc_id"]
    return {"client": client, "doc_id": doc_id}


def test_an_original_pdf_with_identity_numbers_is_withheld(tmp_path: Path) -> None:
    made = _pdf_with(tmp_path, "Signerat av Anna Berg 900101 4563")
    client, doc_id = made["client"], made["doc_id"]
    doc = client.get(f"/api/documents/{doc_id}").get_json()
    assert doc["original_withheld"] is True and doc["original_url"] is None
    assert "900101" not in json.dumps(doc) and "XXXXXX-XXXX" in json.dumps(doc)
    page = client.get(f"/doc/{doc_id}").get_data(as_text=True)
    assert "Originalfilen visas inte eftersom den innehåller personnummer" in page
    assert f"/doc/{doc_id}/original" not in page
    response = client.get(f"/doc/{doc_id}/original")
    assert response.status_code == 403 and b"%PDF" not in response.data
    assert "innehåller personnummer" in response.get_data(as_text=True)


_PROTOCOL = ["Protokoll", "Samordningsförbundet i Halland", "Sammanträdesdatum 2024-01-10"]


@pytest.mark.parametrize(
    ("pages", "title"),
    [
        # only in the file's metadata (its title), never on a page
        ([[*_PROTOCOL, "§ 1 Budget", "Budgeten godkänns."]], "Anna Berg 19850412-1230"),
        # digits one by one, as boxes on a form print them
        ([[*_PROTOCOL, "§ 1 Budget", "Budgeten godkänns.", "1 9 8 5 0 4 1 2 - 1 2 3 0"]], None),
        # in a page footer that cleaning drops, written with four spaces
        ([[*_PROTOCOL, "§ 1 Budget", "Budgeten godkänns.", "Justerare 19850412    1230"],
          ["§ 2 Övrigt", "Inget.", "Justerare 19850412    1230"],
          ["§ 3 Slut", "Mötet avslutas.", "Justerare 19850412    1230"]], None),
        # cut in two by a page break, with the page footer between the halves
        ([[*_PROTOCOL, "§ 1 Budget", "Budgeten godkänns.", "Justerare Anna 19850412"],
          ["-1230", "§ 2 Övrigt", "Inget."]], None),
    ],
)  # fmt: skip
def test_a_pdf_with_a_number_anywhere_is_withheld(
    tmp_path: Path, pages: list[list[str]], title: str | None
) -> None:
    from index.ingest import ingest
    from tests.pdfgen import make_pdf

    ingest([make_pdf(tmp_path / "p.pdf", pages, title=title)], tmp_path / "ix")
    client = create_app({"FINSOK_INDEX": str(tmp_path / "ix"), "TESTING": True}).test_client()
    doc_id = client.get("/api/search?q=budget").get_json()["hits"][0]["doc_id"]
    assert client.get(f"/doc/{doc_id}/original").status_code == 403
    for url in (f"/doc/{doc_id}", f"/api/documents/{doc_id}"):
        # the date's digits, not "1985" alone: that may turn up in any hex id on the page
        page = client.get(url).get_data(as_text=True)
        assert not re.search(r"850412|1 9 8 5|1 2 3 0", page), url


def test_a_file_named_after_a_person_shows_its_name_masked(tmp_path: Path) -> None:
    from index.ingest import ingest

    named = tmp_path / "protokoll_19850412-1230.txt"
    named.write_text("\n".join([*_PROTOCOL, "§ 1 Budget", "Budgeten godkänns."]), "utf-8")
    ingest([named], tmp_path / "ix")
    client = create_app({"FINSOK_INDEX": str(tmp_path / "ix"), "TESTING": True}).test_client()
    hit = client.get("/api/search?q=budget").get_json()["hits"][0]
    assert hit["source"] == "protokoll_XXXXXX-XXXX.txt"
    original = client.get(f"/doc/{hit['doc_id']}/original")
    assert "XXXXXX-XXXX" in original.headers["Content-Disposition"]
    for url in (f"/doc/{hit['doc_id']}", f"/api/documents/{hit['doc_id']}", hit["url"]):
        assert "19850412" not in client.get(url).get_data(as_text=True), url


@pytest.mark.parametrize(
    ("name", "sent"),
    [
        (
            "Protokoll 2024-03-01 – styrelse.txt",
            "filename*=UTF-8''Protokoll%202024-03-01%20%E2%80%93%20styrelse.txt",
        ),
        ("crlf\r\nX-Evil: injected\r\n.txt", 'filename="crlf  X-Evil: injected  .txt"'),
        ("Protokoll 19121212-1212.txt", 'filename="Protokoll XXXXXX-XXXX.txt"'),
        # A number cut by a line break that is no control character (`privacy.mask_name`).
        ("Protokoll 19121212\u2028-1212.txt", 'filename="Protokoll XXXXXXXX -XXXX.txt"'),
        ("Protokoll 19121212\x85-1212.txt", 'filename="Protokoll XXXXXXXX -XXXX.txt"'),
        ("Protokoll 1933 1224\u20290009.txt", 'filename="Protokoll XXXX XXXX XXXX.txt"'),
        ("Protokoll 19121212\r-1212.txt", 'filename="Protokoll XXXXXXXX -XXXX.txt"'),
    ],
)
def test_an_original_with_any_letters_in_its_name_is_served(
    tmp_path: Path, name: str, sent: str
) -> None:
    from index.ingest import ingest

    named = tmp_path / name
    named.write_text("\n".join([*_PROTOCOL, "§ 1 Budget", "Budgeten godkänns."]), "utf-8")
    ingest([named], tmp_path / "ix")
    client = create_app({"FINSOK_INDEX": str(tmp_path / "ix"), "TESTING": True}).test_client()
    doc_id = client.get("/api/search?q=budget").get_json()["hits"][0]["doc_id"]
    response = client.get(f"/doc/{doc_id}/original")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    disposition.encode("latin-1")  # a header a server can send
    assert sent in disposition
    assert "X-Evil" not in response.headers


def _indexed_protocol(folder: Path) -> tuple:
    """A text protocol indexed in `folder`: (its path, a client, its doc id)."""
    from index.ingest import ingest

    folder.mkdir()
    named = folder / "p.txt"
    named.write_text("\n".join([*_PROTOCOL, "§ 1 Budget", "Budgeten godkänns."]), "utf-8")
    ingest([folder], folder.parent / "ix")
    client = create_app({"FINSOK_INDEX": str(folder.parent / "ix"), "TESTING": True}).test_client()
    return named, client, client.get("/api/search?q=budget").get_json()["hits"][0]["doc_id"]


@pytest.mark.parametrize("target", ["outside", "beside"])
def test_an_original_replaced_by_a_link_is_not_served(tmp_path: Path, target: str) -> None:
    """Indexing resolves every link, so an indexed path never ends in one: a file replaced by
    a symbolic link since (to a secret the server may read, outside the archive or beside the
    file) is not the file that was indexed, and is not served, nor is its path shown."""
    named, client, doc_id = _indexed_protocol(tmp_path / "arkiv")
    secret = (tmp_path if target == "outside" else named.parent) / "hemlig.txt"
    secret.write_text("Lösenordet är hunter2.", "utf-8")
    named.unlink()
    named.symlink_to(secret)
    response = client.get(f"/doc/{doc_id}/original")
    body = response.get_data(as_text=True)
    assert response.status_code == 403 and "hunter2" not in body
    assert "Originalfilen går inte att läsa" in body and str(tmp_path) not in body
    assert client.get(f"/doc/{doc_id}").status_code == 200  # the document itself still shows


def test_an_original_swapped_for_a_link_while_served_is_not_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check that the original is no link and the reading of it are one: the file is
    opened once, without following a link as its last part, and read from the open file. It
    was checked by path and then read by path again, so a file swapped for a link between
    the two served the link's target. The swap is made at the last moment each way could
    leave: after the path's check (`is_symlink`), and just before the open."""
    named, client, doc_id = _indexed_protocol(tmp_path / "arkiv")
    secret = tmp_path / "hemlig.txt"
    secret.write_text("Lösenordet är hunter2.", "utf-8")

    is_symlink, os_open = Path.is_symlink, os.open

    def swap() -> None:
        if not is_symlink(named):
            named.unlink()
            named.symlink_to(secret)

    def checked_then_swapped(path: Path) -> bool:
        answer = is_symlink(path)
        if path == named:
            swap()
        return answer

    def swapped_then_opened(path: Path, *args: object, **kwargs: object) -> int:
        if Path(path) == named:
            swap()
        return os_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "is_symlink", checked_then_swapped)
    monkeypatch.setattr(os, "open", swapped_then_opened)
    response = client.get(f"/doc/{doc_id}/original")
    body = response.get_data(as_text=True)
    assert is_symlink(named)  # the swap was made
    assert response.status_code == 403 and "hunter2" not in body
    assert "Originalfilen går inte att läsa" in body and str(tmp_path) not in body


def test_an_original_under_a_linked_archive_folder_is_served(tmp_path: Path) -> None:
    """Must not change: an archive moved and linked back at its old place (a folder link
    above the file) still serves its originals."""
    named, client, doc_id = _indexed_protocol(tmp_path / "arkiv")
    named.parent.rename(tmp_path / "flyttat")
    named.parent.symlink_to(tmp_path / "flyttat", target_is_directory=True)
    response = client.get(f"/doc/{doc_id}/original")
    assert response.status_code == 200 and "Budgeten godkänns." in response.get_data(as_text=True)


def test_a_pdf_changed_since_indexing_is_looked_at_again(tmp_path: Path) -> None:
    """The index's verdict was about the file it read: one replaced since (a crawl run with
    --no-index) and now holding a number is withheld."""
    from tests.pdfgen import make_pdf

    made = _pdf_with(tmp_path, "Inget att dölja.")
    client, doc_id = made["client"], made["doc_id"]
    with client.get(f"/doc/{doc_id}/original") as served:
        assert served.status_code == 200
    make_pdf(tmp_path / "p.pdf", [[*_PROTOCOL, "§ 1 Budget", "Signerat av Anna Berg 900101 4563"]])
    response = client.get(f"/doc/{doc_id}/original")
    assert response.status_code == 403 and b"%PDF" not in response.data


def test_an_original_pdf_without_identity_numbers_is_served(tmp_path: Path) -> None:
    made = _pdf_with(tmp_path, "Signerat av Anna Berg 2024-01-12")
    client, doc_id = made["client"], made["doc_id"]
    doc = client.get(f"/api/documents/{doc_id}").get_json()
    assert doc["original_withheld"] is False and doc["original_url"]
    with client.get(doc["original_url"]) as response:
        assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")


def test_an_original_pdf_is_still_sent_in_parts_and_revalidated(tmp_path: Path) -> None:
    """Must not change, now that the PDF is sent from the file opened once rather than by
    path: its length, a Range (a viewer fetching a page), Last-Modified and a validator that
    a second request with If-None-Match answers with 304."""
    made = _pdf_with(tmp_path, "Signerat av Anna Berg 2024-01-12")
    client, url = made["client"], f"/doc/{made['doc_id']}/original"
    whole = (tmp_path / "p.pdf").read_bytes()
    with client.get(url) as response:
        assert response.status_code == 200 and response.data == whole
        assert response.content_length == len(whole) and response.last_modified
        etag = response.headers["ETag"]
        assert response.headers["Accept-Ranges"] == "bytes"
    with client.get(url, headers={"Range": "bytes=0-7"}) as part:
        assert part.status_code == 206 and part.data == whole[:8]
    with client.get(url, headers={"If-None-Match": etag}) as again:
        assert again.status_code == 304


def test_original_pdf_links_to_the_section_page(tmp_path: Path) -> None:
    from index.ingest import ingest
    from tests.pdfgen import make_pdf

    pdf = make_pdf(
        tmp_path / "p.pdf",
        [
            [
                "Protokoll",
                "Samordningsförbundet i Halland",
                "Sammanträdesdatum 2024-01-10",
                "§ 1 Öppnande",
                "Text.",
            ],
            ["§ 2 Budget", "Budgeten godkänns."],
        ],
    )
    ingest([pdf], tmp_path / "ix")
    client = create_app({"FINSOK_INDEX": str(tmp_path / "ix"), "TESTING": True}).test_client()
    hit = client.get("/api/search?q=budget").get_json()["hits"][0]
    doc = client.get(f"/api/documents/{hit['doc_id']}").get_json()
    assert doc["sections"][1]["original_page_url"] == f"/doc/{hit['doc_id']}/original#page=2"
    with client.get(f"/doc/{hit['doc_id']}/original") as response:
        assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")


def _indexed_original(tmp_path: Path, kind: str) -> tuple:
    """A client over an index of one original of `kind` ("txt" or "pdf") kept in `tmp_path`,
    the original's path and its document's id."""
    from index.ingest import ingest
    from tests.pdfgen import make_pdf

    lines = ["Protokoll", "Samordningsförbundet i Halland", "Sammanträdesdatum 2024-01-10"]
    lines += ["§ 1 Budget", "Budgeten godkänns."]
    folder = tmp_path / "arkiv"
    folder.mkdir()
    if kind == "pdf":
        path = make_pdf(folder / "p.pdf", [lines])
    else:
        path = folder / "p.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ingest([path], tmp_path / "ix")
    client = create_app({"FINSOK_INDEX": str(tmp_path / "ix"), "TESTING": True}).test_client()
    doc_id = client.get("/api/search?q=budget").get_json()["hits"][0]["doc_id"]
    return client, path, doc_id


@pytest.mark.parametrize("kind", ["txt", "pdf"])
def test_a_deleted_original_leaves_the_document_and_says_so(tmp_path: Path, kind: str) -> None:
    """The document stays readable without its file: no link to it (nor to its pages), and
    the file's old address says in Swedish that it is gone, naming no server path."""
    client, path, doc_id = _indexed_original(tmp_path, kind)
    path.unlink()
    page = client.get(f"/doc/{doc_id}")
    assert page.status_code == 200
    assert f"/doc/{doc_id}/original" not in page.get_data(as_text=True)
    doc = client.get(f"/api/documents/{doc_id}").get_json()
    assert doc["original_url"] is None and doc["sections"][0]["original_page_url"] is None
    response = client.get(f"/doc/{doc_id}/original")
    body = response.get_data(as_text=True)
    assert response.status_code == 404 and "Originalfilen finns inte längre" in body
    assert str(tmp_path) not in body


@pytest.mark.parametrize("kind", ["txt", "pdf"])
@pytest.mark.parametrize(
    ("error", "status", "says"),
    [
        # the server may not read the archive's file (root in the tests reads anything)
        (PermissionError(13, "Permission denied"), 403, "Originalfilen går inte att läsa"),
        # gone between the check that it is there and the reading of it
        (FileNotFoundError(2, "No such file or directory"), 404, "finns inte längre"),
    ],
)
def test_an_original_that_cannot_be_read_gets_a_clear_page_naming_no_path(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    error: OSError,
    status: int,
    says: str,
) -> None:
    """It was a 422 naming the server's path of the file ("/arkiv/p.txt: kan inte läsa
    filen …") for a text, and a 500 for a PDF."""
    client, path, doc_id = _indexed_original(tmp_path, kind)
    os_open = os.open

    def failing(file: Path, *args: object, **kwargs: object) -> int:
        # the original is opened once, and read from that open file (`web.pages`)
        if Path(file) == path:
            if isinstance(error, FileNotFoundError):
                path.unlink()
            raise error
        return os_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing)
    response = client.get(f"/doc/{doc_id}/original")
    body = response.get_data(as_text=True)
    assert (response.status_code, response.mimetype) == (status, "text/html")
    assert says in body and str(tmp_path) not in body


@pytest.mark.parametrize(
    "url",
    [
        "/doc/0000000000000000",
        "/doc/..%2F..%2Fetc%2Fpasswd",
        "/doc/../../etc/passwd",
        "/doc/%2e%2e/original",
        "/doc/0000000000000000/original",
        "/api/documents/..%2Fsecret",
        "/api/documents/0000000000000000",
        "/api/sections/nope",
        "/no/such/page",
    ],
)
def test_unknown_ids_and_traversal_are_404(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "root:" not in body and "Traceback" not in body
    if url.startswith("/api/"):
        assert set(response.get_json()["error"]) == ERROR_KEYS


# --- security -------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/?q=budget", "/api/search?q=budget", "/healthz", "/nope"])
def test_security_headers(client, url: str) -> None:
    headers = client.get(url).headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_api_allows_cross_origin_reads_pages_do_not(client) -> None:
    assert client.get("/api/search?q=budget").headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/?q=budget").headers


# (url, status): answers of every kind from the API and the health check.
API_ANSWERS = [
    ("/api/search?q=budget", 200),
    ("/api/documents?q=budget", 200),
    ("/api/forbund", 200),
    ("/api/compare?q=budget", 200),
    ("/api/openapi.json", 200),
    ("/healthz", 200),
    ("/api/search?q=budget&limit=0", 400),
    ("/api/sections/nope", 404),
    ("/api/nope", 404),
    ("/api", 404),  # the API's root: was the HTML error page
]


@pytest.mark.parametrize(("url", "status"), API_ANSWERS)
def test_every_api_answer_is_json_with_its_charset_and_revalidated(
    client, url: str, status: int
) -> None:
    """Found in review: JSON went out as bare application/json while the server's own error
    answers said charset=utf-8 (a client that guesses Latin-1 garbled å, ä, ö), with no word
    to caches, so a shared cache could keep a 404 for an id the next indexing run adds."""
    for method in ("GET", "HEAD"):
        response = client.open(url, method=method)
        assert response.status_code == status
        assert response.content_type == "application/json; charset=utf-8"
        assert response.headers["Cache-Control"] == "no-cache"
    if status >= 400:
        assert set(client.get(url).get_json()["error"]) == ERROR_KEYS


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("/?q=budget", "text/html; charset=utf-8"),
        ("/apix", "text/html; charset=utf-8"),  # not the API: a page's 404
        ("/api/search.csv?q=budget", "text/csv; charset=utf-8"),
        ("/feed?q=budget", "application/atom+xml; charset=utf-8"),
    ],
)
def test_pages_and_downloads_keep_their_types_and_pages_no_cache_rule(
    client, url: str, content_type: str
) -> None:
    response = client.get(url)
    assert response.content_type == content_type
    assert ("Cache-Control" in response.headers) == url.startswith("/api/")


def test_a_cross_origin_preflight_gets_its_answer(client) -> None:
    """A page elsewhere that sends a header of its own (`X-Requested-With`) asks first with
    OPTIONS; Flask's answer was a 200 with an empty text/html body and no CORS methods or
    headers, so the browser refused the GET."""
    asks = {
        "Origin": "https://annan.example",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "x-requested-with",
    }
    response = client.options("/api/search?q=budget", headers=asks)
    assert response.status_code == 204 and response.data == b""
    assert "Content-Type" not in response.headers
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Access-Control-Allow-Methods"] == "GET, HEAD"
    assert response.headers["Access-Control-Allow-Headers"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    page = client.options("/?q=budget", headers=asks)  # pages are not read cross-origin
    assert page.status_code == 200 and "Access-Control-Allow-Origin" not in page.headers


def test_document_text_with_markup_is_escaped_everywhere(client) -> None:
    results = client.get("/?q=säkerhetsrutiner").get_data(as_text=True)
    hit = first_hit(client, "säkerhetsrutiner")
    document = client.get(f"/doc/{hit['doc_id']}?q=säkerhetsrutiner").get_data(as_text=True)
    api = client.get(f"/api/documents/{hit['doc_id']}").get_data(as_text=True)
    for page in (results, document):
        assert (
            "<script>alert" not in page
            and "<img src=x" not in page
            and "<b onmouseover" not in page
        )
        assert "&lt;script&gt;alert(" in page
        assert 'href="javascript:' not in page
    # JSON carries document text as data: served as JSON, which browsers never sniff.
    response = client.get(f"/api/documents/{hit['doc_id']}")
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert '<script>alert(\\"xss\\")</script>' in api


# (method, path, JSON?): a method a route does not take, on the API and on the pages.
NOT_ALLOWED = [
    ("POST", "/api/search?q=budget", True),
    ("DELETE", "/api/forbund", True),
    ("PUT", "/healthz", True),
    ("POST", "/", False),
    ("POST", "/feed?q=budget", False),
    ("PATCH", "/compare.csv?q=budget", False),
]


@pytest.mark.parametrize(
    ("method", "path", "json"), NOT_ALLOWED, ids=[f"{m} {p}" for m, p, _ in NOT_ALLOWED]
)
def test_a_method_not_allowed_says_which_one_is(client, method: str, path: str, json: bool) -> None:
    """RFC 9110 §15.5.6: a 405 carries Allow; the message says which method to use."""
    response = client.open(path, method=method)
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert response.headers["X-Content-Type-Options"] == "nosniff"  # still a whole answer
    if json:
        assert response.mimetype == "application/json"
        assert response.get_json()["error"] == {
            "status": 405,
            "code": "method_not_allowed",
            "message": "Metoden stöds inte här. Använd GET.",
        }
    else:
        assert response.mimetype == "text/html"  # a reader's words: a page is fetched
        assert "Sidan kan bara hämtas, inte skickas till." in response.get_data(as_text=True)


# (Range header, status): a part of an original file that is not there. Werkzeug's answer
# named it in English ("Requested Range Not Satisfiable.") on the error page.
RANGES = [("bytes=999999-", 416), ("bytes=abc", 416), ("bytes=0-10", 206)]


@pytest.mark.parametrize(("range_", "status"), RANGES)
def test_a_range_outside_the_original_is_told_in_swedish(client, range_: str, status: int) -> None:
    hit = client.get("/api/search", query_string={"q": "budget", "limit": 1}).get_json()["hits"]
    response = client.get(f"/doc/{hit[0]['doc_id']}/original", headers={"Range": range_})
    assert response.status_code == status
    if status == 416:
        page = response.get_data(as_text=True)
        assert "Den begärda delen av filen finns inte (Range); hämta hela filen." in page
        assert "Requested" not in page


# --- health and failure modes ---------------------------------------------------------


def test_healthz(client) -> None:
    assert client.get("/healthz").get_json() == {
        "status": "ok",
        "documents": 7,
        "sections": 65,
        "analysis_current": True,
    }


def test_healthz_tells_an_index_made_with_other_analysis_rules(
    web_index: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "ix"
    shutil.copytree(web_index, copy)
    meta = copy / META_FILE
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "analysis": "older"}))
    client = create_app({"FINSOK_INDEX": str(copy), "TESTING": True}).test_client()
    assert client.get("/healthz").get_json()["analysis_current"] is False


def _no_index(web_index: Path, tmp_path: Path) -> Path:
    return tmp_path / "none"


def _a_file(web_index: Path, tmp_path: Path) -> Path:
    path = tmp_path / "index-file"
    path.write_text("inte ett index")
    return path


def _other_schema(web_index: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "ix"
    shutil.copytree(web_index, copy)
    meta = copy / META_FILE
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "schema_version": -1}))
    return copy


@pytest.mark.parametrize(
    ("make", "code", "says"),
    [
        (_no_index, "no_index", "Index saknas på servern — kör `finsok index data/sample`"),
        (_a_file, "bad_index", "orsaken står i serverns logg"),
        (_other_schema, "schema_mismatch", "kör `finsok index --rebuild`"),
    ],
)
@pytest.mark.parametrize("url", ["/?q=budget", "/documents?q=budget", "/coverage"])
def test_an_index_that_cannot_be_opened_is_a_503_without_server_paths(
    web_index: Path, tmp_path: Path, make, code: str, says: str, url: str
) -> None:
    """Pages and the API say what to do, but not where the server keeps its index: the
    store's own message (which names the directory, for the command line) goes to the log."""
    index = make(web_index, tmp_path)
    client = create_app({"FINSOK_INDEX": str(index), "TESTING": True}).test_client()
    page = client.get(url)
    text = page.get_data(as_text=True)
    assert page.status_code == 503 and says in text
    assert "<h1>Sökningen fungerar inte just nu</h1>" in text
    for response in (client.get("/api/search?q=budget"), client.get("/healthz")):
        assert response.status_code == 503
        error = response.get_json()["error"]
        assert set(error) == ERROR_KEYS and error["code"] == code and says in error["message"]
    for body in (text, client.get("/api/search?q=budget").get_data(as_text=True)):
        assert str(tmp_path) not in body and "/tmp" not in body and str(ROOT) not in body


def test_why_the_index_cannot_be_opened_is_logged_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    client = create_app({"FINSOK_INDEX": str(tmp_path / "none"), "TESTING": True}).test_client()
    for _ in range(3):
        assert client.get("/api/search?q=budget").status_code == 503
    logged = [r.getMessage() for r in caplog.records if "index cannot be opened" in r.getMessage()]
    assert len(logged) == 1 and str(tmp_path / "none") in logged[0]


def test_an_unexpected_error_reveals_nothing(app, monkeypatch: pytest.MonkeyPatch) -> None:
    from web import data

    def explode(*_a, **_k):
        raise RuntimeError("/secret/path/internals")

    monkeypatch.setattr(data, "search_data", explode)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        client = app.test_client()
        for url in ("/api/search?q=x", "/?q=x"):
            response = client.get(url)
            assert response.status_code == 500
            body = response.get_data(as_text=True)
            assert "/secret/path" not in body and "Traceback" not in body
        assert client.get("/api/search?q=x").get_json()["error"]["code"] == "internal_error"
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = None


def test_config_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FINSOK_INDEX", str(tmp_path / "env-index"))
    monkeypatch.setenv("FINSOK_PAGE_SIZE", "25")
    app = create_app()
    assert app.config["FINSOK_INDEX"] == str(tmp_path / "env-index")
    assert app.config["FINSOK_PAGE_SIZE"] == 25
    assert create_app({"FINSOK_PAGE_SIZE": 5}).config["FINSOK_PAGE_SIZE"] == 5


# (environment, configuration given to create_app, the value used or the start of the error)
SETTINGS = [
    ({"FINSOK_PAGE_SIZE": " 7 "}, {}, ("FINSOK_PAGE_SIZE", 7)),
    ({"FINSOK_PAGE_SIZE": ""}, {}, ("FINSOK_PAGE_SIZE", 10)),  # empty: the default
    ({"FINSOK_PAGE_SIZE": "100"}, {}, ("FINSOK_PAGE_SIZE", 100)),
    ({"FINSOK_FEED_SIZE": "1"}, {}, ("FINSOK_FEED_SIZE", 1)),
    (
        {"FINSOK_PAGE_SIZE": "0"},
        {},
        "FINSOK_PAGE_SIZE=0 går inte att använda: ange ett heltal från 1 till 100 (träffar per "
        "sida när limit inte anges; standard 10)",
    ),
    ({"FINSOK_PAGE_SIZE": "500"}, {}, "FINSOK_PAGE_SIZE=500 går inte att använda: ange ett"),
    ({"FINSOK_PAGE_SIZE": "abc"}, {}, "FINSOK_PAGE_SIZE=abc går inte att använda"),
    ({"FINSOK_PAGE_SIZE": "-5"}, {}, "FINSOK_PAGE_SIZE=-5 går inte att använda"),
    ({"FINSOK_FEED_SIZE": "0"}, {}, "FINSOK_FEED_SIZE=0 går inte att använda: ange ett heltal"),
    ({"FINSOK_FEED_SIZE": "1e3"}, {}, "FINSOK_FEED_SIZE=1e3 går inte att använda"),
    ({}, {"FINSOK_MAX_LIMIT": 0}, "FINSOK_MAX_LIMIT=0 går inte att använda"),
    ({}, {"FINSOK_PAGE_SIZE": True}, "FINSOK_PAGE_SIZE=True går inte att använda"),
    (
        {"FINSOK_PAGE_SIZE": "30"},
        {"FINSOK_MAX_LIMIT": 20},
        "FINSOK_PAGE_SIZE=30 går inte att använda: ange ett heltal från 1 till 20 (träffar per "
        "sida när limit inte anges, högst FINSOK_MAX_LIMIT; standard 10)",
    ),
]


@pytest.mark.parametrize(
    ("environment", "overrides", "expected"), SETTINGS, ids=[str(row[:2]) for row in SETTINGS]
)
def test_numeric_settings_are_checked_when_the_app_is_made(
    monkeypatch: pytest.MonkeyPatch,
    web_index: Path,
    environment: dict,
    overrides: dict,
    expected: tuple | str,
) -> None:
    """A bad number stops the app at once, in one line naming the setting, its value and
    the range; FINSOK_PAGE_SIZE=0 used to make every API call a 400 about `limit`."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    config = {"FINSOK_INDEX": str(web_index), "TESTING": True, **overrides}
    if isinstance(expected, tuple):
        name, value = expected
        made = create_app(config)
        assert made.config[name] == value
        assert made.test_client().get("/api/search?q=styrelsen&page=2").status_code == 200
        return
    with pytest.raises(FinsokError) as caught:
        create_app(config)
    assert str(caught.value).startswith(expected) and "\n" not in str(caught.value)


def test_results_link_to_their_feed_and_comparison(client) -> None:
    page = client.get("/?q=ESF&forbund=halland").get_data(as_text=True)
    assert 'href="/feed?q=ESF&amp;forbund=halland">Bevaka sökningen (Atom)</a>' in page
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert 'href="/compare?q=ESF&amp;forbund=halland"' in page


# --- identity numbers typed into the search box ----------------------------------------

# Luhn-valid, so index.privacy takes them for identity numbers, in the forms it knows.
TYPED_NUMBERS = ["19850412-1230", "850412-1230", "198504121230", "19850412 1230",
                 "1985-04-12-1230", "850412+1230", "19850412 - 1230", "19850412–1230",
                 "１９８５０４１２－１２３０", "19850412    1230", "1985\n0412\n-1230",
                 "19850412\u2028-1230", "8  5  0  4  1  2 - 1  2  3  0"]  # fmt: skip


@pytest.mark.parametrize("number", TYPED_NUMBERS)
def test_the_numbers_are_identity_numbers(number: str) -> None:
    """As typed (over lines, with runs of spaces) they are masked like documents mask them."""
    from index.privacy import MASK, mask_typed

    assert mask_typed(number) == MASK


@pytest.mark.parametrize("number", TYPED_NUMBERS)
@pytest.mark.parametrize(
    "url",
    ["/?q={}", "/?q=budget OR {}", "/?q=budgte {}", "/?q=år:{} budget", "/documents?q={}",
     "/compare?q=budget OR {}", "/doc/{doc_id}?q={}", "/feed?q=budget OR {}",
     "/api/compare?q=budget OR {}", "/?q=budget -{}", "/?q=förbund:{}",
     "/documents?q=Anna förbund:{}", "/?q=§ {}", "/?q=ESF:s {} OR"],
)  # fmt: skip
def test_a_typed_identity_number_is_never_shown_on_a_page(client, url: str, number: str) -> None:
    """It finds nothing (the index has none), and the title, the search box, the summary,
    the interpretation, the facets and every link show it masked."""
    doc_id = first_hit(client, "genomlysning")["doc_id"]
    response = client.get(url.format(number, doc_id=doc_id))
    page = unicodedata.normalize("NFKC", response.get_data(as_text=True))
    assert response.status_code == 200
    assert "XXXXXX-XXXX" in page
    assert not re.search(r"850412|8504\D{1,3}12|04\D{1,3}12\D{1,3}1230", page), re.findall(
        r".{60}(?:850412|04\D{1,3}12).{60}", page
    )


@pytest.mark.parametrize("number", TYPED_NUMBERS)
@pytest.mark.parametrize(
    "url",
    ["/?q=budget&forbund={}", "/documents?q=Anna&forbund={}", "/api/search?q=budget&forbund={}",
     "/api/documents?q=Anna&forbund={}", "/api/compare?q=budget&forbund={}",
     "/feed?q=budget&forbund={}", "/?q=bud\u00adget {}"],
)  # fmt: skip
def test_a_number_in_any_parameter_is_never_repeated(client, url: str, number: str) -> None:
    response = client.get(url.format(number))
    assert response.status_code == 200
    text = unicodedata.normalize("NFKC", response.get_data(as_text=True))
    assert not re.search(r"850412|8504\D{1,3}12|04\D{1,3}12\D{1,3}1230", text), re.findall(
        r".{60}(?:850412|04\D{1,3}12).{60}", text
    )


@pytest.mark.parametrize("number", [*TYPED_NUMBERS, "19850412\u00ad1230", "19850412\u200b1230"])
@pytest.mark.parametrize(
    "url",
    ["/?q=budget&page={}", "/api/search?q=budget&limit={}", "/?q=budget&from={}",
     "/documents?q=budget&to={}", "/compare?q=budget&from={}&sort={}"],
)  # fmt: skip
def test_an_error_never_quotes_a_typed_identity_number(client, url: str, number: str) -> None:
    response = client.get(url.format(number, number))
    assert response.status_code == 400
    text = unicodedata.normalize("NFKC", response.get_data(as_text=True))
    assert "XXXXXX-XXXX" in text and not re.search(r"850412|04\D{1,3}12", text), text


@pytest.mark.parametrize("number", TYPED_NUMBERS)
@pytest.mark.parametrize("route", ["/api/search", "/api/documents"])
def test_the_api_masks_a_typed_identity_number(client, route: str, number: str) -> None:
    body = client.get(route, query_string={"q": f"budgte {number}"})
    data = body.get_json()
    assert data["query"] == "budgte XXXXXX-XXXX" and data["params"]["q"] == data["query"]
    assert "850412" not in body.get_data(as_text=True)
    assert any("X" in line for line in data["interpretation"])  # masked, also digit by digit


def test_a_query_without_an_identity_number_is_echoed_as_typed(client) -> None:
    """Dates and amounts are not identity numbers: nothing else is masked."""
    q = "2025-06-11 budget 19850412 1231"  # the last is no valid number (Luhn)
    assert client.get("/api/search", query_string={"q": q}).get_json()["query"] == q
    page = client.get("/", query_string={"q": q}).get_data(as_text=True)
    assert f'value="{q}"' in page and "XXXXXX" not in page


def test_hit_titles_mark_the_query_and_stay_escaped(client) -> None:
    page = client.get("/?q=säkerhetsgenomgång").get_data(as_text=True)
    title = (
        "§ 1 <mark>Säkerhetsgenomgång</mark> &lt;script&gt;alert(&quot;titel&quot;)&lt;/script&gt;"
    )
    assert f"{title}</a></h2>" in page
    assert '<script>alert("titel")' not in page


@pytest.mark.parametrize("path", ["/api/search", "/", "/documents", "/compare", "/feed"])
def test_deeply_nested_parentheses_are_no_error(client, path: str) -> None:
    deep = client.get(path, query_string={"q": "(" * 400 + "budget"})
    plain = client.get(path, query_string={"q": "budget"})
    assert deep.status_code == plain.status_code == 200
    if path == "/api/search":  # read as the plain word, with a notice that says so
        assert [h["id"] for h in deep.get_json()["hits"]] == [
            h["id"] for h in plain.get_json()["hits"]
        ]
        assert deep.get_json()["total"] > 0
        assert deep.get_json()["notice"]


def test_the_longest_request_the_api_accepts_fits_the_servers_request_line(client) -> None:
    """The server answers a longer request line with a 414 before the app (tests/test_server.py):
    a q at its limit of emoji (12 bytes each, percent-encoded), every other parameter at its
    longest and the 20 longest förbund slugs must fit in `LIMIT_REQUEST_LINE`."""
    from index.metadata import Registry
    from search.query import MAX_QUERY_CHARS
    from web.server import LIMIT_REQUEST_LINE

    slugs = sorted((entry.slug for entry in Registry.load().entries), key=len)[-20:]
    query = urlencode(
        [
            ("q", "\U0001f600" * MAX_QUERY_CHARS),
            ("limit", "100"),
            ("offset", "10000"),
            ("page", "1001"),
            ("from", "2024-01-01"),
            ("to", "2024-12-31"),
            ("kind", "protokollsutdrag"),
            ("decisions", "true"),
            ("sort", "relevance"),
            *[("forbund", slug) for slug in slugs],
        ]
    )
    for path in ("/api/search", "/api/documents", "/api/compare", "/api/compare.csv"):
        line = f"GET {path}?{query} HTTP/1.1"
        assert len(line.encode("ascii")) <= LIMIT_REQUEST_LINE, (path, len(line))
        assert client.get(f"{path}?{query}").status_code == 200


# --- numbers as a Swedish reader writes them -----------------------------------------------

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (0, None, "0"),
        (7, None, "7"),
        (999, None, "999"),
        (5427, None, "5427"),  # four digits stay unspaced, as Språkrådet allows
        (9999, None, "9999"),
        (10000, None, f"10{NBSP}000"),
        (10504, None, f"10{NBSP}504"),
        (1234567, None, f"1{NBSP}234{NBSP}567"),
        (-12345, None, f"\u221212{NBSP}345"),
        (18.75, None, "18,75"),  # a float gets two decimals by default
        (10.0, None, "10,00"),
        (0.0, None, "0,00"),
        (-0.001, None, "0,00"),  # no negative zero
        (0.125, None, "0,13"),  # rounded half up, as a person rounds
        (12345.678, None, f"12{NBSP}345,68"),
        (5427.5, 1, "5427,5"),
        (12.5, 0, "13"),
        (3, 2, "3,00"),  # an int with decimals asked for
        (None, None, ""),
        (float("nan"), None, ""),
    ],
)
def test_tal_writes_numbers_the_swedish_way(value, decimals, text: str) -> None:
    from web.numbers import tal

    assert tal(value, decimals) == text


def inflate(monkeypatch: pytest.MonkeyPatch, module, name: str, change) -> None:
    """Let `module.name` (a page's data function) return its real result changed by `change`:
    the sample index is far too small for five-digit counts."""
    real = getattr(module, name)

    def inflated(*args, **kwargs):
        result = real(*args, **kwargs)
        change(result)
        return result

    monkeypatch.setattr(module, name, inflated)


def _big_search(result: dict) -> None:
    result.update(total=54271, pages=5428, page=1, documents_total=10504)
    for facet in result["facet_list"]:
        for entry in facet["entries"]:
            entry["count"] += 12000


def _big_compare(result: dict) -> None:
    result.update(total=12345, sections=105040)
    for row in result["forbund"] + result["years"] + result["matrix"]:
        row.update(hits=row["hits"] + 12000, sections=row["sections"] + 100000)


def _big_coverage(result: dict) -> None:
    result["totals"].update(documents=10876, sections=210504)
    for row in result["forbund"]:
        row.update(documents=row["documents"] + 1000, sections=row["sections"] + 20000)


@pytest.mark.parametrize(
    ("url", "module", "function", "change", "shown"),
    [
        ("/?q=samordningsförbundet", "data", "search_page_data", _big_search,
         [f">54{NBSP}271 träffar för", "Sida 1 av 5428<", f'<span class="count">12{NBSP}00',
          f"Dokument vars huvud matchar: 10{NBSP}504</h2>", f"visa alla 10{NBSP}504 dokument"]),
        ("/documents?q=samordningsförbundet", "data", "documents_page_data", _big_search,
         [f">54{NBSP}271 dokument för", "Sida 1 av 5428<", f'<span class="count">12{NBSP}00']),
        ("/compare?q=ESF", "research", "compare_data", _big_compare,
         [f">12{NBSP}345 träffar för ”ESF” i 105{NBSP}040 sektioner",
          f"<td>12{NBSP}002</td><td>100{NBSP}012</td>",
          f"(12{NBSP}002 av 100{NBSP}012)</title>"]),
        ("/coverage", "research", "coverage_data", _big_coverage,
         [f">10{NBSP}876 dokument med 210{NBSP}504 sektioner",
          f"<td>1001</td>\n      <td>20{NBSP}0", f"<td>10{NBSP}876</td>"]),
    ],
)  # fmt: skip
def test_pages_write_counts_with_a_thousands_separator(
    client, monkeypatch: pytest.MonkeyPatch, url, module, function, change, shown
) -> None:
    from web import data, research

    inflate(monkeypatch, {"data": data, "research": research}[module], function, change)
    page = client.get(url).get_data(as_text=True)
    missing = [s for s in shown if s not in page]
    assert not missing, missing


def test_compare_page_writes_every_rate_with_two_decimals(client) -> None:
    """The table, the summary and the chart's values all say "10,00" where the rate is 10."""
    page = client.get("/compare?q=genomlysning").get_data(as_text=True)
    assert "<td>10,00</td>" in page and "<td>18,75</td>" in page
    assert re.search(r'class="chart-value"[^>]*>10,00</text>', page)
    assert re.search(r'class="chart-value"[^>]*>18,75</text>', page)
    assert not re.search(r'class="chart-value"[^>]*>\d+</text>', page)  # never "10" alone
    assert re.search(r"sektioner: \d+,\d\d per 100 sektioner", page)


# --- landmarks ------------------------------------------------------------------------------


def region_names(page: str) -> list[str]:
    """The accessible name of every role="region" element: its aria-label, or the text of the
    elements its aria-labelledby names (a table's caption)."""
    from html.parser import HTMLParser

    class Regions(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.regions: list[dict] = []
            self.text: dict[str, str] = {}  # caption id -> its text
            self.caption: str | None = None  # the id of the caption being read

        def handle_starttag(self, tag: str, attrs: list) -> None:
            a = dict(attrs)
            if a.get("role") == "region":
                self.regions.append(a)
            if tag == "caption" and a.get("id"):
                self.caption = a["id"]
                self.text[self.caption] = ""

        def handle_endtag(self, tag: str) -> None:
            if tag == "caption":
                self.caption = None

        def handle_data(self, data: str) -> None:
            if self.caption:
                self.text[self.caption] += data

    parser = Regions()
    parser.feed(page)
    return [
        r.get("aria-label")
        or " ".join(parser.text.get(i, "").strip() for i in r.get("aria-labelledby", "").split())
        for r in parser.regions
    ]


@pytest.mark.parametrize(
    ("url", "names"),
    [
        ("/compare?q=ESF", ["Diagram per förbund", "Träffar per förbund för ”ESF”",
                            "Diagram per år", "Träffar per år för ”ESF”",
                            "Träffar per förbund och år för ”ESF”"]),
        ("/coverage", ["Indexerade protokoll per förbund"]),
    ],
)  # fmt: skip
def test_every_region_has_its_own_name(client, url: str, names: list[str]) -> None:
    """axe's landmark-unique: three regions all called "Tabell" could not be told apart."""
    assert region_names(client.get(url).get_data(as_text=True)) == names


# --- copy buttons ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "first_name"),
    [
        ("/?q=genomlysning", "Kopiera citat för § 11, Samordningsförbundet i Blekinge 2025-09-29"),
        ("doc:genomlysning", "Kopiera citat för § 1"),
    ],
)  # fmt: skip
def test_every_copy_button_says_what_it_copies(client, url: str, first_name: str) -> None:
    """Ten buttons all named "Kopiera" cannot be told apart: each is named after its
    citation, starting with its visible label (WCAG 2.5.3)."""
    if url.startswith("doc:"):
        url = first_hit(client, url[4:])["url"].partition("#")[0]
    page = client.get(url).get_data(as_text=True)
    names = [
        html.unescape(n)
        for n in re.findall(r'<button type="button" class="copy" [^>]*aria-label="([^"]+)"', page)
    ]
    assert names and names[0] == first_name, names
    assert len(set(names)) == len(names), names
    assert page.count('class="copy"') == len(names)


def test_create_app_takes_its_overrides_as_config(web_index: Path) -> None:
    made = create_app(config={"FINSOK_INDEX": str(web_index), "FINSOK_PAGE_SIZE": 7})
    assert made.config["FINSOK_PAGE_SIZE"] == 7
    assert made.config["FINSOK_INDEX"] == str(web_index)


@pytest.mark.parametrize(
    "url",
    [
        "/?q=ESF%00",
        "/?q=%1b%5B31mESF",
        "/doc/%00",
        "/doc/%1b?q=%00",
        "/api/search?q=ESF%00%1b",
        "/api/documents?q=%1b%5B31m",
        "/compare?q=ESF%07",
    ],
)
def test_control_characters_typed_in_a_url_are_never_echoed(client, url: str) -> None:
    """A NUL, a bell or an escape in the URL is nothing a user meant: no page or answer
    repeats it raw (the URL itself keeps it percent-encoded)."""
    response = client.get(url)
    assert response.status_code in (200, 404)
    assert not {"\x00", "\x07", "\x1b"} & set(response.get_data(as_text=True))


HALLAND = "Samordningsförbundet i Halland"


@pytest.mark.parametrize(
    ("url", "name", "label", "without"),
    [
        # An excluded förbund by its name, as a chosen one is named beside it (fix25b: the
        # line said "utom förbundet ”vastra-malardalen”", the slug, and these pinned it).
        ("/?q=budget -förbund:halland", "förbund", f"utom förbundet ”{HALLAND}”", "/?q=budget"),
        ("/?q=budget NOT år:2023", "år", "utom år 2023", "/?q=budget"),
        ("/?q=budget -typ:beslut", "typ", "utom sektioner med beslut", "/?q=budget"),
        ("/?q=budget -förbund:halland år:2025", "förbund", f"utom förbundet ”{HALLAND}”",
         "/?q=budget år:2025"),
        ("/documents?q=Försäkringskassan -förbund:halland", "förbund",
         f"utom förbundet ”{HALLAND}”", "/documents?q=Försäkringskassan"),
        ("/?q=budget -förbund:vastra-malardalen", "förbund",
         "utom förbundet ”Samordningsförbundet Västra Mälardalen”", "/?q=budget"),
        ("/?q=budget -förbund:Halland,Blekinge", "förbund",
         f"utom förbunden ”{HALLAND}” och ”Samordningsförbundet i Blekinge”", "/?q=budget"),
        # the sections without a förbund, and a förbund no one has, as the reading says them
        ("/?q=budget -förbund:okant-forbund", "förbund", "utom sektioner utan förbund",
         "/?q=budget"),
        ("/?q=ESF -förbund:19121212-1212", "förbund", "utom förbundet ”xxxxxx-xxxx”", "/?q=ESF"),
    ],
)  # fmt: skip
def test_an_excluded_filter_shows_as_an_active_filter(
    client, url: str, name: str, label: str, without: str
) -> None:
    """Found in QA: "budget -förbund:halland" narrowed the search with no sign of it beside the
    hits. An excluded filter is listed with the chosen ones, removable on its own, counted in
    the filter box, and cleared with them."""
    page = client.get(url).get_data(as_text=True)
    shown = re.search(r'<p class="active-filters">(.*?)</p>', page, re.S).group(1)
    entry = re.search(rf'{name}: <strong>([^<]+)</strong> <a class="remove" href="([^"]+)"', shown)
    assert html.unescape(entry.group(1)).lower() == label.lower()
    assert html.unescape(entry.group(2)) == url_quoted(without)
    assert re.search(r"<summary>Filtrera \(\d+ (valt|valda)\)", page)
    assert "Rensa filter" in shown
    assert "19121212" not in page


@pytest.mark.parametrize("url", ["/?q=ESF&page={n}", "/api/search?q=ESF&page={n}"])
def test_an_identity_number_split_by_a_control_character_is_masked_in_errors(
    client, url: str
) -> None:
    """An error quotes the parameter as given: its control characters go before the masking
    looks for numbers, or one between the digits would hide the number from it and the
    page's own dropping of controls would join the digits again."""
    response = client.get(url.format(n="19121212%1B-1212"))
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "1212" not in body  # nor in a link's address, percent-encoded
    assert "XXXXXX" in body


@pytest.mark.parametrize("url", ["/?q={n}&kind=x", "/compare?q={n}&kind=x", "/doc/zz?q={n}"])
def test_a_way_on_names_the_query_with_a_split_identity_number_masked(client, url: str) -> None:
    """Found in review: the way on's label ("Sök på ”…” igen") masked the query before it
    dropped its control characters, so a number split by one was joined again unmasked in
    the link's words; and the link's address kept it as given, percent-encoded."""
    response = client.get(url.format(n="19121212%1B-1212"))
    assert response.status_code in (400, 404)
    body = response.get_data(as_text=True)
    assert "19121212-1212" not in body and "1212" not in body
    assert "”XXXXXX-XXXX”" in body


@pytest.mark.parametrize("url", ["/?q=budget&forbund={n}", "/api/search?q=budget&forbund={n}"])
def test_a_forbund_with_a_split_identity_number_is_masked(client, url: str) -> None:
    """Found in review: a förbund value was masked before its control characters went, so a
    number split by one was shown joined (the notice, the active filter, the API's params)."""
    body = client.get(url.format(n="19121212%1B-1212")).get_data(as_text=True)
    assert "19121212-1212" not in body and "1212" not in body


def test_a_section_without_a_label_is_headed_by_its_title_alone(tmp_path: Path) -> None:
    """A document without § headings is one section with no label: its heading and its entry
    in the table of contents began with a space ("<h2> Protokoll styrelsemöte …")."""
    from index.ingest import ingest

    (tmp_path / "a.txt").write_text(
        "Protokoll styrelsemöte 2024-03-12\nSamordningsförbundet i Halland\n\n"
        "Styrelsen gick igenom verksamheten och ekonomin under året.\n",
        encoding="utf-8",
    )
    assert ingest([tmp_path / "a.txt"], tmp_path / "ix").added == 1
    client = create_app({"FINSOK_INDEX": str(tmp_path / "ix"), "TESTING": True}).test_client()
    [hit] = client.get("/api/search?q=verksamheten").get_json()["hits"]
    assert hit["label"] in ("", None)
    page = client.get(hit["url"].partition("#")[0]).get_data(as_text=True)
    headings = re.findall(r'<h2 id="h-[^"]+">([^<]*)</h2>', page)
    entries = re.findall(r'<li><a href="#[^"]+">([^<]*)</a></li>', page)
    assert headings and entries and headings[0] == entries[0] == headings[0].strip()


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("kind=%20Protokoll%20", {"kind": "protokoll"}),
        ("sort=date%20", {"sort": "date"}),
        ("undated=%201", {"undated": True}),
        ("decisions=1%20&kind=protokoll", {"decisions": True, "kind": "protokoll"}),
    ],
)
def test_an_enumerated_value_is_read_as_the_links_write_it(client, typed: str, read: dict) -> None:
    """The links write an enumerated value stripped (`web.params.canonical`), but the search
    read it as sent: a page took undated=%201 as off and every link turned it on, and the
    API refused kind=%20protokoll quoting "protokoll", the value it asks for."""
    answer = client.get(f"/api/search?q=budget&{typed}")
    assert answer.status_code == 200, answer.get_json()
    assert read.items() <= answer.get_json()["params"].items()
    name = typed.partition("=")[0]
    if name == "undated":  # the page reads it as the links write it: on, its facet chosen
        page = client.get(f"/?q=budget&{typed}").get_data(as_text=True)
        assert 'aria-label="Ta bort filtret år: odaterat"' in page


@pytest.mark.parametrize("typed", ["undated=ja", "kind=protokol", "sort=datum"])
def test_an_enumerated_value_that_is_none_is_still_refused(client, typed: str) -> None:
    assert client.get(f"/api/search?q=budget&{typed}").status_code == 400


# --- one rule for the API's error messages ------------------------------------------------

# Requests that each make one of the API's errors: every parameter's ways of being bad, on
# each kind of route, unknown ids and paths, a method other than GET.
API_ERRORS = [
    ("GET", "/api/search?limit=0"),
    ("GET", "/api/search?limit=101"),
    ("GET", "/api/search?limit=x"),
    ("GET", "/api/search?offset=-1"),
    ("GET", "/api/search?offset=10001"),
    ("GET", "/api/search?page=0"),
    ("GET", "/api/search?page=99999"),
    ("GET", "/api/search?kind=foo"),
    ("GET", f"/api/search?kind={'x' * 40}"),  # quoted cut short, with "…"
    ("GET", "/api/search?sort=foo"),
    ("GET", "/api/search?from=2024-02-30"),
    ("GET", "/api/search?from=20240101"),
    ("GET", "/api/search?to=x"),
    ("GET", "/api/search?from=2024-02-01&to=2024-01-01"),
    ("GET", "/api/search?decisions=ja"),
    ("GET", "/api/search?undated=ja"),
    ("GET", "/api/search?kind=protokoll&kind=rapport"),
    ("GET", "/api/search?q=m%E5l"),
    ("GET", f"/api/search?q={'x' * 501}"),
    ("GET", "/api/search?" + "&".join(f"forbund=f{n}" for n in range(101))),
    ("GET", "/api/documents?sort=foo"),
    ("GET", "/api/compare?kind=foo"),
    ("GET", "/api/compare.csv?from=x"),
    ("GET", "/api/search.csv?undated=ja"),
    ("GET", "/api/documents/nosuch"),
    ("GET", "/api/documents/nosuch?section_html=x"),
    ("GET", "/api/documents/nosuch?q=a&q=b"),
    ("GET", "/api/sections/nosuch"),
    ("GET", "/api/nosuch"),
    ("GET", "/api"),
    ("POST", "/api/search"),
    ("DELETE", "/healthz"),
]


@pytest.mark.parametrize(("method", "url"), API_ERRORS, ids=[u[:50] for _, u in API_ERRORS])
def test_every_api_error_message_is_a_sentence_ending_in_a_full_stop(
    client, method: str, url: str
) -> None:
    """One rule for every `error.message`, as the pages' messages and most of the API's had
    it: a sentence that ends in a full stop. Several reasons ("Parametern sort: måste vara
    relevance eller date, inte ”foo”") ended without one."""
    response = client.open(url, method=method)
    assert response.status_code >= 400 and response.mimetype == "application/json"
    message = response.get_json()["error"]["message"]
    assert message.endswith(".") and not message.endswith(".."), message
    assert message[0].isupper(), message


def test_the_api_errors_without_an_index_or_from_the_server_end_in_a_full_stop(
    tmp_path: Path,
) -> None:
    """The same rule for a missing index (503), a failure of the server's own (500) and what
    the web server answers before the app sees a request (`web.server`)."""
    from web.errors import INTERNAL_MESSAGE
    from web.server import _UNREADABLE

    missing = create_app({"FINSOK_INDEX": str(tmp_path / "none"), "TESTING": True}).test_client()
    messages = [
        missing.get(url).get_json()["error"]["message"] for url in ("/api/search?q=b", "/healthz")
    ]
    messages += [INTERNAL_MESSAGE, *(message for _, _, message in _UNREADABLE)]
    assert all(m.endswith(".") and not m.endswith("..") for m in messages), messages


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("/api/documents/%00", "Okänt dokument: adressen har inget dokument-id"),
        ("/api/documents/%20", "Okänt dokument: adressen har inget dokument-id"),
        ("/api/documents/xyz", "Okänt dokument: ”xyz” är inget dokument-id"),
        ("/api/documents/19121212-1212", "Okänt dokument: ”XXXXXX-XXXX” är inget dokument-id"),
    ],
)
def test_a_malformed_document_id_is_told_what_an_id_looks_like(client, url: str, said: str) -> None:
    """ "/api/documents/%00" answered "Okänt dokument: ." once the NUL was taken out."""
    response = client.get(url)
    assert response.status_code == 404
    message = response.get_json()["error"]["message"]
    assert message == f"{said} (16 tecken 0–9 och a–f, som en träffs doc_id)."
