"""Customer companies and their owners from the vendor's console (SPEC §2, §11): create, show,
list, change the owner, close. Creating, changing the owner and closing are admin staff's; every
member of staff lists and shows companies, and an owner shows their own.

A new company is made as the demo makes one (store.demo.data): its time zone from its address's
region where its country has several, else its country's (store.places.zones.default_zone); currency
as chosen (--currency) or the country's where the catalogue has prices in it, else refused
(currency_of: never a silent EUR, #17); locale from its country (its most likely language);
the subscription with its plan and term (store.plans.catalogue, store.plans.terms) and the plan's
minimum of included licences, and its owner. With a trial the subscription is "trial" for
`trial_days` days, today the first (in the company's zone: store.plans.trial.trial_last_day);
without one it is "subscribed" from today and has no trial date (None: it never had a trial, #18
trial), billed from the month after the day before it started, as if a trial had ended then
(store.plans.trial.first_billed_month, which store.invoicing.billing_run.contract_start reads).
Without a billing address it keeps the country it was created with (Company.country): its owner
enters the address, in that country, during the trial or after it (store.profile.lock: the lock
keeps values that exist), or the billing team (`set address … --reason`); the billing run leaves
it out until then.

Closing keeps every row (invoices, trail, people, keys) and makes the company read-only: the
subscription is cancelled, with no next invoice nor renewal (the billing run skips it), and
store.people.access refuses any write to it. Its status reads "closed"
(store.plans.trial.subscription_status: one word for `companies list|show`, the search and `export
companies`, which also reads a trial ended as "subscribed").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from peewee import JOIN, fn

from store import clock
from store.errors import InvalidInput, Refused
from store.i18n import _
from store.people.access import ensure_admin, ensure_can_read, ensure_open, refuse, require_company
from store.people.identity import ensure_signed_in
from store.people.staff import check_new_person
from store.persistence.db import retried, transaction
from store.persistence.folding import search_fold
from store.persistence.models import (
    BillingAddress,
    Company,
    Invoice,
    InvoiceRecipient,
    Plan,
    Subscription,
    User,
)
from store.places.zones import company_zone, default_zone, zone_note
from store.plans.plan_changes import cancel_on_close, stored_day
from store.plans.terms import first_renewal
from store.plans.trial import subscription_status, trial_last_day
from store.profile.new_company import checked_new_company, first_of_next_month, locale_of
from store.trail.audit import record, refusals_recorded
from store.views import Actor, View

if TYPE_CHECKING:
    from store.forms.fields import Values


@dataclass(frozen=True, kw_only=True)
class CompanyRow(View):
    """One company in `companies list`."""

    id: int
    name: str
    plan: str | None  # the plan's code (essentials, professional)
    plan_name: str | None  # its name in the catalogue, in English (Essentials)
    term: str | None
    status: str | None  # trial | subscribed | closed (company_status)
    owner_email: str | None
    created_at: datetime
    closed_at: datetime | None


@dataclass(frozen=True, kw_only=True)
class CompanyDetail(CompanyRow):
    """One company in `companies show`: the row, and its owner, dates, zone and counts."""

    owner_name: str | None
    owner_login: str | None
    country: str | None  # the billing address's, else the one it was created with
    time_zone: str
    currency: str
    locale: str
    trial_ends_on: date | None
    next_invoice_on: date | None
    renews_on: date | None
    included_users: int | None
    included_numbers: int | None
    invoices: int  # invoices and credit notes issued, all kept when it is closed
    # Said on creation when its country's main zone was chosen for want of a region's
    # (store.places.zones.zone_note, #18); None otherwise, and on every other view of it.
    zone_note: str | None = None


def list_companies(actor: Actor) -> list[CompanyRow]:
    """Every company, by id, closed ones too (two queries). Staff only (Refused, exit 3,
    recorded, for anyone else)."""
    ensure_signed_in(actor)
    if not actor.is_staff:
        refuse(actor, actor.company_id, "company.list",
               _("Only the vendor's staff list companies."))
    owners = _owners(None)
    rows = (Company.select(Company.id, Company.name, Company.created_at, Company.closed_at,
                           Subscription.plan, Plan.name.alias("plan_name"), Subscription.term,
                           Subscription.status, Subscription.trial_ends_on, Company.time_zone,
                           fn.COALESCE(BillingAddress.country, Company.country).alias("country"))
            .join(Subscription, JOIN.LEFT_OUTER, on=(Subscription.company == Company.id))
            .join(Plan, JOIN.LEFT_OUTER, on=(Plan.code == Subscription.plan))
            .join_from(Company, BillingAddress, JOIN.LEFT_OUTER,
                       on=(BillingAddress.company == Company.id))
            .order_by(Company.id))
    # peewee's stubs type .dicts() as the model's own select; the rows are dicts
    return [CompanyRow(id=r["id"], name=r["name"], plan=r["plan"], plan_name=r["plan_name"],
                       term=r["term"], status=subscription_status(
                           r["status"], stored_day(r["trial_ends_on"]),
                           company_zone(r["time_zone"], r["country"]), r["closed_at"]),
                       owner_email=owners[r["id"]][0] if r["id"] in owners else None,
                       created_at=r["created_at"], closed_at=r["closed_at"])
            for r in cast("Iterable[dict[str, Any]]", rows.dicts())]


def _owners(company_id: int | None) -> dict[int, tuple[str, str, str | None]]:
    """company id -> its owner's (e-mail, name, login), the active owner first."""
    query = (User.select(User.company, User.email, User.name, User.login)
             .where(User.role == "owner").order_by(User.active.desc(), User.id))
    if company_id is not None:
        query = query.where(User.company == company_id)
    found: dict[int, tuple[str, str, str | None]] = {}
    for row in query:
        found.setdefault(row.company_id, (row.email, row.name, row.login))
    return found


