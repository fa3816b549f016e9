"""Whether this laptop is online, from Qt's network information where a backend loads (NetworkManager,
glib, Windows, macOS). Where none does (offscreen, CI, a minimal system) the answer is "don't know", and sync
simply tries on its timer and reports "offline" if the server cannot be reached."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class NetworkWatch(QObject):
    came_online = Signal()
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._info = None
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if QNetworkInformation.loadDefaultBackend() or QNetworkInformation.load(
                QNetworkInformation.Feature.Reachability
            ):
                self._info = QNetworkInformation.instance()
        except (ImportError, RuntimeError) as exc:  # no QtNetwork plugin: carry on without
            log.info("no network information: %s", type(exc).__name__)
        self._online = self.online
        if self._info is not None:
            self._info.reachabilityChanged.connect(self._reachability_changed)

    @property
    def online(self) -> bool | None:
        """True or False when the system says so; None when it cannot tell."""
        if self._info is None:
            return None
        from PySide6.QtNetwork import QNetworkInformation

        reach = self._info.reachability()
        if reach == QNetworkInformation.Reachability.Unknown:
            return None
        return reach in (QNetworkInformation.Reachability.Online, QNetworkInformation.Reachability.Site)

    def _reachability_changed(self, *_args: object) -> None:
        now = self.online
        was, self._online = self._online, now
        self.changed.emit()
        if now and not was:
            self.came_online.emit()
