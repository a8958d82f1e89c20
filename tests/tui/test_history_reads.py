"""History reads as what happened (SPEC §6): a request sent is not a change made, a rejection
leaves the value, a refusal shows what was tried and what it tried to do, values in the
reader's language, and a long reason and ticket readable in full at 80×24."""

from __future__ import annotations

import json

import pytest
from textual.widgets import DataTable, Static

import store
import store.errors
import store.people.access
import store.profile.billing
import store.profile.company
import store.profile.requests
import store.trail.history
from store.persistence.models import AuditEvent
from tui import audit_text

from .helpers import store_answered

JONAS = "jonas@nordwind.de"
BILLING = "billing@mycompany.example"
SUPPORT = "support@mycompany.example"


def lines(company_id: int):
    return store.trail.history.company_history(store.people.access.resolve_actor(JONAS),
        company_id).items


def test_each_kind_of_line_reads_as_what_happened(demo):
    jonas, bea = store.people.access.resolve_actor(JONAS), store.people.access.resolve_actor(
        BILLING)
    request = store.profile.requests.request_change(jonas, demo["nordwind"], {
        "vat_number": "DE811907980"})
    store.profile.requests.reject_request(bea, request.id, {"reason": "Not in VIES"})
    with pytest.raises(store.errors.Refused):  # support staff change nothing
        store.profile.billing.remove_recipient(store.people.access.resolve_actor(SUPPORT),
            demo["nordwind"],
                                       "jonas@nordwind.de")
    rejected, sent = [e for e in lines(demo["nordwind"]) if e.action.startswith("request.")]
    [refused] = [e for e in lines(demo["nordwind"]) if e.outcome == "refused"]
    assert audit_text.change(sent) == "asked VAT number: DE136695976 → DE811907980"
    assert audit_text.what(rejected) == f"Request #{request.id} rejected"  # one line, named
    assert audit_text.change(rejected) == "not applied: VAT number: DE136695976 → DE811907980"
    assert audit_text.what(refused) == "Refused: Recipient removal"
    assert audit_text.change(refused) == "tried to remove jonas@nordwind.de"


def test_a_refused_form_keeps_every_value_tried_in_one_line(demo):
    sam = store.people.access.resolve_actor(SUPPORT)
    with pytest.raises(store.errors.Refused):
        store.profile.company.save_general(sam, demo["nordwind"],
                                   {"name": "Hijacked GmbH", "website": "evil.example"}, 1)
    [line] = AuditEvent.select().where(AuditEvent.outcome == "refused")
    assert json.loads(line.new_value) == {"name": "Hijacked GmbH", "website": "evil.example"}
    [entry] = [e for e in lines(demo["nordwind"]) if e.outcome == "refused"]
    assert audit_text.change(entry) == \
        "tried Company name: Hijacked GmbH · Website: evil.example"


def test_french_history_names_a_payment_kind_in_french(demo):
    from store.i18n import set_language

    bea = store.people.access.resolve_actor(BILLING)
    store.profile.billing.set_other_payment_method(bea, demo["nordwind"], "bank_transfer",
                                           {"reason": "Wire agreed"})
    [entry] = [e for e in lines(demo["nordwind"]) if e.action == "payment_method.set"]
    assert entry.new_value == "bank_transfer"  # kept in no one's language
    set_language("fr")
    try:
        assert audit_text.change(entry).endswith("→ Virement")
    finally:
        set_language("en")


