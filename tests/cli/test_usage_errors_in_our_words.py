"""Every usage error of every command reads in our words, after the command it is about, in the
person's language, exit 2 (#15 trial: `mycompany show nosuch` printed "argument what: invalid
choice: 'nosuch' (choose from ...)", an internal dest in argparse's English).
tui.cli_parser.Parser is the one place: every sub-parser is one."""

from __future__ import annotations

import pytest

from store.i18n import _, set_language
from tui.cli import main

ARGPARSE_WORDS = ("argument ", "invalid choice", "choose from", "unrecognized arguments",
                  "the following arguments are required", "expected one argument",
                  "choix non valide", "argument what", "argument target")


def usage_error(capsys, *argv: str) -> str:
    try:
        status = main(list(argv))
    finally:
        set_language("en")
    err = capsys.readouterr().err
    assert status == 2, err
    message = err.splitlines()[-1]
    for words in ARGPARSE_WORDS:
        assert words not in message
    return message


@pytest.mark.parametrize(("argv", "expected"), [
    (("show", "nosuch"), ("mycompany show: 'nosuch' is not a choice here; choose one of: "
                         "general, plan, billing, invoices, history")),
    (("set", "nosuch"), ("mycompany set: 'nosuch' is not a choice here; choose one of: "
                        "general, address")),
    (("companies", "create", "--name"), "mycompany companies create: --name: give it a value"),
    (("export", "nosuch"), ("mycompany export: 'nosuch' is not a choice here; choose one of: "
                           "companies, invoices, history")),
    (("export", "invoices", "--format", "xml"),
     "mycompany export: --format 'xml' is not a choice; choose one of: csv, jsonl"),
    (("sync",), "mycompany sync: missing FILE (see --help)"),
    (("show",), "mycompany show: missing TAB (see --help)"),
    (("nosuch",), ("mycompany: 'nosuch' is not a command; choose one of: demo, serve, keys, "
                  "init, grant-app-role, search, show, set, recipients, card, payment-method, "
                  "logo, invoices, requests, sync, staff, companies, export, history, plans, "
                  "prices, seller, backup")),
    (("show", "general", "extra"), "mycompany show general: does not take extra (see its --help)"),
    # #16 trial t16: "does not take  (see its --help)" named nothing; each argument as typed
    (("show", "general", ""), "mycompany show general: does not take '' (see its --help)"),
    (("show", "general", "two words", "--page", "2"),
     "mycompany show general: does not take 'two words' --page 2 (see its --help)"),
    (("export", "companies", "--bogus"),
     "mycompany export: does not take --bogus (see its --help)"),
    (("keys", "add"), "mycompany keys add: missing EMAIL, PUBKEY_FILE (see --help)"),
    (("companies", "show", "abc"), "mycompany companies show: ID: 'abc' is not a whole number."),
])
def test_usage_errors_name_the_command_in_our_words(capsys, argv, expected):
    assert usage_error(capsys, *argv) == expected


def test_usage_errors_in_french(capsys):
    message = usage_error(capsys, "--lang", "fr", "show", "nosuch")
    set_language("fr")
    try:
        said = _("{value} is not a choice here; choose one of: {choices}").format(
            value="'nosuch'", choices="general, plan, billing, invoices, history")
        missing = _("missing %s (see --help)") % "FILE"
    finally:
        set_language("en")
    assert message == f"mycompany show: {said}"
    assert usage_error(capsys, "--lang", "fr", "sync") == f"mycompany sync: {missing}"
