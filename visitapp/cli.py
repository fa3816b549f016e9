"""The ``visitapp`` command: starts the app, plus scriptable sub-commands for demos, IT support and checks.

Each sub-command lives in its own module with ``register(subparsers)``; add new ones to ``COMMAND_MODULES``.
A passphrase is never taken from an argument (it would show in the process list and shell history).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

import visitapp

COMMAND_MODULES: tuple[str, ...] = (
    "visitapp.commands.demo",
    "visitapp.commands.doctor",
    "visitapp.commands.check_letter",
    "visitapp.commands.selftest",
    "visitapp.commands.sync",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="visitapp",
        allow_abbrev=False,  # "--passphrase" must not quietly match "--passphrase-file"
        description="VisitApp: record home visits offline, encrypted, written to the child.",
    )
    parser.add_argument("--version", action="version", version=f"VisitApp {visitapp.__version__}")
    parser.add_argument("--data-dir", help="folder that holds the vault (also VISITAPP_DATA_DIR)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    for sub in subparsers.choices.values():
        sub.allow_abbrev = False
    return parser


def _only_starts_the_app(argv: Sequence[str]) -> str | None | bool:
    """The data folder if ``argv`` just starts the app (None for the default one), otherwise False.

    Starting the app is the common case and the one a worker waits for, so it skips importing every
    sub-command's module just to build a parser it will not use."""
    data_dir: str | None = None
    rest = list(argv)
    while rest:
        token = rest.pop(0)
        if token == "--data-dir" and rest:
            data_dir = rest.pop(0)
        elif token.startswith("--data-dir="):
            data_dir = token.split("=", 1)[1]
        else:
            return False
    return data_dir


def main(argv: Sequence[str] | None = None, start_app: Callable[[str | None], int] | None = None) -> int:
    """Run a sub-command, or, with none, ``start_app(data_dir)``: the ``visitapp`` command (ui/cli.py)
    passes the desktop app in, so the core never imports Qt or ui/."""
    argv = sys.argv[1:] if argv is None else list(argv)
    data_dir = _only_starts_the_app(argv)
    if data_dir is False:
        args = build_parser().parse_args(argv)
        handler = getattr(args, "handler", None)
        if handler is not None:
            result: int = handler(args)
            return result
        data_dir = args.data_dir
    if start_app is None:
        print("This runs VisitApp's sub-commands (see --help). Start the app with the visitapp command.",
              file=sys.stderr)  # fmt: skip
        return 2
    return start_app(data_dir if isinstance(data_dir, str) and data_dir else None)


if __name__ == "__main__":
    sys.exit(main())
