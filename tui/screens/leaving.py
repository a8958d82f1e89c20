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

import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from store.i18n import _

# What a key does after a save under way, as its question says it: while the save runs ("Wait
# for it, then quit?") and once it has answered ("Quit now?").
Then = tuple[str, str]

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump
    from textual.screen import Screen
    from textual.worker import Worker

    from ..widgets.form_dialog import FormDialog
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


def dialogs_under_way(app: App[object]) -> list[FormDialog]:
    """The open dialogs whose store call is running (a recipient added, a company created)."""
    from ..widgets.form_dialog import FormDialog

    return [screen for screen in app.screen_stack
            if isinstance(screen, FormDialog) and screen.sending]


def ask_over_saves(app: App[object], company: CompanyScreen | None, tabs: Iterable[str],
                   then: Then, again: Callable[[], object], *,
                   asked: Callable[[ConfirmModal], object] | None = None
                   ) -> ConfirmModal | None:
    """When a save of one of `tabs` of `company` is under way (a form's, or another store call
    of the tab: a card charge, a logo: #15 trial, ctrl+q during a logo upload quit at once), or
    an open dialog's (Add recipient, New company: verification v1, ctrl+q asked "What you typed
    in the open dialog is not saved. Quit anyway?" while it saved): ask whether to wait for it
    (`then`: what follows, while the save runs and once it has answered), and return the
    question; None, asking nothing, when none is.

    Wait (y): once every such call has answered, and the store took each form's and each
    dialog's, `again()` runs (the key's action once more, which asks as usual about anything
    still unsaved); a refused save stops there, its reason shown in its form or dialog and the
    input kept. Cancel (n, escape): nothing; the calls go on and their outcome shows, as the
    question says. Should every call answer while the question is still open, its words change
    to what came of them, and y then runs `again()` at once (#15 trial t15: "A save is under
    way… Wait for it, then go to Plan?" stayed after the busy answer had shown behind it). The
    question is reworded, not closed: a y on its way means "go on" in either wording, and never
    lands on the screen below. A dialog that saved closes, and the question over it with it
    (FormDialog.close_with): it is asked again at once in its new words, a y typed meanwhile
    answering it. `asked(question)` for each question put on screen, the first and that one."""
    tabs = list(tabs)
    running = saves_under_way(company, tabs) if company is not None else []
    calls = calls_under_way(company, tabs) if company is not None else []
    dialogs = dialogs_under_way(app)
    if not running and not calls and not dialogs:
        return None
    from ..widgets.store_call import call_refused
    from .company import tab_title
    from .confirm import ConfirmModal

    names = ", ".join(dict.fromkeys(tab_title(name) for name, _call in [*running, *calls]))
    under_way = ([_("A save is under way on {tabs}: its outcome will show here.").format(
        tabs=names)] if names else []) + ([_(
            "A save is under way in the open dialog: its outcome will show in it.")]
        if dialogs else [])
    question = ConfirmModal("\n".join([*under_way, then[0]]), confirm_label=_("Wait"))
    said: list[bool] = []  # the answer, once given: y (wait) or not
    ended: list[bool] = []  # every call answered: whether the store took each form's

    def answered(wait: bool | None) -> None:
        said.append(bool(wait))
        if wait and ended:
            again()

    def all_answered(taken: bool) -> None:
        ended.append(taken)
        if said:
            if said[-1] and taken and (company is None or company.is_attached):
                again()
            return
        words = "\n".join([*outcome_words(names, all(tab_outcomes), dialogs,
                                           all(dialog_outcomes)), then[1]])
        if question in app.screen_stack:
            question.reword(words)
        else:  # closed with the dialog under it: asked again, its y typed ahead an answer
            show(ConfirmModal(words, typed_ahead=True))

    tab_outcomes: list[bool] = []
    dialog_outcomes: list[bool] = []
    forms = [form for _name, form in running]

    def told(outcomes: list[bool], taken: bool) -> None:
        outcomes.append(taken)
        if len(tab_outcomes) + len(dialog_outcomes) == len(forms) + 1 + len(dialogs):
            all_answered(all(tab_outcomes) and all(dialog_outcomes))

    for form in forms:
        form.when_answered(functools.partial(told, tab_outcomes))
    for dialog in dialogs:
        dialog.when_answered(functools.partial(told, dialog_outcomes))
    # The other calls show their outcome themselves: once they are done, the key goes on.
    workers = [worker for _name, worker in calls]
    host: MessagePump = company if company is not None else app

    def calls_done() -> None:
        if all(worker.is_finished for worker in workers):
            timer.stop()
            # One refused (a decline, a busy database) stops there, its outcome shown by its
            # section (verification trial: the wait quit at once, unsaid).
            host.call_after_refresh(told, tab_outcomes,
                                    not any(call_refused(worker) for worker in workers))

    def show(asking: ConfirmModal) -> None:
        app.push_screen(asking, answered)
        if asked is not None:
            asked(asking)

    timer = host.set_interval(0.05, calls_done)
    calls_done()
    show(question)
    return question


