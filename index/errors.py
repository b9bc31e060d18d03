"""The one error type Finsök raises for problems a user can fix.

Every layer lets a `FinsokError` travel up to the edge (CLI or HTTP), where its message is shown
as one line. Anything else that escapes is a bug; the edges turn it into a generic message so
that no traceback reaches a user.
"""

from __future__ import annotations

import errno
import re


class FinsokError(Exception):
    """A problem with input, configuration or the index, with a message that says how to fix it.

    `status` is the HTTP status the web layer should answer with; the CLI maps any FinsokError to
    a non-zero exit code.
    """

    def __init__(self, message: str, *, status: int = 400, code: str = "bad_request") -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code

    def __str__(self) -> str:
        return self.message


class SourceError(FinsokError):
    """A file could not be read or parsed; the message names the file and the reason."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}", status=422, code="unreadable_source")
        self.path = str(path)
        self.reason = reason


# The operating system's reasons, which it words in English ("No space left on device"), as
# Finsök's messages word them; the errno's symbolic name stands in for one not listed.
_OS_REASONS = {
    errno.ENOENT: "finns inte",
    errno.EACCES: "åtkomst nekad",
    errno.EPERM: "åtgärden är inte tillåten",
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "diskkvoten är slut",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.EISDIR: "är en mapp, inte en fil",
    errno.ENOTDIR: "en del av sökvägen är inte en mapp",
    errno.ENAMETOOLONG: "namnet är för långt",
    errno.ELOOP: "för många symboliska länkar i rad",
    errno.EIO: "läsfel på disken",
    errno.EMFILE: "för många öppna filer",
    errno.ENFILE: "för många öppna filer",
    errno.ENOMEM: "minnet räcker inte",
    errno.EBUSY: "upptagen",
    errno.ECONNREFUSED: "anslutningen nekades",
    errno.ECONNRESET: "anslutningen bröts",
    errno.ECONNABORTED: "anslutningen avbröts",
    errno.EHOSTUNREACH: "värden går inte att nå",
    errno.ENETUNREACH: "nätverket går inte att nå",
    errno.ETIMEDOUT: "tidsgränsen löpte ut",
    errno.EADDRINUSE: "adressen och porten är upptagna",
    errno.EADDRNOTAVAIL: "adressen hör inte till den här datorn",
}


def os_reason(exc: OSError) -> str:
    """Why an operating-system call failed, in Swedish. The exception's own text is English
    and names the path again; messages name the path themselves and say the reason with
    this. An errno not listed shows its symbolic name (`systemfel EXDEV`), so it can still be
    looked up."""
    reason = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    if reason:
        return reason
    name = errno.errorcode.get(exc.errno) if exc.errno is not None else None
    return f"systemfel {name}" if name else f"systemfel ({type(exc).__name__})"


def decimal_comma(value: float, spec: str = "g") -> str:
    """`value` formatted with `spec` ("g", ".1f") as Swedish writes it, with a decimal comma
    ("0,5 MB", "2,5 s"): every message and summary a user reads is Swedish, numbers too."""
    return format(value, spec).replace(".", ",")


def grouped(n: int) -> str:
    """ "2 000 000": a large whole number with its digits grouped in threes by spaces, as
    Swedish text writes it (a comma would read as a decimal comma). Up to four digits stay
    unspaced ("5000"), as the web pages write them (`web.numbers`)."""
    return str(n) if -10_000 < n < 10_000 else f"{n:_}".replace("_", " ")


def listed(items: list[str]) -> str:
    """ "å", "å och ö", "å, ä och ö": items as a Swedish sentence lists them."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


def counted(n: int, one: str, many: str) -> str:
    """ "1 sektion", "2 sektioner": a count with its word in the number Swedish wants."""
    return f"{n} {one if n == 1 else many}"


# Control characters but tab and line feed: C0, DEL and C1 (where "\x9b" is an escape too).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def without_controls(text: str) -> str:
    """`text` as it may be shown: what a user typed or a document holds can carry a NUL, a
    bell or an escape sequence, which would end up raw in a page's HTML or drive the user's
    terminal (recolour it, retitle it). Tab and line feed stay."""
    return _CONTROLS.sub("", text)
