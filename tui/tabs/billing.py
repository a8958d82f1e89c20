"""The Billing tab (R12-R16). (Placeholder until the tab lands.)"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from .base import CompanyTab


class BillingTab(CompanyTab):
    def compose(self) -> ComposeResult:
        yield Static("Billing")
