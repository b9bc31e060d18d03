"""Running the app in production: gunicorn, one worker process per core, threads in each.

Searching releases the GIL inside tantivy, but compiling queries, building snippets and
rendering JSON are Python; several processes let both cores do that work at once. Each worker
builds its own app and opens the index read-only on its first request.
"""

from __future__ import annotations

import os

from gunicorn.app.base import BaseApplication

# The longest request line (method, target, version) gunicorn reads, in bytes: its largest
# non-zero value (0 means no limit at all, which lets one client make a worker buffer without
# end). Its default, 4094, turned away requests the API accepts: a q of 500 characters is
# 6000 bytes when each is an emoji (4 UTF-8 bytes, each percent-encoded as 3). With 8190 such
# a q, every other parameter at its longest and some 20 förbund still fit
# (tests/test_web.py); a longer line gets gunicorn's 414, declared in the OpenAPI document.
LIMIT_REQUEST_LINE = 8190


class _Gunicorn(BaseApplication):
    def __init__(self, app_config: dict, options: dict) -> None:
        self.app_config = app_config
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from web import create_app

        return create_app(self.app_config)


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def serve(app_config: dict, *, host: str, port: int, workers: int, threads: int) -> None:
    """Serve until interrupted (Ctrl+C or SIGTERM stop the workers gracefully)."""
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": 60,
        "graceful_timeout": 5,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "finsok",
        "limit_request_line": LIMIT_REQUEST_LINE,
    }
    _Gunicorn(app_config, options).run()
