"""Run as a separate process by the crash test: unlock a vault, sync, and SIGKILL itself at a given point.

python tests/visitapp/sync/crash_child.py DATA_DIR POINT < passphrase
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from visitapp.paths import VaultPaths
from visitapp.sync.engine import SyncEngine
from visitapp.vault import unlock_vault


def main(data_dir: str, point: str) -> int:
    vault = unlock_vault(VaultPaths(Path(data_dir)), sys.stdin.readline().rstrip("\n"))

    def hook(reached: str) -> None:
        if reached == point:
            os.kill(os.getpid(), signal.SIGKILL)

    report = SyncEngine(vault.connect(), hook=hook).run()
    print(report.outcome)
    return 3  # the kill point was never reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
