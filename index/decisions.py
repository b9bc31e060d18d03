"""Decisions: find the board's resolutions inside a section's text.

A decision is what the board resolved ("Styrelsen beslutar att …", the text after "Beslut:",
"Beslut 2025-5 §11:2 …"). A proposal ("Förslag till beslut", "Styrelsen föreslås besluta") is
not, even when it reads the same: `001_…` § 8 proposes approving the delegation order, while the
decision only files the information. Decisions stay in the section text; this module says which
parts of it are decisions.
"""

from __future__ import annotations

import re

from index.clean import Line
from index.model import Decision

_ID_MARKER = re.compile(r"^Beslut\s+(\d{4}-\d+\s*§\s*\d+(?::\d+)?)\s*[.:]?\s*(.*)$")
_LABEL = re.compile(r"^(?:Beslut|Styrelsens beslut)\s*(?:[.:]\s*(.*))?$")
_BOARD = r"(?:Styrelsen|Förbundsstyrelsen|Nämnden|Direktionen|Samordningsförbundet)"
_BOARD_DECIDES = re.compile(rf"^{_BOARD}\s+(?:beslutar|beslutade|beslöt)\b\s*(:?)\s*(.*)$")
_PROPOSAL = re.compile(
    rf"^(?:Förslag till beslut|Beslutsförslag|Förslag(?=\s*:)|Förvaltningens förslag"
    r"|Kansliets förslag|Förbundschefens förslag|Ordförandes förslag"
    rf"|{_BOARD}\s+(?:föreslås|föreslogs|föreslår))\b"
)
# A label that starts another part of the section ends a decision block: in Halland's § 6 the
# list under "Information:" (new substitutes) is not what the board decided.
_CLOSER = re.compile(
    r"^(?:Information|Diskussion|Bakgrund|Ärendebeskrivning|Sammanfattning|Underlag)"
    r"\s*(?::\s*(.*))?$"
)
# The first characters of every marker above: Beslut…, Styrelsen…, Förslag…, Nämnden…,
# Direktionen…, Kansliets…, Ordförandes…
_BLOCK_FIRST = frozenset("BSFNDKO")
_UNMARKED = re.compile(
    r"(?:\b(?:godkänns|godkändes|fastställs|fastställdes|antas|antogs|utses|utsågs|väljs|valdes"
    r"|beslutas|beslöts|bifalls|avslås|återremitteras|läggs till handlingarna"
    r"|lades till handlingarna)\b"
    rf"|^{_BOARD}\s+(?:godkänner|godkände|utser|utsåg|väljer|valde|fastställer|fastställde"
    r"|antar|antog|ger\b.*\bi uppdrag|gav\b.*\bi uppdrag))"
)


def extract_decisions(lines: list[Line], *, unmarked: bool = True) -> list[Decision]:
    """Decisions in a section body, in order.

    A marker opens a block that runs to the next marker (decision or proposal), to a label that
    starts another part ("Information:", "Diskussion:"; after it, sentences in decision voice
    still count) or to the end of the section. Where a section has no marker at all, sentences
    in the protocol's decision
    voice ("Dagordningen godkänns.", "Styrelsen ger förbundschefen i uppdrag …") count as
    decisions when `unmarked` is true — Halland's protocols print decisions that way.
    """
    decisions: list[Decision] = []
    current: Decision | None = None
    marked = False
    # Lines after a label that closed a decision block ("Information:"), up to the next marker:
    # sentences there in decision voice are decisions, as in a section without markers.
    after: list[Line] | None = None
    for line in lines:
        text = line.text
        opened = _open_block(text)
        if opened is not None:
            kind, decision = opened
            _finish(current, decisions)
            _finish_after(after, decisions, unmarked)
            current, after = (decision if kind == "decision" else None), None
            marked = marked or kind == "decision"
            continue
        closer = _CLOSER.match(text) if current is not None else None
        if closer:
            _finish(current, decisions)
            current, after = None, [Line(closer.group(1) or "", line.page)]
        elif current is not None:
            current.text = f"{current.text}\n{text}" if current.text else text
        elif after is not None:
            after.append(line)
    _finish(current, decisions)
    _finish_after(after, decisions, unmarked)
    if not marked and unmarked:
        decisions = _unmarked_decisions(lines)
    return decisions


def _finish_after(after: list[Line] | None, decisions: list[Decision], unmarked: bool) -> None:
    if after and unmarked:
        decisions.extend(_unmarked_decisions(after))


def _open_block(text: str) -> tuple[str, Decision | None] | None:
    """('decision', Decision) or ('proposal', None) when `text` starts a block, else None."""
    if text[:1] not in _BLOCK_FIRST:  # the cheap test that almost every line fails
        return None
    m = _ID_MARKER.match(text)
    if m:
        return "decision", Decision(m.group(2), " ".join(m.group(1).split()))
    if _PROPOSAL.match(text):
        return "proposal", None
    m = _BOARD_DECIDES.match(text)
    if m:
        # "Styrelsen beslutar:" is a label; "Styrelsen beslutar att …" is the decision itself.
        return "decision", Decision("" if m.group(1) or not m.group(2) else text)
    m = _LABEL.match(text)
    if m:
        return "decision", Decision(m.group(1) or "")
    return None


def _finish(current: Decision | None, decisions: list[Decision]) -> None:
    if current is not None:
        current.text = "\n".join(line for line in current.text.split("\n") if line.strip())
        if current.text:
            decisions.append(current)


def _unmarked_decisions(lines: list[Line]) -> list[Decision]:
    """Sentences in decision voice, each taken to the end of its sentence."""
    decisions: list[Decision] = []
    in_proposal = False
    i = 0
    while i < len(lines):
        text = lines[i].text
        if _PROPOSAL.match(text):
            in_proposal = True
        elif not text:
            in_proposal = False
        elif not in_proposal and _UNMARKED.search(text):
            sentence, i = _sentence_from(lines, i)
            decisions.append(Decision(sentence))
        i += 1
    return decisions


def _sentence_from(lines: list[Line], i: int) -> tuple[str, int]:
    """The text from line i to the end of its sentence (at most five lines), and the last index."""
    parts = [lines[i].text]
    j = i
    while not parts[-1].endswith((".", "!", "?")) and j + 1 < len(lines) and len(parts) < 5:
        j += 1
        nxt = lines[j].text
        if not nxt:  # a blank line inside an unfinished sentence (line-per-paragraph layouts)
            continue
        parts.append(nxt)
    return " ".join(parts), j
