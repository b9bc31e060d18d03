"""The interpretation a search shows ("Så tolkades frågan"): one line per thing a reader may
want to check, in words, of how the query was read. How a word is searched (its inflections,
its other spellings, a compound's parts), what a phrase, a prefix or a § number finds, what an
abbreviation or a förbund's name adds, what is excluded, which common words were left out and
how OR was grouped.

Apart from `search.compile` because none of it decides what is found: the compiler builds the
tantivy query and asks here for the line that says what it did. The lines are Swedish text for
the reader; the word list and the index's vocabulary are read only to choose which forms to
name, never to match.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import replace

from index import analysis
from index.errors import listed
from index.lexicon import Lexicon
from search.query import And, Filter, Node, Not, Or, Paragraph, Phrase, Word, describe

# --- lines for what the compiler searches -------------------------------------------------


def abbreviation_line(typed: list[str], alternatives: list[list[str]], negated: bool) -> str:
    """An abbreviation and its long forms, or a long form and its abbreviation, both found:
    "ESF ↔ Europeiska socialfonden eller socialfonden". Excluded (`negated`), the other
    forms are left out too, which the line says as an excluded förbund name's does
    (`forbund_line`): "budget NOT NNS" said "NNS ↔ Nationella nätverket …", the line of a
    word searched with its long form."""
    if negated:
        said = " eller ".join(f"”{' '.join(a)}”" for a in alternatives)
        return f"{' '.join(typed)} → inte heller {said}"
    said = " eller ".join(" ".join(a) for a in alternatives)
    return f"{' '.join(typed)} ↔ {said}"


def forbund_line(phrase: str, name: str, negated: bool) -> str:
    """Words that name a förbund ("blekinge"), which also find its sections, or, excluded,
    leave them out too."""
    also = "inte heller något" if negated else "även allt"
    return f"{phrase} → {also} från {name}"


def hyphenated_line(word: str, parts: str) -> str:
    """A word typed as several ("ESF-projekten", "Landskrona/Svalöv"), read as their phrase."""
    return f"{word} → frasen ”{parts}”, orden i följd{_in_forms(parts)}"


def split_line(word: str, parts: list[str], spelled: Sequence[str]) -> str | None:
    """A compound also found written apart ("internkontroll → även ”intern kontroll”"); None
    when the word's other spellings were named (`spelled`) or the split is not worth saying
    (`_split_worth_saying`)."""
    if not spelled and _split_worth_saying(word, parts):
        return f"{word} → även ”{' '.join(parts)}”"
    return None


def prefix_line(prefix: str, lowered: str) -> str:
    return f"{prefix}* → ord som börjar på ”{lowered}”"


def exact_form_line(text: str) -> str:
    """A single word in quotes: its exact form only."""
    return f"”{text}” → bara just den formen av ordet"


def phrase_line(text: str) -> str:
    return f"”{text}” → orden i följd{_in_forms(text)}"


def paragraph_line(node: Paragraph) -> str:
    """A § or Mål number (or range): the sections so numbered, not the number in the text."""
    single = node.first == node.last
    if node.goal:
        sections = "målet med det numret" if single else "målen med de numren"
    else:
        sections = "paragrafen med det numret" if single else "paragraferna med de numren"
    return f"{describe(node)} → {sections}, inte ord i texten"


# --- lines for the query as typed -----------------------------------------------------------


def grouping(tree: Node | None) -> list[str]:
    """The interpretation's line for how words and OR were grouped, when the parser grouped an
    OR with the words beside it where the user typed no parentheses ("ESF OR NNS budget" →
    "(ESF OR NNS) budget"): OR binds tighter than the words beside it, as in web search
    engines, and a reader who meant otherwise sees it here. A query whose every OR among
    other words stands in the user's own parentheses ("(ESF OR NNS) budget") was read as
    written and gets no line. A part that searches nothing ("a*", a lone "-") is left out of
    it, as of the search: the line said ("" OR budget) samverkan for "a* OR budget samverkan".

    An excluded word binds to the OR after it as any word does: "a NOT b OR c" is read as
    "a (-b OR c)", sections with a that lack b or have c. Whoever typed it most likely meant
    to exclude both, so the line says that the excluded word is one of the alternatives and
    how to write the other reading ("a -(b OR c)")."""
    shown = _without_empty(tree)
    if not _groups_unwritten(shown):
        return []
    line = f"Lästes som {describe(shown)} — OR gäller orden närmast före och efter"
    excluding = _excluding_all(shown)
    if excluding != shown:
        line += f", också ett uteslutet ord (för att utesluta alla: {describe(excluding)})"
    return [line]


def _without_empty(node: Node | None) -> Node | None:
    """`node` without the empty phrases the parser makes of what searches nothing (a
    one-letter prefix, a lone "-"), a group left with one part read as that part."""
    if isinstance(node, Phrase) and not node.text:
        return None
    if isinstance(node, Not):
        child = _without_empty(node.child)
        return None if child is None else Not(child)
    if isinstance(node, And | Or):
        children = [c for c in map(_without_empty, node.children) if c is not None]
        if len(children) <= 1:
            return children[0] if children else None
        return replace(node, children=tuple(children))  # an Or keeps its `grouped`
    return node


def _groups_unwritten(node: Node | None) -> bool:
    """Whether an OR stands among other words without parentheses typed around it (an And
    holding an Or that is not `grouped`, at any depth): the grouping the parser chose."""
    if isinstance(node, Not):
        return _groups_unwritten(node.child)
    if isinstance(node, And):
        return any(
            (isinstance(c, Or) and not c.grouped) or _groups_unwritten(c) for c in node.children
        )
    if isinstance(node, Or):
        return any(_groups_unwritten(c) for c in node.children)
    return False


def _excluding_all(node: Node) -> Node:
    """`node` with each OR the parser grouped that has an excluded alternative ("-b OR c")
    turned into the exclusion of all its alternatives ("-(b OR c)"): the other reading of
    "a NOT b OR c", for the grouping line to offer. `node` itself when there is none."""
    if isinstance(node, Not):
        return Not(_excluding_all(node.child))
    if isinstance(node, And):
        return And(tuple(map(_excluding_all, node.children)))
    if not isinstance(node, Or):
        return node
    children = tuple(map(_excluding_all, node.children))
    if node.grouped or not any(isinstance(c, Not) for c in children):
        return replace(node, children=children)
    alternatives = tuple(dict.fromkeys(c.child if isinstance(c, Not) else c for c in children))
    return Not(alternatives[0] if len(alternatives) == 1 else Or(alternatives, grouped=True))


def exclusions(node: Node | None, negated: bool = False, *, alternative: bool = False) -> list[str]:
    """The interpretation's lines for what the query, as typed, excludes: words, phrases and
    groups (an excluded filter has its reading from the parser). An excluded part that is an
    `alternative` of OR ("-b OR c") excludes nothing from the search: it finds the sections
    without it, and its line says so."""
    if isinstance(node, Not):
        child = node.child
        lines = exclusions(child, not negated)
        if negated or isinstance(child, Filter):
            return lines
        if isinstance(child, Word) and _searches_nothing(child):
            return [
                f"-{child.text} → utesluter inget: ”{child.text}” är ett vanligt småord "
                f'(stoppord) som inte söks ensamt; skriv -"{child.text}" för att utesluta '
                "sektioner med just det ordet"
            ]
        if isinstance(child, Word):
            what = f"ordet ”{describe(child)}”"
        elif isinstance(child, Phrase):
            what = f"frasen ”{child.text}”"
        elif numbers := _reference_numbers(child):
            what = numbers
        else:
            what = "det som står inom parentesen"
        minus = f"-({describe(child)})" if isinstance(child, And | Or) else f"-{describe(child)}"
        if alternative:
            return [f"{minus} → ett alternativ till OR: sektioner utan {what}", *lines]
        return [f"{minus} → inte sektioner med {what}", *lines]
    if isinstance(node, And | Or):
        among_or = isinstance(node, Or)
        return [
            line for c in node.children for line in exclusions(c, negated, alternative=among_or)
        ]
    return []


# Stopwords that say "not": typed before a word ("budget inte NNS") they may have been meant
# to exclude it, which only "-NNS" (or the operator INTE) does.
_NEGATIONS = frozenset(("inte", "ej", "icke"))


def left_out(tree: Node | None) -> list[str]:
    """The interpretation's line for the common words the search left out ("och", "inte"),
    which were otherwise dropped without a word: "budget inte NNS" finds sections with both
    budget and NNS, and a reader who meant to exclude NNS is told to write -NNS. Excluded
    words have their own line (`exclusions`); [] when nothing was left out."""
    left: list[str] = []
    excluding: list[str] = []
    for siblings in _word_runs(tree):
        for i, node in enumerate(siblings):
            if not isinstance(node, Word) or not _searches_nothing(node):
                continue
            left.append(node.text)
            after = siblings[i + 1] if i + 1 < len(siblings) else None
            if node.text.lower() in _NEGATIONS and isinstance(after, Word | Phrase):
                excluding.append(describe(after) if isinstance(after, Word) else f'"{after.text}"')
    if not left:
        return []
    words = list(dict.fromkeys(left))
    line = f"{listed([f'”{w}”' for w in words])} → "
    line += (
        "vanliga småord som lämnades ute"
        if len(words) > 1
        else "ett vanligt småord som lämnades ute"
    )
    if excluding:
        line += f" (för att utesluta {excluding[0]}, skriv -{excluding[0]})"
    return [line]


def _word_runs(node: Node | None) -> list[tuple[Node, ...]]:
    """The runs of nodes the query lists side by side, outside exclusions: an AND's children,
    and a lone word as a run of one."""
    if isinstance(node, And):
        return [node.children, *(run for c in node.children for run in _word_runs(c))]
    if isinstance(node, Or):
        return [run for c in node.children for run in _word_runs(c)]
    return [(node,)] if isinstance(node, Word) else []


def _reference_numbers(node: Node) -> str | None:
    """What an excluded § or Mål reference leaves out, "numret § 3", "numren § 3 och § 12",
    or None for anything else: "-§ 3" and a list "-§ 3, 12" were said to leave out "det som
    står inom parentesen", of a query without one."""
    parts = node.children if isinstance(node, Or) else (node,)
    refs = [part for part in parts if isinstance(part, Paragraph)]
    if not refs or len(refs) < len(parts):
        return None
    one = len(refs) == 1 and refs[0].first == refs[0].last
    return f"{'numret' if one else 'numren'} {listed([describe(ref) for ref in refs])}"


