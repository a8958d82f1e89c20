"""The payment section (R14): the card on file, replacing it, the billing team's other methods."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.widgets import Label, Static

import store.errors
import store.invoicing.payments
from store.i18n import _, ngettext
from store.views import BillingView, PaymentMethodView

from ..formatting import error_text, money, safe_text
from ..widgets.form_section import SAVING
from ..widgets.store_call import Outcome, call_off_loop
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
    if method.expiry:  # MM/YY, as the card reads (store.views.card_expiry)
        parts.append(_("expires {expiry}").format(expiry=method.expiry))
    if method.holder:
        parts.append(safe_text(method.holder))
    return " · ".join(parts)


class PaymentSection(BillingSection):
    """How the company pays; the owner adds or replaces the card (c) and pays what is open with
    it (y), the billing team records direct debit or bank transfer (m)."""

    working = False  # a payment is being read, asked or charged
    shown_method: tuple[object, ...] | None = None  # the payment method the section shows

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
                         classes="note", id="team-method-note", markup=False)
        else:
            yield Static(_("Other payment methods: contact the billing team"), classes="note",
                         id="other-methods-note", markup=False)
        yield Static(_("c adds or replaces the card · y pays the open invoices with it"),
                     id="card-note", classes="note", markup=False)
        yield Static("", id="payment-error", classes="section-error", markup=False)

    def show(self, view: BillingView) -> None:
        super().show(view)
        method = view.payment_method
        shown = None if method is None else (method.kind, method.brand, method.last4,
                                              method.version)
        if self.shown_method is not None and shown != self.shown_method and not self.working:
            # A note about a charge (the bank declined it) is about the card it went to: a new
            # card, or another method, clears it (#17 trial: the decline stayed under 4242).
            self.show_error(None)
        self.shown_method = shown
        self.query_one("#payment-method", Static).update(payment_text(method))
        self.query_one("#card-note").display = view.can_manage_card
        for note in self.query("#other-methods-note"):  # the owner's way to the billing team
            note.display = view.can_manage_card
        for note in self.query("#team-method-note"):  # not on a closed company
            note.display = view.can_set_payment_method

    def update_card(self, then: Callable[[], None] | None = None) -> None:
        """Add or replace the card (c); then, when invoices are open, offer to pay them with it
        (the amount shown and asked, SPEC §5); `then` runs after a payment."""
        if self.view is None or not self.view.can_manage_card:
            return
        from ..screens.card import CardModal

        method = self.view.payment_method
        card = method if method is not None and method.kind == "card" else None

        def updated(view: BillingView | None) -> None:
            if view is None:
                return
            self.changed(view)
            self.notify(_("Card saved: {card}").format(card=payment_text(view.payment_method)),
                        markup=False)
            self.pay_now(then, quiet=True)

        # The version seen goes with the card: a method changed since is refused (#17 trial).
        self.app.push_screen(CardModal(self.context.actor, self.context.company_id,
                                       holder=card.holder if card else None,
                                       replacing=card is not None,
                                       version=method.version if method is not None else 0,
                                       on_view=self.changed), updated)

    def pay_now(self, then: Callable[[], None] | None = None, *, quiet: bool = False,
                numbers: list[str] | None = None, shown_open: int | None = None) -> None:
        """Pay the open invoices with the card on file (`numbers`: those only, e.g. the one
        shown in full; None: every open one): the amount is read, shown and asked before
        anything is charged (store.invoicing.payments); `then` runs after a payment (the list shows
        them paid). `quiet`: say nothing when nothing is open (right after a new card). A
        refusal, or open invoices other than the `shown_open` the list counts, say the tab is
        out of date (Outdated: it reads again; #17 trial, paid from another shell)."""
        if self.view is None or not self.view.can_manage_card or self.working:
            return
        from ..screens.pay_question import PayQuestion, payable

        actor, company_id = self.context.actor, self.context.company_id
        self.working = True

        def paid(outcome: Outcome[store.invoicing.payments.PayPreview]) -> None:
            self.working = False
            try:
                done = outcome.unwrap()
            except store.errors.StoreError as exc:  # a decline: said where y was pressed too
                self.show_error(error_text(exc))
                self.notify(error_text(exc), severity="error", markup=False)
                self.post_message(self.Outdated())  # paid elsewhere meanwhile, another total
                return
            self.show_error("")
            self.notify(ngettext("Paid {amount} with {card}: {count} invoice",
                                 "Paid {amount} with {card}: {count} invoices",
                                 len(done.numbers)).format(
                amount=money(done.total, done.currency, self.context.locale),
                card=safe_text(done.card), count=len(done.numbers)), markup=False)
            if then is not None:
                then()

        def unpayable(preview: store.invoicing.payments.PayPreview, *, say: bool) -> bool:
            """Nothing open or no card: nothing is asked (said unless `say` is False)."""
            if payable(preview):
                return False
            self.working = False
            if say:
                self.notify(_("No invoice is open: nothing to pay.") if not preview.numbers
                            else _("There is no card on file: add one first (c)."),
                            markup=False)
            return True

        def refused(exc: store.errors.StoreError) -> None:
            self.working = False
            self.show_error(error_text(exc))
            if numbers is not None:  # asked from the invoice in full, over this section
                self.notify(error_text(exc), severity="error", markup=False)
            self.post_message(self.Outdated())  # that invoice paid elsewhere, or gone

        def ask(outcome: Outcome[store.invoicing.payments.PayPreview]) -> None:
            try:
                preview = outcome.unwrap()
            except store.errors.StoreError as exc:
                refused(exc)
                return
            if shown_open is not None and len(preview.numbers) != shown_open:
                self.post_message(self.Outdated())
            if unpayable(preview, say=not quiet):
                return
            # What it would charge is read again at y and while it is open: a payment made
            # elsewhere meanwhile is asked about anew, never charged unseen (PayQuestion).
            question = PayQuestion(preview, read=read, words=self._question,
                                   changed=lambda: self.post_message(self.Outdated()))

            def answered(yes: bool | None) -> None:
                if question.refusal is not None:
                    refused(question.refusal)
                    return
                if not yes:  # n, escape or the Cancel button: said, as the command line says it
                    if not unpayable(question.preview, say=True):
                        self.working = False
                        self.notify(store.invoicing.payments.not_charged(), markup=False)
                    return
                confirmed = question.preview
                amount = money(confirmed.total, confirmed.currency, self.context.locale)
                self.show_error(_("Charging {amount}…").format(amount=amount), working=True)
                call_off_loop(self, lambda: store.invoicing.payments.pay_invoices(
                    actor, company_id, confirmed.numbers, confirmed.total), paid, group=SAVING)

            self.app.push_screen(question, answered)

        def read() -> store.invoicing.payments.PayPreview:
            return store.invoicing.payments.pay_preview(actor, company_id, numbers)

        call_off_loop(self, read, ask, group=SAVING)

    def _question(self, preview: store.invoicing.payments.PayPreview) -> str:
        """Pay now's question: the amount, the card and the invoices (and credit notes)."""
        question = ngettext(
            "Charge {amount} to {card} now for {count} open invoice ({numbers})?",
            "Charge {amount} to {card} now for {count} open invoices ({numbers})?",
            len(preview.numbers)).format(
                amount=money(preview.total, preview.currency, self.context.locale),
                card=safe_text(preview.card), count=len(preview.numbers),
                numbers=", ".join(preview.numbers))
        if preview.credits:
            question += " " + _("Credit notes deducted: {numbers}.").format(
                numbers=", ".join(preview.credits))
        return question

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
