"""Decisions: every marker form the corpus uses, ids, and proposals kept out."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from index import decisions
from index.clean import Line
from index.decisions import extract_decisions
from index.parse import parse_text


def decide(text: str, unmarked: bool = True) -> list[tuple[str | None, str]]:
    lines = [Line(t.strip()) for t in text.split("\n")]
    return [(d.id, d.text) for d in extract_decisions(lines, unmarked=unmarked)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Beslut\nStyrelsen godkänner rapporten.", [(None, "Styrelsen godkänner rapporten.")]),
        ("Beslut:\nAtt godkänna rapporten.", [(None, "Att godkänna rapporten.")]),
        (
            "Beslut.\nStyrelsen tackar för informationen",
            [(None, "Styrelsen tackar för informationen")],
        ),
        ("Beslut: Rapporten godkänns.", [(None, "Rapporten godkänns.")]),
        ("Styrelsen beslutar:\nAtt godkänna dagordningen.", [(None, "Att godkänna dagordningen.")]),
        ("Styrelsen beslutade:\nAtt anta planen.", [(None, "Att anta planen.")]),
        (
            "Styrelsen beslutar att godkänna dagordningen.",
            [(None, "Styrelsen beslutar att godkänna dagordningen.")],
        ),
        (
            "Styrelsen beslutar att\n- godkänna budgeten\n- uppdra åt kansliet att följa upp",
            [
                (
                    None,
                    "Styrelsen beslutar att\n- godkänna budgeten\n- uppdra åt kansliet att följa upp",
                )
            ],
        ),
        (
            "Styrelsen beslutade:\nBeslut 2025-5 §11:1\nAtt godkänna underlaget.\n\nBeslut 2025-5 §11:2\nAtt genomföra upphandlingen.",
            [
                ("2025-5 §11:1", "Att godkänna underlaget."),
                ("2025-5 §11:2", "Att genomföra upphandlingen."),
            ],
        ),
        (
            "Beslut.\nStyrelsen beslutar att återremittera ärendet.\n\nMotiveringen är att syftet ska förtydligas.",
            [
                (
                    None,
                    "Styrelsen beslutar att återremittera ärendet.\nMotiveringen är att syftet ska förtydligas.",
                )
            ],
        ),
    ],
)
def test_decision_markers(text: str, expected: list) -> None:
    assert decide(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Förslag till beslut:\nAtt verksamhetsplan och budget 2024 godkänns enligt ovan.",
        "Styrelsen föreslås besluta att den nya delegationsordningen godkänns.",
        "Styrelsen föreslogs utöka budgetramen till 12 miljoner.",
        "Beslutsförslag: Att godkänna rapporten.",
        # Found by QA: the proposal worded as the decision, right under its label.
        "Förslag till beslut\nStyrelsen beslutar att godkänna budgeten.",
        "Förslag till beslut:\nStyrelsen\nbeslutar att godkänna budgeten.",
        "Förbundschefens förslag\nStyrelsen beslutar att anta planen.",
    ],
)
def test_proposals_are_not_decisions(text: str) -> None:
    assert decide(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the decision after the proposal, under its own label
        (
            "Förslag till beslut\nStyrelsen beslutar att godkänna budgeten.\nBeslut\n"
            "Styrelsen beslutar enligt förslaget.",
            [(None, "Styrelsen beslutar enligt förslaget.")],
        ),
        # … or, without a label, the next such sentence
        (
            "Förslag till beslut\nStyrelsen beslutar att godkänna budgeten.\n"
            "Styrelsen beslutar att bifalla förslaget.",
            [(None, "Styrelsen beslutar att bifalla förslaget.")],
        ),
        # a proposal that opens no block of its own leaves later sentences decisions (review)
        (
            "Förslag till beslut\nAtt godkänna budgeten för 2024.\n\nDiskussion\n"
            "Ledamöterna diskuterade budgeten.\n\nStyrelsen beslutar att godkänna budgeten för 2024.",
            [(None, "Styrelsen beslutar att godkänna budgeten för 2024.")],
        ),
        # a proposal written on its label's line leaves the next sentence the decision
        (
            "Förslag till beslut: att budgeten godkänns.\n"
            "Styrelsen beslutar att godkänna budgeten.",
            [(None, "Styrelsen beslutar att godkänna budgeten.")],
        ),
    ],
)
def test_the_decision_after_a_proposal_worded_alike(text: str, expected: list) -> None:
    assert decide(text) == expected


def test_proposal_then_decision_keeps_only_the_decision() -> None:
    text = (
        "Förslag till beslut:\nStyrelsen föreslås besluta att den nya delegationsordningen godkänns.\n"
        "Styrelsen beslutar:\nStyrelsen beslutade att lägga informationen till handlingarna."
    )
    assert decide(text) == [
        (None, "Styrelsen beslutade att lägga informationen till handlingarna.")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dagordningen godkänns.", ["Dagordningen godkänns."]),
        ("Thomas Fager utses till justerare.", ["Thomas Fager utses till justerare."]),
        (
            "Styrelsen ger förbundschefen i uppdrag att svara\n\nFörsäkringskassan senast i maj.",
            ["Styrelsen ger förbundschefen i uppdrag att svara Försäkringskassan senast i maj."],
        ),
        ("Ordföranden hälsar alla välkomna.", []),
        ("Förslag till beslut:\nAtt rapporten godkänns.", []),
    ],
)
def test_unmarked_decisions_in_decision_voice(text: str, expected: list[str]) -> None:
    assert [t for _, t in decide(text)] == expected


def test_unmarked_decisions_only_when_asked() -> None:
    assert decide("Dagordningen godkänns.", unmarked=False) == []


def test_a_marked_section_gets_no_unmarked_extras() -> None:
    text = "Rapporten godkänns av revisorerna.\nBeslut:\nStyrelsen tackar för informationen."
    assert decide(text) == [(None, "Styrelsen tackar för informationen.")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Halland's § 6: the list under "Information:" is not what the board decided, but a
        # sentence in decision voice after it is.
        (
            "Beslut:\n• Val av ordförande\nInformation:\n• Nya ersättare\nVarberg: Peter\n\n"
            "Linda och Helene väljs till ordförande respektive vice ordförande.",
            [
                (None, "• Val av ordförande"),
                (None, "Linda och Helene väljs till ordförande respektive vice ordförande."),
            ],
        ),
        ("Beslut: Planen antas.\nDiskussion: Budgeten är stram.", [(None, "Planen antas.")]),
        (
            "Beslut:\nAtt anta planen.\nBakgrund\nPlanen har tagits fram.",
            [(None, "Att anta planen.")],
        ),
        # A closing label matters only inside a decision block; elsewhere it is text.
        (
            "Information:\nStyrelsen beslutar att anta planen.",
            [(None, "Styrelsen beslutar att anta planen.")],
        ),
    ],
)
def test_a_label_that_starts_another_part_ends_the_decision(text: str, expected: list) -> None:
    assert decide(text) == expected


@pytest.mark.parametrize("opening", ["Styrelsen beslutar", "Beslutades", "Beslöts"])
def test_a_deciding_label_with_its_decision_on_its_line(opening: str) -> None:
    """ "Styrelsen beslutar: att anta planen." is the label and its decision on one line:
    the decision's words after the colon were dropped, and the line under it, whatever it
    said, was taken for the decision."""
    text = f"{opening}: att anta planen.\natt uppdra åt kansliet att följa upp."
    assert decide(text) == [(None, "att anta planen.\natt uppdra åt kansliet att följa upp.")]
    assert decide(f"{opening}: att anta planen.") == [(None, "att anta planen.")]


_RESERVED = "Olle Berg (M) reserverar sig till förmån för sitt yrkande att ärendet återremitteras."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Under a decision label, under the deciding sentence, and in a section with no marker.
        (
            f"Beslut\nStyrelsen beslutar att anta budgeten.\nReservation\n{_RESERVED}",
            ["Styrelsen beslutar att anta budgeten."],
        ),
        (
            f"Styrelsen beslutar att anta budgeten.\nReservation\n{_RESERVED}",
            ["Styrelsen beslutar att anta budgeten."],
        ),
        (f"Budgeten antas.\nReservation: {_RESERVED}", ["Budgeten antas."]),
        (
            "Beslut: Planen antas.\nProtokollsanteckning: Sara Lind (V) vill att planen "
            "fastställs i juni.\nSärskilt yttrande\nPer Berg (S) anser att planen bör antas senare.",
            ["Planen antas."],
        ),
        # The statement ends at its paragraph's end or at the next marker: what follows is read.
        (
            f"Beslut: Planen antas.\nReservation\n{_RESERVED}\n\nInformation:\nRapporten godkänns.",
            ["Planen antas.", "Rapporten godkänns."],
        ),
        (
            f"Beslut: Planen antas.\nReservation\n{_RESERVED}\nBeslut: Rapporten godkänns.",
            ["Planen antas.", "Rapporten godkänns."],
        ),
    ],
)
def test_a_members_statement_under_a_decision_is_no_decision(text: str, expected: list) -> None:
    """A reservation, a note to the minutes or a separate opinion is what a member had
    recorded, not what the board decided: "… yrkande att ärendet återremitteras" under
    "Reservation" was read as a decision in the board's voice (the passive "återremitteras")."""
    assert [text for _, text in decide(text)] == expected


