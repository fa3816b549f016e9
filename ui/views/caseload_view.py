"""The caseload: every child the worker visits, with a box that filters as they type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QVBoxLayout, QWidget

from ui.models.caseload_model import CHILD_ID_ROLE, CaseloadModel
from ui.views.keyboard_widgets import RowTable
from ui.views.widgets import button, label, line_edit, restyle, table, wipe

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

CELL_ROOM = 26  # beyond a column's words: the cell's padding (8 px a side), the grid line, the sort arrow
WRAPPABLE = (CaseloadModel.ALONE, CaseloadModel.SYNC)  # may take two lines to leave names room, in this order


class CaseloadTable(RowTable):
    """The caseload table. Its overdue colour comes from the stylesheet (qproperty-overdueColor)."""

    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._overdue = QColor("#a4161a")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.resized.emit()

    def _get_overdue(self) -> QColor:
        return self._overdue

    def _set_overdue(self, colour: QColor) -> None:
        self._overdue = QColor(colour)
        model = self.model()
        source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
        if isinstance(source, CaseloadModel):
            source.overdue_colour = self._overdue

    overdueColor = Property(QColor, _get_overdue, _set_overdue)  # noqa: N815 (a Qt property name)


class CaseloadView(QWidget):
    open_child = Signal(str)
    add_child = Signal()

    def __init__(self, model: CaseloadModel, proxy: QSortFilterProxyModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("caseloadPage")
        self.proxy = proxy
        self.filter = line_edit("caseloadFilter", self.tr("Find a child by name"))
        self.filter.setPlaceholderText(self.tr("Type part of a name"))
        self.filter.setClearButtonEnabled(True)
        self.add = button(self.tr("&Add a child"), "caseloadAddChild")
        self.table = table("caseloadTable", self.tr("Your children"), CaseloadTable())
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CaseloadModel.NAME, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(CaseloadModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.setColumnHidden(CaseloadModel.SYNC, True)  # until sync is set up: see show_sync
        self._sized_for: float = 0.0
        self._wrappable_widths: dict[int, tuple[int, int]] = {}  # column: width on one line, on two
        self._applied: dict[int, int] = {}  # the widths _share_room last gave them
        self._names_width = 0  # what the longest name needs on one line
        self.empty = label(kind="hint")
        self.empty.setObjectName("caseloadEmpty")

        top = QHBoxLayout()
        top.addWidget(label(self.tr("&Find a child"), buddy=self.filter))
        top.addWidget(self.filter, 1)
        top.addWidget(self.add)
        box = QVBoxLayout(self)
        box.addWidget(label(self.tr("Your children"), kind="heading"))
        box.addLayout(top)
        box.addWidget(self.table, 1)
        box.addWidget(self.empty)

        self.filter.textChanged.connect(self._filter_changed)
        self.filter.returnPressed.connect(self._open_first)
        # Down from the search box goes into the list, as in a browser's address bar.
        down = QShortcut(
            QKeySequence(Qt.Key.Key_Down), self.filter, context=Qt.ShortcutContext.WidgetShortcut
        )
        down.activated.connect(self._into_table)
        self.add.clicked.connect(self.add_child)
        self.table.row_activated.connect(self._open)
        self.table.resized.connect(self._share_room)

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_empty()
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _into_table(self) -> None:
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self.table.setFocus()

    def refreshed(self) -> None:
        self._size_columns()
        self._fit_columns_to_their_words()
        self._update_empty()

    def _fit_columns_to_their_words(self) -> None:
        """Columns whose words are short or mostly absent (Age, Days left, Time alone, Family said, Sync)
        are as wide as what they hold today, so that the room goes to names (the one column that
        stretches), which a worker reads first. Measured here from the loaded words, in bold as the heading
        and warnings are shown (Qt's ResizeToContents asks every cell through the stylesheet at each reset:
        5 ms a load)."""
        plain = QFontMetrics(self.table.font())
        bold = QFont(self.table.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        model = self.proxy.sourceModel()
        assert isinstance(model, CaseloadModel)
        header = self.table.horizontalHeader()

        def words(column: int) -> list[str]:
            return [model.headerData(column, Qt.Orientation.Horizontal), *model.column_texts(column)]

        for column in (CaseloadModel.AGE, CaseloadModel.DAYS_LEFT, CaseloadModel.FAMILY):
            header.resizeSection(column, max(metrics.horizontalAdvance(t) for t in words(column)) + CELL_ROOM)
        for column in WRAPPABLE:
            heading, *cells = words(column)  # the heading itself never wraps
            at_least = metrics.horizontalAdvance(heading)
            self._wrappable_widths[column] = (
                max([at_least, *(metrics.horizontalAdvance(t) for t in cells)]) + CELL_ROOM,
                max([at_least, *(_on_two_lines(metrics, t) for t in cells)]) + CELL_ROOM,
            )
        names = model.column_texts(CaseloadModel.NAME)
        self._names_width = max((plain.horizontalAdvance(n) for n in names), default=0) + CELL_ROOM
        self._applied = {}
        self._share_room()

    def show_sync(self, shown: bool) -> None:
        """The Sync column, once this laptop syncs (before that, every record would be "to send")."""
        if self.table.isColumnHidden(CaseloadModel.SYNC) == shown:
            self.table.setColumnHidden(CaseloadModel.SYNC, not shown)
        self._fit_columns_to_their_words()

    def _share_room(self) -> None:
        """Time alone's warning, then Sync's count, on one line each, unless that would cut a name short:
        then on two, one column at a time, until names fit."""
        if not self._wrappable_widths:
            return  # resized before the first load: nothing measured yet
        header = self.table.horizontalHeader()
        widths = {column: one_line for column, (one_line, _) in self._wrappable_widths.items()}
        fixed = sum(
            header.sectionSize(column)  # 0 for a hidden column
            for column in range(header.count())
            if column != CaseloadModel.NAME and column not in widths
        )

        def names_fit() -> bool:
            shown = sum(w for column, w in widths.items() if not self.table.isColumnHidden(column))
            return self.table.viewport().width() - fixed - shown >= self._names_width

        all_on_one_line = names_fit()
        for column in WRAPPABLE:
            if names_fit():
                break
            widths[column] = self._wrappable_widths[column][1]
        if widths == self._applied:
            return  # as last set: a column the worker widened by hand stays so until the next load
        self._applied = widths
        for column, width in widths.items():
            header.resizeSection(column, width)
        # Wrapping costs every painted cell a text layout (about 5 ms a caseload): only when it is used.
        # Then a name in a window too narrow for it takes two lines too, rather than being cut short.
        self.table.setWordWrap(not all_on_one_line)

    def _size_columns(self) -> None:
        """Columns whose words are long but alike (legal status, dates) are as wide as their longest likely
        words, measured once per font (not per row: measuring every row on every load costs more than the
        whole caseload query)."""
        font = self.table.font()
        if font.pointSizeF() == self._sized_for:
            return
        self._sized_for = font.pointSizeF()
        bold = QFont(font)
        bold.setBold(True)
        plain, heavy = QFontMetrics(font), QFontMetrics(bold)
        samples = {
            CaseloadModel.STATUS: (plain, self.tr("Child protection plan"), self.tr("Private fostering")),
            CaseloadModel.LAST_VISIT: (plain, "30 Sep 2026", self.tr("No visits yet")),
            CaseloadModel.NEXT_DUE: (heavy, self.tr("Next visit due"), "30 Sep 2026"),
        }
        header = self.table.horizontalHeader()
        for column, (metrics, *texts) in samples.items():
            header.resizeSection(column, max(metrics.horizontalAdvance(t) for t in texts) + CELL_ROOM)

    def _update_empty(self) -> None:
        shown, total = self.proxy.rowCount(), self.proxy.sourceModel().rowCount()
        # With no children yet, adding one is the only thing to do here: the button says so by its look.
        role = "primary" if total == 0 else None
        if self.add.property("role") != role:
            self.add.setProperty("role", role)
            restyle(self.add)
        if shown and shown == total:
            count = self.tr("1 child.") if total == 1 else self.tr("{0} children.").format(total)
            self.empty.setText(count + " " + self.tr("Press Enter or double-click to open one."))
        elif shown:
            self.empty.setText(self.tr("Showing {0} of {1} children.").format(shown, total))
        elif self.filter.text().strip():
            self.empty.setText(self.tr("No child's name matches what you typed."))
        else:
            self.empty.setText(self.tr("No children yet. Use “Add a child” to start."))

    def _open_first(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid() and self.proxy.rowCount():
            index = self.proxy.index(0, 0)
        if index.isValid():
            self._open(index)

    def _open(self, index: QModelIndex) -> None:
        self.open_child.emit(index.siblingAtColumn(0).data(CHILD_ID_ROLE))

    def clear(self) -> None:
        wipe(self.filter)
        self.empty.clear()


def _on_two_lines(metrics: QFontMetrics, text: str) -> int:
    """The width ``text`` needs when broken at the space that gives the narrower pair of lines."""
    words = text.split(" ")
    splits = (
        max(metrics.horizontalAdvance(" ".join(words[:i])), metrics.horizontalAdvance(" ".join(words[i:])))
        for i in range(1, len(words))
    )
    return min(splits, default=metrics.horizontalAdvance(text))
