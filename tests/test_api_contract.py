"""The JSON API as a program uses it: `finsok serve` on 127.0.0.1 over the sample index, called
over real sockets, every answer read as a strict client reads it.

What a program relies on: paging that gives every hit once, in one order, with one `total`;
the same hits whichever door a question comes through (API, page, CSV, feed); HTTP that means
what it says (HEAD, OPTIONS, 404, 405, content types, caching); bad input answered with one
JSON error shape, never a traceback, a 500 or an identity number; and answers that match the
OpenAPI document.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import quote, unquote, urlencode

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from search.limits import MAX_LIMIT
from tests.conftest import send_raw
from web import openapi

JSON = "application/json; charset=utf-8"
NUMBER = "19121212-1212"  # an identity number a client sends: never echoed
ATOM = {"a": "http://www.w3.org/2005/Atom"}
SPEC = openapi.spec()


class Answer:
    """One HTTP answer: status, headers (case-insensitive), raw body."""

    def __init__(self, status: int, headers: object, body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def json(self) -> object:
        """The body as a strict parser reads it: no NaN or Infinity, UTF-8 only."""

        def refuse(constant: str) -> object:
            raise ValueError(f"not JSON: {constant}")

        return json.loads(self.body.decode("utf-8"), parse_constant=refuse)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def call(server: str, path: str, method: str = "GET", headers: dict | None = None) -> Answer:
    request = urllib.request.Request(server + path, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read())


def search(server: str, **params: object) -> dict:
    answer = call(server, "/api/search?" + urlencode(params, doseq=True))
    assert answer.status == 200, answer.text[:300]
    return answer.json


def assert_error(answer: Answer, status: int, code: str | None = None) -> str:
    """The API's one error shape with `status` (and `code`); its message."""
    assert answer.status == status, answer.text[:300]
    assert answer.headers["Content-Type"] == JSON
    body = answer.json
    assert list(body) == ["error"] and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status
    if code is not None:
        assert body["error"]["code"] == code
    assert "Traceback" not in answer.text and "<html" not in answer.text.lower()
    return body["error"]["message"]


def ids(body: dict) -> list[str]:
    return [hit["id"] for hit in body["hits"]]


# --- paging ---------------------------------------------------------------------------------

# Searches whose hits a program walks page by page: relevance, date order (many sections of
# one meeting share a date: ties), filters, an exclusion that finds nearly everything.
WALKED = [
    {"q": "styrelsen"},
    {"q": "styrelsen", "sort": "date"},
    {"q": "beslut", "sort": "date", "kind": "decision"},
    {"q": "", "forbund": "soderasen", "sort": "date"},
    {"q": "-budget", "sort": "date"},
    {"q": "styrelsen", "from": "2024-01-01", "to": "2025-06-30"},
]


@pytest.mark.parametrize("params", WALKED, ids=[urlencode(p) for p in WALKED])
@pytest.mark.parametrize("limit", [1, 3, 7])
def test_walking_offset_gives_every_hit_once_in_one_order(server, params, limit):
    whole = search(server, **params, limit=MAX_LIMIT)
    assert 0 < whole["total"] <= MAX_LIMIT  # one page holds them all: the reference order
    walked, totals, offset = [], set(), 0
    while offset < whole["total"]:
        page = search(server, **params, limit=limit, offset=offset)
        totals.add(page["total"])
        assert page["page"] == offset // limit + 1 and page["pages"] == -(-whole["total"] // limit)
        walked += ids(page)
        offset += limit
    assert walked == ids(whole)
    assert totals == {whole["total"]}
    # Past the end: an empty page, not an error, with the same total.
    after = search(server, **params, limit=limit, offset=offset)
    assert after["hits"] == [] and after["total"] == whole["total"]


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_walking_pages_of_documents_gives_each_once(server, sort):
    query = {"q": "samordningsförbundet", "sort": sort}
    answer = call(server, "/api/documents?" + urlencode({**query, "limit": MAX_LIMIT}))
    whole = [d["doc_id"] for d in answer.json["documents"]]
    assert len(whole) > 2
    walked = []
    for page in range(1, len(whole) + 1):
        body = call(server, "/api/documents?" + urlencode({**query, "limit": 1, "page": page})).json
        walked += [d["doc_id"] for d in body["documents"]]
    assert walked == whole


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("1", 200),
        (str(MAX_LIMIT), 200),
        ("", 200),  # empty is absent: the default page size
        ("0", 400),
        (str(MAX_LIMIT + 1), 400),
        ("-1", 400),
        ("9" * 40, 400),
        ("abc", 400),
        ("1e3", 400),
        ("2.5", 400),
        ("+5", 400),
        ("٥", 400),  # an Arabic-Indic five: Python's int() reads it, no program means it
    ],
)
def test_limit_edges_give_a_page_or_one_clear_error(server, value, status):
    answer = call(server, "/api/search?" + urlencode({"q": "styrelsen", "limit": value}))
    if status == 200:
        assert answer.status == 200
        expected = int(value) if value else 10
        assert len(answer.json["hits"]) == min(expected, answer.json["total"])
        assert answer.json["params"]["limit"] == expected
    else:
        message = assert_error(answer, 400, "bad_param")
        assert message.startswith("Parametern limit:") and str(MAX_LIMIT) in message


# --- one question, four doors -------------------------------------------------------------

