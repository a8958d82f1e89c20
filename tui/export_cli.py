"""`mycompany export companies|invoices|history` and `mycompany history`: the vendor's staff
export rows across companies as CSV or JSON Lines, and read History across companies (SPEC §6,
§11; store.trail.exports and store.trail.history_all decide who may and what is read, this writes
it).

CSV is UTF-8 with a header row; a text cell that starts with = + - @ (or a tab or carriage
return) gets a leading ' so that a spreadsheet opening the file shows it as text instead of
running it as a formula (OWASP, "CSV Injection"). JSON Lines is one object a line: dates in ISO
8601, timestamps in UTC with their offset, amounts as decimal strings in major units beside the
currency. Text from the database is data: JSON escapes every control and bidi character
(tui.formatting.safe_json) and reads back to the value stored; every CSV cell is written as
safe_text shows it (cell_text), to a file, a pipe or a terminal alike.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import store.views
from store.i18n import _, ngettext

from .formatting import safe_json, safe_text
from .progress import progress_bar

COMMANDS = ("export", "history")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def day_arg(text: str) -> date:
    """argparse's type for --since and --until: a day as YYYY-MM-DD (exit 2 otherwise)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value} is not a date: write it as YYYY-MM-DD.").format(
                value=repr(safe_text(text)))) from None


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """`export WHAT [--since D] [--until D] [--company ID] [--format csv|jsonl] [--out FILE|-]`
    and `history [--company ID] [--person EMAIL] [--action ACTION] [--since D] [--until D]
    [--page N] [--json]`."""
    from store.trail.exports import KINDS

    from .cli_input import history_action, page_number, whole_number

    export = commands.add_parser(
        "export", help=_("staff: export companies, invoices or History across companies"),
        description=_("Staff (support, billing, admin) export rows across companies as CSV or "
                      "JSON Lines; each export is recorded in History. A company's owner cannot "
                      "export (not even their own company's rows)."))
    export.add_argument("what", choices=KINDS, help=_(
        "what to export, oldest first: companies and invoices as they were made, History's "
        "lines by their time, lines of the same time by the order they were written"))
    _add_period(export)
    export.add_argument("--company", dest="export_company", type=whole_number, metavar="ID",
                        help=_("only this company's rows"))
    export.add_argument("--format", choices=("csv", "jsonl"), default=None,
                        help=_("csv or jsonl (JSON Lines); default: jsonl for a .jsonl file, "
                               "else csv"))
    export.add_argument("--out", default="-", metavar="FILE",
                        help=_("the file to write, or - for stdout (the default); a file that "
                               "exists is kept unless --replace"))
    export.add_argument("--replace", action="store_true",
                        help=_("write over the --out file if it exists"))
    history = commands.add_parser(
        "history", help=_("staff: History across companies"),
        description=_("Staff read the trail of every company, newest first."))
    history.add_argument("--company", dest="history_company", type=whole_number, metavar="ID",
                         help=_("only this company's lines"))
    history.add_argument("--person", help=_("only what this person did (e-mail or name)"))
    history.add_argument("--action", type=history_action,
                         help=_("only this action (export.invoices) or kind (export)"))
    _add_period(history)
    history.add_argument("--page", type=page_number, default=1, help=_("page of history"))
    history.add_argument("--json", action="store_true", help=_("print JSON"))


def _add_period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", type=day_arg, metavar="YYYY-MM-DD",
                        help=_("from this day on (UTC)"))
    parser.add_argument("--until", type=day_arg, metavar="YYYY-MM-DD",
                        help=_("up to this day, included (UTC)"))


def run(args: argparse.Namespace, actor: store.views.Actor) -> int:
    """Run `export` or `history`; 0, or a store refusal's exit status (tui/commands.py)."""
    if args.command == "history":
        return _history(args, actor)
    import store.trail.exports

    company = args.export_company if args.export_company is not None else args.company
    filters = store.trail.exports.ExportFilters(since=args.since, until=args.until, company=company)
    fmt = args.format or ("jsonl" if args.out.lower().endswith((".jsonl", ".ndjson")) else "csv")
    columns = store.trail.exports.COLUMNS[args.what]
    store.trail.exports.ensure_staff(actor, company, f"export.{args.what}")
    store.trail.exports.check_filters(filters)  # before a file is made
    with _output(args.out, replace=args.replace) as (out, terminal):
        # stdout as it is before the bar: the bar puts a proxy in its place that would print
        # the rows to the terminal, not to the file stdout was redirected to.
        target = sys.stdout if out is None else out
        with _bar(args.out) as step:
            csv_write = _csv_writer(target, columns, terminal, words=history_cells
                                    if args.what == "history" else None) \
                if fmt == "csv" else None
            write = csv_write or _jsonl_writer(target, columns)

            def page_out(done: int, total: int) -> None:
                # Each page leaves before the next is read: a reader that went away (`| head`)
                # or a full disk stops the export there, recorded with the rows that left
                # (#18 trial: the last rows, held in the buffer, failed after it was recorded).
                target.flush()
                if step is not None:
                    step(done, total)

            try:
                count = store.trail.exports.export(actor, args.what, write, filters,
                                                   progress=page_out)
            except store.trail.exports.ExportStopped as stopped:
                if out is None and isinstance(stopped.__cause__, BrokenPipeError):
                    from .cli import stdout_gone

                    stdout_gone()  # its message goes to stderr (tui.commands), if it still can
                raise
            if csv_write is not None and not count:
                csv_write(None)
                target.flush()  # a reader gone: tui.cli's BrokenPipeError, not at the exit
    if args.out != "-":
        sys.stderr.write(ngettext("{count} row written to {path}.",
                                  "{count} rows written to {path}.", count).format(
                                      count=count, path=safe_text(args.out)) + "\n")
    return 0


