"""Decisions: find the board's resolutions inside a section's text.

A decision is what the board resolved ("Styrelsen beslutar att …", the text after "Beslut:",
"Beslut 2025-5 §11:2 …"). A proposal ("Förslag till beslut", "Styrelsen föreslås besluta") is
not, even when it reads the same: `001_…` § 8 proposes approving the delegation order, while the
decision only files the information. Decisions stay in the section text; this module says which
parts of it are decisions.
"""

from __future__ import annotations

import re
from functools import cache

from index.lines import Line
from index.metadata import BOARD, COMMITTEE, MONTH_NAMES, MONTHS, PRESIDIUM
from index.model import Decision

_ID_MARKER = re.compile(r"^Beslut\s+(\d{4}-\d+\s*§\s*\d+(?::\d+)?)\s*[.:]?\s*(.*)$")
# The label with its decision after it on the line: after a colon or a full stop, or, without
# them, a sentence that opens with a capital ("Beslut Planen antas.", "BESLUT Planen antas.");
# "Beslut Dnr 2024/12" is no decision.
_LABEL = re.compile(
    r"^(?:Beslut|BESLUT|Styrelsens beslut|STYRELSENS BESLUT)"
    r"\s*(?:(?:[.:]|(?<=\s)(?=(?!Dnr\b)[A-ZÅÄÖ][a-zåäö]*\s+\S))\s*(.*))?$"
)
# The deciding body: the board, or its working committee or presidium, whose own protocols
# record their decisions in the same voice ("Arbetsutskottet beslutar att …").
_BOARD = (
    r"(?:Styrelsen|Förbundsstyrelsen|Nämnden|Direktionen|Samordningsförbundet|Arbetsutskottet"
    r"|Presidiet)"
)
# The board deciding, or the impersonal form older protocols record decisions in: "Beslutades
# att utse …", "Beslöts att …", "Det beslutades att …", or "Beslutades" alone over its
# "att"-list.
_BOARD_DECIDES = re.compile(
    rf"^(?:{_BOARD}\s+(?:beslutar|beslutade|beslöt)|(?:Det\s+)?(?:[Bb]eslutades|[Bb]eslöts))\b"
    r"\s*(:?)\s*(.*)$"
)
# Whose proposal a label names ("Kansliets förslag", "Arbetsutskottets förslag till beslut"):
# only as a label, alone on its line or before a colon, since "Kansliets förslag godkänns." is
# how a decision takes the proposal up.
_PROPOSERS = (
    r"(?:Förvaltningens|Kansliets|Förbundschefens|Ordförandes|Ordförandens|Arbetsutskottets"
    r"|Presidiets|Beredningens|Beredningsgruppens)\s+förslag(?:\s+till\s+beslut)?"
)
_PROPOSAL = re.compile(
    rf"^(?:Förslag till beslut|Beslutsförslag|Förslag(?=\s*:)|{_PROPOSERS}(?=\s*(?::|$))"
    rf"|{_BOARD}\s+(?:föreslås|föreslogs|föreslår))\b"
)
# A proposal's label alone on its line: the next sentence is the proposal ("Förslag till beslut"
# / "Styrelsen beslutar att godkänna budgeten."), even when it reads as a decision.
_PROPOSAL_LABEL = re.compile(
    rf"^(?:Förslag till beslut|Beslutsförslag|Förslag|{_PROPOSERS})\s*:?\s*$"
)
# A label that starts another part of the section ends a decision block: in Halland's § 6 the
# list under "Information:" (new substitutes) is not what the board decided.
_CLOSER = re.compile(
    r"^(?:Information|Diskussion|Bakgrund|Ärendebeskrivning|Sammanfattning(?: av ärendet)?"
    r"|Beskrivning av ärendet|Underlag"
    r"|Beslutsunderlag|Underlag för beslut|Handlingar(?: i ärendet)?|Sändlista|För kännedom"
    # a vote's label (`_VOTE`): what follows is the count, and then the decision it gave,
    # which opens a block of its own ("Styrelsen beslutar med 5 röster mot 2 att …")
    r"|Propositionsordning|Proposition|Omröstning|Votering|Beslutsgång)"
    r"\s*(?::\s*(.*))?$"
)
# Where the decision is sent ("Beslutet skickas till", "Expedieras till: Kansliet") and the
# note that its paragraph was checked at once ("Beslutet justerades omedelbart.", "Omedelbar
# justering") end a decision block too: they say what became of the decision, and are no part
# of it. The text after a dispatch label is its list of receivers.
_DISPATCH = re.compile(
    r"^(?:Beslutet\s+(?:ska\s+)?(?:skickas|sänds|expedieras|delges)|Expedieras|Expediering)"
    r"(?:\s+till)?\s*:?\s*(.*)$"
)
_IMMEDIATE = re.compile(
    r"^(?:(?:Beslutet|Paragrafen|Punkten|Ärendet|Protokollet)\s+(?:justerades|justeras"
    r"|förklarades|förklaras)\s+omedelbart|Omedelbar\s+justering|Justeras\s+omedelbart"
    r"|Omedelbart\s+justerad)\b",
    re.IGNORECASE,
)
_ENDS_FIRST = frozenset("BEPÄOJbepäoj")
# What a member had recorded under a decision: a reservation against it, a note to the minutes,
# a separate opinion (`_statements`). It ends the decision above it and is never one itself,
# however it reads: "… till förmån för sitt yrkande att ärendet återremitteras" is no decision.
# A member's motion ("Yrkande", "Yrkanden") is what a member wanted, as a reservation is.
_STATEMENT = re.compile(
    r"^(?:Reservation(?:er)?|Protokollsanteckning(?:ar)?|Särskilt yttrande|Yrkanden?)"
    r"\s*(?::\s*(.*))?$"
)
_STATEMENT_FIRST = frozenset("RPSY")
# The chair putting the motions to the vote ends the motions: what follows is how the board
# decided ("Propositionsordning" / "Ordföranden … finner att styrelsen beslutar att …").
_VOTE = re.compile(r"^(?:Propositionsordning|Proposition|Omröstning|Votering|Beslutsgång)\s*:?$")
# A sentence in which someone moves or proposes ("Anna Ek (S) yrkar att planen antas.",
# "Förbundschefen föreslår att planen antas.") is no decision, whatever passive follows,
# unless the board decides in it too.
# Recommending ("Revisorerna tillstyrker att styrelsen beviljas ansvarsfrihet.") is as much
# someone else's word as moving is.
_MOTION = re.compile(
    r"\b(?:yrkar|yrkade|föreslår|föreslog|föreslås|föreslogs|tillstyrker|tillstyrkte"
    r"|rekommenderar|rekommenderade)\b"
)
_MOTION_WORDS = ("yrka", "föresl", "tillstyrk", "rekommender")
# A label printed in capitals ("BESLUT", "STYRELSENS BESLUT:", "BAKGRUND") is the label.
_LABEL_WORDS = 4
# A line that can be such a label, in a text of lines each after a line break: every label's
# first two letters are among these capitals, and the line has no small letter before its
# colon or its end (`_label_line`). Led by the line break, the search skips from line to line.
_CAPITALS_LINE = re.compile(r"\n[A-ZÅÄÖ]{2}[^a-zåäö:\n]*(?:[:\n]|$)")
# A signature block's opening row at a protocol's end: two or more signers' roles side by
# side ("Ordförande Justerare"), or "Vid protokollet" / "Justeras" alone. It ends a decision
# that has no full stop, which would otherwise run on over the signers' names and dates.
_ROLE = r"(?:(?:Mötes|Vice\s+)?(?:ordförande|sekreterare)|Justerare|Justerande|Protokollförare)"
_SIGNATURE = re.compile(
    rf"^(?:{_ROLE}(?:\s+{_ROLE})+|Vid\s+protokollet|Justeras|Justerat)\s*:?$", re.IGNORECASE
)
_SIGNATURE_FIRST = frozenset("OJSMPVojsmpv")
# The checker's role alone ("Justerare", "Justerande:") over the names opens a signature block
# too, but only under a decision with text of its own that is not about the checking: under
# "att utse" or "att till justerare välja:" it is what the board chose.
_LONE_CHECKER = re.compile(r"^Justera(?:re|nde)\s*:?$", re.IGNORECASE)
_SIGNERS_MIN_WORDS = 4  # two signers' names side by side over their roles
# What every marker above opens with (`_ID_MARKER`, `_PROPOSAL`, `_BOARD_DECIDES`, `_LABEL`,
# the names in `_BOARD`), but the lower-case "beslutades", which opens no block on its line. A
# line that opens otherwise is spared those four patterns, each several hundred instructions a
# call before it reads a character; one `startswith` over these costs about as much as one.
_BLOCK_START = (
    "Besl",  # Beslut, Beslutsförslag, Beslutades, Beslöts
    "BESLUT",
    "STYRELSENS BESLUT",
    "Förslag",
    "Förvaltningens",  # the proposers of `_PROPOSERS`, before their "förslag"
    "Förbundschefens",
    "Kansliets",
    "Ordförandes",
    "Ordförandens",
    "Beredning",  # Beredningens, Beredningsgruppens
    "Det",  # Det beslutades
    "Styrelsen",
    "Förbundsstyrelsen",
    "Nämnden",
    "Direktionen",
    "Samordningsförbundet",
    "Arbetsutskottet",
    "Presidiet",
)
# Their first characters: the test every line pays, inline in the loops.
_BLOCK_FIRST = frozenset(start[0] for start in _BLOCK_START)
# The passive a protocol records decisions in ("Dagordningen godkänns."); also what tells a
# paragraph that decided from an agenda item in `index.segment`.
PASSIVE_DECISIONS = ("godkänns", "godkändes", "fastställs", "fastställdes", "antas", "antogs")
PASSIVE_DECISIONS += ("utses", "utsågs", "väljs", "valdes", "beslutas", "beslöts", "bifalls")
PASSIVE_DECISIONS += ("beslutades",)
PASSIVE_DECISIONS += ("avslås", "återremitteras", "läggs till handlingarna")
PASSIVE_DECISIONS += ("lades till handlingarna",)
# A grant, and the past of the passives above that had only their present ("Ansökan beviljas
# med 450 000 kronor.", "Yrkandet avslogs."): such sentences were no decisions.
PASSIVE_DECISIONS += ("beviljas", "beviljades", "bifölls", "avslogs", "återremitterades")
# A matter tabled ("Ärendet bordläggs."), and what the board was told noted ("Informationen
# noteras."; not "Noteras att Anna Ek lämnade mötet", a note to the minutes: `_noted_that`).
PASSIVE_DECISIONS += ("bordläggs", "bordlades", "noteras")


