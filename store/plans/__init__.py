"""What a company buys (SPEC §4, R4-R11): `plan`, `plan_query` and `plan_views` (the Plan tab),
`catalogue` and `prices` (plans, products and their prices from a month), `terms` (contract terms),
`plan_changes` (a plan changed from a date), `trial` (a trial's end) and `proration` (the trial
month's days on the first invoice)."""
