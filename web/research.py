"""Data for researchers and followers: the comparison of förbund and years (its rows, rates,
CSV and charts), index coverage, and Atom feeds.

Each function returns plain data (a dict, a string, bytes) and imports no Flask: the routes
in `web.pages` and `web.api` read the request and the app's configuration, and pass in what a
function needs (the parameters, the feed's size and base URL).

The counting behind a comparison is the search layer's (`Engine.compare_cells`, see
`search.compare`): this module turns those counts into rows with hits per 100 sections in
scope, in the order a reader looks them up.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

from index.analysis import fold
from index.metadata import Registry, slugify
from search.answer import without_identity_numbers
from search.compare import Count
from search.engine import Engine, SearchParams, parse_params
from search.links import filter_pairs, query_arg, site_link, with_query_arg
from search.params import NO_FORBUND, UNDATED_TEXT, UNKNOWN_FORBUND  # a missing value
from search.query import Filters
from web import chart, data, facets
from web.markup import marked  # the one rule for which snippets are trusted
from web.numbers import RATE_DECIMALS, fixed, tal

ATOM = "http://www.w3.org/2005/Atom"
# Feed and entry ids are tag URIs (RFC 4151), made from the search's parameters and the
# section's stable id only: an id built from the request's Host header changed with the name
# the server was reached by, and let whoever sent the request choose it.
TAG = "tag:finsok,2025:"
# `updated` of an undated section, and of a feed with no dated entry: fixed, and older than
# any meeting (see `atom_feed`).
UNDATED = "1970-01-01T00:00:00Z"
# The document kinds whose date is a meeting's (a report's is the end of its period).
MEETING_KINDS = ("protokoll", "protokollsutdrag")
# A report's date ends the period it covers: /coverage has a column of its own for it.
REPORT_KIND = "rapport"
EMPTY_QUERY_NOTICE = "Skriv ett eller flera sökord för att jämföra förbund och år."
# The program CSV's header: machine names, stable for scripts that read columns by name.
CSV_HEADER = ("förbund", "slug", "år", "träffar", "sektioner", "per_100_sektioner")
# The Excel CSV's header, the same columns as a person reads them in the page's tables.
EXCEL_CSV_HEADER = ("Förbund", "Kortnamn", "År", "Träffar", "Sektioner", "Per 100 sektioner")
# The start of every CSV download's name; the query and filters follow (`csv_filename`).
CSV_FILENAME_START = "finsok-jamforelse"
# A download's name is at most this long before ".csv" (a long query is cut, not the filters).
MAX_FILENAME_STEM = 100
_NOT_NAME = re.compile(r"[^a-z0-9]+")
# What every förbund is called before its own name: "Samordningsförbundet i Blekinge",
# "Samordningsförbund Gävleborg", "Finsam i Malmö", "FINSAM Blekinge".
_COMMON_PREFIX = re.compile(r"^(?:Samordningsförbund(?:et)?|Finsam)\s+(?:i\s+)?", re.IGNORECASE)


@dataclass(frozen=True)
class CsvForm:
    """How a CSV export (the comparison's here, the hit list's in `web.export`) separates
    fields, whether it starts with a BOM, and its header; how it writes a rate's decimals
    (`decimals` None: as the JSON does, its shortest form) and a yes or no. `unknown` and
    `undated` stand for a missing förbund and date: the pages' words in the Excel form, an
    empty cell (a null) in the form for programs."""

    delimiter: str
    bom: str
    header: tuple[str, ...]
    decimal: str = "."
    decimals: int | None = None
    yes: str = "true"
    no: str = "false"
    unknown: str = ""
    undated: str = ""


# What Swedish Excel reads by double-click: every rate with two decimals, as the page's table
# and chart write it ("10,00" beside "18,75"). Plain RFC 4180 for programs: the JSON's numbers.
EXCEL_CSV = CsvForm(
    delimiter=";",
    decimal=",",
    bom="\ufeff",
    header=EXCEL_CSV_HEADER,
    decimals=RATE_DECIMALS,
    unknown=UNKNOWN_FORBUND,
    undated=UNDATED_TEXT,
)
PLAIN_CSV = CsvForm(delimiter=",", bom="", header=CSV_HEADER)

# A whole day in a date limit as the pages say it ("från 2024-03-01"), beside whole years.
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
# Characters XML 1.0 cannot carry at all, not even escaped (PDF text has form feeds and such).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Swedish alphabetical order: å, ä, ö come after z, in that order (æ and ø with ä and ö, ü as
# y); the characters after "z" in code point order stand in for them.
_SWEDISH_LETTERS = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"})
# Spreadsheets run a cell that starts like a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --- compare ------------------------------------------------------------------------------


def compare_data(engine: Engine, params: SearchParams) -> dict:
    """Hits for a query per förbund, per year and per (förbund, year), each with the number of
    sections in scope and hits per 100 of them. The /compare page and /api/compare; an
    identity number typed in the query is not repeated (`without_identity_numbers`)."""
    return without_identity_numbers(_compare(engine, params), params.q)


def _compare(engine: Engine, params: SearchParams) -> dict:
    counted = engine.compare_cells(params)
    result = {
        "query": params.q,
        "total": 0,
        "sections": 0,
        "per_100": 0.0,
        "forbund": [],
        "years": [],
        "matrix": [],
        "notice": " ".join(counted.notices) or None,
        "params": {
            "q": params.q,
            "forbund": params.forbund,
            "from": params.date_from.isoformat() if params.date_from else None,
            "to": params.date_to.isoformat() if params.date_to else None,
            "kind": params.kind,
            "decisions": params.decisions,
            "undated": params.undated,
        },
    }
    if not counted.counted:
        result["notice"] = result["notice"] or EMPTY_QUERY_NOTICE
        return result
    per_forbund = counted.per_forbund()
    if per_forbund:  # nothing in scope at all: the page says so, without rows
        per_forbund |= {s: Count(0, 0) for s in _chosen(engine, params) if s not in per_forbund}
    names = engine.forbund_names(per_forbund)
    forbund = [
        {"slug": slug, "name": _name(names, slug), **_rate(count)}
        for slug, count in per_forbund.items()
    ]
    forbund.sort(
        key=lambda r: (
            not r["sections"],  # 0 of 0 is no rate: after every rate
            -r["per_100"],
            -r["hits"],
            r["slug"] is None,
            forbund_key(r["name"]),
        )
    )
    years = [{"year": year, **_rate(count)} for year, count in counted.per_year().items()]
    years += [{"year": year, **_rate(Count(0, 0))} for year in _gap_years(years)]
    years.sort(key=_year_key)
    matrix = [
        {"slug": slug, "name": _name(names, slug), "year": year, **_rate(count)}
        for (slug, year), count in counted.cells().items()
    ]
    # By the name the page shows, as the förbund chooser and /coverage list them.
    matrix.sort(key=lambda r: (r["slug"] is None, forbund_key(r["name"]), *_year_key(r)))
    total = counted.total
    result.update(
        total=total.hits,
        sections=total.sections,
        per_100=per_100(*total),
        forbund=forbund,
        years=years,
        matrix=matrix,
    )
    return result


def _chosen(engine: Engine, params: SearchParams) -> list[str | None]:
    """The förbund the search is limited to (as parameters or in the query, `förbund:skåne`
    for several) that the index holds, None for "Okänt förbund": each keeps its row when no
    section of it lies within the other limits, as a year without sections does, or a
    comparison of Halland and Blekinge from 2024 on showed Blekinge alone, with no word of
    Halland. A förbund without documents has no row; the notice names it."""
    chosen = dict.fromkeys(parse_params(params).filters.forbund)
    return [
        None if slug == NO_FORBUND else slug
        for slug in chosen
        if slug == NO_FORBUND or engine.forbund_name(slug) is not None
    ]


def _gap_years(years: list[dict]) -> list[str]:
    """The years between the first and the last dated one that no section in scope has: a
    year table or chart that skips from 2014 to 2016 hides that 2015 holds nothing."""
    dated = {int(r["year"]) for r in years if r["year"]}
    if not dated:
        return []
    return [str(y) for y in range(min(dated), max(dated) + 1) if y not in dated]


def _rate(count: Count) -> dict:
    return {"hits": count.hits, "sections": count.sections, "per_100": per_100(*count)}


def per_100(hits: int, sections: int) -> float:
    """Hits per 100 sections, two decimals (0.0 for an empty denominator), rounded half up
    as a person (and Excel's ROUND) rounds 100 * hits / sections: 1 in 32 is 3.13. Worked in
    whole numbers, since `round` rounds a half to even (3.125 to 3.12) and a float such as
    2.675 lies just below its half."""
    if not sections:
        return 0.0
    hundredths = (20_000 * hits + sections) // (2 * sections)  # 10 000 * hits / sections
    return hundredths / 100


def swedish_key(text: str) -> str:
    """A sort key for names in Swedish alphabetical order, whatever the case: "Östra
    Södertörn" after "Västerås", "Ånge" before "Älmhult". Other accented letters sort with
    their base letter (é as e)."""
    return fold(text.casefold().translate(_SWEDISH_LETTERS))


def forbund_key(name: str | None) -> str:
    """A sort key for a förbund's name: its distinctive part in Swedish order (`short_name`,
    `swedish_key`), so "Samordningsförbundet i Blekinge" is among the b's, not the i's, and
    "Samordningsförbund Gävleborg" among the g's, in every list of förbund."""
    return swedish_key(short_name(name))


