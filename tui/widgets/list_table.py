"""A DataTable that runs a key's binding as soon as it has the key."""

from __future__ import annotations

from textual import events
from textual.widgets import DataTable


class ListTable(DataTable):
    """The lists of the tabs and screens (invoices, recipients, history, search results).

    Textual looks a key's binding up only after the key has bubbled from the focused widget
    through each of its containers back to the App: from a list in a tab that is seven message
    hops, each a turn of the event loop, before "n" turns a page or "down" moves the cursor. The
    list looks the binding up itself, along the same chain and in the same order (the list, its
    containers, the screen, the app; priority bindings have run before the key got here), and
    runs it at once; a key with no binding, or whose action is not available, goes the usual way.
    """

    async def _on_key(self, event: events.Key) -> None:
        app = self.app
        for namespace, bindings in self.screen._modal_binding_chain:
            for binding in bindings.key_to_bindings.get(event.key, ()):
                if not binding.priority and await app.run_action(binding.action, namespace):
                    event.stop()
                    event.prevent_default()
                    return
        await super()._on_key(event)
