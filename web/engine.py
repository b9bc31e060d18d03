"""The search engine for this process: opened on first use, shared by all request threads.

tantivy's `Index` is safe to share; each search takes its own searcher. If the index is missing,
every request that needs it gets a clear 503 until it exists (the next request tries again).
"""

from __future__ import annotations

import threading

from flask import current_app

from index.errors import FinsokError
from search.engine import Engine

_lock = threading.Lock()

# What a visitor is told when the index cannot be opened, by the store's error code. The
# store's own messages name the index directory, which is the server's business: the full
# message goes to the server's log, and pages and the API get one of these instead.
PUBLIC_INDEX_MESSAGES = {
    "no_index": "Index saknas på servern — kör `finsok index data/sample` (eller ange --index) "
    "och försök igen.",
    "schema_mismatch": "Indexet på servern är byggt av en annan version av Finsök — kör "
    "`finsok index --rebuild` med samma källor för att bygga om det.",
    "bad_index": "Indexet på servern kan inte öppnas — kör `finsok index --rebuild` med samma "
    "källor för att bygga om det.",
}
# Any other reason (an index path that is a file, say): the log says which.
OTHER_INDEX_PROBLEM = "Indexet på servern kan inte öppnas; orsaken står i serverns logg."


def get_engine() -> Engine:
    extensions = current_app.extensions
    engine = extensions.get("finsok_engine")
    if engine is None:
        with _lock:
            engine = extensions.get("finsok_engine")
            if engine is None:
                engine = _open(current_app.config["FINSOK_INDEX"])
                extensions["finsok_engine"] = engine
    return engine


def _open(index_dir: str) -> Engine:
    """Open the index, or raise a FinsokError that names no server path (see
    `PUBLIC_INDEX_MESSAGES`); a problem with the index is the server's, hence a 503."""
    try:
        return Engine.open(index_dir)
    except FinsokError as exc:
        cause = f" ({exc.__cause__})" if exc.__cause__ else ""  # a library's reason, for the log
        _log_once(exc.message + cause)
        message = PUBLIC_INDEX_MESSAGES.get(exc.code, OTHER_INDEX_PROBLEM)
        code = exc.code if exc.code in PUBLIC_INDEX_MESSAGES else "bad_index"
        raise FinsokError(message, status=503, code=code) from None


def _log_once(message: str) -> None:
    """Log why the index cannot be opened, once per message: every request tries again, and a
    missing index would otherwise fill the log with one line per request."""
    logged = current_app.extensions.setdefault("finsok_index_errors", set())
    if message not in logged:
        logged.add(message)
        current_app.logger.error("index cannot be opened: %s", message)
