"""Scrolling a company tab so that a field and what is under its form show together."""

from __future__ import annotations

from typing import cast

from textual.widget import Widget

from ..tabs.base import CompanyTab


def show_field_and_end(tab: CompanyTab, field: Widget, end: Widget) -> None:
    """Scroll `tab` so that `field` shows, and as much of what is under its form, down to the
    bottom of `end` (the end of the requests list), as fits under it; the field always wins (a
    long list of requests pushed it out of sight, #16 trial).

    Worked out from the layout (rows of the tab's content), not from the screen's regions,
    which lag a scroll made since the last refresh."""
    height = tab.scrollable_content_region.height
    field_top = _row_in(tab, field)
    end_bottom = _row_in(tab, end) + end.outer_size.height
    wanted = min(max(end_bottom - height, tab.scroll_y), field_top)
    wanted = max(wanted, field_top + field.outer_size.height - height)
    if wanted != tab.scroll_y:
        tab.scroll_to(y=wanted, animate=False, immediate=True)


def _row_in(tab: CompanyTab, widget: Widget) -> int:
    """The row of `widget`'s top within `tab`'s scrolled content: each widget's
    `virtual_region` is its place within its parent's content, whatever the scroll."""
    row = 0
    while widget is not tab and widget.parent is not None:
        row += widget.virtual_region.y
        widget = cast(Widget, widget.parent)
    return row
