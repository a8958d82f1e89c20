"""Persistence: the database connection (db), the Peewee models, migrations, PostgreSQL's roles.

Only the store's services use these; the screens and the command line never do (import-linter).
"""
