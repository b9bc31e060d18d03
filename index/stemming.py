"""Swedish stems: Snowball Swedish, the fixes it needs, and the acronyms left unstemmed.

A part of `index.analysis`, which is the module the rest of the code imports (it re-exports
`stem` and `is_acronym`). The stem is the term that lets any inflection of a word find the
others; Snowball alone joins words that should stay apart (styrelse and styra) and keeps apart
forms of one word (insats and insatser, regel and reglerna, godkände and godkänna). Each fix is
one rule here, called from `_stem_lower`; the comment above `STEM_EXCEPTIONS` lists them, and
docs/analysis-and-ranking.md gives them with examples.

The rules consult only Snowball and the shipped word list (`shipped_words`, and the shipped
lexicon for compounds), never vocabulary the indexer learns, so an index built today and a
query analysed tomorrow agree. A rule that changes stems changes terms: bump
`ANALYSIS_VERSION` in `index.analysis`.
"""

from __future__ import annotations

import functools
import re

import snowballstemmer

from index.compounds import _shipped_lexicon
from index.lexicon import LEXICON_DIR, _bad_line, _entries, place_names, shipped_words
from index.tokens import MAX_WORD, _base, _normalize

_SNOWBALL = snowballstemmer.stemmer("swedish")
_snowball = _SNOWBALL.stemWord

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
#    we keep it (tidig, ledig), which also keeps enig and enighet apart from "en". It deletes
#    "-lig" too, so billig met bil, vanlig van (used to), verklig verk, samtliga samt and
#    möjlig, tydlig became "möj", "tyd"; we keep it (billig, vanlig, möjlig and möjlighet).
# 2. The definite "-et" that Snowball leaves on many neuter nouns (förbundet, protokollet) is
#    stripped when the word list confirms it (`_strip_et`); "offret" becomes offer's stem,
#    "kansliet" kansli's, "överskottet" överskott's and "seminariet" seminarium's, which with
#    seminarier is "seminari" (`_latin_neuter`: the nouns in -ium and -eum).
# 2b. Base forms keep the letters Snowball mistakes for an ending (`_keeps_ending`): Snowball
#    stems kostnad to "kostn", insats to "insat", villkor to "villk" and resultat to "result",
#    but kostnaden, insatser, villkoren and resultatet to the base form itself; and adjectives
#    in "-bar" keep it (hållbar, as hållbara and hållbarhet; `_bar_adjective`), as does a
#    compound's last part in "-ens" (planeringskonferens, as konferens).
# 2c. Vowel drop: an unstressed e before l, n or r falls out when an ending follows (regel ->
#    regler, tecken -> tecknen, vinter -> vintrar, egen -> egna, vuxen -> vuxna, enkel ->
#    enklare, säker -> säkrast), and Snowball stems those forms to "regl", "teckn", "vintr",
#    "vuxn", "enkl", "säkr".
#    `_undrop` puts the vowel back when the word list knows the base form, and "regeln",
#    which Snowball leaves whole, loses its "-n".
# 2d. Definite forms in "-n" that Snowball leaves whole (frågan, nivån, revisorn) are stemmed
#    as their base form (`_definite_n`).
# 2e. A doubled m or n that only the ending called for is made single (`_undouble`):
#    programmet -> program, medlemmar -> medlem, gemensamma -> gemensam.
# 2f. The neuter "-t" of adjectives, which Snowball keeps (`_neuter_base`): externt -> extern,
#    gemensamt -> gemensam, nytt -> ny, totalt -> total, enkelt -> enkel, säkert -> säker,
#    öppet -> öppen, högt -> hög.
# 2g. Verb forms Snowball leaves apart from the verb (`_verb_base`): the past tense, participle
#    and supine of verbs whose stem ends in a consonant (godkände, godkänd, godkänt ->
#    godkänna's "godkän"; genomfördes, genomförda -> genomföra's "genomför"),
#    and the forms of short verbs that Snowball leaves whole (ökar, ökad, ökat -> öka).
# 2h. Nouns in "-are" named for what they do (`_agent_noun`, data/lexicon/sv_agent_nouns.txt):
#    Snowball cuts the "-are" like a verb's ending, so "ledare" met leda and ledde and
#    "användare" every "använda". The listed nouns and their forms (ledaren, ledarna, ledares)
#    stem to the noun itself, "ledare", as do compounds ending in one ("verksamhetsledaren").
#    Comparatives in -are (snabbare, tydligare) are not listed and keep their adjective's stem.
# 2i. A genitive "-s" is stemmed as the word without it (`_genitive_base`): Snowball deletes
#    the "-s" alone and stops, so "kommuners" stayed "kommuner" and "Karlstads" "karlstad"
#    while kommun and Karlstad were "kommun" and "karlst"; after å, ä, ö, i, u or é it keeps
#    the "-s", so "Malmös", "Umeås" and "miljös" stayed whole. The same holds a passive "-s"
#    after "-t" (presenterats -> presenterat -> presenter).
# 2j. Plural forms that Snowball cuts short of the noun or adjective: the definite plural in
#    "-ena" of neuters in -e (ärendena, mötena, områdena -> as ärenden), and the plural "-a"
#    of adjectives in -ern (interna -> intern, not "int"); `_plural_base`.
# 3. STEM_EXCEPTIONS, explicit stems keyed by the lower-case word: irregular plurals with a vowel
#    change, which no suffix stripper can join to the singular, irregular comparison (större,
#    störst -> stor), and the vowel-changing past tense and supine of strong verbs
#    (`STRONG_VERBS`: antog, antagit -> anta; gick, gått -> gå), and given names that Snowball
#    cuts into another name or a word (`GIVEN_NAMES`: Johanna is no "johan", Mats no "mat").
#    Add words here when a rule fails.
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
    # Mass nouns in -a have no plural to show that their "-n" is the definite ending
    # (`_definite_n`), and hälsa is a verb too: their definite forms from the table.
    **dict.fromkeys(("hälsan", "hälsans"), "häls"),
    **dict.fromkeys(("ohälsan", "ohälsans"), "ohäls"),
    **dict.fromkeys(("nyttan", "nyttans"), "nytt"),
    # A short noun whose definite and plural forms Snowball leaves whole (its region starts
    # after the third letter): året, åren, års -> år.
    **dict.fromkeys(("året", "årets", "åren", "årens", "års"), "år"),
}

