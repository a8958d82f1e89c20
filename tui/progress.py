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
def progress_bar(label: str, *, stopped: Stopped | None = None) -> Iterator[Step | None]:
    """`with progress_bar("Issuing") as step:` hands a `step(done, total)` callback to a store
    service that takes `progress=`, or None when stderr is not a terminal. The bar is taken
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


@contextmanager
def _bar(label: str) -> Iterator[Step]:
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
        task = bar.add_task(label, total=None)

        def step(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield step
