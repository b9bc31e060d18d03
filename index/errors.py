"""The one error type Finsök raises for problems a user can fix.

Every layer lets a `FinsokError` travel up to the edge (CLI or HTTP), where its message is shown
as one line. Anything else that escapes is a bug; the edges turn it into a generic message so
that no traceback reaches a user.
"""

from __future__ import annotations


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
