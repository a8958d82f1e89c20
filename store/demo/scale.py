"""Generated companies for scale work: `mycompany demo --companies N`, 100 000 in two minutes."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from peewee import Model, fn
from stdnum import luhn
from stdnum.iso7064 import mod_11_10

from store import clock
from store.demo.data import catalogue_prices, product_names, subscription_lines, tax_minor
from store.persistence.db import database, is_postgres, is_sqlite, transaction
from store.persistence.folding import search_fold
from store.persistence.models import (
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


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.split(","))


def _places(text: str) -> tuple[tuple[str | None, str, str], ...]:
    """'City=postal code' items ('City/ST=zip' where the country's post uses a region: US
    state, Spanish and Italian province) as (region code, postal code, city)."""
    places = []
    for item in _words(text):
        where, postal_code = item.split("=")
        city, _sep, state = where.partition("/")
        places.append((state or None, postal_code, city))
    return tuple(places)


@dataclass(frozen=True)
class Country:
    code: str
    locale: str
    currency: str  # the catalogue prices EUR and USD only, so GB pays in EUR
    tax_permille: int
    legal_forms: tuple[str, ...]
    sectors: tuple[str, ...]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    streets: tuple[str, ...]  # "{n}" is the house number
    places: tuple[tuple[str | None, str, str], ...]  # (region, postal code, city)
    phone: tuple[str, int]  # prefix and digits after it, none shared with demo.py's numbers
    accounts: str  # local part of the accounts department's address


EN_SECTORS = _words("Logistics, Consulting, Software, Health, Media, Engineering, Foods, Legal, "
                    "Realty, Energy, Travel, Design")
FR_SECTORS = _words("Logistique, Conseil, Informatique, Santé, Médias, Ingénierie, Distribution, "
                    "Immobilier, Énergie, Voyages, Design, Bâtiment")
COUNTRIES = [
    Country("FR", "fr", "EUR", 200, ("SARL", "SAS", "SA"), FR_SECTORS,
            _words("Camille, Léa, Hugo, Louis, Chloé, Manon, Jules, Inès, Nathan, Sarah"),
            _words("Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, "
                   "Moreau"),
            _words("{n} rue de la République, {n} rue Victor Hugo, {n} avenue Jean Jaurès, "
                   "{n} boulevard Voltaire, {n} rue des Lilas, {n} place de la Bourse"),
            _places("Paris=75011, Lyon=69002, Marseille=13001, Toulouse=31000, Nantes=44000, "
                    "Lille=59000"), ("+331", 8), "comptabilite"),
    Country("DE", "de", "EUR", 190, ("GmbH", "GmbH & Co. KG", "AG"),
            _words("Logistik, Beratung, Software, Gesundheit, Medien, Technik, Handel, "
                   "Immobilien, Energie, Reisen, Design, Bau"),
            _words("Jonas, Lena, Lukas, Anna, Felix, Marie, Paul, Sophie, Leon, Emma"),
            _words("Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Hoffmann, "
                   "Schulz"),
            _words("Hauptstraße {n}, Bahnhofstraße {n}, Schillerstraße {n}, Lindenallee {n}, "
                   "Friedrichstraße {n}, Am Markt {n}"),
            _places("Berlin=10115, München=80331, Köln=50667, Frankfurt am Main=60311, "
                    "Stuttgart=70173, Leipzig=04109"), ("+4930", 8), "buchhaltung"),
    Country("US", "en_US", "USD", 0, ("Inc.", "LLC", "Corp."), EN_SECTORS,
            _words("James, Mary, John, Patricia, Michael, Jennifer, David, Linda, Emily, Daniel"),
            _words("Smith, Johnson, Williams, Brown, Jones, Garcia, Miller, Davis, Wilson, Taylor"),
            _words("{n} Main Street, {n} Market Street, {n} Oak Avenue, {n} Broadway, "
                   "{n} Elm Street, {n} Sunset Boulevard"),
            _places("Mountain View/CA=94043, San Francisco/CA=94105, New York/NY=10001, "
                    "Austin/TX=78701, Seattle/WA=98101, Chicago/IL=60601, Boston/MA=02108, "
                    "Denver/CO=80202"), ("+16462", 6), "accounts"),
    Country("GB", "en_GB", "EUR", 200, ("Ltd", "LLP", "plc"), EN_SECTORS,
            _words("Oliver, Amelia, Harry, Isla, George, Ava, Jack, Olivia, Noah, Emily"),
            _words("Smith, Jones, Taylor, Brown, Williams, Wilson, Johnson, Davies, Evans, Thomas"),
            _words("{n} High Street, {n} Station Road, {n} Church Lane, {n} Victoria Road, "
                   "{n} King Street, {n} Mill Lane"),
            _places("London=EC1A 1BB, Manchester=M1 1AE, Birmingham=B1 1AA, Leeds=LS1 4AP, "
                    "Bristol=BS1 4DJ, Edinburgh=EH1 1YZ"), ("+44207", 7), "accounts"),
    Country("ES", "es", "EUR", 210, ("S.L.", "S.A."),
            _words("Logística, Consultoría, Software, Salud, Medios, Ingeniería, Alimentación, "
                   "Inmobiliaria, Energía, Viajes, Diseño, Construcciones"),
            _words("Lucía, Hugo, Martina, Mateo, Sofía, Pablo, Alba, Daniel, Carmen, Javier"),
            _words("García, Fernández, González, Rodríguez, López, Martínez, Sánchez, Pérez, "
                   "Gómez, Ruiz"),
            _words("Calle Mayor {n}, Gran Vía {n}, Calle de Alcalá {n}, Paseo de Gracia {n}, "
                   "Avenida de la Constitución {n}, Calle Serrano {n}"),
            _places("Madrid/M=28013, Barcelona/B=08007, Valencia/V=46002, Sevilla/SE=41001, "
                    "Bilbao/BI=48001, Málaga/MA=29015"), ("+3491", 7), "contabilidad"),
    Country("IT", "it", "EUR", 220, ("S.r.l.", "S.p.A."),
            _words("Logistica, Consulenza, Software, Salute, Media, Ingegneria, Alimentari, "
                   "Immobiliare, Energia, Viaggi, Design, Costruzioni"),
            _words("Giulia, Lorenzo, Sofia, Leonardo, Aurora, Francesco, Alice, Mattia, Marco, "
                   "Elena"),
            _words("Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, "
                   "Greco"),
            _words("Via Roma {n}, Via Garibaldi {n}, Corso Italia {n}, Via Mazzini {n}, "
                   "Via Dante {n}, Viale dei Mille {n}"),
            _places("Roma/RM=00184, Milano/MI=20121, Torino/TO=10121, Bologna/BO=40121, "
                    "Firenze/FI=50122, Napoli/NA=80133"), ("+3902", 8), "amministrazione"),
    Country("NL", "nl", "EUR", 210, ("B.V.", "N.V."),
            _words("Logistiek, Advies, Software, Zorg, Media, Techniek, Handel, Vastgoed, "
                   "Energie, Reizen, Design, Bouw"),
            _words("Daan, Emma, Sem, Julia, Lucas, Mila, Finn, Tess, Levi, Sara"),
            _words("de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Visser, Smit, "
                   "Meijer, de Boer"),
            _words("Kerkstraat {n}, Dorpsstraat {n}, Stationsweg {n}, Molenstraat {n}, "
                   "Prinsengracht {n}, Herengracht {n}"),
            _places("Amsterdam=1012 JS, Rotterdam=3011 AD, Utrecht=3511 LX, Den Haag=2511 CV, "
                    "Eindhoven=5611 AZ"), ("+3120", 7), "administratie"),
    Country("BE", "fr_BE", "EUR", 210, ("SRL", "SA", "BV"), FR_SECTORS,
            _words("Lucas, Emma, Louis, Olivia, Noah, Louise, Arthur, Mila, Jules, Elena"),
            _words("Peeters, Janssens, Maes, Jacobs, Mertens, Willems, Claes, Goossens, Wouters, "
                   "Dubois"),
            _words("Rue de la Loi {n}, Avenue Louise {n}, Rue Neuve {n}, Kerkstraat {n}, Meir {n}, "
                   "Chaussée de Wavre {n}"),
            _places("Bruxelles=1000, Antwerpen=2000, Gent=9000, Liège=4000, Leuven=3000"),
            ("+322", 7), "comptabilite"),
]
COUNTRY_WEIGHTS = [22, 20, 18, 12, 8, 8, 6, 6]
BRANDS = _words("Nordlicht, Atlas, Blue Harbor, Silverline, Kestrel, Horizon, Lumen, Vega, "
                "Orion, Cedar, Granite, Meridian, Polaris, Redwood, Sapphire, Summit, Tidewater, "
                "Aurora, Boreal, Copperfield, Falcon, Helios, Ironbridge, Juniper, Larkspur, "
                "Nimbus, Oakridge, Pinecrest, Quartz, Riverstone, Solstice, Trident, Westwind, "
                "Zephyr, Alder, Beacon, Cobalt, Evergreen, Mistral, Keystone")
TEAMS = _words("Sales, Support, Billing, Front desk, Customer success, Onboarding, Partners, "
               "Logistics, Accounts, Operations, Field service, After-sales, Procurement, "
               "Reception, Night shift, Weekend, Hotline, Retention")
ROLES = ("admin",) + ("supervisor",) * 2 + ("agent",) * 7


def _ascii(text: str) -> str:
    """E-mail and domain parts: accents folded, only letters and digits kept."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", folded)