SAME = [
    {"q": "styrelsen"},
    {"q": "beslut", "sort": "date"},
    {"q": "beslut", "decisions": "1", "kind": "protokoll"},
    {"q": "styrelsen", "forbund": "blekinge"},
    {"q": "förbund:blekinge år:2025"},
]


def _page_hits(server: str, params: dict) -> list[str]:
    """The hits' links (`/doc/…#p2`) on the search page, page after page."""
    found, page = [], 1
    while True:
        html = call(server, "/?" + urlencode({**params, "page": page})).text
        links = re.findall(
            r'<li class="hit[^"]*">\s*<h2><a href="(/doc/[^"?#]+)[^"#]*(#[^"]+)"', html
        )
        found += [path + anchor for path, anchor in links]
        if not links or f"page={page + 1}" not in html:
            return found
        page += 1


@pytest.mark.parametrize("params", SAME, ids=[urlencode(p) for p in SAME])
def test_the_api_the_page_the_csv_and_the_feed_give_the_same_hits(server, params):
    api = search(server, **params, limit=MAX_LIMIT)
    assert api["total"] > 0
    assert _page_hits(server, params) == [hit["url"] for hit in api["hits"]]
    rows = list(
        csv.DictReader(io.StringIO(call(server, "/api/search.csv?" + urlencode(params)).text))
    )
    assert [row["id"] for row in rows] == ids(api)
    excel = call(server, "/search.csv?" + urlencode(params)).text.lstrip("\ufeff")
    assert [row["Id"] for row in csv.DictReader(io.StringIO(excel), delimiter=";")] == ids(api)
    # The feed is the newest entries: the API's date order.
    newest = search(server, **{**params, "sort": "date"}, limit=30)
    feed = ET.fromstring(call(server, "/feed?" + urlencode(params)).body)
    entries = [e.find("a:id", ATOM).text for e in feed.findall("a:entry", ATOM)]
    assert entries == [f"tag:finsok,2025:section:{i}" for i in ids(newest)]


# --- decomposed Swedish letters ----------------------------------------------------------

DECOMPOSED = ["söderåsen", "Samordningsförbundet Söderåsen", "östra-södertörn"]


@pytest.mark.parametrize("name", DECOMPOSED)
def test_a_forbund_in_decomposed_letters_is_the_same_forbund(server, name):
    """Found by this suite: `forbund=söderåsen` with "ö" as "o" and a combining diaeresis
    (text pasted from a macOS file name, a client that normalises to NFD) was slugged around
    the combining marks, "so-dera-sen", and found nothing, with a notice that no such förbund
    exists; the query's own `förbund:` composed its text and found them."""
    nfc, nfd = unicodedata.normalize("NFC", name), unicodedata.normalize("NFD", name)
    assert nfc != nfd
    composed = search(server, q="styrelsen", forbund=nfc, limit=MAX_LIMIT)
    decomposed = search(server, q="styrelsen", forbund=nfd, limit=MAX_LIMIT)
    assert composed["total"] > 0 and composed["notice"] is None
    assert ids(decomposed) == ids(composed) and decomposed["notice"] is None
    assert decomposed["params"]["forbund"] == [nfc]
    # Every other door reads the parameter alike.
    for path in ("/api/search.csv", "/api/compare", "/feed", "/"):
        with_nfc = call(server, f"{path}?" + urlencode({"q": "styrelsen", "forbund": nfc}))
        with_nfd = call(server, f"{path}?" + urlencode({"q": "styrelsen", "forbund": nfd}))
        assert with_nfd.status == with_nfc.status == 200
        if path == "/api/compare":
            assert with_nfd.json["total"] == with_nfc.json["total"] > 0
        elif path != "/":  # the CSV and the feed carry no time of their own: byte for byte
            assert with_nfd.body == with_nfc.body


def test_a_query_in_decomposed_letters_finds_what_the_composed_one_does(server):
    for word in ("försäkringskassan", "mål", "förbund:söderåsen"):
        nfd = unicodedata.normalize("NFD", word)
        assert ids(search(server, q=nfd)) == ids(search(server, q=word)) != []


# --- arrays as client libraries send them -------------------------------------------------


def test_an_array_named_with_brackets_is_the_parameter(server):
    """axios, jQuery and PHP send an array as `forbund[]=a&forbund[]=b`. Read as an unknown
    parameter, it was ignored: a program asking for one förbund got every förbund's hits."""
    everyone = search(server, q="styrelsen", limit=MAX_LIMIT)
    plain = search(server, q="styrelsen", forbund=["halland", "blekinge"], limit=MAX_LIMIT)
    bracketed = search(server, **{"q": "styrelsen", "forbund[]": ["halland", "blekinge"]})
    assert 0 < plain["total"] < everyone["total"]
    assert bracketed["total"] == plain["total"]
    assert bracketed["params"]["forbund"] == ["halland", "blekinge"]
    # Its bytes are checked as the plain name's are.
    assert_error(call(server, "/api/search?q=a&forbund%5B%5D=m%E5l"), 400, "bad_param")


# --- HTTP ---------------------------------------------------------------------------------


def test_head_answers_as_get_without_a_body(server):
    get = call(server, "/api/forbund")
    head = call(server, "/api/forbund", method="HEAD")
    assert head.status == 200 and head.body == b""
    assert head.headers["Content-Type"] == get.headers["Content-Type"] == JSON
    assert head.headers["Content-Length"] == str(len(get.body))


