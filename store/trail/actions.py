"""The actions the store writes to the trail, by id, and the one rule of an action filter (SPEC §6:
History across companies, `mycompany history --action` and the staff screen's filter dialog alike).
"""

from __future__ import annotations

from store.i18n import _

# Every action id store/ records (store.trail.audit.record and the refusals that come through it).
# tests/tui/test_history_labels.py finds them in the store's source and checks this set is exactly
# them, and that History has words for each (tui.trail_words.ACTIONS).
RECORDED = frozenset({
    "address.save", "billing.read", "card.set", "company.close", "company.create",
    "company.list", "company.owner", "company.search", "company.show", "company.time_zone",
    "database.app_role", "database.backup", "database.init", "export.companies",
    "export.history", "export.invoices", "feed.sync", "general.save", "history.all",
    "history.read", "invoice.credit", "invoice.download", "invoice.issue", "invoice.pay",
    "invoice.read", "invoice.reissue", "invoice.resend", "invoice.send", "invoices.read",
    "key.add", "key.list", "key.remove", "logo.delete", "logo.set", "payment_method.set",
    "plan.change", "plan.change.apply", "plan.change.cancel", "plan.read", "plan.trial",
    "price.set", "read", "recipient.add", "recipient.remove", "request.approve",
    "request.create", "request.list", "request.reject", "request.withdraw", "seller.save",
    "session.open", "sign_in", "ssh.command", "staff.add", "staff.list", "staff.remove",
    "staff.role", "team.create",
})


def action_filter(text: str) -> str:
    """`text` as an action filter: an action id the store records (`export.invoices`) or a kind
    of them (`export`, the part before a dot), case and spaces around it aside, a dot after it
    dropped; returned in that form. ValueError, listing the kinds, for anything else: a filter
    naming no action would answer an empty History that reads as "nothing happened" (#15
    trial; #18 trial: the staff screen's filter took "bogus" where the command line refused it).
    """
    wanted = text.strip().lower().rstrip(".")
    if wanted in RECORDED or any(action.startswith(wanted + ".") for action in RECORDED):
        return wanted
    kinds = dict.fromkeys(sorted(action.split(".")[0] for action in RECORDED))
    raise ValueError(_("{value} is not an action; give one like export.invoices, or a kind: "
                       "{kinds}").format(value=repr(text), kinds=", ".join(kinds)))
