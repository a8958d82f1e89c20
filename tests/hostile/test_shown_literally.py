"""Hostile text on the screens and in the invoice PDF (issue #5, SPEC §8).

Markup shows as typed and does nothing; escape, control, bidi and separator characters never
reach the terminal: the screens draw them as visible placeholders, one `␛`-like character per
character, in text and in a text field alike (safe_text, store.forms.unsafe.pictured). Both ways
in are covered: text typed or pasted into a form (stored or refused), and text planted in the
database by an older version or another tool, which the form would refuse but the screens must
still show safely.

What the screen shows is read from the compositor: the text of every cell, and the bytes that
would be written to the terminal.
"""

from __future__ import annotations

import io
import re
from datetime import datetime

import pytest
from pypdf import PdfReader
from textual import events
from textual.widgets import DataTable, Input, Static

import store
import store.invoicing.invoices
import store.people.access
from store.persistence.models import AuditEvent, BillingAddress, Company, Invoice
from tests.tui.helpers import store_answered
from tui.formatting import safe_line, safe_text
from tui.screens.company import CompanyScreen

JONAS = "jonas@nordwind.de"
SUPPORT = "support@mycompany.example"

MARKUP = {
    "bold": "[bold]x",
    "click-action": "[@click=app.quit]Acme[/]",
    "stray-close-tag": "Acme [/b] Inc",
    "brackets": "ACME [EU] GmbH",
}
HOSTILE = {
    **MARKUP,
    "csi-colour": "\x1b[31mRed",
    "osc-title": "\x1b]0;pwned\x07Acme",
    "osc-hyperlink": "\x1b]8;;http://evil\x07link\x1b]8;;\x07",
    "c1-csi": "\x9b31mRed",
    "rlo-U+202E": "Acme\u202eHbmG",
    "isolates-U+2066-2069": "\u2066Ac\u2067me\u2068Gm\u2069bH",
    "nul": "Ac\x00me",
    "line-break": "Acme\nGmbH\u2028Ltd",
    "10000-characters": "[b]" + "W" * 9994 + "[/b]",
}

# What the terminal may receive besides text: Textual's own colours and cursor moves.
OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;:?]*[A-Za-z]")
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                    "\u2066-\u2069]")


# ---------------------------------------------------------------- reading the screen


def screen_lines(app) -> list[str]:
    """The text of each line of the screen, as the compositor draws it."""
    update = app.screen._compositor.render_full_update()
    return ["".join(segment.text for strip in line for segment in strip)
            for line in update.strips]


def terminal_bytes(app) -> str:
    """What would be written to the terminal for the whole screen."""
    return app.screen._compositor.render_full_update().render_segments(app.console)


def assert_nothing_raw(app, where: str) -> None:
    """No control, bidi or separator character in any cell, nor in the terminal output."""
    for number, line in enumerate(screen_lines(app)):
        assert not UNSAFE.search(line), f"{where}, line {number}: {line!r}"
    leftover = OWN_SEQUENCES.sub("", terminal_bytes(app)).replace("\n", "")
    assert not UNSAFE.search(leftover), f"{where}: {UNSAFE.findall(leftover)!r} reach the terminal"


def shown(app) -> str:
    return "\n".join(screen_lines(app))


def field_text(app, name: str) -> str:
    """The visible text of the text field `#field-<name>`."""
    return app.screen.query_one(f"#field-{name}", Input).render_line(0).text


def static_text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def visible_part(text: str, size: int = 40) -> str:
    """The piece of a long text a field or line surely shows: all of it when it is short."""
    return text if len(text) <= size else text[:size]


def still_running(app) -> bool:
    return app.return_code is None and not app._exit


# ---------------------------------------------------------------- planting data


def plant_name_and_address(company_id: int, text: str) -> None:
    """Write `text` as the company's name, street and city, as an older version might have."""
    Company.update(name=text).where(Company.id == company_id).execute()
    BillingAddress.update(line1=text, city=text).where(
        BillingAddress.company == company_id).execute()


def plant_history(company_id: int, text: str) -> None:
    AuditEvent.insert(company=company_id, at=datetime(2030, 1, 1, 12, 0), actor_email=JONAS,
                      actor_name=text, actor_role="owner", action="general.save", field="name",
                      old_value=text, new_value=text, outcome="done", reason=text).execute()


def newest_invoice(company_id: int) -> Invoice:
    return (Invoice.select().where(Invoice.company == company_id)
            .order_by(Invoice.issued_on.desc(), Invoice.id.desc()).first())


