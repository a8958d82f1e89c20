"""Store calls that can wait run off the event loop: a Textual thread worker makes the call, and
its outcome comes back to the event loop as a message to the widget that asked.

While another program holds the SQLite file (SQLite waits up to its busy timeout, 5 s,
store/persistence/db.py) or a PostgreSQL server is a network round trip away, the screen keeps
drawing and the keys keep working: only the call waits, on a thread of its own.

Threads and connections: peewee keeps one connection per thread and opens it on the thread's
first query; a save's worker closes it when the call is done (store.connections), so a pooled
thread keeps nothing open. Reads (`read_off_loop`, `LatestRead`) run on one reading thread that
keeps its connection for KEEP_OPEN seconds after its last read, so that pages turned one after
another do not each open one. The call never touches a widget: what it needs from the screen
(the typed values, the chosen option) is read on the event loop before, and what it answers is
shown on the event loop after (`then`), through `MessagePump.call_later`, a message (Textual's
post_message is safe to call from another thread).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Generic, TypeVar

from textual.widget import Widget
from textual.worker import Worker, get_current_worker

Answer = TypeVar("Answer")


@dataclass(frozen=True)
class Outcome(Generic[Answer]):
    """What a store call ended with: its answer, or the exception it raised."""

    answer: Answer | None = None
    error: Exception | None = None

    def unwrap(self) -> Answer:
        """The answer; the call's exception (a StoreError, or a bug) is raised here, on the event
        loop, with the call's own traceback."""
        if self.error is not None:
            raise self.error
        return self.answer  # type: ignore[return-value]


def call_off_loop(widget: Widget, action: Callable[[], Answer],
                  then: Callable[[Outcome[Answer]], object], *, group: str) -> Worker[None]:
    """Run `action` (a store call, touching no widget) in a Textual thread worker of `widget`;
    `then(outcome)` runs afterwards on the event loop, in `widget`'s message queue. When
    `widget` is gone by then (its screen closed), the outcome is dropped: the store call itself
    has done what it did. `group` names the worker group (app.workers; tests wait for it)."""

    def work() -> None:
        import store.connections

        try:
            outcome: Outcome[Answer] = Outcome(answer=action())
        except Exception as exc:  # noqa: BLE001 - handed to the event loop, raised there
            outcome = Outcome(error=exc)
            _refused.add(get_current_worker())
        finally:
            store.connections.release_connection()
        # call_later posts a Callback message: post_message is safe from another thread.
        widget.call_later(then, outcome)

    return widget.run_worker(work, name=group, group=group, thread=True, exit_on_error=True)


# The workers of call_off_loop whose store call raised (a refusal, a decline, a busy database).
_refused: weakref.WeakSet[Worker[None]] = weakref.WeakSet()


def call_refused(worker: Worker[None]) -> bool:
    """Whether the store call of `worker` (a call_off_loop worker, finished) ended with an
    exception rather than an answer: its outcome, shown by its widget, is a refusal (what
    waits for the call, tui.screens.leaving, then does not go on as if it had been taken)."""
    return worker in _refused


READING = "reading"  # the worker group of reads (tests wait for it as for saves)
# Seconds after which a read still running says so (a quicker one shows no flicker).
SLOW_AFTER = 0.25
# Seconds the reading thread keeps its connection after its last read: pages turned one after
# another reuse it (opening one, pragmas and schema, costs ~5 ms on SQLite and a round trip or
# more on PostgreSQL), and an idle program keeps nothing open.
KEEP_OPEN = 2.0

# Reads run one after another on one thread of their own (a newer read supersedes an older one
# anyway), so that they can share that thread's connection.
_reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mycompany-read")
_release_timer: threading.Timer | None = None
_timer_lock = threading.Lock()


def _release_later() -> None:
    """(On the reading thread.) Close its connection once no read came for KEEP_OPEN seconds."""
    global _release_timer

    def release() -> None:
        import store.connections

        with contextlib.suppress(RuntimeError):  # the program is ending: nothing to release
            _reader.submit(store.connections.release_connection)

    with _timer_lock:
        if _release_timer is not None:
            _release_timer.cancel()
        _release_timer = threading.Timer(KEEP_OPEN, release)
        _release_timer.daemon = True
        _release_timer.start()


def _read(action: Callable[[], Answer]) -> Outcome[Answer]:
    try:
        return Outcome(answer=action())
    except Exception as exc:  # noqa: BLE001 - handed to the event loop, raised there
        return Outcome(error=exc)
    finally:
        _release_later()


def read_off_loop(widget: Widget, action: Callable[[], Answer],
                  then: Callable[[Outcome[Answer]], object]) -> Worker[None]:
    """As `call_off_loop`, for a read: `action` runs on the reading thread, whose connection
    stays open between reads (KEEP_OPEN). The worker (group READING) is an async one of
    `widget` awaiting that thread, so it is cancelled, and `then` dropped, with the widget."""

    async def work() -> None:
        outcome = await asyncio.get_running_loop().run_in_executor(_reader, _read, action)
        then(outcome)  # on the event loop already: no message round (a page change is timed)

    return widget.run_worker(work(), name=READING, group=READING, exit_on_error=True)


class LatestRead(Generic[Answer]):
    """A series of reads of the same thing (page after page, reload after reload): each runs off
    the event loop (`call_off_loop`), and only the newest one's answer is shown, so that a key
    pressed again while a read runs is never undone by the older answer arriving later.

    `pending` while the newest read has not answered. `slow()` (optional) runs on the event loop
    when the newest read is still running after SLOW_AFTER seconds: where the widget says that
    it is reading; `then` shows the answer (and puts the line back)."""

    def __init__(self) -> None:
        self.asked = 0
        self.answered = 0

    @property
    def pending(self) -> bool:
        return self.answered < self.asked

    def read(self, widget: Widget, action: Callable[[], Answer],
             then: Callable[[Outcome[Answer]], object], *,
             slow: Callable[[], object] | None = None) -> Worker[None]:
        self.asked += 1
        ticket = self.asked

        def answered(outcome: Outcome[Answer]) -> None:
            if ticket != self.asked:
                return  # a newer read was asked for: its answer is the one to show
            self.answered = ticket
            then(outcome)

        if slow is not None:
            def still_reading() -> None:
                if self.asked == ticket and self.pending:
                    slow()

            widget.set_timer(SLOW_AFTER, still_reading)
        return read_off_loop(widget, action, answered)
