"""What every measurement in bench/ shares: the settle barrier, one rendered frame, a query log.

Nothing heavy is imported at the top: bench/firstframe.py imports this module inside the time it
measures, so Textual is imported by the functions that need it.
"""

from __future__ import annotations

import logging
from time import perf_counter

SIZE = (80, 24)
MAX_ROUNDS = 200


class QueryLog(logging.Handler):
    """Every statement peewee executes (its `execute_sql` logs each one to the "peewee" logger).

    The same counter as playhouse.test_utils.count_queries, which the tests use; install it
    before anything opens the database. Pragmas set on connect and the read-only look
    store/persistence/db.py takes at an existing file go straight to sqlite3 and are not counted.
    """

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[tuple[str, object]] = []
        logger = logging.getLogger("peewee")
        logger.setLevel(logging.DEBUG)
        logger.addHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.msg
        self.statements.append(msg if isinstance(msg, tuple) else (str(msg), ()))

    def __len__(self) -> int:
        return len(self.statements)


def widget_count(app) -> int:
    """The DOM nodes below the current screen (the same count for every app measured)."""
    return sum(1 for _ in app.screen.walk_children())


def _state(app) -> tuple[int, int, int]:
    """(widgets, messages waiting in any queue of the app and the screen, workers still busy)."""
    nodes = list(app.screen.walk_children(with_self=True))
    queued = app._message_queue.qsize() + sum(node._message_queue.qsize() for node in nodes)
    busy = sum(1 for worker in app.workers if not worker.is_finished)
    return len(nodes) - 1, queued, busy


async def settle(app) -> int:
    """Repeat Pilot's wait-for-screen barrier until the screen stops changing; returns the rounds.

    Each round: every node of the screen (and the app) has processed what was queued before the
    round began (textual.pilot.Pilot._wait_for_screen); then any pending layout and repaint is
    done at once (what the screen's 60 Hz update timer would do a few ms later, as Pilot.pause
    does). Settled: two rounds in a row with the same widget count, nothing queued, no worker busy.
    """
    from textual.pilot import Pilot

    pilot = Pilot(app)
    previous = None
    for rounds in range(1, MAX_ROUNDS + 1):
        await pilot._wait_for_screen()
        app.screen._on_timer_update()
        state = _state(app)
        if state == previous and state[1] == 0 and state[2] == 0:
            return rounds
        previous = state
    return MAX_ROUNDS


def render_frame(app) -> int:
    """Render the whole screen to the bytes a terminal would get; returns their length.

    Headless apps compose every update but skip turning it into terminal output; this does that
    step for a full frame, the same for every app measured.
    """
    screen = app.screen
    update = screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return len(update.render_segments(app.console)) if update is not None else 0


class FrameClock:
    """When the app last sent a frame to its terminal, for a timed action to end at its last frame.

    A headless app composes each update but skips writing it; this wraps the app's display step
    (`App._display`) to turn each update into the bytes a terminal would get, as the real driver
    does, and notes the time. The barrier is the bench's own: each round walks every widget of
    the screen with a message (35 ms with Billing's 111 widgets on the 2026-11-30 VM, against
    7 ms for a page change's own work), and would otherwise be timed as the program's.
    """

    def __init__(self, app) -> None:
        self.last: float | None = None
        display = app._display

        def timed_display(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is not None and hasattr(renderable, "render_segments"):
                renderable.render_segments(app.console)
                self.last = perf_counter()

        app._display = timed_display

    @classmethod
    def on(cls, app) -> FrameClock:
        """The app's clock, installed on first use."""
        clock = getattr(app, "_bench_frame_clock", None)
        if clock is None:
            clock = app._bench_frame_clock = cls(app)
        return clock


async def to_frame(app) -> float:
    """Settle and render a frame; returns the time at which the frame was ready."""
    await settle(app)
    render_frame(app)
    return perf_counter()
