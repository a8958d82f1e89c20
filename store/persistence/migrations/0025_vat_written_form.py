"""VAT numbers stored before their written form was kept (de118c2, #16) are rewritten in it:
"CHE116281710MWST" becomes "CHE-116.281.710 MWST", "51824753556" "51 824 753 556", as a save
stores them (store.forms.places.stored_vat_number, the save's own function), so that the
screens, the commands, the exports and the next invoices print one company's number as they
print everyone's, not the old way until someone saves the address again.

Rewritten: the billing addresses' and the seller's number, the current details. A number
written so already, or one the save would refuse now (left as it was: whoever saves it next is
told what is wrong), is not touched. Not rewritten: issued invoices (`bill_to_vat_number`: a
document is kept as it was issued), change requests and the audit trail (what was asked and
done, as it was written then).

Neither the address's version nor its History changes: the number is the same one, written as
the program writes it (the lock and the search compare numbers compact: 0024, store.forms.postal),
and a screen open on the version before saves over it without a conflict. `down` leaves the
numbers written: the program before reads a written number as it reads a typed one.
"""

from peewee import Database
from playhouse.migrate import SchemaMigrator

TABLES = {"billing_address": "company_id", "seller": "id"}  # each with its key


def rewrite(db: Database, table: str, key: str) -> int:
    """Write each VAT number of `table` (rows by `key`) as a save stores it; the number of rows
    changed."""
    from store.forms.places import stored_vat_number

    mark = db.param
    changed = 0
    rows = db.execute_sql(f"SELECT {key}, country, vat_number FROM {table} "
                          "WHERE vat_number IS NOT NULL AND vat_number <> ''").fetchall()
    for row_id, country, number in rows:
        try:
            written = stored_vat_number(number, country)
        except ValueError:
            continue  # refused by the save now: kept as it is, the next save says why
        if written != number:
            db.execute_sql(f"UPDATE {table} SET vat_number = {mark} WHERE {key} = {mark} "
                           f"AND vat_number = {mark}", (written, row_id, number))
            changed += 1
    return changed


def up(migrator: SchemaMigrator, db: Database) -> None:
    for table, key in TABLES.items():
        rewrite(db, table, key)


def down(migrator: SchemaMigrator, db: Database) -> None:
    """Nothing to undo: a written number is one the program before reads too."""
