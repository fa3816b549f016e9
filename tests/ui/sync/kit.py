"""Helpers for the app's sync tests: a real server that can be stopped and started again on the same port,
and vaults set up through the core (enrolled, with a visit ready to complete)."""

from __future__ import annotations

import socket
import threading
import time
from datetime import date

import uvicorn
from pytestqt.qtbot import QtBot

from syncserver.app import create_app
from syncserver.db import Database
from tests.helpers.vaults import PASSPHRASE
from tests.ui.uikit import open_visit
from tests.visitapp.sync.synckit import FAST_RETRIES
from ui.controllers.app_controller import AppController
from visitapp.domain.models import Visit
from visitapp.domain.visit_record import TimeAlone
from visitapp.paths import VaultPaths
from visitapp.sync import account, session
from visitapp.sync.cancel import CancelToken
from visitapp.sync.client import SyncClient
from visitapp.vault import OpenVault, unlock_vault
from visitapp.visit_flow import VisitFlow


class Server:
    """The real sync server under uvicorn on 127.0.0.1; ``stop()`` and ``start()`` keep the address."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.port = 0
        self.server: uvicorn.Server | None = None
        self.thread: threading.Thread | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(create_app(self.db), log_level="warning", lifespan="off", access_log=False)
        self.server = server = uvicorn.Server(config)
        self.thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        if self.server is not None and self.thread is not None:
            self.server.should_exit = True
            self.thread.join(timeout=10)
            self.server = None


def open_vault(root: object) -> OpenVault:
    return unlock_vault(VaultPaths(root), PASSPHRASE)  # type: ignore[arg-type]


def enrol_and_sync(vault: OpenVault, url: str, code: str) -> None:
    """What IT would do with ``visitapp enrol`` and a first ``visitapp sync``, through the core."""
    conn = vault.connect()
    account.enrol(conn, url, code, client=SyncClient(url, policy=FAST_RETRIES))
    result = session.run_sync(vault, CancelToken(), policy=FAST_RETRIES)
    assert result.report is not None and result.report.outcome == "synced", result.report


def ready_to_complete(vault: OpenVault, visit_id: str) -> None:
    """Seen alone for 20 minutes and the next visit chosen: what Finish needs."""
    flow = VisitFlow(vault.connect(), vault.worker_id)
    flow.save_time_alone(visit_id, TimeAlone(seen_alone=True, minutes=20))
    flow.set_next_visit(visit_id, date(2026, 3, 20), "School holidays")


def edit_notes(vault: OpenVault, visit_id: str, notes: str) -> None:
    from visitapp.casework import Casework

    casework = Casework(vault.connect(), vault.worker_id)
    visit = casework.visit(visit_id)
    assert isinstance(visit, Visit)
    visit.notes = notes
    casework.save_visit(visit)


def silent_listener() -> socket.socket:
    """Accepts connections and never answers: a sync against it waits until it is cancelled."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    return listener


def edit_offline(app: AppController, qtbot: QtBot, server: Server, child_id: str, visit_id: str) -> None:
    """The server gone, the worker adds to a visit's notes: the change waits on this laptop."""
    server.stop()
    open_visit(app, qtbot, child_id, visit_id)
    qtbot.keyClicks(app.screens.visit.notes, " Went to the park.")
    app.visit.flush()
    app.sync.refresh()
    qtbot.waitUntil(lambda: app.screens.workspace.sync_indicator.state == "waiting", timeout=5000)
