"""The query language: what a user types, read into a tree and a set of filters.

    genomlysning ESF                   all words must match (AND is the default)
    "extern genomlysning"              an exact phrase
    budget -revision                   exclude a word (or -"a phrase", -(a group))
    ESF OR NNS, ESF OR NNS budget      alternatives (OR binds tighter than the words beside it)
    ESF AND NNS, budget NOT revision   the operators as other engines write them (also OCH,
                                       ELLER, INTE); only in capitals, as OR
    samverk*                           prefix
    förbund:blekinge  forbund:         filter by förbund (slug or name; several allowed)
    -förbund:halland, förbund:halland OR förbund:blekinge
                                       a filter excluded, or one of alternatives
    år:2024  year:2020..2022           filter by year or a range of years
    typ:beslut                         only decision text; typ:protokoll / typ:rapport by kind
    datum:2024-01-01..2024-06-30       filter by meeting date (either end may be open)
    § 47  §§ 12-14  47 §  12-14 §§     the paragraph(s) with that number; several (§ 12 § 14,
    § 12, 14, §§ 12 och 14)            any of them, since a section has one number
    Mål 8  mål 3-5                     a report's goal(s) with that number

Nothing a user types raises: text that cannot be read as written (an unclosed quote or
parenthesis, a dangling OR) is searched as plain words, with a notice saying so. The text is
NFKC-normalised first, so full-width letters and ligatures ("ＥＳＦ", "ﬁnansiering") read as
the letters they stand for.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

from index.analysis import is_acronym
from index.errors import listed
from index.lines import PARAGRAPH_NUMBER_NO_YEAR
from index.metadata import Registry, slugify
from search.dates import NoSuchDate, parse_date
from search.limits import MAX_QUERY_CHARS, cut_notice, cut_query
from search.params import KINDS, NO_FORBUND, first_few, split_forbund


@dataclass(frozen=True)
class Word:
    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    text: str


@dataclass(frozen=True)
class Paragraph:
    """ "§ 47" or "§§ 12-14": the sections with that § number (a range, both ends included);
    with `goal`, "Mål 8" or "Mål 3-5": a report's goals with that number.

    A reference names the section itself, so this matches its number, not the digits in the
    text; "47" alone still searches the text, and so does "mål 8" in quotes."""

    first: int
    last: int
    goal: bool = False


@dataclass(frozen=True)
class Filter:
    """A filter inside the query's logic: excluded ("-förbund:halland", all but Halland) or
    one of alternatives ("förbund:halland OR förbund:blekinge", "(ESF år:2024) OR NNS").
    Every other filter narrows the whole search and is kept in `Filters`."""

    name: str  # forbund, year, kind or date (see `_FIELDS`)
    value: str


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]
    # Typed in parentheses ("(ESF OR NNS) budget"): the interpretation then has no grouping
    # to explain. Not part of what the node means: a group typed both ways is one group.
    grouped: bool = field(default=False, compare=False, repr=False)


Node = Word | Phrase | Paragraph | Filter | Not | And | Or


@dataclass
class Filters:
    forbund: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    decisions_only: bool = False
    year_from: int | None = None
    year_to: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    # Sections without a date only (`SearchParams.undated`).
    undated: bool = False
    # Filters excluded from the whole search ("budget -förbund:halland"), as (name, value).
    excluded: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ParsedQuery:
    tree: Node | None
    filters: Filters
    notices: list[str] = field(default_factory=list)
    # How each filter typed in the query was read ("år:2024 → bara år 2024"), for the
    # interpretation line: filters chosen in a form show in the form itself.
    readings: list[str] = field(default_factory=list)


class QuerySyntaxError(ValueError):
    """Raised inside the parser only; `parse` turns it into a plain-word search."""


_DANGLING_OR = "dangling OR"
_DANGLING_NOT = "dangling '-'"


_FIELDS = {
    "förbund": "forbund",
    "forbund": "forbund",
    "år": "year",
    "ar": "year",
    "year": "year",
    "typ": "kind",
    "type": "kind",
    "kind": "kind",
    "datum": "date",
    "date": "date",
}
# The schemes of an address pasted into a query, which are no filters ("https://…").
_SCHEMES = {"http", "https"}
# Every name before a colon that is no word of the text: the filters and the schemes.
READ_NAMES = frozenset(_FIELDS) | _SCHEMES
# A § number written before the sign ("47 §", "1000 §") has up to four digits, but "2024 §" is
# a year and a word, as in the protocols (`index.lines`).
_BEFORE_SIGN = PARAGRAPH_NUMBER_NO_YEAR
# Between the numbers of a list of references ("§ 12, 14", "§§ 12 och 14", "mål 3 och 5");
# a later § number is read as one before the sign is, so "§ 5 och 2024" keeps its year.
_LIST = r"\s*(?:,|&|\boch\b)\s*"
_TOKEN = re.compile(
    rf"""\s*(?:
        (?P<lparen>\()|(?P<rparen>\))
      | (?P<neg>-)(?=["(\w§])
      | (?P<para>§§?\s*\d{{1,4}}[a-f]?(?:\s*[-–]\s*\d{{1,4}}[a-f]?)?
                 (?:{_LIST}{_BEFORE_SIGN}[a-f]?(?:\s*[-–]\s*{_BEFORE_SIGN}[a-f]?)?)*(?![\w§])
               |{_BEFORE_SIGN}[a-f]?(?:\s*[-–]\s*{_BEFORE_SIGN}[a-f]?)?\s*§§?(?![\w§]))
      | (?P<goal>(?i:mål)\s*\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?
                 (?:{_LIST}\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?)*)(?![\w§])
      | (?P<field>[^\W\d_]+):(?:"(?P<fquoted>[^"]*)"|(?P<fvalue>[^\s()"]+)|(?P<fnone>(?=\s|$)))
      | "(?P<phrase>[^"]*)"
      | (?P<quote>")
      | (?P<word>[^\s()"]+)
    )""",
    re.VERBOSE,
)
# An acronym with a Swedish ending after a colon ("FK:s", "SKR:s", "SIP:ar"): one word, as the
# analysis reads it in text (`index.tokens`), not an unknown filter "FK" with the value "s".
_INFLECTED = re.compile(r"[^\W\d_]*[A-ZÅÄÖÉÜ]:[a-zåäöé]{1,3}")
# The same typed in lower case or in capitals ("fk:s", "skr:s", "FK:S", "SIP:AR"), which
# searched the phrase "fk s" and found nothing: an acronym (`index.analysis.is_acronym` of it
# in capitals, so "ansvar:x" stays two words) with an ending Swedish gives one.
_ANY_CASE_INFLECTED = re.compile(r"([^\W\d_]{2,6}):([^\W\d_]{1,3})")
_ACRONYM_ENDINGS = frozenset(
    ("s", "n", "en", "et", "ar", "er", "na", "ns", "ens", "ets", "ars", "ers", "are", "ern")
)
# "§ 99999": no § has that number (the `para` token takes up to four digits), so it is
# searched as text, and a notice says so.
_LONG_REFERENCE = re.compile(r"§§?\s*\d{5,}")
# Tokens whose text the parser needs (the rest are known by their kind alone).
_VALUED = ("phrase", "word", "para", "goal", "filter")
_DECISION_WORDS = {"beslut", "decision", "beslutade"}
# Operators as other search engines (and Swedish users) write them; like OR, only in capitals,
# so "and" or "not" in a text query stay words. AND is the default and needs no token.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_OPERATORS = {"OR": "OR", "ELLER": "OR", "AND": None, "OCH": None, "NOT": "neg", "INTE": "neg"}


def parse(text: str) -> ParsedQuery:
    """Read a query; never raises."""
    notices: list[str] = []
    readings: list[str] = []
    if len(text) > MAX_QUERY_CHARS:
        text = cut_query(text)
        notices.append(cut_notice(text))
    # Zero-width characters pasted with a word ("bud\u200bget") are not there to a reader.
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    if text.split() and all(word in _OPERATORS for word in text.split()):
        notices.append(
            "Frågan består bara av operatorer (AND, OR, NOT …) — skriv också orden att söka "
            "efter, till exempel ESF OR NNS."
        )
        return ParsedQuery(None, Filters(), notices)
    if m := _LONG_REFERENCE.search(text):
        notices.append(
            f"Ett paragrafnummer har högst fyra siffror: ”{m.group(0)}” söktes som text."
        )
    filters = Filters()
    before = list(notices)
    try:
        tokens = _tokenize(text, filters, notices, readings)
        tree = _Parser(tokens, readings).parse()
    except QuerySyntaxError as exc:
        if (closed := _closing_parentheses(text)) is not None:
            try:
                tree, filters, readings = _parsed(text + closed, before)
            except QuerySyntaxError:
                pass
            else:
                notices = before
                notices.append(
                    "En parentes stängdes inte; den stängdes i slutet av frågan."
                    if len(closed) == 1
                    else "Några parenteser stängdes inte; de stängdes i slutet av frågan."
                )
                return ParsedQuery(tree, filters, notices, readings)
        filters, readings = Filters(), []
        text = _FALLBACK_FILTER.sub(lambda m: _fallback_filter(m, filters, readings), text)
        words = re.findall(r"[^\W_]+(?:[-:][^\W_]+)*", text)
        tree = _and([Word(w) for w in words if w not in _OPERATORS])
        notices.append(_fallback_notice(str(exc), tree, readings))
    return ParsedQuery(tree, filters, notices, readings)


def _fallback_notice(error: str, tree: Node | None, readings: list[str]) -> str:
    """What a query the parser could not read is told. One with no word to search as plain
    words ("()", ")(", "(") holds only punctuation, and is told so as "?!" and "och att" are,
    beside the filters it names or without any: it was told that it had been searched as
    plain words, of which it has none."""
    if tree is None:
        return STOPWORDS_BESIDE_FILTERS if readings else ONLY_STOPWORDS
    return _FALLBACK_NOTICES.get(error, _FALLBACK_NOTICE)


# A query with nothing to search but filters, or nothing at all (`search.compile` says these,
# and so does a query that the parser could not read and that holds no word, "()").
ONLY_STOPWORDS = (
    "Frågan innehåller bara vanliga småord (stoppord) eller tecken som inte går att söka på "
    "ensamma. Lägg till ett mer specifikt ord, eller sök en fras inom citattecken, till exempel "
    '"för och emot".'
)
STOPWORDS_BESIDE_FILTERS = (
    "Orden utanför filtren är vanliga småord (stoppord) eller tecken och söktes inte: här är "
    'allt som filtren väljer. Sök en fras inom citattecken, till exempel "för och emot", för '
    "att söka på dem."
)


_FALLBACK_NOTICE = (
    "Frågan kunde inte tolkas som skriven (till exempel ett citattecken eller en parentes som "
    "inte stängs) och söktes som vanliga ord."
)
# What was wrong, where the parser can tell: an operator at an end is no quote's fault.
_FALLBACK_NOTICES = {
    _DANGLING_OR: "OR (ELLER) behöver ett ord på båda sidor; frågan söktes som vanliga ord.",
    _DANGLING_NOT: "NOT, INTE eller - behöver ett ord efter sig; frågan söktes som vanliga ord.",
}


def _parsed(text: str, notices: list[str]) -> tuple[Node | None, Filters, list[str]]:
    """The tree, filters and readings of `text`, its notices added to `notices` only when it
    parses (a failed try leaves none behind); raises QuerySyntaxError."""
    filters, readings, said = Filters(), [], []
    tree = _Parser(_tokenize(text, filters, said, readings), readings).parse()
    notices.extend(said)
    return tree, filters, readings


def _closing_parentheses(text: str) -> str | None:
    """The ")" that would close every parenthesis `text` opens and never closes (outside
    quoted phrases), or None when none is left open: "(ESF OR NNS" is read as "(ESF OR NNS)"
    rather than as plain words, which would have turned its OR into AND."""
    depth = 0
    for char in re.sub(r'"[^"]*"', "", text):
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return None  # a stray ")" is another mistake: read as plain words
            depth -= 1
    return ")" * depth if depth else None


# A filter as plain-word reading keeps it: "förbund:halland (ESF" still searches Halland only.
_FALLBACK_FILTER = re.compile(r'(?<![^\s(])(-|(?:NOT|INTE)\s+)?([^\W\d_]+):("[^"]*"|[^\s()"]+)')


def _fallback_filter(m: re.Match[str], filters: Filters, readings: list[str]) -> str:
    negated, name, value = m.group(1), m.group(2).lower(), m.group(3).strip('"')
    if name not in _FIELDS:
        return m.group(0)
    desc = apply_filter(_FIELDS[name], value, Filters() if negated else filters)
    if desc is None:
        return m.group(0)
    if negated:
        filters.excluded.append((_FIELDS[name], value))
        readings.append(f"-{name}:{value} → {exclusion_reading(_FIELDS[name], value)}")
    else:
        readings.append(f"{name}:{value} → bara {desc}")
    return " "


def _tokenize(
    text: str, filters: Filters, notices: list[str], readings: list[str]
) -> list[tuple[str, str]]:
    """The query's tokens, filters among them as ("filter", "name:value"); `_place_filters`
    then takes those that narrow the whole search into `filters`."""
    tokens: list[tuple[str, str]] = []
    # Said once each, after the loop (`_said_once`): a query repeating a mistake ("a* b* c*",
    # "år:x år:y") got a sentence per value.
    unread: list[tuple[str, str]] = []
    short: list[str] = []
    said: list[str] = []
    starred: list[str] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        kind = m.lastgroup
        if kind == "quote":
            raise QuerySyntaxError("unclosed quote")
        if kind in ("fquoted", "fvalue", "fnone"):
            name = m.group("field").lower()
            value = m.group("fquoted") if m.group("fquoted") is not None else m.group("fvalue")
            if name in _SCHEMES and m.group("fvalue") and value.startswith("//"):
                # A pasted address ("https://www.x.se/y"): the text writes it with or without
                # its scheme, and read as "https" and the rest it found only the former.
                tokens.append(("word", value.lstrip("/")))
                continue
            if name in _FIELDS:
                if apply_filter(_FIELDS[name], value or "", Filters()) is not None:
                    tokens.append(("filter", f"{name}:{value}"))
                elif not value:
                    said.append(
                        f"Filtret {name}: saknar värde och användes inte — skriv värdet direkt "
                        f"efter kolonet, till exempel {_EXAMPLES[_FIELDS[name]]}."
                    )
                else:
                    unread.append((name, value))
                if tokens[-1:] == [("neg", "neg")] and tokens[-1][0] != "filter":
                    tokens.pop()  # "-år:abc": the exclusion goes with the filter it excluded
                continue
            if value and _INFLECTED.fullmatch(f"{m.group('field')}:{value}"):
                tokens.append(("word", f"{m.group('field')}:{value}"))  # "FK:s", "SIP:ar"
            elif value and (inflected := _inflected_acronym(f"{m.group('field')}:{value}")):
                tokens.append(("word", inflected))  # "fk:s", "FK:S" as "FK:s"
            else:
                tokens.append(("word", f"{name} {value}" if value else name))
            continue
        if kind == "word" and m.group("word") in _OPERATORS:
            operator = _OPERATORS[m.group("word")]
            if operator is not None:
                tokens.append(("word", "OR") if operator == "OR" else ("neg", "neg"))
            continue
        if kind == "word" and _is_short_prefix(m.group("word")):
            short.append(f"”{m.group('word').rstrip('*')}*”")
        if kind == "phrase":
            starred += _STARRED.findall(m.group("phrase"))
        tokens.append((kind, m.group(kind) if kind in _VALUED else kind))
    notices.extend(_said_once(said, unread, short))
    if starred := list(dict.fromkeys(starred)):
        notices.append(_starred_notice(starred))
    return _place_filters(tokens, filters, readings)


def is_inflected_acronym(text: str) -> bool:
    """Whether `text` ("FK:s", "fk:s", "SIP:AR") is an acronym with its Swedish ending, which
    the query reads as one word, not as a filter."""
    return bool(_INFLECTED.fullmatch(text)) or _inflected_acronym(text) is not None


def _inflected_acronym(text: str) -> str | None:
    """An acronym with a Swedish ending typed in lower case or in capitals ("fk:s", "FK:S",
    "Sip:ar"), as the text writes it ("FK:s"), else None."""
    m = _ANY_CASE_INFLECTED.fullmatch(text)
    if m is None or m.group(2).lower() not in _ACRONYM_ENDINGS:
        return None
    head = m.group(1).upper()
    return f"{head}:{m.group(2).lower()}" if is_acronym(head) else None


# A word of a quoted phrase that ends in "*" ("extern genom*"): the phrase searches the word.
_STARRED = re.compile(r"([^\W_][\w-]*)\*")


def _starred_notice(words: list[str]) -> str:
    """What a user who typed "*" inside quotes is told: a phrase holds whole words, so
    ""extern genom*"" searched "extern genom" and, without a word, found nothing."""
    typed = first_few([f"”{w}*”" for w in words])
    read = first_few([f"”{w}”" for w in words])
    notice = f"Inom citattecken är * inget prefix: {typed} söktes som {read}."
    if prefixes := [w for w in words if len(w) >= 2]:  # "a*" is no prefix anywhere
        notice += f" Utan citattecken hittar {prefixes[0]}* alla ord som börjar så."
    return notice


def _said_once(said: list[str], unread: list[tuple[str, str]], short: list[str]) -> list[str]:
    """The notices of a query's tokens, each said once: `said` without repeats, the filters in
    `unread` whose advice is the same named together ("Filtren år:x och år:y förstods inte
    …"), and every prefix in `short` in one sentence, each value once in the order typed and
    past `NAMED_AT_MOST` counted (`first_few`)."""
    advice: dict[str, list[str]] = {}
    for name, value in dict.fromkeys(unread):
        notice = unread_filter_notice(name, value)
        rest = notice.removeprefix(f"{_UNREAD} {name}:{value} {_UNREAD_VERB}")
        advice.setdefault(rest, []).append(f"{name}:{value}")
    notices = list(dict.fromkeys(said))
    for rest, named in advice.items():
        if len(named) == 1:
            notices.append(f"{_UNREAD} {named[0]} {_UNREAD_VERB}{rest}")
        else:
            notices.append(f"Filtren {first_few(named)} {_UNREAD_VERB}{rest}")
    if short := list(dict.fromkeys(short)):
        notices.append(
            f"Ett prefix behöver minst två tecken före *: {first_few(short)} ingick inte i "
            "sökningen."
        )
    return notices


def _place_filters(
    tokens: list[tuple[str, str]], filters: Filters, readings: list[str]
) -> list[tuple[str, str]]:
    """Take each filter that narrows the whole search out of `tokens` into `filters`: one not
    excluded, not an alternative of OR, and not in parentheses beside an OR ("(ESF år:2024)
    OR NNS"). The others stay as tokens for the parser (`Filter` nodes), which the compiler
    places in the query's logic."""
    kept: list[tuple[str, str]] = []
    depth = 0
    has_or = ("word", "OR") in tokens
    for i, (kind, value) in enumerate(tokens):
        depth += kind == "lparen"
        depth -= kind == "rparen"
        if kind == "filter":
            before = tokens[i - 1] if i else None
            after = tokens[i + 1] if i + 1 < len(tokens) else None
            name, _, raw = value.partition(":")
            if before == ("neg", "neg"):
                first = tokens[i - 2] if i >= 2 else None
                alternative = ("word", "OR") in (first, after)
                # "-förbund:halland OR budget" finds Halland's sections with budget too, as
                # an excluded word's line says (`search.interpretation.exclusions`).
                said = "ett alternativ till OR: allt " if alternative else ""
                readings.append(f"-{value} → {said}{exclusion_reading(_FIELDS[name], raw)}")
                if not depth and not alternative:
                    # Outside the query's logic it narrows the whole search, as a filter does.
                    filters.excluded.append((_FIELDS[name], raw))
                    kept.pop()  # the "-"
                    continue
            elif (depth and has_or) or ("word", "OR") in (before, after):
                # In the query's logic it selects sections, and beside OR it is one of the
                # alternatives: "förbund:halland OR ESF" finds ESF outside Halland too.
                said = "ett alternativ till OR: " if ("word", "OR") in (before, after) else ""
                readings.append(f"{value} → {said}{logic_reading(_FIELDS[name], raw)}")
            else:
                reading = f"bara {apply_filter(_FIELDS[name], raw, filters)}"
                if not any(line.endswith(f"→ {reading}") for line in readings):
                    readings.append(f"{value} → {reading}")  # once: "år:2024 year:2024"
                continue
        kept.append((kind, value))
    return kept


def _is_short_prefix(word: str) -> bool:
    """ "a*": a prefix of one character, which would match nearly every word."""
    return word.endswith("*") and len(word.rstrip("*")) == 1


def _paragraph(text: str, *, goal: bool = False) -> Paragraph:
    """ "§ 47" → § 47 only; "§§ 12-14" and "§§ 14–12" → § 12 to § 14. A letter is read past:
    the index holds the number of "§ 47a", so "§ 47a" finds § 47 and § 47a. Goals alike."""
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    return Paragraph(min(numbers), max(numbers), goal)


def _reference(text: str, *, goal: bool = False) -> Paragraph | Or:
    """One reference ("§ 47", "§§ 12-14"), or a list of them ("§ 12, 14", "§§ 12 och 14-16",
    "mål 3 och 5") read as alternatives: any of those sections."""
    parts = tuple(
        dict.fromkeys(_paragraph(piece, goal=goal) for piece in re.split(_LIST, text.strip()))
    )
    return parts[0] if len(parts) == 1 else Or(parts, grouped=True)


def _is_reference(node: Node) -> bool:
    """A § or Mål reference, or alternatives of them alone ("§ 11 OR § 12")."""
    if isinstance(node, Or):
        return all(isinstance(c, Paragraph) for c in node.children)
    return isinstance(node, Paragraph)


def _reference_parts(node: Node) -> tuple[Paragraph, ...]:
    return node.children if isinstance(node, Or) else (node,)  # type: ignore[return-value]


_NAMES = {"forbund": "förbund", "year": "år", "kind": "typ", "date": "datum"}
_EXAMPLES = {
    "forbund": "förbund:blekinge",
    "year": "år:2024",
    "kind": "typ:beslut",
    "date": "datum:2024-01-01..2024-06-30",
}


# How a notice of an unread filter begins: "Filtret år:x förstods inte och användes inte".
_UNREAD, _UNREAD_VERB = "Filtret", "förstods inte och användes inte"


def unread_filter_notice(name: str, value: str) -> str:
    """What a user is told of a filter whose value cannot be read, and how to write it: a
    year as a date ("datum:2024") points to `år:`, a kind lists the kinds."""
    said = f"{_UNREAD} {name}:{value} {_UNREAD_VERB}"
    field = _FIELDS[name.lower()]
    if field == "date" and re.fullmatch(r"\d{4}", value.strip()):
        year = value.strip()
        return f"{said} — skriv år:{year} eller datum:{year}-01-01..{year}-12-31."
    if field == "date":
        for part in filter(None, _dashed_range(value.strip(), _DAY).split("..")):
            try:
                parse_date(part)
            except NoSuchDate as exc:  # the form is right, the day does not exist
                return f"{said}: {exc}."
            except ValueError:
                break
        return f"{said} — skriv datum som ÅÅÅÅ-MM-DD, till exempel {_EXAMPLES['date']}."
    if field == "year" and (years := re.fullmatch(r"(\d{4})(?:[,;/&]\d{4})*[,;/&](\d{4})", value)):
        each = " OR ".join(f"{name}:{year}" for year in re.findall(r"\d{4}", value))
        return (
            f"{said} — skriv ett intervall som {name}:{years.group(1)}..{years.group(2)}, "
            f"eller åren med OR: {each}."
        )
    if field == "year" and re.search(r"(?<!\d)0000(?!\d)", value):
        return f"{said} — år 0000 finns inte i kalendern; skriv till exempel {_EXAMPLES[field]}."
    if field == "kind":
        kinds = ", ".join(f"typ:{kind}" for kind in sorted(KINDS))
        return f"{said} — skriv typ:beslut (bara beslut) eller en dokumenttyp: {kinds}."
    return f"{said} — skriv till exempel {_EXAMPLES[field]}."


def _forbund_slugs(value: str) -> list[str]:
    """The slugs a förbund filter's `value` names: the förbund whose slug, name or alias it
    is, or every one whose slug has its words, or of its genitive ("hallands"), else the
    value as a slug (which no förbund has: the search says so). A list ("halland,blekinge"),
    which no name is, names each of its parts, as the filter repeated does: read whole, it
    was the unknown "halland-blekinge"."""
    registry = Registry.default()
    found = [f.slug for f in registry.matching(value)]
    if not found and len(value) > 3 and value.endswith("s"):
        # a genitive, as the words of a query are read ("Hallands", "Östra Södertörns"):
        # "förbund:hallands" was the unknown slug "hallands", and found nothing
        found = [f.slug for f in registry.matching(value[:-1])]
    if found or "," not in value:
        return found or [slugify(value)]
    parts = [part for part in split_forbund([value]) if slugify(part)]
    return list(dict.fromkeys(s for part in parts for s in _forbund_slugs(part) if s))


def exclusion_reading(name: str, value: str) -> str:
    """What excluding filter `name` (a readable `value`) leaves out, as the interpretation
    line and the page's active filters say it: "utom förbundet ”halland”"; -typ:beslut leaves
    out the sections with decisions, not "beslutstext"."""
    desc = apply_filter(name, value, Filters())
    return "utom sektioner med beslut" if desc == "beslutstext" else f"utom {desc}"


def logic_reading(name: str, value: str) -> str:
    """What filter `name` (a readable `value`) selects as a part of the query's logic (an
    alternative of OR, or in a group beside one), as the interpretation line says it:
    "förbundet ”halland”"; typ:beslut selects the sections with decisions there, where on
    the whole search it keeps the search to decision text ("beslutstext")."""
    desc = apply_filter(name, value, Filters())
    return "sektioner med beslut" if desc == "beslutstext" else desc or value


def apply_filter(name: str, value: str, filters: Filters) -> str | None:
    """Add one filter to `filters` and say what it selects ("förbundet ”halland”", "år
    2024"); None when the value cannot be read (the caller adds a notice). A range written
    backwards ("år:2025..2023") is turned around, as "§§ 14-12" is: nothing lies between
    its ends as written. A second year or date range narrows the first (both must hold)."""
    value = value.strip()
    if not value:
        return None
    if name == "forbund":
        slugs = _forbund_slugs(value)
        if not slugs or not slugs[0]:
            return None
        filters.forbund += slugs
        if slugs == [NO_FORBUND]:
            return "sektioner utan förbund"
        if len(slugs) == 1:
            return f"förbundet ”{slugs[0]}”"
        return f"förbunden {listed([f'”{slug}”' for slug in slugs])}"
    if name == "kind":
        lowered = value.lower()
        if lowered in _DECISION_WORDS:
            filters.decisions_only = True
            return "beslutstext"
        if lowered in KINDS:
            filters.kinds.append(lowered)
            return f"dokument av typen {lowered}"
        return None
    if name == "year":
        value = _dashed_range(value, _YEAR)
        m = re.fullmatch(r"(\d{4})?(?:\.\.(\d{4})?)?", value)
        if not m or not (m.group(1) or m.group(2)):
            return None
        first = int(m.group(1)) if m.group(1) else None
        last = int(m.group(2)) if m.group(2) else None
        if 0 in (first, last):  # no year 0: "år:0000" must not read as "no bound"
            return None
        if ".." not in value:
            last = first
        first, last, turned = _ordered(first, last)
        filters.year_from = _later(filters.year_from, first)
        filters.year_to = _earlier(filters.year_to, last)
        return _range_reading("år", first, last, turned)
    if name == "date":
        start, sep, end = _dashed_range(value, _DAY).partition("..")
        try:
            first_day = parse_date(start) if start else None  # ÅÅÅÅ-MM-DD only
            last_day = parse_date(end) if end else None
        except ValueError:
            return None
        if not sep:
            last_day = first_day
        if first_day is None and last_day is None:
            return None
        first_day, last_day, turned = _ordered(first_day, last_day)
        filters.date_from = _later(filters.date_from, first_day)
        filters.date_to = _earlier(filters.date_to, last_day)
        return _range_reading("datum", first_day, last_day, turned)
    return None


_YEAR = r"\d{4}"
_DAY = r"\d{4}-\d{2}-\d{2}"


def _dashed_range(value: str, end: str) -> str:
    """A range written with a dash between its two ends, as Swedish writes "2023–2024"
    ("år:2023-2024", "år:2023-24", "datum:2024-01-01–2024-06-30"), in the query language's
    form ("2023..2024"); any other `value` as it is. It was a filter not understood, whose notice
    showed a single year, not how to write the range."""
    m = re.fullmatch(rf"({end})[-–]({end})", value)
    if m is None and end == _YEAR and (short := re.fullmatch(r"(\d\d)(\d\d)[-–](\d\d)", value)):
        century, first, last = short.groups()  # "2023-24": the year after in its century
        return f"{century}{first}..{century}{last}" if first < last else value
    return f"{m.group(1)}..{m.group(2)}" if m else value


_Bound = TypeVar("_Bound", int, date)


def _ordered(
    first: _Bound | None, last: _Bound | None
) -> tuple[_Bound | None, _Bound | None, bool]:
    """The ends in order, and whether they had to be turned around."""
    if first is not None and last is not None and first > last:
        return last, first, True
    return first, last, False


def _later(a: _Bound | None, b: _Bound | None) -> _Bound | None:
    return b if a is None else a if b is None else max(a, b)


def _earlier(a: _Bound | None, b: _Bound | None) -> _Bound | None:
    return b if a is None else a if b is None else min(a, b)


def _range_reading(what: str, first: object, last: object, turned: bool) -> str:
    """ "år 2024", "år 2020–2022", "datum från 2024-01-01" …"""
    if first == last:
        text = f"{what} {first}"
    elif last is None:
        text = f"{what} från {first}"
    elif first is None:
        text = f"{what} till och med {last}"
    else:
        text = f"{what} {first}–{last}"
    return f"{text} (skrivet baklänges och vänt)" if turned else text


class _Parser:
    """Recursive descent over: and := or+ ; or := unary ('OR' unary)* ; unary := '-'? atom.

    OR binds tighter than the words beside it, as in the web search engines people know:
    "samverkan förbund:blekinge OR förbund:halland" is samverkan in either förbund, and
    "ESF OR NNS budget" is budget with either acronym. Parentheses group otherwise."""

    # Deeper nesting than anyone writes is read as plain words (and never recurses deeply).
    MAX_DEPTH = 20

    def __init__(self, tokens: list[tuple[str, str]], readings: list[str] | None = None) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0
        self.readings = readings
        # The groups of references read as alternatives (`_either_reference`), for `readings`.
        self.alternatives: list[Or] = []

    def parse(self) -> Node | None:
        if not self.tokens:
            return None
        node = self._and()
        if self.i != len(self.tokens):
            raise QuerySyntaxError("unexpected ')'")
        if self.readings is not None:
            for group in self.alternatives:
                named = ", ".join(describe(child) for child in group.children)
                self.readings.append(f"{named} → någon av dem (en sektion har ett enda nummer)")
        return node

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def _and(self) -> Node:
        children: list[Node] = []
        while (tok := self._peek()) is not None and tok[0] != "rparen":
            if tok == ("word", "OR"):  # an OR with nothing before it in its group
                raise QuerySyntaxError(_DANGLING_OR)
            children.append(self._or())
        if not children:
            raise QuerySyntaxError("empty group")
        return _and(self._either_reference(children))

    def _either_reference(self, children: list[Node]) -> list[Node]:
        """`children` with its § and Mål references side by side ("§12 §13", "Mål 3 Mål 5",
        "(§ 11 OR § 12) § 13") made one group of alternatives where the first stood. A section
        has one number, so read as all of them they found nothing, and the notice then said
        that no § 12 matched, which the index had. An excluded reference is left as it is:
        "-§ 12 -§ 13" leaves out both."""
        refs = [c for c in children if _is_reference(c)]
        if len(refs) < 2:
            return children
        parts = tuple(dict.fromkeys(p for r in refs for p in _reference_parts(r)))
        either = Or(parts, grouped=True) if len(parts) > 1 else parts[0]
        self.alternatives = [a for a in self.alternatives if not any(a is r for r in refs)]
        if isinstance(either, Or):
            self.alternatives.append(either)
        return [
            either if c is refs[0] else c
            for c in children
            if c is refs[0] or not any(c is r for r in refs)
        ]

    def _or(self) -> Node:
        children = [self._unary()]
        while self._peek() == ("word", "OR"):
            self.i += 1
            tok = self._peek()
            if tok is None or tok[0] == "rparen" or tok == ("word", "OR"):
                raise QuerySyntaxError(_DANGLING_OR)
            children.append(self._unary())
        children = list(dict.fromkeys(children))  # "ESF OR ESF" is "ESF"
        return children[0] if len(children) == 1 else Or(tuple(children))

    def _unary(self) -> Node:
        kind, _value = self.tokens[self.i]
        if kind == "neg":
            self.i += 1
            if self._peek() is None:
                raise QuerySyntaxError(_DANGLING_NOT)
            return Not(self._atom())
        return self._atom()

    def _atom(self) -> Node:
        kind, value = self.tokens[self.i]
        self.i += 1
        if kind == "lparen":
            self.depth += 1
            if self.depth > self.MAX_DEPTH:
                raise QuerySyntaxError("nested too deeply")
            node = self._and()
            self.depth -= 1
            if self._peek() != ("rparen", "rparen"):
                raise QuerySyntaxError("unclosed '('")
            self.i += 1
            return replace(node, grouped=True) if isinstance(node, Or) else node
        if kind == "phrase":
            return Phrase(value)
        if kind in ("para", "goal"):
            node = _reference(value, goal=kind == "goal")
            if isinstance(node, Or):
                self.alternatives.append(node)
            return node
        if kind == "filter":
            name, _, raw = value.partition(":")
            return Filter(_FIELDS[name], raw)
        if kind == "word":
            if value.endswith("*") and len(value.rstrip("*")) >= 2:
                return Word(value.rstrip("*"), prefix=True)
            if _is_short_prefix(value):  # "a*" would match nearly everything: left out
                return Phrase("")
            # "ungdoms- och …": a trailing hyphen is the Swedish shared-ending dash.
            word = value.strip("*").rstrip("-")
            return Word(word) if word else Phrase("")

        raise QuerySyntaxError(f"unexpected {kind}")


def _and(children: list[Node]) -> Node | None:
    """All of `children`, each once: "sa* sa* sa*" asks no more than "sa*" and should cost
    no more."""
    children = list(dict.fromkeys(children))
    if not children:
        return None
    return children[0] if len(children) == 1 else And(tuple(children))


def describe(node: Node | None) -> str:
    """The tree written back as query text (used in notices and tests)."""
    if node is None:
        return ""
    if isinstance(node, Word):
        return node.text + ("*" if node.prefix else "")
    if isinstance(node, Phrase):
        return f'"{node.text}"'
    if isinstance(node, Paragraph):
        if node.first == node.last:
            return f"{'Mål' if node.goal else '§'} {node.first}"
        return f"{'Mål' if node.goal else '§§'} {node.first}–{node.last}"
    if isinstance(node, Filter):
        value = f'"{node.value}"' if " " in node.value else node.value
        return f"{_NAMES[node.name]}:{value}"
    if isinstance(node, Not):
        child = describe(node.child)
        return f"-({child})" if isinstance(node.child, And | Or) else f"-{child}"
    if isinstance(node, And):
        return " ".join(
            f"({describe(c)})" if isinstance(c, Or) else describe(c) for c in node.children
        )
    if isinstance(node, Or):
        return " OR ".join(
            f"({describe(c)})" if isinstance(c, And) else describe(c) for c in node.children
        )
    return str(node)  # a node the compiler made (see search.expansion), which says itself
