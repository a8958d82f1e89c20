"""The telephony platform's feed (`mycompany sync`, SPEC §11), read one line at a time: JSON Lines
or CSV, each line checked on its own (Pydantic) into a user, a number or a team of a company, or
a bad line with its number and what is wrong.

JSON Lines, one object a line (README, "The platform's feed"):
`{"company": 12, "kind": "user", "login": "anna", "name": "Anna", "email": "anna@x.example",
"role": "agent", "active": true}`, `{"company": 12, "kind": "number", "e164": "+4722334455",
"active": true}`, `{"company": 12, "kind": "team", "name": "Support"}`.
CSV: a header naming some of CSV_COLUMNS (company and kind at least), the same keys as the
JSON objects, an empty cell being a key not given.
"""

from __future__ import annotations

import contextlib
import csv
import json
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    ValidationError,
    field_validator,
)

from store.errors import InvalidInput
from store.forms.email_address import one_email_address
from store.forms.text import NO_CONTROL
from store.forms.validation import error_messages
from store.i18n import N_, _, ngettext

FORMATS = ("jsonl", "csv")
KINDS = ("user", "number", "team")
CSV_COLUMNS = ("company", "kind", "login", "name", "email", "role", "active", "e164")
# The largest whole number the database keeps (SQLite's INTEGER, PostgreSQL's BIGINT): a number
# of the feed beyond it is a bad line of its own, never an OverflowError ending the feed (#18).
LARGEST = 2 ** 63 - 1


@dataclass(frozen=True, slots=True)
class FeedUser:
    """A person of the company on the platform; `login` is who they are there."""

    line: int
    login: str
    name: str
    email: str
    role: str
    active: bool


@dataclass(frozen=True, slots=True)
class FeedNumber:
    """A phone number of the company, in E.164 as phonenumbers writes it."""

    line: int
    e164: str
    active: bool


@dataclass(frozen=True, slots=True)
class FeedTeam:
    """A team of the company, by its name."""

    line: int
    name: str


FeedItem = FeedUser | FeedNumber | FeedTeam


@dataclass(frozen=True, slots=True)
class BadLine:
    """A line skipped: its number in the feed (1 is the first; CSV counts its header), the
    company it named when it could be read, and what is wrong, in the reader's language."""

    line: int
    company: int | None
    message: str


# The feed's text fields: spaces around them dropped, not empty, at most so many characters, no
# control characters (store.forms.text.NO_CONTROL). The length is checked in the same constraint
# as the rest, before NO_CONTROL: a length checked after an AfterValidator is Pydantic's generic
# "too_long", which was worded "Give the name as text" (#18 trial: a 5000-character name); this
# one is "Use at most 100 characters; this has 5000" (store.forms.validation.error_messages).
Login = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64),
                  NO_CONTROL]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
                 NO_CONTROL]
E164_DIGITS = 15  # ITU-T E.164: a number has at most 15 digits
SHOWN_VALUE = 40  # characters of a refused value a bad line repeats


# `"active": null` is a value not given: true, as when the key is left out (README, #18 trial2).
Active = Annotated[bool, BeforeValidator(lambda value: True if value is None else value)]


class _Line(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="ignore")

    company: int
    kind: str

    @field_validator("company", mode="before")
    @classmethod
    def _company_number(cls, value: Any) -> Any:
        if isinstance(value, bool) or not (isinstance(value, int) or (
                isinstance(value, str) and value.strip().isascii()
                and value.strip().isdigit())) or int(value) < 1:
            raise ValueError(_("Give the company as its number, like 12"))
        if int(value) > LARGEST:
            raise ValueError(_("{value} is too large (at most {max}).").format(
                value=str(value).strip(), max=LARGEST))
        return int(value)


class _UserLine(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="ignore")

    login: Login
    name: Name
    # Checked in full (checked_email) when it is not the one stored already: see
    # store.feed.sync_plan.
    email: Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1,
                                            max_length=254)]
    role: Literal["owner", "admin", "supervisor", "agent"]
    active: Active = True

    @field_validator("login")
    @classmethod
    def _one_word(cls, value: str) -> str:
        if any(char.isspace() for char in value):
            raise ValueError(_("A login has no spaces"))
        return value