def test_text_after_a_closing_label_is_read_only_when_unmarked_decisions_are() -> None:
    text = "Beslut: Planen antas.\nInformation:\nRapporten godkänns."
    assert decide(text, unmarked=False) == [(None, "Planen antas.")]
    assert decide(text) == [(None, "Planen antas."), (None, "Rapporten godkänns.")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The deciding sentence alone: not the sentences before or after it on its lines.
        (
            "Förbundschefen redogör för rapporten. Styrelsen godkänner rapporten. Mötet går vidare.",
            ["Styrelsen godkänner rapporten."],
        ),
        (
            "Förbundschefen redogör. Efter diskussion beslutar styrelsen att godkänna rapporten.",
            ["Efter diskussion beslutar styrelsen att godkänna rapporten."],
        ),
        (
            "Efter diskussion beslutar styrelsen\natt godkänna rapporten. Ordföranden tackar.",
            ["Efter diskussion beslutar styrelsen att godkänna rapporten."],
        ),
        (
            "Ekonomen redovisar utfallet. Rapporten godkänns och läggs till handlingarna. Nästa "
            "möte i maj.",
            ["Rapporten godkänns och läggs till handlingarna."],
        ),
        # A sentence that began on the line before.
        (
            "Ekonomen redovisar utfallet och\nrapporten godkänns. Sedan\ndiskuteras budgeten.",
            ["Ekonomen redovisar utfallet och rapporten godkänns."],
        ),
        (
            "Rapporten godkänns. Dagordningen fastställs.",
            ["Rapporten godkänns.", "Dagordningen fastställs."],
        ),
        # An abbreviation does not end the sentence.
        (
            "Nästa möte fastställs till den 5 maj kl. 13.00. Mötet avslutas.",
            ["Nästa möte fastställs till den 5 maj kl. 13.00."],
        ),
        # "Styrelsen beslutar att …" without a "Beslut" label: its sentence, then the rest of
        # the section as text, where decision voice still counts.
        (
            "Styrelsen beslutar att godkänna rapporten. Ordföranden tackar.\nKansliet informerar.",
            ["Styrelsen beslutar att godkänna rapporten."],
        ),
        (
            "Styrelsen beslutar att godkänna rapporten\nför tertial 2. Ordföranden tackar.\n"
            "Dagordningen godkänns.",
            ["Styrelsen beslutar att godkänna rapporten\nför tertial 2.", "Dagordningen godkänns."],
        ),
        # Without its full stop, the sentence ends with its paragraph.
        (
            "Styrelsen beslutar att godkänna rapporten\n\nFörbundschefen informerar om läget.",
            ["Styrelsen beslutar att godkänna rapporten"],
        ),
    ],
)
def test_a_decision_is_its_sentence(text: str, expected: list[str]) -> None:
    assert [t for _, t in decide(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The subject alone on its line, the verb phrase on the next.
        (
            "Styrelsen\nbeslutar att godkänna budgeten.",
            ["Styrelsen beslutar att godkänna budgeten."],
        ),
        # Subject and verb on one line, "att …" on the next: not a label, the decision itself.
        (
            "Styrelsen beslutar\natt godkänna budgeten.",
            ["Styrelsen beslutar att godkänna budgeten."],
        ),
        (
            "Förbundsstyrelsen\nbeslutade att anta planen.",
            ["Förbundsstyrelsen beslutade att anta planen."],
        ),
        (
            "Förbundsstyrelsen beslutade\natt anta planen.",
            ["Förbundsstyrelsen beslutade att anta planen."],
        ),
        ("Nämnden\nbeslöt att anta planen.", ["Nämnden beslöt att anta planen."]),
        # Under a label, as one block.
        (
            "Beslut\nStyrelsen\nbeslutar att godkänna budgeten.",
            ["Styrelsen beslutar att godkänna budgeten."],
        ),
        (
            "Beslut:\nStyrelsen beslutar\natt godkänna budgeten.",
            ["Styrelsen beslutar att godkänna budgeten."],
        ),
        (
            "Styrelsens beslut\nStyrelsen beslutar\natt godkänna budgeten.",
            ["Styrelsen beslutar att godkänna budgeten."],
        ),
        (
            "Styrelsens beslut\nStyrelsen\nbeslutar att godkänna budgeten.",
            ["Styrelsen beslutar att godkänna budgeten."],
        ),
        # The sentence ends the block, as on one line.
        (
            "Styrelsen beslutar\natt godkänna budgeten.\nFörbundschefen informerar om läget.",
            ["Styrelsen beslutar att godkänna budgeten."],
        ),
        # In a section without markers, in decision voice once joined.
        (
            "Förbundschefen redogör.\nStyrelsen\ngodkänner budgeten.",
            ["Styrelsen godkänner budgeten."],
        ),
        # A label split the same way stays a label; so does one over a capital.
        ("Styrelsen\nbeslutar:\nAtt godkänna budgeten.", ["Att godkänna budgeten."]),
        ("Styrelsen beslutar\nAtt godkänna budgeten.", ["Att godkänna budgeten."]),
        # A board name alone over a capital is no sentence.
        ("Samordningsförbundet\nMotivation 4,6", []),
    ],
)
def test_a_subject_wrapped_from_its_verb_is_joined(text: str, expected: list[str]) -> None:
    assert [t for _, t in decide(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "att"-clauses, each with its full stop, are one decision.
        (
            "Styrelsen beslutar\natt godkänna budgeten.\natt uppdra åt kansliet att följa upp.",
            ["Styrelsen beslutar att godkänna budgeten.\natt uppdra åt kansliet att följa upp."],
        ),
        (
            "Styrelsen beslutar att godkänna budgeten.\natt uppdra åt kansliet att följa upp.\n"
            "Ordföranden tackar.",
            ["Styrelsen beslutar att godkänna budgeten.\natt uppdra åt kansliet att följa upp."],
        ),
        # A capital after the full stop starts another sentence.
        (
            "Styrelsen beslutar att godkänna budgeten.\nOrdföranden tackar.",
            ["Styrelsen beslutar att godkänna budgeten."],
        ),
    ],
)
def test_a_decision_goes_on_in_a_clause_in_lower_case(text: str, expected: list[str]) -> None:
    assert [t for _, t in decide(text)] == expected


