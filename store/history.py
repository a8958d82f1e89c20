"""The History tab: a company's audit trail, for its owner and for staff."""

from __future__ import annotations

from store.access import ensure_can_read
from store.audit import entries
from store.errors import InvalidInput
from store.forms.fields import FORMS
from store.i18n import _
from store.views import Actor, AuditPage


def company_history(actor: Actor, company_id: int, page: int = 1, page_size: int = 50, *,
                    field: str | None = None, person: str | None = None) -> AuditPage:
    """A page of the trail, newest first: when, who, what, old → new, outcome, reason.

    Filters (SPEC §6): `field`, a field by its name or its label in any form (`vat_number`,
    "VAT number"; InvalidInput for one that is no field), and `person`, an e-mail address or
    part of a name, case aside.
    """
    ensure_can_read(actor, company_id, "history.read")
    return entries(company_id, page=page, page_size=page_size,
                   field=field_named(field) if field and field.strip() else None,
                   person=person)


def field_named(text: str) -> str:
    """The field name `text` stands for: a name (`vat_number`) or a label ("VAT number")."""
    wanted = " ".join(text.replace("_", " ").split()).casefold()
    for spec in FORMS.values():
        for f in spec.fields:
            if wanted in (f.name.replace("_", " ").casefold(), f.label.casefold()):
                return f.name
    if wanted in {"recipient", "logo", "payment method", "team"}:
        return wanted.replace(" ", "_")
    raise InvalidInput({"field": _("There is no field called {text}.").format(text=text.strip())})
