"""UI fixtures: a built (not exec'd) app over a throwaway data folder, with cheap KDF parameters."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.vaults import FAST_KDF, PASSPHRASE, WORKER
from tests.ui.uikit import unlock
from ui.app import application, build
from ui.controllers.app_controller import AppController
from visitapp.casework import Casework
from visitapp.domain.models import Child, Person, Visit
from visitapp.paths import VaultPaths
from visitapp.vault import create_vault


@pytest.fixture(autouse=True)
def _private_data(data_dir: Path) -> Iterator[Path]:
    yield data_dir
    # Collect now, so a Qt object freed in the wrong order fails the test that made it, not a later one.
    gc.collect()


@pytest.fixture
def make_app(qtbot: QtBot, data_dir: Path) -> Iterator[Callable[[], AppController]]:
    made: list[AppController] = []

    def make() -> AppController:
        application()  # the stylesheet, as the real app has it
        controller = build(kdf_params=FAST_KDF)
        qtbot.addWidget(controller.window)
        controller.window.resize(1366, 768)
        with qtbot.waitActive(controller.window):  # shortcuts such as Ctrl+L need an active window
            controller.window.show()
            controller.window.activateWindow()
        controller.start()
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.shutdown()


@pytest.fixture
def vault_with_child(data_dir: Path) -> dict[str, str]:
    """A vault made through the core (not the UI), with one child, two people and one visit."""
    vault = create_vault(VaultPaths(data_dir), WORKER, PASSPHRASE, params=FAST_KDF)
    casework = Casework(vault.connect(), vault.worker_id)
    child = Child(full_name="Juniper Quillfeather", known_as="Juni")
    casework.save_child(child)
    nanna = Person(child_id=child.id, name="Josephine Quillfeather", relationship="Nanna Jo")
    teacher = Person(child_id=child.id, name="Mr Ellery", role="class teacher")
    casework.save_person(nanna)
    casework.save_person(teacher)
    visit = Visit(
        child_id=child.id, starts_at=datetime(2026, 3, 4, 10, 30), place="at home", notes="First words."
    )
    casework.save_visit(visit)
    vault.lock()
    return {"child_id": child.id, "visit_id": visit.id, "name": child.full_name, "passphrase": PASSPHRASE}


@pytest.fixture
def unlocked(make_app: Callable[[], AppController], vault_with_child: dict[str, str], qtbot: QtBot):
    app = make_app()
    unlock(app, qtbot, PASSPHRASE)
    qtbot.waitUntil(lambda: app.caseload.model.rowCount() == 1)
    return app, vault_with_child
