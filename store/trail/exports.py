"""Exports across companies for the vendor's staff (SPEC §11, issue #18): companies, invoices and
History, row by row, as plain values the command line writes as CSV or JSON Lines
(tui/export_cli.py).

Rows are read in keyset pages (`WHERE id > last ORDER BY id LIMIT n`; History's by time, then
id: `WHERE (at, id) > (last at, last id) ORDER BY at, id`), never the whole table: each page is
one statement, so an export of a million rows holds one page in memory on SQLite
and on PostgreSQL alike (psycopg's ordinary cursor would fetch a whole result at once, which
`.iterator()` alone does not prevent), and costs one query a page, never one a row.

Any member of staff (support, billing, admin) exports; anyone else is refused (exit 3, recorded).
The export itself is one trail line, `export.<what>`, holding the filters and the rows it holds
as it starts, written before its first row (store.trail.audit.recorded_before_output: no line,
no export); an export cut short adds a second line with the rows written. It belongs to no
company (the vendor's own work, as the billing run's), so exporting a closed company's rows is
recorded too.
"""

from __future__ import annotations

import errno
import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, cast

from peewee import JOIN, Column, Table, fn

from store import clock
from store.errors import InvalidInput, StoreError
from store.i18n import _, ngettext
from store.invoicing.invoices import due_date, prorated_line, service_period, shown_status
from store.money import from_minor
from store.people.access import STAFF_ROLES, refuse, require_company
from store.people.identity import ensure_signed_in
from store.persistence.db import transaction
from store.persistence.models import AuditEvent, BillingAddress, Company, Invoice, Subscription
from store.places.zones import company_zone
from store.plans.trial import subscription_status
from store.trail.audit import record, recorded_before_output
from store.trail.history_requests import with_request_numbers
from store.views import Actor, AuditEntryView

KINDS = ("companies", "invoices", "history")
PAGE = 1000  # rows a statement

# The columns of each export, in order: the CSV header and the JSON Lines keys.
COLUMNS: dict[str, tuple[str, ...]] = {
    "companies": ("id", "name", "country", "plan", "term", "status", "trial_ends_on",
                  "users_active", "numbers_active", "created_at", "closed_at"),
    "invoices": ("number", "kind", "company_id", "company_name", "issued_on", "due_on", "period",
                 "currency", "subtotal", "tax", "total", "tax_rule", "status", "paid_on",
                 "paid_with", "corrects"),
    # History's one record, as `history --json` and `show history --json` print a line
    "history": tuple(f.name for f in fields(AuditEntryView)),
}

# Kept by the database's triggers (migration 0004): one row a company, read by the same join.
LICENCE_COUNT = Table("licence_count")
COUNTED_COMPANY = Column(LICENCE_COUNT, "company_id")
ACTIVE_USERS = Column(LICENCE_COUNT, "active_users")
ACTIVE_NUMBERS = Column(LICENCE_COUNT, "active_numbers")

Row = dict[str, Any]
Value = str | int | Decimal | date | datetime | None


@dataclass(frozen=True)
class ExportFilters:
    """What an export keeps: rows of `company` (an id) only, and from `since` to `until`, both
    days included (a company's creation, an invoice's issue date, a trail line's time, read in
    UTC)."""

    since: date | None = None
    until: date | None = None
    company: int | None = None


def ensure_staff(actor: Actor, company_id: int | None, action: str) -> None:
    """Any member of staff (SPEC §2: staff read every company); Refused (exit 3, recorded) for
    anyone else, a company's owner included."""
    ensure_signed_in(actor)
    if actor.is_staff and actor.role in STAFF_ROLES:
        return
    refuse(actor, company_id, action, _("Only the vendor's staff export or read History across "
                                        "companies."))


