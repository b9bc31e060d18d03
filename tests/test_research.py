"""Compare, coverage and feeds: the numbers against the search API, and markup kept inert."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from search.engine import SearchParams
from web import chart, research

ATOM = "{http://www.w3.org/2005/Atom}"
SVG = "{http://www.w3.org/2000/svg}"


def api(client, path: str, **params) -> dict:
    response = client.get(path, query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def sections_per_forbund(client) -> dict[str, int]:
    return {f["slug"]: f["sections"] for f in api(client, "/api/forbund")["forbund"]}


def sections_in_year(client, year: str, **filters) -> int:
    """Sections in a year, counted by the search API (a filter-only search)."""
    return api(
        client, "/api/search", **{"from": f"{year}-01-01", "to": f"{year}-12-31"}, **filters
    )["total"]


def feed(client, **params) -> tuple[ET.Element, bytes]:
    response = client.get("/feed", query_string=params)
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    return ET.fromstring(response.data), response.data


# --- compare: numbers -----------------------------------------------------------------------


def test_compare_counts_agree_with_search_and_section_counts(client) -> None:
    data = api(client, "/api/compare", q="genomlysning")
    search = api(client, "/api/search", q="genomlysning", limit=100)
    sections = sections_per_forbund(client)

    assert data["query"] == "genomlysning"
    assert data["total"] == search["total"] == 4
    assert data["notice"] is None
    # Every förbund in the index has a row, zero hits included.
    assert {r["slug"] for r in data["forbund"]} == {s for s, n in sections.items() if n}
    for row in data["forbund"]:
        assert row["hits"] == search["facets"]["forbund"].get(row["slug"], 0)
        assert row["sections"] == sections[row["slug"]]
        assert row["per_100"] == round(100 * row["hits"] / row["sections"], 2)
    assert data["forbund"][0] == {
        "slug": "blekinge",
        "name": "Samordningsförbundet i Blekinge",
        "hits": 3,
        "sections": 16,
        "per_100": 18.75,
    }
    assert data["forbund"][1]["slug"] == "soderasen" and data["forbund"][1]["per_100"] == 10.0
    rates = [r["per_100"] for r in data["forbund"]]
    assert rates == sorted(rates, reverse=True)
    assert data["sections"] == sum(sections.values()) == 65
    assert data["per_100"] == round(100 * 4 / 65, 2)


# (hits, sections, hits per 100 sections): rounded half up, as a person and Excel's ROUND
# round 100 * hits / sections, and as `tal` writes a rate ("0,125 → 0,13").
RATES = [
    (1, 32, 3.13),  # 3.125: Python's round() made it 3.12
    (1, 800, 0.13),  # 0.125
    (1, 160, 0.63),  # 0.625
    (107, 4000, 2.68),  # 2.675, which no binary float holds exactly
    (3, 8, 37.5),
    (1, 3, 33.33),
    (2, 3, 66.67),
    (16, 16, 100.0),
    (0, 12, 0.0),
    (0, 0, 0.0),  # no sections: no rate, written 0.0
]


@pytest.mark.parametrize(("hits", "sections", "rate"), RATES)
def test_a_rate_is_rounded_half_up(hits: int, sections: int, rate: float) -> None:
    """Found by research25: 1 hit in 32 sections is 3.125 per 100, which a researcher's own
    count rounds to 3,13; the page, the JSON and both CSVs said 3,12 (`round` rounds a
    half to even, and 2.675 is 2.67499… as a float)."""
    assert research.per_100(hits, sections) == rate
    assert research.csv_cell(research.per_100(hits, sections), decimal=",", decimals=2) == (
        f"{rate:.2f}".replace(".", ",")
    )


def test_compare_years_are_ascending_with_the_years_section_counts(client) -> None:
    data = api(client, "/api/compare", q="genomlysning")
    search = api(client, "/api/search", q="genomlysning", limit=100)
    assert [r["year"] for r in data["years"]] == ["2023", "2024", "2025"]
    for row in data["years"]:
        assert row["hits"] == search["facets"]["year"].get(row["year"], 0)
        assert row["sections"] == sections_in_year(client, row["year"])
        assert row["per_100"] == round(100 * row["hits"] / row["sections"], 2)
    assert data["years"][-1] == {"year": "2025", "hits": 4, "sections": 26, "per_100": 15.38}


def test_compare_years_show_a_year_without_sections_between_the_first_and_last(client) -> None:
    """Halland (2023) beside Blekinge (2025): 2024 holds no section in scope, and the year
    table and chart skipped from 2023 to 2025 as if the years were next to each other."""
    query = {"q": "ESF", "forbund": ["halland", "blekinge"]}
    data = api(client, "/api/compare", **query)
    assert [r["year"] for r in data["years"]] == ["2023", "2024", "2025"]
    assert data["years"][1] == {"year": "2024", "hits": 0, "sections": 0, "per_100": 0.0}
    assert "2024" not in {c["year"] for c in data["matrix"]}  # cells are counted ones only
    page = client.get("/compare", query_string=query).get_data(as_text=True)
    row = re.search(r'<th scope="row">2024</th>(.*?)</tr>', page).group(1)
    assert re.findall(r"<td>(.*?)</td>", row) == ["0", "0", "–"]  # 0 of 0 is no rate
    years_chart = page.split('aria-describedby="chart-years-desc"')[1].split("</svg>")[0]
    assert "2023: 16,67; 2024: –; 2025: 0,00" in years_chart  # as the table writes it
    assert ">2024</text>" in years_chart
    one_year = api(client, "/api/compare", q="ESF", forbund="halland")
    assert [r["year"] for r in one_year["years"]] == ["2023"]


def test_compare_matrix_cells_add_up(client) -> None:
    data = api(client, "/api/compare", q="ESF")
    assert sum(c["hits"] for c in data["matrix"]) == data["total"] == 5
    assert sum(c["sections"] for c in data["matrix"]) == data["sections"]
    halland = [c for c in data["matrix"] if c["slug"] == "halland"]
    assert halland == [
        {
            "slug": "halland",
            "name": "Samordningsförbundet i Halland",
            "year": "2023",
            "hits": 2,
            "sections": 12,
            "per_100": 16.67,
        }
    ]


@pytest.mark.parametrize(
    ("names", "ordered"),
    [
        (["Östra Södertörn", "Skåne Nordost", "Blekinge"],
         ["Blekinge", "Skåne Nordost", "Östra Södertörn"]),
        (["Ö", "Ä", "Å", "Z"], ["Z", "Å", "Ä", "Ö"]),  # not code point order (Ä before Å)
        (["älvdalen", "Åre", "Ale", "Zinkgruvan"], ["Ale", "Zinkgruvan", "Åre", "älvdalen"]),
        (["Söderåsen", "Södertälje", "Södra"], ["Södertälje", "Söderåsen", "Södra"]),
        (["Émile", "Erik", "Ebba"], ["Ebba", "Émile", "Erik"]),  # é with e
    ],
)  # fmt: skip
def test_names_sort_in_swedish_order(names: list[str], ordered: list[str]) -> None:
    assert sorted(names, key=research.swedish_key) == ordered


@pytest.mark.parametrize("q", ["styrelsen", "ESF"])
def test_compare_matrix_is_in_the_order_of_the_names_shown(client, q: str) -> None:
    """By the short name the table shows, in Swedish order: Östra Södertörn last, not among
    the o's of its slug; the Excel CSV and the page's table in the same order."""
    matrix = api(client, "/api/compare", q=q)["matrix"]
    shown = [(research.short_name(r["name"]), r["year"] or "") for r in matrix]
    assert shown == sorted(shown, key=lambda r: (research.swedish_key(r[0]), r[1]))
    assert shown[-1][0] == "Östra Södertörn"
    rows = csv_rows(client.get("/compare.csv", query_string={"q": q}).data, excel=True)
    assert [r[0] for r in rows[1:]] == [r["name"] for r in matrix]
    page = client.get("/compare", query_string={"q": q}).get_data(as_text=True)
    table = page[page.index('<details class="matrix">') :]
    assert re.findall(r'<th scope="row">([^<]+)</th>', table) == [name for name, _ in shown]


def test_compare_respects_forbund_and_date_filters(client) -> None:
    data = api(client, "/api/compare", q="ESF", forbund="halland")
    assert data["total"] == api(client, "/api/search", q="ESF", forbund="halland")["total"] == 2
    assert [(r["slug"], r["hits"], r["sections"], r["per_100"]) for r in data["forbund"]] == [
        ("halland", 2, 12, 16.67)
    ]
    assert [r["year"] for r in data["years"]] == ["2023"]
    assert data["params"]["forbund"] == ["halland"]

    before = api(client, "/api/compare", q="genomlysning", to="2024-12-31")
    assert before["total"] == 0
    assert [r["year"] for r in before["years"]] == ["2023", "2024"]
    assert "blekinge" not in {r["slug"] for r in before["forbund"]}  # only 2025 meetings


def test_compare_decisions_only_counts_against_sections_with_decisions(client) -> None:
    data = api(client, "/api/compare", q="genomlysning", kind="decision")
    assert data["total"] == api(client, "/api/search", q="genomlysning", kind="decision")["total"]
    assert data["total"] == 2
    # The denominator is what the filter admits: sections that hold a decision.
    assert data["sections"] == api(client, "/api/search", kind="decision")["total"] == 35
    blekinge = next(r for r in data["forbund"] if r["slug"] == "blekinge")
    assert (blekinge["hits"], blekinge["sections"], blekinge["per_100"]) == (1, 8, 12.5)


@pytest.mark.parametrize("q", ["", "och", "och att", "och förbund:halland", "att år:2025"])
def test_compare_without_searchable_words_gives_no_rows_and_a_notice(client, q: str) -> None:
    data = api(client, "/api/compare", q=q)
    assert (data["total"], data["forbund"], data["years"], data["matrix"]) == (0, [], [], [])
    expected = research.EMPTY_QUERY_NOTICE if not q else "stoppord"
    assert expected in data["notice"]


# (the comparison's filters, its förbund rows as (slug, hits, sections, rate)): a förbund the
# reader chose, with documents but no section within the limits, keeps its row, as a year
# without sections does: 0 hits in 0 sections, no rate, after the förbund with sections.
CHOSEN_WITHOUT_SECTIONS = [
    (
        {"forbund": ["halland", "blekinge"], "from": "2024-01-01"},
        [("blekinge", 3, 16, 18.75), ("halland", 0, 0, 0.0)],
    ),
    (
        {"forbund": ["skane-nordost", "halland"], "decisions": "1"},  # a report: no decisions
        [("halland", 1, 6, 16.67), ("skane-nordost", 0, 0, 0.0)],
    ),
    (
        {"forbund": ["Samordningsförbundet i Halland", "blekinge"], "to": "2024-12-31"},
        [("halland", 1, 12, 8.33), ("blekinge", 0, 0, 0.0)],
    ),
    # must not change: nothing within the limits at all has no rows (the page says why) ...
    ({"forbund": ["halland"], "from": "2024-01-01"}, []),
    # ... and a förbund not chosen, or chosen without documents (the notice names it), none
    (
        {"to": "2024-12-31"},
        [
            ("vastra-malardalen", 1, 3, 33.33),
            ("ostra-sodertorn", 2, 11, 18.18),
            ("skane-nordost", 1, 11, 9.09),
            ("halland", 1, 12, 8.33),
            ("testbygd", 0, 2, 0.0),
        ],
    ),
    ({"forbund": ["blekinge", "nope"]}, [("blekinge", 3, 16, 18.75)]),
]


@pytest.mark.parametrize(("filters", "rows"), CHOSEN_WITHOUT_SECTIONS)
def test_a_chosen_forbund_without_sections_in_scope_keeps_its_row(
    client, filters: dict, rows: list
) -> None:
    """Found by research25: Halland and Blekinge compared from 2024 on showed Blekinge
    alone, with no word of Halland (whose meetings are all from 2023): a reader could not
    tell a förbund with nothing in the period from one left out by mistake. The year table
    lists a year without sections for the same reason."""
    data = api(client, "/api/compare", q="budget", **filters)
    assert [(r["slug"], r["hits"], r["sections"], r["per_100"]) for r in data["forbund"]] == rows
    # The matrix and the CSVs hold counted cells only, as for a year without sections.
    assert all(r["sections"] for r in data["matrix"])
    assert sum(r["hits"] for r in data["forbund"]) == data["total"]
    assert sum(r["sections"] for r in data["forbund"]) == data["sections"]
    page = client.get("/compare", query_string={"q": "budget", **filters}).get_data(as_text=True)
    if not rows:
        return
    table = page.split('id="tabell-forbund"', 1)[1].split("</table>", 1)[0]
    shown = re.findall(
        r'<tr><th scope="row">[^<]*</th><td>(\d+)</td><td>(\d+)</td><td>([^<]*)</td>', table
    )
    assert shown == [
        (str(h), str(n), f"{rate:.2f}".replace(".", ",") if n else "–") for _, h, n, rate in rows
    ]
    svg = page.split('aria-describedby="chart-forbund-desc"', 1)[1].split("</svg>", 1)[0]
    values = re.findall(r'class="chart-value"[^>]*>([^<]*)<', svg)
    assert values == [cells[2] for cells in shown]


UNKNOWN = "Inget förbund i indexet har kortnamnet ”nope”."


@pytest.mark.parametrize(
    ("forbund", "rows"),
    [(["nope"], False), (["blekinge", "nope"], True), (["soderasen", "blekinge"], True)],
)
def test_compare_says_when_a_forbund_has_no_documents(client, forbund: list, rows: bool) -> None:
    """As the search does: a förbund without documents is named, with the way to the list of
    short names, whatever else was found; the API, the page and the Excel CSV say so."""
    data = api(client, "/api/compare", q="budget", forbund=forbund)
    assert bool(data["matrix"]) is rows
    said = "nope" in forbund
    if said:
        search = api(client, "/api/search", q="budget", forbund="nope")["notice"]
        assert data["notice"] == search and search.startswith(UNKNOWN)
    else:
        assert data["notice"] is None
    page = client.get("/compare", query_string={"q": "budget", "forbund": forbund})
    text = page.get_data(as_text=True)
    assert (UNKNOWN in text and '<a href="/coverage">Täckning</a>' in text) is said
    assert "0,00 per 100 sektioner" not in text
    known = len(forbund) - said
    assert re.findall(r"<summary>Förbund \(([^)]*)\)</summary>", text) == [
        {0: "alla", 1: "1 vald", 2: "2 valda"}[known]
    ]
    excel = csv_rows(
        client.get("/compare.csv", query_string={"q": "budget", "forbund": forbund}).data,
        excel=True,
    )
    assert (excel[-1][0].startswith("Obs: " + UNKNOWN) and excel[-2] == []) is said
    plain = csv_rows(
        client.get("/api/compare.csv", query_string={"q": "budget", "forbund": forbund}).data,
        excel=False,
    )
    assert len(plain) == 1 + len(data["matrix"])  # data rows only, for programs


@pytest.mark.parametrize(
    ("query", "summary"),
    [
        ({"q": "budget"}, "i 65 sektioner: 13,85 per 100 sektioner."),
        # no section in scope: no rate of 0 out of 0
        ({"q": "budget", "from": "1990-01-01", "to": "1990-12-31"},
         "Inga indexerade sektioner ligger inom avgränsningen"),
        ({"q": "budget", "forbund": "nope"}, None),  # the notice says why
        # one section is "1 sektion" (it was "1 sektioner"); two are "sektioner"
        ({"q": "styrelse", "forbund": "testbygd", "kind": "decision"},
         "1 träff för ”styrelse” i 1 sektion: 100,00 per 100 sektioner."),
        ({"q": "budget", "forbund": "vastra-malardalen", "kind": "decision"},
         "0 träffar för ”budget” i 2 sektioner: 0,00 per 100 sektioner."),
    ],
)  # fmt: skip
def test_compare_shows_a_rate_only_with_sections(client, query: dict, summary: str | None) -> None:
    text = client.get("/compare", query_string=query).get_data(as_text=True)
    found = re.search(r'<p class="summary" role="status">(.*?)</p>', text)
    assert (summary in found.group(1)) if summary else found is None
    assert ("per 100 sektioner." in text) is bool(summary and "per 100" in summary)


def test_compare_bad_params_are_400(client) -> None:
    response = client.get("/api/compare?q=ESF&from=igår")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_param"
    assert client.get("/compare?q=ESF&kind=nope").status_code == 400
    assert client.get("/api/compare.csv?q=ESF&from=2025-01-01&to=2024-01-01").status_code == 400


@pytest.fixture(scope="module")
def mixed_engine(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path):
    """The sample corpus plus a protocol with neither förbund nor meeting date."""
    from index.ingest import ingest
    from search.engine import Engine

    root = tmp_path_factory.mktemp("mixed")
    loose = root / "loose.txt"
    loose.write_text(
        "Protokoll styrelsemöte\n\n§ 1 Om ESF-projektet\nStyrelsen diskuterar ESF-projektet.\n\n"
        "§ 2 Övrigt\nInget övrigt.\n",
        encoding="utf-8",
    )
    path = root / "ix"
    assert ingest([sample_dir, loose], path).added == 6
    return Engine.open(path)


def test_compare_counts_sections_without_forbund_or_date(mixed_engine) -> None:
    data = research.compare_data(mixed_engine, SearchParams(q="ESF"))
    assert data["total"] == mixed_engine.search(SearchParams(q="ESF"))["total"] == 6
    unknown = next(r for r in data["forbund"] if r["slug"] is None)
    assert (unknown["name"], unknown["hits"], unknown["sections"]) == ("Okänt förbund", 1, 2)
    assert data["years"][-1] == {"year": None, "hits": 1, "sections": 2, "per_100": 50.0}
    assert sum(r["hits"] for r in data["years"]) == sum(c["hits"] for c in data["matrix"]) == 6
    assert data["sections"] == mixed_engine.stats()["sections"]


@pytest.fixture(scope="module")
def mixed_client(mixed_engine):
    """A web client on `mixed_engine`'s index."""
    from web import create_app

    app = create_app({"FINSOK_INDEX": str(mixed_engine.store.path), "TESTING": True})
    return app.test_client()


