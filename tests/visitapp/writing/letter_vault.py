"""A real vault holding Rowan's made-up visit, recorded through the visit flow, plus pictures in memory."""

from __future__ import annotations

import io
from datetime import date

from PIL import Image, ImageDraw

from tests.visitapp.writing.letter_visits import rowan_visit
from visitapp.casework import Casework
from visitapp.domain.models import VisitStatus
from visitapp.store.db import Connection
from visitapp.visit_flow import VisitFlow
from visitapp.writing.composer import MADE_BY_CHILD, LetterPicture


def picture_bytes(colour: str, size: tuple[int, int] = (900, 700), fmt: str = "JPEG") -> bytes:
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).ellipse((size[0] // 5, size[1] // 5, size[0] * 4 // 5, size[1] * 4 // 5), "gold")
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


class MemoryPictures:
    """A ``PictureSource`` for tests, until the vault keeps pictures."""

    def __init__(self, pictures: list[LetterPicture], images: dict[str, bytes]) -> None:
        self.pictures = pictures
        self.images = images

    def pictures_for_visit(self, visit_id: str) -> list[LetterPicture]:
        return list(self.pictures)

    def picture_image(self, picture_id: str) -> bytes | None:
        return self.images.get(picture_id)


def four_pictures() -> MemoryPictures:
    colours = ["skyblue", "palegreen", "plum", "salmon", "grey"]
    pictures = [
        LetterPicture(f"pic-{n}", f"picture number {n} that I made", MADE_BY_CHILD, may_go_in_letter=n < 4)
        for n in range(5)
    ]
    return MemoryPictures(pictures, {p.id: picture_bytes(colours[n]) for n, p in enumerate(pictures)})


def record_rowan(casework: Casework, conn: Connection) -> str:
    """Rowan's visit, recorded as a worker would; returns the visit id."""
    record, people, _ = rowan_visit()
    casework.save_child(record.child, today=date(2026, 2, 11))
    for person in people:
        casework.save_person(person)
    visit = record.visit
    visit.status = VisitStatus.DRAFT
    casework.save_visit(visit)
    flow = VisitFlow(conn, casework.worker_id)
    for quote in record.quotes:
        flow.add_quote(visit.id, quote.words, quote.prompt, quote.shared_how, kind=quote.kind)
    for entry in record.safety:
        flow.add_safety_entry(visit.id, entry.category, entry.text)
    flow.save_time_alone(visit.id, record.time_alone)
    flow.set_next_visit(visit.id, date(2026, 2, 25))
    return visit.id
