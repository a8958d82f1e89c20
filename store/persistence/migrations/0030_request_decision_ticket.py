"""A change request keeps the billing team's ticket with its decision (#16 trial t16: after
`requests approve 3 --ticket BIL-12` the ticket showed in History alone; `requests show`,
`requests list`, their JSON and the owner's Billing box had the reason without it):
`change_request.decision_ticket`, as long as the ticket field (store/forms/fields.py REASON, 64
characters), written beside `decision_reason` by store.profile.requests.

Requests decided before take their ticket from their decision's trail line (the ticket column
of the request.approve or request.reject line done on them: store.profile.requests._decide wrote
it there already), so that an old decision reads as a new one does. Plain ALTER TABLE on both
databases, like 0023.
"""

import json

from peewee import Database
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("ALTER TABLE change_request ADD COLUMN decision_ticket VARCHAR(64)")
    mark = db.param
    lines = db.execute_sql(
        "SELECT new_value, ticket FROM audit_event WHERE action IN ('request.approve', "
        "'request.reject') AND outcome = 'done' AND ticket IS NOT NULL AND ticket <> '' "
        "ORDER BY id").fetchall()
    for kept, ticket in lines:
        try:
            request_id = int(json.loads(kept)["request"])
        except (TypeError, ValueError, KeyError):
            continue  # a line of the one-field requests before 0006: no request named
        db.execute_sql(f"UPDATE change_request SET decision_ticket = {mark} WHERE id = {mark}",
                       (str(ticket)[:64], request_id))


def down(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("ALTER TABLE change_request DROP COLUMN decision_ticket")
