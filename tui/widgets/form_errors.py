"""The errors of a form (FormSection): next to their fields, the rest in the form's banner,
scrolled into view; split from tui/widgets/form_section.py, which mixes them in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import Static

from store.errors import FORM_WIDE

from ..formatting import safe_text
from .form_field import FormField

if TYPE_CHECKING:
    from store.forms.fields import FormSpec


class FormErrors(Widget):
    """What a FormSection shows of a refusal. The section has `names`, `spec`, `editable`,
    `field(name)`, `banner_id` and `anchor_id` (the ids of its banner and of what is scrolled
    to the top, looked up on its screen) and `_refused` (field -> the value its error is
    about)."""

    names: tuple[str, ...]
    spec: FormSpec
    editable: frozenset[str]
    banner_id: str
    anchor_id: str
    _refused: dict[str, str]

    def field(self, name: str) -> FormField:
        raise NotImplementedError

    def show_banner(self, message: str | None) -> None:
        """The form-wide message in the banner (None clears it), scrolled into view."""
        found = self.screen.query(f"#{self.banner_id}") if self.banner_id else None
        banner = next(iter(found.results(Static)), None) if found is not None else None
        if banner is None:
            return
        # Line by line: the lines are the section's own, the text in them may come from data.
        banner.update("\n".join(safe_text(line) for line in (message or "").split("\n")))
        banner.set_class(bool(message), "-shown")
        if message:  # the banner itself in view: a long dialog's top is above (#16 trial)
            self.call_after_refresh(self._scroll_into_view, banner)

    def clear_errors(self) -> None:
        self._refused.clear()
        self.show_banner(None)
        for field in self.query(FormField):
            field.show_error(None)
        for line in self.screen.query(".choice-error").results(Static):
            line.update("")
            line.remove_class("-shown")

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Every message next to its field at once, the rest in the banner; the first field that
        can be fixed takes the focus, and the section scrolls so the errors show."""
        first: FormField | None = None
        leftovers: list[str] = []
        for name, message in errors.items():
            if name in self.names:
                field = self.field(name)
                field.show_error(safe_text(message))
                self._refused[name] = field.value
                if first is None and name in self.editable:
                    first = field
                continue
            choice = self.screen.query(f"#error-{name}.choice-error").results(Static)
            line = next(iter(choice), None)
            if line is not None:  # a choice (a Select) the surface shows beside the section
                line.update(safe_text(message))
                line.add_class("-shown")
            elif name == FORM_WIDE or name not in self.spec:
                leftovers.append(message)
            else:
                leftovers.append(f"{self.spec[name].label}: {message}")
        if leftovers:
            self.show_banner("\n".join(leftovers))
        if first is not None:
            first.input.focus(scroll_visible=False)
        if first is not None or not leftovers:  # else the banner scrolled (show_banner)
            # From the section's title down, once the error lines have taken their place.
            self.call_after_refresh(self._scroll_into_view)

    def _scroll_into_view(self, banner: Widget | None = None) -> None:
        anchor: Widget = next(iter(self.screen.query(f"#{self.anchor_id}")), self) \
            if self.anchor_id else self
        anchor.scroll_visible(top=True, animate=False)
        focused = banner or self.screen.focused  # the banner: the form-wide message
        if focused is not None and (banner is not None or self in focused.ancestors):
            self.call_after_refresh(focused.scroll_visible, animate=False)
