"""The questions before a company's unsaved input is left behind (escape, another tab, back to
the search, quitting), and what they say while a save of that input is under way.

A save runs off the event loop (tui/widgets/store_call.py) and cannot be called back once sent.
While one runs, "Discard them?" or "Quit anyway?" would lie: the save went through after the
person said "Discard" (#15 trial, with another program holding the database). The question says
a save is under way and that its outcome will show; the person may wait for it, and the key
then does what it does once nothing is being saved (asking as usual about anything still
unsaved, typed after the save), or not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from store.i18n import _

if TYPE_CHECKING:
    from ..widgets.form_section import FormSection
    from .company import CompanyScreen
    from .confirm import ConfirmModal


def saves_under_way(company: CompanyScreen, tabs: Iterable[str]) -> list[tuple[str, FormSection]]:
    """The forms of the tabs named `tabs` whose save is running, each with its tab's name."""
    from ..widgets.form_section import FormSection

    return [(name, form) for name in tabs if (tab := company.tab(name)) is not None
            for form in tab.query(FormSection) if form.saving]


def ask_over_saves(company: CompanyScreen, tabs: Iterable[str], then: str,
                   again: Callable[[], object]) -> ConfirmModal | None:
    """When a save of one of `tabs` is under way: ask whether to wait for it (`then`, what
    follows: "Wait for it, then quit?"), and return the question; None, asking nothing, when
    none is.

    Wait (y): once every such save has answered, and the store took each, `again()` runs (the
    key's action once more, which asks as usual about anything still unsaved); one refused
    stops there, its reason shown in its form and the input kept. Cancel (n, escape): nothing;
    the save goes on and its outcome shows, as the question says."""
    running = saves_under_way(company, tabs)
    if not running:
        return None
    from .company import tab_title
    from .confirm import ConfirmModal

    def answered(wait: bool | None) -> None:
        if not wait:
            return
        left = [form for _name, form in running if form.saving]
        if not left:  # answered meanwhile: the key's action asks about what is unsaved now
            again()
            return
        outcomes: list[bool] = []

        def told(taken: bool) -> None:
            outcomes.append(taken)
            if len(outcomes) == len(left) and all(outcomes) and company.is_attached:
                again()

        for form in left:
            form.when_answered(told)

    names = ", ".join(dict.fromkeys(tab_title(name) for name, _form in running))
    question = ConfirmModal(
        _("A save is under way on {tabs}: its outcome will show here.").format(tabs=names)
        + "\n" + then, confirm_label=_("Wait"))
    company.app.push_screen(question, answered)
    return question


def ask_discard(company: CompanyScreen, discard: Callable[[], object],
                again: Callable[[], object], then: str | None = None) -> None:
    """Ask before the shown tab's unsaved input is thrown away (leaving the tab, escape):
    `discard` runs only on "Discard". While its save is under way, `ask_over_saves` asks
    instead (`then`: what follows the wait; escape's by default), and `again` is the key's
    action, run once the save is done."""
    from .company import tab_title
    from .confirm import ConfirmModal

    shown = company.current_tab_name
    if ask_over_saves(company, [shown], then or _(
            "Wait for it, then discard what is still unsaved?"), again):
        return

    def answered(yes: bool | None) -> None:
        if yes:
            discard()

    company.app.push_screen(ConfirmModal(
        _("You have unsaved changes on {tab}. Discard them?").format(tab=tab_title(shown)),
        confirm_label=_("Discard")), answered)


def ask_leave(company: CompanyScreen, leave: Callable[[], object]) -> None:
    """Staff back to the search (`leave`), asking first while a save is under way on any tab,
    or when a tab holds unsaved changes."""
    from .company import tab_title
    from .confirm import ConfirmModal

    if ask_over_saves(company, company.mounted_tabs(),
                      _("Wait for it, then go back to the search?"),
                      company.action_back_to_search):
        return
    dirty = company.dirty_tabs()
    if not dirty:
        leave()
        return

    def answered(yes: bool | None) -> None:
        if yes:
            leave()

    company.app.push_screen(ConfirmModal(
        _("Unsaved changes on {tabs}. Leave this company anyway?").format(
            tabs=", ".join(tab_title(t) for t in dirty)), confirm_label=_("Leave")), answered)
