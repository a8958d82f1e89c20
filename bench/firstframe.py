import time; T0 = time.perf_counter()  # noqa: I001 - the first line: before any import

# Time to the first settled frame, in one process: python bench/firstframe.py TARGET [options]
#
#   f          the yardstick F (bench/yardstick.py)
#   mycompany  `mycompany --db URL --as jonas@nordwind.de --tab plan`, through tui.cli.main
#
# Both run headless at 80x24. The harness patches textual's App.run (in this process only) so
# that the app's own run() call goes headless and exits at its first settled frame: after
# events.Ready, bench/_settle.py's barrier until widgets and queues stop changing, then one
# rendered frame. It prints one JSON line: first_frame_ms (from the line above), widgets,
# queries (peewee statements before the frame, with their SQL), modules, peak_rss_kib (at exit).
# --session first walks every tab (a typical session) and reports the peak RSS after that.

import argparse
import json
import resource
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# _settle and yardstick; tui and store of this checkout
sys.path[:0] = [str(HERE), str(HERE.parent)]

from _settle import SIZE, QueryLog, render_frame, settle, widget_count

DEMO_OWNER = "jonas@nordwind.de"


async def typical_session(pilot) -> None:
    """Show every tab of the first TabbedContent; in each, type into its first Input and erase
    it."""
    from textual.widgets import Input, TabbedContent, TabPane

    app = pilot.app
    tabs = app.screen.query(TabbedContent).first()
    panes = [pane.id for pane in tabs.query(TabPane) if pane.parent.parent is tabs]
    for pane in panes[1:] + panes[:1]:
        tabs.active = pane
        await settle(app)
        inputs = [i for i in tabs.get_pane(pane).query(Input) if i.display and not i.disabled]
        if inputs:
            inputs[0].focus()
            await pilot.press("end", "4", "2", "backspace", "backspace")
            await settle(app)
    render_frame(app)


def install_hook(result: dict, session: bool, queries: QueryLog | None) -> None:
    """Make the next App.run() headless at 80x24, and exit at its first settled frame."""
    from textual import events
    from textual._context import message_hook
    from textual.app import App

    original = App.run
    ready = {}

    def hook(message) -> None:
        if isinstance(message, events.Ready):
            ready["event"].set()

    async def first_frame(pilot) -> None:
        import asyncio

        app = pilot.app
        if not app._dom_ready:
            ready["event"] = asyncio.Event()
            await ready["event"].wait()
        await pilot._wait_for_screen()  # the Ready event itself has been handled
        result["settle_rounds"] = await settle(app)
        result["frame_bytes"] = render_frame(app)
        result["first_frame_ms"] = (time.perf_counter() - T0) * 1000
        result["widgets"] = widget_count(app)
        result["modules"] = len(sys.modules)
        if queries is not None:
            result["queries"] = len(queries)
            result["sql"] = list(queries.statements)
        if session:
            await typical_session(pilot)
        app.exit(0)

    def run(self, **kwargs):
        kwargs.update(headless=True, size=SIZE, auto_pilot=first_frame)
        token = message_hook.set(hook)
        try:
            return original(self, **kwargs)
        finally:
            message_hook.reset(token)

    App.run = run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time to the first settled frame (one JSON line).")
    parser.add_argument("target", choices=["f", "mycompany"])
    parser.add_argument("--db", help="mycompany: database URL (an existing demo database)")
    parser.add_argument("--as", dest="actor", default=DEMO_OWNER, help="mycompany: acting person")
    parser.add_argument("--tab", default="plan", help="mycompany: the tab it opens on")
    parser.add_argument("--session", action="store_true",
                        help="after the first frame, show every tab before exiting")
    args = parser.parse_args(argv)
    result: dict = {"target": args.target}
    queries = QueryLog() if args.target == "mycompany" else None
    install_hook(result, args.session, queries)
    if args.target == "f":
        from yardstick import Yardstick

        status = Yardstick().run()
    else:
        if not args.db:
            parser.error("mycompany needs --db URL of an existing demo database")
        import tui.cli
        from tui.cli import main as mycompany

        # The program refuses to draw without a terminal (tui/cli_input.has_terminal); here it
        # draws headless, as App.run is patched above, so it is told it has one.
        tui.cli.has_terminal = lambda: True  # type: ignore[attr-defined]
        status = mycompany(["--db", args.db, "--as", args.actor, "--tab", args.tab])
    result["peak_rss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result["status"] = status
    print(json.dumps(result, default=str))
    return 0 if status == 0 and "first_frame_ms" in result else 1


if __name__ == "__main__":
    sys.exit(main())