def _year_key(row: dict) -> tuple[bool, str]:
    return (row["year"] is None, row["year"] or "")


def short_name(name: str | None) -> str:
    """ "Samordningsförbundet i Blekinge" → "Blekinge": tables and chart labels have little room."""
    return _COMMON_PREFIX.sub("", name or "")


def _name(names: dict[str, str], slug: str | None) -> str:
    return UNKNOWN_FORBUND if slug is None else names.get(slug, slug)


def compare_csv(data: dict, *, excel: bool = True, hint: str | None = None) -> str:
    """The comparison's (förbund, year) matrix as CSV, no cell a spreadsheet would run as a
    formula, and quoting as RFC 4180 has it.

    By default in the form Swedish Excel opens by double-click: a byte order mark (without it
    Excel reads UTF-8 as Windows-1252 and garbles å, ä, ö), `;` between fields, a decimal
    comma (Excel takes the list separator and decimal mark from the Swedish locale, so "16.67"
    would become a date or text), two decimals in every rate, and the column headings of the
    page's tables. `excel=False` gives plain RFC 4180 for programs (/api/compare.csv): comma,
    decimal point, no byte order mark, machine headings, and each rate as the JSON writes it.

    The Excel form ends with the comparison's notice, if any (an unknown förbund, no words to
    count), after an empty row, as statistics tables end with a note: a person who opens the
    file sees why a row is missing, and the table itself stays one block. The form for
    programs holds data rows only; the JSON answer has the notice. `hint`, what a parameter
    the download did not read probably meant (`web.ignored`), follows the notice there."""
    form = EXCEL_CSV if excel else PLAIN_CSV
    out, writer = csv_start(form.bom, form.delimiter, form.header)
    for r in data.get("matrix", []):
        writer.writerow(
            [
                csv_cell((r.get("name") or r["slug"]) if r.get("slug") else form.unknown),
                csv_cell(r.get("slug") or ""),
                csv_cell(r.get("year") or form.undated),
                csv_cell(r.get("hits", 0)),
                csv_cell(r.get("sections", 0)),
                csv_cell(
                    float(r.get("per_100", 0.0)), decimal=form.decimal, decimals=form.decimals
                ),
            ]
        )
    if excel and (note := " ".join(filter(None, [data.get("notice"), hint]))):
        writer.writerow([])
        writer.writerow([csv_cell(f"Obs: {note}")])
    return out.getvalue()


