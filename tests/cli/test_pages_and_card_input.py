"""Numbers and input the command line refused silently or inconsistently (issue #15): `--page 0`
and `--page -1` printed page 1 and exited 0; `card set` with too few lines on stdin exited 2
while ctrl-D at its prompt exited 1, though README's exit-status table says input that ends
early is exit 1."""

from __future__ import annotations

import pytest

JONAS = "jonas@nordwind.de"


@pytest.mark.parametrize("what,page", [("invoices", "0"), ("history", "-1"), ("invoices", "-5")])
def test_a_page_before_the_first_is_a_usage_error(cli, what, page):
    status, out, err = cli("--as", JONAS, "show", what, "--page", page)
    assert (status, out) == (2, "")
    assert err.splitlines()[-1] == (f"mycompany show {what}: --page: {page} is not a page "
                                    "number: pages start at 1.")


def test_page_one_is_still_page_one(cli):
    status, out, _ = cli("--as", JONAS, "show", "invoices", "--page", "1")
    assert status == 0 and "Page 1 of" in out


@pytest.mark.parametrize("stdin", ["", "4242424242424242\n12/29\n"])
def test_card_input_that_ends_early_on_stdin_is_exit_1_as_at_the_prompt(cli, stdin):
    before = cli("--as", JONAS, "show", "billing")[1]
    status, out, err = cli("--as", JONAS, "card", "set", stdin=stdin)
    assert (status, out) == (1, "")
    assert len(err.splitlines()) == 1
    assert err.startswith("mycompany: input ended before every answer was given")
    assert "four lines on stdin" in err
    assert cli("--as", JONAS, "show", "billing")[1] == before  # the card on file unchanged
