"""The laptop's sync against a real server, without faults: send, receive, conflicts, refusals, sign-off."""

from __future__ import annotations

from pathlib import Path

import pytest

from syncserver import accounts
from syncserver.db import Database
from tests.syncserver.serverkit import LiveServer
from tests.visitapp.sync.synckit import (
    Laptop,
    ServerWorker,
    assert_converged,
    assert_no_duplicates,
    laptop_records,
    server_records,
)
from visitapp.domain.models import Child
from visitapp.domain.visit_record import ObservationArea
from visitapp.store import sync_state as ss
from visitapp.sync import status


def test_a_visit_reaches_the_server_and_the_other_laptop(
    tmp_path: Path, live: LiveServer, server_db: Database, worker: ServerWorker
) -> None:
    a = Laptop(tmp_path / "a", live.url, worker.code())
    b = Laptop(tmp_path / "b", live.url, worker.code())
    child = a.new_child(worker)
    nan = a.add_person(child.id, "Rose Example")
    visit = a.new_visit(child.id, notes="We played cards.")
    visit.present_person_ids = [nan.id]
    a.casework.save_visit(visit)
    a.flow.add_quote(visit.id, "I like my room")
    a.flow.add_observation(visit.id, list(ObservationArea)[0], "Tidy bedroom with posters.")
    assert status.overview(a.conn).state == "waiting"
    assert status.record_states(a.conn, "visit", [visit.id]) == {visit.id: status.WAITING}

    report = a.sync()
    assert report.outcome == "synced", report.message
    assert report.sent == 5
    assert status.overview(a.conn).state == "all_synced"
    assert status.record_states(a.conn, "visit", [visit.id]) == {visit.id: status.SYNCED}

    report = b.sync()
    assert report.outcome == "synced" and report.received == 5
    assert b.casework.visit(visit.id).notes == "We played cards."
    assert b.casework.visit(visit.id).present_person_ids == [nan.id]
    assert [q.words for q in b.flow.open(visit.id).quotes] == ["I like my room"]
    assert b.conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0] == 0  # applying queued nothing
    assert_converged(server_db, a, b)
    assert_no_duplicates(server_db)

    # Edits made on B come back to A; a second sync with nothing new sends and applies nothing.
    b.casework.save_notes(visit.id, "We played cards and drew.")
    assert b.sync().sent == 1
    again = a.sync()
    assert (again.sent, again.received) == (0, 1)
    assert a.casework.visit(visit.id).notes == "We played cards and drew."
    assert (a.sync().sent, a.sync().received) == (0, 0)
    assert_converged(server_db, a, b)


def test_two_laptops_editing_the_same_child_keep_both_versions(
    tmp_path: Path, live: LiveServer, server_db: Database, worker: ServerWorker
) -> None:
    a = Laptop(tmp_path / "a", live.url, worker.code())
    b = Laptop(tmp_path / "b", live.url, worker.code())
    child = a.new_child(worker, "Sam Example")
    a.sync(), b.sync()
    mine, theirs = a.casework.child(child.id), b.casework.child(child.id)
    mine.known_as, theirs.known_as = "Sammy", "Sam-Sam"
    a.casework.save_child(mine)
    b.casework.save_child(theirs)
    assert a.sync().outcome == "synced"
    report = b.sync()
    assert report.outcome == "needs_attention" and report.conflicts == 1
    # Nothing was overwritten: B still shows its own version, the server A's, and both are kept.
    assert b.casework.child(child.id).known_as == "Sam-Sam"
    assert server_records(server_db)[("child", child.id)]["known_as"] == "Sammy"
    (problem,) = status.problems(b.conn)
    assert problem.kind == "conflict" and "changed on this laptop and somewhere else" in problem.title
    view = status.conflict_view(b.conn, problem.conflict_id or 0)
    assert view.mine and view.theirs
    assert (view.mine["known_as"], view.theirs["known_as"]) == ("Sam-Sam", "Sammy")
    assert status.overview(b.conn).state == "needs_attention"
    assert status.record_states(b.conn, "child", [child.id])[child.id] == status.CONFLICT
    # Until the worker chooses, B keeps its version even when it syncs again.
    b.sync()
    assert b.casework.child(child.id).known_as == "Sam-Sam"

    status.resolve_conflict(b.conn, view.conflict_id, "mine")
    assert b.sync().outcome == "synced"
    assert a.sync().received == 1
    assert a.casework.child(child.id).known_as == "Sam-Sam"
    assert_converged(server_db, a, b)
    assert_no_duplicates(server_db)


