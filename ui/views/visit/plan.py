"""What happens next: actions (who, what, by when) and the date of the next visit."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ui.models.format import day_in_words
from ui.views.typed_date import TypedDateField, years_around
from ui.views.visit.page import StepPage, edits, entry_form
from ui.views.visit.sharing import SharingToggle
from ui.views.visit.words import current_id, fill_list
from ui.views.widgets import (
    button,
    check_box,
    combo,
    entry_list,
    form_layout,
    label,
    line_edit,
    needs_choice,
    raw_text,
    row,
    text_box,
)
from visitapp.domain.models import Person
from visitapp.domain.visit_record import Action, NextVisit
from visitapp.domain.visit_steps import Step


class ActionsPage(StepPage):
    add = Signal(str, str, object)  # who, what, due date or None
    remove = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Step.ACTIONS, self.tr("Who will do what, and by when."), parent)
        self.list = entry_list("visitActions", self.tr("Actions agreed at this visit"))
        self.sharing = SharingToggle("actions", self.list, "visitActionNotShared", self.tr("Actions"))
        self.who = combo("visitActionWho", self.tr("Who will do it"))
        self.who.setEditable(True)
        self.what = line_edit("visitActionWhat", self.tr("What they will do"))
        self.due = TypedDateField("visitActionDue", self.tr("By when"), "future")
        self.due.set_range(*years_around(date.today(), back=1, ahead=5))
        self.no_date = check_box(self.tr("No date &yet"), "visitActionNoDate")
        self.add_button = edits(button(self.tr("&Add this action"), "visitActionAdd"))
        self.remove_button = edits(
            button(self.tr("Remove action"), "visitActionRemove", self.tr("Remove this action"))
        )
        form = form_layout()
        form.addRow(label(self.tr("W&ho"), buddy=self.who), self.who)
        form.addRow(label(self.tr("Wh&at"), buddy=self.what), self.what)
        self.due.add_beside(self.no_date)
        self.due.in_form(form, self.tr("By &when"))
        self.body.addWidget(self.list)
        self.body.addLayout(row(self.sharing.button))
        self.body.addWidget(entry_form(form, row(self.add_button, self.remove_button)))
        self.no_date.toggled.connect(lambda on: self.due.set_date_enabled(not on))
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        needs_choice(self.list, self.remove_button)

    def suggest_due(self, day: date) -> None:
        self.due.set_date(day)

    def show_people(self, people: list[Person], child_name: str) -> None:
        """Names as the letter will find them: "Me", the child, or a person's name as recorded."""
        typed = self.who.currentText()
        self.who.clear()
        self.who.addItem(self.tr("Me"))
        if child_name:
            self.who.addItem(child_name)
        for person in people:
            self.who.addItem(person.name)
        self.who.setCurrentText(typed or self.tr("Me"))

    def show_actions(self, actions: list[Action], hidden: set[str] | None = None) -> None:
        items = []
        for a in actions:
            when = self.tr("by {0}").format(day_in_words(a.due_on)) if a.due_on else self.tr("no date yet")
            items.append((a.id, f"{a.what}\n{a.who}, {when}"))
        fill_list(self.list, items)
        self.sharing.mark(hidden or set())

    def _add(self) -> None:
        if not (self.no_date.isChecked() or self.due.check()):
            return  # what is wrong with the date is said under it
        due = None if self.no_date.isChecked() else self.due.day()
        self.add.emit(self.who.currentText(), self.what.text(), due)

    def added(self) -> None:
        self.what.setText("")

    def _remove(self) -> None:
        action_id = current_id(self.list)
        if action_id:
            self.remove.emit(action_id)

    def clear(self) -> None:
        self.list.clear()
        self.what.setText("")
        self.who.clear()
        self.due.set_date(date.today())


