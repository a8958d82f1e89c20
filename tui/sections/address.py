"""The billing address section (R15-R16): the address form, what is locked and why."""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Label, Static

import store
import store.errors
import store.profile.billing
import store.views
from store.forms import fields
from store.forms.labels import address_field_label, side_text
from store.forms.postal import region_name
from store.i18n import _, colon, country_name
from store.places.addresses import address_lines
from store.views import AddressView, BillingView

from ..formatting import day, safe_text
from ..tabs.base import CompanyTab
from ..widgets.form_section import FormSection
from ..widgets.store_call import READING, Outcome, call_off_loop
from .base import BillingSection
from .tab_scroll import show_field_and_end


def address_values(view: BillingView, locale: str | None = None) -> dict[str, str | None]:
    """The stored address by field name (see stored_values); with none yet, only the company's
    country (the one it was created with: a first address is in it, #18)."""
    values = stored_values(view.address, locale)
    if view.address is None and view.country:
        values["country"] = country_name(view.country, locale)
    return values


def stored_values(address: AddressView | None, locale: str | None = None
                  ) -> dict[str, str | None]:
    """`address` by field name, as a form shows it: the country by its name in the person's
    language ("Germany", « Allemagne »), which the store takes back as its code
    (store.forms.postal: for the lock too, the name is the stored code)."""
    values = {name: getattr(address, name, None) if address else None
              for name in fields.ADDRESS.names}
    if values["state"] and values["country"]:  # as stored, or Tokyo for an older 東京都
        values["state"] = region_name(values["country"], values["state"], latin=True)
    if values["country"]:
        values["country"] = country_name(values["country"], locale)
    return values


