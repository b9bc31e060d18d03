"""The parameters an API call gave that its route does not read, and a hint for those that look
like one it does (`Limit`, `förbund`, `år`, `limt`).

The API answers such a call as if the parameter were not there: refusing it would break clients
that add their own (jQuery's cache buster `_`, tracking `utm_*`). But answered without a word, a
misspelt `Limit=5` or `förbund=halland` gave a full, unfiltered answer, and a program's author
never learnt why. So the answer names them (`ignored_params`) and, for a known parameter in
another case or spelling, says which one was meant (`ignored_hint`), as mature APIs do.

The pages say the hint as a notice, and a download or a feed, which has no field for it, names
the parameters in a response header (`HEADER`, `header_value`).
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable
from urllib.parse import quote

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
# `page` is read only without `offset` (the OpenAPI document says so): beside one it is not
# read (`unread_beside`), and `page=3&offset=0` gave the first page without a word.
PAGE_HINT = "offset anger var sidan börjar, och page läses bara utan offset."
# How many characters of a name a hint quotes (a value's `quoted` cuts at 20).
QUOTED_CHARS = 40
# How alike a misspelt name must be to a read one ("limt", "ofset") to be hinted at.
CLOSE = 0.8
# The header that names, on a CSV download and on a feed, the parameters they did not read.
HEADER = "X-Finsok-Ignored-Params"
# The longest list the header holds, in characters: a proxy refuses a long response header (nginx
# answers 502 for one past its 4 or 8 KB buffer), and a query string may hold thousands of names.
HEADER_CHARS = 1000


def ignored_params(names: Iterable[str], read: Collection[str]) -> list[str]:
    """The names among `names` (a request's, in order) that are not in `read`, each once, as an
    answer may repeat them: without control characters and with any identity number masked, as
    a value is (`mask_typed`), since a name is the client's text too."""
    shown = (mask_typed(without_controls(name)) for name in names if name not in read)
    return list(dict.fromkeys(shown))


def unread_beside(read: Collection[str], given: Collection[str]) -> tuple[str, ...]:
    """The parameters among `read` that a request giving the names `given` reads: all but
    `page` beside an `offset` (`web.params.search_params` reads the offset then)."""
    if "offset" in read and "offset" in given:
        return tuple(name for name in read if name != "page")
    return tuple(read)


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
    if folded == "page" and "page" not in read and "offset" in read:
        return PAGE_HINT
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


def header_value(names: Iterable[str]) -> str | None:
    """`names` (as `ignored_params` gives them) as the `HEADER` value, "Limit, forbnd", or None
    when there are none. A header carries ASCII only, so each name is percent-encoded as UTF-8
    as RFC 8187 encodes a value ("förbund" is "f%C3%B6rbund"): every byte but a letter, a
    digit and `-._~`, a comma and a blank too, so the list splits on ", " whatever the names
    (an empty name, which nothing could show, is left out). A list longer than `HEADER_CHARS`
    ends in "+N", the number of names left out (a name's own "+" is "%2B", so none reads so)."""
    encoded = [quote(name, safe="") for name in names if name]
    shown: list[str] = []
    length = 0
    for i, name in enumerate(encoded):
        after = len(encoded) - i - 1  # room is kept for the "+N" the names after may need
        added = len(name) + 2 * bool(shown) + (len(f", +{after}") if after else 0)
        if length + added > HEADER_CHARS:
            shown.append(f"+{len(encoded) - i}")
            break
        shown.append(name)
        length += len(name) + 2 * (len(shown) > 1)
    return ", ".join(shown) or None
