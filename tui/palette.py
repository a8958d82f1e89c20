"""The command palette's one provider: every action by its title or by the word its key line shows.

Issue #15 ("Terminal conduct"): ctrl+p and "pdf" found nothing while the key line says "d PDF"
("invoice" found "Billing: download invoice"); and a search that matched nothing said Textual's
English "No matches found". Here every command is matched on its title and, when its callback
runs a key's action (`node.action_NAME`, or a `functools.partial` of one), on that key's words
in the key line and in help (`Binding.description`, `Binding.tooltip`). A hit found by the key's
word shows it after the title ("Billing: download invoice · PDF"). When no command matches, one
line in the person's language says so (Textual writes "No matches found" only when no provider
gave a hit; it has no option for the words).

Commands: `App.get_system_commands(screen)` (the app's and the company's), the calling
screen's `palette_commands()` (title, help, callback), when it has them, and a command for each
key of the key line that none of those covers ("Filter (/)": key_line_commands), so that the
kind holds for a key added later without a palette entry.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from textual.actions import parse
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from store.i18n import _

from .formatting import safe_text
from .widgets.key_footer import described

Command = tuple[str, str, Callable[..., Any]]  # (title, help, callback)


def key_words(callback: Callable[..., Any]) -> list[str]:
    """The words of the keys that run the same action as `callback` (their key-line word, then
    their help text), [] for a callback that is no key's action."""
    func: Any = callback
    arguments: tuple[Any, ...] = ()
    while isinstance(func, functools.partial):
        arguments = func.args + arguments
        func = func.func
    node = getattr(func, "__self__", None)
    name = getattr(func, "__name__", "")
    if node is None or not name.startswith("action_"):
        return []
    action = name.removeprefix("action_")
    if arguments:  # show_tab('plan'): the key of that tab, not of every tab
        action += "(" + ",".join(repr(argument) for argument in arguments) + ")"
    words: list[str] = []
    for binding in getattr(node, "BINDINGS", []):
        if isinstance(binding, Binding) and binding.action.replace(" ", "") == action:
            words += [word for word in (binding.description, binding.tooltip) if word]
    return words


def screen_commands(provider: Provider) -> list[Command]:
    """The calling screen's own commands (its `palette_commands()`), [] when it has none."""
    commands = getattr(provider.screen, "palette_commands", None)
    return [(title, help_text, callback) for title, help_text, callback in commands()] \
        if commands is not None else []


def system_commands(provider: Provider) -> list[Command]:
    """The app's commands for the calling screen (the company's included, app.py)."""
    return [(command.title, command.help, command.callback)
            for command in provider.app.get_system_commands(provider.screen)]


def key_line_commands(provider: Provider, commands: list[Command]) -> list[Command]:
    """A command for each key the calling screen's key line shows, acting now, that no command
    already covers (its callback runs the key's action, or its title holds the key's word):
    "Browse (o)", "Filter (/)". The app's own keys and a tab group's are commands already
    (Save, Help, Quit; "Go to Plan")."""
    screen, app = provider.screen, provider.app
    covered = {word.casefold() for _title, _help, callback in commands
               for word in key_words(callback)}
    titles = [title.casefold() for title, _help, _callback in commands]
    found: list[Command] = []
    actions: set[str] = set()
    for key, active in screen.active_bindings.items():
        binding, node = active.binding, active.node
        word = described(node, binding)
        if (node is app or not binding.show or not active.enabled or not word
                or binding.action in actions or (binding.group and binding.group.compact)):
            continue
        actions.add(binding.action)
        if word.casefold() in covered or any(word.casefold() in title for title in titles):
            continue
        shown_key = app.get_key_display(Binding(key, binding.action))
        found.append((f"{word} ({shown_key})", binding.tooltip or word,
                      functools.partial(app.run_action, binding.action, node)))
    return found


def key_commands(node: Any, titles: Mapping[str, str],
                 offered: Callable[[str, tuple[object, ...]], bool],
                 run_with: Callable[[Callable[[], object]], Callable[[], object]] | None = None,
                 ) -> list[Command]:
    """A command for each of `node`'s keys whose action `titles` names, in the order of `titles`
    (action as its binding writes it, e.g. "page(1)" → the command's title), when
    `offered(name, parameters)` allows it: the help is the key's tooltip and the callback the
    key's own `action_` method, so the palette says what the key line and help say (one place:
    the BINDINGS) and `key_words` finds the key's word for it. `run_with`, when given, wraps each
    callback (a tab shows itself first, then acts)."""
    bindings = {binding.action: binding for binding in getattr(node, "BINDINGS", [])
                if isinstance(binding, Binding)}
    commands: list[Command] = []
    for action, title in titles.items():
        binding = bindings[action]
        _destination, name, parameters = parse(action)
        if offered(name, parameters):
            run = functools.partial(getattr(node, f"action_{name}"), *parameters)
            commands.append((title, binding.tooltip or binding.description,
                             run_with(run) if run_with else run))
    return commands


def hits(provider: Provider, query: str, commands: list[Command]) -> Iterator[Hit]:
    """A hit for each command whose title, or one of its keys' words, matches `query`."""
    matcher = provider.matcher(query)
    for title, help_text, callback in commands:
        score = matcher.match(title)
        if score > 0:
            yield Hit(score, matcher.highlight(title), callback, help=help_text)
            continue
        for word in key_words(callback):
            score = matcher.match(word)
            if score > 0:
                shown = f"{title} · {word}" if len(word) <= 30 else title
                yield Hit(score * 0.9, matcher.highlight(shown), callback, text=shown,
                          help=help_text)
                break


class ScreenCommands(Provider):
    """The calling screen's own commands (search, request queue): `palette_commands()`."""

    async def discover(self) -> Hits:
        for title, help_text, callback in screen_commands(self):
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        for hit in hits(self, query, screen_commands(self)):
            yield hit


class AppCommands(Provider):
    """The app's commands (Textual's, translated, and each tab's), and the one line that says
    nothing matched, in the person's language."""

    async def discover(self) -> Hits:
        for title, help_text, callback in sorted(system_commands(self), key=lambda c: c[0]):
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        found = False
        commands = system_commands(self)
        commands += key_line_commands(self, commands + screen_commands(self))
        for hit in hits(self, query, commands):
            found = True
            yield hit
        if found or not query.strip():
            return
        if any(True for _hit in hits(self, query, screen_commands(self))):
            return
        shown = _("No command matches “{query}”").format(query=safe_text(query.strip()))
        yield Hit(0.01, Content(shown), _nothing, text=shown,
                  help=_("Press escape and try other words"))


def _nothing() -> None:
    """The "nothing matched" line's callback: choosing it only closes the palette."""
