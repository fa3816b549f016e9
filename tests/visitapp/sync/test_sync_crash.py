"""A real process SIGKILLed in the middle of a sync: the next run repeats harmlessly and loses nothing."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from syncserver.db import Database
from tests.helpers.vaults import PASSPHRASE
from tests.syncserver.serverkit import LiveServer
from tests.visitapp.sync.synckit import Laptop, ServerWorker, assert_converged, assert_no_duplicates
from visitapp.store import sync_state as ss
from visitapp.vault import unlock_vault

ROOT = Path(__file__).resolve().parents[3]


def _sync_and_die(data_dir: Path, point: str) -> None:
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("crash_child.py")), str(data_dir), point],
        cwd=ROOT, input=(PASSPHRASE + "\n").encode(), capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()[-2000:]


@pytest.mark.parametrize("point", ["applied", "pushed"])
def test_sigkill_mid_sync_then_the_next_sync_is_idempotent(
    tmp_path: Path, live: LiveServer, server_db: Database, worker: ServerWorker, point: str
) -> None:
    a = Laptop(tmp_path / "a", live.url, worker.code())
    b = Laptop(tmp_path / "b", live.url, worker.code())
    child = a.new_child(worker)
    a.sync()
    b.sync()
    cursor_before = ss.cursor(b.conn)
    for i in range(30):
        visit = a.new_visit(child.id, f"visit {i}")
        a.flow.add_quote(visit.id, f"words {i}")
    assert a.sync().outcome == "synced"
    b.new_visit(child.id, "made on B before the crash")  # B also has something to send
    b.close()

    _sync_and_die(b.paths.root, point)

    vault = unlock_vault(b.paths, PASSPHRASE)
    b.vault = vault
    b.reopen()
    conn = b.conn
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    if point == "applied":
        # The pull committed; the cursor did not: the same changes will come again.
        assert conn.execute("SELECT count(*) FROM visits").fetchone()[0] == 31
        assert ss.cursor(conn) == cursor_before
    else:
        # The server stored B's change but B never heard: it is still frozen, with the same change id.
        assert conn.execute("SELECT count(*) FROM sync_outbox WHERE state = 'sending'").fetchone()[0] >= 1
    report = b.sync()
    assert report.outcome == "synced", report.message
    assert report.received == (0 if point == "applied" else 60)
    assert ss.cursor(conn) > cursor_before
    assert a.sync().outcome == "synced"
    assert_no_duplicates(server_db)
    assert_converged(server_db, a, b)
