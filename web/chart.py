"""Server-rendered SVG bar charts: no script, no external reference, no inline style.

A chart is a string built here with every text value escaped, returned as `Markup` so a template
can place it inline (CSP `default-src 'self'` allows inline SVG). Colours and fonts are SVG
presentation attributes, which the page's CSS may override through the chart-* classes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

from web.numbers import RATE_DECIMALS, tal

WIDTH = 640
LABEL_WIDTH = 230  # the label column, right-aligned against the bars
VALUE_WIDTH = 64  # room after the longest bar for its value
ROW = 26
BAR = 18
TOP = 8
AXIS = 28  # the axis and its tick labels below the bars
MAX_LABEL = 32  # longer labels are shortened (the full label is in the bar's tooltip)
TICKS = 4

# (label, value, detail) — detail is extra text for the bar's tooltip, e.g. "3 av 16". A value
# of None is no value (a rate of 0 hits in 0 sections): no bar, and "–" as the table writes it.
Row = tuple[str, float | None, str]
NO_VALUE = "–"


def number(value: float) -> str:
    """A tick of the scale as Swedish text: two decimals at most, decimal comma ("2,5", "10").
    Ticks are round by construction (`nice_ceiling`), so trailing zeros would only crowd the
    axis; the values themselves are written as the table writes them (`tal`)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",").replace("-", "−") if text not in ("", "-0") else "0"


def bar_chart(
    rows: Sequence[Row],
    *,
    title: str,
    chart_id: str,
    unit: str = "",
    decimals: int = RATE_DECIMALS,
) -> Markup:
    """Horizontal bars, one per row, in the order given; `title` names the chart for screen
    readers (role="img", <title>, aria-label) and `chart_id` keeps its ids unique on a page.
    Each value is written with `decimals` decimals, as the table beside the chart writes it."""

    def value_text(value: float | None) -> str:
        return NO_VALUE if value is None else tal(float(value), decimals)

    cid = escape(_id(chart_id))
    height = TOP + max(len(rows), 1) * ROW + AXIS
    top = max((max(v or 0.0, 0.0) for _, v, _ in rows), default=0.0)
    scale_max = nice_ceiling(top)
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    summary = (
        "; ".join(f"{label}: {value_text(value)}" for label, value, _ in rows) or "Inga värden."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'aria-label="{escape(title)}" aria-describedby="{cid}-desc" '
        f'font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(summary)}</desc>',
    ]
    bottom = TOP + max(len(rows), 1) * ROW
    for k in range(TICKS + 1 if scale_max else 1):
        tick = scale_max * k / TICKS
        x = LABEL_WIDTH + plot * k / TICKS
        parts.append(
            f'<line class="chart-grid" x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{bottom}" '
            f'stroke="#d9d9de" stroke-width="1"/>'
            f'<text class="chart-tick" x="{x:.1f}" y="{bottom + 16}" text-anchor="middle" '
            f'fill="#5a5a60">{escape(number(tick))}</text>'
        )
    if not rows:
        parts.append(
            f'<text class="chart-empty" x="{LABEL_WIDTH + 8}" y="{TOP + ROW / 2 + 4:.1f}" '
            f'fill="#5a5a60">Inga värden att visa</text>'
        )
    for i, (label, value, detail) in enumerate(rows):
        y = TOP + i * ROW + (ROW - BAR) / 2
        width = plot * max(value or 0.0, 0.0) / scale_max if scale_max else 0.0
        shown = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"
        tooltip = f"{label}: {value_text(value)}" + (f" {unit}" if unit else "")
        tooltip += f" ({detail})" if detail else ""
        text_y = y + BAR / 2 + 4
        parts.append(
            f'<g class="chart-row"><title>{escape(tooltip)}</title>'
            f'<text class="chart-label" x="{LABEL_WIDTH - 8}" y="{text_y:.1f}" '
            f'text-anchor="end" fill="#1d1d1f">{escape(shown)}</text>'
            f'<rect class="chart-bar" x="{LABEL_WIDTH}" y="{y:.1f}" width="{width:.1f}" '
            f'height="{BAR}" fill="#0b5cad"/>'
            f'<text class="chart-value" x="{LABEL_WIDTH + width + 6:.1f}" y="{text_y:.1f}" '
            f'fill="#1d1d1f">{escape(value_text(value))}</text></g>'
        )
    parts.append(
        f'<line class="chart-axis" x1="{LABEL_WIDTH}" y1="{TOP}" x2="{LABEL_WIDTH}" '
        f'y2="{bottom}" stroke="#5a5a60" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten that is at least `value` (0 stays 0)."""
    if not value or value <= 0 or not math.isfinite(value):
        return 0.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value - 1e-12:
            return step * power
    return 10 * power


def _id(text: str) -> str:
    """An id made of safe characters only."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in text)
