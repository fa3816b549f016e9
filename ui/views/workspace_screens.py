"""The views and models behind the unlock screen, built once when the vault first opens."""

from __future__ import annotations

from PySide6.QtCore import QObject

from ui.models.caseload_model import CaseloadModel, caseload_proxy
from ui.models.people_model import PeopleModel
from ui.models.visits_model import VisitsModel
from ui.views.caseload_view import CaseloadView
from ui.views.child_view import ChildView
from ui.views.visit_view import VisitView
from ui.views.workspace_view import WorkspaceView


class WorkspaceScreens:
    def __init__(self, owner: QObject) -> None:
        self.caseload_model = CaseloadModel()
        self.people_model = PeopleModel()
        self.visits_model = VisitsModel()
        self.caseload_proxy = caseload_proxy(self.caseload_model)
        self.caseload = CaseloadView(self.caseload_model, self.caseload_proxy)
        self.child = ChildView(self.people_model, self.visits_model)
        self.visit = VisitView()
        self.workspace = WorkspaceView([self.caseload, self.child, self.visit])
        # Models belong to the window so they live exactly as long as the views that show them.
        for model in (self.caseload_model, self.caseload_proxy, self.people_model, self.visits_model):
            model.setParent(owner)
