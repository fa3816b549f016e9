""" "Is this right?": the family's answer, who is speaking, and their words, exactly as said. Layout only;
the family controller saves it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.family.record_page import text
from ui.views.widgets import button, line_edit, named, raw_text, text_box
from visitapp.domain.family import VERDICT_LABELS, Verdict

READING_WIDTH = 1240  # two columns side by side


def _choice(words: str, name: str, kind: str) -> QPushButton:
    widget = button(words, name)
    widget.setCheckable(True)
    widget.setProperty("family", kind)
    return widget


class ResponsePage(QWidget):
    save = Signal()
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("familyResponsePage")
        self.verdicts = QButtonGroup(self)
        self.verdict_buttons: dict[Verdict, QPushButton] = {}
        for verdict in Verdict:
            choice = _choice(self.tr(VERDICT_LABELS[verdict]), f"familyVerdict_{verdict.value}", "choice")
            self.verdicts.addButton(choice)
            self.verdict_buttons[verdict] = choice
        self.who_group = QButtonGroup(self)
        self.who_group.setExclusive(True)
        self.who_buttons: list[QPushButton] = []
        self.who = line_edit("familySpeaker", self.tr("Who is speaking"))
        self.who.setPlaceholderText(self.tr("Or write a name here"))  # short: the box is half a column
        self.words = text_box("familyWords", self.tr("What you want to say"), 140)
        self.words.setPlaceholderText(self.tr("Your words, written down just as you say them"))
        self.error = text("", "error")
        self.error.setObjectName("familyResponseError")
        self.error.hide()
        self.save_button = button(self.tr("&Keep what we said"), "familySaveResponse", primary=True)
        self.back_button = button(self.tr("Back to the &record"), "familyResponseBack")
        self.who_grid = QGridLayout()
        self.who_grid.setSpacing(10)
        self._layout()
        self.save_button.clicked.connect(self.save)
        self.back_button.clicked.connect(self.back)
        self.who.textEdited.connect(self._typed_name)

    def _layout(self) -> None:
        think = QVBoxLayout()
        think.setSpacing(10)
        think.addWidget(text(self.tr("1. What do you think?"), "section"))
        for choice in self.verdict_buttons.values():
            think.addWidget(choice)
        think.addStretch(1)
        say = QVBoxLayout()
        say.setSpacing(10)
        say.addWidget(text(self.tr("2. Who is speaking?"), "section"))
        say.addLayout(self.who_grid)
        say.addWidget(self.who)
        say.addWidget(text(self.tr("3. What do you want to say?"), "section"))
        say.addWidget(self.words)
        columns = QHBoxLayout()
        columns.setSpacing(40)
        columns.addLayout(think, 1)
        columns.addLayout(say, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        column = QVBoxLayout()
        column.setSpacing(10)
        column.addWidget(text(self.tr("Is this right?"), "heading"))
        column.addWidget(text(self.tr("Tell us what you think of what was written. We will keep your words "
                                      "with the record, and your social worker will answer.")))  # fmt: skip
        column.addLayout(columns)
        column.addWidget(self.error)
        column.addLayout(buttons)
        column.addStretch(1)
        holder = QWidget()
        holder.setMaximumWidth(READING_WIDTH)
        holder.setLayout(column)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 8, 32, 16)
        outer.addStretch(1)
        outer.addWidget(holder, 10)
        outer.addStretch(1)

    def start(self, child_name: str) -> None:
        """An empty form, with quick choices for who is speaking (the child's own name among them)."""
        for old in self.who_buttons:
            self.who_group.removeButton(old)
            old.deleteLater()
        self.who_buttons = []
        names = [self.tr("Mum"), self.tr("Dad"), child_name, self.tr("A carer")] if child_name else []
        for index, name in enumerate(names):
            choice = _choice(name, f"familyWho_{index}", "who")
            named(choice, f"familyWho_{index}", self.tr("{0} is speaking").format(name))
            choice.clicked.connect(lambda _=False, name=name: self.who.setText(name))
            self.who_group.addButton(choice)
            self.who_grid.addWidget(choice, index // 2, index % 2)
            self.who_buttons.append(choice)
        self.reset()

    def _typed_name(self) -> None:
        self.who_group.setExclusive(False)  # typing a name un-chooses the quick buttons
        for choice in self.who_buttons:
            choice.setChecked(choice.text() == self.who.text())
        self.who_group.setExclusive(True)

    def reset(self) -> None:
        self.verdicts.setExclusive(False)
        for choice in self.verdict_buttons.values():
            choice.setChecked(False)
        self.verdicts.setExclusive(True)
        self.who.setText("")
        self._typed_name()
        self.words.setPlainText("")
        self.show_error("")

    def verdict(self) -> Verdict | None:
        return next((v for v, b in self.verdict_buttons.items() if b.isChecked()), None)

    def read(self) -> tuple[Verdict | None, str, str]:
        return self.verdict(), self.who.text(), raw_text(self.words)

    def show_error(self, words: str) -> None:
        self.error.setText(words)
        self.error.setVisible(bool(words))
        self.save_button.setEnabled(True)

    def clear(self) -> None:
        self.start("")
