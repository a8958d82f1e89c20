"""What the store hands out: read-only Pydantic objects the screens and the command line show."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict


class View(BaseModel):
    model_config = ConfigDict(frozen=True)


class Actor(View):
    """The person acting: a company user or a member of the vendor's staff."""

    kind: Literal["user", "staff"]
    email: str
    name: str
    role: str  # owner | admin | supervisor | agent | support | billing
    company_id: int | None = None
    company_name: str | None = None  # a user's own company, read with the person at sign-in

    @property
    def is_staff(self) -> bool:
        return self.kind == "staff"

    @property
    def label(self) -> str:
        return f"{self.name} <{self.email}>"


class GeneralView(View):
    """The General tab (R2-R3)."""

    company_id: int
    name: str
    website: str | None
    logo_filename: str | None
    logo_width: int | None = None
    logo_height: int | None = None
    version: int
    updated_at: datetime | None
    updated_by: str | None
    can_edit: bool


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


class TeamRow(View):
    """The teams row (R9): active teams and the plan's limit (None: no limit)."""

    active: int
    limit: int | None


class ProductLine(View):
    """A subscribed special feature or call plan with its price for the period (R11)."""

    code: str
    name: str
    price: Decimal


class LicenceSummary(View):
    """The Plan tab: header (R4), licence table (R5-R9), add-ons (R11) and the total (R10)."""

    company_id: int
    company_name: str
    plan: str
    plan_code: str
    billing_frequency: Literal["monthly", "annual"]
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


class AddressView(View):
    """The billing address as stored (R15)."""

    line1: str
    line2: str | None
    postal_code: str | None
    city: str
    state: str | None
    country: str
    vat_number: str | None
    version: int
    updated_at: datetime | None
    updated_by: str | None


class PaymentMethodView(View):
    """How the company pays: brand, last four, expiry, holder only (R14)."""

    kind: Literal["card", "direct_debit", "bank_transfer"]
    brand: str | None
    last4: str | None
    exp_month: int | None
    exp_year: int | None
    holder: str | None
    version: int


class ChangeRequestView(View):
    """An owner's request to change a locked field, and its outcome."""

    id: int
    company_id: int
    company_name: str
    field: str
    old_value: str | None
    current_value: str | None
    new_value: str | None
    note: str | None
    status: Literal["pending", "approved", "rejected"]
    requested_by: str
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str | None


class BillingView(View):
    """The Billing tab apart from invoices (R13-R16)."""

    company_id: int
    in_trial: bool
    trial_ends_on: date | None
    address: AddressView | None
    editable_fields: list[str]
    locked_fields: list[str]
    lock_reason: str | None
    recipients: list[str]
    payment_method: PaymentMethodView | None
    change_requests: list[ChangeRequestView]
    can_manage_card: bool
    can_manage_recipients: bool


class InvoiceRowView(View):
    """One invoice in the Billing tab's list (R12)."""

    number: str
    kind: Literal["invoice", "credit_note"]
    issued_on: date
    period_start: date
    period_end: date
    currency: str
    total: Decimal
    status: str


class InvoicePage(View):
    """One page of a company's invoices, newest first."""

    items: list[InvoiceRowView]
    page: int
    page_size: int
    total_count: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total_count // self.page_size))


class AuditEntryView(View):
    """One line of History: when, who, what, old → new, outcome, reason."""

    id: int
    at: datetime
    actor_email: str | None
    actor_name: str | None
    actor_role: str | None
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None
    outcome: Literal["done", "refused"]
    reason: str | None
    ticket: str | None


class AuditPage(View):
    """One page of the audit trail, newest first."""

    items: list[AuditEntryView]
    page: int
    page_size: int
    total_count: int


class CompanyHit(View):
    """One row of the support console's search results."""

    id: int
    name: str
    country: str | None
    plan: str | None
    status: str | None
    active_users: int
