"""The billing run's report (`mycompany invoices issue`): its text, one line per invoice made
then the companies not billed, each named as its invoice would name it, and its documented JSON
(README). What happened is the store's (store.invoicing.billing_run.RunSummary)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.i18n import _, colon, ngettext
from store.money import from_minor

from .formatting import money, safe_text

if TYPE_CHECKING:
    from store.invoicing.at_issue import Collected
    from store.invoicing.billing_run import RunSummary


def summary_json(summary: RunSummary, *, stopped: str | None = None) -> dict:
    """The documented shape of `invoices issue --json` (README); `stopped`: the line saying a
    Ctrl-C stopped the run (None: it ran to the end)."""
    return {
        "period": summary.period, "dry_run": summary.dry_run, "stopped": stopped,
        "issued": [{"company": i.company_id, "number": i.number, "currency": i.currency,
                    "subtotal": from_minor(i.subtotal_minor, i.currency),
                    "tax": from_minor(i.tax_minor, i.currency),
                    "total": from_minor(i.total_minor, i.currency), "tax_rule": i.tax_rule,
                    "due_on": i.due_on} for i in summary.issued],
        "already_invoiced": summary.already,
        "not_billed": [{"company": cid, "reason": reason} for cid, reason in summary.not_billed],
        "missing": [{"company": cid, "periods": periods} for cid, periods in summary.missing],
        "paid_at_issue": summary.collected.paid if summary.collected else [],
        # of which: no card charged, or the card charged after credit notes (#17 trial)
        "settled_by_credit_notes": summary.collected.by_credits if summary.collected else [],
        "charged_after_credit_notes": (summary.collected.after_credits if summary.collected
                                       else []),
        "not_emailed": [{"company": cid, "number": number, "reason": "no recipient"}
                        for cid, number in summary.not_emailed],
        "still_open": [{"company": cid, "invoices": numbers}
                       for cid, numbers in summary.still_open],
        "declined": summary.collected.declined if summary.collected else [],
        # left to the payer charging the company at that moment: an owner's Pay now, another run
        "charged_elsewhere": summary.collected.under_way if summary.collected else [],
        "busy": summary.busy,
        "delivery": summary.delivery.model_dump(mode="json") if summary.delivery else None,
    }


NAMED = 10  # companies not billed named one by one in the text summary


def summary_text(summary: RunSummary, locale: str, *, stopped: str | None = None) -> str:
    """One line per invoice made, then the counts of the others; `stopped` (a Ctrl-C's line,
    which counts the invoices itself) last."""
    lines = []
    for i in summary.issued:
        total = money(from_minor(i.total_minor, i.currency), i.currency, locale)
        number = _("(dry run)") if summary.dry_run else i.number  # a number not taken yet
        lines.append(f"{number}  {safe_text(i.company_name)}  {total}")
    made = len(summary.issued)
    if stopped is None and summary.dry_run:
        lines.append(ngettext("{count} invoice would be issued for {period}; nothing was written.",
                              "{count} invoices would be issued for {period}; nothing was "
                              "written.", made).format(count=made, period=summary.period))
    elif stopped is None:
        lines.append(ngettext("{count} invoice issued for {period}.",
                              "{count} invoices issued for {period}.", made).format(
                                  count=made, period=summary.period))
    if summary.already:
        lines.append(ngettext("{count} company already invoiced for this period.",
                              "{count} companies already invoiced for this period.",
                              len(summary.already)).format(count=len(summary.already)))
    if summary.not_billed:
        lines.append(ngettext("{count} company not billed for this period.",
                              "{count} companies not billed for this period.",
                              len(summary.not_billed)).format(count=len(summary.not_billed)))
        # Which and why, as far as a screen holds them (--json lists every one).
        lines += [f"  {colon(_company(summary, cid))} {safe_text(reason)}"
                  for cid, reason in summary.not_billed[:NAMED]]
        if len(summary.not_billed) > NAMED:
            lines.append("  " + _("… and {count} more (--json lists them all)").format(
                count=len(summary.not_billed) - NAMED))
    collected = summary.collected
    if collected is not None and summary.dry_run:
        lines += _foreseen_lines(collected)
    elif collected is not None:
        lines += _collected_lines(collected)
    if collected is not None and collected.declined:
        lines.append(ngettext(
            "{count} card declined; the invoice stays open: {numbers}.",
            "{count} cards declined; the invoices stay open: {numbers}.",
            len(collected.declined)).format(count=len(collected.declined),
                                            numbers=", ".join(collected.declined)))
    if summary.busy:
        lines.append(ngettext(
            "{count} company was skipped, the database busy with another change: run again.",
            "{count} companies were skipped, the database busy with another change: run again.",
            len(summary.busy)).format(count=len(summary.busy)))
    lines += _per_company(summary, [(cid, _("{number} not e-mailed: no recipient").format(
        number=number)) for cid, number in summary.not_emailed])
    # Older invoices, and on a re-run the period's own when the run was not to charge it
    # (issued while the company had no card: store.invoicing.at_issue.still_to_charge).
    lines += _per_company(summary, [(cid, ngettext(
        "{count} invoice still open, not charged by the run (the owner pays it): {numbers}",
        "{count} invoices still open, not charged by the run (the owner pays them): "
        "{numbers}", len(numbers)).format(count=len(numbers), numbers=", ".join(numbers)))
        for cid, numbers in summary.still_open])
    for cid, periods in summary.missing:
        lines.append(_("{company} was never invoiced for {periods}: issue them with "
                       "--period and --company {id}.").format(
                           company=_company(summary, cid), id=cid, periods=", ".join(periods)))
    if stopped is not None:
        lines.append(stopped)
    return "\n".join(lines)


def _collected_lines(collected: Collected) -> list[str]:
    """What the charge at issue did, worded as it happened: the card alone, credit notes then
    the card, or credit notes alone with no charge (#17 trial)."""
    lines = []
    by_card = len(collected.paid) - len(collected.by_credits) - len(collected.after_credits)
    if by_card:
        lines.append(ngettext("{count} invoice paid at once by the card on file.",
                              "{count} invoices paid at once by the card on file.",
                              by_card).format(count=by_card))
    if collected.after_credits:
        count = len(collected.after_credits)
        lines.append(ngettext(
            "{count} invoice charged to the card on file after credit notes.",
            "{count} invoices charged to the card on file after credit notes.",
            count).format(count=count))
    if collected.by_credits:
        count = len(collected.by_credits)
        lines.append(ngettext("{count} invoice settled by credit notes; no card charged.",
                              "{count} invoices settled by credit notes; no card charged.",
                              count).format(count=count))
    if collected.under_way:
        count = len(collected.under_way)
        lines.append(ngettext(
            "{count} invoice not charged here: another payment of the company was under way "
            "(Pay now, or another run); see its status with invoices show: {numbers}.",
            "{count} invoices not charged here: another payment of the company was under way "
            "(Pay now, or another run); see their status with invoices show: {numbers}.",
            count).format(count=count, numbers=", ".join(collected.under_way)))
    return lines


def _foreseen_lines(collected: Collected) -> list[str]:
    """What a dry run says the run would charge (store.invoicing.at_issue.would_collect), worded
    as _collected_lines words what it did, the bank not asked (#17 trial: the dry run said
    nothing of the 75 invoices the run then charged)."""
    lines = []
    by_card = len(collected.paid) - len(collected.by_credits) - len(collected.after_credits)
    if collected.after_credits:  # as the run says it (verification trial: "after credit notes")
        count = len(collected.after_credits)
        lines.append(ngettext(
            "{count} invoice would be charged to the card on file after credit notes.",
            "{count} invoices would be charged to the card on file after credit notes.",
            count).format(count=count))
    if by_card:
        lines.append(ngettext(
            "{count} invoice would be charged to the card on file (the bank may still decline "
            "it; --json names it).",
            "{count} invoices would be charged to the card on file (the bank may still decline "
            "them; --json names them).", by_card).format(count=by_card))
    if collected.by_credits:
        count = len(collected.by_credits)
        lines.append(ngettext("{count} invoice would be settled by credit notes; no card "
                              "charged.",
                              "{count} invoices would be settled by credit notes; no card "
                              "charged.", count).format(count=count))
    return lines


def _company(summary: RunSummary, cid: int) -> str:
    """A company of the run as its report names it: "Blue Harbor Inc. (company 3)", as its
    issued lines name it (#17 trial: "Company 3: …"); "Company 3" when the run has no name."""
    name = summary.names.get(cid)
    if name is None:
        return _("Company {id}").format(id=cid)
    return _("{name} (company {id})").format(name=safe_text(name), id=cid)


def _per_company(summary: RunSummary, notes: list[tuple[int, str]]) -> list[str]:
    """One line per company ("  Blue Harbor Inc. (company 3): …"), as far as a screen holds
    them."""
    lines = [f"  {colon(_company(summary, cid))} {safe_text(note)}"
             for cid, note in notes[:NAMED]]
    if len(notes) > NAMED:
        lines.append("  " + _("… and {count} more (--json lists them all)").format(
            count=len(notes) - NAMED))
    return lines
