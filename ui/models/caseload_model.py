"""The caseload table: one row per child, sortable and filterable through a proxy."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from ui.models.format import age_in_words, day_in_words, short_day_in_words
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
    NAME, AGE, STATUS, LAST_VISIT, NEXT_DUE, DAYS_LEFT, ALONE, FAMILY, SYNC = range(9)
    COLUMNS = 9

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseloadRow] = []
        self._shown: list[list[str]] = []
        self._keys: list[list[Any]] = []
        self._marked: list[frozenset[int]] = []  # the columns shown in red and bold, row by row
        self._sync: dict[str, tuple[int, int]] = {}  # child id: (records to send, records to check)
        self._today = date.today()
        self._headers = [self.tr("Name"), self.tr("Age"), self.tr("Legal status"), self.tr("Last visit"),
                         self.tr("Next visit due"), self.tr("Days left"), self.tr("Time alone"),
                         self.tr("Family said"), self.tr("Sync")]  # fmt: skip
        self.overdue_colour = QColor("#a4161a")  # the view passes the stylesheet's colour in
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: list[CaseloadRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = date.today()
        # Worked out once per load: the view asks for every cell several times per paint, and sorting asks
        # for sort keys many times more; in Python each answer made afresh costs.
        self._shown = [[self._display(row, c) for c in range(self.COLUMNS)] for row in self._rows]
        self._keys = [[self._sort_key(row, c) for c in range(self.COLUMNS)] for row in self._rows]
        self._marked = [self._marked_columns(row) for row in self._rows]
        self.endResetModel()

    def sync_counts(self) -> dict[str, tuple[int, int]]:
        return dict(self._sync)

    def set_sync_counts(self, counts: dict[str, tuple[int, int]]) -> None:
        """Per child, ``(records waiting to be sent, records that need the worker)`` (from
        ``status.child_waiting_counts``); a child not named has nothing waiting."""
        self._sync = dict(counts)
        for r, row in enumerate(self._rows):
            self._shown[r][self.SYNC] = self._display(row, self.SYNC)
            self._keys[r][self.SYNC] = self._sort_key(row, self.SYNC)
            self._marked[r] = self._marked_columns(row)
        if self._rows:
            self.dataChanged.emit(self.index(0, self.SYNC), self.index(len(self._rows) - 1, self.SYNC))

    def clear(self) -> None:
        self._sync = {}
        self.set_rows([])

    def column_texts(self, column: int) -> list[str]:
        """What ``column`` shows, row by row."""
        return [shown[column] for shown in self._shown]

    def child_id(self, row: int) -> str:
        return self._rows[row].child_id

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < self.COLUMNS:
                return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown[r][column]
        if role == SORT_ROLE:
            return self._keys[r][column]
        if role == CHILD_ID_ROLE:
            return self._rows[r].child_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(self._rows[r], column)
        if column in self._marked[r]:
            if role == Qt.ItemDataRole.ForegroundRole:
                return self.overdue_colour
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
        return None

    def _marked_columns(self, row: CaseloadRow) -> frozenset[int]:
        """Overdue, not seen alone for weeks, the family waiting for an answer."""
        marked = set()
        if row.days_until_due is not None and row.days_until_due < 0:
            marked.add(self.DAYS_LEFT)
        if row.weeks_not_seen_alone:
            marked.add(self.ALONE)
        if row.unanswered_responses:
            marked.add(self.FAMILY)
        if self._sync.get(row.child_id, (0, 0))[1]:
            marked.add(self.SYNC)
        return frozenset(marked)

    def _display(self, row: CaseloadRow, column: int) -> str:
        if column == self.NAME:
            return shown_name(row)
        if column == self.AGE:
            return age_in_words(_age(row, self._today))
        if column == self.STATUS:
            return self.tr(row.legal_status.label)
        if column == self.NEXT_DUE:
            return short_day_in_words(row.next_visit_due) if row.next_visit_due else ""
        if column == self.DAYS_LEFT:
            return days_in_words(row.days_until_due)
        if column == self.ALONE:
            return alone_in_words(row.weeks_not_seen_alone)
        if column == self.FAMILY:
            return family_in_words(row.unanswered_responses)
        if column == self.SYNC:
            return sync_in_words(*self._sync.get(row.child_id, (0, 0)))
        if row.last_visit_at is None:
            return self.tr("No visits yet")
        return short_day_in_words(row.last_visit_at.date())

    def _tooltip(self, row: CaseloadRow, column: int) -> str | None:
        if column == self.NAME:
            return shown_name(row)  # the whole name where a narrow window cuts it short
        if column in (self.NEXT_DUE, self.DAYS_LEFT) and row.next_visit_due and row.due_basis:
            return self.tr("Due by {0}: {1}").format(day_in_words(row.next_visit_due), row.due_basis)
        if column == self.LAST_VISIT and row.last_visit_at:
            return day_in_words(row.last_visit_at.date())
        if column == self.FAMILY and row.unanswered_responses:
            return self.tr("The family said something about a record. Open the child's page to answer.")
        if column == self.SYNC:
            waiting, to_check = self._sync.get(row.child_id, (0, 0))
            if to_check:
                return self.tr("The server could not take some of this child's records as they are. "
                               "Open Sync, at the top, to see what to do.")  # fmt: skip
            if waiting:
                return self.tr("Kept safe on this laptop, and sent to the office at the next sync.")
        return None

    def _sort_key(self, row: CaseloadRow, column: int) -> Any:
        if column == self.NAME:
            return shown_name(row).casefold()
        if column == self.AGE:
            age = _age(row, self._today)
            return -1 if age is None else age
        if column == self.STATUS:
            return row.legal_status.label
        if column in (self.NEXT_DUE, self.DAYS_LEFT):  # the most urgent first; no date last
            return row.days_until_due if row.days_until_due is not None else 10**6
        if column == self.ALONE:
            return row.weeks_not_seen_alone or 0
        if column == self.FAMILY:
            return row.unanswered_responses
        if column == self.SYNC:  # what needs the worker first, then the most to send
            waiting, to_check = self._sync.get(row.child_id, (0, 0))
            return to_check * 1_000_000 + waiting
        return row.last_visit_at.isoformat() if row.last_visit_at else ""


def days_in_words(days: int | None) -> str:
    """Days until the next visit is due, in words: never a bare negative number."""
    tr = QCoreApplication.translate
    if days is None:
        return ""
    if days < 0:
        n = -days
        return tr("Caseload", "1 day overdue") if n == 1 else tr("Caseload", "{0} days overdue").format(n)
    if days == 0:
        return tr("Caseload", "Due today")
    return tr("Caseload", "1 day left") if days == 1 else tr("Caseload", "{0} days left").format(days)


def family_in_words(unanswered: int) -> str:
    """What the family said that the worker has not answered yet."""
    if not unanswered:
        return ""
    if unanswered == 1:
        return QCoreApplication.translate("Caseload", "1 to answer")
    return QCoreApplication.translate("Caseload", "{0} to answer").format(unanswered)


def sync_in_words(waiting: int, to_check: int) -> str:
    """A child's records that have not reached the office yet; nothing when all have."""
    if to_check:
        return QCoreApplication.translate("Caseload", "{0} to check").format(to_check)
    if waiting:
        return QCoreApplication.translate("Caseload", "{0} to send").format(waiting)
    return ""


def alone_in_words(weeks: int | None) -> str:
    if weeks is None:
        return ""
    if weeks == 1:
        return QCoreApplication.translate("Caseload", "Not seen alone for 1 week")
    return QCoreApplication.translate("Caseload", "Not seen alone for {0} weeks").format(weeks)


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