# Given names that Snowball cuts into another name or a word (Johanna -> "johan", Erika ->
# "erik", Maria and Marie -> "mari", Mats -> "mat"), so a search for one found the other:
# each name and its genitive stem to the name itself, in lower case.
GIVEN_NAMES = """
carina daniela erika fredrika helen helena helene jana johanna josefina josefine karina kristina
kristine maria marie martina mats mikaela paula roberta
"""
_NAME_FORMS = {
    form: name
    for name in GIVEN_NAMES.split()
    for form in ((name,) if name.endswith("s") else (name, name + "s"))
}

# Irregular comparison: the positive, then the forms that take its stem. Not liten (mindre and
# minst mean "less" and "at least" as often), nor få and många; nor gammal (äldre) and dålig
# (sämre), whose stems no form spells: the snippets' scan needs most of a stem spelt in its
# word (`search.snippets.STEM_SLACK`).
IRREGULAR_COMPARISON = """
stor: större störst största störste
hög: högre högst högsta högste
ung: yngre yngst yngsta yngste
lång: längre längst längsta längste
låg: lägre lägst lägsta lägste
bra: bättre bäst bästa
"""

# Those of them whose neuter adds "-t" (högt, långt), which `_neuter_base` finds by their
# comparison (bra's neuter is bra: "bratt" is no form of it).
_IRREGULAR_ADJECTIVES = frozenset(("hög", "lång", "låg", "ung"))