def _searches_nothing(word: Word) -> bool:
    """Whether a plain word is no search term: a stopword alone ("och"), which the search
    leaves out, excluded too ("budget -och" finds what "budget" finds)."""
    if word.prefix:
        return False
    positioned = analysis.positioned_words(word.text)
    return len(positioned) == 1 and analysis.query_terms(positioned[0][1].text)["stem"] is None


def describe_terms(
    word: str,
    terms: dict[str, str | None],
    known: Container[str] | None = None,
    spelled: Sequence[str] = (),
) -> str:
    """How a plain word is searched, in words a reader checks at a glance. The stem itself
    is not shown: Snowball's "projek" or "ext" read as typos; forms from the word list that
    share it, and that the indexed text has (`known`, when given), say the same thing
    ("projekt, projektet, projekten …"). `spelled`: the word as written with å, ä or ö
    (`spelled_with_letters`), which its folded terms find."""
    stem = terms["stem"] or ""
    forms = _inflections(word, stem, known) or _base_inflections(word, stem, known)
    if forms:
        said = f"alla böjningsformer ({', '.join(forms)} …)"
    elif any(c.isalpha() for c in word):
        said = "alla böjningsformer"
    else:
        said = "som det står"  # "2024": a number has no inflections
    parts = [f"{word} → {said}"]
    if terms.get("part"):
        parts.append("även som del av sammansatta ord")
    fold = (terms.get("fold") or "")[1:]
    if fold and fold != stem:
        # Å, ä and ö are letters of their own in Swedish, not accented a and o: say which
        # letters the other spelling does without.
        letters = sorted({c for c in stem if analysis.fold(c) != c}, key=_SWEDISH_ORDER.find)
        parts.append(f"även stavat utan {listed(letters)} ”{analysis.fold(word.lower())}”")
    if spelled:
        lowered = word.lower()
        letters = sorted(
            {c for form in spelled for c, typed in zip(form, lowered, strict=True) if c != typed},
            key=_SWEDISH_ORDER.find,
        )
        shown = " eller ".join(f"”{_as_typed(form, word)}”" for form in spelled)
        parts.append(f"även stavat med {listed(letters)} {shown}")
    return ", ".join(parts)


