"""The README's command list ("The command line") names every option of every command, and each
command's --help ends with the exit statuses, as the README says it does (#18 trial: recipients'
--reason/--ticket, history's --until and export's --format/--replace were missing; only
`mycompany --help` gave the exit statuses)."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.cli import build_parser

README = Path(__file__).resolve().parents[2] / "README.md"
# Said once for every command, above and below the list: the company after the command too
# (`--company ID`, tui.company_arg), `--json` ("JSON answers"), and --help.
EVERY_COMMAND = {"--company", "--json", "--help"}


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
              ) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if path:
        yield path, parser
    for sub in subs:
        for name, child in sub.choices.items():
            yield from _commands(child, (*path, name))


COMMANDS = dict(_commands(build_parser()))
LEAVES = [path for path, parser in COMMANDS.items()
          if not any(isinstance(a, argparse._SubParsersAction) for a in parser._actions)]


def _entries() -> list[str]:
    """The list's entries: a `mycompany …` line and the lines under it."""
    section = README.read_text(encoding="utf-8").split("## The command line\n", 1)[1]
    block = re.search(r"```\n(.*?)```", section, re.DOTALL)[1]
    entries: list[str] = []
    for line in block.splitlines():
        if line.startswith("mycompany"):
            entries.append(line)
        elif entries:
            entries[-1] += "\n" + line
    return entries


@pytest.mark.parametrize("path", LEAVES, ids=" ".join)
def test_the_readme_lists_every_option_of_the_command(path):
    entries = [e for e in _entries() if re.match(rf"mycompany {re.escape(path[0])}\b", e)
               and all(re.search(rf"\b{re.escape(word)}\b", e) for word in path[1:])]
    assert entries, f"mycompany {' '.join(path)} is not in the README's list"
    options = {option for action in COMMANDS[path]._actions
               for option in action.option_strings if option.startswith("--")}
    listed = "\n".join(entries)
    assert [o for o in sorted(options - EVERY_COMMAND)
            if not re.search(rf"{re.escape(o)}\b", listed)] == []


@pytest.mark.parametrize("path", list(COMMANDS), ids=" ".join)
def test_each_command_s_help_ends_with_its_exit_statuses(path):
    text = COMMANDS[path].format_help()
    assert "Exit status: 0 " in text
    assert text.rstrip().endswith(".")
