"""`mycompany keys add|list|remove`: SSH sign-in keys (SPEC §10) on the command line.

Who may do what is the store's rule (store/people/keys.py): admin staff for anyone, a person for
themself. Refusals reach tui.commands.run, which prints them and returns their exit status.
"""

from __future__ import annotations

import argparse
import sys

import store
import store.errors
import store.i18n
import store.people.keys
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
        store.people.keys.ensure_may_add(actor, args.email)  # before the file is read
        view = store.people.keys.add_key(actor, args.email, read_key_file(args.pubkey_file))
        if args.json:
            from . import textout

            print(textout.dumps(key_json(view)))
        else:
            print(added_line(view))
        return 0
    if args.action == "list":
        views = store.people.keys.list_keys(actor, args.email)
        from . import textout

        if args.json:
            print(textout.dumps([key_json(v) for v in views]))
        else:
            print(keys_text(views, everyone=args.email == EVERYONE,
                            whose=args.email or actor.email))
        return 0
    removed = store.people.keys.remove_key(actor, args.fingerprint)
    if args.json:
        from . import textout

        print(textout.dumps({"removed": args.fingerprint.strip(), "key": key_json(removed)}))
    else:
        print(removed_line(removed))
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


def whose(view) -> str:
    """Whose key it is, as a confirmation names them: "maria@blueharbor.com, owner of Blue
    Harbor Inc. (company 2)" or "admin@mycompany.example, admin staff"."""
    from .formatting import role_label

    email = safe_text(view.person_email)
    if not view.person_role:
        return email
    if view.company_id is None:
        return _("{email}, {role} staff").format(email=email, role=role_label(view.person_role))
    return _("{email}, {role} of {company} (company {id})").format(
        email=email, role=role_label(view.person_role),
        company=safe_text(view.company_name or ""), id=view.company_id)


def _kind(view) -> str:
    kind = safe_text(view.algorithm)
    return f"{kind}, {safe_text(view.comment)}" if view.comment else kind


def added_line(view) -> str:
    """`Key SHA256:… (ssh-ed25519, maria@laptop) added for maria@blueharbor.com, owner of Blue
    Harbor Inc. (company 2).`: every write names what it acted on (the fingerprint as
    `ssh-keygen -l` prints it, and whose key)."""
    return _("Key {fingerprint} ({kind}) added for {who}.").format(
        fingerprint=safe_text(view.fingerprint), kind=_kind(view), who=whose(view))


def removed_line(view) -> str:
    """`Key SHA256:… (ssh-ed25519, maria@laptop) of maria@blueharbor.com, owner of Blue Harbor
    Inc. (company 2), removed.`"""
    return _("Key {fingerprint} ({kind}) of {who} removed.").format(
        fingerprint=safe_text(view.fingerprint), kind=_kind(view), who=whose(view))


def key_json(view) -> dict:
    """One key in `keys list --json` (times in UTC, with their offset); after `add` and
    `remove`, whose it is too (person_role, company_id, company_name)."""
    data = view.model_dump(mode="json")
    if view.person_role is None:
        for name in ("person_role", "company_id", "company_name"):
            data.pop(name, None)
    return data


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
