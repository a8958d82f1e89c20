"""Role × command: who may not do a thing is told so first, exit 3 and recorded, whatever else
is wrong (#18 trial: support's `--company 2 invoices pay --yes` on a company with no card exited 1,
"There is no card on file", and left no line; with a card on file it was exit 3, recorded).

Every command runs on company 2 closed and without a card, with values that fail their checks:
each later check would refuse too, so a role check that is not first shows here. A refused line
keeps what was tried, named as people read it (no option or column name left raw)."""

from __future__ import annotations

import os

import pytest

from store.persistence.db import database, open_database
from store.persistence.models import AuditEvent, Company, PaymentMethod
from store.views import AuditEntryView
from tui import audit_text
from tui.trail_words import audit_field_label

SUPPORT, BILLING, ADMIN = ("support@mycompany.example", "billing@mycompany.example",
                           "admin@mycompany.example")
PEOPLE = {"support": SUPPORT, "billing": BILLING, "admin": ADMIN,
          "owner": "jonas@nordwind.de",  # company 2's owner
          "user": "petra@nordwind.de",  # an admin of company 2: not its owner (R1)
          "other": "camille@atelier-lumiere.fr"}  # company 1's owner, reaching for company 2
STAFF, TEAM = {"support", "billing", "admin"}, {"billing", "admin"}

# What each person who may not act reads (SPEC §2), and nothing else.
ROLE_REFUSALS = {
    "Staff members read this but only the company's owner changes it.",
    "Only the company's owner can open My company; your role is admin.",
    "You may not see another company's information.",
    "Only the billing team can do this.",
    "Only admin staff can do this.",
    "Support staff read the billing address but do not change it.",
    "Only admin staff change the seller's settings.",
    "Only admin staff manage another person's keys; you may manage your own.",
    "Only the vendor's staff export or read History across companies.",
    "Only the vendor's staff search across companies.",
    "Only the vendor's staff list companies.",
}
BAD_CARD = "1234\n13/99\nx\n\n"
NOWHERE = "/nonexistent/h18/file"

# (command on company 2 unless it is the vendor's, who may, its arguments: each value wrong)
COMMANDS = {
    "set general": ({"owner"}, ["set", "general", "--name", ""]),
    "set address": ({"owner"} | TEAM, ["set", "address", "--postal-code", "!!"]),
    "recipients add": ({"owner"} | TEAM, ["recipients", "add", "not an address"]),
    "recipients remove": ({"owner"} | TEAM, ["recipients", "remove", "nobody@x.example"]),
    "card set": ({"owner"}, ["card", "set"]),
    "logo set": ({"owner"}, ["logo", "set", NOWHERE]),
    "logo delete": ({"owner"}, ["logo", "delete"]),
    "invoices pay": ({"owner"}, ["invoices", "pay", "--yes"]),
    "invoices pay NUMBER": ({"owner"}, ["invoices", "pay", "INV-000002-9999", "--yes"]),
    "requests create": ({"owner"}, ["requests", "create", "--postal-code", "!!"]),
    "requests withdraw": ({"owner", "other"}, ["requests", "withdraw", "999"]),
    "payment-method set": (TEAM, ["payment-method", "set", "direct_debit", "--reason", " "]),
    "invoices credit": (TEAM, ["invoices", "credit", "INV-000002-9999", "--reason", " "]),
    "invoices resend": (TEAM, ["invoices", "resend", "INV-000002-9999", "--to", "not one"]),
    "requests approve": (TEAM, ["requests", "approve", "999", "--reason", "\x07"]),
    "requests reject": (TEAM, ["requests", "reject", "999", "--reason", " "]),
    "plans change": (TEAM, ["plans", "change", "--from", "2020-01", "--plan", "nosuch",
                            "--reason", " "]),
    "plans cancel": (TEAM, ["plans", "cancel", "999", "--reason", " "]),
    "plans trial": (TEAM, ["plans", "trial", "--ends", "yesterday", "--reason", " "]),
    "invoices issue": (TEAM, ["invoices", "issue", "--period", "2099-13"], None),
    "sync": (TEAM, ["sync", NOWHERE], None),
    "companies set-owner": ({"admin"}, ["companies", "set-owner", "2", "--email", "bad",
                                        "--name", "", "--reason", " "], None),
    "companies close": ({"admin"}, ["companies", "close", "999", "--reason", " "], None),
    "companies create": ({"admin"}, ["companies", "create", "--name", "", "--country", "XX",
                                     "--plan", "nosuch", "--term", "monthly", "--owner-email",
                                     "bad", "--owner-name", ""], None),
    "staff add": ({"admin"}, ["staff", "add", "bad", "--name", "", "--role", "support"], None),
    "staff set-role": ({"admin"}, ["staff", "set-role", "nobody@x.example", "billing"], None),
    "staff remove": ({"admin"}, ["staff", "remove", "nobody@x.example"], None),
    "staff list": ({"admin"}, ["staff", "list"], None),
    "prices set": ({"admin"}, ["prices", "set", "--plan", "nosuch", "--frequency", "weekly",
                               "--currency", "XXX", "--item", "nosuch", "--amount", "-1",
                               "--from", "2020-01", "--reason", " "], None),
    "seller set": ({"admin"}, ["seller", "set", "--vat", "bad"], None),
    "keys add": ({"admin"}, ["keys", "add", "tim@nordwind.de", NOWHERE], None),
    "export": (STAFF, ["export", "companies", "--out", NOWHERE], None),
    "history": (STAFF, ["history", "--company", "999"], None),
    "search": (STAFF, ["search", "nordwind"], None),
    "companies list": (STAFF, ["companies", "list"], None),
}


