"""Property (SPEC §9, R15-R16): any billing form either saves exactly what validation returned or
writes nothing — for a trial owner, a locked owner and the billing team alike."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import store
import store.errors
import store.people.access
import store.profile.billing
from store.errors import InvalidInput, Refused
from store.forms.moves import move_errors
from store.forms.schemas import AddressForm
from store.forms.validation import validate
from store.persistence.models import AuditEvent, BillingAddress
from store.profile.billing import ADDRESS_FIELDS
from store.profile.lock import same_value

HOSTILE = st.text(
    alphabet=st.sampled_from(list("aZ09 -'.,/#[]@=:\\é") + ["\x00", "\x1b", "\u202e", "\n", "\t",
                                                            "\u00a0", "７", "٣", "\ufeff"]),
    max_size=24,
)


VALID = [
    {"line1": "12 rue des Lilas", "postal_code": "75011", "city": "Paris", "country": "FR",
     "vat_number": "FR40303265045"},
    {"line1": "Speicherstraße 5", "postal_code": "20457", "city": "Hamburg", "country": "DE",
     "vat_number": "DE136695976"},
    {"line1": "1 Infinite Loop", "line2": "Suite 100", "postal_code": "95014",
     "city": "Cupertino", "state": "CA", "country": "US"},
    {"line1": "Odos Ermou 1", "postal_code": "10563", "city": "Athens", "country": "GR",
     "vat_number": "EL094259216"},
]
ODD_VALUES = {
    "line1": ["x" * 201, "Acme [/b] Inc"],
    "line2": ["Bâtiment B", ""],
    "postal_code": ["ABCDE", "9501", "SW1A 1AA", "10431", " 75011 "],
    "city": ["Αθήνα", "[bold]x", "  paris  "],
    "state": ["NY", "California", "Bavaria", "ca", ""],
    "country": ["EL", "GB", "XX", "fr", "", "DE"],
    "vat_number": ["GR094259216", "FR40303265046", "DE 136 695 976", "GB980780684", "fr40303265045",
                   ""],
}
FIELDS = sorted(ODD_VALUES)


@st.composite
def addresses(draw) -> dict:
    """A valid address (the company's own half the time: Nordwind's is VALID[1], Atelier's country
    is VALID[0]'s) with 0-3 of its fields replaced by odd or hostile values."""
    data = dict(draw(st.one_of(st.sampled_from(VALID[:2]), st.sampled_from(VALID))))
    count = draw(st.sampled_from([0, 1, 1, 1, 2, 3]))
    for name in draw(st.lists(st.sampled_from(FIELDS), min_size=count, max_size=count,
                              unique=True)):
        data[name] = draw(st.one_of(st.sampled_from(ODD_VALUES[name]), HOSTILE, st.none()))
    return data


ADDRESSES = addresses()


def snapshot(company_id: int) -> tuple:
    row = BillingAddress.get_or_none(BillingAddress.company == company_id)
    fields = tuple(getattr(row, f) for f in ADDRESS_FIELDS) if row else None
    return fields, row.version if row else None, AuditEvent.select().where(
        (AuditEvent.company == company_id) & (AuditEvent.outcome == "done")
        & (AuditEvent.action != "company.time_zone")).count()  # a move's zone: its own line


def _loose(value) -> str:
    return re.sub(r"[\s.\-]", "", str(value or "")).casefold()


def save_or_nothing(actor, company_id: int, data: dict, reason: dict | None,
                    locked: frozenset[str] = frozenset()) -> None:
    """`locked`: the fields this person may not change; sending one with another value is
    refused for the lock before the value is checked (SPEC §5)."""
    before_fields, before_version, before_done = snapshot(company_id)
    stored = dict(zip(ADDRESS_FIELDS, before_fields or (None,) * len(ADDRESS_FIELDS),
                      strict=True))
    # Sent as stored is no change: the store's one canonical form decides it (Germany has no
    # region, so a state "/" sent for it is the stored none), then the lock speaks first.
    if any(f in data and _loose(data[f]) != _loose(stored[f])
           and not same_value(f, data[f], stored[f], stored["country"]) for f in locked):
        with pytest.raises(Refused) as refused:
            store.profile.billing.save_address(actor, company_id, data, before_version,
                reason=reason)
        event("refused: locked, before any check")
        assert refused.value.field in locked
        assert snapshot(company_id) == (before_fields, before_version, before_done)
        return
    # A new country sent without the street lines, postal code or city it needs: the form
    # sends the fields it has, the others are not given (store.forms.moves).
    moved = move_errors(SimpleNamespace(**stored) if before_fields else None, data)
    try:
        # What the store will keep, if anything: a locked field sent as stored is kept as
        # stored, not checked again (store.forms.kept, #15).
        kept = {f: stored[f] for f in locked
                if f in data and same_value(f, data[f], stored[f], stored["country"])}
        form = validate(AddressForm, {**data, **kept})
        if moved:
            raise InvalidInput(moved)
    except InvalidInput as expected_invalid:
        with pytest.raises(InvalidInput) as invalid:
            store.profile.billing.save_address(actor, company_id, data, before_version,
                reason=reason)
        event("invalid")
        assert invalid.value.errors == {**expected_invalid.errors, **moved}
        assert snapshot(company_id) == (before_fields, before_version, before_done)
        return
    try:
        store.profile.billing.save_address(actor, company_id, data, before_version, reason=reason)
    except Refused as refused:
        event("refused: locked")
        assert refused.field in ("state", "country", "vat_number")
        assert snapshot(company_id) == (before_fields, before_version, before_done)
        return
    after_fields, after_version, after_done = snapshot(company_id)
    event("saved")
    expected = tuple(getattr(form, f) for f in ADDRESS_FIELDS)
    assert after_fields == expected  # exactly what validation returned, nothing else
    changed = sum(a != b for a, b in zip(before_fields, expected, strict=True))
    assert after_done - before_done == changed  # one trail line per changed field
    assert after_version == before_version + (1 if changed else 0)


PROPERTY = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("who, company, locked", [
    ("camille@atelier-lumiere.fr", "atelier", frozenset()),  # in trial: every field open
    ("jonas@nordwind.de", "nordwind", frozenset({"state", "country", "vat_number"})),
])
@PROPERTY
@given(data=ADDRESSES)
def test_an_owners_billing_form_saves_what_validation_returned_or_nothing(demo, who, company,
                                                                          locked, data):
    save_or_nothing(store.people.access.resolve_actor(who), demo[company], data, None, locked)


@PROPERTY
@given(data=ADDRESSES)
def test_the_billing_teams_form_saves_what_validation_returned_or_nothing(demo, data):
    reason = {"reason": "Customer moved; ticket checked", "ticket": "T-1"}
    save_or_nothing(store.people.access.resolve_actor("billing@mycompany.example"), demo["blue"],
        data,
                    reason)
