"""The billing team's decision on a change request (R16), one flow for the Billing tab and queue."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

import store
import store.requests
import store.views
from store.forms import fields
from store.i18n import _
from store.views import Actor, ChangeRequestView

from ..formatting import safe_text


def change_summary(request: ChangeRequestView) -> str:
    """`Nordwind GmbH — VAT number: DE136695976 → DE811907980`, the dialog's first line."""
    return _("{company} — {field}: {old} → {new}").format(
        company=safe_text(request.company_name), field=fields.field_label(request.field),
        old=safe_text(request.current_value or _("(empty)")),
        new=safe_text(request.new_value or _("(empty)")))


def decision_modal(actor: Actor, request: ChangeRequestView, *, approve: bool):
    """The dialog that approves `request` (a reason is optional) or rejects it (the reason is
    required, and the owner reads it); it dismisses with the decided request."""
    from ..screens.reason import ReasonModal

    if approve:
        return ReasonModal(
            _("Approve the change request"), summary=change_summary(request), required=False,
            save_label=_("Approve"),
            action=lambda reason: store.requests.approve_request(actor, request.id, reason))
    return ReasonModal(
        _("Reject the change request"),
        summary=change_summary(request) + "\n" + _("The owner reads your reason."),
        save_label=_("Reject"),
        action=lambda reason: store.requests.reject_request(actor, request.id, reason or {}))


def decide(widget: Widget, actor: Actor, request: ChangeRequestView, *, approve: bool,
           then: Callable[[ChangeRequestView], None]) -> None:
    """Ask for the decision on `request` over `widget`'s screen; once the store took it, `then`
    shows it and a toast says so. Cancelling changes nothing."""

    def decided(result: ChangeRequestView | None) -> None:
        if result is None:
            return
        then(result)
        widget.notify(_("Request approved") if approve else _("Request rejected"), markup=False)

    widget.app.push_screen(decision_modal(actor, request, approve=approve), decided)
