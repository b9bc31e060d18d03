"""Paging parameters: the API refuses limit, offset and page out of range with one clear line;
the pages show at most MAX_LIMIT hits for a larger limit and refuse the rest with an error page.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date
from urllib.parse import urlencode

import pytest
from werkzeug.datastructures import MultiDict

from index.errors import FinsokError, grouped
from search.limits import MAX_FORBUND, MAX_LIMIT, MAX_OFFSET
from search.params import KIND_REASON, SORT_REASON, SearchParams, allowed
from web.params import LIMIT_HINT, OFFSET_HINT, search_params

API_PATHS = ["/api/search", "/api/documents", "/api/compare", "/api/compare.csv"]
PAGE_PATHS = ["/", "/documents", "/compare", "/compare.csv", "/feed"]

# (query, accepted?, what a refusal must say). The edges of every range, from both sides.
API_PAGING = [
    ({"limit": 1}, True, ()),
    ({"limit": MAX_LIMIT}, True, ()),
    (
        {"limit": MAX_LIMIT + 1},
        False,
        (f"Parametern limit: {MAX_LIMIT + 1} är för stort (tillåtet: 1–{MAX_LIMIT}).", LIMIT_HINT),
    ),
    ({"limit": 100000}, False, (f"(tillåtet: 1–{MAX_LIMIT}). {LIMIT_HINT}",)),
    ({"limit": 0}, False, (f"Parametern limit: 0 är för litet (tillåtet: 1–{MAX_LIMIT}).",)),
    (
        {"limit": "tio"},
        False,
        (f"Parametern limit: måste vara ett heltal från 1 till {MAX_LIMIT}",),
    ),
    ({"offset": 0}, True, ()),
    ({"offset": MAX_OFFSET}, True, ()),
    (
        {"offset": MAX_OFFSET + 1},
        False,
        (
            f"Parametern offset: {MAX_OFFSET + 1} är för stort (tillåtet: 0–{grouped(MAX_OFFSET)}).",
            OFFSET_HINT,
        ),
    ),
    ({"offset": -1}, False, ("Parametern offset: -1 är för litet",)),
    ({"limit": 5, "page": MAX_OFFSET // 5 + 1}, True, ()),
    (
        {"limit": 5, "page": MAX_OFFSET // 5 + 2},
        False,
        ("Parametern page: 2002 är för stort", "Med limit=5 är sida 2001 den sista.", OFFSET_HINT),
    ),
    ({"page": 0}, False, ("Parametern page: 0 är för litet",)),
    # a value too long to quote whole is quoted cut, and says so
    ({"limit": "9" * 30}, False, (f"Parametern limit: {'9' * 19}… är för stort",)),
    # decisions only: the box's values, else refused as every other parameter is
    ({"decisions": "1"}, True, ()),
    ({"decisions": "0"}, True, ()),
    ({"decisions": "ja"}, False, ("Parametern decisions: måste vara 1 eller 0, inte ”ja”",)),
]


@pytest.mark.parametrize("path", API_PATHS)
@pytest.mark.parametrize(
    ("query", "accepted", "says"), API_PAGING, ids=[urlencode(row[0]) for row in API_PAGING]
)
def test_api_refuses_paging_out_of_range(
    client, path: str, query: dict, accepted: bool, says: tuple[str, ...]
) -> None:
    response = client.get(path, query_string={"q": "styrelsen", **query})
    if accepted:
        assert response.status_code == 200, response.get_data(as_text=True)
        return
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "bad_param"
    assert all(part in error["message"] for part in says), error["message"]
    assert "\n" not in error["message"]


@pytest.mark.parametrize("path", ["/api/search", "/api/documents"])
def test_api_echoes_the_limit_it_used(client, path: str) -> None:
    data = client.get(path, query_string={"q": "styrelsen", "limit": MAX_LIMIT}).get_json()
    assert data["params"]["limit"] == MAX_LIMIT


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_pages_show_at_most_max_limit_for_a_larger_limit(client, path: str) -> None:
    """A person who edits the URL gets the page, with MAX_LIMIT hits per page."""
    response = client.get(path, query_string={"q": "styrelsen", "limit": 100000})
    assert response.status_code == 200
    assert "Sökningen gick inte att göra" not in response.get_data(as_text=True)


def test_search_page_with_a_large_limit_lists_hits_up_to_the_cap(client) -> None:
    total = client.get("/api/search?q=styrelsen").get_json()["total"]
    assert total > 10  # more than one default page, so the limit shows
    page = client.get("/?q=styrelsen&limit=100000").get_data(as_text=True)
    assert page.count('<li class="hit') == min(total, MAX_LIMIT)


# (query, what the page says): the pages refuse these as the API does, in their error summary.
PAGE_REFUSALS = [
    ({"limit": 0}, "Antalet träffar per sida måste vara minst 1, inte 0."),
    ({"offset": MAX_OFFSET + 1}, f"Träffen att börja på får vara högst {MAX_OFFSET}, inte"),
    ({"limit": 5, "page": MAX_OFFSET // 5 + 2}, "Med 5 träffar per sida är sida 2001 den sista."),
]


@pytest.mark.parametrize("path", ["/", "/documents"])
@pytest.mark.parametrize(
    ("query", "message"), PAGE_REFUSALS, ids=[urlencode(row[0]) for row in PAGE_REFUSALS]
)
def test_pages_refuse_other_paging_in_their_error_summary(
    client, path: str, query: dict, message: str
) -> None:
    response = client.get(path, query_string={"q": "styrelsen", **query})
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    summary = page[page.index('class="error-summary"') : page.index("</div>")]
    assert "Det finns ett fel" in summary and message in summary
    assert '<li class="hit' not in page
    assert "Parametern" not in page  # a reader is told in the page's words
    assert "Traceback" not in page


# (arguments, lenient, expected (limit, offset) or the start of the error).
SEARCH_PARAMS = [
    ({}, True, (10, 0)),
    ({"limit": "500"}, True, (MAX_LIMIT, 0)),
    ({"limit": "500"}, False, "Parametern limit: 500 är för stort"),
    ({"limit": str(MAX_LIMIT)}, False, (MAX_LIMIT, 0)),
    ({"limit": " 7 "}, False, (7, 0)),
    ({"limit": "0"}, True, "Parametern limit: 0 är för litet"),
    ({"limit": "7", "page": "3"}, False, (7, 14)),
    ({"limit": "500", "page": "3"}, True, (MAX_LIMIT, 2 * MAX_LIMIT)),
    ({"page": "3", "offset": "4"}, False, (10, 4)),  # offset wins over page
    ({"offset": str(MAX_OFFSET + 1)}, True, "Parametern offset: 10001 är för stort"),
    ({"page": str(MAX_OFFSET // 10 + 2)}, True, "Parametern page: 1002 är för stort"),
    ({"limit": "9" * 5000}, True, "Parametern limit: måste vara ett heltal"),
]


@pytest.mark.parametrize(
    ("args", "clamp", "expected"),
    SEARCH_PARAMS,
    ids=[f"{urlencode(a)[:30]}-{'clamp' if c else 'strict'}" for a, c, _ in SEARCH_PARAMS],
)
def test_search_params_paging(args: dict, clamp: bool, expected: tuple | str) -> None:
    def read():
        return search_params(MultiDict(args), page_size=10, max_limit=MAX_LIMIT, lenient=clamp)

    if isinstance(expected, str):
        with pytest.raises(FinsokError) as caught:
            read()
        assert caught.value.status == 400 and caught.value.code == "bad_param"
        assert caught.value.message.startswith(expected)
        assert len(caught.value.message) < 300  # the raw value is cut, never echoed whole
    else:
        params = read()
        assert (params.limit, params.offset) == expected


def test_a_lower_configured_cap_is_the_api_range(app) -> None:
    """FINSOK_MAX_LIMIT below MAX_LIMIT narrows the range the API accepts and names."""
    from web import create_app

    small = create_app({**app.config, "FINSOK_MAX_LIMIT": 20}).test_client()
    assert small.get("/api/search?q=styrelsen&limit=20").status_code == 200
    refused = small.get("/api/search?q=styrelsen&limit=21").get_json()["error"]["message"]
    assert "(tillåtet: 1–20)" in refused
    assert small.get("/?q=styrelsen&limit=21").status_code == 200


# (value of from, the date it means or what the refusal says). Python's date.fromisoformat
# reads all of the malformed ones as some date; only ÅÅÅÅ-MM-DD is taken (search.dates).
DATES = [
    ("2024-02-29", date(2024, 2, 29)),
    (" 2024-01-31 ", date(2024, 1, 31)),
    ("20231231xx", "Parametern from: måste vara ett datum ÅÅÅÅ-MM-DD, inte ”20231231xx”"),
    ("8504121230", "Parametern from: måste vara ett datum ÅÅÅÅ-MM-DD, inte ”XXXXXX-XXXX”"),
    ("20240101", "Parametern from: måste vara ett datum ÅÅÅÅ-MM-DD"),
    ("2024-W01-1", "Parametern from: måste vara ett datum ÅÅÅÅ-MM-DD"),
    ("2024-1-5", "Parametern from: måste vara ett datum ÅÅÅÅ-MM-DD"),
    ("2024-01-01T00:00", "Parametern from: måste vara ett datum ÅÅÅÅ-MM-DD"),
    ("\uff12\uff10\uff12\uff14-01-01", "Parametern from: måste vara ett datum ÅÅÅÅ-MM-DD"),
    ("2024-02-30", "Parametern from: datumet 2024-02-30 finns inte — februari 2024 har 29 dagar."),
    ("2023-02-29", "Parametern from: datumet 2023-02-29 finns inte — februari 2023 har 28 dagar."),
    ("2024-04-31", "Parametern from: datumet 2024-04-31 finns inte — april 2024 har 30 dagar."),
    ("2024-13-01", "Parametern from: datumet 2024-13-01 finns inte — månaden måste vara 01–12."),
    ("2024-01-00", "Parametern from: datumet 2024-01-00 finns inte — januari 2024 har 31 dagar."),
    ("0000-01-01", "Parametern from: datumet 0000-01-01 finns inte — år 0000 finns inte"),
]


@pytest.mark.parametrize(("value", "expected"), DATES, ids=[row[0] for row in DATES])
def test_dates_are_read_only_as_yyyy_mm_dd(value: str, expected: date | str) -> None:
    def read(lenient: bool) -> SearchParams:
        args = MultiDict({"from": value})
        return search_params(args, page_size=10, max_limit=MAX_LIMIT, lenient=lenient)

    for lenient in (True, False):  # the pages and the API read dates alike
        if isinstance(expected, date):
            assert read(lenient).date_from == expected
            continue
        with pytest.raises(FinsokError) as caught:
            read(lenient)
        assert caught.value.status == 400 and caught.value.code == "bad_param"
        assert caught.value.message.startswith(expected), caught.value.message
        assert "8504121230" not in caught.value.message


@pytest.mark.parametrize("path", ["/api/search", "/", "/feed"])
@pytest.mark.parametrize("name", ["from", "to"])
@pytest.mark.parametrize("value", ["20231231xx", "8504121230", "2024-W01-1", "2024-02-30"])
def test_malformed_and_impossible_dates_are_400(client, path: str, name: str, value: str) -> None:
    response = client.get(path, query_string={"q": "budget", name: value})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "8504121230" not in text
    if path.startswith("/api/"):  # a program is told the parameter's name
        assert f"Parametern {name}:" in text
        wanted = "finns inte" if value == "2024-02-30" else "måste vara ett datum ÅÅÅÅ-MM-DD"
    else:  # a reader the field's label
        assert {"from": "Från datum", "to": "Till datum"}[name] in text
        wanted = "finns inte" if value == "2024-02-30" else "ska skrivas ÅÅÅÅ-MM-DD"
    assert wanted in text


# (SearchParams fields, the same request to the API, the error code). The engine used to clamp
# a limit above MAX_LIMIT where the API refused it, and worded the rest its own way.
ENGINE_REFUSALS = [
    ({"limit": MAX_LIMIT + 1}, {"limit": MAX_LIMIT + 1}, "bad_param"),
    ({"limit": 100000}, {"limit": 100000}, "bad_param"),
    ({"limit": 0}, {"limit": 0}, "bad_param"),
    ({"offset": MAX_OFFSET + 1}, {"offset": MAX_OFFSET + 1}, "bad_param"),
    ({"offset": -1}, {"offset": -1}, "bad_param"),
    ({"kind": "okänd"}, {"kind": "okänd"}, "bad_param"),
    ({"sort": "datum"}, {"sort": "datum"}, "bad_param"),
    (
        {"date_from": date(2025, 12, 31), "date_to": date(2021, 1, 1)},
        {"from": "2025-12-31", "to": "2021-01-01"},
        "bad_param",
    ),
    ({"q": "b" * 501}, {"q": "b" * 501}, "query_too_long"),
    (
        {"forbund": [f"f{i}" for i in range(MAX_FORBUND + 1)]},
        {"forbund": [f"f{i}" for i in range(MAX_FORBUND + 1)]},
        "bad_param",
    ),
]


@pytest.mark.parametrize("method", ["search", "search_documents", "compare_cells"])
@pytest.mark.parametrize(
    ("fields", "query", "code"),
    ENGINE_REFUSALS,
    ids=[urlencode(r[1])[:30] for r in ENGINE_REFUSALS],
)
def test_the_engine_refuses_what_the_api_refuses_in_its_words(
    engine, client, method: str, fields: dict, query: dict, code: str
) -> None:
    params = SearchParams(**{"q": "styrelsen", **fields})
    asked = replace(params)
    with pytest.raises(FinsokError) as caught:
        getattr(engine, method)(params)
    assert (caught.value.status, caught.value.code) == (400, code)
    assert params == asked  # refused, not clamped or otherwise changed
    api = client.get("/api/search", query_string={"q": "styrelsen", **query})
    assert api.get_json()["error"] == {"status": 400, "code": code, "message": str(caught.value)}


@pytest.mark.parametrize(
    "fields",
    [
        {"limit": MAX_LIMIT, "offset": MAX_OFFSET},
        {"limit": 1, "offset": 0},
        {"kind": "decision", "sort": "date"},
        {"kind": "annat", "date_from": date(2024, 1, 1), "date_to": date(2024, 1, 1)},
    ],
)
def test_the_engine_takes_the_edges_of_every_range(engine, fields: dict) -> None:
    params = SearchParams(q="styrelsen", **fields)
    assert params.validate() is params
    assert engine.search(params)["total"] >= 0


@pytest.mark.parametrize(
    ("kind", "decisions", "decisions_only", "document_kind"),
    [
        (None, False, False, None),
        ("decision", False, True, None),  # the contract's way to ask for decisions only
        (None, True, True, None),
        ("protokoll", True, True, "protokoll"),  # a page's "Bara beslut" beside its Typ facet
        ("rapport", False, False, "rapport"),
    ],
)
def test_what_kind_and_decisions_ask_for(
    kind: str | None, decisions: bool, decisions_only: bool, document_kind: str | None
) -> None:
    from search.params import SearchParams

    params = SearchParams(kind=kind, decisions=decisions)
    assert (params.decisions_only, params.document_kind) == (decisions_only, document_kind)


@pytest.mark.parametrize(
    ("n", "text"),
    [(0, "0"), (100, "100"), (9999, "9999"), (10_000, "10 000"), (2_000_000, "2 000 000")],
)
def test_numbers_in_messages_are_grouped_from_five_digits(n: int, text: str) -> None:
    """As Språkrådet writes numbers and the pages do (`web.numbers`): "10 000", "5000"."""
    assert grouped(n) == text
    assert allowed(0, n) == f"0–{text}"


LONG = "x" * 30
CUT = "x" * 19 + "…"
# (parameter, value, what the API says, what the page says): every refused value is quoted
# the same way, whole when short, cut at 20 characters with "…" when long, and masked when it
# holds an identity number. `kind` used to be cut without "…" (and not quoted by the API).
QUOTED_VALUES = [
    ("kind", LONG, f"Parametern kind: {KIND_REASON}, inte ”{CUT}”", f"Typen ”{CUT}” finns inte"),
    ("kind", "okänd", f"Parametern kind: {KIND_REASON}, inte ”okänd”", "Typen ”okänd” finns inte"),
    ("kind", "x" * 20, f"inte ”{'x' * 20}”", f"Typen ”{'x' * 20}” finns inte"),
    ("kind", "8504121230", "inte ”XXXXXX-XXXX”", "Typen ”XXXXXX-XXXX” finns inte"),
    ("sort", LONG, f"Parametern sort: {SORT_REASON}, inte ”{CUT}”", "Sorteringen måste vara"),
    ("limit", LONG, f"heltal från 1 till {MAX_LIMIT}, inte ”{CUT}”", f"inte ”{CUT}”"),
    ("from", LONG, f"ÅÅÅÅ-MM-DD, inte ”{CUT}”", f"inte ”{CUT}”"),
    ("decisions", LONG, f"måste vara 1 eller 0, inte ”{CUT}”", "Bara beslut väljs med rutan"),
]


@pytest.mark.parametrize(("name", "value", "api_says", "page_says"), QUOTED_VALUES)
def test_a_refused_value_is_quoted_alike_by_every_parameter(
    client, name: str, value: str, api_says: str, page_says: str
) -> None:
    api = client.get("/api/search", query_string={"q": "budget", name: value})
    assert api.status_code == 400
    assert api_says in api.get_json()["error"]["message"]
    if name != "decisions":  # a page takes another value as off
        page = client.get("/", query_string={"q": "budget", name: value})
        assert page.status_code == 400
        assert page_says in page.get_data(as_text=True)
    if len(value) > 20:
        assert value[:20] not in api.get_data(as_text=True)


# Whole numbers as an address writes them: int() reads more than that, and the first three
# were read as numbers (`limit=+5` as 5, `٥` as 5, `1_0` as 10); the last three were refused
# already and stay so. Spaces around digits stay allowed (`SEARCH_PARAMS`: " 7 ").
NOT_WHOLE = ["+5", "\u0665", "1_0", "0x5", "5.0", "--5"]


@pytest.mark.parametrize("value", NOT_WHOLE)
@pytest.mark.parametrize("name", ["limit", "offset", "page"])
def test_only_ascii_digits_make_a_whole_number(client, name: str, value: str) -> None:
    api = client.get("/api/search", query_string={"q": "budget", name: value})
    assert api.status_code == 400
    assert "måste vara ett heltal" in api.get_json()["error"]["message"]
    assert client.get("/", query_string={"q": "budget", name: value}).status_code == 400


# Blank values: spaces, a no-break space. They were refused as ”” (nothing between the
# quotes) while a blank date, kind or sort counts as unset.
BLANK = [" ", "\u00a0", "  \t"]


@pytest.mark.parametrize("value", BLANK)
@pytest.mark.parametrize("name", ["limit", "offset", "page"])
def test_a_blank_whole_number_counts_as_unset(client, name: str, value: str) -> None:
    unset = client.get("/api/search", query_string={"q": "budget"}).get_json()
    blank = client.get("/api/search", query_string={"q": "budget", name: value})
    assert blank.status_code == 200
    assert [h["id"] for h in blank.get_json()["hits"]] == [h["id"] for h in unset["hits"]]
    assert client.get("/", query_string={"q": "budget", name: value}).status_code == 200


@pytest.mark.parametrize(("name", "value"), [("limit", "5"), ("offset", "0"), ("page", "2")])
def test_a_whole_number_stays_one(client, name: str, value: str) -> None:
    """The neighbours: plain digits are read as before."""
    assert client.get("/api/search", query_string={"q": "budget", name: value}).status_code == 200


@pytest.mark.parametrize(
    ("path", "name"), [("/api/search", "limit"), ("/api/search", "offset"), ("/", "offset")]
)
def test_a_cut_value_ends_its_sentence_once(client, path: str, name: str) -> None:
    """A value `quoted` cuts ends in "…", which ends the sentence: no full stop after it
    ("inte 99999999999999999…." read as a typo)."""
    response = client.get(path, query_string={"q": "budget", name: "9" * 30})
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "9" * 19 + "…" in body and "…." not in body


# (query, the echo's kind and decisions): "Bara beslut" beside a kind narrows the search, so
# the echo says so; alone it is kind=decision. The echo used to leave decisions out, so a
# program could not tell a search of decisions in protocols from one of all protocol text.
DECISION_ECHOES = [
    ({}, None, False),
    ({"decisions": "1"}, "decision", False),
    ({"kind": "decision", "decisions": "1"}, "decision", False),
    ({"kind": "protokoll"}, "protokoll", False),
    ({"kind": "protokoll", "decisions": "1"}, "protokoll", True),
    ({"kind": "rapport", "decisions": "0"}, "rapport", False),
]


@pytest.mark.parametrize("path", ["/api/search", "/api/documents", "/api/compare"])
@pytest.mark.parametrize(("query", "kind", "decisions"), DECISION_ECHOES)
def test_the_api_echoes_decisions_beside_a_kind(
    client, path: str, query: dict, kind: str | None, decisions: bool
) -> None:
    echo = client.get(path, query_string={"q": "budget", **query}).get_json()["params"]
    assert (echo["kind"], echo["decisions"]) == (kind, decisions)


UNKNOWN = [f"okant-{i}" for i in range(MAX_FORBUND)]
# (förbund named, accepted by the API?, Blekinge's hits for "styrelsen"). Every förbund past
# the 20th used to be dropped without a word: Blekinge named 21st was not searched at all.
FORBUND_COUNTS = [
    (["blekinge"], True, 11),
    ([*UNKNOWN[:20], "blekinge"], True, 11),
    ([*UNKNOWN[: MAX_FORBUND - 1], "blekinge"], True, 11),
    ([*UNKNOWN[:50], *UNKNOWN[:50], "blekinge", "blekinge"], True, 11),  # each counted once
    ([*UNKNOWN, "blekinge"], False, None),
]


@pytest.mark.parametrize(("forbund", "accepted", "hits"), FORBUND_COUNTS)
@pytest.mark.parametrize("path", ["/api/search", "/api/compare"])
def test_every_named_forbund_is_searched_or_the_api_says_why_not(
    client, path: str, forbund: list[str], accepted: bool, hits: int | None
) -> None:
    response = client.get(path, query_string={"q": "styrelsen", "forbund": forbund})
    if not accepted:
        assert response.status_code == 400
        message = response.get_json()["error"]["message"]
        assert message == f"Parametern forbund: högst {MAX_FORBUND} förbund, inte {len(forbund)}."
        return
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["total"] == hits
    assert answer["params"]["forbund"] == list(dict.fromkeys(forbund))


def test_a_page_searches_the_first_forbund_of_too_many_and_says_so(client) -> None:
    forbund = ["blekinge", *UNKNOWN]
    for path in ("/", "/compare"):
        page = client.get(path, query_string={"q": "styrelsen", "forbund": forbund})
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert f"Sökningen gäller de {MAX_FORBUND} första av de {MAX_FORBUND + 1} förbund" in text
        assert "11 träffar för ”styrelsen”" in text  # Blekinge, named first, is searched


CASED_ROUTES = [
    "/api/search",
    "/api/documents",
    "/api/compare",
    "/api/search.csv",
    "/api/compare.csv",
    "/search.csv",
    "/compare.csv",
    "/feed",
    "/",
    "/documents",
    "/compare",
]


@pytest.mark.parametrize("path", CASED_ROUTES)
@pytest.mark.parametrize(
    "cased",
    [
        {"kind": "Protokoll"},
        {"kind": "PROTOKOLL", "decisions": "TRUE"},
        {"kind": "Decision"},
        {"sort": "Date"},
    ],
)
def test_enumerated_values_are_read_in_any_case(client, path: str, cased: dict) -> None:
    """kind=Protokoll was a 400 everywhere while typ:Protokoll in the query was read: every
    enumerated value (kind, sort, decisions) is read in any case, on every route, and answers
    as its lower-case spelling does."""
    lower = {k: v.lower() for k, v in cased.items()}
    got = client.get(path, query_string={"q": "budget", **cased})
    want = client.get(path, query_string={"q": "budget", **lower})
    assert got.status_code == want.status_code == 200, path
    if path in ("/", "/documents", "/compare"):
        # A page's own links repeat the value as typed (and read it alike): compare what
        # it found, its count and its hits in their order.
        found = re.compile(r'role="status">([^<]*)|<h2><a href="(/doc/[^?#"]+)')
        assert found.findall(got.get_data(as_text=True)) == found.findall(
            want.get_data(as_text=True)
        ), path
        return
    strip = re.compile(rb'"took_ms": ?[0-9.]+')
    assert strip.sub(b"", got.data) == strip.sub(b"", want.data), path


@pytest.mark.parametrize(("name", "value"), [("kind", "Rapporter"), ("sort", "Datum")])
def test_an_unknown_enumerated_value_is_quoted_as_typed(client, name: str, value: str) -> None:
    answer = client.get("/api/search", query_string={"q": "budget", name: value})
    assert answer.status_code == 400
    assert f"inte ”{value}”" in answer.get_json()["error"]["message"]


# --- what a page did not read, and values read without a check -----------------------------

UNREAD_NOTICE = re.compile(r'<p class="notice unread ignored">(.*?)</p>')
PARAM_NOTICE = re.compile(r'<p class="notice[^"]*">(.*?)</p>')


def _doc(client) -> str:
    """A document's page path, by its id in this index (ids depend on the checkout's path)."""
    return "/doc/" + client.get("/api/search?q=budget&limit=1").get_json()["hits"][0]["doc_id"]


# (page, its address past the path, the hint it shows): the API's `ignored_hint`, word for word.
PAGE_HINTS = [
    ("/", "q=budget&forbnd=halland", "Parametern ”forbnd” lästes inte: menade du forbund?"),
    # no search without it: the hint says why the page is empty
    ("/", "forbnd=halland", "Parametern ”forbnd” lästes inte: menade du forbund?"),
    ("/", "q=budget&f%C3%B6rbund=halland", "Parametern ”förbund” lästes inte: menade du forbund?"),
    ("/documents", "q=budget&Limit=5", "Parametern ”Limit” lästes inte: menade du limit?"),
    ("/compare", "q=budget&typ=rapport", "Parametern ”typ” lästes inte: menade du kind?"),
    ("doc", "Q=budget", "Parametern ”Q” lästes inte: menade du q?"),
    ("/", "q=budget&offset=0&page=3",
     "Parametern ”page” lästes inte: offset anger var sidan börjar, och page läses bara utan offset."),
    # beside an error the form shows again, the hint too
    ("/", "q=budget&from=2024&sortera=datum", "Parametern ”sortera” lästes inte: menade du sort?"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "query", "hint"), PAGE_HINTS, ids=[r[1] for r in PAGE_HINTS])
def test_a_page_says_which_parameter_it_did_not_read(client, path, query, hint) -> None:
    """A researcher who shared `?q=budget&forbnd=halland` got every förbund's hits and no
    word: the page says it near the results, in the API's words."""
    path = _doc(client) if path == "doc" else path
    response = client.get(f"{path}?{query}")
    assert response.status_code in (200, 400)
    said = UNREAD_NOTICE.findall(response.get_data(as_text=True))
    assert [html.unescape(s) for s in said] == [hint]


