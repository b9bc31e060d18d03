"""Swedish text analysis: the one place that turns text into search terms.

Indexing, querying, highlighting and suggestions all call this module, so a word is analysed
the same way wherever it appears and the layers can never disagree about what matches.

Every word produces several terms at the same position, one of each kind. The index keeps each
kind in its own field (`index.schema`); the prefixes keep the kinds apart wherever they meet in
one set (highlighting, tests) and keep a stopword's exact term distinct from any stem:

====================  ================================  =========================================
kind                  term                              matches
====================  ================================  =========================================
exact                 ``=genomlysningen``               the surface form, lower-cased
stem                  ``genomlysning``                  any inflection (Snowball + our fixes)
part                  ``>uppdrag``                      a compound part ("genomlysningsuppdraget")
fold                  ``~forbundsordning``              the stem without diacritics (å/ä→a, ö→o)
====================  ================================  =========================================

- Stopwords (Snowball's 114) get only the exact term: they are no search terms on their own, but
  a phrase that contains them ("ungdoms- och civilsamhällesfrågor") still matches.
- Acronyms (ESF, NNS, MUCF) are not stemmed: exact ``=esf`` and stem ``esf``.
- Numbers are words; "4,6", "15.00" and "06:1" stay one word.
- A hyphenated word ("ESF-projekten") occupies one position per part, each with its own terms,
  so the word "ESF" and the phrases "ESF-projekten" and "ESF projekten" all match it. Query
  phrases must be built from `positioned_words()` to use the same positions.
- The fold term is emitted only when it differs from the stem, so the plain stem never
  conflates "för" and "for"; queries typed without å, ä and ö carry it (`query_terms`), which
  lets "forbundsordning" still find "förbundsordning".

Stems depend only on Snowball and the shipped word list, never on vocabulary added later, so an
index built today and a query analysed tomorrow agree. Compound parts use the lexicon passed in
(by default the shipped one); the query side never splits, it looks its stem up as a part.
Changing the rules or the word lists changes terms: `fingerprint()` changes with them, and the
index stores it, so the next indexing run analyses every indexed document again.

`analyze()` gives the terms per position with character offsets (for highlighting);
`index_terms()` returns the same terms as `Term` objects for tests and tools. `field_texts()`
is the indexer's fast path: the same terms, one space-separated string per kind, which tantivy
only splits at the spaces (see `index.schema`).
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import unicodedata
from dataclasses import dataclass

import snowballstemmer

from index.lexicon import CACHE_LIMIT, DOMAIN_FILE, STOPWORDS, WORDS_FILE, Lexicon, shipped_words

__all__ = [
    "KINDS",
    "STOPWORDS",
    "Term",
    "Word",
    "analyze",
    "field_texts",
    "fingerprint",
    "fold",
    "index_terms",
    "is_acronym",
    "is_stopword",
    "positioned_words",
    "query_terms",
    "spellings",
    "split_compound",
    "stem",
    "words",
]

EXACT = "="
PART = ">"
FOLD = "~"

# Bump when a rule here or in index.lexicon changes the terms a text produces.
ANALYSIS_VERSION = 8

# Longest word that is analysed; longer runs of letters (base64, garbage from a PDF) only get a
# truncated exact term, which keeps terms small and analysis linear.
MAX_WORD = 64
MAX_TERM = 200


@dataclass(frozen=True, slots=True)
class Word:
    """A word as the tokenizer found it: surface text and its character offsets in the input."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Term:
    """One index term: the term string, its position, and the character span it highlights."""

    term: str
    position: int
    start: int
    end: int


@functools.cache
def fingerprint() -> str:
    """A short hash of the analysis rules' version and the word lists they read.

    The index stores it (`Store.analysis_is_current`): when it differs, the index holds terms
    this code would no longer produce, and the indexer analyses every document again.
    """
    h = hashlib.sha256(f"finsok-analysis-{ANALYSIS_VERSION}".encode())
    for path in (WORDS_FILE, DOMAIN_FILE):
        h.update(path.read_bytes() if path.exists() else b"-")
    return h.hexdigest()[:16]


# -- tokenizer ---------------------------------------------------------------------------------

# A segment is a run of letters and digits; inside numbers ".", "," and ":" join digits
# ("4,6", "15.00", "§06:1"). Segments joined by a hyphen form one word ("ESF-projekten",
# "2025-2026"); a trailing hyphen ("ungdoms- och") is punctuation. A colon plus a short
# lower-case ending after an acronym or number is Swedish inflection and stays in the word
# ("ESF:s", "APU:n").
_HYPHENS = "-\u2010\u2011"
_SEGMENT = r"[^\W_]{c}*(?:(?<=\d)[.,:](?=\d){c}+)*"
_TOKEN = r"{seg}(?:[" + _HYPHENS + r"]{seg})*(?:(?<=[A-ZÅÄÖÉÜ0-9]):[a-zåäöé]{{1,3}}(?![^\W_]))?"
_FAST_RE = re.compile(_TOKEN.format(seg=_SEGMENT.format(c=r"[^\W_]")))
# Soft hyphens, combining accents (decomposed "å") and ligatures ("ﬁ") break \w runs; text that
# has any takes a slower pattern that keeps them inside words and normalises each word.
_ODD_CHARS = "\u00ad\u0300-\u036f\ufb00-\ufb06"
_ODD_RE = re.compile(f"[{_ODD_CHARS}]")
_SLOW_RE = re.compile(_TOKEN.format(seg=_SEGMENT.format(c=rf"(?:[^\W_]|[{_ODD_CHARS}])")))
_HYPHEN_SPLIT = re.compile(f"[{_HYPHENS}]")