def page_facets(client, url: str) -> dict[str, dict[str, tuple[int, str]]]:
    """The search page's facets at `url`: per facet, each entry's label → (count, link: to
    choose it, or for an active one its ×)."""
    import html

    page = client.get(url).get_data(as_text=True)
    facets: dict[str, dict[str, tuple[int, str]]] = {}
    panel = page[page.index('<section class="facets"') :]
    for name, body in re.findall(
        r'<section class="facet">\s*<h2>([^<]+)</h2>(.*?)</ul>', panel, re.S
    ):
        entries = {}
        for item in re.findall(r"<li[^>]*>(.*?)</li>", body, re.S):
            label = re.search(r">([^<>]+)</(?:a|strong)>", item).group(1)
            count = re.search(r'<span class="count">([^<]+)<', item).group(1)
            href = re.search(r'href="([^"]+)"', item).group(1)
            entries[html.unescape(label)] = (int(count.replace("\u00a0", "")), html.unescape(href))
        facets[name] = entries
    return facets


def test_facets_add_up_to_the_hits_with_an_entry_for_no_forbund_and_no_date(
    mixed_client,
) -> None:
    """The förbund and year facets counted only hits with a förbund and a date, so on an
    index holding a protocol with neither they summed to 5 of 6 hits and nothing led to the
    sixth: each now has an entry for those ("Okänt förbund", "odaterat"), listed last, whose
    link selects exactly them, on the page and in /api/search."""
    answer = api(mixed_client, "/api/search", q="ESF")
    total, found, missing = answer["total"], answer["facets"], answer["facets_missing"]
    assert missing == {"forbund": 1, "year": 1}
    assert set(found) == {"forbund", "year", "kind"}  # the contract's keys, slugs and years
    for name in ("forbund", "year"):
        assert sum(found[name].values()) + missing[name] == total == 6
    facets = page_facets(mixed_client, "/?q=ESF")
    for name in ("Förbund", "År", "Typ"):
        assert sum(count for count, _ in facets[name].values()) == total, facets[name]
    assert list(facets["Förbund"])[-1] == "Okänt förbund"
    assert list(facets["År"])[-1] == "odaterat"
    loose = {hit["id"] for hit in answer["hits"] if not hit["forbund"]}
    for label, name, param in [
        ("Okänt förbund", "Förbund", "forbund"),
        ("odaterat", "År", "undated"),
    ]:
        count, link = facets[name][label]
        assert param in link and count == 1
        on_page = mixed_client.get(link).get_data(as_text=True)
        assert "1 träff för" in on_page and "-projektet</a>" in on_page
        query = dict(pair.split("=") for pair in link.partition("?")[2].split("&"))
        selected = api(mixed_client, "/api/search", **query)
        assert {hit["id"] for hit in selected["hits"]} == loose and selected["total"] == 1


