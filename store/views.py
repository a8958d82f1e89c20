"""What the store hands out: read-only objects the screens and the command line show.

Frozen dataclasses, not Pydantic models: they are built from rows the store has just read, so there
is nothing to validate, and the first frame does not wait for Pydantic to load. Input is validated
by the forms (store/forms/), which are Pydantic.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, ClassVar, Literal, Self


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

    def model_dump(self, *, mode: str = "python", include: set[str] | None = None) -> dict:
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


@dataclass(frozen=True, kw_only=True)
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


@dataclass(frozen=True, kw_only=True)
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


@dataclass(frozen=True, kw_only=True)
class TeamRow(View):
    """The teams row (R9): active teams and the plan's limit (None: no limit)."""

    active: int
    limit: int | None


@dataclass(frozen=True, kw_only=True)
class ProductLine(View):
    """A subscribed special feature or call plan with its price for the period (R11)."""

    code: str
    name: str
    price: Decimal


@dataclass(frozen=True, kw_only=True)
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


_LATER = {"GeneralView", "AddressView", "PaymentMethodView", "ChangeRequestView", "BillingView",
          "InvoiceRowView", "InvoicePage", "AuditEntryView", "AuditPage", "CompanyHit"}


def __getattr__(name: str) -> Any:
    """The views of the other tabs, defined in views_later on first use (PEP 562): the Plan
    tab's first frame does not wait for a dozen dataclasses to be built."""
    if name in _LATER:
        from store import views_later

        return getattr(views_later, name)
    raise AttributeError(f"module 'store.views' has no attribute {name!r}")
