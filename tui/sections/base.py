"""What every Billing section shares: the tab's context and the view they show."""

from __future__ import annotations

from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from store.views import BillingView

from ..tabs.base import TabContext


class BillingSection(Vertical):
    """One section of the Billing tab; `show(view)` draws it from the store's view.

    A section that changes something posts `ViewChanged` with the store's answer: the tab shows
    it in every section.
    """

    DEFAULT_CSS = """
    BillingSection {
        height: auto;
    }
    BillingSection .list-box {
        height: auto;
    }
    BillingSection .section-error {
        display: none;
        color: $text-error;
    }
    BillingSection .section-error.-shown {
        display: block;
    }
    BillingSection .section-error.-working {
        color: $text-accent;
        text-style: bold;
    }
    """

    class ViewChanged(Message):
        """The store answered with a new view of the Billing tab."""

        def __init__(self, view: BillingView) -> None:
            super().__init__()
            self.view = view

    class Outdated(Message):
        """An action found what the tab shows out of date (the store refused it, or answered
        with another state than the one shown): the tab reads everything again."""

    def __init__(self, context: TabContext, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.context = context
        self.view: BillingView | None = None

    @property
    def is_billing_team(self) -> bool:
        """The billing team (billing and admin staff), as the store names it (SPEC §2)."""
        return self.context.actor.is_billing_team

    def show(self, view: BillingView) -> None:
        """Draw the section from `view`."""
        self.view = view

    def show_error(self, message: str | None, *, working: bool = False) -> None:
        """A refusal on the section's `.section-error` line (None clears it); `working`: what
        is being done, instead."""
        for error in self.query(".section-error").results(Static):
            error.update(message or "")
            error.set_class(bool(message), "-shown")
            error.set_class(working, "-working")

    def changed(self, view: BillingView) -> None:
        """The store answered with `view`: draw it here now, and in the other sections."""
        self.show(view)
        self.post_message(self.ViewChanged(view))
