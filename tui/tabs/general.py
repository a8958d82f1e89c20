"""The General tab (R2-R3): company name and website form, logo preview, upload and delete."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import (
    Button,
    Input,
    Label,
    Static,
    TabbedContent,
    TabPane,
)

import store
import store.company
import store.errors
import store.i18n
import store.views
from store.forms import fields
from store.i18n import _, pgettext
from store.views import GeneralView

from ..formatting import safe_text
from ..screens.logo_picker import LogoFilePicker
from ..widgets.form_section import FieldLook, FormSection
from ..widgets.logo_preview import LogoPreview
from .base import CompanyTab, TabContext

__all__ = ["GeneralTab", "LogoFilePicker", "logo_rules", "typed_path"]


def logo_rules() -> str:
    """What the store accepts as a logo, in the person's language (SPEC §3)."""
    return _("PNG or JPEG, at most 2 MiB and 4096×4096 pixels")


def typed_path(text: str) -> str:
    """A path as typed or pasted: outer blanks and a pair of matching quotes dropped, ~ expanded."""
    path = text.strip()
    if len(path) >= 2 and path[0] == path[-1] and path[0] in "'\"":
        path = path[1:-1]
    return os.path.expanduser(path)


class GeneralTab(CompanyTab):
    """Name and website as a form (ctrl+s saves, escape reverts), and the company logo."""

    DEFAULT_CSS = """
    GeneralTab #general-banner {
        margin-bottom: 1;
    }
    GeneralTab #general-readonly {
        color: $text-warning;
        margin-bottom: 1;
    }
    GeneralTab #logo-row {
        height: auto;
    }
    GeneralTab #logo-side {
        width: 1fr;
        height: auto;
        padding-left: 2;
    }
    GeneralTab #logo-info {
        color: $text-muted;
        height: auto;
    }
    GeneralTab #logo-buttons {
        height: 1;
        margin-top: 1;
    }
    GeneralTab #logo-buttons Button {
        margin-right: 2;
    }
    GeneralTab #logo-error {
        display: none;
        height: auto;
        color: $text-error;
    }
    GeneralTab #logo-error.-shown {
        display: block;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("u", "upload_logo", _("Upload"),
                tooltip=_("Upload a PNG or JPEG logo from a path you type"),
                id="general.upload_logo"),
        Binding("o", "pick_logo", _("Browse"),
                tooltip=_("Choose a PNG or JPEG logo in a file browser"),
                id="general.pick_logo"),
        Binding("d", "delete_logo", pgettext("footer", "Delete"),
                tooltip=_("Delete the company logo (asks first)"),
                id="general.delete_logo"),
    ]

    class NameChanged(Message):
        """The company's name as it is now stored; the app shows it in the header."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, context: TabContext, *, id: str | None = None) -> None:
        super().__init__(context, id=id)
        self.general: GeneralView | None = None  # what the form was loaded from, version included
        self.has_logo = False
        self._logo_path_typed = ""  # a refused path comes back in the prompt, to fix

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="general-banner", classes="form-banner", markup=False)
        read_only = Static(_("Read-only: only the company's owner changes the profile."),
                           id="general-readonly", markup=False)
        read_only.display = False
        yield read_only
        yield FormSection(fields.GENERAL, saver=self._send, banner="general-banner",
                          anchor="general-banner", id="general-form",
                          looks={"website": FieldLook(placeholder="https://example.com")})
        yield Label(_("Logo"), classes="section-title")
        with Horizontal(id="logo-row"):
            yield LogoPreview(None, id="logo-preview")
            with Vertical(id="logo-side"):
                yield Static("", id="logo-info", markup=False)
                with Horizontal(id="logo-buttons"):
                    yield Button(_("Upload…") + " (u)", id="logo-upload", compact=True)
                    yield Button(_("Browse…") + " (o)", id="logo-pick", compact=True)
                    yield Button(_("Delete") + " (d)", id="logo-delete", compact=True)
        yield Static("", id="logo-error", markup=False)

    def on_mount(self) -> None:
        try:
            view = store.company.get_general(self.context.actor, self.context.company_id)
        except store.errors.StoreError as exc:  # the tab stays, saying why; reload() tries again
            self.form.show_banner(exc.message)
            return
        self.query_one("#general-readonly").display = not view.can_edit
        self._load(view)
        self._refresh_logo(view)

    @property
    def form(self) -> FormSection[GeneralView]:
        return self.query_one("#general-form", FormSection)

    @property
    def can_save(self) -> bool:
        """What the store's view says: the owner changes the profile (CompanyTab.can_save)."""
        return self.general is not None and self.general.can_edit

    def _logo_png(self) -> bytes | None:
        if not self.has_logo:
            return None
        return store.company.get_logo_png(self.context.actor, self.context.company_id)

    @staticmethod
    def _logo_info(g: GeneralView) -> str:
        if g.logo_filename is None:
            return _("No logo yet.") + " " + logo_rules() + "."
        return _("Stored as a {width}×{height} PNG.").format(
            width=g.logo_width, height=g.logo_height) + " " + logo_rules() + "."

    def _update_logo_buttons(self) -> None:
        can_edit = self.can_save
        self.query_one("#logo-upload", Button).disabled = not can_edit
        self.query_one("#logo-pick", Button).disabled = not can_edit
        self.query_one("#logo-delete", Button).disabled = not (can_edit and self.has_logo)
        self.refresh_bindings()

    # -- the form protocol ----------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Whether the inputs differ from what was loaded."""
        return self.is_mounted and self.can_save and self.form.dirty

    def save(self) -> None:
        """Send the form on the version that was loaded (ctrl+s); the store validates it."""
        if not self.can_save or self.app.screen is not self.screen:
            return  # nothing editable, or a modal is asking something
        self.form.save()

    def _send(self, values: fields.Values) -> Callable[[], GeneralView]:
        """The store call that saves `values` on the version loaded (run off the event loop)."""
        assert self.general is not None
        actor, company_id, version = self.context.actor, self.context.company_id, \
            self.general.version
        return lambda: store.company.save_general(actor, company_id, values,
                                                  expected_version=version)

    @on(FormSection.Saved, "#general-form")
    def _saved(self, event: FormSection.Saved) -> None:
        event.stop()
        view = event.result
        assert isinstance(view, GeneralView)
        old_name = self.general.name if self.general else None
        self._load(view)
        self.notify(_("Saved"))
        if view.name != old_name:
            self.post_message(self.NameChanged(view.name))

    @on(FormSection.Conflicted, "#general-form")
    def _conflicted(self, event: FormSection.Conflicted) -> None:
        event.stop()
        try:  # their version becomes the one the next save replaces; the input stays
            self.general = store.company.get_general(self.context.actor,
                                                     self.context.company_id)
        except store.errors.StoreError:
            return

    def revert(self) -> None:
        """Put back what is stored (read again, so a conflict's other version shows) (escape)."""
        if self.app.screen is not self.screen or self.general is None or self.form.saving:
            return  # a dialog asks, or a save runs: its answer comes first
        old_name = self.general.name
        try:
            view = store.company.get_general(self.context.actor, self.context.company_id)
        except store.errors.StoreError as exc:
            self._load(self.general)
            self.form.show_banner(exc.message)
            return
        self._load(view)
        self._show_logo_error(None)
        self._refresh_logo(view)
        if view.name != old_name:
            self.post_message(self.NameChanged(view.name))

    def reload(self) -> None:
        """Read again from the store; what the person typed stays if the form is dirty."""
        try:
            view = store.company.get_general(self.context.actor, self.context.company_id)
        except store.errors.StoreError:
            return
        if not self.dirty:
            self._load(view)
        self._refresh_logo(view)

    def _load(self, view: GeneralView) -> None:
        self.general = view
        self.form.load({"name": view.name, "website": view.website},
                       fields.GENERAL.names if view.can_edit else ())

    # -- the logo -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("upload_logo", "pick_logo", "delete_logo"):
            if not self.can_save:
                return False  # not offered at all: the read-only line says why
            if action == "delete_logo" and not self.has_logo:
                return None
            if isinstance(self.screen.focused, Input):
                return False  # the key types a letter there; the buttons remain
        return True

    def _refresh_logo(self, view: GeneralView) -> None:
        self.has_logo = view.logo_filename is not None
        self.query_one("#logo-preview", LogoPreview).show_png(self._logo_png())
        self.query_one("#logo-info", Static).update(self._logo_info(view))
        self._update_logo_buttons()

    def _show_logo_error(self, message: str | None) -> None:
        error = self.query_one("#logo-error", Static)
        error.update(safe_text(message or ""))
        error.set_class(bool(message), "-shown")

    def action_upload_logo(self) -> None:
        """Ask for a path (u); a refused one is offered again to fix."""
        if not self.can_save:
            return
        if self.context.actor.over_ssh:  # no path on the server's disk: the store says how
            self.set_logo("")
            return
        from ..screens.prompt import PromptModal

        def check(value: str) -> str | None:
            if not typed_path(value):
                return _("Type the path of the logo file, like ~/Pictures/logo.png")
            return None

        self.app.push_screen(
            PromptModal(_("Upload a logo"),
                        _("Path of the logo file ({rules}); ~ is your home folder.").format(
                            rules=logo_rules()),
                        "~/Pictures/logo.png", max_length=4096,
                        value=self._logo_path_typed, check=check, submit_label=_("Upload")),
            self._logo_path_answered)

    def _logo_path_answered(self, answer: str | None) -> None:
        if answer is not None:
            self._logo_path_typed = answer
            self.set_logo(typed_path(answer))

    def action_pick_logo(self) -> None:
        """Choose the logo in a file browser limited to PNG and JPEG files (o)."""
        if not self.can_save:
            return
        if self.context.actor.over_ssh:  # never browse the server's folders
            self.set_logo("")
            return

        def picked(path: str | None) -> None:
            if path is not None:
                self.set_logo(path)

        self.app.push_screen(LogoFilePicker(Path.home()), picked)

    def set_logo(self, path: str) -> None:
        """Store the logo at `path`; any refusal is shown under the preview."""
        try:
            view = store.company.set_logo(self.context.actor, self.context.company_id, path)
        except store.errors.InvalidInput as exc:
            self._show_logo_error(exc.errors.get("logo") or "; ".join(exc.errors.values()))
            return
        except store.errors.StoreError as exc:
            self._show_logo_error(exc.message)
            return
        self._logo_path_typed = ""
        self._show_logo_error(None)
        self._refresh_logo(view)
        self.notify(_("Logo saved"))

    def action_delete_logo(self) -> None:
        """Delete the logo after a confirmation (d)."""
        if not (self.can_save and self.has_logo):
            return
        from ..screens.confirm import ConfirmModal

        def answered(delete: bool | None) -> None:
            if not delete:
                return
            try:
                view = store.company.delete_logo(self.context.actor, self.context.company_id)
            except store.errors.StoreError as exc:
                self._show_logo_error(exc.message)
                return
            self._show_logo_error(None)
            self._refresh_logo(view)
            self.notify(_("Logo deleted"))

        self.app.push_screen(ConfirmModal(_("Delete the company logo? This cannot be undone."),
                                          confirm_label=_("Delete")), answered)

    @on(Button.Pressed, "#logo-upload")
    def _upload_pressed(self) -> None:
        self.action_upload_logo()

    @on(Button.Pressed, "#logo-pick")
    def _pick_pressed(self) -> None:
        self.action_pick_logo()

    @on(Button.Pressed, "#logo-delete")
    def _delete_pressed(self) -> None:
        self.action_delete_logo()

    def palette_commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        if not self.can_save:
            return []
        commands = [
            (_("General: upload logo"), _("Upload a PNG or JPEG logo from a path you type"),
             self._from_palette(self.action_upload_logo)),
            (_("General: pick logo"), _("Choose a PNG or JPEG logo in a file browser"),
             self._from_palette(self.action_pick_logo)),
        ]
        if self.has_logo:
            commands.append((_("General: delete logo"), _("Delete the company logo (asks first)"),
                             self._from_palette(self.action_delete_logo)))
        return commands

    def _from_palette(self, action: Callable[[], None]) -> Callable[[], None]:
        """Show the General tab first, then act once it shows (and nothing asks in between)."""

        def run() -> None:
            try:
                pane = self.query_ancestor(TabPane)
                tabs = self.query_ancestor(TabbedContent)
            except NoMatches:
                action()
                return
            # Switching may be held up by the app asking about another tab's unsaved input.
            tabs.active = pane.id or ""

            def act() -> None:
                if self.app.screen is self.screen and tabs.active == pane.id:
                    action()

            self.call_after_refresh(act)

        return run
