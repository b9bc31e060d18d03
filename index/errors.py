"""The one error type Finsök raises for problems a user can fix.

Every layer lets a `FinsokError` travel up to the edge (CLI or HTTP), where its message is shown
as one line. Anything else that escapes is a bug; the edges turn it into a generic message so
that no traceback reaches a user.
"""

from __future__ import annotations

import errno


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


def os_reason(exc: OSError) -> str:
    """An OS error's reason in Swedish (the system's own text is English)."""
    return _OS_REASONS.get(exc.errno or 0) or exc.strerror or type(exc).__name__


_OS_REASONS = {
    errno.EACCES: "åtkomst nekad",
    errno.EPERM: "åtkomst nekad",
    errno.ENOENT: "finns inte",
    errno.ENOTDIR: "en del av sökvägen är en fil, inte en mapp",
    errno.EISDIR: "är en mapp, inte en fil",
    errno.ELOOP: "för många nivåer av symboliska länkar (en länk i en slinga?)",
    errno.ENAMETOOLONG: "namnet är för långt",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.ENOSPC: "disken är full",
    errno.EIO: "läsfel på disken (I/O-fel)",
}