@pytest.mark.parametrize(
    "query",
    ["q=budget", "q=budget&_=1700000000&utm_source=nyhetsbrev", "q=budget&callback=x",
     "q=budget&forbund=halland&kind=protokoll&sort=date&page=1"],
)  # fmt: skip
def test_a_page_gives_no_hint_for_a_clients_own_or_a_read_parameter(client, query) -> None:
    assert "notice unread" not in client.get(f"/?{query}").get_data(as_text=True)


def test_a_hinted_name_is_escaped_on_the_page(client) -> None:
    """A parameter's name is the visitor's text: printed escaped, never as markup."""
    page = client.get("/?q=budget&forbund%3Ci%3E=halland").get_data(as_text=True)
    assert "Parametern ”forbund&lt;i&gt;” lästes inte: menade du forbund?" in page
    assert "forbund<i>" not in page


# (API route, page, parameter and value, the message): a value a route reads but could not
# read is a 400 with the one error shape from the API, and on the page the same message as a
# notice, never a 500. A flag on a page, and every filter and `huvud` on a document's page, were
# read as off or left out without a word.
READ_VALUES = [
    ("/api/search", "/", "decisions=ja", "Parametern decisions: måste vara 1 eller 0, inte ”ja”"),
    ("/api/documents", "/documents", "undated=ja",
     "Parametern undated: måste vara 1 eller 0, inte ”ja”"),
    ("/api/compare", "/compare", "decisions=2", "Parametern decisions: måste vara 1 eller 0, inte ”2”"),
    ("doc", "doc", "from=2024", "Parametern from: måste vara ett datum ÅÅÅÅ-MM-DD, inte ”2024”"),
    ("doc", "doc", "to=2024-02-30",
     "Parametern to: datumet 2024-02-30 finns inte — februari 2024 har 29 dagar"),
    ("doc", "doc", "kind=protokoll,rapport", "Parametern kind: måste vara en av"),
    ("doc", "doc", "decisions=ja", "Parametern decisions: måste vara 1 eller 0, inte ”ja”"),
    ("doc", "doc", "undated=jo", "Parametern undated: måste vara 1 eller 0, inte ”jo”"),
    ("doc", None, "section_html=ja", "Parametern section_html: måste vara 1 eller 0, inte ”ja”"),
    (None, "doc", "huvud=ja", "Parametern huvud: måste vara 1 eller 0, inte ”ja”"),
    ("/api/search", None, "limit=tio", "Parametern limit: måste vara ett heltal från 1 till 100"),
    ("/api/search", None, "kind=protokoll,rapport", "Parametern kind: måste vara en av"),
    ("/api/search", None, "sort=datum", "Parametern sort: måste vara relevance eller date"),
    ("/api/documents", None, "page=0", "Parametern page: 0 är för litet"),
]  # fmt: skip
READ_IDS = [f"{api or page}?{query}" for api, page, query, _ in READ_VALUES]


