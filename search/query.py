"""The query language: what a user types, read into a tree and a set of filters.

    genomlysning ESF                   all words must match (AND is the default)
    "extern genomlysning"              an exact phrase
    budget -revision                   exclude a word (or -"a phrase", -(a group))
    ESF OR NNS, (ESF OR NNS) budget    alternatives and grouping
    samverk*                           prefix
    förbund:blekinge  forbund:         filter by förbund (slug or name; several allowed)
    år:2024  year:2020..2022           filter by year or a range of years
    typ:beslut                         only decision text; typ:protokoll / typ:rapport by kind
    datum:2024-01-01..2024-06-30       filter by meeting date (either end may be open)
    § 47  §§ 12-14                     the paragraph(s) with that number (several allowed)
    Mål 8  mål 3-5                     a report's goal(s) with that number

Nothing a user types raises: text that cannot be read as written (an unclosed quote or
parenthesis, a dangling OR) is searched as plain words, with a notice saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from index.metadata import slugify

MAX_QUERY_CHARS = 500


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
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = Word | Phrase | Paragraph | Not | And | Or


@dataclass
class Filters:
    forbund: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    decisions_only: bool = False
    year_from: int | None = None
    year_to: int | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass
class ParsedQuery:
    tree: Node | None
    filters: Filters
    notices: list[str] = field(default_factory=list)


class QuerySyntaxError(ValueError):
    """Raised inside the parser only; `parse` turns it into a plain-word search."""


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
_TOKEN = re.compile(
    r"""\s*(?:
        (?P<lparen>\()|(?P<rparen>\))
      | (?P<neg>-)(?=["(\w§])
      | (?P<para>§§?\s*\d{1,4}[a-f]?(?:\s*[-–]\s*\d{1,4}[a-f]?)?)(?![\w§])
      | (?P<goal>(?i:mål)\s*\d{1,2}(?:\s*[-–]\s*\d{1,2})?)(?![\w§])
      | (?P<field>[^\W\d_]+):(?:"(?P<fquoted>[^"]*)"|(?P<fvalue>[^\s()"]+))
      | "(?P<phrase>[^"]*)"
      | (?P<quote>")
      | (?P<word>[^\s()"]+)
    )""",
    re.VERBOSE,
)
# Tokens whose text the parser needs (the rest are known by their kind alone).
_VALUED = ("phrase", "word", "para", "goal")
KINDS = {"protokoll", "protokollsutdrag", "rapport", "annat"}
_DECISION_WORDS = {"beslut", "decision", "beslutade"}


def parse(text: str) -> ParsedQuery:
    """Read a query; never raises."""
    notices: list[str] = []
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notices.append(f"Frågan var för lång och kortades till {MAX_QUERY_CHARS} tecken.")
    filters = Filters()
    try:
        tokens = _tokenize(text, filters, notices)
        tree = _Parser(tokens).parse()
    except QuerySyntaxError:
        words = [w for w in re.findall(r"[^\W_]+(?:[-:][^\W_]+)*", text) if w != "OR"]
        tree = _and([Word(w) for w in words])
        filters = Filters()
        notices.append(
            "Frågan kunde inte tolkas som skriven (till exempel ett citattecken eller en "
            "parentes som inte stängs) och söktes som vanliga ord."
        )
    return ParsedQuery(tree, filters, notices)


def _tokenize(text: str, filters: Filters, notices: list[str]) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
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
        if kind in ("fquoted", "fvalue"):
            name = m.group("field").lower()
            value = m.group("fquoted") if m.group("fquoted") is not None else m.group("fvalue")
            if name in _FIELDS:
                if not _apply_filter(_FIELDS[name], value, filters):
                    notices.append(f"Filtret {name}:{value} förstods inte och användes inte.")
                continue
            tokens.append(("word", f"{name} {value}"))
            continue
        if kind == "word" and _is_short_prefix(m.group("word")):
            word = m.group("word").rstrip("*")
            notices.append(
                f"Ett prefix behöver minst två tecken före *: ”{word}*” ingick inte i sökningen."
            )
        tokens.append((kind, m.group(kind) if kind in _VALUED else kind))
    return tokens


def _is_short_prefix(word: str) -> bool:
    """ "a*": a prefix of one character, which would match nearly every word."""
    return word.endswith("*") and len(word.rstrip("*")) == 1


def _paragraph(text: str, *, goal: bool = False) -> Paragraph:
    """ "§ 47" → § 47 only; "§§ 12-14" and "§§ 14–12" → § 12 to § 14. A letter is read past:
    the index holds the number of "§ 47a", so "§ 47a" finds § 47 and § 47a. Goals alike."""
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    return Paragraph(min(numbers), max(numbers), goal)


def _apply_filter(name: str, value: str, filters: Filters) -> bool:
    """Add one filter; False when the value cannot be read (the caller adds a notice)."""
    value = value.strip()
    if not value:
        return False
    if name == "forbund":
        slug = slugify(value)
        if slug:
            filters.forbund.append(slug)
        return bool(slug)
    if name == "kind":
        lowered = value.lower()
        if lowered in _DECISION_WORDS:
            filters.decisions_only = True
            return True
        if lowered in KINDS:
            filters.kinds.append(lowered)
            return True
        return False
    if name == "year":
        m = re.fullmatch(r"(\d{4})?(?:\.\.(\d{4})?)?", value)
        if not m or not (m.group(1) or m.group(2)):
            return False
        if ".." not in value:
            filters.year_from = filters.year_to = int(m.group(1))
        else:
            filters.year_from = int(m.group(1)) if m.group(1) else None
            filters.year_to = int(m.group(2)) if m.group(2) else None
        return True
    if name == "date":
        start, sep, end = value.partition("..")
        try:
            first = date.fromisoformat(start) if start else None
            last = date.fromisoformat(end) if end else None
        except ValueError:
            return False
        if not sep:
            last = first
        if first is None and last is None:
            return False
        filters.date_from, filters.date_to = first, last
        return True
    return False


class _Parser:
    """Recursive descent over: or := and ('OR' and)* ; and := unary+ ; unary := '-'? atom."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.i = 0

    def parse(self) -> Node | None:
        if not self.tokens:
            return None
        node = self._or()
        if self.i != len(self.tokens):
            raise QuerySyntaxError("unexpected ')'")
        return node

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def _or(self) -> Node:
        children = [self._and()]
        while self._peek() == ("word", "OR"):
            self.i += 1
            children.append(self._and())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def _and(self) -> Node:
        children: list[Node] = []
        while (tok := self._peek()) is not None and tok[0] != "rparen" and tok != ("word", "OR"):
            children.append(self._unary())
        if not children:
            raise QuerySyntaxError("empty group or dangling OR")
        return _and(children)

    def _unary(self) -> Node:
        kind, _value = self.tokens[self.i]
        if kind == "neg":
            self.i += 1
            if self._peek() is None:
                raise QuerySyntaxError("dangling '-'")
            return Not(self._atom())
        return self._atom()

    def _atom(self) -> Node:
        kind, value = self.tokens[self.i]
        self.i += 1
        if kind == "lparen":
            node = self._or()
            if self._peek() != ("rparen", "rparen"):
                raise QuerySyntaxError("unclosed '('")
            self.i += 1
            return node
        if kind == "phrase":
            return Phrase(value)
        if kind in ("para", "goal"):
            return _paragraph(value, goal=kind == "goal")
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
    if isinstance(node, Not):
        child = describe(node.child)
        return f"-({child})" if isinstance(node.child, And | Or) else f"-{child}"
    if isinstance(node, And):
        return " ".join(
            f"({describe(c)})" if isinstance(c, Or) else describe(c) for c in node.children
        )
    return " OR ".join(describe(c) for c in node.children)
