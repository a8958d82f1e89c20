"""History reads a refusal's reason in the READER's language (issue #16: "by whom, in the
reader's language"): the store keeps the sentence it said as its message id and parameters, in
no one's language; a person's own words, and lines written before, stay as written."""

from __future__ import annotations

import pytest

import store.errors
import store.people.access
import store.profile.billing
import store.trail.history
from store.i18n import set_language
from store.persistence.models import AuditEvent
from store.trail.exports import export
from tui import audit_text

JONAS = "jonas@nordwind.de"  # Nordwind's owner, past its trial: its country is locked
BILLING = "billing@mycompany.example"
SUPPORT = "support@mycompany.example"

LOCKED_EN = "Country is locked after the trial; send a change request to the billing team."
LOCKED_FR = ("Le champ «\u00a0Pays\u00a0» est verrouillé après la période d'essai\u202f; "
             "envoyez une demande de modification à l'équipe de facturation.")


@pytest.fixture
def language():
    """`language("fr")`: the process's language from now on (English again after the test)."""
    yield set_language
    set_language("en")


def reasons(company_id: int, reader: str = BILLING) -> list[str]:
    """The refused lines' reasons, newest first, as History shows them to `reader` now."""
    page = store.trail.history.company_history(store.people.access.resolve_actor(reader),
        company_id)
    return [audit_text.reason_text(e) for e in page.items if e.outcome == "refused"]


def refuse_french_owners_move(demo, language) -> None:
    language("fr")
    jonas = store.people.access.resolve_actor(JONAS)
    with pytest.raises(store.errors.Refused) as refused:
        store.profile.billing.save_address(jonas, demo["nordwind"], {"country": "FR"}, None)
    assert refused.value.message == LOCKED_FR  # the owner is told in French


def test_a_french_owners_refusal_reads_in_english_to_an_english_reader(demo, language):
    refuse_french_owners_move(demo, language)
    language("en")
    assert reasons(demo["nordwind"]) == [LOCKED_EN]  # the field's label in English too
    language("fr")
    assert reasons(demo["nordwind"]) == [LOCKED_FR]


def test_an_english_refusal_reads_in_french_to_a_french_reader(demo, language):
    with pytest.raises(store.errors.Refused, match="Only the billing team"):
        store.profile.billing.remove_recipient(store.people.access.resolve_actor(SUPPORT),
            demo["nordwind"],
                                       JONAS)
    language("fr")
    assert reasons(demo["nordwind"]) == ["Seule l'équipe de facturation peut faire cela."]


def test_a_refusal_naming_a_role_and_another_company_reads_whole_in_each_language(
        demo, language):
    """The reason of an owner reaching into another company is kept in their own company's
    trail with that company's number, every part of it in the reader's language."""
    language("fr")
    jonas = store.people.access.resolve_actor(JONAS)
    with pytest.raises(store.errors.Refused):
        store.trail.history.company_history(jonas, demo["blue"])
    language("en")
    [reason] = reasons(demo["nordwind"])
    assert reason == f"You may not see another company's information. (company {demo['blue']})"
    language("fr")
    [reason] = reasons(demo["nordwind"])
    assert reason == ("Vous ne pouvez pas voir les informations d'une autre entreprise. "
                      f"(entreprise {demo['blue']})")


def test_a_reason_a_person_typed_stays_as_typed_in_both_languages(demo, language):
    language("fr")
    bea = store.people.access.resolve_actor(BILLING)
    typed = 'Virement convenu {"msgid": "Country"} au téléphone'  # braces and JSON: words
    store.profile.billing.set_other_payment_method(bea, demo["nordwind"], "bank_transfer",
                                           {"reason": typed})
    for reader_language in ("en", "fr"):
        language(reader_language)
        page = store.trail.history.company_history(bea, demo["nordwind"])
        [line] = [e for e in page.items if e.action == "payment_method.set"]
        assert audit_text.reason_text(line) == typed


def test_a_reason_typed_as_a_kept_message_is_still_a_persons_words(demo, language):
    """Nothing a person types is taken for a kept message: it starts with a control character
    no form takes."""
    bea = store.people.access.resolve_actor(BILLING)
    typed = '{"msgid": "Only the billing team can do this.", "text": "x"}'
    store.profile.billing.set_other_payment_method(bea, demo["nordwind"], "bank_transfer",
                                           {"reason": typed})
    language("fr")
    [line] = [e for e in store.trail.history.company_history(bea, demo["nordwind"]).items
              if e.action == "payment_method.set"]
    assert audit_text.reason_text(line) == typed
    with pytest.raises(store.errors.InvalidInput):  # the mark itself is refused as typed
        store.profile.billing.set_other_payment_method(bea, demo["nordwind"], "direct_debit",
                                               {"reason": "\x1e" + typed})


def test_a_line_written_before_shows_its_reason_as_stored(demo, language):
    from store import clock

    AuditEvent.insert(company=demo["nordwind"], at=clock.now(), actor_email=JONAS,
                      actor_name="Jonas Weber", actor_role="owner", action="address.save",
                      field="country", new_value="FR", outcome="refused",
                      reason=LOCKED_FR).execute()
    language("en")
    assert reasons(demo["nordwind"]) == [LOCKED_FR]


def test_the_history_export_gives_reasons_in_the_exporters_language(demo, language):
    refuse_french_owners_move(demo, language)
    language("en")
    rows: list[dict] = []
    export(store.people.access.resolve_actor(SUPPORT), "history", rows.append)
    assert [r["reason"] for r in rows if r["outcome"] == "refused"] == [LOCKED_EN]
