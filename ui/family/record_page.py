"""The record as the family sees it: the visit, the letter to the child, the worker's sections that may be
shared, the pictures the child said the family may see, later changes, and what the family said before.
Layout only: the family controller hands it a ``Shown`` and it builds labels from it, nothing else."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.family.jobs import Shown
from ui.models.format import day_in_words, moment_in_words
from visitapp.domain.family import VERDICT_LABELS, AnswerKind, SharedRecord

READING_WIDTH = 980  # pixels: lines longer than this are hard to follow


def text(words: str, kind: str = "text") -> QLabel:
    widget = QLabel(words)
    widget.setWordWrap(True)
    widget.setProperty("family", kind)
    widget.setTextFormat(Qt.TextFormat.PlainText)  # a record's words are never read as markup
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


class RecordPage(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("familyRecord")
        self.setAccessibleName(self.tr("The record of the last visit"))
        self.setAccessibleDescription(self.tr("Use the arrow keys or Page Down to read on."))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the keyboard scrolls the record
        self.speech = ""  # the same words, for reading aloud
        self.clear()

    def clear(self) -> None:
        self.speech = ""
        content = QWidget()
        content.setObjectName("familyRecordPage")
        holder = QWidget()
        holder.setMaximumWidth(READING_WIDTH)
        self._column = QVBoxLayout(holder)
        self._column.setContentsMargins(0, 16, 0, 32)
        self._column.setSpacing(8)
        outer = QHBoxLayout(content)
        outer.setContentsMargins(32, 0, 32, 0)
        outer.addStretch(1)
        outer.addWidget(holder, 10)
        outer.addStretch(1)
        self.setWidget(content)  # Qt deletes the old page (and every word on it) now, not later

    def show_record(self, shown: Shown) -> None:
        self.clear()
        record = shown.record
        said: list[str] = []

        def add(widget: QLabel) -> None:
            self._column.addWidget(widget)
            said.append(widget.text())

        add(text(self.tr("The visit on {0}").format(day_in_words(record.visit_date)), "heading"))
        for line in self._about(record):
            add(text(line))
        add(text(self.tr("The letter to {0}").format(record.child_name), "section"))
        add(text(record.letter or self.tr("No letter was written for this visit."), "letter"))
        heading = ""
        for item in record.items:
            if item.heading != heading:
                heading = item.heading
                add(text(self.tr(heading), "section"))
            add(text("• " + item.text))
        if record.pictures:
            add(text(self.tr("Pictures {0} said you may see").format(record.child_name), "section"))
            for picture in record.pictures:
                image = shown.images.get(picture.picture_id)
                if image is not None:
                    frame = QLabel()
                    frame.setProperty("family", "picture")
                    frame.setPixmap(QPixmap.fromImage(image))
                    frame.setAccessibleName(picture.description or self.tr("A picture"))
                    self._column.addWidget(frame, 0, Qt.AlignmentFlag.AlignLeft)
                add(text(self.tr("{0}'s words about it: {1}").format(record.child_name, picture.description)
                         if picture.description else self.tr("No words were written about this picture."),
                         "quiet"))  # fmt: skip
        if record.amendments:
            add(text(self.tr("Changed later"), "section"))
            for change in record.amendments:
                add(text(self.tr("On {0}: {1}\nWhy it was changed: {2}").format(
                    moment_in_words(change.at), change.text, change.reason), "amended"))  # fmt: skip
        if record.next_visit:
            add(text(self.tr("Next visit"), "section"))
            add(text(self.tr("I will come again by {0}.").format(day_in_words(record.next_visit))))
        if record.responses:
            add(text(self.tr("What you told us about this record"), "section"))
            for response in record.responses:
                add(text(self._response_words(response), "quiet"))
        self._column.addStretch(1)
        self.speech = "\n\n".join(said)
        self.verticalScrollBar().setValue(0)

    def _about(self, record: SharedRecord) -> list[str]:
        lines = []
        if record.place:
            lines.append(self.tr("Where: {0}").format(record.place))
        if record.who_was_there:
            lines.append(self.tr("Who was there: {0}").format(", ".join(record.who_was_there)))
        if record.purpose:
            lines.append(self.tr("Why I came: {0}").format(record.purpose))
        return lines

    def _response_words(self, response) -> str:  # type: ignore[no-untyped-def]
        said = self.tr("{0} said: {1}").format(response.speaker, self.tr(VERDICT_LABELS[response.verdict]))
        if response.words.strip():
            said += f"\n“{response.words}”"
        if response.answered:
            first = (self.tr("What I changed: {0}") if response.answer_kind is AnswerKind.CHANGED
                     else self.tr("Why I kept it: {0}"))  # fmt: skip
            said += "\n" + first.format(response.answer)
        else:
            said += "\n" + self.tr("Your social worker has not answered this yet.")
        return said
