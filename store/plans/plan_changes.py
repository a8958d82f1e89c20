"""A company's plan changed from a date, and its trial's end, from the vendor's console (SPEC §11,
#18; §2: the billing team changes plans for a customer, with a reason).

A change is scheduled from the first day of a month that is not invoiced yet, or whose invoice
was credited in full (the first month that can still change is named otherwise), and kept in
`plan_change` (migration 0018) until the billing run applies it in the company's own
transaction, before it computes that month's invoice lines (store.invoicing.billing_run), or
someone cancels it. It may change the plan, the contract
term (store.plans.terms), the included user licences and numbers, and add or remove products
(add-ons and call plans), as the catalogue allows (store.plans.catalogue): a plan of the catalogue,
at least the plan's `min_users` licences, numbers of 0 or more, products of the catalogue; a move to
a plan with a team limit is refused while the company has more active teams than it allows (R9),
naming them, and so is its application (store.plans.team_limit: until it applies, the company keeps
that plan's limit too). Closing the company cancels its changes (cancel_on_close). Each change,
refusal, application and cancellation is in the trail, with its reason.

The trial's end is set in store.plans.trial.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from peewee import fn

from store import clock
from store.errors import FORM_WIDE, InvalidInput, NotFound, Refused
from store.i18n import _
from store.people.access import ensure_billing_team, ensure_can_read, require_company
from store.persistence.db import retried, transaction
from store.persistence.models import Invoice, Plan, Product, SubscribedProduct, Subscription
from store.persistence.models_plan import PlanChange
from store.places.zones import company_today
from store.plans.plan_views import ScheduledChange
from store.plans.scheduled import codes as _codes
from store.plans.scheduled import scheduled_view
from store.plans.team_limit import ensure_teams_fit
from store.plans.terms import TERMS, period_start
from store.trail.audit import record, refusals_recorded
from store.views import Actor

if TYPE_CHECKING:
    from store.forms.fields import Values


def _key(row: object, name: str) -> str | None:
    """A foreign key's value as stored (`row.plan_id`, which peewee's stubs do not know)."""
    value = getattr(row, f"{name}_id")
    return None if value is None else str(value)


def stored_day(value: str | date | None) -> date | None:
    """A date read by an aggregate: SQLite hands it back as text, PostgreSQL as a date."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _view(row: PlanChange) -> ScheduledChange:
    status = "applied" if row.applied_at else "cancelled" if row.cancelled_at else "scheduled"
    plan_name = Plan.get_by_id(_key(row, "plan")).name if _key(row, "plan") else None
    return scheduled_view(row.id, row.effective_from, _key(row, "plan"), plan_name, row.term,
                          row.included_users, row.included_numbers, row.add_products,
                          row.remove_products, status)


def first_open_month(company_id: int) -> date:
    """The first month that can still change: this month (in the company's zone) or, when it
    is invoiced already, the month after the last one invoiced; but the first month whose
    invoice was credited in full for its corrected invoice since, when one was, after the last
    invoice that stands. A credit with `reissue` frees its month (store.invoicing.credit_notes:
    the next billing run of it issues the corrected invoice; a credit alone leaves the month
    invoiced), so the correction can be made from that month and the run's re-issue applies it
    (#17 trial: INV-000005-0001 credited for "Wrong plan", the plan change from 2026-12
    refused, the run re-issued the same invoice)."""
    this_month = company_today(company_id).replace(day=1)
    invoices = (Invoice.company == company_id) & (Invoice.kind == "invoice")
    # An invoice credited for re-issue no longer holds its billing period (NULL); others do.
    last = stored_day(Invoice.select(fn.MAX(Invoice.period_end)).where(
        invoices & Invoice.billing_period.is_null(False)).scalar())
    first = max(this_month, last + timedelta(days=1)) if last else this_month
    credited = Invoice.select(fn.MIN(Invoice.period_start)).where(
        invoices & Invoice.billing_period.is_null())
    if last is not None:
        credited = credited.where(Invoice.period_start > last)
    again = stored_day(credited.scalar())
    return min(first, again) if again is not None else first


def reason_given(values: Values) -> tuple[str, str | None]:
    """The "reason" and "ticket" given, checked (store.forms.schemas.ReasonForm); InvalidInput."""
    from store.forms.schemas import ReasonForm
    from store.forms.validation import validate

    form = validate(ReasonForm, {"reason": values.get("reason"), "ticket": values.get("ticket")})
    return form.reason, form.ticket