def _token_re(text: str) -> re.Pattern[str]:
    return _SLOW_RE if _ODD_RE.search(text) else _FAST_RE


def _normalize(word: str) -> str:
    """Canonical form of a surface word: NFKC, soft hyphens gone, one kind of hyphen."""
    if _ODD_RE.search(word):
        word = unicodedata.normalize("NFKC", word.replace("\u00ad", ""))
    if "\u2010" in word or "\u2011" in word:
        word = _HYPHEN_SPLIT.sub("-", word)
    return word


def words(text: str) -> list[Word]:
    """Split text into words with character offsets; punctuation and "§" are dropped.

    Words are runs of letters and digits (any script, å ä ö é ü included); internal hyphens
    keep a compound such as "ESF-projekten" together; `index_terms` gives each part a position.
    """
    return [Word(m.group(), m.start(), m.end()) for m in _token_re(text).finditer(text)]


# -- single words ------------------------------------------------------------------------------

_SNOWBALL = snowballstemmer.stemmer("swedish")
_snowball = _SNOWBALL.stemWord

_FOLD_TABLE = str.maketrans(
    {
        "å": "a",
        "ä": "a",
        "à": "a",
        "á": "a",
        "â": "a",
        "ã": "a",
        "ö": "o",
        "ø": "o",
        "ó": "o",
        "ò": "o",
        "ô": "o",
        "õ": "o",
        "é": "e",
        "è": "e",
        "ê": "e",
        "ë": "e",
        "ü": "u",
        "ú": "u",
        "ù": "u",
        "û": "u",
        "í": "i",
        "ì": "i",
        "î": "i",
        "ï": "i",
        "ç": "c",
        "ñ": "n",
        "ý": "y",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "Å": "A",
        "Ä": "A",
        "Ö": "O",
        "É": "E",
        "Ü": "U",
        "Æ": "AE",
        "Ø": "O",
    }
)


def fold(s: str) -> str:
    """Remove diacritics: å/ä→a, ö/ø→o, é→e, ü→u, æ→ae; other accents via Unicode decomposition.

    Used for the ``~`` terms that let "forbundsordning" (typed without Swedish letters) find
    "förbundsordning" without merging för/for or får/far in the stem terms.
    """
    out = s.translate(_FOLD_TABLE)
    if out.isascii():
        return out
    decomposed = unicodedata.normalize("NFKD", out)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# The Swedish letters a word typed without them may have meant: a for å or ä, o for ö.
_UNFOLDED = {"a": "aåä", "o": "oö"}


def spellings(word: str, limit: int) -> list[str] | None:
    """`word` (lower case, typed without å, ä and ö) in every spelling with them it may stand
    for ("for": for, för; "tag": tag, tåg, täg), itself first; None when there would be more than
    `limit`, so a long word costs nothing."""
    options = [_UNFOLDED.get(c, c) for c in word]
    count = 1
    for letters in options:
        count *= len(letters)
    if count > limit:
        return None
    return ["".join(p) for p in itertools.product(*options)]


def is_stopword(word: str) -> bool:
    """Whether the word is on Snowball's Swedish stopword list (case-insensitive)."""
    return word.lower() in STOPWORDS


_ACRONYM_RE = re.compile(r"[A-ZÅÄÖÉÜ][A-ZÅÄÖÉÜ0-9]{1,7}")
# An all-caps word of four letters or more that is a common Swedish word is a heading in capitals
# ("BESLUT", "MÖTET"), not an acronym, and is stemmed like the word.
_COMMON_WORD_ZIPF = 3.0


@functools.lru_cache(maxsize=65_536)
def is_acronym(word: str) -> bool:
    """Whether the word, in its original casing, is an acronym: all capitals, 2–6 letters.

    Digits may follow or be mixed in ("ESF2"); a colon ending ("ESF:s") is ignored. Capitalised
    common words of four letters or more ("BESLUT") are headings, not acronyms.
    """
    base = _base(word)
    if not _ACRONYM_RE.fullmatch(base):
        return False
    letters = sum(c.isalpha() for c in base)
    if not 2 <= letters <= 6:
        return False
    return letters < 4 or shipped_words().get(base.lower(), 0.0) < _COMMON_WORD_ZIPF


