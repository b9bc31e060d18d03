"""Where Finsök keeps its data, as one place to look it up.

Paths resolve as: explicit argument (a CLI flag), then environment variable, then a default
under the project's `data/` folder. The project is installed in editable mode (`make`), so the
`data/` folder beside the packages is the one a fresh clone ships.
"""

from __future__ import annotations

import os
from pathlib import Path

from index.errors import FinsokError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The folder with registries and word lists (`FINSOK_DATA` overrides it)."""
    return Path(os.environ.get("FINSOK_DATA") or PROJECT_ROOT / "data")


def index_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The index directory: flag, then `FINSOK_INDEX`, then `data/index`."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("FINSOK_INDEX")
    return Path(env) if env else PROJECT_ROOT / "data" / "index"


def positive_int(name: str, default: int) -> int:
    """A whole-number setting from the environment (unset or empty: `default`); anything else
    stops the run with one line naming the variable, before any work is done."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise FinsokError(
            f"{name}={raw!r} är inte ett positivt heltal — ange t.ex. {name}={default}"
        )
    return value