def _whole(values: Values, name: str, errors: dict[str, str]) -> int | None:
    """"users" or "numbers" of `values` (store.forms.console.plan_count: 0 to MAX_COUNT), None
    when not given; a refusal is put in `errors` under the field's name."""
    value = values.get(name)
    if value is None or value == "":
        return None
    try:
        # Bounded where it is set (#18 trial: 2**63 - 1 licences); the forms (Pydantic) load
        # when a change is made, not for a session that only reads the Plan tab.
        from store.forms.console import plan_count

        return plan_count(value)
    except ValueError as refused:
        errors[name] = str(refused)
        return None


def _state_at(company_id: int, sub: Subscription, start: date) -> dict[str, Any]:
    """The subscription as it will be on `start`: as it is, with the scheduled changes from
    that day or earlier applied in order."""
    state: dict[str, Any] = {
        "plan": _key(sub, "plan"), "term": sub.term, "users": sub.included_users,
        "numbers": sub.included_numbers,
        "products": {_key(p, "product") for p in SubscribedProduct.select().where(
            SubscribedProduct.company == company_id)}}
    for row in _pending(company_id, start):
        state["plan"] = _key(row, "plan") or state["plan"]
        state["term"] = row.term or state["term"]
        state["users"] = state["users"] if row.included_users is None else row.included_users
        state["numbers"] = (state["numbers"] if row.included_numbers is None
                            else row.included_numbers)
        state["products"] = (state["products"] | set(_codes(row.add_products))) - set(
            _codes(row.remove_products))
    return state


def _pending(company_id: int, until: date) -> list[PlanChange]:
    return list(PlanChange.select().where(
        (PlanChange.company == company_id) & PlanChange.applied_at.is_null()
        & PlanChange.cancelled_at.is_null() & (PlanChange.effective_from <= until))
        .order_by(PlanChange.effective_from, PlanChange.id))


def _products(values: Values, name: str) -> list[str]:
    raw: Any = values.get(name) or []
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    return list(dict.fromkeys(str(code).strip().lower() for code in items if str(code).strip()))


# The trail's name of each value a change takes, as its lines done name them (`_checked`'s
# trail: "Users included", "From"), which a refused change's line keeps too (#18 trial: "tried
# from: 2027-02 · users: 5").
TRAIL_FIELDS = {"from": "effective_from", "users": "included_users",
                "numbers": "included_numbers", "add": "products_added",
                "remove": "products_removed"}


@retried
def schedule_change(actor: Actor, company_id: int, values: Values) -> ScheduledChange:
    """Schedule a change of company `company_id`'s subscription from "from" (YYYY-MM): "plan",
    "term", "users", "numbers" (None: unchanged), "add" and "remove" (product codes), with
    "reason" and "ticket".

    Billing and admin staff only (Refused, exit 3, recorded); Refused too for a move to a plan
    whose team limit the company's active teams exceed (R9, naming them); InvalidInput for a
    month already invoiced and not credited in full (naming the first that can change:
    first_open_month), a value the catalogue does not
    have, fewer users than the plan's minimum, a count of users or numbers that is not a whole
    number from 0 to store.forms.console.MAX_COUNT (100 000), or a change that changes nothing;
    NotFound for no such company or no subscription.
    """
    tried = {TRAIL_FIELDS.get(k, k): ",".join(map(str, v)) if isinstance(v, list | tuple) else v
             for k, v in values.items() if k not in ("reason", "ticket") and v not in
             (None, "", [])}
    with refusals_recorded(actor, company_id, "plan.change", tried=tried, given=values):
        ensure_billing_team(actor, company_id, "plan.change")
        require_company(company_id)
        reason, ticket = reason_given(values)
        try:
            start = period_start(str(values.get("from") or ""))
        except InvalidInput:
            raise InvalidInput({"from": _("Give the month as YYYY-MM, for example 2026-12.")})
        with transaction():
            change = _checked(company_id, start, values)
            change_id = PlanChange.insert(
                company=company_id, effective_from=start, reason=reason, ticket=ticket,
                created_at=clock.now(), created_by=actor.email, **change["row"]).execute()
            record(actor, company_id, "plan.change", field="effective_from",
                   new=start.isoformat(), reason=reason, ticket=ticket)
            for field, old, new in change["trail"]:
                record(actor, company_id, "plan.change", field=field, old=old, new=new,
                       reason=reason, ticket=ticket)
            return _view(PlanChange.get_by_id(change_id))


