"""The help screen: every key of the app and of each tab, from the bindings themselves.

The layout rule (issue #15, "Lost keys at 80 columns"): one section for the keys that work
everywhere, then one per tab (or one for the screen shown); in a section a key has one meaning;
a binding's keys by their display names ("r / del", never "r,delete"); the key column stays put
and a description wraps under itself instead of being cut.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from store.i18n import _

from ..widgets.dialog_keys import Dialog
from ..widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from textual.app import App

Row = tuple[str, str]  # (keys as shown, what they do)
Section = tuple[str, list[Row]]  # (title, rows)


def key_names(app: App, binding: Binding) -> str:
    """A binding's keys by their display names, joined by " / " ("r / del", "^s")."""
    if binding.key_display:
        return binding.key_display
    keys = [key.strip() for key in binding.key.split(",") if key.strip()]
    return " / ".join(app.get_key_display(Binding(key, binding.action)) for key in keys)


def rows(app: App, bindings: Iterable[Binding], taken: set[str] | None = None) -> list[Row]:
    """One row per action, in binding order; a key already in `taken` (or earlier in this list)
    is left out, so a key has one meaning in a section."""
    taken = set() if taken is None else taken
    found: list[Row] = []
    actions: set[str] = set()
    for binding in bindings:
        if not binding.description or binding.action in actions:
            continue
        if binding.action == "command_palette":
            continue  # its own row, with what it does
        keys = [key.strip() for key in binding.key.split(",")]
        if any(key in taken for key in keys):
            continue
        taken.update(keys)
        actions.add(binding.action)
        found.append((key_names(app, binding), binding.tooltip or binding.description))
    return found


FORM_ACTIONS = ("save", "revert")  # the app's keys that act on a tab's form only


def help_sections(app: App) -> list[Section]:
    """The sections of help for the screen shown (a company's tabs must be mounted first).

    ctrl+s and escape are listed in the sections of the tabs with a form, where they act.
    """
    from .company import CompanyScreen, applies, tab_title

    app_bindings = [b for b in getattr(app, "BINDINGS", []) if isinstance(b, Binding)]
    general = [b for b in app_bindings if b.action not in FORM_ACTIONS]
    form = [b for b in app_bindings if b.action in FORM_ACTIONS]
    extra = [("^p", _("Command palette: every action by name")),
             ("tab / shift+tab", _("Move between fields and lists"))]
    company = next((s for s in reversed(app.screen_stack) if isinstance(s, CompanyScreen)),
                   None)
    taken: set[str] = {"ctrl+p", "tab", "shift+tab"}
    if company is None:
        sections: list[Section] = [(_("Everywhere"), rows(app, general, taken) + extra)]
        screen = app.screen
        screen_rows = rows(app, [b for b in screen.BINDINGS
                                 if isinstance(b, Binding) and applies(screen, b)], set(taken))
        if screen_rows:
            sections.append((_("This screen"), screen_rows))
        return sections
    sections = [(_("Everywhere"),
                 rows(app, [*general, *company.screen_help_bindings()], taken) + extra)]
    for name, tab in company.named_tab_widgets():
        # A key may mean something else on another tab, never on the same one.
        own: list[Binding] = [*form, *company.tab_help_bindings(tab)] if tab.has_form \
            else list(company.tab_help_bindings(tab))
        tab_rows = rows(app, own, set(taken))
        if tab_rows:
            sections.append((tab_title(name), tab_rows))
    return sections


class HelpScreen(Dialog[None]):
    """Lists (key, what it does) pairs by section; any of escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > #help {
        width: 76;
        max-width: 100%;
        height: 1fr;
        max-height: 20;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    HelpScreen #help-keys {
        height: 1fr;
    }
    HelpScreen .help-section {
        text-style: bold;
        color: $text-primary;
        margin-top: 1;
    }
    HelpScreen .help-row {
        height: auto;
    }
    HelpScreen .help-key {
        width: 18;
        text-style: bold;
        color: $text-accent;
    }
    HelpScreen .help-text {
        width: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss(None)", _("Close"),
                tooltip=_("Close the help"), id="help.close"),
    ]

    def __init__(self, sections: list[Section]) -> None:
        super().__init__()
        self.sections = sections

    @property
    def keys(self) -> list[Row]:
        """Every (keys, description) row, section after section."""
        return [row for _title, section in self.sections for row in section]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(_("Keys — everything is also in the command palette (ctrl+p)"),
                         markup=False)
            with VerticalScroll(id="help-keys"):
                for title, section in self.sections:
                    yield Static(title, classes="help-section", markup=False)
                    for keys, description in section:
                        with Horizontal(classes="help-row"):
                            yield Static(keys, classes="help-key", markup=False)
                            yield Static(description, classes="help-text", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#help-keys").focus()
