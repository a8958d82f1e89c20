"""InvoiceEntryModal: one invoice in full (SPEC §5, the Billing tab's Enter), with Pay now (y)
for that invoice alone while it is open and the reader may pay (#17 trial)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.binding import Binding, BindingType

from store.i18n import _

from .entry import EntryModal

Payer = Callable[[str, Callable[[], None]], None]
"""Pays invoice NUMBER after showing the amount and asking (tui/sections/payment.py), then
calls back once it is paid."""


class InvoiceEntryModal(EntryModal):
    """The invoice's text (`lines`, tui/invoices_cli.detail_text); `pay` when the store's view
    lets the reader pay invoice `number` now (an open or past due invoice, for whoever may use
    the card on file), else None: y asks to pay it, and the invoice closes once it is paid (the
    list under it then says Paid)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "pay", _("Pay now"),
                tooltip=_("Pay this invoice with the card on file (the amount is asked)"),
                id="entry.pay_now"),
    ]

    def __init__(self, lines: list[str], number: str, pay: Payer | None = None) -> None:
        super().__init__(lines)
        self.number = number
        self.pay = pay

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pay":
            return self.pay is not None
        return True

    def action_pay(self) -> None:
        if self.pay is not None:
            self.pay(self.number, self._paid)

    def _paid(self) -> None:
        if self.is_attached and self.app.screen is self:
            self.dismiss()
