"""The command line's tables at a terminal's width (issue #15): at 80 columns the terminal broke
rows in the middle of words ("Address lin" / "e 2", "Essentia" / "ls"); now cells wrap at word
boundaries within their column, measured in terminal cells (a CJK character takes two)."""

from __future__ import annotations

import os
import pty
import sys

from rich.cells import cell_len

from tests.cli.test_one_line_failures import _read_until
from tui.columns import wrap_cell
from tui.textout import table


def test_a_wide_table_wraps_its_cells_at_words_within_80_cells():
    rows = [["2026-11-30 04:19 UTC", "Jonas Weber (owner)",
             "Billing address saved · Address line 2",
             "— → Hinterhaus, drittes Obergeschoss, Eingang links", "done", "", "login root"],
            ["1", "東京都港区 株式会社 テスト", "Essentials", "trial", "", "", ""]]
    text = table(["When", "Who", "What", "Change", "Outcome", "Reason", "From"], rows, width=80)
    lines = text.splitlines()
    assert all(cell_len(line) <= 80 for line in lines), text
    words = {word for row in rows for cell in row for word in cell.split()}
    shown = {word for line in lines for word in line.split()}
    assert words <= shown, words - shown  # every word whole, none broken in two


def test_a_table_that_fits_is_one_line_per_row_and_a_pipe_is_never_wrapped():
    rows = [["1", "Atelier Lumière SARL", "FR"]]
    assert table(["Id", "Company", "Country"], rows, width=80).splitlines()[1] == \
        "1   Atelier Lumière SARL  FR"
    long = [["1", "word " * 40]]
    assert len(table(["Id", "Text"], long).splitlines()) == 2  # not a terminal: no limit


def test_an_e_mail_address_stays_whole_while_a_column_of_text_can_wrap():
    """#15 trial: `companies list` at 80 columns printed "camille@atelier-lum" / "iere.fr": a
    name too long for its column (its longest word, escaped control characters, wider than any
    room) broke the widest column, the e-mails'. The column of text breaks first; one-word
    values (an address, a plan, a status) only when nothing else can give."""
    rows = [["1", "東京物流株式会社 Tokyo Butsuryu", "Essentials", "Monthly", "trial",
             "camille@atelier-lumiere.fr"],
            ["3", "Blue\x1b[31mRED\x1b[0m\u202eevil\x9b2J\x07[b]bold[/b]東京", "Essentials",
             "Monthly", "subscribed", "maria@blueharbor.com"]]
    text = table(["Id", "Name", "Plan", "Term", "Status", "Owner"], rows, width=80)
    lines = text.splitlines()
    assert all(cell_len(line) <= 80 for line in lines), text
    shown = {word for line in lines for word in line.split()}
    assert {"camille@atelier-lumiere.fr", "maria@blueharbor.com", "Essentials",
            "subscribed"} <= shown, text


def test_one_word_values_break_only_when_nothing_else_can_give():
    rows = [["1", "camille@atelier-lumiere.fr", "jonas@nordwind.de"]]
    text = table(["Id", "Owner", "Billing"], rows, width=30)
    assert all(cell_len(line) <= 30 for line in text.splitlines()), text


def test_wide_characters_wrap_by_their_cells_and_are_never_split():
    assert wrap_cell("東京都港区", 4) == ["東京", "都港", "区"]
    assert wrap_cell("Address line 2", 8) == ["Address", "line 2"]
    assert all(cell_len(line) <= 5 for line in wrap_cell("株式会社 テスト", 5))


def test_show_history_at_an_80_column_terminal_keeps_words_whole(cli):
    """The command as a person runs it: stdout a terminal 80 columns wide."""
    line2 = "Hinterhaus, drittes Obergeschoss, Eingang links, bei Familie Sonnenschein"
    assert cli("--as", "jonas@nordwind.de", "set", "address", "--line2", line2)[0] == 0
    pid, terminal = pty.fork()
    if pid == 0:
        os.execve(sys.executable, [sys.executable, "-m", "tui", "--as", "jonas@nordwind.de",
                                   "show", "history"],
                  {**os.environ, "LANG": "C.UTF-8", "COLUMNS": "80"})
    out = _read_until(terminal, None).decode().replace("\r\n", "\n")
    os.close(terminal)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    lines = out.strip("\n").splitlines()
    assert len(lines) > 2 and all(cell_len(line) <= 80 for line in lines), out
    shown = {word for line in lines for word in line.split()}
    assert set(line2.split()) | {"Address", "line", "Obergeschoss,"} <= shown, out
