"""A hypothesis state machine: two laptops of one worker make random edits, sync through a faulty link,
crash at random points and settle conflicts. After every step nothing the server acknowledged is lost and no
change is stored twice; at the end, with the link healed and conflicts settled, all sides are equal."""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from syncserver.db import Database
from tests.syncserver.serverkit import LiveServer
from tests.visitapp.sync import faultproxy as fp
from tests.visitapp.sync.synckit import (
    Laptop,
    assert_converged,
    assert_no_duplicates,
    laptop_records,
    make_server_worker,
)
from visitapp.store import sync_state as ss
from visitapp.sync import status

FAULTS = ["none", "cut_push", "drop_reply", "errors", "duplicate", "cut_pull_reply"]


class Crash(Exception):
    """Stands in for the process dying at a point inside a sync."""


class TwoLaptops(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="visitapp-sync-"))
        self.db = Database("sqlite:///" + str(self.dir / "server.db"))
        self.db.migrate()
        self.server = LiveServer(self.db)
        self.proxy = fp.FaultProxy(self.server.port)
        self.rng = random.Random(0)
        worker = make_server_worker(self.db)
        self.laptops = [Laptop(self.dir / name, self.proxy.url, worker.code()) for name in ("a", "b")]
        self.child = self.laptops[0].new_child(worker)
        self.laptops[0].sync()
        self.laptops[1].sync()
        self.visits: list[str] = []

    def teardown(self) -> None:
        try:
            self.proxy.decide = lambda _r: fp.Decision()  # type: ignore[assignment]
            outcomes = []
            for _ in range(3):  # conflicts found in one round are settled in the next
                outcomes = []
                for laptop in self.laptops:
                    for problem in status.problems(laptop.conn):
                        if problem.conflict_id is not None and problem.kind != "held":
                            status.resolve_conflict(laptop.conn, problem.conflict_id, "theirs")
                    outcomes.append(laptop.sync().outcome)
            assert outcomes == ["synced", "synced"]
            assert_no_duplicates(self.db)
            assert_converged(self.db, *self.laptops)
        finally:
            for laptop in self.laptops:
                laptop.close()
            self.proxy.stop()
            self.server.stop()
            self.db.close()
            shutil.rmtree(self.dir, ignore_errors=True)

    # Edits ------------------------------------------------------------------------------------------------

    @rule(who=st.integers(0, 1), name=st.sampled_from(["Sam", "Sammy", "Alex", "Al"]))
    def edit_child(self, who: int, name: str) -> None:
        laptop = self.laptops[who]
        child = laptop.casework.child(self.child.id)
        child.known_as = name
        laptop.casework.save_child(child)

    @rule(who=st.integers(0, 1))
    def add_visit(self, who: int) -> None:
        self.visits.append(self.laptops[who].new_visit(self.child.id, "new").id)

    @precondition(lambda self: bool(self.visits))
    @rule(who=st.integers(0, 1), pick=st.integers(0, 100), text=st.text("abc ", max_size=12))
    def edit_visit(self, who: int, pick: int, text: str) -> None:
        laptop = self.laptops[who]
        visit_id = self.visits[pick % len(self.visits)]
        if laptop.conn.execute("SELECT 1 FROM visits WHERE id = ?", (visit_id,)).fetchone():
            laptop.casework.save_notes(visit_id, text)

    @precondition(lambda self: bool(self.visits))
    @rule(who=st.integers(0, 1), pick=st.integers(0, 100))
    def add_quote(self, who: int, pick: int) -> None:
        laptop = self.laptops[who]
        visit_id = self.visits[pick % len(self.visits)]
        if laptop.conn.execute("SELECT 1 FROM visits WHERE id = ?", (visit_id,)).fetchone():
            laptop.flow.add_quote(visit_id, f"said {pick}")

    # Syncs, faults, crashes -------------------------------------------------------------------------------

    def _faults(self, kind: str) -> None:
        rng = self.rng

        def decide(request: fp.Request) -> fp.Decision:
            if kind == "none" or rng.random() > 0.4:
                return fp.Decision()
            if kind == "cut_push" and request.method == "POST":
                return fp.Decision(fp.CUT_REQUEST, at=rng.randrange(0, max(1, len(request.raw))))
            if kind == "drop_reply" and request.method == "POST":
                return fp.Decision(fp.DROP_REPLY)
            if kind == "errors":
                return fp.Decision(fp.ERROR, status=rng.choice([500, 503]), retry_after="1")
            if kind == "duplicate" and request.method == "POST":
                return fp.Decision(fp.DUPLICATE)
            if kind == "cut_pull_reply" and request.method == "GET":
                return fp.Decision(fp.CUT_REPLY, at=rng.randrange(0, 400))
            return fp.Decision()

        self.proxy.decide = decide  # type: ignore[assignment]

    @rule(who=st.integers(0, 1), fault=st.sampled_from(FAULTS))
    def sync(self, who: int, fault: str) -> None:
        self._faults(fault)
        report = self.laptops[who].sync()
        assert report.outcome in ("synced", "needs_attention", "offline"), report.message

    @rule(who=st.integers(0, 1), point=st.sampled_from(["pushed", "applied"]))
    def crash_mid_sync(self, who: int, point: str) -> None:
        self._faults("none")
        laptop = self.laptops[who]

        def hook(reached: str) -> None:
            if reached == point:
                raise Crash(point)

        try:
            laptop.sync(hook=hook)
        except Crash:
            pass
        laptop.reopen()

    @rule(who=st.integers(0, 1), keep=st.sampled_from(["mine", "theirs"]))
    def settle_a_conflict(self, who: int, keep: str) -> None:
        laptop = self.laptops[who]
        for problem in status.problems(laptop.conn):
            if problem.conflict_id is not None and problem.kind == "conflict":
                try:
                    status.resolve_conflict(laptop.conn, problem.conflict_id, keep)
                except status.ConflictError:
                    status.resolve_conflict(laptop.conn, problem.conflict_id, "theirs")
                return

    # After every step -------------------------------------------------------------------------------------

    @invariant()
    def nothing_acknowledged_is_lost(self) -> None:
        assert_no_duplicates(self.db)
        with self.db.transaction() as tx:
            history = {
                (str(t), str(i), int(v)): b
                for t, i, v, b in tx.all("SELECT record_type, record_id, version, body FROM change_log")
            }
        import json

        for laptop in self.laptops:
            pending = {
                (r[0], r[1]) for r in laptop.conn.execute("SELECT record_type, record_id FROM sync_outbox")
            }
            for (rtype, rid), body in laptop_records(laptop.conn).items():
                if (rtype, rid) in pending:
                    continue
                known = ss.known(laptop.conn, rtype, rid)
                assert known is not None, (rtype, rid)  # every record with nothing waiting reached the server
                stored = history[(rtype, rid, known.version)]
                assert json.loads(json.dumps(body)) == json.loads(stored), (rtype, rid, known.version)


TwoLaptops.TestCase.settings = settings(
    max_examples=12,
    stateful_step_count=14,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_two_laptops_converge = TwoLaptops.TestCase
