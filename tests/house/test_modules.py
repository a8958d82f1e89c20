"""House rules on the source itself: modules stay short, and tui/ uses only public Textual API."""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 400


def _python_files(*folders: str) -> Iterator[Path]:
    for folder in folders:
        yield from sorted((ROOT / folder).rglob("*.py"))


def _name(file: Path) -> str:
    return file.relative_to(ROOT).as_posix()


def test_no_module_is_over_400_lines() -> None:
    too_long = {
        _name(file): count
        for file in _python_files("store", "tui", "tests", "bench")
        if (count := len(file.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not too_long, f"modules over {MAX_LINES} lines: " + ", ".join(
        f"{name} ({count})" for name, count in sorted(too_long.items())
    )


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _is_textual(module: str) -> bool:
    return module == "textual" or module.startswith("textual.")


def _module_name(file: Path) -> str:
    parts = file.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _textual_names(tree: ast.Module) -> set[str]:
    """Local names bound to a Textual module or to something imported from one."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _is_textual(alias.name):
                    names.add(alias.asname or "textual")
        elif (
            isinstance(node, ast.ImportFrom)
            and not node.level
            and node.module
            and _is_textual(node.module)
        ):
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def private_textual_uses(source: str) -> list[str]:
    """`line: what` for every private Textual name the source imports or reads."""
    tree = ast.parse(source)
    textual_names = _textual_names(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [
                f"{node.lineno}: import {alias.name}"
                for alias in node.names
                if _is_textual(alias.name)
                and any(_is_private(part) for part in alias.name.split("."))
            ]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            if not _is_textual(node.module):
                continue
            private = [part for part in node.module.split(".") if _is_private(part)]
            private += [alias.name for alias in node.names if _is_private(alias.name)]
            if private:
                names = ", ".join(alias.name for alias in node.names)
                found.append(f"{node.lineno}: from {node.module} import {names}")
        elif isinstance(node, ast.Attribute) and _is_private(node.attr):
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in textual_names:
                found.append(f"{node.lineno}: {owner.id}.{node.attr}")
            elif (
                isinstance(owner, ast.Attribute)
                and owner.attr in ("app", "screen")
                and isinstance(owner.value, ast.Name)
                and owner.value.id == "self"
            ):
                found.append(f"{node.lineno}: self.{owner.attr}.{node.attr}")
            elif _reaches_textual(owner, textual_names):
                found.append(f"{node.lineno}: ...{node.attr} on a Textual name")
    return found


def _reaches_textual(node: ast.expr, textual_names: set[str]) -> bool:
    """True for `textual.widgets.DataTable`-like paths rooted at a Textual import."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name) and node.id in textual_names


def _inherited_private_reads(node: ast.ClassDef, cls: type, prefix: str) -> list[str]:
    """`self._name` read in the class's own methods where `_name` is a private member a Textual
    class of its MRO defines and no class of ours does (`self._parse_action(...)` from an App)."""
    found = []
    for item in ast.walk(node):
        if not (isinstance(item, ast.Attribute) and _is_private(item.attr)
                and isinstance(item.value, ast.Name) and item.value.id == "self"):
            continue
        owners = [base for base in cls.__mro__ if item.attr in vars(base)]
        if owners and _is_textual(owners[0].__module__):
            found.append(f"{item.lineno}: {prefix}{node.name} reads self.{item.attr} of "
                         f"{owners[0].__module__}.{owners[0].__qualname__}")
    return found


def private_textual_overrides(source: str, module_name: str) -> list[str]:
    """`Class.method` for every method of the module's classes that overrides a private method a
    Textual class defines (found by walking the class's MRO), and every private member of a
    Textual class the class's methods read through `self`."""
    tree = ast.parse(source)
    if not any(isinstance(node, ast.ClassDef) for node in tree.body):
        return []  # nothing to override; and __main__ modules run when imported
    module = importlib.import_module(module_name)
    found = []

    def visit(body: list[ast.stmt], owner: object, prefix: str) -> None:
        for node in body:
            if not isinstance(node, ast.ClassDef):
                continue
            cls = getattr(owner, node.name, None)
            if not isinstance(cls, type):
                continue
            found.extend(_inherited_private_reads(node, cls, prefix))
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and _is_private(
                    item.name
                ):
                    for base in cls.__mro__[1:]:
                        if item.name in vars(base) and _is_textual(base.__module__):
                            found.append(
                                f"{item.lineno}: {prefix}{node.name}.{item.name} overrides "
                                f"{base.__module__}.{base.__qualname__}.{item.name}"
                            )
                            break
            visit(node.body, cls, f"{prefix}{node.name}.")

    visit(tree.body, module, "")
    return found


TUI_FILES = list(_python_files("tui"))


def test_tui_imports_and_reads_no_private_textual_name() -> None:
    offenders = [
        f"{_name(file)}:{use}"
        for file in TUI_FILES
        for use in private_textual_uses(file.read_text(encoding="utf-8"))
    ]
    assert not offenders, "private Textual names used in tui/:\n" + "\n".join(offenders)


def test_tui_overrides_no_private_textual_method() -> None:
    offenders = [
        f"{_name(file)}:{override}"
        for file in TUI_FILES
        for override in private_textual_overrides(
            file.read_text(encoding="utf-8"), _module_name(file)
        )
    ]
    assert not offenders, "private Textual methods overridden in tui/:\n" + "\n".join(offenders)


# The checks themselves, on planted source: a check that cannot fail is no check.


@pytest.mark.parametrize(
    "source",
    [
        "from textual._binding import Binding",
        "import textual._compositor",
        "import textual._compositor as comp",
        "from textual.widgets._data_table import DataTable",
        "from textual.app import _private_helper",
        "from textual import events\nevents._Private",
        "from textual.widgets import DataTable\nDataTable._on_key",
        "import textual.app\ntextual.app._x",
        "class A:\n    def f(self):\n        return self.app._compositor",
        "class A:\n    def f(self):\n        return self.screen._bindings",
    ],
)
def test_a_planted_private_textual_name_is_found(source: str) -> None:
    assert len(private_textual_uses(source)) == 1


@pytest.mark.parametrize(
    "source",
    [
        "from textual.widgets import DataTable\nDataTable.__name__",
        "class A:\n    def f(self):\n        return self._own, self.app.title",
        "import os\nos._exit",
    ],
)
def test_public_names_and_own_private_names_pass(source: str) -> None:
    assert private_textual_uses(source) == []


PLANTED_OVERRIDE = '''
from textual.app import App
from textual.widgets import DataTable


class Table(DataTable):
    async def _on_key(self, event):
        pass

    def _own_helper(self):
        pass


class Outer:
    class Inner(App):
        def _check_bindings(self):
            pass

        def public(self):
            return self._parse_action("quit", self), self._own_helper
'''


def test_a_planted_private_override_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "planted_override.py").write_text(PLANTED_OVERRIDE)
    monkeypatch.syspath_prepend(str(tmp_path))
    found = private_textual_overrides(PLANTED_OVERRIDE, "planted_override")
    assert [line.split(" overrides ")[0].split(" of ")[0] for line in found] == [
        "7: Table._on_key",
        "20: Outer.Inner reads self._parse_action",
        "16: Outer.Inner._check_bindings",
    ]