@pytest.mark.parametrize("path", ["/api/search", "/api/forbund", "/healthz"])
def test_options_answers_without_a_body_type(server, path):
    """Found by this suite: /healthz answered OPTIONS with 200 and an empty text/html body,
    the one answer of a JSON route that said HTML; /api/ answered 204 without a type."""
    answer = call(server, path, method="OPTIONS")
    assert answer.status == 204 and answer.body == b""
    assert "Content-Type" not in answer.headers
    assert set(answer.headers["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}
    # Only the API is opened to other sites, and a preflight told which methods to use.
    cors = path.startswith("/api/")
    assert (answer.headers.get("Access-Control-Allow-Origin") == "*") is cors
    assert (answer.headers.get("Access-Control-Allow-Methods") == "GET, HEAD") is cors


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("path", ["/api/search", "/api/documents/x", "/healthz"])
def test_another_method_is_a_405_with_allow(server, method, path):
    answer = call(server, path, method=method)
    assert "GET" in assert_error(answer, 405, "method_not_allowed")
    assert set(answer.headers["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}


@pytest.mark.parametrize(
    "path", ["/api", "/api/", "/api/nope", "/api/search/", "/api/documents/", "/api/sections/"]
)
def test_an_unknown_api_address_is_the_json_404(server, path):
    """Found by this suite: `/api` itself, the API's JSON 404, lacked the CORS header that
    every other API answer has, so a page elsewhere could not read it."""
    answer = call(server, path, headers={"Origin": "https://annan.example"})
    assert_error(answer, 404, "not_found")
    assert answer.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("kind", ["documents", "sections"])
def test_an_unknown_id_is_the_json_404(server, kind):
    message = assert_error(call(server, f"/api/{kind}/0000000000000000"), 404, "not_found")
    assert "0000000000000000" in message


def test_every_answer_says_its_charset_and_no_validator(server):
    for path in ("/api/search?q=styrelsen", "/api/search?limit=0", "/healthz", "/api/nope"):
        answer = call(server, path)
        assert answer.headers["Content-Type"] == JSON
        assert answer.headers["Cache-Control"] == "no-cache"
        assert "ETag" not in answer.headers and "Last-Modified" not in answer.headers
    csv_answer = call(server, "/api/search.csv?q=styrelsen")
    assert csv_answer.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in csv_answer.headers["Content-Disposition"]


def test_a_repeated_parameter_is_one_clear_error(server):
    for name, values in [
        ("kind", ["protokoll", "rapport"]),
        ("limit", ["5", "6"]),
        ("q", ["a", "b"]),
    ]:
        answer = call(server, "/api/search?" + urlencode({name: values}, doseq=True))
        assert assert_error(answer, 400, "bad_param").startswith(f"Parametern {name}:")
    # forbund alone may repeat
    assert search(server, q="styrelsen", forbund=["blekinge", "soderasen"])["total"] > 0


# --- bytes that are not UTF-8 ---------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/search?q=m%E5l",
        "/api/search?q=styrelsen&forbund=s%F6der%E5sen",
        "/api/search?q=%C3",  # a letter cut in two
        "/api/compare?q=%ED%A0%80",  # a surrogate, which UTF-8 does not encode
        "/api/search.csv?q=m%E5l",
        "/api/sections/{section}?q=m%E5l",  # a section reads q to mark its words
        "/api/sections/{section}?q=budget&forbund=s%F6der%E5sen",
    ],
)
def test_a_parameter_read_in_latin_1_is_refused(server, path):
    section = search(server, q="styrelsen")["hits"][0]["id"]
    answer = call(server, path.format(section=quote(section, safe="")))
    assert "UTF-8" in assert_error(answer, 400, "bad_param")


@pytest.mark.parametrize(
    "path",
    [
        "/healthz?q=%E5",
        "/api/forbund?q=%E5",
        "/api/openapi.json?sort=%FF",
        "/api/sections/{section}?sort=%E5",  # a section reads q and filters, no order
        "/api/search.csv?q=styrelsen&limit=%E5",  # the download does not read limit
    ],
)
def test_a_parameter_a_route_does_not_read_is_no_error_whatever_its_bytes(server, path):
    """Found by this suite: every API route refused a search parameter's Latin-1 bytes, also
    where it reads none (a 400 the OpenAPI document does not give /healthz, /api/forbund,
    /api/sections/… or /api/openapi.json) and where the parameter is not read (limit on
    /api/search.csv, whose other values are no error there)."""
    section = search(server, q="styrelsen")["hits"][0]["id"]
    answer = call(server, path.format(section=quote(section, safe="")))
    assert answer.status == 200, answer.text[:300]


def test_a_document_switch_in_latin_1_is_said_to_be_so(server):
    """Found by this suite: `section_html=%E5` was quoted back as the text "%e5", as though
    the client had typed it, where every other parameter says it is no UTF-8."""
    doc = search(server, q="styrelsen")["hits"][0]["doc_id"]
    answer = call(server, f"/api/documents/{doc}?section_html=%E5")
    message = assert_error(answer, 400, "bad_param")
    assert message.startswith("Parametern section_html:") and "UTF-8" in message
    assert "%e5" not in message


# `page` beside an `offset`, which no search route reads: every value of it, as it comes.
PAGE_BESIDE_OFFSET = ["page=%FF", "page=%E5", "page=%C3", "page=1&page=2", "page=abc", "page=%00"]
SEARCH_ROUTES = ["/api/search", "/api/documents", "/api/compare"]


@pytest.mark.parametrize("route", SEARCH_ROUTES)
@pytest.mark.parametrize("page", PAGE_BESIDE_OFFSET)
def test_a_page_beside_an_offset_is_not_read_whatever_its_value(server, route, page):
    """Found by this suite: `page=%FF&offset=0` was a 400 (its bytes were checked) and so was
    `page=1&page=2&offset=0` (given twice), while `page=abc&offset=0` was answered and named
    as not read: beside an offset no `page` is read, so none is an error, and each is named
    with the hint that says why."""
    answer = call(server, f"{route}?q=budget&offset=0&{page}")
    assert answer.status == 200, answer.text[:300]
    body = answer.json
    assert body["ignored_params"] == ["page"]
    assert body["ignored_hint"] == (
        "Parametern ”page” lästes inte: offset anger var sidan börjar, och page läses bara "
        "utan offset."
    )
    plain = call(server, f"{route}?q=budget&offset=0").json
    for answered in (body, plain):
        for key in ("took_ms", "ignored_params", "ignored_hint"):
            answered.pop(key, None)
    assert body == plain


@pytest.mark.parametrize("page", PAGE_BESIDE_OFFSET)
def test_a_download_beside_an_offset_names_the_page_it_did_not_read(server, page):
    answer = call(server, f"/api/compare.csv?q=budget&offset=0&{page}")
    assert answer.status == 200, answer.text[:300]
    assert answer.headers["X-Finsok-Ignored-Params"] == "page"


def test_a_page_without_an_offset_is_still_read_and_checked(server):
    """Only beside an offset is `page` left unread: alone it is read, bytes and all."""
    for page, says in [("page=%FF", "UTF-8"), ("page=1&page=2", "en gång"), ("page=0", "1")]:
        message = assert_error(call(server, f"/api/search?q=budget&{page}"), 400, "bad_param")
        assert message.startswith("Parametern page:") and says in message
    # An offset's own bad bytes are still its error.
    answer = call(server, "/api/search?q=budget&offset=%FF&page=2")
    assert assert_error(answer, 400, "bad_param").startswith("Parametern offset:")


@pytest.mark.parametrize(
    "path",
    [
        "/api/search?q=m%E5l",
        "/api/search?q=budget&offset=0&page=%FF",
        "/api/documents/{doc}?q=%E5",
        "/api/sections/{section}?section_html=%FF",
        "/api/search.csv?forbund=%E5",
    ],
)
def test_a_preflight_reads_no_parameter(server, path):
    """Found by this suite: `OPTIONS /api/search?q=%E5` was a 400 (the bytes were checked
    before the preflight's own answer), so a page elsewhere saw a CORS failure, not the
    GET's 400 and its message. A preflight is the 204 of every preflight."""
    hit = search(server, q="styrelsen")["hits"][0]
    url = path.format(doc=hit["doc_id"], section=quote(hit["id"], safe=""))
    headers = {"Origin": "https://annan.example", "Access-Control-Request-Method": "GET"}
    answer = call(server, url, method="OPTIONS", headers=headers)
    assert answer.status == 204 and answer.body == b""
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert answer.headers["Access-Control-Allow-Methods"] == "GET, HEAD"
    # The GET itself is the JSON 400 a page elsewhere may now read.
    get = call(server, url, headers={"Origin": "https://annan.example"})
    if get.status == 400:
        assert get.headers["Access-Control-Allow-Origin"] == "*"


def test_percent_garbage_is_text_not_an_error(server):
    """A "%" not followed by two hex digits is no encoding: the text as typed."""
    for raw, shown in [("%", "%"), ("%zz", "%zz"), ("100%", "100%"), ("%2", "%2")]:
        answer = call(server, f"/api/search?q={raw}")
        assert answer.status == 200 and answer.json["query"] == shown


def test_a_request_line_longer_than_the_server_reads_is_the_json_414(server):
    answer = call(server, "/api/search?q=" + "a" * 9000)
    assert "för lång" in assert_error(answer, 414, "request_uri_too_long")


def test_the_longest_query_fits_in_the_request_line(server):
    emoji = "\N{COLLISION SYMBOL}" * 500
    answer = call(server, "/api/search?" + urlencode({"q": emoji, "forbund": ["blekinge"] * 20}))
    assert answer.status == 200


# --- no identity number, no traceback ---------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        f"/api/search?q={NUMBER}",
        f"/api/search?q=x&forbund={NUMBER}",
        f"/api/search?q=x&kind={NUMBER}",
        f"/api/search?q=x&from={NUMBER}",
        f"/api/search?q=x&limit={NUMBER.replace('-', '')}",
        f"/api/documents/{NUMBER}",
        f"/api/sections/{NUMBER.replace('-', '')}",
        f"/api/documents?q={NUMBER}",
        f"/api/compare?q={NUMBER}",
        f"/api/search.csv?q={NUMBER}",
    ],
)
def test_an_identity_number_sent_is_never_echoed(server, path):
    answer = call(server, path)
    assert answer.status < 500
    assert "19121212" not in answer.text and "121212" not in answer.text