def csv_start(bom: str, delimiter: str, header: Iterable[str]) -> tuple[io.StringIO, Any]:
    """A CSV file begun: the buffer, with `bom` and the `header` row written, and its writer
    (records end with CRLF, as RFC 4180 and Excel have them)."""
    out = io.StringIO()
    out.write(bom)
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    return out, writer


def csv_filename(params: SearchParams, start: str = CSV_FILENAME_START) -> str:
    """The name a CSV download is saved under: the comparison and what it counted, its query
    and filters ("finsok-jamforelse-budget-halland-2024-01-01-2024-12-31-beslut.csv"), so two
    downloads do not overwrite each other and a file says where it came from. ASCII only (å
    and ä as a, ö as o), so every browser saves it under the same name and the header needs
    no encoding; `params` as shown (`data.shown_params`), so no identity number is in it."""
    words = [params.q[:60], *params.forbund]
    if params.date_from and params.date_to:
        words.append(f"{params.date_from}-{params.date_to}")
    elif params.date_from or params.date_to:
        words.append(f"fran-{params.date_from}" if params.date_from else f"till-{params.date_to}")
    if params.document_kind:
        words.append(params.document_kind)
    if params.decisions_only:
        words.append("beslut")
    if params.undated:
        words.append(UNDATED_TEXT)
    parts = [_NOT_NAME.sub("-", fold(w.casefold())).strip("-") for w in words]
    stem = "-".join([start, *filter(None, parts)])
    return stem[:MAX_FILENAME_STEM].rstrip("-") + ".csv"