@pytest.mark.parametrize(("api", "page", "query", "message"), READ_VALUES, ids=READ_IDS)
def test_a_value_read_but_not_readable_is_said_by_the_api_and_the_page(
    client, api, page, query, message
) -> None:
    doc = _doc(client)
    if api is not None:
        path = doc.replace("/doc/", "/api/documents/") if api == "doc" else api
        response = client.get(f"{path}?q=budget&{query}")
        assert response.status_code == 400
        body = response.get_json()
        assert list(body) == ["error"] and body["error"]["code"] == "bad_param"
        assert body["error"]["message"].startswith(message)
    if page is not None:
        path = doc if page == "doc" else page
        response = client.get(f"{path}?q=budget&{query}")
        assert response.status_code == 200
        said = [html.unescape(s) for s in PARAM_NOTICE.findall(response.get_data(as_text=True))]
        assert any(s.startswith(message) for s in said), said


def test_a_page_reads_a_bad_flag_as_off_and_says_so(client) -> None:
    """The hits are those without the flag; the notice says how the box is set."""
    page = client.get("/?q=budget&decisions=ja").get_data(as_text=True)
    plain = client.get("/?q=budget").get_data(as_text=True)
    assert re.findall(r'class="hit[ "]', page) == re.findall(r'class="hit[ "]', plain)
    assert "sökningen gjordes utan den. Bara beslut väljs med rutan i formuläret." in page


