"""The telephony platform's feed (`mycompany sync`, SPEC §11): `sync_feed` reads it a line at a
time, `sync_plan` decides what it changes in one company, `sync` applies it, one transaction a
company."""