def _words_pattern(words: tuple[str, ...]) -> str:
    """A pattern for any of `words` as whole words, as `\b(?:…)\b` would be, but led by the
    words' first letters: the engine then skips at once every character that no word starts
    with, where a pattern led by \b is tried at every character of the text, which made this
    search a fifth of finding decisions. The look-behind after the first letter is the \b
    before it (no word character before that letter)."""
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(re.escape(word[1:]))
    firsts = (rf"{first}(?<!\w.)(?:{'|'.join(rest)})" for first, rest in rests.items())
    return rf"(?:{'|'.join(firsts)})\b"


def _ends_pattern(words: tuple[str, ...]) -> str:
    """A pattern that finds whether a text holds any of `words` where `_words_pattern(words)`
    finds one, for a yes or no only: its match is the "s" that each word, or a phrase's first
    word ("läggs till handlingarna"), ends with.

    `_words_pattern` is tried at each of its words' first letters, eight common ones, a dozen
    times and more a line; this pattern is led by one literal, which the engine scans for as
    for a substring, and tried only at an "s" that ends a word. There one look-behind at the two
    letters before it rejects most other words ("förbundets", "kommunens"), and then each word
    is a look-behind with no word character before it: the `\b` it opens with."""
    endings: set[str] = set()
    alternatives: list[str] = []
    for word in words:
        first, space, rest = word.partition(" ")
        if len(first) < 3 or not first.endswith("s"):
            raise ValueError(f"{word!r}: its first word does not end in 's'")
        endings.add(re.escape(first[-3:-1]))
        phrase = rf"{re.escape(space + rest)}\b" if space else ""
        alternatives.append(rf"(?<=(?<!\w){re.escape(first)}){phrase}")
    return rf"s\b(?<=(?:{'|'.join(sorted(endings))})s)(?:{'|'.join(alternatives)})"


_PASSIVE = re.compile(_words_pattern(PASSIVE_DECISIONS))
# Whether a text holds the passive, for a third of what `_PASSIVE` costs over a protocol's
# lines, which the unmarked pass reads one by one; `_PASSIVE` where the word's place counts.
_HAS_PASSIVE = re.compile(_ends_pattern(PASSIVE_DECISIONS))
# The board as a sentence's subject opens a line or follows a sentence's end ("Förbundschefen
# redogör. Styrelsen godkänner …"), or stands after the verb ("Efter diskussion beslutar
# styrelsen att …"); or the chair, putting the motions to the vote, finds what it decided
# ("Ordföranden ställer proposition … och finner att styrelsen beslutar att …", "…
# konstaterar att styrelsen beslutat …"); or the board takes up a proposal in its sentence
# ("Förbundschefen föreslår att planen antas, vilket styrelsen beslutar.").
# One pattern for each, each tried only where it can match (`_board_acts`): a search led by
# \b or by a choice of places is tried at every character of the text, and every alternative
# adds to that cost.
# Also the board tabling, referring back, rejecting or granting a motion ("Styrelsen
# bordlägger ärendet", "återremitterar", "avslår", "bifaller"), filing ("Styrelsen lägger
# rapporten till handlingarna"), the vote's outcome ("Styrelsen har således beslutat att …"),
# and noting or taking note of what it was told ("Styrelsen noterar informationen", "tar del
# av uppföljningen"; not "noterar att kostnaderna ökat", a finding), which were no decisions.
_BOARD_VERB = (
    rf"{_BOARD}\s+(?:(?:godkänner|godkände|utser|utsåg|väljer|valde|fastställer|fastställde"
    r"|beviljar|beviljade|antar|antog|beslutar|beslutade|beslöt|bordlägger|bordlade"
    r"|återremitterar|återremitterade|avslår|avslog|bifaller|biföll)\b"
    r"|ger\b.*\bi uppdrag|gav\b.*\bi uppdrag|(?:lägger|lade)\b.*\btill handlingarna"
    r"|har\s+(?:således|alltså|därmed|därför)\s+beslutat\b"
    r"|(?:noterar|tar\s+del\s+av)\s+(?!att\b)\w+(?:en|et|na)\b)"
)
_BOARD_OPENS = re.compile(_BOARD_VERB)  # matched at the text's start only
_BOARD_AFTER_STOP = re.compile(rf"[.!?] {_BOARD_VERB}")  # led by a rare character
# The board deciding after what it did first, in the present ("Styrelsen noterar att
# kostnaderna har ökat och beslutar att …", "tackar för informationen och beslutar att …");
# not a past narrative ("informerades om att arbetsutskottet … och beslutade att …"). Apart
# from `_BOARD_VERB`, and tried only where `_THEN_DECIDES` is in the text: the search to the
# sentence's end cost every sentence that opens with the board's name.
_THEN_DECIDES = "och beslutar att"
_BOARD_THEN_DECIDES = re.compile(
    rf"(?:^|[.!?] ){_BOARD}\s+[a-zåäö]+r\b[^.!?\n]*?\b{_THEN_DECIDES}\b"
)
_BOARD_NAMED = r"(?:styrelsen|förbundsstyrelsen|nämnden|direktionen|arbetsutskottet|presidiet)"
# Led by a letter, with the `\b` before it as a look-behind after it (as `_words_pattern`
# writes it): a pattern led by `\b` is tried at every character, one led by letters only at
# those letters. So is `_BOARD_CONCLUDES`.
_VERB_BEFORE_BOARD = re.compile(rf"[Bb](?<!\w.)(?:eslutar|eslutade|eslöt)\s+{_BOARD_NAMED}\b")
# The chair's finding, or a clause that takes up what was proposed: "finner att styrelsen
# beslutar", "konstaterar att styrelsen beslutat", "…, vilket styrelsen beslutar", also with
# the board's other verbs ("finner att styrelsen godkänner förslaget"); their past forms may
# report an earlier meeting (`_acts_earlier`).
_BOARD_CONCLUDES = re.compile(
    r"(?:f(?<!\w.)inner att|k(?<!\w.)onstaterar att|v(?<!\w.)(?:ilket|arpå))"
    rf" {_BOARD_NAMED}\s+(?:har\s+)?"
    r"(?:beslutar|beslutat|beslutade|beslöt|bifaller|bifallit|biföll|antar|antagit|antog"
    r"|godkänner|godkänt|godkände|fastställer|fastställt|fastställde)\b"
)
# What every match of `_BOARD_CONCLUDES` holds, one of them at least: its cheap gate.
_CONCLUDING_WORDS = ("r att ", "vilket ", "varpå ")


def _board_acts(text: str) -> bool:
    """Whether the board decides in `text` in the active voice (`_BOARD_VERB`, the verb before
    the board, the chair's finding or a clause taking up a proposal). Each search runs only
    when a substring that all its matches hold is in the text: every deciding verb before the
    board holds "esl"."""
    return bool(
        _BOARD_OPENS.match(text)
        or _BOARD_AFTER_STOP.search(text)
        or (_THEN_DECIDES in text and _BOARD_THEN_DECIDES.search(text))
        or ("esl" in text and _VERB_BEFORE_BOARD.search(text))
        or (any(w in text for w in _CONCLUDING_WORDS) and _BOARD_CONCLUDES.search(text))
        or (" att så" in text and _asks_and_finds(text))
    )


# The chair's question and finding: "Ordföranden frågar om styrelsen kan godkänna
# dagordningen och finner att så är fallet." (or "… fann att så skedde"), the formula many
# protocols record a decision in, which no other pattern read.
_ASKS = re.compile(
    rf"\bom {_BOARD_NAMED}\s+(?:kan\s+|vill\s+)?(?:besluta|beslutar|beslutade|godkänna"
    r"|godkänner|godkände|anta|antar|antog|fastställa|fastställer|fastställde|bifalla"
    r"|bifaller|biföll|bevilja|beviljar|beviljade)\b"
)
_FINDS_SO = re.compile(r"\b(?:finner|fann) att så\b")


