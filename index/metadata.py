"""Document metadata: which förbund, which meeting date, what kind of document, its title.

The förbund comes from an editable registry (`data/forbund.toml`) of canonical names, slugs and
aliases; a förbund missing from it is still recognised from "Samordningsförbundet X" in the text.
Dates come from labelled fields first ("Sammanträdesdatum", also as a column of a table of
dates), then from the title and header, where a date no label calls the meeting's is a guess
that the document's warnings name; a report is dated by the last day of the period it covers.
"""

from __future__ import annotations

import calendar
import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import islice
from pathlib import Path

from index import settings
from index.analysis import fold
from index.errors import FinsokError

# --- förbund ------------------------------------------------------------------------------

_SLUG_DROP = {"samordningsförbund", "samordningsförbundet", "samordningsförbunds", "finsam", "i"}


def slugify(name: str) -> str:
    """The contract's slug: distinctive words, lower case, å/ä→a, ö→o, joined by '-'. Folded
    as search folds (`analysis.fold`), so other accents go the same way in both. Composed
    first (NFC): a decomposed "ö" (an "o" and a combining mark, as typed in a macOS terminal)
    would split the word around the mark ("so-dera-sen")."""
    if not name.isascii():
        name = unicodedata.normalize("NFC", name)
    words = re.findall(r"\w+", name.lower())
    return "-".join(fold(w) for w in words if w not in _SLUG_DROP)


@dataclass(frozen=True)
class Forbund:
    name: str
    slug: str
    aliases: tuple[str, ...] = ()
    # The distinctive name is an ordinary word ("Väst"): a query must use a full name.
    common_word: bool = False


class Registry:
    """The known förbund and a matcher that finds them in text by any of their names."""

    def __init__(self, entries: list[Forbund]) -> None:
        self.entries = entries
        self.by_slug = {f.slug: f for f in entries}
        names: dict[str, Forbund] = {}
        for f in entries:
            for alias in (f.name, *f.aliases):
                names[_norm(alias)] = f
        self._by_alias = names
        self._words = frozenset(
            w for alias in names for w in re.findall(r"\w+", alias) if len(w) > 2
        )
        alternatives = sorted(names, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(" + "|".join(map(re.escape, alternatives)) + r")(?!\w)")
            if alternatives
            else None
        )

    @classmethod
    def load(cls, path: Path | None = None) -> Registry:
        """Read a registry file; a malformed one raises FinsokError naming the file."""
        path = path or settings.data_dir() / "forbund.toml"
        # Without the registry every förbund would be guessed from the text ("Organ
        # Söderåsen"): no search is better than one with wrong names.
        missing = settings.missing_data_file(path)
        text = settings.read_data_text(path, "förbundsregistret", "det", missing)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            where = settings.toml_where(exc, text)
            raise FinsokError(
                f"{path}: {where}förbundsregistret är inte giltig TOML — kontrollera "
                'citattecken, hakparenteser och "nyckel = värde" på raden'
            ) from None
        entries = []
        for k, item in enumerate(data.get("forbund", []), start=1):
            if not isinstance(item, dict) or not item.get("name"):
                raise FinsokError(f"{path}: post {k} saknar 'name'")
            slug = item.get("slug") or slugify(item["name"])
            aliases = tuple(item.get("aliases", ()))
            entries.append(Forbund(item["name"], slug, aliases, bool(item.get("common_word"))))
        return cls(entries)

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> Registry:
        return cls.load()

    def words(self) -> frozenset[str]:
        """Every word of every name, for repairing broken fonts in headings."""
        return self._words

    def named(self, phrase: str) -> Forbund | None:
        """The förbund that `phrase` names: one of its names or aliases ("SFSNO", "Finsam
        Blekinge"), or its slug's words ("skåne nordost", "blekinge"), but not a slug that is an
        ordinary word ("väst", "värna"). Query words that name a förbund also find its sections.
        """
        found = self._by_alias.get(_norm(phrase))
        if found is None:
            found = self.by_slug.get(slugify(phrase))
            if found is not None and found.common_word:
                return None
        return found

    def matching(self, value: str) -> list[Forbund]:
        """The förbund a person means by `value` in a filter: the one whose slug, name or
        alias it is ("ostra-sodertorn", "SFSNO"), else every förbund whose slug has all of its
        words ("södertörn" → Östra Södertörn, "huddinge" → Botkyrka, Huddinge och Salem,
        "dalarna" → Norra and Södra Dalarna); empty when none has. A filter is typed on
        purpose, so names that are ordinary words ("väst") count here."""
        slug = slugify(value)
        if not slug:
            return []
        found = self.by_slug.get(slug) or self._by_alias.get(_norm(value))
        if found is not None:
            return [found]
        wanted = set(slug.split("-")) - {"och"}
        if not wanted:
            return []
        return [f for f in self.entries if wanted <= set(f.slug.split("-"))]

    def find_all(self, text: str) -> list[Forbund]:
        """Registry förbund named in `text`, in order of appearance (repeats included)."""
        if not self._pattern:
            return []
        return [self._by_alias[m.group(1)] for m in self._pattern.finditer(_norm(text))]


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


