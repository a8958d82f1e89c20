"""Display helpers shared by the command line and the screens: money, dates, safe text."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from store.errors import FORM_WIDE, Conflict, InvalidInput, StoreError
from store.forms.unsafe import UNSAFE, pictured
from store.i18n import _, babel_locale, current_locale, user_locale
from store.money import money_text

if TYPE_CHECKING:
    from collections.abc import Iterable

    from store.plans.plan_views import LicenceSummary
    from store.views import AuditEntryView, InvoiceRowView

# What may never reach the terminal raw is defined once, in store/forms/unsafe.py: controls, bidi
# marks and isolates, line and paragraph separators, lone surrogates; and so is how each one is
# shown (`pictured`). safe_text is the one way stored text reaches a terminal: the screens, the
# command line's tables (tui/textout.py) and, escaped as JSON escapes (safe_json), its JSON. The
# labels below that fall back to the stored code (an unknown status, action, field or plan
# name) return it through safe_text too.


def safe_text(value: object) -> str:
    """`value` as one line that cannot send escape sequences: each character UNSAFE names shown
    as the one symbol a text field draws for it (store.forms.unsafe.pictured: ␛ for ESC, ␊ for
    a line feed, ⇄ for U+202E, � for a C1 control or a byte of a file name that is not UTF-8,
    read as a lone surrogate). One notation everywhere, the field beside a label or a table
    alike (#15 trial t15: the staff list showed `\\x1b` where the field showed ␛, and the file
    browser `bad\\udc9b2J.png`)."""
    if value is None:
        return ""
    return pictured(str(value))


def _json_escape(match: re.Match[str]) -> str:
    char = match.group()
    return char if char == "\n" else f"\\u{ord(char):04x}"


def safe_json(text: str) -> str:
    """JSON text (json.dumps, ensure_ascii=False) with every UNSAFE character escaped as \\uXXXX:
    still valid JSON that parses back to the same values, and nothing raw for the terminal.

    json.dumps escapes C0 controls itself but writes C1 controls, bidi marks, separators and lone
    surrogates as they are. Outside its strings JSON has only ASCII and the line breaks of its
    indentation (kept), so every other UNSAFE character found is inside a string, where its
    \\uXXXX escape stands for the same character.
    """
    return UNSAFE.sub(_json_escape, text)


def safe_line(value: str) -> str:
    """`value` as a text field draws it, focused or not: each character safe_text pictures
    becomes ONE visible placeholder, of its kind (␛ and ␀ for controls, ␤ for hidden line
    breaks, ⇄ for direction marks, � for the rest), so positions in the text stay those of
    `value`: the cursor and the selection are drawn at character positions (Textual's Input),
    and a placeholder is deleted with one backspace, as the character it stands for. One form
    in a field whether the cursor is in it or not (#15 trial: escapes while it was not, whose
    extra width scrolled the start of the value away, and placeholders while it was), and the
    same as every other surface (labels, tables, the banner, the command line: safe_text).
    The symbols are the store's (store.forms.unsafe.control_picture), which the forms' messages
    name too ("U+001B (shown as ␛)")."""
    return pictured(value)


def display_locale(lang: str | None = None) -> str:
    """--lang, then MYCOMPANY_LANG, then LC_ALL/LC_MESSAGES/LANG, then English: the locale of
    the screens and the command line (store.i18n.user_locale). Only locales whose language has
    a catalogue, so the words and the numbers are in the same language: fr_FR.UTF-8 -> fr_FR,
    de_DE.UTF-8 -> en; a territory Babel does not know falls back to its language."""
    return str(babel_locale(user_locale(lang)))


def _locale(code: str | None):
    """Babel's Locale for `code`; None is the language the messages are in."""
    return babel_locale(code or current_locale())


def money(amount: Decimal, currency: str, locale: str | None = None) -> str:
    """Babel's currency format for the display locale: €1,234.56 or 1 234,56 € (store.money).
    Remembered per (amount, currency, locale): a list shows the same amounts page after page,
    and Babel reads its pattern again on every call (0.1 ms each, a page of invoices 10)."""
    return _money(amount, currency, locale or current_locale())


@lru_cache(maxsize=4096)
def _money(amount: Decimal, currency: str, locale: str) -> str:
    return money_text(amount, currency, locale)


def day(value: date | None, locale: str | None = None) -> str:
    """A date as a person reads it, its month a word (store.i18n.dates.day_text: 27 Nov 2026,
    27 nov. 2026); '—' when there is none."""
    from store.i18n.dates import day_text

    return day_text(value, locale)


# ---------------------------------------------------------------- instants, in the reader's zone


def reader_time(instant: datetime, zone: tzinfo | None = None) -> datetime:
    """A stored instant (UTC: aware, or naive as the columns keep it) in the reader's time zone
    (SPEC §2): the process's own, from TZ or else /etc/localtime (`mycompany serve` gives each
    session the SSH client's TZ when the client sends one); `zone` to ask for another."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(zone)


def timestamp(instant: datetime | None, *, zone_name: bool = False,
              zone: tzinfo | None = None) -> str:
    """`2026-11-27 13:00` in the reader's zone, `2026-11-27 13:00 CET` with its abbreviation
    (or offset, `-12`) when `zone_name`; '—' when there is none."""
    if instant is None:
        return "—"
    local = reader_time(instant, zone)
    return f"{local:%Y-%m-%d %H:%M %Z}" if zone_name else f"{local:%Y-%m-%d %H:%M}"


def reader_zone_name() -> str:
    """The reader's time zone (SPEC §2: the process's own, tui.formatting.reader_time) by its
    IANA name when the machine says it (TZ, as `mycompany serve` gives each session the SSH
    client's, else /etc/localtime's link into the zone database), else by its abbreviation now
    ("UTC", "CET")."""
    import os
    from pathlib import Path
    from zoneinfo import ZoneInfo

    variable = os.environ.get("TZ", "").lstrip(":")
    candidates = [variable]
    if not variable:  # TZ decides when it is set, even as a rule no zone is named by
        try:
            linked = str(Path("/etc/localtime").resolve())
            candidates.append(linked.split("zoneinfo/", 1)[1] if "zoneinfo/" in linked else "")
        except OSError:
            pass
    for name in candidates:
        try:
            if name and ZoneInfo(name):
                return name
        except (ValueError, LookupError, OSError):  # no zone of that name (ZoneInfoNotFoundError
            continue                                # is a KeyError), or a POSIX rule ("UTC+3")
    # A POSIX rule or an unknown name (#15 trial: TZ=UTC+3 crashed History): what the clock
    # does with it, by its offset ("UTC-03:00"; an unknown name is UTC's).
    offset = datetime.now().astimezone().utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    minutes = int(abs(offset).total_seconds()) // 60
    return f"UTC{'+' if offset > timedelta(0) else '-'}{minutes // 60:02d}:{minutes % 60:02d}"


def when_title(zone: str | None = None, locale: str | None = None) -> str:
    """History's time column, naming once the zone its times are in, the reader's (SPEC §2;
    `zone` for another) by its city as CLDR writes it in the reader's language, short enough
    for the column at 80 columns (the IANA name, "America/Los_Angeles", pushed French's What
    past the edge): "Time (Berlin)", "Time (Los Angeles)", "Time (UTC)"; an abbreviation
    ("Time (CET)") where the machine names its zone no better (#17 trial: History's times said
    nowhere which zone they were in). The entry's own line gives the abbreviation too."""
    zone = reader_zone_name() if zone is None else zone
    if zone in ("UTC", "Etc/UTC", "GMT", "Etc/GMT", "UCT", "Universal", "Zulu"):
        return _("Time (UTC)")
    city = _zone_city(zone, locale or current_locale()) if "/" in zone else zone
    return _("Time ({city})").format(city=safe_text(city))


