"""The letter as a service: compose it once from the visit, keep the worker's edits, check it, export it.

``LetterService(conn, worker_id).open(visit_id)`` composes the draft the first time (and remembers which of
the child's words and pictures it put in), then always returns the stored draft as a ``LetterSession``:
everything the letter screen needs to check, preview and export it without going back to the store. (A
visit signed off before it had a letter gets one composed afresh at each open, locked and never stored.)
Pictures come from a ``PictureSource``; until the vault keeps pictures, ``NoPictures`` stands in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Protocol

from visitapp.domain.models import Person, Worker
from visitapp.domain.visit_steps import VisitRecord
from visitapp.export.files import clean_file_name, default_file_name, write_atomically
from visitapp.export.letter_pdf import PdfOptions, build_letter_pdf
from visitapp.practice.direct_work import load_tools
from visitapp.store import children, family, letters, settings, visits
from visitapp.store.audit import last_action_at
from visitapp.store.audit import record as audit
from visitapp.store.db import Connection, DatabaseError, transaction
from visitapp.store.letters import StoredLetter
from visitapp.visit_flow import VisitFlow
from visitapp.writing.checker import LetterCheck, check_letter
from visitapp.writing.composer import LetterDraft, LetterPicture, compose_letter, letter_age
from visitapp.writing.letter_text import picture_numbers

_EDIT_AUDIT_GAP = timedelta(minutes=10)  # one trail line per sitting, not per keystroke


class LetterError(Exception):
    """The letter cannot be changed or exported as asked; the message says why in plain words."""


class PictureSource(Protocol):
    """Where the letter gets a visit's pictures: descriptors for the composer, image bytes for the PDF."""

    def pictures_for_visit(self, visit_id: str) -> list[LetterPicture]: ...

    def picture_image(self, picture_id: str) -> bytes | None: ...


class NoPictures:
    def pictures_for_visit(self, visit_id: str) -> list[LetterPicture]:
        return []

    def picture_image(self, picture_id: str) -> bytes | None:
        return None


def _vault_pictures(conn: Connection, worker_id: str) -> PictureSource:
    """The vault's own pictures (``visitapp.pictures``), or none on a build without them."""
    try:
        from visitapp.pictures import Pictures
    except ImportError:
        return NoPictures()
    return Pictures(conn, worker_id)


class CheckedLetter:
    """What a visit letter and an update letter share: checking the worker's text for this child against
    the words that were recorded. (A mixin without fields, so the sessions stay plain dataclasses.)"""

    age: int
    child_names: tuple[str, ...]
    names: tuple[str, ...]
    worker_name: str
    recorded_quotes: tuple[str, ...]

    def check(self, text: str) -> LetterCheck:
        return check_letter(
            text,
            self.age,
            self.child_names,
            names=self.names,
            recorded_quotes=self.recorded_quotes,
            worker_name=self.worker_name,
        )


@dataclass(frozen=True)
class LetterSession(CheckedLetter):
    """One visit's letter, loaded once. ``pictures[N - 1]`` is ``[Picture N]``; ``None`` where the picture
    is gone or the child no longer wants it in the letter."""

    visit_id: str
    text: str
    age: int
    visit_day: date
    child_names: tuple[str, ...]
    names: tuple[str, ...]
    worker_name: str
    recorded_quotes: tuple[str, ...]
    inserted_quote_ids: tuple[str, ...]
    pictures: tuple[LetterPicture | None, ...]
    locked: bool = False
    images: dict[str, bytes] = field(default_factory=dict, repr=False)  # picture id -> bytes

    def images_by_number(self, text: str) -> dict[int, bytes]:
        """Image bytes for each picture the text places and the child agreed may be in the letter."""
        found = {}
        for number in picture_numbers(text):
            picture = self.pictures[number - 1] if 0 < number <= len(self.pictures) else None
            if picture is not None and picture.may_go_in_letter and picture.id in self.images:
                found[number] = self.images[picture.id]
        return found

    @property
    def default_file_name(self) -> str:
        return default_file_name(self.visit_day)