# A förbund's name stays on one line: separators are spaces, never line breaks. It ends before
# a word a letterhead prints after it on the same row, which is never part of a name
# ("Samordningsförbundet Sundsvall PROTOKOLL Sida 1 av 3", "… Sundsvall Kallelse").
_NOT_NAME = r"(?!(?i:protokoll|sida|kallelse|dagordning|styrelse|sammanträde|tjänsteskrivelse))"
_UNKNOWN_BEFORE = re.compile(
    rf"Samordningsförbundet[ \t]+(?:i[ \t]+)?({_NOT_NAME}[A-ZÅÄÖ][\w/-]*"
    rf"(?:[ \t]+{_NOT_NAME}[A-ZÅÄÖ][\w/-]*)*)"
)
# The name before "samordningsförbund" starts a word and has six words at most: so a line of
# capitalised words that no "samordningsförbund" ends ("Datum Datum …", 50,000 characters) is
# scanned a few words from each word start, not from each word to the line's end, which took
# the square of its length.
_UNKNOWN_AFTER = re.compile(
    r"(?<![\w/-])((?:[A-ZÅÄÖ][\w/-]*[ \t]+){0,5}[A-ZÅÄÖ][\w/-]*?)s?[ \t]+[Ss]amordningsförbund\b"
)


def detect_forbund(
    zones: list[str], registry: Registry, furniture: str = ""
) -> tuple[str | None, str | None]:
    """(name, slug) of the document's förbund, looking at the zones in order of trust.

    Zones are the title, the header and the whole text. In the first zone that names any
    förbund, the most frequently named one wins (ties: the first named). `furniture` is what
    the file shows besides its text: the page furniture that cleaning dropped, and the file's
    own title (an HTML page's <title>). A letterhead printed on every page, or the site's page
    title, may be the only place that names the förbund, but a text that names one itself is
    trusted first.
    """
    found = _forbund_in(zones, registry)
    if found == (None, None) and furniture:
        found = _forbund_in([furniture], registry)
    return found


def _forbund_in(zones: list[str], registry: Registry) -> tuple[str | None, str | None]:
    for zone in zones:
        found = registry.find_all(zone)
        if found:
            # Counted once (the list's count per name took the square of the names found);
            # a Counter keeps the order in which names came first, for the ties.
            counts = Counter(found)
            best = max(counts, key=counts.__getitem__)
            return best.name, best.slug
    for zone in zones:
        m = _UNKNOWN_BEFORE.search(zone) or _UNKNOWN_AFTER.search(zone)
        if m:
            distinctive = m.group(1).strip()
            return f"Samordningsförbundet {distinctive}", slugify(distinctive)
    return None, None


# --- dates --------------------------------------------------------------------------------

