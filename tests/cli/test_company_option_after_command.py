"""Every command on one company's data takes `--company ID` after the command too, where staff
write it (#15 trial: `mycompany set general --company 3` was "unrecognized arguments"); the
global option before the command still counts; an owner naming another company is refused by
the store (exit 3), never a usage error. tui.company_arg.add_to_company_commands is the one
place."""

from __future__ import annotations

import json

import pytest

from tui.cli import build_parser
from tui.company_arg import COMPANY_COMMANDS


def test_staff_show_with_company_after_the_command(cli):
    status, out, err = cli("--as", "support@mycompany.example", "show", "general",
                           "--company", "3", "--json")
    assert status == 0, err
    assert json.loads(out)["name"] == "Blue Harbor Inc."


def test_global_company_is_kept_when_the_command_takes_one_too(cli):
    status, out, err = cli("--as", "support@mycompany.example", "--company", "3", "show",
                           "general", "--json")
    assert status == 0, err
    assert json.loads(out)["name"] == "Blue Harbor Inc."


def test_billing_sets_an_address_with_company_after_the_command(cli):
    status, out, err = cli("--as", "billing@mycompany.example", "set", "address",
                           "--company", "3", "--city", "Boston", "--reason", "moved",
                           "--json")
    assert status == 0, err
    status, out, err = cli("--as", "billing@mycompany.example", "show", "billing",
                           "--company", "3", "--json")
    assert json.loads(out)["address"]["city"] == "Boston"


def test_set_general_with_company_reaches_the_store(cli):
    # staff read the profile, only its owner changes it: the store's refusal, not argparse's
    status, _out, err = cli("--as", "admin@mycompany.example", "set", "general",
                           "--company", "3", "--name", "X")
    assert status == 3, err
    assert "unrecognized" not in err and "not understood" not in err


def test_an_owner_naming_another_company_is_refused(cli):
    status, _out, err = cli("--as", "jonas@nordwind.de", "set", "general", "--company", "3",
                           "--name", "X")
    assert status == 3
    assert "another company" in err
    status, _out, err = cli("--as", "jonas@nordwind.de", "show", "general", "--company", "2",
                           "--json")
    assert status == 0, err


def _leaves(parser):
    subs = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    if not subs:
        return [parser]
    return [leaf for a in subs for p in a.choices.values() for leaf in _leaves(p)]


@pytest.mark.parametrize("command", COMPANY_COMMANDS)
def test_every_action_of_a_company_command_takes_company(command):
    commands = next(a for a in build_parser()._actions
                    if a.__class__.__name__ == "_SubParsersAction")
    for leaf in _leaves(commands.choices[command]):
        assert "--company" in leaf._option_string_actions, leaf.prog
