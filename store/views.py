"""What the store hands out: read-only objects the screens and the command line show.

Frozen dataclasses, not Pydantic models: they are built from rows the store has just read, so there
is nothing to validate, and the first frame does not wait for Pydantic to load. Input is validated
by the forms (store/forms/), which are Pydantic. Every view is defined here, by plain import, but
the Plan tab's (store.plans.plan_views): the first frame pays about a millisecond for the ones it
does not show yet (bench/README.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, ClassVar, Generic, Literal, Self, TypeVar, dataclass_transform

Item = TypeVar("Item")  # what a Page lists
ViewClass = TypeVar("ViewClass", bound="View")


def _jsonable(value: Any) -> Any:
    """Dates as ISO text and amounts as text, the JSON shape the command line documents."""
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


@dataclass(frozen=True, kw_only=True)
class View:
    """A read-only view; `model_dump` and `model_copy` as the command line and what-if use them.

    Every `datetime` a view holds is an aware instant in UTC (SPEC §2): the columns keep UTC as
    naive values, and the view says so, so JSON carries the offset (`+00:00`) and the screens
    convert it to the reader's zone (tui.formatting.reader_time) without guessing.
    """

    _instants: ClassVar[dict[type, tuple[str, ...]]] = {}  # per class: its datetime fields

    def __post_init__(self) -> None:
        names = View._instants.get(type(self))
        if names is None:
            names = View._instants[type(self)] = tuple(
                f.name for f in fields(self) if "datetime" in str(f.type))
        for name in names:
            value = getattr(self, name)
            if isinstance(value, datetime) and value.tzinfo is None:
                object.__setattr__(self, name, value.replace(tzinfo=UTC))

    def model_dump(self, *, mode: str = "python",
                   include: set[str] | None = None) -> dict[str, Any]:
        data = asdict(self)
        if include is not None:
            data = {key: value for key, value in data.items() if key in include}
        return _jsonable(data) if mode == "json" else data

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Self:
        return replace(self, **(update or {}))

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Self:
        """The view of a row's columns that it has (other columns are left out)."""
        names = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in row.items() if key in names})

    # The comparison, hash and text of every view, as dataclass writes them for each class
    # (equal: same class, same fields), written once here: compiling them for each of the
    # views took a few ms of every start (bench/README.md, cold start).
    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
        return f"{type(self).__qualname__}({shown})"


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
def view(cls: type[ViewClass]) -> type[ViewClass]:
    """The decorator of every view class: a frozen, keyword-only dataclass whose comparison,
    hash and text are View's."""
    return dataclass(frozen=True, kw_only=True, eq=False, repr=False)(cls)


def company_label(company_id: int, name: str | None) -> str:
    """A company as a list of several companies names it, its number first, then its name:
    "2 Nordwind Logistik GmbH". Two companies may share a name, or its first words, which a
    narrow column cuts to (#18 trial: History of every company showed "Company 00…" for
    companies 2 and 17 alike); the number tells them apart wherever the name is cut."""
    return f"{company_id} {name}" if name else str(company_id)


@view
class Actor(View):
    """The person acting: a company user or a member of the vendor's staff."""

    kind: Literal["user", "staff"]
    email: str
    name: str
    role: str  # company: owner | admin | supervisor | agent; staff: support | billing | admin
    company_id: int | None = None
    company_name: str | None = None  # a user's own company, read with the person at sign-in
    origin: str | None = None  # how they proved it: "key SHA256:.. from ADDR", "login X on HOST"
    impersonator_email: str | None = None  # admin staff acting as this person (SPEC §2)
    session_id: int | None = None  # the sign_in_session row of an SSH session
    # Read with the person at sign-in (no query of its own): the screens' "Demo" mark (SPEC §2).
    # Shown only; what a person may do is never decided from it.
    demo_database: bool = False
    # A user's company closed (SPEC §11), read with them at sign-in: the screens show its edits
    # shut (store.people.access.owner_fields_lock); the writes are refused there anyway.
    company_closed: bool = False

    @property
    def is_staff(self) -> bool:
        return self.kind == "staff"

    @property
    def over_ssh(self) -> bool:
        """Signed in through `mycompany serve`: the server's own files are not theirs (§10)."""
        return self.session_id is not None

    @property
    def is_billing_team(self) -> bool:
        """The billing team: billing staff, and admin staff, who may do all billing may (§2)."""
        return self.kind == "staff" and self.role in ("billing", "admin")

    @property
    def is_admin(self) -> bool:
        """Admin staff: staff accounts, everyone's keys, acting as another person (§2)."""
        return self.kind == "staff" and self.role == "admin"

    @property
    def label(self) -> str:
        return f"{self.name} <{self.email}>"