# --- a section marked by a search -------------------------------------------------------------

# Searches whose hit's section a program shows: plain, decisions only (marked in decisions
# alone), with a filter and `section_html=0` (no whole html).
MARKED = [
    {"q": "budget"},
    {"q": "budget", "kind": "decision"},
    {"q": "budget", "forbund": "ostra-sodertorn", "section_html": "0"},
    {"q": "samordningsförbund OR budget", "from": "2023-01-01"},
]


def _section_and_document(server: str, hit: dict, params: dict) -> tuple[dict, dict]:
    """The section of `hit` and its document's section, each asked with `params`."""
    query = "?" + urlencode(params)
    section = call(server, f"/api/sections/{quote(hit['id'], safe='')}{query}")
    document = call(server, f"/api/documents/{hit['doc_id']}{query}")
    assert section.status == document.status == 200, (section.text[:300], document.text[:300])
    in_document = next(s for s in document.json["sections"] if s["id"] == hit["id"])
    return section.json, {**in_document, "marking_notice": document.json["marking_notice"]}


@pytest.mark.parametrize("params", MARKED, ids=[urlencode(p) for p in MARKED])
def test_a_section_marks_the_words_as_its_document_does(server, params):
    """A program that showed a hit's section after a search had its text alone: the section
    now marks the query's words as its document's answer (and page) does for the same
    parameters, field for field, and links to the page that marks them."""
    search_params = {k: v for k, v in params.items() if k != "section_html"}
    hit = search(server, **search_params)["hits"][0]
    section, in_document = _section_and_document(server, hit, params)
    for key in ("title_html", "html", "blocks"):
        assert section[key] == in_document[key], key
    assert "<mark>" in "".join(block["html"] for block in section["blocks"])
    assert (section["html"] is None) is (params.get("section_html") == "0")
    assert section["q"] == params["q"]
    # The document page marking them, as the hit links to it.
    assert section["marked_url"] == hit["marked_url"] != section["url"]
    assert section["ignored_params"] == [] and section["ignored_hint"] is None
    # Decisions only: marked in decisions alone, and said so, as the document says it.
    if params.get("kind") == "decision":
        assert section["marking_notice"] == in_document["marking_notice"] is not None
        assert all("<mark>" not in b["html"] for b in section["blocks"] if not b["decision"])


