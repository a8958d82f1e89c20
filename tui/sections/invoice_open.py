"""An invoice of the invoices section (R12) opened: shown in full (Enter), with y to pay it
when it is open, or saved as a PDF (d). Both read and write off the event loop; a failure is one
line under the list. Moved out of tui/sections/invoices.py (#14: every Billing section at most
250 lines)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.widgets import Static

import store
import store.errors
import store.invoicing.invoices
from store.i18n import _

from ..formatting import safe_text
from ..widgets.form_section import SAVING
from ..widgets.store_call import Outcome, call_off_loop
from .base import BillingSection

if TYPE_CHECKING:
    from .invoices import InvoicesSection


def show_in_full(section: InvoicesSection) -> None:
    """The highlighted invoice in full (lines, tax and its rule, status, due date, payment) in a
    dialog, read off the event loop; the section's payer offered as y on an open invoice."""
    number = section.highlighted()
    if number is None:
        return
    import store.invoicing.invoice_detail

    context = section.context
    actor, company_id, locale = context.actor, context.company_id, context.locale

    listed = next((item.status for item in section.page.items if item.number == number), None)

    def shown(outcome: Outcome[store.invoicing.invoice_detail.InvoiceDetailView]) -> None:
        try:
            view = outcome.unwrap()
        except store.errors.StoreError as exc:
            download_line(section, exc.message, error=True)
            section.post_message(BillingSection.Outdated())
            return
        if view.status != listed:  # paid, credited or past due since the list was read
            section.post_message(BillingSection.Outdated())
        from ..invoices_cli import detail_text
        from ..screens.invoice_entry import InvoiceEntryModal

        payable = view.kind == "invoice" and view.status in ("open", "past_due")
        width = min(section.app.size.width, 76) - 8  # the dialog's text, within its border
        section.app.push_screen(InvoiceEntryModal(detail_text(view, locale, width).split("\n"),
                                                  view.number,
                                                  section.payer if payable else None))

    call_off_loop(section, lambda: store.invoicing.invoice_detail.invoice_detail(actor, company_id,
                                                                       number), shown,
                  group=SAVING)


def download(section: InvoicesSection) -> None:
    """Save the highlighted invoice as a PDF and say where (or why not). The PDF is made and
    written off the event loop; "Saving…" shows meanwhile, and another d waits."""
    number = section.highlighted()
    if number is None:
        download_line(section, _("There is no invoice to download."), error=True)
        return
    if section.downloading:
        return
    section.downloading = True
    download_line(section, _("Saving invoice {number} as a PDF…").format(number=number),
                  error=False)
    context = section.context
    actor, company_id = context.actor, context.company_id
    folder = section.download_folder  # in the company's document language (the store's)
    call_off_loop(section, lambda: store.invoicing.invoices.download_invoice(
        actor, company_id, number, out_dir=folder),
        lambda outcome: _downloaded(section, number, outcome), group=SAVING)


def _downloaded(section: InvoicesSection, number: str, outcome: Outcome[Path]) -> None:
    section.downloading = False
    try:
        path = outcome.unwrap()
    except store.errors.FileFailure as exc:  # the downloads folder: no choosing it here
        download_line(section, exc.message + " " + _(
            "To save it in another folder: mycompany invoices download {number} --out "
            "FOLDER").format(number=number), error=True)
        return
    except store.errors.StoreError as exc:
        download_line(section, exc.message, error=True)
        section.post_message(BillingSection.Outdated())  # gone since the list was read
        return
    except OSError as exc:
        download_line(section, _("The PDF could not be saved: {reason}").format(
            reason=safe_text(exc.strerror or exc)), error=True)
        return
    saved = _("Saved to {path}").format(path=safe_text(path))
    download_line(section, saved, error=False)
    section.notify(saved, title=_("Invoice {number}").format(number=safe_text(number)),
                   markup=False)


class DownloadLine(Static):
    """The line under the invoice list: where the last PDF went, or why an invoice could not
    be shown or saved (hidden until there is one)."""

    DEFAULT_CSS = """
    DownloadLine {
        display: none;
        color: $text-success;
    }
    DownloadLine.-shown {
        display: block;
    }
    DownloadLine.-error {
        color: $text-error;
    }
    """


def download_line(section: InvoicesSection, message: str, *, error: bool) -> None:
    """`message` on the line under the list (an error in the error colour)."""
    result = section.query_one("#download-result", DownloadLine)
    result.update(safe_text(message))  # a store message may quote a planted invoice number
    result.set_class(True, "-shown")
    result.set_class(error, "-error")
