"""The billing team changes a customer's invoice recipients in the screens, with a reason (#18,
SPEC §2 "the billing team acting for a customer"), as `recipients add|remove --reason` does."""

from __future__ import annotations

from textual.widgets import DataTable

import store.people.access
import store.profile.billing
from store.persistence.models import AuditEvent
from tui.screens.reason import ReasonModal
from tui.screens.recipient import RecipientModal
from tui.widgets.form_field import FormField

from .helpers import cells, store_answered, type_text, until

BILLING = "billing@mycompany.example"


def recipients(app) -> DataTable:
    return app.company_screen().query_one("#recipients", DataTable)


async def test_the_billing_team_adds_a_recipient_with_its_reason(make_app, demo):
    app = make_app(BILLING, company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, RecipientModal), "the dialog opens")
        modal = app.screen
        await type_text(pilot, "ap@nordwind.de")
        await pilot.press("ctrl+s")  # no reason yet: said by its field, nothing added
        await store_answered(pilot)
        assert app.screen is modal
        assert modal.query_one("#row-reason", FormField).has_class("-invalid")
        modal.query_one("#field-reason").focus()
        await type_text(pilot, "Asked by phone")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await until(pilot, lambda: app.screen is not modal, "the dialog closes")
        assert "ap@nordwind.de" in cells(recipients(app), 0)
        line = AuditEvent.get(AuditEvent.action == "recipient.add")
        assert (line.actor_email, line.new_value, line.reason) == (
            BILLING, "ap@nordwind.de", "Asked by phone")


async def test_the_billing_team_removes_a_recipient_saying_why(make_app, demo):
    app = make_app(BILLING, company=demo["nordwind"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        recipients(app).focus()
        await pilot.press("r")  # buchhaltung@, the first
        await until(pilot, lambda: isinstance(app.screen, ReasonModal), "the reason is asked")
        await type_text(pilot, "Mailbox closed")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await until(pilot, lambda: not isinstance(app.screen, ReasonModal), "it closes")
        assert cells(recipients(app), 0) == ["jonas@nordwind.de"]
        line = AuditEvent.get(AuditEvent.action == "recipient.remove")
        assert (line.old_value, line.reason) == ("buchhaltung@nordwind.de", "Mailbox closed")
        assert store.profile.billing.get_billing(store.people.access.resolve_actor(
            "jonas@nordwind.de"),
                                         demo["nordwind"]).recipients == ["jonas@nordwind.de"]


async def test_the_banner_says_whose_view_it_is(make_app, demo):
    """The billing team may change what support only reads: the line over the company says
    which (it said "Support view" to everyone)."""
    from textual.widgets import Static

    for email, words in ((BILLING, "Billing team view"), ("support@mycompany.example",
                                                          "Support view")):
        app = make_app(email, company=demo["nordwind"], tab="general")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            banner = str(app.company_screen().query_one("#banner", Static).render())
            assert banner == f"{words}: Nordwind Logistik GmbH ({demo['nordwind']})"
