"""Time alone with the child: the timer, where and how long, or why not; or that the child was not seen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QButtonGroup, QLabel, QWidget

from ui.views.visit.page import StepPage, edits
from ui.views.widgets import (
    button,
    check_box,
    combo,
    form_layout,
    label,
    line_edit,
    radio,
    raw_text,
    restyle,
    row,
    spin,
    text_box,
)
from visitapp.domain.visit_record import NOT_ALONE_LABELS, NotAloneReason, TimeAlone
from visitapp.domain.visit_steps import Step


def _tr(text: str) -> str:
    return QCoreApplication.translate("TimeAlone", text)


def _row_label(text: str) -> QLabel:
    """A row's label with no one field to jump to: on one line and centred on the row, as a field's is."""
    widget = label(text)
    widget.setWordWrap(False)
    widget.setMinimumHeight(44)
    return widget


class TimeAlonePage(StepPage):
    WHERE, MINUTES, REASON, OTHER = 2, 3, 4, 5  # rows of the form
    changed = Signal()
    timer_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            Step.TIME_ALONE,
            self.tr(
                "Start the timer when you are on your own with the child. It keeps running while you use "
                "the other steps; stop it here or at the top of the screen."
            ),
            parent,
        )
        self._running = self._signed_off = False
        self.not_seen = check_box(
            self.tr("I did &not see the child at all on this visit"), "visitChildNotSeen"
        )
        self.not_seen_reason = text_box("visitNotSeenReason", self.tr("Why the child was not seen"), 80)
        self.not_seen_next = text_box("visitNotSeenNextSteps", self.tr("What happens next"), 80)
        self.clock = label(kind="timer")
        self.clock.setObjectName("visitAloneClock")
        self.clock.setWordWrap(False)
        self.timer_button = edits(button(self.tr("&Start the timer"), "visitAloneTimer", primary=True))
        self.yes = radio(self.tr("&Yes, I saw the child on their own"), "visitSeenAloneYes")
        self.no = radio(self.tr("N&o, not on their own"), "visitSeenAloneNo")
        self.answer = QButtonGroup(self)
        self.answer.addButton(self.yes)
        self.answer.addButton(self.no)
        self.place = line_edit("visitAlonePlace", self.tr("Where you were alone with the child"))
        self.place.setPlaceholderText(self.tr("For example: in their bedroom, on a walk to the park"))
        self.minutes = spin("visitAloneMinutes", self.tr("Minutes alone with the child"), 0, 600)
        self.minutes.setSuffix(self.tr(" minutes"))
        self.minutes.valueChanged.connect(
            lambda n: self.minutes.setSuffix(self.tr(" minute") if n == 1 else self.tr(" minutes"))
        )
        self.minutes.setMinimumWidth(200)
        self.reason = combo("visitNotAloneReason", self.tr("Why the child was not seen alone"))
        self.reason.addItem(self.tr("Choose a reason"), "")
        for reason, text in NOT_ALONE_LABELS.items():
            self.reason.addItem(_tr(text), reason.value)
        self.other = line_edit("visitNotAloneOther", self.tr("Why, in your own words"))
        self.problem = label(kind="attention")
        self.problem.setObjectName("visitAloneProblem")
        self._layout()
        self.not_seen.toggled.connect(self._shape)
        self.yes.toggled.connect(self._shape)
        self.no.toggled.connect(self._shape)
        self.reason.currentIndexChanged.connect(self._shape)
        for signal in (self.not_seen.toggled, self.answer.buttonToggled, self.reason.currentIndexChanged,
                       self.minutes.valueChanged, self.place.textEdited, self.other.textEdited,
                       self.not_seen_reason.textChanged, self.not_seen_next.textChanged):  # fmt: skip
            signal.connect(self._edited)
        self.timer_button.clicked.connect(self.timer_pressed)
        self._filling = False

    def _layout(self) -> None:
        self.body.addWidget(self.not_seen)
        self.not_seen_form = QWidget()
        form = form_layout()
        form.setContentsMargins(0, 0, 0, 0)  # in line with the tick box and the help above
        form.addRow(label(self.tr("Why not"), buddy=self.not_seen_reason), self.not_seen_reason)
        form.addRow(label(self.tr("What happens next"), buddy=self.not_seen_next), self.not_seen_next)
        self.not_seen_form.setLayout(form)
        self.body.addWidget(self.not_seen_form)
        self.seen_form = QWidget()
        seen = form_layout()
        seen.setContentsMargins(0, 0, 0, 0)
        timer = row(self.clock, self.timer_button)
        timer.setSpacing(16)
        seen.addRow(_row_label(self.tr("Timer")), timer)
        answers = row(self.yes, self.no)
        answers.setSpacing(32)
        seen.addRow(_row_label(self.tr("Alone?")), answers)
        seen.addRow(label(self.tr("&Where"), buddy=self.place), self.place)
        seen.addRow(label(self.tr("&Minutes"), buddy=self.minutes), row(self.minutes))
        seen.addRow(label(self.tr("&Reason"), buddy=self.reason), self.reason)
        seen.addRow(label(self.tr("In your &words"), buddy=self.other), self.other)
        self.seen_layout = seen
        self.seen_form.setLayout(seen)
        self.body.addWidget(self.seen_form)
        self.body.addWidget(self.problem)

    def _shape(self) -> None:
        seen = not self.not_seen.isChecked()
        self.not_seen_form.setVisible(not seen)
        self.seen_form.setVisible(seen)
        not_alone = self.no.isChecked()
        self.seen_layout.setRowVisible(self.WHERE, not not_alone)
        self.seen_layout.setRowVisible(self.MINUTES, not not_alone)
        self.seen_layout.setRowVisible(self.REASON, not_alone)
        self.seen_layout.setRowVisible(self.OTHER, not_alone and self.reason.currentData() == "other")

    def _edited(self) -> None:
        if not self._filling:
            self.changed.emit()

    def show_time_alone(
        self, alone: TimeAlone, problem: str | None, fill: bool, sync_minutes: bool = True
    ) -> None:
        if fill:
            self._filling = True
            self.not_seen.setChecked(not alone.child_seen)
            self.not_seen_reason.setPlainText(alone.not_seen_reason)
            self.not_seen_next.setPlainText(alone.not_seen_next_steps)
            self.answer.setExclusive(False)
            self.yes.setChecked(alone.seen_alone is True)
            self.no.setChecked(alone.seen_alone is False)
            self.answer.setExclusive(True)
            self.place.setText(alone.place)
            self.minutes.setValue(alone.minutes)
            reason = alone.not_alone_reason.value if alone.not_alone_reason else ""
            self.reason.setCurrentIndex(max(0, self.reason.findData(reason)))
            self.other.setText(alone.not_alone_other)
            self._filling = False
        else:  # after a save: only what the timer changes, and never a field being typed in
            self._filling = True
            if sync_minutes and not self.minutes.hasFocus():
                self.minutes.setValue(alone.minutes)
            if alone.seen_alone is True and not self.no.isChecked():
                self.yes.setChecked(True)
            self._filling = False
        running = alone.is_running()
        again = not running and alone.minutes > 0  # a new start adds to what is counted: say so
        if running:
            button, name = self.tr("&Stop the timer"), self.tr("Stop the timer")
        elif again:
            button, name = self.tr("&Start the timer again"), self.tr("Start the timer again")
        else:
            button, name = self.tr("&Start the timer"), self.tr("Start the timer")
        self.timer_button.setText(button)
        self.timer_button.setAccessibleName(name)
        self._running = running
        self._enable_for_timer()
        # A running timer is the step going as it should, not a fault: said plainly, not as a warning
        if running:
            text, kind = (
                self.tr("The timer is running. Stop it when your time alone with the child ends."),
                "hint",
            )
        elif problem:
            text, kind = problem, "attention"
        elif again and alone.child_seen:
            text, kind = self.tr("Starting the timer again adds to these minutes."), "hint"
        else:
            text, kind = "", "hint"
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        if self.problem.property("kind") != kind:
            self.problem.setProperty("kind", kind)
            restyle(self.problem)
        self._shape()

    def _enable_for_timer(self) -> None:
        # The timer counts the minutes, and a child being timed was seen: neither may be changed meanwhile
        self.minutes.setEnabled(not self._running and not self._signed_off)
        self.not_seen.setEnabled(not self._running and not self._signed_off)

    def set_locked(self, completed: bool, signed_off: bool) -> None:
        super().set_locked(completed, signed_off)  # which enables every box on an open visit
        self._signed_off = signed_off
        self._enable_for_timer()

    def show_clock(self, text: str) -> None:
        self.clock.setText(text)

    def read(self) -> TimeAlone:
        reason = self.reason.currentData()
        seen_alone = True if self.yes.isChecked() else False if self.no.isChecked() else None
        return TimeAlone(
            child_seen=not self.not_seen.isChecked(),
            not_seen_reason=raw_text(self.not_seen_reason),
            not_seen_next_steps=raw_text(self.not_seen_next),
            seen_alone=seen_alone,
            minutes=self.minutes.value(),
            place=self.place.text(),
            not_alone_reason=NotAloneReason(reason) if reason else None,
            not_alone_other=self.other.text(),
        )

    def clear(self) -> None:
        self.show_time_alone(TimeAlone(), None, fill=True)
        self.clock.clear()
