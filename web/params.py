"""Reading request parameters into a `SearchParams`, with errors that name the parameter."""

from __future__ import annotations

from datetime import date

from flask import current_app, request
from werkzeug.datastructures import MultiDict

from index.errors import FinsokError
from index.privacy import mask_typed
from search.engine import MAX_LIMIT, MAX_OFFSET, SearchParams
from search.query import MAX_QUERY_CHARS

KINDS = ("decision", "protokoll", "protokollsutdrag", "rapport", "annat")
# Every parameter the search pages (/ and /documents) read: what a link back to a search may
# carry, and nothing else.
SEARCH_KEYS = ("q", "forbund", "from", "to", "kind", "decisions", "sort", "page", "limit", "offset")
# Values a search has without them: a link that states them says nothing more.
SEARCH_DEFAULTS = {("sort", "relevance"), ("page", "1")}
# How to get what a too large limit, offset or page asked for.
LIMIT_HINT = "Hämta fler träffar sida för sida med offset eller page."
OFFSET_HINT = "Avgränsa sökningen (forbund, from, to, kind) för att nå träffar längre bak."


def bad(name: str, reason: str) -> FinsokError:
    return FinsokError(f"Parametern {name}: {reason}", status=400, code="bad_param")


def _int(
    args: MultiDict,
    name: str,
    default: int,
    low: int,
    high: int,
    *,
    hint: str = "",
    clamp: bool = False,
) -> int:
    """An integer parameter in [low, high]. Out of range is refused with the range and, for a
    value that is too large, `hint`: how to get what the caller wanted within the range. With
    `clamp` a value above `high` counts as `high` instead."""
    raw = args.get(name, "")
    if raw == "":
        return default
    shown = mask_typed(raw.strip())[:20]  # masked before it is cut: no half a number
    try:
        value = int(raw)
    except ValueError:
        raise bad(name, f"måste vara ett heltal från {low} till {high}, inte ”{shown}”.") from None
    if value < low:
        raise bad(name, f"{shown} är för litet (tillåtet: {low}–{high}).")
    if value > high and not clamp:
        raise bad(name, f"{shown} är för stort (tillåtet: {low}–{high}). {hint}".rstrip())
    return min(value, high)


def _limit(args: MultiDict, page_size: int, max_limit: int, *, clamp: bool) -> int:
    """Hits per page. With `clamp` (the pages) a limit above the cap shows the cap: a person
    who edits the URL to limit=500 wants many hits, not an error page. Without it (the API) it
    is refused, so a program never takes a clamped page for all it asked for."""
    high = min(max_limit, MAX_LIMIT)
    return _int(args, "limit", page_size, 1, high, hint=LIMIT_HINT, clamp=clamp)


def _date(args: MultiDict, name: str) -> date | None:
    raw = args.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise bad(name, f"måste vara ett datum ÅÅÅÅ-MM-DD, inte ”{mask_typed(raw)[:20]}”") from None


def search_params(
    args: MultiDict, *, page_size: int, max_limit: int, lenient: bool = True
) -> SearchParams:
    """Parameters as the contract names them (q, limit, offset, forbund, from, to, kind), plus
    `sort` and, for pages, `page` (1-based) and `decisions` (a checkbox: decisions only).
    `limit`, `offset` and `page` out of range, and `from` after `to`, are refused with 400 —
    unless `lenient` (the pages, where a person edits a form or a URL): then a too large
    `limit` shows the cap (see `_limit`) and dates given backwards are turned around, with a
    notice."""
    q = args.get("q", "")
    notes = []
    if len(q) > MAX_QUERY_CHARS and lenient:  # a URL edited by hand; the form stops at 500
        q = q[:MAX_QUERY_CHARS]
        notes.append(f"Frågan var för lång och kortades till {MAX_QUERY_CHARS} tecken.")
    if len(q) > MAX_QUERY_CHARS:
        raise FinsokError(
            f"Parametern q: frågan är för lång (högst {MAX_QUERY_CHARS} tecken)",
            status=400,
            code="query_too_long",
        )
    limit = _limit(args, page_size, max_limit, clamp=lenient)
    if "page" in args and "offset" not in args:
        last = MAX_OFFSET // limit + 1
        hint = f"Med limit={limit} är sida {last} den sista. {OFFSET_HINT}"
        page = _int(args, "page", 1, 1, last, hint=hint)
        offset = (page - 1) * limit
    else:
        offset = _int(args, "offset", 0, 0, MAX_OFFSET, hint=OFFSET_HINT)
    kind = args.get("kind", "") or None
    if kind is not None and kind not in KINDS:
        raise bad("kind", "måste vara en av " + ", ".join(KINDS))
    # The "Bara beslut" box: on its own it is kind=decision (so the answer's `params` say
    # so); beside a document kind (the Typ facet) both hold: decisions in protocols.
    decisions = args.get("decisions") in ("1", "on", "true")
    if decisions and kind in (None, "decision"):
        kind, decisions = "decision", False
    sort = args.get("sort", "") or "relevance"
    if sort not in ("relevance", "date"):
        raise bad("sort", "måste vara relevance eller date")
    date_from, date_to = _date(args, "from"), _date(args, "to")
    if date_from and date_to and date_from > date_to:
        if not lenient:
            raise bad("from", f"{date_from} ligger efter to ({date_to}) — byt plats på datumen.")
        date_from, date_to = date_to, date_from
        notes.append(f"Datumen var omkastade; sökningen gäller {date_from} till och med {date_to}.")
    # A förbund is named by a slug; a value holding an identity number names none, and is
    # masked here, so that no notice, hidden field, feed or API answer repeats it.
    forbund = [mask_typed(f) for f in args.getlist("forbund") if f.strip()][:20]
    return SearchParams(
        q=q,
        limit=limit,
        offset=offset,
        forbund=forbund,
        date_from=date_from,
        date_to=date_to,
        kind=kind,
        decisions=decisions,
        sort=sort,
        notes=notes,
    )


def request_params(*, lenient: bool = True) -> SearchParams:
    """The current request's search parameters, with the app's page size and limit cap. The
    pages are lenient (see `search_params`); the API passes `lenient=False`, so a program is
    told of a mistake instead of getting an answer to another question."""
    cfg = current_app.config
    return search_params(
        request.args,
        page_size=cfg["FINSOK_PAGE_SIZE"],
        max_limit=cfg["FINSOK_MAX_LIMIT"],
        lenient=lenient,
    )
