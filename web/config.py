"""Configuration as data: defaults here, overridden by environment variables, then by the
`config` mapping given to `create_app` (tests use that).

`load` checks every numeric setting, so a bad one stops the app when it is created, with one
line naming the setting, its value and the range (`finsok serve` prints it before starting),
instead of surfacing later as a 400 about a parameter nobody sent, or a 500."""

from __future__ import annotations

import os
from collections.abc import Mapping

from index import settings
from search import links
from search.limits import MAX_LIMIT

DEFAULTS: dict[str, object] = {
    "FINSOK_INDEX": None,  # None: $FINSOK_INDEX, else data/index
    "FINSOK_PAGE_SIZE": 10,
    "FINSOK_MAX_LIMIT": MAX_LIMIT,
    "FINSOK_FEED_SIZE": 30,
    "FINSOK_SITE_NAME": "Finsök",
    "FINSOK_BASE_URL": None,  # the site's public address, for the feed's links; None: the request's
}

# Environment variables that override a default (numbers are read and checked in `load`).
_ENV = (
    "FINSOK_INDEX",
    "FINSOK_PAGE_SIZE",
    "FINSOK_FEED_SIZE",
    "FINSOK_SITE_NAME",
    "FINSOK_BASE_URL",
)

# Numeric settings, in the order they are checked, and what each counts. Each lies in
# 1..MAX_LIMIT: the engine never returns more hits than that in one go.
_COUNTS = {
    "FINSOK_MAX_LIMIT": "största limit som API:t tar",
    "FINSOK_PAGE_SIZE": "träffar per sida när limit inte anges",
    "FINSOK_FEED_SIZE": "poster i ett Atom-flöde",
}


def load(overrides: Mapping[str, object] | None = None) -> dict[str, object]:
    """The configuration, checked (see the module docstring); raises FinsokError."""
    config = dict(DEFAULTS)
    for name in _ENV:
        if os.environ.get(name, "").strip():
            config[name] = os.environ[name]
    config.update(overrides or {})
    for name, what in _COUNTS.items():
        high = _highest(name, config)
        if high < MAX_LIMIT:
            what += ", högst FINSOK_MAX_LIMIT"
        what += f"; standard {DEFAULTS[name]}"
        config[name] = settings.whole_number(name, config[name], 1, high, what)
    config["FINSOK_BASE_URL"] = links.base_url(config["FINSOK_BASE_URL"])
    config["FINSOK_INDEX"] = str(settings.index_dir(config["FINSOK_INDEX"]))
    return config


def _highest(name: str, config: Mapping[str, object]) -> int:
    """The page size may not exceed the API's limit cap: a request without `limit` would get
    more hits than one that asks for the most it may."""
    if name == "FINSOK_PAGE_SIZE":
        return min(MAX_LIMIT, int(config["FINSOK_MAX_LIMIT"]))  # checked first
    return MAX_LIMIT
