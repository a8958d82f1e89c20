"""A bank's refusals are in History, worded (#17 trial): a card declined at `card set` left no
line at all, and a declined charge's line had no amount and read its reason as the code
"declined"."""

from __future__ import annotations

import pytest

import store.invoicing.billing_run
from store.people.access import resolve_actor
from store.persistence.models import PaymentMethod


def test_a_card_declined_at_card_set_is_a_refused_line_naming_the_card(cli):
    status, _, _ = cli("--as", "jonas@nordwind.de", "card", "set",
                       stdin="4000 0000 0000 0002\n12/29\n123\nJonas Weber\n")
    assert status == 1
    _, out, _ = cli("--as", "jonas@nordwind.de", "show", "history")
    line = next(line for line in out.splitlines() if "•••• 0002" in line)
    assert "declined by the bank" in line and "refused" in line
    assert "4000" not in out  # the most History says of a card: brand and last four


@pytest.mark.usefixtures("december_begun")  # December issued once begun (#17)
def test_a_charge_declined_at_issue_names_its_amount(cli):
    from store.persistence.db import database

    database.connect(reuse_if_open=True)
    PaymentMethod.update(token="tok_sandbox_declines_test").execute()
    store.invoicing.billing_run.issue_period(resolve_actor("billing@mycompany.example"), "2026-12",
                                   company_id=2)
    database.close()
    _, out, _ = cli("--as", "jonas@nordwind.de", "show", "history")
    line = next(line for line in out.splitlines() if "declined by the bank" in line)
    assert "€2,567.00" in line and "Visa •••• 4242" in line


def test_refused_invoice_actions_say_what_was_tried(cli):
    """#17 trial: History read "Credit note —" and "Invoice payment —" for refusals."""
    jonas = ("--as", "jonas@nordwind.de")
    assert cli(*jonas, "invoices", "credit", "INV-000002-0013", "--reason", "x")[0] == 3
    assert cli("--as", "billing@mycompany.example", "--company", "2", "invoices", "pay",
               "--yes")[0] == 3
    _, out, _ = cli(*jonas, "show", "history")
    credit = next(line for line in out.splitlines() if "Credit note" in line)
    assert "tried INV-000002-0013" in credit
    _, out, _ = cli("--as", "billing@mycompany.example", "--company", "2", "show", "history")
    paying = next(line for line in out.splitlines() if "Invoice payment" in line)
    # As asked: who may pay is checked before what is open is read (#18 trial), so the line
    # says what the person asked for, every open invoice, not which were open.
    assert "tried every open invoice" in paying


def test_the_demo_says_why_two_invoices_are_past_due_with_a_card_on_file(cli):
    """#17 trial: the demo's two past-due invoices had a working card and no word in History.
    The past runs' charges are there: paid at issue, and the last two declined."""
    _, out, _ = cli("--as", "jonas@nordwind.de", "show", "history")
    declined = [line for line in out.splitlines() if "declined by the bank" in line]
    assert ["INV-000002-0014" in declined[0], "INV-000002-0013" in declined[1]] == [True, True]
    # To the card Nordwind had then (it expired), which Jonas replaced after the last decline:
    # not to Visa •••• 4242, which always succeeds (#17 trial).
    assert "INV-000002-0012 charged to Visa •••• 1881 at issue" in out
    assert all("4242" not in line for line in declined)
    assert any("Visa •••• 1881 · 10/26 → Visa •••• 4242" in line for line in out.splitlines())


def test_the_billing_team_changes_a_customer_s_recipients_with_a_reason(cli):
    """#18, SPEC §2: the billing team changes recipients for a customer, with a reason that
    goes into the trail; without one it is refused; support may not."""
    bea = ("--as", "billing@mycompany.example", "--company", "2")
    status, _, err = cli(*bea, "recipients", "add", "ap@nordwind.de")
    assert status == 1 and "Reason" in err
    status, out, _ = cli(*bea, "recipients", "add", "ap@nordwind.de", "--reason",
                         "Asked by phone", "--ticket", "SUP-9")
    assert status == 0 and "ap@nordwind.de" in out
    assert cli(*bea, "recipients", "remove", "ap@nordwind.de", "--reason", "Left")[0] == 0
    assert cli("--as", "support@mycompany.example", "--company", "2", "recipients", "add",
               "x@nordwind.de", "--reason", "r")[0] == 3
    _, out, _ = cli("--as", "jonas@nordwind.de", "show", "history")
    added = next(line for line in out.splitlines() if "ap@nordwind.de" in line and "SUP-9" in line)
    assert "Asked by phone" in added
