"""Sync through a fault-injecting proxy on 127.0.0.1. After every fault: no acknowledged change lost, no
duplicates, and the laptops hold exactly what the server holds."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from syncserver.db import Database
from tests.syncserver.serverkit import LiveServer
from tests.visitapp.sync import faultproxy as fp
from tests.visitapp.sync.synckit import (
    Laptop,
    ServerWorker,
    assert_converged,
    assert_no_duplicates,
    server_pictures,
)
from visitapp.store import sync_state as ss
from visitapp.sync import account, status

SMALL_CHUNKS = 16 * 1024


@pytest.fixture
def proxy(live: LiveServer) -> Iterator[fp.FaultProxy]:
    proxy = fp.FaultProxy(live.port)
    yield proxy
    proxy.stop()


def _only(method: str, path_part: str, decision: fp.Decision, times: int = 1) -> object:
    left = [times]

    def decide(request: fp.Request) -> fp.Decision:
        if request.method == method and path_part in request.path and left[0] > 0:
            left[0] -= 1
            return decision
        return fp.Decision()

    return decide


def test_a_push_cut_at_many_offsets_is_sent_once(
    tmp_path: Path, proxy: fp.FaultProxy, live: LiveServer, server_db: Database, worker: ServerWorker
) -> None:
    a = Laptop(tmp_path / "a", proxy.url, worker.code())
    child = a.new_child(worker)
    assert a.sync().outcome == "synced"
    for offset in (0, 1, 20, 60, 120, 200, 300, 400, 500, 700, 900, 1200):
        visit = a.new_visit(child.id, f"notes cut at {offset}")
        a.flow.add_quote(visit.id, f"words {offset}")
        proxy.decide = _only("POST", "/push", fp.Decision(fp.CUT_REQUEST, at=offset))  # type: ignore[assignment]
        report = a.sync()
        assert report.outcome == "synced", report.message
        assert report.sent == 2
        assert_no_duplicates(server_db)
    assert proxy.stats.faults["cut_request"] == 12
    assert_converged(server_db, a)


def test_pictures_cut_mid_upload_resume_and_match(
    tmp_path: Path, proxy: fp.FaultProxy, live: LiveServer, server_db: Database, worker: ServerWorker
) -> None:
    a = Laptop(tmp_path / "a", proxy.url, worker.code())
    b = Laptop(tmp_path / "b", live.url, worker.code())
    child = a.new_child(worker)
    visit = a.new_visit(child.id)
    a.sync()
    shas = []
    offsets = [1, 100, SMALL_CHUNKS // 2, SMALL_CHUNKS - 1, SMALL_CHUNKS + 300, 3 * SMALL_CHUNKS]
    for seed, offset in enumerate(offsets):
        shas.append(a.add_picture(visit.id, side=120, seed=seed))
        # Cut the second chunk of this picture part-way (headers and all count as offsets).
        proxy.decide = _only("PUT", "/pictures/", fp.Decision(fp.CUT_REQUEST, at=offset))  # type: ignore[assignment]
        report = a.sync(chunk_bytes=SMALL_CHUNKS)
        assert report.outcome == "synced", report.message
    on_server = server_pictures(server_db)
    for sha in shas:
        assert hashlib.sha256(on_server[sha]).hexdigest() == sha
    assert status.overview(a.conn).pictures_waiting == 0
    # The other laptop gets the picture records and fetches the bytes.
    report = b.sync()
    assert report.pictures_received == len(shas), report
    assert report.outcome == "synced", report.message
    assert_converged(server_db, a, b)


def test_server_commits_but_the_reply_is_lost(
    tmp_path: Path, proxy: fp.FaultProxy, live: LiveServer, server_db: Database, worker: ServerWorker
) -> None:
    a = Laptop(tmp_path / "a", proxy.url, worker.code())
    child = a.new_child(worker)
    visit = a.new_visit(child.id, "first")
    a.add_picture(visit.id, side=100)
    flip = {"n": 0}

    def every_other_write(request: fp.Request) -> fp.Decision:
        if request.method in ("POST", "PUT"):
            flip["n"] += 1
            if flip["n"] % 2:
                return fp.Decision(fp.DROP_REPLY)
        return fp.Decision()

    proxy.decide = every_other_write  # type: ignore[assignment]
    for i in range(5):
        a.casework.save_notes(visit.id, f"edit {i}")
        a.flow.add_quote(visit.id, f"said {i}")
        assert a.sync(chunk_bytes=SMALL_CHUNKS).outcome == "synced"
    assert proxy.stats.faults["drop_reply"] >= 5
    assert_no_duplicates(server_db)
    assert_converged(server_db, a)


def test_replies_lost_half_way_through(
    tmp_path: Path, proxy: fp.FaultProxy, live: LiveServer, server_db: Database, worker: ServerWorker
) -> None:
    a = Laptop(tmp_path / "a", proxy.url, worker.code())
    child = a.new_child(worker)
    for at in (5, 40, 120, 200):
        a.new_visit(child.id, f"reply cut at {at}")
        proxy.decide = _only("POST", "/push", fp.Decision(fp.CUT_REPLY, at=at))  # type: ignore[assignment]
        assert a.sync().outcome == "synced"
    assert_no_duplicates(server_db)
    assert_converged(server_db, a)


def test_thirty_percent_errors_with_retry_after_are_honoured(
    tmp_path: Path, proxy: fp.FaultProxy, live: LiveServer, server_db: Database, worker: ServerWorker
) -> None:
    rng = random.Random(7)
    a = Laptop(tmp_path / "a", proxy.url, worker.code())
    b = Laptop(tmp_path / "b", proxy.url, worker.code())
    child = a.new_child(worker)

    def flaky(_request: fp.Request) -> fp.Decision:
        if rng.random() < 0.3:
            return fp.Decision(fp.ERROR, status=rng.choice([500, 503]), retry_after="2")
        return fp.Decision()

    proxy.decide = flaky  # type: ignore[assignment]
    for i in range(6):
        visit = a.new_visit(child.id, f"visit {i}")
        a.flow.add_quote(visit.id, "hello")
        a.add_picture(visit.id, side=90, seed=i)
        assert a.sync(chunk_bytes=SMALL_CHUNKS).outcome == "synced"
        assert b.sync(chunk_bytes=SMALL_CHUNKS).outcome == "synced"
    injected = proxy.stats.statuses.count(500) + proxy.stats.statuses.count(503)
    assert injected >= 10
    # Every wait after an injected error was at least the 2 seconds the server asked for (sleeps are recorded,
    # not slept, so the test stays fast); no other waits happened.
    waits = a.sleeps + b.sleeps
    assert len(waits) == injected and min(waits) >= 2.0
    assert_no_duplicates(server_db)
    assert_converged(server_db, a, b)


def test_duplicate_delivery_makes_no_duplicates(
    tmp_path: Path, proxy: fp.FaultProxy, live: LiveServer, server_db: Database, worker: ServerWorker
) -> None:
    a = Laptop(tmp_path / "a", proxy.url, worker.code())
    b = Laptop(tmp_path / "b", proxy.url, worker.code())
    child = a.new_child(worker)

    def twice(request: fp.Request) -> fp.Decision:
        return fp.Decision(fp.DUPLICATE) if request.method in ("POST", "PUT") else fp.Decision()

    proxy.decide = twice  # type: ignore[assignment]
    for i in range(4):
        visit = a.new_visit(child.id, f"visit {i}")
        a.add_picture(visit.id, side=80, seed=i)
        a.sync(chunk_bytes=SMALL_CHUNKS)
        b.sync()
    assert proxy.stats.faults["duplicate"] >= 8
    assert_no_duplicates(server_db)
    assert_converged(server_db, a, b)


def test_token_expiry_mid_sync_keeps_everything_and_resumes_after_re_enrolment(
    tmp_path: Path, proxy: fp.FaultProxy, live: LiveServer, server_db: Database, worker: ServerWorker
) -> None:
    a = Laptop(tmp_path / "a", proxy.url, worker.code())
    child = a.new_child(worker)
    for i in range(450):
        a.new_visit(child.id, f"visit {i}")
    device_id = ss.meta_get(a.conn, ss.DEVICE_ID)
    pushes = {"n": 0}

    def expire_after_first_batch(request: fp.Request) -> fp.Decision:
        if request.method == "POST" and "/push" in request.path:
            pushes["n"] += 1
            if pushes["n"] == 2:  # the token stops working between two batches of one sync
                with server_db.transaction(write=True) as tx:
                    tx.execute("UPDATE devices SET token_hash = NULL WHERE id = ?", (device_id,))
        return fp.Decision()

    proxy.decide = expire_after_first_batch  # type: ignore[assignment]
    report = a.sync()
    assert report.outcome == "not_recognised" and 0 < report.sent < 451
    assert "new enrolment code" in report.message
    assert status.overview(a.conn).state == "needs_attention"
    assert any(p.kind == "not_recognised" for p in status.problems(a.conn))
    assert status.overview(a.conn).waiting == 451 - report.sent  # nothing lost
    account.enrol(a.conn, proxy.url, worker.code(), client=a.client())
    assert a.sync().outcome == "synced"
    assert_no_duplicates(server_db)
    assert_converged(server_db, a)


def test_a_revoked_laptop_reports_what_was_not_sent_then_its_vault_is_destroyed(
    tmp_path: Path, proxy: fp.FaultProxy, live: LiveServer, server_db: Database, worker: ServerWorker
) -> None:
    from syncserver import accounts
    from visitapp.sync.wipe import destroy_vault

    a = Laptop(tmp_path / "a", proxy.url, worker.code())
    child = a.new_child(worker)
    a.sync()
    visit = a.new_visit(child.id, "not sent yet")
    a.add_picture(visit.id, side=64)
    accounts.revoke_device(server_db, str(ss.meta_get(a.conn, ss.DEVICE_ID)))
    report = a.sync()
    assert report.outcome == "revoked"
    left = status.unsynced(a.conn)
    assert left.records == {"visit": 1, "picture": 1} and left.pictures == 1
    assert "1 × visit" in left.lines()
    result = destroy_vault(a.paths, a.vault)
    assert result.complete and "key.json" in result.removed and "vault.db" in result.removed
    assert a.vault.is_locked
    assert not a.paths.key_file.exists() and not a.paths.database.exists()
    assert [p.name for p in a.paths.root.iterdir()] == []