def test_a_section_the_filters_leave_out_is_unmarked_and_says_why(server):
    hit = search(server, q="budget", forbund="ostra-sodertorn")["hits"][0]
    params = {"q": "budget", "forbund": "blekinge"}
    section, in_document = _section_and_document(server, hit, params)
    assert "<mark>" not in json.dumps(section) and section["blocks"] == in_document["blocks"]
    assert section["marking_notice"] == (
        "Sökningens filter omfattar inte den här sektionen, så inga ord är markerade."
    )
    # A förbund the index does not know is named first, as a document's notice names it.
    unknown = call(server, f"/api/sections/{quote(hit['id'], safe='')}?q=budget&forbund=nope")
    notice = unknown.json["marking_notice"]
    assert notice.startswith("Inget förbund i indexet har kortnamnet ”nope”.")
    assert notice.endswith(
        "Sökningens filter omfattar inte den här sektionen, så inga ord är markerade."
    )


def test_a_section_without_a_query_keeps_its_fields_and_adds_the_marking_unset(server):
    """The section's earlier fields, in their order and with their values; after them the
    marking, unset without a query (`marked_url` the bare `url`), and the two fields that
    name parameters not read."""
    hit = search(server, q="budget")["hits"][0]
    bare = call(server, f"/api/sections/{quote(hit['id'], safe='')}").json
    earlier = ["id", "doc_id", "label", "number", "title", "text", "page", "page_end",
               "decisions", "forbund", "forbund_slug", "date", "kind", "source", "url",
               "label_repeats", "citation"]  # fmt: skip
    added = ["q", "title_html", "html", "blocks", "marking_notice", "marked_url"]
    assert list(bare) == [*earlier, *added, "ignored_params", "ignored_hint"]
    assert bare["url"] == hit["url"] and bare["marked_url"] == bare["url"]
    assert (bare["q"], bare["title_html"], bare["html"], bare["marking_notice"]) == (
        "",
        None,
        None,
        None,
    )
    assert bare["blocks"] and all(block["html"] is None for block in bare["blocks"])


@pytest.mark.parametrize(
    ("query", "name", "code"),
    [
        ("q=" + "a" * 501, "q", "query_too_long"),
        ("q=a&q=b", "q", "bad_param"),
        ("q=budget&kind=beslut", "kind", "bad_param"),
        ("q=budget&from=2024", "from", "bad_param"),
        ("q=budget&section_html=ja", "section_html", "bad_param"),
        ("q=budget&undated=ja", "undated", "bad_param"),
    ],
)
def test_a_section_checks_what_it_reads_as_a_document_does(server, query, name, code):
    hit = search(server, q="budget")["hits"][0]
    for route in (f"sections/{quote(hit['id'], safe='')}", f"documents/{hit['doc_id']}"):
        message = assert_error(call(server, f"/api/{route}?{query}"), 400, code)
        assert message.startswith(f"Parametern {name}:"), message


