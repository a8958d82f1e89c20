"""The search as it is typed (issue #15): one more letter never drops a listed company that still
contains the text ("b" listed Blue Harbor, "bo" dropped it, "bor" brought it back): the first 50
by id of the companies that contain it are listed, shown with the names starting with the text
first, then the others, each by name."""

from __future__ import annotations

import pytest

import store.demo
import store.people.access
from store.persistence.folding import search_fold
from store.profile.search import search_companies


@pytest.fixture
def sam(db, monkeypatch):
    from store.demo import scale as demo_scale

    monkeypatch.setattr(demo_scale, "LARGE_TENANT_USERS", 50)
    store.demo.create_demo(extra_companies=300)
    return store.people.access.resolve_actor("support@mycompany.example")


TYPED = ["blue harbor", "gmbh", "boreal", "design", "de", "nordwind", "ab", "bâtiment"]


@pytest.mark.parametrize("text", TYPED)
def test_one_more_letter_keeps_every_listed_company_that_still_matches(sam, text):
    listed = search_companies(sam, text[0])
    for n in range(2, len(text) + 1):
        now = search_companies(sam, text[:n])
        shown = {h.id for h in now}
        dropped = [h.name for h in listed  # accents and case aside, as the search compares
                   if search_fold(text[:n]) in search_fold(h.name) and h.id not in shown]
        assert not dropped, f"{text[:n - 1]!r} -> {text[:n]!r} dropped {dropped}"
        listed = now

def test_two_letters_find_a_name_that_contains_them_as_three_do(sam):
    assert "Blue Harbor Inc." in [h.name for h in search_companies(sam, "bo")]
    assert "Blue Harbor Inc." in [h.name for h in search_companies(sam, "bor")]


@pytest.mark.parametrize("text", ["b", "ba", "bat", "bâ", "BÂT"])
def test_accents_and_case_aside_at_any_length(sam, text):
    """"b" and "bat" found "Atelier Bâtiment"-like names and "ba" did not (two letters compared
    the name as written)."""
    assert any("Bâtiment" in h.name for h in search_companies(sam, text))


@pytest.mark.parametrize("text", ["bo", "gmb", "ha"])
def test_names_starting_with_the_text_first_then_the_others_each_by_name(sam, text):
    hits = [h.name for h in search_companies(sam, text)]
    starting = [n for n in hits if n.lower().startswith(text)]
    assert hits[:len(starting)] == starting
    assert starting == sorted(starting, key=str.lower)
    others = hits[len(starting):]
    assert others == sorted(others, key=str.lower)
