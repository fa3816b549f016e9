"""The update letter on the letter screen: pick a period, get a draft that gathers the visits in it.

``UpdateScreen`` is a ``LetterScreen`` (same editor, checks, preview, read aloud and PDF export, same
``closed``/``exported`` signals and ``flush``/``clear``/``shutdown``) with a period bar on top: two dates,
defaulting to the last three months, and a button that gathers the finished visits between them. It opens
on the update the worker touched last for this child, if there is one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.letter.jobs import Store, UpdateJobs
from ui.letter.letter_screen import LetterScreen
from ui.letter.widgets import button, label, restyle
from ui.style import stylesheet
from ui.views.typed_date import TypedDateField
from visitapp.writing.letters import LetterSession
from visitapp.writing.periods import Period, default_period
from visitapp.writing.updates import UpdateSession


class UpdateScreen(LetterScreen):
    period_changed = Signal()

    def __init__(
        self,
        store: Store,
        child_id: str,
        parent: QWidget | None = None,
        *,
        period: Period | None = None,
        today: date | None = None,
        export_folder: Path | None = None,
    ) -> None:
        self.child_id = child_id
        self.today = today or date.today()
        self.update_jobs = UpdateJobs(child_id, period, today)
        self._first_period = period or default_period(self.today)
        super().__init__(store, parent=parent, export_folder=export_folder, jobs=self.update_jobs)
        self.setObjectName("updateScreen")

    def _build(self) -> None:
        super()._build()
        self.back.setText(self.tr("← &Back"))
        self.back.setAccessibleName(self.tr("Back"))
        self.title.setText(self.tr("Your update letter to the child"))
        self.recompose.setText(self.tr("Start a&gain from the visits"))
        self.recompose.setAccessibleName(self.tr("Start again from the visits"))
        self.starts = self._date_edit("updatePeriodStart", self.tr("First day of the update"))
        self.ends = self._date_edit("updatePeriodEnd", self.tr("Last day of the update"))
        self.set_period(self._first_period)
        self.gather = button(self.tr("&Gather the visits"), "updateGather", primary=True)
        self.gather.clicked.connect(self.gather_visits)
        bar = QWidget()
        bar.setObjectName("updatePeriodBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        for text, edit in ((self.tr("&From"), self.starts), (self.tr("&to"), self.ends)):
            words = label(text, kind="field")
            words.setBuddy(edit.box)
            row.addWidget(words)
            row.addWidget(edit)
        row.addWidget(self.gather)
        self.period_words = label(kind="hint", name="updatePeriodWords")
        row.addWidget(self.period_words, 1)
        box = self.layout()
        assert isinstance(box, QVBoxLayout)
        box.insertWidget(1, bar)
        chain = [self.back, *self.starts.tab_chain(), *self.ends.tab_chain(), self.gather, self.recompose]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _date_edit(self, name: str, accessible: str) -> TypedDateField:
        edit = TypedDateField(name, accessible, "past", today=lambda: self.today)
        edit.set_range(None, self.today)  # an update looks back over visits made
        return edit

    def _load_style(self) -> None:
        self.setStyleSheet(stylesheet("letter.qss") + "\n" + stylesheet("letter_update.qss"))

    # The period ------------------------------------------------------------------------------------------

    def set_period(self, period: Period) -> None:
        for edit, day in ((self.starts, period.starts_on), (self.ends, period.ends_on)):
            edit.blockSignals(True)
            edit.set_date(day)
            edit.blockSignals(False)

    def chosen_period(self) -> Period | None:
        """The days in the boxes, or None if either reads as no day or they come the wrong way round."""
        starts, ends = self.starts.day(), self.ends.day()
        return Period(starts, ends) if starts and ends and starts <= ends else None

    def gather_visits(self) -> None:
        """Open the update for the dates in the boxes (composing it the first time)."""
        if not (self.starts.check() and self.ends.check()):
            return  # what is wrong with a date is said under it
        period = self.chosen_period()
        if period is None:
            self._show_problem(self.tr("The first day must come before the last day."))
            return
        self.flush()
        self.update_jobs.period = period
        self.state.setText(self.tr("Gathering the visits…"))
        self.store.run(self.update_jobs.open(), self._loaded, self._open_failed)

    def load(self) -> None:
        self.state.setText(self.tr("Opening the update…"))
        self.store.run(self.update_jobs.open(), self._loaded, self._open_failed)

    def _loaded(self, session: LetterSession | UpdateSession) -> None:
        assert isinstance(session, UpdateSession)
        self.update_jobs.period = session.period
        self.set_period(session.period)
        for widget in (self.export, self.recompose, self.read_aloud):
            widget.setEnabled(True)
        super()._loaded(session)
        self.state.setProperty("kind", "hint")
        restyle(self.state)
        count = len(session.visit_ids)
        self.period_words.setText(
            self.tr("This update gathers 1 visit.")
            if count == 1
            else self.tr("This update gathers {0} visits.").format(count)
        )
        if session.newer_visits:
            self.state.setText(
                self.tr(
                    "{0} more visit(s) in this time were finished after this draft was made. "
                    "Choose \u201cStart again from the visits\u201d to gather them."
                ).format(session.newer_visits)
            )
        self.period_changed.emit()

    def _open_failed(self, exc: Exception) -> None:
        """Nothing to gather (or another problem): the old letter goes, so it is not taken for this period."""
        self.clear()
        self.editor.setReadOnly(True)
        for widget in (self.export, self.recompose, self.read_aloud):
            widget.setEnabled(False)
        self.period_words.clear()
        self._failed(exc)
        self._show_problem(self.state.text())

    def _show_problem(self, message: str) -> None:
        self.state.setText(message)
        self.state.setProperty("kind", "notice")
        restyle(self.state)
        self.period_changed.emit()
