"""`show history` gives a refusal's reason in the reader's language, whoever was refused and in
whichever language (issue #16); a reason a person typed is shown as typed."""

from __future__ import annotations

JONAS = ("--as", "jonas@nordwind.de")  # Nordwind's owner, past its trial
BILLING = ("--as", "billing@mycompany.example", "--company", "2")  # Nordwind


def refused_line(out: str, word: str) -> str:
    return next(line for line in out.splitlines() if word in line)


def test_a_french_owners_refused_move_reads_in_english_to_the_billing_team(cli):
    assert cli("--lang", "fr", *JONAS, "set", "address", "--country", "FR")[0] == 3
    _, out, _ = cli(*BILLING, "show", "history")
    line = refused_line(out, "tried France")
    assert "Country is locked after the trial; send a change request to the billing team." \
        in line
    assert "verrouillé" not in out
    _, out, _ = cli("--lang", "fr", *JONAS, "show", "history")  # and in French to its owner
    line = refused_line(out, "verrouillé")
    assert "Le champ «\u00a0Pays\u00a0» est verrouillé" in line and "France" in line


def test_an_english_refusal_reads_in_french_and_a_typed_reason_as_typed(cli):
    assert cli("--as", "support@mycompany.example", "--company", "2", "recipients", "remove",
               "jonas@nordwind.de")[0] == 3
    assert cli("--lang", "fr", *BILLING, "payment-method", "set", "bank_transfer", "--reason",
               "Wire agreed by phone")[0] == 0
    _, out, _ = cli("--lang", "fr", *JONAS, "show", "history")
    assert "Seule l'équipe de facturation peut faire cela." in refused_line(out, "refusé")
    assert "Only the billing team" not in out
    assert "Wire agreed by phone" in out  # the person's words, in no other language
    _, out, _ = cli(*JONAS, "show", "history")
    assert "Wire agreed by phone" in out
