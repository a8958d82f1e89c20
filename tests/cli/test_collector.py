"""The garbage collector is paused while the program starts (tui/collector.py) and never left off:
not after the first frame, not after a command, not after main() returns; what the start made is
frozen only while the app runs."""

from __future__ import annotations

import gc

import pytest

from tui import collector


@pytest.fixture
def collecting():
    yield
    collector.release()
    gc.enable()


async def test_the_screens_collect_garbage_again_once_the_first_frame_is_drawn(
        make_app, collecting):
    collector.pause()
    assert not gc.isenabled()
    app = make_app(tab="plan")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # the start's objects are out of the collector's way
    assert gc.isenabled() and gc.get_freeze_count() == 0  # the app's end thawed them


async def test_an_app_started_without_main_freezes_and_thaws_too(make_app, collecting):
    app = make_app(tab="plan")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled() and gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_a_command_runs_and_returns_with_the_collector_on(cli, collecting):
    status, out, _ = cli("--as", "jonas@nordwind.de", "show", "plan")
    assert status == 0 and out
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_refused_start_leaves_the_collector_on(cli, collecting):
    status, _, err = cli("--as", "nobody@example.com")
    assert status != 0 and err
    assert gc.isenabled() and gc.get_freeze_count() == 0
