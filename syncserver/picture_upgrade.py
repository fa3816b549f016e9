"""Moving picture bytes that schema version 1 kept in the database into the picture store.

Run after the migrations whenever the server knows its picture store (``serve``, ``admin migrate``,
``admin check-pictures``). One picture at a time, each in its own transaction under its row lock: the bytes
are written (and, for a complete picture, made durable) before their rows are deleted, so a crash part way
loses nothing and the next start carries on. Several servers starting at once share the work.
"""

from __future__ import annotations

import hashlib
import logging

from syncserver.db import Database
from syncserver.picture_store import PictureStore

log = logging.getLogger(__name__)


def move_legacy_chunks(db: Database, store: PictureStore) -> tuple[int, list[str]]:
    """``(pictures moved, SHA-256s left in the database)``. A complete picture whose chunks do not hash to
    its address is left where it is (and reported) rather than published damaged."""
    with db.transaction() as tx:
        keys = tx.all("SELECT DISTINCT child_id, sha256 FROM legacy_picture_chunks ORDER BY child_id, sha256")
    moved, left = 0, []
    for child_id, sha256 in keys:
        with db.transaction(write=True) as tx:
            row = tx.one(
                "SELECT length, complete FROM pictures WHERE child_id = ? AND sha256 = ?" + tx.for_update,
                (child_id, sha256),
            )
            chunks = tx.all(
                "SELECT start_at, data FROM legacy_picture_chunks WHERE child_id = ? AND sha256 = ?"
                " ORDER BY start_at",
                (child_id, sha256),
            )
            if not chunks:
                continue  # another server moved them meanwhile
            parts = [bytes(data) for _, data in chunks]  # version 1 kept them end to end from 0
            if row is not None and row[1]:
                whole = hashlib.sha256()
                for part in parts:
                    whole.update(part)
                if whole.hexdigest() != sha256 or sum(map(len, parts)) != int(row[0]):
                    log.error("picture %s (child %s): its stored chunks are damaged", sha256, child_id)
                    left.append(str(sha256))
                    continue
                store.publish(store.new_private_file(child_id, sha256, parts), sha256)
            elif row is not None:  # an unfinished upload: unsynced, like any chunk before the last
                store.write_partial(child_id, sha256, 0, parts)
            # (chunks without a row belong to no picture: they just go)
            tx.execute(
                "DELETE FROM legacy_picture_chunks WHERE child_id = ? AND sha256 = ?", (child_id, sha256)
            )
            moved += 1
    return moved, left
