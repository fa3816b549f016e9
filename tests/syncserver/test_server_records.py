"""Push and pull at the storage level, on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
import uuid

from syncserver import accounts, records
from syncserver.db import Database
from tests.syncserver.serverkit import change, make_worker
from visitapp.sync import protocol as p


def count(db: Database, sql: str, params: tuple[object, ...] = ()) -> int:
    with db.transaction() as tx:
        return int(tx.scalar(sql, params))


def test_create_then_replay_returns_the_first_answer(db: Database) -> None:
    amy = make_worker(db, "amy")
    c = change(amy.children[0])
    first = records.push(db, amy.device_id, amy.worker_id, [c])[0]
    assert first.status == "accepted" and first.version == 1 and first.sequence
    again = records.push(db, amy.device_id, amy.worker_id, [c])[0]
    assert again == first
    assert count(db, "SELECT COUNT(*) FROM records") == 1
    assert count(db, "SELECT COUNT(*) FROM change_log") == 1


def test_change_id_reused_for_other_content_is_rejected(db: Database) -> None:
    amy = make_worker(db, "amy")
    c = change(amy.children[0])
    records.push(db, amy.device_id, amy.worker_id, [c])
    c.body = {"text": "something else"}
    result = records.push(db, amy.device_id, amy.worker_id, [c])[0]
    assert (result.status, result.reason_code) == ("rejected", p.REASON_CHANGE_ID_REUSED)


def test_update_from_an_old_version_is_a_conflict_and_both_are_kept(db: Database) -> None:
    amy = make_worker(db, "amy")
    rid = str(uuid.uuid4())
    child = amy.children[0]
    records.push(db, amy.device_id, amy.worker_id, [change(child, rid, body={"v": "first"})])
    ok = records.push(db, amy.device_id, amy.worker_id, [change(child, rid, base=1, body={"v": "laptop A"})])[
        0
    ]
    assert (ok.status, ok.version) == ("accepted", 2)
    late = change(child, rid, base=1, body={"v": "laptop B"})
    result = records.push(db, amy.device_id, amy.worker_id, [late])[0]
    assert result.status == "conflict"
    assert result.server_record is not None
    assert result.server_record.body == {"v": "laptop A"} and result.server_record.version == 2
    with db.transaction() as tx:
        kept = tx.one(
            "SELECT body, base_version, server_version FROM conflicts WHERE change_id = ?", (late.change_id,)
        )
    assert kept == (p.canonical_json({"v": "laptop B"}), 1, 2)
    assert records.push(db, amy.device_id, amy.worker_id, [late])[0] == result  # replay: same answer


def test_signed_off_record_never_changes(db: Database) -> None:
    amy = make_worker(db, "amy")
    rid, child = str(uuid.uuid4()), amy.children[0]
    records.push(db, amy.device_id, amy.worker_id, [change(child, rid, signed_off=True)])
    for later in (
        change(child, rid, base=1, body={"text": "edited"}),
        change(child, rid, base=1, op="delete"),
    ):
        result = records.push(db, amy.device_id, amy.worker_id, [later])[0]
        assert (result.status, result.reason_code) == ("rejected", p.REASON_SIGNED_OFF)
        assert result.reason
    page = records.pull(db, amy.worker_id, 0, 10)
    assert [(r.version, r.body, r.signed_off) for r in page.records] == [(1, {"text": "x"}, True)]


def test_delete_leaves_a_tombstone_in_the_feed(db: Database) -> None:
    amy = make_worker(db, "amy")
    rid, child = str(uuid.uuid4()), amy.children[0]
    records.push(db, amy.device_id, amy.worker_id, [change(child, rid)])
    gone = records.push(db, amy.device_id, amy.worker_id, [change(child, rid, base=1, op="delete")])[0]
    assert (gone.status, gone.version) == ("accepted", 2)
    [tomb] = records.pull(db, amy.worker_id, 0, 10).records
    assert (tomb.deleted, tomb.body, tomb.version) == (True, None, 2)


def test_rejections_do_not_block_the_rest_of_the_batch(db: Database) -> None:
    amy = make_worker(db, "amy")
    bob = make_worker(db, "bob")
    child = amy.children[0]
    existing = str(uuid.uuid4())
    records.push(db, amy.device_id, amy.worker_id, [change(child, existing)])
    batch = [
        change(child, record_type="Not Valid"),
        change(bob.children[0]),  # someone else's child
        change(child, str(uuid.uuid4()), base=3),  # the server never had it
        change(amy.children[0], existing, base=1, body=None),  # upsert without a body
        change(child),  # fine
    ]
    out = records.push(db, amy.device_id, amy.worker_id, batch)
    assert [(r.status, r.reason_code) for r in out] == [
        ("rejected", p.REASON_INVALID),
        ("rejected", p.REASON_NOT_ASSIGNED),
        ("rejected", p.REASON_UNKNOWN_RECORD),
        ("rejected", p.REASON_INVALID),
        ("accepted", None),
    ]
    assert count(db, "SELECT COUNT(*) FROM records WHERE child_id = ?", (bob.children[0],)) == 0


def test_record_id_cannot_move_to_another_child(db: Database) -> None:
    amy = make_worker(db, "amy", n_children=2)
    rid = str(uuid.uuid4())
    records.push(db, amy.device_id, amy.worker_id, [change(amy.children[0], rid)])
    moved = records.push(db, amy.device_id, amy.worker_id, [change(amy.children[1], rid, base=1)])[0]
    assert (moved.status, moved.reason_code) == ("rejected", p.REASON_ID_IN_USE)


def test_concurrent_pushes_of_one_uuid_make_one_record(db: Database) -> None:
    amy = make_worker(db, "amy")
    child, rid = amy.children[0], str(uuid.uuid4())
    same = change(child, rid)  # a retry racing the original: same change id
    others = [change(child, rid, body={"n": i}) for i in range(6)]  # different change ids, same record
    batches = [[same], [same]] + [[c] for c in others]
    answers: list[p.ChangeResult] = []
    barrier = threading.Barrier(len(batches))

    def send(batch: list[p.Change]) -> None:
        barrier.wait()
        answers.extend(records.push(db, amy.device_id, amy.worker_id, batch))

    threads = [threading.Thread(target=send, args=(b,)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert count(db, "SELECT COUNT(*) FROM records WHERE record_id = ?", (rid,)) == 1
    assert count(db, "SELECT COUNT(*) FROM change_log WHERE record_id = ?", (rid,)) == 1
    same_answers = [a for a in answers if a.change_id == same.change_id]
    assert same_answers[0] == same_answers[1]
    by_change = {a.change_id: a.status for a in answers}
    assert sorted(by_change.values()) == ["accepted"] + ["conflict"] * 6


def test_pull_pages_without_gaps_while_others_push(db: Database) -> None:
    amy = make_worker(db, "amy")
    child = amy.children[0]
    for _ in range(5):
        records.push(db, amy.device_id, amy.worker_id, [change(child) for _ in range(7)])
    seen: dict[str, int] = {}
    since, pages = 0, 0
    while True:
        page = records.pull(db, amy.worker_id, since, 10)
        pages += 1
        if pages == 2:  # more changes arrive while the laptop is paging
            records.push(db, amy.device_id, amy.worker_id, [change(child) for _ in range(4)])
        for r in page.records:
            assert r.sequence > since
            seen[r.record_id] = r.version
        since = page.next_since
        if not page.has_more:
            break
    assert len(seen) == 39
    assert count(db, "SELECT COUNT(*) FROM records") == 39


def test_pull_shows_only_assigned_children(db: Database) -> None:
    amy = make_worker(db, "amy")
    bob = make_worker(db, "bob")
    records.push(db, amy.device_id, amy.worker_id, [change(amy.children[0])])
    records.push(db, bob.device_id, bob.worker_id, [change(bob.children[0])])
    page = records.pull(db, amy.worker_id, 0, 100)
    assert {r.child_id for r in page.records} == {amy.children[0]}
    assert page.assigned_children == amy.children


def test_newly_assigned_child_arrives_whatever_the_cursor(db: Database) -> None:
    amy = make_worker(db, "amy")
    bob = make_worker(db, "bob")
    records.push(db, bob.device_id, bob.worker_id, [change(bob.children[0]) for _ in range(3)])
    records.push(db, amy.device_id, amy.worker_id, [change(amy.children[0]) for _ in range(3)])
    cursor = records.pull(db, amy.worker_id, 0, 100).next_since
    assert accounts.assign(db, bob.children[0], "amy")
    page = records.pull(db, amy.worker_id, cursor, 100)
    assert {r.child_id for r in page.records} == {bob.children[0]} and len(page.records) == 3
    assert [r.version for r in page.records] == [1, 1, 1]
    assert accounts.unassign(db, bob.children[0], "amy")
    after = records.pull(db, amy.worker_id, 0, 100)
    assert bob.children[0] not in after.assigned_children
    assert {r.child_id for r in after.records} == {amy.children[0]}


def test_ids_are_case_insensitive(db: Database) -> None:
    amy = make_worker(db, "amy")
    rid = str(uuid.uuid4())
    records.push(db, amy.device_id, amy.worker_id, [change(amy.children[0].upper(), rid.upper())])
    [r] = records.pull(db, amy.worker_id, 0, 10).records
    assert (r.record_id, r.child_id) == (rid, amy.children[0])
