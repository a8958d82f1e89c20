"""SafeInput: an Input whose text never reaches the terminal raw (SPEC §8)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Protocol, cast

from rich.cells import cell_len, get_character_cell_size
from rich.highlighter import Highlighter
from rich.text import Text
from textual import events
from textual.geometry import Offset, Region
from textual.widgets import Input
from textual.widgets.input import Selection

from store.i18n import ngettext

from ..formatting import safe_line

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen


class PasteTaker(Protocol):
    """A container that can take a paste of several lines whole (every form spreads an address
    over its fields; the recipient dialog takes several addresses): SafeInput asks its
    ancestors, nearest first, before it keeps only the first line."""

    def take_pasted_lines(self, field: SafeInput, lines: list[str]) -> bool:
        """True once the lines are taken (and what was not taken is told)."""
        ...


class ShownSafely(Highlighter):
    """What an Input draws: its value with each unsafe character as one visible placeholder
    (␛, ␀, ⇄, �), the cursor in it or not: tui.formatting.safe_line.

    Input draws `highlighter(Text(value))`, the one public hook between its value and the
    terminal. Rich's Text has already dropped some control characters (BEL, BS, CR...) from
    what it is handed, so the text is made again from the field's own value. One placeholder
    for one character keeps the cursor and the selection (placed by character index) where
    they belong. The field's own highlighter, if any, then runs on the safe text.
    """

    def __init__(self, field: Input, inner: Highlighter | None = None) -> None:
        self.field = field
        self.inner = inner

    def __call__(self, text: str | Text) -> Text:
        shown = Text(safe_line(self.field.value), no_wrap=True, overflow="ignore", end="")
        return shown if self.inner is None else self.inner(shown)

    def highlight(self, text: Text) -> None:
        """Not used: `__call__` makes a new Text (placeholders are characters, not styles)."""


class SafeInput(Input):
    """An Input that draws control, bidi and separator characters as visible placeholders.

    A value loaded from the database (written by an older version or another tool) or pasted
    may hold ESC, NUL or U+202E; Textual's Input would send them to the terminal as they are
    (it draws `value` through its highlighter only). Upstream: no Textual issue about control
    characters in Input was found in the issue tracker (searched 2026-11-29); Rich's Text drops
    only BEL, BS, VT, FF and CR. Here each one is drawn as one visible character
    (through the public `highlighter`) while `value` keeps what is really there, so the form's
    validation can name the character to remove.

    Textual measures columns on `value` itself, where these characters are zero cells wide.
    With public API only, this field measures them as drawn (one cell each) for a mouse press
    or drag (the cursor lands on the ␛ clicked), the terminal's cursor, and scrolling the
    cursor into view. Not done: the cursor's blink is not paused while the mouse is pressed.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Never Textual's select-all on every focus (its default): where the cursor goes is
        # on_focus's one rule (the search's ctrl+f selects its text itself: typing starts a
        # new search).
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        self.highlighter = ShownSafely(self, self.highlighter)
        self.dragging = False
        self.pasted = ""  # the last paste as it came (what split it names it: store.places.pasted)
        self.tabbed_into = False  # the focus is on its way here by Tab (focus_along)

    # -- pastes (SPEC §8: taken whole, or the person is told what was not taken) -----------

    def on_paste(self, event: events.Paste) -> None:
        """Several lines: an ancestor that takes them whole (PasteTaker) does; otherwise the
        first line is taken and the field says how many were not. One line: what fits is taken
        (the field's length and the characters it accepts), and the field says what did not.
        Input's own handler keeps the first line and drops the rest without a word."""
        # Imported at the first paste, not at start: the terminal's reader (escape_keys, and
        # with it Textual's Linux driver where none is used) and the paste rules are not needed
        # to draw the first frame (bench/README.md, cold start).
        from store.places.pasted import pasted_lines, split_paste_note

        from ..escape_keys import pasted_text

        event.prevent_default()
        event.stop()
        text = pasted_text(event.text)
        lines = pasted_lines(text)
        if not lines or self.disabled:
            return
        self.pasted = text
        if len(lines) > 1:
            for node in self.ancestors:
                taker = getattr(node, "take_pasted_lines", None)
                if callable(taker) and taker(self, lines):
                    return
        notes = []
        if len(lines) > 1:  # named by what split it: lines, tab characters... (store.places.pasted)
            notes.append(split_paste_note(text, len(lines)))
        notes += self.take_pasted(lines[0])
        self.tell(" ".join(notes) or None)

    def take_pasted(self, text: str) -> list[str]:
        """Put `text` at the cursor (over the selection): the characters the field does not
        accept (`restrict`) are left out, then what goes past `max_length`. What was not
        taken, as sentences for the person (counts, and the refused characters by name: a
        masked field's accepted text is never shown)."""
        from store.places.pasted import character_names

        notes = []
        if self.restrict:
            accepted = "".join(char for char in text if re.fullmatch(self.restrict, char))
            if len(accepted) < len(text):
                refused = [char for char in text if not re.fullmatch(self.restrict, char)]
                notes.append(ngettext(
                    "{count} pasted character is not accepted here and was not taken: "
                    "{characters}.",
                    "{count} pasted characters are not accepted here and were not taken: "
                    "{characters}.", len(refused)).format(
                        count=len(refused), characters=character_names("".join(refused))))
                text = accepted
        start, end = sorted(self.selection)
        if self.max_length:
            room = max(0, self.max_length - (len(self.value) - (end - start)))
            if len(text) > room:
                notes.append(ngettext(
                    "{pasted} characters pasted: the field holds {limit}; {left} was not taken.",
                    "{pasted} characters pasted: the field holds {limit}; {left} were not "
                    "taken.", len(text) - room).format(
                        pasted=len(text), limit=self.max_length, left=len(text) - room))
                text = text[:room]
        if text or end > start:
            self.replace(text, start, end)
        return notes

    def restricted(self) -> None:
        """A typed character the field refused (Input's public hook; it rings the bell): past
        the field's maximum, the field says so, as a paste does ("At most 100 characters"); a
        character the field does not accept (a letter in a card number) only rings the bell."""
        super().restricted()
        if self.max_length and len(self.value) >= self.max_length:
            self.tell(ngettext("At most {count} character", "At most {count} characters",
                               self.max_length).format(count=self.max_length))

    def tell(self, note: str | None) -> None:
        """Show `note` under the field (in a FormField), or as a notification elsewhere; None
        takes the note under the field away."""
        from .form_field import FormField

        holder = self.parent
        if isinstance(holder, FormField):
            holder.show_note(note)
        elif note:
            self.notify(note, severity="warning", markup=False)

    def on_key(self, event: events.Key) -> None:
        """A key typed after a paste takes its note away."""
        from .form_field import FormField

        holder = self.parent
        if isinstance(holder, FormField) and holder.noted:
            holder.show_note(None)

    def on_focus(self, event: events.Focus) -> None:
        """The one rule of the program's fields for where the focus puts the cursor, in a
        FormField: at the end of the value, without selecting it, so that keys typed after
        Tab, shift+Tab or Enter add to the value and never wipe it (#15 trial: shift+Tab to
        Company name, then " X", left the name " X"; `xca` on Billing left "ca" for the street).
        Only where replacing loses nothing, Tab, shift+Tab or Enter (focus_along) selects the
        value, so that typing replaces it: a country or region taken from its list, the card
        holder the program suggests (FormField.selects_on_focus). A focus the program puts there
        (a dialog opening, a refused save's first field, a letter typed after escape) never
        selects. Here, in the field's own queue, before any key typed after the Tab; not when
        the terminal gave the app its focus back; a click then puts the cursor where it was
        clicked (on_mouse_down). Fields outside a form (the search box, the plan's what-if
        numbers) are never selected by a focus either (__init__)."""
        from .form_field import FormField

        tabbed, self.tabbed_into = self.tabbed_into, False
        holder = self.parent
        if isinstance(holder, FormField) and not event.from_app_focus:
            if tabbed and holder.selects_on_focus():
                self.selection = Selection(0, len(self.value))
            else:
                self.cursor_position = len(self.value)
        # The start was in sight while the field was left (on_blur). Here, before Widget's own
        # focus handler, has_focus is not yet True.
        self.show_cursor(focused=True)

    def cell_of(self, position: int) -> int:
        """The column, from the text's start, of the character at `position` as drawn."""
        return cell_len(safe_line(self.value[:position]))

    def index_at(self, column: int) -> int:
        """The character drawn at `column` of the field's content (scrolled)."""
        shown = safe_line(self.value)
        column += int(self.scroll_offset.x)
        start = 0
        for index, char in enumerate(shown):
            width = get_character_cell_size(char)
            if start <= column < start + width:
                return index
            start += width
        return max(0, min(column, len(shown)))

    @property
    def cursor_screen_offset(self) -> Offset:
        x, y, _width, _height = self.content_region
        column = self.cell_of(self.cursor_position) + (1 if self.cursor_at_end else 0)
        return Offset(x + column - int(self.scroll_offset.x), y)

    def watch_selection(self, selection: Selection) -> None:
        self.show_cursor()

    def show_cursor(self, *, focused: bool = False) -> None:
        """The cursor in sight while the person is in the field (`focused`: it is taking the
        focus); the value's start otherwise (a value loaded or put back while they are
        elsewhere)."""
        if not (focused or self.has_focus):
            self.scroll_to(x=0, animate=False, immediate=True)
            return
        column = self.cell_of(self.cursor_position) + (1 if self.cursor_at_end else 0)
        self.scroll_to_region(Region(column, 0, width=1, height=1), force=True, animate=False,
                              immediate=True)

    def on_blur(self, event: events.Blur) -> None:
        """A field the person left shows its value from the start, as one never entered does
        (#15 trial: a street line read from its fifth character on, "L1A\\" scrolled away),
        the cursor kept where it was for their return."""
        self.scroll_to(x=0, animate=False, immediate=True)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        event.prevent_default()  # Input's own handler measures on `value`
        offset = event.get_content_offset_capture(self)
        self.selection = Selection.cursor(self.index_at(offset.x))
        self.dragging = True
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self.dragging:
            event.prevent_default()
            start, _end = self.selection
            column = event.get_content_offset_capture(self).x
            self.selection = Selection(start, self.index_at(column))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self.stop_dragging()

    def on_mouse_release(self, event: events.MouseRelease) -> None:
        self.stop_dragging()

    def stop_dragging(self) -> None:
        if self.dragging:
            self.dragging = False
            self.release_mouse()


def focus_along(screen: Screen[Any], step: int) -> None:
    """Move the focus along `screen`'s chain, to the next widget (`step` 1: Tab, Enter in a
    dialog's field) or the previous one (-1: shift+Tab), as Textual's own do, and tell a field
    it reaches that the person moved there (SafeInput.on_focus selects a value they did not
    type). Nothing is told when the focus stays where it is (a single focusable widget)."""
    left = screen.focused
    reached = screen.focus_next() if step > 0 else screen.focus_previous()
    if reached is not left and isinstance(reached, SafeInput):
        reached.tabbed_into = True


class TabKeys:
    """Mixed into the App, ahead of Textual's: Tab and shift+Tab, which every screen binds to
    `app.focus_next` and `app.focus_previous`, move the focus with focus_along."""

    def action_focus_next(self) -> None:
        focus_along(cast("App[object]", self).screen, 1)

    def action_focus_previous(self) -> None:
        focus_along(cast("App[object]", self).screen, -1)
