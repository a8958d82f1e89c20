"""Who is acting and what they may do (SPEC §2, §10): `access` (roles, deny by default),
`identity` (sign-in, acting as another), `sessions` (what `mycompany serve` keeps), `keys` (SSH
sign-in keys), `staff` (the vendor's staff accounts), `setup` (a database's first admin)."""
