"""Hermetic fixtures: a real database per test (SQLite file; PostgreSQL too for store tests when
MYCOMPANY_TEST_POSTGRES_URL points at a server), a fixed clock, the demo data."""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest

import store
import store.demo
import store.people.access
import store.persistence.db
from store import clock
from store.persistence.db import database

TODAY = date(2026, 11, 27)

# The home folder the test run sees: an empty folder of its own, so the run never writes into the
# developer's home; and a run that writes into it fails (pytest_sessionfinish below).
# XDG_* would point platformdirs elsewhere: unset, so their defaults fall under this home too.
TEST_HOME = Path(tempfile.mkdtemp(prefix="mycompany-test-home-"))
XDG_FOLDERS = ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")
# The developer's terminal wishes, which Textual and Rich honour (NO_COLOR: monochrome; the rest:
# colours, sizes, Textual's debug filters, some read when Textual is imported): the snapshots and
# the screens' tests see the program as a terminal without them does. A test of one of these sets
# it itself (tests/tui/test_no_color.py, tests/ssh/test_terminal.py).
TERMINAL_WISHES = ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLORTERM",
                   "COLUMNS", "LINES", "TEXTUAL")


def pytest_configure(config):
    os.environ["HOME"] = str(TEST_HOME)
    for name in XDG_FOLDERS + TERMINAL_WISHES:
        os.environ.pop(name, None)
    # pytest-textual-snapshot's own (TEXTUAL_SNAPSHOT_TEMPDIR: where pytest-xdist's workers
    # leave their pictures for the report) is the test run's, not the developer's: it stays.
    for name in [name for name in os.environ
                 if name.startswith("TEXTUAL_") and not name.startswith("TEXTUAL_SNAPSHOT")]:
        del os.environ[name]


def written_into_home() -> list[str]:
    """What the test run has written into its home folder (nothing, unless something is wrong)."""
    return sorted(str(path.relative_to(TEST_HOME)) for path in TEST_HOME.rglob("*"))


def pytest_sessionfinish(session, exitstatus):
    written = written_into_home()
    if not written:
        shutil.rmtree(TEST_HOME, ignore_errors=True)
        return
    session.config.get_terminal_writer().line(
        f"The test run wrote into its home folder {TEST_HOME} (outside the tests, a developer's "
        "home): " + ", ".join(written[:20]), red=True)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def fixed_clock():
    """Every test runs on 2026-11-27 at midday UTC unless it moves the clock itself."""
    clock.set_clock(lambda: TODAY)
    yield
    clock.reset_clock()


@pytest.fixture(autouse=True)
def reader_in_utc():
    """Every test reads times in UTC (the process's zone is the reader's, SPEC §2), whatever the
    machine's; a test that reads them elsewhere sets TZ itself (tests/store/test_time.py)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def without_time_zone(create):
    """`Company.create` as the first version of the program made companies: without the time
    zone (0005) and the name's folded copy (0014), which its schema lacks. Tests that write an
    older file with today's demo code patch it in."""

    def first_version_create(**fields):
        fields.pop("time_zone", None)
        fields.pop("name_folded", None)
        return create(**fields)

    return first_version_create


def with_frequency(create):
    """`Subscription.create` as the program wrote subscriptions before contract terms (0009):
    a `frequency` (monthly | annual) where the term is now. Raw SQL: the model has no such
    field any more."""

    def first_version_create(**fields):
        from store.persistence.db import database

        term = fields.pop("term")
        fields["frequency"] = "monthly" if term == "monthly" else "annual"
        columns = [f"{name}_id" if name in ("company", "plan") else name for name in fields]
        database.execute_sql(
            f"INSERT INTO subscription ({', '.join(columns)}) VALUES "
            f"({', '.join([database.param] * len(fields))})", list(fields.values()))

    return first_version_create


@pytest.fixture
def stable_origin(monkeypatch):
    """Trail lines say where they came from ("login NAME on HOST"): snapshots show it, so it
    must not be this machine's login and host name."""
    from store.people import identity

    monkeypatch.setattr(identity, "local_origin", lambda: "login jonas on desk")


