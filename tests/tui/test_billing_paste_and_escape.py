"""The Billing tab's pastes and escape (issue #15, a new user's trial at 80×24): an address pasted
as lines goes where its country's format puts them; escape keeps the focus with the form it
left, and reads the stored address off the event loop; a paste of recipients, taken or refused,
leaves the list showing what the store holds, and says what was added as the store keeps it."""

from __future__ import annotations

import threading

import pytest
from textual import events
from textual.widgets import DataTable, Input, Static

import store
import store.people.access
import store.profile.billing
from tui.screens.recipient import RecipientModal
from tui.widgets.form_field import FormField

from .helpers import asked, store_answered, until

JONAS = "jonas@nordwind.de"
MARIA = "maria@blueharbor.com"
FIELDS = ("line1", "line2", "postal_code", "city")

PASTES = {  # who pastes, the lines (the place as people paste it), what the fields then hold
    "DE": (JONAS, ["Speicherstraße 5", "c/o Meier", "20457\tHamburg", "Germany"],
           {"line1": "Speicherstraße 5", "line2": "c/o Meier", "postal_code": "20457",
            "city": "Hamburg"}),
    "US": (MARIA, ["100 Harbor Blvd", "Suite 200", "Boston MA 02110"],
           {"line1": "100 Harbor Blvd", "line2": "Suite 200", "postal_code": "02110",
            "city": "Boston"}),
    "GB": (MARIA, ["221B Baker Street", "Flat 2", "London", "NW1 6XE"],
           {"line1": "221B Baker Street", "line2": "Flat 2", "postal_code": "NW1 6XE",
            "city": "London"}),
}


def values(app) -> dict[str, str]:
    return {name: app.screen.query_one(f"#field-{name}", Input).value for name in FIELDS}