# ---------------------------------------------------------------- planted: the owner's tabs


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
async def test_owner_tabs_show_planted_text_literally(make_app, demo, text):
    plant_name_and_address(demo["nordwind"], text)
    plant_history(demo["nordwind"], text)
    app = make_app(JONAS, tab="general")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        # General tab: the name field and the header.
        if len(text) < 60:  # the field one placeholder a character, the header escaped (#15)
            assert visible_part(safe_line(text), 60) in field_text(app, "name")
            assert f"My company — {safe_text(text)}" in shown(app)
        else:
            assert "WWWWWWWWWWWWWWWW" in field_text(app, "name")
        assert_nothing_raw(app, "General tab")
        assert app.screen.dirty_tabs() == []  # showing it safely is no edit

        # Billing tab: street and city of the address.
        await pilot.press("3")
        city = app.query_one("#field-city", Input)
        for _ in range(40):  # the tab's data may arrive (and focus its first field) after
            city.focus()
            await pilot.pause(0.05)
            if city.has_focus and safe_line(text) in field_text(app, "city"):
                break
        if len(text) < 60:  # placeholders, the cursor in the field or not (#15)
            assert safe_line(text) in field_text(app, "city")
            assert visible_part(safe_line(text), 60) in field_text(app, "line1")
        assert_nothing_raw(app, "Billing tab")

        # History tab: the table row and the whole entry under it.
        await pilot.press("escape", "4")
        await pilot.pause()
        assert visible_part(safe_text(text), 10) in shown(app)
        assert visible_part(safe_text(text), 60) in static_text(app, "#history-detail")
        assert_nothing_raw(app, "History tab")
        assert still_running(app)


# ---------------------------------------------------------------- planted: the support console


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
async def test_support_console_shows_planted_text_literally(make_app, demo, text):
    plant_name_and_address(demo["nordwind"], text)
    plant_history(demo["nordwind"], text)
    app = make_app(SUPPORT, company=None)
    async with app.run_test(size=(100, 40)) as pilot:
        # The search results table, found by the company's id.
        await pilot.pause()
        await pilot.press(*str(demo["nordwind"]), "enter")
        await pilot.pause()
        results = app.query_one("#results", DataTable)
        assert results.row_count >= 1
        assert visible_part(safe_text(text), 20) in shown(app)
        assert_nothing_raw(app, "search results")

        # Open it: the "Support view" banner names the company.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompanyScreen)
        banner = static_text(app, "#banner")
        assert banner.startswith("Support view: " + visible_part(safe_text(text), 60))
        assert_nothing_raw(app, "Support view")

        await pilot.press("4")
        await pilot.pause()
        assert visible_part(safe_text(text), 60) in static_text(app, "#history-detail")
        assert_nothing_raw(app, "History tab for staff")
        assert still_running(app)


# ---------------------------------------------------------------- planted: the invoice PDF


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_invoice_pdf_shows_planted_bill_to_name_and_city_literally(demo, tmp_path, text):
    invoice = newest_invoice(demo["nordwind"])
    Invoice.update(bill_to_name=text, bill_to_city=text).where(Invoice.id == invoice.id).execute()

    path = store.invoicing.invoices.download_invoice(store.people.access.resolve_actor(JONAS),
        demo["nordwind"],
                                           invoice.number, tmp_path)

    reader = PdfReader(path)
    content = pdf_text(path.read_bytes())
    assert len(reader.pages) == 1
    assert not UNSAFE.search(content)
    drawn = re.sub(r"\s+", " ", UNSAFE.sub("", text.replace("\n", " ").replace("\u2028", " ")))
    if len(drawn) <= 100:
        assert drawn.strip() in content  # markup as typed; controls left out, letters kept
    else:
        assert "[b]WWWWWWWWWW" in content and "…" in content
    assert path.parent == tmp_path


async def test_invoice_downloaded_from_the_billing_tab_shows_markup_literally(
    make_app, demo, tmp_path
):
    text = HOSTILE["click-action"]
    plant_name_and_address(demo["nordwind"], text)
    invoice = newest_invoice(demo["nordwind"])
    Invoice.update(bill_to_name=text, bill_to_city=text).where(Invoice.id == invoice.id).execute()
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#billing-tab").download_folder = tmp_path
        app.query_one("#invoices", DataTable).focus()
        await pilot.press("d")
        await store_answered(pilot)
        await pilot.pause()
        assert still_running(app)
    [path] = tmp_path.glob("*.pdf")
    assert pdf_text(path.read_bytes()).count(text) >= 2  # bill-to name and city


