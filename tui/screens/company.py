"""One company's tabs (General, Plan, Billing, History), with the unsaved-change guards."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, Static, TabbedContent, TabPane, Tabs

import store
import store.errors
import store.i18n
import store.profile.company
from store.i18n import _

from .. import collector
from ..formatting import safe_text
from ..tabs.base import CompanyTab, TabContext
from ..widgets.key_footer import KeyFooter
from .leaving import back_offered, back_to_list

TABS = ("general", "plan", "billing", "history")
# One footer entry "1234 Tabs" instead of four: at 80 columns the tab's own keys need the room.
TAB_KEYS = Binding.Group(_("Tabs"), compact=True)


def tab_title(tab: str) -> str:
    return {"general": _("General"), "plan": _("Plan"), "billing": _("Billing"),
            "history": _("History")}[tab]


def applies(node, binding: Binding) -> bool:
    """Whether help lists the key: as the key line does (Textual's `check_action`), False
    leaves it out (not for this person, or not here), None keeps it, dimmed in the key line
    (General's `d Delete` with no logo yet), True keeps it."""
    check = getattr(node, "check_action", None)
    if check is None:
        return True
    try:
        return check(binding.action.split("(")[0], ()) is not False
    except Exception:  # noqa: BLE001 - a check that needs real parameters: keep the key listed
        return True


class CompanyTabs(TabbedContent):
    """TabbedContent whose shown tab follows the keys, never a late focus.

    Textual shows the pane of any widget that gets focus. A tab focuses its first control
    when shown; with fast keys (ctrl+pageup twice) that focus lands after the next switch and
    would pull the old tab back, or leave keys acting on a hidden tab. Here the focus is sent
    back into the tab that is shown instead.
    """

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A widget of the shown tab took the focus: the tab strip is then no tab stop (Tab
        from the tab's last widget wraps to its first), so that the focus never sits outside the
        tab's keys while the tab has a place for it (#15: on the strip, Billing's `c` did
        nothing). A tab with nothing to focus (staff on a read-only profile) keeps the strip."""
        strip = self.query_one(Tabs)
        if event.widget is not strip:
            strip.can_focus = False

    @on(TabbedContent.TabActivated)
    def _strip_is_a_stop_again(self) -> None:
        self.query_one(Tabs).can_focus = True  # until the tab shown takes the focus

    def on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        event.stop()
        event.prevent_default()  # TabbedContent's own handler (next in the MRO) would switch
        if event.tab_pane.id == self.active:
            return
        shown = self.get_pane(self.active) if self.active else None
        if shown is not None:
            for tab in shown.query(CompanyTab):
                tab.focus_home()
                break


# Seconds after the screen is mounted: its first frame is drawn and settled by then, and a person
# has not yet read it (pressing a key takes longer).
WARM_UP_AFTER = 0.5
# The other tabs' code, and the store services it calls; not the forms: Pydantic and the
# validation libraries load when a change is first sent.
WARM_UP = ("tui.tabs.general", "tui.tabs.billing", "tui.tabs.history", "tui.tabs.plan",
           "store.profile.billing", "store.invoicing.invoices", "store.trail.history")


class CompanyScreen(Screen):
    """The tabs of one company, as the acting person may see them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "show_tab('general')", _("General"), tooltip=_("Go to the General tab"),
                id="tab.general", group=TAB_KEYS),
        Binding("2", "show_tab('plan')", _("Plan"), tooltip=_("Go to the Plan tab"),
                id="tab.plan", group=TAB_KEYS),
        Binding("3", "show_tab('billing')", _("Billing"), tooltip=_("Go to the Billing tab"),
                id="tab.billing", group=TAB_KEYS),
        Binding("4", "show_tab('history')", _("History"), tooltip=_("Go to the History tab"),
                id="tab.history", group=TAB_KEYS),
        Binding("ctrl+pagedown", "next_tab(1)", _("Next tab"), show=False,
                tooltip=_("Next tab, even from inside a text field"), id="tab.next"),
        Binding("ctrl+pageup", "next_tab(-1)", _("Previous tab"), show=False,
                tooltip=_("Previous tab, even from inside a text field"), id="tab.previous"),
        Binding("ctrl+f", "back_to_search", _("Search"),
                tooltip=_("Staff: back to the company search"), id="company.search"),
        Binding("escape", "back_to_list", _("Back"), id="company.back",
                tooltip=_("Staff: back to the list this company was opened from")),
        Binding("ctrl+n", "new_owner", _("Owner"),
                tooltip=_("Admin staff: a new owner for the company, with a reason"),
                id="company.owner"),
        Binding("ctrl+l", "close_company", _("Close company"),
                tooltip=_("Admin staff: close the company, its data kept read-only"),
                id="company.close"),
    ]

    def __init__(self, context: TabContext, *, initial_tab: str = "general") -> None:
        super().__init__()
        self.context = context
        self.initial_tab = initial_tab if initial_tab in TABS else "general"
        self._current_tab = self.initial_tab
        self._switching = False
        self._tabs: dict[str, CompanyTab] = {}  # made; tab() answers for those in the DOM
        # R1 is checked here, before anything is drawn; a closed company is read-only (§11).
        self.company_name, self.closed_at = store.profile.company.company_heading(
            context.actor, context.company_id)

    def _make_tab(self, name: str) -> CompanyTab:
        """A tab's content, built when first shown or warmed up; it reads its data when mounted."""
        self._tabs[name] = tab = self._new_tab(name)
        return tab

    def _new_tab(self, name: str) -> CompanyTab:
        if name == "general":
            from ..tabs.general import GeneralTab

            return GeneralTab(self.context, id="general-tab")  # reads its view when mounted
        if name == "plan":
            from ..tabs.plan import PlanTab

            return PlanTab(self.context, id="plan-tab")
        if name == "billing":
            from ..tabs.billing import BillingTab

            return BillingTab(self.context, id="billing-tab")
        from ..tabs.history import HistoryTab

        return HistoryTab(self.context, id="history-tab")

    def compose(self) -> ComposeResult:
        yield Header()
        if self.context.actor.is_staff:
            yield Static(self.staff_banner(self.company_name), id="banner", markup=False)
        with CompanyTabs(initial=self.initial_tab, id="tabs"):
            for name in TABS:
                with TabPane(tab_title(name), id=name):
                    if name == self.initial_tab:
                        yield self._make_tab(name)
        yield KeyFooter()

    async def mount_tab(self, name: str) -> CompanyTab:
        """The tab's content, mounting it first if it was never shown."""
        found = self.tab(name)
        if found is None:
            found = self._make_tab(name)
            await self.query_one(f"TabPane#{name}", TabPane).mount(found)
        return found

    async def mount_all_tabs(self) -> None:
        """Every tab's content: help and the command palette list every tab's actions."""
        for name in TABS:
            await self.mount_tab(name)

    def on_mount(self) -> None:
        self.title = _("My company")
        self.sub_title = safe_text(self.company_name)
        if os.environ.get("MYCOMPANY_WARM_UP", "1") != "0":
            self.set_timer(WARM_UP_AFTER, lambda: self._warm_up(list(WARM_UP)))

    async def _warm_up(self, modules: list[str]) -> None:
        """While the person reads the first screen, get the other tabs ready: import their code,
        then build them, hidden, one step at a time (a module, a tab), each step queued behind
        the keys and messages already waiting. Showing a tab then lays out and draws widgets
        that exist, with data read at most a few seconds earlier (Plan and History read again
        when shown). On this thread: a thread of its own would cost a memory arena and still
        take the interpreter lock."""
        import importlib
        import sys

        while modules and modules[0] in sys.modules:
            modules.pop(0)
        if modules:
            try:
                importlib.import_module(modules.pop(0))
            except Exception:  # noqa: BLE001 - showing the tab imports it again and says why
                return
            self.call_later(self._warm_up, modules)
            return
        for name in TABS:
            if self.tab(name) is None:
                try:
                    await self.mount_tab(name)
                except store.errors.StoreError:
                    return  # showing the tab builds it again and says why
                self.call_later(self._warm_up, modules)
                return
        collector.settled()  # the tabs live as long as the screen: out of the collector's walks

    def tab(self, name: str) -> CompanyTab | None:
        """The tab's content, or None while the tab is not built yet. Asked for every key and
        every refresh of the key line (through check_action): a lookup, not a query of the DOM."""
        found = self._tabs.get(name)
        return found if found is not None and found.is_attached else None

    @property
    def current_tab_name(self) -> str:
        """The tab shown (general, plan, billing, history), built or not yet."""
        return self._current_tab

    def current_tab(self) -> CompanyTab:
        found = self.tab(self._current_tab)
        assert found is not None, "the shown tab is always mounted"
        return found

    def mounted_tabs(self) -> list[str]:
        return [name for name in TABS if self.tab(name) is not None]

    def mounted_tab_widgets(self) -> list[CompanyTab]:
        return [tab for name in TABS if (tab := self.tab(name)) is not None]

    def dirty_tabs(self) -> list[str]:
        return [name for name in TABS if (tab := self.tab(name)) is not None and tab.dirty]

    def action_show_tab(self, tab: str) -> None:
        """Show `tab` (1-4, ctrl+pageup/pagedown, the palette): with unsaved input on the shown
        tab, "Discard them?" is asked here, in the key's own action, as escape asks it. Keys
        typed after the key wait for what its action put on screen (tui/type_ahead.py), which
        is then the question: asked later, from the tab strip's TabActivated, it came after the
        keys had gone on (verification trial: ctrl+pagedown then y typed the y into the field,
        and the question came after)."""
        shown = self.tab(self._current_tab)
        if tab != self._current_tab and shown is not None and shown.dirty:
            self._ask_leaving_tab(tab)
            return
        self.query_one("#tabs", TabbedContent).active = tab

    def action_next_tab(self, step: int) -> None:
        active = self.query_one("#tabs", TabbedContent).active or self._current_tab
        self.action_show_tab(TABS[(TABS.index(active) + step) % len(TABS)])

    @on(TabbedContent.TabActivated, "#tabs")
    async def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        new = event.pane.id or "general"
        if self._switching or new == self._current_tab:
            return
        leaving = self.current_tab()
        if not leaving.dirty:
            self._current_tab = new
            shown = self.tab(new)
            if shown is None:
                await self.mount_tab(new)  # first visit: built with fresh data
            elif new in ("plan", "history", "billing"):
                # Figures may have changed on another tab, or elsewhere (the billing run issued
                # an invoice, a payment was made): read again, off the event loop. Billing
                # first looks whether anything changed since it read (BillingTab.shown_again).
                shown.shown_again()
            return
        # A click on the strip: go back until the person says what happens to their input.
        self._switching = True
        self.query_one("#tabs", TabbedContent).active = self._current_tab
        self.call_after_refresh(setattr, self, "_switching", False)
        self._ask_leaving_tab(new)

    def _ask_leaving_tab(self, new: str) -> None:
        """Ask before the shown tab's unsaved input is left for tab `new` (a key, a click)."""
        leaving = self.current_tab()

        def discard() -> None:
            leaving.revert()
            self._current_tab = new
            self.query_one("#tabs", TabbedContent).active = new

        self.ask_discard(discard, functools.partial(self.action_show_tab, new), (
            _("Wait for it, then go to {tab}?").format(tab=tab_title(new)),
            _("Go to {tab} now?").format(tab=tab_title(new))))

    def ask_discard(self, discard: Callable[[], object], again: Callable[[], object],
                    then: tuple[str, str] | None = None) -> None:
        """Ask before the shown tab's unsaved input is thrown away (leaving the tab, escape);
        `discard` runs only on "Discard"; while its save is under way, the question says so
        (tui.screens.leaving: `again` is the key's action once it is done)."""
        from .leaving import ask_discard

        ask_discard(self, discard, again, then)

    def on_general_tab_name_changed(self, message) -> None:
        self.company_name = message.name
        self.sub_title = safe_text(message.name)
        if self.context.actor.is_staff:
            self.query_one("#banner", Static).update(self.staff_banner(message.name))

    def staff_banner(self, name: str) -> str:
        """The line over a company a staff member opened: whose view it is (their role: the
        billing team may change what support may only read) and which company."""
        role = self.context.actor.role
        line = (_("Billing team view: {company} ({id})") if role == "billing"
                else _("Admin view: {company} ({id})") if role == "admin"
                else _("Support view: {company} ({id})"))
        line = line.format(company=safe_text(name), id=self.context.company_id)
        if self.closed_at is None:
            return line
        from ..formatting import day, reader_time

        return _("{view} · closed on {date}").format(
            view=line, date=day(reader_time(self.closed_at).date()))

    def show_closed(self, closed_at: datetime | None) -> None:
        """The company was closed just now (company_admin.ask_close): banner and keys say so."""
        self.closed_at = closed_at
        if self.context.actor.is_staff:
            self.query_one("#banner", Static).update(self.staff_banner(self.company_name))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back_to_search":
            return self.context.actor.is_staff
        if action == "back_to_list":  # where escape has nothing to put back first
            return back_offered(self)
        if action in ("new_owner", "close_company"):  # the store refuses anyone else, and
            return self.context.actor.is_admin and self.closed_at is None  # a closed company
        return True

    def action_new_owner(self) -> None:
        from .company_admin import ask_new_owner

        ask_new_owner(self)

    def action_close_company(self) -> None:
        from .company_admin import ask_close

        ask_close(self)

    def action_back_to_list(self) -> None:
        back_to_list(self)

    def action_back_to_search(self) -> None:
        """Staff: back to the search (company_admin.to_search: not the screen below), asking
        first when something is unsaved or a save is under way (tui.screens.leaving)."""
        from .company_admin import to_search
        from .leaving import ask_leave

        ask_leave(self, functools.partial(to_search, self))

    def help_bindings(self) -> Iterable[Binding]:
        """Every key of the screen and of its mounted tabs, for help and the palette."""
        yield from self.screen_help_bindings()
        for widget in self.mounted_tab_widgets():
            yield from self.tab_help_bindings(widget)

    def screen_help_bindings(self) -> Iterable[Binding]:
        """The screen's own keys (tabs, search) that apply to this person."""
        yield from (b for b in self.BINDINGS if isinstance(b, Binding)
                    and self.check_action(b.action.split("(")[0], ()) is not False)

    def tab_help_bindings(self, widget: CompanyTab) -> Iterable[Binding]:
        """The keys of one tab (its widgets' and wrappers' bindings with an id) that apply."""
        wrappers = [n for n in widget.ancestors if n.parent is not None
                    and not isinstance(n, (Screen, TabbedContent))]
        for node in [widget, *widget.query("*"), *wrappers]:
            for binding in getattr(node, "BINDINGS", []):
                if isinstance(binding, Binding) and binding.id and applies(node, binding):
                    yield binding

    def named_tab_widgets(self) -> list[tuple[str, CompanyTab]]:
        """(name, tab) of every mounted tab, in tab order."""
        return [(name, tab) for name in TABS if (tab := self.tab(name)) is not None]

    def palette_commands(self) -> Iterable[tuple[str, str, Callable[[], object]]]:
        for name in TABS:
            yield (_("Go to {tab}").format(tab=tab_title(name)),
                   _("Show the {tab} tab").format(tab=tab_title(name)),
                   functools.partial(self.action_show_tab, name))
        if self.context.actor.is_staff:
            yield (_("Back to the company search"), _("Find another company"),
                   self.action_back_to_search)
        if self.context.actor.is_admin and self.closed_at is None:
            yield (_("Change the owner"), _("Admin staff: a new owner for the company, with a "
                                            "reason"), self.action_new_owner)
            yield (_("Close the company"), _("Admin staff: close the company, its data kept "
                                             "read-only"), self.action_close_company)
        for tab in self.mounted_tab_widgets():
            commands = getattr(tab, "palette_commands", None)
            if commands is not None:
                yield from commands()
