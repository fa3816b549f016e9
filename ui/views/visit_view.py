"""The guided visit: the steps at the side, one page per step, and a header that every step shares (the
time-alone timer, the capture box for the child's words, the worker's notes)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.views.visit.before import BeforeYouGoPage, WhoIsHerePage
from ui.views.visit.finish import FinishPage
from ui.views.visit.page import StepPage, step_label
from ui.views.visit.plan import ActionsPage, NextVisitPage
from ui.views.visit.safety import SafetyPage
from ui.views.visit.seen import WhatISawPage
from ui.views.visit.share_last_record import ShareLastRecordPage
from ui.views.visit.time_alone import TimeAlonePage
from ui.views.visit.words import CAPTURE_KEYS, WordsPage
from ui.views.widgets import button, label, named, raw_text, restyle
from visitapp.domain.visit_steps import Step, StepState
from visitapp.paths import resources_dir

STATE_WORDS = {
    StepState.DONE: "Done",
    StepState.NOT_YET: "Not yet",
    StepState.NEEDS_ATTENTION: "Needs attention",
    StepState.NOT_NEEDED: "Not needed at a first visit",  # only the last record's step is ever not needed
}
_ICON_FILES = {
    StepState.DONE: "step-done.svg",
    StepState.NOT_YET: "step-not-yet.svg",
    StepState.NEEDS_ATTENTION: "step-attention.svg",
    StepState.NOT_NEEDED: "step-not-needed.svg",
}


def state_words(state: StepState) -> str:
    return QCoreApplication.translate("Steps", STATE_WORDS[state])


class StepList(QListWidget):
    """Every step, each with a shape and words for its state. Arrow keys move; the page follows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "visitSteps", self.tr("Steps of the visit"))
        self.setIconSize(QSize(24, 24))
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._icons = {s: QIcon(str(resources_dir() / "icons" / f)) for s, f in _ICON_FILES.items()}
        for step in Step:
            self.addItem(QListWidgetItem(step_label(step)))
        self.setFixedWidth(280)

    def show_states(self, states: dict[Step, StepState]) -> None:
        for index, step in enumerate(Step):
            state = states.get(step, StepState.NOT_YET)
            item = self.item(index)
            text = f"{step_label(step)}\n{state_words(state)}"
            item.setText(text)
            item.setIcon(self._icons[state])
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{step_label(step)}: {state_words(state)}")
            item.setData(Qt.ItemDataRole.UserRole, state.value)


