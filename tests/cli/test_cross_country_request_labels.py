"""Blue Harbor (US, California) asks to move to Toronto (#15 trial): `requests list` and History
named both regions "Province" ("Province: California → Ontario"; French "Province : Californie
→ Ontario"). Each side is named by its own country's word (store.forms.labels.address_change)."""

from __future__ import annotations

MARIA = ("--as", "maria@blueharbor.com")
BILLING = ("--as", "billing@mycompany.example")
TO_TORONTO = ("requests", "create", "--country", "CA", "--state", "ON", "--postal-code",
              "M5V 2T6", "--city", "Toronto", "--line1", "100 King St W")


def test_requests_list_and_history_name_each_side_by_its_country(cli):
    status, _, err = cli(*MARIA, *TO_TORONTO)
    assert (status, err) == (0, "")
    for who in (MARIA, BILLING):
        status, out, _ = cli(*who, "requests", "list")
        assert status == 0
        assert "State: California → Province: Ontario" in out
        assert "ZIP code: 94043 → Postal code: M5V 2T6" in out
        assert "Province: California" not in out
    status, out, _ = cli(*MARIA, "show", "history")
    assert "asked State: California → Province: Ontario · " in " ".join(out.split())
    status, out, _ = cli(*MARIA, "--lang", "fr", "requests", "list")
    assert "État\u00a0: Californie → Province\u00a0: Ontario" in out
    assert "Province\u00a0: Californie" not in out
