"""The store: domain rules and persistence of mycompany (no Textual, no Rich).

Laid out by role, a package a topic:

- `people/`: who is acting and what they may do (SPEC §2, §10): access, identity, sessions,
  SSH keys, staff accounts, a database's first admin;
- `profile/`: a company's own data: General (R1-R3), the billing address, recipients and card
  (R13-R16), the address's lock, change requests, companies from the console, the support search;
- `plans/`: what a company buys (R4-R11): the Plan tab, catalogue and prices, terms, plan
  changes, trials and the trial month's proration;
- `invoicing/`: the billing run, invoices and credit notes, payments, tax and the seller,
  invoices e-mailed to their recipients (SPEC §5, §11);
- `places/`: addresses by their country's format, regions, time zones, pasted addresses;
- `trail/`: the audit trail, History (one company's and across companies), exports (SPEC §6);
- `feed/`: the telephony platform's feed, `mycompany sync` (SPEC §11);
- `forms/`: every form's fields (label, help, maximum length, who may change it, lock rule)
  and their validation schemas;
- at the root, what every topic shares: `views` (the read-only objects the services hand out),
  `errors` (what they raise), `clock`, `money`, `service_call` (one call's scope), `database`
  and `connections` (opening it), `backup`;
- `persistence/`: the database, its models and migrations (services only);
- `documents/`: invoice PDFs and logos; `demo/`: demo and scale data; `i18n/`: catalogues.

The screens and the command line import the module they use (`from store.profile import
billing`, `from store.errors import Refused`); nothing is imported behind their back.
"""
