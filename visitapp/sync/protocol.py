"""The sync wire protocol, shared by the laptop's client and the organisation's server.

Pure Python on purpose: no Qt, no web framework. The server uses these dataclasses as its request and
response models (so they appear in ``/openapi.json``); the client builds and reads them with ``to_wire`` and
the ``from_wire`` class methods. ``docs/sync-protocol.md`` explains the rules in words.

Records are opaque JSON objects, addressed by ``(record_type, record_id)`` where ``record_id`` is a UUID made
on the laptop. Each one names the child it belongs to, so the server can check that the worker may see it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

API_VERSION = 1
API_PREFIX = "/v1"

# Request headers.
AUTH_SCHEME = "Bearer"
HEADER_UPLOAD_OFFSET = "Upload-Offset"  # where this chunk starts (PUT) / bytes held so far (HEAD, replies)
HEADER_UPLOAD_LENGTH = "Upload-Length"  # the picture's full size in bytes
HEADER_UPLOAD_COMPLETE = "Upload-Complete"  # "1" once the whole picture is stored and verified
HEADER_CONTENT_DIGEST = "Content-Digest"  # RFC 9530 form: sha-256=:<base64 of the chunk's SHA-256>:
HEADER_WIPE = "X-VisitApp-Wipe"  # "1" on a 401 for a revoked device: delete the vault key now

# Limits. The client should stay well inside them; the server enforces them.
MAX_BATCH_CHANGES = 500
MAX_BODY_BYTES = 512 * 1024  # one record's JSON body, encoded
MAX_VERSION = 2**62  # versions and sequence numbers stay well inside a signed 64-bit integer
MAX_PULL_LIMIT = 1000
DEFAULT_PULL_LIMIT = 200
MAX_PICTURE_BYTES = 64 * 1024 * 1024
MAX_CHUNK_BYTES = 8 * 1024 * 1024
DEFAULT_CHUNK_BYTES = 1024 * 1024
# Pictures a laptop sends at once: while the server writes one to disk, the next is already arriving.
PICTURE_UPLOADS_AT_ONCE = 4

RECORD_TYPE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")

Op = Literal["upsert", "delete"]
Status = Literal["accepted", "conflict", "rejected"]

# Machine-readable reasons for a rejected change; each comes with a sentence for the worker.
REASON_INVALID = "invalid"
REASON_NOT_ASSIGNED = "not_assigned"
REASON_SIGNED_OFF = "signed_off"
REASON_ID_IN_USE = "id_in_use"
REASON_UNKNOWN_RECORD = "unknown_record"
REASON_CHANGE_ID_REUSED = "change_id_reused"
REASON_SERVER_ERROR = "server_error"  # not remembered: sending the same change again tries again

# Error codes in 4xx JSON bodies: {"error": code, "detail": sentence, "wipe": bool}.
ERROR_NO_TOKEN = "no_token"
ERROR_INVALID_TOKEN = "invalid_token"
ERROR_DEVICE_REVOKED = "device_revoked"
ERROR_INVALID_CODE = "invalid_enrolment_code"
ERROR_NOT_ASSIGNED = "not_assigned"


@dataclass
class EnrolRequest:
    code: str

    def to_wire(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class EnrolResponse:
    device_id: str
    token: str
    api_version: int = API_VERSION

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> EnrolResponse:
        return cls(
            device_id=str(data["device_id"]), token=str(data["token"]), api_version=int(data["api_version"])
        )


@dataclass
class Change:
    """One change the laptop sends. ``change_id`` is made once when the change is queued and never reused:
    sending it again (after a lost answer) gets the first answer back."""

    change_id: str
    record_type: str
    record_id: str
    child_id: str
    base_version: int = 0  # 0 creates the record; otherwise the version this change was made from
    op: Op = "upsert"
    body: dict[str, Any] | None = None  # required for "upsert", ignored for "delete"
    signed_off: bool = False  # once stored signed off, the record never changes again

    def to_wire(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Change:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})

    def digest(self) -> str:
        """A fingerprint of the whole change, so a reused change id with other content is caught."""
        return hashlib.sha256(canonical_json(self.to_wire()).encode()).hexdigest()


@dataclass
class PushRequest:
    changes: list[Change] = field(default_factory=list)

    def to_wire(self) -> dict[str, Any]:
        return {"changes": [c.to_wire() for c in self.changes]}


@dataclass
class ServerRecord:
    """A record as the server holds it now. ``body`` is None for a tombstone (``deleted``)."""

    record_type: str
    record_id: str
    child_id: str
    version: int
    sequence: int
    deleted: bool
    signed_off: bool
    body: dict[str, Any] | None

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> ServerRecord:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__})


@dataclass
class ChangeResult:
    change_id: str
    status: Status
    version: int | None = None  # accepted: the record's new version
    sequence: int | None = None  # accepted: the server sequence number of this change
    server_record: ServerRecord | None = None  # conflict: what the server holds (your version is kept too)
    reason_code: str | None = None  # rejected
    reason: str | None = None  # rejected: a sentence that can be shown to the worker

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> ChangeResult:
        record = data.get("server_record")
        return cls(
            change_id=data["change_id"],
            status=data["status"],
            version=data.get("version"),
            sequence=data.get("sequence"),
            server_record=ServerRecord.from_wire(record) if record else None,
            reason_code=data.get("reason_code"),
            reason=data.get("reason"),
        )


@dataclass
class PushResponse:
    results: list[ChangeResult]

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> PushResponse:
        return cls(results=[ChangeResult.from_wire(r) for r in data["results"]])


@dataclass
class PullResponse:
    """One page of the feed. Store ``next_since`` as the cursor only after applying ``records`` locally;
    ask again while ``has_more``. ``assigned_children`` is the full current list: a child missing from it is
    no longer this worker's."""

    records: list[ServerRecord]
    next_since: int
    has_more: bool
    assigned_children: list[str]

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> PullResponse:
        return cls(
            records=[ServerRecord.from_wire(r) for r in data["records"]],
            next_since=int(data["next_since"]),
            has_more=bool(data["has_more"]),
            assigned_children=[str(c) for c in data["assigned_children"]],
        )


