"""First start: live advice on the passphrase, then make the vault on the store thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ui import jobs
from ui.controllers.store_access import StoreAccess, plain_message
from ui.store_worker import SessionInfo
from ui.views.first_run_view import FirstRunView
from visitapp.domain.passphrase import check_passphrase
from visitapp.paths import VaultPaths

if TYPE_CHECKING:
    from visitapp.domain.models import Worker
    from visitapp.store.keys import KdfParams


class FirstRunController(QObject):
    def __init__(
        self,
        paths: VaultPaths,
        store: StoreAccess,
        view: FirstRunView,
        on_open: Callable[[SessionInfo], None],
        kdf_params: KdfParams | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths, self.store, self.view, self.on_open = paths, store, view, on_open
        self.kdf_params = kdf_params  # tests pass cheap parameters; None means the real cost
        view.details_changed.connect(self.advise)
        view.details_changed.connect(store.warm_up)
        view.submitted.connect(self.create)

    def show(self) -> None:
        self.view.clear()
        self.store.start()
        self.view.full_name.setFocus()

    def advise(self) -> None:
        passphrase, confirm = self.view.passphrase.text(), self.view.confirm.text()
        if not passphrase:
            self.view.show_feedback("", good=False)
            return
        worker = self.view.worker()
        verdict = check_passphrase(passphrase, None, personal=(worker.full_name, worker.team))
        if not verdict.ok:
            self.view.show_feedback(self.tr(verdict.message), good=False)
        elif not confirm:
            self.view.show_feedback(self.tr("That passphrase will do. Now type it again below."), good=True)
        elif confirm != passphrase:
            self.view.show_feedback(self.tr("The two passphrases are not the same yet."), good=False)
        else:
            self.view.show_feedback(self.tr("Good: the two passphrases match."), good=True)

    def create(self, worker: Worker, passphrase: str, confirm: str) -> None:
        self.view.set_busy(True)
        self.store.start()
        job = jobs.create(self.paths, worker, passphrase, confirm, self.kdf_params)
        self.store.run(job, self._opened, lambda exc: self.view.show_error(plain_message(exc)))

    def _opened(self, info: SessionInfo) -> None:
        self.view.clear()
        self.on_open(info)
