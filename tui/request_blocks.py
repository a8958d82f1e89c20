"""Change requests as the command line prints them: a label/value block a request (#16 trial: a
table of them was 150 to 250 columns wide), wrapped to the terminal.

Split from tui.textout, which prints the other views: `requests_text` is `requests list`'s and
`show billing`'s part on requests, `approve_on` the command a stale request is approved with;
tui.requests_cli adds who sent and decided each, with `wrapped`.
"""

from __future__ import annotations

from store.forms.fields import CHANGE_REQUEST, REASON
from store.i18n import _, colon

from .formatting import request_status, safe_text, timestamp


def requests_text(views, width: int | None = None) -> str:
    """The requests as label/value lines, a block per request (#16 trial: a table of them was
    150 to 250 columns wide): its number, company and status (for a request whose address was
    saved since, `stale`, the version now), then each field from the value when asked to the
    one asked for (stale: from the value now, with the value when asked, and the fields saved
    since that it does not carry: the store's `changed_since`), the owner's note and documents
    reference, the billing team's reason and ticket id, and the version to approve on
    (`--if-version N`, README). Each line wrapped at spaces to `width` cells (None:
    output_width(); a pipe gets whole lines), its continuation indented under its value."""
    if not views:
        return _("No change requests.")
    from .textout import output_width

    limit = output_width() if width is None else width
    blocks = []
    for r in views:
        status = request_status(r.status) + (" (" + _(
            "address saved since: version {version} now").format(version=r.current_version)
            + ")" if r.stale else "") + _decided(r)
        lines = [" · ".join((_("Request #{id}").format(id=r.id), safe_text(r.company_name),
                             status))]
        lines += ["  " + line for line in _change_lines(r)]
        lines += ["  " + f"{colon(CHANGE_REQUEST[name].label)} {safe_text(text)}"
                  for name, text in (("note", r.note), ("documents", r.documents)) if text]
        if r.decision_reason:
            lines.append("  " + f"{colon(_('Reason'))} {safe_text(r.decision_reason)}")
        if r.decision_ticket:  # beside the reason, as History has it (#16 trial t16)
            lines.append("  " + f"{colon(REASON['ticket'].label)} {safe_text(r.decision_ticket)}")
        # Only to whom the store lets decide (`can_decide`): an owner is not told to approve.
        if r.stale and r.can_decide:
            lines.append("  " + approve_on(r.id, r.current_version))
        blocks.append("\n".join(part for line in lines for part in wrapped(line, limit)))
    return "\n\n".join(blocks)


def wrapped(line: str, width: int | None) -> list[str]:
    """`line` in lines of at most `width` terminal cells (None: as it is), broken at spaces
    (tui.columns.wrap_cell); the continuations indented two cells more than the line."""
    from rich.cells import cell_len

    if width is None or cell_len(line) <= width:
        return [line]
    from .columns import wrap_cell

    lead = line[:len(line) - len(line.lstrip(" "))]
    first, *rest = wrap_cell(line.lstrip(" "), max(width - len(lead) - 2, 20))
    return [lead + first, *(lead + "  " + part for part in rest)]


def _decided(request) -> str:
    """` by billing@… on 2026-11-30 14:02 CET`: who decided a request and when (the owner reads
    their decided requests under the waiting one: store.profile.requests.list_requests); "" while it
    waits."""
    if request.status == "pending" or request.decided_at is None:
        return ""
    return " " + _("by {who} on {when}").format(
        who=safe_text(request.decided_by or "—"),
        when=timestamp(request.decided_at, zone_name=True))  # named: read in a mail, a ticket


def approve_on(request_id: int, version: int | None) -> str:
    """The command approving a request on the address as it is now (README: `--if-version`)."""
    return _("To approve it on the address now: mycompany requests approve {id} --if-version "
             "{version}").format(id=request_id, version=version)


def _change_lines(request) -> list[str]:
    """`State: CA → NY`, a line per field, or, stale, `Address line 1: 1601 … → 350 Fifth
    Avenue (when asked: 1600 …)` and the fields saved since that the request does not carry."""
    # Places named as History and the queue name them (#16 trial: `Country: DE → FR`), each
    # field in the address's order.
    from .sections.decisions import change_lines

    return change_lines(request, now=request.stale, since=True)