# Fixes to Snowball, all in `_stem_lower`:
# 1. Over-stemming: Snowball's last step deletes "-els", so styrelse/styrelsen collapse to "styr"
#    together with the verb styra, and händelse to "händ". We keep "-els" (styrels, händels).
#    The same step deletes the adjective's "-ig", so tidig/tidigare meet "tid" and ledig "led";
#    we keep it (tidig, ledig), which also keeps enig and enighet apart from "en".
# 2. The definite "-et" that Snowball leaves on many neuter nouns (förbundet, protokollet) is
#    stripped when the word list confirms it (`_strip_et`); "offret" becomes offer's stem.
# 2b. Base forms keep the letters Snowball mistakes for an ending (`_keeps_ending`): Snowball
#    stems kostnad to "kostn", insats to "insat", villkor to "villk" and resultat to "result",
#    but kostnaden, insatser, villkoren and resultatet to the base form itself.
# 2c. Vowel drop: an unstressed e before l, n or r falls out when an ending follows (regel ->
#    regler, tecken -> tecknen, vinter -> vintrar, egen -> egna), and Snowball stems those forms
#    to "regl", "teckn", "vintr". `_undrop` puts the vowel back when the word list knows the
#    base form, and "regeln", which Snowball leaves whole, loses its "-n".
# 2d. Definite forms in "-n" that Snowball leaves whole (frågan, nivån, revisorn) are stemmed
#    as their base form (`_definite_n`).
# 2e. A doubled m or n that only the ending called for is made single (`_undouble`):
#    programmet -> program, medlemmar -> medlem, gemensamma -> gemensam.
# 2f. The neuter "-t" of adjectives, which Snowball keeps (`_neuter_base`): externt -> extern,
#    gemensamt -> gemensam, nytt -> ny, totalt -> total.
# 2g. Verb forms Snowball leaves apart from the verb (`_verb_base`): the past tense, participle
#    and supine of verbs whose stem ends in a consonant (godkände, godkänd, godkänt ->
#    godkänna's "godkän"; genomfördes, genomförda -> genomföra's "genomför"),
#    the forms of short verbs that Snowball leaves whole (ökar, ökad, ökat -> öka), and a
#    passive or genitive "-s" after "-t" (presenterats -> presenterat -> presenter).
# 3. STEM_EXCEPTIONS, explicit stems keyed by the lower-case word: irregular plurals with a vowel
#    change, which no suffix stripper can join to the singular. Add words here when a rule fails.
STEM_EXCEPTIONS: dict[str, str] = {
    **dict.fromkeys(("ledamöter", "ledamöterna", "ledamöternas", "ledamöters"), "ledamot"),
    **dict.fromkeys(("länder", "länderna", "ländernas", "länders"), "land"),
    **dict.fromkeys(("städer", "städerna", "städernas", "städers"), "stad"),
    **dict.fromkeys(("böcker", "böckerna", "böckernas"), "bok"),
    **dict.fromkeys(("fötter", "fötterna"), "fot"),
    **dict.fromkeys(("nätter", "nätterna"), "natt"),
    # Neuters of adjectives whose base no rule can find (`_neuter_base` needs the base).
    "stort": "stor",
    "gott": "god",
    # Short adjectives, whose forms Snowball leaves whole (its region starts after the third
    # letter): ny, nya, nytt; fri, fria, fritt …
    **{form: base for base in ("ny", "fri", "blå", "grå") for form in (base + "a", base + "tt")},
    "nye": "ny",
    "eget": "egen",
    # A pronoun Snowball cuts to the name Anna's stem.
    "annat": "annan",
}


def _strip_et(s: str) -> str | None:
    """Stem of a Snowball stem ending in "-et" that is a definite neuter form, else None.

    "förbundet", "protokollet", "samhället", "arbetet" are the definite forms of förbund,
    protokoll, samhälle, arbete: strip "-et" when the remainder (or remainder + "e") is a known
    word with a plural "-en" form. Words whose own definite forms exist ("budget" has
    "budgeten", "paket" has "paketet", "raket" has "raketen") end in -et in their base form
    and are kept.
    """
    known = shipped_words()
    r = s[:-2]
    if len(r) < 3:
        return None
    if r + "eten" in known or r + "etet" in known or r + "eter" in known:
        return None
    if (r in known or r + "e" in known) and r + "en" in known:
        return _snowball(r + "en")
    # "offret", "tecknet", "exemplet": the definite form of a noun in -er, -en or -el drops
    # its e (offer, tecken, exempel); the plural definite ("offren") confirms the pattern.
    # "numret" is nummer's, not the adverb numer's (see `_vowel_restored`).
    if r + "en" in known and r not in known:
        for base in _vowel_restored(r):
            if base in known:
                return _snowball(base)
    return None


_VOWELS = frozenset("aeiouyåäöéü")
# Endings after which `_undrop` restores a dropped vowel: plural and definite forms of nouns
# (regl|er, titl|arna, teckn|en) and the plural of adjectives (egn|a, osäkr|a).
_DROP_ENDINGS = frozenset(
    ("a", "ar", "arna", "arnas", "ars", "er", "erna", "ernas", "en", "ena", "ens", "et", "ets")
)
# Endings a verb shares with those: "handlar" and "handla" are forms of handla, not of handel.
_VERB_ENDINGS = frozenset(("a", "ar", "er"))


def _vowel_restored(s: str) -> list[str]:
    """Possible base forms of a stem that ends in consonant + l, n or r with the unstressed
    vowel put back ("regl" -> regel, "teckn" -> tecken), most likely first; [] for any other
    stem. m is written single before a consonant (numret, himlen, somrar), so the doubled-m
    bases come first: "numr" is nummer's, not the adverb numer's."""
    if len(s) < 3 or s[-1] not in "lnr" or s[-2] in _VOWELS or s[-2] == s[-1]:
        return []
    restored = [s[:-1] + "me" + s[-1], s[:-1] + "mar"] if s[-2] == "m" else []
    restored.append(s[:-1] + "e" + s[-1])
    return restored