# The months as Swedish writes them, January first.
MONTH_NAMES = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
# Every name a month goes by in a protocol, with its number: the full name and short forms.
_SHORT_MONTHS = (("jan",), ("feb",), ("mar",), ("apr",), (), ("jun",), ("jul",), ("aug",))
_SHORT_MONTHS += (("sep", "sept"), ("okt",), ("nov",), ("dec",))
MONTHS = {
    name: number
    for number, (full, short) in enumerate(zip(MONTH_NAMES, _SHORT_MONTHS, strict=True), start=1)
    for name in (full, *short)
}
# Full names and short forms ("12 mar. 2024"), the longest first.
_MONTH = rf"({'|'.join(sorted(MONTHS, key=len, reverse=True))})\b\.?"
_ISO = r"(\d{4})-(\d{2})-(\d{2})"
# "12 mars 2024", "1:a mars 2024", and a meeting over two days from its first ("12-13 mars").
_LONG = rf"(\d{{1,2}})(?::[ae])?(?:\s*[-–]\s*\d{{1,2}})?\s+{_MONTH}\s+(\d{{4}})"
# Numeric forms a label makes clear: the year first with dots or slashes ("2024/03/12"), or
# the day first as Swedes write it ("12.03.2024", "12/3-24", "12/3 2024"). Without a label
# such numbers may be anything, so only labelled dates are read in these forms.
_NUMERIC = (
    r"(?P<ymd_y>\d{4})[./](?P<ymd_m>\d{1,2})[./](?P<ymd_d>\d{1,2})(?!\d)"
    r"|(?P<dmy_d>\d{1,2})[./](?P<dmy_m>\d{1,2})(?:[./-]|\s+)(?P<dmy_y>\d{4}|\d{2})(?!\d)"
)
# A label that names the meeting's date, as a word of its own ("Datum", not "Justeringsdatum";
# "Styrelsemöte 3/3 2024" too), then perhaps a weekday and "den": "Tid: tisdagen den 15 mars
# 2024 kl. 13.00".
_LABEL = (
    r"(?<![\w-])(?:(?:Styrelse)?(?:Sammanträde(?:s-?\s*datum|ts\s+datum|sdag)?|Möte)"
    r"|Mötesdatum|Datum"
    r"|Tid(?:\s+och\s+plats)?|Plats\s+och\s+tid|Dag\s+och\s+tid)\s*:?\s*"
    r"(?:(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?\s+)?(?:den\s+)?"
)
_LABELLED = re.compile(
    rf"{_LABEL}(?:{_ISO}|{_LONG}|(\d{{2}})(\d{{2}})(\d{{2}})\b|{_NUMERIC})", re.IGNORECASE
)
# Words on a line whose date is not the meeting's: when the protocol was checked, posted or
# signed, and the next meeting ("Justerat 2024-03-20", "Paragrafer 1-12, 2024-03-25 anslagen").
_OTHER_DATE = re.compile(
    r"juster(?:at|ad|as|ades|ing)|anslag|nästa|signer|bestyrk|nedtag", re.IGNORECASE
)
_ISO_RE = re.compile(rf"(?<!\d){_ISO}(?!\d)")
_LONG_RE = re.compile(rf"(?:den\s+)?{_LONG}", re.IGNORECASE)
_SHORT_LINE = re.compile(r"^(\d{2})(\d{2})(\d{2})$", re.MULTILINE)
_PERIOD = re.compile(
    rf"(?:(\d{{4}})\s+{_MONTH}\s*[–—-]\s*{_MONTH}|{_MONTH}\s*[–—-]\s*{_MONTH}\s+(\d{{4}}))",
    re.IGNORECASE,
)
_TERTIAL = re.compile(
    r"tertial(?:rapport)?\s*([123])\D{0,12}(\d{4})|(\d{4})\D{0,12}tertial\s*([123])", re.I
)
_YEAR_REPORT = re.compile(
    r"(?:verksamhetsberättelse|årsredovisning|(?<!del)årsrapport|verksamhetsrapport)\D{0,12}(\d{4})",
    re.I,
)

