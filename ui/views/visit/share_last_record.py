"""Share the last record: a small page of its own, because the family-view work will replace it with the
real thing (the last record shown to the family, and their comments kept beside it)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ui.views.visit.page import StepPage
from ui.views.widgets import check_box, label
from visitapp.domain.visit_steps import Step


class ShareLastRecordPage(StepPage):
    shared_changed = Signal(bool)

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
        self.shared = check_box(self.tr("I &shared the last record with the family"), "visitSharedLastRecord")
        self.body.addWidget(self.first)
        self.body.addWidget(self.shared)
        self.shared.toggled.connect(self.shared_changed)

    def show_shared(self, shared: bool, has_last_record: bool) -> None:
        self.shared.blockSignals(True)
        self.shared.setChecked(shared)
        self.shared.blockSignals(False)
        self.first.setVisible(not has_last_record)
        self.shared.setVisible(has_last_record)

    def clear(self) -> None:
        self.show_shared(False, True)