def show_company(actor: Actor, company_id: int) -> CompanyDetail:
    """The company with its subscription, owner and counts. Staff, or the company's own owner
    (store.people.access.ensure_can_read: Refused, exit 3, recorded); NotFound for no such
    company."""
    ensure_can_read(actor, company_id, "company.show")
    company = require_company(company_id)
    sub = Subscription.get_or_none(Subscription.company == company_id)
    address = BillingAddress.get_or_none(BillingAddress.company == company_id)
    owner = _owners(company_id).get(company_id, (None, None, None))
    country = address.country if address else company.country
    return CompanyDetail(
        id=company.id, name=company.name, plan=sub.plan.code if sub else None,
        plan_name=sub.plan.name if sub else None,
        term=sub.term if sub else None,
        status=subscription_status(sub.status if sub else None,
                                   sub.trial_ends_on if sub else None,
                                   company_zone(company.time_zone, country), company.closed_at),
        owner_email=owner[0], owner_name=owner[1], owner_login=owner[2],
        created_at=company.created_at, closed_at=company.closed_at, country=country,
        time_zone=company_zone(company.time_zone, country), currency=company.currency,
        locale=company.locale, trial_ends_on=sub.trial_ends_on if sub else None,
        next_invoice_on=sub.next_invoice_on if sub else None,
        renews_on=sub.renews_on if sub else None,
        included_users=sub.included_users if sub else None,
        included_numbers=sub.included_numbers if sub else None,
        invoices=Invoice.select().where(Invoice.company == company_id).count())


