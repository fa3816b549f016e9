"""Add or change a child's details."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.views.dialog_base import FormDialog
from ui.views.memorable_date import MemorableDateField
from ui.views.widgets import check_box, combo, form_layout, label, line_edit, named
from visitapp.domain.models import Child, CommunicationNeed, LegalStatus


@lru_cache(maxsize=1)
def visiting_rules() -> tuple[dict[str, str], dict[LegalStatus, str]]:
    """The rules' labels by key, and the usual rule for each legal status (read once, on first use)."""
    from visitapp.practice.timescales import DEFAULT_RULE_FOR_STATUS, load_rules

    return {key: rule.label for key, rule in load_rules().items()}, dict(DEFAULT_RULE_FOR_STATUS)


class ChildDialog(FormDialog):
    def __init__(self, child: Child, adding: bool, parent: QWidget | None = None) -> None:
        title = self.tr("Add a child") if adding else self.tr("Change the child's details")
        super().__init__("childDialog", title, parent)
        self._child = child
        self.full_name = line_edit("childFullName", self.tr("Full name"))
        self.known_as = line_edit("childKnownAs", self.tr("Name they like to be called"))
        self.birthday_unknown = check_box(self.tr("Date of birth not &known"), "childBirthdayUnknown")
        self.birthday = MemorableDateField("childBirthday", self.tr("Date of birth"))
        self.pronouns = named(QComboBox(), "childPronouns", self.tr("Pronouns"))
        self.pronouns.setEditable(True)
        self.pronouns.addItems(["", "she/her", "he/him", "they/them"])
        self.status = named(QComboBox(), "childLegalStatus", self.tr("Legal status"))
        for status in LegalStatus:
            self.status.addItem(self.tr(status.label), status.value)
        self.language = line_edit("childFirstLanguage", self.tr("First language"))
        labels, self._usual = visiting_rules()
        self.rule = combo("childVisitingRule", self.tr("Visiting rule"),
                          [(self.tr(text), key) for key, text in labels.items()])  # fmt: skip
        self.rule.setToolTip(self.tr("How often the child must be visited. It follows the legal status "
                                     "unless you choose another."))  # fmt: skip
        self._rule_chosen = False  # once the worker picks a rule, a change of status no longer moves it
        self.plan_start_unknown = check_box(self.tr("No start &date yet"), "childPlanStartUnknown")
        self.plan_start = MemorableDateField("childPlanStart", self.tr("When the plan or placement started"))
        self.needs = {
            need: check_box(self.tr(need.label), f"childNeed_{need.value}") for need in CommunicationNeed
        }
        self.needs_notes = named(
            QPlainTextEdit(), "childCommunicationNotes", self.tr("Notes on communication")
        )
        self.needs_notes.setTabChangesFocus(True)
        self.needs_notes.setFixedHeight(80)
        self._layout()
        self._fill(child)
        self.birthday_unknown.toggled.connect(lambda unknown: self.birthday.setEnabled(not unknown))
        self.plan_start_unknown.toggled.connect(lambda unknown: self.plan_start.setEnabled(not unknown))
        self.status.currentIndexChanged.connect(self._follow_status)
        self.rule.activated.connect(self._rule_picked)
        self.full_name.setFocus()  # typing starts in the first field, not on a button

    def _layout(self) -> None:
        # Two columns, so the whole form fits a 768-pixel-high screen without scrolling.
        form = form_layout()
        form.addRow(label(self.tr("&Full name"), buddy=self.full_name), self.full_name)
        form.addRow(label(self.tr("Likes to be &called"), buddy=self.known_as), self.known_as)
        form.addRow(label(self.tr("&Date of birth"), buddy=self.birthday.day), self.birthday)
        form.addRow("", self.birthday_unknown)
        form.addRow(label(self.tr("&Pronouns"), buddy=self.pronouns), self.pronouns)
        form.addRow(label(self.tr("&Legal status"), buddy=self.status), self.status)
        form.addRow(label(self.tr("First lan&guage"), buddy=self.language), self.language)
        form.addRow(label(self.tr("&Visiting rule"), buddy=self.rule), self.rule)
        form.addRow(label(self.tr("Plan or placement &start"), buddy=self.plan_start.day), self.plan_start)
        form.addRow("", self.plan_start_unknown)
        needs = QVBoxLayout()
        needs.addWidget(label(self.tr("How they communicate"), kind="subheading"))
        grid = QGridLayout()
        for index, box in enumerate(self.needs.values()):
            grid.addWidget(box, index // 2, index % 2)
        needs.addLayout(grid)
        needs.addWidget(label(self.tr("Notes on communicati&on"), buddy=self.needs_notes))
        needs.addWidget(self.needs_notes)
        needs.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(form, 1)
        columns.addSpacing(24)
        columns.addLayout(needs, 1)
        self.body.addLayout(columns)

    def _fill(self, child: Child) -> None:
        self.full_name.setText(child.full_name)
        self.known_as.setText(child.known_as)
        self.birthday_unknown.setChecked(child.date_of_birth is None and bool(child.full_name))
        self.birthday.setEnabled(not self.birthday_unknown.isChecked())
        self.birthday.set_date(child.date_of_birth)
        self.pronouns.setCurrentText(child.pronouns)
        self.status.setCurrentIndex(self.status.findData(child.legal_status.value))
        self.language.setText(child.first_language)
        self._rule_chosen = bool(child.visiting_rule)
        self._show_rule(child.visiting_rule or self._usual[child.legal_status])
        self.plan_start_unknown.setChecked(child.plan_start is None)
        self.plan_start.setEnabled(child.plan_start is not None)
        self.plan_start.set_date(child.plan_start)
        for need, box in self.needs.items():
            box.setChecked(need in child.communication_needs)
        self.needs_notes.setPlainText(child.communication_notes)

    def _show_rule(self, key: str) -> None:
        self.rule.setCurrentIndex(max(0, self.rule.findData(key)))

    def _follow_status(self) -> None:
        if not self._rule_chosen:
            self._show_rule(self._usual[LegalStatus(self.status.currentData())])

    def _rule_picked(self) -> None:
        self._rule_chosen = True

    def problem(self) -> str | None:
        """A name or date left empty, or a date that does not exist; a date in the future is the store's to
        refuse."""
        if not self.full_name.text().strip():
            self.full_name.setFocus()
            return self.tr("Please give the child's full name.")
        if not (self.birthday_unknown.isChecked() or self.birthday.date() is not None):
            if self.birthday.is_blank():
                return self.tr("Give the date of birth, or tick “Date of birth not known”.")
            return self.tr("That date of birth is not a real date. Give the day, month and year: 14 3 2016.")
        if not (self.plan_start_unknown.isChecked() or self.plan_start.date() is not None):
            if self.plan_start.is_blank():
                return self.tr("Give the date the plan or placement started, or tick “No start date yet”.")
            return self.tr("That start date is not a real date. Give the day, month and year: 1 9 2026.")
        return None

    def read_child(self) -> Child:
        birthday = None if self.birthday_unknown.isChecked() else self.birthday.date()
        status = LegalStatus(self.status.currentData())
        rule = self.rule.currentData()
        return replace(
            self._child,
            full_name=self.full_name.text().strip(),
            known_as=self.known_as.text().strip(),
            date_of_birth=birthday,
            pronouns=self.pronouns.currentText().strip(),
            legal_status=status,
            first_language=self.language.text().strip(),
            communication_needs=[need for need, box in self.needs.items() if box.isChecked()],
            communication_notes=self.needs_notes.toPlainText().strip(),
            # The usual rule for the status is stored as "", so it follows a later change of status.
            visiting_rule="" if rule == self._usual[status] else rule,
            plan_start=None if self.plan_start_unknown.isChecked() else self.plan_start.date(),
        )
