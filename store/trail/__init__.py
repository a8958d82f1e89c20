"""What happened (SPEC §6, §11): `audit` (the trail, written with the change), `history` (one
company's History tab), `history_all` (across companies, for staff), `history_requests` (the
request each line is about) and `exports` (companies, invoices and History as CSV or JSON Lines)."""
