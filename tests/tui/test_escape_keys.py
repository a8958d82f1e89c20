"""Escape followed at once by a key, in one read from the terminal, is Escape then that key
(SPEC §8): the real program in a pseudo-terminal, and the splitter in front of Textual's parser."""

from __future__ import annotations

import sys
import time

from tui.escape_keys import ESCAPE_KEY, EscapeSplitter, pasted_text

from ..ssh.conftest import Terminal

TRADE_MARK = "™".encode()
QUIT = b"\x11"


def test_escape_and_a_digit_in_one_read_are_escape_then_the_digit(db_url, demo, tmp_path):
    terminal = Terminal([sys.executable, "-m", "tui", "--db", db_url, "--as",
                         "jonas@nordwind.de"],
                        env={"MYCOMPANY_WARM_UP": "0", "HOME": str(tmp_path)})
    try:
        terminal.read_until(b"Nordwind Logistik GmbH")
        terminal.read_until(b"Upload")
        time.sleep(0.5)
        mark = len(terminal.output)
        terminal.send(b"\x1b2")  # one write: Escape, then 2 (the Plan tab), as a laggy link sends
        terminal.read_until(b"Next invoice", since=mark)
        mark = len(terminal.output)
        terminal.send(b"\x1b3")
        terminal.read_until(b"Add recipient", since=mark)
        assert TRADE_MARK not in terminal.output
        assert "£".encode() not in terminal.output
        terminal.send(QUIT)
        assert terminal.wait() == 0
    finally:
        terminal.close()


def test_the_splitter_writes_escape_apart_from_the_key():
    splitter = EscapeSplitter()
    assert splitter.feed(b"\x1b2") == [ESCAPE_KEY + b"2"]
    assert splitter.feed(b"\x1bx\x1b-\x1b\xc2\xa7") == [ESCAPE_KEY + b"x" + ESCAPE_KEY + b"-"
                                                        + ESCAPE_KEY + "§".encode()]


def test_iterm_word_keys_stay_word_keys():
    splitter = EscapeSplitter()
    assert splitter.feed(b"\x1bf\x1bb") == [b"\x1bf\x1bb"]  # Option+Right, Option+Left


def test_sequences_and_pastes_pass_untouched():
    splitter = EscapeSplitter()
    keys = b"\x1b[A\x1bOP\x1b[1;5C\x1b[50;3u\x1b]11;rgb:0/0/0\x1b\\"
    assert splitter.feed(keys) == [keys]
    paste = b"\x1b[200~a2b\x1b[201~"
    assert splitter.feed(paste) == [paste]
    assert splitter.feed(b"\x1b2") == [ESCAPE_KEY + b"2"]  # after the paste, split again


def test_a_paste_holding_escape_arrives_whole_and_in_order():
    """Textual's parser ends a paste at any ESC in it: "Blue ESC[31m Harbor" arrived as the keys
    "^[31mHarbor", then the paste "Blue", and ctrl+s saved "^[31mHarborBlue". The ESC goes
    through as a symbol that the field turns back into ESC (shown as ␛, refused on save)."""
    from textual import events
    from textual._xterm_parser import XTermParser  # the parser whose limit this works around

    splitter = EscapeSplitter()
    pieces = splitter.feed(b"\x1b[200~Blue\x1b[31mHar") + splitter.feed(b"bor\x1b") \
        + splitter.feed(b"[201~")  # the paste's end split between two reads
    [event] = list(XTermParser().feed(b"".join(pieces).decode()))
    assert isinstance(event, events.Paste)
    assert pasted_text(event.text) == "Blue\x1b[31mHarbor"


def test_an_escape_at_the_end_of_a_read_waits_for_the_next():
    splitter = EscapeSplitter()
    assert splitter.feed(b"ab\x1b") == [b"ab"]
    assert splitter.feed(b"2") == [ESCAPE_KEY + b"2"]
    assert splitter.feed(b"\x1b") == []
    assert splitter.feed(b"[B") == [b"\x1b[B"]  # an arrow key split between two reads
    assert splitter.feed(b"\x1b") == []
    assert splitter.flush() == ESCAPE_KEY  # nothing came: Escape alone


def test_without_the_keyboard_protocol_the_key_comes_after_a_pause():
    splitter = EscapeSplitter(b"")
    assert splitter.feed(b"x\x1b2y") == [b"x\x1b", b"2y"]
