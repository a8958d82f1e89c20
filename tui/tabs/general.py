"""The General tab (R2-R3): company name and website form, logo preview, upload and delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Button, Input, Static, TabbedContent, TabPane

import store
import store.errors
import store.i18n
import store.profile.company
import store.views
from store.forms import fields
from store.i18n import _, pgettext
from store.views import GeneralView

from ..palette import Command, key_commands
from ..screens.logo_picker import LogoFilePicker
from ..sections.logo import Logo, LogoSection, logo_rules, read_logo, typed_path
from ..widgets.form_section import FieldLook, FormSection
from ..widgets.store_call import LatestRead, Outcome
from .base import CompanyTab, TabContext

__all__ = ["GeneralTab", "LogoFilePicker", "logo_rules", "typed_path"]


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
        self._reads: LatestRead[Logo] = LatestRead()  # reload(), off the event loop

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="general-banner", classes="form-banner", markup=False)
        read_only = Static("", id="general-readonly", markup=False)  # the view's reason
        read_only.display = False
        yield read_only
        yield FormSection(fields.GENERAL, saver=self._send, banner="general-banner",
                          anchor="general-banner", id="general-form", unchanged=_(
                              "Nothing to save: the company name and website are unchanged."),
                          looks={"website": FieldLook(placeholder="https://example.com")})
        yield LogoSection(self.context, id="logo-section")

    def on_mount(self) -> None:
        try:  # the first read stays on the event loop: the tab is drawn with its data
            view, png = read_logo(self.context.actor, self.context.company_id)
        except store.errors.StoreError as exc:  # the tab stays, saying why; reload() tries again
            self.form.show_banner(exc.message)
            return
        self._load(view)
        self.logo.show(view, png)

    @property
    def form(self) -> FormSection[GeneralView]:
        return self.query_one("#general-form", FormSection)

    @property
    def logo(self) -> LogoSection:
        return self.query_one("#logo-section", LogoSection)

    @property
    def has_logo(self) -> bool:
        return self.logo.has_logo

    @property
    def can_save(self) -> bool:
        """What the store's view says: the owner changes the profile (CompanyTab.can_save)."""
        return self.general is not None and self.general.can_edit

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
        return lambda: store.profile.company.save_general(actor, company_id, values,
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

    @on(FormSection.Outdated, "#general-form")
    def _outdated(self, event: FormSection.Outdated) -> None:
        """Their version becomes the one the next save replaces; the input stays."""
        event.stop()
        self.reload()

    def revert(self) -> None:
        """Put back what was loaded at once, then what is stored now (read off the event loop,
        so a conflict's other version shows) (escape)."""
        if self.app.screen is not self.screen or self.general is None or self.form.saving:
            return  # a dialog asks, or a save runs: its answer comes first
        self._load(self.general)
        if not self.logo.busy:
            self.logo.show_error(None)
        self.reload()

    def reload(self) -> None:
        """Read again from the store, off the event loop; what the person typed stays if the form
        is dirty (then the version read is the one the next save replaces)."""
        actor, company_id = self.context.actor, self.context.company_id
        self._reads.read(self, lambda: read_logo(actor, company_id), self._reloaded)

    def _reloaded(self, outcome: Outcome[Logo]) -> None:
        try:
            view, png = outcome.unwrap()
        except store.errors.StoreError as exc:
            if self.general is None:
                self.form.show_banner(exc.message)
            return
        old_name = self.general.name if self.general else None
        # What the person typed stays; the fields they did not touch show what is stored now,
        # so that the next save replaces their version only where the person changed something
        # (#15 trial2: after a conflict, a second ctrl+s wrote the old name back over the
        # name saved meanwhile, a field the person never touched).
        self._load(view, keep_typed=self.dirty)
        if view.name != old_name:
            self.post_message(self.NameChanged(view.name))
        if not self.logo.busy:
            self.logo.show(view, png)

    def _load(self, view: GeneralView, *, keep_typed: bool = False) -> None:
        self.general = view
        read_only = self.query_one("#general-readonly", Static)
        read_only.update(view.read_only_reason or "")
        read_only.display = not view.can_edit
        self.form.load({"name": view.name, "website": view.website},
                       fields.GENERAL.names if view.can_edit else (), keep_typed=keep_typed)

    # -- the logo (tui/sections/logo.py) -------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("upload_logo", "pick_logo", "delete_logo"):
            if not self.can_save:
                return False  # not offered at all: the read-only line says why
            if self.logo.busy or (action == "delete_logo" and not self.has_logo):
                return None  # dimmed: a logo call is running, or there is none to delete
            if isinstance(self.screen.focused, Input):
                return False  # the key types a letter there; the buttons remain
        return True

    def action_upload_logo(self) -> None:
        """Ask for a path (u); a refused one is offered again to fix."""
        if self.can_save:
            self.logo.upload()

    def action_pick_logo(self) -> None:
        """Choose the logo in a file browser limited to PNG and JPEG files (o)."""
        if self.can_save:
            self.logo.pick()

    def action_delete_logo(self) -> None:
        """Delete the logo after a confirmation (d)."""
        if self.can_save:
            self.logo.delete()

    def set_logo(self, path: str) -> None:
        """Store the logo at `path` off the event loop; any refusal is shown under the preview."""
        self.logo.set_logo(path)

    @on(Button.Pressed, "#logo-upload")
    def _upload_pressed(self) -> None:
        self.action_upload_logo()

    @on(Button.Pressed, "#logo-pick")
    def _pick_pressed(self) -> None:
        self.action_pick_logo()

    @on(Button.Pressed, "#logo-delete")
    def _delete_pressed(self) -> None:
        self.action_delete_logo()

    def palette_commands(self) -> list[Command]:
        """The logo's keys in the palette for whoever may save (delete: while there is a logo),
        with their tooltips (tui.palette.key_commands)."""
        return key_commands(self, {
            "upload_logo": _("General: upload logo"),
            "pick_logo": _("General: pick logo"),
            "delete_logo": _("General: delete logo"),
        }, lambda name, _parameters: self.can_save and (name != "delete_logo" or self.has_logo),
            run_with=self._from_palette)

    def _from_palette(self, action: Callable[[], object]) -> Callable[[], object]:
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
