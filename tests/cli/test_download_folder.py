"""A downloads folder that cannot be made because a file is in the way (issue #15): the message
was a bare "/path/Downloads: File exists."; now it says what failed and what to do."""

from __future__ import annotations

import pytest


@pytest.fixture
def home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DOWNLOAD_DIR", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    return home


def _latest_invoice(cli) -> str:
    status, out, _ = cli("--as", "jonas@nordwind.de", "show", "invoices")
    assert status == 0
    return out.splitlines()[1].split()[0]


@pytest.mark.parametrize("blocked", ["Downloads", "Downloads/sub"])
def test_a_file_where_the_downloads_folder_goes_is_one_line_saying_what_to_do(cli, home,
                                                                              monkeypatch,
                                                                              blocked):
    (home / "Downloads").write_text("not a folder")
    if blocked != "Downloads":  # a file further up the path: ENOTDIR, not EEXIST
        monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(home / blocked))
    number = _latest_invoice(cli)
    status, out, err = cli("--as", "jonas@nordwind.de", "invoices", "download", number)
    assert (status, out) == (1, "")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"Cannot save into {home / blocked}: a file is in the way" in err
    assert "move or rename it" in err
    assert (home / "Downloads").read_text() == "not a folder"  # left as it was