def _as_typed(form: str, word: str) -> str:
    """`form` in the case `word` was typed in: "Soderasen" is "Söderåsen", "ARSREDOVISNING"
    "ÅRSREDOVISNING", as the suggestion keeps a capital the user typed."""
    if word.isupper() and len(word) > 1:
        return form.upper()
    return form[:1].upper() + form[1:] if word[:1].isupper() else form


# Spellings with å, ä and ö tried for a word typed without them, and how many are named.
_MAX_SPELLED = 64
_SHOWN_SPELLINGS = 2


def spelled_with_letters(
    word: str, terms: dict[str, str | None], known: Container[str] | None = None
) -> list[str]:
    """The words a word typed without å, ä and ö may stand for, as Swedish writes them, that
    its folded terms find: "arsredovisning" is "årsredovisning", "forbundet" "förbundet".
    The line said nothing of them, though the hits' marks showed those words, and a split
    of the typed letters ("delarsrapport" → ”delar rapport”) read as what was searched for.
    A spelling counts when the indexed text has it (`known`) or the word list does, it is no
    stopword, and its folded stem is the typed word's, so the search finds it. Commonest
    first. Not for an acronym ("AF" is no "ÅF") nor a word of two letters, whose spellings
    in the word list are mostly noise ("pa" as "pä")."""
    lowered = word.lower()
    fold = terms.get("fold")
    if not fold or len(lowered) < 3 or not lowered.isalpha() or analysis.is_acronym(word):
        return []
    if analysis.fold(lowered) != lowered:
        return []
    lexicon = Lexicon.default()
    options = analysis.spellings(lowered, _MAX_SPELLED) or [lowered]
    found = [
        form
        for form in options[1:]
        if ((known is not None and form in known) or lexicon.zipf(form) > 0)
        and not analysis.is_stopword(form)
        and analysis.FOLD + analysis.fold(analysis.query_terms(form)["stem"] or "") == fold
    ]
    return sorted(found, key=lambda form: -lexicon.zipf(form))[:_SHOWN_SPELLINGS]


