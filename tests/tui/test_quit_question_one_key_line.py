"""The quit question asked from inside a dialog shows one key line, its own (#15 trial: ctrl+q
with an address typed in Add recipient, over Billing's two key lines, showed the dialog's key
line stacked over the question's)."""

from __future__ import annotations

from textual.widgets import Input

from tui.screens.recipient import RecipientModal
from tui.widgets.key_footer import KeyFooter

from .helpers import asked, store_answered, until


async def test_the_quit_question_over_a_dialog_covers_every_key_line_below(make_app):
    app = make_app("jonas@nordwind.de", tab="billing")
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        billing = app.screen.query_one(KeyFooter)
        assert billing.size.height == 2  # Billing's keys take two lines at 80 columns
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, RecipientModal), "Add recipient")
        app.screen.query_one("#field-email", Input).value = "x@nordwind.de"
        await pilot.press("ctrl+q")
        await asked(pilot, "the quit question")
        await pilot.pause()
        question = app.screen.query_one(KeyFooter)
        assert question.region == billing.region  # the whole key area, nothing of it below
        shown = [str(question.render_line(y).text).strip() for y in range(question.size.height)]
        assert [line for line in shown if line] == ["y Yes n No"]
