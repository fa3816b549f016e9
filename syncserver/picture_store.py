"""The folder that holds pictures' bytes. The database holds what they are and who may see them.

Layout: a finished picture is ``<root>/<sha[:2]>/<sha>``, named by its content, so two children with the
same picture share one file (authorisation is on the database rows). An upload in progress is
``<root>/partial/<child_id>-<sha>``, one per child and picture; callers hold that picture's database row
lock while they touch it. A whole upload moves to a name of its own (``partial/….finishing``) to be checked
and fsynced without the lock, then is renamed into place (everything is on one file system). A picture
sent whole in one request (the usual case) is written straight under its final name when none is there.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path

from syncserver.direct_write import write_new_file
from visitapp.store.files import fsync_folder

READ_BLOCK = 1024 * 1024


class PictureStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def partial_path(self, child_id: str, sha256: str) -> Path:
        return self.root / "partial" / f"{child_id}-{sha256}"

    def partial_size(self, child_id: str, sha256: str) -> int:
        try:
            return self.partial_path(child_id, sha256).stat().st_size
        except FileNotFoundError:
            return 0

    def write_partial(self, child_id: str, sha256: str, offset: int, chunks: Iterable[bytes]) -> None:
        """Write ``chunks`` from ``offset`` on, first cutting off anything after ``offset`` (a tail the
        database never counted). Not fsynced: see ``pictures.put_chunk``."""
        path = self.partial_path(child_id, sha256)
        _make_dir(path.parent)
        with os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT, 0o600), "r+b") as out:
            out.truncate(offset)
            out.seek(offset)
            for chunk in chunks:
                out.write(chunk)

    def new_private_file(self, child_id: str, sha256: str, chunks: Iterable[bytes]) -> Path:
        """``chunks`` in a file of its own in ``partial/``, that no other request knows the name of."""
        path = self._private_path(child_id, sha256)
        _make_dir(path.parent)
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
            for chunk in chunks:
                out.write(chunk)
        return path

    def write_in_place(self, sha256: str, chunks: Sequence[bytes]) -> bool:
        """Write a whole picture (``chunks`` one after another), already checked against its SHA-256,
        straight under its final name and make it durable; False (nothing written) if a file is there
        already. One folder entry, made with the file, so the fsync that makes the bytes durable takes the
        entry with it, where renaming a finished file into place would need a second. Until the database
        marks it complete nobody reads it, and a file cut short by a crash is replaced by the next upload
        (through ``publish``, which renames)."""
        final = self.path(sha256)
        if not final.parent.is_dir():
            self.make_folders()
        try:
            fd = os.open(final, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return False
        try:
            try:
                write_new_file(fd, chunks)  # past the page cache where it can: see direct_write
                os.fsync(fd)
            finally:
                os.close(fd)
        except BaseException:
            final.unlink(missing_ok=True)  # ours alone (O_EXCL made it): a disk that filled up, say
            raise
        fsync_folder(final.parent)
        return True

    def detach_partial(self, child_id: str, sha256: str) -> Path:
        """Rename a finished upload's partial file to a name of its own, so it can be checked and published
        without holding the row lock (a new upload of the same picture would start a new partial file)."""
        path = self._private_path(child_id, sha256)
        os.replace(self.partial_path(child_id, sha256), path)
        return path

    def _private_path(self, child_id: str, sha256: str) -> Path:
        return self.root / "partial" / f"{child_id}-{sha256}.{uuid.uuid4().hex}.finishing"

    def file_sha256(self, path: Path) -> str:
        return _sha256_of(path)

    def publish(self, finished: Path, sha256: str) -> None:
        """Make a finished upload durable under its SHA-256: fsync the file, rename it into place, fsync the
        folder. Once this returns, a power cut cannot take the picture away."""
        final = self.path(sha256)
        with open(finished, "rb") as f:
            os.fsync(f.fileno())
        if not final.parent.is_dir():
            self.make_folders()
        os.replace(finished, final)  # the same bytes for another child may be there already: same content
        fsync_folder(final.parent)

    def make_folders(self) -> None:
        """All 256 ``<sha[:2]>`` folders at once, with one fsync, rather than one fsync each as pictures
        first land in them."""
        _make_dir(self.root)
        for prefix in range(256):
            (self.root / f"{prefix:02x}").mkdir(mode=0o700, exist_ok=True)
        fsync_folder(self.root)

    def leftovers(self) -> list[tuple[Path, float, tuple[str, str] | None]]:
        """Every file in ``partial/``: ``(path, mtime, (child_id, sha256))`` for an upload in progress,
        ``None`` in place of the pair for a ``.finishing`` file (or any other name)."""
        try:
            entries = list(os.scandir(self.root / "partial"))
        except FileNotFoundError:
            return []
        found = []
        for entry in entries:
            if not entry.is_file(follow_symlinks=False):
                continue  # the server only ever makes files here; anything else is someone's, left alone
            child_id, _, sha256 = entry.name.rpartition("-")
            pair = (child_id, sha256) if len(sha256) == 64 and "." not in sha256 and child_id else None
            try:
                found.append((Path(entry.path), entry.stat().st_mtime, pair))
            except FileNotFoundError:
                continue  # finished or discarded while we looked
        return found

    def discard_partial(self, child_id: str, sha256: str) -> None:
        self.partial_path(child_id, sha256).unlink(missing_ok=True)

    def read(self, sha256: str) -> bytes | None:
        try:
            return self.path(sha256).read_bytes()
        except FileNotFoundError:
            return None

    def inspect(self, sha256: str) -> tuple[int, str] | None:
        """``(size, SHA-256)`` of the file stored under ``sha256`` as it is on disk, or None if missing."""
        try:
            path = self.path(sha256)
            return path.stat().st_size, _sha256_of(path)
        except FileNotFoundError:
            return None


def _sha256_of(path: Path) -> str:
    whole = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(READ_BLOCK):
            whole.update(block)
    return whole.hexdigest()


def _make_dir(path: Path) -> None:
    """Create a folder (and its parents) readable only by the server's account; a new folder's entry is
    fsynced too, so a picture renamed into it cannot vanish with it."""
    if path.is_dir():
        return
    _make_dir(path.parent)
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:
        return
    fsync_folder(path.parent)
