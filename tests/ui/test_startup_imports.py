"""The unlock window appears before the vault's heavy modules load; they load on the store thread once the
worker starts typing, so neither the first window nor the first unlock waits for them. Nor does it wait for
PySide6 to build the Qt namespace's enums (~40 ms), or classes it does not use, which the workspace builds
while the key is derived."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers.vaults import FAST_KDF, PASSPHRASE, WORKER
from visitapp.paths import VaultPaths
from visitapp.vault import create_vault

# Qt classes the unlock window does not use: PySide6 builds each (with its enums) on first look-up.
UNUSED_BY_UNLOCK = ("QEvent", "QDialog", "QTableView", "QComboBox", "QDateTimeEdit", "QAbstractItemView")
HEAVY = ("visitapp.vault", "visitapp.casework", "visitapp.domain.models", "sqlcipher3", "cryptography")

SCRIPT = """
import sys, time
import PySide6.QtCore
from PySide6.QtTest import QTest
from ui.app import application, build, show
HEAVY = {heavy!r}
UNUSED_BY_UNLOCK = {unused!r}
app = application()
controller = build(sys.argv[1])
show(controller)
for _ in range(5):
    app.processEvents()
before = [m for m in HEAVY if m in sys.modules]
first_run_made = "first_run" in vars(controller) or "first_run" in vars(controller.screens)
qt_namespace_built = "Qt" in vars(PySide6.QtCore)  # PySide6 adds it to the module on first use
import PySide6.QtWidgets
classes_built = [n for n in UNUSED_BY_UNLOCK if n in vars(PySide6.QtCore) or n in vars(PySide6.QtWidgets)]
QTest.keyClicks(controller.screens.unlock.passphrase, "k")
deadline = time.monotonic() + 20
while not all(m in sys.modules for m in HEAVY) and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
after = [m for m in HEAVY if m in sys.modules]
print("before=" + ",".join(before))
print("after=" + ",".join(after))
print("first_run_made=" + str(first_run_made))
print("workspace_built=" + str(controller.screens.built))
print("qt_namespace_built=" + str(qt_namespace_built))
print("classes_built=" + ",".join(classes_built))
controller.shutdown()
"""


def _run(data_dir: Path) -> dict[str, str]:
    script = SCRIPT.format(heavy=HEAVY, unused=UNUSED_BY_UNLOCK)
    done = subprocess.run(
        [sys.executable, "-c", script, str(data_dir)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)


def test_unlock_window_loads_no_vault_module_until_the_worker_types(data_dir: Path) -> None:
    create_vault(VaultPaths(data_dir), WORKER, PASSPHRASE, params=FAST_KDF).lock()
    seen = _run(data_dir)
    assert seen["before"] == ""  # the window is up, and nothing of SQLCipher, cryptography or the schema
    assert seen["after"].split(",") == list(HEAVY)  # the first key press had the store thread load them
    assert seen["first_run_made"] == "False"  # a laptop with a vault never builds the first-run screen
    assert seen["workspace_built"] == "False"  # typing is not submitting: the workspace waits for unlock
    # Using Qt.Something on the way to the unlock window costs every start ~40 ms: see ui/views/widgets.py.
    assert seen["qt_namespace_built"] == "False"
    assert seen["classes_built"] == ""  # nor these, ~7 ms together: see ui/views/widgets.py