@lru_cache(maxsize=256)
def _zone_city(zone: str, locale: str) -> str:
    from babel.dates import get_timezone, get_timezone_location

    try:
        return str(get_timezone_location(get_timezone(zone), locale=_locale(locale),
                                         return_city=True))
    except (LookupError, ValueError):
        return zone.rsplit("/", 1)[-1].replace("_", " ")


def who_acted(entry: AuditEntryView, *, short: bool = False) -> str:
    """The person of a line; "admin X as Y" when admin staff acted as them (SPEC §2). `short`:
    the admin by the first part of their e-mail address, for a table cell."""
    # No person: the program's own work, or a database login's (grant-app-role): its origin
    # ("login postgres on db1") says which, in the line in full.
    person = safe_text(entry.actor_name) if entry.actor_name else _("the program")
    if not entry.impersonator_email:
        return person
    if short:
        return _("{admin} as {person}").format(
            admin=safe_text(entry.impersonator_email.split("@")[0]), person=person)
    return _("admin {admin} as {person}").format(admin=safe_text(entry.impersonator_email),
                                                 person=person)


def who_with_role(entry: AuditEntryView, *, email: bool = False) -> str:
    """The person of a line with their role (and, `email`, their address) in brackets: "Béa
    (billing, bea@x.example)"; the program's own lines without the empty brackets."""
    extra = [part for part in (role_label(entry.actor_role) if entry.actor_role else "",
                               safe_text(entry.actor_email) if email else "") if part]
    return f"{who_acted(entry)} ({', '.join(extra)})" if extra else who_acted(entry)