# Verbs whose past tense, supine or participle changes the vowel or the stem (`_table_stems`):
# the infinitive, then those forms, each but the present also with a passive "-s" (antogs,
# antagits), stemmed as the infinitive ("antog" -> anta's "ant"). The verbs in a long vowel
# list their present and its passive too (går, gås), which Snowball leaves whole. Compounds are
# listed whole: "antog" is no form of "tog" to the compound splitter. Forms that are other
# words as well are left out: drog (a drug), bar, band, satt (sitta's too), låg (low), la, bad.
STRONG_VERBS = """
anse: ansåg ansett
anta: antog antagit antagen antagna antaget
ange: angav angett angivit angiven angivna angivet
avgå: avgår avgås avgick avgått
avgöra: avgjorde avgjort avgjord avgjorda
avse: avsåg avsett avsedd avsedda
avslå: avslår avslås avslog avslagit avslagen avslagna
avsätta: avsatte avsatt avsatta
bedriva: bedrev bedrivit bedriven bedrivna bedrivet
behålla: behöll behållit
beskriva: beskrev beskrivit beskriven beskrivna beskrivet
besluta: beslöt
bestå: består bestod bestått
bidra: bidrog bidragit
bistå: bistår bistod bistått
bjuda: bjöd bjudit
bryta: bröt brutit
delta: deltog deltagit
dra: drar dras dragit
erbjuda: erbjöd erbjudit erbjuden erbjudna
ersätta: ersatte ersatt ersatta
fastslå: fastslår fastslås fastslog fastslagit fastslagen fastslagna
finna: fann funnit
finnas: fanns funnits
fortsätta: fortsatte fortsatt fortsatta
framgå: framgår framgick framgått
framhålla: framhöll framhållit
framkomma: framkom framkommit
få: får fås fick fått
föredra: föredrar föredrog föredragit
föregå: föregår föregick föregått
förekomma: förekom förekommit
föreslå: föreslår föreslås föreslog föreslagit föreslagen föreslagna föreslaget
förstå: förstår förstod förstått
försvinna: försvann försvunnit
ge: ger ges gav gett givit
genomgå: genomgår genomgås genomgick genomgått
godta: godtog godtagit
gripa: grep gripit
gå: går gås gick gått
göra: gjorde gjort gjord gjorda
hinna: hann hunnit
hålla: höll hållit
inbjuda: inbjöd inbjudit
ingå: ingår ingås ingick ingått
inkomma: inkom inkommit inkomna
innebära: innebar inneburit
innehålla: innehöll innehållit
inta: intog intagit
kartlägga: kartlade kartlagt kartlagd kartlagda
komma: kom kommit
kvarstå: kvarstår kvarstod kvarstått
ligga: legat
lägga: lade lagt lagd lagda
låta: lät låtit
medge: medgav medgett medgivit
möjliggöra: möjliggjorde möjliggjort
nedlägga: nedlade nedlagt nedlagd nedlagda
omsätta: omsatte omsatt
pågå: pågår pågick pågått
redogöra: redogjorde redogjort
se: ser ses såg sett sedd sedda
skjuta: sköt skjutit
skriva: skrev skrivit skriven skrivna skrivet
slå: slår slås slog slagit
sprida: spred spridit
stryka: strök strukit
stå: står stod stått
säga: sade sagt
sälja: sålde sålt såld sålda
sätta: satte satta
ta: tar tas tog tagit tagen tagna
tillhandahålla: tillhandahöll tillhandahållit
tillkomma: tillkom tillkommit
tillkännage: tillkännagav tillkännagett tillkännagivit
tillsätta: tillsatte tillsatt tillsatta
tillägga: tillade tillagt
tydliggöra: tydliggjorde tydliggjort
understryka: underströk understrukit
uppge: uppgav uppgett uppgivit uppgiven
uppgå: uppgår uppgick uppgått
uppskjuta: uppsköt uppskjutit
upprätthålla: upprätthöll upprätthållit
uppstå: uppstår uppstod uppstått
uppta: upptog upptagit
utgå: utgår utgick utgått
utgöra: utgjorde utgjort
utse: utsåg utsett utsedd utsedda
veta: visste vetat
vilja: ville velat
vinna: vann vunnit
välja: valde valt vald valda
återkomma: återkom återkommit
återta: återtog återtagit
ålägga: ålade ålagt
överenskomma: överenskom överenskommit
överge: övergav övergett övergivit
övergå: övergår övergick övergått
överta: övertog övertagit
"""