def check_filters(filters: ExportFilters) -> None:
    """InvalidInput (exit 1) for a period that ends before it starts; NotFound (exit 5) for a
    company that does not exist."""
    if filters.since and filters.until and filters.until < filters.since:
        raise InvalidInput({"until": _("The end ({until}) is before the start ({since}).").format(
            until=filters.until.isoformat(), since=filters.since.isoformat())})
    if filters.company is not None:
        require_company(filters.company)


def export(actor: Actor, what: str, write: Callable[[Row], None],
           filters: ExportFilters | None = None, *,
           progress: Callable[[int, int], None] | None = None, page_size: int = PAGE) -> int:
    """Hand each row of the `what` export (one of KINDS) to `write`, oldest first (companies and
    invoices by id; History's lines by their time, then by id: a line written after another
    with an earlier time, a clock set back or lines brought in from elsewhere, still goes in
    its time's place; #18 trial), as a dict of
    COLUMNS[what] -> a plain value: str, int, Decimal (an amount in major units), date, aware
    datetime (UTC) or None. Returns the rows written.

    One trail line `export.<what>`, holding the filters and the rows the export holds (counted
    as the line is written, in its transaction), is written before the first row: when it
    cannot be (a full disk, a database opened for reading only), nothing is handed to `write`
    and the database's failure says "Nothing was exported" (recorded_before_output). History's
    export holds the lines before its own.

    Refused (exit 3, recorded) unless `actor` is staff; InvalidInput for an unknown `what` or a
    period that ends before it starts; NotFound for a `filters.company` that does not exist.
    `progress(rows done, rows)` is called after each page. An exception raised by `write` or
    `progress` (a full disk, a closed pipe, Ctrl-C) ends the export, and a second line records
    it stopped, with the rows written before it, none too; an OSError so is ExportStopped
    (exit 1), which says so.
    """
    filters = filters or ExportFilters()
    if what not in KINDS:
        raise InvalidInput({"what": _("Choose one of {expected}").format(
            expected=", ".join(KINDS))})
    action = f"export.{what}"
    ensure_staff(actor, filters.company, {"companies": "export.companies",
                                          "invoices": "export.invoices",
                                          "history": "export.history"}[what])
    check_filters(filters)
    with recorded_before_output(_("Nothing was exported: History records each export before "
                                  "it starts, and could not.")):
        total = _count(what, filters)
        line = record(actor, None, action, new=_kept(filters, total))
    kinds: dict[str, Callable[[ExportFilters, int], Iterator[list[Row]]]] = {
        "companies": _company_pages, "invoices": _invoice_pages,
        "history": functools.partial(_history_pages, before=line)}
    pages = kinds[what]
    done = 0
    try:
        for page in pages(filters, page_size):
            for row in page:
                write(row)
                done += 1
            if progress is not None:
                progress(done, max(total, done))
    except BaseException as stop:
        # Rows handed out before a full disk, a closed pipe (`| head`) or Ctrl-C left all the
        # same, a CSV header at least: the trail says how many, and that the export stopped
        # (#18 trial: `export history --out - | head -1` left no line and said nothing).
        with transaction():
            record(actor, None, action, new=_kept(filters, done, stopped=True))
        if isinstance(stop, OSError):
            raise ExportStopped(done, stop) from stop
        raise
    return done


class ExportStopped(StoreError):
    """An export cut short by where its rows go (a closed pipe: `| head`; a full disk), after
    `rows` rows: recorded so (exit 1)."""

    def __init__(self, rows: int, failure: OSError) -> None:
        if isinstance(failure, BrokenPipeError):
            why = _("the program reading them closed the pipe")
        elif failure.errno in (errno.ENOSPC, errno.EDQUOT):
            why = _("the disk is full")
        else:
            why = failure.strerror or str(failure)
        super().__init__(ngettext("The export stopped after {count} row: {why}.",
                                  "The export stopped after {count} rows: {why}.", rows).format(
            count=rows, why=why))
        self.rows = rows


