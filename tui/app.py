"""The App: composition root; owners land on their company, staff on the company search."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from typing import ClassVar, cast

from textual import events
from textual.actions import ActionParseResult
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.dom import DOMNode
from textual.driver import Driver
from textual.screen import ModalScreen, Screen

import store
import store.errors
import store.i18n
import store.people.session_end
import store.views
from store.i18n import _, pgettext

from . import collector
from .dimmed import action_node, tell_dimmed_later
from .palette import AppCommands
from .screens.company import CompanyScreen, tab_title
from .tabs.base import TabContext
from .type_ahead import TypeAhead
from .widgets.safe_input import TabKeys

# The header's icon (8 cells) and clock space (10) beside the title (Textual's Header).
HEADER_SIDES = 18
# Seconds between checks that the person still is what they signed in as (still_in_force, 1.5 ms
# of CPU), then the screens close; 20 under serve, whose look ends them first (sessions.WATCH).
SESSION_CHECK, SESSION_CHECK_SERVED = 5.0, 20.0


class MyCompanyApp(TabKeys, App[int]):
    """My company, for one acting person (TabKeys: Tab tells a field it was reached by a key)."""

    CSS_PATH = "app.tcss"
    # One provider: every command by title or key-line word; "nothing matches" in the person's
    # language (tui/palette.py). Screens add their own (ScreenCommands).
    COMMANDS: ClassVar[set] = {AppCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not priority bindings: a key handled ahead of the characters typed before it would
        # save (or quit) without them. Nothing in the focused widgets takes these keys.
        Binding("ctrl+s", "save", pgettext("footer", "Save"),
                tooltip=_("Save the form of this tab"),
                id="form.save"),
        # Shown in help and the palette; the footer has no room for it at 80 columns.
        Binding("escape", "revert", _("Revert"), tooltip=_("Put back what is saved"),
                show=False, id="form.revert"),
        # f1 too: in a text field "?" is a character typed (the key line then shows "f1 Help").
        Binding("question_mark,f1", "help", _("Help"), tooltip=_("Every key, in one list"),
                id="app.help"),
        Binding("ctrl+q", "quit", _("Quit"), tooltip=_("Leave My company"), id="app.quit"),
        # In help and the palette (the footer has no room at 80 columns); ctrl+k is the text
        # fields' "delete to the end".
        Binding("ctrl+o", "own_keys", _("Sign-in keys"),
                tooltip=_("Your SSH sign-in keys: list, add, remove"), show=False,
                id="app.own_keys"),
        # Textual's own palette key, with its footer word in the person's language.
        Binding("ctrl+p", "command_palette", _("palette"), show=False, priority=True,
                tooltip=_("Open the command palette"), id="app.command_palette"),
    ]

    def __init__(self, actor: store.views.Actor, company_id: int | None = None, *,
                 locale: str = "en", initial_tab: str = "general") -> None:
        # NO_COLOR (SPEC §8): Textual's own answer paints greys (its Monochrome filter) unless the
        # app draws in ANSI colours, where it drops every colour (its NoColor filter): the
        # terminal's own foreground and background. Textual reads and removes NO_COLOR here.
        super().__init__(ansi_color=True if os.environ.get("NO_COLOR") is not None else None)
        self.title = _("My company")
        self.actor = actor
        self.locale = locale
        self.initial_tab = initial_tab
        self.start_company = company_id if company_id is not None else actor.company_id
        if self.start_company is None and not actor.is_staff:
            raise store.errors.Refused(_("You have no company to open."))
        self._first_screen: Screen | None = None
        self._quit_question: Screen | None = None  # "Quit anyway?" while it is asked
        self.session_over: str | None = None  # why the session ended under the screens
        self._closing_session = False
        self.type_ahead = TypeAhead(cast("App[object]", self))
        if self.start_company is not None:
            self._first_screen = self._company_screen(self.start_company, initial_tab)

    def _company_screen(self, company_id: int, tab: str = "general") -> CompanyScreen:
        return CompanyScreen(TabContext(actor=self.actor, company_id=company_id,
                                        locale=self.locale),
                             initial_tab=tab)

    def format_title(self, title: str, sub_title: str) -> Content:
        """Every screen's header line; on a demo database it starts with a "Demo" mark (SPEC §2),
        known from the sign-in (no query of its own)."""
        line = super().format_title(title, sub_title)
        demo = _("Demo")  # outside the f-string: extraction (pybabel) does not read inside one
        mark = Content.assemble((f" {demo} ", "reverse"), " ") \
            if self.actor.demo_database else Content("")
        if sub_title and mark.cell_length + line.cell_length > self.size.width - HEADER_SIDES:
            line = Content(sub_title)  # the screen's own words first: "My company" gives way
        return Content.assemble(mark, line)

    def get_default_screen(self) -> Screen:
        if self._first_screen is not None and not self.actor.is_staff:
            return self._first_screen
        from .screens.search import SearchScreen

        return SearchScreen(self.actor)

    async def on_mount(self) -> None:
        # Staff opened on a company (--company N): the search lies below it, so ctrl+f goes back
        # to it as from a company found there (with nothing below: ScreenStackError). Awaited:
        # the first frame is the company's, and keys go to it.
        if self._first_screen is not None and self.actor.is_staff:
            await self.push_screen(self._first_screen)
        self.set_interval(SESSION_CHECK_SERVED if self.actor.session_id else SESSION_CHECK,
                          self._check_session)
        # Any screen's store call refused because the session ended closes the screens, also
        # where the screen shows the refusal itself (store.people.session_end, #18 trial).
        store.people.session_end.when_ended(self.actor, self._ended_under_a_call)

    def _ended_under_a_call(self, message: str) -> None:
        # On the thread of the store call: noted at once (run_app's exit status), the screens
        # closed on the event loop (call_later posts a message: safe from any thread).
        self.session_over = message
        self.call_later(self.session_ended, message)

    def session_ended(self, message: str) -> None:
        """Close every screen with `message`, one line, exit 3: the person is no longer what
        they signed in as (SPEC §2). Once, by the first call or check that finds it."""
        if not self._closing_session:
            self._closing_session = True
            self.session_over = message
            self.exit(return_code=3, message=message)

    def _check_session(self) -> None:
        """Close the screens, saying why, once the person no longer is what they signed in as
        (SPEC §2: a removed person's sessions end); over SSH their next action is refused by
        the store anyway, and a local session would otherwise act on for as long as it stays."""
        import store.people.identity

        from .widgets.store_call import read_off_loop

        actor = self.actor

        def answered(outcome) -> None:
            try:
                reason = outcome.unwrap()
            except Exception:  # noqa: BLE001 - the database busy or away: the next check
                return
            if reason is not None:
                self.session_ended(reason)

        read_off_loop(self.screen, lambda: store.people.identity.still_in_force(actor), answered)

    @property
    def context(self) -> TabContext | None:
        """The open company's context (None on the search screen)."""
        company = self.company_screen()
        return company.context if company else None

    def company_screen(self) -> CompanyScreen | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, CompanyScreen):
                return screen
        return None

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal; on Linux and macOS one that reads Escape followed
        at once by a key as Escape, then that key (tui/escape_keys.py)."""
        driver = super().get_driver_class()
        if sys.platform == "win32":
            return driver
        from textual.drivers.linux_driver import LinuxDriver

        from .escape_keys import EscapeFirstDriver

        return EscapeFirstDriver if driver is LinuxDriver else driver

    async def on_event(self, event: events.Event) -> None:
        """A key read from the terminal while an earlier key's action is under way waits for it
        (tui/type_ahead.py): typed while a dialog opens, it goes to the dialog."""
        if isinstance(event, events.Key | events.Paste) and not self.screen_stack:
            return  # closing: a key held back (type-ahead), or forwarded back, has no screen
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            if not self.type_ahead.admit(event):
                return
            target = self.focused or self.screen  # where Textual hands the key
            await super().on_event(event)
            self.type_ahead.handed_on(event, target)
            return
        await super().on_event(event)

    def on_ready(self) -> None:
        collector.settled()  # the first frame is drawn (tui/collector.py)

    def on_unmount(self) -> None:
        store.people.session_end.when_ended(self.actor, None)
        collector.release()

    def on_search_screen_open(self, message) -> None:
        try:
            screen = self._company_screen(message.company_id, message.tab)
        except store.errors.StoreError as exc:
            self.notify(exc.message, severity="error", markup=False)
            return
        self.push_screen(screen)

    # -- forms ----------------------------------------------------------------------------

    def action_save(self) -> None:
        company = self.company_screen()
        if company is not None:
            company.current_tab().save()

    def action_revert(self) -> None:
        """Escape: put back what is saved and leave the text field, so 1-4 switch tabs again:
        its form keeps the focus, and what is typed then goes back into it (escape_from).

        Unsaved input is thrown away only once the person says so, with the question that
        leaving the tab asks (CompanyScreen.ask_discard; SPEC §9: never lose what was typed).
        """
        company = self.company_screen()
        if company is None or self.screen is not company:
            return
        tab = company.current_tab()
        from textual.widgets import Input

        from .widgets.form_section import escape_from

        field = self.focused if isinstance(self.focused, Input) else None

        def discard() -> None:
            tab.revert()
            if field is not None:
                escape_from(field, tab.focus_home)

        if tab.dirty:
            company.ask_discard(discard, self.action_revert)
        else:
            discard()

    def action_help_quit(self) -> None:
        """ctrl+c outside a text field (where it copies): how to quit, in the person's language
        (Textual's own says it in English)."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(_("Press {key} to quit My company.").format(
                    key=self.get_key_display(Binding(key, "quit"))),
                    title=_("Do you want to quit?"), markup=False)
                return

    async def action_quit(self) -> None:
        """ctrl+q, from any screen or dialog (tui.widgets.dialog_keys.Dialog): quit, asking first
        when a tab holds unsaved changes or an open dialog holds unsent input, or while a tab's
        or a dialog's save is under way (tui.screens.leaving: quit once it is done, or not)."""
        from .screens.leaving import ask_over_saves

        company = self.company_screen()
        # ctrl+q over its question (however often it is asked) does not ask it again.
        if ask_over_saves(cast("App[object]", self), company,
                          company.mounted_tabs() if company else [],
                          (_("Wait for it, then quit?"), _("Quit now?")),
                          lambda: self.call_later(self.action_quit),
                          asked=lambda question: setattr(self, "_quit_question", question)):
            return
        dirty = company.dirty_tabs() if company else []
        typing = any(getattr(screen, "unsaved_input", False) for screen in self.screen_stack)
        if not dirty and not typing:
            self.exit(0)
            return
        from .screens.confirm import ConfirmModal

        def answered(discard: bool | None) -> None:
            self._quit_question = None
            if discard:
                self.exit(0)

        tabs = ", ".join(tab_title(t) for t in dirty)
        if dirty and typing:
            question = _("Unsaved changes on {tabs}, and what you typed in the open dialog. "
                         "Quit anyway?").format(tabs=tabs)
        elif typing:
            question = _("What you typed in the open dialog is not saved. Quit anyway?")
        else:
            question = _("Unsaved changes on {tabs}. Quit anyway?").format(tabs=tabs)
        self._quit_question = ConfirmModal(question, confirm_label=_("Quit"))
        self.push_screen(self._quit_question, answered)

    async def run_action(self, action: str | ActionParseResult,
                         default_namespace: DOMNode | None = None,
                         namespaces: Mapping[str, DOMNode] | None = None) -> bool:
        """Textual's, except that a dimmed key (check_action answering None) rings the bell
        and says why (tui.dimmed, #15 trial: y with no open invoice did nothing at all), if
        still dimmed once the keys typed before it have landed (`tell_dimmed_later`)."""
        resolved = action_node(self, action, default_namespace, namespaces)
        if resolved is not None:
            target, name, parameters = resolved
            if target.check_action(name, parameters) is None:
                tell_dimmed_later(self, target, name, parameters, lambda: super(
                    MyCompanyApp, self).run_action(action, default_namespace, namespaces))
                return True
        return await super().run_action(action, default_namespace, namespaces)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit":  # not again over its own question (it is asked already)
            return self._quit_question is None or self.screen is not self._quit_question
        if action == "own_keys":  # from a screen, not over another dialog
            return not isinstance(self.screen, ModalScreen)
        if action == "save":  # a key is offered only where it does something: a tab's form
            company = self.company_screen()
            if company is None or self.screen is not company:
                return False
            tab = company.tab(company.current_tab_name)  # None while it is being built
            return tab is not None and tab.has_form
        return True

    def action_own_keys(self) -> None:
        """The person's own SSH sign-in keys (SPEC §2), in a dialog over the screen."""
        if isinstance(self.screen, ModalScreen):
            return
        from .screens.keys import OwnKeysModal

        self.push_screen(OwnKeysModal(self.actor, self.locale))

    async def action_help(self) -> None:
        from .screens.help import HelpScreen, help_sections

        company = self.company_screen()
        if company is not None:
            await company.mount_all_tabs()  # tabs are built on first visit; help lists them all
        self.push_screen(HelpScreen(help_sections(self)))

    async def action_command_palette(self) -> None:  # type: ignore[override]
        # Async, unlike Textual's: the palette lists every tab's actions, so the tabs not built
        # yet are mounted first (Textual awaits an async action as it calls a plain one).
        company = self.company_screen()
        if company is not None:
            await company.mount_all_tabs()  # every tab's actions, visited or not
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(CommandPalette(placeholder=_("Search for commands…"),
                                            id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own commands (Theme, Quit, Keys...), in the person's language.
        words = _textual_command_words()
        for command in super().get_system_commands(screen):
            title, help_text = words.get((command.title, command.help),
                                         (command.title, command.help))
            yield command._replace(title=title, help=help_text)
        yield SystemCommand(_("Save"), _("Save the form of this tab"), self.action_save)
        yield SystemCommand(_("Revert"), _("Put back what is saved"), self.action_revert)
        yield SystemCommand(_("Help"), _("Every key, in one list"), self.action_help)
        if not isinstance(screen, ModalScreen):
            yield SystemCommand(_("Sign-in keys"), _("Your SSH sign-in keys: list, add, remove"),
                                self.action_own_keys)
        company = self.company_screen()
        if company is not None:
            for title, help_text, callback in company.palette_commands():
                yield SystemCommand(title, help_text, callback)


def _textual_command_words() -> dict[tuple[str, str], tuple[str, str]]:
    """The titles and help of Textual's system commands (textual/app.py), translated."""
    return {
        ("Theme", "Change the current theme"): (_("Theme"), _("Change the current theme")),
        ("Quit", "Quit the application as soon as possible"):
            (_("Quit"), _("Quit the application as soon as possible")),
        ("Keys", "Hide the keys and widget help panel"):
            (_("Keys"), _("Hide the keys and widget help panel")),
        ("Keys", "Show help for the focused widget and a summary of available keys"):
            (_("Keys"), _("Show help for the focused widget and a summary of available keys")),
        ("Minimize", "Minimize the widget and restore to normal size"):
            (_("Minimize"), _("Minimize the widget and restore to normal size")),
        ("Maximize", "Maximize the focused widget"):
            (_("Maximize"), _("Maximize the focused widget")),
        ("Screenshot", "Save an SVG 'screenshot' of the current screen"):
            (_("Screenshot"), _("Save an SVG 'screenshot' of the current screen")),
    }


def run_app(actor: store.views.Actor, company_id: int | None = None, lang: str | None = None,
            tab: str = "general") -> int:
    """Open the screens: owners on their company (R1), staff on the search or --company."""

    from .formatting import display_locale

    app = MyCompanyApp(actor, company_id, locale=display_locale(lang), initial_tab=tab)
    result = app.run()
    if app.session_over is not None:  # refused under a screen, however it ended (exit 3)
        return store.people.session_end.SessionEnded.exit_status
    return result if isinstance(result, int) else (app.return_code or 0)
