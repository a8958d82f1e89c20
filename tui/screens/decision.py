"""DecisionModal: the billing team approves or rejects a change request (R16), and sees it
again when it moved while the dialog was open."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.widgets import Button, Static

import store
import store.errors
import store.profile.requests
from store.i18n import _
from store.views import Actor, ChangeRequestView

from ..widgets.form_field import FormField
from .reason import ReasonModal

if TYPE_CHECKING:
    from store.forms.fields import Values


class DecisionModal(ReasonModal[ChangeRequestView]):
    """The decision on `request`: a reason, optional to approve, required to reject.

    When the store refuses because the request moved since the dialog opened (#16 trial: the
    owner saved the address, or withdrew the request, while the queue was open), the dialog
    reads the request again and shows it as it is now, the reason kept: after an address
    save, both versions (now → asked, with the value when asked), and ctrl+s approves on the
    version now shown (SPEC §5: the team sees both and decides again); after a withdrawal or
    another decision, the store's word in the banner, and only closing is left. `moved` is
    the request as read again, for the screen under it to show.
    """

    def __init__(self, actor: Actor, request: ChangeRequestView, *, approve: bool) -> None:
        from ..sections.decisions import change_summary

        self.actor = actor
        self.request = request
        self.approve = approve
        self.moved: ChangeRequestView | None = None
        self._reread: ChangeRequestView | None = None  # read off the loop, shown on it
        super().__init__(_("Approve the change request") if approve
                         else _("Reject the change request"),
                         summary=self._summary(request, change_summary), required=not approve,
                         save_label=_("Approve") if approve else _("Reject"))

    def _summary(self, request: ChangeRequestView, change_summary: Callable[..., str]) -> str:
        text = change_summary(request)
        return text if self.approve else text + "\n" + _("The owner reads your reason.")

    @property
    def closed(self) -> bool:
        """The request is no longer waiting: nothing is left to decide."""
        return self.request.status != "pending"

    def use_reason(self, form: Values | None) -> Callable[[], Any]:
        actor, request, approve = self.actor, self.request, self.approve

        def decide() -> ChangeRequestView:
            try:
                if approve:
                    # On what the dialog shows: the version now, when saved since the request.
                    return store.profile.requests.approve_request(
                        actor, request.id, form,
                        address_version=request.current_version if request.stale else None)
                return store.profile.requests.reject_request(actor, request.id, form or {})
            except (store.profile.requests.StaleRequest, store.profile.requests.DecidedRequest,
                    store.errors.Conflict) as moved:
                self._reread = store.profile.requests.get_request(actor, request.id)
                if isinstance(moved, store.errors.Conflict):  # saved again meanwhile
                    raise store.profile.requests.StaleRequest(
                        moved.changed_by, self._reread.current_version or 0) from moved
                raise

        return decide

    def submit(self) -> None:
        if not self.closed:
            super().submit()

    def _answered(self, done: bool, result: ChangeRequestView | None) -> None:
        reread, self._reread = self._reread, None
        if not done and reread is not None:
            self.show_request(reread)
        super()._answered(done, result)

    def show_request(self, request: ChangeRequestView) -> None:
        """Show `request` as read again; the reason typed stays. A request no longer pending
        leaves only Close."""
        from ..sections.decisions import change_summary

        self.request = self.moved = request
        self.query_one("#reason-summary", Static).update(self._summary(request, change_summary))
        if self.closed:
            for field in self.query(FormField):
                field.input.disabled = True
            self.query_one("#dialog-save", Button).display = False
            cancel = self.query_one("#dialog-cancel", Button)
            cancel.label = _("Close") + " (esc)"
            cancel.focus()
            self.refresh_bindings()  # ctrl+s leaves the key line

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit" and self.closed:
            return False
        return super().check_action(action, parameters)

    def action_cancel(self) -> None:
        if self.closed and not self.sending:  # nothing typed here can be used any more
            self.dismiss(None)
            return
        super().action_cancel()
