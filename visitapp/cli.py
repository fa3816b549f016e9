"""The ``visitapp`` command: starts the app, plus scriptable sub-commands for demos, IT support and checks.

Each sub-command lives in its own module with ``register(subparsers)``; add new ones to ``COMMAND_MODULES``.
A passphrase is never taken from an argument (it would show in the process list and shell history).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from visitapp import __version__

COMMAND_MODULES: tuple[str, ...] = (
    "visitapp.commands.demo",
    "visitapp.commands.doctor",
    "visitapp.commands.check_letter",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="visitapp",
        allow_abbrev=False,  # "--passphrase" must not quietly match "--passphrase-file"
        description="VisitApp: record home visits offline, encrypted, written to the child.",
    )
    parser.add_argument("--version", action="version", version=f"VisitApp {__version__}")
    parser.add_argument("--data-dir", help="folder that holds the vault (also VISITAPP_DATA_DIR)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    for sub in subparsers.choices.values():
        sub.allow_abbrev = False
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        # No sub-command: start the desktop app. Imported here so the core never loads Qt on its own.
        from ui.app import run_app

        return run_app(data_dir=args.data_dir)
    result: int = handler(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
