"""Every word History shows goes through the catalogue, the line's origin and a staff member's
role too (#18 trial: French History read "login root on vm (demo)", and a staff line
"zed@mycompany.example (billing)"). The origin is kept in no one's language (store.people.identity:
"login NAME on HOST", "key SHA256:.. from ADDRESS", " (demo)") and read in the reader's, by
tui.trail_words, wherever History is shown: the pane and Enter (tui.history_lines), `show
history`, `mycompany history` and the History export's CSV."""

from __future__ import annotations

import gettext
from datetime import UTC, datetime

import pytest

import store.i18n
from store.views import AuditEntryView

# A catalogue of the words this test is about (the French one is filled from the msgids).
WORDS = {"login {login} on {host}": "connexion {login} sur {host}",
         "key {fingerprint} from {address}": "clé {fingerprint} depuis {address}",
         "{origin} (demo)": "{origin} (démo)", "billing": "facturation", "From": "De"}


class _Catalogue(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return WORDS.get(message, message)


@pytest.fixture
def catalogue(monkeypatch):
    monkeypatch.setattr(store.i18n, "_translation", _Catalogue())


def _line(origin: str, **values) -> AuditEntryView:
    return AuditEntryView(
        id=1, at=datetime(2026, 11, 30, 12, tzinfo=UTC), actor_email="ada@mycompany.example",
        actor_name="Ada", actor_role="admin", action=values.pop("action", "staff.add"),
        field=values.pop("field", "staff"), old_value=values.pop("old", None),
        new_value=values.pop("new", "zed@mycompany.example (billing)"), outcome="done",
        reason=None, ticket=None, origin=origin)


@pytest.mark.parametrize(("kept", "read"), [
    ("login root on vm (demo)", "connexion root sur vm (démo)"),
    ("login root on vm", "connexion root sur vm"),
    ("key SHA256:abc+/= from 10.0.0.7", "clé SHA256:abc+/= depuis 10.0.0.7"),
    ("mycompany invoices issue (demo)", "mycompany invoices issue (démo)"),  # a command: kept
    ("", ""),
])
def test_an_origin_reads_in_the_readers_language(catalogue, kept, read):
    from tui.trail_words import origin_label

    assert origin_label(kept) == read


def test_every_place_history_is_shown_reads_the_origin_so(catalogue):
    from store.trail.history_all import CompanyAuditEntry, CompanyAuditPage
    from store.views import AuditPage
    from tui import export_cli, history_lines, textout

    line = _line("login root on vm (demo)")
    read = "connexion root sur vm (démo)"
    assert history_lines.entry_lines(line)[-1] == f"De: {read}"  # the pane, Enter
    shown = textout.history_text(AuditPage(items=[line], page=1, page_size=50, total_count=1))
    assert read in shown and "login root" not in shown  # show history
    everyone = CompanyAuditPage(items=[CompanyAuditEntry(**vars(line))],
                                page=1, page_size=50, total_count=1)
    shown = export_cli.history_text(everyone)
    assert read in shown and "login root" not in shown  # mycompany history
    cells = export_cli.history_cells(vars(line))  # export history as CSV: History's record
    assert (cells["origin"], cells["new_value"]) == (read, "zed@mycompany.example (facturation)")


def test_a_staff_members_role_reads_in_the_readers_language(catalogue):
    from tui import audit_text

    assert audit_text.value_text("staff", "zed@mycompany.example (billing)") == \
        "zed@mycompany.example (facturation)"
    assert audit_text.value_text("role", "billing") == "facturation"
    assert audit_text.value_text("staff", "someone (cook)") == "someone (cook)"
