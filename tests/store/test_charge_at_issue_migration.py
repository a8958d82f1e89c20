"""Migrations 0032 and 0033 (#17 trial r2) on a database written before them: no invoice issued
before is charged by a later run without its owner (0032); a month an invoice credited in full
had freed, and that no invoice holds since, is held again, so the next run does not bill it
again by itself; one invoiced again since stays as it is (0033)."""

from __future__ import annotations

import store.invoicing.credit_notes
from store.invoicing.billing_run import issue_period
from store.persistence.models import Invoice

MIGRATION = "0032_invoice_charge_at_issue"  # and 0033 after it: both reverted, both run
BILLING = "billing@mycompany.example"


def _period(number: str) -> str | None:
    return Invoice.get(Invoice.number == number).billing_period


def test_months_freed_before_are_held_again_unless_invoiced_since(demo, db, as_):
    from playhouse.migrations import Runner

    from store.persistence.schema import HISTORY_TABLE, MIGRATIONS_DIR

    bea = as_(BILLING)
    why = {"reason": "Wrong plan"}
    # Nordwind's November: credited for its corrected invoice, which was issued.
    store.invoicing.credit_notes.credit_invoice(bea, demo["nordwind"], "INV-000002-0014", why,
                                                reissue=True)
    [fixed] = issue_period(bea, "2026-11", company_id=demo["nordwind"]).issued
    # Blue Harbor's November: credited in full as before 0032, which freed it, never re-issued.
    store.invoicing.credit_notes.credit_invoice(bea, demo["blue"], "INV-000003-0006", why)
    runner = Runner(db, directory=str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)
    runner.down(MIGRATION)
    Invoice.update(billing_period=None).where(Invoice.number == "INV-000003-0006").execute()
    runner.up()

    assert _period("INV-000003-0006") == "2026-11"  # held again
    assert (_period("INV-000002-0014"), _period(fixed.number)) == (None, "2026-11")
    assert not Invoice.select().where(Invoice.charge_at_issue).exists()
    run = issue_period(bea, "2026-11")
    assert run.issued == [] and {demo["nordwind"], demo["blue"]} <= set(run.already)
    assert not (run.collected and run.collected.paid)
