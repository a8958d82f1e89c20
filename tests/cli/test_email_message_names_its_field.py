"""An e-mail that is not one address is said in its field's words (#18 trial: `staff add 'not
an email'` said "…add each recipient separately" of a staff member's e-mail): only the
recipients' field names recipients (store.forms.email_address.one_email_address(several=))."""

from __future__ import annotations


def test_a_staff_members_email_does_not_name_recipients(cli):
    status, _out, err = cli("--as", "admin@mycompany.example", "staff", "add", "not an email",
                            "--name", "X", "--role", "support")
    assert status == 1
    assert err.strip().endswith("E-mail: Enter one e-mail address, like billing@example.com")


def test_a_recipient_still_says_to_add_each_separately(cli):
    """A list given to `recipients add` is added whole (#15 trial: as a mail client copies it,
    tests/cli/test_recipients_from_mail_client.py); one text that is no address still says it."""
    status, _out, err = cli("--as", "jonas@nordwind.de", "recipients", "add", "not an email")
    assert status == 1 and err.strip().endswith("; add each recipient separately")
