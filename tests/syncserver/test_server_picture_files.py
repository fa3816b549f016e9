"""Picture bytes in the picture store: where they land, torn files after a power cut, racing uploads, a
complete picture whose file has gone (GET and ``admin check-pictures``), and what broken-off uploads leave."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from pathlib import Path

import httpx
import pytest

from syncserver import accounts, pictures
from syncserver.cli import main
from tests.syncserver.serverkit import LiveServer, Worker, make_worker
from visitapp.sync import protocol as p

CHUNK = 8 * 1024


def picture_url(child: str, sha: str) -> str:
    return f"{p.API_PREFIX}/children/{child}/pictures/{sha}"


def put(
    http: httpx.Client, worker: Worker, url: str, offset: int, chunk: bytes, length: int
) -> httpx.Response:
    headers = {
        **worker.headers,
        p.HEADER_UPLOAD_OFFSET: str(offset),
        p.HEADER_UPLOAD_LENGTH: str(length),
        p.HEADER_CONTENT_DIGEST: p.content_digest_header(chunk),
    }
    return http.put(url, content=chunk, headers=headers)


def upload(http: httpx.Client, worker: Worker, child: str, data: bytes, start: int = 0) -> None:
    """Send chunk by chunk from ``start``, going where each answer's Upload-Offset says, until complete."""
    url = picture_url(child, hashlib.sha256(data).hexdigest())
    offset = start
    for _ in range(10 * (len(data) // CHUNK + 1)):
        r = put(http, worker, url, offset, data[offset : offset + CHUNK], len(data))
        assert r.status_code == 200 or r.json()["error"] == "wrong_offset", r.text
        if r.headers[p.HEADER_UPLOAD_COMPLETE] == "1":
            return
        offset = int(r.headers[p.HEADER_UPLOAD_OFFSET])
    raise AssertionError("the upload never completed")


def upload_state(http: httpx.Client, worker: Worker, url: str) -> tuple[int, int, bool]:
    r = http.head(url, headers=worker.headers)
    return r.status_code, int(r.headers[p.HEADER_UPLOAD_OFFSET]), r.headers[p.HEADER_UPLOAD_COMPLETE] == "1"


def partial_files(server: LiveServer) -> list[Path]:
    folder = server.store.root / "partial"
    return sorted(folder.iterdir()) if folder.exists() else []


def begun_upload(
    server: LiveServer, http: httpx.Client, chunks: int, sent: int
) -> tuple[Worker, bytes, str, str]:
    """Amy begins a picture of ``chunks`` chunks and sends the first ``sent``: ``(amy, data, sha, url)``."""
    amy = make_worker(server.db, "amy")
    data = os.urandom(chunks * CHUNK)
    sha = hashlib.sha256(data).hexdigest()
    url = picture_url(amy.children[0], sha)
    for offset in range(0, sent * CHUNK, CHUNK):
        assert put(http, amy, url, offset, data[offset : offset + CHUNK], len(data)).status_code == 200
    return amy, data, sha, url


def test_bytes_land_in_a_file_not_in_the_database(server: LiveServer) -> None:
    amy = make_worker(server.db, "amy")
    data = os.urandom(5 * CHUNK + 7)
    sha = hashlib.sha256(data).hexdigest()
    with server.client() as http:
        upload(http, amy, amy.children[0], data)
        assert http.get(picture_url(amy.children[0], sha), headers=amy.headers).content == data
    assert server.store.path(sha) == server.store.root / sha[:2] / sha
    assert server.store.path(sha).read_bytes() == data
    assert partial_files(server) == []
    with server.db.transaction() as tx:
        assert tx.one("SELECT length, received, complete FROM pictures") == (len(data), len(data), 1)
        assert tx.scalar("SELECT COUNT(*) FROM legacy_picture_chunks") == 0
    if server.db.dialect == "sqlite":
        db_file = Path(server.db.url.removeprefix("sqlite:///"))
        stored = b"".join(f.read_bytes() for f in db_file.parent.glob(db_file.name + "*"))
        assert data[CHUNK : CHUNK + 64] not in stored


def test_a_partial_file_longer_than_the_database_says_is_cut_back(server: LiveServer) -> None:
    # A chunk written to the file whose transaction never committed (a crash in between): its bytes are
    # not counted, and the next chunk overwrites them.
    with server.client() as http:
        amy, data, sha, url = begun_upload(server, http, chunks=3, sent=2)
        with open(server.store.partial_path(amy.children[0], sha), "ab") as f:
            f.write(os.urandom(2 * CHUNK))  # runs past the picture's end
        assert upload_state(http, amy, url) == (200, 2 * CHUNK, False)
        upload(http, amy, amy.children[0], data, start=2 * CHUNK)
        assert http.get(url, headers=amy.headers).content == data
    assert server.store.path(sha).read_bytes() == data


def test_a_partial_file_that_lost_its_tail_resumes_from_what_it_holds(server: LiveServer) -> None:
    # A power cut lost bytes the database had already counted (chunks before the last are not fsynced).
    with server.client() as http:
        amy, data, sha, url = begun_upload(server, http, chunks=4, sent=3)
        os.truncate(server.store.partial_path(amy.children[0], sha), CHUNK + 100)
        assert upload_state(http, amy, url) == (200, CHUNK + 100, False)
        r = put(http, amy, url, 3 * CHUNK, data[3 * CHUNK :], len(data))  # where the laptop thinks it is
        assert r.status_code == 409 and r.headers[p.HEADER_UPLOAD_OFFSET] == str(CHUNK + 100)
        upload(http, amy, amy.children[0], data, start=CHUNK + 100)
        assert http.get(url, headers=amy.headers).content == data


def test_bytes_torn_inside_a_partial_file_end_in_a_clean_restart(server: LiveServer) -> None:
    with server.client() as http:
        amy, data, sha, url = begun_upload(server, http, chunks=3, sent=2)
        partial = server.store.partial_path(amy.children[0], sha)
        with open(partial, "r+b") as f:
            f.seek(CHUNK + 10)
            f.write(bytes(16))  # zeros where a lost page was, the size unchanged
        r = put(http, amy, url, 2 * CHUNK, data[2 * CHUNK :], len(data))
        assert r.status_code == 409 and r.json()["error"] == "hash_mismatch"
        assert not partial.exists() and not server.store.path(sha).exists()
        assert upload_state(http, amy, url) == (404, 0, False)
        assert http.get(url, headers=amy.headers).status_code == 404
        upload(http, amy, amy.children[0], data)
        assert http.get(url, headers=amy.headers).content == data


@pytest.mark.parametrize("size", [CHUNK // 2, 24 * CHUNK + 5], ids=["one chunk", "many chunks"])
def test_racing_uploads_of_one_picture_end_in_one_correct_file(server: LiveServer, size: int) -> None:
    amy = make_worker(server.db, "amy")  # two laptops of Amy's send the same picture of the same child
    _, code = accounts.create_device(server.db, "amy")
    enrolled = accounts.enrol(server.db, code)
    assert enrolled is not None
    amy_again = Worker(amy.username, amy.worker_id, enrolled[0], enrolled[1], amy.children)
    bob = make_worker(server.db, "bob")  # and Bob sends the same bytes for another child
    data = os.urandom(size)
    sha = hashlib.sha256(data).hexdigest()
    uploaders = [(amy, amy.children[0]), (amy_again, amy.children[0]), (bob, bob.children[0])] * 2
    barrier = threading.Barrier(len(uploaders))
    errors: list[BaseException] = []

    def send(worker: Worker, child: str) -> None:
        try:
            with server.client() as http:
                barrier.wait()
                upload(http, worker, child, data)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=send, args=u) for u in uploaders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert server.store.path(sha).read_bytes() == data
    assert partial_files(server) == []
    with server.db.transaction() as tx:
        rows = tx.all("SELECT child_id, received, complete FROM pictures ORDER BY child_id")
    assert sorted(rows) == sorted([(amy.children[0], len(data), 1), (bob.children[0], len(data), 1)])
    with server.client() as http:
        for worker in (amy, bob):
            assert http.get(picture_url(worker.children[0], sha), headers=worker.headers).content == data


def test_a_lost_file_is_a_clear_error_and_check_pictures_reports_it(
    server: LiveServer, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    amy = make_worker(server.db, "amy", n_children=2)
    good, lost, damaged = (os.urandom(2 * CHUNK) for _ in range(3))
    pairs = (("good", good), ("lost", lost), ("d", damaged))
    with server.client() as http:
        for data in (good, lost, damaged):
            upload(http, amy, amy.children[0], data)
        upload(http, amy, amy.children[1], lost)  # shared by two children: reported for each
    sha = {name: hashlib.sha256(data).hexdigest() for name, data in pairs}
    server.store.path(sha["lost"]).unlink()
    with open(server.store.path(sha["d"]), "r+b") as f:
        f.write(b"\0")
    with server.client() as http, caplog.at_level(logging.ERROR):
        for name in ("lost", "d"):
            r = http.get(picture_url(amy.children[0], sha[name]), headers=amy.headers)
            assert r.status_code == 410 and r.json()["error"] == "picture_missing", r.text
        assert http.get(picture_url(amy.children[0], sha["good"]), headers=amy.headers).content == good
        assert upload_state(http, amy, picture_url(amy.children[0], sha["lost"]))[0] == 200
    assert sha["lost"] in caplog.text and sha["d"] in caplog.text

    args = ["admin", "--database-url", server.db.url, "check-pictures"]
    args += ["--pictures-dir", str(server.store.root)]
    assert main(args) == 1
    out = capsys.readouterr().out
    problems = [line for line in out.splitlines() if line.startswith(("missing", "damaged"))]
    assert len(problems) == 3, out
    assert sum(sha["lost"] in line and line.startswith("missing") for line in problems) == 2
    assert [line for line in problems if sha["d"] in line][0].startswith("damaged: the bytes do not match")
    assert sha["good"] not in out and "3 of 4 complete pictures" in out

    server.store.path(sha["lost"]).write_bytes(lost)  # IT restores the folder
    server.store.path(sha["d"]).write_bytes(damaged)
    assert main(args) == 0
    assert "All 4 complete pictures are present and correct" in capsys.readouterr().out


def _age(path: Path, seconds: float) -> None:
    then = path.stat().st_mtime - seconds
    os.utime(path, (then, then))


def test_leftovers_of_interrupted_uploads_are_swept_and_uploads_in_progress_kept(server: LiveServer) -> None:
    amy = make_worker(server.db, "amy", n_children=3)
    waiting, abandoned, done = (os.urandom(3 * CHUNK) for _ in range(3))
    with server.client() as http:
        for child, data in ((amy.children[0], waiting), (amy.children[1], abandoned)):
            url = picture_url(child, hashlib.sha256(data).hexdigest())
            assert put(http, amy, url, 0, data[:CHUNK], len(data)).status_code == 200  # begun, not finished
        upload(http, amy, amy.children[2], done)
    partial = server.store.root / "partial"
    kept = server.store.partial_path(amy.children[0], hashlib.sha256(waiting).hexdigest())
    given_up = server.store.partial_path(amy.children[1], hashlib.sha256(abandoned).hexdigest())
    orphan = server.store.partial_path(amy.children[2], hashlib.sha256(done).hexdigest())
    orphan.write_bytes(done[:CHUNK])  # as a racing upload of a picture that completed would leave it
    finishing = partial / f"{amy.children[2]}-{hashlib.sha256(done).hexdigest()}.0123abcd.finishing"
    finishing.write_bytes(done)  # the server was killed while it checked a whole picture
    fresh = partial / f"{amy.children[2]}-{'0' * 64}.4567cdef.finishing"
    fresh.write_bytes(b"being checked by another server process right now")
    (partial / "kept-by-someone").mkdir()  # not the server's making: left alone, and no failed start
    for path in (kept, orphan, finishing):
        _age(path, 2 * 3600)
    _age(given_up, 31 * 86400)

    now = time.time()
    assert pictures.sweep_leftovers(server.db, server.store, now) == 3
    assert sorted(partial.iterdir()) == sorted([kept, fresh, partial / "kept-by-someone"])
    assert pictures.sweep_leftovers(server.db, server.store, now) == 0

    with server.client() as http:  # the upload in progress carries on; the abandoned one starts again
        upload(http, amy, amy.children[0], waiting, start=CHUNK)
        url = picture_url(amy.children[1], hashlib.sha256(abandoned).hexdigest())
        assert upload_state(http, amy, url) == (200, 0, False)
        upload(http, amy, amy.children[1], abandoned)
        for child, data in zip(amy.children, (waiting, abandoned, done), strict=True):
            got = http.get(picture_url(child, hashlib.sha256(data).hexdigest()), headers=amy.headers)
            assert got.content == data


def test_a_picture_sent_whole_is_written_in_place_and_replaces_a_file_cut_short(server: LiveServer) -> None:
    amy = make_worker(server.db, "amy", n_children=2)
    first, second = os.urandom(3 * CHUNK), os.urandom(3 * CHUNK)
    torn = server.store.path(hashlib.sha256(second).hexdigest())
    torn.parent.mkdir(parents=True, exist_ok=True)
    torn.write_bytes(second[:CHUNK])  # a crash while this picture was being written in place
    with server.client() as http:
        for child, data in zip(amy.children, (first, second), strict=True):
            url = picture_url(child, hashlib.sha256(data).hexdigest())
            r = put(http, amy, url, 0, data, len(data))
            assert (r.status_code, r.headers[p.HEADER_UPLOAD_COMPLETE]) == (200, "1")
            assert http.get(url, headers=amy.headers).content == data
            if data is first:  # straight under its name: no file of its own in partial/ first
                assert not (server.store.root / "partial").exists()
        # the other child's copy of the first picture: the same file, not disturbed
        url = picture_url(amy.children[1], hashlib.sha256(first).hexdigest())
        assert put(http, amy, url, 0, first, len(first)).status_code == 200
        assert http.get(url, headers=amy.headers).content == first
    for data in (first, second):
        assert server.store.path(hashlib.sha256(data).hexdigest()).read_bytes() == data
    assert partial_files(server) == []


def test_a_picture_whose_write_fails_leaves_no_file_under_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from syncserver import picture_store

    store = picture_store.PictureStore(tmp_path / "pictures")
    data = os.urandom(CHUNK)
    sha = hashlib.sha256(data).hexdigest()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(picture_store.os, "fsync", disk_full)
        with pytest.raises(OSError, match="No space"):
            store.write_in_place(sha, [data])
    assert not store.path(sha).exists()  # so the next upload can write it in place
    assert store.write_in_place(sha, [data])
    assert store.path(sha).read_bytes() == data
    assert not store.write_in_place(sha, [data])  # there already: the caller goes the renaming way