# The column labels of a header printed as a table, a row of labels over a row of values, as
# text extraction gives it ("Sammanträdesdatum  Justeringsdatum" over "2024-03-12  2024-03-19"):
# the meeting's date, another event's date, no date ("Plats"), or a time ("Tid", the meeting's
# date only when no other label names it). Longer labels are tried first.
_COLUMN = re.compile(
    r"(?:(?P<meeting>Plats\s+och\s+tid|Tid\s+och\s+plats|Dag\s+och\s+tid"
    r"|Datum\s+för\s+(?:sammanträdet|mötet))"
    r"|(?P<other>Datum\s+(?:för|då)\s+\w+(?:\s+(?:uppsättande|nedtagande|sätts\s+upp|tas\s+ne[dr]))?"
    r"|Nästa\s+(?:möte|sammanträde)|Justeringens\s+(?:plats\s+och\s+tid|tid\s+och\s+plats|tid))"
    r"|(?P<none>Plats|Lokal|Paragrafer|Justerare|Justerande|Ordförande|Sekreterare"
    r"|Protokollnummer|Diarienummer|Anslagsbevis)"
    r"|(?P<dated>(?:juster|anslag|nedtag|signer|bestyrk|utdragsbestyrk)\w*)"
    r"|(?P<named>Sammanträde(?:s-?\s*datum|ts\s+datum|sdag)?|Mötesdatum|Möte|Datum)"
    r"|(?P<time>Tid))(?!\w)[ \t]*:?[ \t]*",
    re.IGNORECASE,
)
_COLUMN_KIND = {"named": "meeting", "dated": "other"}
_DIGIT = re.compile(r"\d")
# How a row of labels starts (lower case): a row that starts otherwise, as most do, is no row
# of labels (the names of who signs, "Ordförande", head no table of dates either).
_COLUMN_START = (
    "plats", "tid", "dag", "datum", "nästa", "lokal", "paragrafer", "protokollnummer",
    "diarienummer", "sammanträd", "möte", "juster", "anslag", "nedtag", "signer", "bestyrk",
    "utdragsbestyrk",
)  # fmt: skip
# The same after a line break, as a label row's first word is written ("Datum", "DATUM"): one
# search in C with a literal first character finds the few rows worth reading.
_ROW_START = re.compile(
    "\n(?:"
    + "|".join(form for start in _COLUMN_START for form in (start.title(), start.upper()))
    + ")"
)
# A date in a table's value row: the forms `_LABELLED` reads, with four-digit years only in
# numeric forms ("12.03.2024", "3/3 2024", "3/3-2024"), so that a time ("13.00-15.00") is no
# date.
_TABLE_VALUE = re.compile(
    rf"(?<![\d-])(?:{_ISO}|{_LONG}|\d{{4}}[./]\d{{1,2}}[./]\d{{1,2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}"
    r"|\d{1,2}/\d{1,2}(?:-|\s)\d{4}|\d{6})(?![\d-])",
    re.IGNORECASE,
)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _last_day(year: int, month: int) -> str:
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


@dataclass(frozen=True)
class DateFound:
    """A document's date and, when it is a guess, what the date is instead: a date that no
    label calls the meeting's ("justeringsdatumet"), so that the operator can be told."""

    value: str
    guess: str | None = None


# What an unlabelled date is when its line names another event, in the order looked for:
# the next meeting's line ("Nästa möte … justeras") is about that meeting first of all.
_GUESSES = (
    ("nästa", "nästa mötes datum"),
    ("juster", "justeringsdatumet"),
    ("anslag", "anslagsdatumet"),
    ("nedtag", "anslagsdatumet"),
    ("signer", "signeringsdatumet"),
    ("bestyrk", "utdragsbestyrkandets datum"),
)
_NO_HEADING = "ett datum utan rubrik"
# A line that names the meeting (or is the protocol's title) labels its date as the meeting's:
# "Styrelsemötet hölls måndag 2025-09-29", "Protokoll styrelsen 2024-03-12".
_NAMES_MEETING = re.compile(
    r"möte|sammanträd|stämma|samråd|protokoll|styrelse|direktion|nämnd", re.IGNORECASE
)
# A place and "den" before a date is where and when someone signed ("Lund den 15 mars 2024"),
# which may be days after the meeting; a weekday before "den" is the meeting's own day. Any
# other unlabelled date in the head ("PROTOKOLL" / "Styrelsen" / "2024-03-12", "Tisdag 12 mars
# 2024, kl. 13.00") is taken as the meeting's without a warning.
_SIGNED_AT = re.compile(
    r"^(?!(?i:(?:mån|tis|ons|tors|fre|lör|sön)dag))[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ][\w-]*)?,?"
    r"\s+den\s+\d"
)


