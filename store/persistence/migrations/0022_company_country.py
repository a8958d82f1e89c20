"""A company keeps the country it was created with (#18 trial): `company.country`, ISO 3166-1
alpha-2. `mycompany companies create --country FR` without an address lost the country (`companies
show` read it from the billing address only), and its owner could never enter a first address
(the lock refused any country). The company's country is its billing address's once there is
one, else this one (store.places.addresses.company_country). Companies created before read theirs
back from the trail's `company.create` country line; the others (the demo's, with an address) keep
NULL. Plain ALTER TABLE on both databases, like 0015.
"""

from peewee import Database
from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("ALTER TABLE company ADD COLUMN country VARCHAR(2)")
    db.execute_sql(
        "UPDATE company SET country = (SELECT MIN(e.new_value) FROM audit_event e"
        " WHERE e.company = company.id AND e.action = 'company.create'"
        " AND e.field = 'country' AND e.outcome = 'done' AND LENGTH(e.new_value) = 2)")


def down(migrator: SchemaMigrator, db: Database) -> None:
    db.execute_sql("ALTER TABLE company DROP COLUMN country")
