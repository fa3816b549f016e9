"""Vault figures: unlock vs the KDF alone, autosave latency on a 10,000-visit vault, SQLCipher vs SQLite.

SQLCipher's memory security (on, as DESIGN.md asks) is process-wide once on, so the same saves without it
run in a child process over the same vault: the difference is what locking and wiping memory costs.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import median, ms, percentile, verdict
from visitapp.casework import Casework
from visitapp.demo import populate
from visitapp.domain.models import Worker
from visitapp.paths import VaultPaths
from visitapp.store import migrations
from visitapp.store.keys import KdfParams
from visitapp.vault import create_vault, unlock_vault

PASSPHRASE = "bench kettle orbit daffodil"
WORKER = Worker("Bench Worker", "Social Worker", "Bench Team")
SAVES = 300


def _time_saves(casework: Casework, visit_ids: list[str]) -> list[float]:
    samples = []
    for n in range(SAVES):
        text = "You told me about your week at school. " * (5 + n % 40)
        started = time.perf_counter()
        casework.save_notes(visit_ids[n % len(visit_ids)], text)
        samples.append(time.perf_counter() - started)
    return samples


WITHOUT_MEMORY_SECURITY = """
import json, sys
from pathlib import Path
from bench.bench_vault import _draft_ids, _time_saves
from visitapp.casework import Casework
from visitapp.paths import VaultPaths
from visitapp.store import db, keys, settings
paths = VaultPaths(Path(sys.argv[1]))
key = keys.unwrap_key(keys.read_key_file(paths.key_file), sys.argv[2])
conn = db.connect(paths.database, key, memory_security=False)
worker_id = settings.load_worker(conn)[0]
print(json.dumps(_time_saves(Casework(conn, worker_id), _draft_ids(conn))))
conn.close()
"""


def _saves_without_memory_security(paths: VaultPaths) -> list[float]:
    done = subprocess.run([sys.executable, "-c", WITHOUT_MEMORY_SECURITY, str(paths.root), PASSPHRASE],
                          check=True, capture_output=True, text=True, timeout=600)  # fmt: skip
    return list(json.loads(done.stdout))


def _draft_ids(conn) -> list[str]:  # type: ignore[no-untyped-def]
    return [r[0] for r in conn.execute("SELECT id FROM visits WHERE status = 'draft' LIMIT 50")]


def run() -> list[tuple[str, str]]:
    figures: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="visitapp-bench-") as tmp:
        paths = VaultPaths(Path(tmp) / "vault")
        vault = create_vault(paths, WORKER, PASSPHRASE)
        populate(vault.connect(), vault.worker_id, n_children=40, n_visits=10_000)
        vault.lock()

        kdf = [_timed(lambda: KdfParams().derive(PASSPHRASE, secrets.token_bytes(16))) for _ in range(5)]
        unlock = []
        for _ in range(5):
            started = time.perf_counter()
            opened = unlock_vault(paths, PASSPHRASE)
            unlock.append(time.perf_counter() - started)
            opened.lock()
        ratio = median(unlock) / median(kdf)
        figures += [
            ("KDF alone (scrypt n=2^17, median of 5)", ms(median(kdf))),
            ("unlock (median of 5)", f"{ms(median(unlock))}  {verdict(median(unlock), 1.0)} (≤ 1 s)"),
            ("unlock / KDF", f"{ratio:.2f}×  {verdict(ratio, 1.3)} (≤ 1.3×)"),
        ]

        opened = unlock_vault(paths, PASSPHRASE)
        conn = opened.connect()
        encrypted = _time_saves(Casework(conn, opened.worker_id), _draft_ids(conn))
        opened.lock()
        unguarded = _saves_without_memory_security(paths)

        plain_conn = sqlite3.connect(str(Path(tmp) / "plain.db"), isolation_level=None)
        for pragma in (
            "journal_mode = WAL",
            "synchronous = FULL",
            "secure_delete = ON",
            "temp_store = MEMORY",
        ):
            plain_conn.execute(f"PRAGMA {pragma}")
        migrations.migrate(plain_conn)  # type: ignore[arg-type]
        plain_conn.execute("INSERT INTO worker VALUES ('w', 'Bench Worker', 'Social Worker', 'Bench Team')")
        populate(plain_conn, "w", n_children=40, n_visits=10_000)  # type: ignore[arg-type]
        plain = _time_saves(Casework(plain_conn, "w"), _draft_ids(plain_conn))  # type: ignore[arg-type]
        plain_conn.close()

    p95 = percentile(encrypted, 95)
    ratio = median(encrypted) / median(plain)
    figures += [
        (f"autosave p50 (10,000 visits, {SAVES} saves)", ms(percentile(encrypted, 50))),
        ("autosave p95", f"{ms(p95)}  {verdict(p95, 0.020)} (≤ 20 ms)"),
        ("same saves on plain SQLite p50 / p95", f"{ms(median(plain))} / {ms(percentile(plain, 95))}"),
        ("SQLCipher / plain SQLite (p50)", f"{ratio:.2f}×  {verdict(ratio, 1.5)} (≤ 1.5×)"),
        ("same saves, SQLCipher without memory security, p50", ms(median(unguarded))),
        ("the same / plain SQLite (p50)", f"{median(unguarded) / median(plain):.2f}×"),
    ]
    return figures


def _timed(action) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    action()
    return time.perf_counter() - started
