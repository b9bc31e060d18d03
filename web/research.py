"""Compare, coverage and alert feeds (being written)."""
