"""Invoices (R12): the paged list, and a PDF of one invoice as it was issued."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, cast

from peewee import JOIN, Case, fn

from store import clock
from store.errors import FileFailure, NotFound, Refused, file_failure
from store.i18n import _, supported_locale
from store.invoicing.invoice_states import deducted_column, deducted_from, deducted_numbers
from store.money import from_minor
from store.people.access import ensure_can_read, ensure_may
from store.people.identity import ensure_local_files, ensure_signed_in
from store.persistence.db import transaction
from store.persistence.models import BillingAddress, Company, Invoice, InvoiceLine
from store.places.zones import company_today, company_zone
from store.trail.audit import record, recorded_before_output, refusals_recorded
from store.views import Actor, InvoicePage, InvoiceRowView, rows_before

if TYPE_CHECKING:  # the PDF library loads when an invoice is printed
    from peewee import ModelSelect

    from store.documents.pdf import InvoiceDocument

INVOICE_NUMBER = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,31}$")
# The company a number of a series names (INV-000003-0001, CN-000003-0001: store.invoicing.series)
SERIES_COMPANY = re.compile(r"^(?:INV|CN)-(\d{1,12})-\d+$")
ROW_FIELDS = (Invoice.number, Invoice.kind, Invoice.issued_on, Invoice.period_start,
              Invoice.period_end, Invoice.currency, Invoice.total_minor, Invoice.status,
              Invoice.due_on, Invoice.paid_on, Invoice.paid_with, Company.time_zone,
              BillingAddress.country)


def prorated_line() -> ModelSelect[InvoiceLine]:
    """A correlated subquery for a select of Invoice: one of the invoice's prorated lines'
    stored description ("User licences, 2025-09-28 to 2025-09-30 (3/30 days)",
    store.plans.proration), NULL when it has none. Every prorated line of an invoice charges the
    same days (the days left of the month before its first billed month,
    store.plans.proration.remainder_before), so one tells service_period where it starts: a
    list or an export reads the period in the same statement as the rest of the row."""
    return (InvoiceLine.select(fn.MIN(InvoiceLine.description))
            .where((InvoiceLine.invoice == Invoice.id)
                   & InvoiceLine.description.endswith(" days)")))


def service_period(period_start: date, period_end: date,
                   descriptions: Iterable[str | None]) -> tuple[date, date]:
    """The days an invoice charges (first, last), as every surface says them: the list and
    `show invoices` and their JSON, `export invoices`, the detail and `invoices show`, the PDF
    and the e-mail. `period_start`/`period_end` as stored (its billing month, or twelve months
    paid upfront); `descriptions` its stored lines' (all of them, or prorated_line's one; None
    ignored). From the first day of a prorated line when it comes before the billing month (a
    first invoice: Sep 28 – Oct 31, 2025; #17 trial: the list, its JSON and the export said
    October while the detail and the PDF said Sep 28 – Oct 31), else from `period_start`; to
    `period_end` (store.plans.proration.covered_from)."""
    from store.plans.proration import covered_from

    return covered_from(period_start, (text for text in descriptions if text)), period_end


def shown_status(status: str, kind: str, due_on: date | None, today: date) -> str:
    """An invoice's status as people read it (SPEC §5): an open invoice after its due date is
    past_due; the stored status otherwise (open, paid; a credit note's open, applied)."""
    if kind == "invoice" and status == "open" and due_on is not None and due_on < today:
        return "past_due"
    return status


def due_date(kind: str, due_on: date | None) -> date | None:
    """The day an invoice is due, as every surface shows it (the list, `show invoices`, the
    detail, the PDF): its `due_on`; None for a credit note, which the customer does not pay
    (#17 trial: `show invoices` gave a credit note a due date the Billing tab left empty)."""
    return due_on if kind == "invoice" else None


def paid_by(paid_with: str | None) -> Literal["card", "credit_note"] | None:
    """What paid an invoice, from `paid_with` as store.invoicing.payments.paid_with keeps it
    ("CN-000002-0001, Visa •••• 4242"): "card" when a card was charged (for the rest, after
    any credit notes), "credit_note" when credit notes covered it all; None for nothing or a
    text of no known form."""
    text = (paid_with or "").strip()
    if "••••" in text:
        return "card"
    return "credit_note" if text.startswith("CN-") else None


def list_invoices(actor: Actor, company_id: int, page: int = 1, page_size: int = 50, *,
                  known_total: int | None = None, known_open: int = 0) -> InvoicePage:
    """One page of the company's invoices, newest first (at most 200 rows), with how many of
    them are open (InvoicePage.open_invoices: what Pay now would pay).

    One query for the page (with what each applied credit note was deducted from), one to count
    them (all, and the open ones); a page change passes the counts it already has
    (`known_total`, `known_open`) and costs the page's query alone.
    """
    ensure_can_read(actor, company_id, "invoices.read")
    page = max(1, page)
    page_size = max(1, min(page_size, 200))
    # .objects(): the company's zone and country on each row itself (row.time_zone,
    # row.country), not on a related Company the row's selected columns cannot build.
    query = (Invoice.select(*ROW_FIELDS, prorated_line().alias("prorated"),
                            deducted_column().alias("deducted")).join(Company)
             .join(BillingAddress, JOIN.LEFT_OUTER, on=(BillingAddress.company == Company.id))
             .where(Invoice.company == company_id).objects())
    total, open_count = (known_total, known_open) if known_total is not None else (
        _counts(company_id))
    offset = rows_before(page, page_size, total)
    on_page = 0 if offset is None else min(page_size, total - offset)
    if offset is None:
        rows = []  # past the last page: nothing to list (rows_before)
    elif offset > total // 2:
        # The older half: walk the index from the other end, so no page skips more than half
        # of the invoices (OFFSET costs one step per row skipped).
        rows = list(query.order_by(Invoice.issued_on.asc(), Invoice.id.asc())
                    .offset(total - offset - on_page).limit(on_page))[::-1]
    else:
        rows = list(query.order_by(Invoice.issued_on.desc(), Invoice.id.desc()).offset(
            offset).limit(page_size))
    # The day that decides "past due" is the company's (SPEC §2 Time): its own zone, else its
    # billing address's country's, read in the same query: store.places.zones.company_today's day,
    # the one the billing run issues on (an invoice is never past due on its issue day).
    first: Any = rows[0] if rows else None  # .objects(): the joined columns are on the row
    today = clock.today(company_zone(first.time_zone, first.country)) if rows else None
    # An applied credit note names the invoices it was deducted from (#17), read in the row.
    items = [_row_view(r, cast(date, today), deducted_numbers(cast(Any, r).deducted))
             for r in rows]
    return InvoicePage(items=items, page=page, page_size=page_size, total_count=total,
                       open_invoices=open_count)


def _row_view(r: Any, today: date, used: list[str]) -> InvoiceRowView:
    """A row of list_invoices' query as the list shows it: the status on the company's `today`,
    the days it charges (service_period, from the row's `prorated` line); a credit note used on
    the invoices `used`."""
    first, last = service_period(r.period_start, r.period_end, [r.prorated])
    return InvoiceRowView(number=r.number, kind=cast(Literal["invoice", "credit_note"], r.kind),
                          issued_on=r.issued_on, period_start=first, period_end=last,
                          currency=r.currency, total=from_minor(r.total_minor, r.currency),
                          status=shown_status(r.status, r.kind, r.due_on, today),
                          due_on=due_date(r.kind, r.due_on), paid_on=r.paid_on,
                          paid_with=r.paid_with, paid_by=paid_by(r.paid_with),
                          deducted_from=used)


def _counts(company_id: int) -> tuple[int, int]:
    """The company's invoices and credit notes, and how many of its invoices are open (past due
    ones too: store.invoicing.payments pays the stored status "open"), in one query."""
    payable = (Invoice.kind == "invoice") & (Invoice.status == "open")
    row = cast(tuple[int, int], Invoice.select(
        fn.COUNT(Invoice.id), fn.COALESCE(fn.SUM(Case(None, [(payable, 1)], 0)), 0)).where(
        Invoice.company == company_id).tuples().get())
    return int(row[0]), int(row[1])


def find_invoice(company_id: int, number: str, *, kind: str | None = None,
                 query: ModelSelect[Invoice] | None = None, actor: Actor | None = None) -> Invoice:
    """Company `company_id`'s invoice or credit note `number` as typed (spaces around it and
    case ignored), of `kind` ("invoice", "credit_note") when given, read through `query` (a
    select of Invoice; default all its columns). NotFound (exit 5) otherwise: another
    company's number reads exactly like a missing one, so nothing leaks about it. The one
    lookup of an invoice by number (SPEC §5); the caller checks who may read it.

    `actor`, the person reading: a company user naming a number of another company's series
    (INV-000003-0001 names company 3, store.invoicing.series) reaches into it: Refused (exit
    3), recorded in their own company's trail as every such reach (README, Data safety; #18
    trial: it was a NotFound, unrecorded). Decided from the number alone: the refusal says
    nothing of whether that invoice exists."""
    wanted = (number or "").strip().upper()
    invoice: Invoice | None = None
    if INVOICE_NUMBER.match(wanted):
        where = (Invoice.number == wanted) & (Invoice.company == company_id)
        if kind is not None:
            where &= Invoice.kind == kind
        invoice = (query if query is not None else Invoice.select()).where(where).first()
    if invoice is None:
        series = SERIES_COMPANY.match(wanted)
        if actor is not None and not actor.is_staff and series is not None \
                and int(series.group(1)) != company_id:
            refusal = Refused(_("{number} is another company's invoice number: you may see "
                                "only your company's invoices.").format(number=wanted[:40]),
                              field="invoice", attempted=wanted[:40])
            with transaction():  # in the reacher's trail, naming the company reached (record)
                record(actor, int(series.group(1)), "invoice.read", field="invoice",
                       new=refusal.attempted, outcome="refused", reason=refusal.message)
            refusal.recorded = True
            raise refusal
        raise NotFound(_("Company {id} has no invoice {number}.").format(
            id=company_id, number=(number or "")[:40]))
    return invoice


def invoice_company(actor: Actor, number: str, action: str = "invoice.read", *,
                    tried: Mapping[str, object] | None = None,
                    given: Mapping[str, object] | None = None) -> int:
    """The company an invoice or credit note `number` (as typed: find_invoice's rules) belongs
    to, so that staff can name an invoice without naming its company (numbers are unique across
    companies, SPEC §5); a person of a company gets their own company, whatever the number
    (whose invoice it is they learn from find_invoice only when it is theirs). NotFound (exit 5)
    when no company has it.

    `action`: what the person means to do with it (a trail action name: "invoice.credit",
    "invoice.resend"; "invoice.read", every staff member's, by default). Whether they may do it
    at all is decided first (store.people.access.ensure_may: Refused, exit 3, recorded as a
    vendor-wide line naming the number tried), so a person who may not learns nothing of
    whether the number exists (#18 trial: support's `invoices credit` of a number no one has
    read "There is no invoice …", exit 5; of an existing one, exit 3). `tried` (default: the
    number) and `given` (the reason) are kept on the refusal's line, as the service would."""
    ensure_signed_in(actor)
    if actor.company_id is not None:
        return actor.company_id
    wanted = (number or "").strip().upper()
    if action != "invoice.read":
        ensure_may(actor, None, action, tried=tried or {"invoice": wanted[:40]}, given=given)
    company_id = Invoice.select(Invoice.company).where(Invoice.number == wanted).scalar() \
        if INVOICE_NUMBER.match(wanted) else None
    if company_id is None:
        raise NotFound(_("There is no invoice {number}.").format(number=(number or "")[:40]))
    return cast(int, company_id)


def _invoice(actor: Actor, company_id: int, number: str) -> Invoice:
    ensure_can_read(actor, company_id, "invoice.read")
    return find_invoice(company_id, number, actor=actor)


class ShownLine(NamedTuple):
    """A document's line as it is shown: its description naming the period it covers, the
    quantity, the unit price and the amount in major units of the document's currency."""

    description: str
    quantity: int
    unit: Decimal
    amount: Decimal


def shown_lines(inv: Invoice, locale: str | None = None,
                gettext: Callable[[str], str] | None = None) -> tuple[date, list[ShownLine]]:
    """(the first day `inv` charges, its lines) as every reader shows them: the invoice detail
    (Billing, `invoices show` and its JSON) and the PDF alike, each description written for a
    reader of `locale` with `gettext` (default: the screens' language and catalogue; the PDF
    passes its document's), naming the period it covers: "User licences, December 2026",
    "User licences, Nov 15 – 30, 2026 (16/30 days)" (store.plans.proration.lines_with_periods
    then line_text; #17 trial: the JSON said "2026-12-01 to 2026-12-31" where the text, the PDF
    and the e-mail said December 2026). In the stored order; the first day as service_period
    says it. One query."""
    from store.plans.proration import line_text, lines_with_periods

    rows = list(InvoiceLine.select().where(InvoiceLine.invoice == inv.id)
                .order_by(InvoiceLine.position))
    stored = [row.description for row in rows]
    texts = lines_with_periods(inv.period_start, inv.period_end, stored)
    cur = inv.currency
    first, _last = service_period(inv.period_start, inv.period_end, stored)
    return (first, [ShownLine(line_text(text, locale, gettext), row.quantity,
                              from_minor(row.unit_minor, cur), from_minor(row.amount_minor, cur))
                    for row, text in zip(rows, texts, strict=True)])


def invoice_document(actor: Actor, company_id: int, number: str) -> InvoiceDocument:
    """The stored invoice as a printable document in the company's document_language: lines,
    totals, the tax rule and its mention, the address as issued, due and paid dates and the
    card used, the status as the Billing tab shows it (Past due after the due date), and the
    seller's legal details as issued (store.invoicing.seller.issued_seller).

    NotFound (exit 5) for a number the company has no invoice under (another company's too), or
    while the seller's settings are not set; Refused (exit 3) when `actor` may not read the
    company (R1, R12)."""
    from store.documents.pdf import InvoiceDocument, InvoiceLineDoc
    from store.i18n import language_of, translation
    from store.invoicing.credit_notes import document_credits
    from store.invoicing.payment_parts import payments_of
    from store.invoicing.seller import issued_seller

    inv = _invoice(actor, company_id, number)
    seller = issued_seller(inv.seller_details)  # as issued (#17), else the current settings
    # Past due as the Billing tab says it: after the due date on the company's calendar, the
    # one the billing run issues on (store.places.zones.company_today).
    today = company_today(company_id)
    cur = inv.currency
    language = document_language(company_id)  # the lines in the document's words
    covered, lines = shown_lines(inv, language, translation(language_of(language)).gettext)

    return InvoiceDocument(
        number=inv.number, kind=cast(Literal["invoice", "credit_note"], inv.kind),
        issued_on=inv.issued_on, period_start=covered, period_end=inv.period_end,
        currency=cur, status=shown_status(inv.status, inv.kind, inv.due_on, today),
        lines=[InvoiceLineDoc(**line._asdict()) for line in lines],
        subtotal=from_minor(inv.subtotal_minor, cur),
        tax_rate=Decimal(inv.tax_rate_permille) / 10,
        tax=from_minor(inv.tax_minor, cur), total=from_minor(inv.total_minor, cur),
        company_name=inv.bill_to_name, bill_to_line1=inv.bill_to_line1,
        bill_to_line2=inv.bill_to_line2, bill_to_postal_code=inv.bill_to_postal_code,
        bill_to_city=inv.bill_to_city, bill_to_state=inv.bill_to_state,
        bill_to_country=inv.bill_to_country, bill_to_vat_number=inv.bill_to_vat_number,
        seller=seller,
        tax_rule=inv.tax_rule, tax_mention=inv.tax_mention,
        due_on=due_date(inv.kind, inv.due_on), paid_on=inv.paid_on, paid_with=inv.paid_with,
        **cast(dict[str, Any], document_credits(inv)),  # InvoiceDocument's credit fields
        payments=[(p.paid_by, p.amount) for p in payments_of(inv)],  # with amounts (#17)
        deducted_from=deducted_from(company_id, [inv.number] if inv.kind == "credit_note"
                                    else []).get(inv.number, []),
    )


def default_download_folder() -> Path:
    """The person's downloads folder (platformdirs), created 0700 when it does not exist yet."""
    import platformdirs

    folder = platformdirs.user_downloads_path()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:  # under a file, on a read-only disk: one line (FileFailure, exit 1)
        raise file_failure(exc, _("Cannot save into {folder}").format(folder=folder)) from exc
    return folder


def download_invoice(actor: Actor, company_id: int, number: str,
                     out_dir: str | Path | None = None) -> Path:
    """Write the invoice's PDF into `out_dir` (default: downloads), never overwriting a file.

    In the company's document language (document_language), whoever downloads it and whatever
    language their screens are in: the document its recipients were e-mailed. Recorded before
    the file is made (`_recorded_pdf`); a file not written then: FileFailure, the line kept."""
    from store.documents.pdf import save_new_file

    with refusals_recorded(actor, company_id, "invoice.download",
                           tried={"invoice": (number or "").strip()[:40]}):
        doc = invoice_document(actor, company_id, number)
        ensure_local_files(actor, "invoice.download", company_id, _(
            "fetch the PDF instead: ssh … invoices download {number} --out - > {number}.pdf"
        ).format(number=doc.number))
        folder = Path(out_dir) if out_dir else default_download_folder()
        if not folder.is_dir():
            raise FileFailure(_folder_missing(folder))
        return save_new_file(folder, f"{doc.number}.pdf", _recorded_pdf(actor, doc, company_id))


def _recorded_pdf(actor: Actor, doc: InvoiceDocument, company_id: int) -> bytes:
    """The PDF of `doc`, its download recorded before it leaves (store.trail.audit
    .recorded_before_output: not recorded, "Nothing was downloaded", exit 6)."""
    data = _render(doc, company_id)
    with recorded_before_output(_("Nothing was downloaded: History records each download "
                                  "before it is made, and could not.")):
        record(actor, company_id, "invoice.download", field="invoice", new=doc.number)
    return data


def _folder_missing(folder: Path) -> str:
    """Why `folder` cannot take a download: a file, or no such folder (named up to the part of
    the path that exists, when that part is a file: `--out report.pdf/x`)."""
    if folder.exists():
        return _("{folder} is a file, not a folder; choose a folder.").format(folder=folder)
    for parent in folder.parents:
        if parent.exists():
            if not parent.is_dir():
                return _("{parent} is a file, so {folder} cannot be a folder; choose a "
                         "folder.").format(parent=parent, folder=folder)
            break
    return _("There is no folder {folder}; choose an existing folder.").format(folder=folder)


def invoice_pdf(actor: Actor, company_id: int, number: str) -> bytes:
    """The invoice's PDF as bytes (`invoices download N --out -` writes them to stdout, as over
    SSH); its language, rights, refusals and trail line (written first) as `download_invoice`."""
    with refusals_recorded(actor, company_id, "invoice.download",
                           tried={"invoice": (number or "").strip()[:40]}):
        return _recorded_pdf(actor, invoice_document(actor, company_id, number), company_id)


def document_language(company_id: int) -> str:
    """The language of company `company_id`'s invoices and credit notes (a supported locale:
    "fr", "en"; store.i18n.supported_locale): its document locale (Company.locale, English for
    one without a catalogue). One issued invoice is one document (#17 trial: `--lang fr` and
    the French screens downloaded a French PDF of an invoice e-mailed in English): the e-mail
    and its attachment (store.invoicing.delivery), every download and the tax mention written
    at issue (store.invoicing.billing_run) read the company's document locale, never the
    reader's --lang, MYCOMPANY_LANG or screens. One query."""
    return language_of_documents(
        Company.select(Company.locale).where(Company.id == company_id).scalar())


def language_of_documents(company_locale: str | None) -> str:
    """The document language of a company whose stored locale is `company_locale`
    (document_language's rule, for a caller that read the company already: the e-mail of an
    invoice, store.invoicing.delivery)."""
    return supported_locale(company_locale)


def _render(doc: InvoiceDocument, company_id: int) -> bytes:
    from store.documents.pdf import render_invoice_pdf

    return render_invoice_pdf(doc, locale=document_language(company_id))
