"""The update letter on the letter screen, over a real vault: pick a period, see the draft, come back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.helpers.vaults import FAST_KDF, PASSPHRASE, WORKER
from tests.ui.uikit import INTERACTIVE, type_date
from tests.visitapp.writing.update_vault import record_kit
from ui.controllers.store_access import StoreAccess
from ui.jobs import unlock
from ui.letter import LetterScreen, UpdateScreen, open_update_window
from visitapp.casework import Casework
from visitapp.paths import VaultPaths
from visitapp.vault import create_vault

TODAY = date(2026, 3, 1)


@pytest.fixture
def vault(data_dir: Path) -> tuple[VaultPaths, str]:
    paths = VaultPaths(data_dir)
    opened = create_vault(paths, WORKER, PASSPHRASE, params=FAST_KDF)
    conn = opened.connect()
    child_id = record_kit(Casework(conn, opened.worker_id), conn)
    opened.lock()
    return paths, child_id


@pytest.fixture
def store(vault: tuple[VaultPaths, str]) -> Iterator[StoreAccess]:
    access = StoreAccess()
    access.start()
    access.run(unlock(vault[0], PASSPHRASE))
    yield access
    access.stop()


def _screen(qtbot: QtBot, store: StoreAccess, child_id: str, tmp_path: Path) -> UpdateScreen:
    made = UpdateScreen(store, child_id, today=TODAY, export_folder=tmp_path)
    qtbot.addWidget(made)
    made.resize(1366, 768)
    made.show()
    qtbot.waitUntil(lambda: made.last_check is not None, timeout=10_000)
    return made


def _pick(qtbot: QtBot, screen: UpdateScreen, starts: date, ends: date) -> None:
    type_date(qtbot, screen.starts.box, f"{starts.day}/{starts.month}/{starts.year}")
    type_date(qtbot, screen.ends.box, f"{ends:%d %B %Y}")
    with qtbot.waitSignal(screen.period_changed, timeout=10_000):
        qtbot.mouseClick(screen.gather, Qt.MouseButton.LeftButton)


def test_opens_on_the_last_three_months_with_the_draft(
    qtbot: QtBot, store: StoreAccess, vault: tuple[VaultPaths, str], tmp_path: Path
) -> None:
    screen = _screen(qtbot, store, vault[1], tmp_path)
    assert isinstance(screen, LetterScreen)  # the same machinery: editor, checks, preview, export
    assert screen.starts.day() == date(2025, 12, 1) and screen.ends.day() == date(2026, 3, 1)
    assert screen.starts.box.text() == "Monday 1 December 2025"
    text = screen.editor.toPlainText()
    assert text.startswith("Dear Kit,") and "I came to see you three times." in text
    assert "Our visits" in screen.preview.toPlainText()
    assert "gathers 3 visits" in screen.period_words.text()
    assert "suits age 10" in screen.gauge_words.text()
    screen.shutdown()


def test_picking_a_period_gathers_its_visits_and_an_empty_one_says_so(
    qtbot: QtBot, store: StoreAccess, vault: tuple[VaultPaths, str], tmp_path: Path
) -> None:
    screen = _screen(qtbot, store, vault[1], tmp_path)
    _pick(qtbot, screen, date(2026, 1, 1), date(2026, 1, 31))
    text = screen.editor.toPlainText()
    assert "I came to see you once." in text and "Thursday 8 January 2026" in text
    assert "Thursday 4 December 2025" not in text
    qtbot.waitUntil(lambda: "Thursday 8 January 2026" in screen.preview.toPlainText(), timeout=3000)

    _pick(qtbot, screen, date(2025, 6, 1), date(2025, 8, 31))
    assert "no finished visits to Kit" in screen.state.text()
    assert screen.editor.toPlainText() == "" and screen.editor.isReadOnly()
    assert not screen.export.isEnabled() and screen.ask_export() is None

    type_date(qtbot, screen.starts.box, "1/2/2026")
    type_date(qtbot, screen.ends.box, "1/1/2026")
    screen.gather.click()
    assert "must come before" in screen.state.text()
    type_date(qtbot, screen.ends.box, "31/2/2026")  # no such day: said under it, nothing gathered
    screen.gather.click()
    assert screen.ends.hint.text().startswith("“31/2/2026” is not a date")
    type_date(qtbot, screen.ends.box, "1/1/2099")
    screen.gather.click()
    assert screen.ends.hint.text() == "1 January 2099 is after today."
    assert screen.ends.box.hasFocus()
    screen.shutdown()


def test_an_edit_is_there_when_the_worker_comes_back(
    qtbot: QtBot, store: StoreAccess, vault: tuple[VaultPaths, str], tmp_path: Path
) -> None:
    screen = _screen(qtbot, store, vault[1], tmp_path)
    _pick(qtbot, screen, date(2026, 1, 1), date(2026, 1, 31))
    screen.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(screen.editor, " I liked our walk.")
    screen.shutdown()  # saves the edit
    screen.close()

    again = _screen(qtbot, store, vault[1], tmp_path)  # no period given: the update touched last
    assert again.starts.day() == date(2026, 1, 1) and again.ends.day() == date(2026, 1, 31)
    assert again.editor.toPlainText().rstrip().endswith("I liked our walk.")
    again.shutdown()


def test_export_writes_the_update_as_a_pdf(
    qtbot: QtBot, store: StoreAccess, vault: tuple[VaultPaths, str], tmp_path: Path
) -> None:
    screen = _screen(qtbot, store, vault[1], tmp_path)
    dialog = screen.ask_export()
    assert dialog is not None and dialog.file_name.text() == "update-2025-12-01-to-2026-03-01.pdf"
    dialog.protect.setChecked(False)  # the worker chose no password: the screen says so afterwards
    with qtbot.waitSignal(screen.exported, timeout=10_000) as written:
        qtbot.mouseClick(dialog.export, Qt.MouseButton.LeftButton)
    path = Path(written.args[0])
    assert path.exists() and path.parent == tmp_path and "kit" not in path.name.lower()
    assert "It has no password." in screen.state.text()
    screen.shutdown()


def test_every_control_is_named_and_the_window_opens(
    qtbot: QtBot, store: StoreAccess, vault: tuple[VaultPaths, str], tmp_path: Path
) -> None:
    window = open_update_window(store, vault[1], today=TODAY)
    qtbot.addWidget(window)
    screen = window.screen
    qtbot.waitUntil(lambda: screen.last_check is not None, timeout=10_000)
    ours = [w for w in QApplication.allWidgets() if isinstance(w, INTERACTIVE) and w.isVisible()]
    ours = [w for w in ours if screen.isAncestorOf(w)]
    assert {"updatePeriodStart", "updatePeriodEnd", "updateGather"} <= {w.objectName() for w in ours}
    for widget in ours:
        if widget.parentWidget() is not None and isinstance(widget.parentWidget(), INTERACTIVE):
            continue  # parts Qt builds inside a compound widget
        assert widget.objectName() and widget.accessibleName(), widget
        assert widget.focusPolicy() != Qt.FocusPolicy.NoFocus, widget.objectName()
    window.wipe()
    assert screen.editor.toPlainText() == ""
