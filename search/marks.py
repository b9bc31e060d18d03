"""Which of a query's words each hit marks: the `Marks` tree the compiler records beside its
query, and which queries need one.

Apart from `search.compile` because it is what the compiler and the snippets share:
`search.snippets.Highlighter.within` reads a `Marks` tree per hit to leave out the words of
an alternative the hit does not hold, and needs nothing else of the compiler. Most queries
record none (`held_in_part`), and cost nothing for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from search.expansion import _OneOf
from search.query import And, Node, Not, Or


@dataclass(frozen=True)
class Marks:
    """Which of a compiled query's words, phrases and prefixes (indexes into `Compiled.words`,
    `phrases` and `prefixes`) a part of the query marks, and how its parts combine: every
    one of `parts` (`either` False) or any (`either` True, an OR or an abbreviation's other
    forms). A leaf (no `parts`) is one typed word or phrase, with all it added ("internkontroll"
    and "intern kontroll"), or, with `condition`, what a highlighter cannot see in a text (a §
    number, a filter, a förbund's sections, an exclusion): the index of its query in
    `Compiled.conditions`, which a hit meets when the index says so (`conditions_met`); one with
    nothing in it is taken as met. Per hit, an alternative whose words are not all in the
    section, or whose conditions the section does not meet, marks none of them
    (`search.snippets.Highlighter.within`): a section found through "Finsam" had
    "samordningsförbund" marked for "finansiell samordning", and one found through "budget"
    had "plan" marked for `(§ 5 plan) OR budget` though it was no § 5.
    """

    words: tuple[int, ...] = ()
    phrases: tuple[int, ...] = ()
    prefixes: tuple[int, ...] = ()
    parts: tuple[Marks, ...] = ()
    either: bool = False
    condition: int | None = None


# What a part of the query that marks nothing the highlighter can see stands as among `parts`.
UNSEEN = Marks()


def combined(parts: list[Marks], *, either: bool) -> Marks | None:
    """The marks of an AND (`either` False) or an OR of `parts`; one part stands as itself."""
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Marks(parts=tuple(parts), either=either)


def held_in_part(node: Node, under_either: bool = False) -> bool:
    """Whether a hit can hold some words of an alternative that did not find it: an OR (or
    an abbreviation's other forms) with an AND of several parts among its alternatives
    ("finansiell samordning" ↔ FINSAM, `(budget plan) OR NNS`). Words that are excluded are
    never marked. A single word's alternatives (`ESF OR NNS`, FK ↔ Försäkringskassan, SIP ↔
    its long form as a phrase) are marked only where they are."""
    if isinstance(node, Or | _OneOf):
        return any(held_in_part(c, True) for c in node.children)
    if isinstance(node, And):
        # An exclusion counts among the parts ("(plan -budget) OR NNS" is not held by a hit
        # that says budget), though nothing in it is marked.
        kept = [c for c in node.children if not isinstance(c, Not)]
        return (under_either and len(node.children) > 1) or any(
            held_in_part(c, under_either) for c in kept
        )
    return False
