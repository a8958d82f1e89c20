"""One visible form for stored controls, bidi marks and line separators (issue #15): support's
General tab drew `Blue ␛[31mHarbor␛[0m �Inc�` while the banner above it drew `\\u202eInc\\u202c`;
a field now draws them escaped as every other surface does (the banner, the command line,
JSON), and as placeholders of their kind (⇄ a direction mark) only while the cursor is in
it."""

from __future__ import annotations

from textual.widgets import Input, Static

from store.persistence.models import Company

NAME = "Blue \x1b[31mHarbor\x1b[0m \u202eInc\u202c"
SHOWN = "Blue \\x1b[31mHarbor\\x1b[0m \\u202eInc\\u202c"


def drawn(app, name: str) -> str:
    return app.company_screen().query_one(f"#field-{name}", Input).render_line(0).text


async def test_support_sees_the_name_escaped_in_the_field_as_in_the_banner(make_app, demo):
    Company.update(name=NAME).where(Company.id == demo["blue"]).execute()
    app = make_app("support@mycompany.example", company=demo["blue"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert SHOWN in drawn(app, "name")
        assert "�" not in drawn(app, "name") and "␛" not in drawn(app, "name")
        banner = str(app.company_screen().query_one("#banner", Static).render())
        assert banner == f"Support view: {SHOWN} ({demo['blue']})"


async def test_the_owner_edits_with_placeholders_and_sees_escapes_once_they_leave(make_app,
                                                                                 demo):
    Company.update(name=NAME).where(Company.id == demo["blue"]).execute()
    app = make_app("maria@blueharbor.com")
    async with app.run_test(size=(80, 24)) as pilot:
        name = app.company_screen().query_one("#field-name", Input)
        website = app.company_screen().query_one("#field-website", Input)
        for _ in range(40):
            website.focus()
            await pilot.pause(0.05)
            if website.has_focus:
                break
        assert SHOWN in drawn(app, "name")
        name.focus()
        await pilot.pause()
        assert "Blue ␛[31mHarbor␛[0m ⇄Inc⇄" in drawn(app, "name")  # one cell per character


async def test_as_printed_on_invoices_shows_stored_line_breaks_escaped(make_app, demo):
    """U+2028, VT and NEL in a stored street line showed as plain spaces there."""
    from store.persistence.models import BillingAddress

    BillingAddress.update(line1="1600 Amphitheatre\u2028Parkway\x0bBldg\x85A").where(
        BillingAddress.company == demo["blue"]).execute()
    app = make_app("support@mycompany.example", company=demo["blue"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        layout = app.company_screen().query_one("#address-layout", Static)
        for _ in range(40):
            await pilot.pause(0.05)
            if layout.display and "Amphitheatre" in str(layout.render()):
                break
        assert "1600 Amphitheatre\\u2028Parkway\\x0bBldg\\x85A" in str(layout.render())
