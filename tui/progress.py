"""A progress bar on stderr for long commands (the billing run, the demo's generated companies):
Rich's, as Textual's own dependency draws it; nothing when stderr is not a terminal, so a
script's output and logs stay clean.

Ctrl-C during the work of a command that passes `stopped` says, in one line on stderr, what was
kept and that the same command finishes it (the billing run, send-queued and sync work in one
transaction per company or e-mail, safe to run again); the command still exits 130, as a shell
expects (tui.cli; #17 trial: it printed nothing)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from store.i18n import _

Step = Callable[[int, int], None]
Stopped = Callable[[KeyboardInterrupt], str | None]  # None: the command says it itself


def stopped_line(_stop: KeyboardInterrupt) -> str:
    """The line of a command whose work is kept as it goes and finished by running it again."""
    return _("Stopped: what was done is kept. Run the same command again to finish.")


@contextmanager
def progress_bar(label: str, *, stopped: Stopped | None = None) -> Iterator[Bar | None]:
    """`with progress_bar("Issuing") as step:` hands a `step(done, total)` callback (a Bar) to
    a store service that takes `progress=`, or None when stderr is not a terminal. The bar is taken
    away when the work ends (transient), leaving the command's own answer on screen. Ctrl-C
    inside: `stopped(the interrupt)` is written to stderr (unless None: the command says it on
    stdout), and the interrupt goes on to tui.cli (exit 130)."""
    try:
        if not sys.stderr.isatty():
            yield None
            return
        with _bar(label) as step:
            yield step
    except KeyboardInterrupt as stop:
        said = stopped(stop) if stopped is not None else None
        if said is not None:  # off the ^C's line; tui.cli ends the line and returns 130
            sys.stderr.write("\n" + said)
        raise


class Bar:
    """A bar's `step(done, total)`; `then(label)` gives the step of the work that comes next in
    the same bar (the billing run's e-mails after its companies, #17 trial: the bar stood at
    "Issuing 153/153" for 10 s while 150 e-mails went out): its first call names the bar anew
    and counts from there."""

    def __init__(self, bar, task) -> None:
        self._bar, self._task = bar, task

    def __call__(self, done: int, total: int) -> None:
        self._bar.update(self._task, completed=done, total=total)

    def then(self, label: str) -> Step:
        started = False

        def step(done: int, total: int) -> None:
            nonlocal started
            if not started:
                started = True
                self._bar.reset(self._task, total=total, description=label)
            self(done, total)

        return step


@contextmanager
def _bar(label: str) -> Iterator[Bar]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        yield Bar(bar, bar.add_task(label, total=None))