def test_choosing_the_other_version_takes_it_here(
    tmp_path: Path, live: LiveServer, server_db: Database, worker: ServerWorker
) -> None:
    a = Laptop(tmp_path / "a", live.url, worker.code())
    b = Laptop(tmp_path / "b", live.url, worker.code())
    child = a.new_child(worker)
    visit = a.new_visit(child.id, "first")
    a.sync(), b.sync()
    a.casework.save_notes(visit.id, "from A")
    b.casework.save_notes(visit.id, "from B")
    a.sync()
    b.sync()  # conflict found on pull... or on push
    (problem,) = status.problems(b.conn)
    status.resolve_conflict(b.conn, problem.conflict_id or 0, "theirs")
    assert b.casework.visit(visit.id).notes == "from A"
    assert status.problems(b.conn) == []
    assert b.sync().outcome == "synced"
    assert_converged(server_db, a, b)


def test_a_signed_off_visit_is_never_overwritten(
    tmp_path: Path, live: LiveServer, server_db: Database, worker: ServerWorker
) -> None:
    a = Laptop(tmp_path / "a", live.url, worker.code())
    b = Laptop(tmp_path / "b", live.url, worker.code())
    child = a.new_child(worker)
    visit = a.new_visit(child.id, "draft")
    a.sync(), b.sync()
    # A signs off (locally, offline); B edits the same visit and reaches the server first.
    a.conn.execute("UPDATE visits SET status = 'completed' WHERE id = ?", (visit.id,))
    a.flow.sign_off(visit.id)
    b.casework.save_notes(visit.id, "changed on B")
    assert b.sync().outcome == "synced"
    report = a.sync()
    assert report.conflicts == 1
    assert a.casework.visit(visit.id).notes == "draft"  # the signed-off record stands
    # Once A's signed-off version is on the server, B's later edits are refused there, and B is told why.
    (problem,) = status.problems(a.conn)
    status.resolve_conflict(a.conn, problem.conflict_id or 0, "mine")
    assert a.sync().outcome == "synced"
    assert server_records(server_db)[("visit", visit.id)]["notes"] == "draft"
    b.casework.save_notes(visit.id, "late edit, made offline before B heard of the sign-off")
    report = b.sync()
    assert report.outcome == "needs_attention" and report.refused == 1
    (problem,) = status.problems(b.conn)
    assert "signed off before your change reached the server" in problem.title
    assert "amendment" in problem.what_to_do
    assert server_records(server_db)[("visit", visit.id)]["notes"] == "draft"
    assert b.casework.visit(visit.id).notes.startswith("late edit")  # B's words are kept, not lost
    with pytest.raises(status.ConflictError):
        status.resolve_conflict(b.conn, problem.conflict_id or 0, "mine")
    status.resolve_conflict(b.conn, problem.conflict_id or 0, "theirs")
    assert b.casework.visit(visit.id).notes == "draft"
    assert b.sync().outcome == "synced"
    assert_converged(server_db, a, b)


