"""The registry of record types that sync: how each is read into a JSON body and written back from one.

A record type names its table, how to find the child it belongs to, and the order to apply it in (parents
before their parts). Most need nothing else: the generic functions read every column (less the local-only
ones) and write back only the columns this laptop knows and that differ. A type with more than one table
(a visit and who was present) gives its own ``serialise``/``apply``.

To add a record type later (pictures, letters, family responses): ``register(RecordType(...))`` here or in
the owning module, and add outbox triggers in that module's migration (``visitapp.store.sync_tables``).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from visitapp.store.db import Connection

Body = dict[str, Any]


@dataclass(frozen=True)
class RecordType:
    name: str  # on the wire
    table: str
    child_sql: str  # SELECT giving the child id of the record whose id is the one parameter
    rank: int  # apply order: lower first (parents before parts); deletes go the other way
    exclude: tuple[str, ...] = ()  # local-only columns, never sent (e.g. the local edit counter)
    id_column: str = "id"
    immutable: bool = False  # never changes once written: apply only inserts
    serialise: Callable[[Connection, RecordType, str], Body | None] | None = None
    apply: Callable[[Connection, RecordType, str, Body], None] | None = None
    signed_off: Callable[[Connection, Body], bool] = field(default=lambda _conn, _body: False)
    locally_frozen: Callable[[Connection, str], bool] = field(default=lambda _conn, _rid: False)
    label: str = "record"  # in plain words, for the worker: "visit", "child's words"
    blobs: Callable[[Body], list[str]] = field(default=lambda _body: [])  # SHA-256s of pictures it needs

    def read(self, conn: Connection, record_id: str) -> Body | None:
        return (self.serialise or generic_serialise)(conn, self, record_id)

    def write(self, conn: Connection, record_id: str, body: Body) -> None:
        (self.apply or generic_apply)(conn, self, record_id, body)

    def delete(self, conn: Connection, record_id: str) -> bool:
        sql = f"DELETE FROM {self.table} WHERE {self.id_column} = ?"
        return bool(conn.execute(sql, (record_id,)).rowcount)

    def exists(self, conn: Connection, record_id: str) -> bool:
        sql = f"SELECT 1 FROM {self.table} WHERE {self.id_column} = ?"
        return conn.execute(sql, (record_id,)).fetchone() is not None

    def child_of(self, conn: Connection, record_id: str) -> str | None:
        row = conn.execute(self.child_sql, (record_id,)).fetchone()
        return str(row[0]) if row and row[0] else None


class BlobStore(Protocol):
    """Where picture bytes live in the vault (the pictures module provides one). Addressed by SHA-256."""

    def read(self, conn: Connection, sha256: str) -> bytes | None: ...

    def has(self, conn: Connection, sha256: str) -> bool: ...

    def write(self, conn: Connection, child_id: str, sha256: str, data: bytes) -> None: ...


REGISTRY: dict[str, RecordType] = {}
_BLOB_STORE: list[BlobStore] = []  # the vault's pictures by default (set at the end of this module)


def register(record_type: RecordType) -> RecordType:
    REGISTRY[record_type.name] = record_type
    return record_type


def get(name: str) -> RecordType | None:
    return REGISTRY.get(name)


def set_blob_store(store: BlobStore | None) -> None:
    _BLOB_STORE.clear()
    if store is not None:
        _BLOB_STORE.append(store)


def blob_store() -> BlobStore | None:
    return _BLOB_STORE[0] if _BLOB_STORE else None


# Generic read and write -----------------------------------------------------------------------------------


def table_columns(conn: Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def _to_json(value: object) -> object:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$base64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def _from_json(value: object) -> object:
    if isinstance(value, dict) and set(value) == {"$base64"}:
        return base64.b64decode(str(value["$base64"]))
    return value


def generic_serialise(conn: Connection, rt: RecordType, record_id: str) -> Body | None:
    cur = conn.execute(f"SELECT * FROM {rt.table} WHERE {rt.id_column} = ?", (record_id,))
    row = cur.fetchone()
    if row is None:
        return None
    names = [d[0] for d in cur.description]
    return {n: _to_json(v) for n, v in zip(names, row, strict=True) if n not in rt.exclude}


def generic_apply(conn: Connection, rt: RecordType, record_id: str, body: Body) -> None:
    key = rt.id_column
    known = [c for c in table_columns(conn, rt.table) if c not in rt.exclude and c != key and c in body]
    values = {c: _from_json(body[c]) for c in known}
    cur = conn.execute(f"SELECT {', '.join(known) or key} FROM {rt.table} WHERE {key} = ?", (record_id,))
    row = cur.fetchone()
    if row is None:
        columns = [key, *known]
        conn.execute(
            f"INSERT INTO {rt.table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            (record_id, *values.values()),
        )
        return
    if rt.immutable:
        return
    # Only the columns that differ: a trigger guarding one column (a child's words) is not woken needlessly.
    changed = [c for c, old in zip(known, row, strict=False) if old != values[c]]
    if changed:
        conn.execute(
            f"UPDATE {rt.table} SET {', '.join(f'{c} = ?' for c in changed)} WHERE {key} = ?",
            (*(values[c] for c in changed), record_id),
        )


# Visits carry who was present (visit_people) -----------------------------------------------------------


def _visit_serialise(conn: Connection, rt: RecordType, record_id: str) -> Body | None:
    body = generic_serialise(conn, rt, record_id)
    if body is not None:
        body["present_person_ids"] = sorted(
            r[0] for r in conn.execute("SELECT person_id FROM visit_people WHERE visit_id = ?", (record_id,))
        )
    return body


def _visit_apply(conn: Connection, rt: RecordType, record_id: str, body: Body) -> None:
    generic_apply(conn, rt, record_id, body)
    wanted = sorted(str(p) for p in body.get("present_person_ids") or [])
    present = sorted(
        r[0] for r in conn.execute("SELECT person_id FROM visit_people WHERE visit_id = ?", (record_id,))
    )
    if wanted != present:
        conn.execute("DELETE FROM visit_people WHERE visit_id = ?", (record_id,))
        for person_id in wanted:  # a person this laptop does not have (yet) is left out, not an error
            conn.execute(
                "INSERT INTO visit_people (visit_id, person_id) SELECT ?, ? "
                "WHERE EXISTS (SELECT 1 FROM people WHERE id = ?)",
                (record_id, person_id, person_id),
            )


def _visit_signed_off(_conn: Connection, body: Body) -> bool:
    return bool(body.get("signed_off_at"))


def _visit_frozen(conn: Connection, visit_id: str) -> bool:
    row = conn.execute("SELECT signed_off_at FROM visits WHERE id = ?", (visit_id,)).fetchone()
    return bool(row and row[0])


def _part_frozen(table: str, key: str = "id") -> Callable[[Connection, str], bool]:
    def frozen(conn: Connection, part_id: str) -> bool:
        row = conn.execute(
            f"SELECT v.signed_off_at FROM {table} t JOIN visits v ON v.id = t.visit_id WHERE t.{key} = ?",
            (part_id,),
        ).fetchone()
        return bool(row and row[0])

    return frozen


def _visit_of_body_signed_off(conn: Connection, body: Body) -> bool:
    return _visit_frozen(conn, str(body.get("visit_id", "")))


def _always(_conn: Connection, _body: Body) -> bool:
    return True


_VIA_VISIT = "SELECT v.child_id FROM {t} t JOIN visits v ON v.id = t.visit_id WHERE t.id = ?"

register(
    RecordType(
        "child", "children", "SELECT id FROM children WHERE id = ?", 0, ("version",), label="child's details"
    )
)
register(
    RecordType(
        "person", "people", "SELECT child_id FROM people WHERE id = ?", 1, label="person in the child's life"
    )
)
register(
    RecordType(
        "visit",
        "visits",
        "SELECT child_id FROM visits WHERE id = ?",
        2,
        ("version",),
        serialise=_visit_serialise,
        apply=_visit_apply,
        signed_off=_visit_signed_off,
        locally_frozen=_visit_frozen,
        label="visit",
    )
)
for _name, _table, _label in (
    ("quote", "quotes", "child's words"),
    ("observation", "observations", "observation"),
    ("safety_entry", "safety_entries", "safety map entry"),
    ("scale_rating", "scale_ratings", "scale"),
    ("tool_entry", "tool_entries", "direct-work answer"),
):
    register(
        RecordType(
            _name, _table, _VIA_VISIT.format(t=_table), 3, locally_frozen=_part_frozen(_table), label=_label
        )
    )
register(RecordType("action", "actions", "SELECT child_id FROM actions WHERE id = ?", 3, label="action"))
register(
    RecordType(
        "amendment",
        "amendments",
        _VIA_VISIT.format(t="amendments"),
        3,
        immutable=True,
        signed_off=_always,
        label="amendment",
    )
)
register(
    RecordType(
        "quote_annotation",
        "quote_annotations",
        "SELECT v.child_id FROM quote_annotations a JOIN quotes q ON q.id = a.quote_id "
        "JOIN visits v ON v.id = q.visit_id WHERE a.id = ?",
        4,
        immutable=True,
        signed_off=_always,
        label="note beside the child's words",
    )
)
register(
    RecordType(
        "picture",
        "visit_pictures",
        _VIA_VISIT.format(t="visit_pictures"),
        3,
        locally_frozen=_part_frozen("visit_pictures"),
        blobs=lambda body: [str(body["sha256"])],
        label="picture",
    )
)
register(
    RecordType(
        "letter",
        "letter_drafts",
        "SELECT child_id FROM visits WHERE id = ?",
        3,
        ("version",),
        id_column="visit_id",
        signed_off=_visit_of_body_signed_off,
        locally_frozen=_part_frozen("letter_drafts", "visit_id"),
        label="letter to the child",
    )
)


register(
    RecordType(
        "period_letter",
        "period_letters",
        "SELECT child_id FROM period_letters WHERE id = ?",
        2,
        ("version",),
        label="update letter",
    )
)


def _default_store() -> None:
    from visitapp.sync.picture_blobs import VaultPictures

    set_blob_store(VaultPictures())


_default_store()
register(
    RecordType(
        "family_response",
        "family_responses",
        "SELECT v.child_id FROM family_responses f JOIN visits v ON v.id = f.record_visit_id WHERE f.id = ?",
        4,
        label="family's response",
    )
)
