"""The hit list as CSV (/search.csv for Excel, /api/search.csv for programs): the same hits
in the same order as the search, readable text, links that lead back, nothing typed echoed."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date
from urllib.parse import urlsplit

import pytest

from search.engine import SearchParams
from web import create_app, export

BOM = "\ufeff".encode()
ROUTES = [("/search.csv", True), ("/api/search.csv", False)]


def rows_of(body: bytes, *, excel: bool) -> list[list[str]]:
    """The file as a spreadsheet or a program reads its form (see tests/test_research)."""
    assert body.startswith(BOM) is excel
    assert body.endswith(b"\r\n")
    text = body.decode("utf-8-sig" if excel else "utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))


def download(client, path: str, **params) -> tuple[list[list[str]], str]:
    response = client.get(path, query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/csv"
    return rows_of(response.data, excel=path == "/search.csv"), response.headers[
        "Content-Disposition"
    ]


def search_ids(client, **params) -> list[str]:
    answer = client.get("/api/search", query_string={**params, "limit": 100}).get_json()
    assert answer["total"] <= 100  # the whole list fits one page of the sample index
    return [hit["id"] for hit in answer["hits"]]


@pytest.mark.parametrize(("path", "excel"), ROUTES)
@pytest.mark.parametrize(
    "params",
    [
        {"q": "genomlysning"},
        {"q": "ESF", "sort": "date"},
        {"q": "styrelsen", "forbund": "blekinge"},
        {"q": "beslut", "kind": "decision"},
        {"q": "budget -förbund:halland"},
        {"q": '"extern genomlysning" OR NNS'},
    ],
)
def test_the_file_holds_the_searchs_hits_in_its_order(
    client, path: str, excel: bool, params: dict
) -> None:
    rows, _ = download(client, path, **params)
    header, body = rows[0], rows[1:]
    assert tuple(header) == (export.EXCEL_HITS_HEADER if excel else export.HITS_HEADER)
    ids = search_ids(client, **params)
    assert ids, params  # each search finds something in the sample
    assert [row[0] for row in body] == ids
    assert all(len(row) == len(header) for row in body)


@pytest.mark.parametrize(("path", "excel"), ROUTES)
def test_each_row_reads_as_text_and_links_to_its_paragraph(client, path: str, excel: bool) -> None:
    rows, _ = download(client, path, q="genomlysning")
    header = rows[0]
    hits = client.get("/api/search", query_string={"q": "genomlysning", "limit": 100}).get_json()
    for row, hit in zip(rows[1:], hits["hits"], strict=True):
        cell = dict(zip(header, row, strict=True))
        snippet = cell["Utdrag" if excel else "utdrag"]
        assert "<mark>" not in hit["snippet"] or "genomlysning" in snippet.lower()
        assert "<" not in snippet and "&amp;" not in snippet
        assert cell["Träff i beslut" if excel else "i_beslut"] == (
            ("ja" if hit["decision"] else "nej") if excel else str(hit["decision"]).lower()
        )
        assert cell["Källhänvisning" if excel else "källhänvisning"] == hit["citation"]
        assert cell["Sida med träffen" if excel else "träffsida"] == str(hit["match_page"] or "")
        link = urlsplit(cell["Länk" if excel else "länk"])
        assert link.scheme == "http" and link.fragment
        page = client.get(link.path)
        assert page.status_code == 200
        assert f'id="{link.fragment}"' in page.get_data(as_text=True)


@pytest.mark.parametrize(("path", "excel"), ROUTES)
def test_paging_parameters_do_not_cut_the_file(client, path: str, excel: bool) -> None:
    """A link copied from the second page of hits downloads the whole list, and the API's
    own limit on a page is no error here."""
    rows, _ = download(client, path, q="styrelsen", limit=2, offset=4, page=3)
    assert [row[0] for row in rows[1:]] == search_ids(client, q="styrelsen")
    assert len(rows) - 1 > 6


def test_a_list_longer_than_the_file_says_so_in_the_excel_form(engine) -> None:
    params = SearchParams(q="styrelsen")
    data = export.hits_data(engine, params, max_rows=3)
    assert len(data["hits"]) == 3 and data["total"] > 3
    excel = rows_of(export.hits_csv(data, "http://x/").encode(), excel=True)
    assert excel[-2] == [] and excel[-1][0].startswith(
        f"Obs: Filen har de 3 första av {data['total']}"
    )
    plain = rows_of(export.hits_csv(data, "http://x/", excel=False).encode(), excel=False)
    assert len(plain) == 4  # programs get data rows only; the total is in /api/search


def test_a_cell_never_starts_a_formula() -> None:
    hit = {
        "id": "a-p1",
        "forbund": "=cmd|' /C calc'!A0",
        "forbund_slug": "x",
        "date": None,
        "kind": "protokoll",
        "label": "§ 1",
        "number": 1,
        "title": "+SUM(A1)",
        "decision": False,
        "snippet": "@x &lt;b&gt; <mark>ord</mark> &amp; -1",
        "source": "a.txt",
        "url": "/doc/a#p1",
    }
    rows = rows_of(export.hits_csv({"hits": [hit], "total": 1}, "http://x/").encode(), excel=True)
    cell = dict(zip(rows[0], rows[1], strict=True))
    assert cell["Förbund"] == "'=cmd|' /C calc'!A0" and cell["Rubrik"] == "'+SUM(A1)"
    assert cell["Utdrag"] == "'@x <b> ord & -1"  # plain text, still no formula
    assert cell["Länk"] == "http://x/doc/a#p1" and cell["Datum"] == "odaterat"  # as the page
    # The citation begins with the förbund's name, here a formula too.
    assert cell["Källhänvisning"] == "'=cmd|' /C calc'!A0, odaterat, § 1"
    assert (cell["Sida"], cell["Sista sida"], cell["Sida med träffen"]) == ("", "", "")


@pytest.mark.parametrize("excel", [True, False])
def test_the_page_columns_and_citation_of_a_report_over_pages(excel: bool) -> None:
    """A report is cited by its title, which its text gave and may start like a formula; its
    page columns hold the span and the page of the match, in both forms."""
    hit = {
        "id": "a-m8",
        "forbund": "Samordningsförbundet Skåne Nordost",
        "forbund_slug": "skane-nordost",
        "date": "2024-04-30",
        "kind": "rapport",
        "label": "Mål 8",
        "number": 8,
        "title": "Insatser",
        "doc_title": "-Tertialrapport Samordningsförbundet Skåne Nordost",
        "decision": False,
        "snippet": "<mark>insatser</mark>",
        "source": "tertial.pdf",
        "url": "/doc/a#m8",
        "page": 4,
        "page_end": 6,
        "match_page": 5,
    }
    body = export.hits_csv({"hits": [hit], "total": 1}, "http://x/", excel=excel)
    rows = rows_of(body.encode(), excel=excel)
    cell = dict(zip(rows[0], rows[1], strict=True))
    names = ("Sida", "Sista sida", "Sida med träffen", "Källhänvisning")
    if not excel:
        names = ("sida", "sista_sida", "träffsida", "källhänvisning")
    assert [cell[name] for name in names] == [
        "4",
        "6",
        "5",
        "'-Tertialrapport Samordningsförbundet Skåne Nordost, period till 2024-04-30, Mål 8, "
        "s. 4–6",
    ]


@pytest.mark.parametrize(("path", "excel"), ROUTES)
def test_the_name_says_what_the_file_holds_and_no_identity_number(
    client, path: str, excel: bool
) -> None:
    rows, disposition = download(
        client, path, q="budget 19121212-1212", forbund="blekinge", kind="decision"
    )
    assert (
        disposition
        == 'attachment; filename="finsok-traffar-budget-xxxxxx-xxxx-blekinge-beslut.csv"'
    )
    assert "1212" not in "".join(",".join(row) for row in rows)


def test_the_search_page_links_to_its_download(client) -> None:
    """(ESF in Blekinge, which this used to take, finds nothing: such a search offers no
    download, see test_research.py.)"""
    page = client.get("/", query_string={"q": "ESF", "forbund": "halland"}).get_data(as_text=True)
    assert 'href="/search.csv?q=ESF&amp;forbund=halland" download>Ladda ner träffarna (CSV)' in page


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/search.csv", {"q": "ESF", "kind": "nej"}, 400),
        ("/api/search.csv", {"q": "ESF", "from": "2024-02-30"}, 400),
        ("/api/search.csv", {"q": "x" * 501}, 400),
    ],
)
def test_the_api_refuses_a_bad_parameter_with_its_error_shape(
    client, path: str, params: dict, status: int
) -> None:
    response = client.get(path, query_string=params)
    assert response.status_code == status
    error = response.get_json()["error"]
    assert error["status"] == status and error["code"] and error["message"]


def test_links_start_with_the_configured_base_url(web_index) -> None:
    app = create_app(
        {"FINSOK_INDEX": str(web_index), "FINSOK_BASE_URL": "https://finsok.example.se/"}
    )
    rows, _ = download(app.test_client(), "/api/search.csv", q="genomlysning")
    assert all(row[12].startswith("https://finsok.example.se/doc/") for row in rows[1:])


@pytest.mark.parametrize(
    ("base_url", "link"),
    [
        ("https://example.se/finsok/", "https://example.se/finsok/doc/a#p1"),
        ("https://example.se/finsok", "https://example.se/finsok/doc/a#p1"),
        ("https://finsok.example.se/", "https://finsok.example.se/doc/a#p1"),  # must not change
    ],
)
def test_links_keep_the_path_of_the_base_url(base_url: str, link: str) -> None:
    """A site served under a path (FINSOK_BASE_URL=https://example.se/finsok/) links there,
    as its feed does; joined to "/doc/…", the link lost "finsok/" and led nowhere."""
    hit = {
        "id": "a-p1",
        "forbund": "F",
        "forbund_slug": "f",
        "date": None,
        "kind": "protokoll",
        "label": "§ 1",
        "number": 1,
        "title": "T",
        "decision": False,
        "snippet": "s",
        "source": "a.txt",
        "url": "/doc/a#p1",
    }
    rows = rows_of(export.hits_csv({"hits": [hit], "total": 1}, base_url).encode(), excel=True)
    assert dict(zip(rows[0], rows[1], strict=True))["Länk"] == link


# Words, inflections and compounds, phrases, prefixes, decisions only, folded spellings,
# acronyms and their long forms: the kinds of match a snippet marks; and whether the download
# takes the scan for them (a query with a needle in too many words has its texts analysed
# whole; none of these).
SNIPPET_QUERIES = [
    ({"q": "genomlysning"}, True),
    ({"q": "genomlysningen"}, True),  # another form of the word: the stem
    ({"q": "utbildning"}, True),  # found as a compound's part too
    ({"q": "forbundsordning"}, True),  # typed without å, ä and ö
    ({"q": "samordningsförbund"}, True),
    ({"q": '"extern genomlysning"'}, True),
    ({"q": '"godkänna dagordningen"'}, True),
    ({"q": "samverk*"}, True),
    ({"q": "beslut", "kind": "decision"}, True),
    ({"q": "styrelsen", "kind": "decision"}, True),
    ({"q": "verksamhetsplan"}, True),  # also its parts written apart, as a phrase
    ({"q": "rehabilitering OR arbetsmarknad"}, True),
    ({"q": "ESF"}, True),  # and its long form, Europeiska socialfonden
    ({"q": "esf"}, True),
    ({"q": "ESF-projekten"}, True),
    ({"q": "utrikesfödda"}, True),  # holds the letters of "esf"
    ({"q": "budget ESF"}, True),
    ({"q": "NNS"}, True),
    ({"q": "SIP"}, True),
    ({"q": "MUCF"}, True),
    ({"q": "FK"}, True),
    ({"q": "Försäkringskassan"}, True),  # and its abbreviation FK
]


@pytest.mark.parametrize(("params", "scans"), SNIPPET_QUERIES)
def test_each_rows_snippet_is_the_snippet_its_page_shows(
    engine, monkeypatch: pytest.MonkeyPatch, params: dict, scans: bool
) -> None:
    """A download analyses only the words of a section that can match (`Highlighter.scan`);
    each of its snippets is still the one the search's page shows for the hit, with the same
    words marked, and its CSV cell that snippet's text."""
    from search import snippets

    scanned = []
    analyze_chunks = snippets.analyze_chunks

    def spy(*args, **kwargs):
        scanned.append(1)
        return analyze_chunks(*args, **kwargs)

    monkeypatch.setattr(snippets, "analyze_chunks", spy)
    page = engine.search(SearchParams(**params, limit=100))
    assert not scanned  # the page analyses its texts whole
    rows = export.hits_data(engine, SearchParams(**params))
    assert page["hits"] and [h["id"] for h in rows["hits"]] == [h["id"] for h in page["hits"]]
    for row, hit in zip(rows["hits"], page["hits"], strict=True):
        assert (row["snippet"], row["decision"]) == (hit["snippet"], hit["decision"])
        assert export.plain_snippet(row["snippet"]) == export.plain_snippet(hit["snippet"])
    assert bool(scanned) is scans


def test_a_downloads_snippet_costs_a_fraction_of_the_whole_texts_analysis() -> None:
    """The scan's point, measured in lines of Python run (`python_steps`), not time: a long
    section with one match costs a small part of analysing it whole."""
    import dataclasses

    from search.snippets import Highlighter, section_snippet
    from tests.conftest import python_steps

    body = "Mötet öppnades och protokollet justerades utan anmärkning av ledamöterna. " * 150
    body += "Styrelsen beslutar att anta förbundsordningen."
    whole = Highlighter.for_words(["förbundsordning"])
    scanned = dataclasses.replace(whole, memo={}, scan=True)
    out: list = []
    cost_whole = python_steps(lambda: out.append(section_snippet(body, [], whole)))
    cost_scanned = python_steps(lambda: out.append(section_snippet(body, [], scanned)))
    assert out[0] == out[1]
    assert cost_scanned * 10 < cost_whole, (cost_scanned, cost_whole)


# -- short needles: "st", "AB", "AF", "FK" -----------------------------------------------------

# A protocol whose sections hold two-letter words and the same letters inside other words, so
# a download that looks for them at the wrong places drops or adds a mark.
_SHORT_PROTOCOL = """Protokoll styrelsemöte
Samordningsförbundet Kortbygd
Sammanträdesdatum 2024-05-14

§ 1 Inköp av stolar
Styrelsen beslutar att köpa 12 st stolar och 2st bord. Första kostnaden, fastställd budget,
ST:s offert och ST-gruppens förslag; Bästa AB och Stolbolaget AB lämnade anbud. Abonnemanget
på paragraf 3 sägs upp. Outnyttjade medel och nytt avtal; ny rutin för stödet.
Beslut:
Styrelsen beslutar att anta offerten från Bästa AB om 12 st stolar.

§ 2 Samverkan med AF och FK
AF:s och Arbetsförmedlingens handläggare och FK, Försäkringskassan, med fk-ärenden. Staffan
från AF-kontoret redovisade, straffavgifter och kraftsamling diskuterades. Stödet fortsätter.

§ 3 Övriga frågor
Mötet avslutades. Inget om budget eller stöd, bara ab-frågor och st-frågor i förbigående.
"""

# Queries whose needles are short (two letters, a prefix, a phrase, OR, exclusions, filters)
# beside their long neighbours: the download's CSV must be the one the whole analysis gives.
_SHORT_QUERIES = [
    {"q": "st"},
    {"q": "ST"},
    {"q": "st*"},
    {"q": "ab*"},
    {"q": "AB"},
    {"q": "ab"},
    {"q": "AF"},
    {"q": "af*"},
    {"q": "FK"},
    {"q": "fk"},
    {"q": "ny"},
    {"q": "st stolar"},
    {"q": '"12 st stolar"'},
    {"q": '"Bästa AB"'},
    {"q": "st OR fk"},
    {"q": "AB OR budget"},
    {"q": "st -stolar"},
    {"q": "AB -AF"},
    {"q": "st", "kind": "decision"},
    {"q": "AB", "kind": "protokoll", "decisions": True},
    {"q": "st", "forbund": ["kortbygd"]},
    {"q": "st", "date_from": date(2024, 1, 1), "date_to": date(2024, 12, 31)},
    {"q": "stolar"},
    {"q": "ESF"},
    {"q": "budget"},
    {"q": "Försäkringskassan"},
    {"q": "styrelse*"},
]


@pytest.fixture(scope="module")
def short_engine(tmp_path_factory: pytest.TempPathFactory):
    """The sample corpus and `_SHORT_PROTOCOL`."""
    from index.ingest import ingest
    from search.engine import Engine
    from tests.conftest import SAMPLE_DIR

    folder = tmp_path_factory.mktemp("short")
    protocol = folder / "kortbygd_2024-05-14.txt"
    protocol.write_text(_SHORT_PROTOCOL, encoding="utf-8")
    summary = ingest([SAMPLE_DIR, protocol], folder / "ix")
    assert summary.ok, summary
    return Engine.open(folder / "ix")


def _both_csvs(engine, params: dict) -> tuple[str, str, int]:
    data = export.hits_data(engine, SearchParams(**params))
    csvs = (export.hits_csv(data, "http://x/"), export.hits_csv(data, "http://x/", excel=False))
    return *csvs, len(data["hits"])


@pytest.mark.parametrize("params", _SHORT_QUERIES, ids=lambda p: "&".join(map(str, p.values())))
def test_a_downloads_csv_is_the_one_the_whole_analysis_gives(
    short_engine, monkeypatch: pytest.MonkeyPatch, params: dict
) -> None:
    """The scan (`Highlighter.scan`) changes what a download costs, never a byte of it: the
    same CSV, both forms, as when every section is analysed whole."""
    from search import snippets

    scanned = _both_csvs(short_engine, params)
    assert scanned[2] > 0
    monkeypatch.setattr(snippets.Highlighter, "_scanned", lambda self, text: None)
    assert _both_csvs(short_engine, params) == scanned


@pytest.mark.parametrize(
    "q", ["st", "ST", "st*", "st stolar", "st OR fk", "AB OR budget", '"12 st stolar"']
)
def test_a_short_needles_download_analyses_no_section_whole(
    short_engine, monkeypatch: pytest.MonkeyPatch, q: str
) -> None:
    """A two-letter word's own terms start a word, so the download looks for "st" at the start
    of words only, and analyses no section whole, as for an acronym such as ESF: "st", in
    most sections' words, had every section analysed whole."""
    from search import snippets

    whole = []
    analyze = snippets.analyze_matching

    def spy(text, *args, **kwargs):
        if snippets._scannable(text):  # a text the scan could have read
            whole.append(text)
        return analyze(text, *args, **kwargs)

    monkeypatch.setattr(snippets, "analyze_matching", spy)
    data = export.hits_data(short_engine, SearchParams(q=q))
    assert data["hits"] and whole == []


# --- One rule for links out of a search ------------------------------------------------------


def feed_links(client, **params) -> list[str]:
    from xml.etree import ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(client.get("/feed", query_string=params).data)
    return [e.find(f"{atom}link").get("href") for e in root.iter(f"{atom}entry")]


@pytest.mark.parametrize(
    ("q", "arg"),
    [
        ("extern genomlysning", "q=extern%20genomlysning"),
        ("genomlysning OR 19850412-1230", "q=genomlysning%20OR%20XXXXXX-XXXX"),  # masked
    ],
)
def test_every_link_out_of_a_search_carries_the_query_one_way(client, q: str, arg: str) -> None:
    """The feed's entries linked with `?q=` (the document marks the query), the CSVs'
    links did not and the API gave no such link at all. Now the API's `url` stays the
    contract's bare address, its `marked_url` carries the query, and the feed, both CSVs and
    the search page link to exactly that."""
    hits = client.get("/api/search", query_string={"q": q, "sort": "date"}).get_json()["hits"]
    assert hits
    for hit in hits:
        assert re.fullmatch(r"/doc/[0-9a-f]{16}#p\d+", hit["url"])  # the contract's shape
        path, anchor = hit["url"].split("#")
        assert hit["marked_url"] == f"{path}?{arg}#{anchor}"
    marked = ["http://localhost" + hit["marked_url"] for hit in hits]
    assert feed_links(client, q=q)[: len(hits)] == marked
    for path, excel in ROUTES:
        rows, _ = download(client, path, q=q, sort="date")
        column = rows[0].index("Länk" if excel else "länk")
        assert [row[column] for row in rows[1 : len(hits) + 1]] == marked
    page = client.get("/", query_string={"q": q, "sort": "date"}).get_data(as_text=True)
    shown = [html.unescape(h) for h in re.findall(r'<h2><a href="(/doc/[^"]+)"', page)]
    assert shown and all(
        link.startswith(hit["marked_url"].split("#")[0])
        for link, hit in zip(shown, hits, strict=False)
    )


def test_a_head_match_and_a_search_without_query_keep_their_links(client) -> None:
    """Must not change: a head's `url` asks for the head unfolded, the query comes first in
    its `marked_url`, as on the pages; a search of filters only has nothing to mark."""
    head = client.get("/api/search?q=Skolgatan").get_json()["documents"][0]
    assert re.fullmatch(r"/doc/[0-9a-f]{16}\?huvud=1#huvud", head["url"])
    assert head["marked_url"] == head["url"].replace("?", "?q=Skolgatan&")
    hits = client.get("/api/search?forbund=halland&sort=date").get_json()["hits"]
    assert hits and all(hit["marked_url"] == hit["url"] for hit in hits)
    assert feed_links(client, forbund="halland")[0] == "http://localhost" + hits[0]["url"]


def test_a_link_out_of_a_filtered_search_carries_its_filters(client) -> None:
    """`marked_url`, the feed's and the CSVs' links carried the query alone, so a document
    opened from a search of decisions only marked the query's words in running text too,
    which the search never looked at (the page reads the filters from its address)."""
    search = {"q": "budget", "kind": "decision", "forbund": "halland", "sort": "date"}
    hits = client.get("/api/search", query_string=search).get_json()["hits"]
    assert hits
    arg = "q=budget&forbund=halland&kind=decision"
    assert all(hit["marked_url"] == hit["url"].replace("#", f"?{arg}#") for hit in hits)
    marked = ["http://localhost" + hit["marked_url"] for hit in hits]
    assert feed_links(client, **search)[: len(hits)] == marked
    rows, _ = download(client, "/search.csv", **search)
    column = rows[0].index("Länk")
    assert [row[column] for row in rows[1 : len(hits) + 1]] == marked
    page = client.get(hits[0]["marked_url"]).get_data(as_text=True)
    assert "bara i besluten" in page  # the page says it marks decisions alone
