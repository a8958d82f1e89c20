"""A translated sentence that remembers what it was made of, so that it can be kept in no one's
language and read again in anyone's (issue #16: History "in the reader's language").

`store.i18n._`, `ngettext` and `pgettext` return a `Message`: the text in the current language,
as any `str`, that also keeps its message id (and plural, count or context); its `.format()`
gives a Message that keeps the parameters too, a parameter that is itself a Message kept the
same way. Any other operation (`+`, an f-string, `.upper()`, `"; ".join`) gives a plain `str`:
a sentence built so is kept as written.

`kept` turns a Message into the text a column keeps: MARK then a JSON document
`{"msgid": "...", "params": {"name": "Blue Harbor", "field": {"msgid": "Country"}}, "text":
"<as first said>"}`; `told` turns that text back into a Message in the reader's language, and
leaves any other text (a person's own words, a line written before) as it is. MARK is a control
character no person's text holds (store.forms.text refuses them in every form: NO_CONTROL), so
a reason someone typed that looks like such a document is never mistaken for one.
"""

from __future__ import annotations

import gettext
import json
from collections.abc import Mapping, Sequence
from typing import Any, Self

MARK = "\x1e"  # ASCII record separator: starts a kept Message, never a person's text

Translation = gettext.NullTranslations


class Message(str):
    """Text in the current language that keeps its message id (`msgid`), and, once formatted,
    its parameters (`args`, `params`: strings, numbers, Messages); `plural` and `n` of an
    ngettext message, `context` of a pgettext one. Without `msgid` it is a plain text."""

    msgid: str | None = None
    plural: str | None = None
    n: int | None = None  # the count of an ngettext message (not `count`: str.count)
    context: str | None = None
    args: tuple[object, ...] | None = None
    params: dict[str, object] | None = None  # None: not formatted (braces are text)

    def __new__(cls, text: str = "", msgid: str | None = None, *, plural: str | None = None,
                n: int | None = None, context: str | None = None,
                args: Sequence[object] | None = None,
                params: Mapping[str, object] | None = None) -> Self:
        self = super().__new__(cls, text)
        if msgid is not None:
            self.msgid = msgid
        if plural is not None:
            self.plural, self.n = plural, n
        if context is not None:
            self.context = context
        if params is not None or args:
            self.args, self.params = tuple(args or ()), dict(params or {})
        return self

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, Any]]:
        # pickle and copy: the text, then the attributes (kept in __dict__) restored after
        return (str(self),), {}

    def format(self, *args: object, **kwargs: object) -> str:
        """The message with its parameters, remembering them (a Message); a plain `str` when
        this one has no message id or was formatted already."""
        text = str.format(self, *args, **kwargs)
        if self.msgid is None or self.params is not None:
            return text
        return Message(text, self.msgid, plural=self.plural, n=self.n, context=self.context,
                       args=[_param(v) for v in args],
                       params={k: _param(v) for k, v in kwargs.items()})

    def document(self) -> dict[str, Any]:
        """What `kept` writes: `{"msgid", ["plural", "n"], ["context"], ["args"],
        ["params"], "text"}`, parameters that are Messages as documents themselves."""
        doc: dict[str, Any] = {"msgid": self.msgid}
        if self.plural is not None:
            doc["plural"], doc["n"] = self.plural, self.n
        if self.context is not None:
            doc["context"] = self.context
        if self.args:
            doc["args"] = [_kept_value(v) for v in self.args]
        if self.params is not None:
            doc["params"] = {str(k): _kept_value(v) for k, v in self.params.items()}
        doc["text"] = str(self)
        return doc


def _param(value: object) -> object:
    """A parameter as a Message remembers it: text, a number or a Message as given, anything
    else (an exception, a date, a Decimal) as the text it was written as, not the object."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    return str(value)


def _kept_value(value: object) -> object:
    """A parameter as kept: a Message as its document, a number as itself, anything else as
    the text it was written as (a person's words, a company name, an error)."""
    if isinstance(value, Message) and value.msgid is not None:
        return value.document()
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)


def kept(value: object) -> object:
    """What a column keeps of `value`: a Message with its message id as MARK + its JSON
    document; anything else unchanged (a person's words, None, a line's own code)."""
    if isinstance(value, Message) and value.msgid is not None:
        return MARK + json.dumps(value.document(), ensure_ascii=False, separators=(",", ":"))
    return value


def told(stored: object, translation: Translation) -> object:
    """`stored` as `translation` (the reader's language) says it: a kept Message translated,
    its parameters too (a Message again, which `kept` keeps as it was); any other value as it
    is. A document that cannot be read again (a message id whose translation lost a parameter)
    reads as it was first said."""
    if not isinstance(stored, str) or not stored.startswith(MARK):
        return stored
    try:
        doc = json.loads(stored[len(MARK):])
    except ValueError:
        return stored[len(MARK):]
    if not isinstance(doc, dict) or not isinstance(doc.get("msgid"), str):
        return stored[len(MARK):]
    return _remade(doc, translation)


def _remade(doc: Mapping[str, Any], translation: Translation) -> Message:
    msgid = str(doc["msgid"])
    plural, n, context = doc.get("plural"), doc.get("n"), doc.get("context")
    args = [_told_value(v, translation) for v in doc.get("args") or ()]
    params = doc.get("params")
    said = {str(k): _told_value(v, translation) for k, v in params.items()} \
        if isinstance(params, dict) else None
    try:
        if isinstance(plural, str) and isinstance(n, int):
            template = translation.ngettext(msgid, plural, n)
        elif isinstance(context, str):
            template = translation.pgettext(context, msgid)
        else:
            template = translation.gettext(msgid)
        text = template.format(*args, **(said or {})) if said is not None or args else template
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        text = str(doc.get("text", msgid))  # the translation no longer fits: as first said
    return Message(text, msgid, plural=plural if isinstance(plural, str) else None,
                   n=n if isinstance(n, int) else None,
                   context=context if isinstance(context, str) else None,
                   args=args, params=said)


def _told_value(value: object, translation: Translation) -> object:
    if isinstance(value, dict) and isinstance(value.get("msgid"), str):
        return _remade(value, translation)
    return value
