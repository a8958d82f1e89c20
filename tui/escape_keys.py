"""Escape followed at once by a key is Escape, then that key (SPEC §8).

A terminal sends Escape as the byte ESC, and Alt+2 (xterm's "meta sends escape") as ESC 2: over
a laggy link, Escape then 2 typed a moment apart arrive in one read as ESC 2 as well. Textual's
parser reads ESC 2 as "™", ESC 1 as "¡" ... ESC 0 as "º", ESC - as "–", ESC = as "≠", ESC § as
"§" (the characters WezTerm on macOS sends for Option and the number row), and ESC with a
letter as alt+letter: in a field, Escape then 2 typed "™" (no revert, no tab switch) and ctrl+s
saved it.

`EscapeFirstDriver` is Textual's Linux driver with one step in front of its parser: the bytes
read from the terminal pass `EscapeSplitter`, which writes such an ESC as the keyboard protocol's
unambiguous Escape (CSI 27 u, which Textual's parser reads as Escape whether or not the terminal
speaks that protocol) followed by the key; with TEXTUAL_DISABLE_KITTY_KEY set, the key follows
the ESC after Textual's escape delay instead. ESC f and ESC b stay iTerm's word keys (ctrl+right
and ctrl+left, as Textual reads them). Escape sequences (ESC [, ESC O, ESC P, ESC ]...),
keys sent through the keyboard protocol (where the terminal speaks it, Alt+2 is CSI 50;3 u, not
ESC 2) and bracketed pastes pass untouched, but for an ESC inside a paste (PASTED_ESCAPE).

Upstream: Textual maps these sequences in textual/_ansi_sequences.py (the WezTerm block and the
iTerm "natural editing" keys); no issue about Escape+key read as one character was found in its
tracker (searched 2026-11-30). Public Textual API only: `App.get_driver_class`,
`LinuxDriver.run_input_thread`, its `fileno` and `exit_event`.
"""

from __future__ import annotations

import os
import selectors
import time
from threading import Thread

from textual import constants
from textual.drivers.linux_driver import LinuxDriver

ESC = b"\x1b"
# What may follow ESC for Escape-then-key: digits, lower-case letters, - = and § (UTF-8 C2 A7).
# Upper-case letters and punctuation begin sequences a terminal sends (ESC O, ESC P, ESC [...).
# Not f and b: ESC f and ESC b are Option+Right and Option+Left in iTerm's "natural text
# editing" keys (a word right, a word left, as Textual reads them); read as Escape they would
# leave the field and throw its edits away.
SPLIT_AFTER = frozenset(b"0123456789acdeghijklmnopqrstuvwxyz-=")
SECTION_SIGN = "§".encode()
ESCAPE_KEY = b"\x1b[27u"  # the keyboard protocol's Escape, read by Textual's parser as Escape
PASTE_START = b"\x1b[200~"
PASTE_END = b"\x1b[201~"
# An ESC inside a bracketed paste (a colour code copied with the text) is written as Unicode's
# SYMBOL FOR ESCAPE: Textual's parser ends the paste at any ESC and hands what follows on as
# keys, before the paste's own start ("Blue ESC[31m Harbor" arrived as "^[31mHarborBlue").
# `pasted_text` turns it back into ESC, which the fields show as ␛ and refuse on save.
PASTED_ESCAPE = "\u241b".encode()