@view
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
    read_only_reason: str | None = None  # why not, if not: access.owner_fields_lock (§11)


@view
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


@view
class PaymentMethodView(View):
    """How the company pays: brand, last four, expiry, holder only (R14)."""

    kind: Literal["card", "direct_debit", "bank_transfer"]
    brand: str | None
    last4: str | None
    exp_month: int | None
    exp_year: int | None
    holder: str | None
    version: int

    @property
    def expiry(self) -> str | None:
        """The card's expiry as printed on it and as the card form asks for it (MM/YY, "12/27";
        card_expiry); None when not a card or not known."""
        if self.exp_month is None or self.exp_year is None:
            return None
        return card_expiry(self.exp_month, self.exp_year)


def card_expiry(month: int, year: int) -> str:
    """A card's expiry month as the card holder reads it on the card, MM/YY: (12, 2027) ->
    "12/27", the one form the Billing tab, the command line's text and the trail write (#17
    trial: "12/27" on the screen, "12/2027" on the command line). `year` is the full year
    (2027); JSON keeps the numbers (exp_month, exp_year)."""
    return f"{month:02d}/{year % 100:02d}"


@view
class RequestedChange(View):
    """One field of a change request: its value when the owner asked, now, and asked for."""

    field: str  # an address field (store/forms/fields.py ADDRESS)
    old_value: str | None
    current_value: str | None
    new_value: str | None


@view
class ChangeRequestView(View):
    """An owner's request to change the locked address (one or more fields, R16), and its
    outcome. `stale`: the address was saved since the request was sent, so the billing team
    looks at both before deciding (store.profile.requests.approve_request); `changed_since`: the
    fields the request does not carry that were saved since (old_value then, current_value and
    new_value now: approving keeps them), empty unless stale; `stays`: the fields of the
    address now that a waiting request keeps beside one it changes (store.forms.moves
    .kept_beside: the second street line under a new first line; all three values the one
    now); `can_decide`: the reader is the billing team and the request waits (an owner is never
    told how to approve it)."""

    id: int
    company_id: int
    company_name: str
    changes: tuple[RequestedChange, ...]
    note: str | None
    documents: str | None
    status: Literal["pending", "approved", "rejected", "withdrawn"]
    requested_by: str
    requested_at: datetime
    address_version: int | None
    current_version: int | None
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str | None
    decision_ticket: str | None = None  # the billing team's ticket id given with the decision
    changed_since: tuple[RequestedChange, ...] = ()
    stays: tuple[RequestedChange, ...] = ()
    can_decide: bool = False  # the reader may approve or reject it (the billing team, pending)
    country: str | None = None  # the address's country now: names its region, its postal code

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(change.field for change in self.changes)

    @property
    def stale(self) -> bool:
        return (self.status == "pending" and self.address_version is not None
                and self.current_version != self.address_version)