def outcome_words(tabs: str, tabs_taken: bool, dialogs: list[FormDialog],
                  dialogs_taken: bool) -> list[str]:
    """What came of the saves a question waited for (ask_over_saves): the tabs' (named in
    `tabs`, "" for none) and the open dialog's, each taken or not."""
    words = []
    if tabs:
        words.append((_("The save on {tabs} is done.") if tabs_taken else _(
            "The save on {tabs} was not taken: the tab says why.")).format(tabs=tabs))
    if dialogs:
        words.append(_("The dialog's save is done: it has closed.") if dialogs_taken else _(
            "The dialog's save was not taken: the dialog says why."))
    return words


def ask_discard(company: CompanyScreen, discard: Callable[[], object],
                again: Callable[[], object], then: Then | None = None) -> None:
    """Ask before the shown tab's unsaved input is thrown away (leaving the tab, escape):
    `discard` runs only on "Discard". While its save is under way, `ask_over_saves` asks
    instead (`then`: what follows the wait; escape's by default), and `again` is the key's
    action, run once the save is done."""
    from .company import tab_title
    from .confirm import ConfirmModal

    shown = company.current_tab_name
    if ask_over_saves(company.app, company, [shown], then or (
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


def ask_leave(company: CompanyScreen, leave: Callable[[], object], then: Then | None = None,
              again: Callable[[], object] | None = None) -> None:
    """Staff leaving the company (`leave`): back to the search by default, or to the list it was
    opened from (`then`, `again`: as ask_over_saves takes them), asking first while a save is
    under way on any tab, or when a tab holds unsaved changes."""
    from .company import tab_title
    from .confirm import ConfirmModal

    if ask_over_saves(company.app, company, company.mounted_tabs(), then or (
            _("Wait for it, then go back to the search?"), _("Go back to the search now?")),
            again or company.action_back_to_search):
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


def list_below(company: CompanyScreen) -> Screen | None:
    """The list `company` was opened from, under it as it was left (History of every company,
    its filter and page kept; the request queue: screens whose OPENS_COMPANIES is True); None
    over the search, or for an owner's own company. Asked by the key line at the first frame:
    it imports no screen (the search's DataTable cost the owner's cold start 10 ms)."""
    stack = company.app.screen_stack
    index = stack.index(company) if company in stack else 0
    below = stack[index - 1] if index else None
    return below if getattr(below, "OPENS_COMPANIES", False) else None


def back_offered(company: CompanyScreen) -> bool:
    """Whether escape goes back to that list (`back_to_list`): only where it has nothing to put
    back first, no unsaved input on the shown tab and no text field focused (escape then reverts
    or leaves the field, the app's revert, and the next escape goes back)."""
    from textual.widgets import Input

    shown = company.tab(company.current_tab_name)
    return list_below(company) is not None and not isinstance(company.focused, Input) \
        and not (shown is not None and shown.dirty)


def back_to_list(company: CompanyScreen) -> None:
    """Escape on a company opened from a list: back to the list as it was (verification v2: after
    History filtered and `o`, escape did nothing, and ctrl+f then ctrl+t opened History
    unfiltered), asking first while a save is under way or a tab holds unsaved input, as ctrl+f
    does."""
    ask_leave(company, company.dismiss, (_("Wait for it, then go back to the list?"),
                                         _("Go back to the list now?")),
              company.action_back_to_list)
