"""The one rule for which HTML from the search layer a page may trust.

Snippets are built escaped, with only `<mark>` added around matches. A page trusts such a string
only if `<mark>` and `</mark>` are its sole markup; anything else would mean a bug upstream, and
then the whole string is escaped instead. Templates use it as the `marked` filter, feeds too.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_ONLY_MARKS = re.compile(r"(?:[^<]|<mark>|</mark>)*")


def marked(html: str | None) -> Markup:
    if html and _ONLY_MARKS.fullmatch(html):
        return Markup(html)
    return escape(html or "")
