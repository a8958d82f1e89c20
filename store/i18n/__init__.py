"""The gettext hook every user-facing string of the store and the screens goes through.

Message ids are English. The catalogues are the .po files under `store/i18n/locale/`, compiled with
Babel on first use into the package's own folder, next to the .po (never committed, never
hand-made, never in a person's home): a compiled catalogue is named after the hash of its .po, so
an edited or upgraded .po is compiled again. `python -m store.i18n` compiles them all, as a
package build or an installer with write access does; where the package cannot be written, a
catalogue is compiled in memory at each start instead.

Which language: `--lang`, else `MYCOMPANY_LANG`, else for the screens and the command line the
person's LC_ALL / LC_MESSAGES / LANG, and for invoice PDFs the company's document locale.
A language without a catalogue reads English. Money and dates use the same locale
(`fr_FR.UTF-8` gives French words and `1 234,56 €`), so words and numbers always agree.
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
import re
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from store.i18n.messages import Message
from store.i18n.messages import kept as _kept
from store.i18n.messages import told as _told

if TYPE_CHECKING:
    from babel import Locale

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "mycompany"
LANGUAGES = ("en", "fr")  # the languages with a catalogue
DEFAULT_LOCALE = "en"
# The environment variables that name the person's language, strongest first (POSIX order).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_new = str.__new__
_current_locale = DEFAULT_LOCALE

_LOCALE_NAME = re.compile(r"([A-Za-z]{2,3})(?:[_-]([A-Za-z]{2}|[0-9]{3}))?")


# ---------------------------------------------------------------- which language


def supported_locale(value: str | None) -> str:
    """The locale to use for `value` (`fr_FR.UTF-8`, `fr-CA`, `FR`, `de_DE`, `C`...).

    `fr_FR.UTF-8` -> `fr_FR`; a language without a catalogue, `C`, `POSIX` or anything
    unreadable -> `en`.
    """
    code = (value or "").strip().split(".")[0].split("@")[0]
    match = _LOCALE_NAME.fullmatch(code)
    if match is None or match[1].lower() not in LANGUAGES:
        return DEFAULT_LOCALE
    language, territory = match[1].lower(), match[2]
    return f"{language}_{territory.upper()}" if territory else language


def language_of(locale: str) -> str:
    """`fr_FR` -> `fr`."""
    return supported_locale(locale).split("_")[0]


def requested_language(explicit: str | None = None) -> str | None:
    """What the person asked for by name: `--lang`, else `MYCOMPANY_LANG`; None when neither."""
    return explicit or os.environ.get("MYCOMPANY_LANG") or None


def user_locale(explicit: str | None = None,
                environ: Mapping[str, str] | None = None) -> str:
    """The screens' and the command line's locale: `--lang`, `MYCOMPANY_LANG`, then LC_ALL,
    LC_MESSAGES, LANG. The first one set decides (LC_ALL=C means English whatever LANG says).
    `environ`: another process's environment (an SSH session's: tui.serve_session), instead of
    this one's."""
    environ = os.environ if environ is None else environ
    requested = explicit or environ.get("MYCOMPANY_LANG")
    if requested:
        return supported_locale(requested)
    for variable in LOCALE_VARIABLES:
        if environ.get(variable):
            return supported_locale(environ[variable])
    return DEFAULT_LOCALE


# ---------------------------------------------------------------- the catalogues


def _cache_folder(language: str) -> Path:
    """Where `language`'s compiled catalogue is kept: beside its .po, in the package itself."""
    return LOCALE_DIR / language / "LC_MESSAGES"


