"""The billing address section (R15-R16): the address form, what is locked and why."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from typing import cast
from weakref import WeakKeyDictionary

from textual import events, on
from textual.app import ComposeResult
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Input, Label, Static

import store
import store.billing
import store.views
from store.addresses import address_lines
from store.forms import fields
from store.forms.labels import address_field_label
from store.forms.place_names import country_matches, region_matches
from store.forms.postal import (
    country_choices,
    country_code,
    region_kept,
    region_name,
    region_rule,
)
from store.i18n import _, colon, country_name
from store.views import AddressView, BillingView

from ..formatting import day, safe_text
from ..tabs.base import CompanyTab
from ..widgets.form_field import Choices, FormField
from ..widgets.form_section import FormSection
from ..widgets.pastes import spread_address_paste
from ..widgets.safe_input import SafeInput
from .base import BillingSection


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
                          anchor="address-title", id="address-form",
                          lock=_("read only") if self.context.actor.is_staff else _("locked"))
        lock_reason = Static("", id="lock-reason", markup=False)
        lock_reason.display = False
        yield lock_reason
        layout = Static("", id="address-layout", markup=False)
        layout.display = False
        yield layout

    def on_mount(self) -> None:
        # Country by name in the person's language, completed as typed (→ takes it), or a code.
        suggest_countries(self.form, self.context.locale)

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
        if not self.form.dirty:  # what the person typed stays until saved or reverted
            self.form.load(address_values(view, self.context.locale), view.editable_fields)
        self._follow_country(self.form.field("country").value)
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

    @on(Input.Changed, "#field-country")
    def _country_typed(self, event: Input.Changed) -> None:
        self._follow_country(event.value)

    def _follow_country(self, typed: str) -> None:
        follow_country(self.form, typed)

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

    def take_pasted_lines(self, field: SafeInput, lines: list[str]) -> bool:
        """An address pasted as lines into one of its fields goes into all of them (PasteTaker,
        tui/widgets/safe_input.py)."""
        return spread_address_paste(self.form, field, lines)

    # -- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        """ctrl+s: send the address (the billing team first says why)."""
        if self.view is None or not self.view.editable_fields:
            self.form.show_banner(_("The billing address is read only for you."))
            return
        self.form.clear_errors()
        if not self.form.dirty:
            self.notify(_("Nothing to save: the billing address is unchanged."), markup=False)
            return
        self.form.save()

    def _send(self, values: fields.Values) -> Callable[[], BillingView] | None:
        """The store call that saves `values` (run off the event loop), or None once the
        billing team is asked why (the form then saves when they answer)."""
        assert self.view is not None
        address = self.view.address
        expected = address.version if address else None
        actor, company_id = self.context.actor, self.context.company_id
        if not self.view.reason_required:
            return lambda: store.billing.save_address(actor, company_id, values, expected)
        # What is wrong shows before the billing team is asked why.
        checked = store.billing.check_address(values)
        from ..screens.reason import ReasonModal

        def reasoned(reason: dict[str, str] | None) -> None:
            if reason is not None:  # cancelled: nothing is written, the input stays
                self.form.finish_save(lambda: store.billing.save_address(
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
                lines.append(f"{colon(label)} "
                             f"{safe_text(old or _('(empty)'))} → {safe_text(new or _('(empty)'))}")
        return "\n".join(lines)

    @on(FormSection.Saved, "#address-form")
    def _saved(self, event: FormSection.Saved) -> None:
        event.stop()
        view = event.result
        assert isinstance(view, BillingView)
        self.form.load(address_values(view, self.context.locale), view.editable_fields)
        self.changed(view)
        self.notify(_("Billing address saved"), markup=False)

    @on(FormSection.Conflicted, "#address-form")
    def _conflicted(self, event: FormSection.Conflicted) -> None:
        event.stop()
        try:  # their version becomes the one the next save replaces; the input stays
            self.changed(store.billing.get_billing(self.context.actor, self.context.company_id))
        except store.errors.StoreError:
            return

    def revert(self) -> None:
        """Escape: read the address again from the store and drop what was typed (not while a
        save runs: its answer comes first)."""
        if self.form.saving:
            return
        view = store.billing.get_billing(self.context.actor, self.context.company_id)
        self.form.load(address_values(view, self.context.locale), view.editable_fields)
        self.changed(view)

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
        """Scroll the tab so that `field` shows, and as much of what is under the form (to the
        end of the requests list) as fits under it; the field always wins (a long list of
        requests pushed it out of sight, #16 trial).

        Worked out from the layout (rows of the tab's content), not from the screen's regions,
        which lag a scroll made since the last refresh."""
        tab = self.query_ancestor(CompanyTab)
        end = next(iter(self.screen.query("#change-requests")), None)
        if end is None or not end.display:
            reason = self.query_one("#lock-reason")
            end = reason if reason.display else self.form.field(fields.ADDRESS.names[-1])
        height = tab.scrollable_content_region.height
        field_top = _row_in(tab, field)
        end_bottom = _row_in(tab, end) + end.outer_size.height
        wanted = min(max(end_bottom - height, tab.scroll_y), field_top)
        wanted = max(wanted, field_top + field.outer_size.height - height)
        if wanted != tab.scroll_y:
            tab.scroll_to(y=wanted, animate=False, immediate=True)


def _row_in(tab: CompanyTab, widget: Widget) -> int:
    """The row of `widget`'s top within `tab`'s scrolled content: each widget's
    `virtual_region` is its place within its parent's content, whatever the scroll."""
    row = 0
    while widget is not tab and widget.parent is not None:
        row += widget.virtual_region.y
        widget = cast(Widget, widget.parent)
    return row


# The region a country change took out of a form's region row (follow_country), by row, with
# the country loaded when it was taken: it comes back only to that country as loaded, never
# after a save loaded another one (#16 trial: NY came back under France).
_set_aside: WeakKeyDictionary[FormField, tuple[str | None, str]] = WeakKeyDictionary()


def follow_country(form: FormSection, typed: str) -> None:
    """The region row of an address form as the country's post has it (store.forms.postal):
    "Province" for Canada, "Prefecture" for Japan, none for Germany (shown while it holds a
    value, so that what is there can be cleared); a region of another country is cleared. The
    postal code's row is named as the post names it ("ZIP code" in the US: store.forms.labels).
    The Billing address and the change request follow it alike."""
    row = form.field("state")
    code = country_code(typed) if typed else None
    if typed and code is None:
        return  # a name half typed: the row stays as it is until the country is known
    loaded = country_code(form.loaded.get("country") or "")
    if code is not None and not row.input.disabled:
        # Once the person changed the country, a region of another country goes
        # (store.forms.postal.region_kept, as on the command line); set aside, it comes back
        # with the country as loaded ("Me", Montenegro, on the way to typing Mexico again).
        origin, aside = _set_aside.pop(row, (None, ""))
        if origin != loaded:
            aside = ""  # taken before the address now loaded: not this address's region
        if row.value and code != loaded and region_kept(row.value, code) is None:
            _set_aside[row] = (loaded, row.value)
            row.set_value(None)
        elif aside and code != loaded:
            _set_aside[row] = (loaded, aside)
        elif aside and not row.value:
            row.set_value(aside)
    rule = region_rule(code)
    row.query_one(".form-field--label", Label).update(rule.label)
    # The postal code as the country's post names it: "ZIP code" in the US (#16 trial).
    form.field("postal_code").query_one(".form-field--label", Label).update(
        address_field_label("postal_code", code))
    row.display = rule.used or not code or bool(row.value)
    # The country's regions completed as typed (Ontario, Tokyo), or typed as a code, and a
    # list of those that match to choose from (the store's: region_matches).
    row.input.suggester = NameOrCode(rule.choices) if rule.choices else None
    row.set_choices(_region_choices(code) if code and rule.choices else None)


def _region_choices(country: str) -> Choices:
    def choices(typed: str) -> list[tuple[str, str]]:
        return [(name, f"{name}  {key}" if key.isascii() and key != name else name)
                for key, name in region_matches(country, typed)]

    return choices


def suggest_countries(form: FormSection, locale: str | None) -> None:
    """Country names completed as typed, accents and case aside, in the person's language or
    the country's own (a code is taken too): CountryNames; and a list of the countries that
    match what is typed to choose from (↓ ↑ Enter), the store's (country_matches, #16 trial:
    "chosen by name ... with type-to-filter")."""
    form.field("country").input.suggester = CountryNames(country_choices(locale))

    def choices(typed: str) -> list[tuple[str, str]]:
        return [(name, f"{name}  {code}") for code, name in country_matches(typed, locale)]

    form.field("country").set_choices(choices)


class NameOrCode(Suggester):
    """Names completed as typed, in any case (Ontario, Tokyo); a code typed in capitals (CA)
    completes to its own name (Canada), not to the first name that starts with those letters
    (Cambodia, #16 trial). `choices`: (code, name) pairs in the order offered."""

    def __init__(self, choices: Iterable[tuple[str, str]]) -> None:
        super().__init__(case_sensitive=True)
        pairs = list(choices)
        self.names = list(dict.fromkeys(name for _code, name in pairs))
        self.by_code = {code.upper(): name for code, name in reversed(pairs)}

    async def get_suggestion(self, value: str) -> str | None:
        if value.isupper() and value in self.by_code:
            return self.by_code[value]
        folded = value.casefold()
        return next((name for name in self.names if name.casefold().startswith(folded)), None)


class CountryNames(NameOrCode):
    """NameOrCode for countries: a name typed without its accents ("Etats") or in the country's
    own language ("Osterr", "Deutsch", "Sverige") completes too, from the store's names
    (store.forms.place_names.country_completion, #16 trial). Its first use loads pycountry's
    and CLDR's names: off the event loop."""

    def __init__(self, choices: Iterable[tuple[str, str]]) -> None:
        self.choices = list(choices)
        super().__init__(self.choices)

    async def get_suggestion(self, value: str) -> str | None:
        found = await super().get_suggestion(value)
        if found is not None:
            return found
        from store.forms.place_names import country_completion

        return await asyncio.to_thread(country_completion, value, self.choices)