def test_the_facet_for_no_forbund_is_chosen_and_removed_as_any_other(mixed_client) -> None:
    """forbund=okant-forbund (also as the name "Okänt förbund") beside a förbund selects
    either; its active entry's × removes it alone, and it names no förbund "without
    documents"; undated=1 is the year facet's active entry, removed by its ×."""
    both = api(mixed_client, "/api/search", q="ESF", forbund=["halland", "Okänt förbund"])
    assert both["total"] == 3 and both["notice"] is None
    facets = page_facets(mixed_client, "/?q=ESF&forbund=halland&forbund=okant-forbund")
    assert facets["Förbund"]["Okänt förbund"][1] == "/?q=ESF&forbund=halland"
    facets = page_facets(mixed_client, "/?q=ESF&undated=1")
    assert facets["År"] == {"odaterat": (1, "/?q=ESF")}
    typed = api(mixed_client, "/api/search", q='ESF förbund:"okänt förbund"')
    assert typed["total"] == 1


def test_the_no_forbund_value_is_no_forbund_of_the_index(mixed_client) -> None:
    """Must not change: /api/forbund lists the index's förbund only, a real förbund filter
    leaves the förbund-less protocol out, and an undated filter is refused in any other
    form than a flag by the API (read as off on a page)."""
    slugs = [f["slug"] for f in api(mixed_client, "/api/forbund")["forbund"]]
    assert "okant-forbund" not in slugs
    halland = api(mixed_client, "/api/search", q="ESF", forbund="halland")
    assert halland["total"] == 2 and halland["facets_missing"] == {"forbund": 0, "year": 0}
    bad = mixed_client.get("/api/search?q=ESF&undated=ja")
    assert bad.status_code == 400 and "undated" in bad.get_json()["error"]["message"]
    assert mixed_client.get("/?q=ESF&undated=ja").status_code == 200


def compare_choices(client, url: str) -> tuple[str, dict[str, bool]]:
    """The compare form's förbund chooser at `url`: its summary, and each option's slug →
    whether it is ticked."""
    page = client.get(url).get_data(as_text=True)
    summary = re.search(r'<details class="forbund-choice"[^>]*>\s*<summary>([^<]+)', page)
    boxes = re.findall(r'<input type="checkbox" name="forbund" value="([^"]+)" (checked)?', page)
    return summary.group(1), {slug: bool(ticked) for slug, ticked in boxes}


@pytest.mark.parametrize("spelling", ["okant-forbund", "Okänt förbund"])
def test_the_compare_chooser_shows_the_no_forbund_filter(mixed_client, spelling: str) -> None:
    """Found by qa22: /compare?forbund=okant-forbund (the facet's filter, carried by the
    search page's link) counted the sections without a förbund alone, while the chooser said
    "Förbund (alla)" with nothing ticked, and sending the form again dropped the filter."""
    summary, boxes = compare_choices(mixed_client, f"/compare?q=ESF&forbund={spelling}")
    assert summary == "Förbund (1 vald)"
    assert list(boxes)[-1] == "okant-forbund" and boxes["okant-forbund"]
    assert not any(ticked for slug, ticked in boxes.items() if slug != "okant-forbund")
    # must not change: without the filter it is an option like the others, unticked
    summary, boxes = compare_choices(mixed_client, "/compare?q=ESF")
    assert summary == "Förbund (alla)" and boxes["okant-forbund"] is False


def test_no_unknown_forbund_option_where_every_section_has_one(client) -> None:
    """Must not change: an index whose sections all have a förbund offers no such option."""
    _, boxes = compare_choices(client, "/compare?q=ESF")
    assert "okant-forbund" not in boxes and "halland" in boxes


def test_no_missing_entry_where_every_hit_has_a_forbund_and_a_date(client) -> None:
    """Must not change: on an index where every hit has both, the facets are as before."""
    facets = page_facets(client, "/?q=budget")
    assert "Okänt förbund" not in facets["Förbund"] and "odaterat" not in facets["År"]


@pytest.mark.parametrize(
    ("excel", "unknown", "undated"), [(True, "Okänt förbund", "odaterat"), (False, "", "")]
)
def test_both_csvs_say_a_missing_forbund_and_date_one_way(
    mixed_engine, excel: bool, unknown: str, undated: str
) -> None:
    """/search.csv left Förbund and Datum empty where /compare.csv and the pages say "Okänt
    förbund", and /compare.csv's År was empty where the page says "odaterat": the Excel form
    now says the pages' words in both files, the program form an empty cell (a null)."""
    from web import export

    params = SearchParams(q="ESF")
    matrix = csv_rows(
        research.compare_csv(research.compare_data(mixed_engine, params), excel=excel).encode(),
        excel=excel,
    )
    assert [unknown, "", undated, "1", "2"] in [row[:5] for row in matrix]
    text = export.hits_csv(export.hits_data(mixed_engine, params), "http://x/", excel=excel)
    hits = list(
        csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=";" if excel else ",")
    )
    loose = next(row for row in hits[1:] if row[2] == "")
    assert (loose[1], loose[3]) == (unknown, undated)
    dated = next(row for row in hits[1:] if row[2] == "halland")
    assert dated[1] == "Samordningsförbundet i Halland" and dated[3] == "2023-12-15"


def test_forbund_unknown_to_the_registry_is_named_as_the_text_names_it(
    tmp_path: Path, sample_dir: Path
) -> None:
    """A förbund recognised from "Samordningsförbundet X" in the text, but not in the
    registry, is shown by that name, not by its slug, wherever förbund are listed."""
    from index.ingest import ingest
    from search.engine import Engine
    from web.data import forbund_data

    new = tmp_path / "pahittet.txt"
    new.write_text(
        "Protokoll styrelsemöte Samordningsförbundet Västra Påhittet\n2024-03-05\n\n"
        "§ 1 Om ESF-projektet\nStyrelsen diskuterar ESF-projektet.\n",
        encoding="utf-8",
    )
    assert ingest([new, sample_dir], tmp_path / "ix").added == 6
    engine = Engine.open(tmp_path / "ix")
    name = "Samordningsförbundet Västra Påhittet"
    assert engine.forbund_name("vastra-pahittet") == name
    assert engine.forbund_name("finns-inte") is None
    compared = research.compare_data(engine, SearchParams(q="ESF"))
    assert {r["slug"]: r["name"] for r in compared["forbund"]}["vastra-pahittet"] == name
    assert {o["slug"]: o["name"] for o in research.forbund_options(engine)}[
        "vastra-pahittet"
    ] == name
    listed = {r["slug"]: r["name"] for r in forbund_data(engine)["forbund"]}
    assert listed["vastra-pahittet"] == name
    assert listed["blekinge"] == "Samordningsförbundet i Blekinge"


# --- compare: page, chart, CSV --------------------------------------------------------------


def test_compare_page_shows_form_tables_and_csv_link(client) -> None:
    response = client.get("/compare?q=genomlysning&from=2025-01-01")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert 'name="q"' in page and 'name="from"' in page and 'name="to"' in page
    assert 'name="forbund"' in page
    assert re.search(
        r"<th scope=\"row\">Blekinge</th><td>3</td><td>16</td><td>18,75</td>",
        page,
    )
    assert '<th scope="row">2025</th><td>4</td><td>26</td><td>15,38</td>' in page
    assert 'href="/compare.csv?q=genomlysning&amp;from=2025-01-01"' in page


def test_compare_page_has_accessible_svg_charts(client) -> None:
    page = client.get("/compare?q=genomlysning").get_data(as_text=True)
    svgs = re.findall(r"<svg\b.*?</svg>", page, flags=re.S)
    assert len(svgs) == 2, "pages.compare_page must pass research.compare_extras(...)"
    for svg in svgs:
        tree = ET.fromstring(svg)
        assert tree.get("role") == "img"
        assert "”genomlysning”" in tree.get("aria-label")
        assert tree.find(f"{SVG}title").text == tree.get("aria-label")
    labels = [
        t.text for t in ET.fromstring(svgs[0]).iter(f"{SVG}text") if t.get("class") == "chart-label"
    ]
    assert labels[0] == "Blekinge"  # chart labels drop the common prefix


def test_compare_template_renders_charts_and_forbund_choice(app) -> None:
    from flask import render_template

    from web.engine import get_engine

    with app.test_request_context("/compare?q=<script>x</script>&forbund=halland"):
        engine = get_engine()
        params = SearchParams(q="<script>x</script>", forbund=["halland"])
        result = research.compare_data(engine, params)
        from flask import request

        page = render_template(
            "compare.html",
            result=result,
            params=params,
            **research.compare_extras(engine, result, request.args.getlist("forbund")),
        )
    assert "<script>x" not in page and "&lt;script&gt;x" in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"') == 2
    assert 'value="halland" checked' in page
    assert 'value="blekinge" >' in page  # every förbund in the index can be chosen