@retried
def create_company(actor: Actor, values: Values) -> CompanyDetail:
    """Create a company, its subscription and its owner from the text typed: "name", "country",
    "plan", "term", "owner_email", "owner_name", "owner_login" (optional), "trial_days"
    (optional, 1-365), "currency" (optional: currency_of decides it); optionally its billing
    address ("line1", "line2", "postal_code", "city", "state", "vat_number", in its country;
    without it the run does not bill it, "no billing address yet") or its region alone.

    Admin staff only (Refused, exit 3, recorded); InvalidInput for a bad value, a plan not in
    the catalogue, or an owner whose e-mail or login is already someone's. The trail gets
    `company.create` lines: its name, country, plan, term, currency and owner. The owner's
    e-mail is the company's first invoice recipient (R13), a `recipient.add` line.
    """
    from store.forms.console import NEW_COMPANY
    from store.forms.fields import typed_values

    with refusals_recorded(actor, None, "company.create",
                           tried=typed_values(NEW_COMPANY, values)):
        ensure_admin(actor, None, "company.create")
        with transaction():
            new = checked_new_company(values)  # every refused field at once
            form, plan, currency = new.form, new.plan, new.currency
            address, region = new.address, new.region
            # The region decides in a country of several zones (Mountain View, CA is in
            # America/Los_Angeles: store.places.region_zones, #18 trial), given alone too.
            zone = default_zone(form.country, region)
            today = clock.today(zone)
            # The last day not billed: the trial's, else yesterday (billed from this month on
            # when it starts on the 1st, else from the next: store.plans.trial.first_billed_month).
            free_until = trial_last_day(today, form.trial_days) if form.trial_days \
                else today - timedelta(days=1)
            start = first_of_next_month(free_until)
            company_id = Company.insert(
                name=form.name, name_folded=search_fold(form.name), country=form.country,
                currency=currency, locale=locale_of(form.country),
                time_zone=zone, created_at=clock.now(), version=1).execute()
            Subscription.insert(
                company=company_id, plan=plan.code, term=form.term,
                status="trial" if form.trial_days else "subscribed",
                trial_ends_on=free_until if form.trial_days else None, next_invoice_on=start,
                renews_on=first_renewal(form.term, free_until + timedelta(days=1)),
                included_users=plan.min_users, included_numbers=plan.min_users).execute()
            User.insert(company=company_id, email=form.owner_email, login=form.owner_login,
                        name=form.owner_name, role="owner", active=True).execute()
            record(actor, company_id, "company.create", field="name", new=form.name)
            record(actor, company_id, "company.create", field="country", new=form.country)
            record(actor, company_id, "company.create", field="plan", new=plan.name)
            record(actor, company_id, "company.create", field="term", new=form.term)
            record(actor, company_id, "company.create", field="currency", new=currency)
            if form.trial_days:
                record(actor, company_id, "company.create", field="trial_ends_on",
                       new=free_until.isoformat())
            record(actor, company_id, "company.create", field="owner", new=form.owner_email)
            # The owner receives the invoices from the start (R13: one always stays), in the
            # trail as any recipient added (#17 trial: the run e-mailed them to no one).
            InvoiceRecipient.insert(company=company_id, email=form.owner_email,
                                    added_at=clock.now()).execute()
            record(actor, company_id, "recipient.add", field="recipient", new=form.owner_email)
            if address is not None:
                BillingAddress.insert(company=company_id, **address, version=1,
                                      updated_at=clock.now(), updated_by=actor.email).execute()
                record(actor, company_id, "company.create", field="address",
                       new=", ".join(str(v) for v in address.values() if v))
            elif region:  # alone: the address comes later
                record(actor, company_id, "company.create", field="state", new=region)
    return replace(show_company(actor, int(company_id)), zone_note=zone_note(form.country, region))


