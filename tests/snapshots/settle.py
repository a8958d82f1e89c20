"""One way to wait before a snapshot: settled, in place, no blinking cursor, no toasts."""

from __future__ import annotations

from textual.widgets import Input


def _picture_state(app) -> tuple:
    """What a chain of call_after_refresh steps may still change: screens, focus, scroll offsets
    of every screen drawn, a dialog's and the screen under it (CI: the Billing tab under the
    reason dialog was still scrolling to the focused field when the dialog was drawn)."""
    offsets = tuple((id(widget), widget.scroll_offset) for screen in app.screen_stack
                    for widget in screen.walk_children() if widget.is_scrollable)
    return (len(app.screen_stack), id(app.screen.focused), offsets)


async def settle(pilot, *, rounds: int = 20) -> None:
    """Wait until nothing moves any more, then steady what blinks: the same picture every run.

    A save scrolls its errors into view over several refreshes (focus, then the section's title,
    then the focused field); a loaded CPU (CI on two cores) spreads those over more frames, so a
    fixed number of pauses is not enough. Up to `rounds` refresh cycles are waited for.
    """
    before = None
    for _ in range(rounds):
        # A save's store call runs off the event loop (a thread worker): its answer first.
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        now = _picture_state(pilot.app)
        if now == before:
            break
        before = now
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    pilot.app.clear_notifications()
    await pilot.pause(0.05)