def _asks_and_finds(text: str) -> bool:
    """Whether the chair asks whether the board decides and finds that it does (`_ASKS`
    before the last `_FINDS_SO`): each search once through the text, where one pattern for
    both, ".*" between them, would go through the rest of the text from every question."""
    last = None
    for last in _FINDS_SO.finditer(text):  # noqa: B007 - the last one is wanted
        pass
    return last is not None and _ASKS.search(text, 0, last.start()) is not None


def _in_decision_voice(text: str) -> bool:
    """Whether `text` says what the board decided, in the protocol's voice ("Dagordningen
    godkänns.", "Styrelsen godkänner …", "Efter diskussion beslutar styrelsen att …"). Every
    board name holds one of the words looked for first: most lines hold none, and are spared
    the board's regex."""
    if _HAS_PASSIVE.search(text):
        return True
    return _names_board(text) and _board_acts(text)


def _names_board(text: str) -> bool:
    """Whether `text` holds a piece of every name of the board's (`_BOARD`): substring tests,
    far cheaper than the board's patterns."""
    return (
        "tyrelsen" in text
        or "ämnden" in text
        or "irektionen" in text
        or "förbundet" in text
        or "utskottet" in text
        or "residiet" in text
    )


# How much of the line before a wrapped sentence's line is read with it: enough for the
# chair's "… och finner att" or "Efter diskussion beslutar" before the board.
_WRAP_TAIL = 60
# How a line can open that goes on with "läggs till handlingarna" from the line before.
_FILED_REST = ("handlingarna", "till handlingarna")


def _wrapped_voice(before: str, text: str, named: bool, before_named: bool) -> bool:
    """Whether a line that goes on with a sentence from the line before (it opens in lower
    case, the line before ends no sentence) completes one in decision voice that neither
    line is alone: the board and its verb on two lines ("… och finner att" / "styrelsen
    godkänner förslaget.", "… Styrelsen" / "godkänner planen.", "Efter diskussion beslutar" /
    "styrelsen att …"), or "läggs till" / "handlingarna.". Such a sentence was missed where a
    PDF wrapped it.

    The caller has tested that `text` opens in lower case, and found `named` and
    `before_named`, `_names_board` of this line and of the whole line before: the line
    before's tail can name the board only when the line does, so most lines pay no substring
    test here at all."""
    if not before or before.endswith(_SENTENCE_END):
        return False
    tail = before[-_WRAP_TAIL:]
    if named or (before_named and _names_board(tail)):
        joined = f"{tail} {text}"
        return _board_acts(joined) or bool(_HAS_PASSIVE.search(joined))
    return text.startswith(_FILED_REST) and bool(_HAS_PASSIVE.search(f"{tail} {text}"))


# A decision sentence that reports an earlier meeting's decision, as a background paragraph
# does ("Styrelsen beslutade vid förra mötet att …", "Beslutades vid sitt sammanträde den 12
# mars att …"), has a time reference between its deciding verb and its "att", or opening the
# sentence before the verb ("Vid förra mötet beslutade styrelsen att …"). Protocols record
# this meeting's decisions in the past tense too ("Styrelsen beslutade att anta planen."), so
# the tense tells nothing; a date after "att" is what was decided, not when. The supine of
# the chair's finding ("… konstaterar att styrelsen beslutat i mars att …") is a past form.
_DECIDING_VERB = re.compile(r"\b[Bb](?:eslutar|eslutade|eslutades|eslutat|eslöts|eslöt)\b")
# The colon of a label ("Styrelsen beslutade: …"), not of an ordinal ("den 25:e").
_VERB_OBJECT = re.compile(r"\b(?:att|om)\b|:(?![ae]\b)")
_MONTH_WORDS = "|".join(MONTH_NAMES)
_EARLIER = re.compile(
    r"\b(?:förra|föregående|senaste|tidigare)\b"
    rf"|\bi\s+(?:{_MONTH_WORDS}|våras|höstas|somras|vintras|fjol)\b"
    r"|\b(?:under|i)\s+(?:(?:19|20)\d\d|hösten|våren|sommaren|vintern)\b"
    r"|\bden\s+\d{1,2}\b|\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}\b",
    re.IGNORECASE,
)
# A day or a month that recurs ("betalas ut den 25:e varje månad", "den 1:a och den 15:e i
# månaden", "i mars varje år", "den 1 juli varje år", "den 1 januari och den 1 juli varje
# år", "i mars och i september varje år") is a schedule, no date: "Styrelsen beviljade
# arvodet den 25:e varje månad." was read as an act of the 25th, and the decision lost.
# Matched right after the day or month, over its month and the days or months listed after
# it (`_recurs`).
_MONTH_AFTER = rf"(?:\s+(?:{_MONTH_WORDS})\b)?"
_RECURS = re.compile(
    rf"(?::[ae])?{_MONTH_AFTER}"
    rf"(?:\s*(?:,|och|samt)\s*(?:den\s+|i\s+)?\w+(?::[ae])?{_MONTH_AFTER})*"
    r"\s+(?:(?:i\s+)?(?:varje|var|vart|varannan|varannat|per)\s+(?:månad|kvartal|vecka|år)"
    r"|i\s+(?:månaden|kvartalet|veckan))\b",
    re.IGNORECASE,
)
# The word that makes it recur may stand before it too ("årligen den 31 mars", "varje månad
# den 25:e"), within `_RECURS_REACH` characters.
_RECURS_BEFORE = re.compile(
    r"(?:\b(?:årligen|månatligen|månadsvis|kvartalsvis|veckovis)"
    r"|\b(?:varje|var|vart|varannan|varannat|per)\s+(?:månad|kvartal|vecka|år))\s*,?\s*$",
    re.IGNORECASE,
)
_RECURS_REACH = len("varannan månad, ")


def _recurs(text: str, m: re.Match[str]) -> bool:
    """Whether the day or month `m` found in `text` recurs (`_RECURS`, `_RECURS_BEFORE`)."""
    if _RECURS.match(text, m.end()):
        return True
    return bool(_RECURS_BEFORE.search(text[max(0, m.start() - _RECURS_REACH) : m.start()]))


def _earlier_in(text: str) -> bool:
    """Whether `text` holds a time reference (`_EARLIER`) that is no recurring day."""
    return any(not _recurs(text, m) for m in _EARLIER.finditer(text))


# How a sentence that names the earlier meeting before its verb opens ("2024-03-12 beslutade
# styrelsen att …" with its date).
_TIME_OPENING = re.compile(r"^(?:Vid|På|Under|I|Den|Tidigare|Redan|(?:19|20)\d\d)\b")
# A year right after the verb, or opening the sentence ("Styrelsen beslutade 2023 att …",
# "Redan 2023 beslutade …"), is the decision's time; a year further on ("beslutade för 2025
# att …") is what it is about.
_YEAR_FIRST = re.compile(r"^\s*(?:(?:år|redan)\s+)?(?:19|20)\d\d\b", re.IGNORECASE)
# A phrase about another decision ("i enlighet med beslut i december", "enligt tidigare
# beslut"): a time reference in it is that decision's, not the sentence's.
_OTHER_DECISION = re.compile(
    r"\b(?:i enlighet med|enligt|med stöd av)\s+(?:\S+\s+){0,3}?beslut", re.IGNORECASE
)


