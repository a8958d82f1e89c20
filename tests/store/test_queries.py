"""Query counts: the Plan summary does not grow with the company (asserted, never timed)."""

from __future__ import annotations

from peewee import chunked
from playhouse.test_utils import count_queries

import store
import store.invoicing.invoices
import store.people.access
import store.plans.plan
from store.persistence.db import transaction
from store.persistence.models import PhoneNumber, User


def grow(company_id: int, users: int, numbers: int) -> None:
    with transaction():  # in batches: PostgreSQL takes at most 65 535 parameters a statement
        for batch in chunked(((company_id, f"bulk{n}@scale.example", f"Bulk {n}", "agent", True)
                              for n in range(users)), 5_000):
            User.insert_many(batch, fields=[User.company, User.email, User.name, User.role,
                                            User.active]).execute()
        for batch in chunked(((company_id, f"+4930{n:09d}", True) for n in range(numbers)),
                             5_000):
            PhoneNumber.insert_many(batch, fields=[PhoneNumber.company, PhoneNumber.e164,
                                                   PhoneNumber.active]).execute()


def summary_queries(company_id: int) -> tuple[int, object]:
    actor = store.people.access.resolve_actor("jonas@nordwind.de")
    with count_queries() as counter:
        summary = store.plans.plan.licence_summary(actor, company_id)
    return counter.count, summary


def test_licence_summary_takes_the_same_queries_for_3_and_30000_users(demo):
    small_count, small = summary_queries(demo["nordwind"])
    grow(demo["nordwind"], 30_000, 5_000)
    large_count, large = summary_queries(demo["nordwind"])
    assert large.users.active == small.users.active + 30_000
    assert large.numbers.active == small.numbers.active + 5_000
    assert small_count == large_count == 1


def test_invoice_page_is_two_queries_whatever_the_count(demo):
    actor = store.people.access.resolve_actor("jonas@nordwind.de")
    # warm the access check's plan cache
    store.invoicing.invoices.list_invoices(actor, demo["nordwind"])
    with count_queries() as counter:
        page = store.invoicing.invoices.list_invoices(actor, demo["nordwind"], page=1, page_size=5)
    assert len(page.items) == 5 and page.total_count == 14
    assert counter.count == 2


def test_an_invoice_page_change_is_one_query_and_at_most_200_rows(demo):
    actor = store.people.access.resolve_actor("jonas@nordwind.de")
    first = store.invoicing.invoices.list_invoices(actor, demo["nordwind"], page=1, page_size=5)
    with count_queries() as counter:
        second = store.invoicing.invoices.list_invoices(actor, demo["nordwind"], page=2,
            page_size=5,
                                              known_total=first.total_count)
    assert counter.count == 1
    assert [i.number for i in second.items] == [
        f"INV-000002-{n:04d}" for n in range(9, 4, -1)]
    huge = store.invoicing.invoices.list_invoices(actor, demo["nordwind"], page=1, page_size=10_000)
    assert huge.page_size == 200


def test_invoice_pages_read_from_either_end_give_the_same_order(demo):
    """Pages in the older half are read from the index's other end; the order must not show it."""
    actor = store.people.access.resolve_actor("jonas@nordwind.de")
    everything = [i.number for i in store.invoicing.invoices.list_invoices(
        actor, demo["nordwind"], page=1, page_size=200).items]
    assert len(everything) == 14
    for size in (1, 3, 4, 5, 14):
        paged = []
        for page in range(1, -(-14 // size) + 1):
            paged += [i.number for i in store.invoicing.invoices.list_invoices(
                actor, demo["nordwind"], page=page, page_size=size, known_total=14).items]
        assert paged == everything, size
    assert store.invoicing.invoices.list_invoices(actor, demo["nordwind"], page=9,
        page_size=5).items == []


def test_a_page_with_an_applied_credit_note_is_still_one_query(demo, december_begun):
    """The list names the invoice an applied credit note was deducted from (#17 trial) within
    the page's own query (bench/README: one query per page change; it took a second)."""
    import store.invoicing.billing_run
    import store.invoicing.credit_notes

    billing = store.people.access.resolve_actor("billing@mycompany.example")
    blue = demo["blue"]
    store.invoicing.credit_notes.credit_invoice(billing, blue, "INV-000003-0006",
                                                {"reason": "Wrong plan"})
    store.invoicing.billing_run.issue_period(billing, "2026-12", company_id=blue)
    maria = store.people.access.resolve_actor("maria@blueharbor.com")
    first = store.invoicing.invoices.list_invoices(maria, blue, page=1, page_size=5)
    with count_queries() as counter:
        page = store.invoicing.invoices.list_invoices(maria, blue, page=1, page_size=5,
                                                      known_total=first.total_count)
    assert counter.count == 1
    [credit] = [item for item in page.items if item.kind == "credit_note"]
    assert (credit.status, credit.deducted_from) == ("applied", ["INV-000003-0007"])