def detect_date(title: str, header: str, kind: str) -> str | None:
    """The meeting date (ISO), or for a report the last day of its period; None if unknown."""
    found = find_date(title, header, kind)
    return found.value if found else None


def sure_meeting_date(text: str) -> str | None:
    """The date `text` names as a protocol's meeting's ("Datum: 2024-05-14", "Styrelsemöte
    2024-05-14"), or None, also when its only date is a guess (a justering's, a posting's)."""
    found = find_date("", text, "protokoll")
    return found.value if found is not None and found.guess is None else None


def find_date(title: str, header: str, kind: str) -> DateFound | None:
    """The meeting date as `detect_date` finds it, with what it is when it is a guess."""
    if kind == "rapport":
        found = _report_period_end(f"{title}\n{header}")
        if found:
            return DateFound(found)
    # A table's columns are read as labelled lines ("Sammanträdesdatum Justeringsdatum" over
    # "2024-03-12 2024-03-19"), so each date keeps its own label.
    header = _inline_tables(header)
    # A labelled meeting date first, whatever its form; then an unlabelled date on a line that
    # does not say it is the justering's or the posting's; then a date alone as "231215";
    # then any date at all.
    for m in _LABELLED.finditer(header):
        before = header[header.rfind("\n", 0, m.start()) + 1 : m.start()]
        if not _OTHER_DATE.search(before) and (found := _labelled_date(m)):
            return DateFound(found)
    meeting, other = _unlabelled_dates(title, header)
    if meeting:
        return meeting
    m = _SHORT_LINE.search(header)
    if m and (found := _iso(2000 + int(m.group(1)), int(m.group(2)), int(m.group(3)))):
        return DateFound(found, _NO_HEADING)
    return other


def date_warning(found: DateFound | None, kind: str) -> str | None:
    """The document warning for a date that is a guess, None for a sure one or none at all.

    A protocol without a labelled meeting date is dated by its justering or posting, a
    day to weeks late, and nothing else would show the operator that it is a guess. A
    report is dated by its period, not by a meeting.
    """
    if found is None or found.guess is None or kind == "rapport":
        return None
    return f"sammanträdesdatum saknas — datumet är {found.guess} {found.value}"


def _inline_tables(header: str) -> str:
    """The header with each table of dates written as labelled lines.

    A block of rows made only of labels, two or more, then the rows of values below it (on
    one line or one a line, in the same order) become one "Label date" line per dated column,
    which the rest of `find_date` reads as any labelled line: the meeting's column is the
    meeting's date, and the justering's is known as such. A table whose dates do not pair off
    one to one with its dated columns is left as it is.
    """
    lines = header.split("\n")
    rows = {k: row for k in _label_row_candidates(header) if (row := _columns(lines[k]))}
    # From the last table up, so that a rewrite leaves the rows above where they were.
    for start, end, labels in reversed(_label_blocks(lines, rows)):
        dated = _dated_columns(labels)
        dates, stop = _table_values(lines, end, len(dated), 2 * len(labels))
        if dated and len(dates) == len(dated):
            lines[start:stop] = [
                f"{label} {value}" for label, value in zip(dated, dates, strict=True)
            ]
    return "\n".join(lines)


def _label_row_candidates(header: str) -> list[int]:
    """The indices of the lines that start as a row of labels does (`_ROW_START`)."""
    found: list[int] = []
    line = offset = 0
    for m in _ROW_START.finditer(f"\n{header}"):
        # m.start() is where the line starts in `header`, one past its line break
        line += header.count("\n", offset, m.start())
        offset = m.start()
        found.append(line)
    return found


def _label_blocks(
    lines: list[str], rows: dict[int, list[tuple[str, str]]]
) -> list[tuple[int, int, list[tuple[str, str]]]]:
    """(first row, row after the last, labels) of each run of rows of labels (`rows`, by
    index) with only blank rows between them that holds two labels or more."""
    blocks: list[tuple[int, int, list[tuple[str, str]]]] = []
    for k, row in rows.items():
        if blocks and not any(lines[j].strip() for j in range(blocks[-1][1], k)):
            start, _end, labels = blocks[-1]
            blocks[-1] = (start, k + 1, labels + row)
        else:
            blocks.append((k, k + 1, row))
    return [block for block in blocks if len(block[2]) >= 2]


