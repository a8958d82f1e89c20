"""The vendor's staff accounts (SPEC §2, §11): add, list, change a role, remove; admin staff only.

Every change is a trail line (company None): `staff.add` ("email (role)" as the value),
`staff.role` (the person and role before and after), `staff.remove`, and a `key.remove` line for
each sign-in key the removal took away. The last admin can be neither removed nor demoted: the
count is read in the changing transaction (SQLite BEGIN IMMEDIATE, PostgreSQL SERIALIZABLE), so
two admins removing each other cannot both succeed.

A removed person's row is deleted, not marked: no row refers to it (the trail keeps each line's
e-mail, name and role as they were, and History reads the trail, never the staff table; keys and
sessions name people by e-mail), and a deleted row is one sign-in (store.people.identity), keys and
`--as` cannot find, with no "removed" flag that each of them would have to check. Their keys are
deleted and their sessions ended in the same transaction, so `serve` lets them in no more.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from peewee import fn

from store import clock
from store.errors import InvalidInput, NotFound, Refused
from store.i18n import N_, _
from store.people.access import ensure_admin
from store.people.identity import printable
from store.persistence.db import retried, transaction
from store.persistence.models import Staff, User
from store.persistence.models_sign_in import PersonKey, SignInSession
from store.trail.audit import record, refusals_recorded
from store.views import Actor, View

if TYPE_CHECKING:
    from store.forms.fields import Values


@dataclass(frozen=True, kw_only=True)
class StaffView(View):
    """One member of staff as `staff list` shows them."""

    email: str
    name: str
    role: str  # support | billing | admin
    login: str | None
    keys: int = 0  # sign-in keys they hold


def list_staff(actor: Actor) -> list[StaffView]:
    """Every member of staff, by e-mail, with how many keys each holds. Admin staff only
    (Refused, exit 3, recorded)."""
    ensure_admin(actor, None, "staff.list")
    keys = (PersonKey.select(PersonKey.person_email, fn.COUNT(PersonKey.id))
            .where(PersonKey.person_kind == "staff").group_by(PersonKey.person_email).tuples())
    # peewee's stubs type .tuples() as the model's own select; the rows are these tuples
    held = dict(cast("Iterable[tuple[str, int]]", keys))
    return [_view(row, held.get(row.email.lower(), 0))
            for row in Staff.select().order_by(Staff.email)]


def get_staff(actor: Actor, email: str) -> StaffView:
    """One member of staff; NotFound for anyone else. Admin staff only."""
    ensure_admin(actor, None, "staff.list")
    return _view(_member(email))


def _member(email: str) -> Staff:
    row = Staff.get_or_none(fn.LOWER(Staff.email) == (email or "").strip().lower())
    if row is None:
        raise NotFound(_("{who} is not a member of staff.").format(who=printable(email or "")))
    return row


def _view(row: Staff, keys: int = 0) -> StaffView:
    return StaffView(email=row.email, name=row.name, role=row.role, login=row.login, keys=keys)


def _described(email: str, role: str) -> str:
    """A person and a role as a trail line keeps them: "ada@mycompany.example (admin)"."""
    return f"{email} ({role})"


def check_new_person(email: str | None, login: str | None, *, email_field: str = "email",
                     login_field: str = "login") -> None:
    """InvalidInput when `email` is already someone's (staff or any company's user, as e-mail or
    as login), or `login` is: one person per address and per login, as sign-in finds them
    (store.people.identity; the feed keeps the same rule: store.feed.sync_plan.StaffNames)."""
    errors: dict[str, str] = {}
    if email is None:
        pass
    elif Staff.select().where(fn.LOWER(Staff.email) == email).exists():
        errors[email_field] = _("{email} is already a member of staff.").format(email=email)
    else:  # sign-in finds a user by e-mail or login (a feed's login may be an address)
        user = User.get_or_none((User.email == email) | (User.login == email))
        if user is not None:
            errors[email_field] = _("{email} is already a user of company {id}.").format(
                email=email, id=user.company_id)
    if login is not None and (Staff.select().where(Staff.login == login).exists()
                              or User.select().where(User.login == login).exists()):
        errors[login_field] = _("The login {login} is already someone's.").format(login=login)
    if errors:
        raise InvalidInput(errors)


@retried
def add_staff(actor: Actor, values: Values) -> StaffView:
    """Add a member of staff: `values` maps "email", "name", "role" (support, billing, admin) and
    "login" (optional: the operating-system login they sign in with) to the text typed.

    Admin staff only (Refused, exit 3, recorded); InvalidInput for a bad value, or an e-mail or
    login that is already someone's.
    """
    from store.forms.console import STAFF_ACCOUNT, StaffAccountForm
    from store.forms.fields import typed_values
    from store.forms.validation import validate

    with refusals_recorded(actor, None, "staff.add", tried=typed_values(STAFF_ACCOUNT, values)):
        ensure_admin(actor, None, "staff.add")
        form = validate(StaffAccountForm, values)
        with transaction():
            check_new_person(form.email, form.login)
            Staff.insert(email=form.email, name=form.name, role=form.role,
                         login=form.login).execute()
            record(actor, None, "staff.add", field="staff",
                   new=_described(form.email, form.role))
    return _view(_member(form.email))


def _admins() -> int:
    return int(Staff.select().where(Staff.role == "admin").count())


LAST_ADMIN = N_("The last admin stays: make another member of staff admin first.")


@retried
def set_role(actor: Actor, email: str, role: str) -> StaffView:
    """Give the member of staff `email` the role `role` (support, billing, admin).

    Admin staff only (Refused, exit 3, recorded); Refused too for demoting the last admin;
    NotFound for an e-mail that is no member of staff; InvalidInput for an unknown role. The
    same role again changes nothing and writes no line.
    """
    from store.forms.console import staff_role

    with refusals_recorded(actor, None, "staff.role", "role", tried={"role": role}):
        ensure_admin(actor, None, "staff.role")
        try:
            wanted = staff_role(role)
        except ValueError as exc:
            raise InvalidInput({"role": str(exc)}) from None
        with transaction():
            row = _member(email)
            if row.role == wanted:
                return _view(row)
            if row.role == "admin" and _admins() <= 1:
                raise Refused(_(LAST_ADMIN), field="role",
                              attempted=_described(row.email, wanted))
            Staff.update(role=wanted).where(Staff.id == row.id).execute()
            record(actor, None, "staff.role", field="role",
                   old=_described(row.email, row.role), new=_described(row.email, wanted))
    return _view(_member(email))


@retried
def remove_staff(actor: Actor, email: str) -> StaffView:
    """Remove the member of staff `email`: their row, their sign-in keys (a `key.remove` line
    each) and their open sessions end with it; the trail keeps what they did.

    Admin staff only (Refused, exit 3, recorded); Refused for the last admin; NotFound for an
    e-mail that is no member of staff. Returns the person as they were.
    """
    with refusals_recorded(actor, None, "staff.remove", "staff", tried={"staff": email}):
        ensure_admin(actor, None, "staff.remove")
        with transaction():
            row = _member(email)
            if row.role == "admin" and _admins() <= 1:
                raise Refused(_(LAST_ADMIN), field="staff", attempted=row.email)
            address = row.email.lower()
            keys = [key.fingerprint for key in PersonKey.select(PersonKey.fingerprint).where(
                (PersonKey.person_kind == "staff") & (PersonKey.person_email == address))]
            PersonKey.delete().where((PersonKey.person_kind == "staff")
                                     & (PersonKey.person_email == address)).execute()
            SignInSession.update(ended_at=clock.now()).where(
                SignInSession.ended_at.is_null()
                & (((SignInSession.person_kind == "staff")
                    & (SignInSession.person_email == address))
                   | (SignInSession.acting_as == address))).execute()
            Staff.delete().where(Staff.id == row.id).execute()
            for fingerprint in keys:
                record(actor, None, "key.remove", field="key", old=fingerprint)
            record(actor, None, "staff.remove", field="staff",
                   old=_described(row.email, row.role))
    return _view(row, len(keys))
