"""#16/#18 trial: `mycompany requests list` printed no date, so a billing team member could not
tell an old request from a new one. Each block says who sent it and when, and who decided it and
when, in the reader's zone and named (SPEC §2, as History and `requests show` do: a reader in
New York reads Nordwind's times in EST), at 80 columns; --json carries both instants (UTC)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from rich.cells import cell_len

import store.people.access
import store.profile.requests
from store import clock
from tui.requests_cli import list_text

JONAS = "jonas@nordwind.de"
BILLING = "billing@mycompany.example"


def _at(instant: datetime) -> str:
    local = instant.replace(tzinfo=UTC).astimezone(ZoneInfo("America/New_York"))
    return f"{local:%Y-%m-%d %H:%M %Z}"


def _two_requests(demo, monkeypatch):
    """A request sent 30 hours ago and rejected a day ago, another sent now."""
    jonas = store.people.access.resolve_actor(JONAS)
    billing = store.people.access.resolve_actor(BILLING)
    now = clock.now()
    times = [now - timedelta(hours=30), now - timedelta(hours=24), now]
    monkeypatch.setattr(clock, "_now", lambda: times[0])  # the test's clock, put back after
    first = store.profile.requests.request_change(jonas, demo["nordwind"],
                                                  {"vat_number": "DE811907980"})
    monkeypatch.setattr(clock, "_now", lambda: times[1])
    store.profile.requests.reject_request(billing, first.id, {"reason": "Not this one"})
    monkeypatch.setattr(clock, "_now", lambda: times[2])
    second = store.profile.requests.request_change(jonas, demo["nordwind"],
                                                   {"vat_number": "DE811907980"})
    return billing, first, second, [_at(t) for t in times]


def test_requests_list_says_when_each_was_sent_and_decided(demo, monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")  # the reader's: the one shown
    import time

    time.tzset()
    try:
        billing, first, second, (sent, decided, resent) = _two_requests(demo, monkeypatch)
        views = store.profile.requests.list_requests(billing, None, status=None)
        text = list_text(views, width=80)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    lines = text.split("\n")
    assert max(cell_len(line) for line in lines) <= 80
    assert f"  Sent by {JONAS} on {resent}" in lines
    assert f"  Sent by {JONAS} on {sent}" in lines
    assert f"Request #{first.id} · Nordwind Logistik GmbH · Rejected" in lines
    assert f"  Rejected by {BILLING} on {decided}" in lines
    # newest first, each block its own
    assert text.index(f"Request #{second.id} ") < text.index(f"Request #{first.id} ")
    assert "Asked on address version" not in text  # `requests show` says it


def test_requests_list_json_carries_both_instants(cli, monkeypatch):
    status, out, _err = cli("--as", JONAS, "requests", "create", "--vat", "DE811907980",
                            "--json")
    assert status == 0
    status, out, _err = cli("--as", BILLING, "requests", "list", "--all", "--json")
    assert status == 0
    (request,) = json.loads(out)
    assert datetime.fromisoformat(request["requested_at"])  # UTC, as every stored instant
    assert request["requested_by"] == JONAS and request["decided_at"] is None
    status, out, _err = cli("--as", BILLING, "requests", "list", "--all")
    assert any(line.startswith(f"  Sent by {JONAS} on ") for line in out.split("\n"))