def compile_po(po_data: bytes, language: str) -> bytes:
    """A .po file's bytes compiled into .mo bytes with Babel (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(po_data), locale=language, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _compiled(language: str, po_data: bytes) -> bytes:
    """The compiled catalogue: from the cache when it was compiled from these very .po bytes."""
    import hashlib

    digest = hashlib.sha256(po_data).hexdigest()[:16]
    folder = _cache_folder(language)
    path = folder / f"{DOMAIN}-{language}-{digest}.mo"
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = compile_po(po_data, language)
    try:  # best effort: a read-only installation still gets its messages, compiled each time
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{path.name}.{os.getpid()}"
        temporary.write_bytes(data)
        os.replace(temporary, path)  # two programs compiling at once both end with a whole file
        for old in folder.glob(f"{DOMAIN}-{language}-*.mo"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return data


def compile_catalogues() -> list[Path]:
    """Compile every language's catalogue into the package (a build or an install runs this:
    `python -m store.i18n`); returns the compiled files."""
    compiled = []
    for language in LANGUAGES:
        if language == DEFAULT_LOCALE:
            continue
        po_data = (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po").read_bytes()
        _compiled(language, po_data)
        compiled += sorted(_cache_folder(language).glob(f"{DOMAIN}-{language}-*.mo"))
    return compiled


@cache
def translation(language: str) -> _gettext.NullTranslations:
    """The catalogue of `language` (`fr`), or no translation (English) when there is none.

    English is the message ids themselves: its catalogue (all msgstr empty, kept for translators'
    tools) would translate nothing, so it is not read, hashed or compiled on each start.
    """
    if language == DEFAULT_LOCALE:
        return _gettext.NullTranslations()
    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    try:
        po_data = po.read_bytes()
    except OSError:
        return _gettext.NullTranslations()
    return _gettext.GNUTranslations(io.BytesIO(_compiled(language, po_data)))


def set_language(language: str | None = None) -> str:
    """Switch every later `_()` call to `language` (a language or locale name; None: the
    person's, see `user_locale`). Unknown languages read English. Returns the locale chosen."""
    global _translation, _current_locale
    _current_locale = user_locale(language)
    _translation = translation(language_of(_current_locale))
    return _current_locale


def current_locale() -> str:
    """The locale `set_language` chose (`en` until it is called)."""
    return _current_locale


def _(message: str) -> str:
    """Translate `message` (an English message id) into the current language: a `Message`, a
    `str` that remembers its id and, once `.format`ted, its parameters (store.i18n.messages),
    so that what keeps it (History's reasons: `kept`) can say it again in a reader's language."""
    said = _new(Message, _translation.gettext(message))  # Message(text, msgid), on a hot path
    said.msgid = message
    return said


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose wording depends on a count (a `Message`, as `_`)."""
    return Message(_translation.ngettext(singular, plural, n), singular, plural=plural, n=n)


def pgettext(context: str, message: str) -> str:
    """Translate `message` as used in `context`, where one English word is two in another
    language ("Total" of the licence table is "Coût total", of an invoice "Total")."""
    return Message(_translation.pgettext(context, message), message, context=context)


def kept(value: object) -> object:
    """What the trail keeps of `value` (a reason): a `Message` in no one's language, its id and
    parameters as a tagged document (store.i18n.messages); any other value as it is."""
    return _kept(value)


def told(stored: object) -> object:
    """A value `kept` kept, in the current (the reader's) language: a `Message` again; a
    person's words, a line written before messages were kept, None: as they are."""
    return _told(stored, _translation)


def said_in(message: object, locale: str) -> object:
    """`message`, a Message of `_()` (formatted or not, its parameters too), said again in
    `locale`'s language whatever the current one: the SSH server's own lines to a session, in
    the session's language as its commands speak (tui.serve_session). Any other text as it
    is."""
    return _told(_kept(message), translation(language_of(locale)))


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet (translated where shown)."""
    return message


def gettext_for(locale: str) -> Callable[[str], str]:
    """`_` for one document in `locale`, whatever the screens' language (invoice PDFs)."""
    return translation(language_of(locale)).gettext


def colon(label: str, locale: str | None = None) -> str:
    """`label` followed by a colon, the way the language writes it (`Plan:`, `Plan :`)."""
    template = gettext_for(locale)("{label}:") if locale else _("{label}:")
    return template.format(label=label)


# ---------------------------------------------------------------- locale data


@cache
def babel_locale(locale: str) -> Locale:
    """Babel's Locale for `locale`; a territory Babel does not know falls back to the language."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(supported_locale(locale))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(language_of(locale))


@cache
def _country_names(language: str) -> _gettext.NullTranslations:
    import pycountry

    return _gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language],
                                fallback=True)


# CLDR territories that are no country: unions, groupings, private-use and unknown codes.
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})


def country_name(code: str, locale: str | None = None) -> str:
    """The name of an ISO 3166-1 alpha-2 country in `locale` (default: the current language):
    DE -> Germany, Allemagne. From CLDR through Babel, whose data for the reader's language the
    screens have loaded already for dates and amounts (pycountry's database costs 5 MB, which a
    session that only reads must not pay); pycountry's catalogues for a code CLDR lacks. Unknown
    codes come back as given."""
    upper = (code or "").strip().upper()
    if len(upper) == 2 and upper.isascii() and upper.isalpha() and upper not in NOT_COUNTRIES:
        name = babel_locale(locale or _current_locale).territories.get(upper)
        if isinstance(name, str) and name:
            return name
    return _pycountry_name(code, locale)


def country_codes() -> list[str]:
    """Every ISO 3166-1 alpha-2 country code CLDR names (through Babel), for a list to choose
    from."""
    return sorted(c for c in babel_locale("en").territories
                  if isinstance(c, str) and len(c) == 2 and c.isalpha()
                  and c not in NOT_COUNTRIES)


def _pycountry_name(code: str, locale: str | None = None) -> str:
    import pycountry

    try:
        country = pycountry.countries.get(alpha_2=code.upper()) if code else None
    except (KeyError, LookupError):
        country = None
    if country is None:
        return code
    names = _country_names(language_of(locale or _current_locale))
    english = getattr(country, "common_name", None) or country.name
    for msgid in (english, country.name):  # pycountry translates both, Korea's common name too
        if names.gettext(msgid) != msgid:
            return names.gettext(msgid)
    return english
