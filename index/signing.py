"""E-signing logs: the verification pages and JSON a signing service appends to a protocol.

Scrive, Penneo, Visma Addo, Assently and Comfact add pages of names, identity numbers, IP
addresses, timestamps and tokens, and some stamp a transaction id on every page. None of it is
the meeting's text, so cleaning cuts the log and drops the stamps (`cut_machine_data`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from index.lines import PARAGRAPH_HEADING, Line

if TYPE_CHECKING:
    from index.clean import Cleaned

_JSON_LINE = re.compile(
    r"""^(?:[\[\]{}(),]+|"[^"]*"\s*:.*|"[^"]*",?|-?\d+(?:\.\d+)?,?|true,?|false,?|null,?)$"""
)
# The first line of a signing service's log: Scrive's and Assently's "Verifikat" page,
# Penneo's closing page, the page Visma Addo and others head "Signeringsbevis" or with their
# name, and the signers' page of Comfact and others ("Dokumentet har signerats elektroniskt
# …", "Signerat av"). A service's name starts a log only as a heading ("Visma Addo",
# "Assently E-Signature") or its id stamp: a sentence that starts with it ("Visma Addo införs
# för signering …") is a §'s text, and taken for the log's start it cut the § and its
# decision. So is "Signerat av" a heading only, with a capital, alone or before a colon or a
# signer's name ("Signerat av: Karin Ek"); "signerat av ordförande …" is a sentence wrapped
# there, in a § about e-signing whose next lines name Comfact and BankID. The signers' page's
# opening sentence is read with its capital too.
_SIGNING_LOG_START = re.compile(
    r"^(?:Verifikat|Verification|Transaktion \d{6,}|Transaction \d{6,}|Signeringslogg"
    r"|Signing log|Signaturerna i detta dokument är juridiskt bindande"
    r"|The signatures in this document are legally binding|Penneo dokumentnyckel"
    r"|Penneo document key|Dokumentet är signerat (?:via|med) Penneo"
    r"|Signeringsbevis|Signeringsintyg|Signaturbevis"
    r"|(?-i:S)ignerat av(?=\s*(?::|$)|\s+(?-i:[A-ZÅÄÖ]))"
    r"|(?-i:D)(?:okumentet|etta dokument) har (?:signerats|undertecknats) (?:elektroniskt|digitalt)"
    r"|(?:Visma Addo|Assently|Comfact)(?=\s*:?\s*(?:[\w-]+\s*)?$|\s+ID-nummer\b))\b",
    re.IGNORECASE,
)
# Every log start begins with one of these ("ſ" folds to "s" in IGNORECASE).
_LOG_START_FIRST = frozenset("VvTtSsPpDdAaCcſ")
# A service's identifier printed on every page ("Transaktion 09222115557512345678", Penneo's
# document key, Visma Addo's id): page furniture wherever it stands, never text a person wrote.
_SIGNING_STAMP = re.compile(
    r"^(?:Transa[ck]tion \d{10,}|Penneo (?:dokumentnyckel|document key):?\s*[\w-]{10,}"
    r"|Visma Addo ID-nummer\s*:?\s*[\w-]{10,})$",
    re.IGNORECASE,
)
# What a log entry says and prose does not: a timestamp to the minute or a time zone, an IP or
# e-mail address, an identity, a hash, a transaction id, a service's name. An e-mail address
# is looked for from the start of its name only: tried from each character of a long word
# with no "@" after it, it read the rest of the word from each (8,000 letters took 0.2 s a
# line, and a line is read for each log start before it).
_MACHINE_MARK = re.compile(
    r"\d{4}-\d\d-\d\d,?[ T]\d\d[:.]\d\d|\b(?:UTC|GMT|CES?T)\b"
    r"|\b\d{1,3}(?:\.\d{1,3}){3}\b|\bIP(?:-adress)?\s*:|(?<![\w.+-])[\w.+-]+@[\w-]+\.\w"
    r"|Serienummer|Personnummer|BankID|\bSHA-?\d|\b[0-9a-f]{32,}\b|Transa[ck]tion \d{6,}"
    r"|Penneo|Scrive|Visma Addo|Assently|Comfact|dokumentnyckel|Huvuddokument|Signerande parter"
    r"|Autentiserad",
    re.IGNORECASE,
)
_LOG_WINDOW = 24  # non-blank lines read after a log start to judge it


def _is_json_line(text: str) -> bool:
    return bool(_JSON_LINE.match(text))


def cut_machine_data(result: Cleaned) -> None:
    """Remove an appended e-signing log (JSON or a verification page) and the signing
    service's per-page stamps.

    Signing services append their log to the PDF; it holds names, personal numbers, IP
    addresses and tokens, none of which belongs in a section or in the index. We cut from the
    first line of a tail in which machine lines dominate, or from a log's first line
    ("Verifikat", Penneo's "Signaturerna i detta dokument …") when the lines after it are
    machine lines and no § follows. Where it stands does not matter: a log listing six signers
    is longer than a one-page protocol, and a § called "Verifikat och attest" is no log.
    """
    lines = result.lines
    cut = _json_tail_start(lines)
    starts = [
        i
        for i, line in enumerate(lines)
        if line.text[:1] in _LOG_START_FIRST and _SIGNING_LOG_START.match(line.text)
    ]
    if starts:
        last_paragraph = _last_paragraph(lines)
        for i in starts:
            if i >= cut:
                break
            if i > last_paragraph and _log_follows(lines, i):
                cut = i
                break
    stamps = {i for i in starts if i < cut and _SIGNING_STAMP.match(lines[i].text)}
    result.dropped.extend(("page furniture", lines[i].text) for i in sorted(stamps))
    if cut < len(lines):
        result.dropped.extend(("machine data", line.text) for line in lines[cut:] if line.text)
        del lines[cut:]
    if stamps:
        result.lines = [line for i, line in enumerate(lines) if i not in stamps]


def _last_paragraph(lines: list[Line]) -> int:
    """Index of the last line that starts a § (or -1): no signing log comes before it."""
    for i in range(len(lines) - 1, -1, -1):
        text = lines[i].text
        if text and (text[0] == "§" or text[0].isdecimal()) and PARAGRAPH_HEADING.match(text):
            return i
    return -1


def _log_follows(lines: list[Line], start: int) -> bool:
    """Whether the lines after a log's first line are log entries rather than prose: at least
    three of the next 24 (and a quarter) carry a machine mark. Stamps are not counted."""
    window: list[str] = []
    for line in lines[start + 1 :]:
        text = line.text
        if text and not _SIGNING_STAMP.match(text):
            window.append(text)
            if len(window) == _LOG_WINDOW:
                break
    machine = sum(1 for text in window if _MACHINE_MARK.search(text))
    return machine >= 3 and 4 * machine >= len(window)


def _json_tail_start(lines: list[Line]) -> int:
    """Index where a JSON-dominated tail starts, or len(lines) when there is none."""
    json_count = other = 0
    best = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        text = lines[i].text
        if not text:
            continue
        if _is_json_line(text):
            json_count += 1
            if json_count >= 5 and json_count >= 4 * other:
                best = i
        else:
            other += 1
            if other > json_count:
                break
    return best
