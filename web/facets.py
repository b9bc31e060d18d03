"""What a result page shows beside the result: facets as links that refine the search, the
active filters marked with a link that removes each (set in the form or typed in the query),
one link that clears them all, and the notice cut into text and links.

The API answers without these (its schema is closed); `web.data`'s page functions add them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from index.errors import listed
from index.metadata import slugify
from index.privacy import mask_typed
from search.compile import date_bounds, no_common_day
from search.engine import Engine, SearchParams, parse_params
from search.params import DECISION, NO_FORBUND, UNDATED_TEXT
from search.query import Filters, apply_filter, exclusion_reading, parse

FACET_LABELS = {"forbund": "Förbund", "year": "År", "kind": "Typ"}
# Decisions only ("Bara beslut", kind=decision, typ:beslut) is the Typ facet's entry of this
# key when active: it narrows the search as a kind does, and is removed the same way.
DECISIONS = DECISION
DECISIONS_LABEL = "bara beslut"
# The entries of the hits without a förbund or a date (`facets_missing`), by facet: their
# key, which is also their filter (forbund=okant-forbund, undated=1); the förbund entry is
# named UNKNOWN_FORBUND as a förbund's slug is named (`Engine.forbund_names`). They come last
# of the entries not chosen, whatever their count: they are no förbund or year.
# The year facet's active entry when the date and year limits leave no day (the search's
# notice says why nothing is found).
NO_COMMON_DAY = "inget gemensamt datum"
MISSING_KEYS = {"forbund": NO_FORBUND, "year": UNDATED_TEXT}
# A phrase (left alone) or a `name:value` filter token as the query language writes them
# (år:2024, förbund:"Östra Södertörn"); the parser itself decides which names are filters.
_FILTER_TOKEN = re.compile(r'"[^"]*"|(?<![^\s(])[^\W\d_]+:(?:"[^"]*"|[^\s()"]+)')
# Pages that a notice of the search layer may point to as "Label (/path)", and the endpoint
# a page links instead: the link's target is ours, never taken from the notice's text.
_NOTICE_LINKS = {"/coverage": "pages.coverage_page"}
# A label starts where a word does: a match can start nowhere else, and tried from each letter
# of a long word with no link after it (an unknown förbund of 16,000 letters, named in the
# notice) it read the word again from each, a second for one page.
_NOTICE_LINK = re.compile(r"(?<![^\s()])(?P<label>[^\s()]+) \((?P<path>/[a-z]+)\)")


def for_page(
    engine: Engine,
    result: dict,
    params: SearchParams,
    echo: Callable[[str], str] = mask_typed,
) -> dict:
    """Add the facets as a page lists them (`facet_list`: förbund by name, the active filter
    marked, each entry with the parameter changes its link makes), the changes that clear
    every filter (`clear_filters`, None without filters) and the notice cut into text and
    links (`notice_parts`). `echo` masks what the query typed: an active filter's label
    repeats it (see `search.answer.echo_masker`)."""
    filters = parse_params(params).filters
    counts = _with_missing(result["facets"], result.get("facets_missing", {}))
    # A date limit other than one whole year (år:2020..2023, from a date on) is the year
    # facet's active entry, counting every hit, so it can be removed like the others.
    year = selected_year(filters)
    if year is None and (year := date_limit(filters)):
        counts["year"] = {**counts["year"], year: result["total"]}
    decisions = [DECISIONS] if filters.decisions_only else []
    if decisions:  # every hit is in a decision
        counts["kind"] = {**counts["kind"], DECISIONS: result["total"]}
    undated = [UNDATED_TEXT] if filters.undated else []
    if undated:  # every hit is undated
        counts["year"] = {**counts["year"], UNDATED_TEXT: result["total"]}
    active = {
        "forbund": list(dict.fromkeys(filters.forbund)),
        "year": undated + ([year] if year else []),
        "kind": decisions + list(dict.fromkeys(filters.kinds)),
    }
    labels = {
        "forbund": engine.forbund_names([*counts["forbund"], *active["forbund"]]),
        "year": {UNDATED_TEXT: UNDATED_TEXT},
        "kind": {DECISIONS: DECISIONS_LABEL},
    }
    result["facet_list"] = []
    for name, label in FACET_LABELS.items():
        entries = _facet_entries(
            name, counts[name], active[name], labels[name], params, filters, echo
        )
        if entries:
            result["facet_list"].append({"name": name, "label": label, "entries": entries})
    result["excluded_filters"] = _excluded_entries(params.q, filters, echo, engine.forbund_names)
    has_filters = _has_filters(filters) or bool(filters.excluded)
    result["clear_filters"] = _clear_filters(params) if has_filters else None
    result["notice_parts"] = notice_parts(result["notice"])
    return result


def _with_missing(facets: dict, missing: dict[str, int]) -> dict:
    """The facets' counts with an entry for the hits without a förbund and without a date,
    when there are such hits (`MISSING_KEYS`), so each facet adds up to the hits' total: a
    reader who sums the förbund found 5 of 6 hits and no way to the sixth."""
    counts = {name: dict(facets[name]) for name in FACET_LABELS}
    for name, key in MISSING_KEYS.items():
        if missing.get(name):
            counts[name][key] = missing[name]
    return counts


# What an excluded filter's name reads as beside its value ("förbund: utom förbundet …").
_EXCLUDED_LABELS = {"forbund": "förbund", "year": "år", "date": "datum", "kind": "typ"}


def _excluded_entries(
    q: str,
    filters: Filters,
    echo: Callable[[str], str],
    forbund_names: Callable[[list[str]], dict[str, str]],
) -> list[dict]:
    """The filters the query excludes ("budget -förbund:halland"), as active filters a page
    lists: `{name, label, changes}`, where `changes` remove that exclusion from the query. An
    excluded filter narrows the search as much as a chosen one, and a filtered search must
    never look unfiltered. An excluded förbund is named as a chosen one is (`forbund_names`,
    `Engine.forbund_names`)."""
    entries = []
    for name, value in dict.fromkeys(filters.excluded):
        entries.append(
            {
                "name": _EXCLUDED_LABELS.get(name, name),
                "label": echo(_excluded_label(name, value, forbund_names)),
                "changes": {"q": _without_exclusion(q, name, value)},
            }
        )
    return entries


def _excluded_label(
    name: str, value: str, forbund_names: Callable[[list[str]], dict[str, str]]
) -> str:
    """What excluding filter `name` with `value` leaves out, in the active filters' words: an
    excluded förbund by its name ("utom förbundet ”Samordningsförbundet Västra Mälardalen”"),
    where the query's reading (`exclusion_reading`) names it by its slug, and the line read
    "utom förbundet ”vastra-malardalen”" beside a chosen förbund named by its name. The
    sections without a förbund, and any other filter, as the reading says them."""
    read = Filters()
    if name == "forbund":
        apply_filter(name, value, read)  # the slugs it names, as the search reads them
    slugs = list(dict.fromkeys(read.forbund))
    if not slugs or NO_FORBUND in slugs:
        return exclusion_reading(name, value)
    names = forbund_names(slugs)
    said = [f"”{names.get(slug, slug)}”" for slug in slugs]
    return f"utom {'förbundet' if len(said) == 1 else 'förbunden'} {listed(said)}"


# An excluded filter token as the query language writes it: "-förbund:halland", "NOT år:2023".
_EXCLUDED_TOKEN = re.compile(r'(?<![^\s(])(?:-|(?:NOT|INTE)\s+)((?:"[^"]*"|[^\s()"])+)')


def _without_exclusion(q: str, name: str, value: str) -> str:
    """`q` without the tokens that exclude filter `name` with `value`, as the parser reads
    each; everything else stays."""
    return _without_tokens(
        q, _EXCLUDED_TOKEN, lambda token: (name, value) in parse(token).filters.excluded
    )


def _facet_entries(
    name: str,
    counts: dict[str, int],
    active: list[str],
    labels: dict[str, str],
    params: SearchParams,
    filters: Filters,
    echo: Callable[[str], str],
) -> list[dict]:
    """One facet's entries, active ones first, then most hits first: `{key, label, count,
    active, changes}`, where `changes` lead to the search with this entry chosen, or without it
    when it is active. An active filter that matched nothing is listed too (count 0), so it can
    be removed."""
    counts = {**counts, **{key: 0 for key in active if key not in counts}}
    return [
        {
            "key": key,
            # A filter typed as förbund:<a number> shows what was typed: never a personnummer.
            "label": echo(labels.get(key, key)),
            "count": count,
            "active": key in active,
            "changes": (
                _without(name, key, params) if key in active else _with(name, key, params, filters)
            ),
        }
        for key, count in sorted(
            counts.items(),
            key=lambda kv: (kv[0] not in active, kv[0] == MISSING_KEYS.get(name), -kv[1], kv[0]),
        )
    ]


def _with(name: str, key: str, params: SearchParams, filters: Filters) -> dict:
    """Parameter changes that narrow the current search to facet entry `key`. A year narrows
    any date limit to its part of that year (2024 within 2024-03-01 – 2025-06-30 is
    2024-03-01 – 2024-12-31): replacing the limit by the whole year would widen it."""
    if name == "forbund":
        return {"forbund": [*params.forbund, key]}
    if name == "year" and key == UNDATED_TEXT:
        return {"undated": "1"}  # no date limit can hold here: an undated hit has none
    if name == "year":
        low, high = date_bounds(filters)
        year = int(key)
        start = max(filter(None, [date(year, 1, 1), low]))
        end = min(filter(None, [date(year, 12, 31), high]))
        return {"from": start.isoformat(), "to": end.isoformat()}
    # Decisions only set as kind=decision (the box) stays on beside the kind chosen.
    return {"kind": key, "decisions": "1"} if params.kind == DECISIONS else {"kind": key}


def _without(name: str, key: str, params: SearchParams) -> dict:
    """Parameter changes that remove the active filter `key` of facet `name`, wherever it was
    set: in the form's parameters or in the query text (förbund:halland, år:2024, typ:rapport).
    Other filters stay."""
    q = query_without(params.q, _sets(name, key))
    if name == "forbund":
        kept = [f for f in params.forbund if slugify(f) != key]
        if q != params.q:  # förbund:skåne chose three förbund: removing one keeps two
            gone = parse(params.q).filters.forbund
            kept += [
                s for s in dict.fromkeys(gone) if s != key and s not in parse(q).filters.forbund
            ]
        changes: dict = {"forbund": kept}
    elif name == "year" and key == UNDATED_TEXT:
        changes = {"undated": None}
    elif name == "year":
        changes = {"from": None, "to": None}
    else:
        changes = {"kind": None} if params.kind == key else {}
        if key == DECISIONS:
            changes["decisions"] = None
    return {**changes, "q": q} if q != params.q else changes


def _sets(name: str, key: str) -> Callable[[Filters], bool]:
    """Whether parsed filters set facet `name`'s entry `key`; for years, any date limit; for
    decisions only, typ:beslut."""
    if name == "forbund":
        return lambda f: key in f.forbund
    if name == "kind":
        return (lambda f: f.decisions_only) if key == DECISIONS else (lambda f: key in f.kinds)
    if key == UNDATED_TEXT:  # a parameter only: no query token sets it
        return lambda f: f.undated
    return _limits_dates


def _clear_filters(params: SearchParams) -> dict:
    """Parameter changes that remove every filter, in the parameters and in the query."""
    changes = {
        "forbund": [],
        "kind": None,
        "decisions": None,
        "undated": None,
        "from": None,
        "to": None,
    }
    q = query_without(params.q, _has_filters)
    if parse(q).filters.excluded:
        q = _without_tokens(q, _EXCLUDED_TOKEN, lambda token: bool(parse(token).filters.excluded))
    return {**changes, "q": q} if q != params.q else changes


def _has_filters(f: Filters) -> bool:
    return bool(f.forbund or f.kinds or f.decisions_only or f.undated or _limits_dates(f))


def _limits_dates(f: Filters) -> bool:
    return any(v is not None for v in (f.year_from, f.year_to, f.date_from, f.date_to))


def selected_year(f: Filters) -> str | None:
    """The year when the search is limited to exactly one whole year, however that was said
    (år:2024, datum:2024-01-01..2024-12-31, from/to as the year facet sets them, or several
    that intersect to it); else None, also for part of a year."""
    low, high = date_bounds(f)
    if low and high and (low, high) == (date(low.year, 1, 1), date(low.year, 12, 31)):
        return str(low.year)
    return None


def date_limit(f: Filters) -> str | None:
    """Any date limit of the search as a reader says it, in years when it runs over whole
    years: "2020–2023", "från 2024", "2023-01-01 – 2023-06-30", "till och med 2024-06-30";
    None without one."""
    low, high = date_bounds(f)
    if low is None and high is None:
        return None
    if no_common_day(f):  # år:2023 år:2024 read as "2024–2023", a range it is not
        return NO_COMMON_DAY
    whole = (low is None or (low.month, low.day) == (1, 1)) and (
        high is None or (high.month, high.day) == (12, 31)
    )
    start, end = ((d and (str(d.year) if whole else d.isoformat())) for d in (low, high))
    if start and end:
        return f"{start}–{end}" if whole else f"{start} – {end}"
    return f"från {start}" if start else f"till och med {end}"


def query_without(q: str, drops: Callable[[Filters], bool]) -> str:
    """`q` without its filter tokens for which `drops` holds, as the query parser reads each
    token; phrases and everything else stay. `q` itself when the parser found no such filter
    in it (also when it could not read it and searched plain words)."""
    if not drops(parse(q).filters):
        return q
    return _without_tokens(
        q, _FILTER_TOKEN, lambda token: not token.startswith('"') and drops(parse(token).filters)
    )


def _without_tokens(q: str, pattern: re.Pattern[str], drops: Callable[[str], bool]) -> str:
    """`q` without the tokens `pattern` finds for which `drops` holds, each with the space
    after it, and its whitespace collapsed. Only a token that narrows the whole search goes:
    one whose removal leaves the query's logic (its parsed tree) as it was. A filter that is
    an alternative of OR ("samverkan förbund:blekinge OR förbund:halland år:2024") is part of
    what the words ask: clearing the filters left "samverkan OR", a dangling OR searched as
    plain words, and removing one of them widened the search to "samverkan OR förbund:…"."""
    tree = parse(q).tree
    cuts: list[tuple[int, int]] = []  # the spans taken out so far
    for m in pattern.finditer(q):
        if not drops(m.group(0)):
            continue
        cut = (m.start(), len(q) - len(q[m.end() :].lstrip()))  # with the space after it
        if parse(_cut(q, [*cuts, cut])).tree == tree:
            cuts.append(cut)
    return " ".join(_cut(q, cuts).split())


def _cut(q: str, cuts: list[tuple[int, int]]) -> str:
    """`q` without the spans `cuts` (in order, apart)."""
    kept, pos = [], 0
    for start, end in cuts:
        kept.append(q[pos:start])
        pos = end
    return "".join([*kept, q[pos:]])


def notice_parts(notice: str | None) -> list[dict]:
    """A notice cut into `{text, endpoint}` parts, so a page can link the pages it mentions
    ("sidan Täckning (/coverage)" becomes a link named Täckning) while every part stays text
    that the template escapes. Only the pages in `_NOTICE_LINKS` become links."""
    parts: list[dict] = []
    pos = 0
    for m in _NOTICE_LINK.finditer(notice or ""):
        endpoint = _NOTICE_LINKS.get(m.group("path"))
        if endpoint is None:
            continue
        parts.append({"text": notice[pos : m.start()], "endpoint": None})
        parts.append({"text": m.group("label"), "endpoint": endpoint})
        pos = m.end()
    if notice and pos < len(notice):
        parts.append({"text": notice[pos:], "endpoint": None})
    return [p for p in parts if p["text"]]
