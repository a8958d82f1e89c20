"""The house's import-linter contract catches what the import graph cannot: attribute paths."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lint.attribute_paths import scan_source

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
FORBIDDEN = ["peewee", "playhouse", "store.persistence"]

CONFIG = """\
[importlinter]
root_packages =
    screens
include_external_packages = True
contract_types =
    forbidden_attribute_paths: lint.attribute_paths.ForbiddenAttributePathContract

[importlinter:contract:by-attribute]
name = screens never reach the database
type = forbidden_attribute_paths
source_modules =
    screens
forbidden_modules =
    peewee
    playhouse
    store.persistence
"""

CLEAN = """\
\"\"\"A tui-like screen that only uses the store's public modules.\"\"\"
import store
import store.views


def company_name(company_id):
    return store.views.__name__, company_id
"""

PLANTED = CLEAN + """

def company_row(company_id):
    return store.persistence.models.Company.get_by_id(company_id)
"""


def _lint_imports(tmp_path: Path, screen: str) -> subprocess.CompletedProcess[str]:
    """lint-imports run in a folder that holds only the contract's own code (copied as a clean
    checkout has it), the config and a tui-like package: the contract is found from the folder
    lint-imports runs in, as in CI, not from an installed package."""
    shutil.copytree(ROOT / "lint", tmp_path / "lint", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "screens").mkdir()
    (tmp_path / "screens" / "__init__.py").write_text('"""Screens."""\n')
    (tmp_path / "screens" / "company.py").write_text(screen)
    (tmp_path / ".importlinter").write_text(CONFIG)
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", ".importlinter", "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_lint_imports_breaks_on_a_planted_attribute_path(tmp_path: Path) -> None:
    result = _lint_imports(tmp_path, PLANTED)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "screens never reach the database BROKEN" in result.stdout
    assert "screens.company:11 reaches store.persistence.models.Company" in result.stdout


def test_lint_imports_keeps_the_same_package_without_it(tmp_path: Path) -> None:
    result = _lint_imports(tmp_path, CLEAN)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "screens never reach the database KEPT" in result.stdout


@pytest.mark.parametrize(
    ("source", "paths"),
    [
        ("import store\nstore.persistence.models.Company", "store.persistence.models.Company"),
        ("import store as s\ns.persistence.db", "store.persistence.db"),
        ("import store.views as v\nimport store\nx = store.persistence", "store.persistence"),
        ("from store import persistence", "store.persistence"),
        (
            "from store import persistence as p\np.models.Company",
            "store.persistence store.persistence.models.Company",
        ),
        ("from .. import persistence", "store.persistence"),
        ("import peewee", "peewee"),
        ("from playhouse.db_url import connect", "playhouse.db_url.connect"),
        (
            "import importlib\nimportlib.import_module('store.persistence.db')",
            "store.persistence.db",
        ),
        ("import store\ngetattr(store, 'persistence')", "store.persistence"),
        (
            "import store\ns = store\ndb = s.persistence\ndb.database",
            "store.persistence store.persistence.database",
        ),
        ("import sys\nsys.modules['store.persistence.models']", "store.persistence.models"),
        (
            "def f():\n    import store as st\n    return st.persistence.db.database",
            "store.persistence.db.database",
        ),
    ],
)
def test_every_way_of_reaching_a_forbidden_module_is_caught(source: str, paths: str) -> None:
    """`paths`: what is reported, one per line of source that reaches, in line order."""
    reaches = scan_source(source, "store.forms.screen", is_package=False, forbidden=FORBIDDEN)
    assert [reach.path for reach in reaches] == paths.split()


@pytest.mark.parametrize(
    "source",
    [
        "import store\nstore.views.company_view",
        "from store import persistent_things",
        "import store.forms\nstore.forms.persistence",
        "persistence = 1\nself.persistence.db",
    ],
)
def test_look_alike_paths_are_not_reported(source: str) -> None:
    assert scan_source(source, "tui.screen", is_package=False, forbidden=FORBIDDEN) == []
