"""Guards against a known fault in the Qt binding rather than in our code.

PySide6 6.12.0 releases a reference to None on every call of a static void method such as
``QCoreApplication.processEvents``. On Python 3.11, where None is not immortal, the process aborts after
a few thousand calls, which an app that spends a day open would reach. pyproject.toml pins below 6.12.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication


def test_static_void_calls_keep_none_alive(qapp: QApplication) -> None:
    before = sys.getrefcount(None)
    for _ in range(2000):
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents()
    # Other threads may hold or drop a few references meanwhile; the fault loses 4,000.
    assert sys.getrefcount(None) > before - 500
