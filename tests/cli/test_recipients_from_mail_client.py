"""`recipients add` takes an address as a mail client copies it, and lists of them (#15 trial:
`recipients add '"AP Team" <ap@x.example>'` exit 1), read as the Add recipient dialog reads a
paste (store.places.pasted.email_addresses)."""

from __future__ import annotations

JONAS = ("--as", "jonas@nordwind.de")


def test_a_named_address_is_added_as_its_address(cli):
    status, out, err = cli(*JONAS, "recipients", "add", '"AP Team" <ap@x.example>')
    assert (status, err) == (0, "")
    assert "ap@x.example" in out.split()
    assert "AP" not in out


def test_a_list_of_named_addresses_is_added_whole(cli):
    status, out, err = cli(*JONAS, "recipients", "add", '"A" <a@x.example>, B <B@Y.example>')
    assert (status, err) == (0, "")
    assert {"a@x.example", "b@y.example"} <= set(out.split())


def test_one_refused_of_a_list_says_what_was_added_and_what_not(cli):
    status, out, err = cli(*JONAS, "recipients", "add",
                           '"A" <a@x.example>, "B" <b@y..example>')
    assert (status, out) == (1, "")
    assert err.startswith("E-mail: Added: a@x.example. Not added: b@y..example: This is not an "
                          "e-mail")
    assert "a@x.example" in cli(*JONAS, "recipients", "list")[1].split()


def test_the_billing_team_without_a_reason_adds_none_of_a_list(cli):
    team = ("--as", "billing@mycompany.example", "--company", "2")
    status, _, err = cli(*team, "recipients", "add", "Q <q@x.example>, R <r@x.example>")
    assert status == 1 and err.strip() == "Reason (--reason): This field is required"
    assert "q@x.example" not in cli(*JONAS, "recipients", "list")[1]


def test_outlooks_last_first_form_and_a_comment_are_added_as_their_addresses(cli):
    """Verification trial: `recipients add 'Weber, Jonas <jw@x.example>'` exit 1 "Not added:
    Weber"; `d@x.example (Dee)` "Not added: (Dee)"."""
    for given, address in (("Weber, Jonas <jw@x.example>", "jw@x.example"),
                           ("d@x.example (Dee)", "d@x.example")):
        status, out, err = cli(*JONAS, "recipients", "add", given)
        assert (status, err) == (0, ""), given
        assert address in out.split()
        assert "Weber" not in out and "Dee" not in out
