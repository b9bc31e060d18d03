"""An argparse parser that speaks Swedish, without changing argparse for anyone else.

argparse writes its messages in English through gettext (`argparse._`). Replacing that
function would translate every parser in the process, so this parser instead puts Swedish in
the few places a user sees: the help headings and the -h text (set when the parser is made),
the usage prefix (its help formatter) and the error messages (translated in `error`, the one
place every usage error passes through, from argparse's own msgids in `MESSAGES`).
A message missing from the table is shown as argparse wrote it, never lost.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

from index.privacy import mask_typed

# argparse's user-facing error messages, keyed by their msgids in Python 3.11's argparse
# (verbatim, so a test can check that argparse still has them). When `error` gets a message
# its values are already filled in, so the Swedish side uses %s for every placeholder.
# The first msgid that matches wins: "expected one argument" stays before "expected %s argument".
MESSAGES = {
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "följande argument saknas: %s",
    "one of the arguments %s is required": "ett av argumenten %s krävs",
    "unrecognized arguments: %s": "okända argument: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ogiltigt val: %(value)s (välj bland %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "%(value)s är inget %(type)s",
    "expected one argument": "kräver ett värde",
    "expected at most one argument": "tar högst ett värde",
    "expected at least one argument": "kräver minst ett värde",
    "expected %s argument": "kräver %s värde",
    "expected %s arguments": "kräver %s värden",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tvetydig flagga: %(option)s kan vara %(matches)s"
    ),
    "not allowed with argument %s": "kan inte kombineras med %s",
    "ignored explicit argument %r": "tar inget värde (fick %s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "okänt kommando %(parser_name)s (välj bland %(choices)s)"
    ),
    "unexpected option string: %s": "oväntad flagga: %s",
}
# The names argparse gives a `type` in "invalid %(type)s value", as a user would say them.
TYPE_NAMES = {"int": "heltal", "float": "tal"}
USAGE = "användning: "
POSITIONALS = "argument"
OPTIONALS = "flaggor"
HELP = "visa den här hjälpen och avsluta"

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sr]|%[sr]")


def _pattern(msgid: str) -> re.Pattern[str]:
    """A regex that matches the message `msgid` makes, capturing each placeholder's value."""
    parts, end = [], 0
    for placeholder in _PLACEHOLDER.finditer(msgid):
        parts.append(re.escape(msgid[end : placeholder.start()]))
        name = placeholder.group(1)
        parts.append(f"(?P<{name}>.+?)" if name else "(.+?)")
        end = placeholder.end()
    parts.append(re.escape(msgid[end:]))
    return re.compile("".join(parts), re.DOTALL)


_PATTERNS = [(_pattern(msgid), swedish) for msgid, swedish in MESSAGES.items()]


def translate(message: str) -> str:
    """argparse's English `message` in Swedish; one not in `MESSAGES` comes back unchanged."""
    for pattern, swedish in _PATTERNS:
        match = pattern.fullmatch(message)
        if not match:
            continue
        if not pattern.groupindex:
            return swedish % match.groups()
        values = match.groupdict()
        if "message" in values:  # "argument X: <another message>"
            values["message"] = translate(values["message"])
        if "type" in values:
            values["type"] = TYPE_NAMES.get(values["type"], values["type"])
        return swedish % values
    return message


class SwedishHelpFormatter(argparse.HelpFormatter):
    """The default help layout with a Swedish usage prefix."""

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)


class SwedishArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and usage errors are in Swedish.

    Subcommand parsers are made with the parent's class, so they are Swedish too. Usage errors
    keep argparse's form and exit status 2: the usage line, then one line with the error and
    where to read more.
    """

    def __init__(self, *, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", SwedishHelpFormatter)
        super().__init__(add_help=False, **kwargs)
        # argparse titles these groups with English words when the parser is made.
        self._positionals.title = POSITIONALS
        self._optionals.title = OPTIONALS
        if add_help:
            self.add_argument("-h", "--help", action="help", help=HELP)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        # A value that could not be read is quoted back: an identity number typed in a flag
        # ("--from 19121212-1212") is masked there, as everywhere a typed value is echoed.
        shown = mask_typed(translate(message))
        self.exit(2, f"{self.prog}: fel: {shown} — se `{self.prog} --help`\n")
