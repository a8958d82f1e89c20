"""The billing run (SPEC §11, §5 Invoices): each company's invoice for a period, from the Plan
tab's own computation (store.plans.plan.licence_summary, not a copy of it).

A company is billed for the month `period` (YYYY-MM) when its contract covers that month: the
trial ended before the month began (the days left of the month a trial ends in are charged by
days on the first invoice: store.plans.proration), the subscription is not cancelled, and for an
annual contract paid upfront the month starts a contract year (the invoice then covers twelve
months, store.plans.terms).

Safe to run again and from two servers at once: one transaction per company (SQLite BEGIN
IMMEDIATE, PostgreSQL SERIALIZABLE, retried), a unique index on (company, kind, period) (0009),
numbers taken in that transaction: each company's series (INV-<company>-<n>) has no gap."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import cast

from peewee import IntegrityError, fn

from store.errors import InvalidInput
from store.i18n import N_, _, supported_locale
from store.i18n.dates import day_text
from store.invoicing.at_issue import Collected, payable_at_issue
from store.invoicing.billing_run_after import (
    Due,
    RunStopped,
    charge_due,
    invoiced_before,
    missing_before,
    one_company,
)
from store.invoicing.delivery import DeliverySummary, queue_invoice, send_queued
from store.invoicing.gateway import Gateway
from store.invoicing.not_billed import not_billed_reason
from store.invoicing.seller import SellerView, current_seller, seller_record
from store.invoicing.series import latest_today, next_number, not_begun, series_day
from store.invoicing.tax import Party, TaxDecision, tax_amount, tax_for
from store.money import to_minor
from store.people.access import ensure_billing_team, require_company
from store.persistence.db import retried, transaction
from store.persistence.models import (
    BillingAddress,
    Company,
    Invoice,
    InvoiceLine,
    Subscription,
)
from store.places.zones import company_today, zone_of
from store.plans.plan_views import LicenceSummary
from store.plans.terms import add_months, months_invoiced, period_start
from store.trail.audit import record, refusals_recorded
from store.views import Actor


@dataclass(frozen=True)
class RunLine:
    """One invoice line: what, how many, unit price and amount for the period, minor units."""

    description: str
    quantity: int
    unit_minor: int
    amount_minor: int


@dataclass(frozen=True, kw_only=True)
class RunInvoice:
    """An invoice the run made (or, on a dry run, would make); amounts in minor units."""

    company_id: int
    company_name: str
    number: str  # on a dry run, the number it would take: numbers are taken only when issuing
    period: str
    currency: str
    subtotal_minor: int
    tax_minor: int
    total_minor: int
    tax_rule: str
    due_on: date
    invoice_id: int | None = None  # None on a dry run
    recipients: int = 0  # e-mails queued for it (0 on a dry run, or: the company has none)


@dataclass(kw_only=True)
class RunSummary:
    """What one run did: invoices made, companies already invoiced for the period, companies
    not billed for it with the reason (a sentence in the reader's language), companies with
    earlier billable months never invoiced (`missing`: company, months YYYY-MM), the e-mailing
    of the invoices made (store.invoicing.delivery; None on a dry run or when none was made),
    after each was charged to the card on file (`collected`, store.invoicing.at_issue; None when
    none was; on a dry run, what it would charge, a new invoice by the number it would take),
    companies skipped because the database stayed busy (`busy`: run again for them),
    invoices of the period issued by an earlier run whose e-mails still waited (`unsent`:
    invoice ids; a run stopped by Ctrl-C leaves them so: this run sends them, in `delivery`),
    invoices issued to a company with no recipient (`not_emailed`: company, number; R13: one
    always stays, but an old database may have none), and companies whose invoices the run left
    open (`still_open`: company, numbers oldest first; older ones, and the period's own on a
    re-run when it was not the run's to charge; the owner pays them, SPEC §5), and companies
    whose billing failed (`failed`, each also in `not_billed` with the reason:
    billing_run_after.one_company; the run went on without them)."""

    period: str
    dry_run: bool
    issued: list[RunInvoice] = field(default_factory=list)
    already: list[int] = field(default_factory=list)
    missing: list[tuple[int, list[str]]] = field(default_factory=list)
    not_billed: list[tuple[int, str]] = field(default_factory=list)
    delivery: DeliverySummary | None = None
    collected: Collected | None = None
    busy: list[int] = field(default_factory=list)
    unsent: list[int] = field(default_factory=list)
    not_emailed: list[tuple[int, str]] = field(default_factory=list)
    still_open: list[tuple[int, list[str]]] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)  # each company's name: the report's


def contract_start(sub: Subscription) -> date | None:
    """The first billed month: the month after the trial's end, or after the day before a
    company without a trial started (store.plans.trial.first_billed_month); None: not known."""
    from store.plans.trial import first_billed_month

    return first_billed_month(sub)


def renewal_after(sub: Subscription, start: date) -> date | None:
    """The contract's renewal once the month starting `start` is invoiced: a monthly contract
    renews each month (the first of the next one); an annual one on the anniversary of its
    first billed month, the first anniversary after `start` (so the Plan tab's "Contract
    renewal" moves on a year when a new contract year's first invoice is issued)."""
    if sub.term == "monthly":
        return add_months(start, 1)
    first = contract_start(sub) or start
    renews = sub.renews_on if sub.renews_on is not None else first
    while renews <= start:
        renews = add_months(renews.replace(day=1), 12)
    return renews


def invoice_lines(summary: LicenceSummary) -> list[RunLine]:
    """The invoice lines of one period, from the Plan tab's figures (R5-R11): user licences,
    extra users, number licences when they cost something, extra numbers, each add-on and
    call plan. Descriptions are stored in English like the catalogue's names; a PDF translates
    them into its language."""
    cur = summary.currency
    lines: list[RunLine] = []

    def add(description: str, quantity: int, unit: Decimal, amount: Decimal) -> None:
        if quantity and amount:
            lines.append(RunLine(description, quantity, to_minor(unit, cur), to_minor(amount, cur)))

    users, numbers = summary.users, summary.numbers
    add(N_("User licences"), users.included, users.unit_price, users.price)
    add(N_("Extra users"), users.extras, users.extra_unit_price, users.extras_cost)
    add(N_("Number licences"), numbers.included, numbers.unit_price, numbers.price)
    add(N_("Extra numbers"), numbers.extras, numbers.extra_unit_price, numbers.extras_cost)
    for product in summary.add_ons + summary.call_plans:
        add(product.name, product.quantity, product.unit_price, product.price)
    return lines


def issue_period(actor: Actor | None, period: str, *, company_id: int | None = None,
                 dry_run: bool = False, issued_on: date | None = None,
                 progress: Callable[[int, int], None] | None = None, gateway: Gateway | None = None,
                 emailing: Callable[[int, int], None] | None = None) -> RunSummary:
    """Make every company's invoice for `period` (YYYY-MM), or only `company_id`'s.

    Billing and admin staff only (Refused, exit 3, recorded); None is the program itself
    writing the demo (store.demo), never a person. `issued_on` defaults to each company's
    today (store.places.zones.company_today, SPEC §2: the calendar its "past due" is read on, so an
    invoice is never past due on the day it is issued); the demo passes the company's day at
    the moment it replays a past run. An invoice is never dated before the latest of its
    series (store.invoicing.series). The period has begun on that day (a company's invoice
    for a month is issued on or after the month's first day on its calendar, never ahead:
    store.invoicing.series.not_begun): begun nowhere yet, on no company's day, is InvalidInput;
    each company is then checked on its own day (`not_billed`, `company_id`'s too: "December
    starts there on Dec 1, 2026 (America/Los_Angeles); the next run bills it"). The due date
    is the issue date plus the seller's payment terms (0: due on issue). `progress(done,
    total)` after each company. Each invoice made is then charged to the company's card on
    file through `gateway` (default: the sandbox; store.invoicing.at_issue; a dry run says what
    it would charge) and e-mailed to its recipients, `emailing(done, total)` after each (#17).
    InvalidInput for a malformed period; NotFound when the seller's settings are not set
    (store.invoicing.seller). Each company is one transaction; a company already invoiced for
    the period is listed in `already`, never invoiced twice. Ctrl-C raises RunStopped with
    every invoice issued so far.
    """
    if actor is not None:  # a refusal keeps the period tried (#18 trial: "Invoice issue —")
        with refusals_recorded(actor, company_id, "invoice.issue",
                               tried={"period": (period or "").strip()}):
            ensure_billing_team(actor, company_id, "invoice.issue")
    if company_id is not None:
        require_company(company_id)  # NotFound (exit 5): not "0 invoices issued"
    period = (period or "").strip()  # " 2026-12" is 2026-12, and is said so
    start = period_start(period)
    # The company's own day bounds the period (a typo's year, a month issued too early), the
    # one the run issues on (_bill_company); a month begun on no company's day is a usage error,
    # each company then checked on its own (#17 trial: on Dec 1 in UTC, 2027-01 was issued, and
    # December for a company still in Nov 30, a Nov 30 charged).
    latest = issued_on or latest_today()
    if not_begun(start, latest):
        raise InvalidInput({"period": _("{period} has not begun yet: a company's invoice for a "
                                        "month is issued from the month's first day on, on the "
                                        "company's own calendar.").format(period=period)})
    seller = current_seller()
    query = (Subscription.select(Subscription.company, Company.name).join(Company)
             .order_by(Subscription.company))
    if company_id is not None:
        query = query.where(Subscription.company == company_id)
    names = {int(cid): name for cid, name in cast("Iterable[tuple[int, str]]", query.tuples())}
    ids, summary = list(names), RunSummary(period=period, dry_run=dry_run, names=names)
    charging = actor is not None and not dry_run
    collected, to_send, cid = Collected(), list[int](), None
    before = Invoice.select(fn.MAX(Invoice.id)).scalar() or 0  # ids above: issued by this run
    try:
        for done, cid in enumerate(ids, start=1):
            with one_company(summary, cid):  # a failure: this company listed, the run goes on
                due = _bill_company(actor, cid, period, start, seller, issued_on, dry_run,
                                    summary)
                # The card on file pays each invoice as soon as it is issued (its e-mail, sent
                # after, then says "Paid"); one issued by a run that stopped before charging it
                # (Ctrl-C, busy) is charged by the next run (#17 trial); a dry run says so.
                if actor is not None and due is not None:
                    if not dry_run:
                        to_send.append(cast(int, due.invoice_id))
                    charge_due(actor, due, cid, summary, collected, gateway)
            if progress is not None:
                progress(done, len(ids))
    except KeyboardInterrupt:  # Ctrl-C: what is issued stays issued, and is said
        from store.invoicing.billing_run_after import stopped_run
        raise stopped_run(summary, cid, before, collected if charging else None) from None
    if dry_run and actor is not None:
        summary.collected = collected
    if charging and (to_send or summary.unsent):
        summary.collected = collected
        # Each recipient gets the PDF now (R13), with those an earlier run of the period left
        # waiting (stopped by Ctrl-C), as send-queued sends them; a failure is retried by it.
        try:
            summary.delivery = send_queued(cast(Actor, actor),
                                           sorted({*to_send, *summary.unsent}),
                                           progress=emailing)
        except KeyboardInterrupt:
            raise RunStopped(summary, emailing=True) from None
    return summary


def _bill_company(actor: Actor | None, cid: int, period: str, start: date, seller: SellerView,
                  issued_on: date | None, dry_run: bool, summary: RunSummary) -> Due | None:
    """One company's part of the run, noted in `summary`; its invoice for the period when it
    was issued now (or, on a dry run, would be) or earlier but never charged at issue (else
    None). Issued on `issued_on`, else on the company's today
    (store.places.zones.company_today)."""
    sub = Subscription.get_by_id(cid)
    day = issued_on or company_today(cid)  # the company's calendar, as "past due" reads it
    reason = not_billed_reason(sub, start)
    if reason is None and not_begun(start, day):
        from babel.dates import format_date

        from store.i18n import babel_locale, current_locale

        reason = _("{month} starts there on {date} ({zone}); the next run bills it").format(
            month=format_date(start, "LLLL", locale=babel_locale(current_locale())).capitalize(),
            date=day_text(start), zone=zone_of(cid))
    if reason is None and sub.trial_ends_on is not None and day <= sub.trial_ends_on:
        # Never invoiced, nor charged, while its trial runs (#17 trial: January's invoice,
        # issued ahead on Dec 1, was due on Dec 1 of a trial ending on Dec 10).
        reason = _("in its trial until {date}: invoiced once it ends").format(
            date=day_text(sub.trial_ends_on))  # a date written as on every surface (#17)
    if reason is None and not BillingAddress.select().where(
            BillingAddress.company == cid).exists():
        reason = _("no billing address yet")
    if reason is not None:
        summary.not_billed.append((cid, reason))
        if not dry_run and sub.status != "cancelled":
            _apply_changes(actor, cid, start)
        return None
    if _already_invoiced(cid, period):  # an invoice credited (in full or in part) included
        return invoiced_before(summary, cid, charging=actor is not None)
    missing = missing_before(cid, sub, start)
    if missing:
        summary.missing.append((cid, missing))
    made = _issue_one(actor, cid, period, start, seller, day, dry_run)
    if made is None:
        summary.already.append(cid)  # another server issued it meanwhile
        return None
    summary.issued.append(made)
    if not dry_run and actor is not None and not made.recipients:
        summary.not_emailed.append((cid, made.number))
    return Due(made.invoice_id, made.number, made.total_minor, made.currency)


def _already_invoiced(company_id: int, period: str) -> bool:
    return Invoice.select().where((Invoice.company == company_id) & (Invoice.kind == "invoice")
                                  & (Invoice.billing_period == period)).exists()


@retried
def _apply_changes(actor: Actor | None, cid: int, start: date) -> None:
    """A company not billed for the month (in its trial, no address yet, paid upfront for the
    year) still takes the plan changes due by then (#18), in a transaction of its own."""
    from store.plans.plan_changes import apply_due_changes, has_due_changes

    if has_due_changes(cid, start):
        with transaction():
            apply_due_changes(actor, cid, start)


class _DryRun(Exception):
    """Rolls back a dry run's transaction, carrying the invoice it would make."""

    def __init__(self, invoice: RunInvoice) -> None:
        self.invoice = invoice


@retried
def _issue_one(actor: Actor | None, cid: int, period: str, start: date, seller: SellerView,
               day: date, dry_run: bool) -> RunInvoice | None:
    import store.plans.plan
    from store.plans.plan_changes import apply_due_changes, has_due_changes
    from store.plans.proration import days_before, period_lines

    company = Company.get_by_id(cid)
    address = BillingAddress.get_by_id(cid)
    buyer = Party(country=address.country, vat_number=address.vat_number,
                  postal_code=address.postal_code)  # a territory outside EU VAT (tax.py)

    def made(lines: list[RunLine], on: date, number: str) -> tuple[RunInvoice, TaxDecision]:
        decision = tax_for(seller, buyer, on, locale=supported_locale(company.locale))
        subtotal = sum(line.amount_minor for line in lines)
        tax = tax_amount(subtotal, decision.rate)
        return RunInvoice(company_id=cid, company_name=company.name, number=number, period=period,
                          currency=company.currency, subtotal_minor=subtotal, tax_minor=tax,
                          total_minor=subtotal + tax, tax_rule=decision.rule,
                          due_on=on + timedelta(days=seller.payment_terms_days)), decision

    if dry_run and not has_due_changes(cid, start):  # nothing to apply: no write lock taken
        return made(period_lines(store.plans.plan.summary_for(cid, start),
                                 days_before(Subscription.get_by_id(cid), start)),
                    series_day(cid, "invoice", day), next_number(cid, "invoice"))[0]
    try:
        with transaction():
            if _already_invoiced(cid, period):
                return None
            # The days before the month at the plan then (#18 trial t18); then the changes due
            days = days_before(Subscription.get_by_id(cid), start)
            apply_due_changes(actor, cid, start)
            sub = Subscription.get_by_id(cid)
            lines = period_lines(store.plans.plan.summary_for(cid, start), days)
            day = series_day(cid, "invoice", day)  # never before the series' latest date
            number = next_number(cid, "invoice")
            result, decision = made(lines, day, number)
            if dry_run:
                raise _DryRun(result)
            # Whether a run charges it at issue is decided with it, and kept (the one rule:
            # store.invoicing.at_issue.still_to_charge): not when the company cannot pay it now.
            invoice = _write(company, address, sub, number, period, start, day, result.due_on,
                             decision, result.subtotal_minor, result.tax_minor, seller,
                             payable_at_issue(cid, result.total_minor, result.currency))
            InvoiceLine.insert_many([
                {"invoice": invoice.id, "position": n, "description": line.description,
                 "quantity": line.quantity, "unit_minor": line.unit_minor,
                 "amount_minor": line.amount_minor}
                for n, line in enumerate(lines, start=1)]).execute()
            following = add_months(start, months_invoiced(sub.term))
            if sub.next_invoice_on is not None and sub.next_invoice_on > following:
                following = sub.next_invoice_on  # an earlier month issued late: no step back
            Subscription.update(next_invoice_on=following,
                                renews_on=renewal_after(sub, start)).where(
                Subscription.company == cid).execute()
            queued = 0
            if actor is not None:  # the demo's replayed runs are no one's action, sent to no one
                record(actor, cid, "invoice.issue", field="invoice", new=number)
                queued = queue_invoice(invoice.id)
    except _DryRun as dry:
        return dry.invoice
    except IntegrityError:  # the unique period index: another server was first
        return None
    return RunInvoice(**{**result.__dict__, "invoice_id": invoice.id, "recipients": queued})


def _write(company: Company, address: BillingAddress, sub: Subscription, number: str,
           period: str, start: date, day: date, due_on: date, decision: TaxDecision,
           subtotal: int, tax: int, seller: SellerView, charge_at_issue: bool) -> Invoice:
    """The invoice row, the billing address and the seller kept as issued (R12, #17), and
    whether the run charges it at issue."""
    end = add_months(start, months_invoiced(sub.term)) - timedelta(days=1)
    return Invoice.create(
        company=company.id, number=number, kind="invoice", issued_on=day, period_start=start,
        period_end=end, currency=company.currency, subtotal_minor=subtotal,
        tax_rate_permille=decision.permille, tax_minor=tax, total_minor=subtotal + tax,
        status="open", paid_on=None, billing_period=period, due_on=due_on,
        bill_to_name=company.name,
        bill_to_line1=address.line1, bill_to_line2=address.line2,
        bill_to_postal_code=address.postal_code, bill_to_city=address.city,
        bill_to_state=address.state, bill_to_country=address.country,
        bill_to_vat_number=address.vat_number,
        tax_rule=decision.rule, tax_mention=decision.mention or None,
        seller_details=seller_record(seller), charge_at_issue=charge_at_issue)
