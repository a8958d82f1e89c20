"""`mycompany export history` names a region field by the company's country's word, as History
does (#16 trial: a Japanese prefecture read "State"): the export's field column, in CSV."""

from __future__ import annotations

import csv
import io

CAMILLE = ("--as", "camille@atelier-lumiere.fr")  # Atelier Lumière, FR, in its trial
SUPPORT = ("--as", "support@mycompany.example")

MOVES = [  # (options, the region's word): US, IE, CA, JP, one after the other
    (["--line1", "1600 Amphitheatre Pkwy", "--city", "Mountain View", "--postal-code",
      "94043", "--state", "CA", "--country", "US"], "State"),
    (["--line1", "1 Grand Canal Square", "--city", "Dublin", "--postal-code", "D02 X285",
      "--state", "Co. Dublin", "--country", "IE"], "County"),
    (["--line1", "100 Queen St W", "--city", "Toronto", "--postal-code", "M5H 2N2",
      "--state", "ON", "--country", "CA"], "Province"),
    (["--line1", "1-1 Marunouchi", "--city", "Chiyoda-ku", "--postal-code", "100-0005",
      "--state", "Tokyo", "--country", "JP"], "Prefecture"),
]


def test_the_history_export_names_each_region_by_its_countrys_word(cli):
    for options, _word in MOVES:
        status, _out, err = cli(*CAMILLE, "set", "address", *options, "--vat", "")
        assert status == 0, err
    status, out, err = cli(*SUPPORT, "export", "history", "--company", "1")
    assert (status, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    regions = [r for r in rows if r["new_value"] in ("CA", "California", "Co. Dublin", "ON",
                                                "Ontario", "Tokyo")
               and r["action"] == "Billing address saved"]
    assert [r["field"] for r in regions] == [word for _options, word in MOVES]  # oldest first
    # History's record keeps the country the word is of, as `history --json` does
    assert [r["region_country"] for r in regions] == ["US", "IE", "CA", "JP"]
