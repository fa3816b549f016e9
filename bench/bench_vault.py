"""Vault figures: unlock vs the KDF alone, autosave latency on a 10,000-visit vault, SQLCipher vs SQLite."""

from __future__ import annotations

import secrets
import sqlite3
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
    ]
    return figures


def _timed(action) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    action()
    return time.perf_counter() - started
