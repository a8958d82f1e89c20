"""The store: domain rules and persistence of mycompany (no Textual, no Rich).

The screens and the command line use only what is listed in `__all__`.
"""

from . import billing, company, invoices, plan, requests
from .access import resolve_actor
from .history import company_history
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
    "billing",
    "company",
    "create_demo",
    "database_url_for",
    "default_database_path",
    "company_history",
    "invoices",
    "open_database",
    "plan",
    "requests",
    "resolve_actor",
]
