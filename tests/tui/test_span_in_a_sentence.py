"""A span of days inside a sentence is worded by the sentence, each language its own way (#18
verification: the Plan tab's « Première facture, 1 janv. 2027 : 235,17 € HT, pour 15 déc. 2026 –
31 janv. 2027 » reads « du 15 déc. 2026 au 31 janv. 2027 »): the message takes the span's two
ends, {first} and {last} (store.i18n.dates.span_ends), never the span written alone."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

import tui.periods
from store.i18n.dates import span_ends

FIRST_EN = "First invoice, {date}: {total} excl. VAT, for {first} – {last}"
FIRST_FR = "Première facture, {date} : {total} HT, du {first} au {last}"


@pytest.mark.parametrize(("first", "last", "en", "fr"), [
    (date(2026, 12, 15), date(2027, 1, 31), ("Dec 15, 2026", "Jan 31, 2027"),
     ("15 déc. 2026", "31 janv. 2027")),
    (date(2026, 11, 15), date(2026, 12, 31), ("Nov 15", "Dec 31, 2026"),
     ("15 nov.", "31 déc. 2026")),
    (date(2026, 12, 15), date(2026, 12, 31), ("Dec 15", "31, 2026"), ("15", "31 déc. 2026")),
])
def test_a_span_has_two_ends_as_short_as_the_span_writes_them(first, last, en, fr):
    assert span_ends(first, last, "en") == en
    assert span_ends(first, last, "fr") == fr


def _summary(since: date, on: date = date(2027, 1, 1)) -> SimpleNamespace:
    """What next_invoice_line reads of the Plan's LicenceSummary: a first invoice on `on` for
    the days from `since` and the month of `on`."""
    return SimpleNamespace(next_invoice_on=on, next_invoice_total=Decimal("235.17"),
                           next_invoice_is_first=True, next_invoice_from=since,
                           next_invoice_period="month", term="monthly")


def test_the_plans_first_invoice_line_words_its_days_in_english_and_french(monkeypatch):
    line = tui.periods.next_invoice_line(_summary(date(2026, 12, 15)),
                                         lambda amount: f"€{amount}", "en")
    assert line == "First invoice, Jan 1, 2027: €235.17 excl. VAT, for Dec 15, 2026 – Jan 31, 2027"
    # The French catalogue's words for the message (store/i18n/locale/fr), the days in French.
    monkeypatch.setattr(tui.periods, "_", lambda text: FIRST_FR if text == FIRST_EN else text)
    line = tui.periods.next_invoice_line(_summary(date(2026, 12, 15)),
                                         lambda amount: f"{amount} €", "fr")
    assert line == ("Première facture, 1 janv. 2027 : 235.17 € HT, du 15 déc. 2026 au "
                    "31 janv. 2027")
    line = tui.periods.next_invoice_line(_summary(date(2026, 11, 15), date(2026, 12, 1)),
                                         lambda amount: f"{amount} €", "fr")
    assert line.endswith(" HT, du 15 nov. au 31 déc. 2026")