def _columns(row: str) -> list[tuple[str, str]] | None:
    """The (kind, label) of each label a row is made of; None when it holds anything else
    (a digit, the cheapest sign of a value, first of all)."""
    if len(row) > 160 or _DIGIT.search(row):
        return None
    found: list[tuple[str, str]] = []
    pos = 0
    while pos < len(row):
        m = _COLUMN.match(row, pos)
        if m is None or m.end() == pos:
            return None
        kind = m.lastgroup or "none"
        found.append((_COLUMN_KIND.get(kind, kind), m.group(kind).strip()))
        pos = m.end()
    return found


def _dated_columns(labels: list[tuple[str, str]]) -> list[str]:
    """The labels of the columns that hold a date, in order. "Tid" holds the meeting's
    date only when no other label does ("Tid  Plats"); beside "Datum" it holds a time."""
    time = "none" if any(kind == "meeting" for kind, _ in labels) else "meeting"
    return [
        label
        for kind, label in labels
        if (time if kind == "time" else kind) in ("meeting", "other")
    ]


def _table_values(lines: list[str], start: int, wanted: int, most: int) -> tuple[list[str], int]:
    """The dates in the rows from `start` on, read until `wanted` are found (or `most` rows
    are read), and the index after the last row read; none when a row starts with a label
    ("Sammanträdesdatum 2024-03-12" under "Justerare  Utdragsbestyrkande") or a §: the
    table ended before its values."""
    dates: list[str] = []
    k, rows = start, 0
    while k < len(lines) and rows < most and len(dates) < wanted:
        text = lines[k].strip()
        k += 1
        if not text:
            continue
        if text.startswith("§") or (
            text[:16].lower().startswith(_COLUMN_START) and _COLUMN.match(text)
        ):
            return [], k
        found = [m.group() for m in _TABLE_VALUE.finditer(text)]
        # Values stand all on one row or one a row. A later row with words besides its dates
        # is text ("Protokollet justeras senast …"): a row short of dates had an empty cell,
        # and which one is unknown, so the table is not read.
        if rows and _TABLE_VALUE.sub("", text).strip(" \t.,:;–-"):
            return dates, k
        dates.extend(found)
        rows += 1
    return dates, k


def _unlabelled_dates(title: str, header: str) -> tuple[DateFound | None, DateFound | None]:
    """(first date on no line that names another event (`_OTHER_DATE`), first date on such a
    line), looking at the title's ISO dates, its long ones, then the same in the header; each
    with what it is when that is a guess (`DateFound.guess`)."""
    other = None
    for in_title, text in ((True, title), (False, header)):
        for pattern in (_ISO_RE, _LONG_RE):
            for m in pattern.finditer(text):
                if not (found := _from_groups(m.groups())):
                    continue
                line = _line_around(text, m.start(), m.end())
                above = _line_above(text, m.start())
                if (
                    _OTHER_DATE.search(above)
                    and not _DIGIT.search(above)
                    and not _NAMES_MEETING.search(above)
                ):
                    # under a row of labels that name other events ("Justeringsdatum
                    # Anslaget from"), which a table the labels did not pair with holds
                    other = other or DateFound(found, _guess(above))
                    continue
                if not _OTHER_DATE.search(line):
                    sure = (
                        in_title
                        or _NAMES_MEETING.search(line) is not None
                        or _SIGNED_AT.match(line) is None
                    )
                    return DateFound(found, None if sure else _NO_HEADING), other
                other = other or DateFound(found, _guess(line))
    return None, other


def _guess(line: str) -> str:
    """What a date on a line naming another event (`_OTHER_DATE`) is: "justeringsdatumet" …"""
    low = line.lower()
    return next((what for stem, what in _GUESSES if stem in low), _NO_HEADING)


def _line_above(text: str, start: int) -> str:
    """The line of `text` before the one that holds text[start]; '' on the first line."""
    line_start = text.rfind("\n", 0, start)
    if line_start < 0:
        return ""
    return text[text.rfind("\n", 0, line_start) + 1 : line_start]


