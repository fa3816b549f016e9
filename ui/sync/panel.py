"""The sync panel, opened from the indicator: how things stand, progress with bytes for pictures, and each
thing that needs the worker in plain words with what to do (conflicts open side by side)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFrame, QProgressBar, QScrollArea, QVBoxLayout, QWidget

from ui.sync import text
from ui.sync.style import apply_sync_style
from ui.views.widgets import button, label, named, restyle, row
from visitapp.sync.engine import SyncProgress
from visitapp.sync.status import Problem, SyncOverview


class SyncPanel(QDialog):
    sync_now = Signal()
    set_up = Signal()
    compare = Signal(int)
    apply_deletions = Signal(int)  # how many records the refused pull would remove

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncPanel")
        self.setWindowTitle(self.tr("Sync"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        apply_sync_style(self)
        self.state_line = label(kind="syncState")
        self.state_line.setObjectName("syncPanelState")
        self.detail = label(kind="hint")
        self.detail.setObjectName("syncPanelDetail")
        self.bar = named(QProgressBar(), "syncPanelProgress", self.tr("Sync progress"))
        self.progress_text = label(kind="hint")
        self.progress_text.setObjectName("syncPanelProgressText")
        self.sync_button = button(self.tr("Sync &now"), "syncNow", self.tr("Sync now"), primary=True)
        self.set_up_button = button(self.tr("Set &up sync…"), "syncSetUp", self.tr("Set up sync"))
        self.close_button = button(self.tr("&Close"), "syncPanelClose", self.tr("Close"))
        self.problems_box = QVBoxLayout()
        holder = QWidget()
        holder.setObjectName("syncProblems")
        holder.setLayout(self.problems_box)
        self.scroll = named(QScrollArea(), "syncProblemsScroll", self.tr("What needs you"))
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(holder)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.needs_heading = label(self.tr("What needs you"), kind="subheading")
        box = QVBoxLayout(self)
        box.addWidget(label(self.tr("Sync"), kind="heading"))
        box.addWidget(self.state_line)
        box.addWidget(self.detail)
        box.addWidget(self.bar)
        box.addWidget(self.progress_text)
        box.addWidget(self.needs_heading)
        box.addWidget(self.scroll, 1)
        box.addStretch(0)
        buttons = row(self.set_up_button)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.sync_button)
        box.addLayout(buttons)
        self.sync_button.clicked.connect(self.sync_now)
        self.set_up_button.clicked.connect(self.set_up)
        self.close_button.clicked.connect(self.reject)
        self.resize(760, 560)
        self.show_progress(None)
        self.show_problems([])

    def show_overview(self, state: str, overview: SyncOverview | None) -> None:
        self.state_line.setText(text.indicator_text(state, overview))
        self.state_line.setProperty("syncState", state)
        restyle(self.state_line)
        words = text.indicator_help(state, overview)
        if overview is not None and text.waiting_count(overview) and state != "syncing":
            if overview.pictures_waiting:
                words += " " + self.tr("{0} pictures ({1}) are waiting to be sent.").format(
                    overview.pictures_waiting, text.size_in_words(overview.bytes_waiting)
                )
        self.detail.setText(words)
        self.sync_button.setEnabled(state not in ("syncing", "not_set_up"))
        self.set_up_button.setText(
            self.tr("Set &up sync…") if state == "not_set_up" else self.tr("Change &sync set-up…")
        )
        self.set_up_button.setAccessibleName(self.set_up_button.text().replace("&", "").rstrip("…"))
        if state != "syncing":
            self.show_progress(None)

    def show_progress(self, step: SyncProgress | None) -> None:
        self.bar.setVisible(step is not None)
        self.progress_text.setVisible(step is not None)
        if step is None:
            return
        value, maximum = text.progress_fraction(step)
        self.bar.setRange(0, maximum)
        self.bar.setValue(value)
        self.progress_text.setText(text.progress_text(step))
        self.sync_button.setEnabled(False)

    def show_problems(self, problems: list[Problem]) -> None:
        while self.problems_box.count():
            item = self.problems_box.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for index, problem in enumerate(problems):
            self.problems_box.addWidget(self._problem(index, problem))
        self.problems_box.addStretch(1)
        self.needs_heading.setVisible(bool(problems))
        self.scroll.setVisible(bool(problems))
        self.layout().setStretch(self.layout().indexOf(self.scroll), 1 if problems else 0)
        self.layout().setStretch(self.layout().count() - 2, 0 if problems else 1)

    def _problem(self, index: int, problem: Problem) -> QFrame:
        frame = QFrame()
        frame.setObjectName("syncProblem")
        box = QVBoxLayout(frame)
        box.addWidget(label(problem.title, kind="problemTitle"))
        if problem.when:
            box.addWidget(label(self.tr("Visit on {0}").format(problem.when), kind="hint"))
        box.addWidget(label(problem.what_to_do, kind="hint"))
        if problem.conflict_id is not None and problem.kind in ("conflict", "signed_off"):
            compare = button(
                self.tr("Compare both versions"), f"syncCompare{index}", self.compare_name(problem, index)
            )
            compare.clicked.connect(lambda _=False, cid=problem.conflict_id: self.compare.emit(cid))
            box.addLayout(row(compare))
        if problem.kind == "mass_delete" and problem.count:
            apply = button(
                self.tr("&Apply these deletions…"),
                "syncApplyDeletions",
                self.tr("Apply these deletions"),
            )
            apply.setAccessibleDescription(
                self.tr("Asks first, then removes {0} records from this laptop").format(problem.count)
            )
            apply.clicked.connect(lambda _=False, n=problem.count: self.apply_deletions.emit(n))
            box.addLayout(row(apply))
        return frame

    def compare_name(self, problem: Problem, index: int) -> str:
        """What a screen reader says for a Compare button: which record, so several can be told apart. Only
        what the panel shows: the kind of record, a visit's date, and its place in the list."""
        words = self.tr("Compare both versions of the {0}").format(problem.label or self.tr("record"))
        if problem.when:
            words += self.tr(" on {0}").format(problem.when)
        return words + self.tr(" (problem {0})").format(index + 1)
