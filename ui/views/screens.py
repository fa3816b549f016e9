"""Builds every view and model once; the controllers are handed the pieces they drive."""

from __future__ import annotations

from ui.models.caseload_model import CaseloadModel, caseload_proxy
from ui.models.people_model import PeopleModel
from ui.models.visits_model import VisitsModel
from ui.views.caseload_view import CaseloadView
from ui.views.child_view import ChildView
from ui.views.first_run_view import FirstRunView
from ui.views.main_window import MainWindow
from ui.views.unlock_view import UnlockView
from ui.views.visit_view import VisitView
from ui.views.workspace_view import WorkspaceView


class Screens:
    def __init__(self) -> None:
        self.caseload_model = CaseloadModel()
        self.people_model = PeopleModel()
        self.visits_model = VisitsModel()
        self.caseload_proxy = caseload_proxy(self.caseload_model)
        self.caseload = CaseloadView(self.caseload_model, self.caseload_proxy)
        self.child = ChildView(self.people_model, self.visits_model)
        self.visit = VisitView()
        self.workspace = WorkspaceView([self.caseload, self.child, self.visit])
        self.first_run = FirstRunView()
        self.unlock = UnlockView()
        self.window = MainWindow(self.first_run, self.unlock, self.workspace)
        # Models belong to the window so they live exactly as long as the views that show them.
        for model in (self.caseload_model, self.caseload_proxy, self.people_model, self.visits_model):
            model.setParent(self.window)
