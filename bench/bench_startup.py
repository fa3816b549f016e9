"""Start-up figures: cold start to the unlock window vs a bare PySide6 window, and memory after the caseload.

Each run is a fresh process, offscreen, so the figures include Python's and Qt's own start-up. "To the
window" runs from just before the process is spawned until the child says (on the system-wide monotonic
clock) that its first screen is up after one turn of the event loop; the whole process, exit included, is
printed too. Both sides run with a warm bytecode cache in a scratch folder, as an installed app has (this
machine may set PYTHONDONTWRITEBYTECODE, which would make our modules, and not PySide6's, compile each run).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import median, ms, verdict

PASSPHRASE = "kettle orbit daffodil rain"
RUNS = 9

BARE_WINDOW = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
QTimer.singleShot(0, lambda: (print(f"shown at {time.monotonic():.6f}", flush=True), app.quit()))
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


def _cpu_of_children() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _timed_process(args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Seconds until the child's first screen was up, until the process ended, and the CPU time it used
    (steadier than wall time when other work shares the machine)."""
    cpu_before, started = _cpu_of_children(), time.monotonic()
    out = subprocess.run(args, env=env, check=True, capture_output=True, text=True, timeout=120).stdout
    ended, cpu = time.monotonic(), _cpu_of_children() - cpu_before
    shown = float(next(line for line in out.splitlines() if line.startswith("shown at ")).split()[-1])
    return shown - started, ended - started, cpu


def run() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory(prefix="visitapp-bench-") as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "VISITAPP_QUIT_WHEN_SHOWN": "1",
               "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache")}  # fmt: skip
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        data = Path(tmp) / "vault"
        secret = Path(tmp) / "pp"
        secret.write_text(PASSPHRASE)
        subprocess.run([sys.executable, "-m", "visitapp.cli", "demo", "--data-dir", str(data),
                        "--passphrase-file", str(secret), "--children", "60", "--visits", "10000"],
                       check=True, capture_output=True, timeout=300)  # fmt: skip
        bare_args = [sys.executable, "-c", BARE_WINDOW]
        app_args = [sys.executable, "-m", "ui.cli", "--data-dir", str(data)]
        _timed_process(bare_args, env), _timed_process(app_args, env)  # fill the bytecode cache
        bare, app = [], []
        for _ in range(RUNS):  # alternate, so a busy moment on the machine hits both alike
            bare.append(_timed_process(bare_args, env))
            app.append(_timed_process(app_args, env))
        out = subprocess.run([sys.executable, "-c", CASELOAD_MEMORY, str(data), PASSPHRASE], env=env,
                             check=True, capture_output=True, text=True, timeout=120).stdout  # fmt: skip
    rows, rss_kb = (int(x) for x in out.split())
    bare_shown, app_shown = median([b[0] for b in bare]), median([a[0] for a in app])
    bare_whole, app_whole = median([b[1] for b in bare]), median([a[1] for a in app])
    bare_cpu, app_cpu = median([b[2] for b in bare]), median([a[2] for a in app])
    ratio = app_shown / bare_shown
    rss_mb = rss_kb / 1024
    return [
        (f"bare PySide6 window, cold start to the window (median of {RUNS})", ms(bare_shown)),
        (f"VisitApp, cold start to the unlock window (median of {RUNS})", ms(app_shown)),
        ("VisitApp / bare window", f"{ratio:.2f}×  {verdict(ratio, 1.5)} (≤ 1.5×)"),
        ("whole process, exit included: bare / VisitApp",
         f"{ms(bare_whole)} / {ms(app_whole)} = {app_whole / bare_whole:.2f}×"),
        ("CPU time of the whole process: bare / VisitApp",
         f"{ms(bare_cpu)} / {ms(app_cpu)} = {app_cpu / bare_cpu:.2f}×"),
        (f"resident memory with the caseload open ({rows} children, 10,000 visits)",
         f"{rss_mb:.0f} MB  {verdict(rss_mb, 250)} (≤ 250 MB)"),
    ]  # fmt: skip