@retried
def set_owner(actor: Actor, company_id: int, values: Values) -> CompanyDetail:
    """Make the person "email" ("name", optional "login") the company's owner, for "reason".

    Someone already a user of the company becomes its owner, named "name" (a new name is a
    line of its own in the trail); anyone else is added as a new user. The owner before
    becomes an admin of the company: they stay, and lose My company (R1). Admin staff only; a
    closed company is refused (Refused, exit 3, recorded); InvalidInput for a bad value, the
    owner already, or a person of another company or of staff.
    """
    from store.forms.console import NEW_OWNER, NewOwnerForm
    from store.forms.fields import typed_values
    from store.forms.validation import validate

    with refusals_recorded(actor, company_id, "company.owner",
                           tried=typed_values(NEW_OWNER, values), given=values):
        ensure_admin(actor, company_id, "company.owner")
        require_company(company_id)
        ensure_open(actor, company_id, "company.owner")
        form = validate(NewOwnerForm, values)
        with transaction():
            before = [u for u in User.select().where((User.company == company_id)
                                                     & (User.role == "owner"))]
            if any(u.email == form.email for u in before):
                raise InvalidInput({"email": _("{email} is already the owner.").format(
                    email=form.email)})
            member = User.get_or_none(User.email == form.email)
            if member is not None and member.company_id != company_id:
                check_new_person(form.email, None)  # names the other company
            if member is None:
                check_new_person(form.email, form.login)
                User.insert(company=company_id, email=form.email, login=form.login,
                            name=form.name, role="owner", active=True).execute()
            else:
                if form.login is not None and form.login != member.login:
                    check_new_person(None, form.login)
                changes = {"role": "owner", "active": True}
                if form.login is not None:
                    changes["login"] = form.login
                if form.name != member.name:  # as typed, not ignored (#18 trial)
                    changes["name"] = form.name
                    record(actor, company_id, "company.owner", field="name", old=member.name,
                           new=form.name, reason=form.reason)
                User.update(**changes).where(User.id == member.id).execute()
            User.update(role="admin").where(User.id.in_([u.id for u in before])).execute()
            record(actor, company_id, "company.owner", field="owner",
                   old=", ".join(u.email for u in before) or None, new=form.email,
                   reason=form.reason)
            # The new owner receives the invoices too (as a new company's owner does); the ones
            # who received them go on until the owner removes them (#18 trial: the old owner
            # stayed the only recipient).
            if not InvoiceRecipient.select().where(
                    (InvoiceRecipient.company == company_id)
                    & (InvoiceRecipient.email == form.email)).exists():
                InvoiceRecipient.insert(company=company_id, email=form.email,
                                        added_at=clock.now()).execute()
                record(actor, company_id, "recipient.add", field="recipient", new=form.email,
                       reason=form.reason)
    return show_company(actor, company_id)


@retried
def close_company(actor: Actor, company_id: int, values: Values) -> CompanyDetail:
    """Close the company for "reason": its data is kept (invoices, trail, people), its
    subscription cancelled with the plan changes it was waiting for
    (store.plans.plan_changes.cancel_on_close), and from now on nothing in it changes
    (store.people.access).

    Admin staff only; Refused (exit 3, recorded) for a company already closed too; NotFound for
    no such company; InvalidInput without a reason.
    """
    from store.forms.console import CloseForm
    from store.forms.validation import validate

    with refusals_recorded(actor, company_id, "company.close", given=values):
        ensure_admin(actor, company_id, "company.close")
        form = validate(CloseForm, values)
        with transaction():
            company = require_company(company_id)
            if company.closed_at is not None:
                raise Refused(_("Company {id} was closed on {day}.").format(
                    id=company_id, day=company.closed_at.date().isoformat()))
            # Its plan changes waiting are cancelled, each in History (#18 trial t18: kept for
            # ever, and `plans cancel` refused as closed): before it is closed, read-only.
            cancel_on_close(actor, company_id, form.reason)
            Company.update(closed_at=clock.now()).where(Company.id == company_id).execute()
            # Cancelled: no next invoice, no renewal (the Plan tab shows none; the run skips it).
            Subscription.update(status="cancelled", next_invoice_on=None, renews_on=None).where(
                Subscription.company == company_id).execute()
            record(actor, company_id, "company.close", reason=form.reason)
    return show_company(actor, company_id)