def test_compare_page_escapes_the_query(client) -> None:
    page = client.get("/compare", query_string={"q": '<script>alert(1)</script> "x'}).get_data(
        as_text=True
    )
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_chart_escapes_every_text_and_is_well_formed_xml() -> None:
    evil = "<script>alert(1)</script> & \"quotes\" 'x'"
    svg = chart.bar_chart(
        [
            (evil, 12.5, "1 av 8"),
            ("Samordningsförbundet med ett mycket långt namn som kortas", 0, ""),
        ],
        title=f"Träffar för {evil}",
        chart_id='c"1<',
    )
    assert "<script" not in svg and "style=" not in svg and "href" not in svg
    tree = ET.fromstring(str(svg))
    assert tree.tag == f"{SVG}svg" and tree.get("role") == "img"
    assert tree.get("aria-label") == f"Träffar för {evil}"
    assert tree.find(f"{SVG}title").text == f"Träffar för {evil}"
    assert not [e for e in tree.iter() if e.tag.endswith("script")]
    texts = [t.text for t in tree.iter(f"{SVG}text")]
    assert "12,50" in texts and "0,00" in texts  # values as the table writes them
    assert "0" in texts and "20" in texts  # the scale's ticks stay short
    assert any(t and t.endswith("…") and len(t) <= chart.MAX_LABEL for t in texts)
    bars = [r for r in tree.iter(f"{SVG}rect") if r.get("class") == "chart-bar"]
    assert [float(b.get("width")) for b in bars][1] == 0.0
    assert float(bars[0].get("width")) > 0
    assert tree.get("aria-describedby") == "c-1--desc"


def test_chart_numbers_and_scale() -> None:
    assert [chart.number(v) for v in (18.75, 10.0, 0, 0.5, 100)] == [
        "18,75",
        "10",
        "0",
        "0,5",
        "100",
    ]
    assert [chart.nice_ceiling(v) for v in (0, 0.3, 7, 18.75, 27.27, 100)] == [
        0,
        0.5,
        10,
        20,
        50,
        100,
    ]
    empty = ET.fromstring(str(chart.bar_chart([], title="Tomt", chart_id="e")))
    assert any(t.text == "Inga värden att visa" for t in empty.iter(f"{SVG}text"))


BOM = b"\xef\xbb\xbf"


def csv_rows(body: bytes, *, excel: bool) -> list[list[str]]:
    """Parse a CSV export as a program must read that form: the Excel form is UTF-8 with a
    BOM and semicolons, the plain form UTF-8 without one and commas; both end records with
    CRLF."""
    assert body.startswith(BOM) is excel
    last_heading = "Per 100 sektioner" if excel else "per_100_sektioner"
    assert f"{last_heading}\r\n".encode() in body and body.endswith(b"\r\n")
    text = body.decode("utf-8-sig" if excel else "utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))


# (url, Excel form?, decimal mark, header): /compare.csv is for people, with the headings of the
# page's tables; /api/compare.csv is for programs, with machine names.
CSV_EXPORTS = [
    (
        "/compare.csv",
        True,
        ",",
        ["Förbund", "Kortnamn", "År", "Träffar", "Sektioner", "Per 100 sektioner"],
    ),
    (
        "/api/compare.csv",
        False,
        ".",
        ["förbund", "slug", "år", "träffar", "sektioner", "per_100_sektioner"],
    ),
]


@pytest.mark.parametrize(("path", "excel", "decimal", "header"), CSV_EXPORTS)
def test_compare_csv_download(
    client, path: str, excel: bool, decimal: str, header: list[str]
) -> None:
    response = client.get(path, query_string={"q": "ESF"})
    assert response.status_code == 200
    assert response.content_type == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="finsok-jamforelse-esf.csv"'
    )
    rows = csv_rows(response.data, excel=excel)
    assert rows[0] == header
    matrix = api(client, "/api/compare", q="ESF")["matrix"]
    assert len(rows) == 1 + len(matrix)
    assert all(len(r) == 6 for r in rows)
    # Names with å, ä and ö survive, and a known rate has the form's decimal mark.
    assert [
        "Samordningsförbundet i Halland",
        "halland",
        "2023",
        "2",
        "12",
        f"16{decimal}67",
    ] in rows
    assert [
        "Samordningsförbundet Östra Södertörn",
        "ostra-sodertorn",
        "2023",
        "3",
        "11",
        f"27{decimal}27",
    ] in rows
    assert "Samordningsförbundet Skåne Nordost" in {r[0] for r in rows}
    assert sum(int(r[3]) for r in rows[1:]) == 5
    # Every rate reads back as the JSON's number once the decimal mark is known.
    by_cell = {(r[1], r[2]): float(r[5].replace(decimal, ".")) for r in rows[1:]}
    assert by_cell == {(m["slug"], m["year"]): m["per_100"] for m in matrix}


# (query, the file name): the query and every filter, in ASCII, so two downloads do not
# overwrite each other and a file says what it counted. It used to be one name for every
# download.
CSV_FILENAMES = [
    ({"q": "budget"}, "finsok-jamforelse-budget.csv"),
    ({"q": "mål ”extern genomlysning”"}, "finsok-jamforelse-mal-extern-genomlysning.csv"),
    (
        {"q": "ESF", "forbund": ["halland", "östra-södertörn"]},
        "finsok-jamforelse-esf-halland-ostra-sodertorn.csv",
    ),
    (
        {"q": "ESF", "from": "2023-01-01", "to": "2025-01-01", "kind": "decision"},
        "finsok-jamforelse-esf-2023-01-01-2025-01-01-beslut.csv",
    ),
    ({"q": "ESF", "from": "2024-01-01"}, "finsok-jamforelse-esf-fran-2024-01-01.csv"),
    ({"q": "ESF", "to": "2024-12-31"}, "finsok-jamforelse-esf-till-2024-12-31.csv"),
    (
        {"q": "ESF", "kind": "protokoll", "decisions": "1"},
        "finsok-jamforelse-esf-protokoll-beslut.csv",
    ),
    ({"q": "8504121230"}, "finsok-jamforelse-xxxxxx-xxxx.csv"),
    ({"q": '=cmd|"/c calc"!A1'}, "finsok-jamforelse-cmd-c-calc-a1.csv"),
    ({"q": "a\r\nSet-Cookie: x=1"}, "finsok-jamforelse-a-set-cookie-x-1.csv"),
    ({"q": "???"}, "finsok-jamforelse.csv"),
    ({}, "finsok-jamforelse.csv"),
    ({"q": "ö" * 300}, f"finsok-jamforelse-{'o' * 60}.csv"),
]


@pytest.mark.parametrize("path", ["/compare.csv", "/api/compare.csv"])
@pytest.mark.parametrize(("query", "filename"), CSV_FILENAMES)
def test_a_csv_download_is_named_after_its_query_and_filters(
    client, path: str, query: dict, filename: str
) -> None:
    response = client.get(path, query_string=query)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_compare_csv_excel_form_reads_as_the_excel_dialect(client) -> None:
    """Python's `excel` dialect with `;` is what Excel writes for a Swedish locale; the export
    must parse under it with no field split at a comma."""
    body = client.get("/compare.csv", query_string={"q": "genomlysning", "kind": "decision"}).data
    dialect = type("SwedishExcel", (csv.excel,), {"delimiter": ";"})
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), dialect))
    blekinge = next(r for r in rows if r[1] == "blekinge")
    assert blekinge[3:] == ["1", "8", "12,50"]
    assert all(len(r) == 6 for r in rows)
    # Every rate with two decimals, as the page's table and chart write it.
    assert all(re.fullmatch(r"[0-9]+,[0-9]{2}", r[5]) for r in rows[1:])


def page_matrix(page: str) -> list[tuple[str, str, str, str]]:
    """The compare page's förbund-and-year table as (year, hits, sections, rate) rows."""
    table = page.split('id="tabell-forbund-ar"', 1)[1].split("</table>", 1)[0]
    return re.findall(
        r"<tr><th scope=\"row\">[^<]*</th><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td>"
        r"<td>([^<]*)</td></tr>",
        table,
    )


def link(page: str, words: str) -> str:
    href = re.search(rf'<a href="([^"]*)"[^>]*>{words}</a>', page)
    assert href, words
    return href.group(1).replace("&amp;", "&")


# Searches whose downloads must hold what the page counts. "Bara beslut" beside a kind used to
# be dropped from every link: the CSV then counted every protocol section, not its decisions.
COMPARE_SEARCHES = [
    "q=budget",
    "q=budget&kind=protokoll&decisions=1",
    "q=budget&kind=decision",
    "q=budget&decisions=1",
    "q=styrelse&kind=rapport",
    "q=styrelse&from=2025-01-01&to=2023-01-01",
    "q=styrelse&forbund=blekinge&forbund=halland&decisions=on",
]


@pytest.mark.parametrize("query", COMPARE_SEARCHES)
def test_the_compare_pages_downloads_hold_what_its_tables_show(client, query: str) -> None:
    page = client.get(f"/compare?{query}").get_data(as_text=True)
    shown = page_matrix(page)
    assert shown
    excel = csv_rows(client.get(link(page, "Ladda ner som CSV")).data, excel=True)[1:]
    assert [(r[2] or "odaterat", r[3], r[4], r[5]) for r in excel] == shown
    as_json = client.get(link(page, "Som JSON")).get_json()
    total = re.search(r'<p class="summary" role="status">(\d+) träff', page).group(1)
    assert as_json["total"] == int(total)
    hits = link(page, "Visa träffarna").replace("/?", "/api/search?", 1)
    assert client.get(hits).get_json()["total"] == as_json["total"]


def test_the_compare_pages_downloads_keep_the_undated_filter(mixed_client) -> None:
    """Found by qa22: /compare?q=ESF&undated=1 counted the undated sections alone, but its
    CSV, JSON and hits links left undated=1 out and held every hit."""
    page = mixed_client.get("/compare?q=ESF&undated=1").get_data(as_text=True)
    total = int(re.search(r'<p class="summary" role="status">(\d+) träff', page).group(1))
    everything = mixed_client.get("/api/compare?q=ESF").get_json()["total"]
    assert 0 < total < everything  # the filter counts
    for name in ("Ladda ner som CSV", "Som JSON", "Visa träffarna"):
        assert "undated=1" in link(page, name), name
    assert mixed_client.get(link(page, "Som JSON")).get_json()["total"] == total
    excel = csv_rows(mixed_client.get(link(page, "Ladda ner som CSV")).data, excel=True)[1:]
    assert sum(int(row[3]) for row in excel) == total
    hits = link(page, "Visa träffarna").replace("/?", "/api/search?", 1)
    assert mixed_client.get(hits).get_json()["total"] == total
    # must not change: without the filter no link names it
    plain = mixed_client.get("/compare?q=ESF").get_data(as_text=True)
    assert "undated" not in link(plain, "Som JSON")


