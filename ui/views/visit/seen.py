"""What I saw: how the child looked and seemed, how they and the adults were together, the home."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget

from ui.views.visit.entries import EntryColumn
from ui.views.visit.page import StepPage
from ui.views.widgets import label
from visitapp.domain.visit_record import OBSERVATION_LABELS, Observation, ObservationArea
from visitapp.domain.visit_steps import Step


def area_label(area: ObservationArea) -> str:
    return QCoreApplication.translate("Seen", OBSERVATION_LABELS[area])


class WhatISawPage(StepPage):
    add = Signal(str, str)
    remove = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            Step.WHAT_I_SAW,
            self.tr(
                "Write what you saw and heard, as facts: what the child did, not what you think it means."
            ),
            parent,
        )
        self.essential = label(kind="notice")
        self.essential.setObjectName("visitSeenEssential")
        self.essential.hide()
        self.missing = label(kind="hint")
        self.missing.setObjectName("visitSeenMissing")
        self.missing.setProperty("entry", True)
        self.column = EntryColumn(
            "visitSeen",
            self.tr("What I saw"),
            [(a.value, area_label(a)) for a in ObservationArea],
            part="observations",
        )
        self.body.addWidget(self.essential)
        self.body.addWidget(self.column)
        self.body.addWidget(self.missing)
        self.column.add.connect(self.add)
        self.column.remove.connect(self.remove)

    def show_observations(
        self, items: list[Observation], essential: bool, hidden: set[str] | None = None
    ) -> None:
        self.essential.setText(
            self.tr(
                "Essential for this child: they are very young or do not use spoken words, so what you "
                "saw is how their voice is heard. Write about each of the three parts below."
            )
        )
        self.essential.setVisible(essential)
        self.column.show_entries([(o.id, f"{area_label(o.area)}: {o.text}") for o in items], hidden)
        written = {o.area for o in items}
        main = [ObservationArea.PRESENTATION, ObservationArea.INTERACTION, ObservationArea.HOME_CONDITIONS]
        left = [area_label(a) for a in main if a not in written]
        self.missing.setText(self.tr("Not written about yet: {0}.").format("; ".join(left)) if left else "")

    def clear(self) -> None:
        self.column.show_entries([])
        self.missing.clear()
