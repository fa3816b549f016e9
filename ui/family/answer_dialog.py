"""The worker answers what the family said: what they changed, or why they kept the record as it was.
A change to a signed-off record is written as an amendment, linked to the family's response."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import shiboken6
from PySide6.QtWidgets import QWidget

from ui.controllers.store_access import StoreAccess
from ui.family import jobs
from ui.family.jobs import family_message
from ui.models.format import day_in_words
from ui.views.dialog_base import FormDialog
from ui.views.visit.page import step_label
from ui.views.widgets import combo, form_layout, label, radio, raw_text, text_box
from visitapp.domain.family import VERDICT_LABELS, AnswerKind, FamilyResponse
from visitapp.domain.visit_steps import Step


class AnswerDialog(FormDialog):
    def __init__(self, response: FamilyResponse, record_day: date, signed_off: bool,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__("familyAnswerDialog", self.tr("Answer what the family said"), parent)
        self.signed_off = signed_off
        said = self.tr("About the record of {0}, {1} said: {2}").format(
            day_in_words(record_day), response.speaker, self.tr(VERDICT_LABELS[response.verdict])
        )
        if response.words.strip():
            said += f"\n“{response.words}”"
        self.said = label(said, kind="quote")
        self.said.setObjectName("familyAnswerSaid")
        self.changed = radio(self.tr("I &changed the record"), "familyAnswerChanged")
        self.kept = radio(self.tr("I &kept the record as it was"), "familyAnswerKept")
        self.answer = text_box("familyAnswerText", self.tr("What I changed, or why I kept it"), 90)
        self.part = combo("familyAnswerPart", self.tr("Which part of the record the correction is for"),
                          [(step_label(s), s.value) for s in Step if s is not Step.FINISH])  # fmt: skip
        self.correction = text_box("familyAnswerCorrection", self.tr("The corrected words"), 90)
        self.body.addWidget(self.said)
        self.body.addWidget(label(self.tr("The family's words stay as they are. Your answer is kept beside "
                                          "them, and they will see it next time."), kind="hint"))  # fmt: skip
        form = form_layout()
        form.addRow(label(self.tr("&Answer"), buddy=self.answer), self.answer)
        self.part_label = label(self.tr("&Part"), buddy=self.part)
        self.correction_label = label(self.tr("C&orrection"), buddy=self.correction)
        form.addRow(self.part_label, self.part)
        form.addRow(self.correction_label, self.correction)
        self.amend_hint = label(self.tr("The record is signed off, so your correction is added as an "
                                        "amendment beside it, with what the family said as the reason. If "
                                        "that part has an entry marked not for the family, or is one the "
                                        "family never sees (the child's words, time alone), the family "
                                        "view leaves the amendment out; your answer above they will see."),
                                kind="hint")  # fmt: skip
        self.body.addWidget(self.changed)
        self.body.addWidget(self.kept)
        self.body.addLayout(form)
        self.body.addWidget(self.amend_hint)
        self.changed.toggled.connect(self._show_amendment)
        self.kept.setChecked(True)
        self._show_amendment()
        self.setMinimumWidth(720)
        self.changed.setFocus()

    def _show_amendment(self) -> None:
        needed = self.signed_off and self.changed.isChecked()
        for widget in (self.part, self.part_label, self.correction, self.correction_label, self.amend_hint):
            widget.setVisible(needed)

    def read(self) -> tuple[AnswerKind, str, tuple[str, str] | None]:
        kind = AnswerKind.CHANGED if self.changed.isChecked() else AnswerKind.KEPT
        amendment = None
        if self.signed_off and kind is AnswerKind.CHANGED:
            amendment = (self.part.currentData(), raw_text(self.correction))
        return kind, raw_text(self.answer), amendment


def answer_response(store: StoreAccess, parent: QWidget, response_id: str,
                    then: Callable[[FamilyResponse], None]) -> None:  # fmt: skip
    """Read the response, ask for the answer, save it; ``then`` gets the answered response."""

    def ask(found: tuple[FamilyResponse, date, bool]) -> None:
        if not shiboken6.isValid(parent):
            return
        response, day, signed_off = found
        dialog = AnswerDialog(response, day, signed_off, parent.window())

        def save() -> None:
            kind, text, amendment = dialog.read()
            dialog.setEnabled(False)

            def saved(answered: FamilyResponse) -> None:
                if shiboken6.isValid(dialog):
                    dialog.accept()
                then(answered)

            def refused(exc: Exception) -> None:
                if shiboken6.isValid(dialog):
                    dialog.show_error(family_message(exc))

            store.run(jobs.answer(response_id, kind, text, amendment), saved, refused)

        dialog.save_requested.connect(save)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    store.run(jobs.to_answer(response_id), ask)
