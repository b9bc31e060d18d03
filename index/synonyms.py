"""Abbreviations and their long forms, so "ESF" finds "Europeiska socialfonden" and back.

The pairs live in the editable `data/abbreviations.toml`. Matching compares folded stems from
`index.analysis`, so it ignores case, inflection and diacritics: "Försäkringskassans" maps to FK
and "esf" to "Europeiska socialfonden".
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

from index import settings
from index.analysis import fold, stem, words
from index.errors import FinsokError

_Key = tuple[str, ...]


def _key(phrase_words: Sequence[str]) -> _Key:
    """What a word sequence is compared by: folded stems (stopwords included, as themselves)."""
    return tuple(fold(stem(w)) for w in phrase_words)


def _overlap(a: _Key, b: _Key) -> bool:
    """Whether one key is a run of the other's words (a key overlaps itself)."""
    short, long = sorted((a, b), key=len)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


class Abbreviations:
    """A two-way table between abbreviations and long forms.

    Built from ``{abbreviation: [long form, ...]}``; `expand()` finds where a query's words
    contain either side and returns the other side as alternatives: an abbreviation gives
    each of its long forms, a long form the abbreviation (and the other long forms that do
    not overlap it).
    """

    def __init__(self, entries: Mapping[str, Sequence[str]]) -> None:
        self.entries: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in entries.items()}
        # first key element -> [(full key, alternative words)], longest keys first
        self._index: dict[str, list[tuple[_Key, list[str]]]] = {}
        # key -> the words as the table writes them ("Försäkringskassan" for "forsakringskassan")
        self._written: dict[_Key, list[str]] = {}
        for short, longs in self.entries.items():
            short_words = [w.text for w in words(short)]
            self._written.setdefault(_key(short_words), short_words)
            long_words = [[w.text for w in words(long)] for long in longs]
            for own in long_words:
                self._written.setdefault(_key(own), own)
                self._add(_key(short_words), own)
                self._add(_key(own), short_words)
                # A long form also finds the abbreviation's other long forms, unless one
                # holds the other ("Europeiska socialfonden", "socialfonden"): then the words
                # typed already find the shorter one, or narrow it on purpose.
                for other in long_words:
                    if not _overlap(_key(own), _key(other)):
                        self._add(_key(own), other)
        for candidates in self._index.values():
            candidates.sort(key=lambda item: -len(item[0]))

    def _add(self, key: _Key, alternative: list[str]) -> None:
        if not key:
            return
        bucket = self._index.setdefault(key[0], [])
        if not any(k == key and alt == alternative for k, alt in bucket):
            bucket.append((key, alternative))

    def __len__(self) -> int:
        return len(self.entries)

    def written(self, query_words: list[str]) -> list[str] | None:
        """How the table writes the abbreviation or long form `query_words` match, or None:
        "forsakringskassan" is "Försäkringskassan". A search for a name typed without å, ä
        and ö uses it to find the name as written at full weight, not only its abbreviation."""
        return self._written.get(_key(query_words))

    def expand(self, query_words: list[str]) -> list[tuple[int, int, list[str]]]:
        """Spans of `query_words` that are an abbreviation or a long form, with the other side.

        Returns ``(start, end, alternative_words)`` with `query_words[start:end]` the matched
        words, ordered by start and then longest match first. Overlapping matches are all
        reported; the caller decides how to combine them.
        """
        keys = _key(query_words)
        found: list[tuple[int, int, list[str]]] = []
        for i, k in enumerate(keys):
            for key, alternative in self._index.get(k, ()):
                end = i + len(key)
                if keys[i:end] == key:
                    found.append((i, end, list(alternative)))
        return found


def load_abbreviations(path: str | Path | None = None) -> Abbreviations:
    """Read the abbreviation table (default `abbreviations.toml` in `settings.data_dir()`).

    The file is made to be edited, so a missing or malformed one raises FinsokError in
    Swedish with the file, where known the line, and how to put it right (the form the
    förbund registry's errors have).
    """
    file = Path(path) if path is not None else settings.data_dir() / "abbreviations.toml"
    raw = settings.read_data_text(
        file, "förkortningslistan", missing=settings.missing_data_file(file)
    )
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        where = settings.toml_where(exc, raw)
        raise FinsokError(
            f"{file}: {where}förkortningslistan är inte giltig TOML — kontrollera "
            'citattecken, hakparenteser och att raden lyder FÖRKORTNING = "lång form"'
        ) from None

    def fail(key: str | None, problem: str) -> FinsokError:
        line = _line_of(raw, key) if key is not None else None
        where = f"rad {line}: " if line else ""
        return FinsokError(f"{file}: {where}{problem}")

    unknown = [k for k in data if k != "abbreviations"]
    if unknown:
        raise fail(
            unknown[0],
            f"okänd tabell eller nyckel {unknown[0]!r} — förkortningarna står under "
            "tabellen [abbreviations]",
        )
    table = data.get("abbreviations")
    if not isinstance(table, dict):
        raise fail(None, "tabellen [abbreviations] saknas — skriv förkortningarna under den")
    entries: dict[str, list[str]] = {}
    for short, value in table.items():
        longs = [value] if isinstance(value, str) else value
        if not isinstance(longs, list) or not all(isinstance(v, str) for v in longs):
            raise fail(
                short,
                f"{short!r} ska ha en lång form inom citattecken eller en lista av sådana "
                '(ESF = "Europeiska socialfonden")',
            )
        if not words(short):
            raise fail(short, f"förkortningen {short!r} har inga bokstäver eller siffror")
        if not longs or not all(words(v) for v in longs):
            raise fail(short, f"{short!r} saknar lång form — skriv den inom citattecken")
        entries[short] = longs
    return Abbreviations(entries)


def _line_of(raw: str, key: str) -> int | None:
    """Line number where `key` is defined in the TOML text (for error messages)."""
    pattern = re.compile(r"""^\s*(?:"|')?""" + re.escape(key) + r"""(?:"|')?\s*[=\]]""")
    header = re.compile(r"^\s*\[\s*" + re.escape(key) + r"\s*\]")
    for lineno, line in enumerate(raw.splitlines(), 1):
        if pattern.match(line) or header.match(line):
            return lineno
    return None
