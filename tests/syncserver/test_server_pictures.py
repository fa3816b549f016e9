"""Picture upload in chunks over real sockets: resume after cuts, damaged chunks, hash checks."""

from __future__ import annotations

import hashlib
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from syncserver.picture_store import PictureStore
from tests.syncserver.serverkit import LiveServer, Worker, make_worker
from visitapp.sync import protocol as p

CHUNK = 8 * 1024


def picture_url(child: str, sha: str) -> str:
    return f"{p.API_PREFIX}/children/{child}/pictures/{sha}"


def raw_put(
    server: LiveServer,
    worker: Worker,
    url: str,
    offset: int,
    chunk: bytes,
    length: int,
    send: int | None = None,
    read_answer: bool = True,
) -> int | None:
    """PUT one chunk over a plain socket. ``send`` < len(chunk) cuts the connection after that many body
    bytes; ``read_answer=False`` cuts it after the whole chunk, before the answer (a lost response)."""
    head = (
        f"PUT {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {worker.token}\r\n"
        f"{p.HEADER_UPLOAD_OFFSET}: {offset}\r\n{p.HEADER_UPLOAD_LENGTH}: {length}\r\n"
        f"{p.HEADER_CONTENT_DIGEST}: {p.content_digest_header(chunk)}\r\n"
        f"Content-Type: application/octet-stream\r\nContent-Length: {len(chunk)}\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(head + chunk[: len(chunk) if send is None else send])
        if send is not None or not read_answer:
            return None
        answer = b""
        while b"\r\n" not in answer:
            data = sock.recv(4096)
            if not data:
                break
            answer += data
    return int(answer.split(b" ", 2)[1])


def head_offset(server: LiveServer, worker: Worker, url: str) -> tuple[int, bool]:
    with server.client() as http:
        r = http.head(url, headers=worker.headers)
    assert r.status_code in (200, 404)
    return int(r.headers[p.HEADER_UPLOAD_OFFSET]), r.headers[p.HEADER_UPLOAD_COMPLETE] == "1"


def _after_lost_answer(
    server: LiveServer, worker: Worker, url: str, before: int, after: int
) -> tuple[int, bool]:
    """HEAD after a chunk whose answer was lost: ``before`` if the server has not stored it (yet: a resend
    may then meet ``409 wrong_offset``), ``after`` once it has. While the server checks a picture's last
    chunk, HEAD answers only what it can vouch for, which may be less (even 0: see docs/sync-protocol.md),
    so ask again until that check is over."""
    deadline = time.monotonic() + 10
    while True:
        offset, complete = head_offset(server, worker, url)
        if offset in (before, after) or time.monotonic() > deadline:
            return offset, complete
        time.sleep(0.01)


def test_upload_resumes_after_cuts_everywhere(server: LiveServer) -> None:
    amy = make_worker(server.db, "amy")
    data = os.urandom(8 * CHUNK + 123)
    sha = hashlib.sha256(data).hexdigest()
    url = picture_url(amy.children[0], sha)
    attempts = 0
    for start in range(0, len(data), CHUNK):
        chunk = data[start : start + CHUNK]
        # Before this chunk lands: cut after 0 bytes, 1 byte, half, all but one, and after all (answer lost).
        for send in (0, 1, len(chunk) // 2, len(chunk) - 1):
            offset, _ = head_offset(server, amy, url)
            assert offset == start
            raw_put(server, amy, url, offset, data[offset : offset + CHUNK], len(data), send=send)
            attempts += 1
        offset, _ = head_offset(server, amy, url)
        assert offset == start, "a cut chunk must leave nothing behind"
        raw_put(server, amy, url, offset, chunk, len(data), read_answer=False)
        end = start + len(chunk)
        offset, complete = _after_lost_answer(server, amy, url, start, end)
        for _ in range(10):  # as the laptop does: carry on from what the server says it holds
            if offset == end:
                break
            assert raw_put(server, amy, url, offset, data[offset : offset + CHUNK], len(data)) in (200, 409)
            offset, complete = _after_lost_answer(server, amy, url, start, end)
        assert offset == end
    assert complete and attempts == 5 * 9 - 9
    with server.client() as http:
        r = http.get(url, headers=amy.headers)
    assert r.status_code == 200 and hashlib.sha256(r.content).hexdigest() == sha


def test_corrupted_chunk_is_refused_and_resent(server: LiveServer) -> None:
    amy = make_worker(server.db, "amy")
    data = os.urandom(3 * CHUNK)
    sha = hashlib.sha256(data).hexdigest()
    url = picture_url(amy.children[0], sha)
    with server.client() as http:

        def put(offset: int, body: bytes, digest_of: bytes) -> int:
            headers = {
                **amy.headers,
                p.HEADER_UPLOAD_OFFSET: str(offset),
                p.HEADER_UPLOAD_LENGTH: str(len(data)),
                p.HEADER_CONTENT_DIGEST: p.content_digest_header(digest_of),
            }
            return http.put(url, content=body, headers=headers).status_code

        assert put(0, data[:CHUNK], data[:CHUNK]) == 200
        damaged = bytearray(data[CHUNK : 2 * CHUNK])
        damaged[100] ^= 0xFF
        assert put(CHUNK, bytes(damaged), data[CHUNK : 2 * CHUNK]) == 400
        assert head_offset(server, amy, url) == (CHUNK, False)
        assert put(CHUNK, data[CHUNK : 2 * CHUNK], data[CHUNK : 2 * CHUNK]) == 200
        assert put(0, data[:CHUNK], data[:CHUNK]) == 409  # wrong offset: told where to resume
        assert http.get(url, headers=amy.headers).status_code == 404  # not complete yet
        assert put(2 * CHUNK, data[2 * CHUNK :], data[2 * CHUNK :]) == 200
        assert head_offset(server, amy, url) == (len(data), True)
        assert put(0, data[:CHUNK], data[:CHUNK]) == 200  # already complete: harmless
        assert http.get(url, headers=amy.headers).content == data


def test_a_picture_sent_whole_completes_an_upload_begun_in_chunks(server: LiveServer) -> None:
    """A laptop that started in chunks and then sends the whole picture at once (its chunk size changed, or
    it lost track) is not sent back to the offset: whole bytes that match the address are the picture."""
    amy = make_worker(server.db, "amy", n_children=2)
    data = os.urandom(3 * CHUNK)
    sha = hashlib.sha256(data).hexdigest()
    url = picture_url(amy.children[0], sha)
    assert raw_put(server, amy, url, 0, data[:CHUNK], len(data)) == 200
    assert head_offset(server, amy, url) == (CHUNK, False)
    assert raw_put(server, amy, url, 0, data, len(data)) == 200
    assert head_offset(server, amy, url) == (len(data), True)
    assert not server.store.partial_path(amy.children[0], sha).exists()
    # The same for another child whose upload of this picture stopped part way, with its file already here.
    other = amy.children[1]
    other_url = picture_url(other, sha)
    assert raw_put(server, amy, other_url, 0, data[:CHUNK], len(data)) == 200
    assert raw_put(server, amy, other_url, 0, data, len(data)) == 200
    assert head_offset(server, amy, other_url) == (len(data), True)
    assert not server.store.partial_path(other, sha).exists()
    with server.client() as http:
        assert http.get(url, headers=amy.headers).content == data
        assert http.get(other_url, headers=amy.headers).content == data


def test_bytes_that_do_not_match_the_address_are_discarded(server: LiveServer) -> None:
    amy = make_worker(server.db, "amy")
    data = os.urandom(2 * CHUNK)
    wrong_sha = hashlib.sha256(b"something else").hexdigest()
    url = picture_url(amy.children[0], wrong_sha)
    assert raw_put(server, amy, url, 0, data[:CHUNK], len(data)) == 200
    assert raw_put(server, amy, url, CHUNK, data[CHUNK:], len(data)) == 409
    assert head_offset(server, amy, url) == (0, False)
    assert not server.store.partial_path(amy.children[0], wrong_sha).exists()
    assert not server.store.path(wrong_sha).exists()


@pytest.mark.parametrize(
    "headers, status",
    [
        ({p.HEADER_CONTENT_DIGEST: "md5=:AAAA:"}, 400),
        ({p.HEADER_UPLOAD_LENGTH: str(p.MAX_PICTURE_BYTES + 1)}, 422),
        ({p.HEADER_UPLOAD_OFFSET: "-1"}, 422),
        ({p.HEADER_UPLOAD_LENGTH: "10"}, 409),  # the chunk is longer than the whole picture
    ],
)
def test_bad_upload_headers_are_refused(
    sqlite_server: LiveServer, headers: dict[str, str], status: int
) -> None:
    amy = make_worker(sqlite_server.db, "amy")
    data = os.urandom(100)
    url = picture_url(amy.children[0], hashlib.sha256(data).hexdigest())
    base = {
        **amy.headers,
        p.HEADER_UPLOAD_OFFSET: "0",
        p.HEADER_UPLOAD_LENGTH: str(len(data)),
        p.HEADER_CONTENT_DIGEST: p.content_digest_header(data),
    }
    with sqlite_server.client() as http:
        assert http.put(url, content=data, headers={**base, **headers}).status_code == status


def test_oversized_chunk_is_refused(sqlite_server: LiveServer) -> None:
    amy = make_worker(sqlite_server.db, "amy")
    data = b"\0" * (p.MAX_CHUNK_BYTES + 1)
    url = picture_url(amy.children[0], hashlib.sha256(data).hexdigest())
    headers = {
        **amy.headers,
        p.HEADER_UPLOAD_OFFSET: "0",
        p.HEADER_UPLOAD_LENGTH: str(len(data)),
        p.HEADER_CONTENT_DIGEST: p.content_digest_header(data),
    }
    with sqlite_server.client() as http:
        assert http.put(url, content=data, headers=headers).status_code == 413


def test_following_head_while_the_last_chunk_is_checked_is_safe(
    server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last chunk's answer is lost while the server checks the whole picture; the client asks HEAD
    then and follows it from wherever it says (down to 0). Nothing is lost or spoiled: the picture completes
    and the client is told so."""
    amy = make_worker(server.db, "amy")
    data = os.urandom(2 * CHUNK + 5)
    sha = hashlib.sha256(data).hexdigest()
    url = picture_url(amy.children[0], sha)
    for start in (0, CHUNK):
        assert raw_put(server, amy, url, start, data[start : start + CHUNK], len(data)) == 200
    checking, go_on = threading.Event(), threading.Event()
    whole_hash = PictureStore.file_sha256

    def slow_check(store: PictureStore, path: Path) -> str:
        checking.set()
        assert go_on.wait(10)
        return whole_hash(store, path)

    monkeypatch.setattr(PictureStore, "file_sha256", slow_check)
    last = threading.Thread(target=raw_put, args=(server, amy, url, 2 * CHUNK, data[2 * CHUNK :], len(data)))
    last.start()
    assert checking.wait(10)
    offset, complete = head_offset(server, amy, url)
    assert not complete and offset <= 2 * CHUNK  # only what the server can vouch for
    # The client carries on from there while the check goes on: stored beside it, harmlessly.
    assert raw_put(server, amy, url, offset, data[offset : offset + CHUNK], len(data)) == 200
    go_on.set()
    last.join(10)
    offset, complete = head_offset(server, amy, url)
    assert complete and offset == len(data)
    with server.client() as http:
        r = http.get(url, headers=amy.headers)
    assert r.status_code == 200 and r.content == data
    assert not list((server.store.root / "partial").iterdir())  # nothing left behind
