"""A company's own data, as its owner and the billing team keep it (SPEC §3, §5, §11): `company`
(the General tab, R1-R3), `billing` (the billing address, recipients and card, R13-R16), `lock`
(the address's lock after the trial, R16), `requests` and `request_views` (change requests),
`companies` (created, shown, closed from the vendor's console) and `search` (the support search)."""
