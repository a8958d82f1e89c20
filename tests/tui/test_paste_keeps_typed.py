"""A paste never silently replaces what a person typed in another field (#15 trial: a TAB pasted
into Billing's "Address line 2" spread the parts over the address fields and overwrote the
"Address" the person had typed, the note speaking only of parts not taken). The paste spreads
from the field pasted into; a field the person typed in keeps it; the note says what went where
(store.places.pasted.place_address, one rule for every address form: Billing, the change
request)."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from store.places.pasted import place_address, spread_address

from .test_pastes import note_under, paste_into

CAMILLE = "camille@atelier-lumiere.fr"


def _values(app, *names):
    return {name: app.screen.query_one(f"#field-{name}", Input).value for name in names}


async def test_a_tab_pasted_into_line_2_keeps_the_address_typed(make_app):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line1 = app.screen.query_one("#field-line1", Input)
        line1.focus()
        line1.value = "7 rue Oberkampf"  # typed by the person
        await pilot.pause()
        await paste_into(pilot, "line2", "Bâtiment C\t75011 Paris")
        assert _values(app, "line1", "line2", "postal_code", "city") == {
            "line1": "7 rue Oberkampf", "line2": "Bâtiment C", "postal_code": "75011",
            "city": "Paris"}
        assert note_under(app, "line2") == (
            "Pasted over 3 fields: Address line 2, Postal code, City.")


async def test_text_typed_in_the_field_pasted_into_stays_around_the_paste(make_app):
    """Trial: "c/o Meier, " typed in "Address line 2", then "Hafenstrasse 5<TAB>20000<TAB>
    Bremen" pasted after it: line 2 read "Hafenstrasse 5", what was typed gone unsaid."""
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line2 = app.screen.query_one("#field-line2", Input)
        line2.focus()
        line2.value = "c/o Meier, "  # typed by the person, the cursor after it
        line2.cursor_position = len(line2.value)
        await pilot.pause()
        await paste_into(pilot, "line2", "Hafenstrasse 5\t20000\tBremen", empty=False)
        assert _values(app, "line2", "postal_code", "city") == {
            "line2": "c/o Meier, Hafenstrasse 5", "postal_code": "20000", "city": "Bremen"}


async def test_a_field_typed_in_after_the_pasted_one_keeps_it_and_is_told(make_app):
    app = make_app(CAMILLE, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        city = app.screen.query_one("#field-city", Input)
        city.value = "Marseille"  # typed by the person
        await pilot.pause()
        await paste_into(pilot, "line1", "12 rue de la Paix\n75002 Paris")
        assert _values(app, "line1", "postal_code", "city") == {
            "line1": "12 rue de la Paix", "postal_code": "75002", "city": "Marseille"}
        assert note_under(app, "line1") == (
            "Pasted over 2 fields: Address, Postal code. Not put over what you typed in City: "
            "Paris.")


async def test_the_change_request_dialog_follows_the_same_rule(make_app):
    app = make_app("jonas@nordwind.de", tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        line1 = app.screen.query_one("#field-line1", Input)
        line1.value = "Am Sandtorkai 1"
        await pilot.pause()
        app.screen.query_one("#field-line2", Input).focus()
        await pilot.pause()
        app.post_message(events.Paste("Haus B\t20457 Hamburg"))
        await pilot.pause()
        await pilot.pause()
        assert _values(app, "line1", "line2", "postal_code", "city") == {
            "line1": "Am Sandtorkai 1", "line2": "Haus B", "postal_code": "20457",
            "city": "Hamburg"}


def test_the_rule_in_the_store():
    spread = spread_address(["Bâtiment C", "75011 Paris"], "FR", "line2")
    assert spread.values == {"line2": "Bâtiment C", "postal_code": "75011", "city": "Paris"}
    fields = ["line1", "line2", "postal_code", "city", "country"]
    placed = place_address(spread, "line2", fields, fields[:4], {"city": "Lyon"})
    assert placed.values == {"line2": "Bâtiment C", "postal_code": "75011"}
    assert placed.kept == {"city": "Paris"}
    placed = place_address(spread_address(["a", "b", "c", "d", "e"], "FR", "postal_code"),
                           "postal_code", fields, fields[:4], {})
    assert placed.values == {"postal_code": "a", "city": "b"}
    assert placed.not_taken == ["c", "d", "e"]


async def test_recipients_pasted_keep_the_address_typed_in_the_field(make_app):
    from tui.screens.recipient import RecipientModal

    app = make_app("jonas@nordwind.de", tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, RecipientModal)
        field = app.screen.query_one("#field-email", Input)
        field.value = "ap@nordwind.de, "  # typed by the person, the cursor at its end
        field.cursor_position = len(field.value)
        await pilot.pause()
        app.post_message(events.Paste("kasse@nordwind.de\nchef@nordwind.de\n"))
        await pilot.pause()
        await pilot.pause()
        assert field.value == "ap@nordwind.de, kasse@nordwind.de, chef@nordwind.de"
        assert note_under(app, "email") == "3 addresses pasted: Add adds them all."


def test_a_locked_field_that_already_holds_the_pasted_value_is_not_reported():
    """#15: pasting Nordwind's whole address (its country locked at DE) listed "Germany" as
    not taken, though the field holds it; a different country is still told."""
    fields = ["line1", "line2", "postal_code", "city", "country"]
    held = {"line1": "", "line2": "", "postal_code": "", "city": "", "country": "DE"}
    spread = spread_address(["Am Sandtorkai 1", "20457 Hamburg", "Germany"], "DE", "line1")
    placed = place_address(spread, "line1", fields, fields[:4], {}, held)
    assert placed.values == {"line1": "Am Sandtorkai 1", "postal_code": "20457",
                             "city": "Hamburg"}
    assert placed.not_taken == []
    spread = spread_address(["Am Sandtorkai 1", "20457 Hamburg", "France"], "DE", "line1")
    assert place_address(spread, "line1", fields, fields[:4], {}, held).not_taken == ["France"]
