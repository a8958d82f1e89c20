"""The SMTP side of invoice delivery (SPEC §5): settings from the environment, one connection.

Settings (README, "Configuration"): `MYCOMPANY_SMTP_URL`, one of

- `smtp://HOST:PORT` — plain SMTP (port 25 by default), no sign-in: a relay on the machine or
  the local network (`smtp://127.0.0.1:8025`);
- `smtp://USER:PASSWORD@HOST:587?starttls=1` — STARTTLS, then sign-in;
- `smtps://USER:PASSWORD@HOST:465` — TLS from the first byte, then sign-in.

USER and PASSWORD are URL-decoded (`%40` for `@`). `timeout=SECONDS` (default 30) bounds each
network wait. A password is refused over a connection without TLS unless the host is the machine
itself (loopback): it would cross the network in clear. Certificates are checked against the
system's authorities (ssl.create_default_context).

The sender: `MYCOMPANY_MAIL_FROM` (an address the SMTP server lets this program send from), else
USER when it is an e-mail address. The display name is the seller's legal name
(store.invoicing.seller). It is a setting of the deployment rather than of the seller's table: which
From addresses go out is decided by the mail server (its SPF/DKIM), as the URL is.

The client is the standard library's smtplib: maintained with Python itself, it speaks
STARTTLS, SMTPS and AUTH, and the store's work is synchronous; nothing to add to the
dependencies. The password is never shown: `redacted` names the server without it, and every
error text passes through `without_secret`.
"""

from __future__ import annotations

import ipaddress
import os
import smtplib
import ssl
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from typing import Literal, cast
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from store.i18n import _

URL_VARIABLE = "MYCOMPANY_SMTP_URL"
FROM_VARIABLE = "MYCOMPANY_MAIL_FROM"
DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
DEFAULT_TIMEOUT = 30.0
ERROR_LIMIT = 300  # the delivery row's last_error column