@pytest.mark.parametrize("second", [True, False])
@pytest.mark.parametrize("country", list(PASTES))
async def test_a_pasted_address_goes_where_its_countrys_format_puts_it(make_app, demo, country,
                                                                       second):
    who, lines, expected = PASTES[country]
    if not second:
        lines = [line for line in lines if line != expected["line2"]]
        expected = {**expected, "line2": ""}
    app = make_app(who, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#field-line1", Input)
        field.focus()
        app.screen.query_one("#field-line2", Input).value = ""
        await pilot.pause()
        app.post_message(events.Paste("\n".join(lines)))
        row = app.screen.query_one("#row-line1", FormField)
        await until(pilot, lambda: any(note.display for note in row.query(".form-field--note")),
                    "the paste's note")
        assert values(app) == expected


# -- escape ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("tab", "name"), [("billing", "city"), ("general", "name")])
async def test_escape_keeps_the_focus_with_the_form_and_typing_reaches_the_field(make_app, demo,
                                                                                  tab, name):
    """#15 trial: after escape reverted a Billing field nothing had the focus, and the next key
    went nowhere. Now the form keeps it (not a text field: the tab keys still switch tabs), and
    what is typed goes back into the field it left."""
    app = make_app(JONAS, tab=tab)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        field = app.screen.query_one(f"#field-{name}", Input)
        before = field.value
        field.focus()
        await pilot.press("end", "x", "escape")
        await asked(pilot, "the question")
        await pilot.press("y")
        await until(pilot, lambda: field.value == before and app.focused is not None,
                    "the revert")
        await store_answered(pilot)
        form = field.query_ancestor("FormSection")
        assert app.focused is form  # the section it left, in sight, shown focused
        assert not isinstance(app.focused, Input)
        await pilot.press("Q")
        await pilot.pause()
        assert app.focused is field
        assert field.value == before + "Q"
        await pilot.press("backspace", "escape")  # nothing changed: no question
        await store_answered(pilot)
        assert app.focused is form
        await pilot.press("2")  # a tab key is the tab's, not typed
        await until(pilot, lambda: app.screen.query_one("#tabs").active == "plan", "Plan")
        assert field.value == before


async def test_escape_in_billing_reads_the_address_off_the_event_loop(make_app, demo,
                                                                      monkeypatch):
    """#15 trial: escape read the store on the event loop; while another program held the
    database the screen froze. The read runs in a worker thread; keys stay live meanwhile."""
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        read = store.profile.billing.get_billing
        threads: list[threading.Thread] = []
        release = threading.Event()

        def held_read(actor, company_id):
            threads.append(threading.current_thread())
            release.wait(5)  # as a database another program holds
            return read(actor, company_id)

        monkeypatch.setattr(store.profile.billing, "get_billing", held_read)
        city = app.screen.query_one("#field-city", Input)
        city.focus()
        await pilot.press("end", "x", "escape")
        await asked(pilot, "the question")
        await pilot.press("y")
        await until(pilot, lambda: bool(threads), "the read")
        assert city.value == "Hamburg"  # what was loaded, at once
        line2 = app.screen.query_one("#field-line2", Input)
        line2.focus()
        await pilot.press(*"Haus B")  # keys echo while the read waits
        await pilot.pause()
        assert line2.value == "Haus B"
        assert threads[0] is not threading.main_thread()
        release.set()
        await store_answered(pilot)
        assert line2.value == "Haus B"  # typed during the read: kept
        assert city.value == "Hamburg"


# -- pasted recipients ----------------------------------------------------------------------

def rows(app) -> list[str]:
    listed = app.screen.query_one("#recipients", DataTable)
    return [str(listed.get_row_at(i)[0]) for i in range(listed.row_count)]


def toasts(app) -> str:
    return " | ".join(str(toast.render()) for toast in app.screen.query("Toast"))


async def paste_recipients(pilot, text: str) -> RecipientModal:
    app = pilot.app
    await pilot.press("a")
    await until(pilot, lambda: isinstance(app.screen, RecipientModal), "the dialog")
    modal = app.screen
    app.post_message(events.Paste(text))
    await pilot.pause()
    await pilot.pause()
    return modal


async def test_a_refused_paste_of_recipients_shows_what_the_store_holds(make_app, demo):
    """#15 trial: a paste refused (or partly refused) left the list as it was: those added, by
    the paste or meanwhile elsewhere, showed only after a tab switch."""
    owner = store.people.access.resolve_actor(JONAS)
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        modal = await paste_recipients(pilot, "ap@nordwind.de\nkasse@nordwind.de")
        for email in ("ap@nordwind.de", "kasse@nordwind.de"):  # another program, meanwhile
            store.profile.billing.add_recipient(owner, demo["nordwind"], {"email": email})
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert app.screen is modal  # all refused: "already receives"
        await pilot.press("escape", "y")
        await store_answered(pilot)
        await until(pilot, lambda: not app.screen.is_modal, "the dialog closed")
        await store_answered(pilot)
        assert {"ap@nordwind.de", "kasse@nordwind.de"} <= set(rows(app))


async def test_a_partly_refused_paste_shows_those_added_behind_the_dialog(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        modal = await paste_recipients(pilot, "AP@Nordwind.DE\nnot-an-address")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert app.screen is modal  # stays: one to fix
        error = str(modal.query_one("#row-email", FormField).query_one(
            ".form-field--error", Static).render())
        assert error.startswith("Added: ap@nordwind.de. Not added: not-an-address")
        behind = app.screen_stack[-2]
        listed = behind.query_one("#recipients", DataTable)
        assert "ap@nordwind.de" in [str(listed.get_row_at(i)[0])
                                    for i in range(listed.row_count)]


async def test_the_message_names_every_address_added_as_stored(make_app, demo):
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await paste_recipients(pilot, "AP@Nordwind.DE\nKasse@NORDWIND.de, mahnung@Nordwind.de")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await until(pilot, lambda: not app.screen.is_modal, "the dialog closed")
        await pilot.pause()
        assert "3 recipients added: ap@nordwind.de, kasse@nordwind.de, mahnung@nordwind.de" \
            in toasts(app)


def test_the_message_is_cut_to_fit_80_columns():
    from rich.cells import cell_len

    from tui.sections.recipients import added_message

    emails = [f"rechnungseingang{n}@nordwind-logistik-hamburg.de" for n in range(4)]
    message = added_message(emails)
    assert message.startswith("4 recipients added: rechnungseingang0@")
    assert message.endswith(", …") and cell_len(message) <= 80
    assert added_message(emails[:1]) == f"{emails[0]} now receives the invoices"
