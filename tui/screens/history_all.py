"""AllHistoryScreen: History across companies for the vendor's staff (SPEC §6 "staff also see it
across companies", issue #18), reached from the company search with ctrl+t.

The store reads and decides (store.trail.history_all.all_history: staff only, refused and recorded
for anyone else; the filters checked there); the lines are drawn as the company's History tab draws
them (tui.tabs.history: the cells cut with "…", Enter shows the whole line), with the company
first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

import store
import store.errors
import store.i18n
import store.trail.history_all
from store.forms.history_filter import HISTORY_FILTER, HistoryFilterForm
from store.i18n import _, colon, ngettext
from store.views import Actor

from .. import audit_text
from ..formatting import role_label, safe_text, timestamp, when_title, who_acted
from ..history_lines import entry_lines, pane_rows, short
from ..palette import Command, ScreenCommands, key_commands
from ..type_ahead import stays_in_place
from ..widgets.form_dialog import FormDialog
from ..widgets.form_section import FieldLook, FormSection
from ..widgets.key_footer import KeyFooter
from ..widgets.list_table import ListTable
from ..widgets.store_call import LatestRead, Outcome

if TYPE_CHECKING:
    from store.trail.history_all import CompanyAuditEntry, CompanyAuditPage

PAGE_SIZE = 50
# The columns' cells at 80 columns (each padded by one cell either side, the scroll bar 2).
# No outcome column: a refused line's What starts "Refused:" (audit_text.what), as in the
# company History tab (verification trial: the ✓/✗ column had no heading at 80 columns).
WIDTHS = {"when": 16, "company": 11, "who": 10, "what": 16, "change": 15}

Filters = dict[str, str]  # the filter dialog's fields as typed, by name (HISTORY_FILTER)
Read = tuple[HistoryFilterForm, "CompanyAuditPage"]


def read_page(actor: Actor, typed: Mapping[str, str], page: int) -> Read:
    """The page `page` of the trail with the filters `typed` (HISTORY_FILTER's fields as typed:
    InvalidInput by field), each line with its company's name.
    Refused, NotFound: as store.trail.history_all.all_history. Runs off the event loop."""
    from store.forms.validation import validate

    form = validate(HistoryFilterForm, dict(typed))
    return form, store.trail.history_all.all_history(
        actor, page=page, page_size=PAGE_SIZE, company=form.company, person=form.person,
        action=form.action, since=form.since, until=form.until)


class HistoryFilterDialog(FormDialog[Read | None]):
    """The filters (HISTORY_FILTER), checked by reading their first page: a bad day or company
    id shows next to its field, an unknown company in the banner; the dialog closes with the
    page read."""

    def __init__(self, actor: Actor, typed: Mapping[str, str]) -> None:
        super().__init__()
        self.actor = actor
        self.typed = dict(typed)
        self.sent: Filters = {}
        self.save_label = _("Filter")

    def dialog_title(self) -> str:
        return _("Filter the History of every company")

    def compose_fields(self) -> ComposeResult:
        yield FormSection(HISTORY_FILTER, values=self.typed, banner="dialog-banner",
                          id="history-filter-form", looks={
                              field.name: FieldLook(placeholder=field.help)
                              for field in HISTORY_FILTER.fields})
        yield Static(_("Empty fields filter nothing."), classes="dialog-note", markup=False)

    def submit(self) -> None:
        section = self.query_one(FormSection)
        typed, actor = section.typed(), self.actor
        self.sent = typed  # the filters the page answering was read with
        self.send(lambda: read_page(actor, typed, 1))


class AllHistoryScreen(Screen):
    """Every company's trail, newest first, 50 lines a page; / filters, Enter shows a line."""

    OPENS_COMPANIES: ClassVar[bool] = True  # escape on a company opened here comes back

    DEFAULT_CSS = """
    AllHistoryScreen #all-history-table {
        height: 1fr;
    }
    AllHistoryScreen #all-history-detail {
        height: auto;
        max-height: 6;
        border-top: solid $primary 50%;
    }
    AllHistoryScreen #all-history-page {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    AllHistoryScreen #all-history-page.-error {
        color: $text-error;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "page(1)", _("Next page"), tooltip=_("Older entries"),
                id="all_history.next"),
        Binding("p", "page(-1)", _("Previous page"), tooltip=_("Newer entries"),
                id="all_history.previous"),
        Binding("slash", "filter", _("Filter"),
                tooltip=_("Show only the lines of a company, a person, an action or days"),
                id="all_history.filter"),
        # Ahead of the list's own Enter (which would hide this one from the key line).
        Binding("enter", "whole_line", _("Whole line"),
                tooltip=_("Show the highlighted line whole"),
                id="all_history.whole", priority=True),
        Binding("o", "open_company", _("Company"),
                tooltip=_("Open the company of the highlighted line"), id="all_history.open"),
        Binding("escape", "back", _("Back"), tooltip=_("Back to the company search"),
                id="all_history.back"),
    ]

    COMMANDS: ClassVar[set] = {ScreenCommands}

    def __init__(self, actor: Actor) -> None:
        super().__init__()
        self.actor = actor
        self.page = 1
        self.pages = 1
        self.total = 0
        self.typed: Filters = {}  # the filters as typed in the dialog
        self.filtered = False
        self.entries: dict[str, CompanyAuditEntry] = {}
        self._reads: LatestRead[Read] = LatestRead()

    def compose(self) -> ComposeResult:
        yield Header()
        table = ListTable(id="all-history-table", cursor_type="row", zebra_stripes=True)
        # Times in the reader's zone (SPEC §2), named once in the title (#17 trial).
        when = when_title()
        for key, label in (("when", when), ("company", _("Company")), ("who", _("Who")),
                           ("what", _("What")), ("change", _("Change"))):
            table.add_column(label, key=key, width=WIDTHS[key])
        yield table
        yield Static("", id="all-history-detail", markup=False)
        yield Static(_("Loading…"), id="all-history-page", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = _("My company")
        self.sub_title = _("History of every company — {name} ({role})").format(
            name=safe_text(self.actor.name), role=role_label(self.actor.role))
        self.query_one("#all-history-table", DataTable).focus()
        self.reload()

    def palette_commands(self) -> list[Command]:
        """The screen's keys in the palette, with their tooltips (tui.palette.key_commands)."""
        return key_commands(self, {"filter": _("History: filter"),
                                   "back": _("History: back to the search")},
                            lambda _name, _parameters: True)

    def reload(self) -> None:
        """Read the page off the event loop; only the newest read shows."""
        actor, typed, page = self.actor, dict(self.typed), self.page

        def answered(outcome: Outcome[Read]) -> None:
            try:
                self._show(outcome.unwrap())
            except store.errors.StoreError as exc:  # refused: the store's one line
                self._page_line(exc.message, error=True)

        self._reads.read(self, lambda: read_page(actor, typed, page), answered,
                         slow=lambda: self._page_line(_("Loading…")))

    def _page_line(self, text: str, *, error: bool = False) -> None:
        line = self.query_one("#all-history-page", Static)
        line.update(text)
        line.set_class(error, "-error")

    def _show(self, read: Read) -> None:
        form, view = read
        self.filtered = form.any
        self.page, self.pages, self.total = view.page, view.pages, view.total_count
        table = self.query_one("#all-history-table", DataTable)
        table.clear()
        self.entries = {str(e.id): e for e in view.items}
        for e in view.items:
            table.add_row(
                timestamp(e.at),  # in the reader's zone, named in the column's title
                # Its number first: two names alike, cut, still read apart (#18 trial).
                Text(short(e.company_label, WIDTHS["company"])),
                Text(short(who_acted(e, short=True), WIDTHS["who"])),
                Text(short(audit_text.what(e), WIDTHS["what"])),
                Text(short(audit_text.change(e), WIDTHS["change"])),
                key=str(e.id))
        self._show_detail()
        line = ngettext("Page {page} of {pages} · {count} entry",
                        "Page {page} of {pages} · {count} entries", self.total).format(
            page=self.page, pages=self.pages, count=self.total)
        if self.filtered:
            line += " · " + _("filtered (/ changes it)")
        self._page_line(line)
        self.refresh_bindings()

    def highlighted(self) -> CompanyAuditEntry | None:
        table = self.query_one("#all-history-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.entries.get(str(key))

    def entry_lines(self, e: CompanyAuditEntry) -> list[str]:
        """The line whole, as the History tab's Enter shows it, its company first."""
        company = (f"{safe_text(e.company_name or '')} (#{e.company_id})"
                   if e.company_id is not None else _("none: the vendor's own work"))
        return [f"{colon(_('Company'))} {company}", *entry_lines(e)]

    @on(DataTable.RowHighlighted, "#all-history-table")
    def _show_detail(self) -> None:
        detail = self.query_one("#all-history-detail", Static)
        e = self.highlighted()
        if e is None:
            detail.update(_("No entries match these filters.") if self.filtered
                          else _("Nothing has happened here yet."))
            return
        detail.update("\n".join(pane_rows(self.entry_lines(e), detail.content_size.width)))

    @on(DataTable.RowSelected, "#all-history-table")
    def _open_entry(self, event: DataTable.RowSelected) -> None:  # a click on a line
        event.stop()
        self.action_whole_line()

    def action_whole_line(self) -> None:
        e = self.highlighted()
        if e is not None:
            from .entry import EntryModal

            self.app.push_screen(EntryModal(self.entry_lines(e)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_company":
            e = self.highlighted()
            return e is not None and e.company_id is not None
        if action == "whole_line":  # dimmed over an empty list (#15: no key that cannot act)
            return self.highlighted() is not None or None
        if action == "page":  # as History's and Billing's: out with one page, dimmed at an end
            step = int(parameters[0])  # type: ignore[call-overload]
            return False if self.pages <= 1 else (1 <= self.page + step <= self.pages or None)
        return True

    def action_filter(self) -> None:
        def chosen(read: Read | None) -> None:
            if read is not None:
                self.typed = dialog.sent
                self._reads.asked += 1  # an older page read must not cover this one
                self._reads.answered = self._reads.asked
                self._show(read)

        dialog = HistoryFilterDialog(self.actor, self.typed)
        self.app.push_screen(dialog, chosen)

    @stays_in_place  # turns the page of the focused list (the keys after it need not wait)
    def action_page(self, step: int) -> None:
        new = min(max(1, self.page + step), self.pages)
        if new != self.page:
            self.page = new
            self.reload()

    def action_open_company(self) -> None:
        e = self.highlighted()
        if e is not None and e.company_id is not None:
            from .search import SearchScreen

            self.post_message(SearchScreen.Open(e.company_id))

    def action_back(self) -> None:
        self.dismiss()
