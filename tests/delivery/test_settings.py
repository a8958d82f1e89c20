"""MYCOMPANY_SMTP_URL and MYCOMPANY_MAIL_FROM as an operator writes them (README, Configuration):
what each form means, and each mistake said in one line that never holds the password."""

from __future__ import annotations

import pytest

from store.invoicing.delivery_smtp import MailNotConfigured, smtp_settings

FROM = {"MYCOMPANY_MAIL_FROM": "invoices@vendor.example"}


def settings(url: str, **more: str):
    return smtp_settings({"MYCOMPANY_SMTP_URL": url, **FROM, **more})


def test_the_three_forms_of_the_url():
    local = settings("smtp://127.0.0.1:8025")
    assert (local.scheme, local.host, local.port, local.starttls, local.user) == (
        "smtp", "127.0.0.1", 8025, False, None)
    relay = settings("smtp://ap%40vendor.example:p%40ss%20word@mail.vendor.example:587"
                     "?starttls=1&timeout=10")
    assert (relay.port, relay.starttls, relay.user, relay.password, relay.timeout) == (
        587, True, "ap@vendor.example", "p@ss word", 10.0)
    assert relay.redacted == "smtp://ap%40vendor.example@mail.vendor.example:587?starttls=1"
    assert "p@ss" not in repr(relay)
    tls = settings("SMTPS://ap:secret@mail.vendor.example")
    assert (tls.scheme, tls.port, tls.starttls) == ("smtps", 465, False)
    assert settings("smtp://mail.vendor.example").port == 25


def test_the_sender_is_mail_from_else_the_user_when_it_is_an_address():
    assert settings("smtp://127.0.0.1").sender == "invoices@vendor.example"
    url = "smtps://billing%40vendor.example:x@mail.vendor.example"
    assert smtp_settings({"MYCOMPANY_SMTP_URL": url}).sender == "billing@vendor.example"
    with pytest.raises(MailNotConfigured, match="MYCOMPANY_MAIL_FROM is not set"):
        smtp_settings({"MYCOMPANY_SMTP_URL": "smtp://127.0.0.1"})
    with pytest.raises(MailNotConfigured, match="MYCOMPANY_MAIL_FROM is not an e-mail address"):
        settings("smtp://127.0.0.1", MYCOMPANY_MAIL_FROM="invoices")


@pytest.mark.parametrize("url, said", [
    ("", "MYCOMPANY_SMTP_URL is not set: no e-mail is sent"),
    ("mail.vendor.example:25", "MYCOMPANY_SMTP_URL is not an SMTP URL: write smtp://HOST:PORT"),
    ("smtp://ap:Hunter2@mail.vendor.example:port", "MYCOMPANY_SMTP_URL is not an SMTP URL"),
    ("imap://ap:Hunter2@mail.vendor.example", "MYCOMPANY_SMTP_URL is not an SMTP URL"),
    ("smtps://ap:Hunter2@mail.vendor.example?tls=1",
     "smtps://ap@mail.vendor.example:465: unknown option tls"),
    ("smtps://ap:Hunter2@mail.vendor.example?timeout=0",
     "smtps://ap@mail.vendor.example:465: timeout is a number of seconds, 1 to 600."),
    ("smtp://ap:Hunter2@mail.vendor.example:587",
     "smtp://ap@mail.vendor.example:587: a password would cross the network unencrypted"),
])
def test_a_wrong_setting_is_said_without_the_password(url, said):
    with pytest.raises(MailNotConfigured) as wrong:
        settings(url)
    assert wrong.value.message.startswith(said)
    assert "Hunter2" not in wrong.value.message


def test_a_password_in_clear_is_allowed_to_this_machine_only():
    assert settings("smtp://ap:x@localhost:1025").password == "x"
    assert settings("smtp://ap:x@[::1]:1025").redacted == "smtp://ap@[::1]:1025"
