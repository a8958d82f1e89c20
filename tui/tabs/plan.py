"""The Plan tab (R4-R11): header, licence table, notes, special features, calls, and a what-if."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

import store
import store.errors
import store.i18n
import store.plans.plan
import store.plans.plan_views
from store.i18n import _
from store.plans.terms import term_name

from ..formatting import catalogue_name, day, money, plan_dates, safe_text
from ..periods import next_invoice_line, per_period, period_word, prices_note
from ..widgets.licence_table import licence_table
from ..widgets.safe_input import SafeInput
from ..widgets.store_call import LatestRead, Outcome
from .base import CompanyTab, TabContext


class PlanTab(CompanyTab):
    """Read-only figures from the store, plus a what-if line that writes nothing."""

    DEFAULT_CSS = """
    PlanTab #plan-header {
        height: auto;
        margin-bottom: 1;
    }
    PlanTab #licences {
        height: auto;
    }
    PlanTab #whatif-row {
        height: 1;
        margin-top: 1;
    }
    PlanTab #whatif-row Input {
        width: 8;
    }
    PlanTab #whatif-row Label {
        padding: 0 1;
    }
    PlanTab #whatif-result {
        height: auto;
        color: $text-accent;
    }
    PlanTab #whatif-error {
        color: $text-error;
    }
    """

    summary: store.plans.plan_views.LicenceSummary  # read in on_mount, not in the constructor

    def __init__(self, context: TabContext, *, id: str | None = None) -> None:
        super().__init__(context, id=id)
        self._reads: LatestRead[store.plans.plan_views.LicenceSummary] = LatestRead()  # reload()

    def _money(self, amount) -> str:
        return money(amount, self.summary.currency, self.context.locale)

    def _per(self) -> str:
        return per_period(self.summary.period)

    def compose(self) -> ComposeResult:
        yield Static(id="plan-header")
        yield Static(classes="note", markup=False, id="plan-period")
        yield Static(id="licences")
        yield Static(_("Prices are indicative only.") + " " + _("Call usage is not included."),
                     classes="note", markup=False)
        yield Label(_("Special features"), classes="section-title")
        yield Static(id="special-features")
        yield Label(_("Calls"), classes="section-title")
        yield Static(id="calls")
        yield Label(_("What if"), classes="section-title")
        with Horizontal(id="whatif-row"):
            yield Label(_("Add users"))
            yield SafeInput("", id="field-add_users", compact=True, restrict=r"[0-9]*",
                        max_length=6, placeholder="0")
            yield Label(_("Add numbers"))
            yield SafeInput("", id="field-add_numbers", compact=True, restrict=r"[0-9]*",
                        max_length=6, placeholder="0")
        yield Static("", id="whatif-result", markup=False)

    def on_mount(self) -> None:
        self.summary = store.plans.plan.licence_summary(self.context.actor, self.context.company_id)
        s = self.summary
        header = Text()
        header.append(catalogue_name(s.plan), style="bold")
        header.append("  ·  " + term_name(s.term))
        # In the trial: its last day and the first invoice, no contract to renew yet (the store
        # decides which dates: LicenceSummary.header_dates).
        header.append("\n" + "  ·  ".join(plan_dates(s, self.context.locale)))
        for change in s.scheduled:  # a plan change waiting for its month (store.plans.plan_changes)
            header.append("\n" + _("From {date}: {changes}").format(
                date=day(change.effective_from, self.context.locale),
                changes=safe_text(change.words)), style="bold")
        if s.next_invoice_differs:  # a change or a price from a later day: what it will charge
            header.append("\n" + next_invoice_line(s, self._money, self.context.locale),
                          style="bold")
            if (note := prices_note(s, self.context.locale)) is not None:  # why it differs
                header.append("\n" + note)
        self.query_one("#plan-header", Static).update(header)
        # VAT is the invoice's (store.invoicing.tax: the buyer's country and VAT number decide it),
        # never in these amounts: said, so €120.00 here and €148.80 on an invoice both read right.
        self.query_one("#plan-period", Static).update(
            _("Amounts per {period} excl. VAT, in {currency}").format(
                period=period_word(s.period), currency=s.currency))
        self.query_one("#licences", Static).update(licence_table(s, self._money))
        self.query_one("#special-features", Static).update(self._products(s.add_ons))
        self.query_one("#calls", Static).update(self._products(s.call_plans))

    def _products(self, products) -> Text:
        if not products:
            return Text(_("None subscribed"), style="italic")
        text = Text()
        for n, product in enumerate(products):
            if n:
                text.append("\n")
            text.append(safe_text(catalogue_name(product.name)))
            text.append(f"  {self._money(product.price)} {self._per()}")
        return text

    @on(Input.Changed, "#field-add_users, #field-add_numbers")
    def _what_if(self) -> None:
        users = self.query_one("#field-add_users", Input).value
        numbers = self.query_one("#field-add_numbers", Input).value
        result = self.query_one("#whatif-result", Static)
        if not users and not numbers:
            result.update("")
            return
        grown = store.plans.plan.what_if(self.summary, add_users=int(users or 0),
                                   add_numbers=int(numbers or 0))
        result.update(_("With {users} more users and {numbers} more numbers: extras "
                        "{extras}, total {total} {per} (nothing is changed)").format(
            users=int(users or 0), numbers=int(numbers or 0),
            extras=self._money(grown.users.extras_cost + grown.numbers.extras_cost),
            total=self._money(grown.total), per=self._per()))

    def reload(self) -> None:
        """Read the figures again off the event loop (the first read, on mount, is not); the
        table shown stays until the answer comes, and only the newest read shows."""
        actor, company_id = self.context.actor, self.context.company_id

        def answered(outcome: Outcome[store.plans.plan_views.LicenceSummary]) -> None:
            try:
                self.summary = outcome.unwrap()
            except store.errors.StoreError:
                return  # the figures shown stay; the next visit reads again
            self.query_one("#licences", Static).update(licence_table(self.summary, self._money))
            self._what_if()

        self._reads.read(self, lambda: store.plans.plan.licence_summary(actor, company_id),
            answered)

    def palette_commands(self):
        return [(_("Plan: what if"), _("Try more users or numbers without changing anything"),
                 lambda: self.query_one("#field-add_users", Input).focus())]
