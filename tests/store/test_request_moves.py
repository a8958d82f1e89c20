"""A change request carries a whole move (R16, SPEC §5): the locked fields with the street,
postal code and city they need, checked as one address; approved on the version it was made
on; withdrawn by the owner."""

from __future__ import annotations

import pytest
from peewee import fn

import store
import store.errors
import store.people.access
import store.profile.billing
import store.profile.requests
import store.trail.audit
import store.trail.history
from store.persistence.models import AuditEvent, BillingAddress
from store.persistence.models_requests import ChangeRequest

JONAS = "jonas@nordwind.de"  # Nordwind Logistik GmbH, Hamburg, DE; trial over
MARIA = "maria@blueharbor.com"  # Blue Harbor Inc., Mountain View, CA; trial over
BILLING = "billing@mycompany.example"

TO_NEW_YORK = {"line1": "350 Fifth Avenue", "postal_code": "10118", "city": "New York",
               "state": "NY", "note": "We moved to Manhattan",
               "documents": "Lease sent by e-mail, ticket SUP-2291"}
TO_PARIS = {"line1": "12 rue des Lilas", "postal_code": "75011", "city": "Paris",
            "country": "FR", "vat_number": "FR40303265045"}


def address(company_id: int) -> BillingAddress:
    return BillingAddress.get(BillingAddress.company == company_id)


@pytest.mark.parametrize(("who", "company", "move"), [
    (MARIA, "blue", TO_NEW_YORK), (JONAS, "nordwind", TO_PARIS)])
def test_a_move_is_one_request_and_one_approval(demo, who, company, move):
    owner, bea = store.people.access.resolve_actor(who), store.people.access.resolve_actor(BILLING)
    before = address(demo[company])
    request = store.profile.requests.request_change(owner, demo[company], move)
    moved = {k: v for k, v in move.items() if k not in ("note", "documents")}
    assert (request.note, request.documents) == (move.get("note"), move.get("documents"))
    assert {c.field: c.new_value for c in request.changes} == moved
    assert {c.field: c.old_value for c in request.changes} == {
        f: getattr(before, f) for f in moved}
    assert (request.status, request.address_version) == ("pending", before.version)
    assert address(demo[company]).version == before.version  # nothing moved yet

    store.profile.requests.approve_request(bea, request.id, {"reason": "Lease checked"})
    after = address(demo[company])
    assert {f: getattr(after, f) for f in moved} == moved
    assert after.version == before.version + 1  # one save, all fields
    view = store.profile.billing.get_billing(owner, demo[company])
    assert view.change_requests[0].status == "approved"


def test_each_field_alone_would_not_be_a_valid_address(demo):
    """The reason a move is one request: state NY with a California ZIP is refused."""
    maria = store.people.access.resolve_actor(MARIA)
    with pytest.raises(store.errors.InvalidInput) as invalid:
        store.profile.requests.request_change(maria, demo["blue"], {"state": "NY"})
    assert "postal_code" in invalid.value.errors


def test_a_request_must_change_a_locked_field(demo):
    jonas = store.people.access.resolve_actor(JONAS)
    with pytest.raises(store.errors.InvalidInput) as invalid:
        store.profile.requests.request_change(jonas, demo["nordwind"], {"line2": "3. OG"})
    assert "yourself" in invalid.value.errors["line2"]
    assert not ChangeRequest.select().exists()


def test_approval_on_an_address_saved_since_asks_to_decide_again(demo):
    jonas, bea = store.people.access.resolve_actor(JONAS), store.people.access.resolve_actor(
        BILLING)
    request = store.profile.requests.request_change(jonas, demo["nordwind"], TO_PARIS)
    # The owner saves an open field after sending the request.
    before = address(demo["nordwind"])
    data = {f: getattr(before, f) for f in store.profile.billing.ADDRESS_FIELDS}
    data["line2"] = "Hinterhaus"
    store.profile.billing.save_address(jonas, demo["nordwind"], data, before.version)

    [queued] = store.profile.requests.list_requests(bea)
    assert queued.stale
    # The team sees both: the request's values and the field saved outside it since.
    assert [(c.field, c.old_value, c.current_value) for c in queued.changed_since] == [
        ("line2", before.line2, "Hinterhaus")]
    with pytest.raises(store.profile.requests.StaleRequest) as stale:
        store.profile.requests.approve_request(bea, request.id)
    assert stale.value.exit_status == 4
    assert "after this request was sent" in stale.value.message
    assert address(demo["nordwind"]).country == "DE"
    assert ChangeRequest.get_by_id(request.id).status == "pending"

    # Having looked at both, the team approves on the version now stored.
    store.profile.requests.approve_request(bea, request.id, address_version=queued.current_version)
    after = address(demo["nordwind"])
    assert (after.country, after.city, after.line2) == ("FR", "Paris", "Hinterhaus")


