"""The letter screen: the worker's editor beside the letter as the child will see it, with what to look at.

Typing starts a short quiet timer (``CHECK_PAUSE_MS``); when it fires, the text goes to a background thread
for checking and the preview is redrawn, so findings and the reading age follow within 150 ms of a pause and
the UI thread never waits for the checker. Edits are saved a little later (``SAVE_PAUSE_MS``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QPlainTextEdit,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.letter.checking import CHECK_PAUSE_MS, BackgroundChecker
from ui.letter.confirm import ask
from ui.letter.exporting import ExportMixin
from ui.letter.findings_model import FindingsModel
from ui.letter.findings_view import GAUGE_TOP, FindingsMixin
from ui.letter.jobs import LetterJobs, PictureSourceFactory, Store, VisitLetterJobs
from ui.letter.preview import LetterHighlighter, LetterPreview
from ui.letter.speech import ReadAloud
from ui.letter.widgets import button, label, named, restyle
from ui.style import stylesheet
from visitapp.export.files import ExportError
from visitapp.writing.checker import LetterCheck
from visitapp.writing.letters import LetterError, LetterSession
from visitapp.writing.updates import UpdateSession

SAVE_PAUSE_MS = 800


class LetterScreen(ExportMixin, FindingsMixin, QWidget):
    closed = Signal()
    exported = Signal(str)
    session_loaded = Signal()
    checks_updated = Signal()

    def __init__(
        self,
        store: Store,
        visit_id: str = "",
        parent: QWidget | None = None,
        *,
        pictures: PictureSourceFactory | None = None,
        export_folder: Path | None = None,
        jobs: LetterJobs | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("letterScreen")
        self.store = store
        self.visit_id = visit_id
        self.jobs: LetterJobs = jobs if jobs is not None else VisitLetterJobs(visit_id, pictures)
        self.session: LetterSession | UpdateSession | None = None
        self.last_check: LetterCheck | None = None
        documents = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home()
        )
        # A laptop may have no Documents folder (a new account, a server image): offer one that is there
        self.export_folder = export_folder or (documents if documents.is_dir() else Path.home())
        self._export_job = None
        self._build()
        self._load_style()
        self.checker = BackgroundChecker(self._check, self)
        self.checker.checked.connect(self._show_check)
        self.check_timer = self._timer(CHECK_PAUSE_MS, self._run_checks)
        self.save_timer = self._timer(SAVE_PAUSE_MS, self.flush)
        self._dirty = False
        self.editor.textChanged.connect(self._edited)
        self.load()

    # Layout ---------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.back = button(self.tr("← &Back to the visit"), "letterBack")
        self.title = label(self.tr("Your letter to the child"), kind="heading", name="letterTitle")
        self.state = label(kind="hint", name="letterState")
        self.recompose = button(self.tr("Start a&gain from the visit"), "letterRecompose")
        self.speech = ReadAloud(self)
        self.read_aloud = button(self.tr("&Read aloud"), "letterReadAloud")
        self.read_aloud.setVisible(self.speech.available)
        self.export = button(self.tr("E&xport PDF…"), "letterExport", self.tr("Export PDF"), primary=True)
        self.editor = named(QPlainTextEdit(), "letterEditor", self.tr("The letter, as you write it"))
        self.editor.setTabChangesFocus(True)
        self.highlighter = LetterHighlighter(self.editor.document())
        self.preview = named(LetterPreview(), "letterPreview", self.tr("The letter as the child will see it"))
        self.gauge = named(QProgressBar(), "letterReadingGauge", self.tr("Reading age"))
        self.gauge.setRange(0, GAUGE_TOP * 10)
        self.gauge.setTextVisible(False)
        self.gauge_words = label(kind="gauge", name="letterReadingWords")
        self.findings_model = FindingsModel(self)
        self.findings = named(QListView(), "letterFindings", self.tr("Things to look at"))
        self.findings.setModel(self.findings_model)
        self.findings.setWordWrap(True)
        self.findings.setUniformItemSizes(False)
        self.findings_count = label(kind="subheading", name="letterFindingsCount")
        self.message = label(kind="hint", name="letterFindingMessage")
        self.use = button(self.tr("&Use the plain words"), "letterUseSuggestion")
        self.use.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.title, 1)
        top.addWidget(self.recompose)
        top.addWidget(self.read_aloud)
        top.addWidget(self.export)
        left = self._column(
            label(self.tr("&Write"), kind="subheading", name="letterEditorLabel"), self.editor
        )
        left.layout().itemAt(0).widget().setBuddy(self.editor)  # type: ignore[union-attr]
        middle = self._column(label(self.tr("What the child will see"), kind="subheading"), self.preview)
        right = QWidget()
        right.setObjectName("letterChecks")
        side = QVBoxLayout(right)
        side.setContentsMargins(8, 0, 0, 0)
        side.addWidget(label(self.tr("How easy it is to read"), kind="subheading"))
        side.addWidget(self.gauge)
        side.addWidget(self.gauge_words)
        side.addWidget(self.findings_count)
        side.addWidget(self.findings, 1)
        side.addWidget(self.message)
        side.addWidget(self.use)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("letterSplitter")
        split.setChildrenCollapsible(False)
        for widget, stretch in ((left, 5), (middle, 5), (right, 3)):
            split.addWidget(widget)
            split.setStretchFactor(split.indexOf(widget), stretch)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.state)
        box.addWidget(split, 1)
        QWidget.setTabOrder(self.back, self.recompose)
        for before, after in (
            (self.recompose, self.read_aloud),
            (self.read_aloud, self.export),
            (self.export, self.editor),
            (self.editor, self.preview),
            (self.preview, self.findings),
            (self.findings, self.use),
        ):
            QWidget.setTabOrder(before, after)
        self.back.clicked.connect(self._back)
        self.recompose.clicked.connect(self._ask_recompose)
        self.read_aloud.clicked.connect(lambda: self.speech.toggle(self.editor.toPlainText()))
        self.export.clicked.connect(self.ask_export)
        self.findings.clicked.connect(self._jump)
        self.findings.activated.connect(self._jump)
        self.findings.selectionModel().currentChanged.connect(lambda current, _: self._jump(current))
        self.use.clicked.connect(self.use_suggestion)
        QShortcut(QKeySequence(self.tr("Ctrl+E")), self, self.ask_export)

    @staticmethod
    def _column(heading: QWidget, body: QWidget) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addWidget(heading)
        layout.addWidget(body, 1)
        return column

    def _load_style(self) -> None:
        self.setStyleSheet(stylesheet("letter.qss"))

    def _timer(self, ms: int, action: object) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(action)
        return timer

    # Loading and saving ---------------------------------------------------------------------------------

    def load(self) -> None:
        self.state.setText(self.tr("Opening the letter…"))
        self.store.run(self.jobs.open(), self._loaded, self._failed)

    def _loaded(self, session: LetterSession | UpdateSession) -> None:
        self.session = session
        self.preview.set_pictures(session.images_by_number(session.text))
        self.editor.blockSignals(True)
        self.editor.setPlainText(session.text)
        self.editor.blockSignals(False)
        self.editor.setReadOnly(session.locked)
        self.recompose.setEnabled(not session.locked)
        self.use.setVisible(not session.locked)
        self.state.setText(
            self.tr("This visit is signed off, so the letter can be read and exported but not changed.")
            if session.locked
            else self.tr("Change anything you like. It saves as you type.")
        )
        self._run_checks()
        self.session_loaded.emit()
        self.editor.setFocus()

    def _failed(self, exc: Exception) -> None:
        text = str(exc) if isinstance(exc, LetterError | ExportError) else ""
        self.state.setText(text or self.tr("VisitApp could not finish that. Please try again."))
        restyle(self.state)

    def _edited(self) -> None:
        if self.session is None or self.session.locked:
            return
        self._dirty = True
        self.check_timer.start()
        self.save_timer.start()

    def flush(self) -> None:
        """Save an unsaved edit now."""
        self.save_timer.stop()
        if self._dirty and self.session is not None and not self.session.locked:
            self._dirty = False
            self.store.run(self.jobs.save(self.session, self.editor.toPlainText()), None, self._failed)

    def clear(self) -> None:
        """Wipe every word (the app is locking). The screen must be opened again afterwards."""
        self.check_timer.stop()
        self.save_timer.stop()
        self.speech.stop()
        self._dirty = False
        self.session = None
        self.last_check = None
        self.editor.blockSignals(True)
        self.editor.clear()
        self.editor.blockSignals(False)
        self.preview.clear_letter()
        self.findings_model.set_findings(())
        self.message.clear()
        self.gauge_words.clear()
        self.findings_count.clear()
        self.gauge.setValue(0)

    def closeEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        self.flush()
        self.checker.stop()
        super().closeEvent(event)  # type: ignore[arg-type]

    def shutdown(self) -> None:
        """Stop the checking thread (the owner calls this before dropping the screen)."""
        self.flush()
        self.checker.stop()

    def _back(self) -> None:
        self.flush()
        self.closed.emit()

    def _ask_recompose(self) -> None:
        ask(
            self,
            "letterRecomposeQuestion",
            self.tr("Start again from the visit?"),
            self.tr("Your changes to the letter will be replaced by a new draft made from the visit."),
            self.tr("&Start again"),
            lambda: self.store.run(self.jobs.recompose(), self._loaded, self._failed),
        )

    # Checking -------------------------------------------------------------------------------------------

    def _check(self, text: str) -> LetterCheck:
        session = self.session
        assert session is not None
        return session.check(text)  # runs on the checking thread; the session is immutable

    def _run_checks(self) -> None:
        if self.session is None:
            return
        text = self.editor.toPlainText()
        self.checker.request(text)
        self.preview.show_letter(text, self.session.age)