@pytest.mark.parametrize(
    "body",
    [
        "Styrelsen\nbeslutar att godkänna budgeten.",
        "Styrelsen beslutar\natt godkänna budgeten.",
        # Cleaning drops the blank line a wrap left in the sentence.
        "Styrelsen beslutar\n\natt godkänna budgeten.",
        "Styrelsen\n\nbeslutar att godkänna budgeten.",
    ],
)
def test_a_wrapped_subject_in_a_parsed_protocol(body: str) -> None:
    (section,) = parse_text(f"Protokoll\n§ 4 Budget 2025\n{body}").sections
    assert [d.text for d in section.decisions] == ["Styrelsen beslutar att godkänna budgeten."]


_SIGNERS = "Anna Andersson    Bertil Bengtsson"


@pytest.mark.parametrize(
    ("last", "decision"),
    [
        # side-by-side signatures under a decision without a full stop ran into it
        (f"Beslut\natt godkänna rapporten\nOrdförande    Justerare\n{_SIGNERS}", None),
        # names over their roles, then the dates of signing
        (f"Beslut\natt godkänna rapporten\n{_SIGNERS}\nOrdförande    Justerare\n2024-03-19", None),
        (f"Beslut\natt godkänna rapporten\nVid protokollet\nCecilia Carlsson\n{_SIGNERS}", None),
        # must not change: a role with a name is the decision's text, and so are names
        # that no row of roles follows
        (
            "Beslut\natt utse\nOrdförande: Anna Andersson",
            "att utse\nOrdförande: Anna Andersson",
        ),
        (f"Beslut\natt utse\n{_SIGNERS}", f"att utse\n{' '.join(_SIGNERS.split())}"),
        # nor are the names the board chose, over the signers' roles (review)
        (
            f"Beslut\natt till ledamöter välja:\n{_SIGNERS}\nOrdförande    Justerare",
            f"att till ledamöter välja:\n{' '.join(_SIGNERS.split())}",
        ),
    ],
)
def test_side_by_side_signatures_end_the_last_decision(last: str, decision: str | None) -> None:
    """A protocol's closing signatures ("Ordförande  Justerare" / "Anna Andersson  Bertil
    Bengtsson") were the end of the last decision when it had no full stop: a search in
    decisions found the signers, and a hit showed their names as the decision."""
    doc = parse_text(f"Protokoll styrelsemöte 2024-03-12\n§ 1 Rapport\n{last}\n")
    assert [d.text for d in doc.sections[0].decisions] == [decision or "att godkänna rapporten"]