UNDATED_WHEN = "som visas när en sökning har träffar utan datum."


# How a reader chooses undated hits: the År facet's "odaterat" shows only when a search has
# undated hits, so the sentence says so (a page that searched nothing, or found no undated
# hit, has no such entry).
UNDATED_HERE = f"Odaterade träffar väljs med ”odaterat” under År, {UNDATED_WHEN}"
UNDATED_ON_SEARCH = f"Odaterade träffar väljs med ”odaterat” under År på sidan Sök, {UNDATED_WHEN}"
UNDATED_FROM_SEARCH = (
    "Odaterade sektioner jämförs från sidan Sök: sök där, välj ”odaterat” under År och sedan "
    "”Jämför förbund och år”."
)


# (path, flag, how the notice says it is set there): where the page shown has the field. The
# notice named the search page's År facet and "Bara beslut" box on every page, where the
# compare page has no År facet and the documents page and a document no such box.
FLAG_PLACES = [
    ("/", "undated", UNDATED_HERE),
    ("/documents", "undated", UNDATED_HERE),
    ("/compare", "undated", UNDATED_FROM_SEARCH),
    ("/compare.csv", "undated", UNDATED_FROM_SEARCH),
    ("doc", "undated", UNDATED_ON_SEARCH),
    ("/", "decisions", "Bara beslut väljs med rutan i formuläret."),
    ("/compare", "decisions", "Bara beslut väljs med rutan i formuläret."),
    ("/documents", "decisions", "Bara beslut väljs med rutan i formuläret på sidan Sök."),
    ("doc", "decisions", "Bara beslut väljs med rutan i formuläret på sidan Sök."),
]


