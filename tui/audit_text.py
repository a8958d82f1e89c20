"""How an audit-trail line reads, on the History tab and in `show history` (SPEC §6): what was
done or tried, and the change, in the reader's language, from values kept in no one's."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from store.feed.sync_skipped import FIELD as FEED_LINES
from store.feed.sync_skipped import lines_in
from store.forms.cards import OTHER_PAYMENT_KINDS, payment_kind_label
from store.forms.fields import CHANGE_REQUEST
from store.i18n import N_, _, colon, country_name, kept, ngettext, told
from store.trail.audit import (
    request_decision,
    request_named,
    request_stays,
    request_was,
    tried_values,
)

from .formatting import catalogue_name, safe_text
from .trail_words import action_label, attempt_label, audit_field_label, member_text

if TYPE_CHECKING:
    from store.views import AuditEntryView


# Saves of a field: the field names the line (the action is the tab's own); other lines are
# named by what was done, the field going with the change.
SAVES = frozenset({"general.save", "address.save", "card.set", "payment_method.set"})


def decision_label(entry: AuditEntryView) -> str | None:
    """`Request #12 approved`, `Request #12 sent`, `Withdrawal of request #12` (refused): a line
    on a change request names it (store.trail.audit.request_named); None for any other line."""
    number = request_named(entry)
    if number is None:
        return None
    if entry.outcome == "refused":
        texts = {"request.approve": _("Approval of request #{id}"),
                 "request.reject": _("Rejection of request #{id}"),
                 "request.withdraw": _("Withdrawal of request #{id}")}
    else:
        texts = {"request.create": _("Request #{id} sent"),
                 "request.approve": _("Request #{id} approved"),
                 "request.reject": _("Request #{id} rejected"),
                 "request.withdraw": _("Request #{id} withdrawn")}
    text = texts.get(entry.action)
    return None if text is None else text.format(id=number)


def title(entry: AuditEntryView) -> str:
    """`Request #3 sent · Country`: the action (done, or tried when refused) and its field,
    in full; `Request #12 approved` for a decision."""
    decided = decision_label(entry)
    if decided is not None:
        return f"{decided} · {_field(entry)}" if entry.field else decided
    label = attempt_label(entry.action) if entry.outcome == "refused" \
        else action_label(entry.action)
    return f"{label} · {_field(entry)}" if entry.field else label


def what(entry: AuditEntryView) -> str:
    """The list's short name of a line: the field of a save, else the action (tried, when
    refused: "Recipient removal", never read as an addition). A refused line says so first,
    "Refused: approval #12", so that a list too narrow for its Outcome column (80 columns)
    still tells it from a line done (#16 trial)."""
    if entry.outcome == "refused":
        return _("Refused: {what}").format(what=_tried(entry))
    if entry.action in SAVES and entry.field:
        return _field(entry)
    decided = decision_label(entry)
    if decided is not None:
        return decided
    return action_label(entry.action)


def _tried(entry: AuditEntryView) -> str:
    """What a refused line tried, short: the field of a save, the request decided on
    ("approval #12"), else the action tried."""
    if entry.action in SAVES and entry.field:
        return _field(entry)
    number = request_named(entry)
    texts = {"request.approve": _("approval #{id}"), "request.reject": _("rejection #{id}"),
             "request.withdraw": _("withdrawal #{id}")}
    if number is not None and entry.action in texts:
        return texts[entry.action].format(id=number)
    return attempt_label(entry.action)


def _field(entry: AuditEntryView, name: str | None = None) -> str:
    """The label of `name` (default: the line's field) on this line: a region named as the
    country the store found for it calls it (`region_country`: County, Province…)."""
    return audit_field_label(entry.field if name is None else name, entry.region_country,
                             entry.action)


def reason_label(entry: AuditEntryView) -> str:
    """What the line's reason is: the owner's note on a request sent, else the reason given."""
    return CHANGE_REQUEST["note"].label if _owners_request(entry) else _("Reason")


# Reasons the store keeps as codes, in no one's language (store.invoicing.payments,
# store.profile.billing: the bank's refusal of a charge or of a card). A sentence the program said
# (a refusal's message) is kept as its message id and parameters and read in the reader's language
# already (store.i18n.told, through the column's SaidField); any other reason is what a person
# wrote.
REASON_CODES = {"declined": N_("declined by the bank")}


def reason_text(entry: AuditEntryView) -> str:
    """The line's reason as the reader reads it: a kept code or a kept message in their
    language (issue #16: a French owner's refusal reads in English to an English reader), a
    person's words and a line written before as written (escaped); "" for none."""
    if not entry.reason:
        return ""
    code = REASON_CODES.get(entry.reason)
    if code is not None:
        return _(code)
    # Said again in the language of now, whichever it was read in (told(kept(...)) of a
    # person's words or an old line is those words).
    return safe_text(str(told(kept(entry.reason))))


def ticket_label(entry: AuditEntryView) -> str:
    """What the line's ticket is: where the proof is (documents) on a request sent, else the
    ticket id."""
    return CHANGE_REQUEST["documents"].label if _owners_request(entry) else _("Ticket id")


def _owners_request(entry: AuditEntryView) -> bool:
    return entry.action == "request.create" and entry.outcome == "done"


def value_text(field: str | None, value: str | None, country: str | None = None) -> str:
    """A kept value as the reader reads it: a country by its name, a region of `country` by
    the name its post gives it (store.forms.postal.region_display: Ontario, not ON) and a
    payment kind in their language, the rest as kept (escaped), "—" for none. The History,
    the request queue and `requests list` name places through here alike (#16 trial)."""
    if value is None or value == "":
        return "—"
    if field == "country":
        return safe_text(country_name(value))
    if field == "state" and country:
        from store.forms.postal import region_display

        return safe_text(region_display(country, value))
    if field in ("staff", "role"):  # "bea@x.example (billing)": store.people.staff
        return member_text(value)
    if field == "term":  # a company's contract term (store.profile.companies)
        from store.plans.terms import term_name

        return safe_text(term_name(value))
    if field == "plan":  # the catalogue's name, kept in English (store.profile.companies)
        return catalogue_name(value)
    if field in ("products_added", "products_removed"):  # product codes (store.plans.plan_changes)
        from store.plans.catalogue import PRODUCTS

        names = {str(p["code"]): str(p["name"]) for p in PRODUCTS}
        return ", ".join(catalogue_name(names[code]) if code in names else safe_text(code)
                         for code in value.split(","))
    if field == "payment_method" and value in OTHER_PAYMENT_KINDS:
        return payment_kind_label(value)
    if field == "invoices" and value == "*":  # a payment of every open invoice, tried
        return _("every open invoice")
    # invoices paid (store.profile.billing.set_card)
    if field == "invoices" and value.startswith("{"):
        try:
            paid = json.loads(value)
            credits = ", ".join(paid.get("credits") or [])
            if paid.get("at_issue") and credits and not float(paid["total"]):
                # credit notes covered it all: no card charged, no amount (#17 trial)
                return _("{numbers} settled by credit notes {credits} at issue, no charge").format(
                    numbers=safe_text(", ".join(paid["numbers"])), credits=safe_text(credits))
            # "card" is store.invoicing.payments.paid_with's text
            if paid.get("at_issue") and credits:
                text = _("{numbers} charged to {card} at issue after credit notes {credits}"
                         ).format(numbers=safe_text(", ".join(paid["numbers"])),
                                  card=safe_text(paid["card"].rsplit(", ", 1)[-1]),
                                  credits=safe_text(credits))
            elif paid.get("at_issue"):  # the billing run's own charge (store.invoicing.payments)
                text = _("{numbers} charged to {card} at issue").format(
                    numbers=safe_text(", ".join(paid["numbers"])), card=safe_text(paid["card"]))
            else:
                text = ngettext("{count} open invoice paid by {card}",
                                "{count} open invoices paid by {card}", int(paid["paid"])).format(
                    count=int(paid["paid"]), card=safe_text(paid["card"]))
            if paid.get("total") is not None and paid.get("currency"):  # kept since #17
                from decimal import Decimal

                from .formatting import money

                text += f" ({money(Decimal(paid['total']), paid['currency'])})"
            return text
        except (ValueError, KeyError, TypeError, ArithmeticError):
            pass  # not what set_card keeps: shown as kept
    return safe_text(value)


def change(entry: AuditEntryView) -> str:
    """What changed, or what was tried, as this kind of line means it: a request sent is asked
    for ("asked DE → FR"), a rejection leaves the value as it was, a refusal shows the value
    tried."""
    old = value_text(entry.field, entry.old_value, entry.region_country)
    new = value_text(entry.field, entry.new_value, entry.region_country)
    if entry.action.endswith(".save") and entry.outcome == "done":  # a field emptied or filled
        from store.forms.labels import side_text  # as a request's line says it

        old, new = side_text(entry.old_value and old), side_text(entry.new_value and new)
    if entry.outcome == "refused":
        if entry.field is None and request_named(entry) is not None:  # the title names it
            return "—"
        if entry.field == FEED_LINES and entry.new_value:  # store.feed.sync_skipped
            return ngettext("line {lines} skipped", "lines {lines} skipped",
                            lines_in(entry.new_value)).format(lines=safe_text(entry.new_value))
        several = tried_values(entry)
        if several is not None:
            return _("tried {value}").format(value=" · ".join(
                f"{colon(_field(entry, name))} {value_text(name, value, entry.region_country)}"
                for name, value in several))
        tried = entry.new_value or entry.old_value
        if not tried:
            return "—"
        # "tried to remove ap@x.example", never read as an add; a field sent empty whose value
        # the line keeps (a locked VAT number cleared) tried to remove that value.
        if removes(entry.action) or (not entry.new_value and entry.old_value):
            return _("tried to remove {value}").format(
                value=value_text(entry.field, tried, entry.region_country))
        return _("tried {value}").format(
            value=value_text(entry.field, tried, entry.region_country))
    if entry.action == "feed.sync" and entry.new_value:  # store.feed.sync: counts by kind
        return feed_counts(entry.new_value) or "—"
    if entry.action.startswith("export.") and entry.new_value:  # store.trail.exports: rows, filters
        return export_counts(entry.new_value)
    if entry.action in ("plan.change", "plan.change.apply") and entry.field:  # plan_changes
        if entry.old_value is None or entry.new_value is None:  # a date, a product added…
            return f"{colon(_field(entry))} {new if entry.old_value is None else old}"
        return f"{colon(_field(entry))} {old} → {new}"
    lines = request_lines(entry)
    if lines is not None:  # a request's one line: what it asked, applied or not
        return f"{lines[0]} " + " · ".join(lines[1:])
    if not entry.old_value and not entry.new_value:  # a sign-in: nothing moved, no arrow
        return "—"  # (#16 trial t16: "Connexion — → —")
    texts = {
        "request.create": _("{field}: asked {old} → {new}"),
        "request.approve": _("{field}: {old} → {new}, approved"),
        "request.reject": _("{field}: {new} rejected, stays {old}"),
        "request.withdraw": _("{field}: {new} withdrawn, stays {old}"),
        "recipient.add": "{new}",
        "recipient.remove": "{old}",
        "invoice.resend": "{new}",  # "INV-… → address" (store.invoicing.delivery)
        # the invoice credited in full, the month it frees (store.invoicing.credit_notes)
        "invoice.reissue": _("{old}: {new} invoiced again by the next run"),
        "company.create": "{new}", "company.close": "—",  # store.profile.companies
        "staff.add": "{new}", "staff.remove": "{old}",  # store.people.staff: "email (role)"
        "plan.change.cancel": "{old}",  # "#3 2026-12-01" (store.plans.plan_changes)
    }
    return texts.get(entry.action, "{old} → {new}").format(
        field=_field(entry), old=old, new=new)


def removes(action: str) -> bool:
    """Whether `action` removes or deletes something (recipient.remove, logo.delete,
    staff.remove…): a refusal of it tried to remove the value it keeps."""
    return action.rsplit(".", 1)[-1] in ("remove", "delete")


def request_lines(entry: AuditEntryView) -> list[str] | None:
    """A change request's line (sent, approved, rejected, withdrawn: one per request) as a
    heading and one row per field it moves, and per field it keeps beside them (sent or
    approved: store.trail.audit.request_stays), in the address's own order
    (store.forms.fields.address_order, a line written before read in it too): ["asked",
    "Address: 350 Fifth Avenue → 24 Beacon St", "Address line 2: Bldg 4 (stays)", "City: New
    York → Boston"]; the heading "applied", "not applied:" for a decision. A field the
    address held at the value asked already (when sent or decided: store.trail.audit.request_was)
    is not listed as a change but said plainly: "already so: City: Paris". None for any
    other line (the per-field lines written before read as one field each)."""
    decision = request_decision(entry)
    if decision is None:
        return None
    from store.forms.fields import address_order
    from store.forms.labels import address_change, address_kept

    was = request_was(entry)
    # A region (a postal code) named by its own country: the one asked, the one it was.
    country = dict(decision[1]).get("country") or was.get("country") or entry.region_country
    before = was.get("country") or entry.region_country

    def named(name: str, value: str | None) -> str:
        if name in was:  # each side named by its own country (store.forms.labels)
            return address_change(name, was[name] and value_text(name, was[name], before),
                                  value and value_text(name, value, country), (before, country))
        return f"{colon(audit_field_label(name, country))} {value_text(name, value, country)}"

    asked = sorted(decision[1], key=lambda item: address_order(item[0]))
    moved = [(n, v) for n, v in asked if n not in was or (was[n] or None) != (v or None)]
    same = [(n, v) for n, v in asked if (n, v) not in moved]
    heading = {"request.create": _("asked"), "request.approve": _("applied"),
               }.get(entry.action, _("not applied:"))
    kept = [(n, address_kept(n, value_text(n, v, country), country))
            for n, v in request_stays(entry).items() if v]
    rows = [row for _n, row in sorted([(n, named(n, v)) for n, v in moved] + kept,
                                      key=lambda item: address_order(item[0]))]
    if same:
        rows.append(_("already so: {values}").format(values=", ".join(
            f"{colon(audit_field_label(n, country))} {value_text(n, v, country)}"
            for n, v in same)))
    return [heading, *rows]


def feed_counts(counts: str | dict) -> str:
    """What a sync changed, `{"users": [added, changed, deactivated], "numbers": …, "teams": …}`
    (store.feed.sync's trail line, as JSON or read): `Users: 3 added, 1 deactivated · Teams: 1
    added`; "" when nothing changed, the value as kept when it is not that."""
    try:
        data = json.loads(counts) if isinstance(counts, str) else counts
        parts = []
        for kind, label in (("users", _("Users")), ("numbers", _("Numbers")),
                            ("teams", _("Teams"))):
            added, changed, deactivated = (int(n) for n in data.get(kind, (0, 0, 0)))
            words = [text.format(count=n) for n, text in (
                (added, ngettext("{count} added", "{count} added", added)),
                (changed, ngettext("{count} changed", "{count} changed", changed)),
                (deactivated, ngettext("{count} deactivated", "{count} deactivated",
                                       deactivated))) if n]
            if words:
                parts.append(f"{colon(label)} " + ", ".join(words))
        return " · ".join(parts)
    except (ValueError, TypeError, AttributeError):
        return safe_text(counts)


def export_counts(kept: str) -> str:
    """What an export wrote, `{"rows": 120, "company": 3, "since": "2026-01-01", "until": …}`
    (store.trail.exports' trail line): `120 rows · company 3 · from 2026-01-01`; the value as kept
    when it is not that."""
    try:
        data = json.loads(kept)
        rows = int(data["rows"])
        parts = [ngettext("{count} row", "{count} rows", rows).format(count=rows)]
        if data.get("company") is not None:
            parts.append(_("company {id}").format(id=int(data["company"])))
        if data.get("since"):
            parts.append(_("from {day}").format(day=safe_text(data["since"])))
        if data.get("until"):
            parts.append(_("until {day}").format(day=safe_text(data["until"])))
        if data.get("stopped"):
            parts.append(_("stopped before the end"))
        return " · ".join(parts)
    except (ValueError, TypeError, KeyError, AttributeError):
        return safe_text(kept)
