"""The search engine for this process: opened on first use, shared by all request threads.

tantivy's `Index` is safe to share; each search takes its own searcher. If the index is missing,
every request that needs it gets a clear 503 until it exists (the next request tries again).
"""

from __future__ import annotations

import threading

from flask import current_app

from search.engine import Engine

_lock = threading.Lock()


def get_engine() -> Engine:
    extensions = current_app.extensions
    engine = extensions.get("finsok_engine")
    if engine is None:
        with _lock:
            engine = extensions.get("finsok_engine")
            if engine is None:
                engine = Engine.open(current_app.config["FINSOK_INDEX"])
                extensions["finsok_engine"] = engine
    return engine