def _line_around(text: str, start: int, end: int) -> str:
    """The whole line of `text` that holds text[start:end]."""
    stop = text.find("\n", end)
    return text[text.rfind("\n", 0, start) + 1 : stop if stop >= 0 else len(text)]


def _labelled_date(m: re.Match[str]) -> str | None:
    """The date a `_LABELLED` match holds, in whichever form it was written."""
    if m.group("ymd_y"):
        return _iso(int(m.group("ymd_y")), int(m.group("ymd_m")), int(m.group("ymd_d")))
    if m.group("dmy_y"):
        year = int(m.group("dmy_y"))
        year += 2000 if year < 100 else 0
        return _iso(year, int(m.group("dmy_m")), int(m.group("dmy_d")))
    return _from_groups(m.groups())


def _from_groups(groups: tuple[str | None, ...]) -> str | None:
    """Interpret regex groups that hold an ISO date, a long Swedish date or a YYMMDD date."""
    values = [g for g in groups if g is not None]
    if len(values) != 3:
        return None
    # casefold, as the patterns' case-blind match reads a month: "auguſti" (a long s) matched
    # and, lower-cased, was no key, which failed the whole file with a KeyError.
    if values[1].casefold() in MONTHS:  # 29 november 2023
        return _iso(int(values[2]), MONTHS[values[1].casefold()], int(values[0]))
    if len(values[0]) == 4:
        return _iso(int(values[0]), int(values[1]), int(values[2]))
    return _iso(2000 + int(values[0]), int(values[1]), int(values[2]))


def _report_period_end(text: str) -> str | None:
    m = _PERIOD.search(text)
    if m:
        year = m.group(1) or m.group(6)
        month = m.group(3) or m.group(5)
        return _last_day(int(year), MONTHS[month.casefold()])
    m = _TERTIAL.search(text)
    if m:
        tertial, year = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        return _last_day(int(year), {"1": 4, "2": 8, "3": 12}[tertial])
    m = _YEAR_REPORT.search(text)
    if m:
        return f"{m.group(1)}-12-31"
    return None


# --- kind and title -----------------------------------------------------------------------

# An extract says so in its title, or with a line "Utdrag" (or "Utdrag ur …") under a
# protocol's title ("Protokoll" / "Utdrag").
_EXTRACT = re.compile(
    r"protokollsutdrag|protokollutdrag|utdrag ur (?:sammanträdes)?protokoll|^\s*utdrag\b",
    re.I | re.M,
)
_REPORT = re.compile(
    r"tertial\s*rapport|tertialrapport|delårsrapport|verksamhetsberättelse|årsredovisning"
    r"|årsrapport|verksamhetsrapport|uppföljningsrapport|\brapport\b",
    re.IGNORECASE,
)
_PROTOCOL = re.compile(r"protokoll", re.IGNORECASE)
# A report's title is one word ("Tertialrapport 2 – januari–augusti 2024", "Delårsrapport"),
# and so is the minute-taker's label, which is no title ("Protokollförare", "Protokolljusterare").
_TITLE_LINE = re.compile(
    r"^(?:\w*protokoll(?!et|för|s?juster)\w*|protokollsutdrag|utdrag|tertial\w*|delårs\w*"
    r"|verksamhets(?:berättelse|rapport)|årsredovisning|årsrapport|rapport"
    r"|minnesanteckningar|kallelse"
    # the meeting's kind, when it is the title ("Extra styrelsemöte" over "Protokoll")
    r"|extra\s+\w*(?:möte|sammanträde|stämma)|styrelsemöte|styrelsesammanträde|årsstämma"
    r"|förbundsstämma|medlemssamråd|ägarsamråd)\b",
    re.IGNORECASE,
)
_TRAILING_DATE = re.compile(rf"\s+(?:{_ISO}|\d{{6}})\s*$")


