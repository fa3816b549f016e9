"""The caseload table: one row per child, sortable and filterable through a proxy."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ui.models.format import age_in_words, day_in_words
from visitapp.domain.models import CaseloadRow

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CHILD_ID_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


def shown_name(row: CaseloadRow) -> str:
    return f"{row.full_name} ({row.known_as})" if row.known_as else row.full_name


def _age(row: CaseloadRow, today: date) -> int | None:
    dob = row.date_of_birth
    if dob is None:
        return None
    return today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))


class CaseloadModel(QAbstractTableModel):
    NAME, AGE, STATUS, LAST_VISIT = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseloadRow] = []
        self._today = date.today()
        self._headers = [self.tr("Name"), self.tr("Age"), self.tr("Legal status"), self.tr("Last visit")]

    def set_rows(self, rows: list[CaseloadRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = date.today()
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def child_id(self, row: int) -> str:
        return self._rows[row].child_id

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < 4:
                return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == CHILD_ID_ROLE:
            return row.child_id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        return None

    def _display(self, row: CaseloadRow, column: int) -> str:
        if column == self.NAME:
            return shown_name(row)
        if column == self.AGE:
            return age_in_words(_age(row, self._today))
        if column == self.STATUS:
            return self.tr(row.legal_status.label)
        if row.last_visit_at is None:
            return self.tr("No visits yet")
        return day_in_words(row.last_visit_at.date())

    def _sort_key(self, row: CaseloadRow, column: int) -> Any:
        if column == self.NAME:
            return shown_name(row).casefold()
        if column == self.AGE:
            age = _age(row, self._today)
            return -1 if age is None else age
        if column == self.STATUS:
            return row.legal_status.label
        return row.last_visit_at.isoformat() if row.last_visit_at else ""


def caseload_proxy(model: CaseloadModel, parent: QObject | None = None) -> QSortFilterProxyModel:
    """Type-to-filter on the name column (full name and known-as), sorting by real values, not text.

    Not parented to ``model``: the proxy holds the model too, and that cycle crashes PySide's garbage
    collector when both are Python-owned."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterKeyColumn(CaseloadModel.NAME)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy
