"""The App: composition root, tabs, app-level keys, palette commands, unsaved-change guards."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

import store
from store.i18n import _

from .formatting import safe_text
from .tabs.base import CompanyTab, TabContext

TABS = ("general", "plan", "billing")


def tab_title(tab: str) -> str:
    return {"general": _("General"), "plan": _("Plan"), "billing": _("Billing")}[tab]


class MyCompanyApp(App[int]):
    """My company for one company, as the acting person sees it."""

    CSS_PATH = "app.tcss"
    TITLE = "My company"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("1", "show_tab('general')", _("General"), tooltip=_("Go to the General tab"),
                id="tab.general"),
        Binding("2", "show_tab('plan')", _("Plan"), tooltip=_("Go to the Plan tab"),
                id="tab.plan"),
        Binding("3", "show_tab('billing')", _("Billing"), tooltip=_("Go to the Billing tab"),
                id="tab.billing"),
        Binding("ctrl+s", "save", _("Save"), tooltip=_("Save the form of this tab"),
                priority=True, id="form.save"),
        Binding("escape", "revert", _("Revert"), tooltip=_("Put back what is saved"),
                id="form.revert"),
        Binding("question_mark", "help", _("Help"), tooltip=_("Every key, in one list"),
                id="app.help"),
        Binding("ctrl+q", "quit", _("Quit"), tooltip=_("Leave My company"), priority=True,
                id="app.quit"),
    ]

    def __init__(self, actor: store.Actor, company_id: int, *, locale: str = "en",
                 initial_tab: str = "general") -> None:
        super().__init__()
        self.context = TabContext(actor=actor, company_id=company_id, locale=locale)
        self.initial_tab = initial_tab if initial_tab in TABS else "general"
        self._current_tab = self.initial_tab
        self._switching = False
        general = store.company.get_general(actor, company_id)
        self.company_name = general.name
        self._general = general

    def compose(self) -> ComposeResult:
        from .tabs.billing import BillingTab
        from .tabs.general import GeneralTab
        from .tabs.plan import PlanTab

        yield Header()
        if self.context.actor.is_staff:
            yield Static(_("Support view: {company} ({id})").format(
                company=safe_text(self.company_name), id=self.context.company_id),
                id="banner", markup=False)
        with TabbedContent(initial=self.initial_tab, id="tabs"):
            with TabPane(tab_title("general"), id="general"):
                yield GeneralTab(self.context, self._general, id="general-tab")
            with TabPane(tab_title("plan"), id="plan"):
                yield PlanTab(self.context, id="plan-tab")
            with TabPane(tab_title("billing"), id="billing"):
                yield BillingTab(self.context, id="billing-tab")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("My company")
        self.sub_title = safe_text(self.company_name)

    # -- tabs and forms -------------------------------------------------------------------

    def current_tab(self) -> CompanyTab:
        return self.query_one(f"#{self._current_tab}-tab", CompanyTab)

    def action_show_tab(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = tab

    @on(TabbedContent.TabActivated, "#tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        new = event.pane.id or "general"
        if self._switching or new == self._current_tab:
            return
        leaving = self.current_tab()
        if not leaving.dirty:
            self._current_tab = new
            return
        # Go back until the person says what happens to their unsaved input.
        self._switching = True
        self.query_one("#tabs", TabbedContent).active = self._current_tab
        self.call_after_refresh(setattr, self, "_switching", False)

        def answered(discard: bool | None) -> None:
            if discard:
                leaving.revert()
                self._current_tab = new
                self.query_one("#tabs", TabbedContent).active = new

        from .screens.confirm import ConfirmModal

        self.push_screen(ConfirmModal(_("You have unsaved changes on {tab}. Discard them?").format(
            tab=tab_title(self._current_tab)), confirm_label=_("Discard")), answered)

    def action_save(self) -> None:
        self.current_tab().save()

    def action_revert(self) -> None:
        self.current_tab().revert()

    async def action_quit(self) -> None:
        dirty = [tab for tab in TABS if self.query_one(f"#{tab}-tab", CompanyTab).dirty]
        if not dirty:
            self.exit(0)
            return
        from .screens.confirm import ConfirmModal

        def answered(discard: bool | None) -> None:
            if discard:
                self.exit(0)

        self.push_screen(ConfirmModal(_("Unsaved changes on {tabs}. Quit anyway?").format(
            tabs=", ".join(tab_title(t) for t in dirty)), confirm_label=_("Quit")), answered)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        keys = []
        seen = set()
        for binding in self._help_bindings():
            if binding.description and (binding.key, binding.description) not in seen:
                seen.add((binding.key, binding.description))
                keys.append((binding.key_display or self.get_key_display(binding),
                             binding.tooltip or binding.description))
        keys.append(("ctrl+p", _("Command palette: every action by name")))
        keys.append(("tab / shift+tab", _("Move between fields and lists")))
        self.push_screen(HelpScreen(keys))

    def _help_bindings(self) -> Iterable[Binding]:
        yield from (b for b in self.BINDINGS if isinstance(b, Binding))
        for tab in TABS:
            widget = self.query_one(f"#{tab}-tab", CompanyTab)
            for node in [widget, *widget.query("*")]:
                for binding in getattr(node, "BINDINGS", []):
                    if isinstance(binding, Binding) and binding.id:
                        yield binding

    # -- the command palette -------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for tab in TABS:
            yield SystemCommand(_("Go to {tab}").format(tab=tab_title(tab)),
                                _("Show the {tab} tab").format(tab=tab_title(tab)),
                                lambda t=tab: self.action_show_tab(t))
        yield SystemCommand(_("Save"), _("Save the form of this tab"), self.action_save)
        yield SystemCommand(_("Revert"), _("Put back what is saved"), self.action_revert)
        yield SystemCommand(_("Help"), _("Every key, in one list"), self.action_help)
        for tab in TABS:
            widget = self.query_one(f"#{tab}-tab", CompanyTab)
            for title, help_text, callback in getattr(widget, "palette_commands", list)():
                yield SystemCommand(title, help_text, callback)

    # -- crashes never print local variables (a card form may be one of them) ---------------

    def _fatal_error(self) -> None:
        from rich.traceback import Traceback
        from rich.segment import Segments

        self.bell()
        traceback = Traceback(show_locals=False, width=None)
        self._exit_renderables.append(
            Segments(self.console.render(traceback, self.console.options)))
        self._close_messages_no_wait()


def run_app(actor: store.Actor, company_id: int | None = None, lang: str | None = None,
            tab: str = "general") -> int:
    """Open the screens for `actor` (R1: owners of their company, staff with --company)."""
    from .formatting import display_locale

    cid = company_id if company_id is not None else actor.company_id
    if cid is None:
        raise store.Refused(_("Staff members open a company with --company ID "
                              "(the company search arrives with the support console)."))
    store.company.get_general(actor, cid)  # R1: refuse before drawing anything
    app = MyCompanyApp(actor, cid, locale=display_locale(lang), initial_tab=tab)
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
