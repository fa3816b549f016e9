"""Every item model passes Qt's own model checks, and the caseload filters and sorts as a worker expects."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.models.caseload_model import CaseloadModel, caseload_proxy
from ui.models.people_model import PeopleModel
from ui.models.visits_model import VisitsModel
from visitapp.domain.models import CaseloadRow, LegalStatus, Person, Visit, VisitStatus, VisitType

ROWS = [
    CaseloadRow("a", "Juniper Quillfeather", "Juni", date(2016, 5, 1), LegalStatus.LOOKED_AFTER, None),
    CaseloadRow(
        "b", "Oskar Brambleby", "", date(2020, 1, 9), LegalStatus.CHILD_IN_NEED, datetime(2026, 3, 2, 10)
    ),
    CaseloadRow("c", "Maisie Underwood", "Mo", None, LegalStatus.EARLY_HELP, datetime(2026, 1, 5, 14)),
]


def test_caseload_model(qtmodeltester) -> None:
    model = CaseloadModel()
    model.set_rows(ROWS)
    qtmodeltester.check(model, force_py=True)
    proxy = caseload_proxy(model)
    qtmodeltester.check(proxy, force_py=True)
    assert model.index(0, CaseloadModel.NAME).data() == "Juniper Quillfeather (Juni)"
    assert model.index(1, CaseloadModel.LAST_VISIT).data() == "2 Mar 2026"
    assert model.index(1, CaseloadModel.LAST_VISIT).data(Qt.ItemDataRole.ToolTipRole) == "2 March 2026"
    assert model.index(0, CaseloadModel.LAST_VISIT).data() == "No visits yet"
    assert model.index(2, CaseloadModel.AGE).data() == "Not known"
    name = model.index(0, CaseloadModel.NAME)
    assert name.data(Qt.ItemDataRole.ToolTipRole) == "Juniper Quillfeather (Juni)"  # in full when cut short


DUE = [
    CaseloadRow("a", "Juniper Quillfeather", "Juni", date(2016, 5, 1), LegalStatus.LOOKED_AFTER, None,
                date(2026, 11, 14), -9, "at least every 6 weeks by law", 7),
    CaseloadRow("b", "Oskar Brambleby", "", None, LegalStatus.CHILD_IN_NEED, None, date(2026, 12, 1), 8,
                "every 6 weeks (child in need)"),
    CaseloadRow("c", "Maisie Underwood", "Mo", None, LegalStatus.EARLY_HELP, None, date(2026, 11, 23), 0),
]  # fmt: skip


def test_caseload_due_dates_in_words_and_red(qtmodeltester) -> None:
    from ui.models.caseload_model import CaseloadModel as M

    model = M()
    model.set_rows(DUE)
    qtmodeltester.check(model, force_py=True)
    proxy = caseload_proxy(model)
    qtmodeltester.check(proxy, force_py=True)
    days = model.index(0, M.DAYS_LEFT)
    assert days.data() == "9 days overdue"
    assert days.data(Qt.ItemDataRole.ForegroundRole) == model.overdue_colour  # red as well as words
    assert days.data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, M.DAYS_LEFT).data() == "8 days left"
    assert model.index(1, M.DAYS_LEFT).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(2, M.DAYS_LEFT).data() == "Due today"
    assert model.index(0, M.NEXT_DUE).data() == "14 Nov 2026"
    assert model.index(0, M.ALONE).data() == "Not seen alone for 7 weeks"
    assert model.index(1, M.ALONE).data() == ""
    tip = model.index(0, M.NEXT_DUE).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Due by 14 November 2026: at least every 6 weeks by law"
    proxy.sort(M.NEXT_DUE, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == [
        "Juniper Quillfeather (Juni)", "Maisie Underwood (Mo)", "Oskar Brambleby",
    ]  # fmt: skip
    proxy.sort(M.DAYS_LEFT, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 0).data() == "Oskar Brambleby"


def test_people_model(qtmodeltester) -> None:
    model = PeopleModel()
    model.set_people(
        [Person("a", "Josephine Quillfeather", "Nanna Jo"), Person("a", "Mr Ellery", "", "teacher")]
    )
    qtmodeltester.check(model, force_py=True)
    assert model.index(1, 1).data() == "—"


def test_visits_model_holds_no_notes(qtmodeltester) -> None:
    model = VisitsModel()
    visits = [
        Visit("a", datetime(2026, 3, 4, 10, 30), "at home", VisitType.UNANNOUNCED, notes="secret words"),
        Visit("a", datetime(2026, 2, 1, 9, 0), status=VisitStatus.COMPLETED),
    ]
    model.set_visits(visits)
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, VisitsModel.WHEN).data() == "4 Mar 2026, 10:30"
    assert model.index(0, VisitsModel.TYPE).data() == "Unannounced"
    assert model.index(1, VisitsModel.STATUS).data() == "Completed"
    assert all(v.notes == "" for v in model._visits)

    model.set_visits(visits, signed_off={visits[1].id})  # locked: more than completed
    assert model.index(1, VisitsModel.STATUS).data() == "Signed off"
    assert model.index(0, VisitsModel.STATUS).data() == "Draft"


def test_caseload_filter_matches_full_name_and_known_as(qtbot: QtBot) -> None:
    from ui.views.caseload_view import CaseloadView

    model = CaseloadModel()
    proxy = caseload_proxy(model)
    view = CaseloadView(model, proxy)
    qtbot.addWidget(view)
    model.set_rows(ROWS)
    view.refreshed()
    assert proxy.rowCount() == 3
    qtbot.keyClicks(view.filter, "bram")
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data() == "Oskar Brambleby"
    view.filter.clear()
    qtbot.keyClicks(view.filter, "MO")  # known-as, any case
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Maisie Underwood (Mo)"]
    view.filter.setText("nobody")
    assert proxy.rowCount() == 0 and "No child" in view.empty.text()
    view.filter.clear()
    proxy.sort(CaseloadModel.AGE, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 0).data().startswith("Juniper")  # the oldest first, by age, not by text


def test_enter_in_the_filter_opens_the_match(qtbot: QtBot) -> None:
    from ui.views.caseload_view import CaseloadView

    model = CaseloadModel()
    view = CaseloadView(model, caseload_proxy(model))
    qtbot.addWidget(view)
    model.set_rows(ROWS)
    qtbot.keyClicks(view.filter, "oskar")
    with qtbot.waitSignal(view.open_child) as opened:
        qtbot.keyClick(view.filter, Qt.Key.Key_Return)
    assert opened.args == ["b"]


def test_down_from_the_filter_moves_into_the_list(qtbot: QtBot) -> None:
    from ui.views.caseload_view import CaseloadView

    model = CaseloadModel()
    view = CaseloadView(model, caseload_proxy(model))
    qtbot.addWidget(view)
    model.set_rows(ROWS)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    view.filter.setFocus()
    qtbot.keyClick(view.filter, Qt.Key.Key_Down)
    assert view.table.hasFocus() and view.table.currentIndex().row() == 0


def test_mostly_empty_caseload_columns_are_as_wide_as_what_they_hold(qtbot: QtBot) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from ui.models.caseload_model import CaseloadModel as M
    from ui.views.caseload_view import CaseloadView

    model = M()
    view = CaseloadView(model, caseload_proxy(model))
    qtbot.addWidget(view)
    view.resize(1920, 800)  # room for the warning on one line (test_caseload_columns: a small laptop)
    view.show()
    qtbot.waitExposed(view)
    bold = QFont(view.table.font())
    bold.setBold(True)
    warning = QFontMetrics(bold).horizontalAdvance("Not seen alone for 7 weeks")
    header = view.table.horizontalHeader()

    model.set_rows(DUE)
    view.refreshed()
    assert header.sectionSize(M.ALONE) > warning  # the warning is read in full
    model.set_rows(ROWS)  # nobody waits to be seen alone
    view.refreshed()
    assert header.sectionSize(M.ALONE) < warning  # so names get the room


def test_caseload_sync_counts_in_words_with_what_needs_the_worker_first(qtmodeltester) -> None:
    model = CaseloadModel()
    model.set_rows(ROWS)
    model.set_sync_counts({"a": (3, 0), "b": (2, 1)})  # "c": everything sent
    qtmodeltester.check(model, force_py=True)
    words = model.column_texts(CaseloadModel.SYNC)
    assert words == ["3 to send", "1 to check", ""]
    assert model.index(1, CaseloadModel.SYNC).data(Qt.ItemDataRole.ForegroundRole) is not None  # red
    assert model.index(0, CaseloadModel.SYNC).data(Qt.ItemDataRole.ForegroundRole) is None
    proxy = caseload_proxy(model)
    proxy.sort(CaseloadModel.SYNC, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, CaseloadModel.SYNC).data() for r in range(3)] == ["1 to check", "3 to send", ""]
    model.set_rows(ROWS)  # a reload keeps the last counts until new ones come
    assert model.column_texts(CaseloadModel.SYNC) == words
    model.clear()
    model.set_rows(ROWS)
    assert model.column_texts(CaseloadModel.SYNC) == ["", "", ""]


def test_a_quote_says_once_that_the_child_was_alone() -> None:
    from ui.views.visit.words import quote_text
    from visitapp.domain.visit_record import Quote, SharedHow

    said = datetime(2026, 3, 4, 10, 30)
    alone = quote_text(Quote("v", "I like my room", said))
    assert alone.split("\n")[1] == "Said at 10:30 · Told me when we were alone"
    playing = quote_text(Quote("v", "Vroom", said, shared_how=SharedHow.DURING_PLAY, child_alone=False))
    assert playing.split("\n")[1] == "Said at 10:30 · Said while we played · not alone"