def _stdout_is_file() -> bool:
    try:
        return stat.S_ISREG(os.fstat(sys.stdout.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):  # replaced (tests) or closed stdout
        return False


@contextmanager
def _bar(out: str) -> Iterator[Callable[[int, int], None] | None]:
    """The progress bar on stderr (when it is a terminal) while the rows go to a file: --out,
    or stdout redirected to one. None on a pipe, whose reader may draw on the terminal itself,
    nor when the rows go to the terminal: they show the progress, and the bar's redirection of
    stdout would re-wrap them at word boundaries (Rich prints them above the bar)."""
    if out != "-" or _stdout_is_file():
        with progress_bar(_("Exporting")) as step:
            yield step
    else:
        yield None


@contextmanager
def _output(name: str, *, replace: bool = False) -> Iterator[tuple[IO[str] | None, bool]]:
    """(the file to write, None for stdout; whether it is a terminal). A file is written beside
    its final name and renamed once complete: a failed export leaves no half file behind. A
    file that exists is written over only when `replace` (#18 trial: an earlier export was
    silently replaced), as a backup never overwrites; the check is made again, atomically, as
    the file takes its name (os.link fails on an existing name)."""
    if name == "-":
        yield None, sys.stdout.isatty()
        return
    import store.errors

    path = Path(name)
    folder = path.parent
    if not folder.is_dir():
        raise store.errors.InvalidInput({"out": _(
            "{folder} is not a folder that exists; give a file in one.").format(
                folder=safe_text(str(folder)))})
    if path.is_dir():
        raise store.errors.InvalidInput({"out": _(
            "{path} is a folder; give a file's name.").format(path=safe_text(name))})
    exists = store.errors.InvalidInput({"out": _(
        "{path} already exists: give a new file's name, or --replace to write over it.").format(
            path=safe_text(name))})
    if not replace and os.path.lexists(path):
        raise exists
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (renamed or removed below)
            "w", encoding="utf-8", newline="", dir=folder, prefix=f".{path.name}.",
            suffix=".part", delete=False)
    except OSError as exc:
        raise store.errors.InvalidInput({"out": _("{path} cannot be written ({error}).").format(
            path=safe_text(name), error=safe_text(exc.strerror or exc))}) from None
    try:
        with handle:
            yield handle, False
        if replace:
            os.replace(handle.name, path)
        else:
            try:
                os.link(handle.name, path)
            except FileExistsError:
                raise exists from None
            except OSError:  # a file system without hard links: checked, then renamed
                if os.path.lexists(path):
                    raise exists from None
                os.replace(handle.name, path)
            Path(handle.name).unlink(missing_ok=True)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def cell_text(value: Any) -> str:
    """A value as a CSV cell, the one way every cell of every export is written: dates and times
    in ISO 8601, amounts as written, None as empty; text that a spreadsheet would run as a
    formula starts with '; control, bidi and separator characters as safe_text's symbols (␛,
    ⇄: store.forms.unsafe.pictured).

    Escaped wherever the CSV goes, not only to a terminal: a pipe (`| tail`, `| less -R`) or a
    file shown later ends at one too, where the program cannot see it (#15 trial: through
    `| tail` the ticket column ran its colour and window-title sequences while the columns
    History words, escaped by their words, did not), and a spreadsheet shows an override
    reversed. JSON Lines is the export that keeps every value exactly (json_value)."""
    if value is None:
        return ""
    if isinstance(value, datetime | date | Decimal):
        return value.isoformat() if not isinstance(value, Decimal) else str(value)
    text = str(value)
    return safe_text("'" + text if isinstance(value, str) and text.startswith(FORMULA_STARTS)
                     else text)