def _table_stems(table: str, passive: bool) -> dict[str, str]:
    """The forms of `IRREGULAR_COMPARISON` or `STRONG_VERBS` with their head's stem ("antog"
    -> anta's "ant"), and with a passive "-s" (antogs) where `passive`, for `STEM_EXCEPTIONS`.
    The stem is Snowball's, which is what `stem` gives the heads (tests/test_analysis.py
    checks it): a table made at import needs no word list. Why tables: a vowel change (antog,
    större) is no ending a rule can strip, and such words are few."""
    forms: dict[str, str] = {}
    for line in table.strip().splitlines():
        head, _, rest = line.partition(":")
        stem = _snowball(head)
        for form in rest.split():
            forms[form] = stem
            if passive and not form.endswith(("r", "s")):
                forms[form + "s"] = stem
    return forms


# The words above that end a compound the same way ("styrelse|ledamöter", "folk|hälsan"),
# longest first, so a compound takes the stem of its last part after its head.
_EXCEPTION_TAILS = tuple(sorted((w for w in STEM_EXCEPTIONS if len(w) >= 5), key=len)[::-1])
# No compound ends in a name, nor (as the splitter sees it) in a form of the tables.
STEM_EXCEPTIONS.update(_table_stems(IRREGULAR_COMPARISON, passive=False))
STEM_EXCEPTIONS.update(_table_stems(STRONG_VERBS, passive=True))
STEM_EXCEPTIONS.update(_NAME_FORMS)


# Hand-written list of nouns in -are (see its header), read once by `agent_noun_forms`.
AGENT_NOUNS_FILE = LEXICON_DIR / "sv_agent_nouns.txt"
# The forms of a noun in -are, as endings after its "-ar": ledar|e, ledar|en, ledar|na …
_AGENT_FORMS = ("e", "en", "na", "es", "ens", "nas")
# The same as word endings, a cheap test before any lookup.
_AGENT_ENDINGS = tuple("ar" + form for form in _AGENT_FORMS)
_AGENT_RE = re.compile(r"[a-zåäöéü]{2,}are")


@functools.cache
def agent_noun_forms() -> dict[str, str]:
    """Every form of the listed nouns in -are with the noun as its stem ("ledarna" ->
    "ledare"), read once from `AGENT_NOUNS_FILE`; a bad line raises FinsokError naming it.

    Why a list and not a rule: a comparative ("snabbare") and an agent noun ("ledare") look
    alike, and so do an agent noun's plural and another noun's ("domarna", judges and
    verdicts); the word list cannot tell them apart, a person can, once.
    """
    forms: dict[str, str] = {}
    for lineno, line, entry in _entries(AGENT_NOUNS_FILE, "listan över ord på -are"):
        if not _AGENT_RE.fullmatch(entry):
            raise _bad_line(
                AGENT_NOUNS_FILE, lineno, line, "ett ord på -are med små bokstäver, som ledare"
            )
        forms.update(dict.fromkeys((entry[:-1] + form for form in _AGENT_FORMS), entry))
    return forms


def _agent_noun(w: str) -> str | None:
    """The stem of a form of a listed noun in -are, or of a compound that ends in one, else
    None: "ledarna" -> "ledare", "verksamhetsledaren" -> "verksamhetsledare". The shipped
    lexicon must split the compound there, so "populärare" is no form of "lärare"."""
    forms = agent_noun_forms()
    hit = forms.get(w)
    if hit is not None:
        return hit
    last = _last_part(w)
    noun = forms.get(last) if last else None
    return w[: len(w) - len(last)] + noun if noun is not None else None


