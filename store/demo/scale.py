"""Generated companies for scale work: `mycompany demo --companies N`, 100 000 in two minutes."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from peewee import Model, fn

from store import clock
from store.demo.data import (
    catalogue_prices,
    charge_line,
    product_names,
    run_moment,
    subscription_lines,
    tax_minor,
)
from store.demo.scale_countries import (
    BRANDS,
    COUNTRIES,
    COUNTRY_WEIGHTS,
    ROLES,
    TEAMS,
    Country,
    vat_number,
)
from store.forms.cards import payment_method_label
from store.persistence.db import database, is_postgres, is_sqlite, transaction
from store.persistence.folding import search_fold
from store.persistence.models import (
    AuditEvent,
    BillingAddress,
    Company,
    Invoice,
    InvoiceLine,
    InvoiceRecipient,
    PaymentMethod,
    PhoneNumber,
    SubscribedProduct,
    Subscription,
    Team,
    User,
)
from store.places.zones import default_zone
from store.plans.terms import price_list

LARGE_TENANT_USERS = 30_000  # the support console's largest tenant; tests shrink it
BATCH = 5_000  # companies per transaction: rare commits keep synchronous=FULL affordable


def _ascii(text: str) -> str:
    """E-mail and domain parts: accents folded, only letters and digits kept."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", folded)


