"""`invoices pay` and `invoices issue` answer as a person expects on the command line (#17
trial): no card names `mycompany card set` (not the screen's key) before asking anything;
declining the charge is an answer (exit 0), not an error; Ctrl-C during the billing run says how
many invoices were issued and that the same command finishes the period (exit 130)."""

from __future__ import annotations

import io
import sys

import pytest

JONAS = "jonas@nordwind.de"
BEA = ("--as", "billing@mycompany.example")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _without_card() -> None:
    from store.persistence.db import database
    from store.persistence.models import PaymentMethod

    database.connect(reuse_if_open=True)
    PaymentMethod.delete().where(PaymentMethod.company == 2).execute()
    database.close()


def test_no_card_names_the_command_that_adds_one(cli, monkeypatch):
    _without_card()
    status, out, err = cli("--as", JONAS, "invoices", "pay")  # no terminal, no --yes
    assert status == 1 and "Charge" not in err + out
    assert "There is no card on file. Add one with `mycompany card set`" in err
    assert "(c)" not in err
    status, _, err = cli("--as", JONAS, "invoices", "pay", "--yes")
    assert status == 1 and "`mycompany card set`" in err and "(c)" not in err


def test_declining_the_charge_is_not_an_error(cli, monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Terminal("n\n"))
    status, out, _ = cli("--as", JONAS, "invoices", "pay")
    assert status == 0 and out.startswith("Charge €5,134.00 to Visa •••• 4242")
    assert out.rstrip().endswith("[y/N] Nothing was charged.")  # the answer typed is not echoed


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_ctrl_c_during_the_run_says_what_was_issued(cli, monkeypatch):
    import store.invoicing.billing_run

    bill = store.invoicing.billing_run._bill_company

    def stop_at_blue(actor, cid, *rest):
        if cid == 3:  # Nordwind (2) issued; Blue Harbor (3) not yet
            raise KeyboardInterrupt
        return bill(actor, cid, *rest)

    monkeypatch.setattr(store.invoicing.billing_run, "_bill_company", stop_at_blue)
    status, out, err = cli(*BEA, "invoices", "issue", "--period", "2026-12")
    # The invoice issued is said on stdout, as a finished run says it, then the stop (#17 trial).
    assert status == 130 and err.strip() == ""
    lines = out.strip().splitlines()
    issued, stopped = lines[0], lines[-1]
    assert issued.startswith("INV-000002-") and "Nordwind Logistik GmbH" in issued
    assert stopped == ("Stopped: 1 invoice issued for 2026-12. Run the same command again to "
                       "finish the period.")
    monkeypatch.setattr(store.invoicing.billing_run, "_bill_company", bill)
    status, out, _ = cli(*BEA, "invoices", "issue", "--period", "2026-12")
    assert "1 invoice issued for 2026-12." in out
    assert "1 company already invoiced for this period." in out


def test_ctrl_c_while_sending_or_syncing_says_the_same_command_finishes(cli, monkeypatch,
                                                                        tmp_path):
    import store.feed.sync
    import store.invoicing.delivery

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(store.invoicing.delivery, "send_queued", interrupted)
    monkeypatch.setattr(store.feed.sync, "sync_feed", interrupted)
    said = "Stopped: what was done is kept. Run the same command again to finish."
    status, _, err = cli(*BEA, "invoices", "send-queued")
    assert (status, err.strip()) == (130, said)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("")
    status, _, err = cli(*BEA, "sync", str(feed))
    assert (status, err.strip()) == (130, said)
