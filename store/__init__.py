"""The store: domain rules and persistence of mycompany (no Textual, no Rich).

The screens and the command line use only what is listed in `__all__`.
"""

from . import backup, billing, company, invoices, plan, requests
from .access import resolve_actor
from .db import database_url_for, default_database_path, open_database
from .demo import create_demo
from .errors import (
    Busy,
    Conflict,
    InvalidInput,
    NotFound,
    Refused,
    StorageError,
    StoreError,
)
from .history import company_history
from .search import search_companies
from .views import Actor

__all__ = [
    "Actor",
    "Busy",
    "Conflict",
    "InvalidInput",
    "NotFound",
    "Refused",
    "StorageError",
    "StoreError",
    "backup",
    "billing",
    "company",
    "company_history",
    "create_demo",
    "database_url_for",
    "default_database_path",
    "invoices",
    "open_database",
    "plan",
    "requests",
    "resolve_actor",
    "search_companies",
]
