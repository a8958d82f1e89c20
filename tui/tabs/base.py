"""What every tab shares: the acting person, the company, the locale, and the form protocol."""

from __future__ import annotations

from dataclasses import dataclass

from textual.containers import VerticalScroll

import store


@dataclass(frozen=True)
class TabContext:
    """What a tab needs, handed to its constructor (tabs never reach into the app)."""

    actor: store.Actor
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
