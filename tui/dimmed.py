"""A dimmed key pressed rings the bell and says why (#15 trial: with no open invoice `y Pay now`
is dimmed, and pressing y did nothing at all). A key is dimmed where its node's check_action
answers None (Textual then neither runs it nor says anything); tui.app.MyCompanyApp.run_action
hands every such press to `tell_dimmed_later` (judged once the keys typed before it have landed),
then `tell_dimmed`, the one place for all of them.

The reason is the node's own (`dimmed_reason(action, parameters)`, a str or None) when it has
one, else the one for the action below, which says what the store's view made the screen dim:
no open invoice (InvoicePage.open_invoices), one recipient left (BillingView.recipients, R13),
the first or last page, no logo."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any

from textual.actions import ActionParseResult, parse

from store.i18n import _

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode


def _page(node: DOMNode, parameters: tuple[object, ...]) -> str:
    step = parameters[0] if parameters else 1
    if isinstance(step, int) and step < 0:
        return _("This is the first page.")
    return _("This is the last page.")


def _logo(node: DOMNode, parameters: tuple[object, ...]) -> str:
    logo = getattr(node, "logo", None)
    if getattr(logo, "busy", False):
        return _("Wait: a change of the logo is still on its way.")
    return _("There is no logo to delete.")


REASONS: dict[str, Callable[[DOMNode, tuple[object, ...]], str]] = {
    "pay_now": lambda node, parameters: _("No open invoice to pay."),
    "remove_recipient": lambda node, parameters: _(
        "The invoices go to one recipient at least: add another one before removing this one."),
    "page": _page,
    "delete_logo": _logo,
    "upload_logo": _logo,
    "pick_logo": _logo,
    "open": lambda node, parameters: _("Nothing to open: type a name, a number or a VAT "
                                       "number to search first."),
}


def why_dimmed(node: DOMNode, action: str, parameters: tuple[object, ...]) -> str:
    """Why `action` of `node` is dimmed, for the person: the node's own reason, else the
    action's (REASONS), else a general sentence."""
    own = getattr(node, "dimmed_reason", None)
    reason = own(action, parameters) if callable(own) else None
    if isinstance(reason, str) and reason:
        return reason
    known = REASONS.get(action)
    return known(node, parameters) if known is not None else _("This key does nothing here now.")


def tell_dimmed(app: App[Any], node: DOMNode, action: str,
                parameters: tuple[object, ...]) -> None:
    """The bell, and why the key does nothing, as a short notification."""
    app.bell()
    app.notify(why_dimmed(node, action, parameters), severity="warning", markup=False,
               timeout=4)


def tell_dimmed_later(app: App[Any], node: DOMNode, action: str,
                      parameters: tuple[object, ...], run: Callable[[], Awaitable[object]]
                      ) -> None:
    """A key found dimmed as the App read it, judged again once the keys typed before it have
    landed in the focused widget: still dimmed, `tell_dimmed`; else `run()` runs its action. A
    priority key runs as the App reads it, ahead of the characters still on their way to the
    focused field (#15 trial: `nordw⏎` in one burst into the empty staff search: ⏎ Open was
    dimmed over the still empty box, and said "Nothing to open")."""

    async def judged() -> None:
        if node.check_action(action, parameters) is None:
            tell_dimmed(app, node, action, parameters)
        else:
            await run()

    (app.focused or app.screen).call_later(judged)


def action_node(app: App[Any], action: str | ActionParseResult, default: DOMNode | None,
                namespaces: Mapping[str, DOMNode] | None,
                ) -> tuple[DOMNode, str, tuple[object, ...]] | None:
    """The node an action runs on, its name and parameters, as `App.run_action` resolves them
    (a namespace given, else "app", "screen" or "focused", else `default`, else the app), from
    Textual's public `textual.actions.parse`; None for a namespace it does not know (Textual
    itself then says why)."""
    destination, name, parameters = action if isinstance(action, tuple) else parse(action)
    node = None if namespaces is None else namespaces.get(destination)
    if node is None and destination:
        if destination not in ("app", "screen", "focused"):
            return None
        node = getattr(app, destination, None)
        if node is None:
            return None
    return (node or default or app), name, parameters