def for_a_letter(conn: Connection, record: VisitRecord) -> VisitRecord:
    """The record less what is marked not for the family: a letter is read at home, and the family screen
    shows the letter with the record."""
    hidden = family.not_shared_ids(conn, record.visit.id)
    if not hidden:
        return record
    return replace(
        record,
        observations=[o for o in record.observations if o.id not in hidden],
        safety=[e for e in record.safety if e.id not in hidden],
        scales=[s for s in record.scales if s.id not in hidden],
        actions=[a for a in record.actions if a.id not in hidden],
    )


def has_letter(conn: Connection, visit_id: str) -> bool:
    """Whether the visit's letter has been written (opened at least once), so the worker has seen it."""
    return letters.get_letter(conn, visit_id) is not None


class LetterService:
    def __init__(
        self,
        conn: Connection,
        worker_id: str,
        pictures: PictureSource | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.conn = conn
        self.worker_id = worker_id
        self.pictures = pictures if pictures is not None else _vault_pictures(conn, worker_id)
        self.flow = VisitFlow(conn, worker_id, tools=load_tools(), clock=clock)

    def _worker(self) -> Worker:
        loaded = settings.load_worker(self.conn)
        if loaded is None:
            raise LetterError("This vault has no worker details, so the letter cannot be signed.")
        return loaded[1]

    def open(self, visit_id: str) -> LetterSession:
        """The stored draft, composing it first if this visit has none yet. A visit signed off before
        sign-off wrote its letter gets one composed from the locked record but not stored (see below)."""
        record, people, pictures = self._sources(visit_id)
        letter: StoredLetter | LetterDraft | None = letters.get_letter(self.conn, visit_id)
        if letter is None and record.signed_off_at is not None:
            # Read-only and kept in memory: stored, it would sync from each laptop that opened it as a rival
            # first version that no one could resolve. Composed afresh at each open, it signs with this
            # laptop's worker and uses names as they are now.
            letter = compose_letter(record, people, self._worker(), pictures, self.flow.tools)
        elif letter is None:
            self._compose(record, people, pictures, "letter.composed")
        return self._session(record, people, pictures, letter)

    def _sources(self, visit_id: str) -> tuple[VisitRecord, list[Person], Sequence[LetterPicture]]:
        """What the letter is written from: the record, less what is marked not for the family (the letter
        is read at home, and the family is shown it with the record)."""
        record = for_a_letter(self.conn, self.flow.open(visit_id))
        people = children.people_for(self.conn, record.child.id)
        return record, people, self.pictures.pictures_for_visit(visit_id)

    def sign_off(self, visit_id: str) -> None:
        """Sign the visit off, writing its letter from the record first if it has none. After sign-off the
        letter can be read and exported but not written, so it is stored now, while it still may be."""
        record, people, pictures = self._sources(visit_id)
        if letters.get_letter(self.conn, visit_id) is None and record.signed_off_at is None:
            self._compose(record, people, pictures, "letter.composed")
        self.flow.sign_off(visit_id)

    def recompose(self, visit_id: str) -> LetterSession:
        """Start again from what was recorded: the worker's edits are replaced."""
        record, people, pictures = self._sources(visit_id)
        self._compose(record, people, pictures, "letter.recomposed")
        return self._session(record, people, pictures)

    def _compose(
        self, record: VisitRecord, people: list[Person], pictures: Sequence[LetterPicture], action: str
    ) -> None:
        if record.signed_off_at is not None:
            raise LetterError("This visit is signed off, so its letter cannot be written again.")
        draft = compose_letter(record, people, self._worker(), pictures, self.flow.tools)
        with transaction(self.conn):
            letters.put_composed(self.conn, record.visit.id, draft.text, draft.quote_ids, draft.picture_ids)
            audit(self.conn, self.worker_id, action, "visit", record.visit.id)

    def _session(
        self,
        record: VisitRecord,
        people: list[Person],
        pictures: Sequence[LetterPicture],
        letter: StoredLetter | LetterDraft | None = None,
    ) -> LetterSession:
        """The session for ``letter``, or for the stored draft when none is given."""
        stored = letter if letter is not None else letters.get_letter(self.conn, record.visit.id)
        assert stored is not None
        by_id = {picture.id: picture for picture in pictures}
        placed = tuple(by_id.get(picture_id) for picture_id in stored.picture_ids)
        placed = tuple(p if p is not None and p.may_go_in_letter else None for p in placed)
        images = {}
        for picture in placed:
            data = self.pictures.picture_image(picture.id) if picture is not None else None
            if picture is not None and data is not None:
                images[picture.id] = data
        child = record.child
        return LetterSession(
            visit_id=record.visit.id,
            text=stored.text,
            age=letter_age(record),
            visit_day=record.visit.starts_at.date(),
            child_names=tuple(n for n in (child.full_name, child.known_as, child.display_name) if n),
            names=tuple(n for p in people for n in (p.name, p.relationship) if n.strip()),
            worker_name=self._worker().full_name,
            recorded_quotes=recorded_words(record, pictures),
            inserted_quote_ids=stored.quote_ids,
            pictures=placed,
            locked=record.signed_off_at is not None,
            images=images,
        )

    def save(self, visit_id: str, text: str) -> None:
        """The worker's edit (autosaved as they type); audited once per sitting."""
        if visits.signed_off(self.conn, visit_id):
            raise LetterError("This visit is signed off, so its letter cannot be changed.")
        try:
            with transaction(self.conn):
                if not letters.save_text(self.conn, visit_id, text):
                    raise LetterError("There is no letter for this visit yet.")
                last = last_action_at(self.conn, visit_id, "letter.edited")
                if last is None or datetime.now(UTC) - last > _EDIT_AUDIT_GAP:
                    audit(self.conn, self.worker_id, "letter.edited", "visit", visit_id)
        except DatabaseError as exc:
            raise LetterError("This letter cannot be changed any more.") from exc

    def record_export(self, visit_id: str, protected: bool) -> None:
        """The one way case content leaves the vault: every export goes in the audit trail (never the
        file's name or folder, which may name the child)."""
        action = "letter.exported_with_password" if protected else "letter.exported_without_password"
        with transaction(self.conn):
            audit(self.conn, self.worker_id, action, "visit", visit_id)

    def export_pdf(
        self,
        session: LetterSession,
        text: str,
        folder: Path,
        file_name: str = "",
        password: str | None = None,
    ) -> Path:
        """Build, write and audit in one call (the screen splits these across threads)."""
        path = export_letter(session, text, folder, file_name, password)
        self.record_export(session.visit_id, protected=bool(password))
        return path


class ExportableLetter(Protocol):
    """What a PDF export needs from a letter's session: the visit letter's, or an update's."""

    @property
    def age(self) -> int: ...

    @property
    def worker_name(self) -> str: ...

    @property
    def visit_day(self) -> date: ...  # the day the letter is about (an update: the period's last day)

    @property
    def default_file_name(self) -> str: ...

    def images_by_number(self, text: str) -> dict[int, bytes]: ...


def export_letter(
    session: ExportableLetter,
    text: str,
    folder: Path,
    file_name: str = "",
    password: str | None = None,
    author: str = "",
) -> Path:
    """Build the PDF and write it atomically. Needs no store, so it can run on any thread."""
    fallback = session.default_file_name
    name = clean_file_name(file_name, session.visit_day, fallback) if file_name.strip() else fallback
    options = PdfOptions(age=session.age, password=password or None, author=author or session.worker_name)
    data = build_letter_pdf(text, session.images_by_number(text), options)
    return write_atomically(data, folder / name)


def recorded_words(record: VisitRecord, pictures: Sequence[LetterPicture] = ()) -> tuple[str, ...]:
    """Everything the child said that the letter may quote: their words, tool answers, picture words."""
    said = [quote.words for quote in record.quotes]
    said += [answer for entry in record.tools for answer in entry.answers.values() if answer.strip()]
    said += [picture.description for picture in pictures if picture.description.strip()]
    return tuple(said)
