"""``visitapp doctor``: for IT support. Unlocks, checks the database and its HMACs, prints counts.

It prints no names and no case content, so its output can be pasted into a support ticket.
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
from visitapp.store import migrations
from visitapp.vault import WRONG_PASSPHRASE_MESSAGE, KeyFileDamaged, VaultError, WrongPassphrase, unlock_vault

TABLES = ("children", "people", "visits", "audit")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("doctor", help="check a vault's integrity and print counts (no content)")
    add_vault_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    paths = vault_paths(args)
    print(f"Vault folder: {paths.root}")
    if not paths.exists():
        return fail("There is no VisitApp vault in that folder.")
    for item in (paths.database, paths.key_file):
        print(f"  {item.name}: {item.stat().st_size:,} bytes")
    try:
        vault = unlock_vault(paths, read_passphrase(args.passphrase_file))
    except WrongPassphrase:
        return fail(WRONG_PASSPHRASE_MESSAGE)
    except (PassphraseUnavailable, KeyFileDamaged, VaultError) as exc:
        return fail(str(exc))
    healthy = True
    try:
        conn = vault.connect()
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        hmac_problems = [row[0] for row in conn.execute("PRAGMA cipher_integrity_check")]
        print(
            f"Schema version: {migrations.schema_version(conn)} (this VisitApp: {migrations.LATEST_VERSION})"
        )
        print(f"SQLCipher: {conn.execute('PRAGMA cipher_version').fetchone()[0]}")
        ok_integrity = integrity == ["ok"]
        print("Integrity check: " + ("passed" if ok_integrity else f"FAILED ({len(integrity)} problems)"))
        print(
            "Page HMAC check: " + ("passed" if not hmac_problems else f"FAILED ({len(hmac_problems)} pages)")
        )
        healthy = ok_integrity and not hmac_problems
        for table in TABLES:
            count = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            print(f"  {table}: {count:,}")
    finally:
        vault.lock()
    print(
        "Result: " + ("healthy" if healthy else "PROBLEMS FOUND — keep this laptop's vault and call support")
    )
    return 0 if healthy else 1
