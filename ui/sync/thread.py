"""One background thread per network job (a sync run, an enrolment, a wipe): never the store thread, which
must stay free for the worker's typing while a sync waits minutes on a slow connection."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QThread, Signal

from visitapp.sync.cancel import CancelToken

log = logging.getLogger(__name__)

Work = Callable[[CancelToken, Callable[[object], None]], object]


class BackgroundThread(QThread):
    """Runs ``work(token, progress)``. ``progressed`` arrives on the UI thread by signal; when Qt's
    ``finished`` arrives, ``result`` holds what the work returned, or the exception it raised (its message is
    for the worker). By then the work has given back any connection it borrowed."""

    progressed = Signal(object)

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.token = CancelToken()
        self._work = work
        self.result: object = None

    def run(self) -> None:
        try:
            result: object = self._work(self.token, self.progressed.emit)
        except Exception as exc:  # reported by signal; never logged with its message (it may hold content)
            log.info("background job ended: %s", type(exc).__name__)
            result = exc
        self.result = result

    def cancel(self) -> None:
        self.token.cancel()
