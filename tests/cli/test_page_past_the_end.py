"""A --page past the last page is refused, saying how many there are (#18 trial: `history --page
999` printed "Page 999 of 4 (169 lines)" and exited 0; `show history --page 99` printed a header
alone); the last page itself still prints."""

from __future__ import annotations

import json

import pytest

SUPPORT = ("--as", "support@mycompany.example")
JONAS = ("--as", "jonas@nordwind.de")


@pytest.mark.parametrize("command", [
    (*SUPPORT, "history"),
    (*JONAS, "show", "history"),
    (*JONAS, "show", "invoices"),
])
def test_a_page_past_the_end_is_refused_and_the_last_one_shown(cli, command):
    status, out, _ = cli(*command, "--json")
    assert status == 0
    first = json.loads(out)
    last = max(1, -(-first["total_count"] // first["page_size"]))
    status, out, err = cli(*command, "--page", str(last), "--json")
    assert status == 0 and json.loads(out)["page"] == last
    status, out, err = cli(*command, "--page", str(last + 1))
    assert status == 1 and out == ""
    assert f"There is no page {last + 1}: the last is page {last}." in err


LARGEST = str(2 ** 63 - 1)  # the largest number the command line takes (tui.cli_input)


@pytest.mark.parametrize("command", [
    (*SUPPORT, "history"),
    (*SUPPORT, "--company", "2", "show", "history"),
    (*SUPPORT, "--company", "2", "show", "invoices"),
    (*SUPPORT, "--company", "2", "show", "history", "--field", "name"),
])
def test_the_largest_page_number_is_a_page_past_the_end(cli, command):
    """#15 trial: `--company 2 show invoices --page 9223372036854775807` said "A number given is
    too large (at most 9223372036854775807)", exit 1: the page's OFFSET overflowed the database.
    A page past the last is that, whatever its number (store.views.rows_before)."""
    status, out, err = cli(*command, "--page", LARGEST)
    assert status == 1 and out == ""
    assert f"There is no page {LARGEST}: the last is page " in err
    assert "too large" not in err



def test_a_number_the_database_cannot_hold_is_a_usage_error(cli, monkeypatch):
    """The last word on a number that got past the command line's bounds (an OverflowError from
    the driver): exit 2, as the README's table says of a number too large for the database, and
    no maximum that is not the one (store.errors.TooLarge)."""
    import store.invoicing.invoices

    def overflowing(*args, **kwargs):
        raise OverflowError("Python int too large to convert to SQLite INTEGER")

    monkeypatch.setattr(store.invoicing.invoices, "list_invoices", overflowing)
    status, out, err = cli(*SUPPORT, "--company", "2", "show", "invoices")
    assert status == 2 and out == ""
    assert err.strip() == "mycompany: A number given is too large for the database."
