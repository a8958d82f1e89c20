"""Table cells that fit a terminal's width: columns narrowed, cells wrapped at word boundaries,
measured in terminal cells (a CJK character takes two: rich.cells)."""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size

MIN_COLUMN = 4  # cells: no column narrows below this by breaking its words


def longest_word(text: str) -> int:
    """The cells of `text`'s longest space-separated word (0 for empty text)."""
    return max((cell_len(word) for word in text.split(" ")), default=0)


def fit_widths(widths: list[int], table: list[list[str]], limit: int, gap: int) -> list[int]:
    """Column widths (in cells) whose sum with the gaps between them fits `limit`, narrowing the
    widest column one cell at a time: first down to its longest word (words stay whole); if that
    is not enough, the columns of text (a row's cell of more than one word: a name, a term) down
    to MIN_COLUMN, their words broken; only then the columns of one-word values (an e-mail
    address, a number, a code), which a break makes unreadable (#15 trial: `companies list` at
    80 columns printed "camille@atelier-lum" / "iere.fr" beside a name it could have wrapped).
    A table that cannot fit even so keeps the narrowest widths it reached (the terminal wraps
    the rest).

    `widths`: each column's natural width; `table`: the rows (headers first), for the words.
    """
    widths = list(widths)
    columns = range(len(widths))
    words = [max(longest_word(row[i]) for row in table) for i in columns]
    text = [any(len(row[i].split()) > 1 for row in table[1:]) for i in columns]
    room = limit - gap * (len(widths) - 1)
    floors = (words, [MIN_COLUMN if text[i] else words[i] for i in columns],
              [MIN_COLUMN] * len(widths))
    for floor in floors:
        while sum(widths) > room:
            narrowable = [i for i, w in enumerate(widths) if w > floor[i]]
            if not narrowable:
                break
            widest = max(narrowable, key=lambda i: widths[i])
            widths[widest] -= 1
    return widths


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