@pytest.mark.parametrize(("path", "flag", "said"), FLAG_PLACES)
def test_a_bad_flag_names_its_field_where_the_page_has_it(
    client, path: str, flag: str, said: str
) -> None:
    """The compare page's notice sent the reader to "odaterat" under År, which it has not.
    A document's page runs no search: it says what it did (it marks the words)."""
    url = f"{_doc(client) if path == 'doc' else path}?q=ESF&{flag}=ja"
    shown = html.unescape(client.get(url).get_data(as_text=True))
    done = "orden markeras utan den" if path == "doc" else "sökningen gjordes utan den"
    notice = f"Parametern {flag}: måste vara 1 eller 0, inte ”ja”; {done}."
    assert f"{notice} {said}" in shown
    if path == "/compare":  # the field it names is not on this page
        assert "under År." not in shown


def test_a_documents_page_says_it_marks_words_not_that_it_searched(client) -> None:
    """A document's page said "sökningen gjordes utan den" of a bad flag, and "sökningen
    gäller" of dates given backwards, though it runs no search: it marks the query's words."""
    doc = _doc(client)
    page = client.get(f"{doc}?q=budget&undated=ja&from=2024-05-01&to=2024-01-01")
    said = [html.unescape(s) for s in PARAM_NOTICE.findall(page.get_data(as_text=True))]
    assert (
        "Parametern undated: måste vara 1 eller 0, inte ”ja”; orden markeras utan den. "
        + UNDATED_ON_SEARCH
        in said
    )
    assert "Datumen var omkastade; markeringen gäller 2024-01-01 till och med 2024-05-01." in said
    assert not any("sökningen gjordes" in s or "sökningen gäller" in s for s in said), said


