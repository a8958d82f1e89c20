"""`mycompany search TEXT` lists by name, names starting with TEXT first (#18 trial: `search
Blue` gave ids 23, 3, 63, 83, 43, and the README said "by id"): what a support agent scans, the
screen's order too (store.profile.search decides), and the README says so."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import cli  # noqa: F401  (the fixture: `mycompany` on a demo database)

ADMIN = "admin@mycompany.example"
README = Path(__file__).resolve().parents[2] / "README.md"


def test_search_lists_names_starting_with_the_text_first_each_by_name(cli):  # noqa: F811
    for name in ("Deep Blue Ltd", "Blue Zebra SA", "Blue Anchor GmbH"):  # ids 4, 5, 6
        status, _, err = cli("--as", ADMIN, "companies", "create", "--name", name, "--country",
                             "DE", "--plan", "essentials", "--term", "monthly", "--owner-email",
                             f"o{len(name)}@{name.split()[1].lower()}.example", "--owner-name",
                             "O", "--trial-days", "30")
        assert status == 0, err
    status, out, _ = cli("--as", "support@mycompany.example", "search", "Blue", "--json")
    assert status == 0
    assert [(hit["id"], hit["name"]) for hit in json.loads(out)] == [
        (6, "Blue Anchor GmbH"), (3, "Blue Harbor Inc."), (5, "Blue Zebra SA"),
        (4, "Deep Blue Ltd")]
    status, out, _ = cli("--as", "support@mycompany.example", "search", "5", "--json")
    assert json.loads(out)[0]["id"] == 5  # the company whose id is the text first


def test_the_readme_says_the_order_the_search_lists_in():
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert ("by name, those whose name starts with TEXT first, the company whose id is TEXT "
            "before all") in text
    assert "lists the first 50, by id" not in text
