"""A progress bar on stderr for long commands (the billing run, the demo's generated companies):
Rich's, as Textual's own dependency draws it; nothing when stderr is not a terminal, so a
script's output and logs stay clean."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Step = Callable[[int, int], None]


@contextmanager
def progress_bar(label: str) -> Iterator[Step | None]:
    """`with progress_bar("Issuing") as step:` hands a `step(done, total)` callback to a store
    service that takes `progress=`, or None when stderr is not a terminal. The bar is taken
    away when the work ends (transient), leaving the command's own answer on screen."""
    if not sys.stderr.isatty():
        yield None
        return
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
