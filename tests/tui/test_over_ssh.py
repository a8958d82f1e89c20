"""The screens of a session signed in over SSH (SPEC §10) never reach the server's files: no
file browser of the server's folders, no upload from a server path, no PDF saved on the server;
each key says how to send or fetch the file through ssh instead."""

from __future__ import annotations

import asyncssh
import pytest

import store
import store.people.access
from store.people import identity, keys, sessions
from store.persistence.models import CompanyLogo
from tests.tui.helpers import store_answered
from tui.app import MyCompanyApp
from tui.tabs.general import GeneralTab, LogoFilePicker


@pytest.fixture
def ssh_app(demo):
    key = asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode()
    fingerprint = keys.add_key(store.people.access.resolve_actor("admin@mycompany.example"),
                               "jonas@nordwind.de", key).fingerprint
    token, _session = sessions.open_capped_session(
        identity.sign_in_key(fingerprint, "192.0.2.5"), server="test:1", max_sessions=2)
    jonas = identity.redeem_session(token)

    def make(tab: str = "general") -> MyCompanyApp:
        app = MyCompanyApp(jonas, jonas.company_id, locale="en", initial_tab=tab)
        app.animation_level = "none"
        return app

    return make


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_logo_keys_over_ssh_open_no_browser_and_say_how_to_send_it(ssh_app):
    app = ssh_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one(GeneralTab).focus()
        for key in ("o", "u"):
            await pilot.press(key)
            await store_answered(pilot)  # the store's answer comes off the event loop
            assert not isinstance(app.screen, LogoFilePicker)
            assert len(app.screen_stack) == 1  # no path prompt either
            assert "logo set - < FILE" in text_of(app, "#logo-error")
    assert not CompanyLogo.select().exists()


async def test_downloading_an_invoice_over_ssh_says_how_to_fetch_it(ssh_app, tmp_path,
                                                                    monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    app = ssh_app("billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await store_answered(pilot)
        await pilot.pause()
        assert "--out - > INV-000002-0014.pdf" in text_of(app, "#download-result")
    assert not any(tmp_path.rglob("*.pdf"))