# The board's other deciding verbs, in the voice `_BOARD_VERB` and `_BOARD_CONCLUDES` read
# ("Styrelsen antog …", "… konstaterar att styrelsen antagit …"): the present, which cannot
# report an earlier meeting, and the past and supine, which can (`_acts_earlier`).
# As whole words, led by their first letters (`_words_pattern`): this search has no quick
# test before it, and runs on every sentence in decision voice without a form of "besluta".
_ACT_VERBS = ("antar", "antog", "antagit", "godkänner", "godkände", "godkänt", "fastställer")
_ACT_VERBS += ("fastställde", "fastställt", "beviljar", "beviljade", "beviljat", "utser", "utsåg")
_ACT_VERBS += ("utsett", "väljer", "valde", "valt", "bifaller", "biföll", "bifallit")
_ACT_VERBS += ("bordlade", "återremitterade", "avslog")
_ACT_VERB = re.compile(_words_pattern(_ACT_VERBS))
_ACT_PRESENT = frozenset(("antar", "godkänner", "fastställer", "beviljar", "utser", "väljer"))
_ACT_PRESENT |= {"bifaller"}
# After such a verb the object follows without an "att", and a time in it is the object's
# ("godkände protokollet från föregående möte", "fastställde nästa möte den 14 maj",
# "godkände föregående års bokslut", "antog en plan för arbetet under hösten"). So only a
# reference that names the earlier meeting itself counts wherever it stands: "vid förra
# mötet", "på sitt senaste sammanträde" (not before a genitive, "i föregående års budget"),
# "i höstas", "tidigare i år".
_EARLIER_MEETING = re.compile(
    r"\b(?:vid|på|under|i)\s+(?:(?:det|den|sitt|sin|styrelsens)\s+)?"
    r"(?:förra|föregående|senaste|tidigare)\b(?!\s+\w+s\b)"
    r"|\bi\s+(?:våras|höstas|somras|vintras|fjol)\b|\btidigare\s+i\s+år\b",
    re.IGNORECASE,
)
# A date or a month counts too ("antagit planen i mars", "godkänt budgeten den 12 mars"),
# unless a word that makes it part of the object leads it ("från den 1 april", "för
# perioden den 1 januari", "till den 14 maj"), or the object is the next meeting ("nästa
# möte den 14 maj").
_EARLIER_DATE = re.compile(
    rf"\bi\s+(?:{_MONTH_WORDS})\b|\bden\s+\d{{1,2}}\b|\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b"
    r"|\b\d{1,2}/\d{1,2}\b",
    re.IGNORECASE,
)
_OBJECT_DATE_LEAD = re.compile(
    r"(?:\b(?:till|från|per|mellan|och|samt|eller|före|efter|inför|intill|tills|senast"
    r"|from|tom|perioden|tiden|datumet|datum|fr\.o\.m|t\.o\.m|med|start|daterad|daterat"
    r"|daterade)\.?|[–—-])\s*$",
    re.IGNORECASE,
)
# A meeting, a schedule or a paper a date may follow as its own ("sammanträdet den 12 mars",
# "sammanträdesdagarna den 12 mars, …", "skrivelsen den 3 mars"), also in compounds; and the
# board acting at such a meeting ("vid sitt sammanträde den 12 mars"), which makes the date
# the act's.
_DATED = (
    r"(?:möte|mötet|sammanträde|sammanträdet|konferens|konferensen|seminarium|seminariet"
    r"|träff|träffen|stämma|stämman|samråd|samrådet|dagen|dagar|dagarna|datum|datumen|tider"
    r"|tiderna|skrivelse|skrivelsen)"
)
_DATED_NOUN = re.compile(rf"{_DATED}\s*$", re.IGNORECASE)
_ACTED_AT = re.compile(rf"\b(?:vid|på|under)\s+(?:\w+\s+){{0,2}}\w*{_DATED}\s*$", re.IGNORECASE)
# A date right after another and a comma ("den 12 mars, den 14 maj"): one of a list.
_DATE_LIST = re.compile(rf"(?:\d|\b(?:{_MONTH_WORDS}))\s*,\s*$", re.IGNORECASE)
_NEXT_MEETING = re.compile(r"\b(?:nästa|kommande)\b", re.IGNORECASE)


def reports_earlier(sentence: str, date: str | None = None) -> bool:
    """Whether a sentence with a deciding verb reports a decision of an earlier meeting rather
    than this one's (see `_EARLIER`): a background paragraph's "Styrelsen beslutade vid förra
    mötet att …" was taken for this meeting's decision. A sentence without a form of
    "besluta" is read by its other deciding verb (`_acts_earlier`), or by its past passive
    and the meeting's `date` (`_passive_earlier`)."""
    # Every form of "besluta" holds "esl"; most sentences do not.
    verb = _DECIDING_VERB.search(sentence) if "esl" in sentence else None
    if verb is None:
        return _acts_earlier(sentence) or _passive_earlier(sentence, date)
    # The present tense ("Styrelsen beslutar den 12 mars att …") cannot report an earlier
    # meeting: only the past forms can.
    if verb.group().endswith("ar"):
        return False
    before, between = _around(sentence, verb)
    if _opens_with_earlier(before):
        return True
    return bool(_earlier_in(between) or _YEAR_FIRST.match(between))


def _around(sentence: str, verb: re.Match[str]) -> tuple[str, str]:
    """The words of `sentence` before its deciding `verb`, and those between the verb and its
    object's "att" (or the sentence's end), each only up to a phrase about another decision
    (`_before_other_decision`): where a time reference says the act was an earlier meeting's."""
    before = _before_other_decision(sentence[: verb.start()])
    after = sentence[verb.end() :]
    end = _VERB_OBJECT.search(after)
    return before, _before_other_decision(after[: end.start()] if end else after)


def _opens_with_earlier(before: str) -> bool:
    """Whether the words before the verb open with a time reference to an earlier meeting
    ("Vid förra mötet beslutade styrelsen …", "2024-03-12 beslutade …")."""
    return bool(_TIME_OPENING.match(before) and (_earlier_in(before) or _YEAR_FIRST.match(before)))


def _acts_earlier(sentence: str) -> bool:
    """Whether the board's act in a past form of a deciding verb other than "besluta" reports
    an earlier meeting: "Ordföranden konstaterar att styrelsen antagit planen i mars.", "…
    finner att styrelsen godkänt budgeten den 12 mars.", "Styrelsen antog vid förra mötet
    planen." were taken for this meeting's decisions. The time reference may open the sentence
    (as for "besluta"), name the earlier meeting anywhere before an "att" (`_EARLIER_MEETING`),
    be a date not in the object (`_EARLIER_DATE`), or be a year or season right after the verb
    ("Styrelsen antog 2023 planen", "antog under hösten planen"). A passive decision in the
    sentence is its decision ("Planen som styrelsen antog i mars fastställs."), and "Planen
    antogs vid förra mötet." stays one, as "Nästa möte fastställdes till den 14 maj." reads
    the same way (docs/choices.md)."""
    verb = _ACT_VERB.search(sentence)
    if verb is None or verb.group() in _ACT_PRESENT or _HAS_PASSIVE.search(sentence):
        return False
    before, between = _around(sentence, verb)
    if _opens_with_earlier(before):
        return True
    if (
        _EARLIER_MEETING.search(between)
        or _YEAR_FIRST.match(between)
        or _PERIOD_FIRST.match(between)
    ):
        return True
    if _NEXT_MEETING.search(between):
        return False
    return _dated_act(between)


def _dated_act(between: str) -> bool:
    """Whether a date or month in `between` (the words after the verb, up to an "att") is
    when the board acted rather than part of what it acted on (`_in_object`). A date listed
    after another ("den 12 mars, den 14 maj") is read as that one is; a day that recurs
    (`_recurs`) is none."""
    for m in _EARLIER_DATE.finditer(between):
        if _recurs(between, m):
            continue
        before = between[: m.start()]
        if not _DATE_LIST.search(before) and not _in_object(before):
            return True
    return False


def _in_object(before: str) -> bool:
    """Whether a date after `before` is part of the object: led by a word of the object
    (`_OBJECT_DATE_LEAD`, looked for in the few characters before it), in a relative clause
    ("avtalet som gäller till den 31 december", "arvodena, vilka betalas ut den 25 mars",
    "avtalet, där ersättningen betalas ut den 25 mars"), or after the meeting or paper it
    dates ("protokollet från sammanträdet den 12 mars", "inbjudan till konferensen i maj",
    "rapporten daterad den 3 mars") unless that is the meeting the board acted at ("vid sitt
    sammanträde den 12 mars"). Those were taken for the time of an earlier act, and the
    decision lost."""
    if _OBJECT_DATE_LEAD.search(before[-_LEAD_REACH:]) or any(
        clause in before for clause in _RELATIVE_CLAUSES
    ):
        return True
    return bool(_DATED_NOUN.search(before)) and not _ACTED_AT.search(before)


# A year or a season right after the verb ("antog under hösten planen", "antog i 2023").
_PERIOD_FIRST = re.compile(
    r"^[\s,]*(?:under|i)\s+(?:(?:19|20)\d\d|hösten|våren|sommaren|vintern)\b", re.IGNORECASE
)
_LEAD_REACH = 12  # "fr.o.m. ", "perioden ": the longest leading word and its space
_RELATIVE_CLAUSES = (" som ", ", vilket ", ", vilka ", ", vilken ", ", där ")


# The past passives that can report an earlier act ("Projektet beviljades medel 2022."), and
# the present ones, which make a sentence this meeting's decision whatever else it holds
# ("Planen som antogs 2022 revideras och fastställs."). "beslutades" and "beslöts" are read
# as the other forms of "besluta" are (`reports_earlier`).
_PAST_PASSIVES = ("godkändes", "fastställdes", "antogs", "utsågs", "valdes", "bifölls")
_PAST_PASSIVES += ("avslogs", "återremitterades", "beviljades", "lades till handlingarna")
_PAST_PASSIVE_WORDS = frozenset(_PAST_PASSIVES)
# A time that says when: a date, a day and month with a year, a month with a year, or a year
# ("2022-03-12", "den 3 maj 2022", "i mars 2022", "2022"); not a year's genitive ("2022 års
# bokslut"), nor one of a span ("2021–2022", "2022/23").
_WHEN = re.compile(
    r"\b(?P<iso>(?:19|20)\d\d-\d{1,2}-\d{1,2})\b"
    rf"|(?:\b(?P<day>\d{{1,2}})(?::[ae])?\s+(?=(?:{_MONTH_WORDS})\b))?"
    rf"(?:\b(?P<month>{_MONTH_WORDS})\s+)?"
    r"(?<![\d/–—-])(?P<year>(?:19|20)\d\d)\b(?![/–—-]\d|\s*[–—-]\s*\d|\s+års\b)",
    re.IGNORECASE,
)
# The words that may lead such a time as its own ("år 2022", "under hösten 2022", "den 3
# maj 2022"), and those that make a year the object's ("medel för 2022", "ansvarsfrihet för
# verksamhetsåret 2022", "budget 2023", "avseende 2023", "gällande budgetår 2023", besides
# `_OBJECT_DATE_LEAD`).
_WHEN_LEAD = re.compile(
    r"(?:\b(?:den|i|under|år|redan|hösten|våren|sommaren|vintern)\s+)+$", re.IGNORECASE
)
_YEAR_OBJECT_LEAD = re.compile(
    r"(?:\b(?:för|avseende|gällande|rörande|beträffande|angående)|\w+året"
    r"|\w*(?:verksamhets|budget|räkenskaps|kalender|projekt)år"
    r"|\w*(?:budget|budgeten|plan|planen|bokslut|bokslutet|redovisning"
    r"|redovisningen|berättelse|berättelsen|rapport|rapporten))\s*$",
    re.IGNORECASE,
)