class _Generator:
    """Builds the rows of a batch of companies as tuples and writes them with executemany."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.today = clock.today()  # UTC's; a company's own (its country's zone) in today_in
        self.today_in = {c.code: clock.today(default_zone(c.code)) for c in COUNTRIES}
        # sqlite3's default date adapters are deprecated (3.12); PostgreSQL wants real dates
        self.value = str if is_sqlite() else (lambda v: v)
        self.prices, self.products = catalogue_prices(), product_names()
        self.ascii = {n: _ascii(n) for c in COUNTRIES for n in c.first_names + c.last_names}
        # This month and the seven before, newest first: the billing run bills a month on its
        # first day (store.invoicing.billing_run), dated no later than the company's day.
        month = self.today.replace(day=1)
        self.months: list[tuple[date, date]] = []
        for _n in range(8):
            following = (month + timedelta(days=32)).replace(day=1)
            self.months.append((month, following - timedelta(days=1)))
            month = (month - timedelta(days=1)).replace(day=1)
        self.phone_next = {c.code: self._first_free_number(c) for c in COUNTRIES}
        self.invoice_id = (Invoice.select(Invoice.id).order_by(Invoice.id.desc()).scalar() or 0) + 1
        self.rows: dict[type[Model], list[tuple[Any, ...]]] = {model: [] for model in COLUMNS}
        self.run_at: dict[tuple[str, int], datetime] = {}  # (country, month): its run, UTC

    def _first_free_number(self, country: Country) -> int:
        """Continue after the numbers of an earlier run, so a second run does not clash."""
        prefix, width = country.phone
        last = (PhoneNumber.select(PhoneNumber.e164)
                .where((PhoneNumber.e164 > prefix) & (PhoneNumber.e164 < prefix + ":")
                       & (fn.LENGTH(PhoneNumber.e164) == len(prefix) + width))
                .order_by(PhoneNumber.e164.desc()).scalar())
        return int(last[len(prefix):]) + 1 if last else 2 * 10 ** (width - 1)

    def add(self, model: type[Model], *row: Any) -> None:
        self.rows[model].append(row)

    def company(self, cid: int, users: int | None = None) -> None:
        """The rows of company `cid`; `users` forces its active user count (the large tenant)."""
        rng, today, value, today_in = self.rng, self.today, self.value, self.today_in
        c = rng.choices(COUNTRIES, COUNTRY_WEIGHTS)[0]
        brand, sector = rng.choice(BRANDS), rng.choice(c.sectors)
        if rng.random() < 0.25:
            brand = " & ".join(rng.sample(c.last_names, 2))
        name = f"{brand} {sector} {rng.choice(c.legal_forms)}"
        domain = f"{_ascii(brand)}-{_ascii(sector)}-{cid}.example"

        large = users is not None
        plan = "professional" if large or rng.random() < 0.4 else "essentials"
        if users is None:  # lognormal: mostly small companies, a long tail, 10 users on average
            mu = 2.3 if plan == "professional" else 1.8
            users = min(400, max(1, int(rng.lognormvariate(mu, 0.7))))
        # Invoiced monthly whatever the term (the generated invoices are monthly).
        term = "annual_monthly" if large or rng.random() < 0.45 else "monthly"
        trial = not large and rng.random() < 0.1
        invoices = 0 if trial else rng.randint(3, 8)
        if trial:
            trial_end = today + timedelta(days=rng.randint(1, 29))  # began 30 days before
            next_invoice = renews = trial_end + timedelta(days=1)
        else:
            trial_end = today - timedelta(days=rng.randint(invoices * 31 + 1, 2500))
            next_invoice = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
            start = trial_end + timedelta(days=1)
            renews = (start + timedelta(days=365 * ((today - start).days // 365 + 1))
                      if term != "monthly" else next_invoice)
        created = value(datetime.combine(trial_end - timedelta(days=30),
                                         time(rng.randint(8, 18), rng.randint(0, 59))))
        website = f"https://www.{domain}" if rng.random() < 0.8 else None
        self.add(Company, cid, name, search_fold(name), website, c.currency, c.locale, created, 1)
        included = max(3, round(users * rng.uniform(0.85, 1.1)))
        numbers = max(1, users + rng.randint(-2, 2))
        self.add(Subscription, cid, plan, term, "trial" if trial else "subscribed",
                 value(trial_end), value(next_invoice), value(renews), included, included)

        first, last, asc = c.first_names, c.last_names, self.ascii
        for n in range(users + (rng.randint(1, 2) if rng.random() < 0.3 else 0)):
            f, sn = rng.choice(first), rng.choice(last)
            email = f"{asc[f]}.{asc[sn]}.{n}@{domain}"
            if n == 0:
                owner, owner_email = f"{f} {sn}", email
            # the few beyond `users` have left the company: inactive, not counted (R5)
            self.add(User, cid, email, f"{f} {sn}", "owner" if n == 0 else rng.choice(ROLES),
                     n < users)
        prefix, width = c.phone
        first_number = self.phone_next[c.code]
        self.phone_next[c.code] = first_number + numbers
        for k in range(first_number, first_number + numbers):
            self.add(PhoneNumber, cid, f"{prefix}{k:0{width}d}", True)
        teams = rng.randint(0, 3) if plan == "essentials" else max(1, min(users // 4, 200))
        offset = rng.randrange(len(TEAMS))
        for i in range(offset, offset + teams):
            suffix = f" {i // len(TEAMS) + 1}" if i >= len(TEAMS) else ""
            self.add(Team, cid, TEAMS[i % len(TEAMS)] + suffix)
        products = ["analytics_plus"] if rng.random() < 0.3 else []
        if rng.random() < 0.25:
            products.append("north_america_unlimited" if c.code == "US" else "europe_unlimited")
        for code in products:
            self.add(SubscribedProduct, cid, code)

        state, postal_code, city = rng.choice(c.places)
        line1 = rng.choice(c.streets).format(n=rng.randint(1, 180))
        vat = vat_number(c.code, rng)
        self.add(BillingAddress, cid, line1, postal_code, city, state, c.code, vat, 1)
        self.add(InvoiceRecipient, cid, owner_email, created)
        if rng.random() < 0.4:
            self.add(InvoiceRecipient, cid, f"{c.accounts}@{domain}", created)
        pay, card = rng.random(), None
        if pay < (0.2 if trial else 0.85):
            brand, last4 = rng.choice(("Visa", "Mastercard")), f"{rng.randint(0, 9999):04d}"
            card = payment_method_label("card", brand, last4)
            self.add(PaymentMethod, cid, "card", f"tok_scale_{cid}", brand, last4,
                     rng.randint(1, 12), today.year + rng.randint(1, 4), owner, 1)
        elif not trial and pay < 0.95:  # set up by the billing team (R14)
            self.add(PaymentMethod, cid, rng.choice(("direct_debit", "bank_transfer")), None,
                     None, None, None, None, None, 1)

        lines = subscription_lines(included, users, included, numbers, products, self.prices[
            plan, price_list(term), c.currency], self.products)[:3]  # the licences and 2 more
        subtotal = sum(q * u for _d, q, u in lines)
        tax = tax_minor(subtotal, c.tax_permille)
        newest_open = rng.random() < 0.3
        for n in range(invoices):
            iid, (period_start, period_end) = self.invoice_id, self.months[n]
            self.invoice_id += 1
            number = f"INV-{cid:06d}-{invoices - n:04d}"
            issued, paid = min(period_start, today_in[c.code]), not (n == 0 and newest_open)
            self.add(Invoice, iid, cid, number, "invoice",
                     value(issued), value(period_start), value(period_end), c.currency,
                     subtotal, c.tax_permille, tax, subtotal + tax, "paid" if paid else "open",
                     value(issued) if paid else None, name, line1, None,
                     postal_code, city, state, c.code, vat, period_start.isoformat()[:7],
                     value(issued), card if paid else None)
            for pos, (description, quantity, unit) in enumerate(lines, start=1):
                self.add(InvoiceLine, iid, pos, description, quantity, unit, quantity * unit)
            if card is not None:  # the run charged it at issue: paid, or its newest declined
                self.charged(cid, c, n, number, subtotal + tax, card, paid)

    def charged(self, cid: int, country: Country, month: int, number: str, total_minor: int,
                card: str, paid: bool) -> None:
        """The History line of the billing run's charge at issue of invoice `number` of the
        `month`-th month back, as the demo's companies have theirs (store.demo.data.charge_line;
        #17 trial: 88 invoices of `demo --companies 300` were open with a card on file and no
        charge tried, which the next run then charged)."""
        key = (country.code, month)
        if key not in self.run_at:
            start, zone = self.months[month][0], default_zone(country.code)
            self.run_at[key] = run_moment(start, zone) or clock.now()
        line = charge_line(cid, number, country.currency, total_minor, card, paid,
                           self.run_at[key])
        line["at"] = self.value(line["at"])
        self.add(AuditEvent, *(line[name] for name in COLUMNS[AuditEvent]))

    def flush(self) -> None:
        """Write the batch's rows, parents before children, and forget them."""
        for model, rows in self.rows.items():
            if rows:
                _insert_rows(model, COLUMNS[model], rows)
            rows.clear()


