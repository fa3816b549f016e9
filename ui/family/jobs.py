"""Store jobs for the family view and the worker's answers. Each builds a ``FamilyService`` on the store
thread's own connection; nothing here touches a widget."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage

from ui.controllers.store_access import plain_message
from ui.pictures.inmemory import image_from
from ui.store_worker import StoreContext
from visitapp.domain.family import AnswerKind, FamilyResponse, SharedRecord, Verdict
from visitapp.domain.models import VisitStatus
from visitapp.family import ExitThrottled, FamilyError, FamilyService
from visitapp.pictures import Pictures

PICTURE_SIDE = 520  # pixels: big enough to see from the sofa, small enough to keep memory low


@dataclass(frozen=True)
class Shown:
    record: SharedRecord
    images: dict[str, QImage]  # picture id -> image, already scaled
    has_pin: bool


@dataclass(frozen=True)
class ExitCheck:
    ok: bool
    pin_accepted: bool  # False after too many wrong PINs: only the passphrase will do
    wait: float = 0.0  # seconds before a passphrase is checked again (too many wrong ones)
    pin_checked: bool = False  # refused while waiting, but checked as the PIN first (and it was not)


def service(context: StoreContext) -> FamilyService:
    casework = context.casework  # raises "VisitApp is locked." when it is
    vault = context.vault
    return FamilyService(casework.conn, casework.worker_id, vault=vault)


def family_message(exc: Exception) -> str:
    if isinstance(exc, FamilyError):
        return str(exc)
    return plain_message(exc)


def _show(context: StoreContext, record_id: str) -> Shown:
    family = service(context)
    record = family.shared_record(record_id)
    pictures = Pictures(context.casework.conn, context.casework.worker_id)
    images: dict[str, QImage] = {}
    for picture in record.pictures:
        image = image_from(pictures.image(picture.picture_id).data)
        if not image.isNull():
            images[picture.picture_id] = image.scaled(
                PICTURE_SIDE, PICTURE_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )  # fmt: skip
    return Shown(record, images, family.has_exit_pin())


def _nothing_to_share() -> FamilyError:
    return FamilyError(
        QCoreApplication.translate("Family", "There is no finished visit before this one to share yet.")
    )


def show_for_visit(during_visit_id: str) -> Callable[[StoreContext], Shown]:
    """The record before this visit; sharing it is ticked on this visit's "Share the last record" step."""

    def job(context: StoreContext) -> Shown:
        visit = context.casework.visit(during_visit_id)
        record_id = service(context).record_to_share(visit.child_id, before=visit.starts_at)
        if record_id is None:
            raise _nothing_to_share()
        shown = _show(context, record_id)
        if visit.status is not VisitStatus.COMPLETED:
            context.flow.set_shared_last_record(during_visit_id, True)
        return shown

    return job


def show_for_child(child_id: str) -> Callable[[StoreContext], Shown]:
    def job(context: StoreContext) -> Shown:
        record_id = service(context).record_to_share(child_id)
        if record_id is None:
            raise _nothing_to_share()
        return _show(context, record_id)

    return job


def add_response(record_id: str, verdict: Verdict, speaker: str, words: str,
                 during_visit_id: str | None) -> Callable[[StoreContext], FamilyResponse]:  # fmt: skip
    return lambda context: service(context).add_response(record_id, verdict, speaker, words, during_visit_id)


def check_exit(credential: str) -> Callable[[StoreContext], ExitCheck]:
    """On the store thread, never the UI thread: checking a passphrase runs the KDF (about half a second)."""

    def job(context: StoreContext) -> ExitCheck:
        family = service(context)
        try:
            ok = family.check_exit(credential)
        except ExitThrottled as exc:
            return ExitCheck(False, family.pin_still_accepted(), exc.seconds, exc.pin_checked)
        return ExitCheck(ok, family.pin_still_accepted(), family.passphrase_wait())

    return job


def exit_state(context: StoreContext) -> ExitCheck:
    """Before anything is typed: whether the PIN is still accepted, and any wait still due for a passphrase
    (the delay survives restarts and is shared with the unlock screen). No KDF runs."""
    family = service(context)
    return ExitCheck(False, family.pin_still_accepted(), family.passphrase_wait())


def set_exit_pin(pin: str) -> Callable[[StoreContext], None]:
    return lambda context: service(context).set_exit_pin(pin)


def has_exit_pin(context: StoreContext) -> bool:
    return service(context).has_exit_pin()


@dataclass(frozen=True)
class ShareStep:
    """What the visit's "Share the last record" step says beyond the visit itself."""

    has_pin: bool  # an exit PIN is set for the family screen (it is one for the whole vault)
    draft_on: datetime | None  # the start of the visit just before this one, when that is still a draft
    waiting: int = 0  # the family's responses at this visit that the worker has not answered yet


def share_step(visit_id: str) -> Callable[[StoreContext], ShareStep]:
    def job(context: StoreContext) -> ShareStep:
        visit = context.casework.visit(visit_id)
        family = service(context)
        last = family.last_visit_before(visit.child_id, visit.starts_at)
        draft = last is not None and last.status is not VisitStatus.COMPLETED
        waiting = sum(1 for r in family.responses_for_child(visit.child_id)
                      if r.during_visit_id == visit_id and not r.answered)  # fmt: skip
        return ShareStep(family.has_exit_pin(), last.starts_at if draft and last else None, waiting)

    return job


def responses_for_child(child_id: str) -> Callable[[StoreContext], list[FamilyResponse]]:
    return lambda context: service(context).responses_for_child(child_id)


def to_answer(response_id: str) -> Callable[[StoreContext], tuple[FamilyResponse, date, bool]]:
    """The response, the day of the record it is about, and whether that record is signed off."""
    return lambda context: service(context).response(response_id)


def answer(response_id: str, kind: AnswerKind, text: str,
           amendment: tuple[str, str] | None) -> Callable[[StoreContext], FamilyResponse]:  # fmt: skip
    return lambda context: service(context).answer(response_id, kind, text, amendment)


def mark_shareable(part: str, item_id: str, shareable: bool) -> Callable[[StoreContext], None]:
    return lambda context: service(context).mark_shareable(part, item_id, shareable)
