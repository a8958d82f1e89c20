"""The owner's note and documents reference where the billing team looks (#16 trial: `requests
list` showed neither, History showed the note as a "Reason" and never the documents)."""

from __future__ import annotations

import store.people.access
import store.profile.requests
import store.trail.history
from store.i18n import set_language
from tui import audit_text
from tui.history_lines import entry_lines

MARIA = "maria@blueharbor.com"
MOVE = {"line1": "350 Fifth Avenue", "postal_code": "10118", "city": "New York", "state": "NY",
        "note": "We moved to Manhattan", "documents": "Lease sent by e-mail, ticket SUP-2291"}


def test_a_request_sent_keeps_its_note_and_documents_in_history_named_so(demo):
    maria = store.people.access.resolve_actor(MARIA)
    store.profile.requests.request_change(maria, demo["blue"], MOVE)
    sent = [e for e in store.trail.history.company_history(maria, demo["blue"]).items
            if e.action == "request.create"]
    assert {(e.reason, e.ticket) for e in sent} == {(MOVE["note"], MOVE["documents"])}
    lines = entry_lines(sent[0])
    assert "Note: We moved to Manhattan" in lines
    assert "Documents: Lease sent by e-mail, ticket SUP-2291" in lines
    assert not any(line.startswith(("Reason:", "Ticket id:")) for line in lines)
    set_language("fr")
    try:
        assert audit_text.reason_label(sent[0]) != audit_text.reason_label(
            sent[0].model_copy(update={"action": "address.save"}))
    finally:
        set_language("en")
