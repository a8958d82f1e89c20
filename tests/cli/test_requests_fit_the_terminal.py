"""#16 trial: `mycompany requests list` printed its requests as a table 150 to 250 columns wide.
Each request is now a block of label/value lines, wrapped to the terminal's width."""

from __future__ import annotations

from rich.cells import cell_len

import store
import store.people.access
import store.profile.requests
from tui import request_blocks

JONAS = "jonas@nordwind.de"
BILLING = "billing@mycompany.example"
LONG = ("The lease of the new office in Paris starts on the first of December; the Kbis "
        "extract with the new seat was sent by post")


def test_requests_are_label_value_lines_that_fit_80_columns(demo):
    jonas = store.people.access.resolve_actor(JONAS)
    billing = store.people.access.resolve_actor(BILLING)
    first = store.profile.requests.request_change(jonas, demo["nordwind"], {
        "vat_number": "DE811907980",
                                                                      "note": LONG})
    store.profile.requests.reject_request(billing, first.id, {"reason": LONG})
    store.profile.requests.request_change(jonas, demo["nordwind"], {
        "line1": "1 Rue de Rivoli", "postal_code": "75001", "city": "Paris", "country": "FR",
        "vat_number": "FR40303265045", "documents": "Kbis sent by post on 2 Dec, SUP-1234"})
    views = store.profile.requests.list_requests(billing, None, status=None)
    text = request_blocks.requests_text(views, width=80)
    lines = text.split("\n")
    assert max(cell_len(line) for line in lines) <= 80
    for line in ("  Country: Germany → France", "  City: Hamburg → Paris",
                 "  Documents: Kbis sent by post on 2 Dec, SUP-1234"):
        assert line in lines
    assert f"Request #{first.id} · Nordwind Logistik GmbH · Rejected by" in text
    flat = " ".join(text.split())
    assert "Note: " + LONG in flat and "Reason: " + LONG in flat
    # A pipe (no width) gets whole lines, one per field.
    assert "  Reason: " + LONG in request_blocks.requests_text(views).split("\n")
