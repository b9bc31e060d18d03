"""How much one search may ask for: the ranges the API, the pages and the command line share.

Kept apart from `search.engine` (which loads tantivy) so that the command line can check its
flags against the same numbers while it parses them, before anything is opened."""

from __future__ import annotations

import re

MAX_LIMIT = 100  # hits per page
MAX_OFFSET = 10_000  # hits skipped; beyond it, filters reach what paging would
DEFAULT_LIMIT = 10
MAX_FORBUND = 100  # förbund one search may name: more than data/forbund.toml holds
MAX_EXPORT_ROWS = 1_000  # hits in one download of a hit list (web.export)
MAX_QUERY_CHARS = 500  # a query's length; the parser cuts a longer one, the API refuses it


_LAST_WORD = re.compile(r"\s+\S*$")


def cut_query(text: str) -> str:
    """`text` cut to at most MAX_QUERY_CHARS characters, after its last whole word. Cut in
    the middle of a word, the piece left ("bud" of "budget") was searched as a word that
    every hit must have, and a long query pasted into an address found nothing. A first word
    longer than the limit is cut where the limit falls: there is no whole word to keep."""
    if len(text) <= MAX_QUERY_CHARS:
        return text
    head = text[:MAX_QUERY_CHARS]
    # What ends a word to the query's reader: a space, a quote or a parenthesis. Cut before
    # a closing one ('"extern genomlysning"'), the whole word before it was dropped as well.
    if text[MAX_QUERY_CHARS].isspace() or text[MAX_QUERY_CHARS] in '()"':
        return head.rstrip()
    m = _LAST_WORD.search(head)
    kept = head[: m.start()].rstrip() if m else ""
    return kept or head


def cut_notice(kept: str) -> str:
    """What a user is told of a query `cut_query` cut to `kept`: how many characters were
    kept, since the cut after the last whole word keeps fewer than the limit, and the notice
    said "kortades till 500 tecken" of a query cut to 494. The pages and the parser (the
    command line) say it alike."""
    return (
        f"Frågan var för lång (högst {MAX_QUERY_CHARS} tecken) och kortades till sina första "
        f"{len(kept)} tecken."
    )