# (an address of a document's page without a query, and the one notice it shows): with no words
# to mark it reads no filter; `?undated=ja` said "orden markeras utan den", dates given
# backwards "markeringen gäller …", and a `forbund` nothing.
UNREAD_WITHOUT_QUERY = [
    ("undated=ja", "Parametern undated"),
    ("q=+&undated=1", "Parametern undated"),
    ("from=2024-05-01&to=2024-01-01&forbund=halland", "Parametrarna from, to och forbund"),
    ("kind=x&decisions=ja", "Parametrarna kind och decisions"),
]


@pytest.mark.parametrize(("query", "named"), UNREAD_WITHOUT_QUERY)
def test_a_documents_page_without_a_query_says_it_reads_no_filter(
    client, query: str, named: str
) -> None:
    """A document's page reads its filters only to mark the query's words: without a query
    there is nothing to mark, and it said what it did with the words all the same."""
    page = client.get(f"{_doc(client)}?{query}")
    assert page.status_code == 200
    said = [html.unescape(s) for s in PARAM_NOTICE.findall(page.get_data(as_text=True))]
    assert said == [
        f"{named} lästes inte: en dokumentsida läser filter bara för att markera orden i en "
        "sökfråga (q), och adressen har ingen."
    ]


def test_a_documents_page_without_a_query_ignores_the_filters_of_its_search(client) -> None:
    """A hit's link carries its search in `back`, filters and all: they are not the page's
    own, and without a query nothing is said of them (the back link keeps them)."""
    back = "/?forbund=halland&undated=ja"
    page = client.get(_doc(client), query_string={"back": back}).get_data(as_text=True)
    assert PARAM_NOTICE.findall(page) == []
    assert 'href="/?forbund=halland&amp;undated=ja"' in page


