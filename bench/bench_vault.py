"""Vault figures: unlock vs the KDF alone, autosave latency on a 10,000-visit vault, SQLCipher vs SQLite.

The save figures come from fresh child processes, one per database, each opening its database the way the
app does (the same pragmas, foreign keys included): the same work, measured the same way, for SQLCipher and
for plain SQLite. Rounds alternate between them so a busy moment on the machine does not land on one side
only. SQLCipher's memory security (on, as DESIGN.md asks) is process-wide once on, which is one more reason
each case runs in its own process; the same saves without it are printed too, to show what it costs.

Each child times two stretches of SAVES saves. "After unlock" is a sitting's autosaves: the WAL starts empty
(the vault was locked), so every commit makes it longer, and an fsync then has the file's size to write as
well. "Once the WAL is reused" comes after enough saves for SQLite to checkpoint and start the WAL again from
its beginning; a commit then overwrites what is already there. The fsync costs differ by more than the
encryption does, so both are printed.

Both databases are filled without memory security (as the demo command does): that changes nothing in the
file, and filling 10,000 visits with it on takes minutes.
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

import sqlcipher3

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
SAVES, ROUNDS = 300, 3
# Untimed saves: the first statements of a session, then enough for the 1,000-page WAL to be checkpointed
# and begun again (a notes save writes a page or two).
WARM_UP, UNTIL_WAL_REUSED = 20, 1200
# What the app sets on every connection (visitapp/store/db.py), for the plain database too.
PLAIN_PRAGMAS = ("journal_mode = WAL", "synchronous = FULL", "secure_delete = ON", "temp_store = MEMORY",
                 "foreign_keys = ON")  # fmt: skip


def _time_saves(casework: Casework, visit_ids: list[str], count: int) -> list[float]:
    samples = []
    for n in range(count):
        text = "You told me about your week at school. " * (5 + n % 40)
        started = time.perf_counter()
        casework.save_notes(visit_ids[n % len(visit_ids)], text)
        samples.append(time.perf_counter() - started)
    return samples


def _draft_ids(conn) -> list[str]:  # type: ignore[no-untyped-def]
    return [r[0] for r in conn.execute("SELECT id FROM visits WHERE status = 'draft' LIMIT 50")]


def _open_plain(path: Path, same_engine: bool = False) -> sqlite3.Connection:
    """A plain database, through Python's sqlite3 or (``same_engine``) through sqlcipher3 with no key: the
    same SQLite build as the vault's, without encryption."""
    engine = sqlcipher3 if same_engine else sqlite3
    conn: sqlite3.Connection = engine.connect(str(path), isolation_level=None)
    for pragma in PLAIN_PRAGMAS:
        conn.execute(f"PRAGMA {pragma}")
    return conn


# Run in a child process: python -c SAVES_IN_CHILD <kind> <folder>; prints both stretches' samples as JSON.
SAVES_IN_CHILD = """
import json, sys
from pathlib import Path
from bench.bench_vault import PASSPHRASE, SAVES, UNTIL_WAL_REUSED, WARM_UP
from bench.bench_vault import _draft_ids, _open_plain, _time_saves
from visitapp.casework import Casework
from visitapp.paths import VaultPaths
from visitapp.store import db, keys, settings
kind, folder = sys.argv[1], Path(sys.argv[2])
if kind == "plain":
    conn, worker_id = _open_plain(folder / "plain.db"), "w"
elif kind == "plain-same-engine":
    conn, worker_id = _open_plain(folder / "plain.db", same_engine=True), "w"
else:
    paths = VaultPaths(folder / "vault")
    key = keys.unwrap_key(keys.read_key_file(paths.key_file), PASSPHRASE)
    conn = db.connect(paths.database, key, memory_security=(kind == "sqlcipher"))
    worker_id = settings.load_worker(conn)[0]
casework, ids = Casework(conn, worker_id), _draft_ids(conn)
_time_saves(casework, ids, WARM_UP)
after_unlock = _time_saves(casework, ids, SAVES)
_time_saves(casework, ids, UNTIL_WAL_REUSED)
print(json.dumps({"after_unlock": after_unlock, "wal_reused": _time_saves(casework, ids, SAVES)}))
conn.close()
"""
KINDS = ("sqlcipher", "plain", "sqlcipher-without-memory-security", "plain-same-engine")


def _saves_in_child(kind: str, folder: Path) -> dict[str, list[float]]:
    done = subprocess.run([sys.executable, "-c", SAVES_IN_CHILD, kind, str(folder)],
                          check=True, capture_output=True, text=True, timeout=600)  # fmt: skip
    return dict(json.loads(done.stdout))


def run() -> list[tuple[str, str]]:
    figures: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="visitapp-bench-") as tmp:
        paths = VaultPaths(Path(tmp) / "vault")
        vault = create_vault(paths, WORKER, PASSPHRASE, memory_security=False)
        populate(vault.connect(), vault.worker_id, n_children=40, n_visits=10_000)
        vault.lock()
        plain_conn = _open_plain(Path(tmp) / "plain.db")
        migrations.migrate(plain_conn)  # type: ignore[arg-type]
        plain_conn.execute("INSERT INTO worker VALUES ('w', 'Bench Worker', 'Social Worker', 'Bench Team')")
        populate(plain_conn, "w", n_children=40, n_visits=10_000)  # type: ignore[arg-type]
        plain_conn.close()

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

        runs: dict[str, list[dict[str, list[float]]]] = {kind: [] for kind in KINDS}
        for _ in range(ROUNDS):
            for kind in KINDS:
                runs[kind].append(_saves_in_child(kind, Path(tmp)))

    def p50(kind: str, stretch: str) -> float:  # the median of the rounds' medians
        return median([median(run[stretch]) for run in runs[kind]])

    def p95(kind: str, stretch: str) -> float:
        return percentile([s for run in runs[kind] for s in run[stretch]], 95)

    autosave_p50, autosave_p95 = p50("sqlcipher", "after_unlock"), p95("sqlcipher", "after_unlock")
    figures += [
        (f"autosave after unlock p50 (10,000 visits, {ROUNDS} × {SAVES})", ms2(autosave_p50)),
        ("autosave after unlock p95", f"{ms2(autosave_p95)}  {verdict(autosave_p95, 0.020)} (≤ 20 ms)"),
    ]
    for stretch, label in (("after_unlock", "after unlock"), ("wal_reused", "once the WAL is reused")):
        encrypted, plain = p50("sqlcipher", stretch), p50("plain", stretch)
        unguarded = p50("sqlcipher-without-memory-security", stretch)
        ratio = encrypted / plain
        figures += [
            (f"{label}: SQLCipher / plain SQLite p50", f"{ms2(encrypted)} / {ms2(plain)}"),
            (f"{label}: SQLCipher / plain SQLite", f"{ratio:.2f}×  {verdict(ratio, 1.5)} (≤ 1.5×)"),
            (f"{label}: without memory security", f"{ms2(unguarded)}, {unguarded / plain:.2f}× plain"),
            (f"{label}: plain via sqlcipher3 (same build, no key)", ms2(p50("plain-same-engine", stretch))),
        ]
    return figures


def ms2(seconds: float) -> str:
    """Saves take well under a millisecond: two decimals, or every ratio's parts read the same."""
    return f"{seconds * 1000:.2f} ms"


def _timed(action) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    action()
    return time.perf_counter() - started
