"""The core must run without Qt: a fresh interpreter imports every visitapp module and loads no Qt."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import importlib, pkgutil, sys
import visitapp
names = [m.name for m in pkgutil.walk_packages(visitapp.__path__, "visitapp.")]
for name in names:
    importlib.import_module(name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6", "ui"})
print(len(names), ",".join(qt))
"""


def test_importing_every_core_module_loads_no_qt() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    count, loaded = (
        done.stdout.strip().split(" ", 1) if " " in done.stdout.strip() else (done.stdout.strip(), "")
    )
    assert int(count) > 10
    assert loaded == ""
