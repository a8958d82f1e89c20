"""`mycompany sync FILE|-`: the telephony platform's feed of users, numbers and teams applied to
each company it names (SPEC §11; store.feed.sync decides and writes, this reads the file and prints
what changed). Bad lines go to stderr with their number, and make the exit status 1; a closed
company's lines are skipped, said in one line for the company, and do not."""

from __future__ import annotations

import argparse
import io
import sys
from typing import IO, TYPE_CHECKING

import store.views
from store.i18n import _, ngettext, pgettext

from .audit_text import feed_counts
from .formatting import safe_text
from .progress import progress_bar, stopped_line

if TYPE_CHECKING:
    from store.feed.sync import CompanySync, Difference, SyncSummary
    from store.feed.sync_skipped import ClosedCompany

COMMANDS = ("sync",)
SHOWN_BAD_LINES = 200  # on stderr; --json lists them all


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """`sync FILE|- [--format jsonl|csv] [--dry-run] [--json]`."""
    sync = commands.add_parser(
        "sync", help=_("billing team: apply the telephony platform's feed of users, numbers "
                       "and teams"))
    sync.add_argument("file", metavar="FILE", help=_("the feed, or - to read stdin"))
    sync.add_argument("--format", choices=("jsonl", "csv"), default=None,
                      help=_("jsonl (JSON Lines) or csv; default: csv for a .csv file, else "
                             "jsonl"))
    sync.add_argument("--dry-run", action="store_true",
                      help=_("print the differences; nothing is written"))
    sync.add_argument("--json", action="store_true", help=_("print JSON"))


def run(args: argparse.Namespace, actor: store.views.Actor) -> int:
    """Read the feed, apply it, print the summary; 1 when a line was bad, else 0."""
    import store.feed.sync
    import store.people.access

    from . import textout

    fmt = args.format or ("csv" if args.file.lower().endswith(".csv") else "jsonl")

    out = sys.stdout  # a file or pipe stays one, while the bar below takes sys.stdout over

    def report(change: CompanySync) -> None:  # each company as it is done (not with --json)
        lines = company_lines(change)
        if lines and out.isatty():
            print("\n".join(lines), flush=True)  # above the bar (Rich's stdout)
        elif lines:
            out.write("\n".join(lines) + "\n")

    # Who may, before the feed is opened or read (#18 trial: the role speaks first).
    store.people.access.ensure_may(actor, None, store.feed.sync.ACTION, tried={"feed": args.file})
    with _opened(args.file) as feed, progress_bar(_("Syncing"), stopped=stopped_line) as step:
        try:
            summary = store.feed.sync.sync_feed(actor, feed, fmt, dry_run=args.dry_run,
                                           progress=step,
                                           report=None if args.json else report)
        except UnicodeDecodeError:
            import store.errors

            raise store.errors.InvalidInput({"feed": _(
                "The feed is not UTF-8 text; save it as UTF-8 and run the sync again")}) from None
    if args.json:
        print(textout.dumps(summary_json(summary)))
    else:  # each company's lines are printed already; then the bad lines, then the counts
        sys.stdout.flush()
        for bad in summary.bad[:SHOWN_BAD_LINES]:
            sys.stderr.write(bad_line_text(bad.line, bad.message) + "\n")
        if len(summary.bad) > SHOWN_BAD_LINES:
            sys.stderr.write(_("… and {count} more bad lines (--json lists them all)").format(
                count=len(summary.bad) - SHOWN_BAD_LINES) + "\n")
        sys.stderr.flush()
        print(summary_text(summary))
    return 1 if summary.bad else 0


