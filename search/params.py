"""The parameters of a search, what each may be, and how a value out of bounds is refused.

One source for the engine, the API, the pages and the command line: they used to check the same
parameters three times, with different lists, messages and (for a too large `limit`)
behaviour. The API's wording lives here ("Parametern limit: 0 är för litet (tillåtet:
1–100)."), and the engine raises exactly that; the pages and the command line phrase the same
range and values in their reader's words, from the same helpers.

No tantivy here (see `search.limits`): the command line checks its flags against these values
while it parses them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from index.errors import FinsokError, grouped, listed
from index.privacy import mask_typed
from search.limits import DEFAULT_LIMIT, MAX_FORBUND, MAX_LIMIT, MAX_OFFSET, MAX_QUERY_CHARS

# The document kinds a search can be narrowed to (the `kind` filter, `typ:` in a query).
KINDS = ("protokoll", "protokollsutdrag", "rapport", "annat")
# The `kind` value that narrows to decision text, whatever the document's kind.
DECISION = "decision"
# Every value the `kind` parameter takes, in the order the API's messages list them.
KIND_VALUES = (DECISION, *KINDS)
# How a section without a förbund or a date is said (the pages, the Excel CSVs, the facets).
UNKNOWN_FORBUND = "Okänt förbund"
UNDATED_TEXT = "odaterat"
# The `forbund` value (and facet key) that selects sections without a förbund: the slug of
# UNKNOWN_FORBUND, so `forbund=Okänt förbund` and `förbund:"okänt förbund"` in a query select
# them too. No förbund is called that, and the slug of a real one never is.
NO_FORBUND = "okant-forbund"
# Orders of a hit list: best first, or newest first. The first is the default.
SORTS = ("relevance", "date")
DEFAULT_SORT = SORTS[0]

# How to get what a too large limit or offset asked for, in the API's parameter names.
LIMIT_HINT = "Hämta fler träffar sida för sida med offset eller page."
OFFSET_HINT = "Avgränsa sökningen (forbund, from, to, kind) för att nå träffar längre bak."

KIND_REASON = "måste vara en av " + ", ".join(KIND_VALUES)
SORT_REASON = "måste vara " + " eller ".join(SORTS)
QUERY_TOO_LONG = f"frågan är för lång (högst {MAX_QUERY_CHARS} tecken)"


class ParamError(FinsokError):
    """A search parameter the search cannot take, worded as the API answers it:
    "Parametern `name`: `reason`.", status 400, a sentence ending in a full stop as every
    API message is (`web.errors`), so the engine and the API say it alike. `name` is the
    parameter as the API names it."""

    def __init__(self, name: str, reason: str, *, code: str = "bad_param") -> None:
        said = f"Parametern {name}: {reason}".strip()
        said += "" if said.endswith((".", "!", "?")) else "."
        super().__init__(said, status=400, code=code)
        self.name = name
        self.reason = reason


def quoted(value: object, length: int = 20) -> str:
    """A value as a message quotes it: any identity number masked (before the cut, so no half
    a number is left), at most `length` characters, and "…" where it was cut, so that a quoted
    value is never taken for all that was sent."""
    text = mask_typed(str(value).strip())
    return text if len(text) <= length else text[: length - 1] + "…"


def ended(text: str) -> str:
    """`text` ending a sentence: with a full stop, unless it ends in the "…" of a value
    `quoted` cut, which ends it already ("inte 99999999999999999…", not "….")."""
    return text if text.endswith("…") else text + "."


# How many values a notice names before it only counts the rest ("… och 35 till").
NAMED_AT_MOST = 5


def first_few(items: list[str], at_most: int = NAMED_AT_MOST) -> str:
    """ "”a”, ”b” och ”c”": `items` as a notice lists them, the first `at_most` named and the
    rest counted ("”a”, …, ”e” och 35 till"), so that a notice about many values (40 unknown
    förbund in one address) stays one line instead of one sentence per value."""
    if len(items) <= at_most:
        return listed(items)
    return f"{', '.join(items[:at_most])} och {grouped(len(items) - at_most)} till"


def kind_reason(kind: object) -> str:
    """Why a `kind` is refused, as the API says it, quoting the value."""
    return f"{KIND_REASON}, inte ”{quoted(kind)}”"


def sort_reason(sort: object) -> str:
    """Why a `sort` is refused, as the API says it, quoting the value."""
    return f"{SORT_REASON}, inte ”{quoted(sort)}”"


def forbund_reason(count: int) -> str:
    """Why a search naming `count` förbund is refused, as the API says it."""
    return f"högst {MAX_FORBUND} förbund, inte {grouped(count)}"


def split_forbund(values: Iterable[str]) -> list[str]:
    """Each förbund that `values` (a repeated parameter or flag, as given) name, in order and
    each once. A value with commas ("halland,blekinge") names each of its parts, as
    `förbund:halland,blekinge` in a query does: no slug holds a comma, and read whole it was
    the unknown förbund "halland-blekinge", with a notice. Blank values and parts ("halland,,")
    name nothing and go; a value without a comma is kept as given."""
    named: list[str] = []
    for value in values:
        if "," not in value:
            named.append(value)
            continue
        named += [part.strip() for part in value.split(",")]
    return list(dict.fromkeys(name for name in named if name.strip()))


def allowed(low: int, high: int | None) -> str:
    """A range as every message writes it: "1–100", "0–10 000", or "minst 0" without an upper
    end."""
    return f"{grouped(low)}–{grouped(high)}" if high is not None else f"minst {grouped(low)}"


def too_small(shown: object, low: int, high: int | None) -> str:
    """ "0 är för litet (tillåtet: 1–100)": the one phrase for a number below its range."""
    return f"{shown} är för litet (tillåtet: {allowed(low, high)})"


def too_large(shown: object, low: int, high: int) -> str:
    """ "101 är för stort (tillåtet: 1–100)": the one phrase for a number above its range."""
    return f"{shown} är för stort (tillåtet: {allowed(low, high)})"


def not_whole(shown: str, low: int, high: int) -> str:
    """Why a value that is no integer is refused, as the API says it."""
    return f"måste vara ett heltal från {grouped(low)} till {grouped(high)}, inte ”{shown}”."


def range_reason(value: int, low: int, high: int, *, shown: str = "", hint: str = "") -> str | None:
    """Why `value` is outside [low, high] as the API says it, with `hint` (how to get what a
    too large value asked for) after a too large one; None when it is inside. `shown` is the
    value as it was typed, when the message should repeat that."""
    shown = shown or str(value)
    if value < low:
        return ended(too_small(shown, low, high))
    if value > high:
        return f"{ended(too_large(shown, low, high))} {hint}".rstrip()
    return None


def backwards_reason(date_from: date, date_to: date) -> str:
    """Why `from` after `to` is refused, as the API says it (under the name `from`)."""
    return f"{date_from} ligger efter to ({date_to}) — byt plats på datumen."


@dataclass
class SearchParams:
    """Everything a search can be asked for; `validate` refuses a value out of bounds."""

    q: str = ""
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    forbund: list[str] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None
    kind: str | None = None  # one of KINDS, or DECISION
    # Matches in decision text only, besides a document `kind` (a page's "Bara beslut" beside
    # its Typ facet: decisions in protocols); without a kind, the same as kind="decision".
    decisions: bool = False
    # Sections without a date only (the year facet's "odaterat" entry).
    undated: bool = False
    sort: str = DEFAULT_SORT  # one of SORTS
    # Notices from whoever read the parameters, shown with the search's own (a page that
    # turned dates given backwards around says so).
    notes: list[str] = field(default_factory=list)

    @property
    def decisions_only(self) -> bool:
        """Whether matches count in decision text only: `kind=decision` (the contract's way to
        ask) or the `decisions` flag beside a document kind (the pages' "Bara beslut")."""
        return self.kind == DECISION or self.decisions

    @property
    def document_kind(self) -> str | None:
        """The document kind the search is narrowed to (one of KINDS), if any: `kind` unless
        it asks for decisions."""
        return self.kind if self.kind != DECISION else None

    def validate(self) -> SearchParams:
        """Raise the API's ParamError for the first value out of bounds; never change one.
        The API and the command line refuse such values before they get here; a caller that
        does not must not get a clamped page it could take for all it asked for."""
        if len(self.q) > MAX_QUERY_CHARS:
            raise ParamError("q", QUERY_TOO_LONG, code="query_too_long")
        _check_int("limit", self.limit, 1, MAX_LIMIT, LIMIT_HINT)
        _check_int("offset", self.offset, 0, MAX_OFFSET, OFFSET_HINT)
        if len(self.forbund) > MAX_FORBUND:
            raise ParamError("forbund", forbund_reason(len(self.forbund)))
        if self.kind is not None and self.kind not in KIND_VALUES:
            raise ParamError("kind", kind_reason(self.kind))
        if self.sort not in SORTS:
            raise ParamError("sort", sort_reason(self.sort))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ParamError("from", backwards_reason(self.date_from, self.date_to))
        return self


def _check_int(name: str, value: object, low: int, high: int, hint: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ParamError(name, not_whole(quoted(value), low, high))
    if reason := range_reason(value, low, high, hint=hint):
        raise ParamError(name, reason)
