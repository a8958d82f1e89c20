"""The payment section (R14): the card on file, replacing it, the billing team's other methods."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.widgets import Label, Static

from store.i18n import _
from store.views import BillingView, PaymentMethodView

from ..formatting import safe_text
from .base import BillingSection


def payment_text(method: PaymentMethodView | None) -> str:
    """`Visa •••• 4242 · expires 08/28 · Jonas Weber`, or how else the company pays."""
    if method is None:
        return _("No card on file")
    if method.kind == "direct_debit":
        return _("Direct debit (set by the billing team)")
    if method.kind == "bank_transfer":
        return _("Bank transfer (set by the billing team)")
    parts = [f"{safe_text(method.brand)} •••• {safe_text(method.last4)}"]
    if method.exp_month and method.exp_year:
        parts.append(_("expires {month:02d}/{year:02d}").format(
            month=method.exp_month, year=method.exp_year % 100))
    if method.holder:
        parts.append(safe_text(method.holder))
    return " · ".join(parts)


class PaymentSection(BillingSection):
    """How the company pays; the owner adds or replaces the card (c), the billing team records
    direct debit or bank transfer (m)."""

    DEFAULT_CSS = """
    PaymentSection #payment-method {
        width: auto;
        padding: 0 1;
        background: $boost;
        text-style: bold;
    }
    """

    def compose(self) -> ComposeResult:
        yield Label(_("Payment method"), classes="section-title")
        yield Static("", id="payment-method", markup=False)
        if self.is_billing_team:
            yield Static(_("m records direct debit or bank transfer (with a reason)"),
                         classes="note", markup=False)
        else:
            yield Static(_("Other payment methods: contact the billing team"), classes="note",
                         id="other-methods-note", markup=False)
        yield Static(_("c adds or replaces the card"), id="card-note", classes="note",
                     markup=False)

    def show(self, view: BillingView) -> None:
        super().show(view)
        self.query_one("#payment-method", Static).update(payment_text(view.payment_method))
        self.query_one("#card-note").display = view.can_manage_card
        for note in self.query("#other-methods-note"):  # the owner's way to the billing team
            note.display = view.can_manage_card

    def update_card(self, then: Callable[[], None] | None = None) -> None:
        """Add or replace the card (c); a new card pays the open invoices at once (`then`)."""
        if self.view is None or not self.view.can_manage_card:
            return
        from ..screens.card import CardModal

        method = self.view.payment_method
        card = method if method is not None and method.kind == "card" else None

        def updated(view: BillingView | None) -> None:
            if view is None:
                return
            self.changed(view)
            if then is not None:
                then()
            self.notify(_("Card saved: {card}").format(card=payment_text(view.payment_method)),
                        markup=False)

        self.app.push_screen(CardModal(self.context.actor, self.context.company_id,
                                       holder=card.holder if card else None,
                                       replacing=card is not None), updated)

    def other_method(self) -> None:
        """The billing team records direct debit or bank transfer, with a reason (m)."""
        if self.view is None or not self.view.can_set_payment_method:
            return
        from ..screens.reason import OtherPaymentModal

        method = self.view.payment_method

        def recorded(view: BillingView | None) -> None:
            if view is None:
                return
            self.changed(view)
            self.notify(_("Payment method recorded: {method}").format(
                method=payment_text(view.payment_method)), markup=False)

        self.app.push_screen(OtherPaymentModal(
            self.context.actor, self.context.company_id,
            current=method.kind if method is not None else None), recorded)
