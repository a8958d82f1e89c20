"""An export or a download is recorded in History before any of it leaves (SPEC §6: every step
in History): when its line cannot be written, nothing is exported or downloaded, and the one line
says so (verification trial: on a full disk `invoices download INV-000002-0015 --out DIR/` wrote
the whole PDF and `export companies --out -` printed every row, then both exited 6 with "nothing
was saved": only their History line had failed).

The disk is a real full one (tests/cli/test_full_disk_reads.py: a 2 MiB tmpfs of the command's
own, the database opened for reading only); the output goes to a disk with room."""

from __future__ import annotations

import pytest

import store.errors
from store.invoicing.invoices import download_invoice, invoice_pdf
from store.persistence.db import database, is_sqlite
from store.persistence.models import AuditEvent, Invoice
from store.trail.exports import export
from tests.cli.test_full_disk_reads import JONAS, full_disk  # noqa: F401 (a fixture)
from tests.cli.test_one_line_failures import mycompany, one_line

SUPPORT = ("--as", "support@mycompany.example")
INVOICE = "INV-000002-0015"
FULL = "The disk holding the database is full: nothing was saved. Free some space and try again."


def test_a_download_to_a_folder_on_a_full_disk_makes_no_file(full_disk, tmp_path):  # noqa: F811
    wrapper, url = full_disk
    folder = tmp_path / "pdfs"
    folder.mkdir()
    done = mycompany("--db", url, *JONAS, "invoices", "download", INVOICE, "--out",
                     f"{folder}/", wrapper=wrapper)
    assert done.returncode == 6
    assert one_line(done.stderr) == ("mycompany: Nothing was downloaded: History records each "
                                     "download before it is made, and could not. " + FULL)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("command", [("export", "companies", "--out", "-"),
                                     ("invoices", "download", INVOICE, "--out", "-")])
def test_an_output_to_stdout_on_a_full_disk_prints_nothing(full_disk, command):  # noqa: F811
    wrapper, url = full_disk
    who = SUPPORT if command[0] == "export" else JONAS
    done = mycompany("--db", url, *who, *command, wrapper=wrapper)
    assert (done.returncode, done.stdout) == (6, "")
    what = "exported" if command[0] == "export" else "downloaded"
    assert one_line(done.stderr).startswith(f"mycompany: Nothing was {what}: History records")


@pytest.fixture
def filled(as_, demo):
    """The database file with no page left: its next write fails as a full disk does (SQLite's
    max_page_count at the file's size, SQLITE_FULL; tests/store/test_disk_failures.py)."""
    if not is_sqlite():
        pytest.skip("needs SQLite's max_page_count to fill the database")
    database.execute_sql("PRAGMA max_page_count = "
                         f"{database.execute_sql('PRAGMA page_count').fetchone()[0]}")
    yield
    database.execute_sql("PRAGMA max_page_count = 4294967294")


def _fill_up(as_) -> None:
    """Write trail lines until the file takes no more."""
    support = as_("support@mycompany.example")
    for _n in range(2000):
        try:
            export(support, "companies", lambda row: None)
        except store.errors.StorageError:
            return
    raise AssertionError("the file never filled up")


def test_the_store_hands_out_no_row_and_no_pdf_it_could_not_record(as_, demo, filled, tmp_path):
    _fill_up(as_)
    lines = AuditEvent.select().count()
    rows: list[dict] = []
    with pytest.raises(store.errors.DiskFull) as refused:
        export(as_("support@mycompany.example"), "history", rows.append)
    assert rows == []
    assert refused.value.message.startswith("Nothing was exported: History records each export")
    jonas = as_("jonas@nordwind.de")
    number = Invoice.select().where(Invoice.company == demo["nordwind"]).first().number
    with pytest.raises(store.errors.DiskFull):
        invoice_pdf(jonas, demo["nordwind"], number)
    with pytest.raises(store.errors.DiskFull) as refused:
        download_invoice(jonas, demo["nordwind"], number, tmp_path)
    assert refused.value.message.startswith("Nothing was downloaded: History records each")
    assert list(tmp_path.glob("*.pdf")) == []
    assert AuditEvent.select().count() == lines
