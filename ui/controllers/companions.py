"""The letter screen, the picture widgets and the family view, opened in windows of their own.

They are built in ui/letter/, ui/pictures/ and ui/family/; this module only hosts them, and makes sure
locking saves and empties them before the store thread stops (after that, a half-finished drawing or a
family's response could not be kept).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ui.controllers.store_access import StoreAccess
from ui.family.host import FamilyHost
from ui.family.pin_dialog import choose_pin
from ui.letter import LetterScreen, UpdateScreen
from ui.pictures import PicturesPanel

if TYPE_CHECKING:
    from ui.controllers.navigator import Navigator


class CompanionWindows(QObject):
    def __init__(self, store: StoreAccess, window: QWidget, after_close: Callable[[], None],
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.store = store
        self.window = window
        self.after_close = after_close  # re-reads the visit, so new pictures and letter state show
        self.open_windows: list[tuple[QDialog, LetterScreen | PicturesPanel]] = []
        self.family: FamilyHost | None = None

    def attach(self, navigator: Navigator) -> None:
        """The family view needs every page (it empties them while it is open): called once the
        navigator exists. Sets the share buttons' hooks on the visit and the child's page."""
        if self.family is not None:
            return
        self.family = FamilyHost(self.store, self.window, navigator, self)
        navigator.visit.hooks.share_with_family = self.family.open_for_visit
        navigator.visit.hooks.choose_exit_pin = lambda then: choose_pin(self.store, self.window, then)
        navigator.child.share_with_family = self.family.open_for_child
        navigator.child.open_update = self.open_update

    def open_letter(self, visit_id: str) -> None:
        dialog = self._dialog("letterWindow", self.tr("The letter to the child"))
        screen = LetterScreen(self.store, visit_id, parent=dialog)
        screen.closed.connect(dialog.accept)
        self._show(dialog, screen, with_close_button=False)

    def open_update(self, child_id: str) -> None:
        dialog = self._dialog("updateLetterWindow", self.tr("The update letter to the child"))
        screen = UpdateScreen(self.store, child_id, parent=dialog)
        screen.closed.connect(dialog.accept)
        self._show(dialog, screen, with_close_button=False)

    def add_picture(self, visit_id: str) -> None:
        dialog = self._dialog("picturesWindow", self.tr("Drawings and photos"))
        panel = PicturesPanel(self.store, visit_id=visit_id, parent=dialog)
        panel.reload()
        self._show(dialog, panel, with_close_button=True)

    def close_all(self) -> None:
        """Locking or quitting: save and wipe what is open, then close it. The store must still run."""
        if self.family is not None:
            self.family.close()
        for dialog, content in list(self.open_windows):
            self._wipe(content)
            dialog.done(QDialog.DialogCode.Rejected)
        self.open_windows.clear()

    def _dialog(self, name: str, title: str) -> QDialog:
        dialog = QDialog(self.window)
        dialog.setObjectName(name)
        dialog.setAccessibleName(title)
        dialog.setWindowTitle(title)
        dialog.resize(self.window.size())
        return dialog

    def _show(self, dialog: QDialog, content: LetterScreen | PicturesPanel, with_close_button: bool) -> None:
        layout = QVBoxLayout(dialog)
        layout.addWidget(content)
        if with_close_button:
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            close = buttons.button(QDialogButtonBox.StandardButton.Close)
            close.setText(self.tr("&Back to the visit"))
            close.setObjectName("companionClose")
            close.setAccessibleName(self.tr("Back to the visit"))
            close.setMinimumHeight(44)
            buttons.rejected.connect(dialog.reject)
            layout.addWidget(buttons)
        entry = (dialog, content)
        self.open_windows.append(entry)

        def finished() -> None:
            if entry in self.open_windows:  # closed by the worker, not by locking
                self.open_windows.remove(entry)
                if isinstance(content, LetterScreen):
                    content.flush()
                    content.shutdown()
                self.after_close()
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    @staticmethod
    def _wipe(content: LetterScreen | PicturesPanel) -> None:
        if isinstance(content, LetterScreen):
            content.flush()
            content.clear()
            content.shutdown()
        else:
            content.clear()
