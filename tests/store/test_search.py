"""The support console's company search: staff only, one query, top 50, the index kept fresh."""

from __future__ import annotations

import pytest
from playhouse.test_utils import count_queries

import store
import store.demo
import store.errors
import store.people.access
import store.profile.billing
import store.profile.company
import store.profile.search
from store.profile.search import search_companies


@pytest.fixture
def sam(demo):
    return store.people.access.resolve_actor("support@mycompany.example")


def names(hits):
    return [h.name for h in hits]


@pytest.mark.parametrize("text, expected", [
    ("nordwind", "Nordwind Logistik GmbH"),        # part of the name, any case
    ("LUMIÈRE", "Atelier Lumière SARL"),           # non-ASCII letters
    ("DE136695976", "Nordwind Logistik GmbH"),     # VAT number
    ("136695", "Nordwind Logistik GmbH"),          # part of a VAT number
    ("blueharbor.com", "Blue Harbor Inc."),        # recipient e-mail domain
    ("bl", "Blue Harbor Inc."),                    # two letters: names starting with them
])
def test_search_finds_by_name_vat_and_domain(sam, text, expected):
    assert names(search_companies(sam, text)) == [expected]


def test_search_by_company_id_puts_that_company_first(sam, demo):
    hits = search_companies(sam, str(demo["blue"]))
    assert hits[0].id == demo["blue"]


def test_search_result_has_country_plan_status_and_active_users(sam, demo):
    hit = search_companies(sam, "nordwind")[0]
    assert (hit.id, hit.country, hit.plan, hit.status, hit.active_users) == (
        demo["nordwind"], "DE", "Professional", "subscribed", 42)


def test_search_is_one_query_and_at_most_50_rows(db, monkeypatch):
    from store.demo import scale as demo_scale

    monkeypatch.setattr(demo_scale, "LARGE_TENANT_USERS", 50)
    store.demo.create_demo(extra_companies=120)
    sam = store.people.access.resolve_actor("support@mycompany.example")
    with count_queries() as counter:
        hits = search_companies(sam, "example")  # every generated domain: more than 50 match
    assert counter.count == 1 and len(hits) == 50
    with count_queries() as counter:
        hits = search_companies(sam, "b")  # one letter: the name index, not the trigrams
    assert counter.count == 1 and 0 < len(hits) <= 50
    starting = [h.name.lower().startswith("b") for h in hits]
    assert all("b" in h.name.lower() for h in hits)  # names containing it,
    assert starting == sorted(starting, reverse=True)  # those starting with it first


@pytest.mark.parametrize("text", ['"', 'a" OR "b', "NEAR(a b)", "name:x", "*", "^x", "x'--",
                                  "[bold]x", "\x1b[31m", "%", "_"])
def test_search_text_is_never_a_query_language(sam, text):
    assert search_companies(sam, text) == [] or all(h.id for h in search_companies(sam, text))


def test_search_index_follows_renames_and_recipients(sam, demo):
    jonas = store.people.access.resolve_actor("jonas@nordwind.de")
    view = store.profile.company.get_general(jonas, demo["nordwind"])
    store.profile.company.save_general(jonas, demo["nordwind"],
                               {"name": "Seewind Logistik GmbH"},
                               view.version)
    assert names(search_companies(sam, "seewind")) == ["Seewind Logistik GmbH"]
    assert search_companies(sam, "nordwind.de")  # the recipients' domain still finds it
    store.profile.billing.add_recipient(jonas, demo["nordwind"],
                                {"email": "ap@seewind-finance.example"})
    assert names(search_companies(sam, "seewind-finance")) == ["Seewind Logistik GmbH"]


def test_owners_cannot_search_across_companies(demo):
    with pytest.raises(store.errors.Refused):
        search_companies(store.people.access.resolve_actor("jonas@nordwind.de"), "blue")


def test_empty_search_returns_nothing_without_a_query(sam):
    with count_queries() as counter:
        assert search_companies(sam, "   ") == []
    assert counter.count == 0
