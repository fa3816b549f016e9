"""The sync panel, the set-up dialog and the conflict dialog: opening them, and what their buttons do.

Reading problems and conflicts, and deciding a conflict, are quick store jobs; setting up needs the network,
so it runs like a sync, on its own thread with a connection lent by the vault.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ui.controllers.confirm import ask
from ui.controllers.store_access import StoreAccess, plain_message
from ui.store_worker import StoreContext
from ui.sync.conflict_dialog import ConflictDialog
from ui.sync.controller import SyncController
from ui.sync.enrol_dialog import EnrolDialog
from visitapp.sync import account, session, status
from visitapp.sync.cancel import Cancelled
from visitapp.sync.client import SyncError


def _panel_data(context: StoreContext) -> tuple[status.SyncOverview, list[status.Problem], str]:
    conn = context.casework.conn
    found = account.settings(conn)
    return status.overview(conn), status.problems(conn), found.server_url if found else ""


def _message(exc: Exception) -> str:
    if isinstance(exc, SyncError | status.ConflictError):
        return str(exc)
    return plain_message(exc)


def _keep_open(dialog: QDialog) -> QDialog:
    dialog.finished.connect(dialog.deleteLater)  # nothing about a child survives in a hidden dialog
    return dialog


class SyncDialogs(QObject):
    def __init__(self, sync: SyncController, store: StoreAccess, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sync, self.store = sync, store
        self.panel: Any = None
        self.enrol_dialog: EnrolDialog | None = None
        self.conflict: ConflictDialog | None = None
        self.deletions_box: QMessageBox | None = None
        self.server_url = ""
        sync.overview_changed.connect(self.refresh_panel)
        sync.progressed.connect(self._progress)

    # The panel ----------------------------------------------------------------------------------------

    def open_panel(self, parent: QWidget) -> QDialog:
        from ui.sync.panel import SyncPanel

        panel = SyncPanel(parent)
        panel.sync_now.connect(self._sync_now)
        panel.set_up.connect(lambda: self.open_enrol(panel))
        panel.compare.connect(lambda cid: self.open_conflict(cid, panel))
        panel.apply_deletions.connect(lambda n: self.confirm_deletions(n, panel))
        panel.finished.connect(lambda: setattr(self, "panel", None))
        self.panel = _keep_open(panel)
        panel.show_overview(self.sync.state(), self.sync.overview)
        panel.open()
        self.refresh_panel()
        return panel

    def _sync_now(self) -> None:
        if self.sync.sync_now() and self.panel is not None:
            self.panel.show_overview("syncing", self.sync.overview)

    def confirm_deletions(self, count: int, parent: QWidget) -> QMessageBox:
        """The way through a refused mass delete (what ``visitapp sync --allow-mass-delete`` is for IT): ask,
        then one run that lets through at most ``count`` deletions."""
        text = self.tr(
            "{0} records will be removed from this laptop: visits, people or children that were deleted on "
            "the server.\n\nBefore you go on, check with the office that this is expected (for example, "
            "records tidied up on purpose). If it is not, press Cancel and ask "
            "IT: nothing is removed until you say so.\n\nRemove {0} records from this laptop?"
        ).format(count)

        def go() -> None:
            self.deletions_box = None
            if self.sync.sync_now(allow_deletions=count) and self.panel is not None:
                self.panel.show_overview("syncing", self.sync.overview)

        box = ask(
            parent,
            "applyDeletions",
            self.tr("Apply these deletions?"),
            text,
            self.tr("&Remove {0} records").format(count),
            go,
        )
        box.setIcon(QMessageBox.Icon.Warning)
        box.finished.connect(lambda: setattr(self, "deletions_box", None))
        self.deletions_box = box
        return box

    def refresh_panel(self) -> None:
        if self.panel is not None and self.sync.active:
            self.store.run(_panel_data, self._got_panel_data, lambda _exc: None)

    def _got_panel_data(self, data: tuple[status.SyncOverview, list[status.Problem], str]) -> None:
        overview, problems, self.server_url = data
        if self.panel is None:
            return
        self.sync.overview = overview
        state = self.sync.state()
        self.panel.show_overview(state, overview)
        if self.sync.last_error:
            self.panel.detail.setText(self.sync.last_error)
        self.panel.show_problems(problems)

    def _progress(self, step: object) -> None:
        if self.panel is not None:
            self.panel.show_overview("syncing", self.sync.overview)
            self.panel.show_progress(step)

    # Setting up ---------------------------------------------------------------------------------------

    def open_enrol(self, parent: QWidget) -> EnrolDialog:
        dialog = EnrolDialog(self.server_url, parent)
        dialog.enrol_requested.connect(self._enrol)
        dialog.finished.connect(lambda: setattr(self, "enrol_dialog", None))
        self.enrol_dialog = dialog
        _keep_open(dialog).open()
        return dialog

    def _enrol(self, url: str, code: str) -> None:
        dialog, vault, policy = self.enrol_dialog, self.sync.vault, self.sync.policy
        if dialog is None or vault is None:
            return
        dialog.set_busy(True)
        started = self.sync.run_network(
            lambda token, _moved: session.enrol(vault, token, url, code, policy), self._enrolled
        )
        if not started:
            dialog.set_busy(False)
            dialog.show_error(self.tr("A sync is running just now. Please try again in a moment."))

    def _enrolled(self, result: object) -> None:
        dialog = self.enrol_dialog
        if isinstance(result, Cancelled):
            return
        if isinstance(result, Exception):
            if dialog is not None:
                dialog.set_busy(False)
                dialog.show_error(_message(result))
            return
        if isinstance(result, account.SyncSettings):
            self.server_url = result.server_url
        if dialog is not None:
            dialog.accept()
        self.sync.refresh()
        self.sync.sync_now()  # the first sync: send what is waiting, fetch the caseload

    # Conflicts ----------------------------------------------------------------------------------------

    def open_conflict(self, conflict_id: int, parent: QWidget) -> None:
        def show(view: status.ConflictView) -> None:
            if not self.sync.active:
                return
            dialog = ConflictDialog(view, parent)
            dialog.chosen.connect(self._choose)
            dialog.finished.connect(lambda: setattr(self, "conflict", None))
            self.conflict = dialog
            _keep_open(dialog).open()

        self.store.run(lambda c: status.conflict_view(c.casework.conn, conflict_id), show, self._failed)

    def _choose(self, conflict_id: int, keep: str) -> None:
        if self.conflict is not None:
            self.conflict.setEnabled(False)

        def done(_: object) -> None:
            if self.conflict is not None:
                self.conflict.accept()
            self.sync.refresh()
            self.refresh_panel()
            self.sync.sync_now()  # send the choice

        job = lambda c: status.resolve_conflict(c.casework.conn, conflict_id, keep)  # noqa: E731
        self.store.run(job, done, self._failed)

    def _failed(self, exc: Exception) -> None:
        if self.conflict is not None:
            self.conflict.show_error(_message(exc))
        elif self.panel is not None:
            self.panel.detail.setText(_message(exc))