# Endings tried on a query word to show its inflections: nouns, adjectives, verbs.
_ENDINGS = (
    "en", "et", "n", "t", "er", "ar", "or", "r", "na", "erna", "arna", "orna", "a", "e",
    "s", "ns", "ens", "ets", "de", "ts", "ade", "at",
)  # fmt: skip
_SHOWN_FORMS = 3
# Past-tense endings that show a verb beside a typed word in "-e" (möte: mötte; sammanträde:
# sammanträdde).
_PAST = ("de", "te", "ade")
_VERB_ENDINGS = ("a", "ar", "ade", "at", "de", "te", "ts")


def _inflections(word: str, stem: str, known: Container[str] | None = None) -> list[str]:
    """`word` and up to three of its commonest inflections in the word list: the typed word
    with an ending that keeps its stem ("projekt" → projektet, projekten; "medel" → medlen,
    "program" → programmet). Cheap (the stems of a few known words per query word), and only
    forms that extend the word, so a stem shared with another word (ledare, leda) does not
    show that word as an inflection. With `known`, the words of the indexed documents, only
    forms among them are listed (the typed word always is); the rules above still judge every
    form the word list has, so a verb's form the index lacks still marks its neighbours."""
    lowered = word.lower()
    if not stem or not lowered.isalpha():
        return []
    bases = {lowered}
    if len(lowered) > 3 and lowered[-2] == "e" and lowered[-1] in "lnr":
        dropped = lowered[:-2] + lowered[-1]  # the unstressed e drops: medel, medlet
        bases.add(dropped)
        if dropped[-2] == dropped[-3]:
            bases.add(dropped[:-2] + dropped[-1])  # and a double consonant: nummer, numret
    if lowered[-1] in "mn":
        bases.add(lowered + lowered[-1])  # the m or n doubles: program, programmet
    lexicon = Lexicon.default()
    found: dict[str, float] = {}
    spelt: dict[str, str] = {}  # ending -> the form found with it
    for base in bases:
        for ending in _ENDINGS:
            form = base + ending
            zipf = lexicon.zipf(form)
            if form == lowered or zipf <= 0 or analysis.is_stopword(form):
                continue  # a stopword ("kunde" beside "kund") is no search term
            if analysis.stem(form) != stem:
                continue
            # One spelling per ending: the word list also has misspellings ("nummret" beside
            # "numret"), which the commoner form outnumbers.
            other = spelt.get(ending)
            if other is not None:
                if found[other] >= zipf:
                    continue
                del found[other]
            spelt[ending] = form
            found[form] = zipf
    if lowered[-1] == "e" and any(lexicon.zipf(lowered[:-1] + past) for past in _PAST):
        # "möter" is möta's present tense (mötte), not a form of "möte", though they share
        # the stem; "kunder" stays kund's plural, there being no past tense "kundde"
        found.pop(lowered + "r", None)
    neuter = lowered + "et" in found
    if (neuter or lowered + "en" in found) and any(lexicon.zipf(lowered + p) for p in _PAST):
        # a noun beside a verb: "mål" (målet) is no form of måla (målade), nor "beslut" of
        # besluta, nor "stöd" of stödja (stödde); its forms are the noun's. A neuter noun has
        # no plural in -er, so "stöder" is the verb's too.
        for ending in (*_VERB_ENDINGS, "er") if neuter else _VERB_ENDINGS:
            found.pop(lowered + ending, None)
    listed_forms = found if known is None else [form for form in found if form in known]
    commonest = sorted(listed_forms, key=lambda form: -found[form])[:_SHOWN_FORMS]
    return [lowered, *commonest] if commonest else []


