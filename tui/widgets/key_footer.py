"""The key line at the bottom: one widget drawing the screen's keys, not one widget per key.

Textual's Footer builds a widget for every key and rebuilds them all whenever the keys change
(each focus move); with the twenty keys of a company tab that cost about a third of the time to
the first frame. This line draws the same information as text: keys shown by `Binding.show`,
consecutive keys of a compact `Binding.Group` as one entry ("1234 Tabs"), keys whose action is
not available right now dimmed, and the command palette's key at the end.

The layout rule at any width (80 columns included), the same for every screen and dialog: the
focused part's own keys first (the tab's, the dialog's), then the screen's, then the app's in the
order of `MyCompanyApp.BINDINGS`; an entry is never cut: when the keys do not fit on one line the
footer grows to two or more lines, breaking between entries (issue #15, "Lost keys at 80
columns").

Upstream: no Textual issue about this cost was found in the issue tracker (searched 2026-11-29).
The nearest are Textualize/textual#4650 (an open pull request letting a recompose keep the
widgets it would rebuild) and qlever-dev/qlever-control#316, which measured the same rebuild of
every FooterKey on each bindings refresh with Textual 8.2.8. When Textual's Footer stops
rebuilding its keys, this widget can go.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget


class Entry(NamedTuple):
    """One footer entry: the key(s) as shown ("^s", "1234"), the words, and whether it acts now."""

    keys: str
    description: str
    enabled: bool


def described(node: object, binding: Binding) -> str:
    """A key's word: the binding's description, or the word its node gives it, `node.key_word
    (binding)` when the node has one (a dialog's ^s reads as its button: "Add", "Save card",
    not "Send"). The key line and the palette both say it so."""
    word = getattr(node, "key_word", None)
    return (word(binding) if word is not None else None) or binding.description


def shown_entries(screen: Screen) -> list[Entry]:
    """The entries of `screen`'s footer, in footer order, the palette's last.

    One entry per action (its first key: the other keys are in help), the keys of a compact
    group joined; hidden (`show=False`) keys and keys whose `check_action` says False are out.
    """
    app = screen.app
    shown: dict[str, tuple[Binding, bool, int, str]] = {}
    app_order = [b.key for b in getattr(app, "BINDINGS", []) if isinstance(b, Binding)]
    palette_entry: Entry | None = None
    for node, binding, enabled, _tooltip in screen.active_bindings.values():
        if binding.key == app.COMMAND_PALETTE_BINDING:
            if app.ENABLE_COMMAND_PALETTE:
                palette_entry = Entry(app.get_key_display(binding), binding.description, True)
            continue
        if not binding.show or binding.action in shown:
            continue
        # The app's own keys after everything else, in the order the app declares them; a
        # dialog's binding of an app action (its ctrl+q: `app.quit`) is one of them.
        own = node is not app and not binding.action.startswith("app.")
        rank = 0 if own else 1 + next(
            (i for i, key in enumerate(app_order) if binding.key in key.split(",")),
            len(app_order))
        shown[binding.action] = (binding, enabled, rank, described(node, binding))
    ordered = sorted(shown.values(), key=lambda item: item[2])  # stable: chain order kept
    entries: list[Entry] = []
    group_of_last = None
    for binding, enabled, _rank, word in ordered:
        key = app.get_key_display(binding)
        group = binding.group
        if group is not None and group.compact and group is group_of_last:
            last = entries[-1]
            entries[-1] = Entry(last.keys + key, last.description, last.enabled or enabled)
            continue
        entries.append(Entry(key, group.description if group is not None and group.compact
                             else word, enabled))
        group_of_last = group
    if palette_entry is not None:
        entries.append(palette_entry)
    return entries


class KeyFooter(Widget):
    """The screen's keys, on as many lines as they need at the footer's width (see the module)."""

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: auto;
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
        self.screen.bindings_updated_signal.subscribe(self, self.keys_changed)

    def on_resize(self) -> None:
        """Toasts stand above the key line, however many lines it takes (#15 trial: the payment
        toast at 80x24 covered the first of Billing's two key lines, its last letter showing
        beside it): Textual's toast rack keeps one line for a one-line footer."""
        for rack in self.screen.query("#textual-toastrack"):
            rack.styles.margin = (0, 0, self.size.height, 0)

    def keys_changed(self, screen: Screen) -> None:
        """The screen's keys changed (focus moved, a check_action answers differently)."""
        if screen is self.screen:
            self.refresh(layout=True)

    def lines(self, width: int) -> list[Text]:
        """The footer's lines at `width` cells: whole entries, greedily, none cut."""
        key_style = self.get_component_rich_style("key-footer--key")
        text_style = self.get_component_rich_style("key-footer--description")
        lines: list[Text] = []
        line = Text(no_wrap=True)
        for entry in shown_entries(self.screen):
            piece = self._piece(entry, key_style, text_style)
            if line.cell_len and line.cell_len + piece.cell_len > width:
                lines.append(line)
                line = Text(no_wrap=True)
            line.append_text(piece)
        lines.append(line)
        return lines

    @staticmethod
    def _piece(entry: Entry, key_style: Style, text_style: Style) -> Text:
        piece = Text.assemble(" ", (entry.keys, key_style), " ", (entry.description, text_style))
        if not entry.enabled:
            piece.stylize("dim")
        return piece

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        width = width or viewport.width
        return max(len(self.lines(width)), self._below_height(width))

    def _below_height(self, width: int) -> int:
        """Over a dialog: as tall as the key line of the screen below, which it covers (the
        keys of the screen below do nothing while the dialog is open); that one as tall as
        its own below it (#15 trial: the quit question asked from a dialog over Billing's two
        key lines left the dialog's own key line showing over the question's)."""
        stack = self.app.screen_stack
        if not self.screen.is_modal or self.screen not in stack:
            return 0
        index = stack.index(self.screen)
        if index == 0:
            return 0
        below = stack[index - 1].query(KeyFooter)
        return max((max(len(footer.lines(width)), footer._below_height(width))
                    for footer in below), default=0)

    def render(self) -> Text:
        lines = self.lines(self.size.width)
        # A dialog's short key line starts on the top row of the screen's taller one.
        lines += [Text()] * max(0, self.size.height - len(lines))
        return Text("\n", no_wrap=True).join(lines)
