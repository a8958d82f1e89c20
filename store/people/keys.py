"""People's SSH sign-in keys (SPEC §10): admin staff manage anyone's, a person their own.

A key belongs to exactly one person; `mycompany serve` signs in whoever proves the private half
(store.people.identity.sign_in_key). Keys are parsed and fingerprinted by asyncssh (SHA-256, printed
as OpenSSH prints it: `SHA256:` and unpadded base64), and kept without their comment in the key
text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from peewee import IntegrityError

from store import clock
from store.errors import InvalidInput, NotFound
from store.i18n import _
from store.people.access import refuse
from store.people.identity import ensure_signed_in, printable
from store.persistence.db import retried, transaction
from store.persistence.models import Company, Staff, User
from store.persistence.models_sign_in import PersonKey
from store.trail.audit import record
from store.views import Actor, View

# Algorithms OpenSSH offers today; DSA is gone from OpenSSH and RSA under 2048 bits is refused.
ACCEPTED = ("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
            "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com", "ssh-rsa")
MIN_RSA_BITS = 2048


@dataclass(frozen=True, kw_only=True)
class KeyView(View):
    """One sign-in key as `keys list` and the screens show it (times in UTC)."""

    fingerprint: str
    algorithm: str
    comment: str | None
    person_email: str
    added_at: datetime
    added_by: str
    last_used_at: datetime | None
    # Whose key, as a confirmation names them (store.people.access.role_label reads the role): set
    # by add_key and remove_key; a list names the person by e-mail only.
    person_role: str | None = None  # owner | admin | supervisor | agent | support | billing
    company_id: int | None = None  # the person's company; None for staff
    company_name: str | None = None


@dataclass(frozen=True)
class ParsedKey:
    """An OpenSSH public key line, checked: algorithm, key text without comment, fingerprint."""

    algorithm: str
    public_key: str
    comment: str | None
    fingerprint: str


def parse_public_key(text: str) -> ParsedKey:
    """Parse one OpenSSH public key line (`ssh-ed25519 AAAA... comment`, as in a .pub file).

    Raises InvalidInput({"public_key": ...}) for anything else: a private key, two keys, an
    unknown or retired algorithm, an RSA key under 2048 bits.
    """
    import asyncssh

    lines = [line for line in (text or "").splitlines() if line.strip()]
    if len(lines) != 1 or "PRIVATE KEY" in text:
        raise InvalidInput({"public_key": _(
            "Give one public key, the single line of an OpenSSH .pub file "
            "(ssh-ed25519 AAAA... comment); never the private key.")})
    try:
        # As bytes: given text, asyncssh refuses a comment that is not ASCII (jonas@büro).
        key = asyncssh.import_public_key(lines[0].strip().encode("utf-8", "replace"))
    except (asyncssh.KeyImportError, ValueError):
        raise InvalidInput({"public_key": _(
            "This is not an OpenSSH public key; give the line of a .pub file, like "
            "ssh-ed25519 AAAA... you@laptop.")}) from None
    algorithm = key.get_algorithm()
    bits = getattr(getattr(key, "pyca_key", None), "key_size", MIN_RSA_BITS)
    if algorithm not in ACCEPTED or (algorithm == "ssh-rsa" and bits < MIN_RSA_BITS):
        raise InvalidInput({"public_key": _(
            "Keys of this kind are not accepted; make one with `ssh-keygen -t ed25519`.")})
    comment = key.get_comment()
    key.set_comment(None)
    return ParsedKey(algorithm=algorithm, public_key=key.export_public_key().decode().strip(),
                     comment=printable(comment)[:200] if comment else None,
                     fingerprint=key.get_fingerprint("sha256"))


def _person(email: str) -> tuple[str, int | None]:
    """The kind ("user"/"staff") and company of the person with this e-mail; NotFound if none."""
    kind, company_id, _role = _whose(email)
    return kind, company_id


def _whose(email: str) -> tuple[str, int | None, str]:
    """The kind ("user"/"staff"), company and role of the person with this e-mail; NotFound."""
    lowered = (email or "").strip().lower()
    staff = Staff.get_or_none(Staff.email == lowered)
    if staff is not None:
        return "staff", None, str(staff.role)
    user = User.get_or_none(User.email == lowered)
    if user is None:
        raise NotFound(_("{who} is not a known user of any company.").format(
            who=printable(email or "")))
    return "user", user.company_id, str(user.role)


def _named(view: KeyView, role: str, company_id: int | None) -> KeyView:
    """`view` with whose key it is: the person's role and company (for a confirmation)."""
    name = None
    if company_id is not None:
        company = Company.get_or_none(Company.id == company_id)
        name = None if company is None else str(company.name)
    return replace(view, person_role=role, company_id=company_id, company_name=name)


