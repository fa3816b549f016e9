"""The pictures panel: what the visit screen (and the child's page) embed. It wires the gallery, drawing
mode, the camera, importing and the details form to the store thread. See ui/pictures/__init__.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent, QImage, QPixmap
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from ui.pictures.camera import CameraDialog, FrameSource
from ui.pictures.details_dialog import PictureDetailsDialog
from ui.pictures.drawing_screen import DrawingScreen
from ui.pictures.gallery import PicturesView
from ui.pictures.gallery_model import PictureGalleryModel
from ui.pictures.importer import ImportController, ImportReport, ImportResultDialog
from ui.pictures.jobs import Store, child_pictures, remove, save_details, thumbnails, visit_pictures
from ui.pictures.messages import tr
from ui.pictures.style import apply_pictures_style
from ui.pictures.viewer import PictureViewer
from ui.views.widgets import restyle
from visitapp.pictures import PictureDetails, PictureInfo


class PicturesPanel(QWidget):
    changed = Signal()  # a picture was added, changed or removed
    message = Signal(str)  # something the worker should read (also shown in the panel)

    def __init__(self, store: Store, visit_id: str | None = None, child_id: str | None = None,
                 parent: QWidget | None = None,
                 camera_source: Callable[[], FrameSource] | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        if (visit_id is None) == (child_id is None):
            raise ValueError("give a visit_id (a visit's pictures) or a child_id (all the child's pictures)")
        apply_pictures_style(self)
        self.store = store
        self.visit_id = visit_id
        self.child_id = child_id
        self.camera_source = camera_source
        self.model = PictureGalleryModel(self._load_thumbnails, self)
        self.view = PicturesView(self.model, can_add=visit_id is not None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.drawing: DrawingScreen | None = None
        self.dialogs: list[QDialog] = []
        self.importer: ImportController | None = None
        if visit_id is not None:
            self.importer = ImportController(store, visit_id, self)
            self.importer.progress.connect(self._progress)
            self.importer.finished.connect(self._imported)
            self.setAcceptDrops(True)
        view = self.view
        view.draw.clicked.connect(self.open_drawing)
        view.camera.clicked.connect(self.open_camera)
        view.files.clicked.connect(self.choose_files)
        view.gallery.opened.connect(lambda index: self.open_viewer(index.row()))
        view.open.clicked.connect(lambda: self.open_viewer(view.gallery.currentIndex().row()))
        view.details.clicked.connect(self._details_for_current)
        view.gallery.selectionModel().currentChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    # Loading -----------------------------------------------------------------------------------------------

    def reload(self, then: Callable[[], None] | None = None) -> None:
        job = visit_pictures(self.visit_id) if self.visit_id else child_pictures(self.child_id or "")

        def loaded(pictures: list[PictureInfo]) -> None:
            current = self.view.gallery.currentIndex().row()
            self.model.set_pictures(pictures)
            if 0 <= current < self.model.rowCount():
                self.view.gallery.setCurrentIndex(self.model.index(current))
            if then is not None:
                then()

        self.store.run(job, self._while_open(loaded), self._while_open(self._failed))

    def _while_open(self, callback: Callable[..., None]) -> Callable[..., None]:
        """An answer from the store thread can arrive after the window holding this panel closed and its
        widgets were deleted; such an answer is for nobody and is dropped."""

        def call(*args: Any) -> None:
            if shiboken6.isValid(self.view.gallery):
                callback(*args)

        return call

    def clear(self) -> None:
        """The vault is locking: keep any drawing in progress, close every picture window, forget it all."""
        if self.drawing is not None:
            self.drawing.keep_and_close()
            self.drawing = None
        if self.importer is not None:
            self.importer.cancel()
        for dialog in list(self.dialogs):
            dialog.reject()
        self.dialogs.clear()
        self.model.clear()
        self.view.status.setText("")

    def _load_thumbnails(self, picture_ids: list[str]) -> None:
        ok = self.store.run(
            thumbnails(picture_ids),
            self._while_open(self.model.set_thumbnails),
            self._while_open(lambda _exc: self.model.thumbnails_failed(picture_ids)),
        )
        if not ok:
            self.model.thumbnails_failed(picture_ids)

    # Adding ------------------------------------------------------------------------------------------------

    def open_drawing(self) -> DrawingScreen | None:
        if self.visit_id is None:
            return None
        screen = DrawingScreen(self.store, self.visit_id, self.window())
        screen.kept.connect(self._added)
        screen.failed.connect(self._say)
        for signal in (screen.kept, screen.left, screen.failed):  # the screen lives until its answer
            signal.connect(lambda *_args, screen=screen: self._drawing_over(screen))
        self.drawing = screen
        screen.start()
        return screen

    def open_camera(self) -> CameraDialog | None:
        if self.visit_id is None:
            return None
        source = self.camera_source() if self.camera_source is not None else None
        dialog = CameraDialog(self.store, self.visit_id, self, source=source)
        dialog.kept.connect(self._added)
        dialog.import_requested.connect(self.choose_files)
        self._track(dialog)
        dialog.open()
        return dialog

    def _drawing_over(self, screen: DrawingScreen) -> None:
        if screen.isVisible():
            return  # e.g. "locked" while the child is still drawing
        if self.drawing is screen:
            self.drawing = None
        screen.deleteLater()

    def choose_files(self) -> None:
        if self.importer is not None:
            self.importer.choose_files(self)

    def import_paths(self, paths: list[str]) -> bool:
        if self.importer is None:
            return False
        if not self.importer.import_paths(paths):
            self._say(tr("Please wait: VisitApp is still adding the last pictures."))
            return False
        return True

    def _added(self, info: PictureInfo) -> None:
        """A drawing or photo is in the vault: show it, and ask for the child's words about it."""
        self.changed.emit()
        self.reload(lambda: self._describe_new(info))

    def _describe_new(self, info: PictureInfo) -> None:
        row = self.model.row_of(info.id)
        if row >= 0:
            self.view.gallery.setCurrentIndex(self.model.index(row))
        self.edit_details(self.model.picture(row) or info)

    def _progress(self, done: int, total: int) -> None:
        self.view.progress.setVisible(done < total)
        self.view.progress.setMaximum(total)
        self.view.progress.setValue(done)
        self.view.status.setText(tr("Adding pictures: {done} of {total}…").format(done=done, total=total))

    def _imported(self, report: ImportReport) -> None:
        self.view.progress.setVisible(False)
        self.view.status.setText("")
        if report.added:
            self.changed.emit()
            self.reload()
        dialog = ImportResultDialog(report, self)
        self._track(dialog)
        dialog.open()

    # Drag and drop -----------------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's names)
        if self.importer is not None and event.mimeData().hasUrls():
            event.acceptProposedAction()
            self._drop_highlight(True)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802
        self._drop_highlight(False)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self._drop_highlight(False)
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)
        else:
            self._say(tr("Only picture files from this computer can be dropped here."))

    def _drop_highlight(self, on: bool) -> None:
        self.view.drop_hint.setProperty("dragging", "true" if on else "false")
        restyle(self.view.drop_hint)

    # Looking and describing --------------------------------------------------------------------------------

    def open_viewer(self, row: int) -> PictureViewer | None:
        if self.model.picture(row) is None:
            return None
        viewer = PictureViewer(self.store, self.model.pictures(), row, self)
        viewer.edit_requested.connect(self.edit_details)
        self._track(viewer)
        viewer.open()
        return viewer

    def _details_for_current(self) -> None:
        picture = self.model.picture(self.view.gallery.currentIndex().row())
        if picture is not None:
            self.edit_details(picture)

    def edit_details(self, picture: PictureInfo) -> PictureDetailsDialog:
        thumbnail = self.model.thumbnail(picture.id)
        dialog = PictureDetailsDialog(picture, thumbnail, self)
        if thumbnail is None:  # a picture just added: fetch its thumbnail for the form

            def fetched(images: dict[str, QImage]) -> None:
                if picture.id in images and dialog in self.dialogs:
                    dialog.set_preview(QPixmap.fromImage(images[picture.id]))

            self.store.run(thumbnails([picture.id]), self._while_open(fetched), lambda _exc: None)
        dialog.details_requested.connect(lambda details: self._save_details(dialog, picture.id, details))
        dialog.remove_requested.connect(lambda: self._remove(dialog, picture.id))
        self._track(dialog)
        dialog.open()
        return dialog

    def _save_details(self, dialog: PictureDetailsDialog, picture_id: str, details: PictureDetails) -> None:
        def saved(info: PictureInfo) -> None:
            dialog.accept()
            for other in self.dialogs:
                if isinstance(other, PictureViewer):
                    other.replace(info)
            self.changed.emit()
            self.reload()

        if not self.store.run(
            save_details(picture_id, details),
            self._while_open(saved),
            self._while_open(lambda exc: dialog.show_error(str(exc))),
        ):
            dialog.show_error(tr("VisitApp is locked."))

    def _remove(self, dialog: PictureDetailsDialog, picture_id: str) -> None:
        def removed(_result: object) -> None:
            dialog.accept()
            for other in list(self.dialogs):
                if isinstance(other, PictureViewer):
                    other.reject()
            self.changed.emit()
            self.reload()

        self.store.run(
            remove(picture_id),
            self._while_open(removed),
            self._while_open(lambda exc: dialog.show_error(str(exc))),
        )

    # Small things ------------------------------------------------------------------------------------------

    def _track(self, dialog: QDialog) -> None:
        self.dialogs.append(dialog)
        dialog.finished.connect(lambda _result: self._untrack(dialog))

    def _untrack(self, dialog: QDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)
        dialog.deleteLater()

    def _update_buttons(self, *_args: object) -> None:
        has = self.model.rowCount() > 0
        chosen = self.view.gallery.currentIndex().isValid()
        self.view.empty.setVisible(not has)
        self.view.open.setEnabled(chosen)
        self.view.details.setEnabled(chosen)
        count = self.model.rowCount()
        if not self.view.progress.isVisible():
            self.view.status.setText(
                "" if not has else tr("1 picture") if count == 1 else tr("{n} pictures").format(n=count)
            )

    def _say(self, text: str) -> None:
        self.view.status.setText(text)
        self.message.emit(text)

    def _failed(self, exc: Exception) -> None:
        self._say(tr("The pictures could not be loaded. Please try again."))

    def current_index(self) -> QModelIndex:
        return self.view.gallery.currentIndex()
