"""Invoices an accountant would sign (SPEC §5, §11, R12-R14): `billing_run` and
`billing_run_after` (each company's invoice for a period), `invoices` and `invoice_detail` (the
list, one invoice, its PDF), `credit_notes`, `payments` and `gateway` (paying with the card on
file), `tax` and `seller` (the VAT rule and the vendor as seller), `delivery`, `delivery_message`
and `delivery_smtp` (invoices e-mailed to their recipients)."""
