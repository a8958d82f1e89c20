"""The cyclic garbage collector: paused while the program starts, blind to what the start made.

Starting allocates tens of thousands of long-lived objects (modules, classes, styles, widgets)
and almost no garbage, yet every few hundred allocations make the collector walk them again:
5-8 % of the time to the first frame. `pause()` stops it for the start (main() calls it).
Once the first frame is drawn the app calls `settled()`: what exists then is moved out of the
collector's sight (`gc.freeze`), so that later collections walk only what is new, and the
collector runs again; the company screen calls it once more when it has built its other tabs.
`release()`, when the app or main() ends, undoes both: a process that runs the program more
than once (the tests) gets every run's garbage collected.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def _resume() -> None:
    global _paused
    if _paused:
        _paused = False
        gc.enable()


def settled() -> None:
    """What exists now lives as long as the app (the first frame is drawn, the tabs are built):
    freeze it, and collect again if the start paused the collector."""
    gc.freeze()
    _resume()


def release() -> None:
    """The program ends: collect as usual, frozen objects included."""
    _resume()
    gc.unfreeze()


def resume_for_command() -> None:
    """A command, not the screens: collect as usual from here on (demo --companies 100000
    makes garbage in bulk)."""
    _resume()
