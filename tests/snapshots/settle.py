"""One way to wait before a snapshot: composed, no blinking cursor, no toasts."""

from __future__ import annotations

from textual.widgets import Input


async def settle(pilot) -> None:
    """Composed, no blinking cursor, no toasts: the same picture every run."""
    # Twice: a save's banner scrolls itself into view one refresh later (a loaded CPU showed it).
    for _ in range(2):
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    pilot.app.clear_notifications()
    await pilot.pause(0.05)