def test_approval_on_a_version_not_stored_is_a_conflict_even_if_nothing_moved(demo):
    """#16 trial: a wrong `address_version` was ignored while the address had not moved."""
    maria, bea = store.people.access.resolve_actor(MARIA), store.people.access.resolve_actor(
        BILLING)
    request = store.profile.requests.request_change(maria, demo["blue"], TO_NEW_YORK)
    with pytest.raises(store.errors.Conflict) as conflict:
        store.profile.requests.approve_request(bea, request.id,
            address_version=request.address_version - 1)
    assert conflict.value.exit_status == 4
    assert (address(demo["blue"]).state, ChangeRequest.get_by_id(request.id).status) == (
        "CA", "pending")


def test_the_owner_withdraws_a_waiting_request(demo):
    jonas, bea = store.people.access.resolve_actor(JONAS), store.people.access.resolve_actor(
        BILLING)
    request = store.profile.requests.request_change(jonas, demo["nordwind"], TO_PARIS)
    view = store.profile.billing.get_billing(jonas, demo["nordwind"])
    assert (view.can_request_change, view.can_withdraw_request) == (False, True)

    with pytest.raises(store.errors.Refused):
        store.profile.requests.withdraw_request(bea, request.id)  # only the owner
    withdrawn = store.profile.requests.withdraw_request(jonas, request.id)
    assert (withdrawn.status, withdrawn.decided_by) == ("withdrawn", JONAS)
    with pytest.raises(store.errors.Refused, match="withdrawn by the owner"):
        store.profile.requests.approve_request(bea, request.id)
    assert address(demo["nordwind"]).country == "DE"
    view = store.profile.billing.get_billing(jonas, demo["nordwind"])
    assert (view.can_request_change, view.can_withdraw_request) == (True, False)
    withdrawals = AuditEvent.select().where(AuditEvent.action == "request.withdraw")
    assert sorted((e.outcome, e.actor_email) for e in withdrawals) == sorted(
        [("done", JONAS), ("refused", BILLING)])  # one line for the decision; the refusal
    # The field is free again.
    store.profile.requests.request_change(jonas, demo["nordwind"], {"vat_number": "DE811907980"})


def test_requests_of_one_field_survive_the_migration_to_moves(demo, db):
    """A database made before moves (migration 0006) keeps each request, as one field."""
    from playhouse.migrations import Runner

    from store.persistence.schema import HISTORY_TABLE, MIGRATIONS_DIR

    runner = Runner(db, directory=str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)
    runner.down("0006_change_request_moves")
    db.execute_sql(
        "INSERT INTO change_request (company_id, field, old_value, new_value, note, status, "
        "requested_by, requested_at) VALUES (%s, 'vat_number', 'DE136695976', 'DE811907980', "
        "'merger', 'pending', %s, '2026-11-01 09:00:00')".replace("%s", db.param),
        (demo["nordwind"], JONAS))
    runner.up()
    [request] = store.profile.requests.list_requests(store.people.access.resolve_actor(BILLING))
    assert [(c.field, c.old_value, c.new_value) for c in request.changes] == [
        ("vat_number", "DE136695976", "DE811907980")]
    assert (request.note, request.address_version, request.stale) == ("merger", None, False)
    store.profile.requests.approve_request(store.people.access.resolve_actor(BILLING), request.id)
    assert address(demo["nordwind"]).vat_number == "DE811907980"


def test_a_stale_request_shows_only_the_fields_saved_outside_it_since(demo):
    """Saved before the request, or saved back to its value, or in the request: not listed."""
    jonas, bea = store.people.access.resolve_actor(JONAS), store.people.access.resolve_actor(
        BILLING)
    first = address(demo["nordwind"])
    data = {f: getattr(first, f) for f in store.profile.billing.ADDRESS_FIELDS}
    data["line2"] = "Vorderhaus"  # before the request: not "since"
    store.profile.billing.save_address(jonas, demo["nordwind"], data, first.version)
    # Not a move abroad: a new country needs every street line sent (store.forms.moves); a new
    # street its second line, here kept.
    request = store.profile.requests.request_change(jonas, demo["nordwind"], {
        "vat_number": "DE811907980", "line1": "Neuer Wall 1", "line2": "Vorderhaus"})
    assert request.changed_since == ()
    for line2, line1 in (("Hinterhaus", first.line1), ("Vorderhaus", "Hafenstraße 2")):
        data.update(line2=line2, line1=line1)
        store.profile.billing.save_address(jonas, demo["nordwind"], data,
                                   address(demo["nordwind"]).version)
    [queued] = store.profile.requests.list_requests(bea)
    # line1 is in the request (its "when asked" shows there); line2 is back to its value then.
    assert queued.stale and queued.changed_since == ()
    assert {c.field: c.current_value for c in queued.changes}["line1"] == "Hafenstraße 2"


