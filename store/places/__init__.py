"""Where a company is (SPEC §5 Addresses, R15): `addresses` (an address laid out by its country's
format), `subdivisions` (a country's regions), `zones`, `region_zones` and `phone_places` (the
time zone rule dates fall in), `pasted` (an address pasted whole, spread over its fields) and
`address_layout` (which pasted lines are its postal code, city and region, by the format)."""
