"""The command line's parser class: argparse, with every usage error in our words, translated,
after the command it is about, exit status 2 (#15 trial). tui.cli builds every command with it.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn

from store.i18n import N_, _

EXIT_USAGE = 2


# argparse's own messages (Python 3.11-3.13), each said in our words (#15 trial: "argument what:
# invalid choice: ..." named an internal dest in argparse's English), so that `--help` and usage
# errors read in the person's language; the ones not listed (argparse's own mistakes) stay as
# they are.
ARGPARSE_MESSAGES = {
    "usage: ": N_("usage: "),
    "positional arguments": N_("positional arguments"),
    "options": N_("options"),
    "show this help message and exit": N_("show this help message and exit"),
    "the following arguments are required: %s": N_("missing %s (see --help)"),
    "unrecognized arguments: %s": N_("not understood: %s (see the command's --help)"),
    "expected one argument": N_("give it a value"),
    "expected at least one argument": N_("give it at least one value"),
    "expected at most one argument": N_("give it at most one value"),
    "invalid %(type)s value: %(value)r": N_("%(value)r is not a value it takes"),
    "argument %(argument_name)s: %(message)s": N_("%(argument_name)s: %(message)s"),
    "ambiguous option: %(option)s could match %(matches)s":
        N_("%(option)s could be any of %(matches)s: write the option in full"),
    "not allowed with argument %s": N_("not with %s"),
    "one of the arguments %s is required": N_("give one of %s"),
    "ignored explicit argument %r": N_("takes no value (%r given)"),
}


def _argparse_text(message: str) -> str:
    own = ARGPARSE_MESSAGES.get(message)
    return _(own) if own is not None else message


def exit_statuses() -> str:
    """What the command line's exit statuses mean (README, "The command line"), in the reader's
    language: the end of every command's --help."""
    return _("Exit status: 0 done; 1 invalid input, or done but not all of it (an e-mail not "
             "sent, a feed's bad lines skipped, an export cut short); 2 usage; 3 refused; 4 "
             "conflict or busy; 5 not found; 6 database unusable; 130 stopped by Ctrl-C.")


class Parser(argparse.ArgumentParser):
    """argparse, with every usage error in our words (ARGPARSE_MESSAGES, `_check_value`), after
    the command it is about ("mycompany show: ..."), exit status 2. Every sub-parser is one too
    (argparse makes them of the parser's class), so this is the one place for every command:
    each one's --help ends with the exit statuses (`exit_statuses`, unless it says its own, as
    `backup` does: #18 trial, only `mycompany --help` gave them)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("epilog") is None:
            kwargs["epilog"] = exit_statuses()
        super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        """argparse's, with a positional argument named in messages as in `--help`: by its
        choices ("{general,plan,...}") or its name in capitals ("EMAIL"), never by its
        internal dest ("what")."""
        if args and not str(args[0]).startswith(self.prefix_chars) \
                and kwargs.get("metavar") is None:
            choices = kwargs.get("choices")
            kwargs["metavar"] = "{" + ",".join(map(str, choices)) + "}" if choices is not None \
                else kwargs.get("dest", args[0]).upper()
        return super().add_argument(*args, **kwargs)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        """A value not among `action`'s choices, said in our words with the choices as typed:
        "'nosuch' is not a choice here; choose one of: general, plan, ..."."""
        if action.choices is None or value in action.choices:
            return
        choices = ", ".join(map(str, action.choices))
        if isinstance(action, argparse._SubParsersAction) and action.dest == "command":
            text = _("{value} is not a command; choose one of: {choices}")
        elif action.option_strings:
            text = _("{option} {value} is not a choice; choose one of: {choices}")
        else:
            text = _("{value} is not a choice here; choose one of: {choices}")
        raise argparse.ArgumentError(None, text.format(
            value=repr(value), choices=choices, option="/".join(action.option_strings)))

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        """argparse's; a command's parser refuses what it does not take itself, named after
        it ("mycompany show general: does not take --page 2", each argument as_typed), where
        argparse would leave it to the top parser's "unrecognized arguments" (the top parser
        never sees what follows a command: the command's parser takes it all)."""
        namespace, extras = super().parse_known_args(args, namespace)
        if extras and " " in self.prog:  # "mycompany show general": a command's parser
            self.error(_("does not take {arguments} (see its --help)").format(
                arguments=as_typed(extras)))
        return namespace, extras

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: {message}\n")
        raise SystemExit(EXIT_USAGE)


def as_typed(arguments: list[str]) -> str:
    """Arguments as a shell would take them back, each one visible: an empty one as '' and
    one with spaces in quotes (#16 trial t16: `show general ""` said "does not take  (see its
    --help)", naming nothing), its control characters escaped (tui.formatting.safe_text:
    nothing raw reaches the terminal)."""
    import shlex

    from .formatting import safe_text

    return " ".join(shlex.quote(safe_text(argument)) for argument in arguments)