def part_stem(part: str, word: str) -> str:
    """The stem of `part`, a compound part of the lower-case `word`, for its part term.

    A part in -ar inside the word is a listed noun's compound form: "ledar|utbildning" and
    "arbetar|rörelsen" hold ledare and arbetare, not leda and arbeta. At the end of the word
    the part is stemmed as a word ("samspelar" ends in a verb).
    """
    if part.endswith("ar") and not word.endswith(part):
        noun = agent_noun_forms().get(part + "e")
        if noun is not None:
            return noun
    return _stem_lower(part)


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
    if r.endswith(_CONSONANT_PAIRS) and len(r) >= 4 and r in known:
        return _snowball(r)  # "överskottet", "underskottet": a neuter in -tt, whose plural is rare
    if r[-1] in "ie":
        # "kansliet", "partiet": a neuter in -i, whose plural is "-er" (kanslier); and
        # "seminariet", "museet", of seminarium and museum.
        if r[-1] == "i" and len(r) >= 4 and known.get(r, 0.0) >= known.get(s, 9.0) - 0.5:
            return _snowball(r + "er")  # not Harriet, as common as "harri" is rare
        return _latin_neuter(r)
    # "offret", "tecknet", "exemplet": the definite form of a noun in -er, -en or -el drops
    # its e (offer, tecken, exempel); the plural definite ("offren") confirms the pattern.
    # "numret" is nummer's, not the adverb numer's (see `_vowel_restored`).
    if r + "en" in known and r not in known:
        for base in _vowel_restored(r):
            if base in known:
                return _snowball(base)
    return None