@pytest.fixture(autouse=True)
def english_environment(monkeypatch):
    """Tests read English whatever the developer's own locale; tests/i18n choose French
    themselves (the language comes from --lang, MYCOMPANY_LANG, LC_ALL, LC_MESSAGES, LANG)."""
    for name in ("MYCOMPANY_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(autouse=True)
def no_background_tabs(monkeypatch):
    """The company screen builds its other tabs half a second after it opens: a test counting
    queries or widgets must not see that happen at a time the machine's load decides.
    tests/tui/test_warm_up.py turns it on again."""
    monkeypatch.setenv("MYCOMPANY_WARM_UP", "0")


POSTGRES_URL = os.environ.get("MYCOMPANY_TEST_POSTGRES_URL")
_database_numbers = itertools.count(1)


def pytest_report_header(config):
    if POSTGRES_URL:
        return f"PostgreSQL leg: on, {POSTGRES_URL}"
    return ("PostgreSQL leg: off (set MYCOMPANY_TEST_POSTGRES_URL to a server's URL; "
            "`bash .ci/postgres start DIR` starts one)")


NO_SERVER = pytest.param("postgres", marks=pytest.mark.skip(
    reason="MYCOMPANY_TEST_POSTGRES_URL is not set: this test needs a PostgreSQL server"))


def pytest_generate_tests(metafunc):
    """The store tests, and other tests marked both_backends, run once per database."""
    if "db_url" not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker
    if marker("sqlite_only"):
        return
    marks = metafunc.definition.iter_markers("parametrize")
    if any("db_url" in str(mark.args[0]) for mark in marks):
        return  # the test names its legs itself (test_demo_never_ahead_of_now)
    if marker("postgres_only"):
        metafunc.parametrize("db_url", ["postgres" if POSTGRES_URL else NO_SERVER], indirect=True)
        return
    in_store_tests = metafunc.definition.path.parent.name == "store"
    if in_store_tests or marker("both_backends"):
        metafunc.parametrize("db_url", ["sqlite", "postgres"] if POSTGRES_URL else ["sqlite"],
                             indirect=True)


def _admin(url: str):
    """A psycopg connection (autocommit) to the server's maintenance database of `url`."""
    import psycopg
    from playhouse.db_url import parse

    params = {k: v for k, v in parse(url).items() if k != "database"}
    return psycopg.connect(dbname=parse(url)["database"], autocommit=True, **params)


def _with_database(url: str, name: str) -> str:
    base, _, query = url.partition("?")
    return base.rsplit("/", 1)[0] + "/" + name + (f"?{query}" if query else "")


@pytest.fixture(scope="session")
def postgres_template():
    """A migrated, empty database on the test server, copied for every test (CREATE ...
    TEMPLATE)."""
    name = f"mycompany_template_{os.getpid()}"
    with _admin(POSTGRES_URL) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    store.persistence.db.open_database(_with_database(POSTGRES_URL, name))
    database.close()
    yield name
    with _admin(POSTGRES_URL) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def db_url(request, tmp_path):
    """A database URL for one test: a SQLite file, or a fresh PostgreSQL database when the test is
    parametrised with "postgres" (pytest_generate_tests above does that)."""
    if getattr(request, "param", "sqlite") == "sqlite":
        yield store.persistence.db.database_url_for(tmp_path / "data" / "mycompany.sqlite3")
        return
    template = request.getfixturevalue("postgres_template")
    name = f"mycompany_test_{os.getpid()}_{next(_database_numbers)}"
    with _admin(POSTGRES_URL) as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    yield _with_database(POSTGRES_URL, name)
    if not database.is_closed():
        database.close()
    with _admin(POSTGRES_URL) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def db(db_url):
    """An empty, migrated database in a real file."""
    handle = store.persistence.db.open_database(db_url)
    yield handle
    if not database.is_closed():
        database.close()


@pytest.fixture
def demo(db):
    """The demo data, its History empty (tests count the lines their actions add; `mycompany
    demo` also writes the past runs' card charges: tests/cli/test_declines_in_history.py);
    returns the company ids by short name."""
    atelier, nordwind, blue = store.demo.create_demo(charge_trail=False)
    return {"atelier": atelier, "nordwind": nordwind, "blue": blue}


@pytest.fixture
def as_(demo):
    """`as_("jonas@nordwind.de")`: the acting person, as the store resolves them."""
    return store.people.access.resolve_actor


@pytest.fixture
def make_app(demo):
    """`make_app("jonas@nordwind.de", tab="plan")`: the app as that person, not yet running."""

    def make(email: str = "jonas@nordwind.de", *, company: int | None = None,
             tab: str = "general", locale: str = "en"):
        actor = store.people.access.resolve_actor(email)
        from tui.app import MyCompanyApp

        app = MyCompanyApp(actor, company if company is not None else actor.company_id,
                           locale=locale, initial_tab=tab)
        app.animation_level = "none"
        app.theme = "textual-dark"
        return app

    return make


@pytest.fixture
def december_begun(request):
    """The clock moved to 2026-12-01 at midday UTC (Dec 1 from UTC-11 to UTC+11), after the
    test's database is made on TODAY: a test issuing December's invoices issues them once the
    month has begun, as the billing run requires (a company's invoice for a month is issued on
    or after the month's first day on its calendar: store.invoicing.series.not_begun; #17)."""
    for name in ("demo", "cli", "mycompany", "db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
    clock.set_clock(lambda: DECEMBER_BEGUN)


DECEMBER_BEGUN = date(2026, 12, 1)