def _vat(country: str, rng: random.Random) -> str | None:
    """A VAT number with the right check digits for `country` (stdnum's rules); None in the US."""
    digits = f"{rng.randint(1_000_000, 9_999_999):07d}"
    if country == "DE":
        base = str(rng.randint(1, 9)) + digits
        return "DE" + base + mod_11_10.calc_check_digit(base)
    if country == "FR":
        siren = str(rng.randint(1, 9)) + digits
        siren += luhn.calc_check_digit(siren)
        return f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"
    if country == "BE":
        return f"BE0{digits}{97 - int(digits) % 97:02d}"
    if country == "IT":
        base = f"{digits}{rng.randint(1, 100):03d}"  # office code 001-100: a province
        return "IT" + base + luhn.calc_check_digit(base)
    if country == "ES":
        return "ESB" + digits + luhn.calc_check_digit(digits)
    if country == "NL":
        base = str(rng.randint(1, 9)) + digits
        check = sum((9 - i) * int(d) for i, d in enumerate(base)) % 11
        return f"NL{base}{check}B01" if check < 10 else _vat(country, rng)
    if country == "GB":
        total = sum(w * int(d) for w, d in zip((8, 7, 6, 5, 4, 3, 2), digits))
        return f"GB{digits}{-total % 97:02d}"  # the last two digits bring the sum to 0 mod 97
    return None  # the US has no VAT


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
        vat = _vat(c.code, rng)
        self.add(BillingAddress, cid, line1, postal_code, city, state, c.code, vat, 1)
        self.add(InvoiceRecipient, cid, owner_email, created)
        if rng.random() < 0.4:
            self.add(InvoiceRecipient, cid, f"{c.accounts}@{domain}", created)
        pay = rng.random()
        if pay < (0.2 if trial else 0.85):
            self.add(PaymentMethod, cid, "card", f"tok_scale_{cid}",
                     rng.choice(("Visa", "Mastercard")), f"{rng.randint(0, 9999):04d}",
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
            issued, paid = min(period_start, today_in[c.code]), not (n == 0 and newest_open)
            self.add(Invoice, iid, cid, f"INV-{cid:06d}-{invoices - n:04d}", "invoice",
                     value(issued), value(period_start), value(period_end), c.currency,
                     subtotal, c.tax_permille, tax, subtotal + tax, "paid" if paid else "open",
                     value(issued) if paid else None, name, line1, None,
                     postal_code, city, state, c.code, vat, period_start.isoformat()[:7],
                     value(issued))
            for pos, (description, quantity, unit) in enumerate(lines, start=1):
                self.add(InvoiceLine, iid, pos, description, quantity, unit, quantity * unit)

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
              "bill_to_vat_number", "billing_period", "due_on"),
    InvoiceLine: ("invoice", "position", "description", "quantity", "unit_minor", "amount_minor"),
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