# (query, "Bara beslut" ticked?, the kind the form keeps): the form says what the tables
# count, whatever value the box was sent ("0" used to tick it).
COMPARE_FORMS = [
    ("q=budget", False, None),
    ("q=budget&decisions=0", False, None),
    ("q=budget&decisions=off", False, None),
    ("q=budget&decisions=ja", False, None),
    ("q=budget&decisions=1", True, None),
    ("q=budget&kind=decision", True, None),
    ("q=budget&kind=protokoll&decisions=1", True, "protokoll"),
    ("kind=rapport&decisions=0", False, "rapport"),
]


@pytest.mark.parametrize(("query", "ticked", "kind"), COMPARE_FORMS)
def test_the_compare_form_shows_the_search_as_read(
    client, query: str, ticked: bool, kind: str | None
) -> None:
    page = client.get(f"/compare?{query}").get_data(as_text=True)
    box = re.search(r'<input type="checkbox" name="decisions"[^>]*>', page).group(0)
    assert ("checked" in box) is ticked
    kept = re.findall(r'<input type="checkbox" name="kind" value="([^"]*)" checked>', page)
    assert kept == ([kind] if kind else [])
    assert (f"Bara typen {kind}" in page) is bool(kind)  # said, not only carried


def test_the_compare_form_shows_the_undated_filter(mixed_client) -> None:
    """Found by qa22: /compare?q=ESF&undated=1 counted the undated sections alone, but the
    page said so nowhere (a hidden input), so its tables read as all of ESF's hits."""
    page = mixed_client.get("/compare?q=ESF&undated=1").get_data(as_text=True)
    box = '<input type="checkbox" name="undated" value="1" checked> Bara odaterade sektioner'
    assert box in page
    plain = mixed_client.get("/compare?q=ESF").get_data(as_text=True)
    assert 'name="undated"' not in plain and "Bara odaterade" not in plain


# Every parameter of the compare page without a query: no identity number comes back, and a
# value the page cannot use is the error page, as with a query.
COMPARE_WITHOUT_QUERY = [
    ({"from": "850412-1230"}, 400),
    ({"to": "8504121230"}, 400),
    ({"kind": "850412-1230"}, 400),
    ({"forbund": "850412-1230"}, 200),
    ({"q": "850412-1230"}, 200),
    ({"from": "2024-01-01", "to": "2023-01-01"}, 200),
]


@pytest.mark.parametrize(("query", "status"), COMPARE_WITHOUT_QUERY)
def test_the_compare_page_never_repeats_an_identity_number(
    client, query: dict, status: int
) -> None:
    response = client.get("/compare", query_string=query)
    assert response.status_code == status
    text = response.get_data(as_text=True)
    assert "1230" not in text
    if "from" in query and status == 200:  # turned around, as the search page does
        assert re.search(r'<input [^>]*id="from" name="from" [^>]*value="2023-01-01"', text)


@pytest.mark.parametrize(
    ("path", "mimetype"), [("/compare.csv", "text/html"), ("/api/compare.csv", "application/json")]
)
def test_compare_csv_bad_params_are_400_not_csv(client, path: str, mimetype: str) -> None:
    response = client.get(path, query_string={"q": "ESF", "from": "2025-01-01", "to": "2024-1"})
    assert response.status_code == 400
    assert response.mimetype == mimetype
    says = "Till datum ska skrivas ÅÅÅÅ-MM-DD" if path == "/compare.csv" else "Parametern to"
    assert says in response.get_data(as_text=True)


TRICKY_MATRIX = [
    {
        "slug": "+cmd",
        "name": '=HYPERLINK("http://x","klick")',
        "year": "-2024",
        "hits": 1,
        "sections": 2,
        "per_100": 50.0,
    },
    {"slug": "ok", "name": "@SUM(A1:A9)", "year": "2024", "hits": 0, "sections": 3, "per_100": 0.0},
    {
        "slug": "a,b;c",
        "name": 'Förbund "citat"; med\nradbrytning, och komma',
        "year": None,
        "hits": 0,
        "sections": 1,
        "per_100": 0.0,
    },
    {"slug": "tab", "name": "\tdold", "year": "2024", "hits": 1, "sections": 3, "per_100": 33.33},
]


# (Excel form?, 50.0 and 0.0 as that form writes them): two decimals for Excel, the JSON's
# shortest form for programs.
CSV_RATES = [(True, "50,00", "0,00"), (False, "50.0", "0.0")]


@pytest.mark.parametrize(("excel", "fifty", "zero"), CSV_RATES)
def test_compare_csv_quotes_and_defuses_formulas(excel: bool, fifty: str, zero: str) -> None:
    text = research.compare_csv({"matrix": TRICKY_MATRIX}, excel=excel)
    rows = csv_rows(text.encode("utf-8"), excel=excel)
    assert rows[1] == [
        '\'=HYPERLINK("http://x","klick")',
        "'+cmd",
        "'-2024",
        "1",
        "2",
        fifty,
    ]
    assert rows[2][0] == "'@SUM(A1:A9)"
    assert rows[3] == [
        'Förbund "citat"; med\nradbrytning, och komma',
        "a,b;c",
        "odaterat" if excel else "",  # the page's word for a person, a null for a program
        "0",
        "1",
        zero,
    ]
    decimal = "," if excel else "."
    assert rows[4] == ["'\tdold", "tab", "2024", "1", "3", f"33{decimal}33"]
    separator = ";" if excel else ","
    header = research.EXCEL_CSV_HEADER if excel else research.CSV_HEADER
    empty = research.compare_csv({"matrix": []}, excel=excel)
    assert empty == ("\ufeff" if excel else "") + separator.join(header) + "\r\n"


def test_compare_csv_defaults_to_the_excel_form() -> None:
    """/compare.csv (web.pages) calls `compare_csv(data)`: the default must stay Excel's."""
    assert research.compare_csv({"matrix": TRICKY_MATRIX}) == research.compare_csv(
        {"matrix": TRICKY_MATRIX}, excel=True
    )


# --- coverage -------------------------------------------------------------------------------


EXPECTED_COVERAGE = {
    # slug: (documents, sections, first meeting, last meeting)
    "blekinge": (1, 16, "2025-09-29", "2025-09-29"),
    "halland": (1, 12, "2023-12-15", "2023-12-15"),
    "ostra-sodertorn": (1, 11, "2023-11-29", "2023-11-29"),
    # A tertial report (period end 2024-04-30): no meeting, its own "Senaste rapport" column.
    "skane-nordost": (1, 11, None, None),
    "soderasen": (1, 10, "2025-06-11", "2025-06-11"),
    "testbygd": (1, 2, "2024-10-10", "2024-10-10"),
    "vastra-malardalen": (1, 3, "2024-03-14", "2024-03-14"),
}


def test_coverage_data_counts_every_forbund(app, client) -> None:
    from web.engine import get_engine

    with app.app_context():
        data = research.coverage_data(get_engine())
    got = {
        r["slug"]: (r["documents"], r["sections"], r["first_date"], r["last_date"])
        for r in data["forbund"]
    }
    assert got == EXPECTED_COVERAGE
    counted = sections_per_forbund(client)
    assert all(r["sections"] == counted[r["slug"]] for r in data["forbund"])
    health = api(client, "/healthz")
    totals = data["totals"]
    assert (totals["documents"], totals["sections"]) == (health["documents"], health["sections"])
    assert (totals["forbund"], totals["first_date"], totals["last_date"]) == (
        7,
        "2023-11-29",
        "2025-09-29",
    )
    assert totals["last_report"] == "2024-04-30"
    assert all(r["last_indexed"] for r in data["forbund"])
    assert totals["last_indexed"] == max(r["last_indexed"] for r in data["forbund"])
    testbygd = next(r for r in data["forbund"] if r["slug"] == "testbygd")
    assert (
        testbygd["name"] == "Samordningsförbundet Testbygd"
    )  # not in the registry: the documents' name
    missing = {f["slug"] for f in data["missing"]}
    assert "malmo" in missing and not missing & set(EXPECTED_COVERAGE)


def test_coverage_page_lists_every_forbund(client) -> None:
    response = client.get("/coverage")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    for heading in (
        "Förbund",
        "Dokument",
        "Sektioner",
        "Första möte",
        "Senaste möte",
        "Senaste rapport",
        "Senast indexerat",
    ):
        assert f'<th scope="col">{heading}</th>' in page
    for slug, (docs, sections, first, last) in EXPECTED_COVERAGE.items():
        row = re.search(rf'<tr id="forbund-{slug}">(.*?)</tr>', page, flags=re.S)
        assert row, slug
        cells = re.findall(r"<td>(.*?)</td>", row.group(1), flags=re.S)
        assert [c.strip() for c in cells[:4]] == [
            str(docs),
            str(sections),
            first or "–",
            last or "–",
        ]
        assert cells[4].strip() == ("2024-04-30" if slug == "skane-nordost" else "–")
    assert "Samordningsförbundet i Halland" in page
    assert "<td>7</td>" in page and "<td>65</td>" in page  # totals


def test_coverage_on_mixed_index_counts_unknown_and_undated(mixed_engine) -> None:
    data = research.coverage_data(mixed_engine)
    unknown = data["forbund"][-1]
    assert (unknown["slug"], unknown["name"], unknown["documents"], unknown["undated"]) == (
        None,
        "Okänt förbund",
        1,
        1,
    )
    assert unknown["first_date"] is None and data["totals"]["forbund"] == 5
    assert data["totals"]["sections"] == mixed_engine.stats()["sections"]


