"""``visitapp enrol`` and ``visitapp sync``: set a laptop up for sync and run one sync, for IT and for tests.

Output holds counts and plain sentences only: no names, no record content, never the device token.
"""

from __future__ import annotations

import argparse

from visitapp.commands.common import (
    PassphraseUnavailable,
    add_vault_arguments,
    fail,
    read_passphrase,
    vault_paths,
)
from visitapp.vault import WRONG_PASSPHRASE_MESSAGE, KeyFileDamaged, OpenVault, VaultError, WrongPassphrase


def register(subparsers: argparse._SubParsersAction) -> None:
    enrol = subparsers.add_parser("enrol", help="set this laptop up for sync with an enrolment code from IT")
    add_vault_arguments(enrol)
    enrol.add_argument(
        "--server", required=True, help="the sync server's address, e.g. https://sync.example.org"
    )
    enrol.add_argument("--code", required=True, help="the one-time enrolment code")
    enrol.set_defaults(handler=run_enrol)
    sync = subparsers.add_parser("sync", help="send this laptop's changes and fetch the server's, once")
    add_vault_arguments(sync)
    sync.add_argument(
        "--allow-mass-delete",
        action="store_true",
        help="apply a pull even if it deletes many records at once (after checking with the organisation)",
    )
    sync.set_defaults(handler=run_sync)


def _unlock(args: argparse.Namespace) -> OpenVault | int:
    from visitapp.vault import unlock_vault

    paths = vault_paths(args)
    if not paths.exists():
        return fail("There is no VisitApp vault in that folder.")
    try:
        return unlock_vault(paths, read_passphrase(args.passphrase_file))
    except WrongPassphrase:
        return fail(WRONG_PASSPHRASE_MESSAGE)
    except (PassphraseUnavailable, KeyFileDamaged, VaultError) as exc:
        return fail(str(exc))


def run_enrol(args: argparse.Namespace) -> int:
    from visitapp.sync.account import enrol
    from visitapp.sync.client import SyncError

    vault = _unlock(args)
    if isinstance(vault, int):
        return vault
    try:
        settings = enrol(vault.connect(), args.server, args.code)
    except SyncError as exc:
        return fail(str(exc))
    finally:
        vault.lock()
    print(f"Enrolled with {settings.server_url} as device {settings.device_id}.")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    from visitapp.sync import status
    from visitapp.sync.engine import SyncEngine
    from visitapp.sync.wipe import destroy_vault

    vault = _unlock(args)
    if isinstance(vault, int):
        return vault
    conn = vault.connect()
    report = SyncEngine(conn).run(allow_mass_delete=args.allow_mass_delete)
    print(f"Result: {report.outcome}. {report.message}")
    print(f"  sent {report.sent}, received {report.received}, pictures sent {report.pictures_sent}, "
          f"pictures received {report.pictures_received}")  # fmt: skip
    if report.outcome == "revoked":
        left = status.unsynced(conn)
        print("This laptop was withdrawn by your organisation. Not sent to the server:")
        for line in left.lines():
            print(f"  {line}")
        result = destroy_vault(vault_paths(args), vault)
        print("The vault on this laptop has been destroyed." if result.complete else
              "The vault was destroyed, with problems: " + "; ".join(result.problems))  # fmt: skip
        return 3
    for problem in status.problems(conn):
        print(f"  needs you: {problem.title} {problem.what_to_do}")
    vault.lock()
    return {"synced": 0, "needs_attention": 1}.get(report.outcome, 2)
