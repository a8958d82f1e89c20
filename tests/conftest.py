"""Hermetic fixtures: a real SQLite file per test, a fixed clock, the demo data."""

from __future__ import annotations

from datetime import date

import pytest

import store
from store import clock
from store.db import database

TODAY = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """Every test runs on 2026-11-27 unless it moves the clock itself."""
    monkeypatch.delenv("MYCOMPANY_TODAY", raising=False)
    clock.set_clock(lambda: TODAY)
    yield
    clock.reset_clock()


@pytest.fixture
def db_url(tmp_path):
    return store.database_url_for(tmp_path / "data" / "mycompany.sqlite3")


@pytest.fixture
def db(db_url):
    """An empty, migrated database in a real file."""
    handle = store.open_database(db_url)
    yield handle
    if not database.is_closed():
        database.close()


@pytest.fixture
def demo(db):
    """The demo data; returns the company ids by short name."""
    atelier, nordwind, blue = store.create_demo()
    return {"atelier": atelier, "nordwind": nordwind, "blue": blue}


@pytest.fixture
def as_(demo):
    """`as_("jonas@nordwind.de")`: the acting person, as the store resolves them."""
    return store.resolve_actor


@pytest.fixture
def make_app(demo):
    """`make_app("jonas@nordwind.de", tab="plan")`: the app as that person, not yet running."""

    def make(email: str = "jonas@nordwind.de", *, company: int | None = None,
             tab: str = "general", locale: str = "en"):
        actor = store.resolve_actor(email)
        from tui.app import MyCompanyApp

        app = MyCompanyApp(actor, company if company is not None else actor.company_id,
                           locale=locale, initial_tab=tab)
        app.animation_level = "none"
        app.theme = "textual-dark"
        return app

    return make
