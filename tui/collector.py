"""The cyclic garbage collector, paused while the program starts.

Starting allocates tens of thousands of long-lived objects (modules, classes, styles, widgets)
and almost no garbage, yet each few hundred allocations make the collector walk them again:
about 5 % of the time to the first frame. `pause()` stops it for the start; `resume()` (once
the first frame is drawn) moves everything made so far out of its sight (`gc.freeze`) and
turns it back on. `release()` undoes both when `main()` returns, so a caller that runs the
program more than once in one process (the tests) gets its garbage collected.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Turn the collector back on if pause() turned it off; the start's objects stay frozen."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def release() -> None:
    """End of main(): collect as usual again, frozen objects included."""
    resume()
    gc.unfreeze()
