"""libphonenumber's places and zones of one country's area codes (the `phonenumbers` package),
read from only the part of its data that holds them.

`phonenumbers.geodata` imports about thirty modules of places, every country's in every
language (40 MB of source), paid by the first company of a country of several zones in each
process (#18 trial: about a second more for each `companies create` there). Its modules
`data0`, `data1`... hold the prefixes in string order, each from the first prefix it names to
the next module's first; so the modules a calling code's prefixes are in are found by reading
each module's first prefix from the head of its source, and only those are run (one for
Russia's +7, four for the +1 of the United States and Canada). Measured, a region's zone, the
first in the process: Sverdlovsk 0.87 s of CPU before, 0.13 s now; California 1.07 s, 0.31 s.
Where the package is laid out otherwise (no such sources), every place is read as before.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

# A module's first prefix: the first key of its `data = {` literal.
_FIRST_KEY = re.compile(r"^\s*'(\d+)'\s*:", re.MULTILINE)
_HEAD = 8192  # characters of a module's source read for it (its licence header is ~700)


@cache
def _modules() -> tuple[tuple[str, str], ...] | None:
    """(first prefix, source path) of each of phonenumbers.geodata's data modules, in prefix
    order; None when the package is not laid out so (then every place is read)."""
    spec = importlib.util.find_spec("phonenumbers.geodata")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    found = []
    for path in folder.glob("data*.py"):
        number = path.stem[len("data"):]
        if not number.isdigit():
            continue
        with path.open(encoding="utf-8") as source:
            first = _FIRST_KEY.search(source.read(_HEAD))
        if first is None:
            return None
        found.append((first.group(1), str(path)))
    found.sort()
    return tuple(found) if found else None


def _data_for(code: str) -> Iterator[Mapping[str, Mapping[str, str]]]:
    """The prefix -> {language: place} tables that may hold prefixes of calling code `code`."""
    modules = _modules()
    if modules is None:
        from phonenumbers.geodata import GEOCODE_DATA

        yield GEOCODE_DATA
        return
    after = code[:-1] + chr(ord(code[-1]) + 1)  # the first string past every "code..." prefix
    for i, (first, path) in enumerate(modules):
        following = modules[i + 1][0] if i + 1 < len(modules) else None
        if first < after and (following is None or following > code):
            yield _module_data(path)


@cache
def _module_data(path: str) -> Mapping[str, Mapping[str, str]]:
    """One data module's table, the module run on its own: importing it by its name would run
    the package's __init__, which imports every other one first. Its compiled form is used as
    an import would (the module's __pycache__)."""
    if "phonenumbers.geodata" in sys.modules:  # already read whole: nothing to save
        return sys.modules["phonenumbers.geodata"].GEOCODE_DATA  # type: ignore[no-any-return]
    name = "phonenumbers.geodata." + Path(path).stem
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(name)
    module = importlib.util.module_from_spec(spec)  # its `from ..util import u` resolves
    spec.loader.exec_module(module)
    return module.data  # type: ignore[no-any-return]


def places(country: str) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each area-code prefix of `country` (ISO 3166 code) -> (its place in each language
    libphonenumber has, "Mountain View, CA", "Свердловская обл"; the IANA zones its time-zone
    data gives the prefix, or its longest listed start longer than the calling code, else none:
    what it gives a whole calling code says nothing of a region, Kuala Lumpur is not in
    Asia/Kuching, +60's one zone; #18 trial). Prefixes of the country's calling code
    that belong to another country sharing it (+1, +7) are in too: callers match the places to
    the country's own regions."""
    import phonenumbers
    from phonenumbers.tzdata import TIMEZONE_DATA

    code = str(phonenumbers.country_code_for_region(country))
    if code == "0":
        return {}
    out = {}
    for data in _data_for(code):
        for prefix, names in data.items():
            if prefix.startswith(code):
                zones = next((TIMEZONE_DATA[prefix[:n]] for n in range(len(prefix), len(code), -1)
                              if prefix[:n] in TIMEZONE_DATA), ())
                out[prefix] = (tuple(names.values()), tuple(zones))
    return out
