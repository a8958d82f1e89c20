"""The audit trail: written in the same transaction as the change; refusals in their own."""

from __future__ import annotations

import contextlib
import contextvars
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, cast

from peewee import JOIN, fn

from store import clock
from store.errors import Busy, Refused, StorageError
from store.i18n import _
from store.persistence.db import transaction
from store.persistence.models import AuditEvent, Company
from store.views import Actor, AuditEntryView, AuditPage, rows_before


def _text(value: object) -> str | None:
    """A value as the trail keeps it: text; a NUL, which PostgreSQL's text cannot hold, as
    U+2400 SYMBOL FOR NULL, so that a tried value with one is still recorded on both databases."""
    return None if value is None else str(value).replace("\x00", "\u2400")


def record(
    actor: Actor | None,
    company_id: int | None,
    action: str,
    *,
    field: str | None = None,
    old: object = None,
    new: object = None,
    outcome: str = "done",
    reason: str | None = None,
    ticket: str | None = None,
    database_login: str | None = None,
) -> int:
    """Append one line to the trail (call inside the action's transaction); returns its id.

    `actor` must be a person the store signed in (store.people.identity), or None for the program's
    own work; the line records where they came from and, for admin staff acting as them, who did.
    `database_login`, with no actor: the database login that did it (`grant-app-role`, run as
    the owner role), kept as the line's name with the role "database" (#18 trial: History said
    "the program" and named no one).

    A company user refused on ANOTHER company (an owner withdrawing or approving another
    company's request, reading its History…) is recorded in their own company's trail, not the
    target's: the target's owner reads their History, and would read there the name and e-mail
    of someone outside their company (a customer of the same vendor they may not know) about
    an attempt that changed nothing of theirs; the intruder's own trail is where their owner
    and the vendor's staff (who read every company's History) look for what that person did.
    Staff's refused attempts stay in the company they were about (SPEC §6). The line's reason
    ends with the number of the company reached for. A company user refused a vendor-wide
    action (no company: the billing run, the staff list) is recorded in their own company's
    trail likewise. Both ways a refusal is written
    (store.people.access.refuse, `refusals_recorded`) come through here.

    `reason`: a sentence the program said (a refusal's message, `_()` formatted: a
    store.i18n.Message) is kept in no one's language, its message id and parameters, and read
    in the reader's (the column's SaidField: issue #16); a person's words are kept as written.
    """
    if actor is not None:
        from store.people.identity import ensure_signed_in

        ensure_signed_in(actor)
        if outcome == "refused" and not actor.is_staff and actor.company_id is not None \
                and company_id != actor.company_id:
            if company_id is not None:
                # The company they reached for, by its number (which they typed): for staff.
                reason = _("{reason} (company {id})").format(reason=reason or "", id=company_id)
            # A vendor-wide action (the billing run, the staff list) tried by a company user:
            # in their own company's trail too, where their owner and the staff look.
            company_id = actor.company_id
        elif outcome == "refused" and actor.is_staff and company_id is not None \
                and not Company.select().where(Company.id == company_id).exists():
            # No such company (a number mistyped): a vendor-wide line naming the number tried,
            # not a line of a company that does not exist (verification trial: support's
            # `--company 99 invoices pay` was listed under "99" in every company's History).
            reason = _("{reason} (company {id})").format(reason=reason or "", id=company_id)
            company_id = None
    if outcome == "done" and company_id is not None:  # a closed company is read-only (§11)
        from store.people.access import closed_refusal

        if (refusal := closed_refusal(company_id, action)) is not None:
            raise refusal
    return cast(int, AuditEvent.insert(
        company=company_id,
        at=clock.now(),
        actor_email=actor.email if actor else None,
        actor_name=actor.name if actor else database_login,
        actor_role=actor.role if actor else ("database" if database_login else None),
        action=action,
        field=field,
        old_value=_text(old),
        new_value=_text(new),
        outcome=outcome,
        reason=reason,
        ticket=ticket,
        origin=actor.origin[:300] if actor and actor.origin else _origin(actor),
        impersonator_email=actor.impersonator_email if actor else None,
    ).execute())


@contextlib.contextmanager
def recorded_before_output(undone: str) -> Iterator[None]:
    """The transaction writing the trail line of an output (an export, a download) before any
    of it is made: SPEC §6 keeps every step in History, so an output whose line cannot be
    written is not made. The database's failure (a full disk, a database opened for reading
    only: StorageError, exit 6; Busy, exit 4) is raised with `undone`, a sentence saying what
    was not made, before its own words: "Nothing was exported: … The disk holding the
    database is full: nothing was saved…" (verification trial: `export companies --out -`
    printed every row and `invoices download N --out DIR` wrote the PDF, then both said only
    "nothing was saved": the line, written last, had failed)."""
    try:
        with transaction():
            yield
    except (StorageError, Busy) as failure:
        failure.message = f"{undone} {failure.message}"
        failure.args = (failure.message,)
        raise