# ---------------------------------------------------------------- through the form


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if char == " " else char for char in text])


@pytest.mark.parametrize("text", MARKUP.values(), ids=MARKUP.keys())
async def test_markup_typed_as_the_name_is_saved_and_shown_literally(make_app, demo, text):
    app = make_app(JONAS, tab="general")
    async with app.run_test(size=(80, 24)) as pilot:
        name = app.query_one("#field-name", Input)
        name.focus()
        name.value = ""
        await type_text(pilot, text)
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert Company.get_by_id(demo["nordwind"]).name == text
        assert text in field_text(app, "name")
        assert f"My company — {text}" in shown(app)
        # Clicking the name where it is drawn runs nothing it seems to say.
        await pilot.click("#field-name", offset=(2, 0))
        await pilot.click("Header", offset=(40, 0))
        await pilot.pause()
        assert still_running(app)
        assert_nothing_raw(app, "General tab after saving")


PASTED = {key: HOSTILE[key] for key in ("csi-colour", "osc-title", "osc-hyperlink", "c1-csi",
                                        "rlo-U+202E", "isolates-U+2066-2069", "nul")}


@pytest.mark.parametrize("text", PASTED.values(), ids=PASTED.keys())
async def test_control_pasted_into_the_name_is_shown_as_placeholders_and_refused(
    make_app, demo, text
):
    before = Company.get_by_id(demo["nordwind"]).name
    app = make_app(JONAS, tab="general")
    async with app.run_test(size=(80, 24)) as pilot:
        name = app.query_one("#field-name", Input)
        name.focus()
        name.value = ""
        name.post_message(events.Paste(text))
        await pilot.pause()
        assert name.value == text  # the field holds what was pasted...
        assert safe_line(text) in field_text(app, "name")  # ...and draws it visibly
        assert_nothing_raw(app, "pasted name")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        error = str(app.query_one("#row-name .form-field--error", Static).render())
        assert re.search(r"control character U\+[0-9A-F]{4}", error)
        assert Company.get_by_id(demo["nordwind"]).name == before
        assert name.value == text  # kept, to be corrected
        assert_nothing_raw(app, "refused name")


async def test_planted_escape_in_the_name_can_be_found_and_deleted_by_the_owner(make_app, demo):
    """One placeholder per character: the cursor walks onto ␛ and backspace removes the ESC."""
    plant_name_and_address(demo["nordwind"], "Ac\x1bme")
    app = make_app(JONAS, tab="general")
    async with app.run_test(size=(80, 24)) as pilot:
        name = app.query_one("#field-name", Input)
        name.focus()
        await pilot.press("home", "right", "right", "right")
        # Just after "Ac␛": the cursor is drawn after the placeholder, in the third cell.
        assert name.cursor_position == 3
        assert name.cursor_screen_offset.x - name.content_region.x == 3
        await pilot.click("#field-name", offset=(2, 0))
        assert name.cursor_position == 2  # the click lands on ␛, the third cell
        await pilot.press("right", "backspace", "ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        assert Company.get_by_id(demo["nordwind"]).name == "Acme"
        assert "My company — Acme" in shown(app)


async def test_control_pasted_into_the_city_is_refused_without_reaching_the_screen(
    make_app, demo
):
    text = HOSTILE["osc-title"]
    app = make_app(JONAS, tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        city = app.query_one("#field-city", Input)
        city.focus()
        city.value = ""
        city.post_message(events.Paste(text))
        await pilot.pause()
        assert safe_line(text) in field_text(app, "city")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        error = str(app.query_one("#row-city .form-field--error", Static).render())
        assert "U+001B" in error
        assert BillingAddress.get_by_id(demo["nordwind"]).city == "Hamburg"
        assert_nothing_raw(app, "refused city")


async def test_planted_name_of_10000_characters_is_refused_on_save_without_crashing(
    make_app, demo
):
    plant_name_and_address(demo["nordwind"], "W" * 10_000)
    app = make_app(JONAS, tab="general")
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#field-website", Input).focus()
        await pilot.press("end", "/", "ctrl+s")
        await store_answered(pilot)
        await pilot.pause()
        error = str(app.query_one("#row-name .form-field--error", Static).render())
        assert error == "Use at most 100 characters; this has 10000"
        assert Company.get_by_id(demo["nordwind"]).name == "W" * 10_000
        assert still_running(app)
