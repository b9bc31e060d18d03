"""A search's hit list as CSV: what a researcher takes on to a spreadsheet or a program, one
row per section found, with the columns the search page shows and a link to each paragraph.

Two forms, as for the comparison (`web.research.compare_csv`): the one Swedish Excel opens by
double-click (/search.csv: byte order mark, `;`, readable headings, "ja"/"nej", a closing
note), and plain RFC 4180 for programs (/api/search.csv: comma, no byte order mark, machine
headings, true/false, data rows only). Both hold at most `MAX_EXPORT_ROWS` hits, in the order
the search's pages show them; the Excel form says so in its note when there were more.
"""

from __future__ import annotations

import html
import re

from search.answer import hit_citation, with_marked_urls, without_identity_numbers
from search.engine import Engine, SearchParams
from search.limits import MAX_EXPORT_ROWS
from search.links import site_link
from web.numbers import tal
from web.params import PAGING
from web.research import (
    UNDATED_TEXT,
    UNKNOWN_FORBUND,
    CsvForm,
    csv_cell,
    csv_filename,
    csv_start,
)

HITS_FILENAME_START = "finsok-traffar"
# A download holds a search's first hits in its order, whatever page its link was taken on:
# these parameters are not read (and so never refused).
EXPORT_IGNORES = PAGING
# Machine headings, stable for scripts that read columns by name.
HITS_HEADER = (
    "id",
    "förbund",
    "slug",
    "datum",
    "typ",
    "paragraf",
    "nummer",
    "rubrik",
    "i_beslut",
    "utdrag",
    "sida",
    "dokument",
    "länk",
    "källadress",
    # Added after the first fourteen, so scripts reading columns by place still work.
    "sista_sida",
    "träffsida",
    "källhänvisning",
)
# The same columns as a person reads them.
EXCEL_HITS_HEADER = (
    "Id",
    "Förbund",
    "Kortnamn",
    "Datum",
    "Typ",
    "Paragraf",
    "Nummer",
    "Rubrik",
    "Träff i beslut",
    "Utdrag",
    "Sida",
    "Dokument",
    "Länk",
    "Källadress",
    "Sista sida",
    "Sida med träffen",
    "Källhänvisning",
)
_MARK = re.compile(r"</?mark>")


_EXCEL = CsvForm(
    delimiter=";",
    bom="\ufeff",
    header=EXCEL_HITS_HEADER,
    yes="ja",
    no="nej",
    unknown=UNKNOWN_FORBUND,
    undated=UNDATED_TEXT,
)
_PLAIN = CsvForm(delimiter=",", bom="", header=HITS_HEADER)


def hits_data(engine: Engine, params: SearchParams, max_rows: int = MAX_EXPORT_ROWS) -> dict:
    """The first `max_rows` hits of the search, with the total and the notice; an identity
    number typed in the query is not repeated (`without_identity_numbers`). Each hit has its
    `marked_url`, the link the file gives (see `hits_csv`)."""
    found = engine.all_hits(params, max_rows)
    return with_marked_urls(without_identity_numbers(found, params.q), params)


def hits_csv(data: dict, base_url: str, *, excel: bool = True, hint: str | None = None) -> str:
    """`hits_data` as CSV, with each hit's link made absolute on `base_url` (the site's
    address), so the file leads back to the paragraph from wherever it is opened; the link
    is the hit's `marked_url`, carrying the query as a hit link on the search page and a
    feed entry do, so the document opened from the file marks it too. The snippet is plain
    text: its marks are dropped and its HTML escapes read back. The Excel form's closing note
    holds `hint` too, what a parameter the download did not read probably meant."""
    form = _EXCEL if excel else _PLAIN
    out, writer = csv_start(form.bom, form.delimiter, form.header)
    for hit in data.get("hits", []):
        writer.writerow(
            [
                csv_cell(value)
                for value in (
                    hit["id"],
                    hit["forbund"] or form.unknown,
                    hit["forbund_slug"],
                    hit["date"] or form.undated,
                    hit["kind"],
                    hit["label"],
                    hit["number"],
                    hit["title"],
                    form.yes if hit["decision"] else form.no,
                    plain_snippet(hit["snippet"]),
                    hit.get("page"),
                    hit["source"],
                    site_link(base_url, hit.get("marked_url", hit["url"])),
                    hit.get("source_url"),
                    hit.get("page_end"),
                    hit.get("match_page"),
                    hit_citation(hit),
                )
            ]
        )
    if excel and (note := " ".join(filter(None, [_note(data), hint]))):
        writer.writerow([])
        writer.writerow([csv_cell(f"Obs: {note}")])
    return out.getvalue()


def plain_snippet(snippet: str) -> str:
    """A snippet's HTML (escaped text and <mark> tags, nothing else) as the text it shows."""
    return html.unescape(_MARK.sub("", snippet))


def _note(data: dict) -> str | None:
    """Why the file holds fewer rows than the search found, and the search's notice."""
    shown, total = len(data.get("hits", [])), data.get("total", 0)
    cut = (
        f"Filen har de {tal(shown)} första av {tal(total)} träffar; avgränsa sökningen "
        "(förbund, datum, typ) för att få resten."
        if total > shown
        else None
    )
    return " ".join(filter(None, [cut, data.get("notice")])) or None


def hits_filename(params: SearchParams) -> str:
    """The download's name: the hit list and the search it holds (`csv_filename`)."""
    return csv_filename(params, start=HITS_FILENAME_START)
