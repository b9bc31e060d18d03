"""The worker processes of a large run: each with its own pipes, and the limits of a parser.

`index.pipeline` shares a run's files out over parser processes and one analyser. A process
here is a spawned `multiprocessing.Process` with pipes of its own (`Child`), not a member of
a `multiprocessing.Pool`: a pool's worker that died while holding a task took the task with
it, and `Pool.imap` then waited for its result forever. With its own pipes and process
sentinel, the parent sees a child's death at once and knows what the child held.

A parser runs under two limits (`Limits`), set in the parser itself:

- CPU time per file (`FINSOK_PARSE_CPU_SECONDS`): before each file the soft `RLIMIT_CPU` is
  set to the CPU time the process has used so far plus the limit (`limit_cpu_from_now`). A
  file that passes it gets SIGXCPU, whose default action ends the process; the parent names
  the file (`death_reason`). Two system calls a file, nothing the run would notice.
- Address space per process (`FINSOK_PARSE_MEMORY_MB`, `RLIMIT_AS`): an allocation past it
  fails, which Python raises as MemoryError (`limit_memory`).

Both are generous by default: the largest real report parses in a fraction of a second and
a few tens of MB, so only a broken or hostile file (a loop in a PDF library, input a step
takes the square of) ever reaches them.
"""

from __future__ import annotations

import contextlib
import resource
import signal
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.context import SpawnContext

from index.settings import PARSE_CPU_SECONDS, PARSE_MEMORY_MB

# A parser that ran out of memory outside the parsing proper (reading the file, storing its
# records) exits with this status; the parent says so of the file it held.
OUT_OF_MEMORY_EXIT = 3
# The names the processes go by in `ps` and `top` (at most 15 characters: /proc/PID/comm).
PARSER_NAME = "finsok-tolkning"
ANALYSER_NAME = "finsok-analys"


@dataclass(frozen=True)
class Limits:
    """What a parser process may use: CPU seconds per file, megabytes of address space."""

    cpu_seconds: int = PARSE_CPU_SECONDS
    memory_mb: int = PARSE_MEMORY_MB

    def out_of_memory(self) -> str:
        """The reason given for a file whose parsing needed more memory than allowed."""
        return (
            f"tolkningen behövde mer minne än gränsen {self.memory_mb} MB "
            "(FINSOK_PARSE_MEMORY_MB höjer den) — filen kan vara trasig"
        )

    def over_time(self) -> str:
        """The reason given for a file whose parsing passed the CPU limit."""
        return (
            f"tolkningen avbröts efter {self.cpu_seconds} s CPU-tid "
            "(FINSOK_PARSE_CPU_SECONDS höjer gränsen) — filen kan vara trasig"
        )


def death_reason(exitcode: int | None, limits: Limits) -> str:
    """Why a parser ended while it held a file, as that file's reason. A negative exit code
    is the signal that ended it (multiprocessing's convention)."""
    if exitcode == -signal.SIGXCPU:
        return limits.over_time()
    if exitcode == OUT_OF_MEMORY_EXIT:
        return limits.out_of_memory()
    why = " — slut på minne, eller stoppad utifrån" if exitcode == -signal.SIGKILL else ""
    return f"{process_ended('tolkningsprocessen', exitcode)}{why}; nästa körning försöker igen"


def process_ended(what: str, exitcode: int | None) -> str:
    """How a process ended, for a message about it ("signal 9, SIGKILL", "slutkod 1")."""
    if exitcode is not None and exitcode < 0:
        with contextlib.suppress(ValueError):
            return f"{what} dog (signal {-exitcode}, {signal.Signals(-exitcode).name})"
        return f"{what} dog (signal {-exitcode})"
    return f"{what} avslutades oväntat (slutkod {exitcode})"


# --- in the child --------------------------------------------------------------------------


def name_process(name: str) -> None:
    """Give this process `name` in `ps` and `top` (and to tests that look for it), where the
    system allows: every worker is otherwise one more "python"."""
    with contextlib.suppress(OSError), open("/proc/self/comm", "w", encoding="ascii") as comm:
        comm.write(name)


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (never above a hard limit set by whoever started
    the run), and let no process of ours write a core dump when a limit ends it."""
    _set_soft(resource.RLIMIT_CORE, 0)
    _set_soft(resource.RLIMIT_AS, megabytes * 1024 * 1024)


def limit_cpu_from_now(seconds: int) -> None:
    """Let this process use `seconds` more CPU seconds (whole seconds, rounded up: the
    kernel counts the limit in them) before the kernel sends it SIGXCPU."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    _set_soft(resource.RLIMIT_CPU, int(usage.ru_utime + usage.ru_stime) + 1 + seconds)


def _set_soft(which: int, value: int) -> None:
    """Set a soft limit, at most the hard one (which only a privileged process may raise)."""
    _, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(which, (value, hard))


# --- in the parent -------------------------------------------------------------------------


class Child:
    """A spawned process running `target(inbox, outbox, *args)`, with a pipe each way and the
    sentinel that becomes ready when it ends. `slot` (shared memory, given to parsers before
    `args`) is where it says which file it is working on, read by the parent once it is dead.
    Two one-way pipes, so one thread may send while another receives."""

    def __init__(
        self,
        context: SpawnContext,
        target: Callable[..., None],
        args: tuple = (),
        slot: object | None = None,
    ) -> None:
        inbox, self.writer = context.Pipe(duplex=False)
        self.reader, outbox = context.Pipe(duplex=False)
        extra = (slot,) if slot is not None else ()
        self.process = context.Process(
            target=target, args=(inbox, outbox, *extra, *args), daemon=True
        )
        self.process.start()
        # The child holds its own ends: when it dies, its pipe ends here too.
        inbox.close()
        outbox.close()
        self.slot = slot
        self.ready = False  # a parser says so once it has started
        self.holding: object | None = None  # what it was sent and has not answered

    @property
    def sentinel(self) -> int:
        return self.process.sentinel

    def exitcode(self) -> int | None:
        """How the process ended (waiting for it to be reaped), None while it runs."""
        self.process.join(5)
        return self.process.exitcode

    def terminate(self) -> None:
        """Ask the process to end (SIGTERM), without waiting."""
        with contextlib.suppress(ValueError, OSError):  # already closed, or gone
            if self.process.is_alive():
                self.process.terminate()

    def stop(self) -> None:
        """End the process (SIGTERM, then SIGKILL if it lingers), reap it and close the
        pipes."""
        self.terminate()
        with contextlib.suppress(ValueError):  # closed already
            self.process.join(2)
            if self.process.is_alive():
                self.process.kill()
                self.process.join(2)
        for end in (self.reader, self.writer):
            end.close()
