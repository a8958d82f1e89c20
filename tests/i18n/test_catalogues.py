"""The message catalogues: every message extracted from the code is in the .pot and the .po
files, translated into French with its placeholders intact, compiled by Babel (never a committed
binary), and shipped in the package."""

from __future__ import annotations

import io
import os
import re
import shutil
import string
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from store import i18n

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "store" / "i18n" / "locale"
POT = LOCALE / "mycompany.pot"
UPDATE = ("pybabel extract --project=mycompany --version=0.1.0 --add-location=file "
          "-c Translators: -o store/i18n/locale/mycompany.pot store tui && pybabel update -i "
          "store/i18n/locale/mycompany.pot -d store/i18n/locale -D mycompany --no-fuzzy-matching "
          "--ignore-obsolete")


def catalogue(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def ids(catalog: Catalog) -> set[tuple[str | None, str]]:
    """(context, msgid) of every message; a plural message by its singular."""
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}


def extracted() -> set[tuple[str | None, str]]:
    """What Babel's extraction finds in the code today (the `pybabel extract` of the README)."""
    found = set()
    for folder in ("store", "tui"):
        for _file, _line, message, _comments, context in extract_from_dir(
                ROOT / folder, keywords=DEFAULT_KEYWORDS):
            found.add((context, message if isinstance(message, str) else message[0]))
    return found


def test_catalogues_are_up_to_date_with_the_code():
    in_code = extracted()

    for path in (POT, *LOCALE.glob("*/LC_MESSAGES/mycompany.po")):
        in_file = ids(catalogue(path))
        missing, stale = in_code - in_file, in_file - in_code
        assert not missing and not stale, (
            f"{path.relative_to(ROOT)} is out of date with the code; run\n  {UPDATE}\n"
            f"then translate. Not in the file: {sorted(missing, key=str)}; "
            f"no longer in the code: {sorted(stale, key=str)}")


def test_there_are_catalogues_for_english_and_french():
    assert sorted(p.parent.parent.name for p in LOCALE.glob("*/LC_MESSAGES/mycompany.po")) == [
        "en", "fr"]
    assert len(ids(catalogue(POT))) > 500


def test_every_message_has_a_french_translation():
    french = catalogue(LOCALE / "fr" / "LC_MESSAGES" / "mycompany.po")
    untranslated = []
    for message in french:
        if not message.id:
            continue
        forms = [message.string] if isinstance(message.string, str) else list(message.string)
        if message.fuzzy or not all(forms) or len(forms) != french.num_plurals \
                and message.pluralizable:
            untranslated.append(message.id)

    assert untranslated == [], "no French (or a fuzzy one) for:\n" + "\n".join(
        map(str, untranslated))


def _placeholders(text: str) -> set[str]:
    brace = {name for _literal, name, _spec, _conv in string.Formatter().parse(text)
             if name is not None}
    percent = set(re.findall(r"%\(\w+\)[a-z]|%[a-z]", text))
    return brace | percent


def test_french_keeps_every_placeholder():
    french = catalogue(LOCALE / "fr" / "LC_MESSAGES" / "mycompany.po")
    broken = []
    for message in french:
        if not message.id:
            continue
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        targets = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = set().union(*map(_placeholders, sources))
        broken += [(message.id, t) for t in targets if _placeholders(t) != wanted]

    assert broken == []


def test_french_typography_puts_a_no_break_space_before_double_punctuation():
    french = catalogue(LOCALE / "fr" / "LC_MESSAGES" / "mycompany.po")
    texts = [s for m in french if m.id
             for s in ([m.string] if isinstance(m.string, str) else m.string)]

    # A plain space before : ; ? ! would let the line break before the sign.
    assert [t for t in texts if re.search(r" [:;?!]", t)] == []
    assert any("\xa0:" in t for t in texts) and any("\u202f;" in t for t in texts)


def test_the_product_speaks_the_help_article_s_french():
    translate = i18n.gettext_for("fr")

    assert {msgid: translate(msgid) for msgid in (
        "My company", "General", "Plan", "Billing", "Extras", "Extras cost", "Special features",
        "Calls", "Prices are indicative only.", "User licences")} == {
        "My company": "Mon entreprise", "General": "Général", "Plan": "Plan",
        "Billing": "Facturation", "Extras": "Extras", "Extras cost": "Coût des extras",
        "Special features": "Fonctionnalités spéciales", "Calls": "Appels",
        "Prices are indicative only.": "Les prix ne sont donnés qu'à titre indicatif.",
        "User licences": "Licences utilisateurs"}
    assert i18n.translation("fr").pgettext("licence table column", "Total") == "Coût total"


