"""An owner's requests to change the locked billing address (SPEC R16): data only.

Split from store.persistence.models as a topic of its own: a request and the fields it asks to
change, written and decided by store.profile.requests, shown by store.profile.request_views and
in History (store.trail.history_requests). Migration 0006 gave a request its several fields,
0030 its decision's ticket.
"""

from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from store.persistence.models import BaseModel, Company


class ChangeRequest(BaseModel):
    """An owner's request to the billing team to change the locked address (R16): one or more
    fields (ChangeRequestField), asked together and decided once."""

    id = AutoField()
    company = ForeignKeyField(Company, on_delete="CASCADE")
    company_id: int  # the id behind `company`, read without a query (peewee's stubs omit it)
    note = TextField(null=True)
    documents = CharField(max_length=200, null=True)  # where the proof is: ticket, link, post
    status = CharField(max_length=16, default="pending")  # pending|approved|rejected|withdrawn
    requested_by = CharField(max_length=254)
    requested_at = DateTimeField()
    address_version = IntegerField(null=True)  # the address's version when the owner asked
    decided_by = CharField(max_length=254, null=True)
    decided_at = DateTimeField(null=True)
    decision_reason = TextField(null=True)
    decision_ticket = CharField(max_length=64, null=True)  # the team's ticket id (0030)

    class Meta:
        indexes = ((("status", "requested_at"), False),)


class ChangeRequestField(BaseModel):
    """One address field of a change request: its value when asked, and the value asked for."""

    id = AutoField()
    request = ForeignKeyField(ChangeRequest, backref="asked", on_delete="CASCADE")
    request_id: int  # the id behind `request` (peewee's stubs omit it)
    field = CharField(max_length=16)  # an address field (store/forms/fields.py ADDRESS)
    old_value = CharField(max_length=200, null=True)  # as long as the longest address field
    new_value = CharField(max_length=200, null=True)

    class Meta:
        table_name = "change_request_field"
        indexes = ((("request", "field"), True),)
