"""Pictures between Qt and the core, in memory only: QImage <-> bytes through QBuffer, never a file."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QImageWriter


def image_bytes(image: QImage, fmt: bytes = b"PNG", quality: int = -1) -> bytes:
    """Encode ``image`` (PNG for a drawing, JPEG at ``quality`` for a camera frame) without any file."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(fmt))
    if quality >= 0:
        writer.setQuality(quality)
    if not writer.write(image):
        raise ValueError(f"the picture could not be encoded: {writer.errorString()}")
    buffer.close()
    return bytes(data.data())


def image_from(data: bytes) -> QImage:
    """Decode stored bytes (the vault's JPEG or PNG); a null QImage if they cannot be read."""
    image = QImage()
    image.loadFromData(data)
    return image