# Endings of nouns' definite, plural and genitive forms, longest first: what a typed form
# ("protokollet", "insatserna", "förbundets") is its base form and.
_NOUN_ENDINGS = tuple(
    sorted(
        ("en", "et", "n", "na", "erna", "arna", "orna", "ens", "ets", "ns", "s", "er", "ar", "or"),
        key=len,
        reverse=True,
    )
)


def _base_inflections(word: str, stem: str, known: Container[str] | None = None) -> list[str]:
    """For an inflected form typed ("genomlysningen", "protokollet", "insatserna"), whose
    own endings `_inflections` finds none of: the typed word, then its base form and the base
    form's inflections (`_inflections`), as the indexed text has them. The line said only
    "alla böjningsformer" of such a word, though "protokoll" said "(protokoll, protokollet
    …)". The base is the typed word without a noun's ending, a word of the word list (or of
    the index) with the same stem; a verb's present tense ("möter", whose past is "mötte")
    gets none of the noun "möte"'s forms."""
    lowered = word.lower()
    if not stem or not lowered.isalpha():
        return []
    lexicon = Lexicon.default()
    for ending in _NOUN_ENDINGS:
        base = lowered.removesuffix(ending)
        if base == lowered or len(base) < 3:
            continue
        if not (lexicon.zipf(base) > 0 or (known is not None and base in known)):
            continue
        if analysis.is_stopword(base) or analysis.stem(base) != stem:
            continue
        if ending in ("er", "ar", "or") and any(lexicon.zipf(base + p) for p in _PAST):
            return []  # "möter", "läser": a verb's present tense (mötte), no noun's plural
        forms = _inflections(base, stem, known) or [base]
        shown = [f for f in forms if f != lowered and (known is None or f in known)]
        return [lowered, *shown[:_SHOWN_FORMS]] if shown else []
    return []


# Letters the folded spelling drops, in the order a reader lists them.
_SWEDISH_ORDER = "åäöéèêëüáàâãóòôõøíìîïçñýæœß"


# A part's spelling with å, ä or ö put back that is this much commoner (Zipf) shows that the
# word was typed without them, and that the part is a cut in the wrong place.
_LIKELIER_SPELLING = 1.0
# The most spellings of a part tried (each a or o may be å, ä or ö).
_MAX_SPELLINGS = 64


def _in_forms(words: str) -> str:
    """What a phrase's line adds of inflections: none for numbers alone ("2025-06-11",
    "2024/25"), which have none, as a number's own line says ("som det står")."""
    return ", i alla böjningsformer" if any(c.isalpha() for c in words) else ""


def _split_worth_saying(word: str, parts: list[str]) -> bool:
    """Whether the interpretation line should show the split of compound `word` into
    `parts`. A word typed without å, ä and ö is split as it is spelled, and may then be cut
    into nonsense: "samordningsforbundet" becomes samordning, for, bundet, where the reader
    meant "förbundet". Such a split is still searched (it finds what it finds), but it is
    not shown when a part spelled with å, ä or ö is a much commoner word ("för" for "for")."""
    if analysis.fold(word.lower()) != word.lower():
        return True  # written with the letters: split as meant
    lexicon = Lexicon.default()
    for part in parts:
        own = lexicon.zipf(part)
        for other in analysis.spellings(part, _MAX_SPELLINGS) or ():
            if other != part and lexicon.zipf(other) >= own + _LIKELIER_SPELLING:
                return False
    return True
