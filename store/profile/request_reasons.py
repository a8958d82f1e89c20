"""The reasons the billing team gives when deciding a change request (R16): checked as every
staff reason is (store.forms.schemas.ReasonForm), and the reason an approval's saved lines carry,
naming the request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.i18n import _

if TYPE_CHECKING:
    from store.forms.fields import Values
    from store.forms.schemas import ReasonForm


def checked_reason(values: Values) -> ReasonForm:
    """`values`' "reason" (required) and "ticket", checked (InvalidInput)."""
    from store.forms.schemas import ReasonForm
    from store.forms.validation import validate

    return validate(ReasonForm, values)


def approval_reason(values: Values | None) -> ReasonForm | None:
    """An approval's reason and ticket as given (R16: a reason is optional on approval): None
    when neither is; a ticket given alone is kept, with no reason (verification trial:
    `requests approve N --ticket BIL-12` without --reason dropped the ticket). Each checked as
    a rejection's are (ReasonForm; InvalidInput)."""
    values = values or {}
    if not str(values.get("reason") or "").strip():
        if not str(values.get("ticket") or "").strip():
            return None
        from store.forms.schemas import ReasonForm

        ticket = checked_reason({"reason": "-", "ticket": values.get("ticket")}).ticket
        return ReasonForm.model_construct(reason="", ticket=ticket)
    return checked_reason(values)


def naming_request(request_id: int, checked: ReasonForm | None) -> ReasonForm:
    """The reason the address's saved lines carry on approval: "Request #12", then the team's
    reason when they gave one; their ticket (History names the request on every line)."""
    from store.forms.schemas import ReasonForm

    named = _("Request #{id}").format(id=request_id)
    if checked is None or not checked.reason:
        return ReasonForm.model_construct(reason=named,
                                          ticket=None if checked is None else checked.ticket)
    # Already validated (`_reason`): only the request's name is added in front.
    # One message (not an f-string) so History says "Request #12" in its reader's language.
    return ReasonForm.model_construct(
        reason=_("{request}: {reason}").format(request=named, reason=checked.reason),
        ticket=checked.ticket)
