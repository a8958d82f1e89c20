"""The General tab's services: company name, website and logo (R1-R3)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from store import clock
from store.errors import Conflict, NotFound, ensure_version
from store.forms.fields import GENERAL, typed_values
from store.i18n import _
from store.people.access import (
    STAFF_ROLES,
    ensure_can_read,
    ensure_owner,
    owner_fields_lock,
    require_company,
)
from store.people.identity import ensure_local_files, ensure_signed_in
from store.persistence.db import retried, transaction
from store.persistence.folding import search_fold
from store.persistence.models import Company, CompanyLogo
from store.trail.audit import record, refusals_recorded
from store.views import Actor, GeneralView

if TYPE_CHECKING:
    from store.forms.fields import Values


def get_general(actor: Actor, company_id: int) -> GeneralView:
    """The company's profile as the General tab shows it."""
    ensure_can_read(actor, company_id)
    company = require_company(company_id)
    lock = owner_fields_lock(actor, company_id, company.closed_at is not None)
    logo = (
        CompanyLogo.select(CompanyLogo.filename, CompanyLogo.width, CompanyLogo.height)
        .where(CompanyLogo.company == company_id)
        .first()
    )
    return GeneralView(
        company_id=company.id,
        name=company.name,
        website=company.website,
        logo_filename=logo.filename if logo else None,
        logo_width=logo.width if logo else None,
        logo_height=logo.height if logo else None,
        version=company.version,
        updated_at=company.updated_at,
        updated_by=company.updated_by,
        can_edit=lock is None,
        read_only_reason=lock,
    )


def company_name(actor: Actor, company_id: int) -> str:
    """The name a company's screens are titled with, after the R1 check: no query for an owner
    (read with the person at sign-in), one for staff."""
    ensure_signed_in(actor)
    if actor.is_staff and actor.role in STAFF_ROLES:  # staff read any company that exists
        return require_company(company_id).name
    ensure_can_read(actor, company_id)
    if actor.company_id == company_id and actor.company_name is not None:
        return actor.company_name
    return require_company(company_id).name


def company_heading(actor: Actor, company_id: int) -> tuple[str, datetime | None]:
    """The company's name, as company_name, and when it was closed (None: open; SPEC §11), read
    with it: the screens show a closed company read-only. No more queries than company_name but
    for the owner of a closed company (Actor.company_closed), one."""
    ensure_signed_in(actor)
    if actor.is_staff and actor.role in STAFF_ROLES:
        company = require_company(company_id)
        return company.name, company.closed_at
    name = company_name(actor, company_id)
    if not actor.company_closed:
        return name, None
    return name, Company.select(Company.closed_at).where(Company.id == company_id).scalar()


def _bump_version(actor: Actor, company_id: int, expected_version: int,
                  changes: dict[str, str | None]) -> None:
    """Write `changes` only if nobody saved since `expected_version` was read (optimistic lock)."""
    if changes.get("name"):  # the search's accent-free copy (store.persistence.folding)
        changes = {**changes, "name_folded": search_fold(changes["name"])}
    updated = (
        Company.update(
            **changes,
            version=Company.version + 1,
            updated_at=clock.now(),
            updated_by=actor.email,
        )
        .where((Company.id == company_id) & (Company.version == expected_version))
        .execute()
    )
    if updated == 0:
        current = Company.get_by_id(company_id)
        raise Conflict(current.updated_by, current.updated_at)


@retried
def save_general(
    actor: Actor, company_id: int, values: Values, expected_version: int
) -> GeneralView:
    """Save name and website as typed (R3): only the changed fields, only on the version read.

    `values` maps "name" and "website" to the text typed; they are validated here, once
    (InvalidInput, one message per field), once the person is known to be one who may save
    them: Refused (exit 3) unless `actor` owns the company, whatever the values;
    Conflict when someone saved since `expected_version`.
    """
    # Pydantic and the validation libraries: loaded when a change is first sent.
    from store.forms.schemas import GeneralForm
    from store.forms.validation import validate

    with refusals_recorded(actor, company_id, "general.save",
                           tried=typed_values(GENERAL, values)):
        ensure_owner(actor, company_id, "general.save")
        form = validate(GeneralForm, values)
        with transaction():
            company = require_company(company_id)
            ensure_version(expected_version, company.version, company.updated_by,
                           company.updated_at)
            changes = {
                field: getattr(form, field)
                for field in ("name", "website")
                if getattr(form, field) != getattr(company, field)
            }
            if changes:
                _bump_version(actor, company_id, expected_version, changes)
                for field, value in changes.items():
                    record(actor, company_id, "general.save", field=field,
                           old=getattr(company, field), new=value)
    return get_general(actor, company_id)


@retried
def set_logo(actor: Actor, company_id: int, path: str | Path | bytes) -> GeneralView:
    """Check, re-encode and store a logo from a file the person chose, or from the image's bytes
    (`logo set -` reads them from stdin) (R2)."""
    from store.documents.logo import prepare_logo, prepare_logo_data

    with refusals_recorded(actor, company_id, "logo.set"):
        ensure_owner(actor, company_id, "logo.set")
        if not isinstance(path, bytes):
            ensure_local_files(actor, "logo.set", company_id,
                               _("send the image instead: ssh … logo set - < FILE"))
        prepared = prepare_logo_data(path) if isinstance(path, bytes) else prepare_logo(path)
        with transaction():
            require_company(company_id)
            old = CompanyLogo.get_or_none(CompanyLogo.company == company_id)
            CompanyLogo.delete().where(CompanyLogo.company == company_id).execute()
            CompanyLogo.insert(
                company=company_id,
                filename=prepared.filename,
                png=prepared.png,
                width=prepared.width,
                height=prepared.height,
                uploaded_at=clock.now(),
            ).execute()
            record(actor, company_id, "logo.set", field="logo",
                   old=old.filename if old else None, new=prepared.filename)
    return get_general(actor, company_id)


@retried
def delete_logo(actor: Actor, company_id: int) -> GeneralView:
    """Remove the logo (R2); the screens ask for confirmation first."""
    with refusals_recorded(actor, company_id, "logo.delete"):
        ensure_owner(actor, company_id, "logo.delete")
        with transaction():
            old = CompanyLogo.get_or_none(CompanyLogo.company == company_id)
            if old is None:
                raise NotFound(_("The company has no logo to delete."))
            CompanyLogo.delete().where(CompanyLogo.company == company_id).execute()
            record(actor, company_id, "logo.delete", field="logo", old=old.filename)
    return get_general(actor, company_id)


def get_logo_png(actor: Actor, company_id: int) -> bytes | None:
    """The stored (re-encoded) logo, for the preview."""
    ensure_can_read(actor, company_id)
    logo = CompanyLogo.select(CompanyLogo.png).where(CompanyLogo.company == company_id).first()
    return bytes(logo.png) if logo else None


def has_companies() -> bool:
    """Whether the database holds any company yet (the demo fills only an empty one)."""
    return Company.select().exists()
