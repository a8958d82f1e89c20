"""ctrl+q while a tab's store call runs outside a form (#15 trial: ctrl+q during a logo upload
quit at once, the outcome never seen): the same question as a form's save under way, and
waiting quits once the call has answered (tui.screens.leaving.calls_under_way). The call
waits on a real second connection's lock, as in test_save_under_way_asks."""

from __future__ import annotations

from textual.widgets import DataTable, Static

import store.profile.company
from store.persistence.models import Invoice, PaymentMethod
from tui.tabs.general import GeneralTab

from .helpers import asked, make_png, owner, store_answered, text_of, until
from .test_save_under_way_asks import lock, question


async def _logo_sending(pilot, app, path) -> None:
    app.query_one(GeneralTab).set_logo(str(path))
    await until(pilot, lambda: any(w.group == "saving" and w.is_running for w in app.workers),
                "the logo being sent")


async def test_quit_while_the_logo_is_sent_asks_and_quits_once_it_is_stored(
        make_app, demo, db_url, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        other = lock(db_url)
        await _logo_sending(pilot, app, make_png(tmp_path / "logo.png"))
        await pilot.press("ctrl+q")
        await asked(pilot, "the question")
        assert question(app) == ("A save is under way on General: its outcome will show "
                                 "here.\nWait for it, then quit?")
        await pilot.press("y")
        await pilot.pause(0.2)
        assert app.is_running  # not before the outcome
        other.execute("COMMIT")
        other.close()
        await until(pilot, lambda: not app.is_running, "the program quit once stored")
    assert store.profile.company.get_general(owner(), demo["nordwind"]).logo_filename is not None


async def test_no_wait_leaves_the_program_open_and_the_logo_still_shows(
        make_app, demo, db_url, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        other = lock(db_url)
        await _logo_sending(pilot, app, make_png(tmp_path / "logo.png"))
        await pilot.press("ctrl+q")
        await asked(pilot, "the question")
        await pilot.press("n")
        other.execute("COMMIT")
        other.close()
        await until(pilot, lambda: "Logo" in " ".join(str(n.message)
                                                      for n in app._notifications),
                    "the logo's outcome shown")
        assert app.is_running


async def _quit_while_charging(pilot, app, db_url: str):
    """Pay now asked and answered on Billing while another program holds the database (the
    charge waits on its lock), then ctrl+q: the question on screen; the lock returned."""
    await store_answered(pilot)
    app.company_screen().query_one("#invoices", DataTable).focus()
    await pilot.press("y")
    await asked(pilot, "the payment asked")
    other = lock(db_url)
    await pilot.press("y")
    await until(pilot, lambda: any(w.group == "saving" and w.is_running
                                   for w in app.workers), "the charge under way")
    await pilot.press("ctrl+q")
    await asked(pilot, "the question")
    return other


async def test_quit_while_the_card_is_charged_waits_for_the_charge(make_app, demo, db_url):
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        other = await _quit_while_charging(pilot, app, db_url)
        assert question(app).startswith("A save is under way on Billing")
        await pilot.press("y")
        other.execute("COMMIT")
        other.close()
        await until(pilot, lambda: not app.is_running, "the program quit once charged")
    assert sorted(i.status for i in Invoice.select().where(
        Invoice.number.in_(["INV-000002-0013", "INV-000002-0014"]))) == ["paid", "paid"]


async def test_a_declined_charge_stops_the_quit_and_says_so(make_app, demo, db_url):
    """Verification trial: "Wait for it, then quit?" then a charge refused (declined, or the
    database busy) quit at once, exit 0, nothing said; the invoices still open."""
    PaymentMethod.update(token="tok_sandbox_declines_test").where(
        PaymentMethod.company == demo["nordwind"]).execute()
    app = make_app(tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        other = await _quit_while_charging(pilot, app, db_url)
        await pilot.press("y")  # wait
        other.execute("COMMIT")
        other.close()
        await store_answered(pilot)
        await until(pilot, lambda: "declined" in text_of(app.query_one("#payment-error", Static)),
                    "the decline said")
        await pilot.pause(0.3)
        assert app.is_running
    assert sorted(i.status for i in Invoice.select().where(
        Invoice.number.in_(["INV-000002-0013", "INV-000002-0014"]))) == ["open", "open"]