def test_coverage_links_the_unknown_forbund_to_its_search(mixed_client) -> None:
    """Every förbund's row links to its search; the row of documents without a förbund had
    no link, though forbund=okant-forbund now selects exactly them (as the facet does)."""
    import html

    page = mixed_client.get("/coverage").get_data(as_text=True)
    rows = dict(
        (html.unescape(name), html.unescape(href))
        for href, name in re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a>', page)
    )
    assert rows["Okänt förbund"] == "/?forbund=okant-forbund"
    assert rows["Samordningsförbundet i Halland"] == "/?forbund=halland"  # must not change
    hits = mixed_client.get("/api/search?forbund=okant-forbund").get_json()
    assert hits["total"] and all(h["forbund_slug"] is None for h in hits["hits"])


class _Documents:
    """An engine that knows only its document records: what `coverage_data` reads."""

    def __init__(self, docs: list[dict]) -> None:
        self.docs = docs

    def forbund_names(self) -> dict[str, str]:
        return {"halland": "Samordningsförbundet i Halland"}

    def documents(self) -> list[dict]:
        return self.docs


def test_coverage_meetings_are_protocols_not_report_periods() -> None:
    """A report's date is the end of its period (2024-12-31 for an annual report): it is no
    meeting, and it stood as the last one beside the protocols' 2024-11-20."""
    base = {"forbund_slug": "halland", "sections": 1, "indexed_at": "2025-01-01T00:00:00"}
    docs = [
        base | {"kind": "protokoll", "date": "2024-03-10"},
        base | {"kind": "protokollsutdrag", "date": "2024-11-20"},
        base | {"kind": "rapport", "date": "2024-12-31"},
        base | {"kind": "annat", "date": "2023-01-01"},
    ]
    data = research.coverage_data(_Documents(docs))
    row = data["forbund"][0]
    assert (row["documents"], row["first_date"], row["last_date"]) == (
        4,
        "2024-03-10",
        "2024-11-20",
    )
    assert (data["totals"]["first_date"], data["totals"]["last_date"]) == (
        "2024-03-10",
        "2024-11-20",
    )
    only_reports = research.coverage_data(_Documents(docs[2:]))["forbund"][0]
    assert (only_reports["documents"], only_reports["last_date"]) == (2, None)
    assert (row["last_report"], only_reports["last_report"]) == ("2024-12-31", "2024-12-31")


@pytest.mark.parametrize(
    ("undated", "said"), [(1, "(1 odaterat dokument)"), (2, "(2 odaterade dokument)")]
)
def test_coverage_says_undated_documents_in_number(app, undated: int, said: str) -> None:
    """It said "(1 odaterat)", where the comparison's "odaterat" counts sections: the count
    says it counts documents."""
    from flask import render_template

    row = {"slug": None, "name": "Okänt förbund", "documents": 2, "sections": 1}
    row |= {"undated": undated, "first_date": None, "last_date": None, "last_indexed": None}
    totals = {k: row[k] for k in ("documents", "sections", "first_date", "last_date")}
    totals |= {"forbund": 0, "undated": undated, "last_indexed": None}
    with app.test_request_context("/coverage"):
        page = render_template(
            "coverage.html", result={"forbund": [row], "totals": totals, "missing": []}
        )
    assert said in page
    assert "med 1 sektion från" in page  # one section, not "1 sektioner"


# --- Atom feed ------------------------------------------------------------------------------


def test_feed_is_atom_and_keeps_script_inert(client) -> None:
    root, raw = feed(client, q="säkerhetsrutiner")
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text == "Finsök: säkerhetsrutiner"
    assert root.find(f"{ATOM}updated").text == "2024-10-10T00:00:00Z"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert not [e for e in root.iter() if "script" in e.tag.lower()]
    assert b"<script" not in raw.lower() and b"<img" not in raw and b"<a " not in raw
    xss_doc = api(client, "/api/search", q="säkerhetsrutiner")["hits"][0]["doc_id"]
    first = entries[0]
    assert first.find(f"{ATOM}title").text == (
        'Samordningsförbundet Testbygd: § 1 Säkerhetsgenomgång <script>alert("titel")</script>'
    )  # plain text (type="text"): a reader shows it, never runs it
    link = first.find(f"{ATOM}link").get("href")
    assert link == f"http://localhost/doc/{xss_doc}?q=s%C3%A4kerhetsrutiner#p1"
    assert first.find(f"{ATOM}id").text == f"tag:finsok,2025:section:{xss_doc}-p1"
    assert first.find(f"{ATOM}updated").text == "2024-10-10T00:00:00Z"
    summary = first.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # The summary is HTML whose only markup is <mark>; the document's own tags are escaped in it.
    assert "<mark>säkerhetsrutiner</mark>" in summary.text
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in summary.text
    assert re.sub(r"</?mark>", "", summary.text).count("<") == 0


def test_feed_entries_are_newest_first(client) -> None:
    root, _ = feed(client, q="styrelsen")
    stamps = [e.find(f"{ATOM}updated").text for e in root.findall(f"{ATOM}entry")]
    assert len(stamps) == 30  # FINSOK_FEED_SIZE of 33 hits
    assert stamps == sorted(stamps, reverse=True)
    assert stamps[0] == "2025-09-29T00:00:00Z" and len(set(stamps)) >= 5
    assert root.find(f"{ATOM}updated").text == stamps[0]


def test_feed_respects_forbund_filter(client) -> None:
    root, _ = feed(client, q="ESF", forbund="halland")
    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    assert len(titles) == 2
    assert all(t.startswith("Samordningsförbundet i Halland: ") for t in titles)
    everyone, _ = feed(client, q="ESF")
    assert len(everyone.findall(f"{ATOM}entry")) == 5  # the filter did remove Östra Södertörn
    assert root.find(f"{ATOM}id").text == "tag:finsok,2025:feed?q=ESF&forbund=halland"


@pytest.mark.parametrize(
    ("params", "subtitle", "query"),
    [
        ({"decisions": "1"}, "bara beslut", "q=budget&kind=decision"),
        ({"decisions": "1", "kind": "protokoll"}, "bara beslut; typ protokoll",
         "q=budget&kind=protokoll&decisions=1"),
        ({"kind": "protokoll"}, "typ protokoll", "q=budget&kind=protokoll"),
        # each förbund by its name, as the pages name it (it was its slug)
        ({"forbund": ["halland", "okant-forbund"]},
         "förbund Samordningsförbundet i Halland, Okänt förbund",
         "q=budget&forbund=halland&forbund=okant-forbund"),
        # as "år 2024" and the pages' "år: odaterat" (it read "Avgränsat till odaterat")
        ({"undated": "1"}, "år odaterat", "q=budget&undated=1"),
    ],
)  # fmt: skip
def test_feed_of_decisions_in_a_kind(client, params: dict, subtitle: str, query: str) -> None:
    root, _ = feed(client, q="budget", **params)
    assert root.find(f"{ATOM}subtitle").text == f"Avgränsat till {subtitle}"
    assert root.find(f"{ATOM}id").text == f"tag:finsok,2025:feed?{query}"


@pytest.mark.parametrize(
    ("spellings", "subtitle"),
    [
        (["HALLAND"], "Samordningsförbundet i Halland"),
        (["Samordningsförbundet i Halland", "halland"], "Samordningsförbundet i Halland"),
        (["Okänt förbund"], "Okänt förbund"),
        # the neighbour: a förbund the registry does not know is said as it was written
        (["Ingenstans"], "Ingenstans"),
    ],
)
def test_feed_subtitle_names_a_forbund_however_it_was_spelt(
    client, spellings: list[str], subtitle: str
) -> None:
    """The subtitle said "förbund HALLAND" (and a förbund spelt two ways twice), where the
    feed's id and the pages read the one förbund by its name."""
    root, _ = feed(client, q="budget", forbund=spellings)
    assert root.find(f"{ATOM}subtitle").text == f"Avgränsat till förbund {subtitle}"


@pytest.mark.parametrize(
    ("dates", "subtitle"),
    [
        ({"from": "2024-03-01"}, "datum från 2024-03-01"),
        ({"to": "2024-06-30"}, "datum till och med 2024-06-30"),
        ({"from": "2024-01-01", "to": "2024-12-31"}, "år 2024"),
        ({"from": "2020-01-01", "to": "2023-12-31"}, "år 2020–2023"),
        ({"from": "2024-01-01"}, "år från 2024"),
        # a range of days keeps both its days (spaced, as the pages write it)
        ({"from": "2023-01-01", "to": "2023-06-30"}, "datum 2023-01-01 – 2023-06-30"),
        # reversed dates are turned around, and said to be, as on the pages (fix25b: the
        # subtitle says the notes of the feed's parameters)
        ({"from": "2023-06-30", "to": "2023-01-01"},
         "datum 2023-01-01 – 2023-06-30. Datumen var omkastade; sökningen gäller 2023-01-01 "
         "till och med 2023-06-30."),
    ],
)  # fmt: skip
def test_feed_subtitle_says_dates_as_the_pages_do(client, dates: dict, subtitle: str) -> None:
    """Found by qa22: the subtitle wrote a date limit as "datum 2024-03-01–" (one end
    missing) and a whole year as two dates, where the pages say "från 2024-03-01" and
    "2024"."""
    root, _ = feed(client, q="budget", **dates)
    assert root.find(f"{ATOM}subtitle").text == f"Avgränsat till {subtitle}"


