"""An import-linter contract: no import, and no dotted attribute path, reaches a forbidden module.

import-linter's own `forbidden` contract reads the import graph, which holds one edge per import
statement: `import store` followed by `store.persistence.models.Company` (a submodule that some
other import happened to load) is only the edge tui -> store, and passes. This contract reads the
source of every module under `source_modules` with `ast` and resolves each name to the module it
was bound to (`import store as s`, `from store import persistence`, relative imports), so that
`s.persistence.db`, `getattr(store, "persistence")` and `importlib.import_module("peewee")` are
caught as surely as `import peewee`, and so is a name assigned a module (`s = store`) or
`sys.modules["peewee"]`. What it cannot see: a module named by a computed string.

lint-imports puts the directory it runs in on sys.path, so run from the repository's root it finds
this module by the dotted path named in pyproject.toml's `contract_types`; nothing is installed.
"""

from __future__ import annotations

import ast
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output


@dataclass(frozen=True)
class Reach:
    """One place where a module's source reaches a forbidden module."""

    module: str
    line: int
    path: str
    forbidden: str


def forbidden_prefix(path: str, forbidden: list[str]) -> str | None:
    """The forbidden module that `path` is or lies under, if any."""
    for name in forbidden:
        if path == name or path.startswith(name + "."):
            return name
    return None


def _resolve_relative(module: str, is_package: bool, level: int, target: str | None) -> str:
    package = module if is_package else module.rpartition(".")[0]
    parts = package.split(".")
    base = parts[: len(parts) - (level - 1)] if level > 1 else parts
    return ".".join([*base, target] if target else base)


def _dotted(node: ast.expr) -> list[str] | None:
    """`a.b.c` as ["a", "b", "c"]; None for anything that is not a plain name path."""
    names: list[str] = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    names.append(node.id)
    return names[::-1]


def scan_source(source: str, module: str, is_package: bool, forbidden: list[str]) -> list[Reach]:
    """Every import, attribute path or import-by-name in `source` that reaches `forbidden`."""
    tree = ast.parse(source)
    reaches: list[Reach] = []

    def reach(path: str, line: int) -> None:
        hit = forbidden_prefix(path, forbidden)
        if hit is not None:
            reaches.append(Reach(module, line, path, hit))

    # Which module each local name stands for. Scopes are not told apart: a name bound to a module
    # anywhere in the file is taken to be that module everywhere, which can only report more.
    bound: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                reach(alias.name, node.lineno)
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    root = alias.name.partition(".")[0]
                    bound[root] = root
        elif isinstance(node, ast.ImportFrom):
            base = (
                _resolve_relative(module, is_package, node.level, node.module)
                if node.level
                else node.module or ""
            )
            reach(base, node.lineno)
            for alias in node.names:
                if alias.name == "*":
                    continue
                # The imported name may be a submodule or an attribute; either way the path
                # `base.name` is what it stands for.
                path = f"{base}.{alias.name}"
                reach(path, node.lineno)
                bound[alias.asname or alias.name] = path
    _bind_aliases(tree, bound)

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Del):
            names = _dotted(node)
            if names and names[0] in bound:
                reach(".".join([bound[names[0]], *names[1:]]), node.lineno)
        elif isinstance(node, ast.Call):
            _scan_call(node, bound, reach)
        elif (
            isinstance(node, ast.Subscript)
            and _dotted(node.value) == ["sys", "modules"]
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, str)
        ):
            reach(node.slice.value, node.lineno)
    return _first_per_line(reaches)


def _bind_aliases(tree: ast.Module, bound: dict[str, str]) -> None:
    """Names assigned a module path (`s = store`, `db = s.persistence`) stand for it too."""
    assignments = [
        (node.targets[0].id, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
    ]
    changed = True
    while changed:  # until no new name: an alias may be of an alias
        changed = False
        for name, value in assignments:
            names = _dotted(value)
            if names and names[0] in bound and name not in bound:
                bound[name] = ".".join([bound[names[0]], *names[1:]])
                changed = True


def _scan_call(node: ast.Call, bound: dict[str, str], reach: Callable[[str, int], None]) -> None:
    func = _dotted(node.func)
    if not func or not node.args:
        return
    first = node.args[0]
    name = ".".join(func)
    literal = first.value if isinstance(first, ast.Constant) else None
    if name in ("importlib.import_module", "import_module", "__import__") and isinstance(
        literal, str
    ):
        reach(literal, node.lineno)
    elif name == "getattr" and len(node.args) >= 2:
        target = _dotted(first)
        attr = node.args[1]
        if (
            target
            and target[0] in bound
            and isinstance(attr, ast.Constant)
            and isinstance(attr.value, str)
        ):
            reach(".".join([bound[target[0]], *target[1:], attr.value]), node.lineno)


def _first_per_line(reaches: list[Reach]) -> list[Reach]:
    """One report per line and forbidden module: `a.b.c` also holds the nodes `a.b` and `a`."""
    best: dict[tuple[str, int, str], Reach] = {}
    for item in reaches:
        key = (item.module, item.line, item.forbidden)
        if key not in best or len(item.path) > len(best[key].path):
            best[key] = item
    return sorted(best.values(), key=lambda r: (r.module, r.line, r.path))


def package_sources(package: str) -> list[tuple[str, bool, Path]]:
    """(module name, is a package, file) for every .py file of `package`, without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ValueError(f"cannot find the package {package!r}")
    origin = Path(spec.origin)
    if origin.name != "__init__.py":
        return [(package, False, origin)]
    root = origin.parent
    found = []
    for file in sorted(root.rglob("*.py")):
        relative = file.relative_to(root).with_suffix("").parts
        is_package = relative[-1] == "__init__"
        parts = relative[:-1] if is_package else relative
        found.append((".".join([package, *parts]), is_package, file))
    return found


class ForbiddenAttributePathContract(Contract):
    """No module under `source_modules` imports or reaches by attribute a `forbidden_modules` one.

    Configuration options:
        - source_modules:    the packages whose source is read.
        - forbidden_modules: modules that must not be reached, with everything under them.
    """

    type_name = "forbidden_attribute_paths"

    source_modules = fields.ListField(subfield=fields.StringField())
    forbidden_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        sources: list[str] = cast("list[str]", self.source_modules)
        forbidden: list[str] = cast("list[str]", self.forbidden_modules)
        reaches: list[Reach] = []
        for package in sources:
            for module, is_package, file in package_sources(package):
                output.verbose_print(verbose, f"Reading {file}...")
                text = file.read_text(encoding="utf-8")
                reaches.extend(scan_source(text, module, is_package, forbidden))
        return ContractCheck(kept=not reaches, metadata={"reaches": reaches})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for item in check.metadata["reaches"]:
            output.print_error(
                f"{item.module}:{item.line} reaches {item.path} (forbidden: {item.forbidden})",
                bold=False,
            )
        output.new_line()
