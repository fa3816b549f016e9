"""Pictures in the vault: stored once by hash, the child's words fixed once the visit is completed, consent,
bytes loaded only on demand, and an audit trail that names ids only."""

from __future__ import annotations

import io
from dataclasses import fields
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PIL import Image

from tests.visitapp.media.samples import assert_no_metadata, drawing_like, encode, gps_jpeg_bytes, photo_like
from visitapp.casework import Casework
from visitapp.domain.models import Child, Visit
from visitapp.media import (
    MAX_FILE_BYTES,
    PreparedPicture,
    Reason,
    import_batch,
    prepare_capture,
    prepare_picture,
)
from visitapp.pictures import (
    CANNOT_REMOVE,
    WORDS_FIXED,
    Consent,
    MadeBy,
    PictureDetails,
    PictureError,
    PictureInfo,
    Pictures,
    Source,
)
from visitapp.store import pictures as repo
from visitapp.store.audit import entries_for
from visitapp.store.db import DatabaseError
from visitapp.writing.letters import LetterService


def _drawing_bytes(seed: int = 0) -> bytes:
    image = drawing_like((320, 200))
    image.putpixel((seed % 320, 0), (seed % 256, 1, 2))  # a different picture per seed
    return encode(image, "PNG")


@pytest.fixture
def visit_ids(casework: Casework) -> tuple[str, str]:
    child = Child(full_name="Rowan Testchild", known_as="Ro")
    casework.save_child(child)
    visit = Visit(child_id=child.id, starts_at=datetime(2026, 3, 4, 10, 30))
    casework.save_visit(visit)
    return child.id, visit.id


@pytest.fixture
def service(casework: Casework) -> Pictures:
    return Pictures(casework.conn, casework.worker_id)


def test_the_same_picture_is_stored_once_by_hash(
    service: Pictures, casework: Casework, visit_ids: tuple[str, str]
) -> None:
    child_id, visit_id = visit_ids
    drawing = prepare_capture(_drawing_bytes(), "drawing")
    first = service.add(visit_id, drawing, Source.DRAWING)
    again = service.add(visit_id, drawing, Source.DRAWING)
    assert again.id == first.id  # the same visit: the one already there
    later = Visit(child_id=child_id, starts_at=datetime(2026, 4, 1, 9, 0))
    casework.save_visit(later)
    other = service.add(later.id, drawing, Source.DRAWING)
    assert other.id != first.id and other.sha256 == first.sha256 == drawing.sha256
    assert repo.count_blobs(casework.conn) == 1
    assert casework.conn.execute("SELECT count(*) FROM picture_thumbnails").fetchone()[0] == 1
    assert service.image(first.id).data == drawing.data
    assert [p.id for p in service.for_child(child_id)] == [other.id, first.id]  # newest visit first


def test_a_picture_on_a_visit_dated_ahead_is_made_today_unless_told(
    service: Pictures, casework: Casework, visit_ids: tuple[str, str]
) -> None:
    child_id, visit_id = visit_ids
    drawing = prepare_capture(_drawing_bytes(), "drawing")
    assert service.add(visit_id, drawing, Source.DRAWING).made_on == date(2026, 3, 4)  # its visit's day
    ahead = Visit(child_id=child_id, starts_at=datetime.combine(date.today() + timedelta(days=9), time(10)))
    casework.save_visit(ahead)  # a visit written up ahead of its date, or dated wrongly
    before = date.today()
    made_on = service.add(ahead.id, drawing, Source.DRAWING).made_on
    assert before <= made_on <= date.today()  # never a day not yet come


def test_listing_carries_no_bytes(service: Pictures, visit_ids: tuple[str, str]) -> None:
    _, visit_id = visit_ids
    service.add(visit_id, prepare_capture(_drawing_bytes(), "drawing"), Source.DRAWING)
    [info] = service.for_visit(visit_id)
    assert not any(isinstance(getattr(info, f.name), bytes) for f in fields(PictureInfo))
    assert info.made_by is MadeBy.CHILD and info.made_on == date(2026, 3, 4)
    assert service.thumbnails([info.id, "no-such-id"]).keys() == {info.id}


def test_description_is_fixed_once_the_visit_is_completed(
    service: Pictures, casework: Casework, visit_ids: tuple[str, str]
) -> None:
    _, visit_id = visit_ids
    info = service.add(visit_id, prepare_capture(_drawing_bytes(), "drawing"), Source.DRAWING)
    service.save_details(info.id, PictureDetails("It's me and Biscuit at the beach", MadeBy.CHILD))
    casework.complete_visit(visit_id)

    fixed = service.picture(info.id)
    assert fixed.description_fixed
    with pytest.raises(PictureError, match="kept exactly"):
        service.save_details(info.id, PictureDetails("Me and a dog", MadeBy.CHILD))
    with pytest.raises(DatabaseError):  # the database itself refuses, whoever asks
        casework.conn.execute("UPDATE visit_pictures SET description = 'x' WHERE id = ?", (info.id,))
    with pytest.raises(PictureError, match=CANNOT_REMOVE):
        service.remove(info.id)
    # the child may still change their mind about who sees it, and the unchanged words save fine
    after = service.set_consent(info.id, Consent(keep_in_record=True, may_go_in_letter=True))
    assert after.consent.may_go_in_letter
    same = service.save_details(info.id, fixed.details)
    assert same.description == "It's me and Biscuit at the beach"
    assert WORDS_FIXED.startswith("The visit is completed")


