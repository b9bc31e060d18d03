"""The answer to a search as programs get it (the JSON API and `finsok search --json` alike):
the contract's result, plus citations, paging and no echo of an identity number typed in the
query. One function per kind of search, so the API and the command line cannot drift apart."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable

from index.privacy import mask_typed
from search.engine import Engine, SearchParams
from search.links import query_arg, with_query_arg
from search.pages import span_text


def search_answer(engine: Engine, params: SearchParams) -> dict:
    """/api/search and `finsok search --json`: the contract's result, plus paging,
    citations and each hit's `marked_url`."""
    result = engine.search(params)
    for hit in result["hits"]:
        hit["citation"] = hit_citation(hit)
    return with_marked_urls(without_identity_numbers(with_paging(result, params), params.q), params)


def documents_answer(engine: Engine, params: SearchParams) -> dict:
    """/api/documents and `finsok search --documents --json`: every document whose head
    matches, with facets, paging and each one's `marked_url`."""
    result = engine.search_documents(params)
    return with_marked_urls(without_identity_numbers(with_paging(result, params), params.q), params)


def with_ignored(result: dict, ignored: list[str] | None = None, hint: str | None = None) -> dict:
    """`result` with `ignored_params`, the parameters the call gave that were not read (a
    misspelt `Limit=5` was answered as if unsent, without a word), and `ignored_hint`, which
    says what such a name probably meant (`web.ignored`). The API fills them; the command
    line's answer has the same fields, empty, since argparse refuses an unknown flag."""
    result["ignored_params"] = ignored or []
    result["ignored_hint"] = hint
    return result


def with_marked_urls(result: dict, params: SearchParams) -> dict:
    """`result` with each hit's and head match's `marked_url`: its `url` with the query and
    the search's filters (`search.links.query_arg`). The contract fixes `url` as the
    section's bare address ("/doc/…#p47"), so the link a reader follows from a search (the
    pages', the feed's, the CSVs') is a field of its own, and a program that wants the
    document marked need not
    build it."""
    arg = query_arg(params.q, params)
    for item in (*result.get("hits", ()), *result.get("documents", ())):
        item["marked_url"] = with_query_arg(item["url"], arg)
    return result


def hit_citation(hit: dict) -> str:
    """`citation` of a hit as the engine builds it (the API's hits and the hit CSVs) or of a
    section's record (`/api/sections/<id>`); a hit without a document title, pages or the
    `label_repeats` flag (made by hand, or from an older index) is cited without them."""
    return citation(
        hit["forbund"],
        hit["date"],
        hit["label"],
        kind=hit["kind"],
        title=hit.get("doc_title", ""),
        page=hit.get("page"),
        page_end=hit.get("page_end"),
        section_title=hit.get("title", ""),
        label_repeats=hit.get("label_repeats", False),
    )


def citation(
    forbund: str | None,
    date: str | None,
    label: str,
    *,
    kind: str = "protokoll",
    title: str = "",
    page: int | None = None,
    page_end: int | None = None,
    section_title: str = "",
    label_repeats: bool = False,
) -> str:
    """A ready citation: "Samordningsförbundet Söderåsen, styrelsen 2025-06-11, § 47, s. 3" for
    a protocol. A report's date ends the period it covers, not a board meeting, so a report is
    cited by its title: "Tertial rapport Samordningsförbundet Skåne Nordost, period till
    2024-04-30, Mål 8, s. 4–5". The page or span ends it when the source has pages, so that
    a reader finds the words in the original; a source without pages is cited without.

    `title` is the document's title. When another section of the meeting has the same label
    (`label_repeats`: "Mål 8" twice in a report, "§ 10" twice by a numbering error) the
    section's own title follows the label in brackets, "§ 10 (Nästa möte)", as a reader would
    tell them apart, with or without pages; a unique label is cited as it always was."""
    name = forbund or "Okänt förbund"
    if kind.startswith("protokoll") or not title:
        parts = [name, f"styrelsen {date}" if date else "odaterat"]
    else:
        when = ("period till " if kind == "rapport" else "") + date if date else "odaterat"
        parts = [title if name in title else f"{name}, {title}", when]
    if label:
        parts.append(titled_label(label, section_title) if label_repeats else label)
    if pages := span_text(page, page_end):
        parts.append(pages)
    return ", ".join(parts)


def titled_label(label: str, section_title: str) -> str:
    """`label` with the section's title in brackets, "§ 10 (Nästa möte)": brackets keep a title
    with commas of its own ("Budget, prognos") one part of a comma-joined citation. A title
    already in brackets ("(forts.)") gets none more, and without a title the label stands
    alone. A title is parsed text, its identity numbers already masked by the parser."""
    shown = " ".join(section_title.split())
    if not shown:
        return label
    return f"{label} {shown if _bracketed(shown) else f'({shown})'}"


def _bracketed(text: str) -> bool:
    """Whether one pair of brackets holds all of `text`: "(forts.)" is, "(a) och (b)" is not."""
    depth = 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth <= 0 and (i == 0 or i < len(text) - 1):
            return False
    return depth == 0 and len(text) > 1


def without_identity_numbers(result: dict, q: str) -> dict:
    """`result` of a search for `q` with every echo of an identity number in `q` masked: the
    query (also in `params`), the notices and suggestion made from it and how it was read.
    Those may repeat the number in pieces the mask cannot recognise (år:19850412 1230 is read
    as a filter and a word, "1985-04-12-1230" as the phrase ”1985 04 12 1230”), so every run
    of digits that masking took out of `q` is masked wherever it stands. Hits come from the
    index, which holds no numbers; the search ran on `q` as typed and still finds nothing."""
    masked = mask_typed(q)
    if masked == q:
        return result
    echo = echo_masker(q)
    result["query"] = masked
    if "params" in result:
        result["params"]["q"] = masked
    if "interpretation" in result:
        result["interpretation"] = [echo(line) for line in result["interpretation"]]
    for key in ("notice", "suggestion"):
        if result.get(key):
            result[key] = echo(result[key])
    return result


def echo_masker(q: str) -> Callable[[str], str]:
    """A function that masks, in text made from the query `q`, its identity numbers and every
    run of digits that was part of one (a number read in pieces, "850412" of "förbund:850412
    1230", is no longer recognisable as one)."""
    masked = mask_typed(q)
    # The digits as the parser read them (NFKC: "¹²" is "12"), which is how echoes spell them.
    read = unicodedata.normalize("NFKC", q)
    gone = set(re.findall(r"\d+", read)) - set(re.findall(r"\d+", masked))
    if not gone:
        return mask_typed
    pieces = re.compile(r"(?<!\d)(?:" + "|".join(sorted(gone, key=len, reverse=True)) + r")(?!\d)")
    return lambda text: pieces.sub(lambda m: "X" * len(m.group()), mask_typed(text))


def with_paging(result: dict, params: SearchParams) -> dict:
    """The parameters as understood, the current page and the number of pages."""
    result["params"] = {
        "q": params.q,
        "limit": params.limit,
        "offset": params.offset,
        "forbund": params.forbund,
        "from": params.date_from.isoformat() if params.date_from else None,
        "to": params.date_to.isoformat() if params.date_to else None,
        "kind": params.kind,
        "decisions": params.decisions,
        "undated": params.undated,
        "sort": params.sort,
    }
    result["page"] = params.offset // params.limit + 1
    result["pages"] = math.ceil(result["total"] / params.limit) if result["total"] else 0
    return result
