"""One rule for the filters of History, `history`, `requests` and `export` (#15 trial: `history
--person nobody@x` printed an empty list while `show history --field nosuch` exited 1): a word
of the program's vocabulary that is none of its words (a field, an action) is a usage error,
exit 2, listing the words it takes (tui.cli_input.history_field, history_action); a value that is
data (a person, dates) is an answer, empty when nothing matches, said under the list
(tui.history_lines.no_lines_note); a company that does not exist is not found (exit 5). And a
command refuses the options it does not use (`show general --page 2` was taken)."""

from __future__ import annotations

import pytest

SUPPORT = ("--as", "support@mycompany.example")
JONAS = ("--as", "jonas@nordwind.de")


@pytest.mark.parametrize("argv", [
    (*JONAS, "show", "history", "--field", "nosuch"),
    (*SUPPORT, "show", "history", "--company", "2", "--field", "nosuch"),
])
def test_an_unknown_field_is_a_usage_error_listing_the_fields(cli, argv):
    status, out, err = cli(*argv)
    assert (status, out) == (2, "")
    message = err.splitlines()[-1]
    assert message.startswith("mycompany show history: --field: 'nosuch' is not a field; "
                              "choose one of: name, website, line1, ")
    assert "vat" in message and "postal-code" in message


def test_an_unknown_action_is_a_usage_error_listing_the_kinds(cli):
    status, out, err = cli(*SUPPORT, "history", "--action", "nosuch")
    assert (status, out) == (2, "")
    assert err.splitlines()[-1].startswith(
        "mycompany history: --action: 'nosuch' is not an action; give one like "
        "export.invoices, or a kind: address, billing, ")


@pytest.mark.parametrize("argv", [
    (*SUPPORT, "history", "--person", "nobody@x"),
    (*JONAS, "show", "history", "--person", "nobody@x"),
])
def test_a_person_with_no_lines_is_an_empty_answer_that_says_so(cli, argv):
    status, out, err = cli(*argv)
    assert (status, err) == (0, "")
    assert out.splitlines()[-1] == "No lines by nobody@x."


def test_other_filters_with_no_lines_say_so(cli):
    status, out, _err = cli(*SUPPORT, "history", "--action", "seller", "--since", "2099-01-01")
    assert status == 0
    assert out.splitlines()[-1] == "No lines match these filters."


def test_known_words_are_taken_in_any_of_their_forms(cli):
    assert cli(*JONAS, "show", "history", "--field", "VAT number")[0] == 0
    assert cli(*SUPPORT, "history", "--action", "EXPORT")[0] == 0


def test_lines_found_have_no_note(cli):
    status, out, _err = cli(*JONAS, "show", "history", "--person", "billing@mycompany.example")
    assert status == 0
    assert "No lines" not in out


@pytest.mark.parametrize("argv", [
    (*SUPPORT, "history", "--company", "999"),
    (*SUPPORT, "export", "history", "--company", "999"),
    (*SUPPORT, "requests", "list", "--company", "999"),
])
def test_a_company_that_does_not_exist_is_not_found(cli, argv):
    assert cli(*argv)[0] == 5


@pytest.mark.parametrize(("tab", "option"), [("general", "--page"), ("plan", "--page"),
                                             ("billing", "--field"), ("invoices", "--person")])
def test_a_tab_refuses_options_it_does_not_use(cli, tab, option):
    status, out, err = cli(*JONAS, "show", tab, option, "2")
    assert (status, out) == (2, "")
    assert err.splitlines()[-1] == (f"mycompany show {tab}: does not take {option} 2 "
                                    "(see its --help)")


def test_the_options_a_tab_uses_still_work(cli):
    assert cli(*JONAS, "show", "invoices", "--page", "1")[0] == 0
    assert cli(*JONAS, "show", "--json", "general")[0] == 0
    assert cli(*JONAS, "show", "general", "--json")[0] == 0
