"""The values of a PDF's filled text fields, as text of the page their widget sits on.

A protocol made as a fillable form keeps its content in the fields' values (/V), which a
text extractor does not read: the page shows them through the widget's appearance, outside
the page's own drawing. Left out, such a protocol's decisions are nowhere in the index. A
text field's value is put into its page's text, after the line level with or above the
widget, so that it stands under its label and its §; it is then cleaned and masked like all
other text. Checkbox and radio states ("/Yes", "/Off"), lists, empty values and a value the
page already prints (a flattened form) add nothing.

`sources` asks `with_field_values` for each PDF page's text, after the reading order is
settled (`index.columns`); pypdf is used only through the page object it passes in.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import Any

from index.columns import Piece

_INHERIT_DEPTH = 8  # /Parent links followed for an inherited /FT or /V; real forms have 1–3


def with_field_values(page: Any, text: str, pieces: list[Piece] | None) -> str:
    """`text` with the page's filled text fields' values added, each as lines of its own.

    With `pieces` (the page's text positions, in the order pypdf drew them, when `text` is
    pypdf's own), a value goes after the line of the last piece level with or above its
    widget; without them, or when that line cannot be found, at the page's end. An odd
    annotation never costs the page its text."""
    try:
        values = _field_values(page, text)
    except Exception:  # a damaged annotation dictionary: the page's text as it is
        return text
    if not values:
        return text
    placed = _placed(text, values, pieces) if pieces else None
    if placed is not None:
        return placed
    return "\n".join([text.rstrip("\n"), *(value for _top, value in values)])


def _field_values(page: Any, text: str) -> list[tuple[float, str]]:
    """(foot of the widget, value) of the page's filled text fields, top to bottom, each
    value once and none the page's text already holds."""
    annots = page.get("/Annots")
    if not annots:
        return []
    printed = " ".join(text.split())
    found: list[tuple[float, float, str]] = []
    seen: set[str] = set()
    for ref in annots:
        annot = ref.get_object()
        if annot.get("/Subtype") != "/Widget" or _inherited(annot, "/FT") != "/Tx":
            continue
        value = _inherited(annot, "/V")
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        if not isinstance(value, str):
            continue
        value = "\n".join(" ".join(line.split()) for line in value.replace("\r", "\n").split("\n"))
        value = value.strip("\n")
        flat = " ".join(value.split())
        if not flat or flat in seen or _prints(printed, flat):
            continue
        seen.add(flat)
        rect = [float(v) for v in annot.get("/Rect") or (0, 0, 0, 0)]
        found.append((min(rect[1], rect[3]), min(rect[0], rect[2]), value))
    found.sort(key=lambda item: (-item[0], item[1]))
    return [(foot, value) for foot, _left, value in found]


def _prints(printed: str, value: str) -> bool:
    """Whether the page's text (spaces collapsed) holds `value` as whole words: a flattened
    form prints its values, but "Ja" is not printed by "Jakob", nor "2" by "2024"."""
    at = printed.find(value)
    while at >= 0:
        end = at + len(value)
        if not (at and printed[at - 1].isalnum()) and not printed[end : end + 1].isalnum():
            return True
        at = printed.find(value, at + 1)
    return False


def _inherited(annot: Any, key: str) -> object:
    """`key` of a widget, or of the field above it: a field with several widgets, or one
    in a group, keeps its type and value on the /Parent."""
    node = annot
    for _ in range(_INHERIT_DEPTH):
        if node is None:
            return None
        value = node.get(key)
        if value is not None:
            return value
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return None


def _placed(text: str, values: list[tuple[float, str]], pieces: list[Piece]) -> str | None:
    """`text` with each value after the line of the last piece (in drawing order) level with
    or above the widget (its baseline not below the widget's foot); values above every piece
    go first. None when the pieces cannot be found in `text` in order (then all go at the
    end, `with_field_values`)."""
    ends = _piece_line_ends(text, pieces)
    if ends is None:
        return None
    last_above = _last_piece_above(pieces)
    inserts: dict[int, list[str]] = {}
    for foot, value in values:
        order = last_above(foot)
        at = ends[order] if order is not None else 0
        inserts.setdefault(at, []).append(value)
    out: list[str] = []
    last = 0
    for at in sorted(inserts):
        out.append(text[last:at])
        added = "\n".join(inserts[at])
        out.append(f"{added}\n" if at == 0 else f"\n{added}")
        last = at
    out.append(text[last:])
    return "".join(out)


def _last_piece_above(pieces: list[Piece]) -> Callable[[float], int | None]:
    """A lookup of the last piece, in drawing order, level with or above a widget's foot (its
    baseline `y` not below `foot - 0.3 * size`), or None: the pieces sorted once, so a page
    of many widgets costs a binary search per widget, not a pass over its pieces."""
    ranked = sorted(pieces, key=lambda p: p.y + 0.3 * p.size, reverse=True)
    lows = [-(p.y + 0.3 * p.size) for p in ranked]  # ascending
    latest: list[int] = []  # the highest order among the first k + 1 ranked pieces
    for piece in ranked:
        latest.append(max(piece.order, latest[-1]) if latest else piece.order)

    def last_above(foot: float) -> int | None:
        count = bisect_right(lows, -foot)
        return latest[count - 1] if count else None

    return last_above


def _piece_line_ends(text: str, pieces: list[Piece]) -> list[int] | None:
    """For each piece (by `order`), the offset in `text` of the end of the line it is on;
    None when a piece is not found where the ones before it leave off."""
    ends: list[int] = []
    at = 0
    for piece in pieces:
        found = text.find(piece.text.strip(), at)
        if found < 0:
            return None
        at = found + len(piece.text.strip())
        end = text.find("\n", at)
        ends.append(len(text) if end < 0 else end)
    return ends
