"""The views the first frame does not need (General, Billing, invoices, History, search), loaded by
store.views on first use. Same rules as store/views.py: frozen dataclasses built from rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from store.views import View


@dataclass(frozen=True, kw_only=True)
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


@dataclass(frozen=True, kw_only=True)
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


@dataclass(frozen=True, kw_only=True)
class PaymentMethodView(View):
    """How the company pays: brand, last four, expiry, holder only (R14)."""

    kind: Literal["card", "direct_debit", "bank_transfer"]
    brand: str | None
    last4: str | None
    exp_month: int | None
    exp_year: int | None
    holder: str | None
    version: int


@dataclass(frozen=True, kw_only=True)
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


@dataclass(frozen=True, kw_only=True)
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


@dataclass(frozen=True, kw_only=True)
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


@dataclass(frozen=True, kw_only=True)
class InvoicePage(View):
    """One page of a company's invoices, newest first."""

    items: list[InvoiceRowView]
    page: int
    page_size: int
    total_count: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total_count // self.page_size))


@dataclass(frozen=True, kw_only=True)
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
    origin: str | None = None
    impersonator_email: str | None = None


@dataclass(frozen=True, kw_only=True)
class AuditPage(View):
    """One page of the audit trail, newest first."""

    items: list[AuditEntryView]
    page: int
    page_size: int
    total_count: int


@dataclass(frozen=True, kw_only=True)
class CompanyHit(View):
    """One row of the support console's search results."""

    id: int
    name: str
    country: str | None
    plan: str | None
    status: str | None
    active_users: int