_CONTINUED_HEAD = (
    "Protokoll styrelsemöte 2024-03-12\n§ 15 Ekonomisk rapport\nFörbundschefen redovisar.\n"
    "§ 16 Övrigt\nInga frågor.\n§ 15 Ekonomisk rapport, forts.\n"
)


@pytest.mark.parametrize(
    "head", ["Protokoll styrelsemöte 2024-03-12\n§ 15 Rapport\n", _CONTINUED_HEAD]
)
@pytest.mark.parametrize(
    ("block", "decision"),
    [
        # the checker's role alone over the names ran into a decision without a full stop
        ("Justerare\nAnna Andersson\nBo Berg", None),
        ("Justerare:\nAnna Andersson\nBo Berg", None),
        ("Justerande\nAnna Andersson\nBo Berg", None),
        # must not change: the rule the last § had, which a continued § follows too
        ("Justeras\nAnna Andersson\nBo Berg", None),
        ("Ordförande    Justerare\nAnna Andersson    Bo Berg", None),
    ],
)
def test_a_signature_block_ends_the_decision_of_the_last_or_a_continued_section(
    head: str, block: str, decision: str | None
) -> None:
    """ "Justerare" / "Anna Andersson" / "Bo Berg" after the last decision, also in a § printed
    again with "forts.", was read as the decision's end: a search in decisions found the
    signers. The block stays in the section's text, as it did."""
    doc = parse_text(f"{head}Beslut:\natt godkänna rapporten\n{block}\n")
    (section,) = [s for s in doc.sections if s.number == 15]
    assert [d.text for d in section.decisions] == [decision or "att godkänna rapporten"]
    assert section.text.endswith("Bo Berg")


@pytest.mark.parametrize(
    ("body", "decision"),
    [
        # the checker the board chose is the decision's text: a decision about the checking,
        # one ending in a colon, or the role first under the label
        (
            "Beslut:\natt utse följande:\nJusterare\nAnna Andersson",
            "att utse följande:\nJusterare\nAnna Andersson",
        ),
        (
            "Beslut:\natt till justerare välja\nJusterare\nAnna Andersson",
            "att till justerare välja\nJusterare\nAnna Andersson",
        ),
        ("Beslut:\nJusterare\nAnna Andersson", "Justerare\nAnna Andersson"),
    ],
)
def test_a_chosen_checker_stays_in_the_decision(body: str, decision: str) -> None:
    doc = parse_text(f"Protokoll styrelsemöte 2024-03-12\n§ 2 Val av justerare\n{body}\n")
    assert [d.text for d in doc.sections[0].decisions] == [decision]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # After another sentence on its line, in a section without another marker …
        (
            "Förbundschefen redogjorde för läget. Det beslutades att anta planen.",
            ["Det beslutades att anta planen."],
        ),
        (
            "Förbundschefen redogjorde för läget. Det beslutades att anta planen. "
            "Ordföranden tackade.",
            ["Det beslutades att anta planen."],
        ),
        (
            "Förbundschefen redogjorde för läget. Beslutades att anta planen.",
            ["Beslutades att anta planen."],
        ),
        # … after other sentences of its paragraph, on a line of its own …
        (
            "Förbundschefen redogjorde för läget.\nDet beslutades att anta planen.",
            ["Det beslutades att anta planen."],
        ),
        # … inside its sentence …
        (
            "Ledamöterna diskuterade förslaget och efter diskussion beslutades att anta planen.",
            ["Ledamöterna diskuterade förslaget och efter diskussion beslutades att anta planen."],
        ),
        # … over its "att"-list, which is the decision, as under "Beslutades" alone …
        (
            "Förbundschefen redogjorde för läget. Det beslutades\natt anta planen,\n"
            "att uppdra åt kansliet att följa upp.",
            ["att anta planen,\natt uppdra åt kansliet att följa upp."],
        ),
        # … and before another decision's label in the same section.
        (
            "Förbundschefen redogjorde för läget. Det beslutades att anta planen.\n\n"
            "Beslut: Rapporten läggs till handlingarna.",
            ["Det beslutades att anta planen.", "Rapporten läggs till handlingarna."],
        ),
        (
            "Kansliet har berett ärendet. Styrelsen beslutar att anta planen.\n\n"
            "Beslut: Rapporten läggs till handlingarna.",
            ["Styrelsen beslutar att anta planen.", "Rapporten läggs till handlingarna."],
        ),
    ],
)
def test_an_impersonal_decision_after_other_sentences(text: str, expected: list[str]) -> None:
    """ "Det beslutades att …" after another sentence on its line or in its paragraph was no
    decision: only "Beslutades" opening a line was read, and "beslutades" was no verb of the
    protocol's decision voice."""
    assert [t for _, t in decide(text)] == expected


