"""One action, one transaction: concurrent writers keep the rules, aborted attempts are retried.

On PostgreSQL transactions are SERIALIZABLE and the server may abort one (40001, 40P01); the store
runs the action again a few times, then reports a conflict. On SQLite, BEGIN IMMEDIATE queues the
writers instead. Both must keep the same invariants.
"""

from __future__ import annotations

import threading

import psycopg.errors
import pytest
from peewee import OperationalError

import store
import store.errors
import store.people.access
from store.persistence.db import RETRIES, database
from store.persistence.models import AuditEvent, Company, InvoiceRecipient
from store.profile import billing, company

JONAS = "jonas@nordwind.de"


def aborted(error_class) -> OperationalError:
    """A server abort as peewee raises it: the driver's error wrapped, its SQLSTATE kept."""
    return OperationalError(error_class("aborted by the server for the test"))


@pytest.mark.parametrize("error_class", [psycopg.errors.SerializationFailure,
                                         psycopg.errors.DeadlockDetected])
def test_an_aborted_save_is_run_again_and_saved_once(demo, monkeypatch, error_class):
    jonas = store.people.access.resolve_actor(JONAS)
    view = company.get_general(jonas, demo["nordwind"])
    real_record, attempts = company.record, []

    def abort_first_attempt(*args, **kwargs):
        attempts.append(1)
        real_record(*args, **kwargs)  # written, then rolled back with the aborted attempt
        if len(attempts) == 1:
            raise aborted(error_class)

    monkeypatch.setattr(company, "record", abort_first_attempt)
    form = {"name": "Nordwind Retry GmbH", "website": view.website}
    saved = company.save_general(jonas, demo["nordwind"], form, view.version)
    assert saved.name == "Nordwind Retry GmbH" and saved.version == view.version + 1
    assert len(attempts) == 2
    trail = AuditEvent.select().where(AuditEvent.action == "general.save")
    assert [e.new_value for e in trail] == ["Nordwind Retry GmbH"]


def test_a_save_aborted_every_time_is_a_conflict_and_writes_nothing(demo, monkeypatch):
    jonas = store.people.access.resolve_actor(JONAS)
    view = company.get_general(jonas, demo["nordwind"])
    attempts = []

    def always_abort(*args, **kwargs):
        attempts.append(1)
        raise aborted(psycopg.errors.SerializationFailure)

    monkeypatch.setattr(company, "record", always_abort)
    form = {"name": "Never Saved AG", "website": view.website}
    with pytest.raises(store.errors.Conflict, match="someone else"):
        company.save_general(jonas, demo["nordwind"], form, view.version)
    assert len(attempts) == RETRIES
    assert Company.get_by_id(demo["nordwind"]).name == view.name
    assert not AuditEvent.select().where(AuditEvent.action == "general.save").exists()


def test_two_owners_removing_the_two_last_recipients_at_once_leave_one(demo, monkeypatch):
    """Write skew: each removal reads "two recipients", removes a different one. Serialized, the
    second sees only one left and is refused (PostgreSQL: aborted, retried, then refused)."""
    nordwind = demo["nordwind"]
    emails = [r.email for r in
              InvoiceRecipient.select().where(InvoiceRecipient.company == nordwind)]
    assert len(emails) == 2
    database.close()
    both_inside = threading.Barrier(2, timeout=2)  # SQLite queues the second: nobody waits long
    real_record = billing.record

    def meet_before_commit(*args, **kwargs):
        real_record(*args, **kwargs)
        try:
            both_inside.wait()
        except threading.BrokenBarrierError:
            pass

    monkeypatch.setattr(billing, "record", meet_before_commit)
    outcomes: dict[str, object] = {}

    def remove(email: str) -> None:
        actor = store.people.access.resolve_actor(JONAS)
        try:
            billing.remove_recipient(actor, nordwind, email)
            outcomes[email] = "removed"
        except store.errors.StoreError as error:
            outcomes[email] = error
        finally:
            database.close()

    threads = [threading.Thread(target=remove, args=(email,)) for email in emails]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(map(str, outcomes.values())) == [
        "The last recipient cannot be removed; add another one first.", "removed"]
    left = list(InvoiceRecipient.select().where(InvoiceRecipient.company == nordwind))
    assert len(left) == 1
    removed = [e for e, outcome in outcomes.items() if outcome == "removed"]
    assert [e.old_value for e in AuditEvent.select().where(
        (AuditEvent.action == "recipient.remove") & (AuditEvent.outcome == "done"))] == removed
