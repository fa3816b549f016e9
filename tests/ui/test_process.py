"""The real program: ``visitapp`` starts the window, and a polite kill (SIGTERM) ends it cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def test_visitapp_starts_and_quits_cleanly_on_sigterm(
    vault_with_child: dict[str, str], data_dir: Path
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    code = "import sys; from ui.cli import main; sys.exit(main())"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "--data-dir", str(data_dir)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(2.0)  # long enough to import Qt and show the unlock screen on a slow machine
    assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=10)
    assert process.returncode == 0, err.decode()
    assert b"Traceback" not in err