def test_an_impersonal_decision_after_other_sentences_in_a_parsed_protocol() -> None:
    text = (
        "Protokoll styrelsemöte 2024-03-12\n§ 5 Verksamhetsplan 2025\n"
        "Förbundschefen föredrog förslaget till verksamhetsplan. Det beslutades att anta "
        "verksamhetsplanen för 2025.\n§ 6 Avslutning\nOrdföranden avslutade mötet.\n"
    )
    assert [[d.text for d in s.decisions] for s in parse_text(text).sections] == [
        ["Det beslutades att anta verksamhetsplanen för 2025."],
        [],
    ]


# A decision sentence that reports an earlier meeting's decision (a background paragraph's
# "Styrelsen beslutade vid förra mötet att …") against one that records this meeting's, as
# protocols write it in the past tense too ("Styrelsen beslutade att anta planen.").
_EARLIER = [
    "Beslutades vid förra mötet att ta fram en plan.",
    "Det beslutades vid föregående möte att ta fram en plan.",
    "Styrelsen beslutade vid förra mötet att ta fram en plan.",
    "Styrelsen beslutade vid sitt sammanträde den 12 mars att ta fram en plan.",
    "Styrelsen beslutade vid sammanträdet den 12 mars 2024 att ta fram en plan.",
    "Styrelsen beslutade tidigare att ta fram en plan.",
    "Styrelsen beslutade i december att ta fram en plan.",
    "Styrelsen beslöt 2023-12-05 § 47 att ta fram en plan.",
    "Förbundsstyrelsen beslutade på sitt möte i oktober att ta fram en plan.",
    "Styrelsen beslutade under 2023 att ta fram en plan.",
    "Styrelsen beslutade i höstas att ta fram en plan.",
    "Nämnden beslöt den 5/12 att ta fram en plan.",
    "Vid förra mötet beslutade styrelsen att ta fram en plan.",
    "I december beslutades att ta fram en plan.",
    "Styrelsen beslutade\nvid förra mötet att ta fram en plan.",
    "Beslutades\nvid förra mötet att ta fram en plan.",
]
_NOW = [
    "Styrelsen beslutade att anta planen.",
    "Styrelsen beslutar att anta planen.",
    "Beslutades att anta planen.",
    "Styrelsen beslutade enhälligt att anta planen.",
    "Styrelsen beslutade därefter att anta planen.",
    "Styrelsen beslutade i enlighet med förslaget att anta planen.",
    "Efter diskussion beslutade styrelsen att anta planen.",
    "Vid dagens sammanträde beslutade styrelsen att anta planen.",
    # a date after "att" is what was decided, not when
    "Styrelsen beslutade att nästa möte hålls den 14 maj 2024.",
    "Styrelsen beslutade att tidigarelägga mötet i december.",
    "Styrelsen beslutade om budget för 2025.",
    # the earlier meeting named before the verb's subject is this meeting's decision on it
    "Protokollet från föregående möte godkändes.",
]


@pytest.mark.parametrize(
    ("sentence", "decides"),
    [*((s, False) for s in _EARLIER), *((s, True) for s in _NOW)],
)
@pytest.mark.parametrize("where", ["alone", "in background", "after a sentence"])
def test_an_earlier_meetings_decision_is_no_decision(
    sentence: str, decides: bool, where: str
) -> None:
    """ "Beslutades vid förra mötet att …" in a background paragraph reports what the board
    decided before, and was taken for this meeting's decision: a time reference between the
    deciding verb and its "att" (or opening the sentence before it) tells them apart."""
    text = {
        "alone": sentence,
        "in background": f"Bakgrund\n{sentence}\nFörbundschefen redovisade arbetet.",
        "after a sentence": f"Förbundschefen redovisade arbetet. {sentence}",
    }[where]
    found = [t for _, t in decide(text)]
    assert found == ([sentence] if decides else [])


def test_an_earlier_decision_in_the_background_leaves_this_meetings() -> None:
    text = (
        "Protokoll styrelsemöte 2024-03-12\n§ 5 Handlingsplan\nBakgrund\n"
        "Styrelsen beslutade vid sitt sammanträde den 12 december att uppdra åt kansliet att "
        "ta fram en handlingsplan.\nBeslutades vid förra mötet att återremittera ärendet.\n"
        "Beslut\nStyrelsen beslutade att anta handlingsplanen.\n"
    )
    (section,) = parse_text(text).sections
    assert [d.text for d in section.decisions] == ["Styrelsen beslutade att anta handlingsplanen."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BESLUT\natt anta planen.", ["att anta planen."]),
        ("BESLUT:\natt anta planen.", ["att anta planen."]),
        ("BESLUT: Planen antas.", ["Planen antas."]),
        ("STYRELSENS BESLUT\natt anta planen.", ["att anta planen."]),
        (
            "Beslut:\natt anta planen.\nBAKGRUND\nKansliet har tagit fram planen.",
            ["att anta planen."],
        ),
        ("FÖRSLAG TILL BESLUT\nStyrelsen beslutar att anta planen.", []),
        # a line in capitals that is no label stays the decision's text
        (
            "Beslut:\natt bevilja medel till\nEU-PROJEKTET STEG",
            ["att bevilja medel till\nEU-PROJEKTET STEG"],
        ),
    ],
)
def test_a_label_in_capitals_is_the_label(text: str, expected: list[str]) -> None:
    """ "BESLUT" and "STYRELSENS BESLUT" over the decision opened nothing: the decision was
    lost, or read with its label ("BESLUT: Planen antas.")."""
    assert [t for _, t in decide(text)] == expected


