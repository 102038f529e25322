"""`template-checker schema keygen|sign|trust|channel|update`: the schema channel.

The global team signs each schema version it releases and puts it, with its FILE.sig, in
the channel folder; every installation trusts the team's key and takes the newer signed
versions from there (desktop_app.core.schema.signing and .channel, PRODUCT.md 6a).

`schema update` exits 0 when up to date or updated, 1 when the channel holds a version it
refused (one sentence each on stderr, naming the file), 2 when the channel cannot be read.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop_app.commands import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE


def add_parsers(actions) -> None:
    keygen = actions.add_parser("keygen", help="make the global team's signing key pair (once)")
    keygen.add_argument(
        "-o", "--output", required=True, metavar="DIR", help="folder for the two key files"
    )
    sign = actions.add_parser("sign", help="sign a schema file: writes FILE.sig beside it")
    sign.add_argument("schema", metavar="FILE", help="the schema file to release")
    sign.add_argument(
        "--key", required=True, metavar="KEY", help="the private key (schema-signing.key)"
    )
    trust = actions.add_parser("trust", help="trust a public key: schemas it signed are taken")
    trust.add_argument("key", metavar="PUB", help="the global team's schema-signing.pub")
    channel = actions.add_parser(
        "channel", help="set the folder the global team publishes to (no DIR: show it)"
    )
    channel.add_argument(
        "folder", metavar="DIR", nargs="?", help="a network share or synced folder"
    )
    actions.add_parser(
        "update", help="take the newer signed versions from the channel and say what changed"
    )


ACTIONS = ("keygen", "sign", "trust", "channel", "update")


def run(args) -> int:
    return {
        "keygen": _keygen,
        "sign": _sign,
        "trust": _trust,
        "channel": _channel,
        "update": _update,
    }[args.action](args)


def _say(code: str, **params) -> None:
    from desktop_app.core.model.catalogue import render

    sys.stdout.write(render(code, params) + "\n")


def _keygen(args) -> int:
    from desktop_app.core.schema.signing import generate_key_pair

    private, public = generate_key_pair(Path(args.output))
    _say("channel.cli.keygen_written", private=str(private), public=str(public))
    return EXIT_OK


def _sign(args) -> int:
    from desktop_app.core.schema.loading import load_schema
    from desktop_app.core.schema.signing import sign_schema_file

    signature = sign_schema_file(Path(args.schema), Path(args.key))
    schema = load_schema(args.schema)
    _say(
        "channel.cli.signed",
        file=args.schema,
        schema=schema.id,
        version=schema.version,
        signature=str(signature),
    )
    return EXIT_OK


def _trust(args) -> int:
    from desktop_app.core.schema.signing import fingerprint, read_public_key, trust_key

    added = trust_key(Path(args.key))
    said = {"file": args.key, "fingerprint": fingerprint(read_public_key(Path(args.key)))}
    _say("channel.cli.trusted" if added else "channel.cli.already_trusted", **said)
    return EXIT_OK


def _channel(args) -> int:
    from desktop_app.core.model.catalogue import render
    from desktop_app.core.schema.channel import channel_folder, preset_channel, set_channel_folder
    from desktop_app.core.schema.signing import trusted_keys

    if args.folder:
        folder = set_channel_folder(Path(args.folder))
        reachable = folder.is_dir()
        _say(
            "channel.cli.channel_set" if reachable else "channel.cli.channel_set_unreachable",
            folder=str(folder),
        )
        return EXIT_OK
    folder = channel_folder()
    if folder is None:
        _say("channel.cli.no_channel")
    else:
        preset = preset_channel()
        _say(
            "channel.cli.channel_preset" if preset else "channel.cli.channel_shown",
            folder=str(folder),
        )
    keys = trusted_keys()
    if not keys:
        _say("channel.cli.no_key_trusted")
        return EXIT_OK
    listed = ", ".join(
        render(
            "channel.cli.key_bundled" if k.bundled else "channel.cli.key_added",
            {"fingerprint": k.fingerprint},
        )
        for k in keys
    )
    _say("channel.cli.keys_trusted", keys=listed)
    return EXIT_OK


def _update(args) -> int:
    from desktop_app.commands import progress_printer
    from desktop_app.commands.schema import changes_text
    from desktop_app.core.model.catalogue import render
    from desktop_app.core.schema.channel import update_from_channel

    update = update_from_channel(progress_printer(sys.stderr.isatty()))
    if update.folder is None:
        sys.stderr.write(f"template-checker: {render('channel.cli.no_channel')}\n")
        return EXIT_UNREADABLE
    if update.unreadable is not None:
        sys.stderr.write(f"template-checker: {update.unreadable}\n")
        return EXIT_UNREADABLE
    for problem in update.refused:
        sys.stderr.write(f"template-checker: {problem}\n")
    now = update.in_use
    for entry in update.taken:
        _say("channel.cli.taken", schema=entry.id, version=entry.version)
    if not update.taken and update.refused:
        _say("channel.cli.in_use", schema=now.id, version=now.version)
    elif not update.taken:
        _say(
            "channel.cli.up_to_date", schema=now.id, version=now.version, folder=str(update.folder)
        )
    elif update.in_use.version != update.before.version:
        n = len(update.changes)
        count = render(
            "channel.cli.changes.none"
            if not n
            else "channel.cli.changes.one"
            if n == 1
            else "channel.cli.changes.many",
            {"count": str(n)},
        )
        _say("channel.cli.now_in_use", schema=now.id, version=now.version, changes=count)
        if update.changes:
            sys.stdout.write(changes_text(update.changes))
    else:
        _say("channel.cli.in_use", schema=now.id, version=now.version)
    return EXIT_ERRORS if update.refused else EXIT_OK