def _kept(filters: ExportFilters, rows: int, *, stopped: bool = False) -> str:
    """An export's trail line's value: its filters and its rows (`stopped`: those written
    before it stopped), as tui.audit_text.export_counts reads it."""
    return json.dumps({
        "rows": rows, "company": filters.company,
        "since": filters.since.isoformat() if filters.since else None,
        "until": filters.until.isoformat() if filters.until else None,
        **({"stopped": True} if stopped else {})})


def day_start(day: date) -> datetime:
    """Midnight UTC at the start of `day`, naive as the columns keep it."""
    return datetime.combine(day, time())


def _aware(value: datetime | None) -> datetime | None:
    """A kept timestamp (UTC, naive or aware by the database) as an aware instant in UTC."""
    if value is None:
        return None
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def _day(value: str | date | None) -> date | None:
    """A date column as a date (a joined table's column comes back as text on SQLite)."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _query(what: str, filters: ExportFilters) -> tuple[Any, tuple[Any, ...]]:
    """The export's rows, unordered and unpaged, and the columns of its keyset, in order: the
    id, or History's time and id (its order, ties broken by id)."""
    query: Any
    key: Any
    when: Any
    company: Any
    if what == "companies":
        query = (Company.select(
            Company.id, Company.name,
            fn.COALESCE(BillingAddress.country, Company.country).alias("country"),
            Subscription.plan, Subscription.term, Subscription.status, Subscription.trial_ends_on,
            Company.time_zone,
            fn.COALESCE(ACTIVE_USERS, 0).alias("users_active"),
            fn.COALESCE(ACTIVE_NUMBERS, 0).alias("numbers_active"),
            Company.created_at, Company.closed_at)
            .join(Subscription, JOIN.LEFT_OUTER, on=(Subscription.company == Company.id))
            .join_from(Company, BillingAddress, JOIN.LEFT_OUTER,
                       on=(BillingAddress.company == Company.id))
            .join_from(Company, LICENCE_COUNT, JOIN.LEFT_OUTER,
                       on=(COUNTED_COMPANY == Company.id)))
        key, when, company = (Company.id,), Company.created_at, Company.id
    elif what == "invoices":
        corrected = Invoice.alias()
        query = (Invoice.select(
            Invoice.id, Invoice.number, Invoice.kind, Invoice.company, Company.name,
            Company.time_zone, Invoice.bill_to_country, Invoice.issued_on, Invoice.due_on,
            Invoice.period_start, Invoice.period_end, Invoice.currency, Invoice.subtotal_minor,
            Invoice.tax_minor, Invoice.total_minor, Invoice.tax_rule, Invoice.status,
            Invoice.paid_on, Invoice.paid_with, corrected.number.alias("corrects"),
            prorated_line().alias("prorated"))  # the days it charges: service_period
            .join(Company, on=(Invoice.company == Company.id))
            .join_from(Invoice, corrected, JOIN.LEFT_OUTER, on=(Invoice.corrects == corrected.id)))
        key, when, company = (Invoice.id,), Invoice.issued_on, Invoice.company
    else:
        query = (AuditEvent.select(AuditEvent, Company.name.alias("company_name"))
                 .join(Company, JOIN.LEFT_OUTER, on=(AuditEvent.company == Company.id)))
        key, when, company = (AuditEvent.at, AuditEvent.id), AuditEvent.at, AuditEvent.company
    if filters.company is not None:
        query = query.where(company == filters.company)
    dated = what == "invoices"
    if filters.since is not None:
        query = query.where(when >= (filters.since if dated else day_start(filters.since)))
    if filters.until is not None:
        end = filters.until + timedelta(days=1)
        query = query.where(when < (end if dated else day_start(end)))
    return query, key


def _count(what: str, filters: ExportFilters) -> int:
    """The rows the export will write, counted in SQL (its trail line, the progress bar)."""
    query, _key = _query(what, filters)
    return cast(int, query.count())


