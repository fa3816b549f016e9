"""The findings list: one row per place in the letter that needs the worker's eye."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from visitapp.writing.findings import KIND_LABELS, Finding
from visitapp.writing.suggest import replacement

FindingRole = Qt.ItemDataRole.UserRole + 1
ReplacementRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class FindingsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Finding, str | None]] = []

    def set_findings(self, findings: tuple[Finding, ...], text: str = "") -> None:
        self.beginResetModel()
        self._rows = [(finding, replacement(finding, text)) for finding in findings]
        self.endResetModel()

    def finding(self, row: int) -> Finding | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's name and default)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        finding, plain = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            label = QCoreApplication.translate("Letter", KIND_LABELS.get(finding.kind, finding.kind))
            words = finding.text if len(finding.text) <= 40 else finding.text[:38] + "\u2026"
            return f"{label}: \u201c{words}\u201d"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return finding.message
        if role == FindingRole:
            return finding
        if role == ReplacementRole:
            return plain
        return None