# In foreign-key order: the rows of a batch are written in this order.
COLUMNS: dict[type[Model], tuple[str, ...]] = {
    Company: ("id", "name", "name_folded", "website", "currency", "locale", "created_at",
              "version"),
    Subscription: ("company", "plan", "term", "status", "trial_ends_on", "next_invoice_on",
                   "renews_on", "included_users", "included_numbers"),
    User: ("company", "email", "name", "role", "active"),
    PhoneNumber: ("company", "e164", "active"),
    Team: ("company", "name"),
    SubscribedProduct: ("company", "product"),
    BillingAddress: ("company", "line1", "postal_code", "city", "state", "country", "vat_number",
                     "version"),
    InvoiceRecipient: ("company", "email", "added_at"),
    PaymentMethod: ("company", "kind", "token", "brand", "last4", "exp_month", "exp_year",
                    "holder", "version"),
    Invoice: ("id", "company", "number", "kind", "issued_on", "period_start", "period_end",
              "currency", "subtotal_minor", "tax_rate_permille", "tax_minor", "total_minor",
              "status", "paid_on", "bill_to_name", "bill_to_line1", "bill_to_line2",
              "bill_to_postal_code", "bill_to_city", "bill_to_state", "bill_to_country",
              "bill_to_vat_number", "billing_period", "due_on", "paid_with"),
    InvoiceLine: ("invoice", "position", "description", "quantity", "unit_minor", "amount_minor"),
    AuditEvent: ("company", "at", "actor_email", "actor_name", "actor_role", "action", "field",
                 "new_value", "outcome", "reason", "origin"),
}


def _insert_rows(model: type[Model], fields: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """INSERT straight through the driver: model instances would take ten times longer."""
    db = database.obj
    q0, q1 = db.quote[0], db.quote[-1]
    columns = ", ".join(q0 + model._meta.fields[f].column_name + q1 for f in fields)
    head = f"INSERT INTO {q0}{model._meta.table_name}{q1} ({columns}) VALUES "
    one = "(" + ", ".join([db.param] * len(fields)) + ")"
    cursor = db.cursor()
    if is_sqlite():
        cursor.executemany(head + one, rows)
        return
    for i in range(0, len(rows), 1000):  # psycopg2's executemany is one round trip per row
        chunk = rows[i:i + 1000]
        cursor.execute(head + ", ".join([one] * len(chunk)), [v for row in chunk for v in row])


def generate_companies(count: int, *, progress: Callable[[int, int], None] | None = None,
                       seed: int = 1) -> None:
    """Add `count` companies, the first the large tenant; the same seed gives the same data.

    Rows go in through the driver in a few big transactions, with ids chosen here so that
    children need no read-back; `progress(done, count)` is called after each transaction.
    """
    if count <= 0:
        return
    gen = _Generator(seed)
    first = (Company.select(Company.id).order_by(Company.id.desc()).scalar() or 0) + 1
    for start in range(first, first + count, BATCH):
        stop = min(start + BATCH, first + count)
        with transaction():
            for cid in range(start, stop):
                gen.company(cid, LARGE_TENANT_USERS if cid == first else None)
            gen.flush()
        if progress:
            progress(stop - first, count)
    db = database.obj
    if is_postgres():  # explicit ids leave the sequences behind
        for table in (Company._meta.table_name, Invoice._meta.table_name):
            db.execute_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                           f"(SELECT max(id) FROM {table}))")
    if is_sqlite():  # a sampled ANALYZE is enough to pick the (company, active) indexes
        db.execute_sql("PRAGMA analysis_limit = 1000")
    db.execute_sql("ANALYZE")
