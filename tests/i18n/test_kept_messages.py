"""A sentence the program said is kept in no one's language and said again in the reader's
(store.i18n.messages, issue #16): plurals and numbers with their format, and a translation that
no longer fits reads as first said, never as an error."""

from __future__ import annotations

import gettext
import pickle

from store.i18n import _, kept, ngettext, set_language, told
from store.i18n.messages import told as told_by


def test_a_plural_and_a_formatted_number_are_said_again_in_french():
    set_language("en")
    try:
        keys = kept(ngettext("{count} key: {keys}", "{count} keys: {keys}", 2).format(
            count=2, keys="SHA256:a, SHA256:b"))
        size = kept(_("The logo must be at most 2 MiB; this file is {size:.1f} MiB.").format(
            size=3.25))
        set_language("fr")
        assert told(keys) == "2 clés\u00a0: SHA256:a, SHA256:b"
        assert told(size) == "Le logo doit faire au plus 2 Mio\u202f; ce fichier fait 3.2 Mio."
    finally:
        set_language("en")


def test_a_translation_that_no_longer_fits_reads_as_first_said():
    class Broken(gettext.NullTranslations):
        def gettext(self, message):
            return "{missing} !"

    stored = kept(_("There is no company {id}.").format(id=7))
    assert told_by(stored, Broken()) == "There is no company 7."


def test_a_kept_message_survives_a_copy_and_is_still_a_string():
    message = _("Only the company's owner can open My company; your role is {role}.").format(
        role=_("agent"))
    again = pickle.loads(pickle.dumps(message))
    assert again == message and kept(again) == kept(message)
    assert message.count("o") == str(message).count("o")  # str's own methods are intact
    assert told("typed by a person {not a message}") == "typed by a person {not a message}"
