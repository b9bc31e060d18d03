"""What the compiler adds to the query as typed before it builds anything: an abbreviation's
other forms ("ESF" also finds "Europeiska socialfonden", and the long form typed finds "ESF")
and a förbund's sections for the words that name it ("budget blekinge").

Apart from `search.compile` because it is a rewrite of the query's tree into another tree,
with two node kinds of its own (`_OneOf`, `_InForbund`) that the compiler then builds like
any other node; nothing here makes a tantivy query. Each rewrite adds its line to the
interpretation (`search.interpretation`).
"""

from __future__ import annotations

from dataclasses import dataclass

from index import analysis
from index.metadata import Forbund, Registry
from index.synonyms import Abbreviations
from search.interpretation import abbreviation_line, forbund_line
from search.query import And, Node, Not, Or, Phrase, Word

# Where `_Expansion.node` puts a run of words: first child index -> (last index, new node).
_Replaced = dict[int, tuple[int, Node]]


def expand(
    node: Node,
    abbreviations: Abbreviations,
    registry: Registry | None,
    lines: list[str],
) -> Node:
    """`node` with runs of plain words rewritten so that an abbreviation also finds its long
    form and back, and a förbund's name also its sections (`registry`: none without it).
    Each rewrite adds its interpretation line to `lines`."""
    return _Expansion(abbreviations, registry, lines).node(node)


@dataclass(frozen=True)
class _Expansion:
    abbreviations: Abbreviations
    registry: Registry | None
    lines: list[str]

    def node(self, node: Node, negated: bool = False) -> Node:
        """`node` rewritten. `negated`: the node is excluded, which the lines then say."""
        if isinstance(node, Word):
            node = And((node,))
        if isinstance(node, Not):
            return Not(self.node(node.child, not negated))
        if isinstance(node, Or):
            return Or(tuple(self.node(c, negated) for c in node.children))
        if not isinstance(node, And):
            return node
        children = [self.node(c, negated) if not isinstance(c, Word) else c for c in node.children]
        words = [
            (i, c.text) for i, c in enumerate(children) if isinstance(c, Word) and not c.prefix
        ]
        if words:
            replaced = self._abbreviations(children, words, negated)
            self._forbund_names(children, words, replaced, negated)
            if replaced:
                children = _rebuilt(children, replaced)
        return children[0] if len(children) == 1 else And(tuple(children))

    def _abbreviations(
        self, children: list[Node], words: list[tuple[int, str]], negated: bool
    ) -> _Replaced:
        """The runs of `words` (child index, text) that are an abbreviation or one of its long
        forms, each as itself or its other forms (`_OneOf`); the longest match wins. `negated`:
        the words are excluded, which their line says."""
        texts = [t for _, t in words]
        replaced: _Replaced = {}
        taken: set[int] = set()
        for (start, end), alternatives in _by_span(self.abbreviations.expand(texts)):
            first, last = words[start][0], words[end - 1][0]
            span = set(range(first, last + 1))
            if last - first != end - start - 1 or taken & span:
                # interrupted by a phrase or a negation, or inside a longer match
                # ("socialfonden" in "Europeiska socialfonden"): read once, as the longer
                continue
            taken |= span
            alt: Node = _OneOf(tuple(_words_node(a) for a in alternatives))
            if (written := self._as_written(texts[start:end])) is not None:
                alt = Or((_words_node(written), alt))
            replaced[first] = (last, _either(children[first : last + 1], alt))
            self.lines.append(abbreviation_line(texts[start:end], alternatives, negated))
        return replaced

    def _as_written(self, typed: list[str]) -> list[str] | None:
        """The abbreviation table's spelling of `typed` when `typed` is it written without
        å, ä and ö ("forsakringskassan"), else None. Searched beside the abbreviation, in
        full weight (it is the name typed, not another form of it), it lets the sections that
        write the name out rank above those that abbreviate it; the folded match alone weighs
        a quarter, as the abbreviation does (`search.compile.ABBREVIATION_WEIGHT`)."""
        written = self.abbreviations.written(typed)
        if written is None:
            return None
        plain = " ".join(typed).lower()
        as_written = " ".join(written).lower()
        if as_written == plain or analysis.fold(plain) != plain:
            return None
        return written if analysis.fold(as_written) == plain else None

    def _forbund_names(
        self,
        children: list[Node],
        words: list[tuple[int, str]],
        replaced: _Replaced,
        negated: bool = False,
    ) -> None:
        """Runs of plain words that name a förbund ("blekinge", "skåne nordost") also find that
        förbund's sections, as a user typing "budget blekinge" means; the longest name wins.
        Adds to `replaced` (first child index -> (last index, new node)), beside abbreviations.
        """
        if self.registry is None:
            return
        taken = {i for first, (last, _) in replaced.items() for i in range(first, last + 1)}
        k = 0
        while k < len(words):
            for size in range(min(_MAX_NAME_WORDS, len(words) - k), 0, -1):
                run = words[k : k + size]
                first, last = run[0][0], run[-1][0]
                if last - first != size - 1 or taken & set(range(first, last + 1)):
                    continue  # interrupted by a phrase or a negation, or already expanded
                phrase = " ".join(text for _, text in run)
                named = _named(self.registry, phrase)
                if named is None or _names_another_body(words, k + size, last):
                    continue
                replaced[first] = (
                    last,
                    _either(children[first : last + 1], _InForbund(named.slug)),
                )
                self.lines.append(forbund_line(phrase, named.name, negated))
                k += size
                break
            else:
                k += 1