async def test_enter_shows_a_long_reason_and_ticket_whole_at_80x24(make_app, demo):
    bea = store.people.access.resolve_actor(BILLING)
    reason = ("Customer sent the Handelsregister extract and the new lease; checked with the "
              "tax office by phone on 27 November, reference 2026-11-27-0042, all consistent.")
    store.profile.billing.set_other_payment_method(bea, demo["nordwind"], "direct_debit",
                                           {"reason": reason, "ticket": "SUP-123456"})
    app = make_app(tab="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        table = app.screen.query_one("#history-table", DataTable)
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        shown = str(app.screen.query_one("#entry-text", Static).render())
        assert reason in shown.replace("\n", " ") or reason in shown
        assert "Ticket id: SUP-123456" in shown
        screen_text = "\n".join(
            "".join(s.text for s in line) for line in app.screen._compositor.render_strips())
        # The modal wraps the reason between words: its end is on screen, whole.
        assert "SUP-123456" in screen_text and "2026-11-27-0042, all consistent." in screen_text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#history-table") is table


def test_history_filters_by_field_and_by_person(demo):
    jonas, bea = store.people.access.resolve_actor(JONAS), store.people.access.resolve_actor(
        BILLING)
    store.profile.requests.request_change(jonas, demo["nordwind"], {"vat_number": "DE811907980"})
    store.profile.billing.set_other_payment_method(bea, demo["nordwind"], "bank_transfer",
                                           {"reason": "Wire agreed"})
    by_field = store.trail.history.company_history(jonas, demo["nordwind"], field="VAT number")
    # the request's one line, which asked for it (#16 trial: one line per request)
    assert {(e.field, e.action) for e in by_field.items} == {(None, "request.create")}
    assert by_field.total_count == 1
    by_person = store.trail.history.company_history(jonas, demo["nordwind"],
                                              person="BILLING@mycompany.example")
    assert {e.actor_email for e in by_person.items} == {BILLING}
    by_name = store.trail.history.company_history(jonas, demo["nordwind"], person="weber")
    assert {e.actor_email for e in by_name.items} == {JONAS}
    with pytest.raises(store.errors.InvalidInput):
        store.trail.history.company_history(jonas, demo["nordwind"], field="shoe size")


async def test_slash_filters_the_history_tab(make_app, demo):
    jonas = store.people.access.resolve_actor(JONAS)
    store.profile.requests.request_change(jonas, demo["nordwind"], {"vat_number": "DE811907980"})
    store.profile.billing.add_recipient(jonas, demo["nordwind"], {"email": "ap@nordwind.de"})
    app = make_app(tab="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        table = app.screen.query_one("#history-table", DataTable)
        assert table.row_count == 2
        table.focus()
        await pilot.press("slash")
        await pilot.pause()
        for key in "vat number":
            await pilot.press("space" if key == " " else key)
        await pilot.press("enter")
        await store_answered(pilot)
        assert table.row_count == 1
        page = str(app.screen.query_one("#history-page", Static).render())
        assert "only VAT number" in page
        # Asked again, the filter opens with the last one selected: typing replaces it
        # (verification trial: '/Country' after '/Request' filtered on "RequestCountry").
        await pilot.press("slash")
        await pilot.pause()
        for key in "weber":  # Jonas Weber, who made both lines
            await pilot.press(key)
        await pilot.press("enter")
        await store_answered(pilot)
        page = str(app.screen.query_one("#history-page", Static).render())
        assert page == "Page 1 of 1 · 2 entries · only weber (/ changes it)"


async def test_a_filter_matching_nothing_says_so_and_its_dialog_sends_like_the_others(
        make_app, demo):
    from textual.widgets import Button

    from tui.screens.prompt import PromptModal

    app = make_app(tab="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        table = app.screen.query_one("#history-table", DataTable)
        table.focus()
        await pilot.press("slash")
        for _ in range(100):  # the dialog, once on screen (keys typed after wait for it)
            if isinstance(app.screen, PromptModal):
                break
            await pilot.pause(0.05)
        dialog = app.screen
        assert isinstance(dialog, PromptModal)
        # The button says what it does; its key is in the footer (^s), as in every dialog.
        assert str(dialog.query_one("#prompt-ok", Button).label) == "Filter"
        dialog.query_one("#prompt-input").value = "nobody@example.com"
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert table.row_count == 0
        detail = str(app.screen.query_one("#history-detail", Static).render())
        assert detail == "No entries match nobody@example.com."


async def test_the_pane_under_the_list_cuts_nothing_silently_at_80x24(make_app, demo):
    """A long website change with a reason and a ticket: each row of the pane fits the screen,
    a cut row ends in "…", the last row says Enter shows the whole entry, and Enter does."""
    from rich.cells import cell_len

    jonas = store.people.access.resolve_actor(JONAS)
    view = store.profile.company.get_general(jonas, demo["nordwind"])
    website = "https://www.nordwind-logistik.de/" + "unternehmen/standorte/hamburg/" * 4
    store.profile.company.save_general(jonas, demo["nordwind"],
                               {"name": view.name, "website": website}, view.version)
    app = make_app(tab="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        table = app.screen.query_one("#history-table", DataTable)
        table.focus()
        await pilot.pause()
        rows = str(app.screen.query_one("#history-detail", Static).render()).split("\n")
        assert all(cell_len(row) <= 80 for row in rows)
        assert any(row.endswith("…") for row in rows[:-1])
        assert rows[-1] == "… Enter shows the whole entry"
        await pilot.press("enter")
        await pilot.pause()
        shown = str(app.screen.query_one("#entry-text", Static).render()).replace("\n", "")
        assert website in shown


def test_a_renewed_card_and_the_invoices_it_paid_read_in_the_readers_language(demo):
    """The same card renewed: its line tells the expiry; the invoices it paid are kept as data
    and read in French by a French reader (they were kept in the writer's English)."""
    from store.i18n import set_language

    jonas = store.people.access.resolve_actor(JONAS)
    store.profile.billing.set_card(jonas, demo["nordwind"], {
        "number": "4242 4242 4242 4242", "expiry": "12/29", "security_code": "123",
        "holder": "Jonas Weber"})
    from store.invoicing import payments

    open_ones = payments.pay_preview(jonas, demo["nordwind"])
    payments.pay_invoices(jonas, demo["nordwind"], open_ones.numbers, open_ones.total)
    lines = store.trail.history.company_history(jonas, demo["nordwind"]).items
    renewed = next(e for e in lines if e.action == "card.set")
    assert audit_text.change(renewed) == "Visa •••• 4242 · 12/27 → Visa •••• 4242 · 12/29"
    paid = next(e for e in lines if e.action == "invoice.pay")
    set_language("fr")
    try:
        assert audit_text.change(paid) == ("— → 2 factures ouvertes payées par Visa •••• 4242 "
                                           "(5\u202f134,00\u00a0€)")
    finally:
        set_language("en")
    assert audit_text.change(paid) == "— → 2 open invoices paid by Visa •••• 4242 (€5,134.00)"



def test_a_decided_request_lists_its_fields_with_the_readers_colon(demo):
    """French writes a space before a colon: "Numéro de TVA : DE…", as every other line does."""
    from store.i18n import colon, set_language

    jonas = store.people.access.resolve_actor(JONAS)
    request = store.profile.requests.request_change(jonas, demo["nordwind"], {
        "vat_number": "DE811907980", "city": "Bremen", "postal_code": "28195",
        "line1": "Am Kai 7"})
    store.profile.requests.withdraw_request(jonas, request.id)
    [withdrawn] = [e for e in lines(demo["nordwind"]) if e.action == "request.withdraw"]
    set_language("fr")
    try:
        text = audit_text.change(withdrawn)
        assert colon("Numéro de TVA") + " DE136695976 → DE811907980" in text
        assert "TVA:" not in text and "Ville:" not in text
    finally:
        set_language("en")


@pytest.mark.parametrize("locale", ["en", "fr"])
async def test_refused_decisions_on_a_request_read_as_refused_in_the_row_at_80x24(
        make_app, demo, locale):
    """#16 trial: a second withdrawal, an approval and a rejection of a withdrawn request, and
    support's approval, read "Approval of request…  —" with the Outcome column off-screen."""
    maria = store.people.access.resolve_actor("maria@blueharbor.com")
    request = store.profile.requests.request_change(maria, demo["blue"], {
        "state": "NY", "postal_code": "10118", "city": "New York", "line1": "350 Fifth Avenue"})
    store.profile.requests.withdraw_request(maria, request.id)
    for who, decide in ((maria, lambda a: store.profile.requests.withdraw_request(a, request.id)),
                        (store.people.access.resolve_actor(BILLING),
                         lambda a: store.profile.requests.approve_request(a, request.id)),
                        (store.people.access.resolve_actor(BILLING),
                         lambda a: store.profile.requests.reject_request(a, request.id, {
                             "reason": "x"})),
                        (store.people.access.resolve_actor(SUPPORT),
                         lambda a: store.profile.requests.approve_request(a, request.id))):
        with pytest.raises(store.errors.StoreError):
            decide(who)
    from store.i18n import _ as translated
    from tests.i18n.conftest import screens_in

    with screens_in(locale):  # the screens' modules read again in the reader's language
        expected = [translated("Refused: {what}").format(what=translated(text).format(
            id=request.id)) for text in ("approval #{id}", "rejection #{id}", "approval #{id}",
                                         "withdrawal #{id}")]
        app = make_app("maria@blueharbor.com", tab="history", locale=locale)
        async with app.run_test(size=(80, 24)) as pilot:
            await store_answered(pilot)
            await pilot.pause()
            screen = ["".join(s.text for s in line)
                      for line in app.screen._compositor.render_strips()]
            shown = [text for text in expected if any(text in line for line in screen)]
            assert shown == expected, "\n".join(screen)


async def test_a_us_companys_filter_names_the_zip_code_as_its_field_does(make_app, demo):
    """#16 trial t16: Blue Harbor's History filter said "only Postal code" while its Billing
    field is "ZIP code": the field by its country's own label (store.forms.labels), in the
    page line, the empty answer and the dialog asked again."""
    from tui.screens.prompt import PromptModal

    app = make_app("maria@blueharbor.com", tab="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        app.screen.query_one("#history-table", DataTable).focus()
        for typed in ("postal code", "zip"):  # the general name and the US one
            await pilot.press("slash")
            await pilot.pause()
            for key in typed:
                await pilot.press("space" if key == " " else key)
            await pilot.press("enter")
            await store_answered(pilot)
            page = str(app.screen.query_one("#history-page", Static).render())
            assert page.endswith(" · only ZIP code (/ changes it)"), page
            detail = str(app.screen.query_one("#history-detail", Static).render())
            assert detail == "No entries match ZIP code.", detail
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
        assert app.screen.query_one("#prompt-input").value == "ZIP code"