def csv_cell(value: object, *, decimal: str = ".", decimals: int | None = None) -> str:
    """A CSV cell that cannot start a formula: such text gets a leading apostrophe. A
    fractional number is written with `decimal` as its decimal mark, with `decimals` decimals
    (None: Python's shortest form, as in the JSON)."""
    if isinstance(value, float):
        if decimals is not None:
            return fixed(value, decimals, mark=decimal)
        return str(value).replace(".", decimal)
    text = "" if value is None else str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def compare_extras(engine: Engine, result: dict | None, requested: Iterable[str] = ()) -> dict:
    """What compare.html needs beyond the data: the charts, the förbund to choose from and
    which of them the `requested` förbund (slugs or names, as given) are, and the notice cut
    into text and links (see `facets.notice_parts`)."""
    options = forbund_options(engine)
    asked = {slugify(f) for f in requested}
    return {
        "charts": compare_charts(result) if result else None,
        "forbund_options": options,
        "chosen": [o["slug"] for o in options if o["slug"] in asked],
        "notice_parts": facets.notice_parts(result["notice"] if result else None),
    }


def compare_charts(result: dict) -> dict:
    """SVG bar charts (Markup) of hits per 100 sections, per förbund and per year."""
    subject = f"”{result['query']}”"
    return {
        "forbund": chart.bar_chart(
            [
                (
                    short_name(r["name"]),
                    r["per_100"] if r["sections"] else None,  # 0 of 0 is no rate
                    f"{tal(r['hits'])} av {tal(r['sections'])}",
                )
                for r in result["forbund"]
            ],
            title=f"Träffar per 100 sektioner per förbund för {subject}",
            chart_id="chart-forbund",
        ),
        "years": chart.bar_chart(
            [
                (
                    r["year"] or UNDATED_TEXT,
                    r["per_100"] if r["sections"] else None,  # 0 of 0 is no rate
                    f"{tal(r['hits'])} av {tal(r['sections'])}",
                )
                for r in result["years"]
            ],
            title=f"Träffar per 100 sektioner per år för {subject}",
            chart_id="chart-years",
        ),
    }


def forbund_options(engine: Engine) -> list[dict]:
    """The förbund the index holds, for the compare form: slug and name, by name, and last
    "Okänt förbund" (`NO_FORBUND`) when some sections have none, as the search's facet lists
    it. Without it, forbund=okant-forbund (the facet's link, carried to the comparison)
    counted those sections alone while the chooser said "Förbund (alla)", and sending the
    form again dropped the filter."""
    counts = engine.section_counts()
    names = engine.forbund_names(counts)
    options = sorted(
        ({"slug": slug, "name": names[slug]} for slug in counts),
        key=lambda o: forbund_key(o["name"]),
    )
    with_forbund = sum(c["total"] for c in counts.values())
    if engine.stats()["sections"] > with_forbund:
        options.append({"slug": NO_FORBUND, "name": UNKNOWN_FORBUND})
    return options


# --- coverage -----------------------------------------------------------------------------