def _pages(what: str, filters: ExportFilters, page_size: int,
           before: int | None = None) -> Iterator[list[Row]]:
    """The export's rows as dicts in its keyset's order (`_query`), `page_size` a statement
    (keyset: no OFFSET), each page after the last row of the one before; History's only up to
    the line `before` (an id), excluded."""
    query, keys = _query(what, filters)
    if before is not None:
        query = query.where(AuditEvent.id < before)
    last: tuple[Any, ...] | None = None
    while True:
        page = query if last is None else query.where(_after(keys, last))
        rows = list(page.order_by(*keys).limit(page_size).dicts())
        if not rows:
            return
        yield rows
        if len(rows) < page_size:
            return
        last = tuple(rows[-1][key.name] for key in keys)


def _after(keys: tuple[Any, ...], last: tuple[Any, ...]) -> Any:
    """The condition of the rows after `last` in the order of `keys`: (a, b) > (x, y) written
    as a > x OR (a = x AND b > y), which SQLite and PostgreSQL both read by an index."""
    first, *rest = keys
    if not rest:
        return first > last[0]
    return (first > last[0]) | ((first == last[0]) & _after(tuple(rest), last[1:]))


def _company_pages(filters: ExportFilters, page_size: int) -> Iterator[list[Row]]:
    for rows in _pages("companies", filters, page_size):
        yield [{"id": r["id"], "name": r["name"], "country": r["country"], "plan": r["plan"],
                "term": r["term"], "status": subscription_status(
                    r["status"], _day(r["trial_ends_on"]),
                    company_zone(r["time_zone"], r["country"]), r["closed_at"]),
                "trial_ends_on": _day(r["trial_ends_on"]), "users_active": r["users_active"],
                "numbers_active": r["numbers_active"], "created_at": _aware(r["created_at"]),
                "closed_at": _aware(r["closed_at"])} for r in rows]


def _invoice_pages(filters: ExportFilters, page_size: int) -> Iterator[list[Row]]:
    # "Past due" is decided on the company's own day (SPEC §2 Time), as the Billing list does.
    today: dict[str, date] = {}
    for rows in _pages("invoices", filters, page_size):
        page = []
        for r in rows:
            zone = company_zone(r["time_zone"], r["bill_to_country"])
            if zone not in today:
                today[zone] = clock.today(zone)
            currency = r["currency"]
            first, last = service_period(r["period_start"], r["period_end"], [r["prorated"]])
            page.append({
                "number": r["number"], "kind": r["kind"], "company_id": r["company"],
                "company_name": r["name"], "issued_on": r["issued_on"],
                "due_on": due_date(r["kind"], r["due_on"]),
                "period": f"{first.isoformat()}/{last.isoformat()}",
                "currency": currency, "subtotal": from_minor(r["subtotal_minor"], currency),
                "tax": from_minor(r["tax_minor"], currency),
                "total": from_minor(r["total_minor"], currency), "tax_rule": r["tax_rule"],
                "status": shown_status(r["status"], r["kind"], r["due_on"], today[zone]),
                "paid_on": r["paid_on"], "paid_with": r["paid_with"], "corrects": r["corrects"]})
        yield page


def _history_pages(filters: ExportFilters, page_size: int, *,
                   before: int | None = None) -> Iterator[list[Row]]:
    # History's record, as History reads it: `request_id`, the change request a line is about
    # (#N; #18 trial: the lines of a request sent before #16 named none), one query a page at
    # most; `region_country`, two a company whose lines hold a region. `before`: the export's
    # own line, written first: the lines before it, the rows it counted.
    from store.trail.history_all import regions_named

    for rows in _pages("history", filters, page_size, before):
        companies = [r["company"] for r in rows]
        lines = regions_named(with_request_numbers(
            [AuditEntryView.from_row({**r, "company_id": r["company"]}) for r in rows],
            companies), companies)
        yield [{name: getattr(line, name) for name in COLUMNS["history"]} for line in lines]
