"""Finish: what is still missing, in plain words; completing (with the time, and whether it was written
within one working day); signing off; and, after sign-off, amendments kept beside the original."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ui.models.format import moment_in_words
from ui.views.visit.page import StepPage, entry_form, step_label
from ui.views.visit.words import fill_list
from ui.views.widgets import button, entry_list, label, row
from visitapp.domain.visit_record import Amendment
from visitapp.domain.visit_steps import NEEDED_TO_FINISH, Step, StepState


class FinishPage(StepPage):
    complete = Signal()
    sign_off = Signal()
    amend = Signal()
    write_letter = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            Step.FINISH,
            self.tr("Check what is missing, then mark the visit completed. Sign it off when you are sure: "
                    "after that, changes are added as amendments beside what you wrote."),
            parent,
        )  # fmt: skip
        self.missing = label()
        self.missing.setObjectName("visitFinishMissing")
        self.suggested = label(kind="hint")
        self.suggested.setObjectName("visitFinishSuggested")
        self.complete_button = button(self.tr("&Mark the visit completed"), "visitComplete", primary=True)
        self.stamp = label()
        self.stamp.setObjectName("visitCompletedStamp")
        self.sign_button = button(self.tr("Si&gn off this visit…"), "visitSignOff", primary=True)
        self.signed = label(kind="good")
        self.signed.setObjectName("visitSignedOff")
        self.letter_button = button(self.tr("Write the &letter to the child"), "visitWriteLetter")
        self.letter_button.hide()  # shown only once the letter screen is wired in (VisitHooks.open_letter)
        self.amend_button = button(self.tr("Add an &amendment…"), "visitAmend", primary=True)
        self.amendments_title = label(self.tr("Amendments"), kind="subheading")
        self.amendments = entry_list("visitAmendments", self.tr("Amendments to this visit"))
        needed = label(self.tr("Still needed before you can finish"), kind="subheading")
        self.body.addWidget(entry_form(needed, self.missing, self.suggested))
        self.body.addLayout(
            row(self.complete_button, self.sign_button, self.amend_button, self.letter_button)
        )
        self.body.addWidget(self.stamp)
        self.body.addWidget(self.signed)
        self.body.addWidget(self.amendments_title)
        self.body.addWidget(self.amendments)
        self.complete_button.clicked.connect(self.complete)
        self.sign_button.clicked.connect(self.sign_off)
        self.amend_button.clicked.connect(self.amend)
        self.letter_button.clicked.connect(self.write_letter)

    def show_state(self, problems: list[str], states: dict[Step, StepState], completed_at: datetime | None,
                   within_one_day: bool | None, signed_off_at: datetime | None) -> None:  # fmt: skip
        if problems:
            self.missing.setText("\n".join(f"• {p}" for p in problems))
            self.missing.setProperty("kind", "attention")
        else:
            self.missing.setText(self.tr("Nothing is missing."))
            self.missing.setProperty("kind", "good")
        self.missing.style().polish(self.missing)
        to_do = (StepState.NOT_YET, StepState.NEEDS_ATTENTION)
        # Steps Finish insists on are in the list above, not here: "not required" would contradict it.
        optional = [step_label(s) for s, state in states.items()
                    if state in to_do and s is not Step.FINISH and s not in NEEDED_TO_FINISH]  # fmt: skip
        self.suggested.setText(
            self.tr("Not filled in yet (good to do, not required): {0}.").format("; ".join(optional))
            if optional and completed_at is None
            else ""
        )
        self.suggested.setVisible(bool(self.suggested.text()))
        completed = completed_at is not None
        self.complete_button.setVisible(not completed)
        self.sign_button.setVisible(completed and signed_off_at is None)
        self.amend_button.setVisible(signed_off_at is not None)
        if completed_at is not None:
            timely = (
                self.tr("Written within one working day of the visit.")
                if within_one_day
                else self.tr("Written more than one working day after the visit.")
            )
            self.stamp.setText(self.tr("Completed on {0}. {1}").format(moment_in_words(completed_at), timely))
        else:
            self.stamp.setText(self.tr("Not completed yet."))
        self.signed.setText(
            self.tr("Signed off on {0}. The record is locked.").format(moment_in_words(signed_off_at))
            if signed_off_at else ""
        )  # fmt: skip
        self.signed.setVisible(signed_off_at is not None)

    def show_amendments(self, amendments: list[Amendment]) -> None:
        super().show_amendments(amendments)
        items = []
        for a in amendments:
            part = step_label(Step(a.part)) if a.part in {s.value for s in Step} else a.part
            items.append((a.id, self.tr("{0}, amended on {1}\nWhy: {2}\n{3}").format(
                part, moment_in_words(a.at), a.reason, a.text)))  # fmt: skip
        fill_list(self.amendments, items)
        self.amendments.setVisible(bool(amendments))
        self.amendments_title.setVisible(bool(amendments))

    def clear(self) -> None:
        for widget in (self.missing, self.suggested, self.stamp, self.signed):
            widget.clear()
        self.amendments.clear()
