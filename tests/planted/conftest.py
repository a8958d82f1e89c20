"""Planted data (issue #15): every text column of every table holds markup, escape sequences,
C1 controls, bidi overrides and wide characters, as an older version or another tool might have
written them; the screens and the command line must show it literally and never send it raw.

The planting walks the Peewee models: every CharField and TextField, so a column added later is
planted too. What it leaves alone is named in KEPT, each with its reason.
"""

from __future__ import annotations

import re

import pytest
from peewee import CharField, ForeignKeyField, IntegrityError, TextField, Value, fn

from store.persistence import models
from store.persistence.db import database

# One value with every hazard: markup that would crash (`[/b]`) or colour (`[red]`), a CSI colour,
# an OSC window title ended by BEL, a C1 CSI, the Unicode line breaks (U+2028, NEL, VT, FF) that
# str.split() would turn into spaces, a right-to-left override, and wide characters.
PLANT = "[/b][red]\x1b[31m\x1b]0;x\x07\x9b2J\u2028\x85\x0b\x0c\u202e\xad\ufeff\u200b漢字"

# The columns the sign-in and the access rules read as keys: planted, nobody could sign in or
# the database would not be a demo one any more. They are not shown as they are stored
# (roles by their label). Anything not named here is planted.
KEPT = {
    ("User", "email"), ("User", "login"), ("User", "role"),
    ("Staff", "email"), ("Staff", "login"), ("Staff", "role"),
    ("Setting", "value"), ("SignInSession", "token_hash"),
    ("SignInSession", "person_kind"), ("PersonKey", "person_kind"),
    ("SignInSession", "person_email"), ("PersonKey", "person_email"),
    # Codes from a closed set that the store computes with (prices by frequency and currency,
    # dates in the company's zone, the address field a request changes...): another value is a
    # damaged database, not text to show.
    ("Subscription", "term"), ("Price", "frequency"), ("Price", "currency"),
    ("Invoice", "billing_period"),
    ("Price", "item"), ("Company", "currency"), ("Company", "locale"),
    ("Company", "time_zone"), ("Invoice", "currency"), ("Invoice", "kind"),
    ("PaymentMethod", "kind"), ("Product", "kind"), ("ChangeRequest", "field"),
    ("ChangeRequestField", "field"), ("ChangeRequest", "status"),
}

# What must never reach a terminal: controls, bidi marks and isolates, separators, and the
# invisible format characters planted (soft hyphen, byte order mark, zero-width space).
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u061c\u200b\u200e\u200f\u2028\u2029"
                 "\u202a-\u202e\u2066-\u2069\ufeff]")


def text_columns():
    """(model, field) for every CharField and TextField of every table, keys and KEPT aside;
    the tables of every store/persistence/models*.py (each module registers its own)."""
    import importlib
    import pkgutil

    import store.persistence

    for info in pkgutil.iter_modules(store.persistence.__path__):
        if info.name.startswith("models"):
            importlib.import_module(f"store.persistence.{info.name}")
    for model in models.BaseModel.__subclasses__():
        for field in model._meta.sorted_fields:
            if isinstance(field, ForeignKeyField) or field.primary_key:
                continue
            if isinstance(field, (CharField, TextField)) \
                    and (model.__name__, field.name) not in KEPT:
                yield model, field


def plant(value: str | None) -> str:
    """The planted text: PLANT before what was stored (unique columns stay unique)."""
    return PLANT + (value or "")


JONAS = "jonas@nordwind.de"
SUPPORT = "support@mycompany.example"
BILLING = "billing@mycompany.example"
ADMIN = "admin@mycompany.example"


def more_rows(nordwind: int) -> None:
    """What the demo lacks and the screens and commands list: a sign-in key and two change
    requests (one pending, one rejected), made through the store as people make them."""
    import asyncssh

    import store.people.keys
    import store.profile.requests
    from store.people.access import resolve_actor

    jonas = resolve_actor(JONAS)
    key = asyncssh.generate_private_key("ssh-ed25519", comment="jonas@laptop")
    store.people.keys.add_key(jonas, JONAS, key.export_public_key().decode())
    for vat in ("DE811907980", "DE129273398"):
        made = store.profile.requests.request_change(jonas, nordwind,
                                                     {"vat_number": vat, "note": "New VAT"})
        if vat == "DE811907980":
            store.profile.requests.reject_request(resolve_actor(BILLING), made.id, {
                "reason": "Not yet"})


@pytest.fixture
def planted(demo):
    """The demo data, a key and change requests, with PLANT before every stored text (NULLs
    too): {(table, column): rows planted}."""
    more_rows(demo["nordwind"])
    counts = {}
    columns: dict[type, list] = {}
    for model, field in text_columns():
        columns.setdefault(model, []).append(field)
    with database.atomic():
        for model, fields in columns.items():
            try:
                with database.atomic():
                    planted_rows = model.update({field: Value(PLANT).concat(
                        fn.COALESCE(field, "")) for field in fields}).execute()
            except IntegrityError:  # the audit trail is append-only: planted copies of its lines
                rows = list(model.select().dicts())
                for row in rows:
                    row.pop(model._meta.primary_key.name)
                    row.update({field.name: plant(row[field.name]) for field in fields})
                if rows:
                    model.insert_many(rows).execute()
                planted_rows = len(rows)
            counts.update({(model._meta.table_name, f.name): planted_rows for f in fields})
    return counts


@pytest.fixture
def planted_cli(planted, db_url, monkeypatch, capsys):
    """`planted_cli("--as", EMAIL, "show", "plan")` -> (exit status, stdout, stderr): the command
    line, in-process, on the planted database."""
    from tui.cli import main

    database.close()
    monkeypatch.setenv("MYCOMPANY_DATABASE_URL", db_url)
    monkeypatch.delenv("MYCOMPANY_USER", raising=False)

    def run(*argv: str):
        capsys.readouterr()
        status = main(list(argv))
        out = capsys.readouterr()
        if not database.is_closed():
            database.close()
        return status, out.out, out.err

    return run
