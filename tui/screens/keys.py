"""OwnKeysModal: the signed-in person's own SSH sign-in keys (SPEC §2, §10): list, add, remove."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Button, DataTable, Input, Static

import store
import store.errors
import store.i18n
import store.people.keys
import store.views
from store.i18n import _, ngettext

from ..formatting import day, reader_time, safe_text
from ..widgets.form_dialog import FormDialog
from ..widgets.form_field import FormField
from ..widgets.form_section import SAVING, attempt
from ..widgets.list_table import ListTable
from ..widgets.safe_input import SafeInput
from ..widgets.store_call import LatestRead, Outcome, call_off_loop

if TYPE_CHECKING:
    from store.people.keys import KeyView

# A public key line is under 3 KB even for a 16384-bit RSA key.
KEY_LINE_MAX = 8192
FINGERPRINT_WIDTH = 22
COMMENT_WIDTH = 18


def reader_day(value: datetime | None, locale: str) -> str:
    """A stored instant (UTC) as the date it was in the reader's time zone."""
    if value is None:
        return _("never")
    return day(reader_time(value).date(), locale)


def short(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


class KeyLineInput(SafeInput):
    """The field a public key line is pasted into: a paste is taken whole, or what was left
    out is said (SPEC §8). A key is one line, so of a pasted block the first line that is not
    blank is taken and `KeyLineInput.PasteCut` tells how many lines were not."""

    class PasteCut(Message):
        """Part of a paste was not taken: `lines` more lines, `characters` over the limit."""

        def __init__(self, lines: int, characters: int) -> None:
            super().__init__()
            self.lines = lines
            self.characters = characters

    def on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # instead of Input's own: its first line may be a blank one
        event.stop()
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if not lines:
            return
        start, end = sorted(self.selection)
        room = max(0, KEY_LINE_MAX - (len(self.value) - (end - start)))
        taken = lines[0][:room]
        self.replace(taken, start, end)
        if len(lines) > 1 or len(taken) < len(lines[0]):
            self.post_message(self.PasteCut(len(lines) - 1, len(lines[0]) - len(taken)))


class OwnKeysModal(FormDialog[None]):
    """The keys the person signs in with over SSH: fingerprint, comment, added, last used.

    Paste a public key line and press Enter to add it; Delete on the list removes the
    highlighted key after asking. Everything goes through store.people.keys, which allows a person
    their own keys only: what it refuses is shown in the banner, bad input next to the field.
    """

    DEFAULT_CSS = """
    OwnKeysModal > #dialog {
        width: 78;
    }
    OwnKeysModal #keys-table {
        height: auto;
        max-height: 7;
    }
    OwnKeysModal #keys-detail {
        color: $text-muted;
        height: auto;
        margin-bottom: 1;
    }
    OwnKeysModal #keys-working {
        display: none;
        height: auto;
        color: $text-accent;
        text-style: bold;
    }
    OwnKeysModal #keys-working.-shown {
        display: block;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", _("Add"), tooltip=_("Add the public key in the field"),
                id="keys.add"),
        Binding("delete", "remove", _("Remove"), key_display="del",
                tooltip=_("Remove the highlighted key, after asking"), id="keys.remove"),
    ]

    def __init__(self, actor: store.views.Actor, locale: str = "en") -> None:
        super().__init__()
        self.actor = actor
        self.locale = locale
        self.keys: list[KeyView] = []
        self.save_label = _("Add") + " (enter)"
        self._reads: LatestRead[list[KeyView]] = LatestRead()  # reload(), off the event loop

    def dialog_title(self) -> str:
        return _("Your sign-in keys — {who}").format(who=safe_text(self.actor.email))

    def compose_fields(self) -> ComposeResult:
        table = ListTable(id="keys-table", cursor_type="row", zebra_stripes=True)
        table.add_column(_("Fingerprint"), width=FINGERPRINT_WIDTH)
        table.add_column(_("Comment"), width=COMMENT_WIDTH)
        table.add_column(_("Added"))
        table.add_column(_("Last used"))
        yield table
        yield Static("", id="keys-detail", markup=False)
        yield Static("", id="keys-working", markup=False)
        yield FormField("public_key", _("New key"), "", max_length=KEY_LINE_MAX,
                        placeholder=_("ssh-ed25519 AAAA… you@laptop"),
                        input_class=KeyLineInput)
        yield Static(_("Paste the line of your .pub file and press Enter to add it. On the "
                       "list, del removes the highlighted key."),
                     classes="dialog-note", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#dialog-cancel", Button).label = _("Close") + " (esc)"
        try:  # the first read stays on the event loop: the dialog opens with its keys
            keys = store.people.keys.list_keys(self.actor)
        except store.errors.StoreError as exc:
            keys = []
            self.show_banner(exc.message)
        self._show_keys(keys)

    def reload(self, select: str | None = None) -> None:
        """Read the person's keys again off the event loop and show them, the cursor on the key
        `select` (a fingerprint) when given; a refusal goes in the banner."""
        actor = self.actor

        def answered(outcome: Outcome[list[KeyView]]) -> None:
            try:
                keys = outcome.unwrap()
            except store.errors.StoreError as exc:
                self.show_banner(exc.message)
                return
            self._show_keys(keys)
            fingerprints = [k.fingerprint for k in keys]
            if select in fingerprints:
                self.query_one("#keys-table", DataTable).move_cursor(
                    row=fingerprints.index(select))

        self._reads.read(self, lambda: store.people.keys.list_keys(actor), answered)

    def _show_keys(self, keys: list[KeyView]) -> None:
        self.keys = keys
        table = self.query_one("#keys-table", DataTable)
        table.clear()
        for key in self.keys:
            table.add_row(Text(short(safe_text(key.fingerprint), FINGERPRINT_WIDTH)),
                          Text(short(safe_text(key.comment or "—"), COMMENT_WIDTH)),
                          Text(reader_day(key.added_at, self.locale)),
                          Text(reader_day(key.last_used_at, self.locale)), key=key.fingerprint)
        self._show_detail()

    def _working(self, message: str | None) -> None:
        """What the store call running off the event loop does (None: none runs); meanwhile
        another add or removal, and escape, wait for its answer."""
        self._sending = message is not None
        line = self.query_one("#keys-working", Static)
        line.update(message or "")
        line.set_class(message is not None, "-shown")
        self.refresh_bindings()

    def highlighted(self) -> KeyView | None:
        table = self.query_one("#keys-table", DataTable)
        if not self.keys or not table.is_valid_row_index(table.cursor_row):
            return None
        return self.keys[table.cursor_row]

    @on(DataTable.RowHighlighted, "#keys-table")
    def _show_detail(self) -> None:
        key = self.highlighted()
        detail = self.query_one("#keys-detail", Static)
        self.refresh_bindings()  # del removes only while a key is highlighted
        if key is None:
            detail.update(_("You have no sign-in keys yet."))
            return
        detail.update(_("{fingerprint} ({algorithm}), added by {who}").format(
            fingerprint=safe_text(key.fingerprint), algorithm=safe_text(key.algorithm),
            who=safe_text(key.added_by)))

    # -- adding -----------------------------------------------------------------------------

    def submit(self) -> None:
        """Add the pasted key to the person's own keys, off the event loop ("Adding the key…"
        meanwhile); errors next to the field or in the banner, the typed line kept."""
        if self.sending:
            return
        field = self.query_one("#field-public_key", Input)
        line, actor = field.value, self.actor
        self.clear_errors()
        self._working(_("Adding the key…"))

        def answered(outcome: Outcome[KeyView]) -> None:
            self._working(None)
            done, added = attempt(outcome.unwrap, self.show_errors, self.show_banner)
            if not done:
                return
            if field.value == line:  # what was typed since is kept
                field.value = ""
            self.reload(select=added.fingerprint if added is not None else None)
            self.notify(_("Key added."), markup=False)

        call_off_loop(self, lambda: store.people.keys.add_key(actor, actor.email, line), answered,
                      group=SAVING)

    @on(KeyLineInput.PasteCut)
    def _paste_cut(self, event: KeyLineInput.PasteCut) -> None:
        parts = []
        if event.lines:
            parts.append(ngettext("{count} more line", "{count} more lines",
                                  event.lines).format(count=event.lines))
        if event.characters:
            parts.append(ngettext("{count} character over the limit",
                                  "{count} characters over the limit",
                                  event.characters).format(count=event.characters))
        self.query_one("#row-public_key", FormField).show_error(_(
            "Only the first line was taken ({left_out} not taken): a public key is one "
            "line.").format(left_out=", ".join(parts)))

    # -- removing ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove":
            if self.highlighted() is None:
                return False
            return None if self.sending else True  # dimmed while a store call runs
        return super().check_action(action, parameters)

    def action_remove(self) -> None:
        key = self.highlighted()
        if key is None:
            return
        from .confirm import ConfirmModal

        def answered(remove: bool | None) -> None:
            if remove:
                self.remove_key(key.fingerprint)

        self.app.push_screen(ConfirmModal(
            _("Remove the key {fingerprint} ({comment})? You can no longer sign in with "
              "it.").format(fingerprint=safe_text(key.fingerprint),
                            comment=safe_text(key.comment or key.algorithm)),
            confirm_label=_("Remove")), answered)

    def remove_key(self, fingerprint: str) -> None:
        """Remove a key through the store, which allows only one's own, off the event loop
        ("Removing the key…" meanwhile); refusals in the banner."""
        if self.sending:
            return
        self.clear_errors()
        self._working(_("Removing the key {fingerprint}…").format(
            fingerprint=safe_text(fingerprint)))
        actor = self.actor

        def answered(outcome: Outcome[store.people.keys.KeyView]) -> None:
            self._working(None)
            try:
                outcome.unwrap()
            except store.errors.StoreError as exc:
                self.show_banner(exc.message)
                return
            self.reload()
            self.notify(_("Key removed."), markup=False)

        call_off_loop(self, lambda: store.people.keys.remove_key(actor, fingerprint), answered,
                      group=SAVING)
