"""FormSection: one form built from its FormSpec: loads, tracks changes, shows errors, saves.

Every form of the screens is one of these (General, the billing address, the dialogs). Names,
lengths and secrecy come from store/forms/fields.py; which fields the person may change comes
from the store's view (`GeneralView.can_edit`, `BillingView.editable_fields`), never decided here.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Static

from store.forms.fields import Secret
from store.i18n import _

from .form_errors import FormErrors
from .form_field import FormField
from .pastes import SpreadsAddressPastes
from .place_fields import FollowsCountry
from .store_answer import attempt
from .store_call import Outcome, call_off_loop

if TYPE_CHECKING:
    from store.forms.fields import FormSpec, Values

    from ..type_ahead import TypeAhead

Result = TypeVar("Result")
Answer = TypeVar("Answer")
SAVING = "saving"  # the worker group of every form's store call (app.workers; tests wait on it)


@dataclass(frozen=True)
class FieldLook:
    """How one field's Input looks and which keystrokes it takes (not its label, length, lock)."""

    placeholder: str = ""
    restrict: str | None = None
    # The value the form opens with is the program's suggestion (the card's holder), not
    # stored data: Tab into it selects it, so that typing replaces it (selects_on_focus).
    suggested: bool = False


class FormSection(Vertical, FormErrors, SpreadsAddressPastes, FollowsCountry, Generic[Result]):
    """The fields of `spec` (or of `names`, in that order), one under another.

    `values` are what is stored; `editable` the names the person may change (None: every one),
    as the store's view says; a field that is not editable shows `lock` beside it (None: no
    mark, the surface says why). `banner` is the id of the Static where a form-wide error goes,
    and `anchor` the id of what is scrolled to the top when errors show (the section's title);
    both are looked up on the section's screen.

    `save` (ctrl+s) with nothing changed says `unchanged` ("Nothing to save: …") and sends
    nothing; otherwise it hands the typed values to `saver`, which checks them on the event
    loop and returns the store call to make (run off the loop, in a thread worker: `run`), or
    None when it will call `finish_save()` itself later (after asking for a reason). While the
    call runs the section shows "Saving…"; on success it posts `FormSection.Saved` with the
    answer. Pasted address lines fill the address fields (SpreadsAddressPastes); the region row
    follows the country (FollowsCountry)."""

    DEFAULT_CSS = """
    FormSection {
        height: auto;
    }
    FormSection .form-working {
        display: none;
        color: $text-accent;
        text-style: bold;
    }
    FormSection .form-working.-shown {
        display: block;
    }
    FormSection:focus {
        background: $boost;
        outline-left: thick $accent;
    }
    """

    class Answered(Message):
        """What the store said to this section's save (the two kinds below)."""

        def __init__(self, section: FormSection) -> None:
            super().__init__()
            self.section = section

        @property
        def control(self) -> FormSection:
            return self.section

    class Outdated(Answered):
        """What the form shows is out of date (saved by someone since, the lock changed:
        StoreError.outdated); the input is kept. The surface reads its view again and loads it
        with `keep_typed`, so that the next ctrl+s saves the input over their change."""

    class Saved(Answered):
        """The store took the form; `result` is its answer (a view, a request...)."""

        def __init__(self, section: FormSection, result: object) -> None:
            super().__init__(section)
            self.result = result

    class Finished(Answered):
        """A save's outcome shows (posted after Saved, so whatever handles Saved on the way up
        has loaded what was saved): `taken`, whether the store took it; `waiting`, what asked
        to be told (`when_answered`), for the tab around the form to run (CompanyTab)."""

        def __init__(self, section: FormSection, taken: bool,
                     waiting: list[Callable[[bool], object]]) -> None:
            super().__init__(section)
            self.taken = taken
            self.waiting = waiting

    def __init__(self, spec: FormSpec, *, names: Sequence[str] | None = None,
                 values: Mapping[str, str | None] | None = None,
                 editable: Collection[str] | None = None, lock: str | None = None,
                 looks: Mapping[str, FieldLook] | None = None,
                 after: Mapping[str, Callable[[], Iterable[Widget]]] | None = None,
                 saver: Callable[[Values], Callable[[], Result] | None] | None = None,
                 unchanged: str = "", banner: str = "", anchor: str = "",
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.spec = spec
        self.names: tuple[str, ...] = tuple(names) if names is not None else spec.names
        self.loaded: dict[str, str] = {name: (values or {}).get(name) or ""
                                       for name in self.names}
        self.editable: frozenset[str] = frozenset(self.names if editable is None else editable)
        self.lock_mark = lock
        self.looks = dict(looks or {})
        self.after = dict(after or {})
        self.saver = saver
        self.unchanged = unchanged or _("Nothing to save: nothing here has changed.")
        self.banner_id = banner
        self.anchor_id = anchor
        self._refused: dict[str, str] = {}  # field -> the value its error is about
        self._calling = False  # a store call of this form is running (run)
        self._meanwhile: dict[str, str] = {}  # typed during that call: the next load keeps it
        self._waiting: list[Callable[[bool], object]] = []  # told the call's outcome: Finished
        self._left: str | None = None  # the field escape left (keep_focus)

    def compose(self) -> ComposeResult:
        widest = max((cell_len(self.spec[name].label) for name in self.names), default=0)
        for name in self.names:
            look = self.looks.get(name, FieldLook())
            row = FormField.from_spec(self.spec[name], self.loaded[name],
                                      editable=name in self.editable, lock=self.lock_mark,
                                      restrict=look.restrict, placeholder=look.placeholder,
                                      label_width=widest)
            row.form_open = bool(self.editable)
            row.suggested = look.suggested
            yield row
            if name in self.after:
                yield from self.after[name]()
        yield Static(_("Saving…"), classes="form-working", markup=False)

    # -- what is in the fields -------------------------------------------------------------

    def field(self, name: str) -> FormField:
        return self.query_one(f"#row-{name}", FormField)

    def typed(self) -> dict[str, str]:
        """Every field's text as it is now, by name."""
        return {name: self.field(name).value for name in self.names}

    def to_send(self) -> dict[str, str | Secret]:
        """What is typed, as the services take it: a secret field's text (the card number, the
        security code) wrapped in a Secret, so that no repr, log or crash report shows it."""
        return {name: Secret(value) if self.spec[name].secret else value
                for name, value in self.typed().items()}

    @property
    def dirty(self) -> bool:
        """Whether a field holds something other than what was loaded (never, for a person who
        may change none). Locked fields count too: changed anyway, the store refuses them."""
        return self.is_mounted and bool(self.editable) and any(
            self.field(name).value != self.loaded[name] for name in self.names)

    def changes(self) -> dict[str, tuple[str, str]]:
        """The changed fields: name -> (as loaded, as typed)."""
        return {name: (self.loaded[name], value) for name, value in self.typed().items()
                if value != self.loaded[name]}

    def load(self, values: Mapping[str, str | None],
             editable: Collection[str] | None = None, *, keep_typed: bool = False) -> None:
        """Show `values` as stored (and `editable` as the store's view now says): no changes, no
        errors; except that what was typed while the last save ran stays (once), unsaved.
        `keep_typed` (a view read again under typed input: #15 trial): what the person changed
        in a field still open to them stays, and so do the messages shown."""
        typed = {name: new for name, (_old, new) in self.changes().items()} if keep_typed else {}
        self.loaded = {name: values.get(name) or "" for name in self.names}
        if editable is not None:
            self.editable = frozenset(editable)
        meanwhile, self._meanwhile = self._meanwhile, {}
        meanwhile.update({name: text for name, text in typed.items() if name in self.editable})
        for name in self.names:
            field = self.field(name)
            value = meanwhile.get(name, self.loaded[name])
            if field.value != value:  # put back (escape, discard): the cursor at its end (#16)
                field.set_value(value)
                field.input.cursor_position = len(value)
            elif name not in meanwhile:  # as stored: no list or completion left open for it
                field.settle()
            field.set_editable(name in self.editable, self.lock_mark)
            field.form_open = bool(self.editable)
            field.show_note(field.kept_warning())  # a paste's note goes with its values
        if not keep_typed:
            self.clear_errors()
        self.follow_country()  # the region row as the country loaded has it (FollowsCountry)

    def revert(self) -> None:
        """Put back what was loaded (escape)."""
        self._meanwhile = {}
        self.load(self.loaded)

    def wipe(self) -> None:
        """Empty every field (a card's number must not outlive its dialog)."""
        for field in self.query(FormField):
            field.set_value("")

    # -- escape: the focus stays with the form --------------------------------------------

    def keep_focus(self, field: FormField) -> None:
        """Escape left `field` (its value put back): the section takes the focus, shown, so that
        the keys of the tab act again (1-4, its letters: not typed into a field), and a
        character typed that no key takes goes back into `field` (#15 trial: after escape
        nothing had the focus, the next key went nowhere). A focus stop only then: Tab passes
        over the section otherwise."""
        self._left = field.id
        self.can_focus = True
        self.focus(scroll_visible=False)

    def on_blur(self, event: events.Blur) -> None:
        self.can_focus = False

    def on_key(self, event: events.Key) -> None:
        """While the section holds the focus escape left it (keep_focus): a character that no
        key of the screen takes (a tab key, a tab's letter) goes into the field at its end;
        Enter goes back into it."""
        if not self.has_focus or self._left is None:
            return
        row = self.query_one(f"#{self._left}", FormField)
        active = self.app.active_bindings.get(event.key)
        if event.key != "enter" and (active is not None and active.enabled
                                     or not event.is_printable or not event.character):
            return
        event.stop()
        event.prevent_default()
        row.input.focus(scroll_visible=False)
        row.input.cursor_position = len(row.input.value)
        if event.key != "enter" and event.character:
            row.input.insert_text_at_cursor(event.character)

    @on(Input.Changed)
    def _typing(self, event: Input.Changed) -> None:
        # An error stays until its field holds something else; then it may no longer be true.
        # (Compared by value: a Changed queued before the save must not wipe its error.)
        name = (event.input.id or "").removeprefix("field-")
        if name in self._refused and event.value != self._refused[name]:
            del self._refused[name]
            self.field(name).show_error(None)

    # -- saving ----------------------------------------------------------------------------

    def attempt(self, action: Callable[[], Answer]) -> tuple[bool, Answer | None]:
        """Run `action` (a store call with the typed values): (True, its answer); or (False, None)
        once invalid input shows next to its fields, a conflict (the input kept) or a refusal in
        the banner."""
        self.clear_errors()
        return attempt(action, self.show_errors, self.show_banner,
                       lambda: self.post_message(self.Outdated(self)))

    def save(self) -> bool:
        """Send the form (ctrl+s); False when there was nothing the person may change.

        Nothing changed since the form was loaded: `unchanged` is said, and nothing is sent, so
        nothing is written and History gets no line (#15 trial: ctrl+s on an unchanged General
        tab said "Saved"; Billing said "Nothing to save"): one rule for every form. Otherwise
        the saver runs here, on the event loop (it may check the input or ask for a reason) and
        hands back the store call, which runs off the loop (`run`). A ctrl+s while a save is
        running is ignored: the form says "Saving…" until the store answers."""
        if self.saver is None or not self.editable:
            return False
        if self.saving:
            return True
        if not self.dirty:
            self.clear_errors()  # what they were about is no longer typed
            self.notify(self.unchanged, markup=False)
            return True
        saver, typed = self.saver, self.to_send()
        done, call = self.attempt(lambda: saver(typed))
        if done and call is not None:
            self.finish_save(call)
        return True

    def finish_save(self, action: Callable[[], Result]) -> None:
        """Run the store call `action` off the event loop (`save`, a reason given): then Saved."""
        self.run(action, self._post_saved)

    def _post_saved(self, done: bool, result: object) -> None:
        if done and result is not None:
            self.post_message(self.Saved(self, result))

    # -- the store call, off the event loop ------------------------------------------------

    @property
    def saving(self) -> bool:
        """Whether a store call of this form is running (the form shows "Saving…")."""
        return self._calling

    def when_answered(self, then: Callable[[bool], object]) -> None:
        """`then(taken)` once the store call running now has answered and its outcome shows
        (FormSection.Finished): `taken`, whether the store took it (tui.screens.leaving: what
        the person asked to do once a save is done)."""
        self._waiting.append(then)

    def run(self, action: Callable[[], Answer],
            then: Callable[[bool, Answer | None], object],
            failed: Callable[[], object] | None = None) -> bool:
        """Run `action` (a store call that touches no widget) in a thread worker; False, and
        nothing run, while another call of this form is running.

        Meanwhile "Saving…" shows under the fields and the keys stay live: what is typed during
        the call is kept, even over the values the Saved handler loads. Then, on the event loop,
        the outcome shows as `attempt` shows it (errors by field, a refusal or a conflict in the
        banner, the input kept) and `then(done, answer)` runs. A bug (not a StoreError) is
        raised there, after `failed` (a dialog wipes its card number)."""
        if self._calling:
            return False
        self._calling = True
        sent = self.to_send()  # a card number stays masked, even in a crash report's locals
        self._show_working(True)
        let_go = self._hold_keys()

        def answered(outcome: Outcome[Answer]) -> None:
            self._calling = False
            self._show_working(False)
            try:
                done, answer = self.attempt(outcome.unwrap)
            except BaseException:
                if failed is not None:
                    failed()
                raise
            finally:
                let_go()
            # Kept over what the Saved handler loads; a refused save loads nothing.
            self._meanwhile = self._typed_since(sent) if done else {}
            then(done, answer)
            waiting, self._waiting = self._waiting, []
            if waiting:
                self.post_message(self.Finished(self, done, waiting))

        call_off_loop(self, action, answered, group=SAVING)
        return True

    def _hold_keys(self) -> Callable[[], None]:
        """In a dialog, which closes once the store took what it sends, the keys typed after
        ctrl+s wait for the answer (tui/type_ahead.py `hold`; the call returned lets them go):
        to the screen below once the dialog has closed, or back to the dialog when it stays. In
        a tab they are typed on at once, and kept over the saved values (`run`)."""
        type_ahead: TypeAhead | None = getattr(self.app, "type_ahead", None)
        if type_ahead is None or not isinstance(self.screen, ModalScreen):
            return lambda: None
        turn = type_ahead.hold()
        return lambda: type_ahead.let_go(turn)

    def _typed_since(self, sent: Mapping[str, str | Secret]) -> dict[str, str]:
        """The fields whose text is no longer what was `sent`: typed during the store call."""
        if not self.is_mounted:
            return {}

        def text(value: str | Secret | None) -> str | None:
            return value.get_secret_value() if isinstance(value, Secret) else value

        return {name: value for name, value in self.typed().items()
                if value != text(sent.get(name))}

    def _show_working(self, working: bool) -> None:
        self.query(".form-working").set_class(working, "-shown")
        self.refresh_bindings()  # a dialog's escape waits for the answer (FormDialog), dimmed


def escape_from(field: Input, elsewhere: Callable[[], object]) -> None:
    """Where the focus goes when escape has put back what `field` held (tui.app's revert): to
    the form section around it, which keeps the focus (FormSection.keep_focus); `elsewhere()`
    for a field outside a form, or one no longer shown."""
    section = next((node for node in field.ancestors if isinstance(node, FormSection)), None)
    row = next((node for node in field.ancestors if isinstance(node, FormField)), None)
    if section is None or row is None or not section.is_mounted or not section.display:
        elsewhere()
        return
    section.keep_focus(row)
