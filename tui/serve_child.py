"""The process one SSH session runs (`python -m tui ...`), in a new pseudo-terminal or with pipes.

The child is always a session leader in its own process group, so that ending it (the client
went, the session idled out, the server stops) reaches everything it started: SIGHUP to the
group, then SIGKILL a moment later. With a terminal, the pty's slave side is its controlling
terminal: the kernel sends it SIGWINCH when the window size is set on the master (TIOCSWINSZ).
Bytes are moved with the event loop's readers and writers on non-blocking descriptors, each
side paused while the other cannot take more.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import signal
import struct
import termios
from collections.abc import Callable
from pathlib import Path

import tui

READ_SIZE = 65536
HANGUP_GRACE = 1.0  # seconds between SIGHUP and SIGKILL
# The directory that holds the `tui` package the server runs, so that `-m tui` in the child (which
# puts its working directory first on sys.path) finds the same program, installed or checked out.
PROGRAM_DIR = str(Path(tui.__file__).resolve().parent.parent)


def _take_terminal() -> None:
    """In the child, after setsid: its stdin (the pty's slave side) becomes its controlling tty."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def set_window_size(fd: int, columns: int, rows: int, width_px: int = 0,
                    height_px: int = 0) -> None:
    """Set the terminal size on the pty (the kernel tells the foreground group with SIGWINCH)."""
    size = struct.pack("HHHH", max(1, min(rows, 0xFFFF)), max(1, min(columns, 0xFFFF)),
                       max(0, min(width_px, 0xFFFF)), max(0, min(height_px, 0xFFFF)))
    with contextlib.suppress(OSError):
        fcntl.ioctl(fd, termios.TIOCSWINSZ, size)


class Reader:
    """Reads a descriptor as the loop says it is readable and hands the bytes to `sink`;
    `done` is set at end of file (or EIO: a pty whose slave side every process closed)."""

    def __init__(self, fd: int, sink: Callable[[bytes], None]):
        self.fd, self.sink = fd, sink
        self.done = asyncio.get_running_loop().create_future()
        self._loop = asyncio.get_running_loop()
        self._paused = False
        os.set_blocking(fd, False)
        self._loop.add_reader(fd, self._readable)

    def _readable(self) -> None:
        try:
            data = os.read(self.fd, READ_SIZE)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if data:
            self.sink(data)
        else:
            self.stop()

    def pause(self) -> None:
        if not self._paused and not self.done.done():
            self._paused = True
            self._loop.remove_reader(self.fd)

    def resume(self) -> None:
        if self._paused and not self.done.done():
            self._paused = False
            self._loop.add_reader(self.fd, self._readable)

    def stop(self) -> None:
        if not self.done.done():
            self._loop.remove_reader(self.fd)
            self.done.set_result(None)


class Writer:
    """Writes to a descriptor without blocking: what the descriptor cannot take yet is kept and
    written as the loop says it is writable. `on_full(bool)` is told when the kept bytes pass
    HIGH_WATER and when they are written out again. Once the reader is gone (EPIPE), what comes
    is dropped: the child stopped reading, which is its choice."""

    HIGH_WATER = 256 * 1024

    def __init__(self, fd: int, on_full: Callable[[bool], None]):
        self.fd, self.on_full = fd, on_full
        self._loop = asyncio.get_running_loop()
        self._pending = bytearray()
        self._full = False
        self._closing = False  # close the descriptor once everything is written
        self.closed = False
        os.set_blocking(fd, False)

    def write(self, data: bytes) -> None:
        if self.closed or self._closing:
            return
        if not self._pending:
            try:
                data = data[os.write(self.fd, data):]
            except (BlockingIOError, InterruptedError):
                pass
            except OSError:
                self.close()
                return
            if not data:
                return
            self._loop.add_writer(self.fd, self._writable)
        self._pending += data
        if not self._full and len(self._pending) > self.HIGH_WATER:
            self._full = True
            self.on_full(True)

    def _writable(self) -> None:
        try:
            del self._pending[:os.write(self.fd, self._pending)]
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self.close()
            return
        if not self._pending:
            self._loop.remove_writer(self.fd)
            if self._closing:
                self.close()
        if self._full and len(self._pending) <= self.HIGH_WATER // 4:
            self._full = False
            self.on_full(False)

    def close_when_written(self) -> None:
        """End of input: close the descriptor (the child reads end of file) once written."""
        self._closing = True
        if not self._pending:
            self.close()

    def close(self) -> None:
        """Close the descriptor now, dropping what was not written."""
        if self.closed:
            return
        self.closed = True
        if self._pending:
            self._loop.remove_writer(self.fd)
            self._pending.clear()
        if self._full:
            self._full = False
            self.on_full(False)
        with contextlib.suppress(OSError):
            os.close(self.fd)


