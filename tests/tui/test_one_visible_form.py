"""One visible form for stored controls, bidi marks and line separators (issue #15).

A text field draws each one as one placeholder of its kind (␛ a control, ⇄ a direction mark, ␤ a
hidden line break), whether the cursor is in it or not, its start in sight when it is not (#15
trial: unfocused, `x1b[31mR\\x1b]0;PWN…` with "L1A\\" scrolled away; focused, `␛[31mR␛]0;PWN␇⇄…`).
Every other surface shows them the same way (tui.formatting.safe_text, #15 trial t15: labels
showed `\\x1b` beside a field's ␛): labels, tables, the banner, which shows the whole name (#15
trial: "Billing team view: Blue" for `Blue A\\x1b…`, the rest cut off)."""

from __future__ import annotations

from textual.widgets import Input, Static

from store.persistence.models import BillingAddress, Company
from tui.formatting import safe_text

from .helpers import settle

NAME = "Blue \x1b[31mHarbor\x1b[0m \u202eInc\u202c"
DRAWN = "Blue ␛[31mHarbor␛[0m ⇄Inc⇄"  # one cell a character
# The trial's planted value: the start, then every hazard, then wide characters.
HAZARDS = "\x1b[31mR\x1b]0;PWN\x07\u202eabc[/b][red]\x85\u2028Z漢字\x9b2J"
STREET = "L1A" + HAZARDS
STREET_DRAWN = "L1A␛[31mR␛]0;PWN␇⇄abc[/b][red]␤␤Z漢字�2J"
MARIA = "maria@blueharbor.com"
BILLING = "billing@mycompany.example"


def field(app, name: str) -> Input:
    return app.company_screen().query_one(f"#field-{name}", Input)


def drawn(app, name: str) -> str:
    return field(app, name).render_line(0).text


async def focus(pilot, widget: Input) -> None:
    """Focus `widget` once the tab's data has come (it may focus its own first field)."""
    for _ in range(40):
        widget.focus()
        await pilot.pause(0.05)
        if widget.has_focus:
            return
    raise AssertionError(f"{widget.id} never took the focus")


async def test_support_sees_the_name_in_one_notation_in_the_field_and_the_banner(make_app, demo):
    """#15 trial t15: the banner and lists showed `\\x1b` where the field showed ␛."""
    Company.update(name=NAME).where(Company.id == demo["blue"]).execute()
    app = make_app("support@mycompany.example", company=demo["blue"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert drawn(app, "name").startswith(DRAWN)
        banner = str(app.company_screen().query_one("#banner", Static).render())
        assert banner == f"Support view: {DRAWN} ({demo['blue']})"


async def test_the_owner_sees_one_form_in_the_name_field_focused_or_not(make_app, demo):
    Company.update(name=NAME).where(Company.id == demo["blue"]).execute()
    app = make_app(MARIA)
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, field(app, "website"))
        assert drawn(app, "name").startswith(DRAWN)
        await focus(pilot, field(app, "name"))
        assert drawn(app, "name").startswith(DRAWN)
        await focus(pilot, field(app, "website"))
        assert drawn(app, "name").startswith(DRAWN)


async def test_a_planted_street_shows_from_its_start_in_one_form_at_80x24(make_app, demo):
    """The trial's example: the street line, in Billing, left, entered, left again."""
    BillingAddress.update(line1=STREET, city="CA" + HAZARDS).where(
        BillingAddress.company == demo["blue"]).execute()
    app = make_app(BILLING, company=demo["blue"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        street, city = field(app, "line1"), field(app, "city")
        await focus(pilot, city)
        assert drawn(app, "line1").startswith(STREET_DRAWN)
        assert drawn(app, "city").startswith("CA␛[31mR")
        await focus(pilot, street)
        assert STREET_DRAWN[-20:] in drawn(app, "line1")  # the cursor at its end, in sight
        await pilot.press("end", "shift+tab")
        await settle(pilot)
        assert not street.has_focus
        assert drawn(app, "line1").startswith(STREET_DRAWN)


async def test_the_banner_shows_the_whole_planted_name_escaped_at_80x24(make_app, demo):
    name = "Blue A" + HAZARDS + " Blue Harbor Inc"
    Company.update(name=name).where(Company.id == demo["blue"]).execute()
    app = make_app(BILLING, company=demo["blue"])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        banner = app.company_screen().query_one("#banner", Static)
        lines = [line.text for line in banner.render_lines(banner.region.reset_offset)]
        shown = "".join(line.strip() for line in lines)
        assert shown.replace(" ", "") == (
            f"Billing team view: {safe_text(name)} ({demo['blue']})").replace(" ", "")
        assert banner.region.height == len(lines) > 1  # the whole of it, on as many lines


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
        assert "1600 Amphitheatre␤Parkway␋Bldg␤A" in str(layout.render())


async def test_a_street_longer_than_its_field_shows_its_start_unless_the_cursor_is_in_it(
        make_app, demo):
    long_street = STREET + " Building 7 Floor 3 Suite 1200 Attention Accounts Payable"
    BillingAddress.update(line1=long_street).where(
        BillingAddress.company == demo["blue"]).execute()
    app = make_app(BILLING, company=demo["blue"], tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        street = field(app, "line1")
        await focus(pilot, field(app, "city"))
        assert drawn(app, "line1").startswith(STREET_DRAWN)  # loaded: from its start
        await focus(pilot, street)
        assert "Accounts Payable" in drawn(app, "line1")  # the cursor at its end, in sight
        assert not drawn(app, "line1").startswith("L1A")
        await pilot.press("shift+tab")
        await settle(pilot)
        assert not street.has_focus
        assert drawn(app, "line1").startswith(STREET_DRAWN)  # left: from its start again
