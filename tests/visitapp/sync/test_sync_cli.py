"""``visitapp enrol`` and ``visitapp sync`` for IT: enrol, sync, and a revoked laptop destroyed."""

from __future__ import annotations

from pathlib import Path

import pytest

from syncserver import accounts
from syncserver.db import Database
from tests.helpers.vaults import FAST_KDF, PASSPHRASE, WORKER
from tests.syncserver.serverkit import LiveServer
from tests.visitapp.sync.synckit import ServerWorker
from visitapp.casework import Casework
from visitapp.cli import main
from visitapp.domain.models import Child
from visitapp.paths import VaultPaths
from visitapp.store import sync_state as ss
from visitapp.vault import create_vault, unlock_vault


def test_enrol_sync_and_revoke_from_the_command_line(
    tmp_path: Path,
    live: LiveServer,
    server_db: Database,
    worker: ServerWorker,
    capsys: pytest.CaptureFixture[str],
) -> None:
    paths = VaultPaths(tmp_path / "vault")
    vault = create_vault(paths, WORKER, PASSPHRASE, params=FAST_KDF)
    child = Child(full_name="Jordan Example")
    Casework(vault.connect(), vault.worker_id).save_child(child)
    vault.lock()
    worker.assign(child.id)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    base = ["--data-dir", str(paths.root), "--passphrase-file", str(secret)]

    assert main(["enrol", *base, "--server", live.url, "--code", worker.code()]) == 0
    assert main(["sync", *base]) == 0
    out = capsys.readouterr().out
    assert "Result: synced" in out and "sent 1" in out
    vault = unlock_vault(paths, PASSPHRASE)
    conn = vault.connect()
    token = ss.meta_get(conn, ss.DEVICE_TOKEN) or ""
    device_id = ss.meta_get(conn, ss.DEVICE_ID) or ""
    vault.lock()
    assert token and token not in out and "Jordan" not in out

    assert main(["enrol", *base, "--server", live.url, "--code", "WRONG-CODE"]) == 2
    assert "did not work" in capsys.readouterr().err

    accounts.revoke_device(server_db, device_id)
    assert main(["sync", *base]) == 3
    out = capsys.readouterr().out
    assert "withdrawn" in out and "destroyed" in out
    assert not paths.key_file.exists() and not paths.database.exists()
