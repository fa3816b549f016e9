"""The pictures panel's layout: add buttons, a drop hint, and the gallery of thumbnails (a list view).

Layout only; ``PicturesPanel`` (panel.py) gives it behaviour.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QListView, QProgressBar, QVBoxLayout, QWidget

from ui.pictures.gallery_model import TILE, PictureGalleryModel
from ui.pictures.messages import tr
from ui.views.widgets import button, label, named


class GalleryView(QListView):
    """Thumbnails in rows that wrap; Enter opens a picture as double-click does."""

    opened = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setWrapping(True)
        self.setUniformItemSizes(True)  # the view sizes one item, not 300
        self.setIconSize(TILE)
        self.setGridSize(QSize(TILE.width() + 28, TILE.height() + 64))
        self.setSpacing(6)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(60)
        self.doubleClicked.connect(self.opened)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.opened.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class PicturesView(QWidget):
    def __init__(self, model: PictureGalleryModel, can_add: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("picturesPanel")
        self.heading = label(tr("Pictures"), kind="subheading")
        self.draw = button(
            tr("&Draw"), "picturesDraw", tr("Draw: open drawing mode for the child"), primary=True
        )
        self.camera = button(tr("Take a &photo"), "picturesCamera", tr("Take a photo with the camera"))
        self.files = button(tr("Add from &files…"), "picturesFiles", tr("Add pictures from files"))
        self.open = button(tr("&Open"), "picturesOpen", tr("Open the chosen picture"))
        self.details = button(tr("About &this picture…"), "picturesDetails", tr("About the chosen picture"))
        for widget in (self.draw, self.camera, self.files, self.open, self.details):
            widget.setMinimumHeight(44)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch()
        for widget in (self.draw, self.camera, self.files):
            widget.setVisible(can_add)
            top.addWidget(widget)
        self.drop_hint = label(tr("You can also drag picture files here."), kind="dropHint")
        self.drop_hint.setObjectName("picturesDropHint")
        self.drop_hint.setVisible(can_add)
        self.progress = named(QProgressBar(), "picturesProgress", tr("Adding pictures"))
        self.progress.setVisible(False)
        self.progress.setMinimumHeight(28)
        self.status = label(kind="hint")
        self.status.setObjectName("picturesStatus")
        self.empty = label(
            tr("No pictures yet. The child can draw on the screen, or you can photograph or add a picture "
               "they made.") if can_add else tr("No pictures in this record yet."),
            kind="hint",
        )  # fmt: skip
        self.empty.setObjectName("picturesEmpty")
        self.gallery = named(GalleryView(), "pictureGallery", tr("Pictures"))
        self.gallery.setModel(model)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.open)
        bottom.addWidget(self.details)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.drop_hint)
        layout.addWidget(self.progress)
        layout.addWidget(self.empty)
        layout.addWidget(self.gallery, 1)
        layout.addLayout(bottom)