@pytest.mark.parametrize(
    ("path", "q"),
    [("/", ""), ("/documents", ""), ("/", "budget"), ("/", "xyzzyqqq"), ("/documents", "ESF")],
)
def test_the_undated_hint_says_when_its_facet_entry_is_there(client, path: str, q: str) -> None:
    """`/?undated=ja` alone, and a search with no undated hit, sent the reader to
    "”odaterat” under År", an entry the page did not have (no År facet without hits; no
    "odaterat" without an undated hit). The sentence says when the entry shows."""
    page = html.unescape(
        client.get(path, query_string={"q": q, "undated": "ja"}).get_data(as_text=True)
    )
    done = "sökningen gjordes utan den" if q else "en sökning härifrån görs utan den"
    assert f"{done}. {UNDATED_HERE}" in page
    assert "under År." not in page


# (a form page's address without anything to search, and the notice it shows under its form):
# no search ran, so no search's notice said what the page did with the value.
UNSEARCHED_NOTES = [
    (
        "/?undated=ja",
        "Parametern undated: måste vara 1 eller 0, inte ”ja”; en sökning härifrån görs utan "
        f"den. {UNDATED_HERE}",
    ),
    (
        "/?decisions=ja",
        "Parametern decisions: måste vara 1 eller 0, inte ”ja”; en sökning härifrån görs utan "
        "den. Bara beslut väljs med rutan i formuläret.",
    ),
    (
        "/documents?decisions=ja",
        "Parametern decisions: måste vara 1 eller 0, inte ”ja”; en sökning härifrån görs utan "
        "den. Bara beslut väljs med rutan i formuläret på sidan Sök.",
    ),
    (
        "/compare?undated=ja",
        "Parametern undated: måste vara 1 eller 0, inte ”ja”; en sökning härifrån görs utan "
        f"den. {UNDATED_FROM_SEARCH}",
    ),
    (
        "/documents?from=2024-05-01&to=2024-01-01",
        "Datumen var omkastade; sökningen gäller 2024-01-01 till och med 2024-05-01.",
    ),
]


