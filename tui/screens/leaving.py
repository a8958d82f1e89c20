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

# What a key does after a save under way, as its question says it: while the save runs ("Wait
# for it, then quit?") and once it has answered ("Quit now?").
Then = tuple[str, str]

if TYPE_CHECKING:
    from textual.worker import Worker

    from ..widgets.form_section import FormSection
    from .company import CompanyScreen
    from .confirm import ConfirmModal


def saves_under_way(company: CompanyScreen, tabs: Iterable[str]) -> list[tuple[str, FormSection]]:
    """The forms of the tabs named `tabs` whose save is running, each with its tab's name."""
    from ..widgets.form_section import FormSection

    return [(name, form) for name in tabs if (tab := company.tab(name)) is not None
            for form in tab.query(FormSection) if form.saving]


def calls_under_way(company: CompanyScreen, tabs: Iterable[str]) -> list[tuple[str, Worker]]:
    """The store calls of the tabs named `tabs` running outside a form (a card charge, a logo
    sent, a recipient removed: SAVING workers of a tab's own widgets), each with its tab's name.
    A form's own call is in `saves_under_way`."""
    from ..widgets.form_section import SAVING, FormSection

    shown = [(name, tab) for name in tabs if (tab := company.tab(name)) is not None]
    return [(name, worker) for worker in company.app.workers
            if worker.group == SAVING and not worker.is_finished
            and not isinstance(worker.node, FormSection)
            for name, tab in shown if tab in worker.node.ancestors_with_self]


def ask_over_saves(company: CompanyScreen, tabs: Iterable[str], then: Then,
                   again: Callable[[], object]) -> ConfirmModal | None:
    """When a save of one of `tabs` is under way (a form's, or another store call of the tab:
    a card charge, a logo: #15 trial, ctrl+q during a logo upload quit at once): ask whether
    to wait for it (`then`: what follows, while the save runs and once it has answered), and
    return the question; None, asking nothing, when none is.

    Wait (y): once every such call has answered, and the store took each form's, `again()`
    runs (the key's action once more, which asks as usual about anything still unsaved); a
    form's refused save stops there, its reason shown in its form and the input kept. Cancel
    (n, escape): nothing; the calls go on and their outcome shows, as the question says.
    Should every call answer while the question is still open, its words change to what came
    of them, and y then runs `again()` at once (#15 trial t15: "A save is under way… Wait for
    it, then go to Plan?" stayed after the busy answer had shown behind it). The question is
    reworded, not closed: a y on its way means "go on" in either wording, and never lands on
    the screen below."""
    tabs = list(tabs)
    running = saves_under_way(company, tabs)
    calls = calls_under_way(company, tabs)
    if not running and not calls:
        return None
    from ..widgets.store_call import call_refused
    from .company import tab_title
    from .confirm import ConfirmModal

    names = ", ".join(dict.fromkeys(tab_title(name) for name, _call in [*running, *calls]))
    question = ConfirmModal(
        _("A save is under way on {tabs}: its outcome will show here.").format(tabs=names)
        + "\n" + then[0], confirm_label=_("Wait"))
    waiting: list[bool] = []  # y said while the calls ran
    ended: list[bool] = []  # every call answered: whether the store took each form's

    def answered(wait: bool | None) -> None:
        if wait and ended:
            again()
        elif wait:
            waiting.append(True)

    def all_answered(taken: bool) -> None:
        ended.append(taken)
        if waiting:
            if taken and company.is_attached:
                again()
        elif question in company.app.screen_stack:
            outcome = (_("The save on {tabs} is done.") if taken else _(
                "The save on {tabs} was not taken: the tab says why.")).format(tabs=names)
            question.reword(outcome + "\n" + then[1])

    outcomes: list[bool] = []
    forms = [form for _name, form in running]

    def told(taken: bool) -> None:
        outcomes.append(taken)
        if len(outcomes) == len(forms) + 1:
            all_answered(all(outcomes))

    for form in forms:
        form.when_answered(told)
    # The other calls show their outcome themselves: once they are done, the key goes on.
    workers = [worker for _name, worker in calls]

    def calls_done() -> None:
        if all(worker.is_finished for worker in workers):
            timer.stop()
            # One refused (a decline, a busy database) stops there, its outcome shown by its
            # section (verification trial: the wait quit at once, unsaid).
            company.call_after_refresh(told, not any(call_refused(worker) for worker in workers))

    timer = company.set_interval(0.05, calls_done)
    calls_done()
    company.app.push_screen(question, answered)
    return question


def ask_discard(company: CompanyScreen, discard: Callable[[], object],
                again: Callable[[], object], then: Then | None = None) -> None:
    """Ask before the shown tab's unsaved input is thrown away (leaving the tab, escape):
    `discard` runs only on "Discard". While its save is under way, `ask_over_saves` asks
    instead (`then`: what follows the wait; escape's by default), and `again` is the key's
    action, run once the save is done."""
    from .company import tab_title
    from .confirm import ConfirmModal

    shown = company.current_tab_name
    if ask_over_saves(company, [shown], then or (
            _("Wait for it, then discard what is still unsaved?"),
            _("Discard what is still unsaved now?")), again):
        return

    def answered(yes: bool | None) -> None:
        if yes:
            discard()

    # Escape then y, typed as one gesture, discards as in every dialog (ConfirmModal
    # typed_ahead, #18 trial): the y came before the question was drawn and only rang the bell.
    company.app.push_screen(ConfirmModal(
        _("You have unsaved changes on {tab}. Discard them?").format(tab=tab_title(shown)),
        confirm_label=_("Discard"), typed_ahead=True), answered)


def ask_leave(company: CompanyScreen, leave: Callable[[], object]) -> None:
    """Staff back to the search (`leave`), asking first while a save is under way on any tab,
    or when a tab holds unsaved changes."""
    from .company import tab_title
    from .confirm import ConfirmModal

    if ask_over_saves(company, company.mounted_tabs(),
                      (_("Wait for it, then go back to the search?"),
                       _("Go back to the search now?")), company.action_back_to_search):
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
