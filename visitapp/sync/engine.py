"""One sync run: send the outbox, pull the server's changes, upload pictures, fetch pictures.

Run it on a worker thread with its own connection (``OpenVault.connect()``); it never touches Qt. The order
is chosen so nothing is lost or doubled:

1. **Send.** Each waiting record is *frozen* (a change id, its base version and its body, committed) before
   it is sent, and stays frozen until the server answers, so a resend after a lost answer is a replay. Only
   when every frozen change has its answer does the run go on, so the pull below never mistakes this laptop's
   own accepted change for somebody else's.
2. **Pull.** All pages since the cursor, then one local transaction applies them; only after it commits is
   the new cursor stored (a crash in between means the same changes come again and are skipped by version).
   A record with unsent local changes is never overwritten: both versions go to the conflicts table. A
   record signed off here is never overwritten either. A pull that would delete more than a handful of
   records is refused as a whole (nothing applied, cursor unchanged) and reported.
3. **Pictures** by SHA-256, in chunks, resuming from what the server holds, several at once (the HTTP calls
   on upload threads; the connection only ever on the run's own thread).
"""

from __future__ import annotations

import hashlib
import json
import logging
import queue
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import partial

from visitapp.store import sync_state as ss
from visitapp.store.clock import utc_now_iso
from visitapp.store.db import Connection, DatabaseError, transaction
from visitapp.sync import protocol as p
from visitapp.sync import records
from visitapp.sync.client import DeviceRevoked, NotRecognised, Offline, ServerRefused, SyncClient, SyncError

log = logging.getLogger(__name__)

MASS_DELETE_LIMIT = 5  # "a handful": more deletions than this in one pull are refused and reported
PUSH_BATCH = 200
PULL_LIMIT = 500
MAX_PUSH_ROUNDS = 50
RETRYABLE_REFUSALS = frozenset({p.REASON_SERVER_ERROR, p.REASON_NOT_ASSIGNED})


@dataclass(frozen=True)
class SyncProgress:
    """What a progress bar shows. ``phase``: sending | receiving | pictures | fetching pictures."""

    phase: str
    done: int
    total: int
    bytes_done: int = 0
    bytes_total: int = 0


@dataclass
class SyncReport:
    """What happened.

    ``outcome``: synced | needs_attention | offline | not_set_up | not_recognised | revoked."""

    outcome: str = "synced"
    message: str = ""
    sent: int = 0  # changes the server accepted in this run
    received: int = 0  # server changes applied here
    conflicts: int = 0  # conflicts found in this run (both versions kept)
    refused: int = 0  # changes the server refused in this run (kept here, with the reason)
    held: int = 0  # server changes that could not be applied here (kept, retried next time)
    pictures_sent: int = 0
    pictures_received: int = 0
    mass_delete_refused: int = 0  # deletions in a refused pull
    bytes_sent: int = 0
    unassigned_children: list[str] = field(default_factory=list)


# Called at named points of a run ("pushed", "applied", "chunk"); it may raise to stop the run there. "chunk"
# is called on an upload thread, the others on the run's thread.
Hook = Callable[[str], None]