def _checked(company_id: int, start: date, values: Values) -> dict[str, Any]:
    """The change's columns and trail lines (field, as it will be before, after), checked."""
    sub = Subscription.get_or_none(Subscription.company == company_id)
    if sub is None:
        raise NotFound(_("Company {id} has no subscription.").format(id=company_id))
    first = first_open_month(company_id)
    if start < first:
        raise InvalidInput({"from": _("{month} can no longer change: the first month that can "
                                      "is {first}.").format(month=f"{start:%Y-%m}",
                                                            first=f"{first:%Y-%m}")})
    state = _state_at(company_id, sub, start)
    errors: dict[str, str] = {}
    plan = None
    if values.get("plan"):
        plan = Plan.get_or_none(Plan.code == str(values["plan"]).strip().lower())
        if plan is None:
            errors["plan"] = _("Choose a plan of the catalogue: {plans}").format(
                plans=", ".join(p.code for p in Plan.select(Plan.code).order_by(Plan.code)))
    term = values.get("term") or None
    if term is not None and term not in TERMS:
        errors["term"] = _("Choose a term: {terms}").format(terms=", ".join(TERMS))
    users, numbers = _whole(values, "users", errors), _whole(values, "numbers", errors)
    add, remove = _products(values, "add"), _products(values, "remove")
    known = {p.code for p in Product.select(Product.code)}
    for name, codes in (("add", add), ("remove", remove)):
        if any(code not in known for code in codes):
            errors[name] = _("Choose products of the catalogue: {products}").format(
                products=", ".join(sorted(known)))
    if "add" not in errors and (already := [c for c in add if c in state["products"]]):
        errors["add"] = _("The company has {products} already.").format(
            products=", ".join(already))
    if "remove" not in errors and (absent := [c for c in remove
                                              if c not in state["products"]]):
        errors["remove"] = _("The company does not have {products}.").format(
            products=", ".join(absent))
    target = plan or Plan.get_by_id(state["plan"])
    if plan is not None and plan.code == state["plan"]:
        plan = None  # the plan it has: no change
    if (users is not None or plan is not None) and "users" not in errors \
            and (users if users is not None else state["users"]) < target.min_users:
        errors["users"] = _("{plan} needs at least {count} user licences.").format(
            plan=_(target.name), count=target.min_users)
    if errors:
        raise InvalidInput(errors)
    row = {"plan": plan.code if plan else None,
           "term": term if term != state["term"] else None,
           "included_users": users if users != state["users"] else None,
           "included_numbers": numbers if numbers != state["numbers"] else None,
           "add_products": ",".join(add) or None, "remove_products": ",".join(remove) or None}
    if all(value is None for value in row.values()):
        raise InvalidInput({FORM_WIDE: _("This changes nothing: give a new plan, term, number "
                                         "of users or numbers, or products to add or remove.")})
    if plan is not None:
        ensure_teams_fit(company_id, plan)  # R9, naming the teams
    trail: list[tuple[str, object, object]] = []
    if plan is not None:
        trail.append(("plan", Plan.get_by_id(state["plan"]).name, plan.name))
    for field, key in (("term", "term"), ("included_users", "users"),
                       ("included_numbers", "numbers")):
        if row[field] is not None:
            trail.append((field, state[key], row[field]))
    if add:
        trail.append(("products_added", None, row["add_products"]))
    if remove:
        trail.append(("products_removed", row["remove_products"], None))
    return {"row": row, "trail": trail}


def list_changes(actor: Actor, company_id: int) -> list[ScheduledChange]:
    """Every change of the company's plan, scheduled, applied or cancelled, by date. Staff and
    the company's owner read them (Refused, exit 3, recorded, otherwise)."""
    ensure_can_read(actor, company_id, "plan.read")
    return [_view(row) for row in PlanChange.select().where(PlanChange.company == company_id)
            .order_by(PlanChange.effective_from, PlanChange.id)]