def _lines_after(last: int) -> list[AuditEntryView]:
    open_database(os.environ["MYCOMPANY_DATABASE_URL"])
    try:
        return [AuditEntryView.from_row(row) for row in AuditEvent.select().where(
            (AuditEvent.id > last) & (AuditEvent.action != "sign_in")).dicts()]
    finally:
        database.close()


def _last_line() -> int:
    open_database(os.environ["MYCOMPANY_DATABASE_URL"])
    try:
        return AuditEvent.select().order_by(AuditEvent.id.desc()).first().id
    finally:
        database.close()


@pytest.fixture
def closed_without_card(cli):
    """Company 2 closed and its card gone: every later check of a write refuses too."""
    open_database(os.environ["MYCOMPANY_DATABASE_URL"])
    PaymentMethod.delete().where(PaymentMethod.company == 2).execute()
    Company.update(closed_at=Company.created_at).where(Company.id == 2).execute()
    database.close()
    return cli


@pytest.mark.parametrize("command", list(COMMANDS))
def test_who_may_not_is_refused_first_and_recorded(closed_without_card, command):
    may, argv, *vendors = COMMANDS[command]
    company = [] if vendors else ["--company", "2"]
    wrong = []
    for role, email in PEOPLE.items():
        last = _last_line()
        status, _out, err = closed_without_card("--as", email, *argv, *company, stdin=BAD_CARD)
        said = err.strip().removeprefix("mycompany: ")
        if role in may:
            if said in ROLE_REFUSALS:
                wrong.append(f"{role} may, but read {said!r}")
            continue
        refused = [e for e in _lines_after(last) if e.outcome == "refused"]
        if status != 3 or said not in ROLE_REFUSALS:
            wrong.append(f"{role}: exit {status}, {said[:90]!r}")
        elif len(refused) != 1 or not audit_text.reason_text(refused[0]).startswith(said):
            # (the reason given after it, the company reached for by a company user)
            wrong.append(f"{role}: recorded {[audit_text.reason_text(e) for e in refused]}")
        else:
            [line] = refused
            names = [name for name, _v in audit_text.tried_values(line) or []] + [line.field]
            raw = [n for n in names if n and audit_field_label(n, None, line.action) == n]
            if raw:
                wrong.append(f"{role}: the line names {raw} as stored")
    assert not wrong, f"{command}: " + "; ".join(wrong)


def _refused_line(cli, *argv: str) -> AuditEntryView:
    last = _last_line()
    status, _out, _err = cli("--as", SUPPORT, *argv)
    assert status == 3
    [line] = [e for e in _lines_after(last) if e.outcome == "refused"]
    return line


def test_a_refused_billing_run_keeps_its_period(cli):
    """#18 trial: support's refused `invoices issue --period 2026-12` read "Invoice issue —"."""
    line = _refused_line(cli, "invoices", "issue", "--period", "2026-12")
    assert (audit_text.title(line), audit_text.change(line)) == (
        "Invoice issue · Period", "tried 2026-12")


def test_a_refused_plan_change_names_its_values_as_its_lines_done_do(cli):
    """#18 trial: "tried from: 2027-02 · users: 5", where a change done reads "Users included"."""
    line = _refused_line(cli, "plans", "change", "--company", "2", "--from", "2027-02",
                         "--users", "5", "--add", "analytics_plus", "--reason", "asked")
    assert audit_text.change(line) == (
        "tried From: 2027-02 · Users included: 5 · Products added: Analytics+")
    assert audit_text.reason_text(line) == (
        "Only the billing team can do this. Reason given: asked")


def test_support_paying_for_a_company_without_a_card_is_refused_as_with_one(cli):
    """The trial's example: the same refusal, card or none."""
    open_database(os.environ["MYCOMPANY_DATABASE_URL"])
    PaymentMethod.delete().where(PaymentMethod.company == 2).execute()
    database.close()
    line = _refused_line(cli, "--company", "2", "invoices", "pay", "--yes")
    assert (audit_text.title(line), audit_text.change(line), audit_text.reason_text(line)) == (
        "Invoice payment · Invoices", "tried every open invoice",
        "Staff members read this but only the company's owner changes it.")


def test_a_refusal_about_a_company_that_does_not_exist_names_its_number_in_no_company(cli):
    """Verification trial: support's `--company 99 invoices pay --yes` (no company 99) was
    listed under "99" in History of every company; the line is vendor-wide, naming the number."""
    last = _last_line()
    line = _refused_line(cli, "--company", "99", "invoices", "pay", "--yes")
    assert audit_text.reason_text(line).endswith(" (company 99)")
    open_database(os.environ["MYCOMPANY_DATABASE_URL"])
    try:
        [company] = [row.company for row in AuditEvent.select().where(
            (AuditEvent.id > last) & (AuditEvent.outcome == "refused"))]
    finally:
        database.close()
    assert company is None
