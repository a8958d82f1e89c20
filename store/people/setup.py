"""A real database's first day: `mycompany init` makes it and its first admin (SPEC §2)."""

from __future__ import annotations

from store.errors import Refused
from store.i18n import _
from store.people.identity import mark_database, os_login, sign_in_local
from store.persistence.db import transaction
from store.persistence.models import Company, Staff
from store.plans.catalogue import seed_catalogue
from store.trail.audit import record
from store.views import Actor


def init_database(admin_email: str, admin_name: str) -> Actor:
    """Make the bound, empty database a real one whose first admin is this process's login.

    `admin_email` and `admin_name` are validated (InvalidInput, exit 1). The admin's `login` is the
    operating-system login that ran the command, never one named on the command line, so nobody
    can make themself another person's first admin. Refused (exit 3) when the database already
    holds staff or companies. Returns the admin, signed in; the trail records `database.init`.
    """
    from store.forms.schemas import StaffForm
    from store.forms.validation import validate

    form = validate(StaffForm, {"email": admin_email, "name": admin_name})
    with transaction():
        if Staff.select().exists() or Company.select().exists():
            raise Refused(_("This database is already in use; `init` makes a new, empty one."))
        mark_database("real")
        seed_catalogue()
        Staff.insert(email=form.email, name=form.name, role="admin", login=os_login()).execute()
    admin = sign_in_local()
    with transaction():
        record(admin, None, "database.init", new=admin.email)
    return admin
