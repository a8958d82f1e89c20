"""Type-ahead: a key typed while an earlier key's action is under way waits for it (SPEC §8).

Textual hands each key to the widget focused when the App reads it. A key that opens a dialog,
moves the focus (tab, enter) or leaves a field (escape) takes effect only after several message
hops (and a dialog after it is mounted); keys typed in the same burst were by then handed to the
widget that had the focus before: `xca` on Billing opened three dialogs, the digits typed after
`c` went to the invoice list, not to the card dialog, and a letter typed right after tab landed
in the field being left.

Here the App reads every key from the terminal as before; a key that has a binding where it is
typed (an action key) is handed on at once, and the keys after it wait until what it did is
on screen: the App's queue has been worked through and the screen on top (a new dialog, once
mounted, with its first field focused) has been refreshed. Then they are handed on in the order
they were typed, each to what has the focus by then. Plain characters typed into a field do not
wait for anything, nor do keys after an action that stays in place (it moves a cursor, scrolls
or turns a page of the focused list, and neither moves the focus nor opens a dialog): the keys
after it go where it went, and every binding runs at the App in the order typed, so they need no
wait. Those are Textual's own navigation actions (`STAYS_IN_PLACE`) and the project's actions
marked with `@stays_in_place`, unless the action passes the key on (`passes_on`: a scroll of a
widget that cannot scroll, so ctrl+pagedown in a field switches the tab); following a key's
trail costs 5–10 ms of the event loop on a slow machine (bench/README.md, the invoice page
change), which such keys no longer pay. A key never waits longer than `LONGEST_WAIT` seconds.

Public Textual API only: `App.on_event`, `Screen.active_bindings`, `call_after_refresh` and
`set_timer`. Upstream: Textual delivers keys to the widget focused at the time the App reads
them (textual/app.py, App.on_event), with no wait for the focus a binding is about to move.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from itertools import count
from typing import TypeVar

from textual import events
from textual.actions import ActionError, parse
from textual.app import App, ScreenStackError
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widget import Widget

LONGEST_WAIT = 1.0  # seconds: after this the waiting keys go on, whatever is on screen

# Textual's own actions that move a cursor or scroll within the focused widget (DataTable,
# OptionList, ListView, ScrollableContainer, Input, TextArea), never the focus or the screen.
STAYS_IN_PLACE = frozenset({
    "cursor_up", "cursor_down", "cursor_left", "cursor_right", "cursor_page_up",
    "cursor_page_down", "cursor_home", "cursor_end", "cursor_line_start", "cursor_line_end",
    "cursor_left_word", "cursor_right_word", "page_up", "page_down", "page_left", "page_right",
    "scroll_up", "scroll_down", "scroll_left", "scroll_right", "scroll_home", "scroll_end",
    "scroll_top", "scroll_bottom", "first", "last",
})

# Textual's scroll actions of any widget, by the axis each needs: where the widget cannot scroll
# that way the action skips (SkipAction) and the key goes on to its next binding up the focus
# chain, which may open a question (passes_on).
SCROLLS_ON = {
    **dict.fromkeys(("scroll_up", "scroll_down", "page_up", "page_down"), ("vertical",)),
    **dict.fromkeys(("scroll_left", "scroll_right", "page_left", "page_right"), ("horizontal",)),
    **dict.fromkeys(("scroll_home", "scroll_end"), ("vertical", "horizontal")),
}

Action = TypeVar("Action", bound=Callable[..., object])


def stays_in_place(action: Action) -> Action:
    """Mark an `action_*` method that neither moves the focus nor opens or closes a screen (it
    turns a page of the list that has the focus, say): the keys typed after its key need not wait
    for it (the module's docstring says why). Returns the method itself."""
    setattr(action, "stays_in_place", True)  # noqa: B010 - read back by TypeAhead.is_action
    return action


def passes_on(node: DOMNode, action: str) -> bool:
    """Whether `node`'s binding to Textual's in-place `action` hands the key on instead: its
    scroll actions skip where the widget cannot scroll that way, and the key runs the next
    binding up the focus chain (Widget.action_page_right). In a field, ctrl+pagedown is the
    Input's page_right, skipped, and so the screen's next tab, which may ask "Discard them?"
    (verification trial: ctrl+pagedown then y typed the y into the field, the question came
    after): the keys after it wait as after any key that may open a dialog."""
    axes = SCROLLS_ON.get(action)
    if axes is None or not isinstance(node, Widget):
        return False
    method = f"action_{action}"
    if getattr(type(node), method, None) is not getattr(Widget, method):
        return False  # the widget's own action (a list's page turn): it acts where it is
    return not any(getattr(node, f"allow_{axis}_scroll") for axis in axes)


class TypeAhead:
    """The keys of one App that wait for the action of an earlier key to be on screen.

    The App calls `admit(key)` for each key it reads from the terminal: False means the key is
    kept here (it comes back later through `App.post_message`, as if typed again); True means
    the App hands it on now, and then calls `handed_on(key)`.
    """

    def __init__(self, app: App[object]) -> None:
        self.app = app
        self.waiting: deque[events.Key | events.Paste] = deque()
        self.busy = False
        self.turn = count()
        self.current = -1
        self.seen: Screen[object] | None = None

    def admit(self, event: events.Key | events.Paste) -> bool:
        """True: hand `event` on now; False: it is kept until the earlier key's action is done
        (a paste waits as a key does: pasted while a dialog opens, it goes to the dialog)."""
        if self.busy:
            self.waiting.append(event)
            return False
        self.busy = isinstance(event, events.Key) and self.is_action(event)
        return True

    def is_action(self, key: events.Key) -> bool:
        """Whether `key` runs a binding where it is typed (it may move the focus or open a
        dialog), so that the keys after it must wait."""
        try:
            screen = self.app.screen
        except ScreenStackError:  # no screen yet (starting) or any more (closing)
            return False
        focused = screen.focused
        if focused is not None and focused.check_consume_key(key.key, key.character):
            return False  # typed into a field: the quick way, no bindings to look up
        active = screen.active_bindings.get(key.key)
        if active is None:
            return False
        try:
            namespace, name, _ = parse(active.binding.action)
        except ActionError:
            return True
        if name in STAYS_IN_PLACE:
            return passes_on(active.node, name)
        method = None if namespace else getattr(active.node, f"action_{name}", None)
        return not getattr(method, "stays_in_place", False)

    def handed_on(self, key: events.Key | events.Paste, target: MessagePump) -> None:
        """After the App handed `key` on to `target` (the focused widget, or the screen): if it
        is an action key, the next keys wait for it."""
        if not self.busy:
            return
        turn = self.current = next(self.turn)
        self.seen = None
        self.app.set_timer(LONGEST_WAIT, lambda: self.release(turn))
        # 1. Behind the key, up from the widget it went to, to the App (which runs its binding
        #    once the key is back). 2. Behind what that made the focused widget send (enter in a
        #    field: Input.Submitted, which moves the focus). 3. The screen on top, mounted.
        self.trail(target, turn, lambda: self.trail(self.focus_or_screen(), turn,
                                                    lambda: self.check(turn)))

    def hold(self) -> int:
        """Hold the keys typed from now on, as after an action key, until `let_go(turn)` (with
        the turn returned here) or `LONGEST_WAIT` seconds. A dialog's save holds them while the
        store answers: ctrl+s then `2` switches the tab once the dialog has closed, instead of
        typing `2` into a dialog about to close; should the store wait for a lock, the keys go
        to the dialog after `LONGEST_WAIT`, as typed."""
        self.busy = True
        turn = self.current = next(self.turn)
        self.seen = None
        self.app.set_timer(LONGEST_WAIT, lambda: self.release(turn))
        return turn

    def let_go(self, turn: int) -> None:
        """The held action (`hold`) is done: the waiting keys go on once what it did is on screen
        (a dialog it closed, gone; the screen below, drawn)."""
        if turn == self.current and self.busy:
            self.seen = None
            self.check(turn)

    def focus_or_screen(self) -> MessagePump:
        return self.app.focused or self.app.screen

    def trail(self, start: MessagePump, turn: int, then: Callable[[], None]) -> None:
        """Call `then` once every message now queued from `start` up to the App (each queue in
        turn, as a key or a message bubbles) has been handled."""

        def step(node: MessagePump) -> None:
            if turn != self.current:
                return
            parent = node.parent if isinstance(node, DOMNode) else None
            if parent is None:
                then()
            elif not parent.call_later(step, parent):
                then()  # closing: nothing more will come from there

        if not start.call_later(step, start):
            then()

    def check(self, turn: int) -> None:
        """Release the waiting keys once the same screen, mounted, is on top on two passes in a
        row through the App's queue and that screen's refresh (a dialog the key opened focuses
        its first field as it mounts, through the App's queue)."""
        if turn != self.current:
            return
        screen: Screen[object] = self.app.screen
        if screen is self.seen and screen.is_mounted:
            self.release(turn)
            return
        self.seen = screen
        if screen.is_mounted:
            self.app.call_after_refresh(self.check, turn)
        else:
            screen.call_after_refresh(self.check, turn)  # runs once it is mounted and drawn

    def release(self, turn: int) -> None:
        """Hand the waiting keys back to the App, in the order they were typed."""
        if turn != self.current or not self.busy:
            return
        self.busy = False
        waiting, self.waiting = self.waiting, deque()
        for event in waiting:
            # As typed again: each goes through `admit`, so an action key among them makes the
            # ones after it wait in turn (the App's queue keeps them ahead of newer keys). Sent
            # by the App, as a key from the terminal: made while a widget's handler runs (a
            # dialog's form, let go by its save's answer), a key would be that widget's, and
            # Textual stops a message bubbling past its sender (verification v1: ctrl+q held
            # during a refused save went no further than the dialog's form).
            if isinstance(event, events.Key):
                again = events.Key(event.key, event.character)
                again.time = event.time  # when it was typed: a question asked since ignores it
                self.app.post_message(again.set_sender(self.app))
            else:
                self.app.post_message(events.Paste(event.text).set_sender(self.app))