class VisitView(QWidget):
    back = Signal()
    capture = Signal()
    timer_pressed = Signal()
    notes_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitPage")
        self.back_button = button(self.tr("← &Back to the child"), "visitBack")
        self.title = label(kind="heading")
        self.title.setObjectName("visitTitle")
        self.saved = label(kind="saved")
        self.saved.setObjectName("visitSaveState")
        self.saved.setWordWrap(False)  # a few words; the title beside it wraps instead (see show_save_state)
        self.timer_status = label(kind="timer")
        self.timer_status.setObjectName("visitTimerStatus")
        self.timer_button = button(self.tr("Start time alone"), "visitHeaderTimer")
        self.capture_button = button(
            self.tr("Child's words ({0})").format(CAPTURE_KEYS), "visitHeaderCapture",
            self.tr("Write down the child's words"), primary=True,
        )  # fmt: skip
        self.capture_button.setToolTip(
            self.tr("Opens the capture box from any step: {0}").format(CAPTURE_KEYS)
        )
        self.notes_toggle = button(self.tr("My &notes"), "visitNotesToggle", self.tr("Show or hide my notes"))
        self.notes_toggle.setCheckable(True)
        self.steps = StepList()
        self.before = BeforeYouGoPage()
        self.who = WhoIsHerePage()
        self.share = ShareLastRecordPage()
        self.alone = TimeAlonePage()
        self.words = WordsPage()
        self.seen = WhatISawPage()
        self.safety = SafetyPage()
        self.actions = ActionsPage()
        self.next_visit = NextVisitPage()
        self.finish = FinishPage()
        self.pages: dict[Step, StepPage] = {
            Step.BEFORE_YOU_GO: self.before, Step.WHO_IS_HERE: self.who, Step.SHARE_LAST_RECORD: self.share,
            Step.TIME_ALONE: self.alone, Step.CHILDS_WORDS: self.words, Step.WHAT_I_SAW: self.seen,
            Step.SIGNS_OF_SAFETY: self.safety, Step.ACTIONS: self.actions, Step.NEXT_VISIT: self.next_visit,
            Step.FINISH: self.finish,
        }  # fmt: skip
        self.stack = QStackedWidget()
        self.stack.setObjectName("visitStepPages")
        order = list(Step)
        for index, (step, page) in enumerate(self.pages.items()):
            scroll = QScrollArea()
            scroll.setObjectName(f"visitScroll_{step.value}")
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields; the page follows them
            scroll.setWidgetResizable(True)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # wrap, never pan
            scroll.setWidget(page)
            self.stack.addWidget(scroll)
            page.set_next(order[index + 1] if index + 1 < len(order) else None)
            page.next_requested.connect(lambda index=index: self.go_to(index + 1))
        self.notes = named(QPlainTextEdit(), "visitNotes", self.tr("My notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(
            self.tr("Anything you want to remember for the letter. It saves as you type.")
        )
        self.notes_amended = label(kind="notice")
        self.notes_amended.setObjectName("visitNotesAmended")
        self.notes_amended.hide()
        self.notes_panel = QWidget()
        self.notes_panel.setObjectName("visitNotesPanel")
        self._layout()
        self.back_button.clicked.connect(self.back)
        self.steps.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.timer_button.clicked.connect(self.timer_pressed)
        self.alone.timer_pressed.connect(self.timer_pressed)
        self.capture_button.clicked.connect(self.capture)
        self.words.capture.connect(self.capture)
        self.notes_toggle.toggled.connect(self._show_notes)
        self.notes.textChanged.connect(self.notes_changed)
        self.capture_shortcut = self._shortcut(CAPTURE_KEYS, self.capture)
        self._shortcut("Ctrl+PgDown", lambda: self.go_to(self.steps.currentRow() + 1))
        self._shortcut("Ctrl+PgUp", lambda: self.go_to(self.steps.currentRow() - 1))
        self.steps.setCurrentRow(0)
        self._show_notes(False)

    def _shortcut(self, keys: str, slot) -> QShortcut:  # type: ignore[no-untyped-def]
        shortcut = QShortcut(QKeySequence(keys), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.saved)
        bar = QWidget()
        bar.setObjectName("visitBar")
        bar_row = QHBoxLayout(bar)
        bar_row.setContentsMargins(12, 2, 12, 2)
        bar_row.addWidget(self.timer_status, 1)
        self.timer_status.setWordWrap(False)
        bar_row.addWidget(self.timer_button)
        bar_row.addWidget(self.capture_button)
        bar_row.addWidget(self.notes_toggle)
        notes_box = QVBoxLayout(self.notes_panel)
        notes_box.setContentsMargins(8, 8, 0, 0)
        notes_box.addWidget(label(self.tr("My notes"), kind="subheading", buddy=self.notes))
        notes_box.addWidget(label(self.tr("Raw material for the letter. Only you see these."), kind="hint"))
        notes_box.addWidget(self.notes_amended)
        notes_box.addWidget(self.notes, 1)
        self.notes_panel.setFixedWidth(360)
        body = QHBoxLayout()
        body.addWidget(self.steps)
        body.addWidget(self.stack, 1)
        body.addWidget(self.notes_panel)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 6, 8, 4)
        box.setSpacing(6)
        box.addLayout(top)
        box.addWidget(bar)
        box.addLayout(body, 1)
        chain = [self.back_button, self.timer_button, self.capture_button, self.notes_toggle, self.steps]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _show_notes(self, shown: bool) -> None:
        self.notes_panel.setVisible(shown)
        if shown:
            self.notes.setFocus()

    def go_to(self, index: int) -> None:
        if 0 <= index < self.steps.count():
            self.steps.setCurrentRow(index)
            self.stack.currentWidget().verticalScrollBar().setValue(0)  # type: ignore[attr-defined]

    def current_step(self) -> Step:
        return list(Step)[max(0, self.steps.currentRow())]

    def show_title(self, child_name: str, when: str) -> None:
        self.title.setText(self.tr("Visit to {0}, {1}").format(child_name, when))
        self.back_button.setText(self.tr("← &Back to {0}").format(child_name))
        self.back_button.setAccessibleName(self.tr("Back to {0}").format(child_name))

    def show_notes(self, notes: str) -> None:
        self.notes.blockSignals(True)
        self.notes.setPlainText(notes)
        self.notes.moveCursor(QTextCursor.MoveOperation.End)  # carry on writing where the notes end
        self.notes.blockSignals(False)

    def show_timer(self, text: str, running: bool, allowed: bool, again: bool = False) -> None:
        """``again``: minutes are counted already, so a start adds to them (as the step's button says)."""
        self.timer_status.setText(text)
        self.timer_status.setProperty("kind", "timerRunning" if running else "timer")
        restyle(self.timer_status)
        if running:
            words = self.tr("Stop time alone")
        else:
            words = self.tr("Start time alone again") if again else self.tr("Start time alone")
        self.timer_button.setText(words)
        self.timer_button.setAccessibleName(words)
        self.timer_button.setVisible(allowed)
        self.alone.show_clock(text)

    def set_locked(self, completed: bool, signed_off: bool) -> None:
        for page in self.pages.values():
            page.set_locked(completed, signed_off)
        self.notes.setReadOnly(signed_off)
        self.capture_button.setVisible(not signed_off)
        self.capture_shortcut.setEnabled(not signed_off)

    def _unadded_boxes(self) -> list[QLineEdit | QPlainTextEdit]:
        """Every box whose words reach the record only when Add is pressed."""
        from ui.views.visit.entries import EntryColumn

        boxes: list[QLineEdit | QPlainTextEdit] = [c.text for c in self.findChildren(EntryColumn)]
        return boxes + [self.safety.who, self.safety.reason, self.safety.higher, self.actions.what]

    def unadded_words(self) -> dict[str, str]:
        """What is typed but not added, by box, to keep while the visit is closed or the app locked."""
        found = {}
        for box in self._unadded_boxes():
            text = raw_text(box) if isinstance(box, QPlainTextEdit) else box.text()
            if text.strip():
                found[box.objectName()] = text
        return found

    def show_unadded(self, words: dict[str, str]) -> None:
        """Fill each box with what ``unadded_words`` kept for this visit, and empty the rest: words typed
        for the visit shown before must not stay, to be added to this one."""
        for box in self._unadded_boxes():
            text = words.get(box.objectName(), "")
            if isinstance(box, QPlainTextEdit):
                if box.toPlainText() != text:
                    box.setPlainText(text)
            elif box.text() != text:
                box.setText(text)

    def unadded_entries(self) -> list[str]:
        """The headings of boxes with words typed in them but not added (an entry or an action), which
        completing or signing off would leave out of the record."""
        from ui.views.visit.entries import EntryColumn

        found = [c.title.text() for c in self.findChildren(EntryColumn) if c.text.toPlainText().strip()]
        scale = self.safety
        if any(box.text().strip() for box in (scale.who, scale.reason, scale.higher)):
            found.append(self.tr("Scale from 0 to 10"))  # "Add this number" not pressed
        if self.actions.what.text().strip():
            found.append(self.tr("Actions"))
        return found

    def show_save_state(self, text: str, kind: str = "saved") -> None:
        self.saved.setText(text)
        self.saved.setWordWrap(kind == "error")  # "Saved" stays on one line; a problem may need several
        self.saved.setProperty("kind", kind)
        restyle(self.saved)

    def clear(self) -> None:
        self.title.clear()
        self.back_button.setText(self.tr("← &Back to the child"))
        self.back_button.setAccessibleName(self.tr("Back to the child"))
        self.show_notes("")
        self.notes.clear()  # and its undo history
        self.saved.clear()
        self.timer_status.clear()
        for box in self._unadded_boxes():
            box.clear()  # and its undo history: nothing typed stays behind the lock
        for page in self.pages.values():
            page.clear()  # type: ignore[attr-defined]
            page.show_error("")
            page.amended.clear()
        self.steps.setCurrentRow(0)
