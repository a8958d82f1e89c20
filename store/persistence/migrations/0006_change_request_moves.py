"""A change request carries a whole move (SPEC §5, R16): several address fields in one request.

An owner moving from California to New York asks for the state together with the street, postal
code and city that go with it; one request, decided once. The fields move from `change_request`
(one field per request) to `change_request_field` (one row per field of a request), each
request's one field copied over. `address_version` is the billing address's version when the
owner asked: the billing team approves on that version, or sees both and decides again (NULL for
requests made before this migration); `documents` says where the billing team finds the proof.
`status` gains `withdrawn`.
"""

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator

TABLE = """
CREATE TABLE change_request_field (
    id {serial},
    request_id INTEGER NOT NULL REFERENCES change_request (id) ON DELETE CASCADE,
    field VARCHAR(16) NOT NULL,
    old_value VARCHAR(200),
    new_value VARCHAR(200),
    UNIQUE (request_id, field)
)
"""

COPY = ("INSERT INTO change_request_field (request_id, field, old_value, new_value) "
        "SELECT id, field, old_value, new_value FROM change_request")


def up(migrator: SchemaMigrator, db: Database) -> None:
    serial = ("INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT" if isinstance(db, SqliteDatabase)
              else "SERIAL PRIMARY KEY")
    db.execute_sql(TABLE.format(serial=serial))
    db.execute_sql(COPY)
    db.execute_sql("ALTER TABLE change_request ADD COLUMN address_version INTEGER")
    db.execute_sql("ALTER TABLE change_request ADD COLUMN documents VARCHAR(200)")
    for column in ("field", "old_value", "new_value"):
        db.execute_sql(f"ALTER TABLE change_request DROP COLUMN {column}")


def down(migrator: SchemaMigrator, db: Database) -> None:
    # Each request keeps its first field (a move of several fields cannot be one row again).
    db.execute_sql("ALTER TABLE change_request ADD COLUMN field VARCHAR(16)")
    db.execute_sql("ALTER TABLE change_request ADD COLUMN old_value VARCHAR(64)")
    db.execute_sql("ALTER TABLE change_request ADD COLUMN new_value VARCHAR(64)")
    db.execute_sql(
        "UPDATE change_request SET field = f.field, old_value = f.old_value, "
        "new_value = f.new_value FROM (SELECT request_id, field, old_value, new_value "
        "FROM change_request_field WHERE id IN (SELECT MIN(id) FROM change_request_field "
        "GROUP BY request_id)) AS f WHERE f.request_id = change_request.id")
    db.execute_sql("ALTER TABLE change_request DROP COLUMN address_version")
    db.execute_sql("ALTER TABLE change_request DROP COLUMN documents")
    db.execute_sql("DROP TABLE change_request_field")
