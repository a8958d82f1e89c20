"""The vendor's console on the command line (SPEC §11): staff, companies, plans, the platform's
feed and exports, each in a module of its own that this registry names.

A console module (listed in MODULES, a module of the `tui` package) has:

- `COMMANDS`: the top-level command names it owns, e.g. ``("staff",)``;
- `add_parsers(commands)`: adds them to the `mycompany` parser's sub-parsers;
- `run(args, actor) -> int`: runs one as the signed-in person (`actor`, a store.views.Actor),
  returning the exit status. Store refusals propagate (tui/commands.py prints them).

Modules import the store inside `run`, so building the parser stays cheap.
"""

from __future__ import annotations

import argparse
from importlib import import_module
from types import ModuleType

MODULES: tuple[str, ...] = ("sync_cli", "staff_cli", "companies_cli", "export_cli", "plans_cli",
                            "prices_cli", "seller_cli")


def _modules() -> list[ModuleType]:
    return [import_module(f"{__package__}.{name}") for name in MODULES]


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Every console module's commands, in MODULES order."""
    for module in _modules():
        module.add_parsers(commands)


def module_for(command: str | None) -> ModuleType | None:
    """The console module that owns `command`, or None."""
    return next((module for module in _modules() if command in module.COMMANDS), None)
