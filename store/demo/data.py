"""The demo data: three companies whose arithmetic anyone can check, and the two staff members."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from store import clock
from store.errors import Refused
from store.i18n import N_, _
from store.people.identity import mark_database
from store.persistence.db import transaction
from store.persistence.folding import search_fold
from store.persistence.models import (
    AuditEvent,
    BillingAddress,
    Company,
    Invoice,
    InvoiceRecipient,
    PaymentMethod,
    PhoneNumber,
    Price,
    Product,
    Staff,
    SubscribedProduct,
    Subscription,
    Team,
    User,
)
from store.persistence.models_seller import Seller
from store.plans.catalogue import seed_catalogue

STAFF = [
    {"email": "support@mycompany.example", "login": "support", "name": "Sam Support",
     "role": "support"},
    {"email": "billing@mycompany.example", "login": "billing", "name": "Bea Billing",
     "role": "billing"},
    {"email": "admin@mycompany.example", "login": "admin", "name": "Ada Admin",
     "role": "admin"},
]

# The vendor as the seller of every invoice (store.invoicing.seller): a plausible SAS in Paris. Its
# SIREN 123 456 782 passes the Luhn check and its VAT number's key is the one France computes from
# it (python-stdnum finds both valid); the company is invented.
SELLER = {
    "legal_name": "MyCompany Téléphonie SAS", "line1": "42 rue de la Roquette",
    "postal_code": "75011", "city": "Paris", "country": "FR", "vat_number": "FR11123456782",
    "registration": "RCS Paris 123 456 782",
    "legal_mentions": "SAS au capital de 50 000 € – 42 rue de la Roquette, 75011 Paris. "
                      "Pénalités de retard : trois fois le taux d'intérêt légal ; indemnité "
                      "forfaitaire pour frais de recouvrement : 40 € (art. L441-10 du Code de "
                      "commerce). Pas d'escompte pour paiement anticipé.",
    "payment_terms_days": 0,
    # An example account (the check digits are right: python-stdnum takes it), stored compact.
    "iban": "FR7630006000011234567890189", "bic": "BNPAFRPP",
}


@dataclass
class DemoCompany:
    """What one demo company holds; `users` are (email, name, role) after the owner."""

    name: str
    website: str
    currency: str
    locale: str
    plan: str
    term: str  # store.plans.terms.Term
    status: str
    trial_ends_on: date
    included_users: int
    included_numbers: int
    active_users: int
    active_numbers: int
    teams: int
    products: list[str]
    address: dict[str, str]
    recipients: list[str]
    people: list[tuple[str, str, str]]
    phone_prefix: str
    card: tuple[str, str, str] | None = None  # brand, last4, holder
    open_invoices: int = 0  # its newest invoices left unpaid
    # The card the invoices were charged to until then (brand, last4, expiry month, year): it
    # expired, the bank declined the `open_invoices`' charges, and the owner then put `card` on
    # file, not paying them yet (#17 trial: History said Visa •••• 4242, which always succeeds,
    # was declined; the invoice then "Past due" with nothing saying why).
    card_before: tuple[str, str, int, int] | None = None
    renews_on: date | None = None
    time_zone: str | None = None  # IANA; rule dates fall in it (SPEC §2)
    extra: dict[str, Any] = field(default_factory=dict)
    trial_days: int = 30  # the trial's length: the company was made on its first day


def created_at(spec: DemoCompany, now: datetime) -> datetime:
    """When the demo company was made (UTC, naive, as stored): at 09:00 in its zone on its
    trial's first day, a trial of `trial_days` days ending on `trial_ends_on`, as `companies
    create --trial-days` makes one (store.plans.trial.trial_last_day); never later than `now`.
    Before its first invoice and its trial (#18 trial: every demo company was made "today", its
    invoices going back to 2025)."""
    first_day = spec.trial_ends_on - timedelta(days=spec.trial_days - 1)  # trial_last_day's
    local = datetime.combine(first_day, time(9), ZoneInfo(spec.time_zone or "UTC"))
    return min(local.astimezone(UTC).replace(tzinfo=None), now)


def demo_companies(today: date) -> list[DemoCompany]:
    """The three companies of the issue, dated relative to `today`."""
    return [
        DemoCompany(
            name="Atelier Lumière SARL", website="https://atelier-lumiere.fr", currency="EUR",
            locale="fr", plan="essentials", term="monthly", status="trial",
            trial_ends_on=today + timedelta(days=10), included_users=3, included_numbers=3,
            active_users=2, active_numbers=1, teams=1, products=[],
            address={"line1": "12 rue des Lilas", "postal_code": "69003", "city": "Lyon",
                     "country": "FR", "vat_number": "FR40303265045"},
            recipients=["camille@atelier-lumiere.fr"],
            people=[("camille@atelier-lumiere.fr", "Camille Martin", "owner"),
                    ("lea@atelier-lumiere.fr", "Léa Bernard", "admin")],
            phone_prefix="+33478",
            time_zone="Europe/Paris",
        ),
        DemoCompany(
            name="Nordwind Logistik GmbH", website="https://nordwind.de", currency="EUR",
            locale="de", plan="professional", term="annual_monthly", status="subscribed",
            trial_ends_on=today - timedelta(days=430), included_users=40, included_numbers=40,
            active_users=42, active_numbers=43, teams=7,
            products=["analytics_plus", "europe_unlimited"],
            address={"line1": "Speicherstraße 5", "postal_code": "20457", "city": "Hamburg",
                     "country": "DE", "vat_number": "DE136695976"},
            recipients=["jonas@nordwind.de", "buchhaltung@nordwind.de"],
            people=[("jonas@nordwind.de", "Jonas Weber", "owner"),
                    ("petra@nordwind.de", "Petra Schulz", "admin"),
                    ("tim@nordwind.de", "Tim Becker", "supervisor"),
                    ("ida@nordwind.de", "Ida Hoffmann", "agent")],
            phone_prefix="+49403",
            card=("Visa", "4242", "Jonas Weber"), open_invoices=2,
            card_before=("Visa", "1881", 10, 2026),
            time_zone="Europe/Berlin",
        ),
        DemoCompany(
            name="Blue Harbor Inc.", website="https://blueharbor.com", currency="USD",
            locale="en_US", plan="essentials", term="monthly", status="subscribed",
            trial_ends_on=today - timedelta(days=200), included_users=5, included_numbers=5,
            active_users=5, active_numbers=6, teams=3, products=["north_america_unlimited"],
            address={"line1": "1600 Amphitheatre Pkwy", "postal_code": "94043",
                     "city": "Mountain View", "state": "CA", "country": "US"},
            recipients=["maria@blueharbor.com"],
            people=[("maria@blueharbor.com", "Maria Lopez", "owner")],
            phone_prefix="+16505",
            card=("Mastercard", "4444", "Maria Lopez"), open_invoices=0,
            time_zone="America/Los_Angeles",
        ),
    ]


def _first_of_next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _add_company(spec: DemoCompany, today: date, login_for_owner: bool = True) -> int:
    now = clock.now()
    company = Company.create(name=spec.name, name_folded=search_fold(spec.name),
                             website=spec.website, currency=spec.currency,
                             locale=spec.locale, time_zone=spec.time_zone,
                             created_at=created_at(spec, now))
    cid = company.id
    # As the billing run bills (store.invoicing.billing_run): from the month after the trial ends;
    # an annual contract renews on the anniversary of that first month.
    start = _first_of_next_month(spec.trial_ends_on)
    next_invoice = start if spec.status == "trial" else _first_of_next_month(today)
    renews = start
    while renews <= today:
        renews = renews.replace(year=renews.year + 1) if spec.term != "monthly" else next_invoice
    if spec.status == "trial":  # as companies create says it (#17 trial: Atelier's "Renews:
        from store.plans.terms import first_renewal  # Dec 12" beside its first invoice, Jan 1)

        renews = first_renewal(spec.term, spec.trial_ends_on + timedelta(days=1))
    Subscription.create(company=cid, plan=spec.plan, term=spec.term, status=spec.status,
                        trial_ends_on=spec.trial_ends_on, next_invoice_on=next_invoice,
                        renews_on=spec.renews_on or renews,
                        included_users=spec.included_users,
                        included_numbers=spec.included_numbers)
    users = []
    for email, name, role in spec.people:
        login = email.split("@")[0] if role == "owner" and login_for_owner else None
        users.append({"company": cid, "email": email, "name": name, "role": role, "active": True,
                      "login": login})
    domain = spec.people[0][0].split("@")[1]
    for n in range(len(users), spec.active_users):
        users.append({"company": cid, "email": f"agent{n:03d}@{domain}", "name": f"Agent {n:03d}",
                      "role": "agent", "active": True, "login": None})
    # One departed colleague per company: inactive users must not count (R5).
    users.append({"company": cid, "email": f"former@{domain}", "name": "Former colleague",
                  "role": "agent", "active": False, "login": None})
    User.insert_many(users).execute()
    numbers = [{"company": cid, "e164": f"{spec.phone_prefix}{n:06d}", "active": True}
               for n in range(spec.active_numbers)]
    numbers.append({"company": cid, "e164": f"{spec.phone_prefix}999999", "active": False})
    PhoneNumber.insert_many(numbers).execute()
    Team.insert_many([{"company": cid, "name": f"Team {n + 1}"}
                      for n in range(spec.teams)]).execute()
    for code in spec.products:
        SubscribedProduct.create(company=cid, product=code)
    BillingAddress.create(company=cid, version=1, **spec.address)
    InvoiceRecipient.insert_many([{"company": cid, "email": e, "added_at": now}
                                  for e in spec.recipients]).execute()
    if spec.card:
        brand, last4, holder = spec.card
        PaymentMethod.create(company=cid, kind="card", token=f"tok_demo_{cid}_{last4}",
                             brand=brand, last4=last4, exp_month=12, exp_year=today.year + 1,
                             holder=holder, version=1)
    return cid


def catalogue_prices() -> dict[tuple[str, str, str], dict[str, int]]:
    """(plan, frequency, currency) -> catalogue item -> monthly price in minor units."""
    prices: dict[tuple[str, str, str], dict[str, int]] = {}
    # peewee's stubs type .tuples() as the model's own select; the rows are these tuples
    rows = cast("Iterable[tuple[str, str, str, str, int]]", Price.select(
        Price.plan, Price.frequency, Price.currency, Price.item, Price.monthly_minor).tuples())
    for plan, frequency, currency, item, minor in rows:
        prices.setdefault((plan, frequency, currency), {})[item] = minor
    return prices


def product_names() -> dict[str, str]:
    """The catalogue's product names (in English) by code."""
    return {p.code: p.name for p in Product.select(Product.code, Product.name)}


def subscription_lines(included_users: int, active_users: int, included_numbers: int,
                       active_numbers: int, products: Sequence[str], prices: Mapping[str, int],
                       names: Mapping[str, str]) -> list[tuple[str, int, int]]:
    """A month's invoice lines, (description, quantity, unit price in minor units): the licences,
    the users and numbers beyond them, each add-on (Analytics+ once per licence). `prices` by
    catalogue item ("user", "extra_user", "extra_number", "product:<code>"), `names` by product
    code. The demo's companies and the generated ones (store.demo.scale) both bill this way."""
    # Stored in English, like the catalogue's names; a PDF translates them into its language.
    lines = [(N_("User licences"), included_users, prices["user"])]
    if active_users > included_users:
        lines.append((N_("Extra users"), active_users - included_users, prices["extra_user"]))
    if active_numbers > included_numbers:
        lines.append((N_("Extra numbers"), active_numbers - included_numbers,
                      prices["extra_number"]))
    for code in products:
        quantity = included_users if code == "analytics_plus" else 1
        lines.append((names[code], quantity, prices[f"product:{code}"]))
    return lines


def tax_minor(subtotal_minor: int, tax_permille: int) -> int:
    """The tax on a subtotal, in minor units, rounded half up."""
    return (subtotal_minor * tax_permille + 500) // 1000


RUN_HOUR = time(6)  # the demo's billing team runs the month's invoices at 06:00 where a company is


def run_moment(month: date, zone: str) -> datetime | None:
    """When the replayed run for the month starting `month` ran for a company in the IANA `zone`,
    in UTC (naive, the stored form): that day at RUN_HOUR in the zone, or now when that hour is
    still to come; None when the month has not begun there yet (its run is still to come).
    Nothing the demo writes is later than now (store.clock; #17 trial: History listed a charge
    "declined by the bank" at 06:00 UTC when it was 02:53, and Blue Harbor, still in Nov 30,
    held an invoice dated Dec 1)."""
    from zoneinfo import ZoneInfo

    local = datetime.combine(month, RUN_HOUR, tzinfo=ZoneInfo(zone))
    moment = local.astimezone(UTC).replace(tzinfo=None)
    now = clock.now()
    if moment <= now:
        return moment
    return now if clock.today(zone) >= month else None


def _replay_billing_runs(today: date, ids: list[int], charge_trail: bool = True) -> None:
    """The demo's invoices, made by the billing run (store.invoicing.billing_run) as if it had run
    on the first of every month up to this one in each company's calendar (run_moment), so they
    agree with the Plan tab and the trial dates. Companies with a card paid each invoice with it
    at its run (the run charges the card on file, store.invoicing.at_issue.collect_at_issue), but
    their newest `open_invoices`, whose charge the bank declined: the owner settles them with Pay
    now. The charges went to the card then on file: `card_before` when the company has one (it
    expired, hence the declines; the owner put today's card on file after the last one, a
    History line of its own), else today's card. `today`: UTC's."""
    from store.invoicing.billing_run import contract_start, issue_period
    from store.places.zones import zone_of
    from store.plans.terms import add_months
    from store.profile.billing import card_label, card_trail, trail_payment

    # Month by month, each company in turn (ids in that order, as one run over all would make).
    zones = {cid: zone_of(cid) for cid in ids}
    starts = [start for sub in Subscription.select() if (start := contract_start(sub))]
    month, last = min(starts, default=today), max(clock.today(z) for z in [*zones.values(), None])
    runs: dict[str, datetime] = {}  # invoice number -> the moment its run charged it
    while month <= last:
        for cid in ids:
            moment = run_moment(month, zones[cid])
            if moment is None:
                continue
            day = moment.replace(tzinfo=UTC).astimezone(ZoneInfo(zones[cid])).date()
            for made in issue_period(None, f"{month:%Y-%m}", company_id=cid,
                                     issued_on=day).issued:
                runs[made.number] = moment
        month = add_months(month, 1)
    trail: list[dict[str, Any]] = []
    replaced: list[dict[str, Any]] = []  # the cards put on file after a decline
    for cid, spec in zip(ids, demo_companies(today), strict=True):
        card = PaymentMethod.get_or_none(PaymentMethod.company == cid)
        invoices = list(Invoice.select().where(Invoice.company == cid)
                        .order_by(Invoice.issued_on.desc()))
        charged = card_label(card)
        if card is not None and spec.card_before is not None:
            brand, last4, _month, _year = spec.card_before
            charged = f"{brand} •••• {last4}"
        for n, invoice in enumerate(invoices if card else []):
            paid = n >= spec.open_invoices
            if paid:
                Invoice.update(status="paid", paid_on=invoice.issued_on,
                               paid_with=charged).where(
                    Invoice.id == invoice.id).execute()
            trail.append(charge_line(cid, invoice.number, invoice.currency, invoice.total_minor,
                                     charged, paid, runs[invoice.number]))
        if card is not None and spec.card_before is not None and invoices:
            owner = next(p for p in spec.people if p[2] == "owner")
            declined = runs[invoices[0].number]  # the newest invoice's run: the last decline
            replaced.append({  # the owner replaced the expired card after it (`card set`)
                "company": cid, "at": min(declined + timedelta(hours=1), clock.now()),
                "actor_email": owner[0], "actor_name": owner[1], "actor_role": "owner",
                "action": "card.set", "field": "payment_method",
                "old_value": card_trail(*spec.card_before), "new_value": trail_payment(card),
                "outcome": "done", "origin": "mycompany (demo)"})
    if trail and charge_trail:
        AuditEvent.insert_many(trail).execute()
        if replaced:
            AuditEvent.insert_many(replaced).execute()


def charge_line(company_id: int, number: str, currency: str, total_minor: int,
                card: str | None, paid: bool, at: datetime) -> dict[str, Any]:
    """The History line the billing run's charge at issue of invoice `number` (its total in
    minor units of `currency`) to `card` left (store.invoicing.at_issue.collect_at_issue), run
    by the demo's billing team `at` (UTC, run_moment): paid, or declined by the bank. The demo's
    companies and the generated ones (store.demo.scale) alike."""
    from store.invoicing.payments import PayPreview, paid_trail_value
    from store.money import from_minor

    preview = PayPreview(numbers=[number], currency=currency,
                         total=from_minor(total_minor, currency), card=card)
    billing = next(person for person in STAFF if person["role"] == "billing")
    return {"company": company_id, "at": at,
            "actor_email": billing["email"], "actor_name": billing["name"],
            "actor_role": "billing", "action": "invoice.pay", "field": "invoices",
            "new_value": paid_trail_value(preview, card, at_issue=True),
            "outcome": "done" if paid else "refused", "reason": None if paid else "declined",
            "origin": "mycompany invoices issue (demo)"}


def add_seller() -> None:
    """The demo's seller (SELLER), as admin staff would have set it (store.invoicing.seller)."""
    Seller.insert(id=1, version=1, **SELLER).execute()


def create_demo(extra_companies: int = 0,
                progress: Callable[[int, int], None] | None = None, *,
                charge_trail: bool = True) -> list[int]:
    """Fill an empty database with the demo data; refuses one that already holds companies.
    `charge_trail`: the History lines of the past runs' card charges (False: an empty History,
    for tests that count the lines their own actions add)."""
    today = clock.today()
    with transaction():
        if Company.select().exists() or Staff.select().exists():
            raise Refused(_("This database is already in use (it holds companies or staff); the "
                            "demo data goes into an empty database (use --db to choose another "
                            "file)."))
        mark_database("demo")  # --as may name anyone here (SPEC §2): nobody's real data
        seed_catalogue()
        Staff.insert_many(STAFF).execute()
        add_seller()
        # Each company dated from its own day (store.places.zones): Blue Harbor's Nov 30 while
        # it is Dec 1 in UTC, its December not invoiced yet (run_moment).
        ids = []
        for n, spec in enumerate(demo_companies(today)):
            local = clock.today(spec.time_zone)
            ids.append(_add_company(demo_companies(local)[n], local))
        _replay_billing_runs(today, ids, charge_trail)
    if extra_companies:
        from store.demo.scale import generate_companies

        generate_companies(extra_companies, progress=progress)
    return ids