def _undrop(s: str, w: str) -> str | None:
    """The base form of `w` when its Snowball stem `s` lost an unstressed vowel, else None.

    "regler" -> regel, "vintrar" -> vinter, "tecknen" -> tecken, "egna" -> egen, "somrar" ->
    sommar. The base must be in the word list, or be a compound whose last part is, in both
    forms, and passes the same checks ("arbetsmarknadsregler" -> arbetsmarknadsregel, as
    "regler" -> regel).
    """
    ending = w[len(s) :]
    if not w.startswith(s) or ending not in _DROP_ENDINGS:
        return None
    known = shipped_words()
    for base in _vowel_restored(s):
        if base in known:
            return base if _is_dropped_form(s, ending, base) else None
        # A compound: the longest tail that is a known word whose inflected form, as it
        # stands at the end of `w`, is known too ("diarie|numret": nummer, numret).
        for cut in range(1, len(s) - 3):
            tail = base[cut:]
            if tail in known and w[cut:] in known:
                if ending in _VERB_ENDINGS and _has_past_tense(s, 0.0):
                    return None  # "förenkla" is a verb, whatever "enkla" is
                return base if _is_dropped_form(s[cut:], ending, tail) else None
    return None


def _is_dropped_form(s: str, ending: str, base: str) -> bool:
    """Whether stem `s` + `ending` is an inflected form of the known word `base` with its
    vowel dropped, and not of another word.

    A stem that is a common word itself stays its own ("sömn|en" is not a form of "sömmen"); a
    base that is an inflected form itself is none ("orden" is ord's); a stem with common past
    tense forms ("handl|ade") is a verb's, so "handlar" is not handel's; "-arna" on a stem with
    an agent noun in "-are" is that noun's plural ("handlarna"); and "-a" makes a plural
    only of a base with an adjective's neuter form (egen -> eget, enkel -> enkelt).
    """
    known = shipped_words()
    if known.get(s, 0.0) >= _COMMON_WORD_ZIPF:
        return False
    base_stem = _snowball(base)
    if base_stem != base and base_stem in known:
        return False
    if ending in _VERB_ENDINGS and _has_past_tense(s, known.get(base, 0.0)):
        return False
    if ending.startswith("ar") and s + "are" in known:
        return False  # "handlarna" are the handlare, not a form of handel
    return ending != "a" or base + "t" in known or base[:-1] + "t" in known


def _has_past_tense(s: str, base_zipf: float) -> bool:
    """Whether the stem has past-tense forms ("handlade", "nämnde") common enough that words
    ending in "-a", "-ar", "-er" on it are more likely the verb's than the noun's."""
    known = shipped_words()
    zipf = max(known.get(s + ending, 0.0) for ending in ("ade", "de", "te"))
    return zipf >= 2.5 and zipf >= base_zipf - 1.5


# Endings of a base form's inflections that Snowball strips, giving the base back: insats|en,
# villkor|en, revisor|er, klimat|et, kostnad|er.
_BASE_PROOFS = ("en", "er", "et")
# Base-form endings Snowball mistakes for inflections, for which a compound the word list does
# not hold is judged by its last part ("samverkans|insats", "arbetsmarknads|ansvar").
_MISTAKEN_ENDINGS = frozenset(("s", "or", "at", "ar", "ad"))


def _keeps_ending(w: str, s: str) -> bool:
    """Whether `w` is a base form whose last letters Snowball (stem `s`) mistook for an ending:
    insats, villkor, revisor, resultat, ansvar, kostnad. Its inflected forms (insatsen,
    villkoren, revisorer, resultatet) are known words that Snowball stems to `w` itself, so
    without this "insats" would never find "insatser". Participles ("planerad") and verb forms
    have no such forms and are stemmed as Snowball says."""
    if _proves_base(w, s):
        return True
    if w[len(s) :] not in _MISTAKEN_ENDINGS:
        return False
    last = _last_part(w)
    if not last or len(s) <= len(w) - len(last):
        return False
    return _proves_base(last, s[len(w) - len(last) :])  # Snowball's cut, as in the compound


def _proves_base(w: str, s: str) -> bool:
    """`_keeps_ending` for a word of the word list. A word that is itself a plausible form of
    a known stem is left to Snowball: "hans" and "pers" are genitives of han and Per more often
    than base forms, "planet" and "papper" are forms of plan and papp."""
    known = shipped_words()
    stem_zipf = known.get(s, 0.0)
    if s == w or (stem_zipf and w[len(s) :] in ("en", "er", "et", "ar")):
        return False
    for ending in _BASE_PROOFS:
        form = w + ending
        form_zipf = known.get(form, 0.0)
        if form_zipf and _snowball(form) == w:
            return not (w == s + "s" and stem_zipf >= form_zipf)
    return False


def _definite_n(t: str) -> str | None:
    """The base form of a definite form in "-n" that Snowball leaves whole, else None:
    frågan -> fråga, nivån -> nivå, idén -> idé, revisorn -> revisor, åkern -> åker.

    The base must be a known word with a plural that shows it is a noun of that kind
    (`_is_n_noun`), so "början" (börja), "sällan" and "modern" stay whole. A compound is
    judged by its last part when the whole is not such a word ("försäkrings|kassan",
    "samverkans|frågan").
    """
    base = t[:-1]
    if _is_n_noun(base):
        return base
    known = shipped_words()
    if (base in known or t in known) and any(_is_n_noun(base[c:]) for c in range(3, len(base) - 3)):
        # A compound frequent enough to be in the word list is not split there, so its
        # last part is looked for directly ("försäkrings|kassan": kassa, kassor).
        return base
    last = _last_part(t)
    return base if last and _is_n_noun(last[:-1]) else None


