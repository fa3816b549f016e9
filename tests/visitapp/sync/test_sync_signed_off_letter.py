"""A visit signed off before it had a letter, opened on two laptops: each reads the letter composed from the
locked record, and neither stores or sends one, so there is nothing to conflict over."""

from __future__ import annotations

from pathlib import Path

from syncserver.db import Database
from tests.syncserver.serverkit import LiveServer
from tests.visitapp.sync.synckit import Laptop, ServerWorker, assert_converged, server_records
from visitapp.store import letters
from visitapp.sync import status
from visitapp.writing.letters import LetterService, NoPictures, export_letter


def test_two_laptops_opening_a_signed_off_visit_without_a_letter_do_not_conflict(
    tmp_path: Path, live: LiveServer, server_db: Database, worker: ServerWorker
) -> None:
    a = Laptop(tmp_path / "a", live.url, worker.code())
    b = Laptop(tmp_path / "b", live.url, worker.code())
    child = a.new_child(worker)
    visit = a.new_visit(child.id, "We played cards.")
    a.flow.add_quote(visit.id, "I like my room")
    a.conn.execute("UPDATE visits SET status = 'completed' WHERE id = ?", (visit.id,))
    a.flow.sign_off(visit.id)  # as the visit screen did before sign-off wrote the letter
    assert a.sync().outcome == "synced"
    assert b.sync().outcome == "synced"

    opened = []
    for laptop in (a, b):
        session = LetterService(laptop.conn, laptop.vault.worker_id, NoPictures()).open(visit.id)
        assert session.locked and "I like my room" in session.text
        assert export_letter(session, session.text, tmp_path / laptop.paths.root.name).exists()
        assert letters.get_letter(laptop.conn, visit.id) is None
        opened.append(session.text)
    assert opened[0] == opened[1]

    for laptop in (a, b, a):
        report = laptop.sync()
        assert (report.outcome, report.sent, report.conflicts) == ("synced", 0, 0), report.message
        assert status.problems(laptop.conn) == []
    assert ("letter", visit.id) not in server_records(server_db)
    assert_converged(server_db, a, b)
