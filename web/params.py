"""Reading request parameters into a `SearchParams`, with errors that name the parameter for
a program (the API) and say what is wrong in a reader's words for a page."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from datetime import date
from functools import partial
from urllib.parse import unquote, unquote_to_bytes, urlencode

from flask import current_app, request
from werkzeug.datastructures import MultiDict

from index.errors import grouped, without_controls
from index.privacy import mask_typed
from search.dates import FORMAT, NoSuchDate, parse_date
from search.limits import (
    MAX_FORBUND,
    MAX_LIMIT,
    MAX_OFFSET,
    MAX_QUERY_CHARS,
    cut_notice,
    cut_query,
)
from search.params import (
    DECISION,
    DEFAULT_SORT,
    KIND_VALUES,
    KINDS,
    LIMIT_HINT,
    OFFSET_HINT,
    QUERY_TOO_LONG,
    SORTS,
    ParamError,
    SearchParams,
    backwards_reason,
    ended,
    forbund_reason,
    kind_reason,
    not_whole,
    quoted,
    range_reason,
    sort_reason,
    split_forbund,
)
from web.composed import read_name

# Every parameter the search pages (/ and /documents) read: what a link back to a search may
# carry, and nothing else.
SEARCH_KEYS = (
    "q",
    "forbund",
    "from",
    "to",
    "kind",
    "decisions",
    "undated",
    "sort",
    "page",
    "limit",
    "offset",
)
# Values a search has without them: a link that states them says nothing more.
SEARCH_DEFAULTS = {("sort", DEFAULT_SORT), ("page", "1")}
# Paging: which hits of a search a page shows. A download holds a search's first hits in its
# order, whatever page its link was taken on, so it does not read these (nor refuse them).
PAGING = ("limit", "offset", "page")
# Paging and order, which neither a comparison nor a feed has any use for: they are not read
# there, so a search page's address edited into /compare, or subscribed to as a feed, is no
# error. A comparison counts every hit; a feed is always its search's newest entries,
# FINSOK_FEED_SIZE of them.
PAGING_AND_ORDER = (*PAGING, "sort")
# The search parameters each page (by endpoint) does not read: a link to it leaves them out,
# so that it does not look as if they counted there (a comparison "sorted by date").
UNREAD_BY = {
    "pages.compare_page": PAGING_AND_ORDER,
    "pages.compare_csv": PAGING_AND_ORDER,
    "pages.feed": PAGING_AND_ORDER,
    "pages.hits_csv": PAGING,
}
# How a reader gets what a too large offset or page asked for: with the page's own filters.
READER_HINT = "Avgränsa sökningen (förbund, datum, typ) för att nå träffar längre bak."
# A parameter as a reader knows it: the form's label, or what it does.
READER_NAMES = {
    "limit": "Antalet träffar per sida",
    "offset": "Träffen att börja på",
    "page": "Sidnumret",
    "from": "Från datum",
    "to": "Till datum",
}


class BadParam(ParamError):
    """A bad parameter, said twice: `message` names the parameter as the API's programs know
    it ("Parametern sort: måste vara relevance eller date", as the engine says it too),
    `reader` says the same to a person on a page, in the page's words ("Sorteringen måste
    vara relevans eller datum."). `name` is the parameter, so that an error page can offer
    the search without it."""

    def __init__(self, name: str, reason: str, reader: str) -> None:
        super().__init__(name, reason)
        self.reader = reader


def bad(name: str, reason: str, reader: str | None = None) -> BadParam:
    return BadParam(name, reason, reader or f"Parametern {name}: {reason}")


def read_query(args: MultiDict, *, lenient: bool = True) -> tuple[str, bool]:
    """The `q` a request gives, and whether it was cut: without control characters (a NUL or
    an escape in the URL is nothing a user meant to search, and echoed it would stand raw in
    the page's HTML), and longer than MAX_QUERY_CHARS cut after its last whole word when
    `lenient` (a page, whose URL a person edited by hand: the form stops at 500), else
    refused (the API). Searches and the marking of a document's words read it alike."""
    q = without_controls(args.get("q", ""))
    if len(q) <= MAX_QUERY_CHARS:
        return q, False
    if not lenient:
        raise ParamError("q", QUERY_TOO_LONG, code="query_too_long")
    return cut_query(q), True


# The one parameter a search reads every value of; each other one holds one value.
REPEATABLE = ("forbund",)


def refuse_repeats(args: MultiDict, names: Iterable[str]) -> None:
    """Refuse (for a program, the API) any of `names` given more than once: a search reads one
    value of each, and which one a framework keeps differs (Flask the first, Django the last),
    so `kind=protokoll&kind=rapport` searched protocols alone and said nothing. The pages read
    the first, as a browser's form sends each field once."""
    for name in names:
        count = len(args.getlist(name))
        if count > 1 and name not in REPEATABLE:
            raise bad(
                name,
                f"får anges en gång, inte {count} gånger (bara forbund kan upprepas)",
            )


def refuse_undecodable(query_string: bytes, names: Collection[str] = SEARCH_KEYS) -> None:
    """Refuse (for a program, the API) a parameter among `names` whose percent-encoded bytes
    are no UTF-8: `q=m%E5l`, "mål" encoded as Latin-1 by an older client. Werkzeug keeps such
    bytes as the text "%E5", so the API searched for "m%E5l" and answered 0 hits as if the
    word were missing. Only the raw query string tells the two apart (a typed "%E5" comes as
    %25E5). The pages take the text as it comes."""
    for part in query_string.split(b"&"):
        raw_name, _, raw_value = part.partition(b"=")
        name = read_name(unquote(raw_name.replace(b"+", b" ").decode("latin-1"), errors="replace"))
        if name not in names:
            continue
        try:
            unquote_to_bytes(raw_value.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            raise bad(
                name,
                "värdet är inte procentkodad UTF-8 (å skrivs %C3%A5, inte %E5 som i Latin-1)",
            ) from None


# The parameters that take one of a few values, read in any case (`search_params`).
ENUMERATED = ("kind", "sort", "decisions", "undated")
# The parameters that are on or off, as the "Bara beslut" box.
FLAGS = ("decisions", "undated")


def enumerated(value: str) -> str:
    """An enumerated value as it is read, in any case and without blanks around it: the
    search and its links (`canonical`) must read it alike, or a link changes the search."""
    return value.strip().lower()


def canonical(key: str, value: str) -> str:
    """`value` of parameter `key` as the pages' own links write it: an enumerated value in
    its canonical form (kind=Decision is kind=decision, decisions=ON is decisions=1, an off
    value empty, so the link drops it), anything else as given. A link used to repeat the
    value as typed, so the same search had several addresses."""
    if key not in ENUMERATED:
        return value
    folded = enumerated(value)
    if key in FLAGS:
        return "1" if folded in DECISIONS_ON else "" if folded in DECISIONS_OFF else value
    return folded


def only(pairs: Iterable[tuple[str, str]], names: Collection[str]) -> MultiDict:
    """The parameters among `pairs` (a request's, or those of a search's address) named in
    `names`, as a request's arguments."""
    return MultiDict([(key, value) for key, value in pairs if key in names])


def search_state(path: str, args: Iterable[tuple[str, str]]) -> str:
    """A search page's URL with only the parameters a search takes (`SEARCH_KEYS`), each
    masked, and without empty values or defaults (the form sends `from=&sort=relevance`): the
    same search always gives the same URL (an enumerated value in its `canonical` form).
    Control characters go before the masking (one between a number's digits would hide it,
    percent-encoded, in the link), as every reader of a parameter drops them anyway."""
    canonical_pairs = [(key, canonical(key, value)) for key, value in args if key in SEARCH_KEYS]
    pairs = [
        (key, mask_typed(without_controls(value)))
        for key, value in canonical_pairs
        if value.strip() and (key, value) not in SEARCH_DEFAULTS
    ]
    return path + (f"?{urlencode(pairs)}" if pairs else "")


def _int(
    args: MultiDict,
    name: str,
    default: int,
    low: int,
    high: int,
    *,
    hint: str = "",
    reader_hint: str = READER_HINT,
    clamp: bool = False,
) -> int:
    """An integer parameter in [low, high]. Out of range is refused with the range and, for a
    value that is too large, `hint` (for a reader, `reader_hint`): how to get what the caller
    wanted within the range. With `clamp` a value above `high` counts as `high` instead. A
    blank value counts as unset, as a blank date or kind does: `limit=+` was refused as ””."""
    raw = args.get(name, "")
    if not raw.strip():
        return default
    shown = quoted(raw)
    said = READER_NAMES[name]
    try:
        if not _WHOLE.fullmatch(raw.strip()):
            raise ValueError(raw)
        value = int(raw)  # also ValueError past Python's 4,300 digits
    except ValueError:
        raise bad(
            name,
            not_whole(shown, low, high),
            f"{said} måste vara ett heltal från {low} till {high}, inte ”{shown}”.",
        ) from None
    if clamp:
        value = min(value, high)
    reason = range_reason(value, low, high, shown=shown, hint=hint)
    if reason is not None:
        if value < low:
            reader = f"{said} måste vara minst {low}, inte {ended(shown)}"
        else:
            reader = f"{said} får vara högst {high}, inte {ended(shown)} {reader_hint}".rstrip()
        raise bad(name, reason, reader)
    return value


# A whole number as an address writes one: ASCII digits and at most a minus sign (spaces
# around them are let pass). Python's int() also reads "+5", "1_000" and other scripts'
# digits ("٥"), which no program means to send: refused as any other value that is no whole
# number.
_WHOLE = re.compile(r"-?[0-9]+")


def _limit(args: MultiDict, page_size: int, max_limit: int, *, clamp: bool) -> int:
    """Hits per page. With `clamp` (the pages) a limit above the cap shows the cap: a person
    who edits the URL to limit=500 wants many hits, not an error page. Without it (the API) it
    is refused, so a program never takes a clamped page for all it asked for."""
    high = min(max_limit, MAX_LIMIT)
    return _int(args, "limit", page_size, 1, high, hint=LIMIT_HINT, reader_hint="", clamp=clamp)


def _date(args: MultiDict, name: str) -> date | None:
    """A date parameter, strictly ÅÅÅÅ-MM-DD (see `search.dates`). A date in that form that
    does not exist is told apart from a malformed one, so the message points at the day."""
    raw = args.get(name, "").strip()
    if not raw:
        return None
    shown = quoted(raw)
    said = READER_NAMES[name]
    try:
        return parse_date(raw)
    except NoSuchDate as exc:
        raise bad(name, f"{exc}.", f"{said} {raw} finns inte: {exc.why}.") from None
    except ValueError:
        raise bad(
            name,
            f"måste vara ett datum {FORMAT}, inte ”{shown}”",
            f"{said} ska skrivas {FORMAT}, till exempel 2024-03-01, inte ”{shown}”.",
        ) from None


# The "Bara beslut" box sends "on" (a form) or "1" (a link); "0" or nothing is off.
DECISIONS_ON, DECISIONS_OFF = ("1", "on", "true"), ("0", "off", "false", "")


# What a page says of a bad value of a flag (a page itself reads one as off): where the
# reader sets it, as the page it is shown on has it. The search page's field, named "på sidan
# Sök" where the page has none (the documents page, a document's page and the feed have no
# "Bara beslut" box; a document's page and the feed no År facet), and the compare page's own
# way: it has no År facet, and shows "Bara odaterade sektioner" only when a search's link
# carried it there. Each used to send the reader to a field the search page has. The År
# facet's "odaterat" comes only with a search whose hits include undated ones, so the
# sentence says when it is there: a form page that searched nothing, or a search with no
# undated hit, pointed to an entry the page did not have.
_UNDATED_ON_COMPARE = (
    "Odaterade sektioner jämförs från sidan Sök: sök där, välj ”odaterat” under År och "
    "sedan ”Jämför förbund och år”."
)
_FLAG_READER = {
    "decisions": "Bara beslut väljs med rutan i formuläret{where}.",
    "undated": (
        "Odaterade träffar väljs med ”odaterat” under År{where}, som visas när en sökning "
        "har träffar utan datum."
    ),
}
# The pages that have no such field of their own: their notice sends the reader to the
# search page's.
_FIELD_ON_SEARCH_PAGE = {
    "decisions": ("pages.documents_page", "pages.document_page", "pages.feed"),
    "undated": ("pages.document_page", "pages.feed"),
}
_OWN_READER = {
    ("undated", "pages.compare_page"): _UNDATED_ON_COMPARE,
    ("undated", "pages.compare_csv"): _UNDATED_ON_COMPARE,
}


def flag_reader(name: str, where: str = "") -> str:
    """How a reader sets flag `name` (`FLAGS`), said for the page `where` (an endpoint)."""
    if (own := _OWN_READER.get((name, where))) is not None:
        return own
    elsewhere = where in _FIELD_ON_SEARCH_PAGE[name]
    return _FLAG_READER[name].format(where=" på sidan Sök" if elsewhere else "")


# What a page did without a flag's value it could not read, by endpoint ("" for any other:
# the search pages, the comparison and the downloads, which searched without it). A
# document's page runs no search, it marks the query's words, and said "sökningen gjordes
# utan den" all the same; a feed follows its search.
_DONE_WITHOUT = {
    "": "sökningen gjordes utan den",
    "pages.document_page": "orden markeras utan den",
    "pages.feed": "flödet bevakar sökningen utan den",
}
# The same on a form page that searched nothing (`/?undated=ja` alone): the form it shows
# does not carry the value either.
UNSEARCHED_WITHOUT = "en sökning härifrån görs utan den"
# What a page's notices call what its filters limit, by endpoint ("" for any other): "the
# search", or on a document's page the marking of the query's words.
_LIMITED = {"": "sökningen", "pages.document_page": "markeringen"}


def flag_note(name: str, reason: str, where: str = "", *, searched: bool = True) -> str:
    """A page's notice for flag `name` given a value it could not read (`reason`): what the
    page `where` did without it (`_DONE_WITHOUT`, or `UNSEARCHED_WITHOUT` when it searched
    nothing) and how a reader sets the flag there (`flag_reader`)."""
    done = _DONE_WITHOUT.get(where, _DONE_WITHOUT[""]) if searched else UNSEARCHED_WITHOUT
    return f"Parametern {name}: {reason}; {done}. {flag_reader(name, where)}"


def _limited(where: str) -> str:
    """What the filters of the page `where` limit, as a notice says it (`_LIMITED`)."""
    return _LIMITED.get(where, _LIMITED[""])


def _flag(
    name: str,
    raw: str,
    *,
    lenient: bool,
    notes: list[str],
    where: str = "",
    searched: bool = True,
) -> bool:
    """An on/off parameter (`FLAGS`: decisions only, undated only). A program that sends
    another value ("ja") is told, as for every other parameter, rather than silently searched
    without it; a page takes it as off and says so in `notes` (it used to say nothing, and a
    hand-written `decisions=ja` searched every section), in the words of the page `where`
    (`flag_note`)."""
    if raw in DECISIONS_ON or raw in DECISIONS_OFF:
        return raw in DECISIONS_ON
    reason = f"måste vara 1 eller 0, inte ”{quoted(raw)}”"
    if not lenient:
        raise bad(name, reason, flag_reader(name, where))
    notes.append(flag_note(name, reason, where, searched=searched))
    return False


def _forbund(values: list[str], *, lenient: bool, notes: list[str], where: str = "") -> list[str]:
    """The förbund a search names, each once. A förbund is named by a slug; a value holding
    an identity number names none, and is masked here, so that no notice, hidden field, feed
    or API answer repeats it. A comma-separated value names several (`split_forbund`), after
    the masking, which must see the value whole. More than MAX_FORBUND (every förbund ticked
    in a registry that grew) is refused by the API; a page searches the first ones and says
    so, where it used to drop all past 20 without a word."""
    # Controls go first: one between a number's digits would hide it from the masking.
    named = split_forbund(mask_typed(without_controls(f)) for f in values)
    if len(named) <= MAX_FORBUND:
        return named
    if not lenient:
        raise bad("forbund", forbund_reason(len(named)))
    limited = _limited(where).capitalize()
    notes.append(
        f"{limited} gäller de {MAX_FORBUND} första av de {grouped(len(named))} förbund som valdes."
    )
    return named[:MAX_FORBUND]


def search_params(
    args: MultiDict,
    *,
    page_size: int,
    max_limit: int,
    lenient: bool = True,
    where: str = "",
    searched: bool = True,
) -> SearchParams:
    """Parameters as the contract names them (q, limit, offset, forbund, from, to, kind), plus
    `sort` and, for pages, `page` (1-based) and `decisions` (a checkbox: decisions only).
    `limit`, `offset` and `page` out of range, and `from` after `to`, are refused with 400 —
    unless `lenient` (the pages, where a person edits a form or a URL): then a too large
    `limit` shows the cap (see `_limit`) and dates given backwards are turned around, with a
    notice. `where` is the endpoint of the page that shows the notices, whose fields they
    name (`flag_reader`); `searched` is False for a page that shows them without having
    searched (a form page asked nothing but a bad flag), so that they do not say it did."""
    if not lenient:
        refuse_repeats(args, SEARCH_KEYS)
    q, cut = read_query(args, lenient=lenient)
    notes = []
    if cut:
        notes.append(cut_notice(q))
    limit = _limit(args, page_size, max_limit, clamp=lenient)
    if "page" in args and "offset" not in args:
        last = MAX_OFFSET // limit + 1
        hint = f"Med limit={limit} är sida {last} den sista. {OFFSET_HINT}"
        reader_hint = f"Med {limit} träffar per sida är sida {last} den sista. {READER_HINT}"
        page = _int(args, "page", 1, 1, last, hint=hint, reader_hint=reader_hint)
        offset = (page - 1) * limit
    else:
        offset = _int(args, "offset", 0, 0, MAX_OFFSET, hint=OFFSET_HINT)
        if lenient:
            # A page shows whole pages: offset=5 of 31 hits showed hits 6-15 as "Sida 1 av
            # 4", with no way back to hits 1-5 and a next page that began at hit 11 again.
            offset -= offset % limit
    # An enumerated value (kind, sort, decisions) is read in any case, as `typ:Protokoll` in
    # a query is: kind=Protokoll was a 400 although the query's filter took it.
    typed_kind = args.get("kind", "")
    kind = enumerated(typed_kind) or None
    if kind is not None and kind not in KIND_VALUES:
        raise bad(
            "kind",
            kind_reason(typed_kind),
            f"Typen ”{quoted(typed_kind)}” finns inte: välj {', '.join(KINDS)} eller bara beslut.",
        )
    # The "Bara beslut" box: on its own it is kind=decision (so the answer's `params` say
    # so); beside a document kind (the Typ facet) both hold: decisions in protocols.
    flag = partial(_flag, lenient=lenient, notes=notes, where=where, searched=searched)
    decisions = flag("decisions", enumerated(args.get("decisions", "")))
    undated = flag("undated", enumerated(args.get("undated", "")))
    if decisions and kind in (None, DECISION):
        kind, decisions = DECISION, False
    sort = enumerated(args.get("sort", "")) or DEFAULT_SORT
    if sort not in SORTS:
        raise bad("sort", sort_reason(args["sort"]), "Sorteringen måste vara relevans eller datum.")
    date_from, date_to = _date(args, "from"), _date(args, "to")
    if date_from and date_to and date_from > date_to:
        if not lenient:
            raise bad(
                "from",
                backwards_reason(date_from, date_to),
                f"Från datum {date_from} ligger efter till datum {date_to}: byt plats på dem.",
            )
        date_from, date_to = date_to, date_from
        notes.append(
            f"Datumen var omkastade; {_limited(where)} gäller {date_from} till och med {date_to}."
        )
    forbund = _forbund(args.getlist("forbund"), lenient=lenient, notes=notes, where=where)
    return SearchParams(
        q=q,
        limit=limit,
        offset=offset,
        forbund=forbund,
        date_from=date_from,
        date_to=date_to,
        kind=kind,
        decisions=decisions,
        undated=undated,
        sort=sort,
        notes=notes,
    )


def form_params(
    args: MultiDict, *, page_size: int, max_limit: int, where: str = "", searched: bool = True
) -> tuple[SearchParams, list[BadParam]]:
    """A page's parameters read as `search_params` reads them for the page `where` (its
    endpoint; `searched` as there), and every bad one: each bad parameter is left out and the
    rest read again, so that the page can show its form again with every value that holds
    and mark every one that does not (a reader corrects all at once, not one per try). Empty
    when nothing is wrong."""
    args = args.copy()
    errors: list[BadParam] = []
    while True:
        try:
            params = search_params(
                args, page_size=page_size, max_limit=max_limit, where=where, searched=searched
            )
        except BadParam as exc:
            if exc.name not in args:  # nothing left to leave out: no loop without end
                raise
            errors.append(exc)
            args.poplist(exc.name)
        else:
            return params, errors


def request_form_params(
    ignore: Collection[str] | None = None, *, searched: bool = True
) -> tuple[SearchParams, list[BadParam]]:
    """The current request's `form_params`, with the app's page size and limit cap; those
    named in `ignore` are not read, as `request_params` has it. `searched=False` reads them
    for the notices of a page that searched nothing (`search_params`)."""
    cfg = current_app.config
    return form_params(
        _without(request.args, _unread(ignore)),
        page_size=cfg["FINSOK_PAGE_SIZE"],
        max_limit=cfg["FINSOK_MAX_LIMIT"],
        where=request.endpoint or "",
        searched=searched,
    )


def request_params(*, lenient: bool = True, ignore: Collection[str] | None = None) -> SearchParams:
    """The current request's search parameters, with the app's page size and limit cap. The
    pages are lenient (see `search_params`); the API passes `lenient=False`, so a program is
    told of a mistake instead of getting an answer to another question. Parameters named in
    `ignore` are not read at all, so a value that would be refused is no error where it has
    no effect (the feed's paging and order); without `ignore`, those the page does not read
    (`UNREAD_BY`)."""
    cfg = current_app.config
    return search_params(
        _without(request.args, _unread(ignore)),
        page_size=cfg["FINSOK_PAGE_SIZE"],
        max_limit=cfg["FINSOK_MAX_LIMIT"],
        lenient=lenient,
        where=request.endpoint or "",
    )


def _unread(ignore: Collection[str] | None) -> Collection[str]:
    """`ignore`, or when None the parameters the requested page does not read (`UNREAD_BY`),
    the same ones its links leave out (`web.pages.search_url`, `web.errors.way_on`)."""
    return UNREAD_BY.get(request.endpoint or "", ()) if ignore is None else ignore


def _without(args: MultiDict, ignore: Collection[str]) -> MultiDict:
    """`args` less the parameters named in `ignore` (a copy only when there are some)."""
    if not ignore:
        return args
    args = args.copy()
    for name in ignore:
        args.poplist(name)
    return args
