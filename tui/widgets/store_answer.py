"""The one way a form takes a store call's answer (`attempt`): its value, or the refusal shown
where the person reads it (by field, or in the form's banner), the input kept."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

import store
import store.errors
from store.i18n import _

from ..formatting import timestamp

Answer = TypeVar("Answer")


def attempt(action: Callable[[], Answer], show_errors: Callable[[Mapping[str, str]], None],
            show_banner: Callable[[str], None],
            on_outdated: Callable[[], object] | None = None) -> tuple[bool, Answer | None]:
    """Run `action`, a store call: (True, its answer), or (False, None) once the refusal shows:
    invalid input by field (`show_errors`); a conflict, a full disk or a busy database (the
    input kept), or another refusal, in `show_banner`; one that says what the form shows is out
    of date (a conflict, the lock changed: StoreError.outdated) then `on_outdated`. Every form
    sends so."""
    try:
        return True, action()
    except store.errors.InvalidInput as exc:
        show_errors(exc.errors)
        if exc.outdated and on_outdated is not None:  # "already receives" (#15 trial)
            on_outdated()
    except store.errors.Conflict as exc:
        when = timestamp(exc.changed_at, zone_name=True) if exc.changed_at else "?"
        show_banner(exc.changed_at_text(when) + "\n" + _(
            "Your input is kept: ctrl+s saves it over their change; escape loads their "
            "version instead."))
        if on_outdated is not None:
            on_outdated()
    except (store.errors.StorageError, store.errors.Busy) as exc:  # disk full, read-only, busy
        # ctrl+s is offered only where trying again may work: never on a database opened for
        # reading only, which no save reaches before a restart (verification trial: "start
        # mycompany again to save", then "ctrl+s tries again"). Busy says so too (#15 trial t15:
        # the busy answer said nothing of the input, the full disk's did).
        restart = isinstance(exc, store.errors.StorageError) and exc.until_restart
        show_banner(exc.message if restart else exc.message + "\n" + _(
            "What you typed is kept: ctrl+s tries again."))
    except store.errors.StoreError as exc:
        show_banner(exc.message)
        if exc.outdated and on_outdated is not None:
            on_outdated()
    return False, None