_VOWELS = frozenset("aeiouyåäöéü")
# The consonant pairs of which Snowball drops the last letter (överskott -> "överskot").
_CONSONANT_PAIRS = ("dd", "gd", "nn", "dt", "gt", "kt", "tt")
# The comparative and superlative endings after a dropped vowel (enkl|are, säkr|ast, vackr|aste),
# which only adjectives take: the base needs an adjective's neuter, as for the plural "-a".
_COMPARISON_ENDINGS = ("are", "ast", "aste")
# Endings after which `_undrop` restores a dropped vowel: plural and definite forms of nouns
# (regl|er, titl|arna, teckn|en), the plural of adjectives (egn|a, osäkr|a) and their comparison
# (enkl|are, säkr|ast).
_PLURAL_ENDINGS = ("a", "ar", "arna", "arnas", "ars", "er", "erna", "ernas", "en", "ena", "ens")
_DROP_ENDINGS = frozenset((*_PLURAL_ENDINGS, "et", "ets", *_COMPARISON_ENDINGS))
# Endings a verb shares with those: "handlar" and "handla" are forms of handla, not of handel.
_VERB_ENDINGS = frozenset(("a", "ar", "er"))
# Endings that only an adjective takes after a dropped vowel (egn|a, enkl|are, säkr|ast).
_ADJECTIVE_DROP_ENDINGS = frozenset(("a", *_COMPARISON_ENDINGS))


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
    an agent noun in "-are" is that noun's plural ("handlarna"); and "-a", "-are" and "-ast"
    make a plural, comparative or superlative only of a base with an adjective's neuter form
    (egen -> eget, enkel -> enkelt, säker -> säkert, vuxen -> vuxet), which also lets a
    rare word be the base's stem (Snowball's "säk" and "vux" are in the word list), but not a
    common one: "uppdragna" and "förbundna" are no forms of uppdrag and förbund, whatever
    "uppdragen" and "förbunden" are.
    """
    known = shipped_words()
    if known.get(s, 0.0) >= _COMMON_WORD_ZIPF:
        return False
    adjective = ending in _ADJECTIVE_DROP_ENDINGS
    if adjective and base + "t" not in known and base[:-1] + "t" not in known:
        return False
    base_stem = _snowball(base)
    rare = adjective and known.get(base_stem, 0.0) < _COMMON_WORD_ZIPF
    if base_stem != base and base_stem in known and not rare:
        return False
    if ending in _VERB_ENDINGS and _has_past_tense(s, known.get(base, 0.0)):
        return False
    # "handlarna" are the handlare, not a form of handel
    return not (ending.startswith("ar") and ending != "are" and s + "are" in known)


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
# not hold is judged by its last part ("samverkans|insats", "arbetsmarknads|ansvar",
# "planerings|konferens").
_MISTAKEN_ENDINGS = frozenset(("s", "or", "at", "ar", "ad", "ens"))


def _keeps_ending(w: str, s: str) -> bool:
    """Whether `w` is a base form whose last letters Snowball (stem `s`) mistook for an ending:
    insats, villkor, revisor, resultat, ansvar, kostnad. Its inflected forms (insatsen,
    villkoren, revisorer, resultatet) are known words that Snowball stems to `w` itself, so
    without this "insats" would never find "insatser". Participles ("planerad") and verb forms
    have no such forms and are stemmed as Snowball says."""
    if _proves_base(w, s):
        return True
    ending = w[len(s) :]
    if ending not in _MISTAKEN_ENDINGS:
        return False
    last = _last_part(w)
    if not last or len(s) <= len(w) - len(last) or (ending == "ens" and len(last) < 6):
        return False  # a base in -ens is a loanword of two syllables (licens), no "storm|ens"
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
    if w.endswith("tt"):
        bases = [w[:-1], w[:-2]]  # vitt -> vit, nytt -> ny
    elif w.endswith("et"):
        bases = [w[:-1], w[:-1] + "n"]  # öppet -> öppen, vuxet -> vuxen
    else:
        bases = [w[:-1]]
    for base in bases:
        if base in known and _is_adjective(base, known):
            return base
    return None


def _is_adjective(base: str, known: dict[str, float]) -> bool:
    """Whether the known word `base` is an adjective: a plural in "-a" (gemensamma, enkla,
    öppna) and an adjective's ending or a comparative (snabbare, enklare, högre). A verb's
    stem (svara, svarade) is none."""
    double = base + base[-1] if base[-1] in "mn" else base  # gemensam -> gemensamma
    # The unstressed e drops before the ending: enkel -> enkla, säker -> säkra, öppen -> öppna.
    dropped = base[:-2] + base[-1] if base[-2:] in ("el", "en", "er") else base
    if not any(form + "a" in known for form in (base, double, dropped)):
        return False
    if base in _IRREGULAR_ADJECTIVES:
        return True  # hög (högre; högar are heaps), lång (längre)
    if any(base + ending in known for ending in ("ade", "ar")):
        return False  # a verb's stem: svara, svarade
    return base.endswith(_ADJECTIVE_ENDINGS) or any(
        form in known for form in (base + "are", base + "ast", double + "are", dropped + "are")
    )


@functools.lru_cache(maxsize=262_144)
def _stem_lower(w: str) -> str:
    """Stem of a lower-case, hyphen-free word (Snowball plus our fixes)."""
    hit = STEM_EXCEPTIONS.get(w)
    if hit is not None:
        return hit
    if w.endswith(_EXCEPTION_TAILS):  # a cheap test first: the split below costs more
        hit = _exception_tail(w)
        if hit is not None:
            return hit
    if w.endswith(_AGENT_ENDINGS):  # "ledare", "verksamhetsledarna"
        hit = _agent_noun(w)
        if hit is not None:
            return hit
    # A word of letters has no digit: the test by character is for the rest only.
    if len(w) > MAX_WORD or (not w.isalpha() and any(c.isdigit() for c in w)):
        return w
    s = _snowball(w)
    if s != w:
        if w.startswith(s + "els"):
            return s + "els"
        if w.startswith(s + "ig") and len(s) >= 2:
            return s + "ig"
        if _keeps_ending(w, s):
            return w
        if w.startswith(s + "lig"):  # "billig", "vanliga", "möjligheter"
            return s + "lig"
        if w.endswith("bar") and _bar_adjective(w, s):  # "hållbar"
            return w
        if w.endswith(("ena", "erna")):
            base = _plural_base(w, s)  # "ärendena", "interna"
            if base is not None:
                return _stem_lower(base)
    if w.endswith("s") and (s == w[:-1] or s == w):
        base = _genitive_base(w, s)  # "kommuners", "Karlstads", "Malmös"
        if base is not None:
            return _stem_lower(base)
    elif s == w and w.endswith("um"):
        hit = _latin_neuter(w[:-2])  # "seminarium"
        if hit is not None:
            return hit
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


def _bar_adjective(w: str, s: str) -> bool:
    """Whether `w` is an adjective in "-bar" from which Snowball cut "-ar" (`s`): "hållbar"
    became "hållb" while hållbara and hållbarhet kept "hållbar". Its plural and neuter must be
    known words (hållbara, hållbart), so the plural of a noun in -b ("klubbar") is not one."""
    known = shipped_words()
    return s == w[:-2] and w + "a" in known and w + "t" in known


def _plural_base(w: str, s: str) -> str | None:
    """The form to stem a plural as, where Snowball cut it short of its word, else None.

    "ärendena", "mötena", "områdena": the definite plural of a neuter in -e, of which Snowball
    cuts only the "-a", is stemmed as the plural "ärenden" (the word list, or the compound's
    last part, must know the neuter's definite "ärendet"). "interna", "moderna": Snowball cuts
    "-erna" as a noun's plural ending, but the adjective in -ern (internt) is the base.
    """
    known = shipped_words()
    if w.endswith("ena") and s == w[:-1]:
        last = w if w[:-1] in known else _last_part(w)
        if last and _is_e_neuter(last[:-3], known) and not _has_past_tense(s, 0.0):
            return s  # "förena" is a verb, whatever "fören" and "föret" are
    elif w.endswith("erna") and s == w[:-4]:
        base = w[:-1]
        if base in known and base + "t" in known:
            return base
    return None


def _is_e_neuter(base: str, known: dict[str, float]) -> bool:
    """Whether `base` + "e" is a known neuter in -e with its plural "-en" and a common
    definite "-et" (ärende, ärenden, ärendet; möte; område); not "ar|ena", whose "aret" is
    rare, nor a stem of two letters."""
    return (
        len(base) >= 3
        and base + "e" in known
        and base + "en" in known
        and known.get(base + "et", 0.0) >= 2.5
    )


# Letters after which Snowball keeps a genitive "-s" (it deletes it only after a consonant,
# "o" or "y"): "Malmös", "Umeås", "miljös", "ekonomis", "idés".
_KEPT_S_AFTER = frozenset("åäöiué")


def _genitive_base(w: str, s: str) -> str | None:
    """The word a genitive "-s" was added to, when Snowball (stem `s`) left the rest as it
    stood, else None; that word is then stemmed as a word.

    Snowball deletes the "-s" alone and stops, so "kommuners" stayed "kommuner" (kommun's stem
    is "kommun"), "Karlstads" "karlstad" (Karlstad's is "karlst") and "projekts" "projekt".
    The rest must be a known word ("Anders" is not "ander" + s). After a vowel Snowball keeps
    the "-s": "Malmös" and "miljös" are read as genitives when the word list knows the word
    without it, or a place name of sv_places.txt, as the more common form, so "paris" and
    "hus" (hu) stay whole.
    """
    base = w[:-1]
    known = shipped_words()
    if s == base:
        return base if base in known else None
    if s != w or len(base) < 4 or base[-1] not in _KEPT_S_AFTER:
        return None
    if known.get(base, 0.0) > known.get(w, 0.0) or base in place_names():
        return base
    return None


def _latin_neuter(r: str) -> str | None:
    """The stem of a Latin neuter in -ium or -eum (`r` is the word less "-um", or less the
    definite "-et"), else None: seminarium, seminariet and seminarier -> "seminari", museum,
    museet, museer -> "muse", as Snowball stems the plural. The word list must know the
    plural in "-er" and the word in "-um"."""
    if r[-1:] not in ("i", "e") or len(r) < 4:
        return None
    known = shipped_words()
    if r + "er" in known and r + "um" in known:
        return _snowball(r + "er")
    return None


def _exception_tail(w: str) -> str | None:
    """The stem of a compound whose last part is in `STEM_EXCEPTIONS`, else None:
    "styrelseledamöter" -> "styrelseledamot", as "ledamöter" -> "ledamot". The shipped
    lexicon must split the word there, so "holländer" is no form of "holland"."""
    last = _last_part(w)
    stem = STEM_EXCEPTIONS.get(last) if last else None
    return w[: len(w) - len(last)] + stem if stem is not None else None


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
