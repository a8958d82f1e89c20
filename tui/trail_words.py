"""The words of the audit trail as History, `show history` and the exports read them: each
action's done and tried words (ACTIONS), the outcome, and the field a line is about, named as
the form that changes it names it (the company's forms, or the vendor's console forms)."""

from __future__ import annotations

import re

from store.forms.fields import FormSpec, company_field
from store.i18n import N_, _

from .formatting import role_label, safe_text


def _console_form(action: str) -> FormSpec | None:
    """The vendor's console form whose fields a line of `action` names (None: the company's)."""
    kind = {"staff": "staff", "seller": "seller"}.get(action.split(".")[0]) or \
        {"company.create": "new_company", "company.owner": "new_owner"}.get(action)
    if kind is None:
        return None
    from store.forms.console import NEW_COMPANY, NEW_OWNER, STAFF_ACCOUNT
    from store.forms.seller import SELLER

    return {"staff": STAFF_ACCOUNT, "seller": SELLER, "new_company": NEW_COMPANY,
            "new_owner": NEW_OWNER}[kind]


def audit_field_label(field: str | None, region_country: str | None = None,
                      action: str | None = None) -> str:
    """The field an audit-trail entry is about, as the screens call it (unknown ones as stored).

    `action`: the line's, for the vendor's console forms, whose fields share names with the
    company's ("name" of a staff member is not the company's name: store.forms.console).

    A General or billing-address field by its label in store/forms/fields.py; the region and the
    postal code by the names `region_country`'s post gives them (Province, ZIP code:
    store.forms.labels.address_field_label, as the form does); the rest (the logo, a
    recipient, the payment method, sessions...) are not form fields and are named here.
    """
    console = _console_form(action) if action and field else None
    if console is not None and field is not None and field in console:
        return console[field].label
    if field in ("state", "postal_code") and region_country:
        # As the country's post names them (Province, ZIP code): the form's own words.
        from store.forms.labels import address_field_label

        return address_field_label(field, region_country)
    form_field = company_field(field or "")
    if form_field is not None:
        return form_field.label
    labels = {
        "logo": _("Logo"), "recipient": _("Invoice recipient"),
        "payment_method": _("Payment method"), "invoice": _("Invoice"),
        "invoices": _("Invoices"), "team": _("Team"), "key": _("Sign-in key"),
        "as": _("Acting as"), "role": _("Role"), "actor": _("Session"),
        "keys": _("Keys offered"), "address": _("Client address"), "command": _("Command"),
        "staff": _("Staff member"), "owner": _("Owner"), "plan": _("Plan"), "term": _("Term"),
        "trial_ends_on": _("Trial ends"), "effective_from": _("From"),
        "included_users": _("Users included"), "included_numbers": _("Numbers included"),
        "products_added": _("Products added"), "products_removed": _("Products removed"),
        "plan_change": _("Plan change"), "time_zone": _("Time zone"),
        "price": _("Price"), "period": _("Period"), "feed": _("Feed"),
        "feed_lines": _("Feed lines"),
    }
    return labels.get(field or "", safe_text(field))


