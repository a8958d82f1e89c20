"""History across companies for the vendor's staff (SPEC §6: "staff also see it across
companies"; issue #18): the whole trail, newest first, paged as a company's History is
(store.trail.history.company_history), filtered by company, person, action and dates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar, cast

from store.persistence.models import AuditEvent, Company
from store.trail.audit import by_person
from store.trail.exports import ExportFilters, check_filters, day_start, ensure_staff
from store.trail.history import _with_region_countries
from store.trail.history_requests import with_request_numbers
from store.views import Actor, AuditEntryView, AuditPage, company_label, rows_before

Entry = TypeVar("Entry", bound=AuditEntryView)
ACTION = "history.all"


@dataclass(frozen=True, kw_only=True)
class CompanyAuditEntry(AuditEntryView):
    """A line of the trail and the company it is in (None: the vendor's own work, as the billing
    run or an export), with its name now, as a list of several companies names it."""

    @property
    def company_label(self) -> str:
        """The company as a list of several companies names it (store.views.company_label:
        "2 Nordwind Logistik GmbH"); "—" for the vendor's own work."""
        if self.company_id is None:
            return "—"
        return company_label(self.company_id, self.company_name)


@dataclass(frozen=True, kw_only=True)
class CompanyAuditPage(AuditPage):
    """One page of the trail across companies, newest first."""

    items: list[CompanyAuditEntry]  # type: ignore[assignment]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total_count // self.page_size))


def all_history(actor: Actor, page: int = 1, page_size: int = 50, *,
                company: int | None = None, person: str | None = None,
                action: str | None = None, since: date | None = None,
                until: date | None = None) -> CompanyAuditPage:
    """A page of every company's trail, newest first; only the lines of `company` (an id), by
    `person` (an e-mail, whole, or part of a name; case aside), of `action` (an action id,
    `export.invoices`, or its first part, `export`), from `since` to `until` (days in UTC, both
    included), when given. Three queries: the count, the page and its companies' names.

    Refused (exit 3, recorded) unless `actor` is staff; InvalidInput when `until` is before
    `since`; NotFound for a `company` that does not exist.
    """
    ensure_staff(actor, company, ACTION)
    check_filters(ExportFilters(since=since, until=until, company=company))
    page = max(1, page)
    page_size = max(1, min(page_size, 200))
    query = AuditEvent.select()
    if company is not None:
        query = query.where(AuditEvent.company == company)
    if person and person.strip():
        query = query.where(by_person(person))
    if action and action.strip():
        wanted = action.strip().lower()
        query = query.where((AuditEvent.action == wanted)
                            | AuditEvent.action.startswith(wanted.rstrip(".") + "."))
    if since is not None:
        query = query.where(AuditEvent.at >= day_start(since))
    if until is not None:
        query = query.where(AuditEvent.at < day_start(until + timedelta(days=1)))
    total = query.count()
    skipped = rows_before(page, page_size, total)
    rows = [] if skipped is None else cast("Iterable[dict[str, Any]]", (
        query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .offset(skipped).limit(page_size).dicts()))
    rows = list(rows)
    names = _names({row["company"] for row in rows} - {None})
    lines = [CompanyAuditEntry.from_row({**row, "company_id": row["company"],
                                         "company_name": names.get(row["company"])})
             for row in rows]
    # Each line about a change request names it (#N), as the company's History does.
    companies = [line.company_id for line in lines]
    items = regions_named(with_request_numbers(lines, companies), companies)
    return CompanyAuditPage(items=items, page=page, page_size=page_size, total_count=total)


def _names(companies: set[int]) -> dict[int, str]:
    """The names of `companies` by id: one query (none for none)."""
    if not companies:
        return {}
    return dict(cast("Iterable[tuple[int, str]]", Company.select(Company.id, Company.name)
                     .where(Company.id.in_(sorted(companies))).tuples()))


def regions_named(lines: list[Entry], companies: list[int | None]) -> list[Entry]:
    """`lines` (`companies[i]` the company of `lines[i]`, None for the vendor's own) with
    `region_country` set as a company's History sets it
    (store.trail.history._with_region_countries), each line by its own company's countries: a
    Japanese prefecture reads "Prefecture" here and in the History export as on the company's
    History tab (#16 trial: "Billing address saved · State — → Tokyo"). Two queries per
    company on the page whose lines show a region."""
    by_company: dict[int, list[int]] = {}
    for at, company in enumerate(companies):
        if company is not None:
            by_company.setdefault(company, []).append(at)
    out = list(lines)
    for company, places in by_company.items():
        named = _with_region_countries(company, [out[at] for at in places])
        for at, entry in zip(places, named, strict=True):
            out[at] = cast(Entry, entry)
    return out
