"""The worker's own details and small settings, both kept inside the encrypted vault."""

from __future__ import annotations

from visitapp.domain.models import Worker
from visitapp.store.db import Connection


def save_worker(conn: Connection, worker_id: str, worker: Worker) -> None:
    conn.execute(
        "INSERT INTO worker (id, full_name, job_title, team) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET full_name = excluded.full_name, job_title = excluded.job_title, "
        "team = excluded.team",
        (worker_id, worker.full_name, worker.job_title, worker.team),
    )


def load_worker(conn: Connection) -> tuple[str, Worker] | None:
    row = conn.execute("SELECT id, full_name, job_title, team FROM worker LIMIT 1").fetchone()
    if row is None:
        return None
    return row[0], Worker(full_name=row[1], job_title=row[2], team=row[3])


def get(conn: Connection, key: str, default: str | None = None) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def delete(conn: Connection, key: str) -> None:
    conn.execute("DELETE FROM settings WHERE key = ?", (key,))


def put(conn: Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
