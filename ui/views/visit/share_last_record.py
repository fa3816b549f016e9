"""Share the last record: open it for the family, full screen, and tick that it was shared. The family
view itself is in ui/family/; this page only offers it (and the PIN that closes it)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ui.models.format import weekday_day_in_words
from ui.views.visit.page import StepPage
from ui.views.widgets import button, check_box, label, row
from visitapp.domain.visit_steps import Step


class ShareLastRecordPage(StepPage):
    shared_changed = Signal(bool)
    show_family = Signal()
    choose_pin = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            Step.SHARE_LAST_RECORD,
            self.tr(
                "Read or show the family what you wrote last time, and listen to what they say about it."
            ),
            parent,
        )
        self.first = label(self.tr("This is the first visit, so there is no earlier record to share."))
        self.first.setObjectName("visitNoLastRecord")
        self.which = label("")  # which visit's record the family will see
        self.which.setObjectName("visitLastRecordWhich")
        self.show_button = button(self.tr("S&how the family the last record"), "visitShowFamily",
                                  primary=True)  # fmt: skip
        self.pin_button = button(self.tr("Choose a &PIN for closing it"), "visitFamilyPin")
        self.about = label(self.tr(
            "It opens full screen with large writing, and shows only that record: the letter, what you "
            "wrote, and the pictures the child said the family may see. Parts you marked \u201cnot for the "
            "family\u201d are left out. The family can say if something is wrong or missing. To close it, "
            "you type your PIN or your passphrase."
        ), kind="hint")  # fmt: skip
        self.about.setObjectName("visitShowFamilyHint")
        self.pin_saved = label(
            self.tr("PIN saved. The family screen now closes with it, or with your passphrase."), kind="good"
        )
        self.pin_saved.setObjectName("visitFamilyPinSaved")
        self.pin_saved.hide()
        self.shared = check_box(self.tr("I &shared the last record with the family"), "visitSharedLastRecord")
        self.body.addWidget(self.first)
        self.body.addWidget(self.which)
        self.body.addWidget(self.about)
        self.body.addLayout(row(self.show_button, self.pin_button))
        self.body.addWidget(self.pin_saved)
        self.body.addWidget(self.shared)
        self.shared.toggled.connect(self.shared_changed)
        self.show_button.clicked.connect(self.show_family)
        self.pin_button.clicked.connect(self.choose_pin)
        self._can_show = False  # only where the family view is wired in
        self._has_last = True

    def allow_showing(self, can_show: bool) -> None:
        self._can_show = can_show
        self._show_parts()

    def show_shared(self, shared: bool, has_earlier_visit: bool, record_on: datetime | None) -> None:
        """``record_on``: when the visit whose record the family is shown took place; None when no earlier
        visit is completed (a draft is never shown to the family)."""
        self.shared.blockSignals(True)
        self.shared.setChecked(shared)
        self.shared.blockSignals(False)
        self.first.setVisible(not has_earlier_visit)
        self.shared.setVisible(has_earlier_visit)
        if record_on is not None:
            self.which.setText(
                self.tr("The family will see the record of the visit on {0}.").format(
                    weekday_day_in_words(record_on.date())
                )
            )
        else:
            self.which.setText(
                self.tr(
                    "No visit before this one is completed yet, so there is no record to show the family. "
                    "Complete the last visit first, or tell the family what you remember of it."
                )
            )
        self.which.setVisible(has_earlier_visit)
        self._has_last = record_on is not None
        self._show_parts()

    def show_pin_saved(self, saved: bool) -> None:
        self.pin_saved.setVisible(saved and self.pin_button.isVisible())

    def _show_parts(self) -> None:
        for widget in (self.show_button, self.pin_button, self.about):
            widget.setVisible(self._has_last and self._can_show)

    def clear(self) -> None:
        self.show_shared(False, True, None)
        self.pin_saved.hide()
        self.which.setText("")