def _passive_earlier(sentence: str, date: str | None) -> bool:
    """Whether a sentence whose decision is a past passive dates that act before this
    meeting (`date`): "Projektet beviljades medel 2022." in a protocol of 2024 reports an
    earlier grant, and was taken for this meeting's. The time must be the act's (right
    after the verb or further on, not the object's, `_act_when`) or open the sentence ("Under
    2022 beviljades …"), and name a year: "Ansökan beviljades." and "Nästa möte fastställdes
    till den 14 maj." stay decisions, as does a time this meeting's date does not follow."""
    # Every year holds "19" or "20"; most sentences hold neither.
    if date is None or ("20" not in sentence and "19" not in sentence):
        return False
    # Its passives (`_PASSIVE`): the first must be past, and none may be present.
    verb = None
    for m in _PASSIVE.finditer(sentence):
        if m.group() not in _PAST_PASSIVE_WORDS:
            if not m.group().startswith("besl"):
                return False
        elif verb is None:
            verb = m
    if verb is None:
        return False
    before, between = _around(sentence, verb)
    when = _act_when(before) if _TIME_OPENING.match(before) else None
    when = when or _act_when(between)
    return when is not None and when < date[: len(when)]


def _act_when(text: str) -> str | None:
    """The first time in `text` (`_WHEN`) that is not the object's, as "YYYY", "YYYY-MM" or
    "YYYY-MM-DD", or None."""
    for m in _WHEN.finditer(text):
        start = m.start()
        lead = _WHEN_LEAD.search(text, 0, start)
        before = text[: lead.start() if lead else start]
        if _in_object(before) or _YEAR_OBJECT_LEAD.search(before):
            continue
        if m.group("iso"):
            year, month, day = (int(part) for part in m.group("iso").split("-"))
            return f"{year}-{month:02d}-{day:02d}"
        year = m.group("year")
        if m.group("month") is None:
            return year
        month = MONTHS[m.group("month").casefold()]
        if m.group("day") is None:
            return f"{year}-{month:02d}"
        return f"{year}-{month:02d}-{int(m.group('day')):02d}"
    return None


def _before_other_decision(text: str) -> str:
    """`text` up to a phrase about another decision (`_OTHER_DECISION`), all of it if none."""
    m = _OTHER_DECISION.search(text) if "eslut" in text else None
    return text if m is None else text[: m.start()]


def _decides_now(sentence: str, meeting: Meeting | None = None) -> bool:
    """Whether a sentence is in decision voice, does not report an earlier decision, is no
    other body's act (`_anothers_act`) and no one's motion or proposal (`_MOTION`)."""
    meeting = meeting or _ANY_MEETING
    if not _in_decision_voice(sentence) or reports_earlier(sentence, meeting.date):
        return False
    if meeting.others and _anothers_act(sentence, meeting.others, meeting.guessed):
        return False
    if "oteras" in sentence and _noted_that(sentence):
        return False
    if _anothers_passive(sentence) and not _board_acts(sentence):
        return False
    # Every motion verb holds one of these: most sentences are spared the search.
    motion = _MOTION.search(sentence) if any(w in sentence for w in _MOTION_WORDS) else None
    if motion is None or _board_acts(sentence):
        return True
    # The motion's verb after the decision's ("Dagordningen godkänns med det tillägg som
    # föreslogs av ordföranden.") is what was decided on, not the sentence's own.
    passive = _PASSIVE.search(sentence)
    return passive is not None and passive.start() < motion.start()


# A note to the minutes: "Noteras att Anna Ek lämnade mötet.", "Det noteras i protokollet att
# …", what was noted being a clause, not something the board was told.
_NOTED_THAT = re.compile(r"\bnoteras\s+(?:\S+\s+){0,3}?att\b", re.IGNORECASE)


def _noted_that(sentence: str) -> bool:
    """Whether the sentence's only passives are "noteras" over an "att"-clause (a note to the
    minutes), which is no decision."""
    if not _NOTED_THAT.search(sentence):
        return False
    return all(m.group() == "noteras" for m in _PASSIVE.finditer(sentence))


# A passive decision by someone else, named right after it ("Årsredovisningen godkändes av
# medlemmarna", "Ansökan beviljades av ESF-rådet"), and a grant the förbund itself received
# ("Samordningsförbundet beviljades 500 000 kronor …"): the board decided neither. The board
# or the meeting as the agent ("… beviljas av styrelsen", "… av en enig styrelse") is its own.
_BY_ANOTHER = re.compile(
    r"\s+av\s+(?!(?:styrelsen|förbundsstyrelsen|nämnden|direktionen|mötet|sammanträdet"
    r"|ledamöterna|samtliga|alla|en|ett|de|den|det)\b)\w",
    re.IGNORECASE,
)
_RECEIVER = re.compile(r"\b(?:[Ss]amordningsförbundet|[Ff]örbundet)\s+(?:har\s+)?$")


def _anothers_passive(sentence: str) -> bool:
    """Whether a sentence holds passive decisions and every one of them is another's act
    (`_BY_ANOTHER`, `_RECEIVER`): such background, common where a förbund reports the funds
    it was granted, was taken for the board's decision."""
    found = False
    for m in _PASSIVE.finditer(sentence):
        received = m.group().startswith("bevilja") and _RECEIVER.search(sentence[: m.start()])
        if not (received or _BY_ANOTHER.match(sentence, m.end())):
            return False
        found = True
    return found


# Where one sentence ends and the next begins, in lines joined by spaces; a piece that ends
# with an abbreviation ("t.ex.", "kl.") goes on in the next. The blanks after a sentence's end
# mark, found as `(?<=[.!?])\s+` would find them, but led by the blank: a pattern led by a
# look-behind is tried at every character, one led by a class only at its characters.
_SENTENCE_BREAK = re.compile(r"\s(?<=[.!?]\s)\s*(?=[A-ZÅÄÖÉ\"”»(•–-])")
# A list's number ("Styrelsen beslutar att" / "1. Anta budgeten", "… att 1. Anta …") is no
# sentence either: cut there, the decision was "Styrelsen beslutar att 1.".
_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:t\.ex|bl\.a|m\.m|m\.fl|o\.s\.v|d\.v\.s|p\.g\.a|s\.k|kl|nr|ca|resp|jfr|enl)\.$"
    r"|(?:^|\batt )\d{1,2}\.$",
    re.IGNORECASE,
)
# How far from a piece's end `_ABBREVIATION` can begin: its longest forms (" o.s.v.", "att
# 12.") and a line break `$` may stand before. The search starts there, not at every character
# of the piece (a pattern led by a choice of places is tried at each one); `^` and `\b` still
# see the whole piece.
_ABBREVIATION_REACH = len(" o.s.v.\n")
_SENTENCE_END = (".", "!", "?")
_MAX_SENTENCE_LINES = 5
# The board alone on its line, or with its deciding verb, where a PDF wrapped the sentence
# ("Styrelsen" / "beslutar att godkänna budgeten."; "Styrelsen beslutar" / "att godkänna …").
_SPLIT_SUBJECT = re.compile(rf"^{_BOARD}(?:\s+(?:beslutar|beslutade|beslöt))?$")
_MAX_SPLIT_SUBJECT = len("Samordningsförbundet beslutade")
_SUBJECT_FIRST = frozenset("SFNDAP")  # the first letters of the board's names

# Each body's names as a sentence's subject, and as they stand after a verb or in a clause
# ("beslutade arbetsutskottet", "vilket styrelsen beslutar"); "Samordningsförbundet" acts as
# its board does.
_BODY_NAMES = {
    BOARD: ("Styrelsen", "Förbundsstyrelsen", "Nämnden", "Direktionen", "Samordningsförbundet"),
    COMMITTEE: ("Arbetsutskottet",),
    PRESIDIUM: ("Presidiet",),
}


class Meeting:
    """What a section's decisions are read against: the names of the bodies other than the
    one whose protocol it is (`others`, empty when that is unknown), its meeting's date, and
    the section's § number (None when it has none).

    A board's protocol reports what its working committee did ("Arbetsutskottet beslutade att
    ge kansliet i uppdrag …"), which was taken for the board's decision; in the committee's
    own protocol the same sentence is its decision, and the board's act is reported.

    `guessed` is true when the head named no body and the board's was assumed: then only
    another body's act in the past ("Arbetsutskottet beslutade att …") is a report of it, while
    one in the present ("Arbetsutskottet beslutar att …") is how its own protocol records a
    decision, and the assumption was wrong.

    A plain class with slots: one is made for every section, and a frozen dataclass cost
    four times as much to make (about 20 M instructions over the 300 bench files)."""

    __slots__ = ("date", "guessed", "others", "paragraph")

    def __init__(
        self,
        others: tuple[str, ...] = (),
        date: str | None = None,
        paragraph: int | None = None,
        guessed: bool = False,
    ) -> None:
        self.others = others
        self.date = date
        self.paragraph = paragraph
        self.guessed = guessed