def _rebuilt(children: list[Node], replaced: _Replaced) -> list[Node]:
    """`children` with each replaced run (`_Expansion._abbreviations`, `_forbund_names`) put
    as its one new node."""
    rebuilt: list[Node] = []
    i = 0
    while i < len(children):
        if i in replaced:
            last, new = replaced[i]
            rebuilt.append(new)
            i = last + 1
        else:
            rebuilt.append(children[i])
            i += 1
    return rebuilt


_MAX_NAME_WORDS = 6  # "samordningsförbundet ale kungälv stenungsund och tjörn"


@dataclass(frozen=True)
class _OneOf:
    """Made by the compiler, not typed: an abbreviation's other forms (its long forms, or
    the abbreviation of a long form typed), of which a section scores as its best match, at
    `ABBREVIATION_WEIGHT`. "ESF" is "Europeiska socialfonden" or "socialfonden": summed, a
    section that writes the first would count "socialfonden" twice. Weighed in full, a
    section that only says "AF" twice ranked above one that writes "Arbetsförmedlingen" out,
    for a search for "arbetsförmedlingen"."""

    children: tuple[Node, ...]

    def __str__(self) -> str:
        return " OR ".join(str(c) for c in self.children)


@dataclass(frozen=True)
class _InForbund:
    """Made by the compiler, not typed: every section of a förbund its words name."""

    slug: str

    def __str__(self) -> str:
        return f"förbund:{self.slug}"


# Nouns that, after a place name, make it the name of another body than the förbund: "Lunds
# universitet", "Göteborgs stad", "Malmö stad", "Hallands sjukhus". A searcher typing them means
# that body, so the place name is a text word there (a förbund named so, "Stockholms stad", is
# matched as a whole name first). Topic words ("Blekinges budget") keep the förbund's reading.
_OTHER_BODY_NOUNS = """
    kommun kommuns kommunen kommunens stad stads staden stadens universitet universitets
    universitetet universitetets högskola högskolas högskolan högskolans sjukhus sjukhuset
    sjukhusets universitetssjukhus universitetssjukhuset universitetssjukhusets landsting
    landstings landstinget landstingets tingsrätt tingsrätts tingsrätten tingsrättens stift
    stifts stiftet stiftets
"""


_OTHER_BODIES = frozenset(_OTHER_BODY_NOUNS.split())


def _names_another_body(words: list[tuple[int, str]], after: int, last: int) -> bool:
    """Whether the word right after a run of query words (`words[after]`, if it follows the
    run's last child `last` directly) makes the run part of another body's name."""
    if after >= len(words) or words[after][0] != last + 1:
        return False
    return words[after][1].lower() in _OTHER_BODIES


def _named(registry: Registry, phrase: str) -> Forbund | None:
    """The förbund `phrase` names, also in the genitive: "Blekinges", "SFSNO:s"."""
    found = registry.named(phrase)
    if found is None:
        bare = analysis.base_form(phrase)
        if bare == phrase and len(phrase) > 3 and phrase[-1] in "sS":
            bare = phrase[:-1]
        found = registry.named(bare) if bare != phrase else None
    return found


def _words_node(words: list[str]) -> Node:
    """One word as a word, several as a phrase."""
    text = " ".join(words)
    return Word(text) if len(words) == 1 else Phrase(text)


def _by_span(
    found: list[tuple[int, int, list[str]]],
) -> list[tuple[tuple[int, int], list[list[str]]]]:
    """`Abbreviations.expand`'s matches grouped by the words they cover, in its order
    (by start, longest first): "ESF" has two long forms, and is one reading."""
    spans: dict[tuple[int, int], list[list[str]]] = {}
    for start, end, alternative in found:
        alternatives = spans.setdefault((start, end), [])
        if alternative not in alternatives:
            alternatives.append(alternative)
    return list(spans.items())


def _either(original: list[Node], alternative: Node) -> Or:
    """The query words `original` as typed, or `alternative` (an abbreviation's long form, a
    förbund's sections): what `_expand` puts in their place."""
    own = original[0] if len(original) == 1 else And(tuple(original))
    return Or((own, alternative))