def _may_manage(actor: Actor, email: str, company_id: int | None, action: str) -> None:
    ensure_signed_in(actor)
    if actor.is_admin and actor.impersonator_email is None:
        return
    if actor.impersonator_email is None and actor.email.lower() == (email or "").strip().lower():
        return
    refuse(actor, company_id, action,
           _("Only admin staff manage another person's keys; you may manage your own."))


def ensure_may_add(actor: Actor, email: str) -> None:
    """Refused (exit 3, recorded) unless `actor` may give the person `email` a key (admin staff
    anyone, a person themself: SPEC §10), whether or not such a person exists: asked first,
    before the key is read (`keys add EMAIL FILE` reads FILE after it: #18 trial, the role
    speaks first)."""
    _may_manage(actor, email, _company_if_known(email), "key.add")


def _company_if_known(email: str) -> int | None:
    """The company of the person `email` (a refusal's line goes there), None for staff or no
    one: a refusal never depends on whether the person exists."""
    try:
        return _whose(email)[1]
    except NotFound:
        return None


@retried
def add_key(actor: Actor, email: str, public_key_text: str) -> KeyView:
    """Give the person `email` the public key in `public_key_text` (one OpenSSH line).

    Admin staff for anyone, a person for themself (SPEC §10); Refused (exit 3, recorded) otherwise;
    NotFound for an unknown person; InvalidInput for a bad key or one that is already someone's.
    """
    ensure_may_add(actor, email)
    kind, company_id, role = _whose(email)
    parsed = parse_public_key(public_key_text)
    now = clock.now()
    try:
        with transaction():
            PersonKey.insert(fingerprint=parsed.fingerprint, algorithm=parsed.algorithm,
                             public_key=parsed.public_key, comment=parsed.comment,
                             person_kind=kind, person_email=email.strip().lower(),
                             added_at=now, added_by=actor.email).execute()
            record(actor, company_id, "key.add", field="key", new=parsed.fingerprint)
    except IntegrityError:
        raise InvalidInput({"public_key": _(
            "This key is already registered; a key belongs to one person.")}) from None
    return _named(_view(PersonKey.get(PersonKey.fingerprint == parsed.fingerprint)), role,
                  company_id)


def list_keys(actor: Actor, email: str | None = None) -> list[KeyView]:
    """The keys of `email` (default: the actor's own), oldest first; admin staff may name anyone
    or pass "*" for everyone's. Refused (exit 3, recorded) for anyone else's, whether or not
    such a person exists (#18 trial: an unknown e-mail read "not a known user", exit 5);
    NotFound for admin staff naming no one."""
    ensure_signed_in(actor)
    target = actor.email if email is None else email
    query = PersonKey.select().order_by(PersonKey.added_at, PersonKey.id)
    if target == "*":
        _may_manage(actor, "*", None, "key.list")
    else:
        _may_manage(actor, target, _company_if_known(target), "key.list")
        _person(target)
        query = query.where(PersonKey.person_email == target.strip().lower())
    return [_view(row) for row in query]


@retried
def remove_key(actor: Actor, fingerprint: str) -> KeyView:
    """Remove the key with this fingerprint (`SHA256:...`): admin staff any, a person their own.
    Returns the key removed, with whose it was (role, company) for the confirmation.

    Refused (exit 3, recorded) for a key that is not the person's own, someone else's or no
    one's alike: who may comes first, so only admin staff learn whether a fingerprint is
    registered (#18 trial); NotFound for them when no such key.
    """
    ensure_signed_in(actor)
    row = PersonKey.get_or_none(PersonKey.fingerprint == (fingerprint or "").strip())
    company_id, role = None, ""
    if row is not None:
        try:
            _kind, company_id, role = _whose(row.person_email)
        except NotFound:  # the person is gone (staff removed): the key is still theirs to remove
            pass
    _may_manage(actor, "" if row is None else row.person_email, company_id, "key.remove")
    if row is None:
        raise NotFound(_("There is no key {fingerprint}.").format(
            fingerprint=printable(fingerprint or "")))
    with transaction():
        PersonKey.delete().where(PersonKey.id == row.id).execute()
        record(actor, company_id, "key.remove", field="key", old=row.fingerprint)
    return _named(_view(row), role, company_id)


def _view(row: PersonKey) -> KeyView:
    return KeyView(fingerprint=row.fingerprint, algorithm=row.algorithm, comment=row.comment,
                   person_email=row.person_email, added_at=row.added_at, added_by=row.added_by,
                   last_used_at=row.last_used_at)