def test_approving_a_move_writes_a_line_per_field_and_one_naming_the_request(demo):
    jonas, bea = store.people.access.resolve_actor(JONAS), store.people.access.resolve_actor(
        BILLING)
    request = store.profile.requests.request_change(jonas, demo["nordwind"], TO_PARIS)
    mark = AuditEvent.select(fn.MAX(AuditEvent.id)).scalar()
    store.profile.requests.approve_request(bea, request.id, {"reason": "Lease checked",
                                                     "ticket": "SUP-7"})
    lines = list(AuditEvent.select().where(AuditEvent.id > mark).order_by(AuditEvent.id))
    assert [(e.action, e.field) for e in lines] == [
        ("address.save", f) for f in ("line1", "postal_code", "city", "country", "vat_number")
    ] + [("company.time_zone", "time_zone"),  # Berlin -> Paris: the zone follows the move
         ("request.approve", None)]  # 5 fields, the zone + the decision, not 10 lines
    assert {e.reason for e in lines[:-1]} == {f"Request #{request.id}: Lease checked"}
    assert (lines[-1].reason, lines[-1].ticket) == ("Lease checked", "SUP-7")
    page = store.trail.history.company_history(jonas, demo["nordwind"])
    assert store.trail.audit.request_decision(page.items[0]) == (request.id, [
        ("line1", "12 rue des Lilas"), ("postal_code", "75011"), ("city", "Paris"),
        ("country", "FR"), ("vat_number", "FR40303265045")])  # in the address's own order


def test_a_request_for_another_country_drops_the_old_countrys_state(demo):
    maria = store.people.access.resolve_actor(MARIA)
    request = store.profile.requests.request_change(maria, demo["blue"], {
        "country": "France", "line1": "12 rue des Lilas", "postal_code": "75011",
        "city": "Paris"})
    assert {c.field: c.new_value for c in request.changes}["state"] is None


def test_an_owner_refused_on_another_companys_request_is_in_their_own_trail(demo):
    """Jonas (Nordwind) tries to withdraw Blue Harbor's request: Blue Harbor's History does not
    show him; Nordwind's does, to its owner and to staff, as a number that is none of
    Nordwind's (#16 trial t16: not whose it is)."""
    maria, jonas = store.people.access.resolve_actor(MARIA), store.people.access.resolve_actor(
        JONAS)
    request = store.profile.requests.request_change(maria, demo["blue"], {
        "state": "NY", "line1": "350 Fifth Avenue", "postal_code": "10118", "city": "New York"})
    with pytest.raises(store.errors.NotFound):
        store.profile.requests.withdraw_request(jonas, request.id)
    blue = store.trail.history.company_history(maria, demo["blue"]).items
    assert JONAS not in {e.actor_email for e in blue}
    [tried] = [e for e in store.trail.history.company_history(jonas, demo["nordwind"]).items
               if e.outcome == "refused"]
    assert (tried.action, tried.actor_email) == ("request.withdraw", JONAS)
    assert tried.reason == f"There is no change request {request.id}."
    assert ChangeRequest.get_by_id(request.id).status == "pending"


def test_a_request_that_no_longer_fits_the_address_says_so_and_what_to_do(demo):
    """#16 trial: Blue Harbor asked for a US tax id; the billing team then moved the address to
    Canada; approving said "check it for a typo" of an option `approve` does not have."""
    maria, bea = store.people.access.resolve_actor(MARIA), store.people.access.resolve_actor(
        BILLING)
    request = store.profile.requests.request_change(maria, demo["blue"], {
        "vat_number": "12-3456789"})
    before = address(demo["blue"])
    data = {f: getattr(before, f) for f in store.profile.billing.ADDRESS_FIELDS}
    data.update(country="CA", state="ON", postal_code="K1A 0A9", city="Ottawa",
                line1="111 Wellington St", vat_number=None)
    moved = store.profile.billing.save_address(bea, demo["blue"], data, before.version,
                                       reason={"reason": "moved", "ticket": None})
    with pytest.raises(store.errors.InvalidInput) as refused:
        store.profile.requests.approve_request(bea, request.id,
                                       address_version=moved.address.version)
    [message] = refused.value.errors.values()
    assert message.startswith(f"Request #{request.id} no longer fits the billing address as "
                              "it is now (VAT number: ")
    assert message.endswith("Reject it, or change the address first.")
    assert ChangeRequest.get_by_id(request.id).status == "pending"
