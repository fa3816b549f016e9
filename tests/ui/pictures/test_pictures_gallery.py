"""The gallery: a sound Qt model whose thumbnails load lazily (a screenful, not 300), the panel over a real
vault, the viewer, and the details form that keeps the child's words (fixed once the visit is completed)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from tests.ui.pictures.conftest import run_job
from tests.ui.uikit import type_date
from ui.controllers.store_access import StoreAccess
from ui.pictures.gallery_model import IdRole, PictureGalleryModel, PictureRole
from ui.pictures.inmemory import image_bytes
from ui.pictures.jobs import add_capture, visit_pictures
from ui.pictures.panel import PicturesPanel
from ui.pictures.viewer import PictureViewer
from visitapp.pictures import Consent, MadeBy, PictureInfo, Source


def _info(n: int) -> PictureInfo:
    return PictureInfo(
        id=f"p{n}", visit_id="v", child_id="c", visit_starts_at=datetime(2026, 3, 4, 10), sha256=f"{n:064x}",
        mime_type="image/png", width=800, height=600, byte_size=1000, description=f"Picture number {n}",
        made_by=MadeBy.CHILD, made_on=date(2026, 3, 4), source=Source.DRAWING, consent=Consent(),
        added_at=datetime(2026, 3, 4, 10), description_fixed=False, signed_off=False,
    )  # fmt: skip


def test_gallery_model_is_sound(qapp, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    # qapp: the model's placeholders are QPixmaps, which need an application even when this file runs alone.
    asked: list[list[str]] = []
    model = PictureGalleryModel(asked.append)
    model.set_pictures([_info(n) for n in range(12)])
    qtmodeltester.check(model, force_py=True)
    index = model.index(3)
    assert model.data(index, IdRole) == "p3" and model.data(index, PictureRole).id == "p3"
    assert "Picture number 3" in model.data(index, Qt.ItemDataRole.DisplayRole)
    assert "Made by the child" in model.data(index, Qt.ItemDataRole.AccessibleTextRole)


def test_thumbnails_load_lazily_for_what_is_on_screen(qtbot: QtBot) -> None:
    asked: list[list[str]] = []
    panel = PicturesPanel(store=_NoStore(), child_id="c")  # type: ignore[arg-type]
    panel.model._request = asked.append  # the store would answer; here we only count what is asked
    qtbot.addWidget(panel)
    panel.resize(1366, 768)
    panel.model.set_pictures([_info(n) for n in range(300)])
    panel.show()
    qtbot.waitUntil(lambda: bool(asked))
    requested = {i for batch in asked for i in batch}
    assert 0 < len(requested) < 100  # a screenful
    image = QImage(200, 150, QImage.Format.Format_RGB32)
    image.fill(QColor("#ff0000"))
    panel.model.set_thumbnails(dict.fromkeys(requested, image))
    assert panel.model.loaded_count() == len(requested)
    panel.clear()
    assert panel.model.rowCount() == 0 and panel.model.loaded_count() == 0


class _NoStore:
    def run(self, job: object, on_done: object = None, on_error: object = None) -> bool:
        return True


def _drawing_png(colour: str) -> bytes:
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    for x in range(50, 350):
        for y in range(140, 160):
            image.setPixelColor(x, y, QColor(colour))
    return image_bytes(image, b"PNG")


def test_panel_viewer_and_details_over_a_real_vault(
    qtbot: QtBot, store: StoreAccess, vault_with_child: dict[str, str]
) -> None:
    visit_id = vault_with_child["visit_id"]
    for colour in ("#e53935", "#1e4fc4"):
        run_job(qtbot, store, add_capture(visit_id, _drawing_png(colour), "drawing"))
    panel = PicturesPanel(store, visit_id=visit_id)
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show()
    panel.reload()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    qtbot.waitUntil(lambda: panel.model.loaded_count() == 2, timeout=5000)  # painted, so fetched
    assert panel.view.status.text() == "2 pictures" and not panel.view.empty.isVisible()

    viewer = panel.open_viewer(1)
    assert isinstance(viewer, PictureViewer)
    qtbot.waitUntil(lambda: viewer._pixmap is not None, timeout=5000)
    assert viewer.previous.isEnabled() and not viewer.next.isEnabled()
    viewer.previous.click()
    assert viewer.current == 0

    first = panel.model.picture(0)
    assert first is not None
    dialog = panel.edit_details(first)
    words = "That's me on the big slide"  # the child's words, exactly
    dialog.description.setPlainText(words)
    dialog.made_by_buttons[MadeBy.TOGETHER].setChecked(True)
    dialog.keep.setChecked(False)
    assert not dialog.letter.isEnabled() and dialog.not_kept_note.isVisibleTo(dialog)
    dialog.keep.setChecked(True)
    dialog.letter.setChecked(True)
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    # Enter in the date, as in any field of a form, presses Save.
    type_date(qtbot, dialog.made_on.box, "1/1/2099")  # not made yet: a slip, refused under the field
    assert dialog.made_on.hint.text() == "1 January 2099 is after today." and dialog.isEnabled()
    assert closed == []
    type_date(qtbot, dialog.made_on.box, "yesterday")
    qtbot.waitUntil(lambda: closed == [1], timeout=5000)
    listed = run_job(qtbot, store, visit_pictures(visit_id))
    saved = listed[0]  # type: ignore[index]
    assert saved.description == words and saved.made_by is MadeBy.TOGETHER
    assert saved.made_on == date.today() - timedelta(days=1)
    assert saved.consent == Consent(True, False, True)
    qtbot.waitUntil(lambda: "big slide" in viewer.words.text())

    # once the visit is completed, the words are shown read-only
    run_job(qtbot, store, lambda context: context.casework.complete_visit(visit_id))
    fixed = replace(saved, description_fixed=True)
    again = panel.edit_details(fixed)
    assert again.description.isReadOnly() and again.fixed_note.isVisibleTo(again)
    assert not again.remove.isVisibleTo(again)
    panel.clear()
    assert not panel.dialogs and panel.model.rowCount() == 0


def test_child_record_panel_shows_every_visit_and_cannot_add(
    qtbot: QtBot, store: StoreAccess, vault_with_child: dict[str, str]
) -> None:
    run_job(qtbot, store, add_capture(vault_with_child["visit_id"], _drawing_png("#e53935"), "drawing"))
    panel = PicturesPanel(store, child_id=vault_with_child["child_id"])
    qtbot.addWidget(panel)
    panel.show()
    panel.reload()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert not panel.view.draw.isVisible() and not panel.acceptDrops()


def test_a_drawing_from_the_panel_lands_in_the_gallery_and_asks_for_words(
    qtbot: QtBot, store: StoreAccess, vault_with_child: dict[str, str]
) -> None:
    from PySide6.QtCore import QPointF

    from ui.pictures.details_dialog import PictureDetailsDialog

    panel = PicturesPanel(store, visit_id=vault_with_child["visit_id"])
    qtbot.addWidget(panel)
    panel.show()
    panel.view.draw.click()
    screen = panel.drawing
    assert screen is not None and screen.isVisible()
    screen.view.canvas.pen_down(0, QPointF(40, 40))
    screen.view.canvas.pen_up(0, QPointF(300, 200))
    screen.view.done.click()
    qtbot.waitUntil(lambda: any(isinstance(d, PictureDetailsDialog) for d in panel.dialogs), timeout=10000)
    assert panel.model.rowCount() == 1 and panel.drawing is None
    [form] = [d for d in panel.dialogs if isinstance(d, PictureDetailsDialog)]
    qtbot.waitUntil(lambda: form.preview.pixmap() is not None and not form.preview.pixmap().isNull())
