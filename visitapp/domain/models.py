"""The things a worker records: the worker, children, the people in a child's life, visits.

Plain dataclasses with no storage or UI knowledge. Ids are client-made UUID strings so that sync can
address every record without asking a server first.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


def new_id() -> str:
    return str(uuid.uuid4())


class LegalStatus(StrEnum):
    CHILD_IN_NEED = "child_in_need"
    CHILD_PROTECTION_PLAN = "child_protection_plan"
    LOOKED_AFTER = "looked_after"
    CARE_LEAVER = "care_leaver"
    PRIVATE_FOSTERING = "private_fostering"
    EARLY_HELP = "early_help"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _LEGAL_STATUS_LABELS[self]


_LEGAL_STATUS_LABELS = {
    LegalStatus.CHILD_IN_NEED: "Child in need",
    LegalStatus.CHILD_PROTECTION_PLAN: "Child protection plan",
    LegalStatus.LOOKED_AFTER: "Looked after",
    LegalStatus.CARE_LEAVER: "Care leaver",
    LegalStatus.PRIVATE_FOSTERING: "Private fostering",
    LegalStatus.EARLY_HELP: "Early help",
    LegalStatus.OTHER: "Other",
}


class CommunicationNeed(StrEnum):
    INTERPRETER = "interpreter"
    NON_VERBAL = "non_verbal"
    SIGN_LANGUAGE = "sign_language"
    MAKATON = "makaton"
    PICTURES = "pictures"
    HEARING = "hearing"
    SIGHT = "sight"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _COMMUNICATION_LABELS[self]


_COMMUNICATION_LABELS = {
    CommunicationNeed.INTERPRETER: "Needs an interpreter",
    CommunicationNeed.NON_VERBAL: "Does not use spoken words",
    CommunicationNeed.SIGN_LANGUAGE: "Uses sign language",
    CommunicationNeed.MAKATON: "Uses Makaton",
    CommunicationNeed.PICTURES: "Uses pictures or symbols",
    CommunicationNeed.HEARING: "Hearing needs",
    CommunicationNeed.SIGHT: "Sight needs",
    CommunicationNeed.OTHER: "Other (see notes)",
}


class VisitType(StrEnum):
    PLANNED = "planned"
    UNANNOUNCED = "unannounced"


class VisitStatus(StrEnum):
    DRAFT = "draft"
    COMPLETED = "completed"


@dataclass
class Worker:
    full_name: str
    job_title: str
    team: str


@dataclass
class Person:
    """Someone in a child's life. ``relationship`` is in the child's own words ("Nanna Jo")."""

    child_id: str
    name: str
    relationship: str = ""
    role: str = ""  # for professionals: "teacher", "health visitor"
    id: str = field(default_factory=new_id)


@dataclass
class Child:
    full_name: str
    known_as: str = ""
    date_of_birth: date | None = None
    pronouns: str = ""
    legal_status: LegalStatus = LegalStatus.CHILD_IN_NEED
    first_language: str = "English"
    communication_needs: list[CommunicationNeed] = field(default_factory=list)
    communication_notes: str = ""
    visiting_rule: str = ""  # a key in resources/timescales.toml; empty means "the usual one for the status"
    plan_start: date | None = None  # when the plan, placement or arrangement began, for visiting timescales
    id: str = field(default_factory=new_id)
    version: int = 0

    @property
    def display_name(self) -> str:
        return self.known_as or self.full_name.split(" ")[0]

    def age_on(self, day: date) -> int | None:
        if self.date_of_birth is None:
            return None
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


@dataclass
class Visit:
    child_id: str
    starts_at: datetime
    place: str = ""
    visit_type: VisitType = VisitType.PLANNED
    purpose: str = ""
    notes: str = ""
    status: VisitStatus = VisitStatus.DRAFT
    present_person_ids: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    version: int = 0


@dataclass(frozen=True)
class CaseloadRow:
    """One line of the caseload list: small, so a list of hundreds stays cheap."""

    child_id: str
    full_name: str
    known_as: str
    date_of_birth: date | None
    legal_status: LegalStatus
    last_visit_at: datetime | None
    next_visit_due: date | None = None
    days_until_due: int | None = None  # negative when overdue
    due_basis: str = ""
    weeks_not_seen_alone: int | None = None  # set only when longer than the child's rule allows
    unanswered_responses: int = 0  # things the family said about a record that the worker has not answered


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