class _opened:
    """The feed as text: the file (UTF-8, as csv wants it: newline=""; a byte-order mark, as
    spreadsheets write one, is not part of the first line), or stdin for `-`. Bytes that are not
    UTF-8 are read on (surrogateescape): their line is a bad line (store.feed.sync_feed.records),
    the others are applied (#18 trial: a Latin-1 feed ended in a traceback)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.file: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        import store.errors

        if self.name == "-":
            raw = getattr(sys.stdin, "buffer", None)
            return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape",
                                    newline="") if raw is not None else sys.stdin
        try:
            self.file = open(self.name, encoding="utf-8-sig", errors="surrogateescape", newline="")
        except FileNotFoundError:
            raise store.errors.InvalidInput({"feed": _(
                "{path} does not exist; give the feed's file, or - to read stdin").format(
                    path=safe_text(self.name))}) from None
        except OSError as exc:
            raise store.errors.InvalidInput({"feed": _("{path} cannot be read ({error}).").format(
                path=safe_text(self.name), error=safe_text(exc.strerror or exc))}) from None
        return self.file

    def __exit__(self, *exc: object) -> None:
        if self.file is not None:
            self.file.close()


def bad_line_text(line: int, message: str) -> str:
    """`Line 12: email: This is not an e-mail address…`"""
    return _("Line {line}: {message}").format(line=line, message=safe_text(message))


def company_text(change: CompanySync) -> str:
    """`Nordwind Logistik GmbH (2): Users: 3 added, 1 changed, 2 deactivated · Teams: …`, or
    `… : nothing changed`."""
    counts = feed_counts({kind: [c.added, c.changed, c.deactivated] for kind, c in
                          (("users", change.users), ("numbers", change.numbers),
                           ("teams", change.teams))})
    return f"{safe_text(change.company_name)} ({change.company_id}): " + (
        counts or _("nothing changed"))


def difference_text(d: Difference) -> str:
    """A dry run's line: `+ user anna`, `~ user bob: role agent → supervisor, inactive →
    active`, `- number +47…`, in the reader's words (#18 trial: "active True → False")."""
    kinds = {"user": _("user"), "number": _("number"), "team": _("team")}
    head = {"added": "+", "changed": "~", "deactivated": "-"}[d.what]
    text = f"  {head} {kinds[d.kind]} {safe_text(d.key)}"
    if d.fields:
        text += ": " + ", ".join(field_change(*change) for change in d.fields)
    return text


def field_change(name: str, old: object, new: object) -> str:
    """One field of a dry run's change: `role agent → supervisor`, `active → inactive` (the
    values say the field), `login — → anna` ("—": none, a login given at last)."""
    if name == "active":
        return f"{_state(old)} → {_state(new)}"
    words = {"login": pgettext("feed field", "login"), "name": pgettext("feed field", "name"),
             "email": pgettext("feed field", "e-mail"), "role": pgettext("feed field", "role")}
    if name == "role":
        from store.people.access import role_label

        old, new = role_label(str(old)), role_label(str(new))
    return f"{words.get(name, safe_text(name))} {safe_text(old) or '—'} → {safe_text(new) or '—'}"


def _state(active: object) -> str:
    return pgettext("feed field", "active") if active else pgettext("feed field", "inactive")


def company_lines(change: CompanySync) -> list[str]:
    """A company changed, its notes and (dry run) its differences; nothing for one unchanged."""
    if not (change.changed or change.notes):
        return []
    return [company_text(change), *(f"  {safe_text(note)}" for note in change.notes),
            *(difference_text(d) for d in change.differences)]


def summary_text(summary: SyncSummary) -> str:
    """The counts, after each company's lines (`company_lines`, printed as it is done): one line
    for the companies, changed and in step together (#18 trial: "0 companies changed." then
    "100 companies already in step…" for the same run), then the bad lines' count."""
    lines: list[str] = []
    changed = sum(1 for c in summary.companies if c.changed)
    same = len(summary.companies) - changed
    if changed and same:
        lines.append((ngettext(
            "{count} company would change, {same} already in step with the feed; nothing was "
            "written.", "{count} companies would change, {same} already in step with the feed; "
            "nothing was written.", changed) if summary.dry_run else ngettext(
            "{count} company changed, {same} already in step with the feed.",
            "{count} companies changed, {same} already in step with the feed.", changed)
        ).format(count=changed, same=same))
    elif same:
        lines.append((ngettext(
            "{count} company already in step with the feed: nothing would change.",
            "{count} companies already in step with the feed: nothing would change.", same)
            if summary.dry_run else ngettext(
            "{count} company already in step with the feed: nothing changed.",
            "{count} companies already in step with the feed: nothing changed.", same)
        ).format(count=same))
    elif summary.dry_run:
        lines.append(ngettext("{count} company would change; nothing was written.",
                              "{count} companies would change; nothing was written.",
                              changed).format(count=changed))
    else:
        lines.append(ngettext("{count} company changed.", "{count} companies changed.",
                              changed).format(count=changed))
    lines += [closed_text(closed) for closed in summary.closed]
    if summary.bad:
        lines.append(ngettext("{count} bad line skipped (see above).",
                              "{count} bad lines skipped (see above).",
                              len(summary.bad)).format(count=len(summary.bad)))
    return "\n".join(lines)


def closed_text(closed: ClosedCompany) -> str:
    """One line for a closed company the feed named, whatever its number of lines: skipped, not
    a failure (exit 0 for it: README, "The platform's feed")."""
    return ngettext(
        "{name} ({id}) is closed: its {count} line in the feed was skipped.",
        "{name} ({id}) is closed: its {count} lines in the feed were skipped.",
        len(closed.lines)).format(name=safe_text(closed.company_name), id=closed.company_id,
                                  count=len(closed.lines))


def summary_json(summary: SyncSummary) -> dict:
    """The documented shape of `sync --json` (README, "The platform's feed")."""

    def counts(c) -> dict:
        return {"added": c.added, "changed": c.changed, "deactivated": c.deactivated}

    return {
        "dry_run": summary.dry_run, "lines": summary.lines,
        "companies": [{
            "company": c.company_id, "name": c.company_name, "users": counts(c.users),
            "numbers": counts(c.numbers), "teams": counts(c.teams), "notes": c.notes,
            **({"differences": [{"kind": d.kind, "what": d.what, "key": d.key,
                                 "fields": [{"field": f, "old": o, "new": n}
                                            for f, o, n in d.fields]}
                                for d in c.differences]} if summary.dry_run else {}),
        } for c in summary.companies],
        "bad_lines": [{"line": b.line, "company": b.company, "message": b.message}
                      for b in summary.bad],
        "closed_companies": [{"company": c.company_id, "name": c.company_name,
                              "lines": list(c.lines)} for c in summary.closed],
    }
