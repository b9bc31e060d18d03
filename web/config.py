"""Configuration as data: defaults here, overridden by environment variables, then by the
`config` mapping given to `create_app` (tests use that)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from index import settings

DEFAULTS: dict[str, object] = {
    "FINSOK_INDEX": None,  # None: $FINSOK_INDEX, else data/index
    "FINSOK_PAGE_SIZE": 10,
    "FINSOK_MAX_LIMIT": 100,
    "FINSOK_FEED_SIZE": 30,
    "FINSOK_SITE_NAME": "Finsök",
}

# Environment variables that override a default, and how to read them.
_ENV: dict[str, type] = {
    "FINSOK_INDEX": str,
    "FINSOK_PAGE_SIZE": int,
    "FINSOK_FEED_SIZE": int,
    "FINSOK_SITE_NAME": str,
}


def load(overrides: Mapping[str, object] | None = None) -> dict[str, object]:
    config = dict(DEFAULTS)
    for name, kind in _ENV.items():
        if os.environ.get(name):
            config[name] = kind(os.environ[name])
    config.update(overrides or {})
    config["FINSOK_INDEX"] = str(settings.index_dir(config["FINSOK_INDEX"]))
    return config
