"""Each visit's sync state in the child's visit list: read (a quick store job) whenever the list is filled
and whenever the sync overview changes."""

from __future__ import annotations

from PySide6.QtCore import QObject

from ui.controllers.store_access import StoreAccess
from ui.models.visits_model import VisitsModel
from ui.sync.controller import SyncController
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
