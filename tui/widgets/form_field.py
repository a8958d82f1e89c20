"""A labelled one-line field with its error shown right under it; the id is the field's name."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events, on
from textual.suggester import SuggestionReady
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store.forms.kept import locked_value_warning

from .safe_input import SafeInput

if TYPE_CHECKING:
    from store.forms.fields import Field

# What a field offers to choose from as `typed` is typed: (value put in the field, text shown in
# the list) pairs, the store's (store.forms.place_names.country_matches, region_matches).
Choices = Callable[[str], list[tuple[str, str]]]


class ChoiceList(OptionList, can_focus=False):
    """The choices that match what is typed, under the field: ↓ ↑ move, Enter (or a click)
    takes one, and so does Tab once one is completed or chosen; Escape closes the list; typing
    on filters it. The field keeps the focus."""


class FormField(Widget):
    """Label, compact Input (and a lock mark) on one line, the error (once there is one) under
    them.

    One grid, its cells given at construction: no row container and no compose step of its
    own, so a form of seven fields mounts with its tab in one pass (the Billing tab's first
    visit). `FormField.input` is `#field-<name>`.
    """

    DEFAULT_CSS = """
    FormField {
        layout: grid;
        grid-size: 2;
        grid-columns: 16 1fr;
        grid-rows: auto;
        height: auto;
    }
    FormField.-locked {
        grid-size: 3;
        grid-columns: 16 1fr auto;
    }
    FormField Label.form-field--label {
        width: 100%;
        padding-right: 1;
        color: $text-muted;
    }
    FormField Static.form-field--error {
        display: none;
        column-span: 3;
        color: $text-error;
        padding-left: 16;
        height: auto;
    }
    FormField.-invalid Static.form-field--error {
        display: block;
    }
    FormField.-invalid Input {
        background: $error 15%;
    }
    FormField Static.form-field--note {
        column-span: 3;
        color: $text-warning;
        padding-left: 16;
        height: auto;
    }
    FormField Static.form-field--lock {
        width: auto;
        color: $text-warning;
        padding-left: 1;
    }
    FormField ChoiceList {
        display: none;
        column-span: 3;
        margin-left: 16;
        height: auto;
        max-height: 6;
        border: none;
        padding: 0;
    }
    FormField ChoiceList.-shown {
        display: block;
    }
    """

    # Whether the person changes some field of this one's form (FormSection sets it from the
    # store's view): what a locked value's warning tells them (kept_warning).
    form_open: bool = True
    # Whether the value it opens with is the program's suggestion, not stored data (FieldLook).
    suggested: bool = False

    def __init__(self, name: str, label: str, value: str | None = None, *,
                 max_length: int = 0, restrict: str | None = None, password: bool = False,
                 placeholder: str = "", lock: str | None = None, editable: bool = True,
                 input_class: type[SafeInput] = SafeInput) -> None:
        read_only = lock is not None or not editable
        # A field the person cannot change shows no example of what to type: an empty one
        # reads "—", as the command line prints it (#18 trial: support read "Website
        # https://example.com" in grey for a company without one, as though it were its own).
        cells: list[Widget] = [
            Label(label, classes="form-field--label", markup=False),
            input_class(value or "", id=f"field-{name}", compact=True, max_length=max_length,
                        restrict=restrict, password=password,
                        placeholder="—" if read_only else placeholder,
                        disabled=read_only, select_on_focus=False)]
        if lock is not None:
            cells.append(Static("🔒 " + lock, classes="form-field--lock", markup=False))
        # The error line is added the first time there is an error to show: most forms are
        # read or filled in without one, and a Billing tab has seven fields.
        super().__init__(*cells, id=f"row-{name}", classes="-locked" if lock is not None else "")
        self.field_name = name
        self.example = placeholder  # shown while the field is open to the person
        self.noted = False
        self.choices: Choices | None = None
        self._values: list[str] = []  # what each line of the open list puts in the field
        self._listed_for: str | None = None  # the text the open list was found for
        self._arrowed = False  # a line of the open list was chosen with ↓ ↑
        self._completion = ("", "")  # (text, the completion Input shows after it)
        # What the field holds that the person did not type since: loaded, a choice taken, or
        # the list closed with escape. Nothing is offered for it (list, completion); Tab into
        # a field of choices selects it, so that typing replaces it (selects_on_focus).
        self._settled: str | None = value or ""

    @classmethod
    def from_spec(cls, field: Field, value: str | None = None, *, editable: bool = True,
                  lock: str | None = None, restrict: str | None = None,
                  placeholder: str = "", label_width: int = 0) -> FormField:
        """The field as store/forms/fields.py defines it: its label, its maximum length, masked
        when it is secret. `lock` is the mark shown beside a field that is not `editable`;
        `label_width`, the form's widest label (fit_labels)."""
        made = cls(field.name, field.label, value, max_length=field.max_length or 0,
                   restrict=restrict, password=field.secret, placeholder=placeholder,
                   lock=None if editable else lock, editable=editable)
        made.fit_labels(label_width)
        return made

    def fit_labels(self, widest: int) -> None:
        """The label column as wide as `widest` cells of label and a space, 16 at least, 24 at
        most (beyond it a label wraps): the form's widest label in the reader's language (#15
        trial2: French "E-mail du propriétaire" wrapped in the 16 cells English needs)."""
        width = min(24, max(16, widest + 1))
        if width != 16:
            self.styles.grid_columns = f"{width} 1fr auto"

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def value(self) -> str:
        return self.input.value

    def set_value(self, value: str | None) -> None:
        """Put `value` in the field (loaded, put back): the person did not type it, so no list
        or completion is offered for it (settle)."""
        self.input.value = value or ""
        self.settle()

    def settle(self) -> None:
        """What the field holds now is not being typed (saved, loaded, escape): the list of
        choices closes and the completion shown after it goes, and neither comes back for this
        text, only for what the person types next (#16 trial: after saving `on` the Province
        field read "ON" with a faint "tario" and its list open under "Billing address saved")."""
        self._settled = self.input.value
        self._close_choices()
        if self.is_mounted and self.input.suggester is not None:
            # The one public way to take Input's completion away: its own message, empty.
            self.input.post_message(SuggestionReady(self.input.value, ""))

    def offers(self, typed: str) -> bool:
        """Whether a list and a completion are offered for `typed`: what the person is typing
        in this field now (focused), not what the form put there or escape closed."""
        return (self.input.has_focus and typed == self.input.value
                and typed != self._settled)

    def selects_on_focus(self) -> bool:
        """Whether Tab, shift+Tab or Enter reaching the field selects its text, so that typing
        replaces it (SafeInput.on_focus, the forms' and dialogs' one rule): only where replacing
        loses nothing the person has, and the value is not typed since: a field of choices (a
        country, a region) holding a value taken from its list or loaded (#16 trial: Country
        "GermanyJapon"; letters after a country never make one, and the list gives it back), or
        the program's suggestion (the card's holder: #15 trial, "Jonas WeberJonas W"). Stored
        free text is never selected by a key: the cursor goes to its end, so that a key typed
        after Tab adds to it, never wipes it (#15 trial: shift+Tab to Company name, then " X",
        left the name " X")."""
        return ((self.choices is not None or self.suggested) and bool(self.input.value)
                and self.input.value == self._settled)

    def set_editable(self, editable: bool, lock: str | None = None) -> None:
        """Open the field, or close it with `lock` shown beside it (None: no mark)."""
        self.input.disabled = not editable
        self.input.placeholder = self.example if editable else "—"
        shown = None if editable else lock
        self.set_class(shown is not None, "-locked")
        for mark in self.query(".form-field--lock").results(Static):
            if shown is None:
                mark.remove()
            else:
                mark.update("🔒 " + shown)
            return
        if shown is not None:
            self.mount(Static("🔒 " + shown, classes="form-field--lock", markup=False),
                       after=self.input)

    def kept_warning(self) -> str | None:
        """What is said under a field the person may not change whose value holds a character
        no form takes (store.forms.kept: it is kept as stored, the other fields save; a reader
        of a form they change nothing in is told only what the character is: `form_open`);
        None for an open field or a clean value."""
        return None if not self.input.disabled else locked_value_warning(
            self.value, changes_others=self.form_open)

    def on_mount(self) -> None:
        self.show_note(self.kept_warning())

    def set_choices(self, choices: Choices | None) -> None:
        """Offer a list to choose from as the person types (`choices`: what matches the text
        typed, from the store), or none (None); a code or a name typed whole is taken too."""
        self.choices = choices
        if choices is None:
            self._close_choices()

    @property
    def choice_list(self) -> ChoiceList | None:
        return next(iter(self.query(ChoiceList).results(ChoiceList)), None)

    @property
    def choosing(self) -> bool:
        """Whether the list of choices is open under the field."""
        shown = self.choice_list
        return shown is not None and shown.has_class("-shown")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        # Not stopped: the sections follow the country as it is typed.
        if event.value != self.input.value:
            return  # changed again since: its own Changed follows
        if event.value != self._settled:
            self._settled = None  # typed: the same text typed again is offered choices
        if self.choices is not None and not self.offers(event.value):
            self._close_choices()
        elif self.choices is not None:
            # Off the event loop: the first name in another language loads every language's
            # names (about a second, once); only the newest text's list shows.
            self.run_worker(self._find_choices(self.choices, event.value), exclusive=True,
                            group="choices")

    async def _find_choices(self, choices: Choices, typed: str) -> None:
        found = await asyncio.to_thread(choices, typed) if typed.strip() else []
        if self.offers(typed):
            self._open_choices(typed, found)

    def _open_choices(self, typed: str, found: list[tuple[str, str]]) -> None:
        shown_list = self.choice_list
        if not found or any(value.casefold() == typed.strip().casefold()
                            for value, _shown in found):
            self._close_choices()  # nothing to choose, or chosen: the list is in the way
            return
        if shown_list is None:
            shown_list = ChoiceList(classes="form-field--choices", markup=False)
            self.mount(shown_list, after=self.input)
        self._values = [value for value, _shown in found]
        self._listed_for = typed
        self._arrowed = False
        shown_list.set_options([Option(shown) for _value, shown in found])
        shown_list.highlighted = 0
        shown_list.add_class("-shown")
        self.call_after_refresh(self.keep_in_sight)  # the list under the field in sight too

    def _close_choices(self) -> None:
        shown = self.choice_list
        if shown is not None:
            shown.remove_class("-shown")

    def _take(self, index: int | None) -> None:
        shown = self.choice_list
        if shown is None or index is None or not 0 <= index < shown.option_count:
            return
        value = self._values[index]
        self._close_choices()
        self._settled = value
        self.input.value = value
        self.input.cursor_position = len(value)

    def on_key(self, event: events.Key) -> None:
        """While the list is open: ↓ ↑ move in it, Enter takes the highlighted choice (the
        field's own Enter does not run), Tab and shift+Tab take it, when it is the completion
        shown or a line chosen with ↓ ↑, and move on as they do (#16 trial: Tab left `Ont`
        under the "Ontario" shown, and the save refused it), Escape closes the list and the
        completion (the form's own Escape does not run)."""
        if not self.choosing:
            return
        shown = self.choice_list
        assert shown is not None
        if event.key in ("tab", "shift+tab"):
            if self._listed_for == self.input.value and (self._arrowed or self._completed()):
                self._take(shown.highlighted)
            return
        if event.key in ("down", "up"):
            (shown.action_cursor_down if event.key == "down" else shown.action_cursor_up)()
            self._arrowed = True
        elif event.key == "enter":
            self._take(shown.highlighted)
        elif event.key == "escape":
            self.settle()
        else:
            return
        event.stop()
        event.prevent_default()

    @on(SuggestionReady)
    def _completing(self, event: SuggestionReady) -> None:
        self._completion = (event.value, event.suggestion)

    def _completed(self) -> bool:
        """Whether Input shows a completion after the text (the list's first line, faint): Tab
        takes it. A list without one (`Epa` lists Nepal) is not taken by Tab: the text stays,
        and the save says what is wrong with it, rather than save a place not asked for."""
        typed, completion = self._completion
        return typed == self.input.value and len(completion) > len(typed)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._take(event.option_index)

    def on_descendant_blur(self) -> None:
        self._close_choices()

    def show_error(self, message: str | None) -> None:
        """Show `message` under the field (None clears it)."""
        self.set_class(bool(message), "-invalid")
        for line in self.query(".form-field--error").results(Static):
            line.update(message or "")
            return
        if message:
            self.mount(Static(message, classes="form-field--error", markup=False))

    def on_descendant_focus(self) -> None:
        self.call_after_refresh(self.keep_in_sight)

    def on_resize(self) -> None:
        if self.has_focus_within:  # an error or a note came under the focused input
            self.keep_in_sight()

    def keep_in_sight(self) -> None:
        """The whole row in sight, its error and note under the input included: the error of
        a field at the bottom of a tab was hidden under the key line after ctrl+s (#15)."""
        self.scroll_visible(animate=False)

    def show_note(self, message: str | None) -> None:
        """Show `message` under the field, after its error if any (what a paste did not take);
        None takes it away."""
        self.noted = bool(message)
        # Hidden, not removed: a key that takes the note away (SafeInput.on_key) and then shows
        # another (the same key refused: "At most 100 characters") would otherwise update a
        # line that is on its way out.
        for line in self.query(".form-field--note").results(Static):
            line.update(message or "")
            line.display = bool(message)
            return
        if message:
            self.mount(Static(message, classes="form-field--note", markup=False))
