"""Opening the database, as the command line and the SSH server do: the one door to persistence.

The screens and the command line may not import `store.persistence` (import-linter); these are the
calls they need from it, each documented where it is defined.
"""

from store.persistence.db import database_url_for, default_database_path, open_database
from store.persistence.roles import grant_app_role

__all__ = ["database_url_for", "default_database_path", "grant_app_role", "open_database"]
