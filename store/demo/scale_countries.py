"""The countries generated companies are drawn from (`mycompany demo --companies N`): names,
streets, cities with their postal codes and regions, phone ranges, legal forms, brands and
teams, and VAT numbers with the right check digits.

Split from store.demo.scale, which turns these into rows and writes them in batches: this module
is only the made-up world, so that a country is added or corrected in one place. None of it
clashes with the named demo's companies (store.demo.data): the phone ranges are their own.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from stdnum import luhn
from stdnum.iso7064 import mod_11_10


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.split(","))


def _places(text: str) -> tuple[tuple[str | None, str, str], ...]:
    """'City=postal code' items ('City/ST=zip' where the country's post uses a region: US
    state, Spanish and Italian province) as (region code, postal code, city)."""
    places = []
    for item in _words(text):
        where, postal_code = item.split("=")
        city, _sep, state = where.partition("/")
        places.append((state or None, postal_code, city))
    return tuple(places)


@dataclass(frozen=True)
class Country:
    """What a generated company of one country is made of: its words, places and numbers."""

    code: str
    locale: str
    currency: str  # the catalogue prices EUR and USD only, so GB pays in EUR
    tax_permille: int
    legal_forms: tuple[str, ...]
    sectors: tuple[str, ...]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    streets: tuple[str, ...]  # "{n}" is the house number
    places: tuple[tuple[str | None, str, str], ...]  # (region, postal code, city)
    phone: tuple[str, int]  # prefix and digits after it, none shared with demo.py's numbers
    accounts: str  # local part of the accounts department's address


EN_SECTORS = _words("Logistics, Consulting, Software, Health, Media, Engineering, Foods, Legal, "
                    "Realty, Energy, Travel, Design")
FR_SECTORS = _words("Logistique, Conseil, Informatique, Santé, Médias, Ingénierie, Distribution, "
                    "Immobilier, Énergie, Voyages, Design, Bâtiment")
COUNTRIES = [
    Country("FR", "fr", "EUR", 200, ("SARL", "SAS", "SA"), FR_SECTORS,
            _words("Camille, Léa, Hugo, Louis, Chloé, Manon, Jules, Inès, Nathan, Sarah"),
            _words("Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, "
                   "Moreau"),
            _words("{n} rue de la République, {n} rue Victor Hugo, {n} avenue Jean Jaurès, "
                   "{n} boulevard Voltaire, {n} rue des Lilas, {n} place de la Bourse"),
            _places("Paris=75011, Lyon=69002, Marseille=13001, Toulouse=31000, Nantes=44000, "
                    "Lille=59000"), ("+331", 8), "comptabilite"),
    Country("DE", "de", "EUR", 190, ("GmbH", "GmbH & Co. KG", "AG"),
            _words("Logistik, Beratung, Software, Gesundheit, Medien, Technik, Handel, "
                   "Immobilien, Energie, Reisen, Design, Bau"),
            _words("Jonas, Lena, Lukas, Anna, Felix, Marie, Paul, Sophie, Leon, Emma"),
            _words("Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Hoffmann, "
                   "Schulz"),
            _words("Hauptstraße {n}, Bahnhofstraße {n}, Schillerstraße {n}, Lindenallee {n}, "
                   "Friedrichstraße {n}, Am Markt {n}"),
            _places("Berlin=10115, München=80331, Köln=50667, Frankfurt am Main=60311, "
                    "Stuttgart=70173, Leipzig=04109"), ("+4930", 8), "buchhaltung"),
    Country("US", "en_US", "USD", 0, ("Inc.", "LLC", "Corp."), EN_SECTORS,
            _words("James, Mary, John, Patricia, Michael, Jennifer, David, Linda, Emily, Daniel"),
            _words("Smith, Johnson, Williams, Brown, Jones, Garcia, Miller, Davis, Wilson, Taylor"),
            _words("{n} Main Street, {n} Market Street, {n} Oak Avenue, {n} Broadway, "
                   "{n} Elm Street, {n} Sunset Boulevard"),
            _places("Mountain View/CA=94043, San Francisco/CA=94105, New York/NY=10001, "
                    "Austin/TX=78701, Seattle/WA=98101, Chicago/IL=60601, Boston/MA=02108, "
                    "Denver/CO=80202"), ("+16462", 6), "accounts"),
    Country("GB", "en_GB", "EUR", 200, ("Ltd", "LLP", "plc"), EN_SECTORS,
            _words("Oliver, Amelia, Harry, Isla, George, Ava, Jack, Olivia, Noah, Emily"),
            _words("Smith, Jones, Taylor, Brown, Williams, Wilson, Johnson, Davies, Evans, Thomas"),
            _words("{n} High Street, {n} Station Road, {n} Church Lane, {n} Victoria Road, "
                   "{n} King Street, {n} Mill Lane"),
            _places("London=EC1A 1BB, Manchester=M1 1AE, Birmingham=B1 1AA, Leeds=LS1 4AP, "
                    "Bristol=BS1 4DJ, Edinburgh=EH1 1YZ"), ("+44207", 7), "accounts"),
    Country("ES", "es", "EUR", 210, ("S.L.", "S.A."),
            _words("Logística, Consultoría, Software, Salud, Medios, Ingeniería, Alimentación, "
                   "Inmobiliaria, Energía, Viajes, Diseño, Construcciones"),
            _words("Lucía, Hugo, Martina, Mateo, Sofía, Pablo, Alba, Daniel, Carmen, Javier"),
            _words("García, Fernández, González, Rodríguez, López, Martínez, Sánchez, Pérez, "
                   "Gómez, Ruiz"),
            _words("Calle Mayor {n}, Gran Vía {n}, Calle de Alcalá {n}, Paseo de Gracia {n}, "
                   "Avenida de la Constitución {n}, Calle Serrano {n}"),
            _places("Madrid/M=28013, Barcelona/B=08007, Valencia/V=46002, Sevilla/SE=41001, "
                    "Bilbao/BI=48001, Málaga/MA=29015"), ("+3491", 7), "contabilidad"),
    Country("IT", "it", "EUR", 220, ("S.r.l.", "S.p.A."),
            _words("Logistica, Consulenza, Software, Salute, Media, Ingegneria, Alimentari, "
                   "Immobiliare, Energia, Viaggi, Design, Costruzioni"),
            _words("Giulia, Lorenzo, Sofia, Leonardo, Aurora, Francesco, Alice, Mattia, Marco, "
                   "Elena"),
            _words("Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, "
                   "Greco"),
            _words("Via Roma {n}, Via Garibaldi {n}, Corso Italia {n}, Via Mazzini {n}, "
                   "Via Dante {n}, Viale dei Mille {n}"),
            _places("Roma/RM=00184, Milano/MI=20121, Torino/TO=10121, Bologna/BO=40121, "
                    "Firenze/FI=50122, Napoli/NA=80133"), ("+3902", 8), "amministrazione"),
    Country("NL", "nl", "EUR", 210, ("B.V.", "N.V."),
            _words("Logistiek, Advies, Software, Zorg, Media, Techniek, Handel, Vastgoed, "
                   "Energie, Reizen, Design, Bouw"),
            _words("Daan, Emma, Sem, Julia, Lucas, Mila, Finn, Tess, Levi, Sara"),
            _words("de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Visser, Smit, "
                   "Meijer, de Boer"),
            _words("Kerkstraat {n}, Dorpsstraat {n}, Stationsweg {n}, Molenstraat {n}, "
                   "Prinsengracht {n}, Herengracht {n}"),
            _places("Amsterdam=1012 JS, Rotterdam=3011 AD, Utrecht=3511 LX, Den Haag=2511 CV, "
                    "Eindhoven=5611 AZ"), ("+3120", 7), "administratie"),
    Country("BE", "fr_BE", "EUR", 210, ("SRL", "SA", "BV"), FR_SECTORS,
            _words("Lucas, Emma, Louis, Olivia, Noah, Louise, Arthur, Mila, Jules, Elena"),
            _words("Peeters, Janssens, Maes, Jacobs, Mertens, Willems, Claes, Goossens, Wouters, "
                   "Dubois"),
            _words("Rue de la Loi {n}, Avenue Louise {n}, Rue Neuve {n}, Kerkstraat {n}, Meir {n}, "
                   "Chaussée de Wavre {n}"),
            _places("Bruxelles=1000, Antwerpen=2000, Gent=9000, Liège=4000, Leuven=3000"),
            ("+322", 7), "comptabilite"),
]
COUNTRY_WEIGHTS = [22, 20, 18, 12, 8, 8, 6, 6]
BRANDS = _words("Nordlicht, Atlas, Blue Harbor, Silverline, Kestrel, Horizon, Lumen, Vega, "
                "Orion, Cedar, Granite, Meridian, Polaris, Redwood, Sapphire, Summit, Tidewater, "
                "Aurora, Boreal, Copperfield, Falcon, Helios, Ironbridge, Juniper, Larkspur, "
                "Nimbus, Oakridge, Pinecrest, Quartz, Riverstone, Solstice, Trident, Westwind, "
                "Zephyr, Alder, Beacon, Cobalt, Evergreen, Mistral, Keystone")
TEAMS = _words("Sales, Support, Billing, Front desk, Customer success, Onboarding, Partners, "
               "Logistics, Accounts, Operations, Field service, After-sales, Procurement, "
               "Reception, Night shift, Weekend, Hotline, Retention")
ROLES = ("admin",) + ("supervisor",) * 2 + ("agent",) * 7


def vat_number(country: str, rng: random.Random) -> str | None:
    """A VAT number with the right check digits for `country` (stdnum's rules); None in the US."""
    digits = f"{rng.randint(1_000_000, 9_999_999):07d}"
    if country == "DE":
        base = str(rng.randint(1, 9)) + digits
        return "DE" + base + mod_11_10.calc_check_digit(base)
    if country == "FR":
        siren = str(rng.randint(1, 9)) + digits
        siren += luhn.calc_check_digit(siren)
        return f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"
    if country == "BE":
        return f"BE0{digits}{97 - int(digits) % 97:02d}"
    if country == "IT":
        base = f"{digits}{rng.randint(1, 100):03d}"  # office code 001-100: a province
        return "IT" + base + luhn.calc_check_digit(base)
    if country == "ES":
        return "ESB" + digits + luhn.calc_check_digit(digits)
    if country == "NL":
        base = str(rng.randint(1, 9)) + digits
        check = sum((9 - i) * int(d) for i, d in enumerate(base)) % 11
        return f"NL{base}{check}B01" if check < 10 else vat_number(country, rng)
    if country == "GB":
        total = sum(w * int(d) for w, d in zip((8, 7, 6, 5, 4, 3, 2), digits))
        return f"GB{digits}{-total % 97:02d}"  # the last two digits bring the sum to 0 mod 97
    return None  # the US has no VAT
