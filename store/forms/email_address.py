"""One e-mail address as the program keeps it: checked by email-validator, lower-cased."""

from __future__ import annotations

import functools
import re
import unicodedata

from store.i18n import _

# RFC 5322 §3.2.3 dot-atom in ASCII: what email-validator accepts as a local part without
# quoting, in any case. An address whose local part is anything else goes through
# email-validator whole.
_DOT_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
# In ASCII, what _separated looks for: a comma, semicolon, angle bracket, white space (space,
# tab, line breaks, U+001C-U+001F) or a control character (U+0000-U+001F, U+007F).
_ASCII_SEPARATOR = re.compile(r"[,;<>\x00-\x20\x7f]")
_LOCAL_MAX, _ADDRESS_MAX = 64, 254  # RFC 5321 §4.5.3.1, as email-validator enforces them


def one_email_address(value: str, *, several: str | None = None) -> str:
    """One e-mail address, normalised and lower-cased (email-validator, deliverability not
    looked up); ValueError saying what is wrong otherwise. `several`: the field's own words
    for more than one address given (recipients: "…; add each recipient separately",
    RecipientForm); no other field names recipients (#18 trial: `staff add 'not an email'`
    said so of a staff member's e-mail).

    email-validator checks the domain for each address, and a sync of the platform's feed
    checks tens of thousands of addresses on a few domains (a company's users share theirs):
    measured, the checks took 37% of a first sync (bench/sync_scale.py, 2026-11-30), past its
    budget. So a domain's check is remembered (`_checked_domain`, email-validator's own verdict
    on it), and a plain ASCII local part is taken as email-validator takes it; any other
    address is checked whole by email-validator (tests/forms/test_email_address.py holds both
    ways to the same answers)."""
    # A comma, semicolon, angle bracket or line break would add a second recipient or a header.
    if _separated(value):
        raise ValueError(several or _("Enter one e-mail address, like billing@example.com"))
    local, at, domain = value.rpartition("@")
    if at and len(local) <= _LOCAL_MAX and _DOT_ATOM.fullmatch(local):
        try:
            address = f"{local.lower()}@{_checked_domain(domain)}"
        except ValueError:
            pass  # said in email-validator's words below
        else:
            if len(address) <= _ADDRESS_MAX:
                return address
    return _validated(value)


def _separated(value: str) -> bool:
    """Whether `value` holds a comma, semicolon, angle bracket, white space or a control or
    other Unicode category C character. An ASCII value is searched by one regular expression:
    looking at each character in Python took 8% of a feed's first sync (bench/sync_scale.py,
    2026-12-01)."""
    if value.isascii():
        return _ASCII_SEPARATOR.search(value) is not None
    return any(char in ",;<>" or char.isspace() or unicodedata.category(char)[0] == "C"
               for char in value)


def _validated(value: str) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        # strict: the RFC 5321 §4.5.3.1.1 limit of 64 octets before the @, which
        # email-validator 2 enforces only when asked (#18 trial: the feed took a 70-character
        # local part that the fast path above refuses and mail servers may bounce).
        address = validate_email(value, check_deliverability=False, strict=True)
    except EmailNotValidError:
        raise ValueError(_("This is not an e-mail address; "
                           "enter one like billing@example.com")) from None
    return address.normalized.lower()


@functools.lru_cache(maxsize=4096)
def _checked_domain(domain: str) -> str:
    """`domain` as email-validator normalises it, lower-cased (its verdict on an address with
    the simplest local part); ValueError when it refuses the domain."""
    return _validated(f"a@{domain}").partition("@")[2]
