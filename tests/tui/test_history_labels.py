"""Every action the store writes to the trail has a name in History, in English and French
(#16 trial: a refused `requests list` showed the internal id `request.list`).

The actions are found in the store's source, not listed by hand: every call of a function
that takes an `action` parameter (store.trail.audit.record, store.people.access.refuse,
ensure_owner, refusals_recorded… and any wrapper that passes one on), with the action written there,
named by a module constant, a function's default, or a dict of the calling function
(`{"approved": "request.approve", …}[status]`). An action added anywhere in store/ is checked
the day it is written."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from store.i18n import set_language
from tui import audit_text
from tui.trail_words import action_label

STORE = Path(__file__).resolve().parents[2] / "store"


def _takers(trees: dict[Path, ast.Module]) -> dict[str, tuple[int, str | None]]:
    """Functions with an `action` parameter: name -> (its position, its default if written)."""
    takers: dict[str, tuple[int, str | None]] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names = [a.arg for a in node.args.posonlyargs + node.args.args]
                if "action" in names:
                    index = names.index("action")
                    defaults = node.args.defaults
                    first_default = len(names) - len(defaults)
                    default = defaults[index - first_default] if index >= first_default else None
                    takers[node.name] = (index, default.value if isinstance(
                        default, ast.Constant) else None)
    return takers


def _strings(node: ast.AST, scope: ast.AST, module: ast.Module) -> set[str]:
    """The action ids an argument can hold: a literal, a module constant, or what the enclosing
    function assigns to that name (a literal, or the values of a dict it indexes)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Dict):
        return {v.value for v in node.value.values
                if isinstance(v, ast.Constant) and isinstance(v.value, str)}
    if isinstance(node, ast.Name):
        found: set[str] = set()
        for holder in (scope, module):
            for stmt in ast.walk(holder):
                if isinstance(stmt, ast.Assign) and any(
                        isinstance(t, ast.Name) and t.id == node.id for t in stmt.targets):
                    found |= _strings(stmt.value, scope, module)
        return found
    return set()


def recorded_actions() -> set[str]:
    trees = {path: ast.parse(path.read_text(encoding="utf-8"))
             for path in STORE.rglob("*.py")}
    takers = _takers(trees)
    actions = {default for _, default in takers.values() if default}
    for tree in trees.values():
        scopes = [n for n in ast.walk(tree)
                  if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)] or [tree]
        for scope in scopes:
            for call in ast.walk(scope):
                if not isinstance(call, ast.Call):
                    continue
                func = call.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                args = [kw.value for kw in call.keywords if kw.arg == "action"]
                if name in takers and len(call.args) > takers[name][0]:
                    args.append(call.args[takers[name][0]])
                for arg in args:
                    actions |= _strings(arg, scope, tree)
    return actions


def test_the_walk_finds_the_actions_of_every_kind_of_call():
    """A walk that found nothing would pass: it finds literals, a module constant (backup's
    ACTION), a default (ensure_can_read's "read"), a wrapper's (keys' _may_manage) and the
    decisions' dict (requests._decide)."""
    found = recorded_actions()
    assert {"request.list", "database.backup", "read", "key.list", "request.approve",
            "request.withdraw", "sign_in", "address.save"} <= found


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_action_recorded_has_a_label_done_and_tried(language):
    set_language(language)
    try:
        unnamed = sorted(a for a in recorded_actions()
                         if action_label(a) == a or audit_text.attempt_label(a) == a)
    finally:
        set_language("en")
    assert unnamed == []


def test_a_refused_line_never_says_it_happened():
    """'Refused: Plan opened' read as if the plan had opened: every action whose done words say
    it happened has words of its own for an attempt (ACTIONS' second word); only the actions
    named by a noun either way share them."""
    from tui.trail_words import ACTIONS

    nouns = {"sign_in", "company.search", "database.backup", "ssh.command", "history.all"}
    assert sorted(a for a, (_done, tried) in ACTIONS.items() if tried is None) == sorted(nouns)
    assert audit_text.attempt_label("plan.read") == "Opening the plan"


def test_a_console_forms_field_is_named_as_that_form_names_it(demo):
    """#18 trial: a refused `staff add --name X` read "Company name: X" (the company's "name")."""
    import store.errors
    import store.people.access
    import store.people.staff
    import store.trail.history_all

    admin = store.people.access.resolve_actor("admin@mycompany.example")
    bea = store.people.access.resolve_actor("billing@mycompany.example")
    with pytest.raises(store.errors.Refused):  # admin staff only
        store.people.staff.add_staff(bea, {"name": "Xavier"})
    [line] = store.trail.history_all.all_history(admin, action="staff.add").items
    assert (audit_text.title(line), audit_text.change(line)) == (
        "Staff member addition · Name", "tried Xavier")  # was "… · Company name"
    from tui.trail_words import audit_field_label

    assert audit_field_label("name", None, "staff.add") == "Name"
    assert audit_field_label("name", None, "general.save") == "Company name"
    assert audit_field_label("owner_email", None, "company.create") == "Owner's e-mail"


def test_the_store_s_list_of_actions_is_every_action_it_records():
    """An action filter takes the actions the store records and their kinds
    (store.trail.actions: History's filter dialog and `mycompany history --action` alike): the
    list is exactly the actions found in the store's source, and History names each."""
    from store.trail.actions import RECORDED, action_filter
    from tui.trail_words import ACTIONS

    assert RECORDED == recorded_actions() == set(ACTIONS)
    assert action_filter(" Export.Invoices ") == "export.invoices"
    assert action_filter("plan.change.") == "plan.change"
    with pytest.raises(ValueError, match="'bogus' is not an action"):
        action_filter("bogus")
