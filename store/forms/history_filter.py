"""The filters of History across companies (SPEC §6, issue #18), as the staff screen's dialog
types them: a company id, a person, an action, the days from and to. The command line takes the
same (`mycompany history --company --person --action --since --until`, tui/export_cli.py), each
checked by the same rule (an action: store.trail.actions.action_filter); the store applies them
(store.trail.history_all.all_history).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import StringConstraints

from store.forms.fields import Field, FormSpec
from store.forms.text import BLANK_IS_NONE, NO_CONTROL, blank_or, whole_number
from store.forms.validation import LazyModel
from store.i18n import N_, _
from store.trail.actions import action_filter

HISTORY_FILTER = FormSpec(name="history_filter", fields=(
    Field(name="company", label_id=N_("Company id"), max_length=12, option="--company",
          help_id=N_("a number, like 42; empty: every company")),
    Field(name="person", label_id=N_("Person"), max_length=254, option="--person",
          help_id=N_("an e-mail, whole, or part of a name")),
    Field(name="action", label_id=N_("Action"), max_length=64, option="--action",
          help_id=N_("like company.close, or its first part: company")),
    Field(name="since", label_id=N_("Since"), max_length=10, option="--since",
          help_id=N_("a day, YYYY-MM-DD")),
    Field(name="until", label_id=N_("Until"), max_length=10, option="--until",
          help_id=N_("a day, YYYY-MM-DD")),
))


def _company_id(text: str) -> int:
    return whole_number(text.removeprefix("#"), _("Enter a company id, a whole number like 42"))


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("Enter a day as YYYY-MM-DD, like 2026-11-27")) from None


Text = Annotated[Annotated[str, StringConstraints(strip_whitespace=True), NO_CONTROL] | None,
                 BLANK_IS_NONE]


class HistoryFilterForm(LazyModel):
    """What the History across companies keeps: each filter None when left empty."""

    company: Annotated[int | None, blank_or(_company_id)] = None
    person: Text = None
    action: Annotated[str | None, blank_or(action_filter)] = None  # the command line's rule too
    since: Annotated[date | None, blank_or(_day)] = None
    until: Annotated[date | None, blank_or(_day)] = None

    @property
    def any(self) -> bool:
        """Whether anything is filtered."""
        return any(value is not None for value in self.model_dump().values())
