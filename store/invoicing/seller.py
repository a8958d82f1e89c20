"""The seller's settings (SPEC §5 Tax, §11): read them, change them (admin staff), hand them to the
billing run.

The seller is the vendor: its legal name, address, VAT number, registration and legal mentions
are printed on every invoice, and its country decides the tax (store.invoicing.tax). One row
(store.persistence.models_seller.Seller). Its trail lines belong to no company (company NULL):
they are the vendor's own, like `database.init`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from store import clock
from store.errors import Conflict, NotFound
from store.forms.fields import Values, typed_values
from store.i18n import _
from store.people.access import refuse
from store.people.identity import ensure_signed_in
from store.persistence.db import retried, transaction
from store.persistence.models_seller import Seller
from store.trail.audit import record, refusals_recorded
from store.views import Actor, View

SELLER_ID = 1


@dataclass(frozen=True, kw_only=True)
class SellerDetails(View):
    """The seller's legal details, the one shape of them: what an invoice prints
    (store.documents.pdf.InvoiceDocument.seller) and what the tax rule reads (store.invoicing.tax
    takes it as a TaxParty: `country`, `vat_number`). Country ISO 3166-1 alpha-2; payment terms in
    days (0: due on issue); `iban` and `bic` the account customers pay transfers into, compact and
    upper-case ("FR7630006000011234567890189", "BNPAFRPP"; None: not set)."""

    legal_name: str
    line1: str
    line2: str | None = None
    postal_code: str | None = None
    city: str
    state: str | None = None
    country: str
    vat_number: str
    registration: str | None = None
    legal_mentions: str | None = None
    payment_terms_days: int = 0
    iban: str | None = None
    bic: str | None = None


# In screen order, as store.forms.seller.SELLER defines them (read here without loading Pydantic).
SELLER_FIELDS = tuple(f.name for f in fields(SellerDetails))


@dataclass(frozen=True, kw_only=True)
class SellerView(SellerDetails):
    """The seller as stored: its details, and the version and last save that optimistic
    locking reads (save_seller)."""

    version: int
    updated_at: datetime | None = None
    updated_by: str | None = None


def _view(row: Seller | None) -> SellerView | None:
    if row is None:
        return None
    return SellerView(**{name: getattr(row, name) for name in SELLER_FIELDS},
                      version=row.version, updated_at=row.updated_at, updated_by=row.updated_by)


def get_seller(actor: Actor) -> SellerView | None:
    """The seller's settings, or None before admin staff set them. Anyone signed in may read
    them: they are printed on every invoice."""
    ensure_signed_in(actor)
    return _view(Seller.get_or_none(Seller.id == SELLER_ID))


def current_seller() -> SellerView:
    """The seller for an invoice being issued (the billing run, no person acting).

    Raises NotFound (exit 5) while admin staff have not set the seller's settings: no invoice
    goes out without its seller's legal details.
    """
    view = _view(Seller.get_or_none(Seller.id == SELLER_ID))
    if view is None:
        raise NotFound(_("The seller's settings are not set: admin staff enter the vendor's "
                         "legal name, address and VAT number before any invoice is issued."))
    return view


def iban_as_printed(iban: str) -> str:
    """`iban` (stored compact) in groups of four, as people read and copy it from a statement
    (ISO 13616-1 "paper format"): "FR76 3000 6000 0112 3456 7890 189"."""
    from stdnum import iban as numbers

    return str(numbers.format(iban))


def seller_record(seller: SellerDetails) -> str:
    """The seller's legal details as an invoice keeps them at issue (invoice.seller_details,
    migration 0019): a JSON object of SELLER_FIELDS. Council Directive 2006/112/EC art. 226
    (5): an invoice states the supplier's name and address, as they were when it was issued."""
    import json

    return json.dumps({name: getattr(seller, name) for name in SELLER_FIELDS},
                      ensure_ascii=False, sort_keys=True)


def issued_seller(record: str | None) -> SellerDetails:
    """The seller an invoice prints: the details it kept at issue (`seller_record`); for an
    invoice issued before it kept them (None), the seller's current settings. NotFound
    (exit 5) when there are none to print (`current_seller`)."""
    if record is None:
        return current_seller()
    import json

    kept = json.loads(record)
    return SellerDetails(**{name: kept[name] for name in SELLER_FIELDS if name in kept})


@retried
def save_seller(actor: Actor, values: Values, expected_version: int | None) -> SellerView:
    """Save the seller's settings as typed; admin staff only.

    `values` maps the fields (SELLER_FIELDS) to the text typed: all of them are validated here,
    once (store.forms.seller.SellerForm: a billing address's rules, a required VAT number, an EU
    country, payment terms 0 to 365 days), InvalidInput with every field's message. Refused
    (exit 3, recorded in the trail with what was sent) for anyone but admin staff; Conflict
    (exit 4) when someone saved since `expected_version` (None: whatever is stored). Each
    changed field is one trail line, in the save's transaction; a field left as it was (or
    blank on a first save) writes none, and a save that changes nothing writes nothing.
    """
    from store.forms.seller import SELLER, SellerForm
    from store.forms.validation import validate

    with refusals_recorded(actor, None, "seller.save", tried=typed_values(SELLER, values)):
        ensure_signed_in(actor)
        if not actor.is_admin:
            refuse(actor, None, "seller.save",
                   _("Only admin staff change the seller's settings."))
        form = validate(SellerForm, values)
        with transaction():
            current = Seller.get_or_none(Seller.id == SELLER_ID)
            if current is not None and expected_version is not None \
                    and current.version != expected_version:
                raise Conflict(current.updated_by, current.updated_at)
            changes = {name: getattr(form, name) for name in SELLER_FIELDS
                       if _changed(getattr(current, name, None), getattr(form, name))}
            if changes:
                _write(actor, current, changes)
    return current_seller()


def _write(actor: Actor, current: Seller | None, changes: dict[str, object]) -> None:
    stamp = {"updated_at": clock.now(), "updated_by": actor.email}
    if current is None:
        Seller.insert(id=SELLER_ID, **changes, version=1, **stamp).execute()
    else:
        updated = (Seller.update(**changes, **stamp, version=Seller.version + 1)
                   .where((Seller.id == SELLER_ID) & (Seller.version == current.version))
                   .execute())
        if updated == 0:
            fresh = Seller.get(Seller.id == SELLER_ID)
            raise Conflict(fresh.updated_by, fresh.updated_at)
    for name, value in changes.items():
        record(actor, None, "seller.save", field=name,
               old=getattr(current, name) if current else None, new=value)


def _changed(old: object, new: object) -> bool:
    """Whether a field's value changes: not when both are empty (None or ""), which History
    would read "— → —" (#17 trial: a first save wrote one such line per field left blank)."""
    return (None if old == "" else old) != (None if new == "" else new)
