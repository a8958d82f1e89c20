"""The History tab: a company's audit trail, for its owner and for staff."""

from __future__ import annotations

import json

from store.errors import InvalidInput
from store.forms.fields import FORMS
from store.i18n import _
from store.people.access import ensure_can_read
from store.persistence.models import AuditEvent, BillingAddress
from store.trail.audit import entries
from store.views import Actor, AuditEntryView, AuditPage


def company_history(actor: Actor, company_id: int, page: int = 1, page_size: int = 50, *,
                    field: str | None = None, person: str | None = None) -> AuditPage:
    """A page of the trail, newest first: when, who, what, old → new, outcome, reason; a line
    holding a region names the country it is of (`region_country`).

    Filters (SPEC §6): `field`, a field by its name, option or label (`vat_number`, `vat`,
    "VAT number", « TVA »: `field_named`; InvalidInput for one that is no field), named back
    as the company's country names it (`field_label`), and `person`, an e-mail address or part
    of a name, case aside.
    """
    ensure_can_read(actor, company_id, "history.read")
    named = field_named(field) if field and field.strip() else None
    found = entries(company_id, page=page, page_size=page_size, field=named, person=person)
    return found.model_copy(update={"items": _with_region_countries(company_id, found.items),
                                    "field_label": named and _field_label(company_id, named)})


def _field_label(company_id: int, field: str) -> str | None:
    """`field` as the company's address names it (#16 trial t16: a US company's filter said
    "only Postal code" beside its "ZIP code" field): an address field by its country's post
    (store.forms.labels.address_field_label), any other by its form's label; None for a name
    no form has (logo, recipient: History's own words name them, tui.trail_words)."""
    from store.forms.labels import address_field_label

    country = BillingAddress.select(BillingAddress.country).where(
        BillingAddress.company == company_id).scalar()
    try:
        return address_field_label(field, country)
    except KeyError:
        return None


def _region_value(entry: AuditEntryView) -> tuple[str | None, str | None]:
    """The region a line holds and the country that goes with it in the same line, if any: a
    state line's value, or "state" (and "country") of a line keeping several (a request's
    line: what it asked, else the address's then; a refused form). A postal code line, or
    one keeping several with a postal code, gives ("", country): the country names the code
    too (ZIP code, Eircode)."""
    if entry.field == "state":
        return entry.new_value or entry.old_value, None
    if entry.field == "postal_code":
        return "", None
    text = entry.new_value or ""
    if entry.field is None and text.startswith("{") and (
            '"state"' in text or '"postal_code"' in text or '"country"' in text):
        try:
            data = json.loads(text)
        except ValueError:
            return None, None
        values = data.get("asked", data) if isinstance(data, dict) else {}
        was = data.get("was") if isinstance(data, dict) else None
        if isinstance(values, dict):
            country = values.get("country") or (
                was.get("country") if isinstance(was, dict) else None)
            return str(values.get("state") or ""), str(country) if country else None
    return None, None


def _with_region_countries(company_id: int,
                           items: list[AuditEntryView]) -> list[AuditEntryView]:
    """`items` with the country each region value (or postal code) belongs to
    (`region_country`): the one sent with it, else the first of the company's countries (the
    address's now, then each one its trail holds) whose list of regions holds it
    (store.forms.postal), else the address's now.
    Two queries, only for a page that shows a region."""
    wanted = {entry.id: _region_value(entry) for entry in items}
    if all(region is None for region, _ in wanted.values()):
        return items
    from store.forms.postal import region_rule

    now = BillingAddress.get_or_none(BillingAddress.company == company_id)
    countries = [now.country] if now is not None and now.country else []
    for line in (AuditEvent.select(AuditEvent.old_value, AuditEvent.new_value)
                 .where((AuditEvent.company == company_id) & (AuditEvent.field == "country"))
                 .order_by(AuditEvent.id.desc())):
        countries += [c for c in (line.new_value, line.old_value) if c and c not in countries]

    def country_of(region: str) -> str | None:
        for country in countries:
            if any(region in (code, name) for code, name in region_rule(country).choices):
                return country
        return countries[0] if countries else None

    out = []
    for entry in items:
        region, sent = wanted[entry.id]
        if region is not None:
            entry = entry.model_copy(update={"region_country": sent or (
                country_of(region) if region else countries[0] if countries else None)})
        out.append(entry)
    return out


# What a country's post calls the postal code, as History labels it (#16): a filter finds it.
POSTAL_CODE_NAMES = frozenset({"zip", "zip code", "eircode", "pin code", "code zip", "code pin"})


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
    if wanted in POSTAL_CODE_NAMES:  # as History names it by country (tui.formatting)
        return "postal_code"
    by_word = {name for name, names in labels.items()
               if wanted and any(wanted in label.split() for label in names)}
    if len(by_word) == 1:
        return by_word.pop()
    raise InvalidInput({"field": _("There is no field called {text}.").format(text=text.strip())})
