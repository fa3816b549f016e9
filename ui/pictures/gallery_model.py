"""The gallery's model: small ``PictureInfo`` rows, with thumbnails fetched only when a view asks for them.

The first ``data(DecorationRole)`` for a row shows a plain tile and adds the row to a batch; one store job
per batch brings the thumbnails back (decoded off the UI thread) and the rows repaint. A view only asks for
the rows on screen, so opening a gallery of 300 pictures loads a screenful, not 300.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from ui.models.format import day_in_words
from ui.pictures.messages import tr
from visitapp.pictures import MadeBy, PictureInfo

TILE = QSize(184, 184)
PictureRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
ThumbnailRequest = Callable[[list[str]], None]

MADE_BY_WORDS = {
    MadeBy.CHILD: "Made by the child",
    MadeBy.TOGETHER: "Made together",
    MadeBy.PHOTO: "A photo of something",
}


def made_by_words(made_by: MadeBy) -> str:
    return tr(MADE_BY_WORDS[made_by])


def caption(picture: PictureInfo) -> str:
    words = picture.description.strip()
    if not words:
        return tr("(no words yet)")
    return f"“{words}”" if len(words) <= 40 else f"“{words[:38].rstrip()}…”"


def fitted(pixmap: QPixmap, width: int, height: int) -> QPixmap:
    """Scaled to fit inside width x height, keeping its shape, smoothly."""
    return pixmap.scaled(
        width, height, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def _placeholder() -> QPixmap:
    pixmap = QPixmap(TILE)
    pixmap.fill(QColor("#eef1f4"))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#9aa7b1"))
    painter.drawRect(0, 0, TILE.width() - 1, TILE.height() - 1)
    painter.end()
    return pixmap


class PictureGalleryModel(QAbstractListModel):
    def __init__(self, request_thumbnails: ThumbnailRequest, parent: Any = None) -> None:
        super().__init__(parent)
        self._request = request_thumbnails
        self._pictures: list[PictureInfo] = []
        self._rows: dict[str, int] = {}
        self._thumbs: dict[str, QPixmap] = {}
        self._asked: set[str] = set()
        self._batch: list[str] = []
        self._placeholder: QPixmap | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._send_batch)

    # Contents ----------------------------------------------------------------------------------------------

    def set_pictures(self, pictures: Sequence[PictureInfo]) -> None:
        """Replace the rows; thumbnails already loaded for pictures still listed are kept."""
        self.beginResetModel()
        self._pictures = list(pictures)
        self._rows = {p.id: row for row, p in enumerate(self._pictures)}
        self._thumbs = {k: v for k, v in self._thumbs.items() if k in self._rows}
        self._asked &= self._thumbs.keys()
        self._batch = []
        self.endResetModel()

    def clear(self) -> None:
        """Forget every picture and thumbnail (the vault is locking)."""
        self.beginResetModel()
        self._pictures, self._rows, self._thumbs = [], {}, {}
        self._asked, self._batch = set(), []
        self.endResetModel()

    def picture(self, row: int) -> PictureInfo | None:
        return self._pictures[row] if 0 <= row < len(self._pictures) else None

    def row_of(self, picture_id: str) -> int:
        return self._rows.get(picture_id, -1)

    def pictures(self) -> list[PictureInfo]:
        return list(self._pictures)

    def set_thumbnails(self, images: dict[str, QImage]) -> None:
        """Thumbnails back from the store thread: make pixmaps here, on the UI thread, and repaint."""
        changed = []
        for picture_id, image in images.items():
            row = self._rows.get(picture_id)
            if row is None or image.isNull():
                continue
            self._thumbs[picture_id] = QPixmap.fromImage(image)
            changed.append(row)
        for row in changed:
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def thumbnails_failed(self, picture_ids: Sequence[str]) -> None:
        self._asked.difference_update(picture_ids)  # ask again when next painted

    def thumbnail(self, picture_id: str) -> QPixmap | None:
        """The thumbnail if it is loaded (no store job is started)."""
        return self._thumbs.get(picture_id)

    def loaded_count(self) -> int:
        return len(self._thumbs)

    # QAbstractListModel ------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's API)
        return 0 if parent.isValid() else len(self._pictures)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._pictures):
            return None
        picture = self._pictures[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return caption(picture)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnail(picture.id)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            words = picture.description.strip() or tr("no words yet")
            return tr("{made_by}, {day}: {words}").format(
                made_by=made_by_words(picture.made_by), day=day_in_words(picture.made_on), words=words
            )
        if role == PictureRole:
            return picture
        if role == IdRole:
            return picture.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    # Lazy thumbnails ---------------------------------------------------------------------------------------

    def _thumbnail(self, picture_id: str) -> QPixmap:
        found = self._thumbs.get(picture_id)
        if found is not None:
            return found
        if picture_id not in self._asked:
            self._asked.add(picture_id)
            self._batch.append(picture_id)
            self._timer.start()
        if self._placeholder is None:
            self._placeholder = _placeholder()
        return self._placeholder

    def _send_batch(self) -> None:
        batch, self._batch = self._batch, []
        if batch:
            self._request(batch)
