"""Hostile access (issue #5): an owner reaching for another company's data is refused by the
store, whatever screen or script asks, and the refusal is in the audit trail."""

from __future__ import annotations

import pytest

import store
import store.errors
import store.invoicing.invoices
import store.people.access
import store.plans.plan
import store.profile.billing
import store.profile.company
import store.profile.requests
import store.profile.search
import store.trail.history
from store.errors import Refused
from store.persistence.models import AuditEvent, Invoice

JONAS = "jonas@nordwind.de"  # owner of Nordwind; every target below is someone else's
MARIA = "maria@blueharbor.com"


def blue_invoice(demo) -> str:
    return (Invoice.select(Invoice.number).where(Invoice.company == demo["blue"])
            .order_by(Invoice.number).first().number)


def blue_address() -> dict:
    return {"line1": "1 Evil Way", "postal_code": "94043", "city": "Mountain View", "state": "CA",
            "country": "US"}


# Every door into another company's data: (call, the action the trail names).
CALLS = {
    "invoice-by-number": (lambda a, c, d, tmp: store.invoicing.invoices.invoice_document(
        a, c, blue_invoice(d)), "invoice.read"),
    "invoice-download": (lambda a, c, d, tmp: store.invoicing.invoices.download_invoice(
        a, c, blue_invoice(d), tmp), "invoice.read"),  # recorded once, where it was refused
    "invoice-list": (lambda a, c, d, tmp: store.invoicing.invoices.list_invoices(a, c),
        "invoices.read"),
    "billing-address-read": (lambda a, c, d, tmp: store.profile.billing.get_billing(a, c),
                             "billing.read"),
    "billing-address-save": (lambda a, c, d, tmp: store.profile.billing.save_address(
        a, c, blue_address(), expected_version=1), "address.save"),
    "history": (lambda a, c, d, tmp: store.trail.history.company_history(a, c), "history.read"),
    "history-second-page": (lambda a, c, d, tmp: store.trail.history.company_history(a, c, page=2),
                            "history.read"),
    "general-read": (lambda a, c, d, tmp: store.profile.company.get_general(a, c), "read"),
    "general-save": (lambda a, c, d, tmp: store.profile.company.save_general(
        a, c, {"name": "Taken over"}, expected_version=1),
        "general.save"),
    "logo-read": (lambda a, c, d, tmp: store.profile.company.get_logo_png(a, c), "read"),
    "plan-read": (lambda a, c, d, tmp: store.plans.plan.licence_summary(a, c), "plan.read"),
    "recipient-add": (lambda a, c, d, tmp: store.profile.billing.add_recipient(
        a, c, {"email": "thief@nordwind.de"}), "recipient.add"),
    "recipient-remove": (lambda a, c, d, tmp: store.profile.billing.remove_recipient(a, c, MARIA),
                         "recipient.remove"),
    "card-set": (lambda a, c, d, tmp: store.profile.billing.set_card(a, c, {
        "number": "4242424242424242", "expiry": "12/29", "security_code": "123",
        "holder": "Jonas"}), "card.set"),
    "change-request": (lambda a, c, d, tmp: store.profile.requests.request_change(
        a, c, {"field": "state", "new_value": "NY"}),
        "request.create"),
}


@pytest.fixture
def downloads(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


def refusals() -> list[AuditEvent]:
    return list(AuditEvent.select().where(AuditEvent.outcome == "refused")
                .order_by(AuditEvent.id))


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_owner_reaching_into_another_company_is_refused_and_recorded(demo, downloads, call):
    reach, action = call
    before = len(refusals())

    with pytest.raises(Refused, match="another company"):
        reach(store.people.access.resolve_actor(JONAS), demo["blue"], demo, downloads)

    new = refusals()[before:]
    # In Jonas's own trail (#16): Blue Harbor's owner never reads an outsider's name; the
    # company reached for is named by its number in the reason, for staff.
    assert [(e.actor_email, e.actor_role, e.company, e.action) for e in new] == [
        (JONAS, "owner", demo["nordwind"], action)]
    assert new[0].reason.endswith(f"(company {demo['blue']})")
    assert list(downloads.iterdir()) == []


def test_refused_reach_changes_nothing_of_the_other_company(demo, downloads):
    maria = store.people.access.resolve_actor(MARIA)
    before = (store.profile.company.get_general(maria, demo["blue"]),
              store.profile.billing.get_billing(maria, demo["blue"]))
    jonas = store.people.access.resolve_actor(JONAS)
    for name in ("general-save", "billing-address-save", "recipient-add", "recipient-remove",
                 "card-set", "change-request"):
        with pytest.raises(Refused):
            CALLS[name][0](jonas, demo["blue"], demo, downloads)

    assert (store.profile.company.get_general(maria, demo["blue"]),
            store.profile.billing.get_billing(maria, demo["blue"])) == before


@pytest.mark.parametrize("company_id", [99_999, 0, -1], ids=["unknown", "zero", "negative"])
def test_owner_asking_for_a_company_that_does_not_exist_gets_the_same_refusal(
    demo, company_id
):
    before = len(refusals())

    with pytest.raises(Refused, match="another company"):
        store.trail.history.company_history(store.people.access.resolve_actor(JONAS), company_id)

    # Refused, not "not found": whether a company id exists is itself another company's data.
    [event] = refusals()[before:]
    assert (event.actor_email, event.company, event.action) == (JONAS, demo["nordwind"],
                                                                "history.read")
    assert event.reason.endswith(f"(company {company_id})")


def test_another_companys_invoice_asked_under_ones_own_company_is_a_recorded_reach(
    demo, downloads
):
    """#18 trial: it read as missing (exit 5) and no trail line said an owner reached for it.
    A number of another company's series is refused and recorded whether it exists or not."""
    jonas = store.people.access.resolve_actor(JONAS)
    number = blue_invoice(demo)
    made_up = "INV-000009-0001"

    with pytest.raises(Refused) as other:
        store.invoicing.invoices.invoice_document(jonas, demo["nordwind"], number)
    with pytest.raises(Refused) as missing:
        store.invoicing.invoices.download_invoice(jonas, demo["nordwind"], made_up, downloads)

    # Word for word the message of a number that exists nowhere: nothing about Blue Harbor.
    assert other.value.message.replace(number, made_up) == missing.value.message
    assert "Blue" not in other.value.message
    assert list(downloads.iterdir()) == []
    lines = refusals()
    assert [line.company for line in lines] == [demo["nordwind"]] * 2  # the reacher's trail
    assert lines[0].reason.endswith(f"(company {demo['blue']})")


def test_owner_searching_across_companies_is_refused_and_recorded(demo):
    before = len(refusals())

    with pytest.raises(Refused):
        store.profile.search.search_companies(store.people.access.resolve_actor(JONAS), "Blue")

    assert [(e.actor_email, e.outcome) for e in refusals()[before:]] == [(JONAS, "refused")]
