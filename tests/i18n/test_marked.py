"""Every user-facing string of tui/ and store/ goes through gettext: an AST scan of the places
text reaches a person (widgets, toasts, key bindings, column headers, refusals, command-line
help and output, PDF labels) for English words that are not wrapped in `_()` or `ngettext()`."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(p for folder in ("store", "tui") for p in (ROOT / folder).rglob("*.py")
                 if "migrations" not in p.parts)

TRANSLATORS = {"_", "ngettext", "pgettext", "N_", "gettext", "colon"}
# Every positional argument and these keywords are shown to a person.
WIDGETS = {"Static", "Label", "Button", "Header", "Placeholder", "Markdown"}
ERRORS = {"InvalidInput", "Refused", "NotFound", "StorageError", "StoreError", "Busy",
          "Conflict", "UsageError", "ValueError", "PydanticCustomError"}
MODALS = {"ConfirmModal", "PromptModal", "ReasonModal", "SystemCommand", "HelpScreen"}
SHOWN_KEYWORDS = {"description", "tooltip", "help", "epilog", "placeholder", "title",
                  "confirm_label", "submit_label", "save_label", "summary", "label", "message"}
SHOWN_ATTRIBUTES = {"title", "sub_title", "border_title", "border_subtitle", "tooltip",
                    "save_label", "submit_label", "placeholder"}
# Literals that are not words: key hints after a translated button label, separators, the
# program's name in front of its messages, Greece's VAT prefix, examples.
ALLOWED = {" (esc)", " (enter)", " (n)", " (u)", " (o)", " (d)", "mycompany: ", "mycompany", "EL",
           "ctrl+p", "tab / shift+tab", "https://example.com", "~/Pictures/logo.png"}
WORD = re.compile(r"[^\W\d_]{2,}")


def _called(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _words(node: ast.AST) -> list[str]:
    """The string literals holding words inside `node`, not looking inside translations."""
    if isinstance(node, ast.Call):
        name = _called(node)
        if name in TRANSLATORS:
            return []
        if name == "format" and isinstance(node.func, ast.Attribute):
            # _("...").format(x="literal") : the template is translated; look at the values.
            return _words(node.func.value) + [w for k in node.keywords for w in _words(k.value)] \
                + [w for a in node.args for w in _words(a)]
        if name in ("safe_text", "str", "repr", "getattr", "day", "money", "field_label"):
            return []
        return []  # another call's result is checked where that call makes its text
    if isinstance(node, ast.Constant):
        text = node.value
        if isinstance(text, str) and text not in ALLOWED and WORD.search(text):
            return [text]
        return []
    if isinstance(node, ast.JoinedStr):
        return [w for v in node.values for w in _words(v)]
    if isinstance(node, ast.FormattedValue):
        return _words(node.value)
    if isinstance(node, ast.Dict):
        return [w for v in node.values if v is not None for w in _words(v)]  # keys are codes
    if isinstance(node, (ast.BinOp, ast.IfExp, ast.BoolOp, ast.List, ast.Tuple, ast.JoinedStr)):
        return [w for child in ast.iter_child_nodes(node) for w in _words(child)
                if not isinstance(child, ast.expr_context)]
    if isinstance(node, ast.Subscript):
        return _words(node.value)
    return []


def _shown_arguments(call: ast.Call, module: str) -> list[ast.AST]:
    """The arguments of `call` that a person reads."""
    name = _called(call)
    keywords = [k.value for k in call.keywords if k.arg in SHOWN_KEYWORDS]
    if name in WIDGETS | ERRORS | MODALS:
        return [*call.args, *keywords]
    if name == "Binding":
        return [*call.args[2:3], *keywords]
    if name == "Group" or name == "add_columns":
        return [*call.args, *keywords]
    if name in ("add_column", "notify", "update", "FormField"):
        first = 1 if name == "FormField" else 0
        return [*call.args[first:first + 1], *keywords]
    if name in ("add_argument", "add_parser", "ArgumentParser", "Parser", "add_subparsers"):
        return keywords
    if name in ("print", "write", "input", "getpass") and module.startswith("tui/"):
        return list(call.args)
    if module == "store/documents/pdf.py" and name in ("pen", "row", "write", "cell", "multi_cell"):
        return list(call.args)
    return keywords if name in ("PromptModal", "OtherPaymentModal") else []


def _problems(path: Path) -> list[str]:
    module = path.relative_to(ROOT).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        shown: list[ast.AST] = []
        if isinstance(node, ast.Call):
            shown = _shown_arguments(node, module)
        elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Attribute) and t.attr in SHOWN_ATTRIBUTES
                or isinstance(t, ast.Name) and t.id in ("TITLE", "SUB_TITLE")
                for t in node.targets):
            shown = [node.value]
        for argument in shown:
            found += [f"{module}:{node.lineno}: {text!r}" for text in _words(argument)]
    return found


def test_every_user_facing_literal_is_marked_for_translation():
    problems = [problem for path in SOURCES for problem in _problems(path)]

    assert problems == [], "not wrapped in _():\n" + "\n".join(problems)


@pytest.mark.parametrize("source, expected", [
    ('Static("Saved")', ["'Saved'"]),
    ('self.notify(f"Saved {n} rows")', ["'Saved '", "' rows'"]),
    ('Binding("s", "save", "Save", tooltip=_("Save it"))', ["'Save'"]),
    ('Binding("s", "save", _("Save"), tooltip="Save it")', ["'Save it'"]),
    ('table.add_columns("When", _("Who"))', ["'When'"]),
    ('raise Refused("Only the owner")', ["'Only the owner'"]),
    ('raise InvalidInput({"email": "Enter an e-mail"})', ["'Enter an e-mail'"]),
    ('Static(_("Hello {name}").format(name=safe_text(name)))', []),
    ('Static(_("Plan") + " (esc)")', []),
])
def test_the_scan_finds_unmarked_text(tmp_path, source, expected, monkeypatch):
    path = ROOT / "tui" / "_scan_example.py"
    monkeypatch.setattr(Path, "read_text", lambda self, **kw: source)

    found = _problems(path)

    assert [line.split(": ", 1)[1] for line in found] == expected
