"""The screens in another language for a test, and English again after it."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from store import i18n


def _tui_modules() -> dict:
    return {name: module for name, module in sys.modules.items()
            if name == "tui" or name.startswith("tui.")}


def _wait_for_background_imports() -> None:
    """The company screen imports the other tabs in a "warm-up" thread: let it finish, so that
    it does not put a module made in one language among the other language's."""
    for thread in threading.enumerate():
        if thread.name == "warm-up" and thread is not threading.current_thread():
            thread.join(timeout=30)


@contextmanager
def screens_in(language: str) -> Iterator[str]:
    """Set the language and import the tui modules again, since their key bindings and tab group
    names are translated as their classes are made (the program does the same by choosing the
    language before importing them). Afterwards the modules that were loaded before are put
    back, the very same objects, so that other tests holding their classes still find them."""
    _wait_for_background_imports()
    before_modules = _tui_modules()
    for name in before_modules:
        del sys.modules[name]
    before = i18n.current_locale()
    try:
        yield i18n.set_language(language)
    finally:
        _wait_for_background_imports()
        i18n.set_language(before)
        for name in _tui_modules():
            del sys.modules[name]
        sys.modules.update(before_modules)


@pytest.fixture
def french():
    """The screens in French for one test."""
    with screens_in("fr") as locale:
        yield locale