def _is_n_noun(base: str) -> bool:
    """Whether `base` is a known noun whose definite form adds only "-n": skola (skolor),
    nivå (nivåer), idé (idéer), bro (broar), revisor (revisorer), åker (åkrar), psykiatri."""
    known = shipped_words()
    if len(base) < 3 or base not in known:
        return False
    if base[-1] == "a":
        return len(base) >= 4 and base[:-1] + "or" in known
    if base[-1] == "i" and len(base) >= 7 and base + "n" in known:
        return True  # psykiatri|n, strategi|n: a long noun in -i, whose plural is rare
    if base[-1] in _VOWELS and base[-1] != "e":  # a short "sten" or "amen" is no "ste|n"
        return base + "er" in known or base + "ar" in known
    if base.endswith(("or", "er")):
        return len(base) >= 4 and (base + "er" in known or base[:-2] + "rar" in known)
    return False


def _undouble(s: str, w: str) -> str | None:
    """The base form when Snowball kept a doubled m or n that only the ending called for, else
    None: programmet -> program, medlemmar -> medlem, gemensamma -> gemensam. Verbs
    ("stannade") keep theirs, and bases shorter than four letters are left alone (summa is no
    form of "sum")."""
    if len(s) < 5 or s == w or s[-1] not in "mn" or s[-2] != s[-1]:
        return None
    known = shipped_words()
    base = s[:-1]
    if s in known or not (base in known or _shipped_lexicon().split(base)):
        return None
    return None if _has_past_tense(s, known.get(base, 0.0)) else base


# Endings of adjectives whose neuter adds "-t" (total|t, speciell|t, hållbar|t, effektiv|t,
# gemensam|t, extern|t, populär|t, seriös|t); Snowball handles -ig, -lig and -isk itself.
_ADJECTIVE_ENDINGS = ("al", "ell", "bar", "iv", "sam", "ern", "är", "ös")


def _neuter_base(w: str) -> str | None:
    """The base form of an adjective's neuter in "-t" that Snowball leaves whole, else None:
    externt -> extern, nytt -> ny, vitt -> vit, stort -> stor.

    The base must be a known adjective: it has a plural in "-a" and either an adjective's
    ending or a comparative ("nyare", "större" aside). A word that is itself a noun with forms
    of its own ("rätt", rätten; "kort", korten) stays whole, and so do verbs (svar|a, so
    "svart" is not svar's).
    """
    known = shipped_words()
    if len(w) < 4 or any(w + ending in known for ending in ("en", "et", "er", "ar")):
        return None
    bases = [w[:-1], w[:-2]] if w.endswith("tt") else [w[:-1]]  # vitt -> vit, nytt -> ny
    for base in bases:
        if base in known and _is_adjective(base, known):
            return base
    return None


def _is_adjective(base: str, known: dict[str, float]) -> bool:
    double = base + base[-1] if base[-1] in "mn" else base  # gemensam -> gemensamma
    if base + "a" not in known and double + "a" not in known:
        return False
    if any(base + ending in known for ending in ("ade", "ar")):
        return False  # a verb's stem: svara, svarade
    return base.endswith(_ADJECTIVE_ENDINGS) or any(
        form in known for form in (base + "are", base + "ast", double + "are")
    )


@functools.lru_cache(maxsize=262_144)
def _stem_lower(w: str) -> str:
    """Stem of a lower-case, hyphen-free word (Snowball plus our fixes)."""
    hit = STEM_EXCEPTIONS.get(w)
    if hit is not None:
        return hit
    if len(w) > MAX_WORD or any(c.isdigit() for c in w):
        return w
    s = _snowball(w)
    if s != w and w.startswith(s + "els"):
        return s + "els"
    if s != w and w.startswith(s + "ig") and len(s) >= 2:
        return s + "ig"
    if s != w and _keeps_ending(w, s):
        return w
    if w.endswith("ts") and s == w[:-1] and s in shipped_words():
        return _stem_lower(s)  # "presenterats", "projekts": as "presenterat", "projekt"
    if (s == w or w == s + "s") and s.endswith("n") and len(s) >= 4:
        base = _definite_n(s)  # "frågan", "frågans"
        if base is not None:
            return _stem_lower(base)
    if s.endswith("et"):
        fixed = _strip_et(s)
        if fixed is not None:
            return _single(fixed, w)  # "programmet": "programm" -> program
        # A compound whose last part is a definite form: "styrdokumentet" -> "styrdokument".
        last = _last_part(s)
        fixed = _strip_et(last) if last.endswith("et") else None
        if fixed is not None:
            return _single(s[: len(s) - len(last)] + fixed, w)
    if s == w and w.endswith("t"):
        base = _neuter_base(w)  # "externt", "nytt"
        if base is not None:
            return _stem_lower(base)
    if s.endswith("eln") and (s[:-1] in shipped_words() or _shipped_lexicon().split(s[:-1])):
        return _stem_lower(s[:-1])  # "regeln", "titeln": Snowball keeps the definite -n
    # A compound whose last part dropped its vowel keeps "-et" in Snowball ("diarienumret").
    base = _undrop(s[:-2] if s.endswith("et") else s, w)
    if base is not None:
        return _stem_lower(base)
    verb = _verb_base(s)
    if verb is not None:
        return verb
    return _single(s, w)


