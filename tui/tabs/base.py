"""What every tab shares: the acting person, the company, the locale, and the form protocol."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.containers import VerticalScroll

import store
import store.views

if TYPE_CHECKING:
    from ..widgets.form_section import FormSection

# Seconds after a wheel step when the (animated) scroll has ended.
SCROLL_SETTLES = 0.3


@dataclass(frozen=True)
class TabContext:
    """What a tab needs, handed to its constructor (tabs never reach into the app)."""

    actor: store.views.Actor
    company_id: int
    locale: str


class CompanyTab(VerticalScroll):
    """A tab pane's content. Form tabs override `dirty`, `save` and `revert`."""

    DEFAULT_CSS = """
    CompanyTab {
        height: 1fr;
        padding: 0 1;
    }
    """

    def __init__(self, context: TabContext, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.context = context

    def allow_focus(self) -> bool:
        """A tab stop only when there is something to scroll (else an invisible stop, #15)."""
        return super().allow_focus() and self.allow_vertical_scroll

    def on_mouse_scroll_down(self) -> None:
        self.set_timer(SCROLL_SETTLES, self.keep_focus_in_view)

    def on_mouse_scroll_up(self) -> None:
        self.set_timer(SCROLL_SETTLES, self.keep_focus_in_view)

    def keep_focus_in_view(self) -> None:
        """The wheel scrolled the focused widget out of sight: the focus goes to the page itself
        (visible, with its left bar), so no key acts on something the person cannot see (#15)."""
        focused = self.screen.focused
        if focused is None or focused is self or self not in focused.ancestors:
            return
        if not focused.region.intersection(self.region).area and self.allow_focus():
            self.focus(scroll_visible=False)

    def on_show(self) -> None:
        self.focus_home(only_if_outside=True)

    def focus_home(self, *, only_if_outside: bool = False) -> None:
        """Focus the tab's first control in sight that is not a text field, else the tab itself
        when it scrolls, else the tab strip: always a widget in sight that looks focused (#15).

        Not a text field: there the tab keys 1-4 would type digits instead of switching tabs.
        """
        from textual.css.query import NoMatches
        from textual.widgets import Input, TabbedContent, TabPane, Tabs

        try:
            if self.query_ancestor(TabbedContent).active != self.query_ancestor(TabPane).id:
                return  # another tab was chosen meanwhile
        except NoMatches:  # not inside tabs
            pass
        focused = self.screen.focused
        if only_if_outside and focused is not None and self in focused.ancestors:
            return
        # The screen's focus chain leaves out what is not displayed (an empty list hidden).
        for widget in self.screen.focus_chain:
            if self in widget.ancestors and not isinstance(widget, Input) \
                    and widget.region.intersection(self.region).area:
                widget.focus(scroll_visible=False)
                return
        if self.allow_focus():
            self.focus(scroll_visible=False)
            return
        for strip in self.screen.query(Tabs):
            strip.focus(scroll_visible=False)
            return

    @property
    def has_form(self) -> bool:
        """Whether the tab has a form this person may save, so ctrl+s does something here (the
        tab overrides save, and `can_save` says what the store's view allows)."""
        return type(self).save is not CompanyTab.save and self.can_save

    @property
    def can_save(self) -> bool:
        """Whether the store's view lets this person change something here (tabs override)."""
        return True

    @property
    def dirty(self) -> bool:
        """Whether the person typed something not saved yet."""
        return False

    def save(self) -> None:
        """Save the form (ctrl+s); tabs without a form ignore it."""

    def revert(self) -> None:
        """Put back what is stored (escape)."""

    def reload(self) -> None:
        """Read again from the store (after another tab changed something)."""

    def shown_again(self) -> None:
        """The tab is shown again after another: what may have changed is read again."""
        self.reload()

    def on_form_section_finished(self, event: FormSection.Finished) -> None:
        """A save of one of the tab's forms has answered, and its outcome shows here (the
        form's Saved, handled below or on the tab, came first): what waited for it runs
        (tui.screens.leaving: escape, another tab or quitting, once the save is done)."""
        event.stop()
        for then in event.waiting:
            then(event.taken)
