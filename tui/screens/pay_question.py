"""PayQuestion: the question before the card on file is charged, asked again in place when what
it would charge changes while it is open (store.invoicing.payments.changed_since_asked)."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Button

import store.errors
from store.i18n import _
from store.invoicing.payments import PayPreview, changed_since_asked

from ..formatting import safe_text
from ..widgets.store_call import LatestRead, Outcome
from .confirm import ConfirmModal

# Seconds between two reads of what an open question would charge: a payment made elsewhere (a
# shell, another terminal, the billing run) shows in the question within this.
LOOK_EVERY = 5.0


def payable(preview: PayPreview) -> bool:
    """Whether `preview` is something to ask about: invoices open and a card to charge."""
    return bool(preview.numbers) and preview.card is not None


class PayQuestion(ConfirmModal):
    """Ask to charge `preview` (store.invoicing.payments.pay_preview), in the words
    `words(preview)`; `read()` reads it again (the same call, the same invoices asked about),
    off the event loop. Every surface that charges the card asks here (Billing's Pay now, y on
    an invoice in full, the card dialog's question once a card is saved).

    y reads it again before answering: the same charge dismisses with True, `preview` being
    what to charge; another one (an invoice paid elsewhere, one issued, another card) is asked
    instead, what changed in front, with the bell: y counts again only once the new words are
    drawn (ConfirmModal.reword, anew). The same read runs every LOOK_EVERY seconds while the
    question is open (#17 trial: left open over a payment made in a shell, it still asked
    €5,134.00 for 2 invoices; y said "INV-000002-0014 is not open", a second y asked €2,567.00).
    `changed()` runs when it changed (the list behind is out of date too).

    Closes with False when there is nothing to ask any more: `refusal` holds the store's
    refusal (the one invoice asked about is no longer open), or `preview` is the new one, not
    payable (nothing open, no card). n, escape and Cancel close with False as before."""

    def __init__(self, preview: PayPreview, *, read: Callable[[], PayPreview],
                 words: Callable[[PayPreview], str],
                 changed: Callable[[], object] | None = None) -> None:
        super().__init__(words(preview), confirm_label=_("Pay"))
        self.preview = preview
        self.refusal: store.errors.StoreError | None = None
        self._read = read
        self._words = words
        self._changed = changed
        self._reads: LatestRead[PayPreview] = LatestRead()
        self._confirming = False  # y was answered: the read under way decides
        self._over = False

    def on_mount(self) -> None:  # ConfirmModal's runs too (Textual calls each class's)
        self.set_interval(LOOK_EVERY, self._look)

    def _look(self) -> None:
        if not self._reads.pending:
            self._reads.read(self, self._read, self._answered)

    def _answered(self, outcome: Outcome[PayPreview]) -> None:
        if self._over:
            return
        confirming, self._confirming = self._confirming, False
        try:
            now = outcome.unwrap()
        except store.errors.StoreError as exc:
            self.refusal = exc
            self._close(False)
            return
        what_changed = changed_since_asked(self.preview, now)
        if not what_changed:
            if confirming:
                self._close(True)
            return
        self.preview = now
        if self._changed is not None:
            self._changed()
        if not payable(now):
            self._close(False)
            return
        self.app.bell()
        self.reword(safe_text(what_changed) + "\n" + self._words(now), _("Pay"), anew=True)

    def _close(self, answer: bool) -> None:
        self._over = True
        self.dismiss(answer)

    def _confirm(self) -> None:
        """y or the Pay button: read what would be charged again, and answer once it is read."""
        if self._confirming or self._over:
            return
        self._confirming = True
        self._reads.read(self, self._read, self._answered)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.prevent_default()  # ConfirmModal's would answer at once
        if event.button.id == "yes":
            self._confirm()
        elif not self._over:
            self._close(False)

    def action_answer(self, answer: bool) -> None:
        if answer:
            self._confirm()
        elif not self._over:
            self._close(False)
