"""Plan changes scheduled from a date (SPEC §11, migration 0018): data only."""

from __future__ import annotations

from peewee import (
    AutoField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from store.persistence.models import BaseModel, Company, Plan


class PlanChange(BaseModel):
    """A change of a company's subscription from `effective_from` (a month's first day).

    None keeps what the company has; `add_products` / `remove_products` are product codes
    separated by commas. Scheduled while `applied_at` and `cancelled_at` are both None
    (store.plans.plan_changes writes it, store.invoicing.billing_run applies it)."""

    id = AutoField()
    company = ForeignKeyField(Company, on_delete="CASCADE")
    effective_from = DateField()
    plan = ForeignKeyField(Plan, null=True)
    term = CharField(max_length=16, null=True)
    included_users = IntegerField(null=True)
    included_numbers = IntegerField(null=True)
    add_products = CharField(max_length=400, null=True)
    remove_products = CharField(max_length=400, null=True)
    reason = TextField()
    ticket = CharField(max_length=64, null=True)
    created_at = DateTimeField()
    created_by = CharField(max_length=254)
    applied_at = DateTimeField(null=True)
    cancelled_at = DateTimeField(null=True)
    cancelled_by = CharField(max_length=254, null=True)

    class Meta:
        table_name = "plan_change"
