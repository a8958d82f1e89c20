"""Companies and their owners from the staff screens (SPEC §11, issue #18), as `mycompany
companies create|set-owner|close` does them: a new company and its owner (from the company
search, ctrl+n), a new owner and closing the company (from an opened company, ctrl+n and ctrl+l).

Admin staff only: the screens show the keys to admin staff (Actor.is_admin), and the store
decides (store.profile.companies: anyone else refused and recorded; a closed company refused). The
fields are the command line's (store.forms.console NEW_COMPANY and NEW_OWNER, the billing address
of store.forms.fields ADDRESS but its country, which is the company's).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Static

import store
import store.i18n
import store.profile.companies
from store.forms.console import NEW_COMPANY, NEW_OWNER
from store.forms.fields import ADDRESS, FormSpec
from store.i18n import _
from store.views import Actor

from ..formatting import safe_text
from ..widgets.form_dialog import FormDialog
from ..widgets.form_section import FieldLook, FormSection

if TYPE_CHECKING:
    from store.profile.companies import CompanyDetail

    from .company import CompanyScreen

# `companies create`'s fields, in its order: the company, its owner, then its billing address
# (optional: the owner may enter it; without it the billing run does not bill the company).
CREATE_FIELDS = FormSpec(name="new_company_with_address", fields=(
    *NEW_COMPANY.fields, *(field for field in ADDRESS.fields if field.name != "country")))



def looks() -> dict[str, FieldLook]:
    """The placeholders that say what to type, in the person's language."""
    return {
        "plan": FieldLook(placeholder=_("essentials or professional")),
        "term": FieldLook(placeholder=_("monthly, annual_monthly or annual_upfront")),
        "owner_login": FieldLook(placeholder=_("optional: the login they sign in with")),
        "trial_days": FieldLook(placeholder=_("optional: 1 to 365; 0 or empty, no trial"),
                                restrict=r"[0-9]*"),
        "line1": FieldLook(placeholder=_("optional: the owner may enter the address")),
        # The field's help (--state's) says where a region is needed; its row names the kind.
        "state": FieldLook(placeholder=_("by name or code, like CA, Ontario or Tokyo")),
        "reason": FieldLook(placeholder=_("required, kept in the audit trail")),
    }


class CompanyFormDialog(FormDialog["CompanyDetail | None"]):
    """A form of `spec` (`names` of it) whose ctrl+s calls `call(actor, typed)`, a
    store.profile.companies service; it closes with the company as the store answers, or shows what
    the store refused (by field, or in the banner) and stays."""

    DEFAULT_CSS = """
    CompanyFormDialog .dialog-summary {
        margin-bottom: 1;
    }
    """
    joined_pastes = frozenset({"reason"})

    def __init__(self, title: str, spec: FormSpec, actor: Actor,
                 call: Callable[[Actor, dict[str, str]], CompanyDetail], *,
                 names: tuple[str, ...] | None = None, summary: str = "",
                 save_label: str = "") -> None:
        super().__init__()
        self.title_text, self.spec, self.names = title, spec, names
        self.actor, self.call, self.summary = actor, call, summary
        self.save_label = save_label

    def dialog_title(self) -> str:
        return self.title_text

    def compose_fields(self) -> ComposeResult:
        if self.summary:
            yield Static(self.summary, classes="dialog-summary", markup=False)
        placeholders = looks()
        yield FormSection(self.spec, names=self.names, banner="dialog-banner",
                          id="company-form", looks={
                              field.name: placeholders.get(field.name,
                                                           FieldLook(placeholder=field.help))
                              for field in self.spec.fields})

    def submit(self) -> None:
        typed, actor, call = self.query_one(FormSection).typed(), self.actor, self.call
        self.send(lambda: call(actor, typed))


def new_company_dialog(actor: Actor) -> CompanyFormDialog:
    """Admin staff: a new company, its plan and owner (`companies create`)."""
    return CompanyFormDialog(_("New company"), CREATE_FIELDS, actor,
                             store.profile.companies.create_company, save_label=_("Create"))


def ask_new_owner(screen: CompanyScreen) -> None:
    """Admin staff, on an opened company: its new owner, with a reason (`companies set-owner`);
    the owner before stays, as an admin of the company."""
    company_id = screen.context.company_id

    def done(detail: CompanyDetail | None) -> None:
        if detail is not None:
            screen.app.notify(_("{email} owns {company} now.").format(
                email=safe_text(detail.owner_email), company=safe_text(detail.name)),
                markup=False)
            reload_tabs(screen)

    screen.app.push_screen(CompanyFormDialog(
        _("Change the owner of {company}").format(company=safe_text(screen.company_name)),
        NEW_OWNER, screen.context.actor,
        lambda actor, typed: store.profile.companies.set_owner(actor, company_id, typed),
        summary=_("The owner now stays, as an admin of the company."),
        save_label=_("Change owner")), done)


def ask_close(screen: CompanyScreen) -> None:
    """Admin staff, on an opened company: close it, asked first, with a reason (`companies
    close`): its data is kept, read-only."""
    from .confirm import ConfirmModal

    company_id = screen.context.company_id
    # Named with its number: two companies may share a name (#18 trial)
    name = _("{name} (company {id})").format(name=safe_text(screen.company_name), id=company_id)

    def done(detail: CompanyDetail | None) -> None:
        if detail is not None:
            screen.app.notify(_("{company} is closed: its data is kept, read-only.").format(
                company=safe_text(detail.name)), markup=False)
            screen.show_closed(detail.closed_at)
            reload_tabs(screen)

    def answered(yes: bool | None) -> None:
        if yes:
            screen.app.push_screen(CompanyFormDialog(
                _("Close {company}").format(company=name), NEW_OWNER, screen.context.actor,
                lambda actor, typed: store.profile.companies.close_company(actor, company_id,
                    typed),
                names=("reason",), save_label=_("Close company")), done)

    screen.app.push_screen(ConfirmModal(
        _("Close {company}? Its invoices, trail and people are kept, and nothing in it can "
          "change any more.").format(company=name), confirm_label=_("Close company")), answered)


def reload_tabs(screen: CompanyScreen) -> None:
    """Every built tab reads again: the owner and the trail changed."""
    for tab in screen.mounted_tab_widgets():
        tab.reload()


def to_search(screen: CompanyScreen) -> None:
    """Close `screen` (a company) and every screen above the company search: a company is opened
    from the search, from History across companies or from the request queue, and ctrl+f goes
    back to the search from each (#18 trial: from History it went back to History). With no
    search below (an owner's own company), back to the screen below."""
    from .search import SearchScreen

    search = next((below for below in reversed(screen.app.screen_stack)
                   if isinstance(below, SearchScreen)), None)
    if search is None:
        screen.dismiss()
    else:
        search.pop_until_active()