@pytest.mark.parametrize(
    "after",
    [
        "Beslutsunderlag\nTjänsteskrivelse 2024-04-01",
        "Beslutsunderlag: Tjänsteskrivelse 2024-04-01",
        "Handlingar i ärendet\nTjänsteskrivelse 2024-04-01",
        "Beslutet skickas till\nKansliet\nMedlemmarna",
        "Beslutet ska skickas till: Kansliet",
        "Expedieras till: Kansliet",
        "Beslutet justerades omedelbart.",
        "Paragrafen förklaras omedelbart justerad.",
        "Omedelbar justering",
        "Justeras omedelbart.",
        "Yrkanden\nAnna Ek (S) yrkar att planen antas först i juni.",
    ],
)
def test_what_became_of_a_decision_is_no_part_of_it(after: str) -> None:
    """The documents it was made on, where it is sent, the note that it was checked at once
    and the motions on it ran into a decision without a label of its own."""
    text = f"Beslut\natt anta planen\n{after}"
    assert [t for _, t in decide(text)] == ["att anta planen"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a member's motion or an official's proposal, in the passive, is no decision …
        ("Anna Ek (S) yrkar att planen antas.", []),
        ("Förbundschefen föreslår att planen antas.", []),
        ("Yrkande\nAnna Ek (S) yrkar att planen antas.\nBeslut\nPlanen antas.", ["Planen antas."]),
        # … the board deciding as someone moved is, and so is a decision on what was proposed
        (
            "Dagordningen godkänns med det tillägg som föreslogs av ordföranden.",
            ["Dagordningen godkänns med det tillägg som föreslogs av ordföranden."],
        ),
        (
            "Styrelsen beslutar att anta planen i enlighet med vad Anna Ek yrkade.",
            ["Styrelsen beslutar att anta planen i enlighet med vad Anna Ek yrkade."],
        ),
        (
            "Planen antas i enlighet med Anna Eks yrkande.",
            ["Planen antas i enlighet med Anna Eks yrkande."],
        ),
        # and so is the chair's finding when the motions are put to the vote, also under the
        # motions' label (which the vote's ends)
        (
            "Yrkanden\nAnna Ek (S) yrkar att planen antas.\nPropositionsordning\n"
            "Ordföranden finner att styrelsen beslutar att anta planen.",
            ["Ordföranden finner att styrelsen beslutar att anta planen."],
        ),
        (
            "Anna Ek (S) yrkar att planen antas.\nOrdföranden ställer proposition på förslagen "
            "och finner att styrelsen beslutar att anta planen.",
            [
                "Ordföranden ställer proposition på förslagen och finner att styrelsen beslutar "
                "att anta planen."
            ],
        ),
    ],
)
def test_a_motion_is_no_decision(text: str, expected: list[str]) -> None:
    """ "Anna Ek (S) yrkar att planen antas." read as a decision (the passive "antas"), and
    the chair's "… finner att styrelsen beslutar att …" did not."""
    assert [t for _, t in decide(text)] == expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["BESLUT", "att anta planen."], ["att anta planen."]),
        (["Kansliet redogör.", "", "", "", "BESLUT:", "att anta planen."], ["att anta planen."]),
        (["", "", "STYRELSENS BESLUT", "att anta planen."], ["att anta planen."]),
        (["Beslut:", "att anta planen.", "INFORMATION "], ["att anta planen."]),
        (["ESF-rådet lyfte frågan.", "BESLUT", "att anta planen."], ["att anta planen."]),
        (
            ["Beslut", "att anta planen", "RESERVATION", "Anna Ek (S) reserverar sig."],
            ["att anta planen"],
        ),
        (
            ["Beslut:", "att bevilja medel till", "EU-PROJEKTET STEG"],
            ["att bevilja medel till\nEU-PROJEKTET STEG"],
        ),
        (["UTGIFTER", "Planen antas."], ["Planen antas."]),
    ],
)
def test_the_joined_text_finds_what_the_lines_do(texts: list[str], expected: list[str]) -> None:
    """Given the section's text as the parser joins it (runs of blank lines cut, ends
    stripped), the quick tests on it find every label in capitals that the tests of each line
    find: first and last line, after blank lines, among other lines in capitals."""
    lines = [Line(t) for t in texts]
    joined = re.sub(r"\n{3,}", "\n\n", "\n".join(texts)).strip()
    assert [d.text for d in extract_decisions(lines, text=joined)] == expected
    assert [d.text for d in extract_decisions(lines)] == expected


# The board-acts pattern as one search, before it was cut into parts with quick tests.
_NAMED_AS_ONE = "(?:styrelsen|förbundsstyrelsen|nämnden|direktionen|arbetsutskottet|presidiet)"
_BOARD_ACTS_AS_ONE = re.compile(
    rf"(?:^|[.!?] ){decisions._BOARD}\s+(?:(?:godkänner|godkände|utser|utsåg|väljer|valde"
    r"|fastställer|fastställde|beviljar|beviljade|antar|antog|beslutar|beslutade|beslöt"
    r"|bordlägger|bordlade|återremitterar|återremitterade|avslår|avslog|bifaller|biföll)\b"
    r"|ger\b.*\bi uppdrag|gav\b.*\bi uppdrag|(?:lägger|lade)\b.*\btill handlingarna"
    r"|har\s+(?:således|alltså|därmed|därför)\s+beslutat\b"
    r"|(?:noterar|tar\s+del\s+av)\s+(?!att\b)\w+(?:en|et|na)\b)"
    rf"|\b[Bb](?:eslutar|eslutade|eslöt)\s+{_NAMED_AS_ONE}\b"
    r"|\b(?:(?:finner|konstaterar) att|vilket|varpå)"
    rf" {_NAMED_AS_ONE}\s+(?:har\s+)?"
    r"(?:beslutar|beslutat|beslutade|beslöt|bifaller|bifallit|biföll|antar|antagit|antog"
    r"|godkänner|godkänt|godkände|fastställer|fastställt|fastställde)\b"
    rf"|\bom {_NAMED_AS_ONE}\s+(?:kan\s+|vill\s+)?(?:besluta|beslutar|beslutade|godkänna"
    r"|godkänner|godkände|anta|antar|antog|fastställa|fastställer|fastställde|bifalla"
    r"|bifaller|biföll|bevilja|beviljar|beviljade)\b(?s:.*)\b(?:finner|fann) att så\b"
)
_PASSIVE_AS_ONE = re.compile(rf"\b(?:{'|'.join(decisions.PASSIVE_DECISIONS)})\b")
_PIECES = [
    *decisions.PASSIVE_DECISIONS,
    *(w.capitalize() for w in decisions.PASSIVE_DECISIONS),
    "Styrelsen", "styrelsen", "Nämnden", "Direktionen", "Förbundsstyrelsen",
    "Samordningsförbundet", "beslutar", "Beslutar", "beslöt", "godkänner", "ger", "gav",
    "i uppdrag", "finner att", "konstaterar att", "vilket", "varpå", "har", "antar", "biföll",
    "planen", "x", "_", "3", "é",
    "Arbetsutskottet", "presidiet", "beviljar", "godkänt", "fastställde",
    "om", "kan", "finner att så", "fann att så", "godkändes", "valdes",
    "bordlägger", "lägger", "till handlingarna", "således", "beslutat", "noterar", "tar del av",
    "informationen", "att",
]  # fmt: skip
_GLUE = st.sampled_from(["", " ", ". ", "! ", "? ", ", ", "\n", "-", "  "])


