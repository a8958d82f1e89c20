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


HISTORY = ["Time (UTC)", "Who", "What", "Change", "Outcome", "Reason", "From"]
REFUSED = ["2026-12-01 16:59", "Jonas Weber (owner)", "Billing address change · VAT number",
           "tried to remove DE136695976", "refused",
           "VAT number is locked after the trial; send a change request to the billing team.",
           "login root on vm (demo)"]
CHARGED = ["2026-11-01 05:00", "Bea Billing (billing)", "Invoice payment · Invoices",
           "tried INV-000002-0014 charged to Visa •••• 1881 at issue (€2,567.00)", "refused",
           "declined by the bank", "mycompany invoices issue (demo)"]


def _rows_of(text: str) -> list[list[str]]:
    """A History table's printed lines grouped by row: a row starts with its date."""
    rows: list[list[str]] = []
    for line in text.splitlines()[1:]:
        if line[:4].isdigit() and line[4:5] == "-":
            rows.append([])
        rows[-1].append(line)
    return rows


def test_history_at_80_columns_keeps_values_whole_and_gives_reason_the_room():
    """#16 trial t16: `show history` at 80 columns printed "INV-000002-001" / "4 charged to",
    and a refusal's reason took 12 rows in a 10-cell column. Words stay whole (one space
    between columns rather than a broken word) and the long columns share what is left."""
    text = table(HISTORY, [REFUSED, CHARGED], width=80)
    lines = text.splitlines()
    assert all(cell_len(line) <= 80 for line in lines), text
    shown = {word for line in lines for word in line.split()}
    words = {word for row in (REFUSED, CHARGED) for cell in row for word in cell.split()}
    assert words <= shown, words - shown
    refused, charged = _rows_of(text)
    assert len(refused) <= 6 and len(charged) <= 5, text


def test_identifiers_stay_whole_where_ordinary_words_must_break():
    """Too narrow for every word: a column of text breaks its ordinary words first; an invoice
    number, a VAT number or an e-mail address in it only when it alone exceeds the column."""
    rows = [["2026-11-01", "Invoices paid", "INV-000002-0014 charged to Visa · Zahlungserinnerung"],
            ["2026-12-01", "Card saved", "jonas@nordwind.de replaced FR40303265045"]]
    text = table(["When", "What", "Change"], rows, width=36)
    assert all(cell_len(line) <= 36 for line in text.splitlines()), text
    shown = {word for line in text.splitlines() for word in line.split()}
    assert {"INV-000002-0014", "jonas@nordwind.de", "FR40303265045", "2026-11-01"} <= shown
    assert "Zahlungserinnerung" not in shown, text  # the one word that had to give
    narrow = table(["Change"], [["INV-000002-0014 charged"]], width=8)
    assert narrow.splitlines()[1:3] == ["INV-0000", "02-0014"]  # alone wider than any column


def test_show_history_at_80_columns_after_refusals_and_a_request(cli):
    """The #16 trial's session as a person runs it, stdout a terminal 80 columns wide: every
    word as the pipe prints it, whole; no History line taller than its reason needs."""
    for option, value in (("--country", "Narnia"), ("--vat", "garbage")):
        assert cli("--as", "jonas@nordwind.de", "set", "address", option, value)[0] == 3
    assert cli("--as", "jonas@nordwind.de", "requests", "create", "--country", "FR", "--vat",
               "FR 40 303 265 045", "--line1", "1 rue de Rivoli", "--postal-code", "75001",
               "--city", "Paris", "--note", "the lease PDF is in ticket BIL-77")[0] == 0
    piped = cli("--as", "jonas@nordwind.de", "show", "history")[1]
    out, shown = _history_at_80("jonas@nordwind.de")
    assert set(piped.split()) <= shown, set(piped.split()) - shown
    assert {"FR40303265045", "DE136695976"} <= shown
    assert any(word.startswith("INV-0000") for word in shown), out
    narnia = next(row for row in _rows_of(out) if "Narnia" in row[0])
    assert len(narnia) <= 8, out  # 11 before: a 9-cell Reason


URL = "https://drive.example.com/leases/2026/boston-beacon-st-lease-signed.pdf"


def test_a_word_longer_than_any_column_breaks_before_the_short_columns_do():
    """Verify v1: a request's 69-cell URL in Reason (an identifier: it holds digits) was kept
    whole until Who, What and From had 4 cells each ("Mari/a/Lope/z", "Requ/est/#4/reje/cted"),
    and broken at 30 cells anyway. A word no column is made for breaks first; every other word
    stays whole, and the room is shared as when every word fits."""
    sent = ["2026-12-01 17:38", "Maria Lopez (owner)", "Request #4 sent",
            ("asked State: California → Massachusetts · Address: 1600 Amphitheatre Pkwy → 24 "
             "Beacon St"), "done", URL, "login root on vm (demo)"]
    rejected = ["2026-12-01 17:40", "Bea Billing (billing)", "Request #4 rejected",
                "not applied: State: California → Massachusetts", "done",
                "The lease is not signed by the landlord; please upload the countersigned copy.",
                "login root on vm (demo)"]
    text = table(HISTORY, [sent, rejected, CHARGED], width=80)
    lines = text.splitlines()
    assert all(cell_len(line) <= 80 for line in lines), text
    shown = {word for line in lines for word in line.split()}
    words = {word for row in (sent, rejected, CHARGED) for cell in row for word in cell.split()}
    assert words - shown == {URL}, text  # the one word that cannot fit whole, alone broken


def test_show_history_at_80_columns_after_a_request_with_a_long_url_is_refused(cli):
    """Verify v1's session as a person runs it: maria sends a request whose documents are a
    69-cell URL, the billing team refuses it at length, `show history` at an 80-column terminal
    keeps every other word whole."""
    assert cli("--as", "maria@blueharbor.com", "requests", "create", "--state", "MA", "--line1",
               "24 Beacon St", "--postal-code", "02108", "--city", "Boston",
               "--documents", URL)[0] == 0
    reason = ("The lease you sent is not signed by the landlord; please upload the "
              "countersigned copy and send the request again.")
    assert cli("--as", "billing@mycompany.example", "requests", "reject", "1", "--company",
               "3", "--reason", reason)[0] == 0
    piped = cli("--as", "maria@blueharbor.com", "show", "history")[1]
    out, shown = _history_at_80("maria@blueharbor.com")
    assert set(piped.split()) - shown == {URL}, out
    assert {"Maria", "Lopez", "(owner)", "Request", "rejected", "login", "(demo)"} <= shown, out


def _history_at_80(person: str) -> tuple[str, set[str]]:
    """`show history` as `person`, stdout a terminal 80 columns wide: what it printed, and its
    words (every line checked to fit the 80 cells)."""
    pid, terminal = pty.fork()
    if pid == 0:
        os.execve(sys.executable, [sys.executable, "-m", "tui", "--as", person, "show",
                                   "history"],
                  {**os.environ, "LANG": "C.UTF-8", "COLUMNS": "80"})
    out = _read_until(terminal, None).decode().replace("\r\n", "\n")
    os.close(terminal)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    lines = out.strip("\n").splitlines()
    assert all(cell_len(line) <= 80 for line in lines), out
    return out, {word for line in lines for word in line.split()}
