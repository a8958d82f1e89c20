"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it is sent, refuses the addresses
a test names (550) and, when asked, wants a sign-in; the settings pointing at it."""

from __future__ import annotations

import socket
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

import store.invoicing.delivery
import store.people.access
from store.persistence.models import Invoice

BILLING = "billing@mycompany.example"
ADMIN = "admin@mycompany.example"
SUPPORT = "support@mycompany.example"
JONAS = "jonas@nordwind.de"  # Nordwind's owner; its recipients: jonas@, buchhaltung@
SENDER = "invoices@mycompany.example"


class Mailbox:
    """What the server was sent (parsed), the addresses it refuses for good (550) and those it
    puts off for now (450)."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse: set[str] = set()
        self.defer: set[str] = set()
        self.sign_ins: list[tuple[str, str]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        if address in self.defer:
            return "450 4.2.1 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(BytesParser(policy=policy.default).parsebytes(envelope.content))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(mailbox: Mailbox, **options) -> Controller:
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    return controller


@pytest.fixture
def mailbox(monkeypatch):
    """The server, and MYCOMPANY_SMTP_URL / MYCOMPANY_MAIL_FROM naming it (no sign-in)."""
    box = Mailbox()
    controller = start(box)
    monkeypatch.setenv("MYCOMPANY_SMTP_URL", f"smtp://127.0.0.1:{controller.port}")
    monkeypatch.setenv("MYCOMPANY_MAIL_FROM", SENDER)
    box.port = controller.port
    yield box
    controller.stop()


@pytest.fixture
def signing_in_mailbox(monkeypatch):
    """A server that wants a sign-in (over plain SMTP on loopback) and takes one user and
    password: `ap@mycompany.example` / `S3cr/t@x`, written URL-encoded in the URL."""
    box = Mailbox()

    def authenticate(server, session, envelope, mechanism, auth_data):
        assert isinstance(auth_data, LoginPassword)
        pair = (auth_data.login.decode(), auth_data.password.decode())
        box.sign_ins.append(pair)
        return AuthResult(success=pair == ("ap@mycompany.example", "S3cr/t@x"), handled=False)

    controller = start(box, authenticator=authenticate, auth_require_tls=False)
    box.port = controller.port
    monkeypatch.delenv("MYCOMPANY_MAIL_FROM", raising=False)
    yield box
    controller.stop()


@pytest.fixture
def queued(demo):
    """Nordwind's newest invoice, queued for its two recipients as the billing run does."""
    invoice = (Invoice.select().where(Invoice.company == demo["nordwind"])
               .order_by(Invoice.issued_on.desc()).first())
    assert store.invoicing.delivery.queue_invoice(invoice.id) == 2
    return invoice


@pytest.fixture
def billing(demo):
    return store.people.access.resolve_actor(BILLING)
