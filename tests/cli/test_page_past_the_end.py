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
