"""A session ended under an open screen (#18 trial: sam's search while an admin removed him):
the next store call, from whatever screen, closes the screens with the refusal's one line and
exit 3, never a traceback printing the actor (tui.app.session_ended, store.people.session_end)."""

from __future__ import annotations

import asyncssh
import pytest

import store.people.access
import store.people.staff
from store import clock
from store.people import identity, keys, sessions
from store.people.session_end import SessionEnded
from store.persistence.models_sign_in import SignInSession
from tests.tui.helpers import until
from tui.app import MyCompanyApp

ENDED = "This session has ended: sign in again."
REMOVED = ("Your staff account support@mycompany.example was removed by Ada Admin "
           "(admin@mycompany.example): the session ends.")


def over_ssh(email: str):
    key = asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode()
    admin = store.people.access.resolve_actor("admin@mycompany.example")
    fingerprint = keys.add_key(admin, email, key).fingerprint
    token, _session = sessions.open_capped_session(
        identity.sign_in_key(fingerprint, "192.0.2.5"), server="test:1", max_sessions=2)
    return identity.redeem_session(token)


def watched(app: MyCompanyApp) -> list[dict]:
    said: list[dict] = []
    leave = app.exit
    app.exit = lambda **kw: (said.append(kw), leave(**kw))  # type: ignore[method-assign]
    return said


async def test_typing_in_the_search_after_removal_closes_with_one_line(demo):
    sam = over_ssh("support@mycompany.example")
    app = MyCompanyApp(sam, locale="en")
    app.animation_level = "none"
    said = watched(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause(0.5)
        assert app.is_running
        store.people.staff.remove_staff(
            store.people.access.resolve_actor("admin@mycompany.example"),
            "support@mycompany.example")
        await pilot.press("o")
        await until(pilot, lambda: said, "the screens closing")
    assert said == [{"return_code": 3, "message": REMOVED}]  # why, not only that (#18 t18)
    assert app.return_code == 3


async def test_a_tab_that_shows_refusals_itself_closes_too(demo):
    jonas = over_ssh("jonas@nordwind.de")
    app = MyCompanyApp(jonas, jonas.company_id, locale="en", initial_tab="history")
    app.animation_level = "none"
    said = watched(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        SignInSession.update(ended_at=clock.now()).where(
            SignInSession.id == jonas.session_id).execute()
        app.call_later(app.screen.current_tab().reload)  # its reads show a refusal in its page line
        await until(pilot, lambda: said, "the screens closing")
    assert said == [{"return_code": 3, "message": ENDED}]


async def test_a_store_call_no_screen_catches_ends_in_one_line_not_a_traceback(demo, capsys):
    """The backstop: a screen's call that nobody catches (History's first page, read as the tab
    is built) ends the program with the refusal's line alone (SessionEnded.__rich__)."""
    jonas = over_ssh("jonas@nordwind.de")
    app = MyCompanyApp(jonas, jonas.company_id, locale="en")
    app.animation_level = "none"
    with pytest.raises(SessionEnded):  # Pilot hands the uncaught exception to the test
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.5)
            SignInSession.update(ended_at=clock.now()).where(
                SignInSession.id == jonas.session_id).execute()
            app.call_later(app.screen.action_show_tab, "history")
            await until(pilot, lambda: not app.is_running, "the program ending")
    printed = capsys.readouterr().err
    assert ENDED in printed
    assert "Traceback" not in printed and "session_id" not in printed
    assert app.session_over == ENDED