class MailNotConfigured(Exception):
    """No usable SMTP settings: `MYCOMPANY_SMTP_URL` unset or wrong, no sender. `message` says
    which and what to set; it never holds the password. `unset`: MYCOMPANY_SMTP_URL is not set
    at all (mail not configured: the e-mails wait, README "Configuration"); else the settings
    are set but cannot be used, which every command that sends reports as a failure
    (store.invoicing.delivery.DeliverySummary.went_wrong)."""

    def __init__(self, message: str, *, unset: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.unset = unset


class SendFailed(Exception):
    """One e-mail was not accepted. `reason` is one line for the delivery row (no password);
    `connection` is True when the server could not be reached or signed in to at all (every
    e-mail of the run would fail the same way), False when it refused this one message;
    `permanent` when it refused the recipient for good (a 5yz reply to RCPT TO, RFC 5321
    §4.2.1: "550 mailbox unavailable"), which trying again cannot change."""

    def __init__(self, reason: str, *, connection: bool, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.connection = connection
        self.permanent = permanent


@dataclass(frozen=True)
class SmtpSettings:
    """What `MYCOMPANY_SMTP_URL` and `MYCOMPANY_MAIL_FROM` say; `password` never in repr."""

    scheme: Literal["smtp", "smtps"]
    host: str
    port: int
    starttls: bool
    user: str | None
    password: str | None = field(repr=False)
    sender: str
    timeout: float

    @property
    def redacted(self) -> str:
        """The server as a person may read it: `smtp://ap@mail.example:587?starttls=1`."""
        who = f"{quote(self.user, safe='')}@" if self.user else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{who}{host}:{self.port}" + ("?starttls=1" if self.starttls
                                                            else "")

    def without_secret(self, text: str) -> str:
        """`text` as one line of at most ERROR_LIMIT characters, the password (as typed and as
        it appears URL-encoded) replaced by ***."""
        if self.password:
            for secret in {self.password, _raw_password()}:
                if secret:
                    text = text.replace(secret, "***")
        line = " ".join(text.split())
        return line if len(line) <= ERROR_LIMIT else line[:ERROR_LIMIT - 1] + "…"


def _raw_password() -> str | None:
    """The password as written in the URL (before URL-decoding), to redact that form too."""
    try:
        return urlsplit(os.environ.get(URL_VARIABLE, "")).password
    except ValueError:
        return None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def smtp_settings(environ: dict[str, str] | None = None) -> SmtpSettings:
    """The settings from the environment (`environ`: os.environ by default).

    Raises MailNotConfigured (what is missing or wrong, and what is accepted) when the URL is
    unset or unusable or no sender address is known; the message names the URL without its
    password.
    """
    env = os.environ if environ is None else environ
    url = (env.get(URL_VARIABLE) or "").strip()
    if not url:
        raise MailNotConfigured(_("{variable} is not set: no e-mail is sent (see README, "
                                  "Configuration).").format(variable=URL_VARIABLE), unset=True)
    try:
        parts = urlsplit(url)
        port = parts.port
        host = parts.hostname or ""
    except ValueError:
        port, host, parts = None, "", None
    scheme = parts.scheme.lower() if parts else ""
    if parts is None or scheme not in DEFAULT_PORTS or not host:
        raise MailNotConfigured(_(
            "{variable} is not an SMTP URL: write smtp://HOST:PORT, "
            "smtp://USER:PASSWORD@HOST:587?starttls=1 or smtps://USER:PASSWORD@HOST:465."
        ).format(variable=URL_VARIABLE))
    options = dict(parse_qsl(parts.query, keep_blank_values=True))
    unknown = sorted(set(options) - {"starttls", "timeout"})
    starttls = options.get("starttls", "0").lower() in ("1", "true", "yes")
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    base = SmtpSettings(scheme=cast(Literal["smtp", "smtps"], scheme), host=host,
                        port=port or DEFAULT_PORTS[scheme], starttls=starttls and scheme == "smtp",
                        user=user, password=password, sender="", timeout=DEFAULT_TIMEOUT)
    shown = base.redacted
    if unknown:
        raise MailNotConfigured(_("{url}: unknown option {option} (starttls=1, timeout=SECONDS)."
                                  ).format(url=shown, option=unknown[0]))
    try:
        timeout = float(options.get("timeout", DEFAULT_TIMEOUT))
    except ValueError:
        timeout = -1.0
    if not 0 < timeout <= 600:
        raise MailNotConfigured(_("{url}: timeout is a number of seconds, 1 to 600.").format(
            url=shown))
    if password and scheme == "smtp" and not starttls and not _is_loopback(host):
        raise MailNotConfigured(_("{url}: a password would cross the network unencrypted; add "
                                  "?starttls=1 or use smtps://.").format(url=shown))
    sender = (env.get(FROM_VARIABLE) or "").strip() or (user if user and "@" in user else "")
    if not sender:
        raise MailNotConfigured(_("{variable} is not set: the address invoices are sent from "
                                  "(see README, Configuration).").format(variable=FROM_VARIABLE))
    if not _is_address(sender):
        raise MailNotConfigured(_("{variable} is not an e-mail address.").format(
            variable=FROM_VARIABLE))
    return replace(base, sender=sender, timeout=timeout)


def _is_address(text: str) -> bool:
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


class SmtpConnection:
    """One connection to the server, opened at the first message and kept for the next ones;
    closed (QUIT) by `close`. A failure to connect or sign in is remembered: the run's later
    messages fail with the same reason at once, instead of each waiting for the timeout."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._client: smtplib.SMTP | None = None
        self._unreachable: str | None = None

    def send(self, message: EmailMessage) -> None:
        """Send `message` to its To address. Raises SendFailed."""
        if self._unreachable is not None:
            raise SendFailed(self._unreachable, connection=True)
        client = self._client or self._connect()
        try:
            client.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            raise SendFailed(self._reply(code, text), connection=False,
                             permanent=500 <= code < 600) from None
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            raise SendFailed(self._reply(exc.smtp_code, exc.smtp_error), connection=False) \
                from None
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self._drop()  # the next message connects again
            raise SendFailed(self.settings.without_secret(
                _("the connection to {server} was lost: {error}").format(
                    server=self.settings.redacted, error=exc)), connection=False) from None
        except smtplib.SMTPException as exc:
            self._drop()
            raise SendFailed(self.settings.without_secret(str(exc)), connection=False) from None

    def abort(self) -> None:
        """Close the connection now, without QUIT: after Ctrl-C in the middle of an exchange, a
        server that is slow to answer would hold the program up to `timeout` for its reply."""
        self._drop()

    def close(self) -> None:
        if self._client is not None:
            try:
                self._client.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self._drop()

    def _drop(self) -> None:
        if self._client is not None:
            try:
                self._client.close()
            except OSError:
                pass
        self._client = None

    def _reply(self, code: int, text: bytes | str) -> str:
        words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
        return self.settings.without_secret(f"{code} {words}")

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        try:
            if s.scheme == "smtps":
                client: smtplib.SMTP = smtplib.SMTP_SSL(
                    s.host, s.port, timeout=s.timeout, context=ssl.create_default_context())
            else:
                client = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            try:
                client.ehlo()
                if s.starttls:
                    client.starttls(context=ssl.create_default_context())
                    client.ehlo()
                if s.user and s.password is not None:
                    client.login(s.user, s.password)
            except BaseException:
                client.close()
                raise
        except smtplib.SMTPAuthenticationError as exc:
            reason = _("{server} refused the sign-in: {reply}").format(
                server=s.redacted, reply=self._reply(exc.smtp_code, exc.smtp_error))
        except (TimeoutError, smtplib.SMTPException, OSError) as exc:
            reason = _("cannot reach {server}: {error}").format(
                server=s.redacted, error=str(exc) or type(exc).__name__)
        else:
            self._client = client
            return client
        self._unreachable = s.without_secret(reason)
        raise SendFailed(self._unreachable, connection=True)
