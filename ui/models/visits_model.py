"""A child's visits, newest first (the order the core gives), each with its sync state (from the sync
controller: ``set_sync_states``; a visit with no state known reads as nothing to say)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.models.format import short_day_in_words
from visitapp.domain.models import Visit, VisitStatus, VisitType

_Index = QModelIndex | QPersistentModelIndex


class VisitsModel(QAbstractTableModel):
    WHEN, TYPE, PLACE, STATUS, SYNC = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._visits: list[Visit] = []
        self._signed_off: set[str] = set()
        self._sync: dict[str, str] = {}
        self._headers = [
            self.tr("When"),
            self.tr("Type"),
            self.tr("Where"),
            self.tr("Status"),
            self.tr("Sync"),
        ]
        self._sync_words = {
            "synced": self.tr("Sent"),
            "waiting": self.tr("To send"),
            "sending": self.tr("Sending"),
            "conflict": self.tr("Two versions"),  # the Sync panel says what to do
            "refused": self.tr("Not accepted"),
        }

    def set_visits(self, visits: list[Visit], signed_off: set[str] | None = None) -> None:
        """``signed_off``: ids of the visits signed off, shown as such rather than as merely completed."""
        self.beginResetModel()
        self._signed_off = set(signed_off or ())
        # Only what the list shows: notes stay in the store until a visit is opened.
        self._visits = [
            Visit(
                child_id=v.child_id,
                starts_at=v.starts_at,
                place=v.place,
                visit_type=v.visit_type,
                status=v.status,
                id=v.id,
            )
            for v in visits
        ]
        self.endResetModel()

    def set_sync_states(self, states: dict[str, str]) -> None:
        """States by visit id (status.record_states). Ids no longer listed are ignored."""
        self._sync = dict(states)
        if self._visits:
            self.dataChanged.emit(self.index(0, self.SYNC), self.index(len(self._visits) - 1, self.SYNC))

    def visit_ids(self) -> list[str]:
        return [v.id for v in self._visits]

    def clear(self) -> None:
        self._sync = {}
        self.set_visits([])

    def visit_id(self, row: int) -> str:
        return self._visits[row].id

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._visits)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < 5:
                return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The tooltip repeats the text, so a place cut short by a narrow column can still be read in full.
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) or not index.isValid():
            return None
        if not 0 <= index.row() < len(self._visits):
            return None
        visit = self._visits[index.row()]
        column = index.column()
        if column == self.WHEN:
            return f"{short_day_in_words(visit.starts_at.date())}, {visit.starts_at:%H:%M}"  # a narrow column
        if column == self.TYPE:
            return self.tr("Planned") if visit.visit_type is VisitType.PLANNED else self.tr("Unannounced")
        if column == self.PLACE:
            return visit.place or "—"
        if column == self.SYNC:
            return self._sync_words.get(self._sync.get(visit.id, ""), "")
        if visit.id in self._signed_off:
            return self.tr("Signed off")
        return self.tr("Completed") if visit.status is VisitStatus.COMPLETED else self.tr("Draft")
