"""The key line at the bottom: one widget drawing the screen's keys, not one widget per key.

Textual's Footer builds a widget for every key and rebuilds them all whenever the keys change
(each focus move); with the twenty keys of a company tab that cost about a third of the time to
the first frame. This line draws the same information as text: keys shown by `Binding.show`,
consecutive keys of a compact `Binding.Group` as one entry ("1234 Tabs"), keys whose action is
not available right now dimmed, and the command palette's key on the right.

Upstream: no Textual issue about this cost was found in the issue tracker (searched 2026-11-29).
The nearest are Textualize/textual#4650 (an open pull request letting a recompose keep the
widgets it would rebuild) and qlever-dev/qlever-control#316, which measured the same rebuild of
every FooterKey on each bindings refresh with Textual 8.2.8. When Textual's Footer stops
rebuilding its keys, this widget can go.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


class KeyFooter(Widget):
    """The screen's keys on one line, at 80 columns the most used first (binding order)."""

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyFooter > .key-footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-footer--key", "key-footer--description"}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._keys_changed)

    def _keys_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.refresh()

    def _entries(self) -> list[tuple[str, str, bool]]:
        """(keys, description, enabled) in binding order, a compact group's keys joined."""
        shown: dict[str, tuple[Binding, bool]] = {}
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (binding, enabled)
        palette = self.app.COMMAND_PALETTE_BINDING
        entries: list[tuple[str, str, bool]] = []
        group_of_last = None
        for binding, enabled in shown.values():
            if binding.key == palette:
                continue
            key = self.app.get_key_display(binding)
            group = binding.group
            if group is not None and group.compact and group is group_of_last:
                keys, description, was_enabled = entries[-1]
                entries[-1] = (keys + key, description, was_enabled or enabled)
                continue
            entries.append((key, group.description if group is not None and group.compact
                            else binding.description, enabled))
            group_of_last = group
        return entries

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-footer--key")
        text_style = self.get_component_rich_style("key-footer--description")
        line = Text(no_wrap=True, overflow="ellipsis")
        for keys, description, enabled in self._entries():
            entry = Text.assemble(" ", (keys, key_style), " ", (description, text_style))
            if not enabled:
                entry.stylize("dim")
            line.append_text(entry)
        palette = self._palette_entry(key_style, text_style)
        if palette is not None:
            room = max(0, self.size.width - palette.cell_len - 1)
            line.truncate(room, overflow="ellipsis", pad=True)
            line.append("▏", style="dim").append_text(palette)
        return line

    def _palette_entry(self, key_style, text_style) -> Text | None:
        if not self.app.ENABLE_COMMAND_PALETTE:
            return None
        for _node, binding, _enabled, _tooltip in self.screen.active_bindings.values():
            if binding.key == self.app.COMMAND_PALETTE_BINDING:
                return Text.assemble((self.app.get_key_display(binding), key_style), " ",
                                     (binding.description, text_style))
        return None