def test_consent_not_kept_means_not_shared(service: Pictures, visit_ids: tuple[str, str]) -> None:
    _, visit_id = visit_ids
    info = service.add(visit_id, prepare_capture(_drawing_bytes(), "drawing"), Source.DRAWING)
    saved = service.set_consent(info.id, Consent(False, True, True))
    assert saved.consent == Consent(False, False, False)


def test_a_signed_off_visit_takes_no_new_pictures(
    service: Pictures, casework: Casework, visit_ids: tuple[str, str]
) -> None:
    _, visit_id = visit_ids
    casework.conn.execute("UPDATE visits SET signed_off_at = '2026-03-05' WHERE id = ?", (visit_id,))
    with pytest.raises(PictureError, match="signed off"):
        service.add(visit_id, prepare_capture(_drawing_bytes(), "drawing"), Source.DRAWING)


def test_removing_before_completion_wipes_unshared_bytes(
    service: Pictures, casework: Casework, visit_ids: tuple[str, str]
) -> None:
    _, visit_id = visit_ids
    info = service.add(visit_id, prepare_capture(_drawing_bytes(), "drawing"), Source.DRAWING)
    service.remove(info.id)
    assert service.for_visit(visit_id) == []
    assert repo.count_blobs(casework.conn) == 0
    assert casework.conn.execute("SELECT count(*) FROM picture_thumbnails").fetchone()[0] == 0


def test_audit_names_ids_only(service: Pictures, casework: Casework, visit_ids: tuple[str, str]) -> None:
    _, visit_id = visit_ids
    info = service.add(visit_id, prepare_capture(_drawing_bytes(), "drawing"), Source.DRAWING)
    service.save_details(info.id, PictureDetails("SECRETWORDS in the garden", MadeBy.TOGETHER))
    service.set_consent(info.id, Consent(True, True, False))
    actions = [e.action for e in entries_for(casework.conn, info.id)]
    assert actions == ["picture.added", "picture.details_saved", "picture.consent_changed"]
    dump = "\n".join(str(r) for r in casework.conn.execute("SELECT * FROM audit"))
    assert "SECRETWORDS" not in dump and info.sha256 not in dump


def test_a_gps_photo_is_stored_with_no_metadata(service: Pictures, visit_ids: tuple[str, str]) -> None:
    _, visit_id = visit_ids
    info = service.add(visit_id, prepare_picture(gps_jpeg_bytes(), "IMG_0001.jpg"), Source.FILE)
    stored = service.image(info.id)
    assert stored.mime_type == "image/jpeg"
    assert_no_metadata(stored.data)
    assert b"GPS" not in stored.data and b"Exif" not in stored.data


def test_a_bad_batch_stores_only_the_good_pictures(
    service: Pictures, casework: Casework, visit_ids: tuple[str, str], tmp_path: Path
) -> None:
    _, visit_id = visit_ids
    good = tmp_path / "garden.jpg"
    good.write_bytes(encode(photo_like((640, 480)), "JPEG"))
    corrupt = tmp_path / "broken.jpg"
    corrupt.write_bytes(good.read_bytes()[:900])
    huge = tmp_path / "huge.png"
    with huge.open("wb") as file:  # sparse: 200 MB on paper, nothing on disk
        file.truncate(200 * 1024 * 1024)
    text = tmp_path / "notes.txt"
    text.write_text("not a picture")
    bomb = tmp_path / "bomb.png"
    buffer = io.BytesIO()
    Image.new("1", (11_000, 11_000)).save(buffer, "PNG")
    bomb.write_bytes(buffer.getvalue())

    results = import_batch([corrupt, huge, good, text, bomb])
    kept = [r.picture for r in results if r.picture is not None]
    for picture in kept:
        service.add(visit_id, picture, Source.FILE)
    refused = {Path(r.path).name: r.refused.reason for r in results if r.refused is not None}
    assert refused == {
        "broken.jpg": Reason.DAMAGED,
        "huge.png": Reason.TOO_BIG,
        "notes.txt": Reason.NOT_A_PICTURE,
        "bomb.png": Reason.TOO_MANY_PIXELS,
    }
    assert all(Path(r.path).name in (r.message or "") for r in results if not r.ok)
    assert huge.stat().st_size > MAX_FILE_BYTES
    assert len(service.for_visit(visit_id)) == 1 and repo.count_blobs(casework.conn) == 1


def test_the_letter_gets_kept_pictures_with_consent(
    service: Pictures, casework: Casework, visit_ids: tuple[str, str]
) -> None:
    _, visit_id = visit_ids
    shown = service.add(visit_id, prepare_capture(_drawing_bytes(1), "drawing"), Source.DRAWING)
    service.save_details(
        shown.id, PictureDetails("A rocket to Nanna's", MadeBy.CHILD, consent=Consent(True, True, True))
    )
    hidden = service.add(visit_id, prepare_capture(_drawing_bytes(2), "drawing"), Source.DRAWING)
    service.set_consent(hidden.id, Consent(False))
    [letter_picture] = service.pictures_for_visit(visit_id)
    assert letter_picture.id == shown.id and letter_picture.may_go_in_letter
    assert service.picture_image(shown.id) == service.image(shown.id).data
    # the letter service accepts the pictures service as its picture source
    assert LetterService(casework.conn, casework.worker_id, service).pictures is service


def test_prepared_picture_repr_never_shows_bytes(service: Pictures, visit_ids: tuple[str, str]) -> None:
    picture: PreparedPicture = prepare_capture(_drawing_bytes(), "drawing")
    info = service.add(visit_ids[1], picture, Source.DRAWING)
    assert "bytes" in repr(service.image(info.id)) and "\\x" not in repr(service.image(info.id))
