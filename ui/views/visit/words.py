"""The child's words: everything captured (with how and when), direct-work tools, and, where the child
chose not to share, that choice and the reason."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ui.views.visit.page import StepPage, edits
from ui.views.widgets import button, combo, entry_list, label, needs_choice, raw_text, row, text_box
from visitapp.domain.visit_record import SHARED_HOW_LABELS, Quote, QuoteKind, SharedHow, ToolEntry
from visitapp.domain.visit_steps import Step
from visitapp.practice.direct_work import DirectWorkTool

ID_ROLE = Qt.ItemDataRole.UserRole + 1
CAPTURE_KEYS = "Ctrl+Shift+Q"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Words", text)


KIND_LABELS = {QuoteKind.WORDS: "Said", QuoteKind.WISH: "A wish", QuoteKind.FEELING: "A feeling"}


def quote_text(quote: Quote) -> str:
    how = _tr(SHARED_HOW_LABELS[quote.shared_how])
    facts = f"{_tr(KIND_LABELS[quote.kind])} at {quote.said_at:%H:%M} · {how}"
    if not (quote.child_alone and quote.shared_how is SharedHow.TOLD_ME_ALONE):  # said once is enough
        facts += " · " + (_tr("alone with me") if quote.child_alone else _tr("not alone"))
    lines = [f"“{quote.words}”", facts]
    if quote.prompt:
        lines.append(_tr("Asked: {0}").format(quote.prompt))
    for note in quote.annotations:
        lines.append(_tr("Note added {0:%-d %B, %H:%M}: {1}").format(note.at, note.text))
    return "\n".join(lines)


def tool_text(entry: ToolEntry, tools: dict[str, DirectWorkTool]) -> str:
    tool = tools.get(entry.tool)
    labels = {f.key: f.label for f in tool.fields} if tool else {}
    lines = [tool.label if tool else entry.tool]
    for key, answer in entry.answers.items():
        if answer.strip():
            lines.append(f"{labels.get(key, key)}: “{answer}”")
    return "\n".join(lines)


def fill_list(widget: QListWidget, items: list[tuple[str, str]]) -> None:
    """(id, text) pairs. An item the worker had chosen stays chosen; nothing is chosen for them."""
    chosen = current_id(widget)
    widget.clear()
    for item_id, text in items:
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, item_id)
        widget.addItem(item)
        if item_id == chosen:
            widget.setCurrentItem(item)


def current_id(widget: QListWidget) -> str | None:
    """The item the worker chose (clicked, or moved to with the arrow keys), if any."""
    items = widget.selectedItems()
    return items[0].data(ID_ROLE) if items else None


class WordsPage(StepPage):
    capture = Signal()
    edit_quote = Signal(str)
    remove_quote = Signal(str)
    annotate_quote = Signal(str)
    start_tool = Signal(str)  # tool key
    remove_tool = Signal(str)
    not_sharing_changed = Signal()
    add_picture = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            Step.CHILDS_WORDS,
            self.tr(
                "Write down exactly what the child says, from any step: press {0}. Nothing is tidied or "
                "corrected. Once the visit is completed the words cannot be changed; you can add a note "
                "beside them."
            ).format(CAPTURE_KEYS),
            parent,
        )
        self.capture_button = edits(
            button(
                self.tr("Write down the child's &words ({0})").format(CAPTURE_KEYS),
                "visitCaptureWords",
                self.tr("Write down the child's words"),
                primary=True,
            )  # fmt: skip
        )
        self.quotes = entry_list("visitQuotes", self.tr("The child's words at this visit"))
        self.quotes.setMinimumHeight(200)
        self.edit_button = edits(button(self.tr("&Change"), "visitQuoteEdit", self.tr("Change these words")))
        self.remove_button = edits(
            button(self.tr("&Remove"), "visitQuoteRemove", self.tr("Remove these words"))
        )
        self.annotate_button = button(self.tr("Add a &note beside them…"), "visitQuoteAnnotate",
                                      self.tr("Add a note beside these words"))  # fmt: skip
        self.picture_button = button(self.tr("Add a &drawing or photo…"), "visitAddPicture")
        self.picture_button.hide()  # shown once the picture widgets are wired in (VisitHooks.add_picture)
        self.tool_choice = combo("visitToolChoice", self.tr("Direct-work tool"))
        self.tool_about = label(kind="hint")
        self.tool_about.setObjectName("visitToolAbout")
        self.tool_start = edits(
            button(self.tr("Use &this tool…"), "visitToolStart", self.tr("Use this tool"))
        )
        self.tools = entry_list("visitToolEntries", self.tr("Direct work done at this visit"))
        self.tool_remove = edits(
            button(self.tr("Remove this &tool's answers"), "visitToolRemove", self.tr("Remove tool answers"))
        )
        self.not_sharing = text_box(
            "visitChoseNotToShare", self.tr("If the child chose not to share, why"), 72
        )
        self.not_sharing.setPlaceholderText(self.tr("For example: did not want to talk about home today"))
        self._tools: dict[str, DirectWorkTool] = {}
        self._layout()
        self.capture_button.clicked.connect(self.capture)
        self.picture_button.clicked.connect(self.add_picture)
        self.quotes.itemActivated.connect(lambda _item: self._with_quote(self._open_quote))
        self.edit_button.clicked.connect(lambda: self._with_quote(self.edit_quote.emit))
        self.remove_button.clicked.connect(lambda: self._with_quote(self.remove_quote.emit))
        self.annotate_button.clicked.connect(lambda: self._with_quote(self.annotate_quote.emit))
        self.tool_choice.currentIndexChanged.connect(self._show_about)
        self.tool_start.clicked.connect(lambda: self.start_tool.emit(self.tool_choice.currentData()))
        self.tool_remove.clicked.connect(self._remove_tool)
        self.not_sharing.textChanged.connect(self.not_sharing_changed)
        needs_choice(self.quotes, self.edit_button, self.remove_button, self.annotate_button)
        needs_choice(self.tools, self.tool_remove)
        self._completed = False

    def _layout(self) -> None:
        self.body.addLayout(row(self.capture_button, self.picture_button))
        self.body.addWidget(self.quotes)
        self.body.addLayout(row(self.edit_button, self.remove_button, self.annotate_button))
        self.body.addWidget(label(self.tr("Direct work"), kind="subheading"))
        self.body.addLayout(row(self.tool_choice, self.tool_start))
        self.body.addWidget(self.tool_about)
        self.body.addWidget(self.tools)
        self.body.addLayout(row(self.tool_remove))
        self.body.addWidget(label(self.tr("If the child chose not to &share"), kind="subheading",
                                  buddy=self.not_sharing))  # fmt: skip
        self.body.addWidget(self.not_sharing)

    def set_tools(self, tools: dict[str, DirectWorkTool]) -> None:
        self._tools = tools
        self.tool_choice.blockSignals(True)
        self.tool_choice.clear()
        for key, tool in tools.items():
            self.tool_choice.addItem(tool.label, key)
        self.tool_choice.blockSignals(False)
        self._show_about()

    def _show_about(self) -> None:
        tool = self._tools.get(self.tool_choice.currentData() or "")
        self.tool_about.setText(self.tr("{0} (for {1})").format(tool.about, tool.ages) if tool else "")

    def show_quotes(self, quotes: list[Quote]) -> None:
        fill_list(self.quotes, [(q.id, quote_text(q)) for q in quotes])
        self.quotes.setAccessibleDescription(self.tr("{0} recorded").format(len(quotes)))
        self._buttons()

    def show_tools(self, entries: list[ToolEntry]) -> None:
        fill_list(self.tools, [(e.id, tool_text(e, self._tools)) for e in entries])

    def show_not_sharing(self, reason: str, fill: bool) -> None:
        if fill:
            self.not_sharing.blockSignals(True)
            self.not_sharing.setPlainText(reason)
            self.not_sharing.blockSignals(False)

    def read_not_sharing(self) -> str:
        return raw_text(self.not_sharing)

    def set_locked(self, completed: bool, signed_off: bool) -> None:
        super().set_locked(completed, signed_off)
        self._completed = completed
        self._buttons()

    def _buttons(self) -> None:
        self.edit_button.setVisible(not self._completed)
        self.remove_button.setVisible(not self._completed)

    def _with_quote(self, then) -> None:  # type: ignore[no-untyped-def]
        quote_id = current_id(self.quotes)
        if quote_id:
            then(quote_id)

    def _open_quote(self, quote_id: str) -> None:
        (self.annotate_quote if self._completed else self.edit_quote).emit(quote_id)

    def _remove_tool(self) -> None:
        entry_id = current_id(self.tools)
        if entry_id:
            self.remove_tool.emit(entry_id)

    def clear(self) -> None:
        self.quotes.clear()
        self.tools.clear()
        self.show_not_sharing("", fill=True)
