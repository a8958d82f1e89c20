"""What the command line checks before anything runs: numbers that fit the database, and a
terminal for the screens (tui/cli.py)."""

from __future__ import annotations

import argparse
import sys

from store.i18n import _

SQLITE_INT_MAX = 2 ** 63 - 1  # SQLite's INTEGER is 64-bit: a larger id cannot even be looked up


def whole_number(text: str) -> int:
    """argparse's type for every number the command line takes (ids, pages, versions, counts):
    an int that fits SQLite's INTEGER, so a 20-digit `--company 99999999999999999999` is a usage
    error (exit 2, one line) rather than an OverflowError deep in the store."""
    digits = text.strip()
    # int() also takes "1_000" and other scripts' digits ("١٤"): only ASCII digits are a number.
    if not digits.removeprefix("-").isascii() or not digits.removeprefix("-").isdigit():
        raise argparse.ArgumentTypeError(
            _("{value} is not a whole number.").format(value=repr(text)))
    value = int(digits)
    if abs(value) > SQLITE_INT_MAX:
        raise argparse.ArgumentTypeError(
            _("{value} is too large (at most {max}).").format(value=text, max=SQLITE_INT_MAX))
    return value


def page_number(text: str) -> int:
    """argparse's type for --page: a whole number (whole_number) from 1 on; 0 or -1 is a usage
    error (exit 2, one line) rather than page 1 printed as if it had been asked for."""
    value = whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError(
            _("{value} is not a page number: pages start at 1.").format(value=text))
    return value


def page_that_exists(view: object) -> None:
    """Refuse a --page past the last one (store.views.Page: `page`, `pages`, `total_count`),
    exit 1 with how many there are (#18 trial: `history --page 999` printed "Page 999 of 4"
    and exited 0; `show history --page 99` printed a header alone). Any other view passes."""
    page, pages = getattr(view, "page", None), getattr(view, "pages", None)
    if isinstance(page, int) and isinstance(pages, int) and page > pages:
        import store.errors

        raise store.errors.InvalidInput({"page": _(
            "There is no page {page}: the last is page {pages}.").format(page=page,
                                                                        pages=pages)})


class Unanswered(KeyboardInterrupt):
    """ctrl-C at one of the command line's questions (`asked`): tui.cli says in one line that
    nothing was changed, and exits 130 as for any ctrl-C."""


def asked(prompt: str, *, secret: bool = False) -> str:
    """The person's answer to `prompt`, read at the terminal (`secret`: not echoed, getpass:
    a card's number and security code). Every question of the command line is asked here, and
    is asked before anything is written: ctrl-D is EOFError (exit 1, "input ended before every
    answer was given"), ctrl-C is Unanswered (exit 130, with its line: #15 trial, ctrl-C at
    "Security code:" ended `card set` without a word)."""
    import getpass

    try:
        return getpass.getpass(prompt) if secret else input(prompt)
    except KeyboardInterrupt:
        raise Unanswered from None


def has_terminal() -> bool:
    """Whether the screens can be drawn: Textual reads keys from stdin and draws on stderr
    (textual/drivers/linux_driver.py), so both must be terminals. Without one (`</dev/null`,
    `ssh host mycompany` without -t, cron) Textual would wait for keys that never come."""
    try:
        return all(stream is not None and stream.isatty()
                   for stream in (sys.__stdin__, sys.__stderr__))
    except ValueError:  # a closed stream
        return False


class ShowVersion(argparse.Action):
    """`--version`: prints "mycompany X.Y.Z", the installed package's version (its metadata,
    PEP 566), and exits 0. Read only when asked: importlib.metadata is not loaded at every start,
    as argparse's own version action, given the text when the parser is built, would need."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS,
                         nargs=0, help=_("print the program's version and exit"))

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        from importlib.metadata import version

        sys.stdout.write(f"{parser.prog} {version('mycompany')}\n")  # stdout, as argparse's
        parser.exit()


# Filters of History (`show history --field`, `history --action`): a word of the program's own
# vocabulary, checked as the command line is read. One rule for every filter (#15 trial: an
# unknown --field exited 1, an unknown --person printed an empty list): a word that is none of
# the vocabulary's is a usage error (exit 2) listing the words it takes; a value that is data
# (a person, a company, dates) is an answer, empty when nothing matches (tui.history_lines
# .no_lines_note says so), or "not found" for a company that does not exist (exit 5).


def history_field(text: str) -> str:
    """argparse's type for --field: the field `text` names (store.trail.history.field_named: a
    name, option or label, in the reader's language or English); a usage error listing the
    fields by their options otherwise."""
    import store.errors
    import store.trail.history
    from store.forms.fields import FORMS

    try:
        return store.trail.history.field_named(text)
    except store.errors.InvalidInput:
        names = dict.fromkeys(f.option.removeprefix("--") if f.option.startswith("--") else f.name
                              for spec in FORMS.values() for f in spec.fields)
        raise argparse.ArgumentTypeError(
            _("{value} is not a field; choose one of: {fields}").format(
                value=repr(text), fields=", ".join(
                    [*names, "recipient", "logo", "payment-method", "team"]))) from None


def history_action(text: str) -> str:
    """argparse's type for --action: an action History records (`export.invoices`) or a kind of
    them (`export`), case aside, by the store's rule (store.trail.actions.action_filter, the
    staff screen's filter dialog's too); a usage error listing the kinds otherwise."""
    from store.trail.actions import action_filter

    try:
        return action_filter(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
