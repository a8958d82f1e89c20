"""Peewee models: the tables of SPEC §2-§7, data only (no behaviour, no presentation).

The company, its plan and licences, its billing, its invoices, the trail and the database's own
settings. Topics of their own are beside this module, on the same BaseModel: models_requests
(address change requests), models_sign_in (SSH keys, sessions), models_plan (scheduled plan
changes), models_seller (the vendor as seller), models_delivery (invoices sent by e-mail).
"""

from __future__ import annotations

from datetime import date

from peewee import (
    SQL,
    AutoField,
    BlobField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from store.persistence.db import database
from store.persistence.said import SaidField


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Company(BaseModel):
    """A customer account: the profile the General tab edits (R2-R3)."""

    id = AutoField()
    name = CharField(max_length=100)
    name_folded = CharField(max_length=400, null=True)  # what the search reads (0014)
    website = CharField(max_length=2048, null=True)
    currency = CharField(max_length=3)
    locale = CharField(max_length=16, default="en")
    time_zone = CharField(max_length=64, null=True)  # IANA; None: from the country (store.clock)
    created_at = DateTimeField()
    version = IntegerField(default=1)
    updated_at = DateTimeField(null=True)
    updated_by = CharField(null=True)
    closed_at = DateTimeField(null=True)  # 0015: closed, its data kept and read-only (§11)
    country = CharField(max_length=2, null=True)  # 0022: as created; the address's wins (#18)


class CompanyLogo(BaseModel):
    """The company logo, re-encoded as PNG under a generated name (R2)."""

    company = ForeignKeyField(Company, primary_key=True, on_delete="CASCADE")
    filename = CharField(max_length=64)
    png = BlobField()
    width = IntegerField()
    height = IntegerField()
    uploaded_at = DateTimeField()


class Plan(BaseModel):
    """A plan of the catalogue: Essentials (three teams at most) or Professional (no limit)."""

    code = CharField(max_length=32, primary_key=True)
    name = CharField(max_length=64)
    team_limit = IntegerField(null=True)  # None: no limit (R9)
    min_users = IntegerField(default=3)


class Product(BaseModel):
    """An optional product: a special feature (Analytics+) or a call plan (R11)."""

    code = CharField(max_length=64, primary_key=True)
    name = CharField(max_length=100)
    kind = CharField(max_length=16)  # feature | call_plan
    per_included_user = BooleanField(default=False)  # Analytics+ is billed per user licence


class Price(BaseModel):
    """Catalogue price per unit per month, in minor units: plan x frequency x currency x item."""

    id = AutoField()
    plan = ForeignKeyField(Plan, on_delete="CASCADE")
    frequency = CharField(max_length=8)  # monthly | annual
    currency = CharField(max_length=3)
    # user | extra_user | number | extra_number | product:<code>
    item = CharField(max_length=80)
    monthly_minor = IntegerField()
    effective_from = DateField(default=date(1970, 1, 1))  # in force from (0021, store.plans.prices)

    class Meta:
        indexes = ((("plan", "frequency", "currency", "item", "effective_from"), True),)


class Subscription(BaseModel):
    """What the company bought: plan, term (store.plans.terms), trial, dates, licences (R4)."""

    company = ForeignKeyField(Company, primary_key=True, on_delete="CASCADE")
    plan = ForeignKeyField(Plan)
    term = CharField(max_length=16)  # monthly | annual_monthly | annual_upfront
    status = CharField(max_length=16)  # trial | subscribed | cancelled
    trial_ends_on = DateField(null=True)
    next_invoice_on = DateField(null=True)
    renews_on = DateField(null=True)
    included_users = IntegerField()
    included_numbers = IntegerField()


class SubscribedProduct(BaseModel):
    """A product (feature or call plan) the company subscribed to."""

    id = AutoField()
    company = ForeignKeyField(Company, on_delete="CASCADE")
    product = ForeignKeyField(Product)

    class Meta:
        indexes = ((("company", "product"), True),)


class User(BaseModel):
    """A person of a customer company: owner, admin, supervisor or agent."""

    id = AutoField()
    company = ForeignKeyField(Company, on_delete="CASCADE", index=False)
    company_id: int  # the id behind `company`, read without a query (peewee's stubs omit it)
    email = CharField(max_length=254, unique=True)
    login = CharField(max_length=64, null=True, unique=True)
    name = CharField(max_length=100)
    role = CharField(max_length=16)
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("company", "active"), False),)


class PhoneNumber(BaseModel):
    """A phone number (E.164) held by the company."""

    id = AutoField()
    company = ForeignKeyField(Company, on_delete="CASCADE", index=False)
    e164 = CharField(max_length=16, unique=True)
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("company", "active"), False),)


class Team(BaseModel):
    """A team of users; Essentials allows three active teams (R9)."""

    id = AutoField()
    company = ForeignKeyField(Company, on_delete="CASCADE")
    name = CharField(max_length=100)
    # 0016: false for a team the platform's feed omits (store.feed.sync). No Python default: the
    # column's own (true) fills a row whose writer does not name it, as before 0016.
    active = BooleanField(constraints=[SQL("DEFAULT TRUE")])

    class Meta:
        indexes = ((("company", "active"), False),)


class Staff(BaseModel):
    """A member of the vendor's staff: support (read) or billing (read, locked fields, requests)."""

    id = AutoField()
    email = CharField(max_length=254, unique=True)
    login = CharField(max_length=64, null=True, unique=True)
    name = CharField(max_length=100)
    role = CharField(max_length=16)  # support | billing


