"""A control character planted in one stored field (#15 trial: BEL in the website) blocks saving
another field's change until it is removed: the planted field shows the character visibly, the
error stands next to THAT field, in sight and focused, naming the character; once the person
removes it the same ctrl+s saves."""

from __future__ import annotations

from textual.widgets import Input

import store.people.access
import store.profile.company
from store.persistence.db import database

from .helpers import error_of, store_answered

JONAS = "jonas@nordwind.de"


async def test_the_planted_field_is_named_shown_and_fixed(make_app, demo):
    database.execute_sql("UPDATE company SET website = ? WHERE id = ?",
                         ("https://nord\x07wind.de", demo["nordwind"]))
    app = make_app(JONAS)
    async with app.run_test(size=(80, 24)) as pilot:
        await store_answered(pilot)
        website = app.screen.query_one("#field-website", Input)
        # visible where it is, not a raw BEL: one placeholder, as while edited (#15 trial)
        assert "https://nord␇wind.de" in str(website.render_line(0).text)
        name = app.screen.query_one("#field-name", Input)
        name.focus()
        await pilot.press("end", *" AG")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        assert error_of(app.screen, "website") == (
            "Remove the invisible control character U+0007 (shown as ␇); use letters, digits, "
            "spaces and punctuation")
        assert error_of(app.screen, "name") == ""
        assert app.screen.focused is website  # the field to fix, in sight
        assert website.region.intersection(app.screen.region).height == website.region.height
        assert "https://nord␇wind.de" in str(website.render_line(0).text)  # while edited too
        # The person removes it: the cursor after "nord", delete the placeholder.
        website.cursor_position = len("https://nord")
        await pilot.press("delete")
        await pilot.press("ctrl+s")
        await store_answered(pilot)
        general = store.profile.company.get_general(store.people.access.resolve_actor(JONAS),
            demo["nordwind"])
        assert (general.name, general.website) == ("Nordwind Logistik GmbH AG",
                                                   "https://nordwind.de")