def error_text(exc: StoreError) -> str:
    """A store refusal's message as the reader reads it: a conflict's "changed at" in their zone
    (the store writes it in UTC, store.errors.Conflict)."""
    if isinstance(exc, Conflict) and exc.changed_at is not None:
        return exc.message_at(timestamp(exc.changed_at, zone_name=True))
    if isinstance(exc, InvalidInput) and set(exc.errors) == {FORM_WIDE}:
        return exc.errors[FORM_WIDE]  # no field to name: not "__all__: …" (#17 trial)
    return exc.message


# ---------------------------------------------------------------- codes, as a person reads them


def catalogue_name(name: str | None) -> str:
    """A plan's or product's name from the catalogue (Essentials, Europe unlimited) in the
    person's language (store/plans/catalogue.py marks them); any other name as stored, through
    safe_text."""
    return safe_text(_(name)) if name else ""


def subscription_status(status: str | None) -> str:
    """trial, subscribed, closed (store.plans.trial.subscription_status derives it)."""
    labels = {"trial": _("trial"), "subscribed": _("subscribed"), "closed": _("closed"),
              "cancelled": _("cancelled")}
    return labels.get(status or "", safe_text(status))


def role_label(role: str | None) -> str:
    """A company user's or staff member's role (store.people.access says how it reads)."""
    from store.people.access import role_label as label

    return safe_text(label(role))


def invoice_status(status: str | None, kind: str = "invoice",
                   deducted_from: Iterable[str] = ()) -> str:
    """A document's state as the store words it (store.invoicing.invoice_states.state_words,
    the PDF's too): Open, Past due, Paid, Credited; a credit note's Credit available, Deducted
    from INV-… (`deducted_from`), Applied, as the invoice in full says it ("Credit note: Credit
    available", #17 trial: "Credit note: Open" read as money owed)."""
    from store.invoicing.invoice_states import state_words

    label = safe_text(state_words(status or "", kind, deducted_from))
    return _("Credit note: {status}").format(status=label) if kind == "credit_note" else label


def invoice_state(item: InvoiceRowView, locale: str | None = None, *,
                  method: bool = True, paid_day: bool = True) -> str:
    """An invoice's status cell in a list, the Billing tab's and `show invoices` alike (SPEC
    §5, #17 trial: the list said "Paid" alone): Open, Past due, Credited; a credit note's
    Open, Applied (its CN- number says what it is); a paid one with the day it was paid, written
    as every date of an invoice is (`day`: "Paid Nov 3, 2026", #17: one way on every surface),
    and what paid it (the store's `paid_by`): "Paid Nov 3, 2026 · card"; a credit note's
    Credit available, Deducted from INV-…, Applied (store.invoicing.invoice_states). `method`
    False leaves the method out (and a credit note's more than a word: Credit, Applied),
    `paid_day` False the day too, for a list too narrow for them (the invoice in full names
    both; `fitted_state` chooses); an unknown method is left out too."""
    if item.kind == "credit_note":
        from store.invoicing.invoice_states import state_words

        return safe_text(state_words(item.status, item.kind, item.deducted_from,
                                     short=not method))
    if item.status != "paid" or item.paid_on is None or not paid_day:
        return invoice_status(item.status)
    when = day(item.paid_on, locale)
    methods = {"card": _("card"), "credit_note": _("credit note")}
    if method and item.paid_by in methods:
        return _("Paid {date} · {method}").format(date=when, method=methods[item.paid_by])
    return _("Paid {date}").format(date=when)


