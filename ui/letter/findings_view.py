"""The letter screen's findings: underline them in the editor, jump to one, put its plain words in.

A mixin for ``LetterScreen`` (kept apart so the screen stays small); it uses the screen's editor, findings
list and model, message line, "Use" button and session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from ui.letter.checking import qt_offset
from ui.letter.findings_model import ReplacementRole
from ui.letter.widgets import restyle
from visitapp.writing.checker import LetterCheck
from visitapp.writing.findings import Finding
from visitapp.writing.readability import describe_reading_age

GAUGE_TOP = 18  # years: the gauge's right-hand end

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QLabel, QListView, QPlainTextEdit, QProgressBar, QPushButton

    from ui.letter.findings_model import FindingsModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("LetterScreen", text)


class FindingsMixin:
    if TYPE_CHECKING:
        session: Any
        last_check: LetterCheck | None
        findings_count: QLabel
        gauge: QProgressBar
        gauge_words: QLabel
        checks_updated: SignalInstance
        editor: QPlainTextEdit
        findings: QListView
        findings_model: FindingsModel
        message: QLabel
        use: QPushButton

    def _show_check(self, result: LetterCheck, text: str) -> None:
        if self.session is None or text != self.editor.toPlainText():
            return  # the worker typed since: a newer check is on its way
        self.last_check = result
        self.findings_model.set_findings(result.findings, text)
        count = len(result.findings)
        if count == 0:
            self.findings_count.setText(_tr("Nothing to look at. Well done."))
        elif count == 1:
            self.findings_count.setText(_tr("1 thing to look at"))
        else:
            self.findings_count.setText(_tr("{0} things to look at").format(count))
        score = result.readability
        self.gauge.setValue(round(min(GAUGE_TOP, max(0.0, score.reading_age)) * 10))
        self.gauge.setProperty("level", "hard" if score.too_hard_for(self.session.age) else "fine")
        restyle(self.gauge)
        self.gauge_words.setText(describe_reading_age(score, self.session.age))
        self.gauge.setAccessibleDescription(self.gauge_words.text())
        self._underline(result.findings, text)
        self.message.clear()
        self.use.setEnabled(False)
        self.checks_updated.emit()

    def _underline(self, findings: tuple[Finding, ...], text: str) -> None:
        marks = []
        for finding in findings:
            mark = QTextEdit.ExtraSelection()
            style = QTextCharFormat()
            style.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            style.setUnderlineColor(QColor("#b3261e"))
            mark.format = style  # type: ignore[attr-defined]
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(qt_offset(text, finding.start))
            cursor.setPosition(qt_offset(text, finding.end), QTextCursor.MoveMode.KeepAnchor)
            mark.cursor = cursor  # type: ignore[attr-defined]
            marks.append(mark)
        self.editor.setExtraSelections(marks)

    def _jump(self, index: object) -> None:
        finding = self.findings_model.finding(index.row()) if hasattr(index, "row") else None  # type: ignore[attr-defined]
        if finding is None:
            return
        text = self.editor.toPlainText()
        cursor = self.editor.textCursor()
        cursor.setPosition(qt_offset(text, finding.start))
        cursor.setPosition(qt_offset(text, finding.end), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()
        plain = self.findings_model.data(index, ReplacementRole)  # type: ignore[arg-type]
        suggestion = _tr("Try: {0}").format(finding.suggestion) if plain is None else ""
        self.message.setText(f"{finding.message} {suggestion}".strip())
        self.use.setEnabled(plain is not None and not (self.session and self.session.locked))
        self.use.setText(_tr("&Use \u201c{0}\u201d").format(plain) if plain else _tr("&Use the plain words"))
        self.use.setAccessibleName(self.use.text().replace("&", ""))

    def use_suggestion(self) -> bool:
        """Put the selected finding's plain words in place of the found words. False if the text moved on."""
        index = self.findings.currentIndex()
        finding = self.findings_model.finding(index.row())
        plain = self.findings_model.data(index, ReplacementRole)
        text = self.editor.toPlainText()
        if finding is None or plain is None or text[finding.start : finding.end] != finding.text:
            return False
        cursor = self.editor.textCursor()
        cursor.setPosition(qt_offset(text, finding.start))
        cursor.setPosition(qt_offset(text, finding.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(plain)  # one undo step, so Ctrl+Z puts the old words back
        self.use.setEnabled(False)
        self.editor.setFocus()
        return True