class EscapeSplitter:
    """Bytes from the terminal in; the same bytes out, with each ESC that is followed by a plain
    key written so that Textual reads Escape, then the key.

    `feed(data)` returns what can go on now; an ESC at the very end of `data` is kept until the
    next `feed` (the key may be in the next read) or `flush()` (nothing came: a lone Escape).
    Inside a bracketed paste nothing is changed but ESC, written as PASTED_ESCAPE.
    """

    def __init__(self, escape_key: bytes = ESCAPE_KEY) -> None:
        self.escape_key = escape_key
        self.kept = b""
        self.in_paste = False

    def feed(self, data: bytes) -> list[bytes]:
        """The pieces to write, in order; between two pieces the reader must see Escape alone
        (with `escape_key` empty the writer waits Textual's escape delay between them)."""
        data, self.kept = self.kept + data, b""
        pieces: list[bytes] = []
        out = bytearray()
        index = 0
        while index < len(data):
            for mark, in_paste in ((PASTE_START, True), (PASTE_END, False)):
                if data.startswith(mark, index):
                    self.in_paste = in_paste
                    out += mark
                    index += len(mark)
                    break
            else:
                mark = b""
            if mark or index >= len(data):
                continue
            byte = data[index]
            if byte == ESC[0] and self.in_paste:
                rest = data[index:]
                if len(rest) < len(PASTE_END) and PASTE_END.startswith(rest):
                    self.kept = rest  # the paste's end may be split between two reads
                    break
                out += PASTED_ESCAPE  # Textual's parser cannot carry ESC inside a paste
                index += 1
                continue
            if byte != ESC[0] or self.in_paste:
                out.append(byte)
                index += 1
                continue
            rest = data[index + 1:]
            if not rest or (rest[:1] == SECTION_SIGN[:1] and len(rest) < len(SECTION_SIGN)):
                self.kept = data[index:]  # the key may come in the next read
                break
            if rest[0] in SPLIT_AFTER or rest.startswith(SECTION_SIGN):
                if self.escape_key:
                    out += self.escape_key
                else:
                    out += ESC
                    pieces.append(bytes(out))
                    out.clear()
            else:
                out += ESC
            index += 1
        if out:
            pieces.append(bytes(out))
        return pieces

    def flush(self) -> bytes:
        """What was kept, once nothing followed it in time: a lone ESC is Escape (written as
        `escape_key`, so that a key read after it is not joined to it)."""
        kept, self.kept = self.kept, b""
        return self.escape_key if kept == ESC and self.escape_key else kept


class EscapeFirstDriver(LinuxDriver):
    """Textual's Linux driver, reading the terminal through `EscapeSplitter` (module docstring).

    The terminal's bytes are read by a thread of this driver and written, split, into a pipe
    that Textual's own input thread reads in their place; `fileno` is the terminal again once
    that thread ends (Textual restores the terminal's modes through it).
    """

    def run_input_thread(self) -> None:
        terminal = self.fileno
        read_end, write_end = os.pipe()
        pump = Thread(target=self.pump_keys, args=(terminal, write_end), name="mycompany-keys",
                      daemon=True)
        self.fileno = read_end
        pump.start()
        try:
            super().run_input_thread()
        finally:
            self.fileno = terminal
            pump.join()
            os.close(read_end)

    def pump_keys(self, terminal: int, write_end: int) -> None:
        """Copy the terminal's bytes into the pipe through an `EscapeSplitter` until input is
        disabled (or the terminal is gone)."""
        kitty = not constants.DISABLE_KITTY_KEY
        splitter = EscapeSplitter(ESCAPE_KEY if kitty else b"")
        gap = constants.ESCAPE_DELAY + 0.05  # seconds: Escape alone, then the key
        selector = selectors.DefaultSelector()
        selector.register(terminal, selectors.EVENT_READ)
        try:
            while not self.exit_event.is_set():
                # An ESC at the end of a read waits as long as Textual's parser would for the
                # rest of a sequence split between two reads.
                ready = selector.select(constants.ESCAPE_DELAY if splitter.kept else 0.1)
                if not ready:
                    if splitter.kept:
                        os.write(write_end, splitter.flush())
                    continue
                try:
                    data = os.read(terminal, 4096)
                except OSError:
                    data = b""
                if not data:
                    break
                pieces = splitter.feed(data)
                for number, piece in enumerate(pieces):
                    if number:
                        time.sleep(gap)
                    os.write(write_end, piece)
        finally:
            selector.close()
            if splitter.kept:
                os.write(write_end, splitter.flush())
            os.close(write_end)


def pasted_text(text: str) -> str:
    """A paste's text as the terminal sent it: PASTED_ESCAPE back to ESC (the splitter wrote it
    so that Textual's parser keeps the paste whole and in order)."""
    return text.replace(PASTED_ESCAPE.decode(), ESC.decode())