@given(st.lists(st.tuples(st.sampled_from(_PIECES), _GLUE), max_size=8))
@example([("x", ". "), ("Styrelsen", " "), ("godkänner", "")])
@example([("Styrelsen", " "), ("ger", " "), ("x", " "), ("i uppdrag", "")])
@example([("Beslutar", " "), ("styrelsen", "")])
@example([("x", " "), ("finner att", " "), ("styrelsen", " "), ("har", " "), ("antar", "")])
@example([("x", "_"), ("finner att", " "), ("styrelsen", " "), ("beslutar", "")])
@example([("x", ", "), ("vilket", " "), ("styrelsen", " "), ("biföll", "")])
@example([("konstaterar att", " "), ("nämnden", " "), ("har", " "), ("antar", "")])
@example(
    [("om", " "), ("styrelsen", " "), ("kan", " "), ("godkänner", "\n"), ("finner att så", "")]
)
@example([("finner att så", " "), ("om", " "), ("styrelsen", " "), ("antar", " "), ("x", "")])
@example([("Styrelsen", " "), ("godkändes", "")])
@settings(max_examples=400, deadline=None)
def test_the_quick_searches_find_what_the_whole_patterns_do(parts: list[tuple[str, str]]) -> None:
    """The decision voice's searches, rewritten to be cheap (a pattern led by the words' first
    letters; the board's acts in parts behind substring tests), find exactly what the plain
    patterns find, also where a word runs into another or stands at the text's edge."""
    text = "".join(piece + glue for piece, glue in parts)
    passive, plain = decisions._PASSIVE.search(text), _PASSIVE_AS_ONE.search(text)
    assert (passive and passive.span()) == (plain and plain.span())
    assert decisions._board_acts(text) == bool(_BOARD_ACTS_AS_ONE.search(text))


# --- whose protocol, and when: `extract_decisions(body=…, date=…)` -----------------------


def _of(text: str, **meeting: str) -> list[str]:
    lines = [Line(t.strip()) for t in text.split("\n")]
    return [d.text for d in extract_decisions(lines, **meeting)]


@pytest.mark.parametrize(
    ("text", "body", "expected"),
    [
        # another body's act in the board's protocol, and the board's in the committee's
        ("Arbetsutskottet beslutade att anta planen.", "styrelse", []),
        ("Arbetsutskottet beslutade att anta planen.", "arbetsutskott", None),
        ("Arbetsutskottet beslutade att anta planen.", None, None),
        ("Presidiet har beslutat att flytta mötet.", "styrelse", []),
        ("Styrelsen beslutade att anta planen.", "arbetsutskott", []),
        ("Styrelsen beslutade att anta planen.", "presidium", []),
        # the board's own act that names the committee stays the board's
        ("Styrelsen godkänner att arbetsutskottet beslutar om fördelningen.", "styrelse", None),
        ("Arbetsutskottets förslag godkänns.", "styrelse", None),
        # another body's act ends a decision with text; right under a bare label it is the
        # label's decision
        (
            "Beslut\nStyrelsen beslutar att anta planen\nArbetsutskottet beslutade att anta den.",
            "styrelse",
            ["Styrelsen beslutar att anta planen"],
        ),
        (
            "Beslut\nArbetsutskottet beslutade att anta planen.",
            "styrelse",
            ["Arbetsutskottet beslutade att anta planen."],
        ),
    ],
)
def test_another_bodys_act_is_no_decision(
    text: str, body: str | None, expected: list[str] | None
) -> None:
    """`expected` None: the text is the one decision."""
    assert _of(text, body=body) == ([text] if expected is None else expected)