def coverage_data(engine: Engine) -> dict:
    """What the index holds per förbund: documents, sections, meeting dates, last indexing;
    and the registry's förbund it holds nothing from. The first and last meeting are those of
    protocols and extracts (`MEETING_KINDS`): a report's date is the end of the period it
    covers (a year-end, a tertial), no meeting, and it used to stand as the last one: the
    latest report's period end has its own column ("Senaste rapport")."""
    names = engine.forbund_names()
    rows: dict[str | None, dict] = {}
    for doc in engine.documents():
        slug = doc.get("forbund_slug") or None
        row = rows.setdefault(
            slug,
            {
                "slug": slug,
                "name": names.get(slug) or doc.get("forbund") or slug or UNKNOWN_FORBUND,
                "documents": 0,
                "sections": 0,
                "undated": 0,
                "first_date": None,
                "last_date": None,
                "last_report": None,
                "last_indexed": None,
            },
        )
        row["documents"] += 1
        row["sections"] += doc.get("sections") or 0
        if not doc.get("date"):
            row["undated"] += 1
        elif doc.get("kind") in MEETING_KINDS:
            row["first_date"] = _min(row["first_date"], doc["date"])
            row["last_date"] = _max(row["last_date"], doc["date"])
        elif doc.get("kind") == REPORT_KIND:
            row["last_report"] = _max(row["last_report"], doc["date"])
        if doc.get("indexed_at"):
            row["last_indexed"] = _max(row["last_indexed"], doc["indexed_at"])
    forbund = sorted(rows.values(), key=lambda r: (r["slug"] is None, forbund_key(r["name"])))
    totals = {
        "forbund": sum(1 for r in forbund if r["slug"] is not None),
        "documents": sum(r["documents"] for r in forbund),
        "sections": sum(r["sections"] for r in forbund),
        "undated": sum(r["undated"] for r in forbund),
        "first_date": _min_of(r["first_date"] for r in forbund),
        "last_date": _max_of(r["last_date"] for r in forbund),
        "last_report": _max_of(r["last_report"] for r in forbund),
        "last_indexed": _max_of(r["last_indexed"] for r in forbund),
    }
    missing = [
        {"slug": f.slug, "name": f.name}
        for f in sorted(Registry.default().entries, key=lambda f: forbund_key(f.name))
        if f.slug not in rows
    ]
    return {"forbund": forbund, "totals": totals, "missing": missing}


def _min(a: str | None, b: str) -> str:
    return b if a is None or b < a else a


def _max(a: str | None, b: str) -> str:
    return b if a is None or b > a else a


def _min_of(values: Iterable[str | None]) -> str | None:
    return min((v for v in values if v), default=None)


def _max_of(values: Iterable[str | None]) -> str | None:
    return max((v for v in values if v), default=None)


# --- Atom feed ----------------------------------------------------------------------------


def feed_xml(
    engine: Engine, params: SearchParams, base_url: str, *, size: int, hint: str | None = None
) -> bytes:
    """An Atom 1.0 feed of a search's `size` newest sections, whatever order and page
    `params` ask for (a feed is always its search's latest). Well-formed whatever the
    documents contain: all text goes through ElementTree, and characters XML cannot carry are
    dropped. Its subtitle says what the page would note of its parameters (`params.notes`:
    a flag's value it could not read, taken as off, as `decisions=ja` was without a word)
    and `hint`, what a parameter the feed did not read probably meant (`web.ignored`)."""
    newest = replace(params, sort="date", limit=size, offset=0)
    result = engine.search(newest)
    said = " ".join(filter(None, [*params.notes, hint])) or None
    # The feed's title and links repeat the query: never an identity number typed in it.
    return atom_feed(result["hits"], data.shown_params(newest), base_url, hint=said)