class BillingAddress(BaseModel):
    """Where invoices are addressed, and the VAT number (R15-R16)."""

    company = ForeignKeyField(Company, primary_key=True, on_delete="CASCADE")
    line1 = CharField(max_length=200)
    line2 = CharField(max_length=200, null=True)
    postal_code = CharField(max_length=20, null=True)
    city = CharField(max_length=100)
    state = CharField(max_length=64, null=True)  # a region's code or name (migration 0007)
    country = CharField(max_length=2)
    vat_number = CharField(max_length=32, null=True)
    version = IntegerField(default=1)
    updated_at = DateTimeField(null=True)
    updated_by = CharField(null=True)


class InvoiceRecipient(BaseModel):
    """An e-mail address that receives the invoices (R13)."""

    id = AutoField()
    company = ForeignKeyField(Company, on_delete="CASCADE", index=False)
    email = CharField(max_length=254)
    added_at = DateTimeField()

    class Meta:
        indexes = ((("company", "email"), True),)


class PaymentMethod(BaseModel):
    """How the company pays: a card token from the gateway, or a method the billing team set (R14).

    Never the full card number nor its security code.
    """

    company = ForeignKeyField(Company, primary_key=True, on_delete="CASCADE")
    kind = CharField(max_length=16)  # card | direct_debit | bank_transfer
    token = CharField(max_length=64, null=True)
    brand = CharField(max_length=16, null=True)
    last4 = CharField(max_length=4, null=True)
    exp_month = IntegerField(null=True)
    exp_year = IntegerField(null=True)
    holder = CharField(max_length=100, null=True)
    version = IntegerField(default=1)
    updated_at = DateTimeField(null=True)
    updated_by = CharField(null=True)


class Invoice(BaseModel):
    """An issued invoice or credit note, with the billing address as it was when issued (R12)."""

    id = AutoField()
    company = ForeignKeyField(Company, on_delete="CASCADE", index=False)
    number = CharField(max_length=32, unique=True)
    kind = CharField(max_length=16, default="invoice")  # invoice | credit_note
    issued_on = DateField()
    period_start = DateField()
    period_end = DateField()
    currency = CharField(max_length=3)
    subtotal_minor = IntegerField()
    tax_rate_permille = IntegerField(default=0)
    tax_minor = IntegerField()
    total_minor = IntegerField()
    status = CharField(max_length=16)  # invoice: open | paid; credit note: open | applied
    paid_on = DateField(null=True)
    bill_to_name = CharField(max_length=100)
    bill_to_line1 = CharField(max_length=200)
    bill_to_line2 = CharField(max_length=200, null=True)
    bill_to_postal_code = CharField(max_length=20, null=True)
    bill_to_city = CharField(max_length=100)
    bill_to_state = CharField(max_length=64, null=True)
    bill_to_country = CharField(max_length=2)
    bill_to_vat_number = CharField(max_length=32, null=True)
    # The tax rule applied (store.invoicing.tax: domestic | eu_reverse_charge | eu_consumer |
    # outside_eu; "legacy" before migration 0008) and its mention as printed; no Python default,
    # so the column's own default ("legacy") fills a row whose writer does not decide it.
    tax_rule = CharField(max_length=32, constraints=[SQL("DEFAULT 'legacy'")])
    tax_mention = TextField(null=True)
    # The billing run's (migration 0009): the first month billed, YYYY-MM (one invoice per
    # company and period: a unique index), the due date, how it was paid, a credit note's invoice.
    billing_period = CharField(max_length=7, null=True)
    due_on = DateField(null=True)
    paid_with = CharField(max_length=64, null=True)
    corrects = ForeignKeyField("self", null=True, column_name="corrects_id", on_delete="RESTRICT")
    corrects_id: int | None  # the id behind `corrects`, read without a query
    seller_details = TextField(null=True)  # the seller as issued, JSON (0019, store.invoicing)
    # The run that issued it was to charge it at issue, the company able to pay it then (0032,
    # store.invoicing.at_issue): a later run of the period charges no other open invoice.
    charge_at_issue = BooleanField(default=False)

    class Meta:
        indexes = ((("company", "issued_on"), False),
                   (("company", "kind", "billing_period"), True))


class InvoiceLine(BaseModel):
    """One line of an invoice: what, how many, unit price, amount."""

    id = AutoField()
    invoice = ForeignKeyField(Invoice, backref="lines", on_delete="CASCADE")
    position = IntegerField()
    description = CharField(max_length=200)
    quantity = IntegerField()
    unit_minor = IntegerField()
    amount_minor = IntegerField()


class AuditEvent(BaseModel):
    """One line of the append-only audit trail: who did (or tried) what, old and new value."""

    id = AutoField()
    company = IntegerField(null=True, index=False)  # no FK: the trail outlives what it describes
    at = DateTimeField()
    actor_email = CharField(max_length=254, null=True)
    actor_name = CharField(max_length=100, null=True)
    actor_role = CharField(max_length=16, null=True)
    action = CharField(max_length=64)
    field = CharField(max_length=32, null=True)
    old_value = TextField(null=True)
    new_value = TextField(null=True)
    outcome = CharField(max_length=16)  # done | refused
    reason = SaidField(null=True)  # a Message in the reader's language (store.i18n.told)
    ticket = CharField(max_length=200, null=True)  # a request's documents too (0013)
    origin = CharField(max_length=300, null=True)  # "key SHA256:.. from ADDRESS" or "login X on H"
    impersonator_email = CharField(max_length=254, null=True)  # admin staff acting as the actor

    class Meta:
        indexes = ((("company", "at"), False),)


class Setting(BaseModel):
    """One of the database's own settings: `database.kind` is "demo" on a demo database."""

    name = CharField(max_length=64, primary_key=True)
    value = TextField()
