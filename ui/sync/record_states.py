"""Sync states in lists: each visit's in the child's visit list, and each child's records still to send (or
to check) in the caseload. Read (a quick store job) whenever the list is filled and whenever the sync
overview changes."""

from __future__ import annotations

from PySide6.QtCore import QObject

from ui.controllers.store_access import StoreAccess
from ui.models.caseload_model import CaseloadModel
from ui.models.visits_model import VisitsModel
from ui.sync.controller import SyncController
from ui.views.caseload_view import CaseloadView
from visitapp.sync import status


class VisitSyncStates(QObject):
    def __init__(
        self, sync: SyncController, store: StoreAccess, model: VisitsModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.sync, self.store, self.model = sync, store, model
        model.modelReset.connect(self.refresh)
        sync.overview_changed.connect(self.refresh)

    def refresh(self) -> None:
        ids = self.model.visit_ids()
        if not ids or not self.sync.active:
            return
        overview = self.sync.overview
        if overview is None or overview.state == "not_set_up":
            self.model.set_sync_states({})  # nothing to send anywhere yet: "waiting" on every row is noise
            return

        def show(states: dict[str, str]) -> None:
            if self.sync.active and self.model.visit_ids() == ids:
                self.model.set_sync_states(states)

        job = lambda c: status.record_states(c.casework.conn, "visit", ids)  # noqa: E731
        self.store.run(job, show, lambda _exc: None)


class ChildSyncStates(QObject):
    def __init__(
        self,
        sync: SyncController,
        store: StoreAccess,
        model: CaseloadModel,
        view: CaseloadView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.sync, self.store, self.model, self.view = sync, store, model, view
        model.modelReset.connect(self.refresh)
        sync.overview_changed.connect(self.refresh)

    def refresh(self) -> None:
        if not self.model.rowCount() or not self.sync.active:
            return
        overview = self.sync.overview
        if overview is None or overview.state == "not_set_up":
            self.view.show_sync(False)
            return

        def show(counts: dict[str, tuple[int, int]]) -> None:
            if not self.sync.active:
                return
            hidden = self.view.table.isColumnHidden(CaseloadModel.SYNC)
            if counts == self.model.sync_counts() and not hidden:
                return  # as it was (the overview is read every 30 s): leave a column the worker widened
            self.model.set_sync_counts(counts)
            self.view.show_sync(True)

        job = lambda c: status.child_waiting_counts(c.casework.conn)  # noqa: E731
        self.store.run(job, show, lambda _exc: None)
