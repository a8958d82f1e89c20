"""The Plan tab's views (R4-R11, SPEC §4): its licence rows, teams, add-ons, scheduled changes
and the summary with what the next invoice charges; built by store.plans.plan, frozen dataclasses as
every view (store.views)."""

from __future__ import annotations

from dataclasses import field
from datetime import date
from decimal import Decimal
from typing import Literal

from store.plans.terms import add_months
from store.views import View, view

# What a date of the Plan header is (LicenceSummary.header_dates).
HeaderDate = Literal["trial_ends", "first_invoice", "next_invoice", "renewal"]


@view
class LicenceRow(View):
    """One licence row of the Plan table (R5, R8): A, B, C, D, E and the total."""

    active: int
    included: int
    price: Decimal
    extras: int
    extras_cost: Decimal
    total: Decimal
    unit_price: Decimal
    extra_unit_price: Decimal


@view
class TeamRow(View):
    """The teams row (R9): active teams and the limit they keep (None: no limit): the plan's,
    or a stricter one of the plan `limit_plan` the company moves to on `limit_from`
    (store.plans.team_limit; None: the plan's own)."""

    active: int
    limit: int | None
    limit_from: date | None = None
    limit_plan: str | None = None


@view
class ProductLine(View):
    """A subscribed special feature or call plan with its price for the period (R11):
    `quantity` × `unit_price` (Analytics+ once per included user licence, R11)."""

    code: str
    name: str
    price: Decimal
    quantity: int = 1
    unit_price: Decimal = Decimal(0)


@view
class ScheduledChange(View):
    """A change of plan from a date (store.plans.plan_changes, SPEC §11): None keeps what the
    company has; `add`/`remove` are product codes; `words` says it in the reader's language."""

    id: int
    effective_from: date  # a month's first day
    plan_code: str | None
    term: str | None
    included_users: int | None
    included_numbers: int | None
    add: list[str]
    remove: list[str]
    words: str
    status: Literal["scheduled", "applied", "cancelled"] = "scheduled"


@view
class LicenceSummary(View):
    """The Plan tab: header (R4), licence table (R5-R9), add-ons (R11) and the total (R10)."""

    company_id: int
    company_name: str
    plan: str
    plan_code: str
    term: str  # store.plans.terms.Term: monthly | annual_monthly | annual_upfront
    status: str
    trial_ends_on: date | None
    next_invoice_on: date | None
    renews_on: date | None
    currency: str
    period: Literal["month", "year"]
    users: LicenceRow
    numbers: LicenceRow
    teams: TeamRow
    add_ons: list[ProductLine]
    call_plans: list[ProductLine]
    total: Decimal
    scheduled: list[ScheduledChange] = field(default_factory=list)  # not applied yet, by date
    # What the next invoice charges (excl. VAT) and per which period: the changes scheduled until
    # then applied, at its day's prices (store.plans.plan.summary_for); None without a next invoice.
    next_invoice_total: Decimal | None = None
    next_invoice_period: Literal["month", "year"] | None = None
    # The first day it charges when that is before its period: the first invoice also bills the
    # days left of the month the trial ended in (store.plans.proration); None otherwise.
    next_invoice_from: date | None = None
    # The day the catalogue's prices of the next invoice's plan change, after today and on or
    # before that invoice's day: the table is at today's prices, that invoice at its day's, and
    # the Plan tab says so (#18 trial t18: €166.00 above a table of €160.00, nothing said why).
    prices_change_on: date | None = None

    @property
    def first_invoice_pending(self) -> bool:
        """Whether the company has not been invoiced since its trial: its next invoice is the
        first, of the month after the trial's last day (store.plans.trial.first_billed_month)."""
        return (self.trial_ends_on is not None and self.next_invoice_on is not None
                and self.next_invoice_on == add_months(self.trial_ends_on.replace(day=1), 1))

    @property
    def next_invoice_is_first(self) -> bool:
        """Whether the next invoice is the company's first: in the trial, and after it until
        the first invoice (first_invoice_pending). The Plan header's date and the line saying
        what that invoice charges then both call it the first invoice (#17 trial: "Next
        invoice" under a header saying "First invoice")."""
        return self.status == "trial" or self.first_invoice_pending

    @property
    def contract_renewal(self) -> date | None:
        """The day the contract renews, as the Plan header and `show plan` name it: None while
        there is no contract to renew yet, in the trial (status "trial") and until the first
        invoice after it (#17 trial: Camille, in her trial until Dec 10, read "Contract
        renewal: Dec 11"); the stored `renews_on` otherwise (store.invoicing.billing_run
        .renewal_after moves it on)."""
        if self.next_invoice_is_first:
            return None
        return self.renews_on

    @property
    def header_dates(self) -> list[tuple[HeaderDate, date | None]]:
        """The dates the Plan header and `show plan` name, in order, each with what it is: in
        the trial, and after it until the first invoice, the trial's last day and the first
        invoice (`trial_ends`, `first_invoice`: the first invoice also bills the days left of
        the trial's month, store.plans.proration); then the next invoice and the contract's
        renewal (`next_invoice`, `renewal`). A date is None when not known."""
        if self.next_invoice_is_first:
            return [("trial_ends", self.trial_ends_on), ("first_invoice", self.next_invoice_on)]
        return [("next_invoice", self.next_invoice_on), ("renewal", self.renews_on)]

    @property
    def next_invoice_differs(self) -> bool:
        """Whether the next invoice charges other than today's total (a change or a price from a
        later day): the Plan tab and `show plan` then say what it will charge."""
        return self.next_invoice_total is not None and (
            self.next_invoice_total, self.next_invoice_period) != (self.total, self.period)
