"""The staff rules (SPEC §2, §6): support reads everything and edits nothing; billing decides."""

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
import store.trail.history
from store.persistence.models import AuditEvent, BillingAddress
from store.persistence.models_requests import ChangeRequest

SUPPORT = "support@mycompany.example"
BILLING = "billing@mycompany.example"
JONAS = "jonas@nordwind.de"


def request_vat(demo, value="DE811907980"):
    return store.profile.requests.request_change(
        store.people.access.resolve_actor(JONAS), demo["nordwind"],
        {"vat_number": value, "note": "merger"})


def test_staff_support_reads_every_tab_of_any_company(demo):
    sam = store.people.access.resolve_actor(SUPPORT)
    for company_id in demo.values():
        assert store.profile.company.get_general(sam, company_id).can_edit is False
        assert store.plans.plan.licence_summary(sam, company_id).company_id == company_id
        view = store.profile.billing.get_billing(sam, company_id)
        assert view.editable_fields == []
        assert not view.can_manage_card and not view.can_manage_recipients
        store.invoicing.invoices.list_invoices(sam, company_id)
        store.trail.history.company_history(sam, company_id)


def test_staff_support_edits_nothing(demo, tmp_path):
    sam = store.people.access.resolve_actor(SUPPORT)
    cid = demo["nordwind"]
    address = BillingAddress.get(BillingAddress.company == cid)
    data = {f: getattr(address, f) for f in ("line1", "line2", "postal_code", "city", "state",
                                            "country", "vat_number")}
    data["line1"] = "Neuer Wall 1"

    attempts = [
        lambda: store.profile.company.save_general(sam, cid, {"name": "X"}, 1),
        lambda: store.profile.company.delete_logo(sam, cid),
        lambda: store.profile.billing.save_address(sam, cid, data, address.version,
                                           reason={"reason": "asked"}),
        lambda: store.profile.billing.add_recipient(sam, cid, {"email": "a@b.example"}),
        lambda: store.profile.billing.remove_recipient(sam, cid, "jonas@nordwind.de"),
        lambda: store.profile.billing.set_other_payment_method(
            sam, cid, "bank_transfer", {"reason": "asked"}),
    ]
    for attempt in attempts:
        with pytest.raises(store.errors.Refused):
            attempt()
    assert AuditEvent.select().where((AuditEvent.actor_email == SUPPORT)
                                     & (AuditEvent.outcome == "refused")).count() == len(attempts)


def test_staff_support_cannot_decide_requests(demo):
    request = request_vat(demo)
    with pytest.raises(store.errors.Refused):
        store.profile.requests.approve_request(store.people.access.resolve_actor(SUPPORT),
            request.id)
    assert ChangeRequest.get_by_id(request.id).status == "pending"


def test_staff_billing_sees_the_queue_across_companies(demo):
    request = request_vat(demo)
    queue = store.profile.requests.list_requests(store.people.access.resolve_actor(BILLING))
    assert [(r.id, r.company_name, [(c.field, c.old_value, c.new_value) for c in r.changes])
            for r in queue] == [(request.id, "Nordwind Logistik GmbH",
                                 [("vat_number", "DE136695976", "DE811907980")])]


def test_staff_owner_sees_only_their_companys_requests(demo):
    request_vat(demo)
    jonas = store.people.access.resolve_actor(JONAS)
    with pytest.raises(store.errors.Refused):
        store.profile.requests.list_requests(jonas)
    assert len(store.profile.requests.list_requests(jonas, demo["nordwind"])) == 1
    with pytest.raises(store.errors.Refused):
        store.profile.requests.list_requests(jonas, demo["blue"])


def test_staff_billing_rejects_with_a_reason_the_owner_reads(demo):
    request = request_vat(demo)
    bea = store.people.access.resolve_actor(BILLING)
    with pytest.raises(store.errors.InvalidInput):
        store.profile.requests.reject_request(bea, request.id, {"reason": ""})
    store.profile.requests.reject_request(bea, request.id,
                                  {"reason": "Number not in VIES"})
    view = store.profile.billing.get_billing(store.people.access.resolve_actor(JONAS),
        demo["nordwind"])
    assert (view.change_requests[0].status, view.change_requests[0].decision_reason) == (
        "rejected", "Number not in VIES")
    assert view.address.vat_number == "DE136695976"


def test_staff_billing_approval_applies_the_change_in_the_same_transaction(demo):
    request = request_vat(demo)
    store.profile.requests.approve_request(store.people.access.resolve_actor(BILLING), request.id)
    assert BillingAddress.get(BillingAddress.company == demo["nordwind"]).vat_number == \
        "DE811907980"
    actions = [e.action for e in AuditEvent.select().order_by(AuditEvent.id)]
    assert actions[-2:] == ["address.save", "request.approve"]


def test_staff_a_request_is_decided_once(demo):
    request = request_vat(demo)
    bea = store.people.access.resolve_actor(BILLING)
    store.profile.requests.approve_request(bea, request.id)
    with pytest.raises(store.errors.Refused, match="already approved"):
        store.profile.requests.reject_request(bea, request.id, {"reason": "late"})


def test_staff_an_invalid_request_is_refused_at_once(demo):
    with pytest.raises(store.errors.InvalidInput) as refused:
        request_vat(demo, value="DE000000000")
    assert "vat_number" in refused.value.errors


def test_staff_trial_owner_changes_fields_without_a_request(demo):
    with pytest.raises(store.errors.Refused, match="trial"):
        store.profile.requests.request_change(
            store.people.access.resolve_actor("camille@atelier-lumiere.fr"), demo["atelier"],
            {"country": "DE"})


def test_staff_history_is_newest_first_and_owners_see_only_their_own(demo):
    request = request_vat(demo)
    store.profile.requests.approve_request(store.people.access.resolve_actor(BILLING), request.id)
    page = store.trail.history.company_history(store.people.access.resolve_actor(JONAS),
        demo["nordwind"])
    assert [e.action for e in page.items][:3] == ["request.approve", "address.save",
                                                 "request.create"]
    assert page.items[0].actor_role == "billing"
    with pytest.raises(store.errors.Refused):
        store.trail.history.company_history(store.people.access.resolve_actor(JONAS), demo["blue"])
    refused = AuditEvent.select().where(AuditEvent.outcome == "refused").first()
    # In Jonas's own trail: Blue Harbor's owner never reads an outsider's name (#16).
    assert refused.company == demo["nordwind"] and refused.actor_email == JONAS


def test_staff_unknown_staff_role_is_refused(demo):
    from store.persistence.models import Staff

    Staff.create(email="intern@mycompany.example", name="Intern", role="intern")
    with pytest.raises(store.errors.Refused):
        store.people.access.resolve_actor("intern@mycompany.example")


def test_staff_one_pending_request_per_company(demo):
    first = request_vat(demo)
    with pytest.raises(store.errors.Refused) as refused:
        request_vat(demo, value="DE136695976 ".replace("136695976", "811907980"))
    assert f"Request {first.id} is already waiting" in refused.value.message
    assert "withdraw it" in refused.value.message
    assert ChangeRequest.select().count() == 1
