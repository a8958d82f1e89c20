"""`mycompany --version`: what support asks first ("which version do you run?")."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_version_prints_the_installed_version_and_exits_0(tmp_path: Path) -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    done = subprocess.run([sys.executable, "-m", "tui", "--version"], capture_output=True,
                          text=True, cwd=tmp_path, timeout=60, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"mycompany {declared}\n", "")


def test_version_is_listed_in_the_help(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "tui", "--help"], capture_output=True,
                          text=True, cwd=tmp_path, timeout=60, check=False)
    assert "--version" in done.stdout and "print the program's version and exit" in done.stdout
