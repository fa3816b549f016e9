"""The letter screen's PDF export: ask where and with what password, build it on a pool thread, audit it.

A mixin for ``LetterScreen`` (kept apart so the screen stays small); it uses the screen's session, editor,
store jobs, state line and ``exported`` signal.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QThreadPool

from ui.letter.export_dialog import ExportDialog
from ui.letter.jobs import ExportRunnable

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QWidget

    from ui.letter.jobs import LetterJobs, Store


def _tr(text: str) -> str:
    return QCoreApplication.translate("LetterScreen", text)


class ExportMixin:
    if TYPE_CHECKING:
        session: Any
        store: Store
        jobs: LetterJobs
        export_folder: Path
        export: QPushButton
        state: QLabel
        editor: QPlainTextEdit
        exported: SignalInstance
        _export_job: ExportRunnable | None

        def flush(self) -> None: ...

        def _failed(self, exc: Exception) -> None: ...

    def ask_export(self) -> ExportDialog | None:
        if self.session is None:
            return None
        self.flush()
        parent: QWidget = self  # type: ignore[assignment]
        dialog = ExportDialog(self.session.default_file_name, self.export_folder, parent)
        dialog.accepted.connect(lambda: self.start_export(dialog))
        dialog.open()
        return dialog

    def start_export(self, dialog: ExportDialog) -> None:
        request = dialog.request
        session = self.session
        if request is None or session is None:
            return
        self.export.setEnabled(False)
        self.state.setText(_tr("Making the PDF…"))
        job = ExportRunnable(
            session, self.editor.toPlainText(), request.folder, request.file_name, request.password
        )
        protected = bool(request.password)
        job.signals.done.connect(lambda path: self._export_done(session, path, protected))
        job.signals.failed.connect(self._export_failed)
        self._export_job = job
        QThreadPool.globalInstance().start(job)

    def _export_done(self, session: Any, path: Path, protected: bool) -> None:
        self.export.setEnabled(True)
        self.export_folder = path.parent
        self.store.run(self.jobs.record_export(session, protected), None, self._failed)
        note = _tr("It needs the password to open.") if protected else _tr("It has no password.")
        self.state.setText(_tr("Saved {0} in {1}. {2}").format(path.name, str(path.parent), note))
        self.exported.emit(str(path))

    def _export_failed(self, exc: Exception) -> None:
        self.export.setEnabled(True)
        self._failed(exc)