_ANY_MEETING = Meeting()  # whose protocol, and when, unknown: every body's act counts


@cache
def _other_names(body: str | None) -> tuple[str, ...]:
    if body not in _BODY_NAMES:
        return ()
    names = [name for other, own in _BODY_NAMES.items() if other != body for name in own]
    # In lower case too, but for the förbund, whose name in lower case is no subject.
    return (*names, *(n.lower() for n in names if n != "Samordningsförbundet"))


# A deciding verb after a body's name ("Arbetsutskottet beslutade", "… har beslutat",
# "Presidiet godkände"), or before it ("Efter diskussion beslutade arbetsutskottet att …"):
# `_anothers_act` reads it with the other bodies' names. Its past forms (`_ACTING_PAST`)
# alone count where the protocol's body is a guess (`Meeting.guessed`).
_ACTING_PAST = (
    r"(?:beslutade|beslutat|beslöt|godkände|godkänt|antog|antagit|fastställde|fastställt"
    r"|beviljade|beviljat|utsåg|utsett|valde|valt|biföll|bifallit|avslog|avslagit)\b"
    r"|(?:gav|har\s+gett|har\s+givit)\b.*\bi uppdrag"
)
_ACTING = (
    r"(?:beslutar|godkänner|antar|fastställer|beviljar|utser|väljer|bifaller|avslår)\b"
    rf"|ger\b.*\bi uppdrag|{_ACTING_PAST}"
)


@cache
def _acting_pattern(names: tuple[str, ...], past: bool = False) -> re.Pattern[str]:
    """Another body acting (`_ACTING`), or acting in the past only (`past`: "har beslutat",
    "beslutade", not "beslutar")."""
    named = "|".join(names)
    if past:
        return re.compile(
            rf"\b(?:{named})\s+(?:(?:har|hade)\s+(?:{_ACTING})|{_ACTING_PAST})"
            rf"|\b(?:beslutade|beslöt)\s+(?:{named})\b"
        )
    return re.compile(
        rf"\b(?:{named})\s+(?:har\s+|hade\s+)?(?:{_ACTING})"
        rf"|\b(?:beslutar|beslutade|beslöt)\s+(?:{named})\b"
    )


def _anothers_act(sentence: str, others: tuple[str, ...], past: bool = False) -> bool:
    """Whether another body than the protocol's acts in `sentence` (`others`, its names; in
    the past only if `past`, `Meeting.guessed`) and the protocol's own body does not:
    "Arbetsutskottet beslutade att ansökan beviljas." in the board's protocol is the
    committee's decision, passive and all, while "Styrelsen godkänner att arbetsutskottet
    beslutar om fördelningen." is the board's."""
    if not any(name in sentence for name in others):  # almost every sentence
        return False
    if not _acting_pattern(others, past).search(sentence):
        return False
    masked = sentence
    for name in others:
        masked = masked.replace(name, "Organet")
    return not _board_acts(masked)


def extract_decisions(
    lines: list[Line],
    *,
    unmarked: bool = True,
    text: str | None = None,
    body: str | None = None,
    date: str | None = None,
    paragraph: int | None = None,
    guessed: bool = False,
) -> list[Decision]:
    """Decisions in a section body, in order.

    A marker opens a block that runs to the next marker (decision or proposal), to a label that
    starts another part ("Information:", "Diskussion:"; after it, sentences in decision voice
    still count) or to the end of the section; a block that opens with the decision itself
    ("Styrelsen beslutar att …", no label above it) ends with its sentence, and what follows is
    read as after such a label. Where a section has no marker at all, sentences in the
    protocol's decision voice ("Dagordningen godkänns.", "Styrelsen ger förbundschefen i
    uppdrag …") count as decisions when `unmarked` is true — Halland's protocols print
    decisions that way.

    `text`, the lines' texts joined by line breaks (runs of blank lines may be cut, the ends
    stripped), is for a caller that has it already: quick tests of the whole text spare
    tests of each line.

    `body` is whose protocol the section is in (`metadata.detect_body`; None when unknown):
    another body's act is no decision there, or only its past act when `guessed` (the head
    named no body, `Meeting`). `date` is its meeting's date: a past passive
    dated before it reports an earlier act (`reports_earlier`). `paragraph` is the section's
    § number: a decision's id of another § is no marker (`_own_id`).
    """
    meeting = Meeting(_other_names(body), date, paragraph, guessed)
    lines, text = _split_labels(lines, text)
    lines = _join_split_subjects(_label_case(lines, text))
    statements = _statements(lines)
    decisions: list[Decision] = []
    current: Decision | None = None
    marked = False
    # The open block is one sentence ("Styrelsen beslutar att godkänna rapporten."): it ends
    # where the sentence does, and what follows is read as after a closing label.
    sentence = False
    # Lines after a label that closed a decision block ("Information:"), up to the next marker:
    # sentences there in decision voice are decisions, as in a section without markers.
    after: list[Line] | None = None
    # Right under "Förslag till beslut": the proposal's own "Styrelsen beslutar att …" is no
    # decision, however it reads.
    proposing = False
    for k, line in enumerate(lines):
        text = line.text
        # A member's note as a sentence ends the decision it is under, as a statement does.
        if (
            current is not None
            # `_NOTE_WORDS`, inline: a line under a decision pays four substring tests, no call
            and ("reserv" in text or "jäv" in text or "anteckning" in text or "delt" in text)
            and k not in statements
            and (note := _member_note(lines, k))
        ):
            statements.update(note)
        if k in statements:  # a member's words: they end a decision, as a closing label does
            if current is not None:
                _finish(current, decisions)
                current, sentence, after = None, False, []
            proposing = False
            continue
        # `_open_block`'s cheap first test inline: almost every line fails it, and costs no call.
        opened = _open_block(text, meeting) if text[:1] in _BLOCK_FIRST else None
        if opened is not None:
            opened = _unless_earlier(opened, text, _next_text(lines, k))
        elif (
            current is None
            and "esl" in text  # every deciding verb holds it; almost every line does not
            and (inside := _opening_inside(text, _next_text(lines, k), meeting))
        ):
            # "Förbundschefen redogör. Det beslutades att …": the decision opens mid-line; the
            # sentences before it are read as after a closing label.
            before, text, opened = inside
            after = [*(after or []), Line(before, line.page)]
        if opened is not None and opened[0] == "another":
            # Another body's act ("Arbetsutskottet beslutade att …" in the board's protocol)
            # ends a decision that has text, as a closing label does; right under a label it
            # is the label's decision, and elsewhere text.
            opened = None
            if current is not None and current.text:
                _finish(current, decisions)
                current, sentence, after, proposing = None, False, [line], False
                continue
        if opened is None and text:
            proposing = False  # only the sentence right under the label is the proposal
        if opened is not None:
            kind, decision = opened
            if kind == "sentence" and proposing:
                proposing = False
                continue
            proposing = kind == "proposal" and _PROPOSAL_LABEL.match(text) is not None
            # "Beslut:" and under it "Styrelsen beslutar att …": one block, the label's.
            if not (kind == "sentence" and current is not None and not current.text):
                _finish(current, decisions)
                _finish_after(after, decisions, unmarked, meeting)
                current, after = (None if kind == "proposal" else decision), None
                marked = marked or kind != "proposal"
                sentence = kind == "sentence"
                if not sentence:
                    continue
        elif current is not None and text[:1] in _SIGNATURE_FIRST and _signs(text, current):
            current.text = _without_signers(current.text)
            _finish(current, decisions)
            current, sentence, after = None, False, []
            continue
        elif current is not None and (rest := _closing(text, bool(current.text))) is not None:
            _finish(current, decisions)
            current, after = None, [Line(rest, line.page)]
            continue
        elif current is None:
            if after is not None:
                after.append(line)
            continue
        # Every branch above either went on to the next line or left a block open here.
        assert current is not None
        if sentence and not text and current.text:
            # A sentence without its full stop ends with its paragraph: cleaning has already
            # dropped the blank lines that fall inside sentences (`clean.drop_wrap_blanks`).
            _finish(current, decisions)
            current, sentence, after = None, False, [line]
        elif sentence and (cut := _cut_sentence(text)) and not _goes_on(cut[1], lines, k):
            current.text = _join(current.text, cut[0])
            _finish(current, decisions)
            current, sentence, after = None, False, [Line(cut[1], line.page)]
        else:
            current.text = _join(current.text, text)
    _finish(current, decisions)
    _finish_after(after, decisions, unmarked, meeting)
    if not marked and unmarked:
        decisions = _unmarked_decisions(
            [Line("", line.page) if k in statements else line for k, line in enumerate(lines)],
            meeting,
        )
    return decisions


