"""Every interactive widget on every screen and dialog: a name for tests, a name for screen readers, a
target big enough for a finger, and a place in the Tab order."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.uikit import by_name, go_step, interactive_widgets, open_visit
from ui.controllers.app_controller import AppController

STEPS = (
    "Before you go", "Who is here", "Share the last record", "Time alone with the child", "The child's words",
    "What I saw", "Worries, what's working, what needs to happen", "Actions", "Next visit", "Finish",
)  # fmt: skip


def _problems() -> list[str]:
    QApplication.processEvents()
    found = []
    widgets = interactive_widgets()
    assert len([w for w in widgets if w.isVisible()]) >= 3  # the walk really sees the screen
    for widget in widgets:
        kind = type(widget).__name__
        if not widget.objectName():
            found.append(f"{kind} {widget.accessibleName()!r} has no objectName")
        if not widget.accessibleName():
            found.append(f"{kind} {widget.objectName()!r} has no accessibleName")
        if not widget.isVisible():
            continue
        if not isinstance(widget, QAbstractItemView) and widget.height() < 44:
            found.append(f"{widget.objectName()} is {widget.height()} px tall (needs 44)")
        if widget.isEnabled() and not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(f"{widget.objectName()} cannot be reached with Tab")
    return found


def _check(where: str) -> list[str]:
    return [f"{where}: {problem}" for problem in _problems()]


def _close(dialog: QWidget | None) -> None:
    assert dialog is not None
    dialog.close()
    dialog.deleteLater()
    QApplication.processEvents()


def test_first_run_screen(make_app: Callable[[], AppController]) -> None:
    make_app()
    assert _check("first run") == []


def test_every_screen_and_dialog(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    problems = _check("unlock and caseload")
    dialog = app.caseload.add_child()
    problems += _check("add child")
    _close(dialog)
    open_visit(app, qtbot, data["child_id"], data["visit_id"])
    by_name("Show or hide my notes").click()
    for step in STEPS:
        go_step(app, step)
        problems += _check(f"visit: {step}")
    by_name("Write down the child's words", root=app.screens.visit.capture_button.parentWidget()).click()
    problems += _check("capture box")
    _close(QApplication.activeModalWidget())
    for key in ("three_houses", "scaling", "feelings_faces"):
        problems += _check(f"tool {key}") if app.visit.parts.start_tool(key) else [f"no tool {key}"]
        _close(QApplication.activeModalWidget())
    go_step(app, "Finish")
    by_name("Mark the visit completed").click()
    problems += _check("complete question")
    _close(QApplication.activeModalWidget())
    problems += _check("amendment") if app.visit.amend() else ["no amendment dialog"]
    _close(QApplication.activeModalWidget())
    app.navigator.open_child(data["child_id"])
    qtbot.waitUntil(lambda: app.screens.workspace.pages.currentWidget() is app.screens.child)
    problems += _check("child page")
    dialog = app.child.edit_person(None)
    problems += _check("add person")
    _close(dialog)
    dialog = app.child.edit_child()
    problems += _check("change child")
    _close(dialog)
    app.screens.child.people.selectRow(0)
    app.screens.child.remove_person_button.click()
    problems += _check("remove question")
    _close(QApplication.activeModalWidget())
    dialog = app.settings.open(app.window)
    problems += _check("settings")
    _close(dialog)
    assert problems == []


def _tab_through(app: AppController, qtbot: QtBot, start: QWidget, presses: int) -> list[str]:
    with qtbot.waitActive(app.window):
        app.window.activateWindow()
    start.setFocus()
    visited = []
    for _ in range(presses):
        visited.append(QApplication.focusWidget().objectName())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    return visited


def test_tab_reaches_everything_in_reading_order(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    open_visit(app, qtbot, data["child_id"], data["visit_id"])
    visited = _tab_through(app, qtbot, app.screens.visit.back_button, 16)
    expected = [
        "visitBack", "visitHeaderTimer", "visitHeaderCapture", "visitNotesToggle", "visitSteps",
        "visitStartsOn", "visitStartsOnPick", "visitStartsAt", "visitPlace", "visitType", "visitPurpose",
        "visitNext_before_you_go",
    ]  # fmt: skip
    assert visited[: len(expected)] == expected
    assert {"headerSettings", "headerLockNow"} <= set(visited)
    go_step(app, "Who is here")
    visited = _tab_through(app, qtbot, app.screens.visit.steps, 5)
    expected = ["visitSteps", "visitPresent_0", "visitPresent_1", "visitAddPerson", "visitNext_who_is_here"]
    assert visited[:5] == expected

    app.navigator.open_child(data["child_id"])
    qtbot.waitUntil(lambda: app.screens.workspace.pages.currentWidget() is app.screens.child)
    visited = _tab_through(app, qtbot, app.screens.child.back_button, 10)
    assert visited[:9] == [
        "childBack", "childEdit", "childPeople", "childAddPerson", "childEditPerson", "childRemovePerson",
        "childWriteUpdate", "childNewVisit", "childVisits",
    ]  # fmt: skip