def checked_email(value: str) -> str:
    """The e-mail address as the program keeps it (store.forms.schemas.one_email_address:
    email-validator, lower case); ValueError saying what is wrong."""
    return one_email_address(value)


_E164_LIKE = re.compile(r"\+[0-9]{2,15}")
_SPACING = re.compile(r"[\s().-]")


class _NumberLine(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="ignore")

    # Written as E.164 (spaces and the like taken away); checked in full (checked_e164) when it
    # is not a number stored already: see store.feed.sync_plan.
    e164: str
    active: Active = True

    @field_validator("e164")
    @classmethod
    def _e164_like(cls, value: str) -> str:
        text = _SPACING.sub("", value)
        digits = sum(char.isdigit() for char in text)
        if text.startswith("+") and digits > E164_DIGITS:
            raise ValueError(_("A number in E.164 has at most {most} digits; this has "
                               "{count}").format(most=E164_DIGITS, count=digits))
        if not _E164_LIKE.fullmatch(text):
            raise ValueError(_("Enter a phone number in E.164, like +4722334455"))
        return text


def checked_e164(value: str) -> str:
    """The number in E.164 as phonenumbers writes it, when phonenumbers finds it a valid
    number; ValueError otherwise."""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValueError(_("Enter a phone number in E.164, like +4722334455"))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class _TeamLine(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="ignore")

    name: Name


class _GivenTwice(ValueError):
    """A JSON object naming a key more than once (json.loads would keep the last value)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _one_value_a_key(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json.loads's object_pairs_hook: the object, or _GivenTwice for a key named twice."""
    value: dict[str, Any] = {}
    for key, item in pairs:
        if key in value:
            raise _GivenTwice(key)
        value[key] = item
    return value


# One decoder for every line: json.loads given a hook builds a new one each call, which took a
# tenth of reading the feed (bench/sync_scale.py, 2026-12-01).
_DECODER = json.JSONDecoder(object_pairs_hook=_one_value_a_key)


def _not_utf8(texts: Iterable[str]) -> bool:
    """Whether any of `texts` holds bytes that were not UTF-8, as a stream opened with
    errors="surrogateescape" hands them on (lone surrogates U+DC80-U+DCFF)."""
    try:
        for text in texts:
            text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def not_utf8_text() -> str:
    """What is wrong with a line that is not UTF-8 (a Latin-1 export, random bytes)."""
    return _("not UTF-8 text; save the feed as UTF-8")


