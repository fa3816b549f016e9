"""Start-up figures: cold start to the unlock window vs a bare PySide6 window, and memory after the caseload.

Each run is a fresh process, offscreen, so the figures include Python's and Qt's own start-up.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import median, ms, verdict

PASSPHRASE = "kettle orbit daffodil rain"
RUNS = 5

BARE_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

CASELOAD_MEMORY = """
import sys
from PySide6.QtWidgets import QApplication
from ui.app import application, build, show
app = application()
controller = build(sys.argv[1])
show(controller)
controller.screens.unlock.passphrase.setText(sys.argv[2])
controller.screens.unlock.unlock.click()
while not (controller.unlocked and controller.screens.caseload_model.rowCount() > 0):
    app.processEvents()
for _ in range(20):
    app.processEvents()
rows = controller.screens.caseload_model.rowCount()
rss_kb = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS:"))
print(rows, rss_kb)
controller.shutdown()
"""


def _timed_process(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, env=env, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - started


def run() -> list[tuple[str, str]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "VISITAPP_QUIT_WHEN_SHOWN": "1"}
    with tempfile.TemporaryDirectory(prefix="visitapp-bench-") as tmp:
        data = Path(tmp) / "vault"
        secret = Path(tmp) / "pp"
        secret.write_text(PASSPHRASE)
        subprocess.run([sys.executable, "-m", "visitapp.cli", "demo", "--data-dir", str(data),
                        "--passphrase-file", str(secret), "--children", "60", "--visits", "10000"],
                       check=True, capture_output=True, timeout=300)  # fmt: skip
        bare, app = [], []
        for _ in range(RUNS):  # alternate, so a busy moment on the machine hits both alike
            bare.append(_timed_process([sys.executable, "-c", BARE_WINDOW], env))
            app.append(_timed_process([sys.executable, "-m", "visitapp.cli", "--data-dir", str(data)], env))
        out = subprocess.run([sys.executable, "-c", CASELOAD_MEMORY, str(data), PASSPHRASE], env=env,
                             check=True, capture_output=True, text=True, timeout=120).stdout  # fmt: skip
    rows, rss_kb = (int(x) for x in out.split())
    ratio = median(app) / median(bare)
    rss_mb = rss_kb / 1024
    return [
        ("bare PySide6 window, cold start (median of 5)", ms(median(bare))),
        ("VisitApp to the unlock window (median of 5)", ms(median(app))),
        ("VisitApp / bare window", f"{ratio:.2f}×  {verdict(ratio, 1.5)} (≤ 1.5×)"),
        (f"resident memory with the caseload open ({rows} children, 10,000 visits)",
         f"{rss_mb:.0f} MB  {verdict(rss_mb, 250)} (≤ 250 MB)"),
    ]  # fmt: skip
