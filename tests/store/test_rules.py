"""Every rule of the article at the store level, named after it: R1-R11 (Billing's R12-R16 in
tests/store/test_rules_billing.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import store
import store.errors
import store.invoicing.invoices
import store.people.access
import store.plans.plan
import store.profile.billing
import store.profile.company
import store.profile.requests
from store.persistence.models import (
    AuditEvent,
    Company,
    PhoneNumber,
    Team,
    User,
)

JONAS = "jonas@nordwind.de"
CAMILLE = "camille@atelier-lumiere.fr"
LEA = "lea@atelier-lumiere.fr"
MARIA = "maria@blueharbor.com"
SUPPORT = "support@mycompany.example"
BILLING = "billing@mycompany.example"


# R1 -----------------------------------------------------------------------------------------


def test_r1_owner_opens_my_company(demo, as_):
    view = store.profile.company.get_general(as_(JONAS), demo["nordwind"])
    assert view.name == "Nordwind Logistik GmbH"
    assert view.can_edit


@pytest.mark.parametrize("role", ["admin", "supervisor", "agent"])
def test_r1_company_users_other_than_owner_are_refused(demo, as_, role):
    User.update(role=role).where(User.email == LEA).execute()
    lea = as_(LEA)
    for call in (store.profile.company.get_general, store.plans.plan.licence_summary,
                 store.profile.billing.get_billing, store.invoicing.invoices.list_invoices):
        with pytest.raises(store.errors.Refused, match="owner"):
            call(lea, demo["atelier"])


def test_r1_owner_cannot_open_another_company(demo, as_):
    with pytest.raises(store.errors.Refused):
        store.plans.plan.licence_summary(as_(JONAS), demo["blue"])
    with pytest.raises(store.errors.Refused):
        store.invoicing.invoices.download_invoice(as_(JONAS), demo["blue"],
            f"INV-{demo['blue']:06d}-0001")


def test_r1_unknown_person_is_refused(demo):
    with pytest.raises(store.errors.Refused, match="not a known user"):
        store.people.access.resolve_actor("nobody@example.com")
    with pytest.raises(store.errors.Refused):
        store.people.access.resolve_actor("")


def test_r1_inactive_owner_is_refused(demo):
    User.update(active=False).where(User.email == JONAS).execute()
    with pytest.raises(store.errors.Refused):
        store.people.access.resolve_actor(JONAS)


def test_r1_refusals_are_in_the_audit_trail(demo, as_):
    with pytest.raises(store.errors.Refused):
        store.profile.billing.get_billing(as_(LEA), demo["atelier"])
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
    assert (event.actor_email, event.outcome, event.company) == (LEA, "refused", demo["atelier"])


# R2-R3 --------------------------------------------------------------------------------------


def _png(path, size=(64, 32)):
    from PIL import Image

    Image.new("RGB", size, (200, 30, 30)).save(path, "PNG")
    return path


def test_r2_owner_uploads_and_deletes_the_logo(demo, as_, tmp_path):
    jonas = as_(JONAS)
    view = store.profile.company.set_logo(jonas, demo["nordwind"], _png(tmp_path / "logo.png"))
    assert (view.logo_width, view.logo_height) == (64, 32)
    assert view.logo_filename != "logo.png"
    assert store.profile.company.get_logo_png(jonas, demo["nordwind"]).startswith(b"\x89PNG")
    view = store.profile.company.delete_logo(jonas, demo["nordwind"])
    assert view.logo_filename is None


def test_r2_a_refused_logo_changes_nothing(demo, as_, tmp_path):
    bad = tmp_path / "logo.svg"
    bad.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    with pytest.raises(store.errors.InvalidInput) as refused:
        store.profile.company.set_logo(as_(JONAS), demo["nordwind"], bad)
    assert "logo" in refused.value.errors
    assert store.profile.company.get_general(as_(JONAS), demo["nordwind"]).logo_filename is None


def test_r3_owner_changes_name_and_website(demo, as_):
    jonas = as_(JONAS)
    before = store.profile.company.get_general(jonas, demo["nordwind"])
    form = {"name": "  Nordwind Logistik AG ", "website": "nordwind.example"}
    after = store.profile.company.save_general(jonas, demo["nordwind"], form, before.version)
    assert (after.name, after.website) == ("Nordwind Logistik AG", "https://nordwind.example")
    assert after.version == before.version + 1
    trail = {e.field: (e.old_value, e.new_value) for e in AuditEvent.select().where(
        AuditEvent.action == "general.save")}
    assert trail["name"] == ("Nordwind Logistik GmbH", "Nordwind Logistik AG")


def test_r3_stale_version_is_a_conflict_naming_who_saved(demo, as_):
    jonas = as_(JONAS)
    view = store.profile.company.get_general(jonas, demo["nordwind"])
    store.profile.company.save_general(jonas, demo["nordwind"],
                               {"name": "First", "website": None},
                               view.version)
    with pytest.raises(store.errors.Conflict) as conflict:
        store.profile.company.save_general(jonas, demo["nordwind"],
                                   {"name": "Second", "website": None},
                                   view.version)
    assert conflict.value.changed_by == JONAS
    assert Company.get_by_id(demo["nordwind"]).name == "First"


def test_r3_staff_cannot_change_the_profile(demo, as_):
    form = {"name": "Hacked", "website": None}
    for staff in (SUPPORT, BILLING):
        with pytest.raises(store.errors.Refused):
            store.profile.company.save_general(as_(staff), demo["nordwind"], form, 1)
    assert Company.get_by_id(demo["nordwind"]).name == "Nordwind Logistik GmbH"


# R4-R11: the licence summary ----------------------------------------------------------------


def test_r4_plan_header(demo, as_):
    v = store.plans.plan.licence_summary(as_(JONAS), demo["nordwind"])
    assert (v.plan, v.term, v.period) == ("Professional", "annual_monthly", "month")
    assert v.next_invoice_on == date(2026, 12, 1)
    assert v.renews_on == date(2027, 10, 1)  # the contract began in October 2025


def test_r5_users_row_a_b_c_d_e(demo, as_):
    users = store.plans.plan.licence_summary(as_(JONAS), demo["nordwind"]).users
    assert (users.active, users.included, users.extras) == (42, 40, 2)
    assert users.price == Decimal("2000.00")  # per month: annual, invoiced monthly
    assert users.extras_cost == Decimal("100.00")
    assert users.total == Decimal("2100.00")


def test_r5_inactive_users_do_not_count(demo, as_):
    User.update(active=False).where(User.email == "ida@nordwind.de").execute()
    assert store.plans.plan.licence_summary(as_(JONAS), demo["nordwind"]).users.active == 41


def test_r6_more_active_users_than_included_is_possible(demo, as_):
    users = store.plans.plan.licence_summary(as_(JONAS), demo["nordwind"]).users
    assert users.active > users.included


def test_r6_fewer_active_users_than_included_means_no_extras(demo, as_):
    users = store.plans.plan.licence_summary(as_(CAMILLE), demo["atelier"]).users
    assert (users.active, users.included, users.extras, users.extras_cost) == (
        2, 3, 0, Decimal("0.00"))
    assert users.total == Decimal("120.00")


def test_r7_prices_come_from_the_catalogue_not_the_code(demo, as_):
    from store.persistence.models import Price

    Price.update(monthly_minor=5500).where(
        (Price.plan == "professional") & (Price.frequency == "annual") & (Price.item == "user")
        & (Price.currency == "EUR")).execute()
    users = store.plans.plan.licence_summary(as_(JONAS), demo["nordwind"]).users
    assert users.price == Decimal("2200.00")


def test_r8_numbers_row(demo, as_):
    numbers = store.plans.plan.licence_summary(as_(JONAS), demo["nordwind"]).numbers
    assert (numbers.active, numbers.included, numbers.extras) == (43, 40, 3)
    assert (numbers.price, numbers.extras_cost, numbers.total) == (
        Decimal("0.00"), Decimal("18.00"), Decimal("18.00"))


def test_r9_teams_row_shows_the_plan_limit(demo, as_):
    assert store.plans.plan.licence_summary(as_(MARIA), demo["blue"]).teams.limit == 3
    nordwind = store.plans.plan.licence_summary(as_(JONAS), demo["nordwind"]).teams
    assert (nordwind.active, nordwind.limit) == (7, None)


def test_r9_essentials_refuses_a_fourth_team(demo, as_):
    with pytest.raises(store.errors.Refused, match="3 teams"):
        store.plans.plan.create_team(as_(MARIA), demo["blue"], "Night shift")
    assert Team.select().where(Team.company == demo["blue"]).count() == 3


def test_r9_professional_has_no_team_limit(demo, as_):
    for n in range(5):
        store.plans.plan.create_team(as_(JONAS), demo["nordwind"], f"Extra {n}")
    assert Team.select().where(Team.company == demo["nordwind"]).count() == 12


def test_r9_essentials_allows_up_to_three(demo, as_):
    camille = as_(CAMILLE)
    store.plans.plan.create_team(camille, demo["atelier"], "Two")
    store.plans.plan.create_team(camille, demo["atelier"], "Three")
    with pytest.raises(store.errors.Refused):
        store.plans.plan.create_team(camille, demo["atelier"], "Four")


def test_r10_total_is_licences_plus_add_ons_without_call_usage(demo, as_):
    v = store.plans.plan.licence_summary(as_(JONAS), demo["nordwind"])
    assert v.total == Decimal("2567.00")
    assert v.total == v.users.total + v.numbers.total + sum(
        p.price for p in v.add_ons + v.call_plans)
    blue = store.plans.plan.licence_summary(as_(MARIA), demo["blue"])
    assert (blue.users.total, blue.numbers.total, blue.total) == (
        Decimal("200.00"), Decimal("6.00"), Decimal("245.00"))
    assert blue.currency == "USD"


def test_r11_special_features_and_calls(demo, as_):
    v = store.plans.plan.licence_summary(as_(JONAS), demo["nordwind"])
    assert [(p.name, p.price) for p in v.add_ons] == [("Analytics+", Decimal("400.00"))]
    assert [(p.name, p.price) for p in v.call_plans] == [("Europe unlimited", Decimal("49.00"))]


def test_r11_what_if_adds_nothing_to_the_database(demo, as_):
    v = store.plans.plan.licence_summary(as_(JONAS), demo["nordwind"])
    grown = store.plans.plan.what_if(v, add_users=3, add_numbers=1)
    assert (grown.users.extras, grown.users.extras_cost) == (5, Decimal("250.00"))
    assert grown.numbers.extras_cost == Decimal("24.00")
    assert grown.total == Decimal("2567.00") + Decimal("150.00") + Decimal("6.00")
    assert store.plans.plan.licence_summary(as_(JONAS), demo["nordwind"]) == v


def test_counts_ignore_other_companies(demo, as_):
    # Guards R5/R8 against a count that forgets its company filter.
    assert PhoneNumber.select().count() > 43
    assert store.plans.plan.licence_summary(as_(JONAS), demo["nordwind"]).numbers.active == 43
