"""An e-mail claimed by a process this machine cannot look up (another machine's run, a claim
written before migration 0034) is left to it for STALE_SENDING, then taken over, as that run may
have died; one claimed by a process that still runs here is left to it however long it takes
(store.invoicing.delivery_claims). tests/delivery/test_cut_off_e_mail.py has the processes that
are gone: Ctrl-C'd and killed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

import store.invoicing.delivery
from store import clock
from store.invoicing.delivery_claims import holder, this_process
from store.persistence.models_delivery import InvoiceDelivery
from tests.conftest import TODAY

pytestmark = pytest.mark.both_backends

NOON = datetime(TODAY.year, TODAY.month, TODAY.day, 12)
ANOTHER_MACHINE = "4242@billing-2 0b5e7f1c-3d0a-4f4e-9a57-6b1f0e2d9c11 pid:[4026531836] 1234"


def at(when: datetime) -> None:
    clock.set_clock(lambda: when.date(), lambda: when)


def claimed(queued, by: str | None) -> None:
    """Both of the invoice's e-mails `sending`, claimed at NOON by the process `by` names."""
    InvoiceDelivery.update(status="sending", attempts=1, last_attempt_at=NOON,
                           claimed_by=by).where(InvoiceDelivery.invoice == queued.id).execute()


@pytest.mark.parametrize("by", [ANOTHER_MACHINE, None], ids=["another machine", "before 0034"])
def test_a_claim_nobody_here_can_look_up_waits_thirty_minutes(mailbox, queued, billing, by):
    assert holder(by) == "unknown"
    claimed(queued, by)
    at(NOON + timedelta(minutes=29))
    summary = store.invoicing.delivery.send_queued(billing)
    assert (summary.sent, summary.under_way, mailbox.messages) == (0, 2, [])
    [view, _] = store.invoicing.delivery.invoice_deliveries(queued.id, queued.number)
    assert view.next_attempt_at == (NOON + timedelta(minutes=30)).replace(tzinfo=UTC)
    at(NOON + timedelta(minutes=30))
    summary = store.invoicing.delivery.send_queued(billing)
    assert (summary.sent, summary.under_way, len(mailbox.messages)) == (2, 0, 2)
    assert {(r.status, r.claimed_by) for r in InvoiceDelivery.select().where(
        InvoiceDelivery.invoice == queued.id)} == {("sent", None)}


def test_a_claim_of_a_process_still_running_here_is_left_to_it(mailbox, queued, billing):
    me = this_process()
    assert me is not None and holder(me) == "running"
    claimed(queued, me)
    at(NOON + timedelta(hours=6))  # long past STALE_SENDING: it is still running
    summary = store.invoicing.delivery.send_queued(billing)
    assert (summary.sent, summary.under_way, mailbox.messages) == (0, 2, [])
    [view, _] = store.invoicing.delivery.invoice_deliveries(queued.id, queued.number)
    assert (view.status, view.next_attempt_at) == ("sending", None)


def test_migration_0034_goes_back_and_forth_and_keeps_every_e_mail(queued, db):
    from playhouse.migrations import Runner

    from store.persistence.schema import HISTORY_TABLE, MIGRATIONS_DIR

    claimed(queued, ANOTHER_MACHINE)
    runner = Runner(db, directory=str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)
    runner.down("0034_delivery_claimed_by")
    assert "claimed_by" not in {c.name for c in db.get_columns("invoice_delivery")}
    runner.up()
    assert {(r.status, r.claimed_by) for r in InvoiceDelivery.select().where(
        InvoiceDelivery.invoice == queued.id)} == {("sending", None)}  # proves nothing: 30 min


@pytest.mark.parametrize("elsewhere", [True, False], ids=["elsewhere", "gone"])
def test_a_last_attempt_whose_run_stopped_reads_failed_not_sending(
        mailbox, queued, billing, elsewhere):
    """Its run died on the last attempt allowed: nothing will send it again until someone
    resends it, so the billing team reads "failed", not "sending" for ever."""
    me = this_process()
    assert me is not None
    by = ANOTHER_MACHINE if elsewhere else "4194303" + me[me.index("@"):]  # no such process
    assert holder(by) == ("unknown" if elsewhere else "gone")
    store.invoicing.delivery.InvoiceDelivery.update(
        status="sending", attempts=store.invoicing.delivery.MAX_ATTEMPTS, last_attempt_at=NOON,
        claimed_by=by).where(InvoiceDelivery.invoice == queued.id).execute()
    at(NOON + timedelta(minutes=31))
    summary = store.invoicing.delivery.send_queued(billing)
    assert (summary.sent, summary.under_way, summary.given_up, mailbox.messages) == (0, 0, 2, [])
    views = store.invoicing.delivery.invoice_deliveries(queued.id, queued.number)
    assert {(view.status, view.next_attempt_at) for view in views} == {("failed", None)}