# ---------------------------------------------------------------- compiled by Babel, not committed


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache folder, and no catalogue loaded yet."""
    monkeypatch.setattr(i18n, "_cache_folder", lambda language: tmp_path / "cache" / "locale")
    i18n.translation.cache_clear()
    yield tmp_path / "cache" / "locale"
    i18n.translation.cache_clear()


def test_the_catalogue_is_compiled_into_the_package_beside_its_po():
    assert i18n._cache_folder("fr") == LOCALE / "fr" / "LC_MESSAGES"
    assert str(i18n._cache_folder("fr")).startswith(str(Path(i18n.__file__).parent))


def test_the_catalogue_is_compiled_with_babel_on_first_use_into_the_cache(fresh_cache):
    assert i18n.translation("fr").gettext("Calls") == "Appels"

    compiled = list(fresh_cache.glob("mycompany-fr-*.mo"))
    assert len(compiled) == 1
    # The cache is what the next start reads: a planted word there is what it says.
    compiled[0].write_bytes(compiled[0].read_bytes().replace(b"Appels", b"APPELS"))
    i18n.translation.cache_clear()
    assert i18n.translation("fr").gettext("Calls") == "APPELS"


def test_an_edited_po_is_compiled_again(fresh_cache, tmp_path, monkeypatch):
    locale_dir = tmp_path / "locale"
    shutil.copytree(LOCALE, locale_dir)
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale_dir)
    assert i18n.translation("fr").gettext("Calls") == "Appels"

    po = locale_dir / "fr" / "LC_MESSAGES" / "mycompany.po"
    po.write_bytes(po.read_bytes().replace(
        b'msgstr "Appels"', b'msgstr "Appels t\xc3\xa9l\xc3\xa9phoniques"'))
    i18n.translation.cache_clear()

    assert i18n.translation("fr").gettext("Calls") == "Appels téléphoniques"
    assert len(list(fresh_cache.glob("mycompany-fr-*.mo"))) == 1  # the old one is gone


def test_a_cache_that_cannot_be_written_still_gives_french(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(i18n, "_cache_folder", lambda language: blocker / "locale")
    i18n.translation.cache_clear()
    try:
        assert i18n.translation("fr").gettext("Calls") == "Appels"
    finally:
        i18n.translation.cache_clear()


def test_fuzzy_entries_are_left_out_when_compiling():
    po = (b'msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\n'
          b'#, fuzzy\nmsgid "Calls"\nmsgstr "Appels?"\n\nmsgid "Plan"\nmsgstr "Forfait"\n')
    import gettext

    compiled = gettext.GNUTranslations(io.BytesIO(i18n.compile_po(po, "fr")))

    assert compiled.gettext("Plan") == "Forfait"
    assert compiled.gettext("Calls") == "Calls"


def test_no_compiled_catalogue_is_committed():
    """Compiled catalogues live beside their .po once compiled (the package's own cache), and
    git ignores them: none is tracked."""
    assert "*.mo" in (ROOT / ".gitignore").read_text().splitlines()
    try:
        tracked = subprocess.run(["git", "ls-files", "store"], cwd=ROOT, capture_output=True,
                                 check=True, text=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: cannot tell which files are committed")
    assert [name for name in tracked if name.endswith(".mo")] == []


def test_the_package_data_ships_every_catalogue():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["store"]
    shipped = {path for pattern in patterns for path in (ROOT / "store").glob(pattern)}

    assert POT in shipped
    assert set(LOCALE.glob("*/LC_MESSAGES/mycompany.po")) <= shipped


@pytest.mark.slow
def test_an_installed_wheel_speaks_french(tmp_path):
    """`pip install .` from a clean copy: the .po files are in the package, and French works
    from the installed package (compiled into the package itself on first use, nothing written
    into the person's home)."""
    source = tmp_path / "source"
    try:
        tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                                 check=True).stdout.decode().split("\0")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: cannot tell which files a clean clone holds")
    for name in filter(None, tracked):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    # pip and the build tools it runs write into their home (~/.rustup, caches): a home of
    # their own, so the test run's stays empty (tests/conftest.py).
    builder = {**os.environ, "HOME": str(tmp_path / "builder-home")}
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(source),
                            "-w", str(tmp_path / "wheel")], check=False, capture_output=True,
                           text=True, env=builder)
    if built.returncode != 0 and "setuptools" in built.stderr and "find" in built.stderr:
        pytest.skip("pip cannot reach a package index for setuptools to build the wheel")
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "wheel").glob("mycompany-*.whl"))
    target = tmp_path / "installed"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                    str(target), str(wheel)], check=True, capture_output=True, env=builder)

    check = ("import store.i18n as i18n, sys; "
             "assert i18n.__file__.startswith(sys.argv[1]), i18n.__file__; "
             "i18n.set_language('fr'); print(i18n._('Prices are indicative only.'))")
    result = subprocess.run([sys.executable, "-c", check, str(target)], check=False, cwd=tmp_path,
                            env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin",
                                 "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "c")},
                            capture_output=True, text=True)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Les prix ne sont donnés qu'à titre indicatif."
    assert [p.name for p in target.rglob("*.mo")] == [
        next(target.rglob("mycompany-fr-*.mo")).name]  # in the package: store/i18n/locale/fr
    assert not (tmp_path / "c").exists()  # nothing in the cache folder of the home
