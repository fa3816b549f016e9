"""The visit's small dialogs: the child's words (the capture box), a note beside a quote, a direct-work tool
as guided prompts, and an amendment after sign-off."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent, QTextCursor
from PySide6.QtWidgets import QButtonGroup, QFrame, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from ui.views.dialog_base import FormDialog
from ui.views.visit.page import step_label
from ui.views.widgets import (
    check_box,
    combo,
    form_layout,
    label,
    radio,
    raw_text,
    row,
    spin,
    text_box,
)
from visitapp.domain.visit_record import SHARED_HOW_LABELS, Quote, QuoteKind, SharedHow
from visitapp.domain.visit_steps import Step
from visitapp.practice.direct_work import DirectWorkTool


def _tr(text: str) -> str:
    return QCoreApplication.translate("VisitDialogs", text)


def _ctrl_enter_saves(dialog: FormDialog, box: QPlainTextEdit) -> None:
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        shortcut = QShortcut(QKeySequence(keys), box, context=Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(dialog.save_requested)


class QuoteDialog(FormDialog):
    """The capture box. The words are kept exactly as typed: no trimming, no tidying."""

    def __init__(self, quote: Quote | None, child_name: str, prompts: list[str], alone: bool,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        title = (
            self.tr("{0}'s own words").format(child_name) if quote is None else self.tr("Change the words")
        )
        super().__init__("quoteDialog", title, parent)
        self.words = named_box = text_box("quoteWords", self.tr("The child's words, exactly as said"), 150)
        named_box.setPlaceholderText(self.tr("Type exactly what they said. Ctrl+Enter saves."))
        self.prompt = combo("quotePrompt", self.tr("What you asked, or the tool you were using"))
        self.prompt.setEditable(True)
        self.prompt.addItems(["", *prompts])
        self.prompt.lineEdit().setPlaceholderText(self.tr("What you asked, or the tool (if anything)"))
        self.how = combo("quoteHow", self.tr("How they shared it"),
                         [(_tr(text), how.value) for how, text in SHARED_HOW_LABELS.items()])  # fmt: skip
        self.alone = check_box(self.tr("The child was &alone with me"), "quoteAlone")
        self.kinds: dict[QuoteKind, QWidget] = {
            QuoteKind.WORDS: radio(self.tr("&Something they said"), "quoteKindWords"),
            QuoteKind.WISH: radio(self.tr("A &wish"), "quoteKindWish"),
            QuoteKind.FEELING: radio(self.tr("A &feeling"), "quoteKindFeeling"),
        }
        group = QButtonGroup(self)
        for button in self.kinds.values():
            group.addButton(button)  # type: ignore[arg-type]
        form = form_layout()
        form.addRow(label(self.tr("&Asked"), buddy=self.prompt), self.prompt)
        form.addRow(label(self.tr("&How"), buddy=self.how), self.how)
        kinds = row(*self.kinds.values())
        kinds.setSpacing(28)
        form.addRow(label(self.tr("Kind")), kinds)
        form.addRow("", self.alone)
        self.body.addWidget(label(self.tr("The child's &words"), kind="subheading", buddy=self.words))
        self.body.addWidget(self.words)
        self.body.addLayout(form)
        self.setMinimumWidth(720)
        _ctrl_enter_saves(self, self.words)
        shown = quote or Quote(visit_id="", words="", said_at=None, child_alone=alone)  # type: ignore[arg-type]
        self.words.setPlainText(shown.words)
        self.prompt.setCurrentText(shown.prompt)
        self.how.setCurrentIndex(self.how.findData(shown.shared_how.value))
        self.alone.setChecked(shown.child_alone)
        self.kinds[shown.kind].setChecked(True)  # type: ignore[attr-defined]
        self.words.moveCursor(QTextCursor.MoveOperation.End)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.activateWindow()
        self.words.setFocus()  # the worker types straight away; the child is still talking

    def read(self) -> tuple[str, str, SharedHow, bool, QuoteKind]:
        kind = next(k for k, b in self.kinds.items() if b.isChecked())  # type: ignore[attr-defined]
        return (raw_text(self.words), self.prompt.currentText(), SharedHow(self.how.currentData()),
                self.alone.isChecked(), kind)  # fmt: skip


class AnnotateDialog(FormDialog):
    def __init__(self, quote: Quote, parent: QWidget | None = None) -> None:
        super().__init__("annotateDialog", self.tr("Add a note beside the child's words"), parent)
        self.body.addWidget(label(self.tr("The words stay exactly as they are:")))
        shown = label(f"“{quote.words}”", kind="quote")
        shown.setObjectName("annotateQuote")
        self.body.addWidget(shown)
        self.note = text_box("annotateNote", self.tr("Your note"), 110)
        self.body.addWidget(label(self.tr("Your &note"), kind="subheading", buddy=self.note))
        self.body.addWidget(self.note)
        self.setMinimumWidth(640)
        _ctrl_enter_saves(self, self.note)
        self.note.setFocus()

    def read(self) -> str:
        return raw_text(self.note)


class ToolDialog(FormDialog):
    """A direct-work tool from the TOML file, as questions to read out and boxes for the child's answers."""

    def __init__(self, tool: DirectWorkTool, parent: QWidget | None = None) -> None:
        super().__init__("toolDialog", tool.label, parent)
        self.tool = tool
        self.fields: dict[str, QWidget] = {}
        self.body.addWidget(label(tool.about, kind="hint"))
        inner = QWidget()
        inner.setObjectName("toolQuestions")
        box = QVBoxLayout(inner)
        for field in tool.fields:
            name = f"toolField_{field.key}"
            if field.kind == "score":
                widget: QWidget = spin(name, field.label, -1, 10)
                widget.setSpecialValueText(self.tr("Not asked"))  # type: ignore[attr-defined]
                widget.setValue(-1)  # type: ignore[attr-defined]
            elif field.kind == "choice":
                widget = combo(
                    name, field.label, [(self.tr("Not chosen"), ""), *((c, c) for c in field.choices)]
                )
            else:
                widget = text_box(name, field.label, 76)
            box.addWidget(label(field.label, kind="subheading", buddy=widget))
            if field.prompt:
                box.addWidget(label(self.tr("Ask: {0}").format(field.prompt), kind="hint"))
            box.addWidget(widget)
            self.fields[field.key] = widget
        box.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("toolScroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setMinimumHeight(min(440, inner.sizeHint().height() + 8))
        self.body.addWidget(scroll, 1)
        self.body.addWidget(label(self.tr("Write the child's answers in their own words."), kind="hint"))
        self.setMinimumWidth(720)
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.setFocus()

    def read(self) -> dict[str, str]:
        answers = {}
        for key, widget in self.fields.items():
            if isinstance(widget, QPlainTextEdit):
                answers[key] = raw_text(widget)
            elif hasattr(widget, "specialValueText"):
                value = widget.value()  # type: ignore[attr-defined]
                answers[key] = "" if value < 0 else str(value)
            else:
                answers[key] = widget.currentData() or ""  # type: ignore[attr-defined]
        return answers


class AmendDialog(FormDialog):
    NOTES = "notes"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("amendDialog", self.tr("Add an amendment"), parent)
        self.part = combo("amendPart", self.tr("Which part of the record"),
                          [(step_label(s), s.value) for s in Step if s is not Step.FINISH])  # fmt: skip
        self.part.addItem(self.tr("My notes"), self.NOTES)
        self.text = text_box("amendText", self.tr("The amendment"), 110)
        self.reason = text_box("amendReason", self.tr("Why the record is being amended"), 80)
        form = form_layout()
        form.addRow(label(self.tr("&Part"), buddy=self.part), self.part)
        form.addRow(label(self.tr("&Amendment"), buddy=self.text), self.text)
        form.addRow(label(self.tr("&Why"), buddy=self.reason), self.reason)
        self.body.addWidget(label(self.tr(
            "The signed-off record stays as it is. Your amendment is shown beside it, with the reason."
        ), kind="hint"))  # fmt: skip
        self.body.addLayout(form)
        self.setMinimumWidth(680)
        self.part.setFocus()

    def read(self) -> tuple[str, str, str]:
        return self.part.currentData(), raw_text(self.text), raw_text(self.reason)
