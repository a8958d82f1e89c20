"""One payment at a time per company: the claim a payer takes in the database before calling the
gateway (#17 trial: two `invoices issue` at once, or a run and the owner's `invoices pay --yes`,
both charged Visa •••• 4242 for INV-000002-0016).

Every charge of a company's card (the billing run's at issue, Pay now) is made inside `claimed`:
a row of `payment_claim` (migration 0027) whose primary key is the company, inserted in a
transaction of its own before the gateway is called, so that of two payers at once, on SQLite
or PostgreSQL, exactly one holds it; the other is told so (None) and charges nothing. The holder
reads what is open after taking it (what another payer paid before is paid), writes the outcome
(paid, or the decline in History), then lets go of it, whatever happened: a gateway that fails
or raises leaves the invoices chargeable again. A claim left by a process that died (killed in
the middle of a charge) is taken over after STALE: the invoices are never stuck.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator
from datetime import timedelta

from store import clock
from store.persistence.db import retried, transaction
from store.persistence.models_payment import PaymentClaim

STALE = timedelta(minutes=10)  # longer than any gateway call: past it, its payer is gone


@retried
def _take(company_id: int, token: str) -> bool:
    """Claim company `company_id`'s payments for `token`: True when it is now ours (no claim,
    or one older than STALE taken over), False when another payer holds it."""
    with transaction():
        now = clock.now()
        PaymentClaim.insert(company=company_id, token=token, claimed_at=now) \
            .on_conflict_ignore().execute()
        PaymentClaim.update(token=token, claimed_at=now).where(
            (PaymentClaim.company == company_id)
            & (PaymentClaim.claimed_at < now - STALE)).execute()
        holder = PaymentClaim.get_or_none(PaymentClaim.company == company_id)
        return holder is not None and holder.token == token


@retried
def _let_go(company_id: int, token: str) -> None:
    with transaction():
        PaymentClaim.delete().where((PaymentClaim.company == company_id)
                                    & (PaymentClaim.token == token)).execute()


@contextlib.contextmanager
def claimed(company_id: int) -> Iterator[bool]:
    """Hold company `company_id`'s payment claim for the block: yields True when this payer has
    it (charge, then write the outcome, inside the block), False when another payer holds it
    (charge nothing). Let go of when the block ends, however it ends (an exception, Ctrl-C).
    Not inside another transaction: the claim must be committed before the gateway is called."""
    token = secrets.token_hex(16)
    won = _take(company_id, token)
    try:
        yield won
    finally:
        if won:
            _let_go(company_id, token)