def _verb_base(s: str) -> str | None:
    """The verb's stem for a Snowball stem `s` that is one of its forms ending in "-d", "-t"
    or "-r", else None: "godkänd" (godkände, godkänd, godkända) and "godkänt" -> "godkän",
    "genomförd" -> "genomför", "ökad", "ökat" and "ökar" -> "öka".

    The verb must be a known word that Snowball stems to what is left ("godkänna" ->
    "godkän"; a short verb's infinitive, "öka", which Snowball leaves whole), and its past
    tense must be common beside the form (godkände, ökade; as in `_has_past_tense`), so a noun
    or an adjective whose rest only looks like a verb stays whole: svart is no form of svara,
    nor spar of spa."""
    if len(s) < 4 or s[-1] not in "dtr":
        return None
    known = shipped_words()
    rest = s[:-1]
    if rest.endswith("a"):  # öka|d, öka|t, öka|r; a verb has its supine too (ökat, not spat)
        verbs: tuple[str, ...] = (rest,)
        pasts: tuple[str, ...] = ("de",)  # ökade ("state" is English)
        if known.get(rest + "t", 0.0) < 2.5:
            return None
    elif s[-1] == "r" or len(rest) < 4:
        return None
    else:  # genomför|d, godkän|d (godkänna), glöm|d (glömma)
        verbs, pasts = (rest + "a", rest + rest[-1] + "a"), ("de", "te")
    past = max(known.get(rest + ending, 0.0) for ending in pasts)
    if past < max(2.5, known.get(s, 0.0) - 1.5):
        return None  # "svarte" is too rare beside "svart" to make it a verb's form
    return rest if any(v in known and _snowball(v) == rest for v in verbs) else None


def _last_part(word: str) -> str:
    """The last part of `word` as the shipped lexicon splits it, as it stands at the end of
    the word ("samverkans|insats" -> "insats"); "" for a word it does not split. The rules
    above judge a compound the word list does not hold by this part."""
    parts = _shipped_lexicon().split(word)
    last = parts[-1] if len(parts) > 1 else ""
    return last if len(last) < len(word) and word.endswith(last) else ""


def _single(s: str, w: str) -> str:
    """Stem `s` of `w` with a doubled m or n made single where only the ending called for it."""
    base = _undouble(s, w)
    return _stem_lower(base) if base is not None else s


def _base(word: str) -> str:
    """The word without a colon ending ("ESF:s" -> "ESF"); numbers such as "06:1" stay whole."""
    if ":" in word:
        head, _, tail = word.rpartition(":")
        if tail.isalpha():
            return head
    return word


def _stem_part(part: str) -> str:
    """Stem of one hyphen-free word in original casing."""
    part = _base(part)
    if is_acronym(part):
        return part.lower()
    return _stem_lower(part.lower())


def stem(word: str) -> str:
    """Lower-case stem: Snowball Swedish plus fixes; acronyms and numbers stay as they are.

    Hyphenated words are stemmed part by part and joined ("FINSAM-planerna" -> "finsam-plan"), a
    colon ending is dropped ("ESF:s" -> "esf"). Stems depend only on the shipped word list, so
    they are stable between indexing and querying.
    """
    word = _normalize(word)
    if "-" in word:
        return "-".join(_stem_part(p) for p in word.split("-"))
    return _stem_part(word)


@functools.cache
def _shipped_lexicon() -> Lexicon:
    """The lexicon used when the caller passes none; never given added vocabulary."""
    return Lexicon.default()


def split_compound(word: str, lexicon: Lexicon | None = None) -> list[str]:
    """Parts of a compound found in the lexicon, [] when the word is not a compound.

    Parts are lower-case, linking elements removed ("samverkansutbildningen" -> samverkan,
    utbildningen; "handledarutbildningar" -> handledare, utbildningar). See `Lexicon.split`
    for the rules that keep substrings such as "esf" in "utrikesfödda" from becoming parts.
    """
    lex = lexicon if lexicon is not None else _shipped_lexicon()
    w = _normalize(word).lower()
    if len(w) > MAX_WORD or "-" in w or ":" in w:
        return []
    return lex.split(w)


def _compound_parts(w: str, lex: Lexicon) -> list[str]:
    """All parts of a compound, nested ones included: "brottsofferjouren" gives brottsoffer,
    jouren, and then brott, offer, so a search for any of them finds the word. Runs of adjacent
    parts count too, as written: "samverkansutbildningsserie" (samverkan, utbildning, serie)
    also gives samverkansutbildning and utbildningsserie."""
    parts = lex.split(w)
    found: list[str] = []
    todo = parts + _part_runs(w, parts)
    while todo:
        part = todo.pop(0)
        if part not in found:
            found.append(part)
            todo.extend(lex.split(part))
    return found


def _part_runs(w: str, parts: list[str]) -> list[str]:
    """Runs of two or more adjacent parts, short of the whole word, as `w` spells them."""
    if len(parts) < 3:
        return []
    spans: list[tuple[int, int]] = []
    pos = 0
    for part in parts:
        # A linking -s- may come before the part, and a restored -e/-a is not written in it.
        for start in (pos, pos + 1):
            form = next((f for f in (part, part[:-1]) if w.startswith(f, start)), None)
            if form is not None and (start == pos or w[pos] == "s"):
                break
        else:
            return []  # the part is written differently (-o for -a): no runs
        spans.append((start, start + len(form)))
        pos = start + len(form)
    runs = []
    for size in range(2, len(parts)):
        for first in range(len(parts) - size + 1):
            runs.append(w[spans[first][0] : spans[first + size - 1][1]])
    return runs


# -- terms for one word ------------------------------------------------------------------------

_Group = tuple[int, int, int, tuple[str, ...]]  # (position offset, start offset, end offset, terms)


