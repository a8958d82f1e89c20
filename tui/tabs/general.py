"""The General tab (R2-R3): company name, website, logo. (Placeholder until the tab lands.)"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from .base import CompanyTab, TabContext


class GeneralTab(CompanyTab):
    def __init__(self, context: TabContext, general, *, id: str | None = None) -> None:
        super().__init__(context, id=id)
        self.general = general

    def compose(self) -> ComposeResult:
        yield Static(self.general.name, markup=False)
