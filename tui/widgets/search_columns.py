"""The support search's columns at the terminal's width: the company name first, then the
other headings whole (on two lines if need be), a value or heading that cannot fit cut with "…"."""

from __future__ import annotations

from rich.text import Text

# The company name comes before the other headings up to this many cells (French names of 20-30
# characters were cut at 19 while "Utilisateurs actifs" took 19 cells for a 2-digit number);
# a name longer than that, cut in any case, gives way down to NAME_MIN for the headings.
NAME_FIRST, NAME_MIN = 32, 24


def folded_width(label: str) -> int:
    """The cells `label` takes on two lines, broken at the space that makes it narrowest
    ("Utilisateurs actifs": 12); its own width when it has no space."""
    from rich.cells import cell_len

    words = label.split(" ")
    return min([cell_len(label)] + [
        max(cell_len(" ".join(words[:n])), cell_len(" ".join(words[n:])))
        for n in range(1, len(words))])


def column_widths(labels: list[str], contents: list[int], room: int, first: int) -> list[int]:
    """The cells of each column (padding apart) in `room` cells, by priority: every column
    its widest value, column `first` (the company name) up to NAME_FIRST cells; then the other
    headings, the name giving way down to NAME_MIN for them: on one line if all can be, else
    on two (`folded_width`); what room is left widens the name.
    A value or heading wider than its column is cut with "…" (`heading`); the name never
    gets fewer cells than its own heading.

    >>> column_widths(["Id", "Company", "Active users"], [2, 60, 2], 40, first=1)
    [2, 26, 12]
    """
    from rich.cells import cell_len

    widths = [max(1, content) for content in contents]
    widths[first] = max(min(widths[first], NAME_FIRST), cell_len(labels[first]))
    spare = room - sum(widths)
    if spare < 0:  # the name gives way, down to its heading
        widths[first] = max(cell_len(labels[first]), widths[first] + spare)
        return widths
    others = [x for x in range(len(labels)) if x != first]
    yields = max(0, widths[first] - max(NAME_MIN, cell_len(labels[first])))  # the name's
    full = {x: max(widths[x], cell_len(labels[x])) for x in others}
    folded = {x: max(widths[x], folded_width(labels[x])) for x in others}
    wanted = full if sum(full[x] - widths[x] for x in others) <= spare + yields else folded
    short = sum(wanted[x] - widths[x] for x in others) - spare
    if short > 0:  # the name gives way for the headings, down to NAME_MIN
        widths[first] -= min(short, yields)
        spare += min(short, yields)
    for x in others:
        grow = min(spare, wanted[x] - widths[x])
        widths[x] += grow
        spare -= grow
    widths[first] += spare
    return widths


def heading(label: str, width: int) -> Text:
    """A heading in `width` cells: whole, else on two lines (`folded_width`), else cut with
    "…"."""
    text = Text(label, no_wrap=True)
    if text.cell_len <= width:
        return text
    if folded_width(label) <= width:
        words = label.split(" ")
        n = min(range(1, len(words)), key=lambda n: max(
            Text(" ".join(words[:n])).cell_len, Text(" ".join(words[n:])).cell_len))
        return Text(" ".join(words[:n]) + "\n" + " ".join(words[n:]), no_wrap=True)
    text.truncate(width, overflow="ellipsis")
    return text