class Child:
    """One running `python -m tui ...` and the descriptors that connect it to the session."""

    def __init__(self, process: asyncio.subprocess.Process, *, terminal: int | None,
                 stdin: Writer, outputs: list[Reader], fds: list[int]):
        self.process, self.terminal, self.stdin, self.outputs = process, terminal, stdin, outputs
        self._fds = fds
        self._kill: asyncio.TimerHandle | None = None

    @classmethod
    async def start(cls, argv: list[str], env: dict[str, str], *, terminal_size: tuple | None,
                    out: Callable[[bytes], None], err: Callable[[bytes], None],
                    on_input_full: Callable[[bool], None]) -> Child:
        """Start `argv` in a new pty (`terminal_size` = (columns, rows, width_px, height_px)) or,
        when it is None, with three pipes; `out` and `err` take what it writes."""
        if terminal_size is not None:
            master, slave = os.openpty()
            set_window_size(master, *terminal_size)
            try:
                process = await asyncio.create_subprocess_exec(
                    *argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=PROGRAM_DIR,
                    start_new_session=True, preexec_fn=_take_terminal)
            except BaseException:
                os.close(master)
                raise
            finally:
                os.close(slave)  # the child's alone now: its exit hangs the pty up (EIO)
            return cls(process, terminal=master, stdin=Writer(os.dup(master), on_input_full),
                       outputs=[Reader(master, out)], fds=[master])
        pipes = [os.pipe() for _ in range(3)]
        child_ends = (pipes[0][0], pipes[1][1], pipes[2][1])
        try:
            process = await asyncio.create_subprocess_exec(
                *argv, stdin=child_ends[0], stdout=child_ends[1], stderr=child_ends[2], env=env,
                cwd=PROGRAM_DIR, start_new_session=True)
        except BaseException:
            for fd in (pipes[0][1], pipes[1][0], pipes[2][0]):
                os.close(fd)
            raise
        finally:
            for fd in child_ends:
                os.close(fd)
        return cls(process, terminal=None, stdin=Writer(pipes[0][1], on_input_full),
                   outputs=[Reader(pipes[1][0], out), Reader(pipes[2][0], err)],
                   fds=[pipes[1][0], pipes[2][0]])

    def resize(self, columns: int, rows: int, width_px: int = 0, height_px: int = 0) -> None:
        if self.terminal is not None:
            set_window_size(self.terminal, columns, rows, width_px, height_px)

    def pause_output(self, paused: bool) -> None:
        for reader in self.outputs:
            reader.pause() if paused else reader.resume()

    def hang_up(self) -> None:
        """End the child and everything it started: SIGHUP to its group, SIGKILL after a moment."""
        self._signal(signal.SIGHUP)
        if self._kill is None and self.process.returncode is None:
            self._kill = asyncio.get_running_loop().call_later(
                HANGUP_GRACE, self._signal, signal.SIGKILL)

    def _signal(self, number: int) -> None:
        # The group outlives its leader when the leader left children behind: signal it anyway.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, number)

    async def finish(self, *, output_wait: float = 2.0) -> int:
        """Wait for the child to exit and for what it wrote to be read; then close everything.
        Returns its exit status (negative: the signal that ended it)."""
        status = await self.process.wait()
        if self._kill is not None:
            self._kill.cancel()
        self._signal(signal.SIGKILL)  # anything the child left behind in its group
        waiting = [r.done for r in self.outputs if not r.done.done()]
        if waiting:
            await asyncio.wait(waiting, timeout=output_wait)
        self.close()
        return status

    def close(self) -> None:
        for reader in self.outputs:
            reader.stop()
        self.stdin.close()
        for fd in self._fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._fds = []


def signal_name(status: int) -> str:
    """The SSH name of the signal that ended a child (exit status -N): "HUP", "KILL", ..."""
    try:
        return signal.Signals(-status).name.removeprefix("SIG")
    except ValueError:
        return "KILL"

