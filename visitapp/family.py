"""Sharing the last record with the family and keeping what they say, beside the record.

``shared_record`` builds exactly what the family view may show: one visit of one child, its letter, the
worker's own sections minus anything marked not for sharing, and the pictures the child agreed the family
may see. Nothing of any other child is ever loaded.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import time
from collections.abc import Callable
from datetime import date, datetime
from typing import Protocol

from visitapp.domain.family import (
    AnswerKind,
    FamilyResponse,
    SharedAmendment,
    SharedItem,
    SharedPicture,
    SharedRecord,
    Verdict,
)
from visitapp.domain.models import Visit
from visitapp.domain.visit_record import Amendment, SafetyCategory
from visitapp.domain.visit_steps import STEP_LABELS, Step
from visitapp.paths import VaultPaths
from visitapp.pictures import Pictures
from visitapp.store import children, family, letters, settings, visit_parts, visits
from visitapp.store.audit import record as audit
from visitapp.store.db import Connection, DatabaseError, transaction
from visitapp.vault import clear_wrong_passphrases, count_wrong_passphrase, seconds_until_next_try
from visitapp.writing.letters import LetterError, LetterService

SAFETY_HEADINGS = {
    SafetyCategory.HARM: "What we are worried about",
    SafetyCategory.DANGER_STATEMENT: "What we are worried about",
    SafetyCategory.COMPLICATING_FACTORS: "What makes things harder",
    SafetyCategory.STRENGTHS: "What is going well",
    SafetyCategory.EXISTING_SAFETY: "What is going well",
    SafetyCategory.SAFETY_GOALS: "What needs to happen",
    SafetyCategory.NEXT_STEPS: "What needs to happen",
}
PIN_ATTEMPTS = 5  # after this many wrong PINs in a row, only the worker's passphrase opens the family view

# The steps of the record (as amendments name them) whose words the family view shows, and the parts of each
# that the worker can mark "not for the family". A step not named here (the child's words, time alone, the
# worker's notes, anything unknown) is never shown to the family, and neither is an amendment to it.
SHARED_STEPS: dict[Step, tuple[str, ...]] = {
    Step.BEFORE_YOU_GO: (),  # where and why: the family sees both
    Step.WHO_IS_HERE: (),
    Step.WHAT_I_SAW: ("observations",),
    Step.SIGNS_OF_SAFETY: ("safety_entries", "scale_ratings"),
    Step.ACTIONS: ("actions",),
    Step.NEXT_VISIT: (),
}


class FamilyError(Exception):
    """Something the worker asked for cannot be done; the message says why in plain words."""


class ExitThrottled(FamilyError):
    """Too many wrong passphrases (here or on the unlock screen): none is checked for ``seconds`` more.
    ``pin_checked``: the try was checked as the PIN (and was not it) before the passphrase was refused."""

    def __init__(self, seconds: float, pin_checked: bool) -> None:
        wait = int(seconds + 0.999)
        if pin_checked:
            words = f"That is not the PIN. Too many wrong passphrases: please wait {wait} seconds before " \
                    "trying your passphrase."  # fmt: skip
        else:
            words = f"Too many wrong tries. Please wait {wait} seconds, then try again."
        super().__init__(words)
        self.seconds = seconds
        self.pin_checked = pin_checked


class PassphraseCheck(Protocol):
    """What the exit needs of the open vault: where its wrong-passphrase count lives, and a KDF check."""

    @property
    def paths(self) -> VaultPaths: ...

    def check_passphrase(self, passphrase: str) -> bool: ...


class FamilyService:
    def __init__(self, conn: Connection, worker_id: str, vault: PassphraseCheck | None = None,
                 clock: Callable[[], datetime] = datetime.now,
                 seconds: Callable[[], float] = time.time) -> None:  # fmt: skip
        """``vault`` checks the worker's passphrase at the exit (without it only the PIN works); ``seconds``
        is the wall clock the growing delay after wrong passphrases is measured with."""
        self.conn = conn
        self.worker_id = worker_id
        self.vault = vault
        self.clock = clock
        self.seconds = seconds

    # What to share ------------------------------------------------------------------------------------------

    def record_to_share(self, child_id: str, before: datetime | None = None) -> str | None:
        """The child's last completed visit (before ``before``, when sharing at the start of a visit).
        Strictly before, to the minute: a visit never shares itself. A draft is never shared."""
        found = visits.last_completed_before(self.conn, child_id, before)
        return found[0] if found else None

    def last_visit_before(self, child_id: str, before: datetime) -> Visit | None:
        """The child's visit just before ``before``, completed or still a draft: the one the family will
        expect to hear about. The same rule as ``record_to_share``: strictly before, to the minute, and of
        two in the same minute the one with the greater id."""
        cutoff = before.replace(second=0, microsecond=0)
        earlier = [v for v in visits.visits_for(self.conn, child_id) if v.starts_at < cutoff]
        return max(earlier, key=lambda v: (v.starts_at, v.id), default=None)

    def shared_record(self, visit_id: str) -> SharedRecord:
        visit = visits.get_visit(self.conn, visit_id)
        if visit is None:
            raise FamilyError("That visit could not be found.")
        child = children.get_child(self.conn, visit.child_id)
        assert child is not None
        hidden = family.not_shared_ids(self.conn, visit_id)
        people = {p.id: p for p in children.people_for(self.conn, child.id)}
        conn = self.conn
        observations = visit_parts.observations_for(conn, visit_id)
        safety = visit_parts.safety_entries_for(conn, visit_id)
        scales = visit_parts.scales_for(conn, visit_id)
        actions = visit_parts.actions_for_visit(conn, visit_id)
        items = [SharedItem("What I saw", o.text) for o in observations if o.id not in hidden]
        items += [SharedItem(SAFETY_HEADINGS[e.category], e.text) for e in safety if e.id not in hidden]
        items += [SharedItem("Scores out of 10", _score_text(s.who, s.score, s.reason))
                  for s in scales if s.id not in hidden]  # fmt: skip
        items += [SharedItem("Who will do what", _action_text(a.who, a.what, a.due_on))
                  for a in actions if a.id not in hidden]  # fmt: skip
        ids_by_part = {"observations": {o.id for o in observations},
                       "safety_entries": {e.id for e in safety},
                       "scale_ratings": {s.id for s in scales},
                       "actions": {a.id for a in actions}}  # fmt: skip
        hidden_parts = {part for part, ids in ids_by_part.items() if ids & hidden}
        _, _, next_visit, _, signed_off_at = visits.get_flags(self.conn, visit_id)
        letter = letters.get_letter(conn, visit_id)
        letter_text = letter.text if letter else None
        if letter_text is None and signed_off_at is not None:
            letter_text = self._letter_from_locked_record(visit_id)  # composed afresh: nothing to leave out
        hidden_words = [o.text for o in observations if o.id in hidden]
        hidden_words += [e.text for e in safety if e.id in hidden]
        # an action is in the letter without its leading "To": "Mum will ring the school"
        hidden_words += [re.sub(r"(?i)^\s*to\s+", "", a.what) for a in actions if a.id in hidden]
        on_show = [p for p in Pictures(conn, self.worker_id).for_visit(visit_id) if p.consent.may_show_family]
        pictures = [SharedPicture(p.id, p.description) for p in on_show]
        amendments = [SharedAmendment(a.part, a.text, a.reason, a.at)
                      for a in visit_parts.amendments_for(self.conn, visit_id)
                      if amendment_is_shared(a.part, hidden_parts)]  # fmt: skip
        who = [_person_text(people[pid].name, people[pid].relationship)
               for pid in visit.present_person_ids if pid in people]  # fmt: skip
        with transaction(self.conn):
            audit(self.conn, self.worker_id, "record.shared_with_family", "visit", visit_id)
        return SharedRecord(
            visit_id=visit_id, child_name=child.display_name, visit_date=visit.starts_at.date(),
            place=visit.place, purpose=visit.purpose, who_was_there=who,
            letter=_leaving_out(letter_text, hidden_words) if letter_text else None, items=items,
            pictures=pictures, amendments=amendments,
            next_visit=next_visit.planned_on, responses=family.responses_for_record(self.conn, visit_id),
        )  # fmt: skip

    def _letter_from_locked_record(self, visit_id: str) -> str | None:
        """A visit signed off before it had a letter shows one composed from its locked record, never stored
        (see ``LetterService.open``): the family is shown the letter the worker sees."""
        try:
            return LetterService(self.conn, self.worker_id).open(visit_id).text
        except LetterError:
            return None  # no worker details to sign it with: the record is shown without a letter

    def mark_shareable(self, part: str, item_id: str, shareable: bool) -> None:
        """Allowed even after sign-off: hiding something from the family changes no word of the record."""
        with transaction(self.conn):
            if not family.set_shareable(self.conn, part, item_id, shareable):
                raise FamilyError("That part of the record could not be found.")
            audit(self.conn, self.worker_id, "part.shared" if shareable else "part.not_shared", part, item_id)

    def not_shared(self, visit_id: str) -> set[str]:
        return family.not_shared_ids(self.conn, visit_id)

    # What the family says -----------------------------------------------------------------------------------

    def add_response(self, record_visit_id: str, verdict: Verdict, speaker: str, words: str,
                     during_visit_id: str | None = None) -> FamilyResponse:  # fmt: skip
        if not speaker.strip():
            raise FamilyError("Say who is speaking: Mum, Dad, the child, a carer…")
        if verdict is not Verdict.AGREE and not words.strip():
            raise FamilyError("Write down what they said is wrong or missing, in their words.")
        response = FamilyResponse(record_visit_id=record_visit_id, verdict=verdict, speaker=speaker.strip(),
                                  words=words, at=self.clock().replace(microsecond=0),
                                  during_visit_id=during_visit_id)  # fmt: skip
        with transaction(self.conn):
            family.add_response(self.conn, response)
            audit(self.conn, self.worker_id, "family_response.added", "visit", record_visit_id)
        return response

    def edit_response(self, response: FamilyResponse) -> None:
        self._guarded(lambda: family.update_words(self.conn, response), "family_response.edited", response.id)

    def remove_response(self, response_id: str) -> None:
        self._guarded(lambda: family.delete_response(self.conn, response_id), "family_response.removed",
                      response_id)  # fmt: skip

    def answer(self, response_id: str, kind: AnswerKind, answer: str,
               amendment: tuple[str, str] | None = None) -> FamilyResponse:  # fmt: skip
        """The worker's answer. A correction to a signed-off record needs ``amendment`` = (part, new text),
        which becomes an amendment linked to this response; a record not yet signed off is simply edited."""
        response = family.get_response(self.conn, response_id)
        if response is None:
            raise FamilyError("That response could not be found.")
        if not answer.strip():
            raise FamilyError("Say what you changed, or why you kept the record as it was.")
        amendment_id = None
        needs_amendment = kind is AnswerKind.CHANGED and visits.signed_off(
            self.conn, response.record_visit_id
        )
        if needs_amendment and amendment is None:
            raise FamilyError("The record is signed off: write the correction as an amendment.")

        def write() -> None:
            nonlocal amendment_id
            if needs_amendment and amendment is not None:
                part, text = amendment
                if not text.strip():
                    raise FamilyError("Write the corrected words for the amendment.")
                item = Amendment(visit_id=response.record_visit_id, part=part, text=text,
                                 reason=f"{response.speaker} told us: {response.words}".strip(),
                                 at=self.clock().replace(microsecond=0), by=self.worker_id)  # fmt: skip
                visit_parts.add_amendment(self.conn, item)
                amendment_id = item.id
                audit(self.conn, self.worker_id, "visit.amended", "visit", response.record_visit_id)
            family.set_answer(self.conn, response_id, kind, answer, self.clock().replace(microsecond=0),
                              amendment_id)  # fmt: skip

        self._guarded(write, "family_response.answered", response_id)
        answered = family.get_response(self.conn, response_id)
        assert answered is not None
        return answered

    def response(self, response_id: str) -> tuple[FamilyResponse, date, bool]:
        """A response with the day of the record it is about, and whether that record is signed off."""
        response = family.get_response(self.conn, response_id)
        visit = visits.get_visit(self.conn, response.record_visit_id) if response else None
        if response is None or visit is None:
            raise FamilyError("That response could not be found.")
        return response, visit.starts_at.date(), visits.signed_off(self.conn, visit.id)

    def responses_for_child(self, child_id: str, unanswered_only: bool = False) -> list[FamilyResponse]:
        return family.responses_for_child(self.conn, child_id, unanswered_only)

    def _guarded(self, change: Callable[[], object], action: str, entity_id: str) -> None:
        try:
            with transaction(self.conn):
                change()
                audit(self.conn, self.worker_id, action, "family_response", entity_id)
        except DatabaseError as exc:
            message = str(exc).strip()
            raise FamilyError(message[:1].upper() + message[1:] + ".") from exc

    # Leaving the family view --------------------------------------------------------------------------------

    def set_exit_pin(self, pin: str) -> None:
        if not (pin.isdigit() and 4 <= len(pin) <= 8) or len(set(pin)) == 1:
            raise FamilyError("Choose 4 to 8 digits, not all the same.")
        salt = secrets.token_bytes(16)
        record = {"salt": salt.hex(), "hash": _pin_hash(pin, salt).hex()}
        with transaction(self.conn):
            settings.put(self.conn, "family_exit_pin", json.dumps(record))
            settings.put(self.conn, "family_exit_failures", "0")
            audit(self.conn, self.worker_id, "settings.family_pin", "worker", self.worker_id)

    def has_exit_pin(self) -> bool:
        return settings.get(self.conn, "family_exit_pin") is not None

    def check_exit(self, credential: str) -> bool:
        """The worker's PIN or passphrase. After five wrong PINs in a row only the passphrase will do.

        Wrong passphrases count toward the unlock screen's growing delay (the same file beside the vault, so
        it carries across the exit, the unlock screen and a restart); while a delay is due no passphrase is
        checked and ``ExitThrottled`` says how long to wait. The PIN keeps its own limit of five and still
        works during such a delay. The right passphrase clears both counts, as unlocking does.

        Runs the KDF (about half a second) when the passphrase is checked: call it off the UI thread."""
        failures = int(settings.get(self.conn, "family_exit_failures", "0") or 0)
        stored = settings.get(self.conn, "family_exit_pin")
        as_pin = bool(stored) and failures < PIN_ATTEMPTS and credential.isdigit()
        if as_pin and stored is not None:
            record = json.loads(stored)
            if hmac.compare_digest(
                _pin_hash(credential, bytes.fromhex(record["salt"])).hex(), record["hash"]
            ):
                self._set_failures(0)
                return True
        # Not the PIN (or not a PIN at all): it may still be the passphrase, which can be all digits too.
        # A wrong all-digit try while the PIN is accepted counts once, as a wrong PIN, and not also toward
        # the passphrase delay. Counting it against the PIN is what keeps the PIN (10,000 choices or fewer)
        # at five guesses; leaving it off the passphrase count gives an attacker at most five all-digit
        # passphrase guesses without the delay before the PIN stops being accepted, after which every try
        # counts toward the delay. A 12-digit passphrase has 10^12 choices: five free guesses gain nothing.
        if self.vault is None:
            if as_pin:
                self._set_failures(failures + 1)
            return False
        paths = self.vault.paths
        wait = seconds_until_next_try(paths, self.seconds())
        if wait > 0:
            if as_pin:
                self._set_failures(failures + 1)
            raise ExitThrottled(wait, pin_checked=as_pin)
        if self.vault.check_passphrase(credential):
            self._set_failures(0)
            clear_wrong_passphrases(paths)
            return True
        if as_pin:
            self._set_failures(failures + 1)
        else:
            count_wrong_passphrase(paths, self.seconds())
        return False

    def passphrase_wait(self) -> float:
        """Seconds before the exit will check a passphrase again (0 when it will now)."""
        return 0.0 if self.vault is None else seconds_until_next_try(self.vault.paths, self.seconds())

    def pin_still_accepted(self) -> bool:
        return int(settings.get(self.conn, "family_exit_failures", "0") or 0) < PIN_ATTEMPTS

    def _set_failures(self, count: int) -> None:
        with transaction(self.conn):
            settings.put(self.conn, "family_exit_failures", str(count))


def amendment_is_shared(part: str, hidden_parts: set[str]) -> bool:
    """Whether an amendment to ``part`` (a step of the record, by its value or its label) may be shown to
    the family, when ``hidden_parts`` are the stored parts with an entry marked "not for the family".

    An amendment names only the step it amends, never the entry, so it cannot be tied to one item. The safe
    rule: it is left out when its step is one the family view never shows (the child's words, time alone,
    the worker's notes, a name we do not know), and when any entry of its step is marked not for the family
    (it may be correcting that entry, in the hidden words). Marking the entry shareable again shows it."""
    step = _step_named(part)
    if step is None or step not in SHARED_STEPS:
        return False
    return not any(stored in hidden_parts for stored in SHARED_STEPS[step])


def _step_named(part: str) -> Step | None:
    wanted = part.strip().casefold()
    for step in Step:
        if wanted in (step.value, STEP_LABELS[step].casefold()):
            return step
    return None


def _pin_hash(pin: str, salt: bytes) -> bytes:
    # Short PINs are guessable offline whatever the hash; this one only has to hold inside the encrypted
    # vault, where a thief without the passphrase cannot read it at all.
    return hashlib.scrypt(pin.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)


def _person_text(name: str, relationship: str) -> str:
    if relationship and relationship.lower() != name.lower():
        return f"{name} ({relationship})"
    return name


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold().rstrip(".")


def _leaving_out(letter: str, hidden: list[str]) -> str:
    """The letter without its paragraphs that repeat an entry marked not for the family. A letter written
    before the entry was marked still holds it (a new one leaves it out), and the family screen promises to
    leave such entries out: it does, wherever the letter kept the entry's words."""
    words = [_plain(text) for text in hidden if text.strip()]
    if not words:
        return letter
    paragraphs = letter.split("\n\n")
    return "\n\n".join(p for p in paragraphs if not any(w in _plain(p) for w in words))


def _score_text(who: str, score: int, reason: str) -> str:
    """ "Mum: 4 out of 10. Because it is calmer now." Each part starts as a sentence does, as typed fast
    on a visit they may not."""
    said = f"{who.strip()[:1].upper()}{who.strip()[1:]}: {score} out of 10."
    why = reason.strip()
    return f"{said} {why[:1].upper()}{why[1:]}" if why else said


def _action_text(who: str, what: str, due_on: date | None) -> str:
    when = f" — by {due_on.day} {due_on:%B %Y}" if due_on else ""
    return f"{who}: {what}{when}"