class SyncEngine:
    def __init__(
        self,
        conn: Connection,
        client: SyncClient | None = None,
        *,
        progress: Callable[[SyncProgress], None] | None = None,
        hook: Hook | None = None,
        mass_delete_limit: int = MASS_DELETE_LIMIT,
        push_batch: int = PUSH_BATCH,
        pull_limit: int = PULL_LIMIT,
        chunk_bytes: int = p.DEFAULT_CHUNK_BYTES,
    ) -> None:
        self.conn = conn
        self._client = client
        self.progress = progress or (lambda _p: None)
        self.hook = hook or (lambda _point: None)
        self.mass_delete_limit = mass_delete_limit
        self.push_batch = max(1, min(push_batch, p.MAX_BATCH_CHANGES))
        self.pull_limit = max(1, min(pull_limit, p.MAX_PULL_LIMIT))
        self.chunk_bytes = max(1, min(chunk_bytes, p.MAX_CHUNK_BYTES))

    # The run ----------------------------------------------------------------------------------------------

    def _make_client(self) -> SyncClient | None:
        if self._client is None:
            url = ss.meta_get(self.conn, ss.SERVER_URL)
            token = ss.meta_get(self.conn, ss.DEVICE_TOKEN)
            if not url or not token:
                return None
            self._client = SyncClient(url, token)
        return self._client

    def run(self, allow_mass_delete: bool = False) -> SyncReport:
        owned = self._client is None
        try:
            return self._run(allow_mass_delete)
        finally:
            if owned and self._client is not None:
                self._client.close()
                self._client = None

    def _run(self, allow_mass_delete: bool) -> SyncReport:
        report = SyncReport()
        client = self._make_client()
        if client is None:
            report.outcome = "not_set_up"
            report.message = "Sync is not set up on this laptop yet: enter the server address and code."
            return report
        before = client.traffic.body_bytes_sent
        try:
            self._push(client, report)
            self._pull(client, report, allow_mass_delete)
            self._upload(client, report)
            self._download(client, report)
        except DeviceRevoked as exc:
            report.outcome, report.message = "revoked", str(exc)
        except NotRecognised as exc:
            report.outcome, report.message = "not_recognised", str(exc)
        except Offline as exc:
            report.outcome, report.message = "offline", str(exc)
        except ServerRefused as exc:
            report.outcome, report.message = "needs_attention", str(exc)
        report.bytes_sent = client.traffic.body_bytes_sent - before
        if report.outcome == "synced" and (report.conflicts or report.refused or report.held):
            report.outcome = "needs_attention"
        if report.outcome in ("synced", "needs_attention") and not report.message:
            report.message = _summary(report)
        with transaction(self.conn):
            now = utc_now_iso()
            ss.meta_put(self.conn, ss.LAST_ATTEMPT_AT, now)
            ss.meta_put(self.conn, ss.LAST_OUTCOME, report.outcome)
            ss.meta_put(self.conn, ss.LAST_MESSAGE, report.message)
            if report.outcome in ("synced", "needs_attention"):
                ss.meta_put(self.conn, ss.LAST_SYNCED_AT, now)
        log.info("sync finished: %s (sent %d, received %d)", report.outcome, report.sent, report.received)
        return report

    # 1. Send ----------------------------------------------------------------------------------------------

    def _push(self, client: SyncClient, report: SyncReport) -> None:
        with transaction(self.conn):
            ss.resend_retryable(self.conn)
        total = self._waiting_count()
        done = 0
        for _ in range(MAX_PUSH_ROUNDS):
            with transaction(self.conn):
                pending = ss.frozen_changes(self.conn, self.push_batch)
                if len(pending) < self.push_batch:
                    for row in ss.to_freeze(self.conn, self.push_batch - len(pending)):
                        self._freeze(row, report)
                    pending = ss.frozen_changes(self.conn, self.push_batch)
            if not pending:
                return
            changes = [_change(row) for row in pending]
            answer = client.push(changes)
            self.hook("pushed")  # the server has committed; this laptop does not know yet
            if len(answer.results) != len(changes):
                raise ServerRefused("The server's answer did not match what was sent.", 200)
            by_id = {r.change_id.lower(): r for r in answer.results}
            with transaction(self.conn):
                for row, change in zip(pending, changes, strict=True):
                    result = by_id.get(change.change_id.lower())
                    if result is not None:
                        self._record_answer(row, change, result, report)
            done += len(pending)
            self.progress(SyncProgress("sending", done, max(total, done)))

    def _waiting_count(self) -> int:
        row = self.conn.execute(
            "SELECT count(*) FROM sync_outbox WHERE state = 'sending' OR (dirty = 1 AND state IN "
            "('waiting', 'refused'))"
        ).fetchone()
        return int(row[0])

    def _freeze(self, row: ss.OutboxRow, report: SyncReport) -> None:
        rt = records.get(row.record_type)
        if rt is None:
            ss.mark_refused(
                self.conn,
                row.record_type,
                row.record_id,
                "unknown_type",
                "This version of VisitApp cannot send this kind of record.",
                False,
            )
            return
        body = rt.read(self.conn, row.record_id)
        known = ss.known(self.conn, row.record_type, row.record_id)
        if body is None:
            if known is None or known.deleted:
                ss.drop_outbox(self.conn, row.record_type, row.record_id)  # made and removed between syncs
                return
            op, base, child, signed = "delete", known.version, known.child_id, False
        else:
            found = rt.child_of(self.conn, row.record_id) or (known.child_id if known else None)
            if found is None:
                ss.mark_refused(
                    self.conn,
                    row.record_type,
                    row.record_id,
                    "no_child",
                    "This record is not linked to a child, so it cannot be sent.",
                    False,
                )
                return
            op, base, child = "upsert", known.version if known else 0, found
            signed = rt.signed_off(self.conn, body)
        ss.freeze(self.conn, row, str(uuid.uuid4()), base, op, body, signed, child)

    def _record_answer(
        self, row: ss.OutboxRow, change: p.Change, result: p.ChangeResult, report: SyncReport
    ) -> None:
        rtype, rid = row.record_type, row.record_id
        if result.status == "accepted" and result.version is not None:
            deleted = change.op == "delete"
            ss.set_known(
                self.conn,
                rtype,
                rid,
                change.child_id,
                result.version,
                change.signed_off and not deleted,
                deleted,
            )
            ss.change_done(self.conn, rtype, rid)
            report.sent += 1
        elif result.status == "conflict" and result.server_record is not None:
            ss.keep_conflict(
                self.conn,
                "conflict",
                rtype,
                rid,
                change.child_id,
                change.op,
                change.body,
                asdict(result.server_record),
                "Changed on this laptop and somewhere else since the last sync.",
            )
            ss.mark_conflict(self.conn, rtype, rid)
            report.conflicts += 1
        else:
            code = result.reason_code or "rejected"
            reason = result.reason or "The server refused this change."
            ss.mark_refused(self.conn, rtype, rid, code, reason, code in RETRYABLE_REFUSALS)
            report.refused += 1

    # 2. Pull ----------------------------------------------------------------------------------------------

    def _pull(self, client: SyncClient, report: SyncReport, allow_mass_delete: bool) -> None:
        since = ss.cursor(self.conn)
        latest: dict[tuple[str, str], p.ServerRecord] = {}
        next_since, assigned = since, None
        while True:
            page = client.pull(next_since, self.pull_limit)
            for rec in page.records:
                key = (rec.record_type, rec.record_id)
                if key not in latest or latest[key].version < rec.version:
                    latest[key] = rec
            next_since, assigned = max(next_since, page.next_since), page.assigned_children
            self.progress(SyncProgress("receiving", len(latest), len(latest) + (1 if page.has_more else 0)))
            if not page.has_more:
                break
        deletions = self._deletions(latest.values())
        if deletions > self.mass_delete_limit and not allow_mass_delete:
            with transaction(self.conn):
                ss.meta_put(self.conn, ss.MASS_DELETE_REFUSED, str(deletions))
            report.mass_delete_refused = deletions
            report.outcome = "needs_attention"
            report.message = (
                f"The server asked to delete {deletions} records from this laptop at once. Nothing was "
                "deleted. Ask your manager or IT to check before syncing further."
            )
            return
        upserts = sorted((r for r in latest.values() if not r.deleted), key=_apply_order)
        deletes = sorted((r for r in latest.values() if r.deleted), key=_apply_order, reverse=True)
        with transaction(self.conn), ss.applying(self.conn):
            for rec in upserts + deletes:
                self._apply(rec, report)
            self._retry_held(report)
            ss.meta_put(self.conn, ss.ASSIGNED, json.dumps(sorted(assigned or [])))
            ss.meta_put(self.conn, ss.MASS_DELETE_REFUSED, None)
        self.hook("applied")  # committed; the cursor is not stored yet
        with transaction(self.conn):
            ss.meta_put(self.conn, ss.CURSOR, str(next_since))
        if assigned is not None:
            mine = set(assigned)
            report.unassigned_children = [
                r[0] for r in self.conn.execute("SELECT id FROM children") if r[0] not in mine
            ]

    def _deletions(self, recs: object) -> int:
        count = 0
        for rec in recs:  # type: ignore[attr-defined]
            rt = records.get(rec.record_type)
            if not rec.deleted or rt is None or not rt.exists(self.conn, rec.record_id):
                continue
            if ss.outbox_row(self.conn, rec.record_type, rec.record_id) is not None:
                continue  # becomes a conflict, not a deletion
            count += 1
            if rec.record_type == "child":  # its visits and people would go with it
                for table in ("people", "visits"):
                    row = self.conn.execute(
                        f"SELECT count(*) FROM {table} WHERE child_id = ?", (rec.record_id,)
                    )
                    count += int(row.fetchone()[0])
        return count

    def _apply(self, rec: p.ServerRecord, report: SyncReport, held_id: int | None = None) -> bool:
        """Apply one server record inside the open transaction. True when applied (or not needed)."""
        conn, rtype, rid = self.conn, rec.record_type, rec.record_id
        server = asdict(rec)
        rt = records.get(rtype)
        if rt is None:
            if held_id is None:
                ss.keep_conflict(
                    conn,
                    "held",
                    rtype,
                    rid,
                    rec.child_id,
                    None,
                    None,
                    server,
                    "This VisitApp does not know this kind of record yet; update VisitApp.",
                )
                report.held += 1
            return False
        known = ss.known(conn, rtype, rid)
        if known is not None and known.version >= rec.version:
            return True
        pending = ss.outbox_row(conn, rtype, rid)
        if pending is not None:
            local = rt.read(conn, rid)
            ss.keep_conflict(
                conn,
                "conflict",
                rtype,
                rid,
                rec.child_id,
                "delete" if local is None else "upsert",
                local,
                server,
                "Changed on this laptop and somewhere else since the last sync.",
            )
            ss.mark_conflict(conn, rtype, rid)
            report.conflicts += pending.state != "conflict"
            return True
        if rt.exists(conn, rid) and rt.locally_frozen(conn, rid):
            ss.keep_conflict(
                conn,
                "signed_off",
                rtype,
                rid,
                rec.child_id,
                None,
                rt.read(conn, rid),
                server,
                "Signed off on this laptop, so it was not changed; the other version is kept beside it.",
            )
            report.conflicts += 1
            return True
        store = records.blob_store()
        if not rec.deleted and rec.body is not None and store is not None:
            for sha in rt.blobs(rec.body):  # fetched after the pull; the record may wait for its bytes
                if not store.has(conn, sha):
                    ss.queue_blob(conn, "down", rec.child_id, sha)
        conn.execute("SAVEPOINT sync_apply")
        try:
            if rec.deleted:
                rt.delete(conn, rid)
            elif rec.body is not None:
                rt.write(conn, rid, rec.body)
            ss.set_known(conn, rtype, rid, rec.child_id, rec.version, rec.signed_off, rec.deleted)
            conn.execute("RELEASE sync_apply")
        except DatabaseError as exc:
            conn.execute("ROLLBACK TO sync_apply")
            conn.execute("RELEASE sync_apply")
            if held_id is None:
                ss.keep_conflict(conn, "held", rtype, rid, rec.child_id, None, None, server, _plain(exc))
                report.held += 1
            return False
        report.received += 1
        return True

    def _retry_held(self, report: SyncReport) -> None:
        for held in ss.open_conflicts(self.conn, "held"):
            try:
                rec = p.ServerRecord.from_wire(held.server_record)
            except (KeyError, TypeError):
                continue
            if self._apply(rec, report, held_id=held.id):
                ss.resolve(self.conn, held.id, "applied")
                report.held = max(0, report.held - 1)

    # 3. Pictures ------------------------------------------------------------------------------------------

    def _upload(self, client: SyncClient, report: SyncReport) -> None:
        """Send the waiting pictures, ``PICTURE_UPLOADS_AT_ONCE`` at a time: while the server writes one to
        disk, the next is already arriving. Only the HTTP calls (``_upload_one``) run on the upload threads;
        the bytes are read, each outcome stored and progress reported here, on the thread that owns the
        connection. At most that many pictures are read ahead, so memory stays bounded (up to 64 MB each)."""
        store = records.blob_store()
        rows = ss.waiting_blobs(self.conn, "up")
        if store is None or not rows:
            return
        shown = _PictureProgress(len(rows), sum(r.length for r in rows), self.progress)
        waiting = iter(rows)
        running: dict[Future[str | None], tuple[ss.BlobRow, int]] = {}
        events: queue.SimpleQueue[_UploadEvent] = queue.SimpleQueue()
        stopped_by: SyncError | None = None
        pool = ThreadPoolExecutor(p.PICTURE_UPLOADS_AT_ONCE, thread_name_prefix="sync-picture")
        finished_cleanly = False
        try:
            while True:
                while stopped_by is None and len(running) < p.PICTURE_UPLOADS_AT_ONCE:
                    row = next(waiting, None)
                    if row is None:
                        break
                    data = self._picture_bytes(store, row, report)
                    if data is None:
                        shown.finished(row, row.length)
                        continue
                    fresh = row.attempts == 0 and row.sent == 0
                    moved = partial(_note_offset, events, row)
                    future = pool.submit(self._upload_one, client, row, data, fresh, moved)
                    running[future] = (row, len(data))
                    future.add_done_callback(events.put)
                if not running:
                    shown.show()
                    break
                event = events.get()
                if isinstance(event, Future):
                    row, length = running.pop(event)
                    try:
                        problem = event.result()
                    except SyncError as exc:  # offline, say: start no more, but keep what the others finish
                        stopped_by = stopped_by or exc
                        shown.forget(row)
                    else:
                        self._upload_finished(row, length, problem, report)
                        shown.finished(row, length)
                else:
                    shown.moved(*event)
                shown.show()
            finished_cleanly = True
        finally:
            # Cancelled or crashed: return at once. The upload threads never touch the connection, and end
            # after their current call (a cancel cuts their sockets; the caller closes the client).
            pool.shutdown(wait=finished_cleanly, cancel_futures=True)
        if stopped_by is not None:
            raise stopped_by

    def _picture_bytes(self, store: records.BlobStore, row: ss.BlobRow, report: SyncReport) -> bytes | None:
        """The picture's bytes, checked, with the attempt counted; None when missing or damaged here."""
        data = store.read(self.conn, row.sha256)
        if not data or hashlib.sha256(data).hexdigest() != row.sha256:
            with transaction(self.conn):
                reason = "This picture is missing or damaged on this laptop."
                ss.update_blob(self.conn, row, state="refused", reason=reason)
            report.refused += 1
            return None
        with transaction(self.conn):
            ss.update_blob(self.conn, row, attempts=row.attempts + 1)
        return data

    def _upload_finished(self, row: ss.BlobRow, length: int, problem: str | None, report: SyncReport) -> None:
        with transaction(self.conn):
            if problem is None:
                ss.update_blob(self.conn, row, state="done", sent=length, reason=None)
                report.pictures_sent += 1
            else:
                ss.update_blob(self.conn, row, state="refused", reason=problem)
                report.refused += 1

    def _upload_one(
        self, client: SyncClient, row: ss.BlobRow, data: bytes, fresh: bool, on: Callable[[int], None]
    ) -> str | None:
        """Send one picture; None when the server holds all of it, else the reason it cannot go. Runs on an
        upload thread: it uses only the client, never the connection."""
        length, offset = len(data), 0
        if not fresh:  # a run before was cut off: ask what arrived
            status = client.picture_status(row.child_id, row.sha256)
            if status.status == 403:
                return "This child is not assigned to you on the server."
            if status.complete:
                return None
            offset = status.offset
        damaged, restarts = 0, 0
        for _ in range(4 * (length // self.chunk_bytes + 8)):
            chunk = data[offset : offset + self.chunk_bytes]
            # A whole picture in one chunk (most are): its SHA-256 is its address, checked when it was read.
            digest = bytes.fromhex(row.sha256) if len(chunk) == length else None
            answer = client.put_chunk(row.child_id, row.sha256, offset, length, chunk, digest)
            self.hook("chunk")
            if answer.status == 200:
                if answer.complete:
                    return None
                offset = answer.offset
                on(offset)
            elif answer.status == 400 and answer.code == "bad_chunk":
                damaged += 1  # damaged on the way: send the same chunk again
                if damaged > 8:
                    raise Offline("Pictures keep arriving damaged at the server; sync will try later.")
            elif answer.status == 409 and answer.code == "wrong_offset":
                offset = answer.offset
            elif answer.status == 409 and answer.code == "hash_mismatch" and restarts < 1:
                restarts, offset = restarts + 1, 0
            elif answer.status == 403:
                return "This child is not assigned to you on the server."
            else:
                return f"The server refused this picture ({answer.code or answer.status})."
        raise Offline("A picture upload did not finish; sync will try again later.")

    def _download(self, client: SyncClient, report: SyncReport) -> None:
        store = records.blob_store()
        rows = ss.waiting_blobs(self.conn, "down")
        if store is None or not rows:
            return
        for index, row in enumerate(rows):
            if not store.has(self.conn, row.sha256):
                data = client.get_picture(row.child_id, row.sha256)
                if data is None or hashlib.sha256(data).hexdigest() != row.sha256:
                    continue  # not complete on the server yet: try next time
                try:
                    with transaction(self.conn):
                        store.write(self.conn, row.child_id, row.sha256, data)
                        ss.update_blob(self.conn, row, state="done", length=len(data))
                except Exception as exc:  # a picture this laptop cannot read: keep going with the rest
                    log.warning("could not store a fetched picture: %s", type(exc).__name__)
                    with transaction(self.conn):
                        ss.update_blob(self.conn, row, state="refused", reason="It could not be read here.")
                    continue
                report.pictures_received += 1
            else:
                with transaction(self.conn):
                    ss.update_blob(self.conn, row, state="done")
            self.progress(SyncProgress("fetching pictures", index + 1, len(rows)))
        if report.pictures_received:  # records that were waiting for these pictures can go in now
            with transaction(self.conn), ss.applying(self.conn):
                self._retry_held(report)


class _PictureProgress:
    """The pictures' progress bar, kept on the run's thread: finished pictures plus the bytes the server holds
    of each running one. It never goes backwards (a picture restarted from 0 would pull it back)."""

    def __init__(self, count: int, total: int, report: Callable[[SyncProgress], None]) -> None:
        self.count, self.total, self.report = count, total, report
        self.done, self.bytes_done = 0, 0  # finished pictures, whatever their outcome
        self._held: dict[ss.BlobRow, int] = {}
        self._shown = (0, 0)

    def moved(self, row: ss.BlobRow, offset: int) -> None:
        self._held[row] = offset

    def finished(self, row: ss.BlobRow, length: int) -> None:
        self.forget(row)
        self.done += 1
        self.bytes_done += length

    def forget(self, row: ss.BlobRow) -> None:
        self._held.pop(row, None)

    def show(self) -> None:
        acknowledged = self.bytes_done + sum(self._held.values())
        now = (self.done, min(self.total, max(self._shown[1], acknowledged)))
        if now != self._shown:
            self._shown = now
            self.report(SyncProgress("pictures", now[0], self.count, now[1], self.total))


# What the upload threads tell the run's thread: (picture, bytes the server holds) after each chunk, then the
# picture's finished future.
_UploadEvent = tuple[ss.BlobRow, int] | Future[str | None]


def _note_offset(events: queue.SimpleQueue[_UploadEvent], row: ss.BlobRow, offset: int) -> None:
    events.put((row, offset))


def _change(row: ss.OutboxRow) -> p.Change:
    assert row.change_id and row.op and row.child_id
    return p.Change(
        change_id=row.change_id,
        record_type=row.record_type,
        record_id=row.record_id,
        child_id=row.child_id,
        base_version=int(row.base_version or 0),
        op="delete" if row.op == "delete" else "upsert",
        body=row.body if row.op != "delete" else None,
        signed_off=row.signed_off,
    )


def _apply_order(rec: p.ServerRecord) -> tuple[int, int]:
    rt = records.get(rec.record_type)
    return (rt.rank if rt else 99, rec.sequence)


def _plain(exc: Exception) -> str:
    text = str(exc).strip().rstrip(".")
    if "FOREIGN KEY" in text.upper():
        return "It belongs to a record this laptop does not have yet; it will be tried again next sync."
    return (text[:1].upper() + text[1:] + ".") if text else "This laptop could not store it."


def _summary(report: SyncReport) -> str:
    parts = []
    if report.conflicts:
        parts.append(f"{report.conflicts} changed in two places: choose which version to keep")
    if report.refused:
        parts.append(f"{report.refused} refused by the server")
    if report.held:
        parts.append(f"{report.held} from the server could not be stored here yet")
    return ("; ".join(parts) + ".") if parts else "Everything is up to date."


__all__ = ["SyncEngine", "SyncError", "SyncProgress", "SyncReport"]