@retried
def cancel_change(actor: Actor, company_id: int, change_id: int, values: Values
                  ) -> ScheduledChange:
    """Take back the scheduled change `change_id` before it applies, for "reason" ("ticket").

    Billing and admin staff only (Refused, exit 3, recorded); NotFound for no such change of
    this company; Refused for one applied or cancelled already."""
    with refusals_recorded(actor, company_id, "plan.change.cancel", subject=f"#{change_id}",
                           given=values):
        ensure_billing_team(actor, company_id, "plan.change.cancel")
        reason, ticket = reason_given(values)
        with transaction():
            row = PlanChange.get_or_none((PlanChange.id == change_id)
                                         & (PlanChange.company == company_id))
            if row is None:
                raise NotFound(_("Company {company} has no plan change {id}.").format(
                    company=company_id, id=change_id))
            if row.applied_at is not None or row.cancelled_at is not None:
                raise Refused((_("Plan change {id} was applied already.") if row.applied_at
                               else _("Plan change {id} was cancelled already.")).format(
                    id=change_id))
            _cancel(actor, company_id, row, reason, ticket)
            return _view(PlanChange.get_by_id(change_id))


def _cancel(actor: Actor, company_id: int, row: PlanChange, reason: str,
            ticket: str | None = None) -> None:
    PlanChange.update(cancelled_at=clock.now(), cancelled_by=actor.email).where(
        PlanChange.id == row.id).execute()
    record(actor, company_id, "plan.change.cancel", field="plan_change",
           old=f"#{row.id} {row.effective_from.isoformat()}", reason=reason, ticket=ticket)


def has_due_changes(company_id: int, start: date) -> bool:
    """Whether the company has changes scheduled from `start` or earlier, not applied yet."""
    return bool(_pending(company_id, start))


def apply_due_changes(actor: Actor | None, company_id: int, start: date) -> int:
    """Apply the company's changes scheduled from `start` or earlier, oldest first, inside the
    caller's transaction (the billing run's, before it computes the invoice lines); each field
    changed is recorded as "plan.change.apply". Returns how many changes were applied.
    Refused (store.plans.team_limit.ensure_teams_fit) when a move's plan allows fewer teams than
    the company has active (R9): nothing of the caller's transaction is then written."""
    changes = _pending(company_id, start)
    for row in changes:
        if _key(row, "plan"):  # R9 again: teams made since it was scheduled, or before the rule
            ensure_teams_fit(company_id, Plan.get_by_id(_key(row, "plan")), row)
        sub = Subscription.get_by_id(company_id)
        update = {name: value for name, value in (
            ("plan", _key(row, "plan")), ("term", row.term), ("included_users", row.included_users),
            ("included_numbers", row.included_numbers)) if value is not None}
        if update:
            Subscription.update(**update).where(Subscription.company == company_id).execute()
        for code in _codes(row.add_products):
            SubscribedProduct.insert(company=company_id, product=code).on_conflict_ignore() \
                .execute()
        if row.remove_products:
            SubscribedProduct.delete().where(
                (SubscribedProduct.company == company_id)
                & SubscribedProduct.product.in_(_codes(row.remove_products))).execute()
        PlanChange.update(applied_at=clock.now()).where(PlanChange.id == row.id).execute()
        reason = _("plan change {id} from {day}").format(id=row.id,
                                                         day=row.effective_from.isoformat())
        for field, value in update.items():
            old = getattr(sub, f"{field}_id" if field == "plan" else field)
            if field == "plan":
                old, value = Plan.get_by_id(old).name, Plan.get_by_id(value).name
            record(actor, company_id, "plan.change.apply", field=field, old=old, new=value,
                   reason=reason)
        if row.add_products:
            record(actor, company_id, "plan.change.apply", field="products_added",
                   new=row.add_products, reason=reason)
        if row.remove_products:
            record(actor, company_id, "plan.change.apply", field="products_removed",
                   old=row.remove_products, reason=reason)
    return len(changes)


def cancel_on_close(actor: Actor, company_id: int, reason: str) -> None:
    """Cancel every change of company `company_id` not applied yet, inside the caller's
    transaction, before the company is closed (store.profile.companies.close_company; #18 trial
    t18: a closed company kept "#2 scheduled" for ever, and `plans cancel` was refused as
    closed). Each is a "plan.change.cancel" line, for the closing's `reason`."""
    for row in _pending(company_id, date.max):
        _cancel(actor, company_id, row, _("The company is closed: {reason}").format(
            reason=reason))