class AddressSection(BillingSection):
    """The address form (ctrl+s saves, escape reverts); the billing team gives a reason for each
    save. Which fields are open is the store's view's `editable_fields`."""

    DEFAULT_CSS = """
    AddressSection #address-note {
        display: none;
        color: $text-accent;
    }
    AddressSection #address-note.-shown {
        display: block;
    }
    AddressSection #address-banner {
        margin-bottom: 1;
    }
    AddressSection #lock-reason {
        color: $text-warning;
        margin-top: 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield Label(_("Billing address"), classes="section-title", id="address-title")
        yield Static("", id="address-banner", classes="form-banner", markup=False)
        yield Static("", id="address-note", markup=False)
        yield FormSection(fields.ADDRESS, saver=self._send, banner="address-banner",
                          anchor="address-title", id="address-form", unchanged=_(
                              "Nothing to save: the billing address is unchanged."),
                          lock=_("read only") if self.context.actor.is_staff else _("locked"))
        lock_reason = Static("", id="lock-reason", markup=False)
        lock_reason.display = False
        yield lock_reason
        layout = Static("", id="address-layout", markup=False)
        layout.display = False
        yield layout

    @property
    def form(self) -> FormSection[BillingView]:
        return self.query_one("#address-form", FormSection)

    @property
    def dirty(self) -> bool:
        return self.form.dirty

    def show(self, view: BillingView) -> None:
        super().show(view)
        note = self._note(view)
        self.query_one("#address-note", Static).update(note)
        self.query_one("#address-note").set_class(bool(note), "-shown")
        # What the person typed in a field still open to them stays until saved or reverted;
        # the rest shows the store's view: its values, its lock (#15 trial).
        self.form.load(address_values(view, self.context.locale), view.editable_fields,
                       keep_typed=self.form.dirty)
        reason = self.query_one("#lock-reason", Static)
        reason.display = bool(view.lock_reason) and not self.is_billing_team
        if reason.display:
            reason.update(self._lock_reason(view))
        # A reader who changes nothing sees the address as the post reads it (as on invoices).
        layout = self.query_one("#address-layout", Static)
        layout.display = view.address is not None and not view.editable_fields
        if layout.display:
            layout.update(colon(_("As printed on invoices")) + "\n" + "\n".join(
                "  " + safe_text(line) for line in address_lines(view.address,
                                                                 self.context.locale)))

    def _note(self, view: BillingView) -> str:
        if view.closed:  # the store's view: nothing here changes any more (SPEC §11)
            return _("Closed company: the billing details are read only.")
        if self.is_billing_team:
            return _("Billing team: every field can be changed; each change needs a reason")
        if self.context.actor.is_staff:
            return _("Read only: staff members see the billing details but do not change "
                     "them here.")
        if view.in_trial and view.trial_ends_on is not None:
            return _("Trial until {date}: every billing field can be changed").format(
                date=day(view.trial_ends_on, self.context.locale))
        return ""

    def _lock_reason(self, view: BillingView) -> str:
        reason = view.lock_reason or ""
        if view.trial_ends_on is not None:
            reason = _("The trial ended on {date}.").format(
                date=day(view.trial_ends_on, self.context.locale)) + " " + reason
        if view.can_request_change:
            reason += "\n" + _("Press x to send a change request to the billing team.")
        return reason

    # -- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        """ctrl+s: send the address (the billing team first says why)."""
        if self.view is None or not self.view.editable_fields:
            self.form.show_banner(_("The billing address is read only for you."))
            return
        self.form.save()  # nothing changed: it says so, and sends nothing

    def _send(self, values: fields.Values) -> Callable[[], BillingView] | None:
        """The store call that saves `values` (run off the event loop), or None once the
        billing team is asked why (the form then saves when they answer)."""
        assert self.view is not None
        address = self.view.address
        expected = address.version if address else None
        actor, company_id = self.context.actor, self.context.company_id
        # A locked field goes only if changed anyway: the store keeps the others as stored (a
        # country shown as "Germany" is no change to send, #16 trial).
        changed, open_ = self.form.changes(), self.view.editable_fields
        values = {name: value for name, value in values.items()
                  if name in open_ or name in changed}
        if not self.view.reason_required:
            return lambda: store.profile.billing.save_address(actor, company_id, values, expected)
        # What is wrong shows before the billing team is asked why.
        checked = store.profile.billing.check_address(values)
        from ..screens.reason import ReasonModal

        def reasoned(reason: dict[str, str] | None) -> None:
            if reason is not None:  # cancelled: nothing is written, the input stays
                self.form.finish_save(lambda: store.profile.billing.save_address(
                    actor, company_id, values, expected, reason=reason))

        self.app.push_screen(ReasonModal(
            _("Why does the billing address change?"), summary=self._summary(checked),
            save_label=_("Save")), reasoned)
        return None

    def _summary(self, checked: dict[str, str | None]) -> str:
        lines = []
        for name, (old, _typed) in self.form.changes().items():
            new = checked.get(name) or ""
            if name == "country" and new:
                new = country_name(new, self.context.locale)
            if old != new:
                label = address_field_label(name, checked.get("country"))
                lines.append(f"{colon(label)} {side_text(safe_text(old))} → "
                             f"{side_text(safe_text(new))}")
        return "\n".join(lines)

    @on(FormSection.Saved, "#address-form")
    def _saved(self, event: FormSection.Saved) -> None:
        event.stop()
        view = event.result
        assert isinstance(view, BillingView)
        self.form.load(address_values(view, self.context.locale), view.editable_fields)
        self.changed(view)
        self.notify(_("Billing address saved"), markup=False)

    @on(FormSection.Outdated, "#address-form")
    def _outdated(self, event: FormSection.Outdated) -> None:
        """The store said what shows is out of date (a save since, the lock changed): the tab
        reads its view again, off the event loop; `show` keeps what the person typed in fields
        still open to them, and their version is the one the next save replaces (#15 trial)."""
        event.stop()
        self.query_ancestor(CompanyTab).reload()

    def revert(self) -> None:
        """Escape: drop what was typed, at once (the address as loaded), then show the address
        as stored now, read off the event loop in a thread worker as a save runs
        (store_call.call_off_loop: while another program holds the database the keys stay
        live, #15 trial). Not while a save runs: its answer comes first; what is typed while
        the read runs stays."""
        if self.form.saving:
            return
        self.form.revert()
        actor, company_id = self.context.actor, self.context.company_id

        def answered(outcome: Outcome[BillingView]) -> None:
            try:
                view = outcome.unwrap()
            except store.errors.StoreError as exc:
                self.form.show_banner(exc.message)  # what was loaded stays shown
                return
            if self.form.saving:
                return  # a save started meanwhile: its answer is the one to show
            self.form.load(address_values(view, self.context.locale), view.editable_fields,
                           keep_typed=self.form.dirty)
            self.changed(view)

        call_off_loop(self, lambda: store.profile.billing.get_billing(actor, company_id),
                      answered, group=READING)

    # -- keeping what is under the form in view --------------------------------------------

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # In the address form, keep what is under it (lock reason, requests) in view too.
        if isinstance(event.widget, Input):
            # Textual's own focus scroll (Screen.set_focus) was queued on the screen before this
            # event, and defers its scroll to after a refresh on the tab's queue: queued behind
            # it on both, this one runs last, whatever the machine's speed (a CI flake).
            tab = self.query_ancestor(CompanyTab)
            self.screen.call_later(tab.call_after_refresh, self._show_end, event.widget)

    def _show_end(self, field: Input) -> None:
        """`field` in sight with what is under the form: the requests list, else the lock's
        reason, else the form's last row (tab_scroll.show_field_and_end)."""
        end: Widget | None = next(iter(self.screen.query("#change-requests")), None)
        if end is None or not end.display:
            reason = self.query_one("#lock-reason")
            end = reason if reason.display else self.form.field(fields.ADDRESS.names[-1])
        show_field_and_end(self.query_ancestor(CompanyTab), field, end)