def fitted_state(item: InvoiceRowView, locale: str | None, room: int | None) -> str:
    """`invoice_state`'s longest form within `room` terminal cells (None: no limit): one
    invoice's `fitted_states`."""
    return fitted_states([item], locale, room)[0]


def fitted_states(items: list[InvoiceRowView], locale: str | None,
                  room: int | None) -> list[str]:
    """Each of `items`' `invoice_state` within `room` terminal cells (None: no limit), the one
    way both lists (the Billing tab's, `show invoices` in a terminal) shorten it rather than cut
    or wrap it: an invoice with the paid day and the method, with the day, then the status
    alone, in one form for every invoice of the list, the longest all of them fit in (a paid
    day shown on one row and left out on the next reads as unknown; verification v2: at 85
    columns the French list had room for "Payée 1 oct. 2026", 17 cells, not for "Payée 1
    sept. 2026", 18); a credit note in its words or in one word, as it fits."""
    from rich.cells import cell_len

    def fits(text: str) -> bool:
        return room is None or cell_len(text) <= room

    invoices = [item for item in items if item.kind != "credit_note"]
    form = {"method": False, "paid_day": False}
    for method, paid_day in ((True, True), (False, True)):
        if all(fits(invoice_state(item, locale, method=method, paid_day=paid_day))
               for item in invoices):
            form = {"method": method, "paid_day": paid_day}
            break

    def state(item: InvoiceRowView) -> str:
        if item.kind != "credit_note":
            return invoice_state(item, locale, **form)
        words = invoice_state(item, locale)
        return words if fits(words) else invoice_state(item, locale, method=False)

    return [state(item) for item in items]


def invoice_cells(item: InvoiceRowView, locale: str | None = None, *,
                  room: int | None = None) -> tuple[str, str, str, str, str, str]:
    """An invoice's row in a list as the reader reads it, the Billing tab's and `show
    invoices` alike (#17: the tab wrote 2026-12-01 where `show invoices` wrote Dec 1, 2026):
    its number, issue and due dates (`day`, the one way a date is written; "—" for a credit
    note, which the store gives no due date), the period (`invoice_period`), the amount, and
    the status (`invoice_state`, within `room` cells when given: `fitted_state`)."""
    return (safe_text(item.number), day(item.issued_on, locale), day(item.due_on, locale),
            invoice_period(item.period_start, item.period_end, locale),
            money(item.total, item.currency, locale),
            invoice_state(item, locale) if room is None else fitted_state(item, locale, room))


def invoice_period(start: date, end: date, locale: str | None = None) -> str:
    """The months an invoice covers, short: "Nov 2026" for one month, "Nov 2026 – Oct 2027"
    for a year paid upfront; day to day ("Nov 3 – 17, 2026") for any other span. Remembered
    per (start, end, locale), as money() is."""
    return _invoice_period(start, end, locale or current_locale())


@lru_cache(maxsize=4096)
def _invoice_period(start: date, end: date, locale: str) -> str:
    from babel.dates import format_interval, format_skeleton

    where = _locale(locale)
    whole_months = start.day == 1 and (end + timedelta(days=1)).day == 1
    try:
        if whole_months and (start.year, start.month) == (end.year, end.month):
            return format_skeleton("yMMM", start, locale=where)
        return format_interval(start, end, "yMMM" if whole_months else "yMMMd", locale=where)
    except (ValueError, LookupError):
        from store.i18n.dates import day_span

        return day_span(start, end, locale)


def plan_dates(summary: LicenceSummary, locale: str | None = None) -> list[str]:
    """The dates the Plan tab's header and `show plan` name, as the store decides them
    (store.plans.plan_views.LicenceSummary.header_dates): "Trial ends: Dec 10, 2026", "First
    invoice: Jan 1, 2027" for a company not invoiced since its trial, else "Next invoice: …",
    "Contract renewal: …"."""
    words = {"trial_ends": _("Trial ends: {date}"), "first_invoice": _("First invoice: {date}"),
             "next_invoice": _("Next invoice: {date}"),
             "renewal": _("Contract renewal: {date}")}
    return [words[what].format(date=day(when, locale)) for what, when in summary.header_dates]


def request_status(status: str | None) -> str:
    """pending, approved, rejected, withdrawn (change requests)."""
    labels = {"pending": _("Pending"), "approved": _("Approved"), "rejected": _("Rejected"),
              "withdrawn": _("Withdrawn")}
    return labels.get(status or "", safe_text(status))
