"""A page past the last lists nothing, whatever its number: no query runs with an OFFSET the
database's 64-bit integer cannot hold (#15 trial: `show invoices --page 9223372036854775807`
said "A number given is too large", exit 1; store.views.rows_before)."""

from __future__ import annotations

import pytest

import store.invoicing.invoices
import store.trail.history
import store.trail.history_all

LARGEST = 2 ** 63 - 1  # the largest page number the command line takes (tui.cli_input)


@pytest.mark.parametrize("page", [2, 2 ** 40, LARGEST])
def test_a_page_past_the_last_is_empty_and_says_how_many_there_are(as_, demo, page):
    support = as_("support@mycompany.example")
    nordwind = demo["nordwind"]
    shown = [store.invoicing.invoices.list_invoices(support, nordwind, page),
             store.trail.history.company_history(support, nordwind, page),
             store.trail.history_all.all_history(support, page)]
    for listed in shown:
        assert listed.items == []
        assert listed.page == page and listed.pages == 1


def test_the_last_page_still_lists_its_rows(as_, demo):
    support = as_("support@mycompany.example")
    first = store.invoicing.invoices.list_invoices(support, demo["nordwind"], 1, page_size=4)
    last = store.invoicing.invoices.list_invoices(support, demo["nordwind"], first.pages,
                                                  page_size=4)
    assert first.total_count > 4 and last.items
    assert len(last.items) == first.total_count - 4 * (first.pages - 1)