def test_a_section_hints_at_a_misspelt_query(server):
    hit = search(server, q="budget")["hits"][0]
    answer = call(server, f"/api/sections/{quote(hit['id'], safe='')}?Q=budget&_=1").json
    assert answer["ignored_params"] == ["Q", "_"] and answer["q"] == ""
    assert answer["ignored_hint"] == "Parametern ”Q” lästes inte: menade du q?"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("%00", "adressen har inget sektions-id"),
        ("x", "”x” är inget sektions-id"),
        ("%FF", "är inget sektions-id"),
        ("a" * 3000, f"”{'a' * 40}” är inget sektions-id"),
        ("0000000000000000-p%0A1", "är inget sektions-id"),
    ],
    ids=["nul", "short", "latin-1", "long", "control"],
)
def test_a_section_id_that_cannot_be_one_says_what_one_looks_like(server, raw, shown):
    """Found by this suite: `/api/sections/%00` said "Okänd sektion:." and an id of 3,000
    characters was quoted 80 characters long; a document's id says what one looks like."""
    message = assert_error(call(server, f"/api/sections/{raw}"), 404, "not_found")
    assert message.startswith("Okänd sektion: ") and shown in message
    assert "dokumentets id, ett bindestreck och sektionens ankare" in message
    assert "a" * 41 not in message
    # An id of the right form that no section has is unknown, and named.
    known = search(server, q="budget")["hits"][0]["id"]
    unknown = known.rpartition("-")[0] + "-p999"
    assert (
        assert_error(call(server, f"/api/sections/{unknown}"), 404) == f"Okänd sektion: {unknown}."
    )


# --- every route, every parameter, as a program may send it ---------------------------------

# Values a program sends by mistake: each is a success or the one JSON error naming the
# parameter, never a 500 or a traceback. (A 10 kB value is past the request line: a 414.)
NASTY = {
    "empty": "",
    "no_equals": None,
    "blank": "+",
    "twice": "1&{name}=2",
    "lone_percent": "%",
    "percent_zz": "%zz",
    "percent_one": "%2",
    "latin_1": "%E5",
    "byte_ff": "%FF",
    "cut_letter": "%C3",
    "surrogate": "%ED%A0%80",
    "overlong_utf8": "%C0%AF",
    "nul": "%00",
    "escape": "%1B%5B31m",
    "bom": "%EF%BB%BF1",
    "other_digits": "%D9%A5",
    "minus": "-1",
    "huge_number": "9" * 5000,
    "long": "a" * 2000,
}
EVERY_NAME = ["q", "forbund", "from", "to", "kind", "decisions", "undated", "sort", "page",
              "limit", "offset", "section_html", "unknown"]  # fmt: skip
EVERY_ROUTE = [
    "/api/search",
    "/api/documents",
    "/api/compare",
    "/api/compare.csv",
    "/api/search.csv",
    "/api/documents/{doc}",
    "/api/sections/{section}",
    "/api/forbund",
    "/api/openapi.json",
    "/healthz",
]


def _nasty_calls(route: str) -> list[tuple[str, str]]:
    """(name, path) of every parameter with every `NASTY` value, beside `q=budget`."""
    calls = []
    for name in EVERY_NAME:
        for value in NASTY.values():
            given = name if value is None else f"{name}={value.format(name=name)}"
            calls.append((name, f"{route}?{given}" + ("" if name == "q" else "&q=budget")))
    return calls


def _assert_proper(answer: Answer, name: str, path: str) -> None:
    """A success of the route's type, or the one error shape whose 400 names `name`."""
    if answer.status == 200:
        kind = "text/csv" if ".csv" in path.split("?")[0] else "application/json"
        assert answer.headers["Content-Type"].startswith(kind), path
        if kind == "application/json":
            assert isinstance(answer.json, dict)
        return
    message = assert_error(answer, answer.status)
    assert answer.status == 400, (path, answer.status, message)
    assert message.startswith(f"Parametern {name}:"), (path, message)


@pytest.mark.parametrize("route", EVERY_ROUTE)
def test_every_parameter_with_every_bad_value_is_answered_properly(server, route):
    hit = search(server, q="styrelsen")["hits"][0]
    route = route.format(doc=hit["doc_id"], section=quote(hit["id"], safe=""))
    for name, path in _nasty_calls(route):
        _assert_proper(call(server, path), name, path)


@pytest.mark.parametrize("route", EVERY_ROUTE)
def test_every_route_answers_a_value_past_the_request_line_with_the_json_414(server, route):
    hit = search(server, q="styrelsen")["hits"][0]
    route = route.format(doc=hit["doc_id"], section=quote(hit["id"], safe=""))
    answer = call(server, f"{route}?q=" + "a" * 10_240)
    assert "för lång" in assert_error(answer, 414, "request_uri_too_long")


