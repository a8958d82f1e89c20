"""Who signs in to `mycompany serve` (SPEC §10): people's SSH keys and their sessions; data only.

Split from store.persistence.models as a topic of its own: only store.people (identity, keys,
sessions, staff) reads and writes these tables (migration 0005).
"""

from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, TextField

from store.persistence.models import BaseModel


class PersonKey(BaseModel):
    """A person's SSH public key (SPEC §10): the key proves who signs in to `mycompany serve`."""

    id = AutoField()
    fingerprint = CharField(max_length=64, unique=True)  # SHA256:base64, as OpenSSH prints it
    algorithm = CharField(max_length=32)
    public_key = TextField()  # the OpenSSH one-line form, without its comment
    comment = CharField(max_length=200, null=True)
    person_kind = CharField(max_length=8)  # user | staff
    person_email = CharField(max_length=254, index=False)
    added_at = DateTimeField()
    added_by = CharField(max_length=254)
    last_used_at = DateTimeField(null=True)

    class Meta:
        table_name = "person_key"


class SignInSession(BaseModel):
    """A session the store signed in; the token that redeems it is kept only as its SHA-256."""

    id = AutoField()
    token_hash = CharField(max_length=64, unique=True)
    person_kind = CharField(max_length=8)
    person_email = CharField(max_length=254, index=False)
    acting_as = CharField(max_length=254, null=True)  # admin staff acting as this person
    origin = CharField(max_length=300)
    address = CharField(max_length=64, null=True)
    created_at = DateTimeField()
    redeemed_at = DateTimeField(null=True)
    last_seen_at = DateTimeField(null=True)
    ended_at = DateTimeField(null=True)
    server = CharField(max_length=200, null=True)

    class Meta:
        table_name = "sign_in_session"
