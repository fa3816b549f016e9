"""Adding picture files: choose (several at once) or drop them; they are prepared in the background and kept.

``ImportController(store, visit_id)``: ``choose_files(parent)`` opens the file dialog, ``import_paths(paths)``
starts a batch (drag and drop calls this), ``finished`` brings an ``ImportReport``. One bad file never
stops the others: each refused file gets its own message, naming it. The files themselves are only read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QScrollArea, QVBoxLayout, QWidget

from ui.pictures.jobs import ImportRunnable, Store, add_prepared
from ui.pictures.messages import originals_stay, refusal_message, tr
from ui.pictures.style import apply_pictures_style
from ui.views.widgets import button, label
from visitapp.media import ImportResult
from visitapp.media.errors import display_name
from visitapp.pictures import PictureError, PictureInfo, Source


@dataclass
class ImportReport:
    added: list[tuple[str, PictureInfo]] = field(default_factory=list)  # (file name, picture)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file name, message)


def file_filter() -> str:
    patterns = " ".join(f"*.{ext} *.{ext.upper()}" for ext in ("jpg", "jpeg", "png", "webp", "heic", "heif"))
    return tr("Pictures ({patterns});;All files (*)").format(patterns=patterns)


class ImportController(QObject):
    progress = Signal(int, int)  # files done, files in the batch
    finished = Signal(object)  # ImportReport

    def __init__(self, store: Store, visit_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.visit_id = visit_id
        self.pool = QThreadPool.globalInstance()
        self._runnable: ImportRunnable | None = None
        self._report = ImportReport()
        self._total = 0
        self._seen = 0
        self._storing = 0
        self._reading_done = True

    @property
    def busy(self) -> bool:
        return not self._reading_done or self._storing > 0

    def choose_files(self, parent: QWidget) -> None:
        # Qt's own dialog, not the system's: the system one can remember "recent files" and build thumbnail
        # caches of the child's pictures outside the vault.
        paths, _ = QFileDialog.getOpenFileNames(
            parent, tr("Choose pictures to add"), "", file_filter(),
            options=QFileDialog.Option.DontUseNativeDialog,
        )  # fmt: skip
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str]) -> bool:
        """Start a batch; False if one is still running (the worker is told to wait)."""
        if self.busy or not paths:
            return False
        self._report = ImportReport()
        self._total, self._seen, self._storing = len(paths), 0, 0
        self._reading_done = False
        runnable = ImportRunnable(paths)
        runnable.signals.result.connect(self._one_result, Qt.ConnectionType.QueuedConnection)
        runnable.signals.finished.connect(self._reading_finished, Qt.ConnectionType.QueuedConnection)
        self._runnable = runnable
        self.pool.start(runnable)
        self.progress.emit(0, self._total)
        return True

    def cancel(self) -> None:
        """Stop reading further files (the vault is locking); pictures already prepared are still kept."""
        if self._runnable is not None:
            self._runnable.cancelled = True

    def _one_result(self, result: ImportResult) -> None:
        name = display_name(result.path)
        self._seen += 1
        self.progress.emit(self._seen, self._total)
        if result.refused is not None:
            self._report.refused.append((name, refusal_message(result.refused)))
            return
        assert result.picture is not None
        self._storing += 1
        queued = self.store.run(
            add_prepared(self.visit_id, result.picture, Source.FILE),
            lambda info: self._stored(name, info),
            lambda exc: self._not_stored(name, exc),
        )
        if not queued:
            self._not_stored(name, RuntimeError("locked"))

    def _stored(self, name: str, info: PictureInfo) -> None:
        self._storing -= 1
        self._report.added.append((name, info))
        self._maybe_finish()

    def _not_stored(self, name: str, exc: Exception) -> None:
        self._storing -= 1
        why = str(exc) if isinstance(exc, PictureError) else ""
        message = tr("“{name}” could not be kept in the vault.").format(name=name)
        self._report.refused.append((name, f"{message} {why}".strip()))
        self._maybe_finish()

    def _reading_finished(self) -> None:
        self._reading_done = True
        self._runnable = None
        self._maybe_finish()

    def _maybe_finish(self) -> None:
        if self._reading_done and self._storing == 0:
            self.finished.emit(self._report)


class ImportResultDialog(QDialog):
    """What happened to each file, in plain words, and that the originals are where they were."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importResult")
        self.setWindowTitle(tr("Pictures added"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        apply_pictures_style(self)
        added, refused = len(report.added), len(report.refused)
        if refused == 0:
            heading = tr("1 picture added.") if added == 1 else tr("{n} pictures added.").format(n=added)
        elif added == 0:
            heading = tr("No pictures were added.")
        else:
            heading = tr("{added} added, {refused} not added.").format(added=added, refused=refused)
        rows = QVBoxLayout()
        for name, _info in report.added:
            line = label(tr("✓ “{name}” was added.").format(name=name), kind="added")
            line.setObjectName("importAddedLine")
            rows.addWidget(line)
        for _name, message in report.refused:
            line = label(f"✗ {message}", kind="refused")
            line.setObjectName("importRefusedLine")
            rows.addWidget(line)
        rows.addStretch()
        inner = QWidget()
        inner.setLayout(rows)
        scroll = QScrollArea()
        scroll.setObjectName("importResultList")
        scroll.setAccessibleName(tr("What happened to each file"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setMinimumHeight(min(360, 60 + 56 * (added + refused)))
        self.ok = button(tr("&OK"), "importResultOk", tr("OK"), primary=True)
        self.ok.setMinimumHeight(44)
        self.ok.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        title = label(heading, kind="subheading")
        title.setObjectName("importResultHeading")
        layout.addWidget(title)
        layout.addWidget(scroll, 1)
        note = label(originals_stay(), kind="hint")
        note.setObjectName("importOriginalsNote")
        layout.addWidget(note)
        if added:
            layout.addWidget(label(tr("Open each picture to add what the child says about it."), kind="hint"))
        layout.addWidget(self.ok, 0, Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(640)
        self.report = report