def json_value(value: Any) -> Any:
    """A value as JSON holds it: dates and times in ISO 8601, amounts as decimal strings."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _csv_writer(out: IO[str], columns: tuple[str, ...], terminal: bool,
                words: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
                ) -> Callable[[dict[str, Any] | None], None]:
    """`write(row)`; the header goes with the first row, inside the export, so that a reader
    gone already stops the export as a row would (recorded: store.trail.exports);
    `write(None)`: the header alone, for an export of no rows."""
    # RFC 4180's line ends in a file; a terminal's own on screen, where a carriage return
    # would send the cursor back over the row.
    writer = csv.writer(out, lineterminator="\n" if terminal else "\r\n")
    header = [columns]

    def write(row: dict[str, Any] | None) -> None:
        if header:
            writer.writerow(header.pop())
        if row is not None:
            cells = words(row) if words is not None else row
            writer.writerow([cell_text(cells[name]) for name in columns])

    return write


def history_cells(row: dict[str, Any]) -> dict[str, Any]:
    """A History row as a person reads it in a spreadsheet, in the words History uses
    (tui.audit_text, tui.trail_words): the role, what was done or tried (the action), the field
    by its label, the old and new values named (a country by its name, a plan, a term...) and
    the outcome; a value kept as structure (a sync's counts, an export's rows and filters) as
    History words it, in `new_value`; where it came from in the reader's words (trail_words
    origin_label). The other cells as kept; JSON Lines keeps every value so. `row` is History's
    record (store.trail.exports.COLUMNS), its region's country named already."""
    from . import audit_text
    from .formatting import role_label
    from .trail_words import (
        action_label,
        attempt_label,
        audit_field_label,
        origin_label,
        outcome_label,
    )

    entry = store.views.AuditEntryView(**row)

    def value(raw: str | None) -> str | None:
        return None if raw in (None, "") else audit_text.value_text(
            entry.field, raw, entry.region_country)

    old, new = value(entry.old_value), value(entry.new_value)
    if any(text is not None and text.startswith(("{", "[")) for text in (old, new)) or (
            entry.action == "feed.sync" or entry.action.startswith("export.")):
        old, new = None, audit_text.change(entry)  # kept as JSON: History's words for it
    return {**row,
            "actor_role": role_label(entry.actor_role) if entry.actor_role else None,
            # the title History gives the line, its field in its own cell
            "action": audit_text.decision_label(entry) or (
                attempt_label if entry.outcome == "refused" else action_label)(entry.action),
            "field": audit_field_label(entry.field, entry.region_country, entry.action)
            if entry.field else None,
            "old_value": old, "new_value": new,
            "outcome": outcome_label(entry.outcome),
            "reason": audit_text.reason_text(entry) if entry.reason else None,
            "origin": origin_label(entry.origin) or None}


def _jsonl_writer(out: IO[str], columns: tuple[str, ...]) -> Callable[[dict[str, Any]], None]:
    def write(row: dict[str, Any]) -> None:
        out.write(safe_json(json.dumps({name: json_value(row[name]) for name in columns},
                                       ensure_ascii=False)) + "\n")

    return write


def _history(args: argparse.Namespace, actor: store.views.Actor) -> int:
    import store.trail.history_all

    from . import textout
    from .cli_input import page_that_exists
    from .history_lines import no_lines_note

    company = args.history_company if args.history_company is not None else args.company
    view = store.trail.history_all.all_history(
        actor, page=args.page, company=company, person=args.person, action=args.action,
        since=args.since, until=args.until)
    page_that_exists(view)
    if args.json:
        print(textout.dumps(view.model_dump(mode="json")))
        return 0
    print(history_text(view))
    note = no_lines_note(view.total_count, person=args.person, action=args.action,
                         company=company, since=args.since, until=args.until)
    if note:  # an empty answer to a filter says so (tui.cli_input)
        print(note)
    return 0


def history_text(view: Any) -> str:
    """`mycompany history`: the lines as `show history` prints them, each with its company
    first (— for the vendor's own work: an export, the billing run), then the page."""
    from . import audit_text
    from .formatting import timestamp, when_title, who_with_role
    from .textout import table
    from .trail_words import origin_label, outcome_label

    rows = [[str(e.company_id) if e.company_id is not None else "—",
             timestamp(e.at),  # the reader's zone, named in the title (SPEC §2, #17)
             who_with_role(e),
             audit_text.title(e), audit_text.change(e), outcome_label(e.outcome),
             " · ".join(x for x in (audit_text.reason_text(e), safe_text(e.ticket)) if x),
             origin_label(e.origin)] for e in view.items]
    return table([_("Company"), when_title(), _("Who"), _("What"), _("Change"),
                  _("Outcome"), _("Reason"), _("From")], rows) + "\n" + ngettext(
        "Page {page} of {pages} ({count} line)", "Page {page} of {pages} ({count} lines)",
        view.total_count).format(page=view.page, pages=view.pages, count=view.total_count)