def _simple_terms(word: str, lex: Lexicon) -> tuple[str, ...]:
    """Terms for one hyphen-free word (normalised surface, original casing)."""
    lw = word.lower()
    if len(lw) > MAX_WORD:
        return (EXACT + lw[:MAX_TERM],)
    exact = EXACT + lw
    base = _base(lw)
    if base in STOPWORDS:
        return (exact,)
    st = _stem_part(word)
    terms = [exact, st]
    folded = fold(st)
    if folded != st:
        terms.append(FOLD + folded)
    if base.isalpha() and not is_acronym(word):
        for part in _compound_parts(base, lex):
            term = PART + _stem_lower(part)
            if term not in terms:
                terms.append(term)
    return tuple(terms)


def _word_plan(surface: str, lex: Lexicon) -> tuple[str, ...] | list[_Group]:
    """Terms for one surface word: a tuple of terms for a plain word (one position), or a list of
    groups for a hyphenated word, one per part at successive positions."""
    word = _normalize(surface)
    if "-" not in word:
        return _simple_terms(word, lex)
    if len(word) > MAX_WORD * 4:
        return (EXACT + word.lower()[:MAX_TERM],)
    groups: list[_Group] = []
    # Offsets of the parts in the surface string (normalisation may have changed lengths).
    pieces = _HYPHEN_SPLIT.split(surface)
    offset = 0
    for i, piece in enumerate(pieces):
        groups.append((i, offset, offset + len(piece), _simple_terms(_normalize(piece), lex)))
        offset += len(piece) + 1
    return groups


def _caches(lex: Lexicon) -> tuple[dict, dict, _KindsCache]:
    """Per-lexicon memo tables: surface word -> plan, space-free chunk -> word plans, and
    whitespace-free chunk -> its terms per kind (for `field_texts`)."""
    cache = lex.cache
    tables = cache.get("analysis")
    if tables is None or sum(map(len, tables)) >= CACHE_LIMIT:
        word_cache: dict = {}
        tables = cache["analysis"] = (word_cache, {}, _KindsCache(lex, word_cache))
    return tables  # type: ignore[return-value]


class _KindsCache(dict):
    """Whitespace-free chunk -> its terms per kind. A miss analyses the chunk in `__missing__`,
    so `map(cache.__getitem__, chunks)` runs the common case, a hit, without Python code."""

    def __init__(self, lex: Lexicon, word_cache: dict) -> None:
        super().__init__()
        self.lex = lex
        self.word_cache = word_cache

    def __missing__(self, chunk: str) -> tuple[str, str, str, str]:
        kinds = self[chunk] = _chunk_kinds(chunk, self.lex, self.word_cache)
        return kinds


_TRIM = " \t\n\r\x0b\x0c\xa0.,;:!?()[]{}<>\"'«»“”‘’…•–—-/\\§%*_"


def _chunk_plan(chunk: str, lex: Lexicon, word_cache: dict) -> tuple:
    """The words of a space-free chunk as ``((start, end, plan), ...)`` relative to the chunk."""
    # The common cases: the chunk is one word, perhaps with punctuation or line breaks around
    # it ("(NNS).", "beslutar:\n"). str.isalnum is exactly the token character class (\w
    # without "_"), and none of the trimmed characters can be part of a word there.
    core = chunk.strip(_TRIM)
    if core.isalnum():
        plan = word_cache.get(core)
        if plan is None:
            plan = word_cache[core] = _word_plan(core, lex)
        start = len(chunk) - len(chunk.lstrip(_TRIM))
        return ((start, start + len(core), plan),)
    entries = []
    for m in _FAST_RE.finditer(chunk):
        w = m.group()
        plan = word_cache.get(w)
        if plan is None:
            plan = word_cache[w] = _word_plan(w, lex)
        entries.append((m.start(), m.end(), plan))
    return tuple(entries)


# -- whole texts -------------------------------------------------------------------------------


def analyze(text: str, lexicon: Lexicon | None = None) -> list[_Group]:
    """``[(position, start, end, terms), ...]`` in text order, for highlighting and tools.

    Each entry is one span with all the terms that share its position (exact, stem, fold,
    parts); a hyphenated word gives one entry per part. Offsets are character offsets into
    `text`.

    Speed: the text is cut at spaces (no word contains one, and no token rule looks across
    one), and each distinct chunk ("(NNS).", "ESF-projekten,") is tokenised and analysed once
    per lexicon, so running text costs a split, a dictionary lookup and a tuple per word.
    """
    lex = lexicon if lexicon is not None else _shipped_lexicon()
    word_cache, chunk_cache, _ = _caches(lex)
    if _ODD_RE.search(text):
        return _analyze_slow(text, lex, word_cache)
    out: list[_Group] = []
    append = out.append
    get = chunk_cache.get
    length = len
    pos = 0
    offset = 0
    for chunk in text.split(" "):
        if chunk:
            entries = get(chunk)
            if entries is None:
                entries = chunk_cache[chunk] = _chunk_plan(chunk, lex, word_cache)
            for a, b, plan in entries:
                if plan.__class__ is tuple:
                    append((pos, offset + a, offset + b, plan))
                    pos += 1
                else:
                    base = offset + a
                    for dpos, pa, pb, terms in plan:
                        append((pos + dpos, base + pa, base + pb, terms))
                    pos += plan[-1][0] + 1
            offset += length(chunk) + 1
        else:
            offset += 1
    return out


