"""The licence table of SPEC §4 as fixed columns, so the Teams row reads "3 of 3 (Essentials
limit)"."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from rich.cells import cell_len
from rich.text import Text

from store.i18n import _, pgettext

from ..formatting import catalogue_name, day
from ..periods import per


def _cell(text: str, width: int, right: bool) -> str:
    pad = max(0, width - cell_len(text))
    return (" " * pad + text) if right else (text + " " * pad)


def licence_table(summary, money: Callable[[Decimal], str]) -> Text:
    """Users, Numbers, Teams and the account total, aligned in columns sized to their content."""
    s = summary
    # 76 columns at 80: a language with longer words may break a heading on two lines ("\n").
    headers = ["", _("Active"), _("Included"), _("Price"), _("Extras"),
               pgettext("licence table column, at most two lines", "Extras cost"),
               pgettext("licence table column, at most two lines", "Total")]
    heading_lines = [h.split("\n") for h in headers]
    rows = [
        [_("Users"), str(s.users.active), str(s.users.included), money(s.users.price),
         str(s.users.extras), money(s.users.extras_cost), money(s.users.total)],
        [_("Numbers"), str(s.numbers.active), str(s.numbers.included), money(s.numbers.price),
         str(s.numbers.extras), money(s.numbers.extras_cost), money(s.numbers.total)],
    ]
    total_label = pgettext("licence table row, short", "Account total")
    widths = [max([*map(cell_len, heading_lines[i]), *(cell_len(r[i]) for r in rows)])
              for i in range(len(headers))]
    widths[0] = max(widths[0], cell_len(_("Teams")), cell_len(total_label))
    widths[-1] = max(widths[-1], cell_len(money(s.total)))

    def line(cells: list[str], style: str = "") -> Text:
        text = "  ".join(_cell(c, w, right=i > 0) for i, (c, w) in enumerate(
            zip(cells, widths, strict=True)))
        return Text(text.rstrip(), style=style)

    out = Text()
    depth = max(map(len, heading_lines))
    for n in range(depth):  # each heading sits on the last line, over its column
        if n:
            out.append("\n")
        out.append_text(line([h[n - depth + len(h)] if n - depth + len(h) >= 0 else ""
                              for h in heading_lines], "bold"))
    out.append("\n" + "─" * (sum(widths) + 2 * (len(widths) - 1)) + "\n")
    for row in rows:
        out.append_text(line(row))
        out.append("\n")
    # "7 (no limit)" / "3 of 3 (Essentials limit)": the count sits in the Active column.
    if s.teams.limit is None:
        rest = _("(no limit)")
    elif s.teams.limit_from is not None:  # the limit of a plan it moves to, kept already (R9)
        rest = _("of {limit} ({plan} limit from {date})").format(
            limit=s.teams.limit, plan=catalogue_name(s.teams.limit_plan),
            date=day(s.teams.limit_from))
    else:
        rest = _("of {limit} ({plan} limit)").format(limit=s.teams.limit, plan=_(s.plan))
    out.append(_cell(_("Teams"), widths[0], right=False) + "  "
               + _cell(str(s.teams.active), widths[1], right=True) + " " + rest + "\n")
    # The account total with its unit, "/month" or "/year" as `show plan` says it (tui.periods),
    # right-aligned across the row's empty cells: at 80 columns the table has no room for the
    # unit in the Total column's width (#18 trial: the row had no unit).
    total = per(money(s.total), s.period)
    room = sum(widths[1:]) + 2 * (len(widths) - 2)
    out.append_text(Text(_cell(total_label, widths[0], right=False) + "  "
                         + _cell(total, room, right=True), style="bold"))
    return out
