"""The update letter in a window of its own, for a host that has no window to put it in.

``open_update_window(store, child_id, parent)`` shows a modal window holding an ``UpdateScreen`` and returns
it. Closing it (or "Back") saves the draft and stops the screen's checking thread. A host that locks must
call ``window.wipe()`` first, while the store still runs (``ui/controllers/companions.py`` does this for the
screens it hosts, so it can host an ``UpdateScreen`` in its own window instead).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from ui.letter.jobs import Store
from ui.letter.update_screen import UpdateScreen


class UpdateWindow(QDialog):
    def __init__(self, store: Store, child_id: str, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        title = self.tr("The update letter to the child")
        self.setObjectName("updateLetterWindow")
        self.setAccessibleName(title)
        self.setWindowTitle(title)
        if parent is not None:
            self.resize(parent.window().size())
        self.screen = UpdateScreen(store, child_id, parent=self, today=today)
        QVBoxLayout(self).addWidget(self.screen)
        self.screen.closed.connect(self.accept)
        self.finished.connect(self._finished)
        self._wiped = False

    def wipe(self) -> None:
        """Locking: save, empty the screen of every word and close."""
        self._wiped = True
        self.screen.flush()
        self.screen.clear()
        self.screen.shutdown()
        self.done(QDialog.DialogCode.Rejected)

    def _finished(self) -> None:
        if not self._wiped:
            self.screen.flush()
            self.screen.shutdown()
        self.deleteLater()


def open_update_window(
    store: Store, child_id: str, parent: QWidget | None = None, today: date | None = None
) -> UpdateWindow:
    window = UpdateWindow(store, child_id, parent, today)
    window.open()
    return window
