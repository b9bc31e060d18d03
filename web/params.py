"""Reading request parameters into a `SearchParams`, with errors that name the parameter."""

from __future__ import annotations

from datetime import date

from flask import current_app, request
from werkzeug.datastructures import MultiDict

from index.errors import FinsokError
from search.engine import MAX_OFFSET, SearchParams
from search.query import MAX_QUERY_CHARS

KINDS = ("decision", "protokoll", "protokollsutdrag", "rapport", "annat")


def bad(name: str, reason: str) -> FinsokError:
    return FinsokError(f"Parametern {name}: {reason}", status=400, code="bad_param")


def _int(args: MultiDict, name: str, default: int, low: int, high: int | None = None) -> int:
    raw = args.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise bad(name, f"måste vara ett heltal, inte {raw[:20]!r}") from None
    if value < low or (high is not None and value > high):
        limit = f"från {low}" + (f" till {high}" if high is not None else "")
        raise bad(name, f"måste vara ett heltal {limit}")
    return value


def _date(args: MultiDict, name: str) -> date | None:
    raw = args.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise bad(name, f"måste vara ett datum ÅÅÅÅ-MM-DD, inte {raw[:20]!r}") from None


def search_params(args: MultiDict, *, page_size: int, max_limit: int) -> SearchParams:
    """Parameters as the contract names them (q, limit, offset, forbund, from, to, kind), plus
    `sort` and, for pages, `page` (1-based) and `decisions` (a checkbox for kind=decision)."""
    q = args.get("q", "")
    if len(q) > MAX_QUERY_CHARS:
        raise FinsokError(
            f"Parametern q: frågan är för lång (högst {MAX_QUERY_CHARS} tecken)",
            status=400,
            code="query_too_long",
        )
    limit = min(_int(args, "limit", page_size, 1), max_limit)
    if "page" in args and "offset" not in args:
        page = _int(args, "page", 1, 1, MAX_OFFSET // limit + 1)
        offset = (page - 1) * limit
    else:
        offset = _int(args, "offset", 0, 0, MAX_OFFSET)
    kind = args.get("kind", "") or None
    if args.get("decisions") in ("1", "on", "true"):
        kind = "decision"
    if kind is not None and kind not in KINDS:
        raise bad("kind", "måste vara en av " + ", ".join(KINDS))
    sort = args.get("sort", "") or "relevance"
    if sort not in ("relevance", "date"):
        raise bad("sort", "måste vara relevance eller date")
    date_from, date_to = _date(args, "from"), _date(args, "to")
    if date_from and date_to and date_from > date_to:
        raise bad("from", "ligger efter to")
    forbund = [f for f in args.getlist("forbund") if f.strip()][:20]
    return SearchParams(
        q=q,
        limit=limit,
        offset=offset,
        forbund=forbund,
        date_from=date_from,
        date_to=date_to,
        kind=kind,
        sort=sort,
    )


def request_params() -> SearchParams:
    """The current request's search parameters, with the app's page size and limit cap."""
    cfg = current_app.config
    return search_params(
        request.args, page_size=cfg["FINSOK_PAGE_SIZE"], max_limit=cfg["FINSOK_MAX_LIMIT"]
    )
