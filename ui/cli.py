"""The ``visitapp`` command: with no sub-command it starts the desktop app; anything else goes to the core's
command line (visitapp/cli.py: demo, doctor, selftest, sync ...).

It lives in ui/ because starting the app, and the self-test's Qt check, need Qt, which the core never
imports: the core is handed the way to start the app instead.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from visitapp import cli


def start_app(data_dir: str | None) -> int:
    from ui.app import run_app  # Qt, only once it is clear the app is wanted

    return run_app(data_dir=data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["selftest"]:  # imported only here: the app's start-up does not wait for it
        from visitapp.commands.selftest import QT_PROBE_FLAG

        if argv == ["selftest", QT_PROBE_FLAG]:  # the self-test's child process
            from ui.qt_probe import main as qt_probe

            return qt_probe()
    return cli.main(argv, start_app=start_app)


if __name__ == "__main__":
    sys.exit(main())
