"""Request parameters in composed Unicode (NFC), as the index holds every text.

A Swedish letter may come decomposed, "o" followed by a combining diaeresis for "ö": text
pasted from a macOS file name or a PDF, or a client library that normalises to NFD. The query
parser composes its text itself, but the other parameters were read as sent: a decomposed
`forbund=söderåsen` was slugged word by word around the combining marks ("so-dera-sen") and
found nothing, on the API, the pages, the downloads and the feed alike. Composing every
parameter once, where the request is read, gives each reader the text the index compares with.
The same place reads an array's name as client libraries send it (`forbund[]`, `read_name`).
"""

from __future__ import annotations

import unicodedata

from flask import Request
from werkzeug.datastructures import MultiDict
from werkzeug.utils import cached_property


def composed(text: str) -> str:
    """`text` in NFC; ASCII, most of what a request holds, as it is."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def read_name(name: str) -> str:
    """A parameter's name as read: `forbund[]`, the way axios, jQuery and PHP send every value
    of an array, is `forbund`. Unread, such a name was ignored as unknown, and a program
    that asked for one förbund got every förbund's hits without a word."""
    return name[:-2] if name.endswith("[]") else name


class ComposedRequest(Request):
    """Flask's request whose `args` (names and values) are composed (`composed`), and named
    as read (`read_name`)."""

    @cached_property
    def args(self) -> MultiDict[str, str]:
        sent = Request.args.fget(self)  # Werkzeug's own reading of the query string
        return self.parameter_storage_class(
            [(read_name(composed(name)), composed(value)) for name, value in sent.items(multi=True)]
        )
