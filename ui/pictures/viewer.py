"""One picture, as big as the window allows, with the child's words under it. Previous/Next walk the gallery.

The full picture is loaded from the vault when shown (one store job) and dropped when the viewer closes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ui.models.format import day_in_words
from ui.pictures.gallery_model import fitted, made_by_words
from ui.pictures.jobs import Store, full_image
from ui.pictures.messages import tr
from ui.pictures.style import apply_pictures_style
from ui.views.widgets import button, label
from visitapp.pictures import PictureImage, PictureInfo


def consent_words(picture: PictureInfo) -> str:
    consent = picture.consent
    if not consent.keep_in_record:
        return tr("The child did not want this picture kept.")
    parts = [tr("Kept in their record")]
    parts.append(tr("may be shown to their family") if consent.may_show_family else tr("not for the family"))
    parts.append(tr("may go in the letter") if consent.may_go_in_letter else tr("not for the letter"))
    return "; ".join(parts) + "."


class PictureViewer(QDialog):
    edit_requested = Signal(object)  # PictureInfo

    def __init__(self, store: Store, pictures: Sequence[PictureInfo], current: int,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("pictureViewer")
        self.setWindowTitle(tr("Picture"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        apply_pictures_style(self)
        self.store = store
        self.pictures = list(pictures)
        self.current = current
        self._pixmap: QPixmap | None = None

        self.image = QLabel()
        self.image.setObjectName("pictureViewerImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.image.setMinimumSize(QSize(320, 240))
        self.words = label(kind="childWords")
        self.words.setObjectName("pictureViewerWords")
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = label(kind="hint")
        self.facts.setObjectName("pictureViewerFacts")
        self.previous = button(tr("◀ &Previous"), "pictureViewerPrevious", tr("Previous picture"))
        self.next = button(tr("&Next ▶"), "pictureViewerNext", tr("Next picture"))
        self.edit = button(tr("&About this picture…"), "pictureViewerEdit", tr("About this picture"))
        self.close_button = button(tr("&Close"), "pictureViewerClose", tr("Close"), primary=True)
        for widget in (self.previous, self.next, self.edit, self.close_button):
            widget.setMinimumHeight(44)
        self.previous.clicked.connect(lambda: self.show_index(self.current - 1))
        self.next.clicked.connect(lambda: self.show_index(self.current + 1))
        self.edit.clicked.connect(lambda: self.edit_requested.emit(self.pictures[self.current]))
        self.close_button.clicked.connect(self.accept)
        QShortcut(QKeySequence(Qt.Key.Key_Left), self, lambda: self.show_index(self.current - 1))
        QShortcut(QKeySequence(Qt.Key.Key_Right), self, lambda: self.show_index(self.current + 1))

        buttons = QHBoxLayout()
        buttons.addWidget(self.previous)
        buttons.addWidget(self.next)
        buttons.addStretch()
        buttons.addWidget(self.edit)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.words)
        layout.addWidget(self.facts)
        layout.addLayout(buttons)
        self.resize(1100, 700)
        self.show_index(current)

    def show_index(self, index: int) -> None:
        if not 0 <= index < len(self.pictures):
            return
        self.current = index
        picture = self.pictures[index]
        self._refresh_text(picture)
        self.previous.setEnabled(index > 0)
        self.next.setEnabled(index < len(self.pictures) - 1)
        self._pixmap = None
        self.image.setText(tr("Opening the picture…"))
        self.image.setPixmap(QPixmap())
        wanted = picture.id
        self.store.run(full_image(wanted), lambda result: self._loaded(wanted, result), self._not_loaded)

    def replace(self, picture: PictureInfo) -> None:
        """After the details were saved: show the new words without reloading the image."""
        for i, p in enumerate(self.pictures):
            if p.id == picture.id:
                self.pictures[i] = picture
        if self.pictures[self.current].id == picture.id:
            self._refresh_text(picture)

    def _refresh_text(self, picture: PictureInfo) -> None:
        words = picture.description.strip()
        missing = tr("The child's words about this picture are not written yet.")
        self.words.setText(f"“{words}”" if words else missing)
        self.facts.setText(
            tr("{made_by}, {day}. {consent}").format(
                made_by=made_by_words(picture.made_by), day=day_in_words(picture.made_on),
                consent=consent_words(picture),
            )
        )  # fmt: skip

    def _loaded(self, picture_id: str, result: tuple[PictureImage, QImage]) -> None:
        if self.pictures[self.current].id != picture_id:
            return  # the worker moved on
        self._pixmap = QPixmap.fromImage(result[1])
        self.image.setText("")
        self._fit()

    def _not_loaded(self, exc: Exception) -> None:
        self.image.setText(tr("The picture could not be opened."))

    def _fit(self) -> None:
        if self._pixmap is not None and not self._pixmap.isNull():
            self.image.setPixmap(fitted(self._pixmap, self.image.width(), self.image.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def done(self, result: int) -> None:
        self._pixmap = None  # the full picture leaves memory with the viewer
        self.image.clear()
        super().done(result)