@pytest.mark.parametrize(
    ("params", "subtitle"),
    [
        ({"undated": "ja"},
         "Parametern undated: måste vara 1 eller 0, inte ”ja”; flödet bevakar sökningen utan "
         "den. Odaterade träffar väljs med ”odaterat” under År på sidan Sök, som visas när en "
         "sökning har träffar utan datum."),
        ({"decisions": "ja", "forbund": "halland"},
         "Avgränsat till förbund Samordningsförbundet i Halland. Parametern decisions: måste "
         "vara 1 eller 0, inte ”ja”; flödet bevakar sökningen utan den. Bara beslut väljs med "
         "rutan i formuläret på sidan Sök."),
        # before the hint for a parameter not read, which the header names
        ({"decisions": "JA", "forbnd": "halland"},
         "Parametern decisions: måste vara 1 eller 0, inte ”ja”; flödet bevakar sökningen utan "
         "den. Bara beslut väljs med rutan i formuläret på sidan Sök. Parametern ”forbnd” "
         "lästes inte: menade du forbund?"),
    ],
)  # fmt: skip
def test_feed_subtitle_says_a_bad_flag(client, params: dict, subtitle: str) -> None:
    """`/feed?q=budget&undated=ja` fed every section, the value taken as off with no word: the
    subtitle says so, as the pages' notice does. The value was read (as off), so the header
    that names the parameters not read does not name it."""
    response = client.get("/feed", query_string={"q": "budget", **params})
    root = ET.fromstring(response.data)
    assert root.find(f"{ATOM}subtitle").text == subtitle
    named = response.headers.get("X-Finsok-Ignored-Params")
    assert named == ("forbnd" if "forbnd" in params else None)
    everyone, _ = feed(client, q="budget", **{k: v for k, v in params.items() if k == "forbund"})
    assert len(root.findall(f"{ATOM}entry")) == len(everyone.findall(f"{ATOM}entry"))


def test_feed_ids_are_stable(client) -> None:
    one, _ = feed(client, q="ESF", forbund=["halland", "ostra-sodertorn"])
    two, _ = feed(client, q="ESF", forbund=["ostra-sodertorn", "halland"], page=2)
    assert one.find(f"{ATOM}id").text == two.find(f"{ATOM}id").text
    ids = [e.find(f"{ATOM}id").text for e in one.findall(f"{ATOM}entry")]
    assert ids == [e.find(f"{ATOM}id").text for e in two.findall(f"{ATOM}entry")]
    assert len(set(ids)) == len(ids) == 5


@pytest.mark.parametrize(
    "spelling", ["HALLAND", "Halland", "Samordningsförbundet i Halland", "halland"]
)
def test_feed_id_names_the_forbund_by_its_slug(client, spelling: str) -> None:
    """The same search has the same feed id however its förbund was spelt: a reader that
    subscribed to forbund=HALLAND and to forbund=halland saw two feeds of one search."""
    root, _ = feed(client, q="ESF", forbund=spelling)
    assert root.find(f"{ATOM}id").text == "tag:finsok,2025:feed?q=ESF&forbund=halland"
    assert len(root.findall(f"{ATOM}entry")) == 2


def test_feed_size_comes_from_config(web_index: Path) -> None:
    from web import create_app

    small = create_app({"FINSOK_INDEX": str(web_index), "TESTING": True, "FINSOK_FEED_SIZE": 2})
    root = ET.fromstring(small.test_client().get("/feed?q=styrelsen").data)
    assert len(root.findall(f"{ATOM}entry")) == 2


@pytest.mark.parametrize(
    "query",
    ["q=ESF&from=igår", "q=ESF&kind=nope", "q=ESF&to=20231231xx"],
)
def test_feed_bad_params_are_400(client, query: str) -> None:
    assert client.get(f"/feed?{query}").status_code == 400


@pytest.mark.parametrize(
    "paging",
    ["limit=0", "limit=x", "limit=100000", "offset=-5", "offset=3", "page=0", "page=9", "sort=x"],
)
def test_feed_ignores_paging_and_order(client, paging: str) -> None:
    """A feed is its search's newest FINSOK_FEED_SIZE entries whatever the address says about
    pages: limit=0 was a 400 although the feed never used limit."""
    response = client.get(f"/feed?q=styrelsen&{paging}")
    assert response.status_code == 200
    assert response.data == client.get("/feed?q=styrelsen").data


def feed_ids(raw: bytes) -> list[str]:
    root = ET.fromstring(raw)
    return [root.find(f"{ATOM}id").text] + [
        entry.find(f"{ATOM}id").text for entry in root.findall(f"{ATOM}entry")
    ]


@pytest.mark.parametrize("host", ["evil.example", "finsok.example.se:8443", "127.0.0.1"])
def test_feed_ids_do_not_depend_on_the_host_header(client, host: str) -> None:
    """The ids were built from the Host header, so they changed with the name the server was
    reached by, and anyone could choose them."""
    ids = feed_ids(client.get("/feed?q=ESF", headers={"Host": host}).data)
    assert ids == feed_ids(client.get("/feed?q=ESF").data)
    assert ids[0] == "tag:finsok,2025:feed?q=ESF" and len(ids) == 6
    assert all(re.fullmatch(r"tag:finsok,2025:section:[0-9a-f]{16}-\S+", i) for i in ids[1:])


def test_feed_links_use_the_configured_base_url(web_index: Path) -> None:
    from web import create_app

    app = create_app(
        {
            "FINSOK_INDEX": str(web_index),
            "TESTING": True,
            "FINSOK_BASE_URL": "https://f.example.se/s",
        }
    )
    raw = app.test_client().get("/feed?q=ESF", headers={"Host": "evil.example"}).data
    assert b"evil.example" not in raw
    root = ET.fromstring(raw)
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    assert links and all(href.startswith("https://f.example.se/s/") for href in links)
    assert "https://f.example.se/s/feed?q=ESF" in links


@pytest.mark.parametrize("value", ["f.example.se", "ftp://f.example.se/", "https://", "/s/"])
def test_a_base_url_that_is_no_address_stops_the_app(web_index: Path, value: str) -> None:
    from index.errors import FinsokError
    from web import create_app

    with pytest.raises(FinsokError) as caught:
        create_app({"FINSOK_INDEX": str(web_index), "FINSOK_BASE_URL": value})
    assert str(caught.value).startswith(f"FINSOK_BASE_URL={value} går inte att använda")


def test_undated_entries_come_last_also_by_their_updated_time(mixed_engine) -> None:
    """An undated section carried its indexing time (today) as `updated`, which put it first
    in a reader that orders by time, while the feed lists it last."""
    raw = research.feed_xml(mixed_engine, SearchParams(q="ESF"), "http://x/", size=30)
    entries = ET.fromstring(raw).findall(f"{ATOM}entry")
    stamps = [e.find(f"{ATOM}updated").text for e in entries]
    assert stamps == sorted(stamps, reverse=True)
    assert stamps[-1] == research.UNDATED == "1970-01-01T00:00:00Z"
    assert entries[-1].find(f"{ATOM}title").text.startswith("Okänt förbund: § 1")
    assert stamps.count(research.UNDATED) == 1
    only_undated = research.atom_feed(
        [{"id": "x-p1", "doc_id": "x", "url": "/doc/x#p1", "date": None, "snippet": ""}],
        SearchParams(q="ESF"),
        "http://x/",
    )
    assert ET.fromstring(only_undated).find(f"{ATOM}updated").text == research.UNDATED


def test_feed_is_well_formed_whatever_the_text() -> None:
    hit = {
        "id": "0123456789abcdef-p1",
        "doc_id": "0123456789abcdef",
        "url": "/doc/0123456789abcdef#p1",
        "forbund": "Förbund \x0c med ]]> & <b>",
        "label": "§ 1",
        "title": "Titel\x00\x1b med <script>",
        "date": "2024-01-02",
        "snippet": "<script>bad()</script> och <mark>ord</mark>\x0b",
    }
    raw = research.atom_feed([hit], SearchParams(q='"ord" & <x>'), "http://example.org/app")
    root = ET.fromstring(raw)
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Förbund  med ]]> & <b>: § 1 Titel med <script>"
    # A snippet with markup other than <mark> is escaped whole, so it cannot run anywhere.
    assert entry.find(f"{ATOM}summary").text.startswith("&lt;script&gt;bad()")
    assert b"<script" not in raw
    assert entry.find(f"{ATOM}link").get("href") == (
        "http://example.org/app/doc/0123456789abcdef?q=%22ord%22%20%26%20%3Cx%3E#p1"
    )
    assert root.find(f"{ATOM}title").text == 'Finsök: "ord" & <x>'


def test_the_feed_leaves_the_callers_parameters_as_they_were(mixed_engine) -> None:
    """feed_xml searched by date from the first hit by changing the caller's parameters."""
    params = SearchParams(q="ESF", limit=3, offset=2)
    asked = replace(params)
    raw = research.feed_xml(mixed_engine, params, "http://x/", size=4)
    assert params == asked
    assert len(ET.fromstring(raw).findall(f"{ATOM}entry")) == 4


# --- förbund in the order of their distinctive names ---------------------------------------

# (text's förbund name, its slug): the five ways a förbund's name starts, in the order a reader
# looks them up: by the distinctive part, whatever comes before it.
NAMED = [
    ("Samordningsförbundet i Blekinge", "blekinge"),
    ("Samordningsförbund Gävleborg", "gavleborg"),
    ("Samordningsförbundet Helsingborg", "helsingborg"),
    ("Finsam i Malmö", "malmo"),
    ("Samordningsförbundet Östra Södertörn", "ostra-sodertorn"),
]


@pytest.fixture(scope="module")
def named_engine(tmp_path_factory: pytest.TempPathFactory):
    """One protocol from each förbund of `NAMED`."""
    from index.ingest import ingest
    from search.engine import Engine

    root = tmp_path_factory.mktemp("named")
    for i, (name, slug) in enumerate(NAMED):
        (root / f"{slug}.txt").write_text(
            f"Protokoll styrelsemöte {name}\n2024-03-0{i + 1}\n\n"
            "§ 1 Om budget\nStyrelsen diskuterar budget.\n\n§ 2 Övrigt\nInget övrigt.\n",
            encoding="utf-8",
        )
    assert ingest([root], root / "ix").added == len(NAMED)
    return Engine.open(root / "ix")


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Samordningsförbund Gävleborg", "Gävleborg"),  # without "-et": it stayed whole
        ("Samordningsförbundet i Blekinge", "Blekinge"),
        ("Samordningsförbundet Väst", "Väst"),
        ("Finsam i Malmö", "Malmö"),
        ("FINSAM Blekinge", "Blekinge"),
        ("Okänt förbund", "Okänt förbund"),
        ("Samordningsförbundets kansli", "Samordningsförbundets kansli"),
        ("Samordningsförbundet", "Samordningsförbundet"),
    ],
)
def test_a_short_name_drops_what_every_forbund_is_called(name: str, short: str) -> None:
    assert research.short_name(name) == short