def test_a_pull_that_would_delete_many_records_is_refused(
    tmp_path: Path, live: LiveServer, server_db: Database, worker: ServerWorker
) -> None:
    a = Laptop(tmp_path / "a", live.url, worker.code())
    b = Laptop(tmp_path / "b", live.url, worker.code())
    child = a.new_child(worker)
    visits = [a.new_visit(child.id, f"visit {i}") for i in range(8)]
    a.sync(), b.sync()
    for visit in visits:
        a.conn.execute("DELETE FROM visits WHERE id = ?", (visit.id,))
    assert a.sync().sent == 8
    report = b.sync()
    assert report.outcome == "needs_attention" and report.mass_delete_refused == 8
    assert len(b.casework.visits(child.id)) == 8  # nothing deleted
    assert any(p.kind == "mass_delete" for p in status.problems(b.conn))
    cursor = ss.cursor(b.conn)
    assert b.sync().mass_delete_refused == 8 and ss.cursor(b.conn) == cursor  # still refused, cursor unmoved
    assert b.sync(allow_mass_delete=True).outcome == "synced"
    assert b.casework.visits(child.id) == []
    assert not any(p.kind == "mass_delete" for p in status.problems(b.conn))
    assert_converged(server_db, a, b)


def test_a_refused_change_does_not_block_the_others(
    tmp_path: Path, live: LiveServer, server_db: Database, worker: ServerWorker
) -> None:
    a = Laptop(tmp_path / "a", live.url, worker.code())
    mine = a.new_child(worker, "Assigned Child")
    other = Child(full_name="Not Mine")  # a child the server has not assigned to this worker
    a.casework.save_child(other)
    report = a.sync()
    assert report.sent == 1 and report.refused == 1
    problems = {p.kind: p for p in status.problems(a.conn)}
    assert set(problems) == {"refused", "unassigned"}
    assert "not assigned to you" in problems["refused"].title
    assert problems["unassigned"].child_id == other.id
    assert status.record_states(a.conn, "child", [mine.id, other.id]) == {
        mine.id: status.SYNCED,
        other.id: status.REFUSED,
    }
    # Once the manager assigns the child, the same change goes through at the next sync.
    worker.assign(other.id)
    assert a.sync().sent == 1
    assert status.problems(a.conn) == []
    assert set(laptop_records(a.conn)) == set(server_records(server_db))


def test_enrolment_keeps_the_token_inside_the_vault(
    tmp_path: Path, live: LiveServer, worker: ServerWorker
) -> None:
    a = Laptop(tmp_path / "a", live.url, worker.code())
    token = ss.meta_get(a.conn, ss.DEVICE_TOKEN)
    assert token and len(token) > 20
    a.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for path in a.paths.root.iterdir():
        assert token.encode() not in path.read_bytes(), path.name
    assert accounts.authenticate(worker.db, token) is not None


def test_an_update_letter_reaches_the_server_and_the_other_laptop(
    tmp_path: Path, live: LiveServer, server_db: Database, worker: ServerWorker
) -> None:
    import uuid
    from datetime import date

    from visitapp.store import letters

    a = Laptop(tmp_path / "a", live.url, worker.code())
    b = Laptop(tmp_path / "b", live.url, worker.code())
    child = a.new_child(worker)
    period = (date(2026, 9, 1), date(2026, 11, 30))
    letter_id = letters.put_update_composed(a.conn, str(uuid.uuid4()), child.id, period, "Dear Alex,", (), ())
    assert status.record_states(a.conn, "period_letter", [letter_id]) == {letter_id: status.WAITING}
    report = a.sync()
    assert report.outcome == "synced", (report.message, status.problems(a.conn))
    assert status.record_states(a.conn, "period_letter", [letter_id]) == {letter_id: status.SYNCED}

    assert b.sync().outcome == "synced"
    assert letters.get_update(b.conn, child.id, *period).text == "Dear Alex,"
    letters.save_update_text(b.conn, letter_id, "Dear Alex, here is what happened.")
    assert b.sync().sent == 1
    a.sync()
    assert letters.get_update(a.conn, child.id, *period).text == "Dear Alex, here is what happened."
    assert_converged(server_db, a, b)
    assert_no_duplicates(server_db)
