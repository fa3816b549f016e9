"""The letter as the child will see it: the same blocks, type sizes and colours as the PDF, with pictures.

Pictures are handed to the document as in-memory resources (``picture:N``); nothing is written to disk.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QFont, QImage, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from visitapp.writing import letter_text as lt


def _sizes(age: int) -> tuple[int, int]:
    body = 16 if age <= 8 else 14 if age <= 11 else 13  # as in visitapp.export.letter_pdf
    return body, body + 4


def letter_html(text: str, age: int, picture_sizes: dict[int, tuple[int, int]], width: int) -> str:
    """HTML for the preview. ``picture_sizes`` maps a picture number to its pixel size."""
    body, heading = _sizes(age)
    out = [
        "<html><body style=\"font-family: 'Verdana', 'DejaVu Sans', sans-serif; "
        f'font-size: {body}pt; color: #1f2a33;">'
    ]
    for block in lt.parse_letter(text):
        words = "<br>".join(escape(line) for line in block.text.split("\n"))
        if block.kind == lt.HEADING:
            out.append(
                f'<p style="font-size: {heading}pt; font-weight: bold; color: #0b5e6b; '
                f'margin-top: 14px; margin-bottom: 4px;">{words}</p>'
            )
        elif block.kind == lt.PICTURE:
            size = picture_sizes.get(block.number)
            if size is not None:
                shown = max(80, min(width, size[0]))
                out.append(
                    f'<p align="center"><img src="picture:{block.number}" width="{shown}" '
                    f'height="{round(size[1] * shown / size[0])}"></p>'
                )
            else:
                out.append(
                    '<p align="center" style="color: #5b6770;">(This picture will not be in the letter.)</p>'
                )
            out.append(f'<p align="center">{words}</p>')
        elif block.kind == lt.GREETING:
            out.append(f'<p style="font-weight: bold;">{words}</p>')
        else:
            out.append(f"<p>{words}</p>")
    out.append("</body></html>")
    return "".join(out)


class LetterPreview(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self._images: dict[int, QImage] = {}
        self._shown: tuple[str, int] | None = None

    def set_pictures(self, images: dict[int, bytes]) -> None:
        self._images = {}
        for number, data in images.items():
            image = QImage.fromData(data)
            if not image.isNull():
                self._images[number] = image
        self._shown = None

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 (Qt's name)
        """Pictures come from memory only; nothing else is ever loaded (no files, no network)."""
        name = url.toString() if isinstance(url, QUrl) else str(url)
        if name.startswith("picture:") and name[8:].isdigit():
            return self._images.get(int(name[8:]))
        return None

    def show_letter(self, text: str, age: int) -> None:
        width = max(120, self.viewport().width() - 48)
        if self._shown == (text, width):
            return
        sizes = {n: (image.width(), image.height()) for n, image in self._images.items()}
        bar = self.verticalScrollBar()
        keep = bar.value()
        self.setHtml(letter_html(text, age, sizes, width))
        bar.setValue(keep)
        self._shown = (text, width)

    def clear_letter(self) -> None:
        self._images = {}
        self._shown = None
        self.document().clear()
        self.clear()


class LetterHighlighter(QSyntaxHighlighter):
    """Headings and picture places stand out in the editor, so the worker sees the letter's shape."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._heading = QTextCharFormat()
        self._heading.setFontWeight(QFont.Weight.Bold)
        self._heading.setForeground(QColor("#0b5e6b"))
        self._picture = QTextCharFormat()
        self._picture.setForeground(QColor("#7a4a00"))
        self._picture.setFontWeight(QFont.Weight.Bold)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        if lt.is_heading(text):
            self.setFormat(0, len(text), self._heading)
        else:
            marker = lt.PICTURE_RE.match(text)
            if marker:
                self.setFormat(0, marker.end(), self._picture)