def test_forbund_are_listed_by_their_distinctive_name_everywhere(named_engine) -> None:
    """The chooser, /coverage and the matrix list förbund in one order, that of the name's
    distinctive part: "Samordningsförbundet i Blekinge" came after "Samordningsförbundet
    Helsingborg" (among the i's), and "Samordningsförbund Gävleborg" before every other."""
    slugs = [slug for _, slug in NAMED]
    assert [o["slug"] for o in research.forbund_options(named_engine)] == slugs
    assert [r["slug"] for r in research.coverage_data(named_engine)["forbund"]] == slugs
    compared = research.compare_data(named_engine, SearchParams(q="budget"))
    assert [r["slug"] for r in compared["matrix"]] == slugs
    # Every förbund has the same rate: the ranking falls back on the same order.
    assert [r["slug"] for r in compared["forbund"]] == slugs
    charts = research.compare_charts(compared)
    labels = [
        t.text
        for t in ET.fromstring(str(charts["forbund"])).iter(f"{SVG}text")
        if t.get("class") == "chart-label"
    ]
    assert labels == ["Blekinge", "Gävleborg", "Helsingborg", "Malmö", "Östra Södertörn"]
    missing = [f["name"] for f in research.coverage_data(named_engine)["missing"]]
    keys = [research.swedish_key(research.short_name(name)) for name in missing]
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    ("params", "said"),
    [
        ({"q": "styrelsemöte"}, "huvudet på 5 dokument"),
        ({"q": "styrelsemöte", "forbund": ["blekinge"]}, "huvudet på 1 dokument,"),
        ({"q": "styrelsemöte", "kind": "rapport"}, None),  # no head in scope either
        ({"q": "budget"}, None),  # found in sections: the tables say it
        ({"q": "rymdskepp"}, None),  # found nowhere
    ],
)
def test_a_query_found_only_in_heads_says_so(named_engine, params: dict, said: str | None) -> None:
    """A query found in no section but in documents' heads (title, place, attendance) used to
    give a table of zeros and no word: a researcher read it as never mentioned, while the
    search page listed the documents."""
    data = research.compare_data(named_engine, SearchParams(**params))
    notice = data["notice"] or ""
    if said:
        assert data["total"] == 0 and said in notice and "räknas inte" in notice
        excel = research.compare_csv(data)
        assert excel.rstrip("\r\n").rsplit("\r\n", 1)[-1].startswith("Obs: ")
    else:
        assert "huvud" not in notice


@pytest.mark.parametrize("small", ["kind", "forbund", "year"])
@pytest.mark.parametrize("documents", [False, True])
def test_the_total_and_the_missing_counts_agree_past_a_facets_size(
    engine, monkeypatch: pytest.MonkeyPatch, small: str, documents: bool
) -> None:
    """One rule (`search.engine.match_total`): past the kind facet's size the total counted
    the listed kinds only and `facets_missing` every match, so the förbund and year facets
    with their missing counts added up to more than the total. Four kinds fit the facet, so
    it is made small here. A small förbund or year facet must change neither."""
    import search.engine
    from search.engine import SearchParams

    run = engine.search_documents if documents else engine.search
    params = SearchParams(q="styrelsen" if not documents else "samordningsförbundet")
    whole = run(params)
    assert len(whole["facets"][small]) >= 2  # so that a size of 1 leaves some out
    monkeypatch.setitem(search.engine.FACET_SIZES, small, 1)
    cut = run(params)
    assert len(cut["facets"][small]) == 1
    assert cut["total"] == whole["total"] > 0
    assert cut["facets_missing"] == whole["facets_missing"]
    listed = sum(cut["facets"]["forbund"].values()) + cut["facets_missing"]["forbund"]
    assert listed == cut["total"] if small != "forbund" else listed < cut["total"]


@pytest.mark.parametrize(
    ("facets", "beyond", "missing"),
    [
        # every value listed: what the facet does not count has no value
        ({"forbund": {"a": 3}, "year": {"2024": 4}, "kind": {"protokoll": 5}}, {}, (2, 1)),
        # values past the facet's size have a value though it does not list them (review)
        (
            {"forbund": {"a": 3}, "year": {"2024": 4}, "kind": {"protokoll": 5}},
            {"forbund": 2, "year": 1, "kind": 0},
            (0, 0),
        ),
        ({"forbund": {}, "year": {}, "kind": {}}, {}, (0, 0)),
    ],
)
def test_missing_counts_leave_out_the_values_past_a_facets_size(
    facets: dict, beyond: dict, missing: tuple[int, int]
) -> None:
    from search.engine import missing_counts

    assert missing_counts(facets, beyond) == dict(zip(("forbund", "year"), missing, strict=True))


def test_a_search_of_filters_alone_can_be_followed_and_downloaded(client) -> None:
    """Found by qa22: /?forbund=halland listed Halland's sections but offered no feed and
    no CSV, which only a search with words had; "everything new from Halland" is a feed a
    reader subscribes to. The comparison needs words, so it is offered with them only."""
    page = client.get("/?forbund=halland").get_data(as_text=True)
    total = int(re.search(r'<p class="summary" role="status">(\d+) träff', page).group(1))
    feed_link = link(page, re.escape("Bevaka sökningen (Atom)"))
    assert "forbund=halland" in feed_link
    assert 'title="Bevaka de filtrerade träffarna"' in page  # the page's alternate link
    root = ET.fromstring(client.get(feed_link).data)
    entries = root.findall(f"{ATOM}entry")
    assert 0 < len(entries) <= total
    csv_link = link(page, re.escape("Ladda ner träffarna (CSV)"))
    assert "forbund=halland" in csv_link
    body = client.get(csv_link).data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body, newline=""), delimiter=";"))
    assert len(rows) - 1 == total
    assert "Jämför förbund och år" not in page
    # must not change: a search with words offers all three
    worded = client.get("/?q=budget&forbund=halland").get_data(as_text=True)
    assert "Jämför förbund och år" in worded and "Bevaka ”budget”" in worded


# --- the search page's links as a researcher follows them ------------------------------------


def page_links(page: str) -> list[str]:
    """Every link on a page that leads to a search, a download, a feed or a comparison."""
    import html

    hrefs = (html.unescape(h) for h in re.findall(r'href="([^"]*)"', page))
    return [h for h in hrefs if h.startswith(("/?", "/search.csv", "/feed", "/compare"))]


# (the search's address, parameters its links must not state, parameters they must keep)
DEFAULT_PARAMS = [
    ("/?q=styrelsen&sort=relevance", ["sort=relevance"], []),
    ("/?q=styrelsen&sort=RELEVANCE", ["sort=relevance", "sort=RELEVANCE"], []),
    ("/?sort=relevance&forbund=blekinge", ["sort=relevance"], ["forbund=blekinge"]),
    ("/?q=styrelsen&sort=relevance&page=2", ["sort=relevance", "page=1"], ["page=3"]),
    ("/?q=styrelsen&page=2", ["page=1"], ["page=3"]),
    # must not change: a sort other than the default is kept, and so is any page but the first
    ("/?q=styrelsen&sort=date&page=2", ["page=1"], ["sort=date"]),
]


@pytest.mark.parametrize(("url", "dropped", "kept"), DEFAULT_PARAMS)
def test_facet_and_paging_links_leave_out_parameters_at_their_default(
    client, url: str, dropped: list[str], kept: list[str]
) -> None:
    """Found by research25: the facet, paging and download links repeated `sort=relevance`
    (and the first page's `page=1`) when the address had it, while the form leaves out a
    value at its default (`sendOnlyWhatIsFilledIn`, `data-default`): one search had two
    addresses, and a page of hits linked the same search under another."""
    page = client.get(url).get_data(as_text=True)
    links = page_links(page)
    assert links
    said = {pair for href in links for pair in href.partition("?")[2].split("&")}
    assert not said & set(dropped), sorted(said & set(dropped))
    assert set(kept) <= said


# Searches that find nothing, and a download or a comparison that could only be empty.
NOTHING_FOUND = [
    "/?q=xyzzyq",
    "/?q=och+att",  # stopwords only
    "/?q=budget&forbund=halland&from=2025-01-01",  # no section in scope
    "/?q=19121212-1212",  # an identity number: the index holds none
    "/?forbund=halland&from=2025-01-01",  # filters alone
]


@pytest.mark.parametrize("url", NOTHING_FOUND)
def test_a_search_that_finds_nothing_offers_no_download_or_comparison(client, url: str) -> None:
    """Found by research25: "0 träffar" came with "Ladda ner träffarna (CSV)", a file of
    column headings only, and "Jämför förbund och år", a table of zeros; the feed stays, as
    watching a search for what is still to come is what a feed is for."""
    page = client.get(url).get_data(as_text=True)
    summary = re.search(r'<p class="summary" role="status">(.*?)</p>', page, re.S).group(1)
    assert summary.startswith("0 träffar")
    assert "/search.csv" not in summary and "/compare" not in summary
    assert "Ladda ner" not in summary and "Jämför" not in summary
    assert "Bevaka sökningen (Atom)" in summary


@pytest.mark.parametrize(
    "url",
    [
        "/?q=budget",
        "/?forbund=halland",
        "/?q=styrelsen&page=99",  # past the last page: the search itself found hits
    ],
)
def test_a_search_with_hits_still_offers_download_and_comparison(client, url: str) -> None:
    page = client.get(url).get_data(as_text=True)
    summary = re.search(r'<p class="summary" role="status">(.*?)</p>', page, re.S).group(1)
    assert not summary.startswith("0 träffar")
    assert "Ladda ner träffarna (CSV)" in summary
    assert ("Jämför förbund och år" in summary) == ("q=" in url)
