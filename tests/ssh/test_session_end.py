"""A person removed, or whose role changed, while their `ssh -t` screens are open: the session
ends on its own within the server's look (store.people.sessions.WATCH), with one line saying
why and exit status 3, without waiting for a key (#18 trial: sam's search stayed up 10 s and
more after `staff remove`, and ended only at his next keystroke). Other people's sessions stay."""

from __future__ import annotations

import contextlib
import time

import pytest

import store.people.access
import store.people.keys
import store.people.staff
import store.persistence.db
from store.people import sessions
from store.persistence.db import database

from .conftest import make_key, wait_gone
from .test_terminal import QUIT, session_process

# The server looks every WATCH; the rest is the hang-up and the line's way back to the client on
# a loaded machine (the look itself takes milliseconds).
WITHIN = sessions.WATCH.total_seconds() + 3.0


@contextlib.contextmanager
def the_store(demo):
    """The demo database opened in the test's own process, for an admin's action."""
    store.persistence.db.open_database(demo.url)
    try:
        yield store.people.access.resolve_actor("admin@mycompany.example")
    finally:
        database.close()


@pytest.fixture
def staff_member(demo):
    """`staff_member("sam")`: a support member of staff with a key of their own (in
    demo.keys), made by admin staff for this test."""

    def make(name: str) -> str:
        email = f"{name}@mycompany.example"
        demo.keys[name] = make_key(demo.folder / name)
        with the_store(demo) as admin:
            store.people.staff.add_staff(admin, {"email": email, "name": name.title(),
                                                 "role": "support"})
            store.people.keys.add_key(admin, email, (demo.folder / f"{name}.pub").read_text())
        return email

    return make


def ends_on_its_own(terminal, line: bytes) -> float:
    """Seconds from now until `line` shows on the terminal, no key sent; the exit status is 3."""
    started = time.monotonic()
    terminal.read_until(line, timeout=WITHIN + 5)
    took = time.monotonic() - started
    assert terminal.wait() == 3
    return took


def test_a_removed_persons_open_screen_ends_without_a_key(server, demo, terminals,
                                                          staff_member):
    sam = staff_member("sam")
    before = server.session_processes()
    terminal = server.terminal("sam")
    terminals.append(terminal)
    terminal.read_until(b"e-mail domain")
    child = session_process(server, before)
    jonas = server.terminal("jonas")  # someone else's session, which stays
    terminals.append(jonas)
    jonas.read_until(b"Nordwind Logistik GmbH")
    with the_store(demo) as admin:
        store.people.staff.remove_staff(admin, sam)
    # The one line says why, and who removed them (#18 trial t18: "This session has ended").
    took = ends_on_its_own(terminal, b"was removed by Ada Admin (admin@mycompany.example): "
                                     b"the session ends.")
    assert took < WITHIN, f"the screen stayed up {took:.1f} s"
    shown = bytes(terminal.output)
    # The client's terminal is put back first (main screen, cursor shown), then the one line.
    assert b"\x1b[?1049l\x1b[?25h" in shown.split(b"Your staff account")[0][-200:]
    wait_gone({child}, timeout=3.0)
    print(f"removed: the screen ended {took:.2f} s after staff remove")

    time.sleep(sessions.WATCH.total_seconds() + 0.5)  # the next look leaves Jonas alone
    assert jonas.process.poll() is None
    jonas.send(QUIT)
    assert jonas.wait() == 0
    demo.wait_sessions_ended()


def test_a_changed_role_ends_the_open_screen_to_sign_in_again(server, demo, terminals,
                                                                staff_member):
    rita = staff_member("rita")
    terminal = server.terminal("rita")
    terminals.append(terminal)
    terminal.read_until(b"e-mail domain")
    with the_store(demo) as admin:
        store.people.staff.set_role(admin, rita, "billing")
    took = ends_on_its_own(
        terminal, b"was changed to billing by Ada Admin (admin@mycompany.example): "
                  b"sign in again.")
    assert took < WITHIN, f"the screen stayed up {took:.1f} s"
    demo.wait_sessions_ended()
    # Signed in again, as what they are now: the billing team's screens.
    again = server.terminal("rita")
    terminals.append(again)
    again.read_until(b"e-mail domain")
    again.send(QUIT)
    assert again.wait() == 0
    demo.wait_sessions_ended()
