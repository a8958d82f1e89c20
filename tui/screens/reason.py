"""ReasonModal: the reason (and ticket) the billing team gives for a change; other payment kinds."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Select, Static

import store
import store.i18n
import store.profile.billing
import store.views
from store.forms import fields
from store.i18n import _
from store.views import Actor, BillingView

from ..widgets.form_dialog import FormDialog
from ..widgets.form_section import FieldLook, FormSection

if TYPE_CHECKING:
    from store.forms.fields import Values

ResultT = TypeVar("ResultT")


class ReasonModal(FormDialog[ResultT | None]):
    """Reason and optional ticket id, checked by the store; errors stay inside the dialog.

    Without `action` the dialog dismisses with the reason as typed once the store found nothing
    wrong with it (the caller writes). With `action` it calls `action(reason)` itself and
    dismisses with what that returns, so a refusal from the store is shown here and the person
    can try again or cancel. A reason that
    is not `required` may be left empty: `action` then receives None. Cancel dismisses with None.
    """

    joined_pastes = frozenset({"reason"})  # free text: pasted lines joined into one
    DEFAULT_CSS = """
    ReasonModal #reason-summary {
        margin-bottom: 1;
    }
    """

    def __init__(self, title: str, *, summary: str | None = None, required: bool = True,
                 save_label: str | None = None,
                 action: Callable[[Values | None], ResultT] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.summary = summary
        self.required = required
        self.action = action
        self.save_label = save_label or _("Save")

    def dialog_title(self) -> str:
        return self.title_text

    def compose_fields(self) -> ComposeResult:
        if self.summary:
            yield Static(self.summary, id="reason-summary", markup=False)
        yield from self.compose_choice()
        yield FormSection(fields.REASON, banner="dialog-banner", id="reason-form", looks={
            "reason": FieldLook(placeholder=_("required, kept in the audit trail")
                                if self.required else _("optional, kept in the audit trail")),
            "ticket": FieldLook(placeholder=_("optional, like SUP-1234"))})

    def compose_choice(self) -> ComposeResult:
        """Fields that come before the reason (none here)."""
        yield from ()

    def reason_form(self) -> Values | None:
        """The reason as typed; None when an optional reason was left empty."""
        data = self.query_one(FormSection).typed()
        if not self.required and not data["reason"].strip() and not data["ticket"].strip():
            return None
        return data

    def use_reason(self, form: Values | None) -> Callable[[], Any]:
        """The store call to make with the reason `form` (run off the event loop: everything
        it needs from the dialog is read here, on the loop)."""
        action = self.action
        if action is None:
            def checked() -> Values | None:
                if form is not None:  # what is wrong shows here, before the caller writes
                    store.profile.billing.check_reason(form)
                return form

            return checked
        return lambda: action(form)

    def submit(self) -> None:
        self.send(self.use_reason(self.reason_form()))


PAYMENT_KINDS = ("direct_debit", "bank_transfer")


def payment_kind_label(kind: str) -> str:
    return {"direct_debit": _("Direct debit"), "bank_transfer": _("Bank transfer")}[kind]


class OtherPaymentModal(ReasonModal[BillingView]):
    """The billing team records direct debit or bank transfer, with a reason; returns the view."""

    DEFAULT_CSS = """
    OtherPaymentModal #row-kind {
        height: auto;
        margin-bottom: 1;
    }
    OtherPaymentModal #row-kind > Horizontal {
        height: 1;
    }
    OtherPaymentModal #row-kind Label {
        width: 16;
        color: $text-muted;
    }
    OtherPaymentModal #field-kind {
        width: 1fr;
    }
    """

    def __init__(self, actor: Actor, company_id: int, *, current: str | None = None) -> None:
        super().__init__(_("Record a payment method other than a card"),
                         summary=_("The card on file, if any, is replaced. The owner sees the "
                                   "method on the Billing tab."),
                         save_label=_("Record"))
        self.actor = actor
        self.company_id = company_id
        self.initial_kind = current if current in PAYMENT_KINDS else PAYMENT_KINDS[0]

    def compose_choice(self) -> ComposeResult:
        with Vertical(id="row-kind"):
            with Horizontal():
                yield Label(_("Method"), markup=False)
                yield Select([(payment_kind_label(k), k) for k in PAYMENT_KINDS],
                             allow_blank=False, value=self.initial_kind, compact=True,
                             id="field-kind")
            yield Static("", id="error-kind", classes="choice-error", markup=False)

    @property
    def chosen_kind(self) -> str:
        value = self.query_one("#field-kind", Select).value
        return value if isinstance(value, str) else self.initial_kind

    def use_reason(self, form: Values | None) -> Callable[[], Any]:
        assert form is not None  # required: reason_form() returns the reason as typed
        actor, company_id, kind = self.actor, self.company_id, self.chosen_kind
        return lambda: store.profile.billing.set_other_payment_method(actor, company_id, kind, form)