def _analyze_slow(text: str, lex: Lexicon, word_cache: dict) -> list[_Group]:
    """`analyze` for text with soft hyphens, combining accents or ligatures inside words."""
    out: list[_Group] = []
    pos = 0
    for m in _SLOW_RE.finditer(text):
        w = m.group()
        plan = word_cache.get(w)
        if plan is None:
            plan = word_cache[w] = _word_plan(w, lex)
        if plan.__class__ is tuple:
            out.append((pos, m.start(), m.end(), plan))
            pos += 1
        else:
            for dpos, a, b, terms in plan:
                out.append((pos + dpos, m.start() + a, m.start() + b, terms))
            pos += plan[-1][0] + 1
    return out


# -- the indexer's wire format -----------------------------------------------------------------

KINDS = ("exact", "stem", "part", "fold")


def field_texts(text: str, lexicon: Lexicon | None = None) -> tuple[str, str, str, str]:
    """The terms of `text` as one space-separated string per kind: (exact, stem, part, fold).

    This is how the indexer hands terms to tantivy: each kind has its own field with tantivy's
    whitespace tokenizer, which only splits at the spaces, so every term is still decided here.
    It is several times cheaper than building a tantivy `Token` per term, and pre-tokenized
    fields could not share positions between kinds anyway once they are separate fields.

    The exact and stem strings have one term per position, as `analyze` numbers them, so
    phrases match in either field; a stopword's place in the stem string is held by its exact
    term ("=för"), which no stem can equal. Part and fold terms are only ever looked up alone,
    so their strings carry no positions that matter and skip words that have none.
    """
    lex = lexicon if lexicon is not None else _shipped_lexicon()
    word_cache, _, field_cache = _caches(lex)
    if _ODD_RE.search(text):
        return _join_kinds([_kinds_of(terms) for *_, terms in _analyze_slow(text, lex, word_cache)])
    return _join_kinds(list(map(field_cache.__getitem__, text.split())))


def _kinds_of(terms: tuple[str, ...]) -> tuple[str, str, str, str]:
    """One word's terms as (exact, stem, parts, fold) strings."""
    exact = terms[0]
    if len(terms) == 1:
        return exact, exact, "", ""
    rest = terms[2:]
    parts = " ".join(t for t in rest if t[0] == PART)
    folded = " ".join(t for t in rest if t[0] == FOLD)
    return exact, terms[1], parts, folded


def _chunk_kinds(chunk: str, lex: Lexicon, word_cache: dict) -> tuple[str, str, str, str]:
    kinds = []
    for _, _, plan in _chunk_plan(chunk, lex, word_cache):
        if plan.__class__ is tuple:
            kinds.append(_kinds_of(plan))
        else:
            kinds.extend(_kinds_of(group[3]) for group in plan)
    return _join_kinds(kinds)


def _join_kinds(kinds: list[tuple[str, str, str, str]]) -> tuple[str, str, str, str]:
    """Per kind, the words' strings joined with spaces. Most words have no part or fold terms,
    so empty strings are left out there; a chunk of punctuation ("–") has no terms at all and
    leaves an extra space in the exact and stem strings, which tantivy's whitespace tokenizer
    skips without counting a position (filtering them costs more than it saves)."""
    if not kinds:
        return "", "", "", ""
    exact, stems, parts, folds = zip(*kinds, strict=True)
    return (
        " ".join(exact),
        " ".join(stems),
        " ".join(filter(None, parts)),
        " ".join(filter(None, folds)),
    )


def index_terms(text: str, lexicon: Lexicon | None = None) -> list[Term]:
    """All index terms of a text as `Term`s, positions from 0 (see the module docstring)."""
    return [
        Term(term, pos, start, end)
        for pos, start, end, terms in analyze(text, lexicon)
        for term in terms
    ]


def positioned_words(text: str) -> list[tuple[int, Word]]:
    """Words with the positions `index_terms` gives them; hyphenated words become their parts.

    Build phrase queries from this, so "budget ESF-projekten Satsa" has the same positions in
    the query as in the index.
    """
    out: list[tuple[int, Word]] = []
    pos = 0
    for word in words(text):
        if any(h in word.text for h in _HYPHENS):
            offset = word.start
            for piece in _HYPHEN_SPLIT.split(word.text):
                out.append((pos, Word(piece, offset, offset + len(piece))))
                offset += len(piece) + 1
                pos += 1
        else:
            out.append((pos, word))
            pos += 1
    return out


_SWEDISH_LETTERS = frozenset("åäö")


def query_terms(word: str, lexicon: Lexicon | None = None) -> dict[str, str | None]:
    """The terms to look a query word up by: ``{"exact", "stem", "part", "fold"}``.

    Stopwords have only the exact term. "part" is the stem as a compound part (the index holds
    ">utbildning" for "samverkansutbildningen"); query words themselves are not split. "fold"
    is given for words with letters and without å, ä or ö, so a query typed without them meets
    the index's folded terms ("forbund" finds "förbund"); a word typed with them means them, and
    "lån" never finds "län". `lexicon` is accepted for symmetry with `index_terms`; it does
    not change the result, because stems never depend on added vocabulary.
    """
    del lexicon  # stems and query terms are lexicon-independent by design
    w = _normalize(word)
    lw = w.lower()
    exact = EXACT + lw
    if _base(lw) in STOPWORDS:
        return {"exact": exact, "stem": None, "part": None, "fold": None}
    st = stem(w)
    has_letters = any(c.isalpha() for c in st)
    return {
        "exact": exact,
        "stem": st,
        "part": PART + st if has_letters and "-" not in st else None,
        "fold": FOLD + fold(st) if has_letters and not _SWEDISH_LETTERS & set(st) else None,
    }