def _origin(actor: Actor | None) -> str | None:
    """Where a line with no person came from (the program's own work, a database login's
    `grant-app-role`): this process's login and host, "login postgres on db1"."""
    if actor is not None:
        return None
    from store.people.identity import local_origin

    return local_origin()


_RECORDING: contextvars.ContextVar[bool] = contextvars.ContextVar("recording_refusals",
                                                                 default=False)


def recording_refusals() -> bool:
    """Whether a service's `refusals_recorded` will record a refusal raised now."""
    return _RECORDING.get()


@contextlib.contextmanager
def refusals_recorded(
    actor: Actor | None, company_id: int | None, action: str, field: str | None = None, *,
    tried: Mapping[str, object] | None = None, subject: str | None = None,
    given: Mapping[str, object] | str | None = None,
) -> Iterator[None]:
    """Record a refusal in the trail after the refused transaction rolled back, then re-raise.

    One line per refusal, holding the value tried (SPEC §6): the refusal's own field and
    `attempted` value when it names one; else what the person sent, `tried` (by field name:
    store.forms.fields.typed_values; never a secret): one field as that field and its value,
    several as a JSON object of them with no field (`tried_values` reads it back); else
    `subject`, what the attempt was about (`request_subject`: the request a refused decision
    names).

    `given`: the reason the person gave for the action (a staff member's "reason" and
    "ticket" as sent, or the reason's text): kept on the refusal line beside the refusal
    (given_reason), not lost with the action (#18 trial).
"""
    token = _RECORDING.set(True)
    try:
        yield
    except Refused as exc:
        if exc.recorded:
            raise
        name, value = getattr(exc, "field", None) or field, getattr(exc, "attempted", None)
        if value is None and tried:
            if len(tried) == 1:
                [(name, value)] = tried.items()
            else:
                value = json.dumps(dict(tried), ensure_ascii=False)
        if value is None and name is None:
            value = subject
        said, ticket = given_reason(exc.message, given)
        with transaction():
            record(actor, company_id, getattr(exc, "action", None) or action, field=name,
                   old=exc.was, new=value, outcome="refused", reason=said, ticket=ticket)
        raise
    finally:
        _RECORDING.reset(token)


def given_reason(refusal: str, given: Mapping[str, object] | str | None,
                 ) -> tuple[str, str | None]:
    """A refusal line's reason and ticket: `refusal` (the refusal's message), followed by the
    reason the person gave when they gave one ("… Reason given: asked", the reason as
    written), and the ticket they gave. `given` maps "reason" and "ticket" to what was sent,
    or is the reason's text; None or blank: `refusal` alone, no ticket."""
    values = {"reason": given} if isinstance(given, str) else dict(given or {})
    reason = str(values.get("reason") or "").strip()
    ticket = str(values.get("ticket") or "").strip()[:200] or None
    if not reason:
        return refusal, ticket
    return _("{refusal} Reason given: {reason}").format(refusal=refusal, reason=reason), ticket


def tried_values(entry: AuditEntryView) -> list[tuple[str, str]] | None:
    """The fields and values a refused attempt sent, when it sent several (`refusals_recorded`
    keeps them as one JSON object); None for any other line."""
    data = _kept_object(entry) if entry.outcome == "refused" and entry.field is None else None
    if data is None or (entry.action.startswith("request.") and "request" in data):
        return None
    return [(str(k), str(v)) for k, v in data.items()]


def _kept_object(entry: AuditEntryView) -> dict[str, Any] | None:
    """The JSON object a line's value keeps (several fields tried, a request's number and
    values: `refusals_recorded`, `request_decision_text`); None when the value is not one."""
    text = entry.new_value
    if not text or not text.startswith("{"):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def request_subject(request_id: int) -> str:
    """What a refused decision on request `request_id` keeps as its value, `{"request": 12}`
    (`request_named` reads it back)."""
    return json.dumps({"request": request_id})


def request_named(entry: AuditEntryView) -> int | None:
    """The number of the change request a request.* line is about: its own (`request_id`, a
    request sent), or the one its value names (a decision, done or refused); None for another
    line or a refusal that reached no request."""
    if not entry.action.startswith("request."):
        return None
    if entry.request_id is not None:
        return entry.request_id
    data = _kept_object(entry) if entry.field is None else None
    number = data.get("request") if data is not None else None
    return number if isinstance(number, int) else None


REQUEST_DECISIONS = frozenset({"request.approve", "request.reject", "request.withdraw"})
REQUEST_LINES = REQUEST_DECISIONS | {"request.create"}  # one line per request, of its fields


