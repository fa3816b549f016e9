"""Everything behind the unlock screen: the caseload, a child's page, the visit, the windows opened from it
and sync. Built once, the first time the vault opens (see ``AppController``), so that the unlock window
appears before this bulk of the app is loaded."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHeaderView, QWidget

from ui.controllers.caseload_controller import CaseloadController
from ui.controllers.child_controller import ChildController
from ui.controllers.companions import CompanionWindows
from ui.controllers.navigator import Navigator
from ui.controllers.settings_controller import SettingsController
from ui.controllers.store_access import StoreAccess
from ui.controllers.visit_controller import VisitController
from ui.models.visits_model import VisitsModel
from ui.sync.controller import SyncController
from ui.sync.dialogs import SyncDialogs
from ui.sync.record_states import ChildSyncStates, VisitSyncStates
from ui.sync.revoked import RevokedFlow
from ui.views.workspace_screens import WorkspaceScreens
from visitapp.paths import VaultPaths


class Workspace(QObject):
    def __init__(self, paths: VaultPaths, store: StoreAccess, views: WorkspaceScreens, window: QWidget,
                 set_minutes: Callable[[int], None], reopen_visit: Callable[[], None],
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.views = s = views
        self.caseload = CaseloadController(store, s.caseload_model, s.caseload, self)
        self.child = ChildController(store, s.people_model, s.visits_model, s.child, self)
        self.visit = VisitController(store, s.visit, self)
        self.companions = CompanionWindows(store, window, reopen_visit, self)
        self.visit.hooks.open_letter = self.companions.open_letter
        self.visit.hooks.add_picture = self.companions.add_picture
        self.navigator = Navigator(s.workspace.pages, self.caseload, self.child, self.visit, self)
        self.companions.attach(self.navigator)  # the family view, from the share step and the child's page
        self.sync = SyncController(store, s.workspace.sync_indicator, self)
        self.sync_dialogs = SyncDialogs(self.sync, store, self)
        self.visit_sync = VisitSyncStates(self.sync, store, s.visits_model, self)
        self.child_sync = ChildSyncStates(self.sync, store, s.caseload_model, s.caseload, self)
        self.revoked = RevokedFlow(paths, self)
        self.visit.hooks.visit_finished = self.sync.sync_now  # a visit was completed or signed off: send it
        s.child.visits.horizontalHeader().setSectionResizeMode(
            VisitsModel.SYNC, QHeaderView.ResizeMode.ResizeToContents
        )
        self.settings = SettingsController(
            store, set_minutes, self, on_set_up_sync=self.sync_dialogs.open_enrol
        )
        s.workspace.settings_requested.connect(lambda: self.settings.open(window))
        s.workspace.sync_indicator.clicked.connect(lambda: self.sync_dialogs.open_panel(window))
        store.failed.connect(s.workspace.show_notice)
