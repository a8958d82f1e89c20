"""A person removed, or whose role changed, while the screens are open: the screens close with
one line saying why (SPEC §2), rather than acting on as what they were."""

from __future__ import annotations

import store.people.access
import store.people.staff
import tui.app
from tests.tui.helpers import until
from tui.app import MyCompanyApp


async def test_the_screens_close_when_the_person_is_removed(demo, monkeypatch):
    monkeypatch.setattr(tui.app, "SESSION_CHECK", 0.2)
    sam = store.people.access.resolve_actor("support@mycompany.example")
    app = MyCompanyApp(sam, locale="en")
    app.animation_level = "none"
    said = []
    leave = app.exit
    app.exit = lambda **kw: (said.append(kw), leave(**kw))  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        assert app.is_running  # still in force: nothing happens
        store.people.staff.remove_staff(store.people.access.resolve_actor("admin@mycompany.example"),
                                 "support@mycompany.example")
        await until(pilot, lambda: said, "the screens closing")
    assert said == [{"return_code": 3, "message":
                     "Your staff account support@mycompany.example was removed by Ada Admin "
                     "(admin@mycompany.example): the session ends."}]
