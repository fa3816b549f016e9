"""Helpers for UI tests: unlocking, and walking every widget the app has made."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ui.controllers.app_controller import AppController
from ui.store_worker import StoreContext

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QAbstractSpinBox,
    QComboBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
)
# Parts Qt builds inside a compound widget (a spin box's line edit, a table's corner button): the compound
# widget carries the name for them.
COMPOUND = (QAbstractSpinBox, QComboBox, QAbstractItemView, QCalendarWidget, QLineEdit)


def unlock(app: AppController, qtbot: QtBot, passphrase: str) -> None:
    app.screens.unlock.passphrase.setText(passphrase)
    app.screens.unlock.unlock.click()
    qtbot.waitUntil(lambda: app.unlocked, timeout=5000)


def press_lock_shortcut(app: AppController, qtbot: QtBot) -> None:
    # Offscreen, closing a dialog leaves no window active (a window manager would re-activate ours).
    dialog = QApplication.activeModalWidget()
    if dialog is not None:  # as a person would: from inside the dialog
        target = dialog.focusWidget() or dialog
    else:
        with qtbot.waitActive(app.window):
            app.window.activateWindow()
        target = QApplication.focusWidget() or app.window
    qtbot.keyClick(target, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def _inside_compound(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, COMPOUND):
            return True
        parent = parent.parentWidget()
    return False


def interactive_widgets() -> list[QWidget]:
    return [w for w in QApplication.allWidgets() if isinstance(w, INTERACTIVE) and not _inside_compound(w)]


def all_text() -> str:
    """Every piece of text any widget or item model in the app holds right now."""
    parts: list[str] = []
    for widget in QApplication.allWidgets():
        parts += [
            widget.windowTitle(),
            widget.toolTip(),
            widget.accessibleName(),
            widget.accessibleDescription(),
        ]
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            parts.append(widget.text())
        if isinstance(widget, QPlainTextEdit):
            parts.append(widget.toPlainText())
        if isinstance(widget, QComboBox):
            parts += [widget.itemText(i) for i in range(widget.count())]
            parts.append(widget.currentText())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model, top = widget.model(), QModelIndex()
            try:
                columns = model.columnCount(top)
            except TypeError:  # a QListWidget's own model hides columnCount: it has one column
                columns = 1
            for row in range(model.rowCount(top)):
                for column in range(columns):
                    parts.append(str(model.index(row, column).data() or ""))
    return "\n".join(parts)


def fetch(app: AppController, qtbot: QtBot, job: Callable[[StoreContext], object]) -> object:
    """Run ``job`` on the app's own store thread and wait for its answer (reads what is really saved)."""
    answers: list[object] = []
    app.store.run(job, answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=5000)
    return answers[0]


W = TypeVar("W", bound=QWidget)


def type_date(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Type ``text`` over what a date or time field holds, as a person does, and press Enter."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def by_name(name: str, kind: type[W] = QWidget, root: QWidget | None = None) -> W:  # type: ignore[assignment]
    """The widget a screen reader would announce as ``name``: tests find widgets as a person would, not by
    attribute. Where several share a name (a hidden page keeps its widgets), the visible one wins."""
    widgets = root.findChildren(kind) if root is not None else QApplication.allWidgets()
    found = [w for w in widgets if isinstance(w, kind) and w.accessibleName() == name]
    if len(found) > 1:
        found = [w for w in found if w.isVisible()] or found
    assert len(found) == 1, f"{len(found)} widgets are called {name!r}"
    return found[0]


def open_visit(app: AppController, qtbot: QtBot, child_id: str, visit_id: str) -> None:
    app.navigator.open_child(child_id)
    qtbot.waitUntil(lambda: app.child.child_id == child_id)
    app.navigator.open_visit(visit_id)
    qtbot.waitUntil(lambda: app.visit.visit_id == visit_id)


def go_step(app: AppController, step: str) -> None:
    """Choose a step in the visit's side list by its name, as a worker would."""
    steps = by_name("Steps of the visit", QAbstractItemView)
    model = steps.model()
    for row in range(model.rowCount(QModelIndex())):
        index = model.index(row, 0)
        if str(index.data()).split("\n")[0] == step:
            steps.setCurrentIndex(index)
            return
    raise AssertionError(f"no step called {step!r}")
