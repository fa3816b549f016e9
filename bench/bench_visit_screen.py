"""Visit-screen figures, measured offscreen through the real app (store thread, controller, every page):

- opening the guided visit screen on a visit with 30 quotes and 10 direct-work entries (target ≤ 100 ms);
- showing the caseload of 60 children with their next visit due (target ≤ 50 ms);

both on a demo vault of 60 children and 10,000 visits, as ``visitapp demo --children 60 --visits 10000``
makes. "Shown" means the store job has answered, every widget is filled and the window has painted.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from bench.common import demo_vault, ms, percentile, verdict

REPEATS = 30
PASSPHRASE = "bench kettle orbit daffodil"


def _vault(root: Path) -> tuple[str, str, str]:
    """A demo vault plus one busy visit; returns (child id, busy visit id, another visit id)."""
    from visitapp.domain.models import Visit
    from visitapp.paths import VaultPaths
    from visitapp.store import visits
    from visitapp.vault import unlock_vault
    from visitapp.visit_flow import VisitFlow

    demo_vault(root, PASSPHRASE, children=60, visits=10_000)
    vault = unlock_vault(VaultPaths(root), PASSPHRASE)
    conn = vault.connect()
    flow = VisitFlow(conn, vault.worker_id)
    child_id = conn.execute("SELECT id FROM children ORDER BY full_name LIMIT 1").fetchone()[0]
    busy = Visit(child_id=child_id, starts_at=datetime(2026, 11, 23, 10, 0), purpose="A long visit")
    visits.upsert_visit(conn, busy)
    for n in range(30):
        flow.add_quote(busy.id, f"Something you told me, number {n}, in your own words, word for word.")
    for n in range(10):
        flow.add_tool_entry(busy.id, "three_houses", {"worries": f"worry {n}", "dreams": "the seaside"})
    other = conn.execute("SELECT id FROM visits WHERE child_id = ? AND id != ? LIMIT 1", (child_id, busy.id))
    other_id = other.fetchone()[0]
    vault.lock()
    return child_id, busy.id, other_id


def _wait(app, until: Callable[[], bool], limit: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEventLoop

    end = time.perf_counter() + limit
    while not until():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if time.perf_counter() > end:
            raise TimeoutError("the screen did not answer")


def run() -> list[tuple[str, str]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import application, build

    with tempfile.TemporaryDirectory(prefix="visitapp-bench-") as tmp:
        child_id, busy_id, other_id = _vault(Path(tmp) / "v")
        app = application()
        controller = build(Path(tmp) / "v")
        window = controller.window
        window.resize(1366, 768)
        window.show()
        controller.start()
        controller.screens.unlock.passphrase.setText(PASSPHRASE)
        controller.screens.unlock.unlock.click()
        _wait(app, lambda: controller.unlocked and controller.caseload.model.rowCount() == 60)

        def open_visit(visit_id: str) -> float:
            shown: list[bool] = []
            started = time.perf_counter()
            controller.visit.open(visit_id, lambda: shown.append(True))
            _wait(app, lambda: bool(shown))
            window.repaint()  # the first paint of the filled screen, synchronously
            return time.perf_counter() - started

        controller.navigator.open_child(child_id)
        _wait(app, lambda: controller.child.child_id == child_id)
        controller.screens.workspace.pages.setCurrentWidget(controller.screens.visit)
        opening = []
        for _ in range(REPEATS):
            open_visit(other_id)  # a different visit between, so every open really refills the screen
            opening.append(open_visit(busy_id))
        shown_quotes = controller.screens.visit.words.quotes.count()
        shown_tools = controller.screens.visit.words.tools.count()

        loaded = controller.visit.loaded
        assert loaded is not None
        filling = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            controller.visit.apply(loaded, full=True)
            filling.append(time.perf_counter() - started)

        def open_caseload() -> float:
            shown: list[bool] = []
            controller.caseload.model.clear()
            started = time.perf_counter()
            controller.caseload.open(lambda: shown.append(True))
            _wait(app, lambda: bool(shown))
            controller.screens.workspace.pages.setCurrentWidget(controller.screens.caseload)
            window.repaint()
            return time.perf_counter() - started

        caseload = [open_caseload() for _ in range(REPEATS)]
        model = controller.caseload.model
        with_due = sum(1 for r in range(model.rowCount()) if model.index(r, model.NEXT_DUE).data())
        controller.shutdown()
        window.close()

    p95_open, p95_caseload = percentile(opening, 95), percentile(caseload, 95)
    return [
        (f"open the visit screen ({shown_quotes} quotes, {shown_tools} tool entries), p50",
         ms(percentile(opening, 50))),
        ("  p95", f"{ms(p95_open)}  {verdict(p95_open, 0.100)} (≤ 100 ms)"),
        ("  of which filling the widgets, p50", ms(percentile(filling, 50))),
        (f"show the caseload of {model.rowCount()} children ({with_due} with due dates), p50",
         ms(percentile(caseload, 50))),
        ("  p95", f"{ms(p95_caseload)}  {verdict(p95_caseload, 0.050)} (≤ 50 ms)"),
    ]  # fmt: skip
