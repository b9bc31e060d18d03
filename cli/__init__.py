"""The `finsok` command line: the edge where errors become one line and an exit status.

Ctrl+C while the command's modules load (the first half second of every command, before
`cli.main.main` can catch anything) would print a traceback of whatever import it stopped;
until `cli.main` has loaded, it ends the command with the same one line as later instead.
"""

import contextlib
import os
import signal


def _interrupted_while_loading(signum: int, frame: object) -> None:
    os.write(2, b"finsok: avbrutet\n")
    os._exit(130)  # nothing has started that would need stopping


def loaded() -> None:
    """Give Ctrl+C back to Python (a KeyboardInterrupt, which `main` turns into one line)."""
    if signal.getsignal(signal.SIGINT) is _interrupted_while_loading:
        # (Outside the main thread no handler can be set; the main thread's import set it.)
        with contextlib.suppress(ValueError):
            signal.signal(signal.SIGINT, signal.default_int_handler)


# Only where Python's own handler is set: a command started in the background by a shell
# ignores Ctrl+C, and must go on ignoring it.
if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
    # (Imported outside the main thread, where no handler can be set, it is left alone.)
    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGINT, _interrupted_while_loading)
