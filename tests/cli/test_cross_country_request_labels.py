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
    assert "· State: California → Province: Ontario · Country: United States → Canada" \
        in " ".join(out.split())
    status, out, _ = cli(*MARIA, "--lang", "fr", "requests", "list")
    assert "État\u00a0: Californie → Province\u00a0: Ontario" in out
    assert "Province\u00a0: Californie" not in out


def test_an_emptied_field_reads_empty_in_the_request_and_in_the_save_alike(cli):
    """Verification trial: after a DE → US move was approved, History's "Billing address saved"
    lines read "DE136695976 → —" while the request's line read "(empty)": one word for both
    (store.forms.labels.side_text)."""
    jonas = ("--as", "jonas@nordwind.de")
    status, _, err = cli(*jonas, "requests", "create", "--country", "US", "--state", "NY",
                         "--postal-code", "10118", "--city", "New York", "--line1",
                         "350 Fifth Avenue", "--vat", "")
    assert (status, err) == (0, "")
    status, _, err = cli(*BILLING, "requests", "approve", "1", "--reason", "Moved")
    assert (status, err) == (0, "")
    status, out, _ = cli(*jonas, "show", "history")
    shown = " ".join(out.split())
    assert "VAT number: DE136695976 → (empty)" in shown  # the request's line
    assert "DE136695976 → (empty) done" in shown  # the save's line, in its Change column
    assert "→ —" not in shown
