"""The letter screen over a real vault: checks follow typing, a suggestion replaces words, export writes."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.vaults import FAST_KDF, PASSPHRASE, WORKER
from tests.ui.uikit import INTERACTIVE
from tests.visitapp.writing.letter_vault import four_pictures, record_rowan
from ui.controllers.store_access import StoreAccess
from ui.jobs import unlock
from ui.letter import LetterScreen
from visitapp.casework import Casework
from visitapp.paths import VaultPaths
from visitapp.store.audit import entries_for
from visitapp.vault import create_vault, unlock_vault
from visitapp.writing import findings as kinds


@pytest.fixture
def vault(data_dir: Path) -> tuple[VaultPaths, str]:
    paths = VaultPaths(data_dir)
    opened = create_vault(paths, WORKER, PASSPHRASE, params=FAST_KDF)
    conn = opened.connect()
    visit_id = record_rowan(Casework(conn, opened.worker_id), conn)
    opened.lock()
    return paths, visit_id


@pytest.fixture
def screen(qtbot: QtBot, vault: tuple[VaultPaths, str], tmp_path: Path) -> Iterator[LetterScreen]:
    paths, visit_id = vault
    store = StoreAccess()
    store.start()
    store.run(unlock(paths, PASSPHRASE))
    pictures = four_pictures()
    made = LetterScreen(store, visit_id, pictures=lambda conn: pictures, export_folder=tmp_path)
    qtbot.addWidget(made)
    made.resize(1366, 768)
    made.show()
    qtbot.waitUntil(lambda: made.last_check is not None, timeout=10_000)
    yield made
    made.shutdown()
    store.stop()


def _type_at_end(qtbot: QtBot, screen: LetterScreen, words: str) -> None:
    screen.editor.moveCursor(QTextCursor.MoveOperation.End)
    with qtbot.waitSignal(screen.checks_updated, timeout=3000):
        qtbot.keyClicks(screen.editor, words)


def test_opens_with_the_draft_the_preview_and_the_reading_age(screen: LetterScreen) -> None:
    assert screen.editor.toPlainText().startswith("Dear Rowan,")
    preview = screen.preview.toPlainText()
    assert "Dear Rowan," in preview and "Who was there" in preview
    assert "suits age 15" in screen.gauge_words.text()
    assert screen.gauge.value() > 0


def test_typing_updates_the_findings(qtbot: QtBot, screen: LetterScreen) -> None:
    before = screen.findings_model.rowCount()
    _type_at_end(qtbot, screen, " The child went to the LAC review on 12/03/2026.")
    found = {screen.findings_model.finding(row).kind for row in range(screen.findings_model.rowCount())}
    assert {kinds.THIRD_PERSON, kinds.JARGON, kinds.NUMERIC_DATE} <= found
    assert screen.findings_model.rowCount() >= before + 3
    assert "LAC review" in screen.preview.toPlainText()  # the preview follows too


def test_a_suggestion_replaces_the_words_in_one_click(qtbot: QtBot, screen: LetterScreen) -> None:
    _type_at_end(qtbot, screen, " We talked about LAC review.")
    row = next(r for r in range(screen.findings_model.rowCount())
               if screen.findings_model.finding(r).text == "LAC review")  # fmt: skip
    screen.findings.setCurrentIndex(screen.findings_model.index(row))
    assert screen.editor.textCursor().selectedText() == "LAC review"  # jumped to the words
    assert screen.use.isEnabled() and "your meeting" in screen.use.text()
    with qtbot.waitSignal(screen.checks_updated, timeout=3000):
        qtbot.mouseClick(screen.use, Qt.MouseButton.LeftButton)
    assert "We talked about your meeting." in screen.editor.toPlainText()
    assert "LAC review" not in screen.editor.toPlainText()


def test_export_writes_a_pdf_off_the_ui_thread_and_audits_it(
    qtbot: QtBot, screen: LetterScreen, vault: tuple[VaultPaths, str], tmp_path: Path
) -> None:
    dialog = screen.ask_export()
    assert dialog is not None
    assert "one way information leaves the vault" in dialog.findChild(QWidget, "letterExportWarning").text()
    assert dialog.file_name.text() == "letter-2026-02-11.pdf"
    dialog.password.setText("kite harbour 42")
    dialog.confirm.setText("kite harbour 42")
    with qtbot.waitSignal(screen.exported, timeout=10_000) as written:
        qtbot.mouseClick(dialog.export, Qt.MouseButton.LeftButton)
    path = Path(written.args[0])
    assert path.exists() and path.parent == tmp_path and "Rowan" not in path.name
    assert "needs the password" in screen.state.text()
    if shutil.which("pdftotext"):
        refused = subprocess.run(["pdftotext", str(path), "-"], capture_output=True)
        assert refused.returncode != 0
    qtbot.wait(200)
    screen.shutdown()
    screen.store.stop()  # type: ignore[attr-defined]
    paths, visit_id = vault
    opened = unlock_vault(paths, PASSPHRASE)
    try:
        actions = [e.action for e in entries_for(opened.connect(), visit_id)]
    finally:
        opened.lock()
    assert "letter.exported_with_password" in actions


def test_export_refuses_mismatched_passwords(screen: LetterScreen) -> None:
    dialog = screen.ask_export()
    assert dialog is not None
    dialog.password.setText("kite harbour 42")
    dialog.confirm.setText("kite harbour 43")
    dialog.export.click()
    assert dialog.isVisible() and "not the same" in dialog.error.text()
    dialog.reject()


def test_every_control_is_named_and_reachable_by_keyboard(screen: LetterScreen) -> None:
    dialog = screen.ask_export()
    widgets = [w for w in QApplication.allWidgets() if isinstance(w, INTERACTIVE) and w.isVisible()]
    ours = [w for w in widgets if screen.isAncestorOf(w) or (dialog is not None and dialog.isAncestorOf(w))]
    assert len(ours) > 10
    for widget in ours:
        if widget.parentWidget() is not None and isinstance(widget.parentWidget(), INTERACTIVE):
            continue  # parts Qt builds inside a compound widget
        assert widget.objectName() and widget.accessibleName(), widget
        assert widget.focusPolicy() != Qt.FocusPolicy.NoFocus, widget.objectName()
    if dialog is not None:
        dialog.reject()


def test_clear_wipes_every_word(screen: LetterScreen) -> None:
    screen.clear()
    assert screen.editor.toPlainText() == "" and screen.preview.toPlainText().strip() == ""
    assert screen.findings_model.rowCount() == 0
