"""How much one search may ask for: the ranges the API, the pages and the command line share.

Kept apart from `search.engine` (which loads tantivy) so that the command line can check its
flags against the same numbers while it parses them, before anything is opened."""

from __future__ import annotations

MAX_LIMIT = 100  # hits per page
MAX_OFFSET = 10_000  # hits skipped; beyond it, filters reach what paging would
DEFAULT_LIMIT = 10
MAX_FORBUND = 100  # förbund one search may name: more than data/forbund.toml holds
MAX_EXPORT_ROWS = 1_000  # hits in one download of a hit list (web.export)
MAX_QUERY_CHARS = 500  # a query's length; the parser cuts a longer one, the API refuses it
