"""Over SSH the server's disk is not the person's (SPEC §10): a session signed in by `mycompany
serve` neither reads a logo from a server path nor writes an invoice PDF into a server folder,
whatever screen or script asks; the same work goes through bytes (stdin/stdout) instead."""

from __future__ import annotations

import io

import asyncssh
import pytest
from PIL import Image

import store
import store.errors
import store.invoicing.invoices
import store.people.access
import store.profile.company
from store.people import identity, keys, sessions
from store.persistence.models import AuditEvent, CompanyLogo

JONAS = "jonas@nordwind.de"
NUMBER = "INV-000002-0014"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), "navy").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def over_ssh(demo):
    """Jonas as `mycompany serve` hands him to his session's process."""
    key = asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode()
    fingerprint = keys.add_key(store.people.access.resolve_actor("admin@mycompany.example"), JONAS,
                               key).fingerprint
    signed_in = identity.sign_in_key(fingerprint, "192.0.2.9")
    token, _session = sessions.open_capped_session(signed_in, server="test:1", max_sessions=2)
    return identity.redeem_session(token)


def refusals(action: str) -> list[AuditEvent]:
    return list(AuditEvent.select().where((AuditEvent.action == action)
                                          & (AuditEvent.outcome == "refused")))


def test_a_logo_from_a_server_path_is_refused_over_ssh_and_nothing_is_read(over_ssh, demo,
                                                                          tmp_path):
    planted = tmp_path / "secret.png"
    planted.write_bytes(png_bytes())
    for path in (planted, "/etc/shadow", "/no/such/file", ""):
        with pytest.raises(store.errors.Refused, match="logo set - < FILE"):
            store.profile.company.set_logo(over_ssh, demo["nordwind"], path)
    assert not CompanyLogo.select().exists()
    # The refusal does not tell which server files exist: the same words for every path.
    assert len({event.reason for event in refusals("logo.set")}) == 1
    assert refusals("logo.set")[0].origin == over_ssh.origin


def test_the_same_logo_as_bytes_is_taken_over_ssh(over_ssh, demo):
    view = store.profile.company.set_logo(over_ssh, demo["nordwind"], png_bytes())
    assert (view.logo_width, view.logo_height) == (32, 32)


def test_an_invoice_pdf_is_not_written_on_the_server_over_ssh(over_ssh, demo, tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    with pytest.raises(store.errors.Refused, match=f"invoices download {NUMBER} --out -"):
        store.invoicing.invoices.download_invoice(over_ssh, demo["nordwind"], NUMBER, folder)
    assert list(folder.iterdir()) == []
    assert store.invoicing.invoices.invoice_pdf(over_ssh, demo["nordwind"], NUMBER).startswith(
        b"%PDF")


def test_a_local_session_still_uses_its_own_files(demo, tmp_path):
    jonas = store.people.access.resolve_actor(JONAS)
    assert not jonas.over_ssh
    path = store.invoicing.invoices.download_invoice(jonas, demo["nordwind"], NUMBER, tmp_path)
    assert path.read_bytes().startswith(b"%PDF")