def request_decision_text(request_id: int, asked: Mapping[str, object],
                          was: Mapping[str, object] | None = None,
                          stays: Mapping[str, object] | None = None) -> str:
    """What a line on a change request keeps (store.profile.requests: sent, approved, rejected,
    withdrawn; one line each): the request's number, the values it asked for and, when given,
    the address's values then and the fields it keeps as they are beside them (a second line
    under a new street), as one JSON object `{"request": 12, "asked": {field: value}, "was":
    {field: value}, "stays": {field: value}}` (read back by `request_decision`, `request_was`
    and `request_stays`)."""
    data: dict[str, object] = {"request": request_id,
                               "asked": {k: _text(v) for k, v in asked.items()}}
    if was is not None:
        data["was"] = {k: _text(v) for k, v in was.items()}
    if stays:
        data["stays"] = {k: _text(v) for k, v in stays.items()}
    return json.dumps(data, ensure_ascii=False)


def request_was(entry: AuditEntryView) -> dict[str, str | None]:
    """The address's values a request line kept beside what was asked (`request_decision_text`:
    when sent, or when decided); {} for a line written before they were kept."""
    return _kept_part(entry, "was")


def request_stays(entry: AuditEntryView) -> dict[str, str | None]:
    """The fields a request line says the request keeps as they are, with their values
    (`request_decision_text`: when sent, or approved); {} for none or a line written before."""
    return _kept_part(entry, "stays")


def _kept_part(entry: AuditEntryView, part: str) -> dict[str, str | None]:
    data = _kept_object(entry)
    values = data.get(part) if data is not None else None
    return {str(k): None if v is None else str(v) for k, v in values.items()} \
        if isinstance(values, dict) else {}


def request_decision(entry: AuditEntryView) -> tuple[int, list[tuple[str, str | None]]] | None:
    """The request number and the fields and values it asked for, of a request's line (sent,
    approved, rejected, withdrawn: one line each); None for any other line, and for the
    per-field lines written before (field set, no number)."""
    data = _kept_object(entry) if entry.action in REQUEST_LINES and entry.outcome == "done" \
        and entry.field is None else None
    if data is None or not isinstance(data.get("request"), int) \
            or not isinstance(data.get("asked"), dict):
        return None
    return data["request"], [(str(k), None if v is None else str(v))
                             for k, v in data["asked"].items()]


def by_person(person: str) -> Any:
    """The trail's lines by `person`: their e-mail, whole (case aside), or a part of their
    name, accents and case aside ("bea" finds Béa Durand; SQLite: the search_fold function
    every connection registers, PostgreSQL: mycompany_fold, unaccent's, migration 0012)."""
    from store.persistence.db import is_sqlite
    from store.persistence.folding import search_fold

    fold = fn.search_fold if is_sqlite() else fn.mycompany_fold
    return ((fn.LOWER(AuditEvent.actor_email) == person.strip().lower())
            | fold(AuditEvent.actor_name).contains(search_fold(person.strip()) or ""))


def entries(company_id: int, page: int = 1, page_size: int = 50, *, field: str | None = None,
            person: str | None = None) -> AuditPage:
    """A page of the company's trail, newest first (access is checked by the caller); only the
    lines about `field` (a field name: its own lines and the decisions on change requests that
    asked for it) and by `person` (an e-mail, whole, or part of a name; case aside), when
    given. Each line about a change request names it (`request_id`:
    store.trail.history_requests), and each line its company (`company_id`, `company_name`:
    History's one record, read in the page's query)."""
    page = max(1, page)
    query = AuditEvent.select().where(AuditEvent.company == company_id)
    if field:
        query = query.where((AuditEvent.field == field) | (
            AuditEvent.action.in_(list(REQUEST_LINES)) & AuditEvent.field.is_null()
            & AuditEvent.new_value.contains(f'"{field}":')))
    if person and person.strip():
        query = query.where(by_person(person))
    total = query.count()
    skipped = rows_before(page, page_size, total)
    # peewee's stubs type .dicts() as the model's own select; the rows are dicts
    rows = [] if skipped is None else cast("Iterable[dict[str, Any]]", (
        query.select_extend(Company.name.alias("company_name"))
        .join(Company, JOIN.LEFT_OUTER, on=(AuditEvent.company == Company.id))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .offset(skipped).limit(page_size)
        .dicts()
    ))
    from store.trail.history_requests import with_request_numbers

    lines = [AuditEntryView.from_row({**row, "company_id": company_id}) for row in rows]
    items = with_request_numbers(lines, [company_id] * len(lines))
    return AuditPage(items=items, page=page, page_size=page_size, total_count=total)