# "Beslut:" after a sentence's end on its line ("Budget diskuteras. Beslut: Budgeten antas."):
# the label, as at a line's start, with its decision after it.
_MIDLINE_LABEL = re.compile(
    r"(?<=[.!?])\s+(?=(?:Beslut|BESLUT|Styrelsens beslut|STYRELSENS BESLUT)\s*:)"
)


def _split_labels(lines: list[Line], text: str | None) -> tuple[list[Line], str | None]:
    """`lines` with each line cut where a decision's label follows a sentence on it, and
    `text` (None once a line is cut: it no longer shows every line's start).

    Mid-line, "Beslut:" was read as words of the sentence: "Budget diskuteras. Beslut:
    Styrelsen beslutar att anta budget." gave no decision, and "… Beslut: Budgeten antas."
    gave one with its label in it. Every such label holds "slut:" or "SLUT:", which almost
    no section does."""
    if text is not None and "slut:" not in text and "SLUT:" not in text:
        return lines, text
    cut: list[Line] = []
    for line in lines:
        t = line.text
        if ("slut:" in t or "SLUT:" in t) and _MIDLINE_LABEL.search(t):
            cut.extend(Line(part, line.page) for part in _MIDLINE_LABEL.split(t))
        else:
            cut.append(line)
    return (cut, None) if len(cut) > len(lines) else (lines, text)


def _closing(text: str, decided: bool = True) -> str | None:
    """The text after a label that ends a decision block (`_CLOSER`, `_DISPATCH`,
    `_IMMEDIATE`), "" when it has none, or None when `text` is no such label. A sentence
    saying where the decision is sent or that it was checked at once closes only a decision
    that has text (`decided`): right under "Beslut", "Beslutet justeras omedelbart." is the
    decision, while "Expedieras till: Kansliet" is a label there too."""
    m = _CLOSER.match(text)
    ends = decided or not text.endswith(_SENTENCE_END)
    if m is None and ends and text[:1] in _ENDS_FIRST:
        m = _DISPATCH.match(text)
        if m is None and _IMMEDIATE.match(text):
            return ""
    return None if m is None else m.group(1) or ""


def _label_case(lines: list[Line], text: str | None) -> list[Line]:
    """`lines` with a label printed in capitals written as the label is matched ("BESLUT:" →
    "Beslut:", "STYRELSENS BESLUT" → "Styrelsens beslut"); other lines in capitals stay.

    Given the lines' joined text, one search in it (`_CAPITALS_LINE`) spares almost every
    section the test of each line: a line that can be a label is in the text after a line
    break or at its start, and cutting runs of blank lines or stripping the ends keeps it so."""
    if text is not None:
        if not _CAPITALS_LINE.search(f"\n{text}"):
            return lines
    elif not any(line.text[:2].isupper() for line in lines):
        return lines
    return [_label_line(line) if line.text[:2].isupper() else line for line in lines]


def _label_line(line: Line) -> Line:
    head, colon, rest = line.text.partition(":")
    if not head.isupper():
        return line
    text = f"{head[0]}{head[1:].lower()}{colon}{rest}"
    labels = (_LABEL, _CLOSER, _PROPOSAL_LABEL, _STATEMENT)
    if len(head.split()) <= _LABEL_WORDS and any(p.match(text) for p in labels):
        return Line(text, line.page)
    # Where the decision is sent, in capitals ("BESLUTET SKICKAS TILL" / "Kansliet",
    # "BESLUTET SKICKAS TILL: KANSLIET", "BESLUTET SKICKAS TILL KANSLIET"): the label is
    # lowered, the receivers stay as written, however many they are.
    dispatch = _DISPATCH.match(text[: len(head)]) if len(text) == len(line.text) else None
    if dispatch is None:
        return line
    cut = dispatch.start(1)
    if dispatch.group(1) and not text[cut - 1].isspace():  # "EXPEDIERINGSAVGIFT": a word
        return line
    return Line(f"{text[:cut]}{line.text[cut:]}", line.page)


def _next_text(lines: list[Line], k: int) -> str:
    """The text of the line after line k, "" after the last."""
    return lines[k + 1].text if k + 1 < len(lines) else ""


def _opens(text: str, nxt: str, meeting: Meeting) -> tuple[str, Decision | None] | None:
    """`_open_block` for a line and the line after it (`_unless_earlier`)."""
    opened = _open_block(text, meeting)
    return None if opened is None else _unless_earlier(opened, text, nxt)


def _unless_earlier(
    opened: tuple[str, Decision | None], text: str, nxt: str
) -> tuple[str, Decision | None] | None:
    """The block a line opens, or None when it is a deciding verb alone at the line's end
    ("Beslutades", "Styrelsen beslutade") whose sentence goes on in the next line with a time
    reference ("vid förra mötet att …"): that reports an earlier decision."""
    if (
        nxt[:1].islower()
        and (m := _BOARD_DECIDES.match(text))
        and not m.group(1)
        and not m.group(2)
        and reports_earlier(f"{text} {nxt}")
    ):
        return None
    return opened


def _opening_inside(
    text: str, nxt: str, meeting: Meeting
) -> tuple[str, str, tuple[str, Decision | None]] | None:
    """(the sentences before, the rest of the line, its block) when a sentence after the
    first on the line is the board's or the impersonal deciding sentence ("… läget. Det
    beslutades att …", "… ärendet. Styrelsen beslutar att …", "… läget. Beslutades" over its
    "att"-list), else None. "Beslut:", an id and a proposal open no block mid-line: there
    they are words of a sentence."""
    sentences = _sentences(text)
    for k in range(1, len(sentences)):
        opened = _opens(sentences[k], nxt if k == len(sentences) - 1 else "", meeting)
        if (
            opened is not None
            and opened[0] not in ("proposal", "another")
            and _BOARD_DECIDES.match(sentences[k])
        ):
            before = " ".join(sentences[:k])
            return before, text[len(before) :].strip(), opened
    return None


def _statements(lines: list[Line]) -> set[int]:
    """The indices of the lines of members' statements (`_STATEMENT`): each from its label to
    the end of its paragraph, or to a line that opens a decision or a proposal. Empty for
    almost every section, after one cheap test per line."""
    found: set[int] = set()
    inside = False
    for k, line in enumerate(lines):
        text = line.text
        if text[:1] in _STATEMENT_FIRST and _STATEMENT.match(text):
            inside = True
        elif inside and (not text or _open_block(text) is not None or _VOTE.match(text)):
            inside = False
        if inside:
            found.add(k)
    return found


# A member's reservation, conflict of interest or abstention written as a sentence, without
# a label ("Mot beslutet reserverar sig Olle Berg (M).", "Olle Berg (M) anmäler jäv och deltar
# inte i beslutet."): under "Beslut" it was read as part of the decision.
_MEMBER_NOTE = re.compile(
    r"\breserver(?:ar|ade)\s+sig\b|\banmäl(?:er|de)\s+(?:jäv|reservation|protokollsanteckning)\b"
    r"|\b(?:deltar|deltog)\s+(?:inte|ej)\s+i\s+(?:beslutet|handläggningen|beslutsfattandet)\b",
    re.IGNORECASE,
)
# What every match of `_MEMBER_NOTE` holds, its cheap gate: "reserv", "jäv", "anteckning",
# "delt" (written out in `extract_decisions`).
_MAX_NOTE_LINES = 3


def _member_note(lines: list[Line], k: int) -> range | None:
    """The lines of the sentence that opens line k and records a member's note
    (`_MEMBER_NOTE` in its first sentence, which decides nothing), to that sentence's end;
    None when line k opens none. A decision on the line before the note ("Planen antas. Olle
    Berg (M) reserverar sig.") keeps its line. Asked only of the lines under an open
    decision, where a note ends it (`extract_decisions`)."""
    text = lines[k].text
    if text[:1].islower():
        return None  # the note is in a sentence begun on the line before
    m = _MEMBER_NOTE.search(text)
    if m is None or any(mark in text[: m.start()] for mark in _SENTENCE_END):
        return None
    if _in_decision_voice(_sentences(text)[0]):
        return None  # "Styrelsen beslutar …, varvid Olle Berg (M) reserverar sig": a decision
    end = k
    while (
        not lines[end].text.endswith(_SENTENCE_END)
        and end + 1 < len(lines)
        and end - k + 1 < _MAX_NOTE_LINES
        and lines[end + 1].text[:1].islower()
    ):
        end += 1
    return range(k, end + 1)


def _join_split_subjects(lines: list[Line]) -> list[Line]:
    """`lines` with a subject cut from its sentence joined to the line after it, by a space.

    Alone, "Styrelsen" opens no block and holds no verb, and "Styrelsen beslutar" reads as a
    label ("Styrelsen beslutar:"), so the decision lost its subject or went unseen. The next
    line must start in lower case: "Styrelsen beslutar" over "Att godkänna …" stays a label.
    """
    splits = [
        k
        for k, line in enumerate(lines[:-1])
        # The cheap tests first, inline: almost every line fails them and costs no call.
        if line.text[:1] in _SUBJECT_FIRST
        and len(line.text) <= _MAX_SPLIT_SUBJECT
        and _splits_subject(line.text, lines[k + 1].text)
    ]
    if not splits:  # almost every section
        return lines
    joined = list(lines)
    for k in reversed(splits):  # a split line starts in upper case, its next in lower: no overlap
        joined[k : k + 2] = [Line(f"{lines[k].text} {lines[k + 1].text}", lines[k].page)]
    return joined


