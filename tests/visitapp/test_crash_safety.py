"""A laptop that dies mid-sentence loses at most the last unsaved moment, never an acknowledged save.

A child process saves visits and notes in a loop, printing each id only after its commit returned. We kill
it with SIGKILL at random moments, then check that the vault opens, passes both integrity checks and holds
every save the child acknowledged.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers.vaults import FAST_KDF, PASSPHRASE, WORKER
from visitapp.casework import Casework
from visitapp.domain.models import Child
from visitapp.paths import VaultPaths
from visitapp.vault import create_vault, unlock_vault

WRITER = """
import sys
from datetime import datetime
from pathlib import Path
from visitapp.casework import Casework
from visitapp.domain.models import Visit
from visitapp.paths import VaultPaths
from visitapp.vault import unlock_vault

vault = unlock_vault(VaultPaths(Path(sys.argv[1])), sys.argv[2])
casework = Casework(vault.connect(), vault.worker_id)
child_id, run = sys.argv[3], sys.argv[4]
print("ready", flush=True)
n = 0
while True:
    visit = Visit(child_id=child_id, starts_at=datetime(2026, 1, 1, 9, 0), purpose=f"run {run}")
    casework.save_visit(visit)
    casework.save_notes(visit.id, f"notes {run}-{n} " + "words " * (n % 50))
    print(f"saved {visit.id} {run}-{n}", flush=True)
    n += 1
"""


def test_sigkill_at_random_moments_loses_no_acknowledged_save(tmp_path: Path) -> None:
    paths = VaultPaths(tmp_path / "vault")
    vault = create_vault(paths, WORKER, PASSPHRASE, params=FAST_KDF)
    child = Child(full_name="Crash Test Child")
    Casework(vault.connect(), vault.worker_id).save_child(child)
    vault.lock()

    rng = random.Random(20261123)
    acknowledged: dict[str, str] = {}
    for run in range(24):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(paths.root), PASSPHRASE, child.id, str(run)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.4))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        for line in out.splitlines():
            if line.startswith("saved "):
                _, visit_id, tag = line.split()
                acknowledged[visit_id] = f"notes {tag} "

        reopened = unlock_vault(paths, PASSPHRASE)
        conn = reopened.connect()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
        stored = dict(conn.execute("SELECT id, notes FROM visits").fetchall())
        missing = [vid for vid in acknowledged if vid not in stored]
        assert not missing, f"run {run}: {len(missing)} acknowledged visits lost"
        wrong = [vid for vid, prefix in acknowledged.items() if not stored[vid].startswith(prefix)]
        assert not wrong, f"run {run}: {len(wrong)} acknowledged notes lost"
        reopened.lock()
    assert len(acknowledged) > 24  # the writer really did get work done between kills