@pytest.mark.parametrize(
    ("sentence", "decides"),
    [
        ("Projektet beviljades medel 2022.", False),
        ("Under 2023 beviljades projektet medel.", False),
        ("Ansökan beviljades 2024-03-12.", False),
        ("Ansökan beviljades den 3 maj 2023.", False),
        ("Ansökan beviljades i mars 2024.", False),
        ("Projektet beviljades år 2022 medel.", False),
        # no earlier time, or one the meeting's date does not follow
        ("Ansökan beviljades.", True),
        ("Projektet beviljades medel 2024.", True),
        ("Ansökan beviljades i maj 2024.", True),
        ("Nästa möte fastställdes till den 14 maj.", True),
        # the year is the object's
        ("2023 års bokslut godkändes.", True),
        ("Bokslutet för 2023 godkändes.", True),
        ("Verksamhetsplanen 2023 antogs.", True),
        ("Ansvarsfrihet beviljades för verksamhetsåret 2023.", True),
        ("Projektet beviljades medel för år 2023.", True),
        ("Projektet beviljades medel ur budget 2023.", True),
        ("Projektet beviljades 2021–2022 medel.", True),
        # a present passive makes it this meeting's
        ("Planen som antogs 2022 revideras och fastställs.", True),
    ],
)
def test_a_past_passive_dated_before_the_meeting(sentence: str, decides: bool) -> None:
    assert _of(sentence, date="2024-05-14") == ([sentence] if decides else [])


def test_a_past_passive_with_a_year_decides_when_the_meetings_date_is_unknown() -> None:
    assert _of("Projektet beviljades medel 2022.") == ["Projektet beviljades medel 2022."]


@pytest.mark.parametrize(
    ("sentence", "decides"),
    [
        ("Styrelsen godkände utbetalning den 25:e varje månad.", True),
        ("Styrelsen godkände utbetalning den 25 i varje månad.", True),
        ("Styrelsen godkände utbetalning den 1:a och den 15:e i månaden.", True),
        ("Styrelsen godkände rapportering i mars varje år.", True),
        ("Styrelsen beslutade den 25:e varje månad att betala ut arvodet.", True),
        ("Styrelsen beviljade arvode, vilket betalas ut den 25:e varje månad.", True),
        ("Styrelsen beviljade bidraget, som betalas ut den 3 mars.", True),
        ("Styrelsen godkände avtalet, där ersättningen betalas ut den 3 mars.", True),
        # a date, also an ordinal one, stays the act's
        ("Styrelsen godkände budgeten den 25:e mars.", False),
        ("Styrelsen beslutade den 25:e mars att anta planen.", False),
        ("Styrelsen godkände i mars budgeten.", False),
    ],
)
def test_a_day_or_month_that_recurs_is_no_date(sentence: str, decides: bool) -> None:
    assert _of(sentence) == ([sentence] if decides else [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ärendet bordläggs.", ["Ärendet bordläggs."]),
        ("Ärendet bordlades.", ["Ärendet bordlades."]),
        ("Styrelsen bordlägger ärendet.", ["Styrelsen bordlägger ärendet."]),
        ("Styrelsen avslår ansökan.", ["Styrelsen avslår ansökan."]),
        ("Styrelsen bifaller yrkandet.", ["Styrelsen bifaller yrkandet."]),
        ("Styrelsen noterar informationen.", ["Styrelsen noterar informationen."]),
        ("Styrelsen tar del av rapporterna.", ["Styrelsen tar del av rapporterna."]),
        ("Informationen noteras.", ["Informationen noteras."]),
        (
            "Styrelsen lägger rapporten till handlingarna.",
            ["Styrelsen lägger rapporten till handlingarna."],
        ),
        (
            "Styrelsen har således beslutat att anta budgeten.",
            ["Styrelsen har således beslutat att anta budgeten."],
        ),
        # a finding, a note to the minutes, a report of an earlier act: none
        ("Styrelsen noterar att kostnaderna har ökat.", []),
        ("Det noteras att Sara Lind lämnade mötet.", []),
        ("Det noteras i protokollet att Sara Lind lämnade mötet.", []),
        ("Styrelsen har beslutat att anta budgeten.", []),
        ("Styrelsen bordlade i mars ärendet.", []),
        ("Styrelsen noterade informationen.", []),
    ],
)
def test_the_formulas_a_paragraph_closes_with(text: str, expected: list[str]) -> None:
    assert _of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Beslut\nAnna Ek väljs till ombud.\nMot beslutet reserverar sig Olle Berg (M).",
            ["Anna Ek väljs till ombud."],
        ),
        (
            "Beslut\nPlanen antas.\nOlle Berg (M) anmäler jäv och deltar inte i beslutet.",
            ["Planen antas."],
        ),
        (
            "Beslut\nOlle Berg (M) anmäler jäv och deltar inte\ni beslutet.\nPlanen antas.",
            ["Planen antas."],
        ),
        # a decision before the note on its line, or around it in its sentence, keeps the line
        (
            "Beslut\nStyrelsen beslutar att anta planen, varvid Olle Berg (M) reserverar sig.",
            ["Styrelsen beslutar att anta planen, varvid Olle Berg (M) reserverar sig."],
        ),
        (
            "Beslut\nPlanen antas. Olle Berg (M) reserverar sig.",
            ["Planen antas. Olle Berg (M) reserverar sig."],
        ),
        # a vote's label ends the decision above it; the decision after the count is one
        (
            "Beslut\nPlanen antas.\nVotering\nJa: Karin Ek. Nej: Olle Berg.",
            ["Planen antas."],
        ),
    ],
)
def test_what_a_member_notes_and_a_vote_end_a_decision(text: str, expected: list[str]) -> None:
    assert _of(text) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (11, [("2025-5 §11:2", "Förlängning av avtal med Coompanion")]),
        (None, [("2025-5 §11:2", "Förlängning av avtal med Coompanion")]),
        (12, []),
    ],
)
def test_a_decisions_id_of_another_paragraph_is_no_marker(
    paragraph: int | None, expected: list[tuple[str, str]]
) -> None:
    """A list of delegation decisions ("Beslut 2024-3 § 12 Förlängning av avtal") names
    decisions made elsewhere by their ids."""
    lines = [Line("Beslut 2025-5 §11:2 Förlängning av avtal med Coompanion")]
    found = extract_decisions(lines, paragraph=paragraph)
    assert [(d.id, d.text) for d in found] == expected
