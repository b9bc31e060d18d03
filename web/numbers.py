"""Numbers as a Swedish reader writes them: the `tal` template filter, and decimals for CSV.

Svenska skrivregler (Språkrådet) group the digits of a long number in threes with a space and
write a decimal comma. A four-digit number may stay unspaced, and Finsök leaves it so
("5427 träffar", "Sida 1 av 1320"). Years look the same as counts that way, and most counts
on a page do not change at all. From five digits on the groups are spaced ("10 504", "1 234 567").
The space is a no-break space (U+00A0). It keeps a number on one line, and every font has it,
which is not true of the narrow no-break space (U+202F). A minus is the minus sign U+2212.

Only what a person reads goes through here. JSON and the plain CSV for programs keep their
plain numbers, and the Excel CSV uses `decimals` without grouping, since Excel reads a grouped
number as text.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
MINUS = "\u2212"
GROUP_FROM = 10_000  # numbers below this are written without a thousands separator
RATE_DECIMALS = 2  # hits per 100 sections: in the tables, the chart and the Excel CSV


def tal(value: float | None, decimals: int | None = None) -> str:
    """`value` as Swedish text: digits grouped from 10 000 on and a decimal comma.

    An int is written without decimals unless `decimals` asks for them. A float gets
    `decimals` decimals, two by default, rounded half up as a person rounds (0,125 → 0,13).
    None and values that are not finite come out as an empty string."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if decimals is None:
        decimals = 0 if isinstance(value, int) else RATE_DECIMALS
    text = fixed(value, decimals, mark=",")
    sign = MINUS if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(",")
    if int(whole) >= GROUP_FROM:
        whole = _grouped(whole)
    return sign + whole + ("," + fraction if fraction else "")


def fixed(value: float, decimals: int, *, mark: str = ".") -> str:
    """`value` with exactly `decimals` decimals (rounded half up), `mark` as the decimal mark,
    no grouping; "-0,00" is written "0,00"."""
    step = Decimal(1).scaleb(-decimals)
    number = Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)
    if number == 0:
        number = abs(number)
    return f"{number:f}".replace(".", mark)


def _grouped(digits: str) -> str:
    """ "1234567" → "1 234 567" (with no-break spaces)."""
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return NBSP.join(groups)
