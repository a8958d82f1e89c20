"""The test run never writes into a person's home: the catalogues compile into the package, and
the run has an empty home of its own that must stay empty (tests/conftest.py fails the run
otherwise)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from store import i18n
from tests.conftest import TEST_HOME, written_into_home

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "store" / "i18n" / "locale"


def test_the_run_has_an_empty_home_of_its_own():
    assert Path(os.environ["HOME"]) == TEST_HOME
    assert Path.home() == TEST_HOME
    assert not any(name in os.environ for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME"))


def test_compiling_french_writes_into_the_package_not_the_home(tmp_path, monkeypatch):
    package_locale = tmp_path / "store" / "i18n" / "locale"
    shutil.copytree(LOCALE / "fr", package_locale / "fr", ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(i18n, "LOCALE_DIR", package_locale)
    i18n.translation.cache_clear()
    try:
        assert i18n.translation("fr").gettext("Calls") == "Appels"
    finally:
        i18n.translation.cache_clear()

    assert [p.name for p in (package_locale / "fr" / "LC_MESSAGES").glob("*.mo")] != []
    assert written_into_home() == []


def test_a_french_start_in_a_fresh_home_leaves_it_empty(tmp_path):
    """The command line in French, as a person with an empty home starts it."""
    home = tmp_path / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    env.update(HOME=str(home), LANG="fr_FR.UTF-8")
    script = "from store import i18n; i18n.set_language(None); print(i18n._('Calls'))"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Appels"
    assert list(home.rglob("*")) == []