def records(stream: IO[str], fmt: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(line number, the line's object) for each line that is not blank, or (line number, what
    is wrong) for one that is no object, is not UTF-8 (`stream` read with errors=
    "surrogateescape": its other lines are read on, #18 trial), or an object naming a key twice
    (which of its values is meant cannot be known: a user would land in the wrong company,
    #18); InvalidInput (exit 1) for a CSV header that is not the feed's or names a column
    twice, or an unknown format."""
    if fmt == "jsonl":
        for number, text in enumerate(stream, start=1):
            if not text.strip():
                continue
            if _not_utf8((text,)):
                yield number, not_utf8_text()
                continue
            try:
                value = _DECODER.decode(text)
            except _GivenTwice as twice:
                yield number, _("{key}: given more than once on this line; give it once"
                                ).format(key=twice.key)
                continue
            except ValueError:
                yield number, _("This line is not JSON")
                continue
            yield (number, value) if isinstance(value, dict) else (
                number, _("This line is not a JSON object"))
        return
    if fmt != "csv":
        raise InvalidInput({"format": _("Choose one of {expected}").format(
            expected=", ".join(FORMATS))})
    reader = csv.reader(stream)
    header = next(reader, None)
    columns = [name.strip() for name in header or []]
    if not {"company", "kind"} <= set(columns) or not set(columns) <= set(CSV_COLUMNS):
        raise InvalidInput({"feed": _("The CSV header names the columns {columns}: company and "
                                      "kind at least").format(columns=", ".join(CSV_COLUMNS))})
    if repeated := sorted({name for name in columns if columns.count(name) > 1}):
        raise InvalidInput({"feed": _("The CSV header names {columns} more than once: name each "
                                      "column once").format(columns=", ".join(repeated))})
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if _not_utf8(row):
            yield reader.line_num, not_utf8_text()
            continue
        if len(row) != len(columns):
            yield reader.line_num, ngettext(
                "This line has {count} cell; the header names {columns}",
                "This line has {count} cells; the header names {columns}", len(row)).format(
                    count=len(row), columns=len(columns))
            continue
        yield reader.line_num, {name: cell for name, cell in zip(columns, row, strict=True)
                                if cell.strip()}


def company_of(value: dict[str, Any]) -> int | None:
    """The company a line names, when it names one that can be read; nothing else is checked.
    A company given as a number and a kind as text, as the feed writes them, is read as _Line
    reads it without building the model (the first of the sync's two passes reads every line:
    #14 bench); anything else goes through _Line."""
    company, kind = value.get("company"), value.get("kind")
    if type(company) is int and 1 <= company <= LARGEST and isinstance(kind, str):
        return company
    try:
        return _Line.model_validate(value).company
    except ValidationError:
        return None


# What each field of the feed takes, in the program's words: said when Pydantic's own check
# refuses a value (a type it cannot read: `"active": "maybe"`, a login given as a number), whose
# English message ("Input should be a valid boolean ...") must never reach the person (#18 trial).
FIELD_RULES = {
    "company": N_("Give the company as its number, like 12"),
    "kind": N_("Give the kind as user, number or team"),
    "login": N_("Give the login as text, like anna"),
    "name": N_("Give the name as text"),
    "email": N_("Give the e-mail address as text, like anna@example.com"),
    "role": N_("Choose one of owner, admin, supervisor, agent"),
    "active": N_("use true or false (also 1/0, yes/no)"),
    "e164": N_("Enter a phone number in E.164, like +4722334455"),
}
# Pydantic's errors whose message store.forms.validation.error_messages words itself, and the
# ValueErrors of this module's own validators: every other error type is said by FIELD_RULES.
_OWN_WORDS = frozenset({"missing", "string_too_short", "string_too_long", "value_error"})


def _message(exc: ValidationError) -> str:
    """"field: what is wrong; field: ..." in the reader's language, never Pydantic's words."""
    worded = error_messages(exc)
    messages = {}
    for err in exc.errors(include_url=False):
        field = str(err["loc"][0]) if err["loc"] else ""
        if field in messages:
            continue
        own = err["type"] in _OWN_WORDS and field in worded
        messages[field] = worded[field] if own else _(FIELD_RULES.get(
            field, N_("This line could not be read")))
    return "; ".join(f"{field}: {text}" if field else text for field, text in messages.items())


def parse(number: int, value: dict[str, Any]) -> tuple[int, FeedItem] | BadLine:
    """The line as (company, item), or the BadLine saying what is wrong with it."""
    company = company_of(value)  # a well-formed head without a model, else _Line says why
    if company is None:
        try:
            _Line.model_validate(value)
        except ValidationError as exc:
            return BadLine(number, None, _message(exc))
    assert company is not None
    kind = value["kind"]
    try:
        if kind == "user":
            user = _UserLine.model_validate(value)
            return company, FeedUser(number, user.login, user.name, user.email, user.role,
                                     user.active)
        if kind == "number":
            phone = _NumberLine.model_validate(value)
            return company, FeedNumber(number, phone.e164, phone.active)
        if kind == "team":
            return company, FeedTeam(number, _TeamLine.model_validate(value).name)
    except ValidationError as exc:
        return BadLine(number, company, _message(exc))
    shown = json.dumps(kind, ensure_ascii=False)  # a 5000-character kind: its start, cut
    return BadLine(number, company, _("Unknown kind {kind}: give user, number or team")
                   .format(kind=shown if len(shown) <= SHOWN_VALUE else
                           shown[:SHOWN_VALUE - 1] + "…"))


@contextlib.contextmanager
def seekable_feed(feed: IO[str]) -> Iterator[IO[str]]:
    """`feed` itself when it can be read twice, else a temporary copy of it (a pipe), bytes that
    were not UTF-8 kept as read (surrogateescape). An error raised while the feed is read is the
    caller's: it is not taken for a feed that cannot seek (#18 trial: "generator didn't stop
    after throw()")."""
    try:
        seekable = feed.seekable()
        if seekable:
            feed.seek(feed.tell())
    except (OSError, ValueError):
        seekable = False
    if seekable:
        yield feed
        return
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogateescape",
                                newline="") as copy:
        for text in feed:
            copy.write(text)
        copy.seek(0)
        yield copy
