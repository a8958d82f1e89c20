"""Role × action × target: a person who may not do a thing is refused (exit 3, one line, recorded)
in the same words whether its target exists or not, so a refusal tells nothing of the invoices,
companies, recipients, staff, keys, requests or plan changes there are (SPEC §2, deny by
default). #18 trial: support's `invoices credit INV-…` of a number no one has read "There is no
invoice …", exit 5, where an existing one was refused, exit 3: the number was looked up before
the role was asked."""

from __future__ import annotations

import os

import asyncssh
import pytest

from store.persistence.db import database, open_database
from store.persistence.models import AuditEvent
from tests.cli.test_role_speaks_first import _last_line

SUPPORT, BILLING, ADMIN = ("support@mycompany.example", "billing@mycompany.example",
                           "admin@mycompany.example")
OWNER = "jonas@nordwind.de"  # company 2's owner
KEY = asyncssh.generate_private_key("ssh-ed25519", comment="tim").export_public_key().decode()
FINGERPRINT = asyncssh.import_public_key(KEY).get_fingerprint("sha256")
REASON = ["--reason", "asked"]

# action: (who may not, [argv naming a target that exists, argv naming one that does not, ...])
ACTIONS = {
    "invoices credit NUMBER": ({SUPPORT, OWNER}, [
        ["invoices", "credit", "INV-000002-0001", *REASON],
        ["invoices", "credit", "INV-000002-9999", *REASON],
        ["invoices", "credit", "INV-000099-0001", *REASON],
        ["invoices", "credit", "nonsense", *REASON]]),
    "invoices credit --company": ({SUPPORT}, [
        ["--company", "2", "invoices", "credit", "INV-000002-0001", *REASON],
        ["--company", "99", "invoices", "credit", "INV-000002-0001", *REASON]]),
    "invoices resend NUMBER": ({SUPPORT, OWNER}, [
        ["invoices", "resend", "INV-000002-0001", "--to", "a@b.example"],
        ["invoices", "resend", "INV-000002-9999", "--to", "a@b.example"]]),
    "set general": ({SUPPORT}, [
        ["--company", "2", "set", "general", "--name", "Other"],
        ["--company", "99", "set", "general", "--name", "Other"]]),
    "set address": ({SUPPORT}, [
        ["--company", "2", "set", "address", "--city", "Bremen", *REASON],
        ["--company", "99", "set", "address", "--city", "Bremen", *REASON]]),
    "recipients remove": ({SUPPORT}, [
        ["--company", "2", "recipients", "remove", "buchhaltung@nordwind.de", *REASON],
        ["--company", "2", "recipients", "remove", "nobody@nordwind.de", *REASON],
        ["--company", "99", "recipients", "remove", "nobody@nordwind.de", *REASON]]),
    "payment-method set": ({SUPPORT, OWNER}, [
        ["--company", "2", "payment-method", "set", "direct_debit", *REASON],
        ["--company", "99", "payment-method", "set", "direct_debit", *REASON]]),
    "plans cancel": ({SUPPORT, OWNER}, [
        ["plans", "cancel", "1", "--company", "2", *REASON],
        ["plans", "cancel", "999", "--company", "2", *REASON],
        ["plans", "cancel", "999", "--company", "99", *REASON]]),
    "plans trial": ({SUPPORT}, [
        ["plans", "trial", "--company", "2", "--now", *REASON],
        ["plans", "trial", "--company", "99", "--now", *REASON]]),
    "requests approve": ({SUPPORT, OWNER}, [
        ["requests", "approve", "1", *REASON], ["requests", "approve", "999", *REASON]]),
    "companies close": ({SUPPORT, BILLING}, [
        ["companies", "close", "2", *REASON], ["companies", "close", "99", *REASON]]),
    "companies set-owner": ({SUPPORT, BILLING}, [
        ["companies", "set-owner", "2", "--email", "o@x.example", "--name", "O", *REASON],
        ["companies", "set-owner", "99", "--email", "o@x.example", "--name", "O", *REASON]]),
    "staff remove": ({SUPPORT, BILLING}, [
        ["staff", "remove", SUPPORT], ["staff", "remove", "nobody@mycompany.example"]]),
    "staff set-role": ({SUPPORT, BILLING}, [
        ["staff", "set-role", SUPPORT, "admin"],
        ["staff", "set-role", "nobody@mycompany.example", "admin"]]),
    "keys list": ({SUPPORT, OWNER, BILLING}, [
        ["keys", "list", "tim@nordwind.de"], ["keys", "list", "nobody@nordwind.de"]]),
    "keys remove": ({SUPPORT, OWNER, BILLING}, [
        ["keys", "remove", FINGERPRINT], ["keys", "remove", "SHA256:" + "A" * 43]]),
}


@pytest.fixture
def targets(cli, tmp_path):
    """The demo, with a key of Tim's, a plan change (1) of company 2 and a change request (1)."""
    (tmp_path / "tim.pub").write_text(KEY)
    assert cli("--as", ADMIN, "keys", "add", "tim@nordwind.de", str(tmp_path / "tim.pub"))[0] == 0
    assert cli("--as", BILLING, "plans", "change", "--company", "2", "--from", "2027-03",
               "--users", "45", *REASON)[0] == 0
    assert cli("--as", "maria@blueharbor.com", "requests", "create", "--state", "NY",
               "--postal-code", "10118", "--city", "New York",
               "--line1", "350 Fifth Avenue")[0] == 0
    return cli


def _refused_lines_after(last: int) -> int:
    open_database(os.environ["MYCOMPANY_DATABASE_URL"])
    try:
        return AuditEvent.select().where((AuditEvent.id > last)
                                         & (AuditEvent.outcome == "refused")).count()
    finally:
        database.close()


@pytest.mark.parametrize("action", list(ACTIONS))
def test_who_may_not_is_refused_alike_whether_the_target_exists_or_not(targets, action):
    refused_roles, argvs = ACTIONS[action]
    for who in sorted(refused_roles):
        answers = []
        for argv in argvs:
            last = _last_line()
            status, _out, err = targets("--as", who, *argv)
            answers.append((status, err.strip(), _refused_lines_after(last)))
        said = answers[0][1]
        assert answers == [(3, said, 1)] * len(argvs), (who, argvs, answers)
        assert not said.startswith("mycompany: There is no"), said