# What each action the store records (store/trail/audit.py) reads as in History and `show history`:
# (done, tried), the words of a line done ("Profile saved") and of one refused ("Profile
# change"); tried None: a refused line reads as one done. One table, built once (both
# functions run per History row); N_ marks the words for extraction, _ translates them per
# call, in the reader's language. Every action store/ records has its entry
# (tests/tui/test_history_labels.py).
ACTIONS: dict[str, tuple[str, str | None]] = {
    "sign_in": (N_("Sign-in"), None),
    "company.search": (N_("Company search"), None),
    "general.save": (N_("Profile saved"), N_("Profile change")),
    "logo.set": (N_("Logo uploaded"), N_("Logo upload")),
    "logo.delete": (N_("Logo deleted"), N_("Logo deletion")),
    "address.save": (N_("Billing address saved"), N_("Billing address change")),
    "recipient.add": (N_("Recipient added"), N_("Recipient addition")),
    "recipient.remove": (N_("Recipient removed"), N_("Recipient removal")),
    "card.set": (N_("Card saved"), N_("Card change")),
    "payment_method.set": (N_("Payment method recorded"), N_("Payment method change")),
    "invoice.pay": (N_("Invoices paid"), N_("Invoice payment")),
    "invoice.download": (N_("Invoice downloaded"), N_("Invoice download")),
    "invoice.resend": (N_("Invoice resent"), N_("Invoice resend")),
    "request.create": (N_("Change request sent"), N_("Change request")),
    "request.approve": (N_("Request approved"), N_("Request approval")),
    "request.reject": (N_("Request rejected"), N_("Request rejection")),
    "request.withdraw": (N_("Request withdrawn"), N_("Request withdrawal")),
    "team.create": (N_("Team created"), N_("Team creation")),
    "database.backup": (N_("Database backup"), None),
    "read": (N_("Company opened"), N_("Opening the company")),
    "plan.read": (N_("Plan opened"), N_("Opening the plan")),
    "billing.read": (N_("Billing opened"), N_("Opening billing")),
    "history.read": (N_("History opened"), N_("Opening history")),
    "invoices.read": (N_("Invoices opened"), N_("Opening the invoices")),
    "invoice.read": (N_("Invoice opened"), N_("Opening an invoice")),
    "key.add": (N_("Sign-in key added"), N_("Sign-in key addition")),
    "key.remove": (N_("Sign-in key removed"), N_("Sign-in key removal")),
    "key.list": (N_("Sign-in keys listed"), N_("Sign-in keys list")),
    "session.open": (N_("SSH session opened"), N_("SSH session")),
    "ssh.command": (N_("SSH command"), None),
    "database.init": (N_("Database created"), N_("Database creation")),
    "database.app_role": (N_("Application role granted"), N_("Application role grant")),
    "request.list": (N_("Change requests listed"), N_("Change requests list")),
    "seller.save": (N_("Seller details saved"), N_("Seller details change")),
    "invoice.issue": (N_("Invoice issued"), N_("Invoice issue")),
    "invoice.send": (N_("Invoice e-mailed"), N_("Invoice e-mailing")),
    "invoice.credit": (N_("Invoice credited"), N_("Credit note")),
    "invoice.reissue": (N_("Corrected invoice asked for"), N_("Corrected invoice")),
    "staff.add": (N_("Staff member added"), N_("Staff member addition")),
    "staff.role": (N_("Staff role changed"), N_("Staff role change")),
    "staff.remove": (N_("Staff member removed"), N_("Staff member removal")),
    "staff.list": (N_("Staff listed"), N_("Staff list")),
    "company.create": (N_("Company created"), N_("Company creation")),
    "company.owner": (N_("Owner changed"), N_("Owner change")),
    "company.close": (N_("Company closed"), N_("Company closing")),
    "company.list": (N_("Companies listed"), N_("Companies list")),
    "company.show": (N_("Company shown"), N_("Company details")),
    "company.time_zone": (N_("Time zone set by the address"), N_("Time zone change")),
    "feed.sync": (N_("Platform feed synced"), N_("Feed sync")),
    "plan.change": (N_("Plan change scheduled"), N_("Plan change")),
    "plan.change.cancel": (N_("Plan change cancelled"), N_("Plan change cancelling")),
    "plan.change.apply": (N_("Plan change applied"), N_("Plan change")),
    "plan.trial": (N_("Trial end set"), N_("Trial end change")),
    "price.set": (N_("Price set"), N_("Price change")),
    "export.companies": (N_("Companies exported"), N_("Companies export")),
    "export.invoices": (N_("Invoices exported"), N_("Invoices export")),
    "export.history": (N_("History exported"), N_("History export")),
    "history.all": (N_("History across companies"), None),
}


def action_label(action: str | None) -> str:
    """What an audit-trail entry did: "Profile saved" (ACTIONS' done words); an action not in
    ACTIONS as stored, through safe_text."""
    words = ACTIONS.get(action or "")
    return _(words[0]) if words is not None else safe_text(action)


def attempt_label(action: str | None) -> str:
    """What a refused line tried to do: "Profile change", not "Profile saved" (ACTIONS' tried
    words, else its done words); an action not in ACTIONS as stored, through safe_text."""
    words = ACTIONS.get(action or "")
    if words is None:
        return safe_text(action)
    return _(words[1] or words[0])


def outcome_label(outcome: str | None) -> str:
    """done or refused."""
    return _("refused") if outcome == "refused" else _("done")


# Where a line came from, as store.people.identity keeps it in no one's language: a local session's
# "login NAME on HOST" and an SSH key's "key SHA256:.. from ADDRESS", " (demo)" after a person
# named on a demo database. Read in the reader's language (#18 trial: French History said "login
# root on vm"); the names, host, fingerprint and address as kept.
ORIGINS = (
    (re.compile(r"login (?P<login>.+) on (?P<host>.+)", re.DOTALL), N_("login {login} on {host}")),
    (re.compile(r"key (?P<fingerprint>\S+) from (?P<address>.+)", re.DOTALL),
     N_("key {fingerprint} from {address}")),
)
DEMO = " (demo)"


def origin_label(origin: str | None) -> str:
    """Where a line came from (its `origin`), in the reader's language: "login root on vm
    (demo)" reads « connexion root sur vm (démo) »; another origin (a command's, "mycompany
    invoices issue") as kept, its "(demo)" translated; "" for none. Through safe_text."""
    if not origin:
        return ""
    text, demo = (origin[:-len(DEMO)], True) if origin.endswith(DEMO) else (origin, False)
    for form, words in ORIGINS:
        found = form.fullmatch(text)
        if found is not None:
            text = _(words).format(**{name: safe_text(value)
                                      for name, value in found.groupdict().items()})
            break
    else:
        text = safe_text(text)
    if not demo:
        return text
    return _("{origin} (demo)").format(origin=text)


# A person as store.people.staff keeps them in a line's value: "bea@x.example (billing)".
MEMBER = re.compile(r"(?P<email>.*) \((?P<role>[a-z]+)\)", re.DOTALL)


def member_text(value: str) -> str:
    """The value of a line about a person's role (a staff member added, removed, their role
    changed) in the reader's language: the role named as the screens name it (store.people.access
    role_label: "bea@x.example (billing)" reads « bea@x.example (facturation) »), a role alone
    likewise; a role no one knows and anything else as kept. Through safe_text."""
    found = MEMBER.fullmatch(value)
    if found is not None:
        return f"{safe_text(found['email'])} ({role_label(found['role'])})"
    return role_label(value)