@pytest.mark.parametrize(("url", "notice"), UNSEARCHED_NOTES)
def test_a_form_page_that_searched_nothing_says_what_it_did_not_read(
    client, url: str, notice: str
) -> None:
    """`/?undated=ja` alone showed the empty form and no word: the value's notice is the
    search's, and no search ran. It is said under the form, as `/?forbnd=halland`'s hint is."""
    response = client.get(url)
    assert response.status_code == 200
    said = [html.unescape(s) for s in PARAM_NOTICE.findall(response.get_data(as_text=True))]
    assert notice in said, said


def test_a_bad_flag_is_said_beside_an_error_summary(client) -> None:
    """A page that shows its form again for a bad date searched nothing either."""
    response = client.get("/?undated=ja&from=2024")
    assert response.status_code == 400
    said = [html.unescape(s) for s in PARAM_NOTICE.findall(response.get_data(as_text=True))]
    assert any(s.startswith("Parametern undated: måste vara 1 eller 0") for s in said), said


def test_a_search_says_a_bad_flag_once(client) -> None:
    """Where a search ran, its notice says it: not a second time under the form."""
    page = html.unescape(client.get("/?q=budget&undated=ja").get_data(as_text=True))
    assert page.count("Parametern undated: måste vara 1 eller 0") == 1
    assert "en sökning härifrån" not in page


def test_a_documents_unknown_forbund_is_named(client) -> None:
    """A search names a förbund the index has no documents of; a document marked for such a
    filter said only that the filter left it out."""
    doc = _doc(client)
    said = "Inget förbund i indexet har kortnamnet ”finns-inte”."
    answer = client.get(f"{doc.replace('/doc/', '/api/documents/')}?q=budget&forbund=finns-inte")
    assert answer.get_json()["marking_notice"].startswith(said)
    page = client.get(f"{doc}?q=budget&forbund=finns-inte").get_data(as_text=True)
    assert said in html.unescape(page)
    # a known förbund: nothing more than before
    known = client.get(f"{doc.replace('/doc/', '/api/documents/')}?q=budget&forbund=halland")
    assert "Inget förbund" not in (known.get_json()["marking_notice"] or "")
