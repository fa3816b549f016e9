"""Fixtures for the family view: a real vault with two children. Rowan's last visit is finished (with a
letter, what was seen, worries, an action, and two pictures: one the family may see, one not); today's
visit is open. Juniper, the other child, must never appear while Rowan's family view is open."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from tests.helpers.vaults import FAST_KDF, PASSPHRASE, WORKER
from tests.ui.uikit import unlock
from ui.controllers.app_controller import AppController
from visitapp.casework import Casework
from visitapp.domain.models import Child, Person, Visit
from visitapp.domain.visit_record import Action, ObservationArea, SafetyCategory, TimeAlone
from visitapp.family import FamilyService
from visitapp.media import prepare_capture
from visitapp.paths import VaultPaths
from visitapp.pictures import Consent, PictureDetails, Pictures, Source
from visitapp.vault import create_vault
from visitapp.visit_flow import VisitFlow
from visitapp.writing.letters import LetterService

OTHER_CHILD = ("Juniper Quillfeather", "Juni")
LETTER = "Dear Rowan,\n\nI came to see you at home. You showed me your new room."
HIDDEN = "The police came after a fight next door."


def _png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _finished_visit(casework: Casework, child: Child, when: datetime, hidden: bool = False) -> Visit:
    nanna = Person(child_id=child.id, name="Josephine Hale", relationship="Nanna Jo")
    casework.save_person(nanna)
    visit = Visit(child_id=child.id, starts_at=when, place="at home", purpose="To see your new room.",
                  present_person_ids=[nanna.id])  # fmt: skip
    casework.save_visit(visit)
    flow = VisitFlow(casework.conn, casework.worker_id)
    flow.save_time_alone(visit.id, TimeAlone(seen_alone=True, minutes=15))
    flow.add_quote(visit.id, "I told you a secret about Dad.")
    flow.add_observation(visit.id, ObservationArea.HOME_CONDITIONS, "Your room had a new blue carpet.")
    flow.add_safety_entry(visit.id, SafetyCategory.STRENGTHS, "Nanna Jo walks you to school.")
    harm = flow.add_safety_entry(visit.id, SafetyCategory.HARM, HIDDEN)
    flow.save_action(Action(child_id=child.id, visit_id=visit.id, who="Nanna Jo", what="Book the dentist",
                            due_on=date(2026, 11, 20)))  # fmt: skip
    flow.set_next_visit(visit.id, date(2026, 11, 10))
    pictures = Pictures(casework.conn, casework.worker_id)
    pictures.add(visit.id, prepare_capture(_png("red"), "drawing"), Source.DRAWING,
                 PictureDetails("my room, blue carpet", consent=Consent(True, True, False)))  # fmt: skip
    pictures.add(visit.id, prepare_capture(_png("blue"), "drawing"), Source.DRAWING,
                 PictureDetails("just for you", consent=Consent(True, False, False)))  # fmt: skip
    letters = LetterService(casework.conn, casework.worker_id)
    letters.open(visit.id)
    letters.save(visit.id, LETTER.replace("Rowan", child.known_as or child.full_name))
    if hidden:
        FamilyService(casework.conn, casework.worker_id).mark_shareable("safety_entries", harm.id, False)
    flow.complete(visit.id)
    return visit


@pytest.fixture
def family_vault(data_dir: Path) -> dict[str, str]:
    vault = create_vault(VaultPaths(data_dir), WORKER, PASSPHRASE, params=FAST_KDF)
    casework = Casework(vault.connect(), vault.worker_id)
    rowan = Child(full_name="Rowan Ashby", known_as="Rowan")
    other = Child(full_name=OTHER_CHILD[0], known_as=OTHER_CHILD[1])
    casework.save_child(rowan)
    casework.save_child(other)
    last = _finished_visit(casework, rowan, datetime(2026, 11, 2, 10), hidden=True)
    _finished_visit(casework, other, datetime(2026, 11, 3, 10))
    today = Visit(child_id=rowan.id, starts_at=datetime(2026, 11, 16, 10), place="at school",
                  notes="Today's private notes")  # fmt: skip
    casework.save_visit(today)
    vault.lock()
    return {"child_id": rowan.id, "last_id": last.id, "today_id": today.id, "other_id": other.id}


@pytest.fixture
def app(make_app: Callable[[], AppController], family_vault: dict[str, str], qtbot: QtBot) -> AppController:
    made = make_app()
    unlock(made, qtbot, PASSPHRASE)
    qtbot.waitUntil(lambda: made.caseload.model.rowCount() == 2)
    return made
