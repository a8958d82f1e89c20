"""Regions of countries of several zones, by kind (#18 trial: Sverdlovsk oblast fell back to
Moscow and Papua to Jakarta). store.places.region_zones reads IANA's zone.tab and libphonenumber's
area data, never a table of our own; these are the kinds of naming it failed on:

- a place written short in the phone data ("Свердловская обл", no dot; "Респ. Саха /Якутия/",
  "Чукотский АО", words in another order);
- a region zone.tab names by a group ("Java", "Sulawesi/Celebes") or inside a wider name ("New
  Guinea (West Papua / Irian Jaya)"), split at "/";
- a region zone.tab names by its stem ("MSK+01 - Saratov"), which the phone data's coarser
  zone (Moscow) outvoted;
- a county in a region's qualifier taken for a region ("IN (Da, Du, K, Mn)": Martin county put
  Minnesota in America/Indiana/Vincennes);
- a region zone.tab splits between zones ("Yukon (east)", "(west)"), whose phone data names
  another (Vancouver, an hour off in winter);
- (#18 sweep of every region of every country of several zones) a short word expanded but not
  folded ("Чукотский АО": Chukotka, Yamalo-Nenets); a place naming its region first
  ("Чувашская Республика - Чувашия") or with another name ("Ханты - Мансийский - Югра АО");
  a stem ending in a vowel ("Kemerovo", "Udmurtia", "Zabaykalsky"); a kind word after a name
  ("Aysen Region", "Canary Islands"); a group by ISO 3166-2's parent and its name in another
  language ("Borneo (west, central)" for Kalimantan, "Malukus" for North Maluku, "Nusa
  Tengarra" misspelt); the zone libphonenumber gives a whole calling code ("+60": Kuching for
  Kuala Lumpur) or one of a tie (Cáceres in the Canaries); a US "state" that is a country of
  its own in ISO 3166 (Puerto Rico, Guam).

And the first lookup in a country reads only that country's part of the phone data: never
phonenumbers.geodata whole (0.7 to 1 s, every `companies create` in such a country)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from store.places.phone_places import places
from store.places.zones import default_zone


@pytest.mark.parametrize(("country", "region", "zone"), [
    ("RU", "Свердловская область", "Asia/Yekaterinburg"),
    ("RU", "Sverdlovskaya oblast'", "Asia/Yekaterinburg"),
    ("RU", "Саратовская область", "Europe/Saratov"),
    ("RU", "Томская область", "Asia/Tomsk"),
    ("RU", "Республика Саха (Якутия)", "Asia/Yakutsk"),
    ("RU", "Москва", "Europe/Moscow"),
    ("RU", "Новосибирская область", "Asia/Novosibirsk"),
    ("ID", "Papua", "Asia/Jayapura"), ("ID", "PA", "Asia/Jayapura"),
    ("ID", "Papua Barat", "Asia/Jayapura"), ("ID", "Maluku", "Asia/Jayapura"),
    ("ID", "Sulawesi Selatan", "Asia/Makassar"), ("ID", "Bali", "Asia/Makassar"),
    ("ID", "Jawa Barat", "Asia/Jakarta"), ("ID", "Sumatera Utara", "Asia/Jakarta"),
    ("US", "MN", "America/Chicago"), ("US", "OR", "America/Los_Angeles"),
    ("US", "CA", "America/Los_Angeles"), ("US", "IN", "America/Indiana/Indianapolis"),
    ("CA", "YT", "America/Whitehorse"), ("CA", "BC", "America/Vancouver"),
    ("CA", "QC", "America/Toronto"),
    ("AU", "NSW", "Australia/Sydney"), ("AU", "WA", "Australia/Perth"),
    ("AU", "NT", "Australia/Darwin"),
    ("BR", "PA", "America/Belem"), ("BR", "SP", "America/Sao_Paulo"),
    ("BR", "AM", "America/Manaus"),
    ("MX", "B.C.", "America/Tijuana"), ("MX", "Q.R.", "America/Cancun"),
    ("MX", "Son.", "America/Hermosillo"), ("MX", "CDMX", "America/Mexico_City"),
    # The #18 sweep: every region of every country zone.tab gives several zones.
    ("RU", "Ханты-Мансийский автономный округ", "Asia/Yekaterinburg"),
    ("RU", "Ямало-Ненецкий автономный округ", "Asia/Yekaterinburg"),
    ("RU", "Чукотский автономный округ", "Asia/Anadyr"),
    ("RU", "Республика Удмуртия", "Europe/Samara"),
    ("RU", "Чувашская Республика", "Europe/Moscow"),
    ("RU", "Ненецкий автономный округ", "Europe/Moscow"),
    ("RU", "Кемеровская область", "Asia/Novokuznetsk"),
    ("RU", "Забайкальский край", "Asia/Chita"),
    ("ID", "Kalimantan Barat", "Asia/Pontianak"), ("ID", "Kalimantan Tengah", "Asia/Pontianak"),
    ("ID", "Kalimantan Selatan", "Asia/Makassar"), ("ID", "Kalimantan Timur", "Asia/Makassar"),
    ("ID", "Nusa Tenggara Barat", "Asia/Makassar"), ("ID", "Nusa Tenggara Timur", "Asia/Makassar"),
    ("ID", "Maluku Utara", "Asia/Jayapura"), ("ID", "Aceh", "Asia/Jakarta"),
    ("ID", "Gorontalo", "Asia/Makassar"),
    ("US", "PR", "America/Puerto_Rico"), ("US", "GU", "Pacific/Guam"),
    ("US", "VI", "America/St_Thomas"), ("US", "AS", "Pacific/Pago_Pago"),
    ("US", "MP", "Pacific/Saipan"),
    ("CL", "Aysén", "America/Coyhaique"), ("CL", "Magallanes", "America/Punta_Arenas"),
    ("CL", "Valparaíso", "America/Santiago"),
    ("ES", "TF", "Atlantic/Canary"), ("ES", "GC", "Atlantic/Canary"),
    ("ES", "CC", "Europe/Madrid"), ("ES", "C", "Europe/Madrid"),
    ("MY", "Kuala Lumpur", "Asia/Kuala_Lumpur"), ("MY", "Sabah", "Asia/Kuching"),
])
def test_each_kind_of_naming_finds_the_regions_zone(country, region, zone):
    assert default_zone(country, region) == zone


@pytest.mark.parametrize(("country", "region"), [
    ("ES", "PM"),  # the Balearic Islands: zone.tab's "Spain (mainland)" is not them
    ("US", "AA"),  # Armed Forces (Americas): a post office, not a place
    ("US", "CA"),  # California, not Canada: its code alone makes no country of it
])
def test_a_region_no_source_decides_has_no_zone_of_its_own(country, region):
    """None: the caller falls back to the country's principal zone 
    (store.places.zones.default_zone)."""
    from store.places.region_zones import region_zone

    assert (region_zone(country, region) is None) == (region != "CA")


@pytest.mark.parametrize("country", ["US", "RU", "ID", "BR"])
def test_the_countrys_part_of_the_phone_data_is_all_of_it(country):
    """The modules read alone hold every prefix of the country's calling code that the whole
    package does (its modules hold the prefixes in order)."""
    import phonenumbers
    from phonenumbers.geodata import GEOCODE_DATA

    code = str(phonenumbers.country_code_for_region(country))
    whole = {prefix for prefix in GEOCODE_DATA if prefix.startswith(code)}
    assert whole and set(places(country)) == whole


def test_a_lookup_reads_only_its_countrys_phone_data():
    """In a fresh process (the command line's `companies create`): the region's zone, without
    importing phonenumbers.geodata, which reads every country's places."""
    script = ("import sys; from store.places.zones import default_zone; "
              "print(default_zone('US', 'CA'), default_zone('RU', 'Свердловская область')); "
              "print('phonenumbers.geodata' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["America/Los_Angeles", "Asia/Yekaterinburg", "False"]
