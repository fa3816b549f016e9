"""Builds the views once; the controllers are handed the pieces they drive.

The first run and unlock screens are made at once. The workspace's views (caseload, child, visit) are made
the first time anything asks for them, which is when the vault first opens: so the window appears before
the bulk of the app is loaded, and the worker types their passphrase while the rest loads."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ui.views.first_run_view import FirstRunView
from ui.views.main_window import MainWindow
from ui.views.unlock_view import UnlockView

if TYPE_CHECKING:
    from ui.views.workspace_screens import WorkspaceScreens


class Screens:
    def __init__(self) -> None:
        self.first_run = FirstRunView()
        self.unlock = UnlockView()
        self.window = MainWindow(self.first_run, self.unlock)
        self._behind: WorkspaceScreens | None = None

    @property
    def built(self) -> bool:
        return self._behind is not None

    def behind_unlock(self) -> WorkspaceScreens:
        if self._behind is None:
            from ui.views.workspace_screens import WorkspaceScreens

            self._behind = WorkspaceScreens(self.window)
            self.window.add_workspace(self._behind.workspace)
        return self._behind

    def __getattr__(self, name: str) -> Any:
        # Only reached for names not set above: caseload_model, caseload, child, visit, workspace ...
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.behind_unlock(), name)
