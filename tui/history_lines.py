"""A History line as both History screens draw it (the company's tab, tui.tabs.history, and the
staff's History of every company, tui.screens.history_all): its cells cut with "…", the pane
under the list, and the whole line as Enter shows it (tui.screens.entry.EntryModal)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text

from store.i18n import _, colon
from store.views import AuditEntryView

from . import audit_text
from .formatting import safe_text, timestamp, who_with_role
from .trail_words import origin_label, outcome_label

DETAIL_ROWS = 5  # rows of the pane under the list (its max-height, less its top border)

# The What and Change columns of the list, in cells: What up to WHAT_MAX ("Refused: withdrawal
# #12", « Refusé : approbation n° 12 » whole at 80 columns), Change what is left of the screen
# up to CHANGE_MAX, never under CHANGE_MIN (what_width takes from What then).
WHAT_MAX, CHANGE_MIN, CHANGE_MAX = 26, 12, 18
# Cells a row takes besides its cells' text: the tab's padding (one cell each side) and the
# list's scroll bar (two), and each column's padding (one cell each side). With one cell fewer the
# list ran one cell past its room, and a horizontal scroll bar took one of its rows.
EDGES, PADDING = 4, 2
# The company tab's Reason column, in cells: shown when the columns before it leave it at least
# REASON_MIN (or its widest reason, if narrower), cut at REASON_MAX; else the pane under the
# list gives the highlighted line's reason.
REASON_MIN, REASON_MAX = 12, 20


def short(text: str, width: int) -> str:
    """`text` made safe for the terminal (formatting.safe_text), cut to `width` cells with "…"
    when wider (a CJK character takes two cells)."""
    cut = Text(safe_text(text))
    cut.truncate(width, overflow="ellipsis")
    return cut.plain


def what_and_change_widths(screen_width: int, before: list[int], what: int) -> tuple[int, int]:
    """(What's width, Change's width) in cells for a list `screen_width` cells wide whose
    columns before What take `before` cells of text (When, Who), What's longest text being
    `what` cells: Change ends at the screen's edge in every language (#16 trial: French's
    longer What pushed « Modification » past the edge at 80×24, cut by the screen, where
    English's ended with "…"). What narrows first to leave Change CHANGE_MIN."""
    room = screen_width - EDGES - sum(w + PADDING for w in before) - 2 * PADDING
    what = max(1, min(what, WHAT_MAX, room - CHANGE_MIN))
    return what, max(CHANGE_MIN, min(CHANGE_MAX, room - what))


def tab_widths(screen_width: int, labels: Sequence[str],
               rows: Sequence[Sequence[str]]) -> list[int]:
    """The company History tab's columns in cells, padding apart: When, Who, What, Change and
    Reason (`labels`, their headings; `rows`, each line's texts as the list shows them before
    any cut), so that the list ends at the screen's edge in every language and no heading is
    cut (#18 trial: "Time (UTC) Who What Change Rea" at 80 columns, the Outcome column with no
    heading past it). Each column is as wide as its widest text or heading; What and Change
    share the room as what_and_change_widths says; Reason takes what is left up to REASON_MAX,
    or is left out (0) when that is under REASON_MIN and under its widest reason, or when no
    line has a reason; Change then takes what is still left, up to its widest text.

    Every width is given to the table (DataTable.add_column(width=)), never measured by it:
    Textual measures an automatic width only when the table is next idle, and a frame drawn
    before that keeps cells cut at their heading's width (its cell cache ignores the width):
    #18 trial, "2026-12-01  You  Invo  — → IN" until the tab was left and shown again."""
    widest = [max([cell_len(label), *(cell_len(safe_text(row[x])) for row in rows)])
              for x, label in enumerate(labels)]
    when, who, natural_what, natural_change, natural_reason = widest
    what, change = what_and_change_widths(screen_width, [when, who], natural_what)
    what, change = max(what, cell_len(labels[2])), min(change, natural_change)
    left = screen_width - EDGES - sum(w + PADDING for w in (when, who, what, change))
    reason = min(REASON_MAX, natural_reason, left - PADDING)
    if not any(row[4] for row in rows) or reason < min(natural_reason,
                                                       max(REASON_MIN, cell_len(labels[4]))):
        reason = 0
    spare = left - (reason + PADDING if reason else 0)
    return [when, who, what, max(change, min(natural_change, change + spare)), reason]


def entry_lines(e: AuditEntryView) -> list[str]:
    """Every part of an entry, each on its line: reason and ticket named; its time in the
    reader's zone (SPEC §2), with the zone's abbreviation."""
    lines = [
        (f"{timestamp(e.at, zone_name=True)} · {audit_text.title(e)} · "
         f"{outcome_label(e.outcome)}"),
        who_with_role(e, email=True),
    ]
    # A request's line: what it asked, then one row per field (a move of four fields
    # reads as one entry, its fields under it); any other line: its change.
    asked = audit_text.request_lines(e)
    lines += [" ".join(asked[:2]), *(f"  {row}" for row in asked[2:])] if asked \
        else [audit_text.change(e)]
    if e.reason:  # a request's note and documents are named so (audit_text)
        lines.append(f"{colon(audit_text.reason_label(e))} {audit_text.reason_text(e)}")
    if e.ticket:
        lines.append(f"{colon(audit_text.ticket_label(e))} {safe_text(e.ticket)}")
    if e.origin:
        lines.append(f"{colon(_('From'))} {origin_label(e.origin)}")
    return lines


def pane_rows(lines: list[str], width: int) -> list[str]:
    """The entry's lines as the pane under the list shows them: one row each, cut with "…"
    at the pane's width (in cells), at most DETAIL_ROWS rows; when anything was cut, the last
    row says that Enter shows the whole entry (EntryModal) instead of cutting it silently."""
    width = width or 78
    rows = []
    for line in lines:
        text = Text(line.replace("\n", " "))
        text.truncate(width, overflow="ellipsis")
        rows.append(text.plain)
    cut = len(rows) > DETAIL_ROWS or any(row != line for row, line in zip(rows, lines))
    if not cut:
        return rows
    hint = Text(_("… Enter shows the whole entry"))
    hint.truncate(width, overflow="ellipsis")
    return rows[: DETAIL_ROWS - 1] + [hint.plain]


def no_lines_note(total: int, *, person: str | None = None, **filters: object) -> str | None:
    """What an empty page of History found, said under it when filters were given: "No lines
    by nobody@x." for a person alone, "No lines match these filters." for any other; None when
    there are lines, or no filter (the page's own "0 lines" says it). A person, a period or a
    company's id is data: no lines is an answer (exit 0), never an error (tui.cli_input)."""
    if total or not (person or any(filters.values())):
        return None
    if person and not any(filters.values()):
        return _("No lines by {person}.").format(person=safe_text(person.strip()))
    return _("No lines match these filters.")
