"""Helpers shared by sub-commands: finding the vault and reading a passphrase safely."""

from __future__ import annotations

import argparse
import getpass
import sys

from visitapp.paths import VaultPaths, resolve_data_dir


def add_vault_arguments(parser: argparse.ArgumentParser, passphrase_required: bool = False) -> None:
    parser.add_argument("--data-dir", dest="sub_data_dir", help="folder that holds the vault")
    parser.add_argument(
        "--passphrase-file",
        required=passphrase_required,
        help="read the passphrase from this file ('-' for standard input); otherwise you are asked",
    )


def vault_paths(args: argparse.Namespace) -> VaultPaths:
    return VaultPaths(
        resolve_data_dir(getattr(args, "sub_data_dir", None) or getattr(args, "data_dir", None))
    )


class PassphraseUnavailable(Exception):
    pass


def read_passphrase(source: str | None, prompt: str = "Passphrase: ") -> str:
    """From a file, from stdin ('-'), or from a prompt that does not echo. Never from an argument."""
    if source == "-":
        text = sys.stdin.readline()
    elif source:
        try:
            with open(source, encoding="utf-8") as handle:
                text = handle.readline()
        except (OSError, UnicodeDecodeError) as exc:
            raise PassphraseUnavailable(f"Could not read the passphrase file {source}.") from exc
    else:
        if not sys.stdin.isatty():
            raise PassphraseUnavailable(
                "No passphrase: use --passphrase-file FILE, or '-' to read standard input."
            )
        text = getpass.getpass(prompt)
    passphrase = text.rstrip("\r\n")
    if not passphrase:
        raise PassphraseUnavailable("The passphrase is empty.")
    return passphrase


def fail(message: str, code: int = 2) -> int:
    print(f"visitapp: {message}", file=sys.stderr)
    return code
