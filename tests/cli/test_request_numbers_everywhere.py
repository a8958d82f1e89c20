"""Every History line about a change request names it (#N), wherever the trail is read: the
company's History, History of every company and the History export, CSV and JSON Lines (#18
trial: `export history --format csv` wrote a request sent without its number, so an agent could
not find the request from the export). A request sent before #16 kept one line per field and
no number; the one place (store.trail.history_requests) finds it for every reader."""

from __future__ import annotations

import store.profile.requests
import store.trail.history
from store.persistence.models import AuditEvent
from store.persistence.models_requests import ChangeRequest
from store.trail.exports import export
from store.trail.history_all import all_history
from tui.export_cli import history_cells

MARIA = "maria@blueharbor.com"
BILLING = "billing@mycompany.example"
SUPPORT = "support@mycompany.example"
TO_NEW_YORK = {"line1": "350 Fifth Avenue", "postal_code": "10118", "city": "New York",
               "state": "NY"}


def _sent_the_old_way(company: int, request_id: int) -> None:
    """The per-field lines a request sent before #16 left: a field each, no number."""
    sent = ChangeRequest.get_by_id(request_id)
    for field, old, new in (("state", "CA", "NY"), ("city", "Mountain View", "New York")):
        AuditEvent.create(company=company, at=sent.requested_at, actor_email=MARIA,
                          actor_role="owner", action="request.create", field=field,
                          old_value=old, new_value=new, outcome="done")


def test_a_request_sent_is_named_by_every_reader_of_the_trail(demo, as_):
    maria = as_(MARIA)
    first = store.profile.requests.request_change(maria, demo["blue"], TO_NEW_YORK)
    store.profile.requests.reject_request(as_(BILLING), first.id, {"reason": "No lease"})
    second = store.profile.requests.request_change(maria, demo["blue"], TO_NEW_YORK)
    _sent_the_old_way(demo["blue"], second.id)
    store.profile.requests.withdraw_request(maria, second.id)

    old_lines = AuditEvent.select().where(AuditEvent.field.is_null(False)
                                          & (AuditEvent.action == "request.create"))
    old_ids = {line.id for line in old_lines}
    assert len(old_ids) == 2

    wanted = {("request.create", first.id), ("request.reject", first.id),
              ("request.create", second.id), ("request.withdraw", second.id)}
    company = store.trail.history.company_history(maria, demo["blue"]).items
    assert {(e.action, e.request_id) for e in company} == wanted
    everyone = all_history(as_(SUPPORT), company=demo["blue"]).items
    assert {(e.action, e.request_id) for e in everyone} == wanted
    assert {e.request_id for e in everyone if e.id in old_ids} == {second.id}

    rows: list[dict] = []
    export(as_(SUPPORT), "history", rows.append)
    requests = [r for r in rows if r["action"].startswith("request.")]
    assert {(r["action"], r["request_id"]) for r in requests} == wanted
    assert all(r["request_id"] is None for r in rows
               if not r["action"].startswith("request."))
    # CSV: History's words, the number in the action as on screen, and a column of its own.
    words = [history_cells(r) for r in requests]
    sent = [w["action"] for w in words if w["field"] is not None]
    assert sent == [f"Request #{second.id} sent"] * 2
    assert {w["action"] for w in words} == {
        f"Request #{first.id} sent", f"Request #{first.id} rejected",
        f"Request #{second.id} sent", f"Request #{second.id} withdrawn"}


def test_the_csv_export_has_the_request_column(cli):
    status, out, _ = cli("--as", SUPPORT, "export", "history")
    assert status == 0
    assert ",impersonator_email,request_id," in out.splitlines()[0]
