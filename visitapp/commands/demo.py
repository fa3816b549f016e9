"""``visitapp demo``: make a vault full of fictional children and visits."""

from __future__ import annotations

import argparse

from visitapp.commands.common import (
    PassphraseUnavailable,
    add_vault_arguments,
    fail,
    read_passphrase,
    vault_paths,
)
from visitapp.demo import populate
from visitapp.domain.models import Worker
from visitapp.vault import VaultError, create_vault

DEMO_WORKER = Worker(full_name="Sam Okafor-Reid", job_title="Social Worker", team="Riverside Children's Team")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo", help="make a demo vault of fictional children and visits")
    add_vault_arguments(parser, passphrase_required=True)
    parser.add_argument("--children", type=int, default=12, help="how many children (default 12)")
    parser.add_argument("--visits", type=int, default=200, help="how many visits in all (default 200)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    paths = vault_paths(args)
    if args.children < 1 or args.visits < 0:
        return fail("--children must be at least 1 and --visits at least 0.")
    try:
        passphrase = read_passphrase(args.passphrase_file)
        # Fictional records: filled without SQLCipher's memory security, which would make 10,000 visits
        # take minutes. Encryption at rest is the same; the app turns it on when it opens the vault.
        vault = create_vault(paths, DEMO_WORKER, passphrase, memory_security=False)
    except (PassphraseUnavailable, VaultError) as exc:
        return fail(str(exc))
    try:
        populate(vault.connect(), vault.worker_id, args.children, args.visits)
    finally:
        vault.lock()
    print(f"Made a demo vault in {paths.root} with {args.children} children and {args.visits} visits.")
    return 0
