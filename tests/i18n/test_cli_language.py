"""The command line in French or English: --lang, MYCOMPANY_LANG, LANG; unknown languages fall
back to English. Each run is its own process, as a person's would be (the language is chosen
once, before anything translated is made)."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime

import pytest

from tests.child_clock import environment as clock_environment

FRENCH_PLAN = ("Les prix ne sont donnés qu'à titre indicatif.", "Coût des extras",
               "Fonctionnalités spéciales\xa0:", "000,00\xa0€",
               "Prochaine facture\xa0: 1 déc. 2026")
ENGLISH_PLAN = ("Prices are indicative only.", "Extras cost", "Special features:", "€2,000.00",
                "Next invoice: Dec 1, 2026")


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    """A demo database and a clean environment without any language in it."""
    home = tmp_path_factory.mktemp("cli-language")
    env = {name: value for name, value in clock_environment(datetime(2026, 11, 27, 12)).items()
           if name not in ("MYCOMPANY_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE",
                           "MYCOMPANY_USER")}
    env.update({"MYCOMPANY_DATABASE_URL": f"sqlite:///{home / 'demo.sqlite3'}",
                "XDG_CACHE_HOME": str(home / "cache"),
                "PYTHONIOENCODING": "utf-8"})
    made = subprocess.run([sys.executable, "-m", "tui", "demo"], check=False, env=env,
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    return env


def mycompany(environment, *argv: str, **variables: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *argv], check=False,
                          env={**environment, **variables}, capture_output=True, text=True)


@pytest.mark.parametrize("argv, variables", [
    (["--lang", "fr"], {}),
    (["--lang=fr_FR"], {"LANG": "en_US.UTF-8"}),
    ([], {"MYCOMPANY_LANG": "fr"}),
    ([], {"LANG": "fr_FR.UTF-8"}),
    ([], {"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}),
], ids=["lang-option", "lang-option-over-LANG", "MYCOMPANY_LANG", "LANG", "LC_ALL"])
def test_plan_in_french(environment, argv, variables):
    result = mycompany(environment, *argv, "--as", "jonas@nordwind.de", "show", "plan",
                       **variables)

    assert result.returncode == 0, result.stderr
    for expected in FRENCH_PLAN:
        assert expected in result.stdout
    # Babel's French thousands separator: narrow no-break in France, no-break in Canada.
    assert re.search("2[\u202f\xa0]000,00\xa0€", result.stdout)


@pytest.mark.parametrize("argv, variables", [
    (["--lang", "xx"], {}),
    (["--lang", "xx"], {"LANG": "fr_FR.UTF-8"}),
    ([], {"LANG": "de_DE.UTF-8"}),
    ([], {"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}),
    ([], {}),
], ids=["unknown-lang", "unknown-lang-over-LANG", "no-catalogue", "LC_ALL=C", "nothing-set"])
def test_plan_in_english(environment, argv, variables):
    result = mycompany(environment, *argv, "--as", "jonas@nordwind.de", "show", "plan",
                       **variables)

    assert result.returncode == 0, result.stderr
    for expected in ENGLISH_PLAN:
        assert expected in result.stdout


def test_refusals_are_in_french_with_their_exit_status(environment):
    refused = mycompany(environment, "--lang", "fr", "--as", "lea@atelier-lumiere.fr", "show",
                        "plan")

    assert refused.returncode == 3
    assert refused.stderr == ("mycompany: Seul le propriétaire de l'entreprise peut ouvrir Mon "
                              "entreprise\u202f; votre rôle est administrateur.\n")


def test_invalid_input_is_in_french(environment):
    result = mycompany(environment, "--as", "camille@atelier-lumiere.fr", "set", "address",
                       "--postal-code", "7500", MYCOMPANY_LANG="fr")

    assert result.returncode == 1
    assert result.stderr.startswith("Code postal (--postal-code)\u00a0: Ce n'est pas un code "
                                    "postal valide pour ce pays (France)\u202f; saisissez-en "
                                    "un comme")


def test_help_and_usage_errors_are_in_french(environment):
    helped = mycompany(environment, "--lang", "fr", "--help")
    wrong = mycompany(environment, "show", "tout", LANG="fr_FR.UTF-8")

    assert helped.returncode == 0
    assert helped.stdout.startswith("usage\xa0: mycompany")
    assert "afficher ce message d'aide et quitter" in helped.stdout
    assert "langue des messages (en, fr)" in helped.stdout
    assert wrong.returncode == 2
    # in our words, translated (tests/cli/test_usage_errors_in_our_words.py), not argparse's
    assert "'tout'" in wrong.stderr and "argument what" not in wrong.stderr


def test_billing_shows_the_country_in_french(environment):
    result = mycompany(environment, "--lang", "fr", "--as", "jonas@nordwind.de", "show",
                       "billing")

    assert result.returncode == 0, result.stderr
    assert "  Allemagne (DE)" in result.stdout
    assert "Numéro de TVA\xa0: DE136695976" in result.stdout


def test_invoice_pdf_is_the_company_s_whatever_the_lang_option(environment, tmp_path):
    """#17: an issued invoice is one document, in the company's document language (Nordwind's
    German reads English), not the reader's --lang."""
    from tests.i18n.test_invoice_pdf import text_of

    result = mycompany(environment, "--lang", "fr", "--as", "jonas@nordwind.de", "invoices",
                       "download", "INV-000002-0014", "--out", str(tmp_path))

    assert result.returncode == 0, result.stderr
    text = text_of((tmp_path / "INV-000002-0014.pdf").read_bytes())
    assert "Invoice" in text and "Facture" not in text and "Nov 1, 2026" in text
