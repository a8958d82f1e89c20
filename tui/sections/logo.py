"""The General tab's logo (R2): the preview, what is stored, upload, browse and delete.

Storing and deleting the logo are store writes that can wait for the database (another program
holding the SQLite file, PostgreSQL a round trip away): they run off the event loop
(tui/widgets/store_call.py), the line under the preview says what is being done meanwhile,
and the outcome, or the store's refusal, comes back to that same line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

import store
import store.errors
import store.profile.company
import store.views
from store.i18n import _
from store.views import GeneralView

from ..formatting import safe_text
from ..screens.logo_picker import LogoFilePicker
from ..tabs.base import TabContext
from ..widgets.form_section import SAVING
from ..widgets.logo_preview import LogoPreview
from ..widgets.store_call import Outcome, call_off_loop

__all__ = ["LogoSection", "logo_rules", "typed_path"]

# What a logo call answers: the General view and the stored logo (None: no logo).
Logo = tuple[GeneralView, bytes | None]


def logo_rules() -> str:
    """What the store accepts as a logo, in the person's language (SPEC §3)."""
    return _("PNG or JPEG, at most 2 MiB and 4096×4096 pixels")


def typed_path(text: str) -> str:
    """A path as typed or pasted: outer blanks and a pair of matching quotes dropped, ~ expanded."""
    path = text.strip()
    if len(path) >= 2 and path[0] == path[-1] and path[0] in "'\"":
        path = path[1:-1]
    return os.path.expanduser(path)


def read_logo(actor: store.views.Actor, company_id: int) -> Logo:
    """The General view and the logo's PNG bytes (store.profile.company; raises StoreError)."""
    view = store.profile.company.get_general(actor, company_id)
    png = None if view.logo_filename is None else store.profile.company.get_logo_png(actor,
        company_id)
    return view, png


