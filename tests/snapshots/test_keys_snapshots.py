"""What a person looks at when they manage their own sign-in keys (SPEC §2, §10)."""

from __future__ import annotations

import store
import store.people.access
import store.people.keys
from tests.snapshots.settle import settle

# Fixed keys, so that the fingerprints in the picture are the same every run.
KEYS = [
    ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGtAAoSy4NHFXwIzaH2mhwgbOL6/Ct9pZWfl+1fe3WzJ "
    "jonas@laptop"),
    ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJsLZbrnXHvDhQYpRc1Mw3Ipwlr6/wYXqFwmxup2/+/Z "
    "jonas@büro [EU]"),
]


def test_own_keys_with_a_bad_paste_80x24(make_app, demo, snap_compare):
    jonas = store.people.access.resolve_actor("jonas@nordwind.de")
    for line in KEYS:
        store.people.keys.add_key(jonas, jonas.email, line)

    async def bad_key(pilot):
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press(*"ssh-ed25519 [bold]x", "enter")
        await settle(pilot)

    assert snap_compare(make_app(tab="plan"), terminal_size=(80, 24), run_before=bad_key)
