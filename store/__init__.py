"""The store: domain rules and persistence of mycompany (no Textual, no Rich).

Laid out by role:

- services by topic, one module each: `company` (General, R2-R3), `plan` and `plan_query` (the
  Plan tab, R4-R11), `billing` and `invoices` (R12-R16), `requests` (change requests), `seller`
  and `tax` (the vendor's settings as the seller, the VAT rule and rates, §5 Tax), `history`,
  `search`, `keys`, `identity` and `sessions` (who is acting, SPEC §2 and §10), `setup`,
  `backup`, `access` and `audit` (who may do what, and the trail);
- `forms/`: every form's fields (label, help, maximum length, who may change it, lock rule)
  and their validation schemas;
- `views`: the read-only objects the services hand out; `errors`: what they raise;
  `clock`, `money`, `zones`: time, amounts, company time zones;
- `persistence/`: the database, its models and migrations (services only);
- `documents/`: invoice PDFs and logos; `demo/`: demo and scale data; `i18n/`: catalogues.

The screens and the command line import the module they use (`from store import billing`,
`from store.errors import Refused`); nothing is imported behind their back.
"""
