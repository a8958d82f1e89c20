"""What the Pilot tests of the General and Billing tabs share: typing, reading, a logo file."""

from __future__ import annotations

from PIL import Image, ImageDraw
from textual.widgets import DataTable, Input, Static

import store
import store.people.access
import store.profile.billing
from tui.screens.confirm import ConfirmModal
from tui.sections.invoices import InvoiceList, InvoicesSection
from tui.widgets.form_field import FormField

OWNER = "jonas@nordwind.de"


def text_of(widget: Static) -> str:
    return str(widget.render())


def cells(table: DataTable, column: int) -> list[str]:
    """What each row shows in `column` (the invoice list draws a row as one line: its section
    reads the columns back from it)."""
    if isinstance(table, InvoiceList):
        section = table.query_ancestor(InvoicesSection)
        return [section.shown_cells(row)[column] for row in range(table.row_count)]
    return [str(table.get_row_at(row)[column]) for row in range(table.row_count)]


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if char == " " else char for char in text])


async def replace_value(pilot, selector: str, text: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await pilot.pause()
    await type_text(pilot, text)


def address(email: str, company_id: int):
    return store.profile.billing.get_billing(store.people.access.resolve_actor(email),
        company_id).address


def owner():
    return store.people.access.resolve_actor(OWNER)


def make_png(path, size=(120, 60)):
    """A deterministic two-colour PNG (no randomness, no timestamps)."""
    image = Image.new("RGB", size, (20, 60, 160))
    ImageDraw.Draw(image).ellipse([10, 5, 60, 55], fill=(250, 200, 30))
    image.save(path, format="PNG")
    return path


async def type_into(pilot, app, field: str, text: str) -> Input:
    """Clear `#field-<field>` of the screen shown and type `text` key by key, as a person
    would."""
    box = app.screen.query_one(f"#field-{field}", Input)  # the tab, or the dialog over it
    box.focus()
    await pilot.press("end", "ctrl+u")
    if text:
        await pilot.press(*text)
    await pilot.pause()
    return box


def error_of(app, field: str) -> str:
    row = app.query_one(f"#row-{field}", FormField)
    if not row.has_class("-invalid"):
        return ""
    return str(row.query_one(".form-field--error", Static).render())


def shown(app, selector: str) -> str:
    """The text of a Static, or "" when it is hidden."""
    widget = app.query_one(selector, Static)
    return str(widget.render()) if widget.display and widget.styles.display != "none" else ""


async def store_answered(pilot) -> None:
    """Wait until the store calls that run off the event loop (saves, removals, PDFs, reads:
    Textual thread workers, tui/widgets/store_call.py) have answered, and their answers are
    shown; an answer that starts another call (a removal, then the list read again) is waited
    for too."""
    app = pilot.app
    for _round in range(20):
        await app.workers.wait_for_complete()
        await pilot.pause()  # the answers run on the event loop, and may start more calls
        if all(worker.is_finished for worker in app.workers):
            return
    raise AssertionError("the store calls never settled")


async def until(pilot, condition, what: str, *, rounds: int = 750) -> None:
    """Poll (every 20 ms, up to 15 s: a loaded 2-core CI machine runs two test workers) until
    `condition()` holds; a condition that holds returns at once, so the cap costs nothing."""
    for _round in range(rounds):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never: {what}")


async def settle(pilot) -> None:
    """Until the keys sent are handled and the workers they started (a list's filtering, a
    store read) have answered."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def listed(screen, name: str) -> list[str]:
    """The lines of the choice list open under field `name` of `screen` ([] when none is)."""
    from tui.widgets.form_field import FormField

    row = screen.query_one(f"#row-{name}", FormField)
    shown = row.choice_list
    if not row.choosing or shown is None:
        return []
    return [str(shown.get_option_at_index(i).prompt) for i in range(shown.option_count)]


async def asked(pilot, what: str = "the question") -> ConfirmModal:
    """The yes/no question on top once it is drawn: a `y` pressed before that is typed ahead,
    not an answer (ConfirmModal rings the bell, #15), so a test that answers waits for this."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, ConfirmModal) and app.screen.asked, what)
    return app.screen
