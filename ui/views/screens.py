"""Builds the views once; the controllers are handed the pieces they drive.

The unlock screen is made at once; the first-run screen only on a laptop with no vault yet. The workspace's
views (caseload, child, visit) are made the first time anything asks for them, which is when the vault
first opens: so the window appears before the bulk of the app is loaded, and the worker types their
passphrase while the rest loads."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from ui.views.main_window import MainWindow
from ui.views.unlock_view import UnlockView

if TYPE_CHECKING:
    from ui.views.first_run_view import FirstRunView
    from ui.views.workspace_screens import WorkspaceScreens


class Screens:
    def __init__(self) -> None:
        self.unlock = UnlockView()
        self.window = MainWindow()
        self._behind: WorkspaceScreens | None = None

    @cached_property
    def first_run(self) -> FirstRunView:
        from ui.views.first_run_view import FirstRunView

        return FirstRunView()

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
