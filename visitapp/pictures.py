"""The pictures service: add a prepared picture to a visit, list pictures, load bytes on demand, keep the
child's description and consent. Every change is audited by id only (never a description, never bytes).

One ``Pictures`` wraps one connection, so it belongs to the thread that made it (the store thread).
The picture itself is prepared beforehand by ``visitapp.media`` (in memory; nothing touches the disk).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from visitapp.casework import CaseworkError
from visitapp.media import PreparedPicture
from visitapp.store import pictures as repo
from visitapp.store import visits
from visitapp.store.audit import record as audit
from visitapp.store.db import Connection, DatabaseError, transaction
from visitapp.writing.composer import MADE_BY_CHILD, MADE_BY_TOGETHER, MADE_BY_WORKER, LetterPicture


class MadeBy(StrEnum):
    CHILD = "child"  # the child made it on their own
    TOGETHER = "together"  # the child and the worker (or someone else) made it together
    PHOTO = "photo"  # a photo of something the child wanted kept


class Source(StrEnum):
    DRAWING = "drawing"  # drawn on the screen
    CAMERA = "camera"  # taken with the tablet's camera
    FILE = "file"  # imported from a file


@dataclass(frozen=True)
class Consent:
    """What the child agreed to. Showing it to the family or putting it in the letter needs it kept."""

    keep_in_record: bool = True
    may_show_family: bool = False
    may_go_in_letter: bool = False

    def normalised(self) -> Consent:
        if self.keep_in_record:
            return self
        return Consent(keep_in_record=False, may_show_family=False, may_go_in_letter=False)

    def as_tuple(self) -> tuple[bool, bool, bool]:
        return (self.keep_in_record, self.may_show_family, self.may_go_in_letter)


@dataclass(frozen=True)
class PictureDetails:
    """What the worker fills in about a picture: the child's words, who made it, when, and consent."""

    description: str = ""
    made_by: MadeBy = MadeBy.CHILD
    made_on: date | None = None
    consent: Consent = Consent()


@dataclass(frozen=True)
class PictureInfo:
    """A picture as screens list it: small, no bytes. ``description_fixed`` once the visit is completed."""

    id: str
    visit_id: str
    child_id: str
    visit_starts_at: datetime
    sha256: str
    mime_type: str
    width: int
    height: int
    byte_size: int
    description: str
    made_by: MadeBy
    made_on: date
    source: Source
    consent: Consent
    added_at: datetime
    description_fixed: bool
    signed_off: bool

    @property
    def details(self) -> PictureDetails:
        return PictureDetails(self.description, self.made_by, self.made_on, self.consent)


@dataclass(frozen=True)
class PictureImage:
    data: bytes
    mime_type: str

    def __repr__(self) -> str:
        return f"PictureImage({self.mime_type}, {len(self.data)} bytes)"


class PictureError(CaseworkError):
    """A picture change that cannot be made; the message says why in plain words."""


SIGNED_OFF = "This visit is signed off, so its pictures cannot be changed. Add an amendment instead."
WORDS_FIXED = (
    "The visit is completed, so the child's description of this picture is kept exactly as it was. "
    "You can still change who may see it."
)
NOT_FOUND = "That picture could not be found."
CANNOT_REMOVE = "The visit is completed, so this picture stays in the record."

_LETTER_MADE_BY = {
    MadeBy.CHILD: MADE_BY_CHILD,
    MadeBy.TOGETHER: MADE_BY_TOGETHER,
    MadeBy.PHOTO: MADE_BY_WORKER,
}


def _info(row: repo.PictureRow) -> PictureInfo:
    return PictureInfo(
        id=row.id, visit_id=row.visit_id, child_id=row.child_id, visit_starts_at=row.visit_starts_at,
        sha256=row.sha256, mime_type=row.mime_type, width=row.width, height=row.height,
        byte_size=row.byte_size, description=row.description, made_by=MadeBy(row.made_by),
        made_on=row.made_on, source=Source(row.source),
        consent=Consent(row.keep_in_record, row.may_show_family, row.may_go_in_letter),
        added_at=row.added_at, description_fixed=row.visit_completed, signed_off=row.visit_signed_off,
    )  # fmt: skip


def _made_on(visit_starts: datetime) -> date:
    """The day a picture was made, unless told: its visit's, or today for a visit dated ahead (a picture
    cannot be made later than today, and its details form would refuse that date)."""
    return min(visit_starts.date(), date.today())


