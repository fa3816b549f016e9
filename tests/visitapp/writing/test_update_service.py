"""The update letter over a real vault: gathered once, kept across a lock and unlock, edits kept, exported."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.helpers.vaults import PASSPHRASE, WORKER
from tests.visitapp.writing.update_vault import record_kit
from tests.visitapp.writing.update_visits import PERIOD
from visitapp.casework import Casework
from visitapp.family import FamilyService
from visitapp.paths import VaultPaths
from visitapp.store import letters
from visitapp.store.audit import entries_for
from visitapp.vault import OpenVault, unlock_vault
from visitapp.visit_flow import VisitFlow
from visitapp.writing import findings as kinds
from visitapp.writing.letters import LetterError
from visitapp.writing.periods import Period
from visitapp.writing.updates import UpdateService

MARCH_FIRST = lambda: datetime(2026, 3, 1, 9, 30)  # noqa: E731  (the service's clock: "today")


def _service(casework: Casework) -> UpdateService:
    return UpdateService(casework.conn, casework.worker_id, clock=MARCH_FIRST)


def test_open_without_a_period_gathers_the_last_three_months(casework: Casework) -> None:
    child_id = record_kit(casework, casework.conn)
    session = _service(casework).open(child_id)
    assert session.period == PERIOD == Period(date(2025, 12, 1), date(2026, 3, 1))
    assert session.visit_ids == ("visit-dec", "visit-jan", "visit-feb")
    assert session.text.startswith("Dear Kit,") and "I came to see you three times." in session.text
    assert session.age == 10 and session.newer_visits == 0
    assert session.default_file_name == "update-2025-12-01-to-2026-03-01.pdf"
    assert "kit" not in session.default_file_name.lower()
    stored = letters.get_update(casework.conn, child_id, PERIOD.starts_on, PERIOD.ends_on)
    assert stored is not None and stored.text == session.text and stored.id == session.letter_id
    assert stored.quote_ids == session.inserted_quote_ids and len(stored.quote_ids) == 8


def test_the_draft_is_clean_for_the_checker(casework: Casework) -> None:
    session = _service(casework).open(record_kit(casework, casework.conn))
    bad = {kinds.JARGON, kinds.ACRONYM, kinds.THIRD_PERSON, kinds.NUMERIC_DATE, kinds.CHANGED_QUOTE}
    assert [f for f in session.check(session.text).findings if f.kind in bad] == []
    tidied = session.text.replace("like we practised", "as we practised")
    changed = [f for f in session.check(tidied).findings if f.kind == kinds.CHANGED_QUOTE]
    assert [f.suggestion for f in changed] == ["I rang Grandad like we practised and he came really fast"]


def test_edits_stay_across_a_lock_and_unlock(open_vault: OpenVault, vault_paths: VaultPaths) -> None:
    casework = Casework(open_vault.connect(), open_vault.worker_id)
    child_id = record_kit(casework, casework.conn)
    service = _service(casework)
    session = service.open(child_id, PERIOD)
    service.save(session.letter_id, session.text + "\nI added this line myself.")
    open_vault.lock()

    reopened = unlock_vault(vault_paths, PASSPHRASE)
    try:
        again = _service(Casework(reopened.connect(), reopened.worker_id))
        back = again.open(child_id)  # no period: the one touched last
        assert back.letter_id == session.letter_id and back.period == PERIOD
        assert back.text.endswith("I added this line myself.")
        fresh = again.recompose(child_id, PERIOD)  # start again: the edit is replaced, the id is kept
        assert fresh.letter_id == session.letter_id and "I added this line" not in fresh.text
        actions = [e.action for e in entries_for(reopened.connect(), session.letter_id)]
    finally:
        reopened.lock()
    assert actions.count("update.composed") == 1
    assert "update.edited" in actions and "update.recomposed" in actions


def test_a_period_with_no_finished_visit_is_a_message_and_stores_nothing(casework: Casework) -> None:
    child_id = record_kit(casework, casework.conn)
    summer = Period(date(2025, 6, 1), date(2025, 8, 31))
    with pytest.raises(LetterError, match="no finished visits to Kit from Sunday 1 June 2025"):
        _service(casework).open(child_id, summer)
    assert letters.latest_update(casework.conn, child_id) is None


def test_each_period_has_its_own_draft_and_newer_visits_are_noticed(casework: Casework) -> None:
    child_id = record_kit(casework, casework.conn)
    service = _service(casework)
    winter = service.open(child_id, PERIOD)
    january = service.open(child_id, Period(date(2026, 1, 1), date(2026, 1, 31)))
    assert january.letter_id != winter.letter_id and january.visit_ids == ("visit-jan",)
    assert service.open(child_id).letter_id == january.letter_id  # the one touched last
    casework.conn.execute("UPDATE visits SET status = 'completed' WHERE id = 'visit-draft'")
    assert service.open(child_id, PERIOD).newer_visits == 1  # finished since the draft was made


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_update_exports_as_a_pdf_that_reads_back(casework: Casework, tmp_path: Path) -> None:
    service = _service(casework)
    session = service.open(record_kit(casework, casework.conn))
    path = service.export_pdf(session, session.text, tmp_path)
    assert path.name == "update-2025-12-01-to-2026-03-01.pdf"
    flat = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "Dear Kit," in flat and "Our visits" in flat and "What we decided and why" in flat
    assert "\u201cI rang Grandad like we practised and he came really fast\u201d" in flat
    assert "Your Mum, Leanne Tamsett," in flat and "Private and confidential" in flat
    assert f"Best wishes, {WORKER.full_name} {WORKER.job_title}, {WORKER.team}" in flat
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "Kit" not in info and "Tamsett" not in info
    actions = [e.action for e in entries_for(casework.conn, session.letter_id)]
    assert "update.exported_without_password" in actions
    typed = service.export_pdf(session, session.text, tmp_path, file_name="///", password="kite harbour 42")
    assert typed.name == session.default_file_name  # nothing usable typed: the update's own name
    assert subprocess.run(["pdftotext", str(typed), "-"], capture_output=True).returncode != 0


def test_an_entry_not_for_the_family_stays_out_of_the_update_letter(casework: Casework) -> None:
    child_id = record_kit(casework, casework.conn)
    flow = VisitFlow(casework.conn, casework.worker_id)
    entry = flow.open("visit-jan").safety[0]
    assert entry.text.rstrip(".") in _service(casework).open(child_id).text  # the update letter tells it
    FamilyService(casework.conn, casework.worker_id).mark_shareable("safety_entries", entry.id, False)
    text = _service(casework).recompose(child_id, PERIOD).text  # written again after the mark
    assert entry.text.rstrip(".") not in text
