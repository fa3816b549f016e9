"""Guided-visit figures: opening a busy visit, and the caseload with due dates on a 10,000-visit vault."""

from __future__ import annotations

import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from bench.common import demo_vault, ms, percentile, verdict
from visitapp.domain.models import Visit
from visitapp.paths import VaultPaths
from visitapp.store import visits
from visitapp.vault import unlock_vault
from visitapp.visit_flow import VisitFlow

REPEATS = 50


def _timings(action, repeats: int = REPEATS) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def run() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory(prefix="visitapp-bench-") as tmp:
        paths, passphrase = VaultPaths(Path(tmp) / "v"), "bench kettle orbit daffodil"
        demo_vault(paths.root, passphrase, children=60, visits=10_000)
        vault = unlock_vault(paths, passphrase)  # as the app unlocks it, memory security on
        conn = vault.connect()
        flow = VisitFlow(conn, vault.worker_id)
        child_id = conn.execute("SELECT id FROM children LIMIT 1").fetchone()[0]
        busy = Visit(child_id=child_id, starts_at=datetime(2026, 11, 23, 10, 0))
        visits.upsert_visit(conn, busy)
        for n in range(30):
            flow.add_quote(busy.id, f"Something you told me, number {n}, in your own words.")
        for n in range(10):
            flow.add_tool_entry(busy.id, "three_houses", {"worries": f"worry {n}", "dreams": "the seaside"})
        opening = _timings(lambda: flow.steps(flow.open(busy.id)))
        caseload = _timings(lambda: flow.caseload(date(2026, 11, 23)))
        rows = len(flow.caseload(date(2026, 11, 23)))
        vault.lock()
    p95_open, p95_caseload = percentile(opening, 95), percentile(caseload, 95)
    return [
        ("open a visit with 30 quotes + 10 tool entries, p50", ms(percentile(opening, 50))),
        ("  p95", f"{ms(p95_open)}  {verdict(p95_open, 0.100)} (≤ 100 ms)"),
        (f"caseload of {rows} children with due dates (10,000 visits), p50", ms(percentile(caseload, 50))),
        ("  p95", f"{ms(p95_caseload)}  {verdict(p95_caseload, 0.050)} (≤ 50 ms)"),
    ]
