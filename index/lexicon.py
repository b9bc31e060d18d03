"""Swedish word lists and dictionary decompounding.

Swedish writes compounds as one word ("samverkansutbildningen", "brottsofferjouren"), so a
search for "utbildning" or "brottsoffer" finds nothing unless the index also holds the parts.
This module knows which strings are Swedish words (a frequency list shipped in
`data/lexicon/sv_words.tsv`, derived from wordfreq) and splits a compound into known words.

Splitting is deliberately conservative: a part must be a known word of at least three letters
(the last part at least four), never a stopword or a bare prefix, and a word that is itself
more frequent than its parts is left alone. That keeps substring traps such as "utrikesfödda"
(which contains "esf") from ever producing a part that is not a word.

`python -m cli.lexicon build` regenerates the shipped list from the wordfreq package, which is
needed only for that command.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from index.errors import FinsokError
from index.settings import PROJECT_ROOT, read_data_text

LEXICON_DIR = PROJECT_ROOT / "data" / "lexicon"
WORDS_FILE = LEXICON_DIR / "sv_words.tsv"
# Hand-written domain vocabulary merged over the generated list (it wins where both have a word).
DOMAIN_FILE = LEXICON_DIR / "sv_domain.tsv"
# Hand-written cuts the splitter never makes ("hand|led": handledare is no compound of ledare).
NO_CUT_FILE = LEXICON_DIR / "sv_no_cut.txt"
# Hand-written place names whose words get no compound parts ("Karlshamn" is no karl + hamn).
PLACES_FILE = LEXICON_DIR / "sv_places.txt"

# How many of wordfreq's most frequent Swedish words the shipped list keeps. 80,000 reaches
# down to Zipf ~2.2 (about one occurrence in six million words), which still covers the
# vocabulary of the meeting records ("genomlysning" is 2.57) at about 1.2 MB.
DEFAULT_SIZE = 80_000
WORDFREQ_VERSION = "3.1.1"

# Zipf value given to vocabulary added from indexed text: rarer than anything shipped, so a
# split never prefers an added word over a shipped one of the same shape.
ADDED_ZIPF = 1.5


def _wordlist(text: str) -> frozenset[str]:
    """A word list written as whitespace-separated text, so long lists stay readable."""
    return frozenset(text.split())


# Snowball's Swedish stopword list (snowballstem.org/algorithms/swedish/stop.txt, BSD), 114
# words. It lives here, with the other word lists, so that both analysis and decompounding use
# one copy. "sitta" is on the original list and stays for compatibility with Elasticsearch.
STOPWORDS: frozenset[str] = _wordlist(
    """
    och det att i en jag hon som han på den med var sig för så till är men ett om hade de av
    icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde
    något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under
    någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev
    oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom mellan
    sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era
    vilkas
    """
)

# Strings that are words but never a useful compound part: verb particles and prefixes that
# begin lexicalised words ("för|slag", "genom|lysning", "sam|verkan", "under|sökning") and
# derivational endings that happen to be words ("ledar|skap", "place|ment"). Together with the
# stopwords they are refused as parts anywhere in a split.
NOT_PARTS: frozenset[str] = STOPWORDS | _wordlist(
    """
    all alls andra annan annat bak be bi bort dit efter emot fram före genom hel hem hit hos
    in inne iväg kring med miss ned ner när nog o sam samman sär tills till ur ut ute van åter
    skap skapet skapen skaper skapens dom domen domar het heten heter ning ningen ningar else
    elsen elser ande ende ares aren arna erna orna isk iska iskt ism ist lig liga ligt sam samt
    bar bara bart fort förut gen eng doms erat erats erad erade erar eras erans ingar ingens
    ingarna ingarnas god redo leda til underst uppta ment
    """
)

_MIN_PART = 3  # letters in a non-final part
_MIN_LAST = 4  # letters in the final part
_MAX_PARTS = 4
_MIN_WORD = _MIN_PART + _MIN_LAST
# No word this long is a compound of known words (analysis never asks: `index.tokens.MAX_WORD`
# is 64), and the splitter recurses once per part boundary, so a 5,000-letter "word" of a broken
# export would exhaust the stack.
_MAX_WORD = 100
_MIN_SHORT_PART_ZIPF = 4.0  # a three-letter part must be a common word ("lag", "mål", "råd")
_MIN_RESTORED = (
    5  # letters in a part whose dropped -e/-a was restored ("handledar" -> "handledare")
)
_RESTORE_PENALTY = 0.5
# A word that is itself in the list is split only when its parts are clearly more frequent.
_KNOWN_WORD_MARGIN = 0.5
# Endings after which an "s" can only be the linking -s-.
_S_LINKED = ("tion", "ning", "het", "skap", "itet", "dom")
# Inflection endings stripped from the final part to find its base form ("team|en"): an
# inflected form is as plausible as its base, a little discounted for the guess. The base has
# at least four letters, so short words never turn a fragment into a part.
_ENDINGS = _wordlist(
    """
    arnas ernas ornas arna erna orna aren eren ens ets ars ers ors en et ar er or na ns s n a e t d
    """
)
_ENDING_LENGTHS = sorted({len(e) for e in _ENDINGS})
_ENDING_PENALTY = 0.5
_WORD_RE = re.compile(r"[a-zåäöéü]+")
# Analysis caches per lexicon are bounded: a corpus has far more distinct rare words than are
# worth keeping; past this many entries the caches start afresh. A lexicon that only marks
# snippets in a long-running server keeps fewer (`search.engine.SERVING_CACHE_LIMIT`).
CACHE_LIMIT = 300_000


class Lexicon:
    """Known Swedish words (lower case) with their Zipf frequency, and a decompounder.

    The shipped table is shared read-only between instances; words added with `add()` live in
    the instance only, so one index's vocabulary never leaks into another's analysis. Analysis
    results that depend on the lexicon (compound splits) are cached in `cache`, which `add()`
    clears.
    """

    __slots__ = (
        "_base",
        "_extra",
        "_splits",
        "_starts",
        "cache",
        "cache_limit",
    )

    def __init__(self, words: Mapping[str, float] | None = None) -> None:
        self._base: Mapping[str, float] = words if words is not None else {}
        self._extra: dict[str, float] = {}
        self._starts: dict[str, float] | None = None  # see `_part_starts`; built on first split
        self._splits: dict[str, tuple[str, ...]] = {}
        # Free for callers (index.analysis) to memoise per-word results that use this lexicon,
        # up to `cache_limit` entries; the compound splits' memo (`split`) keeps as many.
        self.cache: dict[object, object] = {}
        self.cache_limit = CACHE_LIMIT

    @classmethod
    def default(cls) -> Lexicon:
        """A lexicon over the shipped word list (loaded once, shared; `add()` stays local)."""
        return cls(shipped_words())

    @classmethod
    def from_file(cls, path: str | Path) -> Lexicon:
        """A lexicon over a `word<TAB>zipf` file; a bad line raises FinsokError naming it."""
        return cls(_read_tsv(Path(path)))

    def add(
        self, words: Iterable[str], zipf: float = ADDED_ZIPF, *, keep_cache: bool = False
    ) -> int:
        """Add vocabulary (e.g. from indexed text); returns how many words were new.

        Words are lower-cased; only alphabetic ones of at least three letters are taken, so
        numbers and fragments never become compound parts, and known words keep their
        frequency. Stems never use added words (see index.analysis), only compound splits do;
        adding only words seen several times keeps OCR noise out of the splits.

        With `keep_cache`, words already analysed keep the split they got: the indexer learns
        vocabulary batch by batch, and re-splitting every known word after each batch made
        ingest twenty times slower. New words use the grown vocabulary.
        """
        new = []
        for raw in words:
            word = raw.lower()
            if (
                len(word) >= _MIN_PART
                and word not in self._base
                and word not in self._extra
                and _WORD_RE.fullmatch(word)
            ):
                self._extra[word] = zipf
                new.append(word)
        if new and self._starts is not None:
            self._add_starts(new)
        added = len(new)
        if added and not keep_cache:
            self._splits.clear()
            self.cache.clear()
        return added

    def __contains__(self, word: object) -> bool:
        return word in self._base or word in self._extra

    def __len__(self) -> int:
        return len(self._base) + len(self._extra)

    def zipf(self, word: str) -> float:
        """Zipf frequency of a lower-case word: 0.0 when unknown, 7 for the commonest words."""
        z = self._base.get(word)
        if z is None:
            z = self._extra.get(word, 0.0)
        return z

    def split(self, word: str) -> list[str]:
        """Split a compound into known words; [] when it is not a (recognisable) compound.

        Parts come back lower-case in their dictionary form where a linking element was
        involved ("samverkans|utbildningen" -> samverkan, utbildningen; "handledar|utbildningar"
        -> handledare, utbildningar) and in surface form otherwise; the last part keeps its
        inflection. Among all ways to cover the word with known parts, the one with the fewest
        parts wins, then the one whose parts are most frequent on average; a word that is more
        frequent than that average is not split at all.
        """
        w = word.lower()
        hit = self._splits.get(w)
        if hit is None:
            hit = tuple(self._split(w))
            if len(self._splits) >= self.cache_limit:  # a server's lexicon keeps fewer
                self._splits.clear()
            self._splits[w] = hit
        return list(hit)

    # -- decompounding ------------------------------------------------------------------------

    def _part_starts(self) -> dict[str, float]:
        """Every string of three letters or more that begins a known word, with what the
        splitter makes of it as a non-final part (`_start_codes`); a string missing here
        begins no known word, so the splitter stops growing a part there.

        One lookup answers what took up to seven (prefix, stopword, word, restorable), for
        every prefix of every suffix of each new word. The shipped words' table is built once
        per process and copied for a lexicon that adds words (`_add_starts` keeps it up).
        """
        if self._starts is None:
            base = self._base
            if base is shipped_words():
                self._starts = _shipped_starts()  # shared until words are added
            else:
                self._starts = _start_codes(base, _restorable_stems(base))
            if self._extra:
                self._add_starts(list(self._extra))
        return self._starts

    def _add_starts(self, words: list[str]) -> None:
        """Enter added words, their prefixes and their restorable forms in `_starts` (a copy
        of the shipped words' table, made here, for a lexicon over them)."""
        starts = self._starts
        assert starts is not None
        if self._base is shipped_words() and starts is _shipped_starts():
            starts = self._starts = dict(starts)
        for word in words:
            # Only strings of up to `_MAX_WORD` letters are looked up (parts of a word that
            # `_split` takes): each prefix of a 40,000-letter "word" learned from a broken
            # export took the square of its length, 800 MB, and a longer one all memory.
            for k in range(_MIN_PART, min(len(word), _MAX_WORD + 1)):
                p = word[:k]
                if p not in starts:  # a new prefix is no word, and restorable only as below
                    starts[p] = _HEADS if p[-1] in "ou" and p not in NOT_PARTS else _SKIP
            if len(word) > _MAX_WORD + 1:
                continue  # neither it nor its stem below is ever looked up
            starts[word] = _SKIP if word in NOT_PARTS else _word_code(word, self._extra[word])
            stem = word[:-1]  # restorable: `_heads` may find word in a part "stem"
            if word[-1] in "ea" and len(stem) >= _MIN_PART and starts[stem] == _SKIP:
                starts[stem] = _SKIP if stem in NOT_PARTS or stem in self else _HEADS

    def _final_zipf(
        self, s: str, penalty: float = _ENDING_PENALTY, endings: Iterable[int] | None = None
    ) -> float:
        """How plausible `s` is as the last, inflected part: its own or its base form's Zipf
        (less `penalty` for the guess that it is an inflection of that base).

        `endings` may give the lengths of the `_ENDINGS` that `s` ends in (`_endings_of`):
        the splitter asks about every suffix of a word, which all end as the word does.
        """
        if len(s) < _MIN_LAST or s in NOT_PARTS:
            return 0.0
        known, extra = self._base, self._extra
        best = known[s] if s in known else extra.get(s, 0.0)
        for k in _endings_of(s) if endings is None else endings:
            base = s[:-k]
            if len(base) >= _MIN_LAST and base not in NOT_PARTS:
                zb = (known[base] if base in known else extra.get(base, 0.0)) - penalty
                if zb > best:
                    best = zb
        return best if best > 0 else 0.0

    def _part_zipf(self, form: str) -> float:
        """Zipf of a non-final part in dictionary form, or 0.0 when it may not be a part."""
        if len(form) < _MIN_PART or form in NOT_PARTS:
            return 0.0
        z = self.zipf(form)
        if len(form) == _MIN_PART and z < _MIN_SHORT_PART_ZIPF:
            return 0.0
        return z

    def _heads(self, w: str, a: str, j: int, prefix: bool) -> list[tuple[str, float, int]]:
        """Ways `a` (`w[i:j]`) can be a non-final part: (dictionary form, zipf, where the next
        starts). `prefix` says whether some known word begins with `a`.

        Linking elements handled: none (bil|trafik), -s- (samverkan|s|utbildning), and, only
        when the surface string is not a word itself, dropped -e (handledar(e)|utbildning),
        dropped -e plus -s- (arbet(e)|s|marknad), dropped -a (skol(a)|gatan) and -o/-u for -a
        (kvinn(a)o|jour). A restored form is a guess, so it must be long (five letters or
        more) and counts as a little rarer. After -tion, -ning, -het, -skap, -itet an "s" is
        always the linking -s- ("konsultation|s|teamen", never "konsultation|steamen").

        `_split` answers the common cases itself (a word not followed by an "s", a string no
        restored letter makes a word) and asks here for the others.
        """
        if a in NOT_PARTS:
            return []
        if not prefix:
            # Neither a nor a restored a+"e" / a+"a" is a word; only -o/-u for -a can give one.
            if a[-1] in "ou" and len(a) >= _MIN_RESTORED:
                z = self._part_zipf(a[:-1] + "a")
                if z > _RESTORE_PENALTY:
                    return [(a[:-1] + "a", z - _RESTORE_PENALTY, j)]
            return []
        out: list[tuple[str, float, int]] = []
        link_s = j < len(w) - _MIN_LAST and w[j] == "s"
        if a in self:  # the surface form is a word: no restored forms
            z = self._part_zipf(a)
            if z > 0:
                if not (link_s and a.endswith(_S_LINKED)):
                    out.append((a, z, j))
                if link_s and not a.endswith("s"):
                    out.append((a, z, j + 1))
            return out
        if len(a) < _MIN_RESTORED - 1:
            return out
        penalty = _RESTORE_PENALTY
        if a[-1] not in "aeiouyåäö":
            with_e = self._part_zipf(a + "e") - penalty
            with_a = self._part_zipf(a + "a") - penalty
            if with_e > 0:
                out.append((a + "e", with_e, j))
            if with_a > 0:
                out.append((a + "a", with_a, j))
            if link_s and with_e > 0:
                out.append((a + "e", with_e, j + 1))
        elif a[-1] in "ou" and len(a) >= _MIN_RESTORED:
            with_a = self._part_zipf(a[:-1] + "a") - penalty
            if with_a > 0:
                out.append((a[:-1] + "a", with_a, j))
        return out

    def _split(self, w: str) -> list[str]:
        n = len(w)
        if n < _MIN_WORD or n > _MAX_WORD or not _WORD_RE.fullmatch(w):
            return []

        memo: dict[int, list[_Split | None]] = {}
        starts = self._part_starts()
        heads = self._heads
        refused = _refused_cuts(w)
        link_at = n - _MIN_LAST  # a linking -s- before here leaves room for a last part
        endings = _endings_of(w)
        # Where the shortest form a last part w[i:] may be looked up as ends (its base, less
        # the longest ending): every form begins with w[i:stem_end] (at least four letters).
        stem_end = n - (endings[-1] if endings else 0)

        def best(i: int) -> list[_Split | None]:
            """The best way to cut w[i:] into exactly k parts, at index k - 1, for k up to
            _MAX_PARTS (None where there is no way): the highest total Zipf, and among equals
            the first in the order of part boundaries (dynamic programming over suffixes).

            The best cut into k parts does not depend on how many parts came before, so each
            suffix is solved once, for every k, whatever depth it is first reached at.
            """
            found = memo.get(i)
            if found is not None:
                return found
            found = [None] * _MAX_PARTS
            if _suffix_boundary(w, i) or w[i : max(stem_end, i + _MIN_LAST)] not in starts:
                z = 0.0  # no known word begins as every form of the last part would
            else:
                z = self._final_zipf(w[i:], endings=endings)
            if z:
                found[0] = (z, (w[i:],))
            for j in range(i + _MIN_PART, n - _MIN_LAST + 1):
                a = w[i:j]
                zw = starts.get(a)
                prefix = zw is not None
                if not prefix:
                    # No known word begins with `a`, so no longer part can be one, and only
                    # -o/-u for -a can make `a` itself one (`_heads`).
                    if a[-1] not in "ou" or j in refused:
                        break
                    options = heads(w, a, j, prefix)
                elif not zw or j in refused:
                    continue  # _SKIP: never a part, so only a longer string may be one
                elif zw > 0:
                    # `_heads` written out for its common case, a word not followed by a
                    # linking "s": this runs for every prefix of every suffix of each new word.
                    if j < link_at and w[j] == "s":
                        options = heads(w, a, j, prefix)
                    else:
                        options = [(a, zw, j)]
                else:
                    options = heads(w, a, j, prefix)  # _HEADS
                for form, zf, nxt in options:
                    if n - nxt < _MIN_LAST:
                        continue
                    rests = best(nxt)
                    for k in range(1, _MAX_PARTS):
                        rest = rests[k - 1]
                        if rest is not None:
                            total = zf + rest[0]
                            current = found[k]
                            if current is None or total > current[0]:
                                found[k] = (total, (form, *rest[1]))
                if not prefix:
                    break  # no word begins with `a`, so no longer part can be one
            memo[i] = found
            return found

        # The fewest parts win (two or more), then the highest mean Zipf.
        chosen = next((s for s in best(0)[1:] if s is not None), None)
        # `best` refers to itself through its closure: without this, every word split left
        # a reference cycle (the function, its cells, `memo` and its lists) for the garbage
        # collector, which the analyser then ran thousands of times more often.
        best = None
        if chosen is None:
            return []
        total, forms = chosen
        mean = total / len(forms)
        own = max(self.zipf(w), self._final_zipf(w, penalty=0.0, endings=endings))
        if own and own + _KNOWN_WORD_MARGIN >= mean:
            return []
        return list(forms)


def _endings_of(s: str) -> list[int]:
    """The lengths of the `_ENDINGS` that `s` ends in, shortest first."""
    return [k for k in _ENDING_LENGTHS if s[-k:] in _ENDINGS]


def _suffix_boundary(w: str, i: int) -> bool:
    """Whether a split before `w[i]` would cut a verb suffix: "juste|rare" (-erare),
    "plane|ringen" (-ering), "formali|sera" (-isera) are no compounds."""
    if i == 0:
        return False
    tail = w[i : i + 3]
    prev = w[i - 1]
    return (prev == "e" and tail[:1] == "r" and tail[1:2] in ("a", "i")) or (
        prev == "i" and tail == "ser"
    )


_Split = tuple[float, tuple[str, ...]]  # (total Zipf, parts)


def _refused_cuts(w: str) -> frozenset[int] | tuple[()]:
    """Where in `w` a split may not cut: after each `first` of `data/lexicon/sv_no_cut.txt`
    that its `rest` follows ("handledarna" → {4}). One regex search per split cache miss,
    which for almost every word finds nothing."""
    pattern = _no_cut_pattern()
    if pattern is None or pattern.search(w) is None:
        return ()
    return frozenset(m.end() for m in pattern.finditer(w))


@functools.cache
def _no_cut_pattern() -> re.Pattern[str] | None:
    """The cuts as one regex whose matches end where a cut is refused: "hand(?=led)"."""
    pairs = no_cuts()
    if not pairs:
        return None
    return re.compile("|".join(f"{first}(?={rest})" for first, rest in pairs))


@functools.cache
def no_cuts() -> tuple[tuple[str, str], ...]:
    """The shipped cuts never made, as (first, rest) pairs, read once; a bad line raises
    FinsokError naming it."""
    pairs = []
    for lineno, line, entry in _entries(NO_CUT_FILE, "listan över ord som inte delas"):
        first, sep, rest = entry.partition("|")
        if not sep or not _WORD_RE.fullmatch(first) or not _WORD_RE.fullmatch(rest):
            raise _bad_line(
                NO_CUT_FILE,
                lineno,
                line,
                "två delar av ett ord med små bokstäver och ett lodstreck mellan, som hand|led",
            )
        pairs.append((first, rest))
    return tuple(pairs)


# A place name as written: words of letters joined by a space or a hyphen, the first a capital.
_PLACE_RE = re.compile(r"[^\W\d_]+(?:[ -][^\W\d_]+)*")


@functools.cache
def place_names() -> frozenset[str]:
    """The words of the shipped place names (`data/lexicon/sv_places.txt`), lower case, read
    once: "Upplands Väsby" gives upplands and väsby. A bad line raises FinsokError naming it."""
    words: set[str] = set()
    for lineno, line, entry in _entries(PLACES_FILE, "listan över ortnamn"):
        if not entry[0].isupper() or not _PLACE_RE.fullmatch(entry):
            raise _bad_line(
                PLACES_FILE,
                lineno,
                line,
                "ett ortnamn med stor begynnelsebokstav, ord av "
                "bokstäver med mellanslag eller bindestreck emellan, som Karlshamn eller "
                "Upplands Väsby",
            )
        words.update(re.split(r"[ -]", entry.lower()))
    return frozenset(words)


def _entries(path: Path, what: str) -> Iterator[tuple[int, str, str]]:
    """(line number, line, entry) of each entry of a hand-written list, one a line with a
    comment after `#`; none when the file is missing (the rules then cut and split as
    before)."""
    if not path.exists():
        return
    for lineno, line in enumerate(read_data_text(path, what).splitlines(), 1):
        entry = line.partition("#")[0].strip()
        if entry:
            yield lineno, line, entry


def _bad_line(path: Path, lineno: int, line: str, rule: str) -> FinsokError:
    """The error for a list's line that breaks its `rule` ("varje rad ska vara …")."""
    return FinsokError(f"{path}: rad {lineno}: {line!r} — varje rad ska vara {rule}")


# What a string that begins a known word is to the splitter as a non-final part (values of
# `Lexicon._part_starts`): a word's Zipf (> 0) when it may be one as written, _HEADS when only
# `_heads` can tell (a restored -e/-a, or -o/-u for -a, may make it a word), _SKIP when it can
# never be one (a stopword or bare prefix of NOT_PARTS, a rare three-letter word, a string
# that no restored letter makes a word).
_SKIP = 0.0
_HEADS = -1.0


def _word_code(word: str, zipf: float) -> float:
    """The `_part_starts` value of a known word that is not in NOT_PARTS."""
    if (len(word) == _MIN_PART and zipf < _MIN_SHORT_PART_ZIPF) or zipf <= 0:
        return _SKIP
    return zipf


def _start_codes(words: Mapping[str, float], restorable: Iterable[str]) -> dict[str, float]:
    """`Lexicon._part_starts` for a word list: its words' prefixes of three letters or more
    (the words included), each with its value. Written as whole-table steps, in reverse order
    of precedence, because the shipped table holds about 200,000 strings."""
    starts = dict.fromkeys(
        {word[:k] for word in words for k in range(_MIN_PART, len(word) + 1)}, _SKIP
    )
    for p in [p for p in starts if p[-1] in "ou"]:
        starts[p] = _HEADS
    for p in restorable:
        if p in starts:
            starts[p] = _HEADS
    for word, zipf in words.items():
        if len(word) >= _MIN_PART:
            starts[word] = _word_code(word, zipf)
    for p in NOT_PARTS:
        if p in starts:
            starts[p] = _SKIP
    return starts


def _restorable_stems(words: Iterable[str]) -> frozenset[str]:
    """The words that end in -e or -a, without that letter."""
    return frozenset(w[:-1] for w in words if w[-1:] in ("e", "a"))


@functools.cache
def _shipped_starts() -> dict[str, float]:
    """`_start_codes` of the shipped words (built once per process; callers copy it)."""
    words = shipped_words()
    return _start_codes(words, _restorable_stems(words))


@functools.cache
def shipped_words() -> Mapping[str, float]:
    """The shipped word list as {word: zipf} (generated list plus domain words), read once."""
    if not WORDS_FILE.exists():
        raise FinsokError(
            f"{WORDS_FILE}: den svenska ordlistan saknas — hämta den från projektet igen "
            "eller bygg den med `python -m cli.lexicon build`",
            status=500,
            code="missing_lexicon",
        )
    words = _read_tsv(WORDS_FILE)
    if DOMAIN_FILE.exists():
        words.update(_read_tsv(DOMAIN_FILE))
    return words


def _read_tsv(path: Path) -> dict[str, float]:
    words: dict[str, float] = {}
    text = read_data_text(path, "ordlistan")
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        word, sep, value = line.partition("\t")
        try:
            zipf = float(value)
        except ValueError:
            zipf = math.nan
        if not sep or not word or math.isnan(zipf):
            raise _bad_line(
                path, lineno, line, "ett ord, en tabb och ordets frekvens som zipf-värde (ord\t4.5)"
            )
        words[word] = zipf
    return words


# -- build ------------------------------------------------------------------------------------


def build(out: Path = WORDS_FILE, size: int = DEFAULT_SIZE) -> int:
    """Write the `size` most frequent Swedish words from wordfreq to `out`; returns the count.

    Keeps only lower-case alphabetic words of two letters or more (Swedish letters plus é and
    ü), so numbers, punctuation and foreign scripts stay out. wordfreq is imported here only:
    it is a build tool (`pip install wordfreq==3.1.1`), not a runtime dependency.
    """
    try:
        import wordfreq  # type: ignore[import-not-found]
    except ImportError as exc:
        raise FinsokError(
            f"building the word list needs wordfreq: pip install wordfreq=={WORDFREQ_VERSION}"
        ) from exc
    freqs = wordfreq.get_frequency_dict("sv", wordlist="large")
    rows: list[tuple[str, float]] = []
    for word, freq in sorted(freqs.items(), key=lambda item: (-item[1], item[0])):
        if len(word) >= 2 and _WORD_RE.fullmatch(word) and freq > 0:
            rows.append((word, round(math.log10(freq) + 9, 2)))
            if len(rows) >= size:
                break
    version = getattr(wordfreq, "__version__", WORDFREQ_VERSION)
    header = (
        f"# Swedish words from wordfreq {version} (data CC BY-SA 4.0), the {len(rows)} most "
        "frequent lower-case alphabetic words: word<TAB>Zipf frequency. "
        "Rebuild: python -m cli.lexicon build\n"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(header + "".join(f"{w}\t{z:.2f}\n" for w, z in rows), encoding="utf-8")
    tmp.replace(out)
    shipped_words.cache_clear()
    return len(rows)
