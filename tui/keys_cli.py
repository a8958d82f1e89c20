"""`mycompany keys add|list|remove`: SSH sign-in keys (SPEC §10) on the command line.

Who may do what is the store's rule (store/keys.py): admin staff for anyone, a person for
themself. Refusals reach tui.commands.run, which prints them and returns their exit status.
"""

from __future__ import annotations

import argparse
import sys

import store
import store.errors
import store.i18n
import store.keys
import store.views
from store.i18n import _

from .formatting import safe_text, timestamp

# A public key line is under 3 KB even for a 16384-bit RSA key: anything larger is not one, and
# reading stops there (a device or a huge file named by mistake is not read to its end).
MAX_KEY_FILE = 64 * 1024
EVERYONE = "*"


def run(args: argparse.Namespace, actor: store.views.Actor) -> int:
    """`keys add EMAIL PUBKEY_FILE`, `keys list [EMAIL|*] [--json]`, `keys remove FINGERPRINT`."""
    if args.action == "add":
        view = store.keys.add_key(actor, args.email, read_key_file(args.pubkey_file))
        if args.json:
            from . import textout

            print(textout.dumps(key_json(view)))
        else:
            print(added_line(view))
        return 0
    if args.action == "list":
        views = store.keys.list_keys(actor, args.email)
        from . import textout

        if args.json:
            print(textout.dumps([key_json(v) for v in views]))
        else:
            print(keys_text(views, everyone=args.email == EVERYONE,
                            whose=args.email or actor.email))
        return 0
    store.keys.remove_key(actor, args.fingerprint)
    if args.json:
        from . import textout

        print(textout.dumps({"removed": args.fingerprint.strip()}))
    else:
        print(_("Key {fingerprint} removed.").format(
            fingerprint=safe_text(args.fingerprint.strip())))
    return 0


def read_key_file(name: str) -> str:
    """The text of PUBKEY_FILE, or of stdin for `-` (`ssh HOST keys add EMAIL - < id.pub`)."""
    if name == "-":
        stream = getattr(sys.stdin, "buffer", None)
        data = stream.read(MAX_KEY_FILE + 1) if stream is not None \
            else sys.stdin.read(MAX_KEY_FILE + 1)
    else:
        try:
            with open(name, "rb") as file:
                data = file.read(MAX_KEY_FILE + 1)
        except FileNotFoundError:
            raise store.errors.InvalidInput({"pubkey_file": _(
                "{path} does not exist; give the .pub file of your key pair, or - to read "
                "stdin.").format(path=safe_text(name))}) from None
        except OSError as exc:
            raise store.errors.InvalidInput({"pubkey_file": _(
                "{path} cannot be read ({error})."
            ).format(path=safe_text(name), error=safe_text(exc.strerror or exc))}) from None
    if len(data) > MAX_KEY_FILE:
        raise store.errors.InvalidInput({"pubkey_file": _(
            "This is too large for a public key; give the single line of a .pub file.")})
    return data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data


def added_line(view) -> str:
    """`Key SHA256:… added for jonas@nordwind.de (ssh-ed25519, jonas@laptop).`"""
    kind = safe_text(view.algorithm)
    if view.comment:
        kind = f"{kind}, {safe_text(view.comment)}"
    return _("Key {fingerprint} added for {who} ({kind}).").format(
        fingerprint=safe_text(view.fingerprint), who=safe_text(view.person_email), kind=kind)


def key_json(view) -> dict:
    """One key in `keys list --json` (times in UTC, with their offset)."""
    return view.model_dump(mode="json")


def keys_text(views, *, everyone: bool, whose: str) -> str:
    """The keys as a table; with `everyone`, whose each key is."""
    from .textout import table

    if not views:
        return _("No keys.") if everyone else _("{who} has no keys.").format(who=safe_text(whose))
    headers = [_("Fingerprint"), _("Type"), _("Comment")]
    if everyone:
        headers.append(_("Person"))
    headers += [_("Added"), _("Added by"), _("Last used")]
    rows = []
    for v in views:
        row = [safe_text(v.fingerprint), safe_text(v.algorithm), safe_text(v.comment or "—")]
        if everyone:
            row.append(safe_text(v.person_email))
        rows.append(row + [timestamp(v.added_at), safe_text(v.added_by),
                           timestamp(v.last_used_at) if v.last_used_at else _("never")])
    return table(headers, rows)


def demo_keys_text(keys, db: str | None) -> str:
    """What `demo --keys DIR` wrote, and the two commands to try them with."""
    import shlex

    if not keys:
        return ""
    folder = keys[0].private_path.parent
    rows = [[safe_text(k.private_path), safe_text(k.email), safe_text(k.fingerprint)]
            for k in keys]
    from .textout import table

    serve = "mycompany serve" if db is None else f"mycompany --db {shlex.quote(db)} serve"
    jonas = next((k for k in keys if k.login == "jonas"), keys[0])
    return "\n".join([
        _("SSH keys written to {folder} (0700; private keys 0600, no passphrase), each "
          "registered to its person:").format(folder=safe_text(folder)),
        table([_("Private key"), _("Person"), _("Fingerprint")], rows),
        "",
        _("Start the SSH front door, then sign in with a key:"),
        "  " + safe_text(serve),
        "  " + safe_text(f"ssh -t -i {shlex.quote(str(jonas.private_path))} -p 2222 localhost"),
    ])
