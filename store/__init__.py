"""The store: domain rules and persistence of mycompany (no Textual, no Rich).

The screens and the command line use only what is listed in `__all__`. Each name is imported on
first use (PEP 562): opening the Plan tab does not pay for the PDF, logo or billing modules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_NAMES = {
    "resolve_actor": "access",
    "database_url_for": "db",
    "default_database_path": "db",
    "open_database": "db",
    "create_demo": "demo",
    "Busy": "errors",
    "Conflict": "errors",
    "InvalidInput": "errors",
    "NotFound": "errors",
    "Refused": "errors",
    "StorageError": "errors",
    "StoreError": "errors",
    "company_history": "history",
    "search_companies": "search",
    "Actor": "views",
}

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
    "identity",
    "invoices",
    "keys",
    "open_database",
    "plan",
    "requests",
    "resolve_actor",
    "roles",
    "search_companies",
    "setup",
]

if TYPE_CHECKING:
    from . import backup, billing, company, identity, invoices, keys, plan, requests, roles, setup
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


def __getattr__(name: str) -> Any:
    if name in _NAMES:
        value = getattr(importlib.import_module(f".{_NAMES[name]}", __name__), name)
        globals()[name] = value
        return value
    if not name.startswith("_"):  # the services, and any other module of the package
        try:
            return importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"module 'store' has no attribute {name!r}")
