"""A DataTable that runs a key's binding as soon as it has the key."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from store.i18n import _


class ListTable(DataTable):
    """The lists of the tabs and screens (invoices, recipients, history, search results).

    Textual looks a key's binding up only after the key has bubbled from the focused widget
    through each of its containers back to the App: from a list in a tab that is seven message
    hops, each a turn of the event loop, before "n" turns a page or "down" moves the cursor. The
    list asks the screen which binding the key has here (`Screen.active_bindings`: the focused
    widget first, then its containers, the screen and the app, with the user's keymap applied
    and `check_action` asked) and runs it at once. A key with no binding here, a binding shown
    but disabled, or a priority binding (those ran before the key reached the list) goes the
    usual way, so Textual decides exactly as it would have.

    Home and End go to the first and the last line of the list (#18 trial: End stayed put):
    DataTable binds them to its first and last column, which a list of rows never moves to.

    A list whose columns are made again as it is filled (`clear(columns=True)`) gives each its
    width (`add_column(width=)`): Textual measures an automatic width only when the table is next
    idle, and a frame drawn before that keeps every cell cut at its heading's width, its cell
    cache ignoring the width (#18 trial: History's "2026-12-01  You  Invo";
    tui.history_lines.tab_widths).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", _("First line"), show=False,
                tooltip=_("Go to the first line of the list"), id="list.first"),
        Binding("end", "scroll_bottom", _("Last line"), show=False,
                tooltip=_("Go to the last line of the list"), id="list.last"),
    ]

    async def on_key(self, event: events.Key) -> None:
        active = self.screen.active_bindings.get(event.key)
        if active is None or not active.enabled or active.binding.priority:
            return
        if await self.app.run_action(active.binding.action, active.node):
            event.stop()
            event.prevent_default()  # DataTable's own key handling: the binding has run
