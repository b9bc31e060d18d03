"""Where Finsök keeps its data, as one place to look it up.

Paths resolve as: explicit argument (a CLI flag), then environment variable, then a default
under the project's `data/` folder. The project is installed in editable mode (`make`), so the
`data/` folder beside the packages is the one a fresh clone ships.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

from index.errors import FinsokError, os_reason

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The folder with the editable registries: the förbund (`forbund.toml`), the
    abbreviations (`abbreviations.toml`) and the crawler's sources (`sources.toml`).
    `FINSOK_DATA` moves them all, for a deployment that keeps its own. The Swedish word lists
    (`data/lexicon/`) stay with the code: they are part of the analysis rules, and an index
    made with other lists would be analysed again (see `index.analysis`)."""
    return Path(os.environ.get("FINSOK_DATA") or PROJECT_ROOT / "data")


def read_data_text(path: Path, what: str, it: str = "den", missing: str | None = None) -> str:
    """The text of a file people edit (a registry, a word list), or a FinsokError in Swedish
    that names the file, says what it is (`what`: "förbundsregistret"; `it`: "det" or "den")
    and how to fix it. A missing file raises `missing` when given, else the OS's reason."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        if missing is not None and isinstance(exc, FileNotFoundError):
            raise FinsokError(missing) from None
        raise FinsokError(f"{path}: kan inte läsa {what} ({os_reason(exc)})") from None
    except UnicodeDecodeError:
        raise FinsokError(f"{path}: {what} är inte UTF-8-text — spara {it} som UTF-8") from None


def missing_data_file(path: Path) -> str:
    """Why a registry file is missing and how to fix it, for `FinsokError`."""
    if os.environ.get("FINSOK_DATA"):
        return (
            f"{path}: filen saknas — FINSOK_DATA pekar på {data_dir()}; lägg {path.name} där "
            "(kopiera den från projektets data-mapp) eller ta bort FINSOK_DATA"
        )
    return f"{path}: filen saknas — hämta {path.name} från projektets data-mapp igen"


def index_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The index directory: flag, then `FINSOK_INDEX`, then `data/index`."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("FINSOK_INDEX")
    return Path(env) if env else PROJECT_ROOT / "data" / "index"


def whole_number(name: str, value: object, low: int, high: int | None, what: str) -> int:
    """Setting `name` (an environment variable or a configuration key) as an integer in
    [low, high] (no upper end when `high` is None). A value out of range or not a number
    would otherwise surface far from its cause (FINSOK_PAGE_SIZE=0 made every API call a 400
    about a `limit` nobody sent), so it is refused here with a FinsokError that names the
    setting, its value and the range, for whoever starts the program to fix."""
    allowed = f"från {low} till {high}" if high is not None else f"från {low} och uppåt"
    problem = FinsokError(
        f"{name}={str(value)[:40]} går inte att använda: ange ett heltal {allowed} ({what})",
        status=500,
        code="bad_config",
    )
    if isinstance(value, bool):
        raise problem
    try:
        number = value if isinstance(value, int) else int(str(value).strip())
    except ValueError:
        raise problem from None
    if number < low or (high is not None and number > high):
        raise problem
    return number


def env_whole_number(name: str, default: int, low: int, high: int | None, what: str) -> int:
    """Environment variable `name` read with `whole_number`; `default` when unset or empty."""
    raw = os.environ.get(name, "")
    return whole_number(name, raw, low, high, what) if raw.strip() else default


# The limits of a parser process (`index.workers`), per file and per process. The largest
# real report parses in well under a second and a few tens of MB; 40 MB of text took 4 s and
# some 300 MB, a PDF of 1,500 pages 7 s. A file that needs a minute of CPU is broken or
# hostile (a loop in a PDF library, input a step takes the square of), and would otherwise
# hold up the whole run.
PARSE_CPU_SECONDS = 60
PARSE_MEMORY_MB = 4096
# A parser starts in some 60 MB of address space: a lower limit would fail every file.
PARSE_MEMORY_MB_LEAST = 256


def parser_limits() -> dict[str, int]:
    """A parser process's limits from `FINSOK_PARSE_CPU_SECONDS` (CPU seconds per file) and
    `FINSOK_PARSE_MEMORY_MB` (megabytes of address space per process), as `index.ingest`
    takes them; a bad value is a FinsokError naming the variable (`whole_number`)."""
    return {
        "parse_cpu_seconds": env_whole_number(
            "FINSOK_PARSE_CPU_SECONDS",
            PARSE_CPU_SECONDS,
            1,
            None,
            f"CPU-sekunder per fil vid tolkning; standard {PARSE_CPU_SECONDS}",
        ),
        "parse_memory_mb": env_whole_number(
            "FINSOK_PARSE_MEMORY_MB",
            PARSE_MEMORY_MB,
            PARSE_MEMORY_MB_LEAST,
            None,
            f"MB minne per tolkningsprocess; standard {PARSE_MEMORY_MB}",
        ),
    }


def toml_where(exc: tomllib.TOMLDecodeError, text: str) -> str:
    """Where in `text` tomllib found an error, as a message begins it ("rad 12: "), or '' when
    it names no place. tomllib's reason is English; the line is what the user needs, and an
    error "at end of document" (a bracket never closed) is on the last line."""
    found = re.search(r"at line (\d+)", str(exc))
    if found:
        return f"rad {found.group(1)}: "
    if "end of document" in str(exc):
        return f"rad {len(text.splitlines()) or 1}: "
    return ""
