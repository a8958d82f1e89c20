"""The Billing tab's keys: what each does, its word in the key line and help, and its title in
the command palette, written once (the palette's help is the key's tooltip:
tui.palette.key_commands)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from store.i18n import _

# Keys shown together in the footer, which is narrow at 80 columns.
PAGES = Binding.Group(_("Page"))
RECIPIENTS = Binding.Group(_("Recipients"))
REQUESTS = Binding.Group(_("Request"))


# The billing team's keys m, v and j are the tab's own, for whoever may use them
# (BillingTab.check_action hides them from everyone else): they work, and the key line and help
# show them, wherever the focus is on the tab, the tab itself included.
BINDINGS: list[BindingType] = [
    Binding("m", "payment_method", _("Payment"),
            tooltip=_("Billing team: record direct debit or bank transfer, with a reason"),
            id="billing.payment_method"),
    Binding("v", "approve_request", _("Approve"),
            tooltip=_("Billing team: apply the highlighted change request"),
            group=REQUESTS, id="billing.approve_request"),
    Binding("j", "reject_request", _("Reject"),
            tooltip=_("Billing team: reject the highlighted change request, with a reason"),
            group=REQUESTS, id="billing.reject_request"),
    Binding("d", "download", _("PDF"),
            tooltip=_("Save the highlighted invoice as a PDF in your downloads folder"),
            id="billing.download"),
    Binding("n", "page(1)", _("Next page"), tooltip=_("Show the next page of invoices"),
            group=PAGES, id="billing.next_page"),
    Binding("p", "page(-1)", _("Previous page"),
            tooltip=_("Show the previous page of invoices"), group=PAGES,
            id="billing.previous_page"),
    Binding("a", "add_recipient", _("Add recipient"),
            tooltip=_("Send the invoices to one more e-mail address"),
            group=RECIPIENTS, id="billing.add_recipient"),
    Binding("r,delete", "remove_recipient", _("Remove recipient"),
            tooltip=_("Stop sending the invoices to the highlighted recipient"),
            group=RECIPIENTS, id="billing.remove_recipient"),
    Binding("y", "pay_now", _("Pay now"),
            tooltip=_("Pay the open invoices with the card on file (the amount is asked)"),
            id="billing.pay_now"),
    Binding("c", "update_card", _("Card"),
            tooltip=_("Add or replace the card that pays the invoices"),
            id="billing.update_card"),
    Binding("x", "request_change", _("Request"),
            tooltip=_("Ask the billing team to change state, country or VAT number"),
            id="billing.request_change"),
    Binding("w", "withdraw_request", _("Withdraw"),
            tooltip=_("Take back your change request before the billing team decides"),
            id="billing.withdraw_request"),
]

# The palette's commands for the keys (action → title), in the palette's order.
PALETTE_TITLES: dict[str, str] = {
    "download": _("Billing: download invoice"),
    "page(1)": _("Billing: next page of invoices"),
    "page(-1)": _("Billing: previous page of invoices"),
    "add_recipient": _("Billing: add recipient"),
    "remove_recipient": _("Billing: remove recipient"),
    "update_card": _("Billing: update card"),
    "request_change": _("Billing: request change"),
    "withdraw_request": _("Billing: withdraw request"),
    "payment_method": _("Billing: payment method"),
    "approve_request": _("Billing: approve request"),
    "reject_request": _("Billing: reject request"),
}
