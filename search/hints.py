"""Hints a search gives beside its answer: what the user may have meant by how the query was
written ("ESF or NNS", "titel:budget", "2025-06-11", "paragraf 47", "§39").

Apart from `search.engine` because they read the query as typed, not the index: each hint is a
pure function of the query text (or its tree) that returns one Swedish sentence or None. The
few that check whether what they would suggest finds anything are handed a `finds` callable
by the engine, so nothing here opens an index. `nothing_found_hints` is the list a search
that found nothing gives, in the order the notice shows them; `operator_hint` is also given
beside hits.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable

from index.analysis import is_stopword
from index.errors import listed
from index.lines import PARAGRAPH_NUMBER_NO_YEAR
from index.metadata import MONTH_NAMES
from index.synonyms import Abbreviations
from search.query import READ_NAMES, And, Node, Or, Paragraph, describe, is_inflected_acronym


def nothing_found_hints(
    q: str,
    tree: Node | None,
    *,
    abbreviations: Abbreviations,
    heads: bool,
    finds: Callable[[str], bool],
    filtered: bool,
) -> list[str | None]:
    """Every hint for a search of `q` (parsed as `tree`) that found nothing, in the order the
    notice shows them (None where a hint has nothing to say). `heads`: a search of documents'
    heads; `finds` and `filtered` as for `date_hint`."""
    return [
        field_hint(q),
        operator_hint(q, abbreviations=abbreviations),
        date_hint(q, heads=heads, finds=finds, filtered=filtered),
        paragraph_word_hint(q, heads=heads, finds=finds, filtered=filtered),
        slash_hint(q, finds=finds),
        reference_hint(tree, heads=heads),
    ]


# Operators written in lower case, which the query language reads as words ("ESF or NNS"):
# the English ones as words to search, the Swedish ones as stopwords, left out.
_LOWER_OPERATORS = {"or": "OR", "and": "AND", "not": "NOT", "eller": "ELLER", "inte": "INTE"}


# The lower-case operators that turn a question for either word into one for both: hinted at
# also when the search found something, since the hits then answer another question.
_LOWER_ALTERNATIVES = frozenset({"or", "eller"})


def operator_hint(
    q: str, found_hits: bool = False, abbreviations: Abbreviations | None = None
) -> str | None:
    """A hint when the query has an operator written in lower case between words ("ESF or
    NNS", "ESF eller NNS"), which asked for both words (and "or") where the user meant
    either. A search that found nothing is hinted at for every such operator; one that found
    something only for "or" and "eller": "beslut inte fattat" is ordinary Swedish, while
    "ESF eller NNS" found only the sections that name both. An operator inside a long form
    of `abbreviations` is part of a name ("Individual Placement and Support", IPS), also in
    brackets; one inside a quoted phrase is a word of that phrase, as the user asked."""
    words = q.split()
    candidates = _LOWER_ALTERNATIVES if found_hits else _LOWER_OPERATORS
    named = _in_long_forms(words, abbreviations) if abbreviations is not None else set()
    found = [
        w
        for i, w in enumerate(words[1:-1], start=1)
        if w in candidates
        and i not in named
        and not _in_phrase(words, i)
        and not _PAIRED_WITH.get(w, set()) & {x.lower() for x in words[:i]}
    ]
    if not found:
        return None
    word = found[0]
    read = "är ett stoppord och söktes inte" if is_stopword(word) else "söktes som ett vanligt ord"
    meant = " ".join(_LOWER_OPERATORS.get(w, w) if w in found else w for w in words)
    return f"”{word}” {read}. Operatorer skrivs med versaler: {meant}."


def _in_long_forms(words: list[str], abbreviations: Abbreviations) -> set[int]:
    """Indexes of the words that are part of a long form in the abbreviation table, read
    without the quotes and brackets around them ("IPS (Individual Placement and Support)")."""
    bare = [w.strip(_AROUND_WORDS) for w in words]
    return {i for start, end, _ in abbreviations.expand(bare) for i in range(start, end)}


_AROUND_WORDS = '"()'


def _in_phrase(words: list[str], i: int) -> bool:
    """Whether word `i` stands inside a closed quoted phrase ("ESF or NNS" in quotes)."""
    before = sum(w.count('"') for w in words[:i])
    return before % 2 == 1 and any('"' in w for w in words[i + 1 :])


# "varken … eller" and "antingen … eller" are Swedish, not a mistyped operator ("unga som
# varken arbetar eller studerar", the long form of UVAS).
_PAIRED_WITH = {"eller": {"varken", "antingen"}}

_BARE_DATE = re.compile(r"(?<![\w:.])(\d{4}-\d{2}-\d{2})(?![\w.])")


# "11 juni 2025", "juni 2025": a date or a month as Swedish writes it out.
_WRITTEN_DATE = re.compile(
    rf"(?<![\w:.])(?:(\d{{1,2}})\s+)?({'|'.join(MONTH_NAMES)})\s+(\d{{4}})(?![\w.])", re.IGNORECASE
)


# A date or year filter typed in the query (`search.query`'s names for them, in any case).
_TIME_FILTER = re.compile(r"(?<!\w)(?:datum|date|år|ar|year):", re.IGNORECASE)


# How a hint says that what it would point to is missing: from the index, or from what the
# search's filters leave of it (a meeting of 2025-06-11 in another förbund than the one asked).
_WITH_FILTERS = {False: "", True: " med sökningens filter"}


# "titel:budget", "kommun:halmstad": a name before a colon that is no filter, which the
# query reads as its words in a row (`search.query`); quoted values too ("titel:"a b"").
_NAMED_VALUE = re.compile(r'(?<![\w:/.])([^\W\d_]{3,20}):(?:"([^"]*)"|([^\W\d_][^\s()"]*))')


def field_hint(q: str) -> str | None:
    """For a search that found nothing: a hint when the query writes a filter that does not
    exist ("titel:budget", "kommun:halmstad"), which was searched as its words in a row
    and found nothing, and said nothing of why. Names the filters there are. An acronym's
    ending ("FK:s"), an address ("https:…") and a colon inside a quoted phrase are no such
    filter."""
    for m in _NAMED_VALUE.finditer(q):
        name, value = m.group(1), m.group(2) if m.group(2) is not None else m.group(3)
        if name.lower() in READ_NAMES or is_inflected_acronym(f"{name}:{value}"):
            continue
        if q[: m.start()].count('"') % 2 or not value.strip():
            continue  # inside a phrase the colon is the text's
        words = " ".join(f"{name.lower()} {value}".split())
        return (
            f"Det finns inget filter {name}:, så ”{m.group(0)}” söktes som orden ”{words}” i "
            "följd. Filtren är förbund:, år:, datum: och typ:."
        )
    return None


# "Försäkringskassan/Arbetsförmedlingen": two words joined by a slash, which the query
# reads as the words in a row (as "Landskrona/Svalöv" is written), not numbers ("2024/25").
_SLASHED = re.compile(r"(?<![\w/])([^\W\d_][\w-]*)/([^\W\d_][\w-]*)(?![\w/])")


def slash_hint(q: str, finds: Callable[[str], bool] | None = None) -> str | None:
    """For a search that found nothing: a hint when two words joined by a slash (read as
    the words in a row, "Försäkringskassan/Arbetsförmedlingen") found nothing, pointing to
    both words anywhere, or to either, as `finds` (with the search's filters) says one of
    them finds something, the rest of the query alike; the slash stands for "och/eller" in
    Swedish, and the text may name the two apart. Nothing is said of a slash in a quoted
    phrase."""
    for m in _SLASHED.finditer(q):
        if q[: m.start()].count('"') % 2:
            continue
        a, b = m.group(1), m.group(2)
        both, either = f"{a} {b}", f"{a} OR {b}"

        def found(instead: str, m: re.Match[str] = m) -> bool:  # the query, otherwise alike
            return finds is None or finds(q[: m.start()] + instead + q[m.end() :])

        if found(both):
            return (
                f"”{m.group(0)}” söktes som orden i följd. Skriv {both} för sektioner med båda "
                f"orden, eller {either} för något av dem."
            )
        if found(f"({either})"):
            return f"”{m.group(0)}” söktes som orden i följd. Skriv {either} för något av dem."
    return None


def date_hint(
    q: str,
    *,
    heads: bool = False,
    finds: Callable[[str], bool] | None = None,
    filtered: bool = False,
) -> str | None:
    """For a search that found nothing: a hint when the query has a date as a word, which is
    searched in the text, where the user may have meant the meeting's date; also one written
    out ("11 juni 2025"), and a month ("juni 2025"), which points to its days. A search of
    documents' `heads` is told to add a word of the head: a filter alone searches no head,
    and "datum:2025-06-11" typed there was only told to give a word. A query that has a
    date or year filter already ("11 juni 2025 datum:2025-06-11") is told nothing: it was
    told to add the filter it had. `finds` says whether the hinted query, with the search's
    own filters (`filtered`: it has some), finds anything: a filter that would find nothing
    either is not offered ("Skriv datum:2019-01-01." sent the reader to a second empty
    page); the hint then says that there are no meetings then."""
    found = None if _TIME_FILTER.search(q) else _date_filter(q)
    if found is None:
        return None
    when, written = found
    if finds is not None and not finds(written):
        days = written.removeprefix("datum:").replace("..", "–")
        return f"Söker du möten {when}? Inga möten {days} finns i indexet{_WITH_FILTERS[filtered]}."
    if heads:
        return (
            f"Söker du möten {when}? Skriv {written} tillsammans med ett ord ur huvudet, till "
            "exempel ett namn eller en mötesplats."
        )
    return f"Söker du möten {when}? Skriv {written}."


def _date_filter(q: str) -> tuple[str, str] | None:
    """The day or month a query writes as words (`date_hint`), as "den dagen" or "den
    månaden" and the `datum:` filter that finds its meetings."""
    if m := _BARE_DATE.search(q):
        return "den dagen", f"datum:{m.group(1)}"
    m = _WRITTEN_DATE.search(q)
    if m is None:
        return None
    # casefold, not lower: the case-blind match also takes "ſ" for "s" ("auguſti"), which
    # lower() keeps, and the month's lookup then raised on a user's query.
    year, month = int(m.group(3)), MONTH_NAMES.index(m.group(2).casefold()) + 1
    if year == 0:  # no year 0000 (`datum:` says so of its own)
        return None
    last = calendar.monthrange(year, month)[1]
    if m.group(1) is None:
        return "den månaden", (
            f"datum:{year:04d}-{month:02d}-01..{year:04d}-{month:02d}-{last:02d}"
        )
    if not 1 <= int(m.group(1)) <= last:
        return None
    return "den dagen", f"datum:{year:04d}-{month:02d}-{int(m.group(1)):02d}"


# "paragraf 47", "paragrafer 12-14", "paragraf 3 och 12": a § reference written out in words,
# as people say it. A later number of a list is no year ("paragraf 5 och 2024"), as in a query.
_PARAGRAPH_ITEM = r"\d{1,4}(?:\s*[-–]\s*\d{1,4})?"
_PARAGRAPH_LATER = rf"{PARAGRAPH_NUMBER_NO_YEAR}(?:\s*[-–]\s*{PARAGRAPH_NUMBER_NO_YEAR})?"
_PARAGRAPH_WORD = re.compile(
    rf"(?<![\w§])paragraf(?:en|erna|er)?\s+({_PARAGRAPH_ITEM}"
    rf"(?:\s*(?:,|&|\boch\b)\s*{_PARAGRAPH_LATER})*)(?![\w§])",
    re.IGNORECASE,
)
_PARAGRAPH_NUMBERS = re.compile(r"(\d+)(?:\s*[-–]\s*(\d+))?")


def paragraph_word_hint(
    q: str,
    *,
    heads: bool = False,
    finds: Callable[[str], bool] | None = None,
    filtered: bool = False,
) -> str | None:
    """For a search that found nothing: a hint when the query writes a § reference out in
    words ("paragraf 47"), which searches the word and the number in the text, where the
    user most likely meant the paragraph itself ("§ 47"). A search of documents' `heads` is
    told to write it among the search's hits: a head has no §, and "§ 47" typed there was
    only told so. No § 0 or Mål 0 exists ("paragraf 0" got "Skriv § 0."): no hint for it.
    `finds` says whether the hinted query, with the search's own filters (`filtered`: it
    has some), finds anything: a reference no paragraph has ("paragraf 99") is not offered,
    and the hint says that none has the number."""
    m = _PARAGRAPH_WORD.search(q)
    if m is None:
        return None
    items = [(int(a), int(b) if b else None) for a, b in _PARAGRAPH_NUMBERS.findall(m.group(1))]
    if any(0 in item for item in items):
        return None
    first, last = items[0]
    # A list ("paragraf 3 och 12") was named by its first number alone.
    ask, written = (
        ("paragrafen med det numret", f"§ {first}")
        if last is None and len(items) == 1
        else (
            "paragraferna med de numren",
            "§§ " + ", ".join(f"{a}-{b}" if b else str(a) for a, b in items),
        )
    )
    if finds is not None and not finds(written):
        number = "det numret" if ask.startswith("paragrafen ") else "något av de numren"
        return (
            f"Söker du {ask}? Ingen paragraf med {number} finns i indexet{_WITH_FILTERS[filtered]}."
        )
    if heads:
        return (
            f"Söker du {ask}? Sök {written} bland sökningens träffar: dokumentens huvud "
            "(titel, plats, närvarande) har inga paragrafer."
        )
    return f"Söker du {ask}? Skriv {written}."


def reference_hint(tree: Node | None, *, heads: bool = False) -> str | None:
    """For a search that found nothing: a hint when the query names one § or Mål ("§39"),
    which matches the section with that number, where the user may have wanted the places
    in the text that refer to it ("enligt §39"). Those are found as a phrase. A search of
    documents' `heads` (title, place, attendance) has no § or Mål at all: it is told to look
    among the search's hits instead, where it had been told that no § 47 matched, of an index
    that had one."""
    if heads:
        return _heads_reference_hint(_references(tree, ranges=True))
    found = _references(tree)
    if not found:
        return None
    named = list(dict.fromkeys(describe(node) for node in found))
    if len(named) > 1:
        # A list ("§ 3, 12") was named by its first number alone.
        phrases = " OR ".join(f'"{name}"' for name in named)
        return (
            f"Ingen av {listed(named)} matchar sökningen. Hänvisningar till dem i texten hittas "
            f"inom citattecken: {phrases}."
        )
    node = found[0]
    which = "Inget mål" if node.goal else "Ingen paragraf"
    return (
        f"{which} med numret {node.first} matchar sökningen. Hänvisningar till den i texten hittas "
        f'inom citattecken: "{describe(node)}".'
    )


def _heads_reference_hint(found: list[Paragraph]) -> str | None:
    """The heads' hint of `reference_hint`, naming every reference the query asks for: a
    range ("§§ 12-14") found nothing over heads and was told nothing, and a list ("§ 3, 12")
    was named by its first number alone."""
    if not found:
        return None
    goals = [node.goal for node in found]
    which = "mål" if all(goals) else "paragrafer eller mål" if any(goals) else "paragrafer"
    named = listed(list(dict.fromkeys(describe(node) for node in found)))
    return (
        f"Dokumentens huvud (titel, plats, närvarande) har inga {which}: sök {named} bland "
        "sökningens träffar i stället."
    )


def _references(tree: Node | None, *, ranges: bool = False) -> list[Paragraph]:
    """The single-number references the query asks for (not those it excludes); with
    `ranges`, also those of several numbers ("§§ 12-14")."""
    if isinstance(tree, Paragraph):
        return [tree] if ranges or tree.first == tree.last else []
    if isinstance(tree, And | Or):
        return [p for child in tree.children for p in _references(child, ranges=ranges)]
    return []