def detect_title(header_lines: list[str]) -> str | None:
    """The document's own title line ("Sammanträdesprotokoll nr 4"), if it prints one."""
    lines = [t for t in header_lines if t]
    for k, text in enumerate(lines[:40]):
        if _TITLE_LINE.match(text):
            title = text
            if re.search(r"\b(?:i|och|för|från|med)$", title) and k + 1 < len(lines):
                title = f"{title} {lines[k + 1]}"
            return _TRAILING_DATE.sub("", title).strip()
    return None


def _names_extract(text: str) -> bool:
    # Every form holds "tdrag": most headers have none, and are spared the regex.
    return ("tdrag" in text or "TDRAG" in text) and _EXTRACT.search(text) is not None


def detect_kind(title: str, header: str, has_paragraph_sections: bool) -> str:
    """protokoll, protokollsutdrag, rapport or annat, from the title first and the header next."""
    for text in (title, header[:2000]):
        if _names_extract(text):
            return "protokollsutdrag"
        if _REPORT.search(text) and not _PROTOCOL.search(text):
            return "rapport"
        if _PROTOCOL.search(text):
            # A protocol's title over an "Utdrag" line in the header is an extract's.
            return "protokollsutdrag" if _names_extract(header[:2000]) else "protokoll"
    return "protokoll" if has_paragraph_sections else "annat"


# --- whose protocol ------------------------------------------------------------------------

# The bodies whose protocols a förbund publishes: its board (styrelse, förbundsstyrelse, in
# older protocols direktion), the board's working committee (arbetsutskott, "AU") and its
# presidium. A protocol of one reports the others' acts ("Arbetsutskottet beslutade att …" in
# the board's), which are not its meeting's decisions (`index.decisions`).
BOARD, COMMITTEE, PRESIDIUM = "styrelse", "arbetsutskott", "presidium"
# A committee or presidium is the board's, and named with it ("Protokoll styrelsens
# arbetsutskott"): on a line that names both, they win.
# "AU" in capitals only ("AU-protokoll", "Protokoll AU").
_COMMITTEE_NAME = re.compile(r"\b(?:[Aa]rbetsutskott|ARBETSUTSKOTT)|\bAU\b")
_PRESIDIUM_NAME = re.compile(r"\bpresidie\w*|\bpresidium\b", re.IGNORECASE)
# The board's names as words ("styrelsemöte", "styrelsens", "Förbundsstyrelsen"), not a room
# or a word about boards ("styrelserummet", "styrelseledamot").
_BOARD_NAME = re.compile(
    r"\b(?:förbunds)?styrelse(?:n|ns|möte\w*|sammanträde\w*|protokoll\w*)?\b|\bdirektion\w*",
    re.IGNORECASE,
)
# Where a head stops naming its meeting: who took part, or the agenda, whose lines may name
# another body ("Närvarande: … (arbetsutskottet)", "5. Protokoll från arbetsutskottet").
_HEAD_END = re.compile(
    r"^(?:Närvarande|Beslutande|Ledamöter|Ledamot|Ersättare|Deltagare|Frånvarande|Tjänstgörande"
    r"|Övriga|Dagordning|Föredragningslista|Ärenden|Ärendelista|§)",
    re.IGNORECASE,
)
_BODY_HEAD_LINES = 12


def detect_body(title: str, head_lines: list[str]) -> str | None:
    """Whose protocol a document (or a later meeting's head) is: `BOARD`, `COMMITTEE` or
    `PRESIDIUM`, from its title and the head's lines above who took part ("PROTOKOLL
    ARBETSUTSKOTTET", "Protokoll fört vid styrelsens sammanträde", "Styrelsemötet hölls …",
    "Presidiemöte"); None when they name no body. The first line that names one tells."""
    lines = [title, *islice((t for t in head_lines if t.strip()), _BODY_HEAD_LINES)]
    for k, text in enumerate(lines):
        if k and _HEAD_END.match(text.lstrip()):
            break
        # Substring tests first: a pattern led by \b is tried at every character.
        low = text.lower()
        if ("utskott" in low or "AU" in text) and _COMMITTEE_NAME.search(text):
            return COMMITTEE
        if "presidi" in low and _PRESIDIUM_NAME.search(text):
            return PRESIDIUM
        if ("styrelse" in low or "direktion" in low) and _BOARD_NAME.search(text):
            return BOARD
    return None