@view
class BillingView(View):
    """The Billing tab apart from invoices (R13-R16)."""

    company_id: int
    in_trial: bool
    trial_ends_on: date | None
    address: AddressView | None
    # The company's country: its address's, else the one it was created with (the first
    # address's, #18); None for neither.
    country: str | None = None
    closed: bool = False  # the company is closed: everything here is read-only (SPEC §11)
    editable_fields: list[str]
    locked_fields: list[str]
    lock_reason: str | None
    recipients: list[str]
    payment_method: PaymentMethodView | None
    change_requests: list[ChangeRequestView]
    can_manage_card: bool
    can_manage_recipients: bool
    # What else the person may do here, decided by the store (R16, SPEC §2); the screens show it.
    can_request_change: bool = False  # the owner, after the trial, no request waiting
    can_withdraw_request: bool = False  # the owner, while their request waits
    can_decide_requests: bool = False  # the billing team: approve or reject change requests
    can_set_payment_method: bool = False  # the billing team: direct debit or bank transfer
    reason_required: bool = False  # an address save needs a reason (the billing team's)


@view
class InvoiceRowView(View):
    """One invoice in the Billing tab's list (R12). `status`: open, past_due (open after its
    due date, in the company's time zone), paid, credited; a credit note's: open, applied
    (store.invoicing.invoice_states words them). `due_on`: None
    for a credit note, which no one pays (store.invoicing.invoices.due_date). `paid_with`: the
    payment method as it was when paid ("Visa •••• 4242"); `paid_by` what the list names of it
    (SPEC §5: "Paid with its date and method"): "card" when the card was charged,
    "credit_note" when credit notes covered it all, None when not paid or not known
    (store.invoicing.invoices.paid_by)."""

    number: str
    kind: Literal["invoice", "credit_note"]
    issued_on: date
    period_start: date
    period_end: date
    currency: str
    total: Decimal
    status: str
    due_on: date | None = None
    paid_on: date | None = None
    paid_with: str | None = None
    paid_by: Literal["card", "credit_note"] | None = None
    # A credit note used: the invoices it paid part of (store.invoicing.invoice_states, #17)
    deducted_from: list[str] = field(default_factory=list)


@view
class Page(View, Generic[Item]):
    """One page of a list, newest first: `items` are page `page` (from 1) of `total_count`
    items in pages of `page_size`; `pages` counts them (1 for an empty list)."""

    items: list[Item]
    page: int
    page_size: int
    total_count: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total_count // self.page_size))


def rows_before(page: int, page_size: int, total_count: int) -> int | None:
    """The rows a list's page `page` (from 1; pages of `page_size`, `total_count` rows in all)
    skips: its query's OFFSET. None for a page past the last, which lists nothing and needs no
    query: the command line takes any page up to 2**63 - 1, whose OFFSET would not fit the
    database's 64-bit integer (#15 trial: `show invoices --page 9223372036854775807` said "A
    number given is too large", exit 1, instead of "There is no page ...")."""
    skipped = (max(1, page) - 1) * page_size
    return skipped if skipped < total_count else None


@view
class InvoicePage(Page[InvoiceRowView]):
    """One page of a company's invoices, newest first (store.invoicing.invoices.list_invoices).
    `open_invoices`: how many of the company's invoices (on any page) are open or past due,
    what "Pay now" would pay (store.invoicing.payments.pay_preview): none, and there is nothing to
    pay."""

    open_invoices: int = 0


@view
class AuditEntryView(View):
    """One line of History, and in its fields' order History's record wherever it is data
    (README: `show history`, `history --json`, `export history`: store.trail.exports.COLUMNS)."""

    id: int
    at: datetime
    company_id: int | None = None  # None: the vendor's own work
    company_name: str | None = None  # its name now
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
    # the change request a request.* line is about (store.trail.audit)
    request_id: int | None = None
    # The country whose region a "state" value of the line is (store.trail.history): History names
    # it as that country's post does (County, Province, Prefecture), not always "State".
    region_country: str | None = None


@view
class AuditPage(Page[AuditEntryView]):
    """One page of the audit trail, newest first (store.trail.history, store.trail.history_all).
    `field_label`: the field a company's page is filtered by, as that company's address names
    it (ZIP code in the US: store.forms.labels); None without a field filter, or for one no
    form has (the logo, a recipient)."""

    field_label: str | None = None


@view
class CompanyHit(View):
    """One row of the support console's search results."""

    id: int
    name: str
    country: str | None
    plan: str | None
    status: str | None
    active_users: int