def _splits_subject(text: str, nxt: str) -> bool:
    return nxt[:1].islower() and bool(_SPLIT_SUBJECT.match(text))


def _join(text: str, line: str) -> str:
    return f"{text}\n{line}" if text else line


def _cut_sentence(text: str) -> tuple[str, str] | None:
    """(the text up to its first sentence's end, the rest), or None when no sentence ends."""
    first = _sentences(text)[0]
    if not first.endswith(_SENTENCE_END):
        return None
    return first, text[len(first) :].strip()


def _goes_on(rest: str, lines: list[Line], k: int) -> bool:
    """Whether the sentence that ends line k, with nothing after it (`rest`), goes on in the
    next line: one that starts in lower case is an "att"-clause of the same decision, however
    the clause before it ended ("Styrelsen beslutar att godkänna budgeten." / "att uppdra åt
    kansliet …"); so does one that is a numbered point of the decision, with the next point
    under it ("1. Anta budgeten." / "2. Uppdra åt kansliet …"), which was lost."""
    if rest or k + 1 >= len(lines):
        return False
    nxt = lines[k + 1].text
    return nxt[:1].islower() or bool(
        nxt[:1].isdecimal() and _POINT.match(nxt) and _POINT.match(lines[k].text)
    )


_POINT = re.compile(r"\d{1,2}[.)]\s")  # a numbered point's start


def _signs(text: str, current: Decision) -> bool:
    """Whether `text` opens the signature block that ends the open decision `current`."""
    if _SIGNATURE.match(text):
        return True
    if not _LONE_CHECKER.match(text):
        return False
    decided = current.text.rstrip()
    return (
        bool(decided)
        and not decided.endswith(":")
        and "justera" not in decided.lower()
        and not _CHOOSES.search(decided)
    )


# A decision that breaks off after a verb of choosing ("att utse", "att välja till", "Till
# justerare utses"): the lines under it are whom it chose, "Justerare" / "Anna Berg" with
# them, however like a signature block they read. A passive breaks off only with the role
# before it ("Till justerare utses", "Som ombud valdes"): "att godkänna att Anna Berg valdes"
# is whole, and a signature block under it ends it.
_CHOOSES = re.compile(
    r"\b(?:utse|utser|utsåg|välja|väljer|valde)(?:\s+(?:till|som|följande|nedanstående))?$"
    r"|\b(?:till|som)\s+\w+(?:\s+\w+)?\s+(?:utses|utsågs|väljs|valdes)$",
    re.IGNORECASE,
)


def _without_signers(text: str) -> str:
    """A decision's text without its last line when that line is signers' names side by side
    ("Anna Andersson Bertil Bengtsson", printed over their roles): capitalised words only,
    no digit and no sentence end. Names a colon introduces ("att till ledamöter välja:") are
    the ones the board chose, and stay."""
    head, _, last = text.rstrip("\n").rpartition("\n")
    words = last.split()
    if (
        not head.rstrip().endswith(":")
        and len(words) >= _SIGNERS_MIN_WORDS
        and all(word[:1].isupper() for word in words)
        and not last.endswith(_SENTENCE_END)
        and not any(ch.isdigit() for ch in last)
    ):
        return head
    return text


def _finish_after(
    after: list[Line] | None, decisions: list[Decision], unmarked: bool, meeting: Meeting
) -> None:
    if after and unmarked:
        decisions.extend(_unmarked_decisions(after, meeting))


def _open_block(text: str, meeting: Meeting | None = None) -> tuple[str, Decision | None] | None:
    """('decision', Decision), ('sentence', Decision) or ('proposal', None) when `text` starts
    a block, ('another', None) when another body than the protocol's decides in it
    (`Meeting.others`: "Arbetsutskottet beslutade att …" in the board's protocol), else
    None."""
    if text[:1] not in _BLOCK_FIRST or not text.startswith(_BLOCK_START):
        return None
    m = _ID_MARKER.match(text)
    if m and meeting is not None and not _own_id(m.group(1), meeting.paragraph):
        return None
    if m:
        return "decision", Decision(m.group(2), " ".join(m.group(1).split()))
    if _PROPOSAL.match(text):
        return "proposal", None
    m = _BOARD_DECIDES.match(text)
    if m and reports_earlier(text):
        return None
    if m and meeting is not None and _opens_anothers(text, meeting):
        return "another", None
    if m:
        # "Styrelsen beslutar:" is a label, its decision after the colon or under it;
        # "Styrelsen beslutar att …" is the decision itself, one sentence, which the caller
        # reads from this line.
        if m.group(1) or not m.group(2):
            return "decision", Decision(m.group(2) if m.group(1) else "")
        return "sentence", Decision("")
    m = _LABEL.match(text)
    if m:
        return "decision", Decision(m.group(1) or "")
    return None


def _opens_anothers(text: str, meeting: Meeting) -> bool:
    """Whether a deciding sentence opens with another body than the protocol's
    ("Arbetsutskottet beslutade att …" in the board's protocol); in a protocol whose body is
    a guess, not with its present "beslutar", how the body's own protocol decides
    (`Meeting.guessed`)."""
    if not meeting.others or not text.startswith(meeting.others):
        return False
    return not (meeting.guessed and text.split(None, 2)[1:2] == ["beslutar"])


def _own_id(marker: str, paragraph: int | None) -> bool:
    """Whether a decision's id ("2025-5 §11:2") is one of the section's own (§ 11): a
    protocol numbers its decisions by their §, and an id of another § ("Beslut 2024-3 § 12
    Förlängning av avtal" in a list of delegation decisions under § 50) names a decision made
    elsewhere, which was taken for one of this §."""
    if paragraph is None:
        return True
    number = marker.partition("§")[2].split(":")[0].strip()
    return int(number) == paragraph


def _finish(current: Decision | None, decisions: list[Decision]) -> None:
    if current is not None:
        current.text = "\n".join(line for line in current.text.split("\n") if line.strip())
        if current.text:
            decisions.append(current)


def _unmarked_decisions(lines: list[Line], meeting: Meeting | None = None) -> list[Decision]:
    """Sentences in decision voice, each from its start to its end (across line breaks), and
    nothing of the sentences around it on the same lines."""
    decisions: list[Decision] = []
    in_proposal = False
    i = 0
    done = -1  # the last line already read into a decision
    # Whether the line before names the board (`_names_board`). A line the wrapped-sentence
    # test reads with the one before it (`_wrapped_voice`) has a line before that this loop
    # tested as this line is tested: the board is looked for once a line.
    named = False
    while i < len(lines):
        text = lines[i].text
        before_named, named = named, False
        if text[:1] in _BLOCK_FIRST and _PROPOSAL.match(text):  # a proposal is a block's marker
            in_proposal = True
        elif not text:
            in_proposal = False
        elif (
            not in_proposal
            and (
                _HAS_PASSIVE.search(text)  # `_in_decision_voice`, inline to keep what it finds
                or ((named := _names_board(text)) and _board_acts(text))
                or (
                    i - 1 > done
                    and text[:1].islower()
                    # What `_wrapped_voice` can find holds a board's name or opens with the
                    # passive's last words: it is called for a tenth of the lines in lower case.
                    and (named or before_named or text.startswith(_FILED_REST))
                    and _wrapped_voice(lines[i - 1].text, text, named, before_named)
                )
            )
        ):
            window, i = _sentence_window(lines, i, done)
            decisions.extend(Decision(s) for s in _sentences(window) if _decides_now(s, meeting))
            done = i
        i += 1
    return decisions


def _sentence_window(lines: list[Line], i: int, done: int) -> tuple[str, int]:
    """The text of line i with the lines its sentences run over, joined by spaces, and the
    index of the last line used.

    Back: while the window opens in lower case (the sentence began on an earlier line), up to
    two lines not yet used, over one blank line. Forward: until a line ends a sentence, at most
    five lines in all; blank lines inside an unfinished sentence are passed over (line per
    paragraph layouts).
    """
    first = i
    while first - 1 > done and lines[first].text[:1].islower() and i - first < 2:
        k = first - 1
        if not lines[k].text and k - 1 > done:
            k -= 1
        before = lines[k].text
        if not before or before.endswith((*_SENTENCE_END, ":")) or _PROPOSAL.match(before):
            break
        first = k
    parts = [line.text for line in lines[first : i + 1] if line.text]
    j = i
    while not parts[-1].endswith(_SENTENCE_END) and j + 1 < len(lines):
        if len(parts) >= _MAX_SENTENCE_LINES:
            break
        j += 1
        if lines[j].text:
            parts.append(lines[j].text)
    return " ".join(parts), j


def _sentences(text: str) -> list[str]:
    """`text` cut into sentences; a piece that ends with an abbreviation joins the next."""
    sentences: list[str] = []
    for piece in _SENTENCE_BREAK.split(text):
        last = sentences[-1] if sentences else ""
        if last and _ABBREVIATION.search(last, max(0, len(last) - _ABBREVIATION_REACH)):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return sentences