class NextVisitPage(StepPage):
    save = Signal(object, str)  # date, reason for a later date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            Step.NEXT_VISIT, self.tr("When you will come again. An earlier date is always fine."), parent
        )
        self.due = label(kind="subheading")
        self.due.setObjectName("visitNextDue")
        self.basis = label(kind="hint")
        self.basis.setObjectName("visitNextBasis")
        self.date = TypedDateField("visitNextDate", self.tr("Date of the next visit"), "future")
        self.date.set_range(*years_around(date.today(), back=1, ahead=2))
        self.use_due = edits(button(self.tr("Use the &due date"), "visitNextUseDue"))
        self.later = label(kind="attention")
        self.later.setObjectName("visitNextLater")
        self.reason = text_box("visitNextReason", self.tr("Why the next visit is later than it is due"), 80)
        self.reason_label = label(self.tr("&Why later"), buddy=self.reason)
        self.save_button = edits(button(self.tr("&Save the next visit"), "visitNextSave", primary=True))
        self.saved = label(kind="good")
        self.saved.setObjectName("visitNextSaved")
        self.saved.setWordWrap(False)
        form = form_layout()
        self.date.add_beside(self.use_due)
        self.date.in_form(form, self.tr("Next &visit"))
        form.addRow(self.reason_label, self.reason)
        self.form = form
        self.body.addWidget(self.due)
        self.body.addWidget(self.basis)
        self.body.addLayout(form)
        self.body.addWidget(self.later)
        self.body.addLayout(row(self.save_button, self.saved))
        self._due: date | None = None
        self._planned: date | None = None  # the next visit as saved
        self.date.date_changed.connect(self._shape)
        self.use_due.clicked.connect(self._use_due)
        self.save_button.clicked.connect(self._save)

    def chosen(self) -> date | None:
        return self.date.day()

    def _save(self) -> None:
        chosen = self.chosen()
        if self.date.check() and chosen is not None:  # else what is wrong is said under the date
            self.save.emit(chosen, raw_text(self.reason))

    def show_next(self, due: date | None, basis: str, planned: NextVisit, fill: bool) -> None:
        self._due = due
        if due is not None:
            self.due.setText(self.tr("Due by {0}").format(day_in_words(due)))
            self.basis.setText(self.tr("Why that date: {0}.").format(basis))
        if fill:
            self.date.blockSignals(True)
            self.date.set_date(planned.planned_on or due or date.today())
            self.date.blockSignals(False)
            self.reason.setPlainText(planned.later_reason)
        self._planned = planned.planned_on
        self._shape()

    def _show_saved(self, chosen: date | None) -> None:
        """Beside Save: what is saved, and whether the date in the box is it."""
        planned = self._planned
        if planned is not None and chosen == planned:
            text, kind = self.tr("Saved: {0}.").format(day_in_words(planned)), "good"
        elif planned is not None:
            text, kind = (
                self.tr("Saved: {0}. The date above is not saved yet.").format(day_in_words(planned)),
                "attention",
            )
        elif chosen is not None and chosen == self._due:
            text, kind = self.tr("Not saved yet: the date above is only a suggestion."), "attention"
        else:
            text, kind = self.tr("Not saved yet."), "attention"
        self.saved.setText(text)
        self.saved.setProperty("kind", kind)
        self.saved.style().polish(self.saved)

    def _use_due(self) -> None:
        if self._due is not None:
            self.date.set_date(self._due)

    def _shape(self) -> None:
        chosen = self.chosen()
        self._show_saved(chosen)
        later = self._due is not None and chosen is not None and chosen > self._due
        self.form.setRowVisible(self.reason, later)
        if later and self._due is not None:
            self.later.setText(
                self.tr("This is later than the visit is due ({0}). Say why before saving.").format(
                    day_in_words(self._due)
                )
            )
        self.later.setVisible(later)

    def clear(self) -> None:
        self.reason.clear()
        self.due.clear()
        self.basis.clear()
        self.saved.clear()
        self._planned = None