class LogoSection(Vertical):
    """The logo preview, what is stored, the three buttons, and one line for the outcome.

    The tab owns the keys (u, o, d) and calls `upload`, `pick` and `delete`; `show(view, png)`
    draws what the store has. `busy` while a store call runs: another u, o or d waits for it.
    """

    DEFAULT_CSS = """
    LogoSection {
        height: auto;
    }
    LogoSection #logo-row {
        height: auto;
    }
    LogoSection #logo-side {
        width: 1fr;
        height: auto;
        padding-left: 2;
    }
    LogoSection #logo-info {
        color: $text-muted;
        height: auto;
    }
    LogoSection #logo-buttons {
        height: 1;
        margin-top: 1;
    }
    LogoSection #logo-buttons Button {
        margin-right: 2;
    }
    LogoSection #logo-error {
        display: none;
        height: auto;
        color: $text-error;
    }
    LogoSection #logo-error.-shown {
        display: block;
    }
    LogoSection #logo-error.-working {
        color: $text-accent;
        text-style: bold;
    }
    """

    def __init__(self, context: TabContext, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.context = context
        self.can_edit = False  # the store's view: the owner changes the profile
        self.has_logo = False
        self.busy = False  # a logo upload or delete is running off the event loop
        self._path_typed = ""  # a refused path comes back in the prompt, to fix

    def compose(self) -> ComposeResult:
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

    # -- drawing --------------------------------------------------------------------------

    @staticmethod
    def _info(g: GeneralView) -> str:
        if g.logo_filename is None:
            return _("No logo yet.") + " " + logo_rules() + "."
        return _("Stored as a {width}×{height} PNG.").format(
            width=g.logo_width, height=g.logo_height) + " " + logo_rules() + "."

    def show(self, view: GeneralView, png: bytes | None) -> None:
        """Draw the logo as the store has it: `view` and the PNG bytes (None: no logo)."""
        self.can_edit = view.can_edit
        self.has_logo = view.logo_filename is not None
        self.query_one("#logo-preview", LogoPreview).show_png(png if self.has_logo else None)
        self.query_one("#logo-info", Static).update(self._info(view))
        self.query_one("#logo-upload", Button).disabled = not self.can_edit
        self.query_one("#logo-pick", Button).disabled = not self.can_edit
        self.query_one("#logo-delete", Button).disabled = not (self.can_edit and self.has_logo)
        self.screen.refresh_bindings()

    def show_error(self, message: str | None, *, working: bool = False) -> None:
        """A refusal under the logo (None clears it); `working`: what is being done, instead."""
        line = self.query_one("#logo-error", Static)
        line.update(safe_text(message or ""))
        line.set_class(bool(message), "-shown")
        line.set_class(working, "-working")

    # -- the store calls, off the event loop ----------------------------------------------

    def _call(self, action: Callable[[], Logo], working: str, done: str,
              then: Callable[[], object] = lambda: None) -> None:
        """Run `action` (a store write answering a `Logo`) off the event loop; `working` shows
        meanwhile, then the new logo, `done` as a notification and `then()`; or the refusal."""
        self.busy = True
        self.show_error(working, working=True)
        self.screen.refresh_bindings()

        def answered(outcome: Outcome[Logo]) -> None:
            self.busy = False
            try:
                view, png = outcome.unwrap()
            except store.errors.InvalidInput as exc:
                self.show_error(exc.errors.get("logo") or "; ".join(exc.errors.values()))
                self.screen.refresh_bindings()
                return
            except store.errors.StoreError as exc:
                self.show_error(exc.message)
                self.screen.refresh_bindings()
                return
            self.show_error(None)
            self.show(view, png)
            then()
            self.notify(done)

        call_off_loop(self, action, answered, group=SAVING)

    def set_logo(self, path: str) -> None:
        """Store the logo at `path`; "Saving the logo…" meanwhile; any refusal under it."""
        if self.busy:
            return
        actor, company_id = self.context.actor, self.context.company_id

        def action() -> Logo:
            view = store.profile.company.set_logo(actor, company_id, path)
            return view, store.profile.company.get_logo_png(actor, company_id)

        def stored() -> None:
            self._path_typed = ""

        self._call(action, _("Saving the logo…"), _("Logo saved"), stored)

    def delete(self) -> None:
        """Delete the logo after a confirmation (d)."""
        if not (self.can_edit and self.has_logo) or self.busy:
            return
        from ..screens.confirm import ConfirmModal

        actor, company_id = self.context.actor, self.context.company_id

        def answered(delete: bool | None) -> None:
            if delete and not self.busy:
                self._call(lambda: (store.profile.company.delete_logo(actor, company_id), None),
                           _("Deleting the logo…"), _("Logo deleted"))

        self.app.push_screen(ConfirmModal(_("Delete the company logo? This cannot be undone."),
                                          confirm_label=_("Delete")), answered)

    def upload(self) -> None:
        """Ask for a path (u); a refused one is offered again to fix."""
        if not self.can_edit or self.busy:
            return
        if self.context.actor.over_ssh:  # no path on the server's disk: the store says how
            self.set_logo("")
            return
        from ..screens.prompt import PromptModal

        def check(value: str) -> str | None:
            if not typed_path(value):
                return _("Type the path of the logo file, like ~/Pictures/logo.png")
            return None

        def answered(answer: str | None) -> None:
            if answer is not None:
                self._path_typed = answer
                self.set_logo(typed_path(answer))

        self.app.push_screen(
            PromptModal(_("Upload a logo"),
                        _("Path of the logo file ({rules}); ~ is your home folder.").format(
                            rules=logo_rules()),
                        "~/Pictures/logo.png", max_length=4096,
                        value=self._path_typed, check=check, submit_label=_("Upload")),
            answered)

    def pick(self) -> None:
        """Choose the logo in a file browser limited to PNG and JPEG files (o)."""
        if not self.can_edit or self.busy:
            return
        if self.context.actor.over_ssh:  # never browse the server's folders
            self.set_logo("")
            return

        def picked(path: str | None) -> None:
            if path is not None:
                self.set_logo(path)

        self.app.push_screen(LogoFilePicker(Path.home()), picked)
