"""The screens in another language for a test, and English again after it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from store import i18n


def _tui_modules() -> dict:
    return {name: module for name, module in sys.modules.items()
            if name == "tui" or name.startswith("tui.")}


@contextmanager
def screens_in(language: str) -> Iterator[str]:
    """Set the language and import the tui modules again, since their key bindings and tab group
    names are translated as their classes are made (the program does the same by choosing the
    language before importing them). Afterwards the modules that were loaded before are put
    back, the very same objects, so that other tests holding their classes still find them."""
    before_modules = _tui_modules()
    for name in before_modules:
        del sys.modules[name]
    before = i18n.current_locale()
    try:
        yield i18n.set_language(language)
    finally:
        i18n.set_language(before)
        for name in _tui_modules():
            del sys.modules[name]
        sys.modules.update(before_modules)


@pytest.fixture
def french():
    """The screens in French for one test."""
    with screens_in("fr") as locale:
        yield locale