class Pictures:
    def __init__(self, conn: Connection, worker_id: str) -> None:
        self.conn = conn
        self.worker_id = worker_id

    # Adding -----------------------------------------------------------------------------------------------

    def add(self, visit_id: str, picture: PreparedPicture, source: Source,
            details: PictureDetails | None = None) -> PictureInfo:  # fmt: skip
        """Keep ``picture`` in the visit. The bytes are stored once however often they are added; adding the
        same picture to the same visit again returns the one already there."""
        details = details or PictureDetails(made_by=MadeBy.PHOTO if source is Source.CAMERA else MadeBy.CHILD)
        visit = visits.get_visit(self.conn, visit_id)
        if visit is None:
            raise PictureError("That visit could not be found.")
        if visits.signed_off(self.conn, visit_id):
            raise PictureError(SIGNED_OFF)
        with transaction(self.conn):
            existing = repo.link_for(self.conn, visit_id, picture.sha256)
            if existing is None:
                picture_id = str(uuid.uuid4())
                repo.store_bytes(self.conn, picture)
                repo.add_link(
                    self.conn, picture_id, visit_id, picture.sha256, details.description,
                    details.made_by.value, details.made_on or _made_on(visit.starts_at), source.value,
                    details.consent.normalised().as_tuple(),
                )  # fmt: skip
                audit(self.conn, self.worker_id, "picture.added", "picture", picture_id)
            else:
                picture_id = existing
        return self.picture(picture_id)

    # Reading ----------------------------------------------------------------------------------------------

    def picture(self, picture_id: str) -> PictureInfo:
        row = repo.get(self.conn, picture_id)
        if row is None:
            raise PictureError(NOT_FOUND)
        return _info(row)

    def for_visit(self, visit_id: str) -> list[PictureInfo]:
        return [_info(r) for r in repo.for_visit(self.conn, visit_id)]

    def for_child(self, child_id: str) -> list[PictureInfo]:
        return [_info(r) for r in repo.for_child(self.conn, child_id)]

    def image(self, picture_id: str) -> PictureImage:
        found = repo.image_bytes(self.conn, picture_id)
        if found is None:
            raise PictureError(NOT_FOUND)
        return PictureImage(*found)

    def thumbnails(self, picture_ids: list[str]) -> dict[str, bytes]:
        """Thumbnail bytes for the ids asked for (a gallery asks for the ones on screen)."""
        return repo.thumbnail_bytes(self.conn, picture_ids)

    # Changing ---------------------------------------------------------------------------------------------

    def save_details(self, picture_id: str, details: PictureDetails) -> PictureInfo:
        current = self.picture(picture_id)
        if current.signed_off:
            raise PictureError(SIGNED_OFF)
        if current.description_fixed and details.description != current.description:
            raise PictureError(WORDS_FIXED)
        try:
            with transaction(self.conn):
                repo.update_details(
                    self.conn, picture_id, details.description, details.made_by.value,
                    details.made_on or current.made_on, details.consent.normalised().as_tuple(),
                )  # fmt: skip
                audit(self.conn, self.worker_id, "picture.details_saved", "picture", picture_id)
        except DatabaseError as exc:  # the trigger is the last word on the child's description
            raise PictureError(WORDS_FIXED) from exc
        return self.picture(picture_id)

    def set_consent(self, picture_id: str, consent: Consent) -> PictureInfo:
        """The child may change their mind about who sees a picture, even after the visit is completed."""
        current = self.picture(picture_id)
        if current.signed_off:
            raise PictureError(SIGNED_OFF)
        with transaction(self.conn):
            repo.update_consent(self.conn, picture_id, consent.normalised().as_tuple())
            audit(self.conn, self.worker_id, "picture.consent_changed", "picture", picture_id)
        return self.picture(picture_id)

    def remove(self, picture_id: str) -> None:
        current = self.picture(picture_id)
        if current.signed_off or current.description_fixed:
            raise PictureError(CANNOT_REMOVE)
        try:
            with transaction(self.conn):
                repo.remove_link(self.conn, picture_id)
                audit(self.conn, self.worker_id, "picture.removed", "picture", picture_id)
        except DatabaseError as exc:
            raise PictureError(CANNOT_REMOVE) from exc

    # For the letter (``visitapp.writing.letters.PictureSource``) -------------------------------------------

    def pictures_for_visit(self, visit_id: str) -> list[LetterPicture]:
        return [
            LetterPicture(
                id=p.id,
                description=p.description,
                made_by=_LETTER_MADE_BY[p.made_by],
                may_go_in_letter=p.consent.may_go_in_letter,
            )
            for p in self.for_visit(visit_id)
            if p.consent.keep_in_record
        ]

    def picture_image(self, picture_id: str) -> bytes | None:
        found = repo.image_bytes(self.conn, picture_id)
        return found[0] if found else None
