"""Table cells that fit a terminal's width: columns narrowed, cells wrapped at word boundaries,
measured in terminal cells (a CJK character takes two: rich.cells)."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len, get_character_cell_size

MIN_COLUMN = 4  # cells: no column narrows below this by breaking its words
LONG_WORD = 30  # cells: wider than a column is made for (an e-mail address, an invoice number)
TALL = 4  # a row's cost when sharing room: its lines to this power (twice as tall, 16 times)
ONE_SPACE_GAIN = 1.1  # one space between columns only for a table this much shorter (in lines)


def longest_word(text: str, keep: Callable[[str], bool] = lambda word: True) -> int:
    """The cells of `text`'s longest space-separated word for which `keep(word)` holds (0 for
    none)."""
    return max((cell_len(word) for word in text.split(" ") if keep(word)), default=0)


def identifier_like(word: str) -> bool:
    """Whether a word is a value read as a whole, not as language: it holds a digit or an "@"
    (an invoice number INV-000002-0015, a VAT number FR40303265045, an e-mail address, a date,
    an amount, a ticket id). Broken in two it reads as two values (#16 trial t16: `show
    history` printed "INV-000002-001" / "4 charged to")."""
    return "@" in word or any(char.isdigit() for char in word)


def fit_widths(widths: list[int], table: list[list[str]], limit: int,
               gap: int) -> tuple[list[int], int]:
    """Column widths (in cells) and the gap between columns that fit `limit`: the one rule by
    which every table of the command line fits its terminal (tui.textout.table). The steps,
    each taken only when the one before cannot fit:

    1. every word whole, each column at least its longest word, the room shared by _balanced:
       the long text (History's Change and Reason) gets it, short columns wrap at their words
       (#16 trial t16: at 80 columns Reason had 10 cells and Change cut "INV-000002-001" /
       "4"). `gap` spaces between columns, or one where two would break words or where one
       makes the table a tenth shorter (ONE_SPACE_GAIN): the columns stay aligned, and a
       7-column History at 80 cells gets 6 more for its text;
    2. a word longer than any column is made for (long_word: a URL, a path) broken, every other
       word whole, the room shared as in step 1: it could not stay whole but at the cost of
       every other column (verify v1: a 69-cell URL in a request's Reason left Who, What and
       From 4 cells wide, "Mari/a/Lope/z", and was broken at 30 cells anyway);
    3. ordinary words broken in the columns of text (a cell of several words); identifier-like
       words (identifier_like) and the columns of one-word values kept whole;
    4. identifier-like words in the columns of text broken too, down to MIN_COLUMN;
    5. the columns of one-word values (an e-mail address, a plan, a status) broken too (#15
       trial: `companies list` broke "camille@atelier-lum" / "iere.fr" beside a name column it
       could have wrapped).
    Steps 3 to 5 narrow the widest column one cell at a time, one space between columns; a
    table that cannot fit even so keeps the narrowest widths it reached (the terminal wraps the
    rest). Wrapped at spaces (wrap_cell), a word is broken only when it alone is wider than
    its column.

    `widths`: each column's natural width; `table`: the rows (headers first), for the words.
    Returns (widths, gap).
    """
    widths = list(widths)
    count = len(widths)
    if sum(widths) + gap * (count - 1) <= limit:
        return widths, gap
    columns = range(count)
    words = [max(longest_word(row[i]) for row in table) for i in columns]
    fitted = _fitted(widths, words, table, limit, gap)
    long = long_word(limit - (count - 1))
    whole = [max(longest_word(row[i], long) for row in table) for i in columns]
    whole = [w if w == words[i] else max(w, MIN_COLUMN) for i, w in enumerate(whole)]
    if fitted is None and whole != words:
        fitted = _fitted(widths, whole, table, limit, gap)
    if fitted is not None:
        return fitted
    spaces = min(gap, 1)
    room = limit - spaces * (count - 1)
    ids = [max(longest_word(row[i], lambda word: identifier_like(word) and long(word))
               for row in table) for i in columns]
    text = [any(len(row[i].split()) > 1 for row in table[1:]) for i in columns]
    floors = ([max(ids[i], MIN_COLUMN) if text[i] else whole[i] for i in columns],
              [MIN_COLUMN if text[i] else whole[i] for i in columns],
              [MIN_COLUMN] * count)
    widths = [min(w, whole[i]) for i, w in enumerate(widths)]
    for floor in floors:
        while sum(widths) > room:
            narrowable = [i for i, w in enumerate(widths) if w > floor[i]]
            if not narrowable:
                break
            widest = max(narrowable, key=lambda i: widths[i])
            widths[widest] -= 1
    return widths, spaces


def long_word(room: int) -> Callable[[str], bool]:
    """Whether a word (of a table `room` cells wide, gaps aside) is one a column is made to keep
    whole: no wider than LONG_WORD cells, nor than half the room. Wider (a URL, a file's path, a
    name of escaped control characters) it breaks first, before any other column's words: kept
    whole it would leave the short columns (a person, an action) a few cells each (verify v1:
    "Mari/a/Lope/z", "Requ/est/#4/reje/cted" beside a 69-cell URL)."""
    most = min(LONG_WORD, room // 2)
    return lambda word: cell_len(word) <= most


def _fitted(widths: list[int], floors: list[int], table: list[list[str]], limit: int,
            gap: int) -> tuple[list[int], int] | None:
    """(widths, gap) with each column at least its `floors`, the room shared by _balanced, with
    `gap` spaces between columns or one (the fewer lines, one space only for ONE_SPACE_GAIN
    fewer); None when the floors do not fit `limit` even with one space."""
    count = len(widths)
    best: tuple[float, list[int], int] | None = None
    for spaces in dict.fromkeys((gap, 1)):
        room = limit - spaces * (count - 1)
        if sum(floors) <= room:
            lines, chosen = _balanced(widths, floors, table, room)
            cost = lines * (ONE_SPACE_GAIN if spaces < gap else 1.0)
            if best is None or cost < best[0]:
                best = (cost, chosen, spaces)
    return None if best is None else (best[1], best[2])


def _balanced(widths: list[int], floors: list[int], table: list[list[str]],
              room: int) -> tuple[int, list[int]]:
    """(the table's lines, widths): each column from its longest word (`floors`) up to one
    line a cell (`widths`), their sum `room`. A row is as tall as its tallest cell, so the room
    goes where rows get shorter: first each column as narrow as the shortest tallest row the
    room allows lets it be; then the rest where it shortens tall rows most (_filled). Tall rows
    first: a refusal's reason in 10 cells made one History line 12 rows tall (#16 trial t16),
    though a wider Change column made its many invoice lines a line shorter each. Wrapping at
    spaces takes no more lines in a wider column, so a column's width for a height is a binary
    search."""
    words = [[[cell_len(word) for word in cell.split(" ")] for cell in row] for row in table]
    at: dict[tuple[int, int], list[int]] = {}

    def lines(i: int, width: int) -> list[int]:  # each row's lines in column i at `width`
        if (i, width) not in at:
            at[i, width] = [_lines(row[i], width) for row in words]
        return at[i, width]

    def needs(i: int, height: int) -> int:  # column i's narrowest width for `height` lines
        low, high = floors[i], max(widths[i], floors[i])
        while low < high:
            middle = (low + high) // 2
            low, high = (low, middle) if max(lines(i, middle)) <= height else (middle + 1, high)
        return low

    columns = range(len(widths))
    low, high = 1, max(max(lines(i, floors[i])) for i in columns)  # the floors fit the room
    while low < high:
        middle = (low + high) // 2
        fits = sum(needs(i, middle) for i in columns) <= room
        low, high = (low, middle) if fits else (middle + 1, high)
    return _filled(widths, [needs(i, low) for i in columns], room, lines)


def _filled(widths: list[int], chosen: list[int], room: int,
            lines: Callable[[int, int], list[int]]) -> tuple[int, list[int]]:
    """(the table's lines, widths): `chosen` given the rest of `room` a few cells at a time,
    where the rows they shorten cost most for the cells they take, a row costing its lines to
    the power TALL (two rows 10 → 8 lines outweigh seventeen 5 → 4); where two columns make a
    row as tall, a cell that shortens one of them counts, after any that saves a line. What
    shortens nothing is shared by _shared. `lines(i, width)`: each row's lines in column i."""
    columns = range(len(widths))
    chosen = list(chosen)
    left = room - sum(chosen)
    while left > 0:
        now = [lines(i, chosen[i]) for i in columns]
        # the rows each column makes as tall as they are, with their next tallest cell: the
        # only rows room given to that column can shorten (where two columns tie, the two)
        tops: dict[int, list[tuple[int, int]]] = {i: [] for i in columns}
        for r, row in enumerate(zip(*now)):
            top = max(row)
            for i in (i for i in columns if row[i] == top > 1):
                tops[i].append((r, max(row[:i] + row[i + 1:], default=0)))
        # ((cost saved a cell, then lines of its own cells in those rows), column, cells)
        best: tuple[tuple[float, float], int, int] | None = None
        for i in columns:
            for more in range(1, min(left, widths[i] - chosen[i]) + 1 if tops[i] else 0):
                wider = lines(i, chosen[i] + more)
                cells = sum(now[i][r] - wider[r] for r, _other in tops[i])
                if cells > 0:
                    saved = sum(now[i][r] ** TALL - max(wider[r], other) ** TALL
                                for r, other in tops[i])
                    if best is None or (saved / more, cells / more) > best[0]:
                        best = ((saved / more, cells / more), i, more)
                    break
        if best is None:
            break
        chosen[best[1]] += best[2]
        left -= best[2]
    heights = [max(row) for row in zip(*(lines(i, chosen[i]) for i in columns))]
    return sum(heights), _shared(widths, chosen, room)


def _lines(words: list[int], width: int) -> int:
    """How many lines wrap_cell makes of a cell whose words take `words` cells, at `width`
    cells; a word wider than `width` starts a line and is broken every `width` cells (a wide
    character at a break may take one line more than counted)."""
    count, used = 1, -1  # used -1: the line holds nothing yet
    for word in words:
        if used + 1 + word <= width:
            used += 1 + word
            continue
        if used >= 0:
            count += 1
        more = max(word - 1, 0) // max(width, 1)  # the lines a word too wide goes on to
        count, used = count + more, word - more * width
    return count


def _shared(widths: list[int], floors: list[int], room: int) -> list[int]:
    """`floors` plus the `room` left over them, shared in proportion to what each column lacks
    from its natural width (`widths`), whole cells by the largest remainders."""
    lacks = [max(w - f, 0) for w, f in zip(widths, floors, strict=True)]
    extra, total = room - sum(floors), sum(lacks)
    if total <= extra:
        return [max(w, f) for w, f in zip(widths, floors, strict=True)]
    shares = [extra * lack / total for lack in lacks]
    given = [int(share) for share in shares]
    for i in sorted(range(len(shares)), key=lambda i: given[i] - shares[i])[:extra - sum(given)]:
        given[i] += 1
    return [f + g for f, g in zip(floors, given, strict=True)]


def wrap_cell(text: str, width: int) -> list[str]:
    """`text` as lines of at most `width` cells, broken at spaces; a word wider than `width`
    is broken between characters (a wide character is never split). [""] for empty text.

    "Address line 2", 8 -> ["Address", "line 2"]; "東京都港区", 4 -> ["東京", "都港", "区"].
    """
    if cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:  # a word too wide for a line of its own: broken by characters
            if line and cell_len(line) + get_character_cell_size(char) > width:
                lines.append(line)
                line = ""
            line += char
    lines.append(line)
    return lines
