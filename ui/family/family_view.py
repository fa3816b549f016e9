"""The family view: one record, full screen, nothing else reachable. Text size and high contrast can be
changed, the record can be read aloud where the computer can speak, and the family says whether it is
right. Escape and the window's close button lead to the worker's page (PIN or passphrase), never out."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.family.pages import ExitPage, ThanksPage
from ui.family.record_page import RecordPage, text
from ui.family.response_page import ResponsePage
from ui.family.style import DEFAULT_SIZE, SIZES, family_sheet
from ui.views.widgets import button


class FamilyView(QDialog):
    size_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("familyView")
        self.setAccessibleName(self.tr("The family screen"))
        self.setWindowTitle(self.tr("The last visit's record"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.releasing = False  # set only once the worker's credential was accepted, or on locking
        self.size_step = DEFAULT_SIZE
        self.high_contrast = False
        self.title = text("")
        self.title.setObjectName("familyTitle")
        self.read_button = button(self.tr("🔊 Read it &aloud"), "familyReadAloud", self.tr("Read it aloud"))
        self.smaller = button(self.tr("A−  Smaller text"), "familySmaller", self.tr("Smaller text"))
        self.bigger = button(self.tr("A+  Bigger text"), "familyBigger", self.tr("Bigger text"))
        self.contrast = button(self.tr("&High contrast"), "familyContrast")
        self.contrast.setCheckable(True)
        self.finish = button(self.tr("&Close (social worker)"), "familyFinish",
                             self.tr("Close: for the social worker"))  # fmt: skip
        self.finish.setToolTip(self.tr("Your social worker closes this screen with their PIN"))
        self.record = RecordPage()
        # Said, not only shown by a scroll bar: a family reading a long record may not know there is more.
        self.more_below = text(self.tr("↓  More below: scroll down, or press Page Down"), "quiet")
        self.more_below.setObjectName("familyMoreBelow")
        self.more_below.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        keep_room = self.more_below.sizePolicy()
        keep_room.setRetainSizeWhenHidden(True)  # the record does not jump as the words come and go
        self.more_below.setSizePolicy(keep_room)
        self.respond = button(self.tr("Is this right? &Tell us what you think"), "familyRespond",
                              primary=True)  # fmt: skip
        self.response = ResponsePage()
        self.thanks = ThanksPage()
        self.exit = ExitPage()
        self.stack = QStackedWidget()
        self.stack.setObjectName("familyPages")
        self._layout()
        self.smaller.clicked.connect(lambda: self.set_size(self.size_step - 1))
        self.bigger.clicked.connect(lambda: self.set_size(self.size_step + 1))
        self.contrast.toggled.connect(self.set_contrast)
        self.respond.clicked.connect(self.show_response)
        self.response.back.connect(self.show_record)
        self.thanks.back.connect(self.show_record)
        self.thanks.more.connect(self.show_response)
        self.exit.back.connect(self.show_record)
        self.finish.clicked.connect(self.reject)
        scroll = self.record.verticalScrollBar()
        scroll.rangeChanged.connect(self._show_more_below)
        scroll.valueChanged.connect(self._show_more_below)
        self.set_size(DEFAULT_SIZE)
        self._show_more_below()

    def _show_more_below(self) -> None:
        scroll = self.record.verticalScrollBar()
        self.more_below.setVisible(scroll.value() < scroll.maximum())

    def _layout(self) -> None:
        bar = QWidget()
        bar.setObjectName("familyTopBar")
        self._bar = QGridLayout(bar)
        self._bar.setContentsMargins(16, 6, 16, 6)
        self._buttons = QWidget()
        self._rows = QGridLayout(self._buttons)
        self._rows.setContentsMargins(0, 0, 0, 0)
        for column, widget in enumerate((self.read_button, self.smaller, self.bigger, self.contrast,
                                         self.finish)):  # fmt: skip
            self._rows.addWidget(widget, 0, column)  # until _arrange_bar knows the sizes
        # Never wider than the window gives: _arrange_bar puts the buttons in more rows instead
        self._buttons.setMinimumWidth(1)
        self._arranged: tuple[bool, tuple[int, ...]] | None = None  # title above?, buttons in each row
        self._bar.addWidget(self.title, 0, 0)
        self._bar.addWidget(self._buttons, 0, 1)
        self._bar.setColumnStretch(0, 1)
        record = QWidget()
        record.setObjectName("familyRecordHolder")
        box = QVBoxLayout(record)
        box.setContentsMargins(0, 0, 0, 12)
        box.addWidget(self.record, 1)
        box.addWidget(self.more_below)
        box.addWidget(self.respond, 0, Qt.AlignmentFlag.AlignHCenter)
        self.stack.addWidget(record)
        self._scrolls: dict[QWidget, QScrollArea] = {}
        for page in (self.response, self.thanks, self.exit):  # scrolled, never squashed, at large sizes
            scroll = QScrollArea()
            scroll.setObjectName(f"{page.objectName()}Scroll")
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            scroll.setWidgetResizable(True)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setWidget(page)
            self.stack.addWidget(scroll)
            self._scrolls[page] = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(bar)
        outer.addWidget(self.stack, 1)
        chain = [self.record, self.respond, self.read_button, self.smaller, self.bigger, self.contrast,
                 self.finish]  # fmt: skip
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    # Pages ------------------------------------------------------------------------------------------------

    def show_record(self) -> None:
        self.stack.setCurrentIndex(0)
        self.respond.setVisible(True)
        self.record.setFocus()

    def _go(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(self._scrolls[page])
        self._scrolls[page].verticalScrollBar().setValue(0)

    def current_page(self) -> QWidget | None:
        """The response, thanks or exit page on show; None while the record is."""
        return next((page for page, scroll in self._scrolls.items() if scroll is self.stack.currentWidget()),
                    None)  # fmt: skip

    def show_response(self) -> None:
        self.response.reset()
        self._go(self.response)
        self.response.verdict_buttons[next(iter(self.response.verdict_buttons))].setFocus()

    def show_thanks(self) -> None:
        self._go(self.thanks)
        self.thanks.back_button.setFocus()

    def show_exit(self, has_pin: bool, pin_accepted: bool = True) -> None:
        self._go(self.exit)
        self.exit.start(has_pin, pin_accepted)

    # Reading comfort --------------------------------------------------------------------------------------

    def set_size(self, step: int) -> None:
        self.size_step = max(0, min(step, len(SIZES) - 1))
        self.smaller.setEnabled(self.size_step > 0)
        self.bigger.setEnabled(self.size_step < len(SIZES) - 1)
        self._restyle()
        self.size_changed.emit(SIZES[self.size_step])

    def set_contrast(self, on: bool) -> None:
        self.high_contrast = on
        self._restyle()

    def _restyle(self) -> None:
        self.setStyleSheet(family_sheet(self.size_step, self.high_contrast))
        QTimer.singleShot(0, self, self._arrange_bar)  # once the new sizes are applied (not if closed first)

    def show_title(self, title: str) -> None:
        self.title.setText(title)
        self._arrange_bar()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._arrange_bar)

    def _arrange_bar(self) -> None:
        """The title beside the buttons when all fit on one line, else above them, and the buttons in as
        many rows as they need: with the biggest text on one line they ran past a 1366-pixel screen, and
        the title, squeezed beside them, went one word to a line."""
        margins = self._bar.contentsMargins()
        gap = self._rows.horizontalSpacing()
        if gap < 0:  # a style that spaces by the kind of control (macOS) says so only when asked
            kind = QSizePolicy.ControlType.PushButton
            gap = max(self.style().layoutSpacing(kind, kind, Qt.Orientation.Horizontal), 0)
        room = self.width() - margins.left() - margins.right()
        buttons = [b for b in (self.read_button, self.smaller, self.bigger, self.contrast, self.finish)
                   if not b.isHidden()]  # fmt: skip
        widths = [b.sizeHint().width() for b in buttons]
        title = self.title.fontMetrics().horizontalAdvance(self.title.text())
        above = title + gap + sum(widths) + gap * (len(widths) - 1) > room
        rows, used = [0], 0
        for width in widths:
            if rows[-1] and used + gap + width > room:
                rows.append(0)
                used = 0
            used += width + (gap if rows[-1] else 0)
            rows[-1] += 1
        arranged = (above, tuple(rows))
        if arranged == self._arranged:
            return
        self._arranged = arranged
        for each in buttons:
            self._rows.removeWidget(each)
        placed = iter(buttons)
        for row, count in enumerate(rows):
            for column in range(count):
                self._rows.addWidget(next(placed), row, column)
        self._bar.removeWidget(self._buttons)
        self._bar.addWidget(self._buttons, 1 if above else 0, 0 if above else 1)

    # Locked in --------------------------------------------------------------------------------------------

    def reject(self) -> None:
        """Escape and Finish: the worker's page, not out. Only ``release`` closes the view."""
        if self.releasing:
            super().reject()
        else:
            self.exit_requested()

    def exit_requested(self) -> None:
        """Replaced by the controller, which knows whether a PIN is set."""
        self.show_exit(has_pin=False)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.releasing:
            super().closeEvent(event)
        else:
            event.ignore()
            self.exit_requested()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Escape and self.current_page() is not None:
            self.show_record()  # Escape on a form goes back to the record, like its Back button
            return
        super().keyPressEvent(event)

    def release(self) -> None:
        self.releasing = True
        self.done(QDialog.DialogCode.Accepted)

    def wipe(self) -> None:
        """Locking: no word of the record or the response stays in a widget."""
        self.title.setText("")
        self.record.clear()
        self.response.clear()
        self.exit.show_error("")
