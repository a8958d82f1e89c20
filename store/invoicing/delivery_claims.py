"""Who holds an e-mail's claim (store.invoicing.delivery): this process, named so that another
run can tell whether it is gone; claiming a row, and giving back those a stopped run holds.

A delivery row is `sending` while one process tries it. A run stopped by Ctrl-C or an error gives
back what it had not finished (`release`); one that dies outright (`kill`, a lost SSH session's
hang-up) leaves its rows claimed. The claim names its process as `PID@HOST BOOT PIDNS START`
(`this_process`): the kernel's boot id (/proc/sys/kernel/random/boot_id), the PID namespace
(/proc/self/ns/pid) and the process's start time in clock ticks since boot (field 22 of
/proc/PID/stat, proc(5)). A process under the same boot and namespace can look that PID up: no
such process, a zombie, or another process under the same PID (another start time) proves the
claimant gone, and the next run takes the row at once (#17 trial: an e-mail cut off by Ctrl-C
waited 30 minutes); the very process still running keeps it. Anything that cannot be looked up
(a claim from another machine or container, one written before migration 0034, a system without
/proc) proves nothing: store.invoicing.delivery leaves such a claim STALE_SENDING long. HOST is
for the person reading the row; the proof never rests on it (two machines may share a name).
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from peewee import Expression

from store import clock
from store.persistence.db import RetryTransaction, transaction
from store.persistence.models_delivery import InvoiceDelivery

PROC = Path("/proc")
Holder = Literal["gone", "running", "unknown"]
Before = dict[str, Any]  # a claimed row's columns as they were: what `release` puts back
CLAIM_LENGTH = 255  # the column (migration 0034)
STALE_SENDING = timedelta(minutes=30)  # a claim that cannot be looked up is kept this long

_this: tuple[int, str | None] | None = None  # (pid, claim): a forked child names itself anew


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None


def _boot_and_namespace() -> tuple[str, str] | None:
    """The running kernel's boot id and this process's PID namespace; None without /proc."""
    boot = _read(PROC / "sys/kernel/random/boot_id")
    try:
        namespace = os.readlink(PROC / "self/ns/pid")  # "pid:[4026531836]"
    except OSError:
        return None
    return (boot, namespace) if boot else None


def _started(pid: int | str) -> str | None:
    """When process `pid` started (clock ticks after boot); None when there is no such living
    process (none, or a zombie: it has exited, only its parent has not read its status yet)."""
    stat = _read(PROC / str(pid) / "stat")
    if stat is None or ")" not in stat:
        return None
    after_name = stat.rsplit(")", 1)[1].split()  # the name, in parentheses, may hold blanks
    if len(after_name) < 20 or after_name[0] in ("Z", "X"):  # state: zombie, dead
        return None
    return after_name[19]  # field 22 (fields 1 and 2 are before the name's end)


def this_process() -> str | None:
    """This process's claim, `PID@HOST BOOT PIDNS START` (at most CLAIM_LENGTH characters);
    None where it cannot be told (no /proc): a claim nobody can prove gone."""
    global _this
    pid = os.getpid()
    if _this is None or _this[0] != pid:
        where, started = _boot_and_namespace(), _started(pid)
        claim = None
        if where is not None and started is not None:
            host = "".join(socket.gethostname().split())[:120] or "?"
            claim = f"{pid}@{host} {where[0]} {where[1]} {started}"[:CLAIM_LENGTH]
        _this = (pid, claim)
    return _this[1]


def holder(claim: str | None) -> Holder:
    """Whether the process that wrote `claim` (this_process's text) is "gone" (provably: it ran
    under this kernel and PID namespace, and its PID is now no process, a zombie, or a process
    started at another time), "running" (that very process is alive), or "unknown" (None, another
    machine or container, no /proc: nothing can be looked up)."""
    parts = (claim or "").split(" ")
    where = _boot_and_namespace()
    if len(parts) != 4 or "@" not in parts[0] or where is None:
        return "unknown"
    pid, boot, namespace, started = parts[0].split("@", 1)[0], parts[1], parts[2], parts[3]
    if (boot, namespace) != where or not pid.isdigit():
        return "unknown"
    return "running" if _started(pid) == started else "gone"


def free_from(row: InvoiceDelivery) -> datetime | None:
    """When another run may take over `sending` row `row` (UTC): since it was claimed when its
    process is gone, STALE_SENDING after when that cannot be looked up; None while its process
    runs (or it was never tried)."""
    claimant = holder(row.claimed_by)
    if claimant == "running" or row.last_attempt_at is None:
        return None
    return row.last_attempt_at + (STALE_SENDING if claimant == "unknown" else timedelta())


def claim(row: InvoiceDelivery) -> Before | None:
    """Take `row` for one attempt by this process, unless another sender took it since it was
    read: one UPDATE on the status and count read, so two senders at once never both send it.
    On PostgreSQL (SERIALIZABLE) a sender claiming the same row at once makes the server abort
    this update: that row is the other sender's, as when the update matches nothing. What the
    row was (for `release`), or None when it was not taken."""
    before = {"status": row.status, "attempts": row.attempts,
              "last_attempt_at": row.last_attempt_at, "claimed_by": row.claimed_by}
    now, me = clock.now(), this_process()
    try:
        with transaction():
            taken = InvoiceDelivery.update(
                status="sending", attempts=InvoiceDelivery.attempts + 1, last_attempt_at=now,
                claimed_by=me,
            ).where((InvoiceDelivery.id == row.id) & (InvoiceDelivery.status == row.status)
                    & (InvoiceDelivery.attempts == row.attempts)).execute()
    except RetryTransaction:
        return None
    if not taken:
        return None
    row.status, row.attempts, row.last_attempt_at, row.claimed_by = (
        "sending", row.attempts + 1, now, me)
    return before


def mine() -> Expression:
    """The rows whose claim is this process's (a condition for an UPDATE)."""
    me = this_process()
    return InvoiceDelivery.claimed_by == me if me else InvoiceDelivery.claimed_by.is_null()


def release(held: Iterable[tuple[InvoiceDelivery, Before]]) -> None:
    """Give back the rows this process claimed and did not finish, as they were before it
    claimed them (a run stopped by Ctrl-C or failing: #17 trial), so that the next run sends
    them at once. A row since taken over or cancelled is left as it is. Best effort: should the
    database refuse now, each claim still names this process, which the next run finds gone."""
    with contextlib.suppress(Exception), transaction():  # else: proven gone, said above
        for row, before in held:
            InvoiceDelivery.update(**before).where(
                (InvoiceDelivery.id == row.id) & (InvoiceDelivery.status == "sending")
                & (InvoiceDelivery.attempts == row.attempts) & mine()).execute()


def cancelled_since(row: InvoiceDelivery) -> InvoiceDelivery | None:
    """`row` as it is now if it was cancelled since this sender claimed it, else None."""
    now = InvoiceDelivery.get_or_none(InvoiceDelivery.id == row.id)
    return now if now is not None and now.status == "cancelled" else None
