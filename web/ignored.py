"""The parameters an API call gave that its route does not read, and a hint for those that look
like one it does (`Limit`, `förbund`, `år`, `limt`).

The API answers such a call as if the parameter were not there: refusing it would break clients
that add their own (jQuery's cache buster `_`, tracking `utm_*`). But answered without a word, a
misspelt `Limit=5` or `förbund=halland` gave a full, unfiltered answer, and a program's author
never learnt why. So the answer names them (`ignored_params`) and, for a known parameter in
another case or spelling, says which one was meant (`ignored_hint`), as mature APIs do.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable

from index.analysis import fold
from index.errors import without_controls
from index.privacy import mask_typed

# A client's own parameters, which are never a misspelt one of ours: listed, never hinted at.
OWN_PREFIXES = ("_", "utm_")

# What a program's author may write for a parameter the API reads, folded (`_folded`): the
# Swedish word, another API's habit, or the query language's field. The name it means is
# hinted only where the route reads it.
ALIASES: dict[str, str] = {
    **dict.fromkeys(("query", "fraga", "sok", "search", "text", "sokord", "keyword"), "q"),
    **dict.fromkeys(("slug", "forbund_slug", "samordningsforbund"), "forbund"),
    **dict.fromkeys(
        ("fran", "form", "from_date", "date_from", "fromdate", "start_date", "since", "fran_datum"),
        "from",
    ),
    **dict.fromkeys(("till", "to_date", "date_to", "todate", "end_date", "until"), "to"),
    **dict.fromkeys(("typ", "type", "doctype", "doc_type", "dokumenttyp"), "kind"),
    **dict.fromkeys(("beslut", "decision", "bara_beslut", "decisions_only"), "decisions"),
    **dict.fromkeys(("odaterat", "odaterade", "utan_datum"), "undated"),
    **dict.fromkeys(("sort_by", "sortby", "order", "order_by", "sortering", "sortera"), "sort"),
    **dict.fromkeys(("sida", "sidnummer", "page_number"), "page"),
    **dict.fromkeys(
        ("antal", "size", "page_size", "pagesize", "per_page", "perpage", "count", "rows"),
        "limit",
    ),
    **dict.fromkeys(("skip", "start"), "offset"),
}
# A year or a date is chosen with `from` and `to`; the query language's `år:2024` has no
# parameter of its own.
DATE_NAMES = ("ar", "year", "artal", "date", "dates", "datum")
DATE_HINT = "år och datum väljs med from och to, till exempel from=2024-01-01&to=2024-12-31."
# How many characters of a name a hint quotes (a value's `quoted` cuts at 20).
QUOTED_CHARS = 40
# How alike a misspelt name must be to a read one ("limt", "ofset") to be hinted at.
CLOSE = 0.8


def ignored_params(names: Iterable[str], read: Collection[str]) -> list[str]:
    """The names among `names` (a request's, in order) that are not in `read`, each once, as an
    answer may repeat them: without control characters and with any identity number masked, as
    a value is (`mask_typed`), since a name is the client's text too."""
    shown = (mask_typed(without_controls(name)) for name in names if name not in read)
    return list(dict.fromkeys(shown))


def ignored_hint(ignored: Iterable[str], read: Collection[str]) -> str | None:
    """One Swedish sentence per ignored name that looks like a parameter in `read`, saying
    which one was meant; None when none does. `ignored` are names as `ignored_params` gives
    them (masked), so a hint never repeats an identity number either."""
    said = [_sentence(name, meant) for name in ignored if (meant := _meant(name, read))]
    return " ".join(said) or None


def _sentence(name: str, meant: str) -> str:
    """The hint for one name, quoted as sent (blanks kept: `forbund ` is no `forbund`)."""
    shown = name if len(name) <= QUOTED_CHARS else name[: QUOTED_CHARS - 1] + "…"
    return f"Parametern ”{shown}” lästes inte: {meant}"


def _meant(name: str, read: Collection[str]) -> str | None:
    """What a name not read probably meant, in words ("menade du limit?"), or None."""
    if name.strip().lower().startswith(OWN_PREFIXES):
        return None
    folded = _folded(name)
    if folded in DATE_NAMES and {"from", "to"} <= set(read):
        return DATE_HINT
    target = _target(folded, read)
    return f"menade du {target}?" if target else None


def _target(folded: str, read: Collection[str]) -> str | None:
    """The read parameter `folded` names: the same in another case or without å, ä, ö
    (`Limit`, `förbund`), an alias (`fran`, `sort_by`), or a close misspelling (`limt`)."""
    if folded in read:
        return folded
    alias = ALIASES.get(folded)
    if alias in read:
        return alias
    if len(folded) < 3:  # "p" or "to" is no misspelling of anything in particular
        return None
    close = difflib.get_close_matches(folded, list(read), n=1, cutoff=CLOSE)
    return close[0] if close else None


def _folded(name: str) -> str:
    """`name` compared as a parameter: lower case, folded as search folds (`analysis.fold`: ö
    is o, å is a), blanks trimmed and a dash read as an underscore (`sort-by` is `sort_by`)."""
    return fold(name.strip().lower()).replace("-", "_")
