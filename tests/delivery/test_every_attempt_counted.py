"""Every attempt of an e-mail is counted (#17 trial: `invoices deliveries INV-…` said
"Attempts 1" after one failed attempt and a resend). The retries still count from the resend
(MAX_ATTEMPTS after it); what is shown is every attempt."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

import store.invoicing.delivery
from store import clock
from tests.conftest import TODAY
from tests.delivery.conftest import JONAS

NOON = datetime(TODAY.year, TODAY.month, TODAY.day, 12)


def at(when: datetime) -> None:
    clock.set_clock(lambda: when.date(), lambda: when)


def _jonas(billing, queued):
    return next(v for v in store.invoicing.delivery.deliveries(billing, queued.company_id,
                                                               queued.number)
                if v.email == JONAS)


@pytest.mark.both_backends
def test_a_failed_attempt_and_a_resend_are_two_attempts(mailbox, queued, billing):
    at(NOON)
    mailbox.refuse.add(JONAS)
    store.invoicing.delivery.send_queued(billing)
    assert (_jonas(billing, queued).status, _jonas(billing, queued).attempts) == ("failed", 1)
    mailbox.refuse.clear()
    at(NOON + timedelta(hours=1))
    assert store.invoicing.delivery.resend_invoice(billing, queued.company_id, queued.number,
                                                   JONAS).sent == 1
    assert (_jonas(billing, queued).status, _jonas(billing, queued).attempts) == ("sent", 2)
    at(NOON + timedelta(hours=2))  # and once more: three
    store.invoicing.delivery.resend_invoice(billing, queued.company_id, queued.number, JONAS)
    assert _jonas(billing, queued).attempts == 3
