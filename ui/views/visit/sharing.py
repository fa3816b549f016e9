"""Marking a chosen entry "not for the family": it stays in the record, but the family view leaves it out
(someone else's private business, another child). Allowed after sign-off too: no word of the record
changes. The button follows the chosen entry; each hidden entry says so in its own text."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QListWidget, QPushButton

from ui.views.visit.words import ID_ROLE, current_id
from ui.views.widgets import button


class SharingToggle(QObject):
    changed = Signal(str, str, bool)  # part, entry id, shareable

    def __init__(self, part: str, entries: QListWidget, name: str, what: str) -> None:
        super().__init__(entries)
        self.part = part
        self.entries = entries
        self.hidden: set[str] = set()
        self.button: QPushButton = button(self.tr("Not for the &family"), name,
                                          self.tr("{0}: not for the family").format(what))  # fmt: skip
        self.button.setCheckable(True)
        self.button.setToolTip(self.tr("Kept in the record, but not shown when you share it with the family"))
        entries.itemSelectionChanged.connect(self._follow)
        self.button.clicked.connect(self._clicked)
        self._follow()

    def mark(self, hidden: set[str]) -> None:
        """After the list was filled: add the words to each hidden entry, and follow the chosen one."""
        self.hidden = set(hidden)
        suffix = "\n" + self.tr("(Not shown to the family)")
        for row in range(self.entries.count()):
            item = self.entries.item(row)
            if item.data(ID_ROLE) in self.hidden and not item.text().endswith(suffix):
                item.setText(item.text() + suffix)
        self._follow()

    def _follow(self) -> None:
        entry_id = current_id(self.entries)
        self.button.setEnabled(entry_id is not None)
        self.button.setChecked(entry_id in self.hidden)

    def _clicked(self, checked: bool) -> None:
        entry_id = current_id(self.entries)
        if entry_id is not None:
            self.changed.emit(self.part, entry_id, not checked)
