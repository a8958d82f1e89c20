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

    Filters (SPEC §6): `field`, a field by its name, option or label (`vat_number`, `vat`,
    "VAT number", « TVA »: `field_named`; InvalidInput for one that is no field), and
    `person`, an e-mail address or part of a name, case aside.
    """
    ensure_can_read(actor, company_id, "history.read")
    return entries(company_id, page=page, page_size=page_size,
                   field=field_named(field) if field and field.strip() else None,
                   person=person)


def field_named(text: str) -> str:
    """The field name `text` stands for, case and `_`/`-` aside: a name (`vat_number`), the
    command line's option (`vat`, `--postal-code`), or a label in the reader's language or in
    English ("VAT number", « Numéro de TVA »); else a word that only one field's label holds
    (`TVA`, `postal`). InvalidInput for text that names no field, or several."""
    def key(value: str) -> str:
        return " ".join(value.lstrip("-").replace("_", " ").replace("-", " ").split()).casefold()

    wanted = key(text)
    labels: dict[str, set[str]] = {}
    for spec in FORMS.values():
        for f in spec.fields:
            names = {key(f.name), key(f.label), key(f.label_id)}
            if f.option.startswith("--"):
                names.add(key(f.option))
            labels.setdefault(f.name, set()).update(names)
    exact = [name for name, names in labels.items() if wanted in names]
    if exact:
        return exact[0]
    if wanted in {"recipient", "logo", "payment method", "team"}:
        return wanted.replace(" ", "_")
    by_word = {name for name, names in labels.items()
               if wanted and any(wanted in label.split() for label in names)}
    if len(by_word) == 1:
        return by_word.pop()
    raise InvalidInput({"field": _("There is no field called {text}.").format(text=text.strip())})