@dataclass
class SessionInfo:
    device_id: str
    worker_id: int
    assigned_children: list[str]
    api_version: int = API_VERSION


@dataclass
class ErrorBody:
    error: str
    detail: str
    wipe: bool = False


@dataclass
class UploadStatus:
    """Answer to a picture chunk PUT (also mirrored in the headers)."""

    sha256: str
    offset: int
    length: int
    complete: bool


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value.lower() and len(value) == 36
    except ValueError:
        return False


def normalise_uuid(value: str) -> str:
    return str(uuid.UUID(value))


def validate_change(change: Change) -> str | None:
    """Why this change cannot be stored, as a sentence, or None when it is well formed."""
    if not is_uuid(change.change_id):
        return "The change id is not a UUID."
    if not isinstance(change.record_type, str) or not RECORD_TYPE_PATTERN.match(change.record_type):
        return "The record type must be lower-case letters, digits or underscores (at most 40)."
    if not is_uuid(change.record_id):
        return "The record id is not a UUID."
    if not is_uuid(change.child_id):
        return "The child id is not a UUID."
    if not isinstance(change.base_version, int) or not 0 <= change.base_version <= MAX_VERSION:
        return "The base version must be a whole number, zero or more."
    if change.op not in ("upsert", "delete"):
        return "The operation must be 'upsert' or 'delete'."
    if change.op == "upsert":
        if not isinstance(change.body, dict):
            return "A record must have a JSON object as its body."
        try:
            size = len(canonical_json(change.body).encode())
        except (UnicodeEncodeError, ValueError):
            return "The record body holds text that is not valid Unicode."
        if size > MAX_BODY_BYTES:
            return f"The record body is larger than {MAX_BODY_BYTES} bytes."
    if change.op == "delete" and change.base_version == 0:
        return "A delete must name the version it removes."
    return None


def content_digest_header(chunk: bytes, digest: bytes | None = None) -> str:
    """The ``Content-Digest`` value for a chunk (RFC 9530, SHA-256), from its ``digest`` if already known."""
    return "sha-256=:" + base64.b64encode(digest or hashlib.sha256(chunk).digest()).decode() + ":"


def parse_content_digest(value: str) -> bytes | None:
    """The SHA-256 digest named in a ``Content-Digest`` header, or None if the header has none."""
    for part in value.split(","):
        name, _, rest = part.strip().partition("=")
        if name.strip().lower() != "sha-256":
            continue
        rest = rest.strip()
        if len(rest) < 2 or not (rest.startswith(":") and rest.endswith(":")):
            return None
        try:
            digest = base64.b64decode(rest[1:-1], validate=True)
        except (binascii.Error, ValueError):
            return None
        return digest if len(digest) == 32 else None
    return None