def atom_feed(
    hits: list[dict], params: SearchParams, base_url: str, *, hint: str | None = None
) -> bytes:
    """Build the feed from search hits (in the order given, newest first). `base_url` makes
    the links absolute (`site_link`); the ids never depend on it (see `TAG`). The subtitle,
    which a feed reader shows under the title, says the filters and `hint`, if any (what the
    feed did with its parameters): a subscriber to `?q=budget&forbnd=halland` got every
    förbund's sections and no word."""
    query = _feed_query(params)

    def updated(hit: dict) -> str:
        # An undated section is listed last, as the search lists it; UNDATED keeps it last in
        # a reader that orders by `updated`, and never changes (its indexing time would put
        # it first, as the newest entry of all).
        return f"{hit['date']}T00:00:00Z" if hit.get("date") else UNDATED

    ET.register_namespace("", ATOM)
    feed = ET.Element(_atom("feed"))
    ET.SubElement(feed, _atom("title")).text = _xml_text(
        "Finsök: " + (params.q.strip() or "alla protokoll")
    )
    filtered = params.forbund or params.date_from or params.date_to or params.kind or params.undated
    subtitle = _describe_filters(params) if filtered else ""
    if hint:
        subtitle = f"{subtitle}. {hint}" if subtitle else hint
    if subtitle:
        ET.SubElement(feed, _atom("subtitle")).text = _xml_text(subtitle)
    ET.SubElement(feed, _atom("id")).text = _xml_text(f"{TAG}feed?{query}")
    ET.SubElement(
        feed,
        _atom("link"),
        rel="self",
        type="application/atom+xml",
        href=_xml_text(site_link(base_url, f"feed?{query}")),
    )
    alternate = site_link(base_url, f"?{query}")
    ET.SubElement(feed, _atom("link"), rel="alternate", type="text/html", href=_xml_text(alternate))
    stamps = [updated(hit) for hit in hits]
    ET.SubElement(feed, _atom("updated")).text = max(stamps, default=UNDATED)
    author = ET.SubElement(feed, _atom("author"))
    ET.SubElement(author, _atom("name")).text = "Finsök"
    ET.SubElement(feed, _atom("generator")).text = "Finsök"
    q_arg = query_arg(params.q, params)  # entries link as hits do (`marked_url`)
    for hit, stamp in zip(hits, stamps, strict=True):
        link = site_link(base_url, with_query_arg(hit["url"], q_arg))
        forbund = hit.get("forbund") or UNKNOWN_FORBUND
        heading = " ".join(part for part in (hit.get("label"), hit.get("title")) if part)
        entry = ET.SubElement(feed, _atom("entry"))
        ET.SubElement(entry, _atom("title")).text = _xml_text(f"{forbund}: {heading}".strip())
        ET.SubElement(entry, _atom("id")).text = _xml_text(f"{TAG}section:{hit['id']}")
        ET.SubElement(entry, _atom("link"), rel="alternate", type="text/html", href=_xml_text(link))
        ET.SubElement(entry, _atom("updated")).text = stamp
        entry_author = ET.SubElement(entry, _atom("author"))
        ET.SubElement(entry_author, _atom("name")).text = _xml_text(forbund)
        summary = ET.SubElement(entry, _atom("summary"), type="html")
        summary.text = _xml_text(str(marked(hit.get("snippet"))))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _atom(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _forbund_said(value: str) -> str:
    """A förbund filter's value by its name, however it was spelt ("HALLAND", "halland" and
    "Samordningsförbundet i Halland" are one förbund, as `_feed_query` reads them)."""
    slug = slugify(value) or value
    if slug == NO_FORBUND:
        return UNKNOWN_FORBUND
    known = Registry.default().by_slug.get(slug)
    return known.name if known is not None else value


def _feed_query(params: SearchParams) -> str:
    """The search's parameters in a fixed order, each förbund as its slug (`HALLAND`, `halland`
    and "Samordningsförbundet i Halland" search the same förbund): the same search always has
    the same feed id."""
    pairs = [("q", params.q)] if params.q else []
    pairs += filter_pairs(params, sorted({slugify(f) or f for f in params.forbund}))
    return urlencode(pairs)


def _dates_said(params: SearchParams) -> str:
    """The form's date limit in the pages' words ("år 2024", "år 2020–2023", "datum från
    2024-03-01", "datum till och med 2024-06-30"): the subtitle wrote "datum 2024-03-01–",
    a range with one end missing, and a whole year as two dates."""
    limit = Filters(date_from=params.date_from, date_to=params.date_to)
    if year := facets.selected_year(limit):
        return f"år {year}"
    said = facets.date_limit(limit) or ""
    return ("datum " if _ISO_DAY.search(said) else "år ") + said


def _describe_filters(params: SearchParams) -> str:
    """The feed's subtitle: its filters in words, each förbund by its name ("Okänt förbund"
    for the sections without one), as the pages name them; a slug the registry does not
    know stays a slug."""
    parts = []
    if params.forbund:
        names = dict.fromkeys(map(_forbund_said, params.forbund))  # each förbund once
        parts.append("förbund " + ", ".join(names))
    if params.undated:
        parts.append(f"år {UNDATED_TEXT}")  # as "år 2024", and as the pages' "år: odaterat"
    if params.date_from or params.date_to:
        parts.append(_dates_said(params))
    if params.decisions_only:
        parts.append("bara beslut")
    if params.document_kind:
        parts.append(f"typ {params.document_kind}")
    return "Avgränsat till " + "; ".join(parts)