# Headers a program may send that the API has nothing to negotiate or validate with.
UNNEGOTIATED = {
    "xml": {"Accept": "application/xml"},
    "xml_only": {"Accept": "application/xml;q=1, application/json;q=0"},
    "browser": {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
    "if_none_match": {"If-None-Match": '"abc"'},
    "if_none_match_any": {"If-None-Match": "*"},
    "if_modified_since": {"If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"},
    "range": {"Range": "bytes=0-10"},
    "range_past_end": {"Range": "bytes=99999999-"},
}


@pytest.mark.parametrize("headers", UNNEGOTIATED.values(), ids=list(UNNEGOTIATED))
@pytest.mark.parametrize("route", EVERY_ROUTE)
def test_accept_and_conditions_get_the_whole_answer(server, route, headers):
    """No answer has another form than JSON (or a CSV route's CSV), nor a validator: an
    `Accept` asking for XML, a conditional GET and a range all get the whole answer, a 200,
    and an error stays the one JSON shape."""
    hit = search(server, q="styrelsen")["hits"][0]
    path = route.format(doc=hit["doc_id"], section=quote(hit["id"], safe="")) + "?q=budget"
    plain = call(server, path)
    answer = call(server, path, headers=headers)
    assert answer.status == 200 and "Content-Range" not in answer.headers
    assert answer.headers["Content-Type"] == plain.headers["Content-Type"]
    assert "ETag" not in answer.headers and "Last-Modified" not in answer.headers
    if bad := _A_BAD_VALUE.get(route):
        assert_error(call(server, f"{path}&{bad}", headers=headers), 400, "bad_param")


# A value each route refuses (the others read no parameter).
_A_BAD_VALUE = {
    **dict.fromkeys(
        ["/api/search", "/api/documents", "/api/compare", "/api/compare.csv"], "limit=0"
    ),
    "/api/search.csv": "sort=x",
    **dict.fromkeys(["/api/documents/{doc}", "/api/sections/{section}"], "section_html=ja"),
}


@pytest.mark.parametrize("route", EVERY_ROUTE)
def test_head_and_options_of_every_route(server, route):
    hit = search(server, q="styrelsen")["hits"][0]
    path = route.format(doc=hit["doc_id"], section=quote(hit["id"], safe="")) + "?q=budget"
    get = call(server, path)
    head = call(server, path, method="HEAD")
    assert head.status == 200 and head.body == b""
    assert head.headers["Content-Type"] == get.headers["Content-Type"]
    options = call(server, path, method="OPTIONS")
    assert options.status == 204 and options.body == b"" and "Content-Type" not in options.headers


# --- answers the OpenAPI document describes ------------------------------------------------

_REGISTRY = Registry().with_resource(
    "urn:finsok", Resource.from_contents(SPEC, default_specification=DRAFT202012)
)


def _validator(template: str, status: int) -> jsonschema.Draft202012Validator:
    responses = SPEC["paths"][template]["get"]["responses"]
    assert str(status) in responses, f"{status} is not documented for GET {template}"
    response = responses[str(status)]
    if "$ref" in response:
        response = SPEC["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
    schema = response["content"]["application/json"]["schema"]
    if "$ref" in schema:
        schema = {"$ref": "urn:finsok" + schema["$ref"]}
    return jsonschema.Draft202012Validator(
        schema, registry=_REGISTRY, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _template(path: str) -> str:
    for template in SPEC["paths"]:
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path.split("?", 1)[0]):
            return template
    raise AssertionError(f"no path of the OpenAPI document is {path}")


QUERIES = ["styrelsen", "genomlysnig", "och", '"extern genomlysning', "§ 47", "-budget", "💥"]


def test_real_answers_match_the_openapi_document(server):
    """Every answer of a mixed bag of calls, through the real server, is strict JSON with a
    documented status and the documented shape."""
    hit = search(server, q="styrelsen")["hits"][0]
    paths = [
        f"/api/{route}?" + urlencode({"q": q, **extra})
        for route in ("search", "documents", "compare")
        for q in QUERIES
        for extra in ({}, {"sort": "date", "kind": "decision"}, {"forbund": "blekinge"})
    ]
    paths += [
        f"/api/documents/{hit['doc_id']}?q=styrelsen&section_html=0",
        f"/api/sections/{quote(hit['id'], safe='')}",
        "/api/forbund",
        "/healthz",
        "/api/openapi.json",
        "/api/search?limit=0",
        "/api/documents/nope",
        "/api/search?" + urlencode({"q": NUMBER, "kind": "beslut"}),
    ]
    for path in paths:
        answer = call(server, path)
        assert answer.headers["Content-Type"] == JSON, path
        errors = list(_validator(_template(path), answer.status).iter_errors(answer.json))
        assert not errors, (path, [f"{list(e.path)}: {e.message[:200]}" for e in errors[:3]])


# --- parameters a download or a feed did not read -------------------------------------------

# Every download: a misspelt `Limit`, `förbund` (not read by any of them) and a client's own `_`.
DOWNLOADS = ["/search.csv", "/compare.csv", "/api/search.csv", "/api/compare.csv"]
UNREAD_QUERY = "q=budget&Limit=5&f%C3%B6rbund=halland&_=1"
UNREAD_NAMES = ["Limit", "förbund", "_"]


@pytest.mark.parametrize("path", DOWNLOADS)
def test_a_download_names_the_parameters_it_did_not_read(server, path):
    """A shared `/search.csv?q=budget&förbund=halland` downloaded every förbund's hits and
    said nothing: the file cannot say it, so a header does, each name percent-encoded as
    UTF-8 (RFC 8187's encoding: a header is ASCII), in the order sent."""
    answer = call(server, f"{path}?{UNREAD_QUERY}")
    assert answer.status == 200 and answer.headers["Content-Type"].startswith("text/csv")
    value = answer.headers["X-Finsok-Ignored-Params"]
    assert value == "Limit, f%C3%B6rbund, _" and value.isascii()
    assert [unquote(name) for name in value.split(", ")] == UNREAD_NAMES
    # The rows are the ones without them (the Excel form's closing note says the hint).
    rows, _, note = answer.body.partition(b"\r\n\r\nObs: ")  # an empty row, then the note
    assert rows + b"\r\n" * bool(note) == call(server, f"{path}?q=budget").body
    assert bool(note) is not path.startswith("/api/")
    # Every parameter read: no header.
    assert "X-Finsok-Ignored-Params" not in call(server, f"{path}?q=budget&kind=protokoll").headers


def test_the_excel_download_says_the_hint_in_its_note(server):
    """The file a person opens in Excel ends in a note ("Obs: …"), where the hint stands too;
    the one for programs holds data rows only."""
    excel = call(server, "/search.csv?q=budget&forbnd=halland").text
    assert excel.rstrip("\r\n").endswith("Obs: Parametern ”forbnd” lästes inte: menade du forbund?")
    plain = call(server, "/api/search.csv?q=budget&forbnd=halland").text
    assert "forbnd" not in plain


def test_a_download_header_of_many_names_is_cut_and_says_how_many_more(server):
    """A proxy refuses a long response header (nginx: 502): past 1,000 characters the list
    ends in "+N", the names left out; a name's own "+" is encoded, so none reads so."""
    names = [f"namn{i:03d}" for i in range(300)]
    answer = call(server, "/search.csv?q=budget&" + urlencode(dict.fromkeys(names, "1")))
    value = answer.headers["X-Finsok-Ignored-Params"]
    shown = value.split(", ")
    assert len(value) <= 1000 and shown[:-1] == names[: len(shown) - 1]
    assert shown[-1] == f"+{len(names) - len(shown) + 1}"
    assert (
        call(server, "/search.csv?q=budget&a%2Bb=1").headers["X-Finsok-Ignored-Params"] == "a%2Bb"
    )


def test_a_feed_names_the_parameters_it_did_not_read_and_hints_in_its_subtitle(server):
    """A subscriber to `/feed?q=budget&forbnd=halland` got every förbund's sections: the
    header names the parameter, and the subtitle, which a feed reader shows, says what it
    probably meant, after the filters it has."""
    answer = call(server, "/feed?q=budget&forbnd=halland&utm_source=nyhetsbrev")
    assert answer.headers["X-Finsok-Ignored-Params"] == "forbnd, utm_source"
    subtitle = ET.fromstring(answer.body).find("a:subtitle", ATOM).text
    assert subtitle == "Parametern ”forbnd” lästes inte: menade du forbund?"
    filtered = call(server, "/feed?q=budget&forbund=halland&forbnd=halland")
    subtitle = ET.fromstring(filtered.body).find("a:subtitle", ATOM).text
    assert subtitle == (
        "Avgränsat till förbund Samordningsförbundet i Halland. "
        "Parametern ”forbnd” lästes inte: menade du forbund?"
    )
    # A client's own parameter is named, never hinted at: no subtitle without filters.
    own = call(server, "/feed?q=budget&utm_source=nyhetsbrev&_=1")
    assert own.headers["X-Finsok-Ignored-Params"] == "utm_source, _"
    assert ET.fromstring(own.body).find("a:subtitle", ATOM) is None


# --- request lines the server cannot read -------------------------------------------------

# (request line, what the answer says): gunicorn refuses each with one error, and the answer
# blamed letters outside ASCII for all of them.
REQUEST_LINES = [
    ("GET * HTTP/1.1", "adressen * gäller bara metoden OPTIONS"),
    ("GET api/search?q=budget HTTP/1.1", "adressen börjar inte med /"),
    ("GET  HTTP/1.1", "adressen saknas mellan metoden och HTTP-versionen"),
    ("GET http://[::1/api/search HTTP/1.1", "adressen kan inte läsas som en URL"),
    ("GET /api/search?q=a\tb HTTP/1.1", "ett styrtecken eller en tabb"),
    ("GET /api/search?q=extern genomlysning HTTP/1.1", "ett mellanslag i adressen"),
    ("GET", "den ska vara metod, adress och HTTP-version"),
    (f"GET {NUMBER}?q=x HTTP/1.1", "adressen börjar inte med /"),
    # a letter outside ASCII sent raw: the one case the old message was true of
    ("GET /api/search?q=mål HTTP/1.1", "tecken utanför ASCII i adressen"),
]


@pytest.mark.parametrize(("line", "says"), REQUEST_LINES, ids=[r[0] for r in REQUEST_LINES])
def test_a_request_line_the_server_cannot_read_is_told_why(server, line, says):
    """gunicorn (`finsok serve`) answers these before the app: in the API's error shape, with
    the line's true fault, never repeating the line."""
    port = int(server.rsplit(":", 1)[1])
    status, content_type, body = send_raw(port, f"{line}\r\nHost: x\r\n\r\n".encode())
    assert (status, content_type) == (400, JSON)
    error = json.loads(body)["error"]
    assert set(error) == {"status", "code", "message"} and error["code"] == "bad_request"
    assert error["message"].startswith("Förfrågans rad kunde inte läsas (ogiltig HTTP): ")
    assert says in error["message"]
    if "mål" not in line:
        assert "ASCII" not in error["message"]
    assert "19121212" not in body and "budget" not in body.replace("/api/search?q=budget", "")
